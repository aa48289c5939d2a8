"""The result of auditing one or more files."""

from __future__ import annotations

import json
from collections import Counter

import attrs

from auditor.extract.coverage import Coverage
from auditor.finding import Finding
from auditor.report.controls import json_safe

NOTHING_RECOGNISED = "未识别出任何正文数字、报表或绩效自评表，未做任何核对（不是决算公开，或其版式无法识别）"


@attrs.frozen
class FileResult:
    """A file that was given to the auditor: how it was decoded, or why it could not be read.

    ``text`` is the text that findings' lines and columns count in (a .docx or .xlsx
    rendered as text), kept so that a report can show the document around a finding.
    It is not part of the JSON: a report file should not carry the whole document.
    """

    path: str
    encoding: str
    error: str | None = None
    text: str | None = attrs.field(default=None, eq=False, repr=False)
    coverage: Coverage | None = None  # None when the file could not be audited
    internal: bool = False  # the error is a bug of the auditor (内部错误), not a fault of the file
    # what the reader repaired or skipped (replaced bytes, a PDF page without text, a skipped file)
    notes: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    skipped: bool = False  # a file of a known format the auditor cannot read, named rather than ignored

    def to_dict(self) -> dict:
        data = {"path": self.path, "encoding": self.encoding, "error": self.error}
        if self.internal:
            data["internal"] = True
        if self.skipped:
            data["skipped"] = True
        if self.coverage is not None:
            data["coverage"] = self.coverage.to_dict()
        if self.notes:
            data["notes"] = list(self.notes)
        return data


@attrs.frozen
class Interruption:
    """A run stopped by Ctrl-C: ``done`` of its ``total`` files were audited, and the report holds only those."""

    done: int
    total: int

    def to_dict(self) -> dict:
        return {"done": self.done, "total": self.total}

    def sentence(self) -> str:
        """What every format says of a partial report."""
        return f"已中断：{self.total} 个文件中完成了 {self.done} 个，本报告只含这些文件 (interrupted: {self.done} of {self.total} files)"


@attrs.frozen
class Report:
    """Findings in document order, and the files they come from.

    Findings follow the files: those of ``files[0]`` first, each file's in the order of
    their places in it (findings in a file not listed come last, by path). A report of a
    folder written as it goes (``auditor check DIR``) therefore has exactly the order of
    the in-memory report of the same files.

    Deliberately has no ``__bool__``: say ``report.ok`` (no errors) so that an
    empty report and a clean report are never confused.
    """

    findings: tuple[Finding, ...] = attrs.field(converter=tuple)
    files: tuple[FileResult, ...] = attrs.field(default=(), converter=tuple)
    hidden: tuple[Finding, ...] = attrs.field(default=(), converter=tuple)  # accepted by a baseline, not shown
    interrupted: Interruption | None = None  # set on the report of a run stopped by Ctrl-C

    def __attrs_post_init__(self) -> None:
        order: dict[str, int] = {}
        for index, file in enumerate(self.files):
            order.setdefault(file.path, index)
        unlisted = len(self.files)
        ordered = sorted(self.findings, key=lambda f: (order.get(f.location.path, unlisted), f.sort_key))
        object.__setattr__(self, "findings", tuple(ordered))

    def __repr__(self) -> str:
        """One line: ``<Report 1 个文件：3 个错误，2 个警告，0 个提示>`` (the findings are in ``.findings``)."""
        counts = self.counts()
        unreadable = f"，{len(self.unreadable)} 个无法读取" if self.unreadable else ""
        return (f"<Report {len(self.files)} 个文件：{counts['error']} 个错误，{counts['warning']} 个警告，"
                f"{counts['info']} 个提示{unreadable}>")

    def __bool__(self) -> bool:
        raise TypeError("a Report has no truth value: use report.ok, report.errors or report.findings")

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def unreadable(self) -> tuple[FileResult, ...]:
        return tuple(f for f in self.files if f.error is not None)

    @property
    def ok(self) -> bool:
        """True when no file had an error finding and every file could be read."""
        return not self.errors and not self.unreadable

    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    @classmethod
    def combine(cls, reports, interrupted: Interruption | None = None) -> Report:
        reports = list(reports)
        return cls(
            findings=[f for r in reports for f in r.findings],
            files=[fr for r in reports for fr in r.files],
            hidden=[f for r in reports for f in r.hidden],
            interrupted=interrupted,
        )

    def to_dict(self) -> dict:
        data = {
            "findings": [f.to_dict() for f in self.findings],
            "files": [f.to_dict() for f in self.files],
        }
        data.update(trailer(len(self.hidden), self.interrupted))
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json_safe(json.dumps(self.to_dict(), ensure_ascii=False, indent=indent))

    def tally(self) -> Tally:
        tally = Tally()
        tally.add(self)
        return tally

    def to_records(self) -> list[dict]:
        """One flat dict per finding, so that ``pandas.DataFrame(report.to_records())`` just works."""
        return [f.to_record() for f in self.findings]

    def to_sarif(self) -> dict:
        """The report as a SARIF 2.1.0 log (a dict; ``json.dumps`` it to write a .sarif file)."""
        from auditor.report.sarif import to_sarif

        return to_sarif(self)

    def to_html(self) -> str:
        """A self-contained HTML page: summary, findings with their figures, and the documents."""
        from auditor.report.html import format_html

        return format_html(self)

    def _repr_html_(self) -> str:
        from auditor.report.notebook import notebook_html

        return notebook_html(self)


def trailer(hidden: int, interrupted: Interruption | None) -> dict:
    """The JSON members after ``files``: how many findings a baseline hid, and whether the run was cut short."""
    data: dict = {}
    if hidden:
        data["baselined"] = hidden
    if interrupted is not None:
        data["interrupted"] = interrupted.to_dict()
    return data


@attrs.define
class Tally:
    """What a report's summary line and exit status need, added up file by file as a run goes.

    A folder's report is written as each file is done and then let go; this is all that
    is kept of it until the end.
    """

    severities: Counter = attrs.Factory(Counter)
    files: int = 0
    skipped: int = 0
    unreadable: int = 0
    internal: int = 0  # of the unreadable: a bug of the auditor, not a fault of the file
    blank: int = 0  # read, but nothing recognised in it
    unchecked: list = attrs.Factory(list)  # (path, why) of files read but mostly unchecked: no pass under --strict
    hidden: int = 0

    def add(self, report: Report) -> None:
        self.severities.update(f.severity for f in report.findings)
        self.hidden += len(report.hidden)
        for file in report.files:
            self.files += 1
            self.skipped += file.skipped
            self.unreadable += file.error is not None
            self.internal += file.error is not None and file.internal
            self.blank += bool(file.coverage and file.coverage.nothing_recognised)
            if file.coverage and not file.coverage.nothing_recognised and file.coverage.mostly_unchecked:
                self.unchecked.append((file.path, file.coverage.unchecked()))
