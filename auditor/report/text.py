"""The plain-text report: one ``path:line:col:`` line per finding, as compilers print them.

Editors and terminals turn ``path:line:col:`` into a link, and ``grep``/``sort``
work on it, so each finding stays on exactly one line. Each file's lines come together
(its findings, then what could not be read, its notes and what its check covered), so a
folder's report is printed file by file as each is done. A run over several files ends
with a table of them, so a batch shows at a glance which documents need work, and every
report ends with a summary line (and, when Ctrl-C stopped the run, a line saying so).
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from auditor.finding import SEVERITY_ZH, Finding
from auditor.report.controls import visible
from auditor.report.results import NOTHING_RECOGNISED, FileResult, Interruption, Tally
from auditor.report.stream import ReportWriter

if TYPE_CHECKING:
    from auditor.report.report import Report

_PLAIN_ENCODINGS = ("utf-8", "utf-8-sig", "docx", "xlsx", "pdf")


def format_text(report: Report) -> str:
    """Each file's findings and notes, a file table (several files), a summary (and the interruption, if any)."""
    out = io.StringIO()
    writer = TextWriter(out)
    writer.add(report)
    writer.finish(report.interrupted)
    return out.getvalue()


class TextWriter(ReportWriter):
    """Writes each file's lines as it is done; keeps one table row per file for the end."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._rows: list[list[str]] = []

    def _add(self, report: Report) -> None:
        lines: list[str] = []
        listed = {file.path for file in report.files}
        lines += [_finding_line(f) for f in report.findings if f.location.path not in listed]  # a hand-built report's
        shown: set[str] = set()
        for file in report.files:
            if file.path not in shown:
                shown.add(file.path)
                lines += [_finding_line(f) for f in report.findings if f.location.path == file.path]
            lines += _file_lines(file)
        counts = Counter((f.location.path, f.severity) for f in report.findings)
        self._rows += [_row_cells(file, counts) for file in report.files]
        if lines:
            self.out.write("\n".join(lines) + "\n")

    def finish(self, interrupted: Interruption | None = None) -> None:
        lines = ["", *file_table(self._rows), ""] if len(self._rows) > 1 else []
        lines.append(summary_line(self.tally))
        if interrupted is not None:
            lines.append(interrupted.sentence())
        self.out.write("\n".join(lines) + "\n")


def _file_lines(file: FileResult) -> list[str]:
    """What a file's own lines say: it could not be read, nothing was recognised, its notes, its coverage, its encoding."""
    path = visible(file.path)
    lines = [_unreadable_line(file)] if file.error is not None else []
    if file.coverage and file.coverage.nothing_recognised:
        lines.append(f"{path}: {SEVERITY_ZH['warning']} {NOTHING_RECOGNISED}")
    lines += [f"{path}: 提示 {_one_line(note)}" for note in file.notes]
    if file.coverage is not None:
        lines.append(f"{path}: 核对范围：{_one_line(file.coverage.summary())}")
    if file.error is None and not file.skipped and file.encoding not in _PLAIN_ENCODINGS:
        lines.append(f"{path}: 按 {file.encoding} 编码读取")
    return lines


def _row_cells(file: FileResult, counts: Counter) -> list[str]:
    """One file's row: its errors, warnings and notes, or that it could not be read."""
    numbers = [str(counts[file.path, s]) if file.error is None and not file.skipped else "-" for s in ("error", "warning", "info")]
    if file.skipped:
        status = "已跳过（原因见上）"
    elif file.error:
        status = "内部错误（请报告）" if file.internal else "无法读取（原因见上）"
    elif counts[file.path, "error"]:
        status = "有错误"
    else:
        status = "未识别任何内容" if file.coverage and file.coverage.nothing_recognised else "通过"
    return [visible(file.path), *numbers, status]


def file_table(rows: list[list[str]]) -> list[str]:
    """The rows under a header, the name left-aligned and the counts right-aligned."""
    header = ["文件", "错误", "警告", "提示", "状态"]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(4)]
    return [_row(row, widths) for row in [header, *rows]]


def _row(cells: list[str], widths: list[int]) -> str:
    """Left-align the name, right-align the counts, by display width (a CJK character takes two columns)."""
    name = cells[0] + " " * (widths[0] - _width(cells[0]))
    numbers = [" " * (w - _width(c)) + c for c, w in zip(cells[1:4], widths[1:], strict=True)]
    return "  ".join([name, *numbers, cells[4]]).rstrip()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _unreadable_line(result: FileResult) -> str:
    """A file that could not be audited: its reason, or the internal error it hit (which is ours, not the file's)."""
    if result.internal:
        return f"{visible(result.path)}: {SEVERITY_ZH['error']} {_one_line(result.error)}"
    return f"{visible(result.path)}: {SEVERITY_ZH['error']} 无法读取：{_one_line(result.error)}"


def _finding_line(finding: Finding) -> str:
    return f"{visible(finding.location.display())}: {finding.severity} [{finding.rule}] {_one_line(finding.message)}"


def _one_line(text: str) -> str:
    """Collapse line breaks so a message never spills onto a line of its own; show controls as escapes."""
    return visible(" ".join(text.splitlines()))


def summary_line(tally: Tally) -> str:
    """``共检查 3 个文件：2 个错误，1 个警告``, plus 提示 and unreadable files when there are any."""
    counts = tally.severities
    parts = [f"{counts['error']} 个{SEVERITY_ZH['error']}", f"{counts['warning']} 个{SEVERITY_ZH['warning']}"]
    if counts["info"]:
        parts.append(f"{counts['info']} 个{SEVERITY_ZH['info']}")
    unreadable = tally.unreadable - tally.internal
    if unreadable:
        parts.append(f"{unreadable} 个文件无法读取")
    if tally.internal:
        parts.append(f"{tally.internal} 个文件内部错误（请报告）")
    if tally.skipped:
        parts.append(f"{tally.skipped} 个文件已跳过")
    if tally.blank:
        parts.append(f"{tally.blank} 个文件未识别任何内容")
    if tally.hidden:
        parts.append(f"另有 {tally.hidden} 条已列入基线，未显示")
    return f"共检查 {tally.files - tally.skipped} 个文件：{'，'.join(parts)}"
