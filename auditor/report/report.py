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
class Report:
    """Findings in document order, and the files they come from.

    Deliberately has no ``__bool__``: say ``report.ok`` (no errors) so that an
    empty report and a clean report are never confused.
    """

    findings: tuple[Finding, ...] = attrs.field(converter=lambda fs: tuple(sorted(fs, key=lambda f: f.sort_key)))
    files: tuple[FileResult, ...] = attrs.field(default=(), converter=tuple)
    hidden: tuple[Finding, ...] = attrs.field(default=(), converter=tuple)  # accepted by a baseline, not shown

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
    def combine(cls, reports) -> Report:
        reports = list(reports)
        return cls(
            findings=[f for r in reports for f in r.findings],
            files=[fr for r in reports for fr in r.files],
            hidden=[f for r in reports for f in r.hidden],
        )

    def to_dict(self) -> dict:
        data = {
            "findings": [f.to_dict() for f in self.findings],
            "files": [f.to_dict() for f in self.files],
        }
        if self.hidden:
            data["baselined"] = len(self.hidden)
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json_safe(json.dumps(self.to_dict(), ensure_ascii=False, indent=indent))

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
