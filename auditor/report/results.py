"""What a run keeps of each file it was given (FileResult), why a run stopped short, and the running tally.

These are what every formatter needs besides the findings; they sit below the Report
(``report.py``) so that a formatter imports them without importing the Report that calls it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from auditor.extract.coverage import Coverage
    from auditor.report.report import Report

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
