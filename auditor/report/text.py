"""The plain-text report: one ``path:line:col:`` line per finding, as compilers print them.

Editors and terminals turn ``path:line:col:`` into a link, and ``grep``/``sort``
work on it, so each finding stays on exactly one line. A run over several files
ends with a table of them, so a batch shows at a glance which documents need work.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from auditor.report.finding import SEVERITY_ZH, Finding
from auditor.report.report import Report


def format_text(report: Report) -> str:
    """Findings in document order, the files that could not be read, files not in UTF-8, a file table, a summary."""
    lines = [_finding_line(f) for f in report.findings]
    lines += [f"{r.path}: {SEVERITY_ZH['error']} 无法读取：{_one_line(r.error)}" for r in report.unreadable]
    lines += [f"{r.path}: {SEVERITY_ZH['info']} {_one_line(note)}" for r in report.files for note in r.notes]
    lines += [
        f"{r.path}: 按 {r.encoding} 编码读取"
        for r in report.files
        if r.error is None and r.encoding not in ("utf-8", "utf-8-sig", "docx", "xlsx", "pdf")
    ]
    if len(report.files) > 1:
        lines += ["", *file_table(report), ""]
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def file_table(report: Report) -> list[str]:
    """One row per file: its errors, warnings and notes, or that it could not be read."""
    counts = Counter((f.location.path, f.severity) for f in report.findings)
    header = ["文件", "错误", "警告", "提示", "状态"]
    rows = []
    for r in report.files:
        numbers = [str(counts[r.path, s]) if r.error is None else "-" for s in ("error", "warning", "info")]
        status = "无法读取（原因见上）" if r.error else ("有错误" if counts[r.path, "error"] else "通过")
        rows.append([r.path, *numbers, status])
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(4)]
    return [_row(row, widths) for row in [header, *rows]]


def _row(cells: list[str], widths: list[int]) -> str:
    """Left-align the name, right-align the counts, by display width (a CJK character takes two columns)."""
    name = cells[0] + " " * (widths[0] - _width(cells[0]))
    numbers = [" " * (w - _width(c)) + c for c, w in zip(cells[1:4], widths[1:], strict=True)]
    return "  ".join([name, *numbers, cells[4]]).rstrip()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _finding_line(finding: Finding) -> str:
    return f"{finding.location.display()}: {finding.severity} [{finding.rule}] {_one_line(finding.message)}"


def _one_line(text: str) -> str:
    """Collapse line breaks so a message never spills onto a line of its own."""
    return " ".join(text.splitlines())


def _summary(report: Report) -> str:
    """``共检查 3 个文件：2 个错误，1 个警告``, plus 提示 and unreadable files when there are any."""
    counts = report.counts()
    parts = [f"{counts['error']} 个{SEVERITY_ZH['error']}", f"{counts['warning']} 个{SEVERITY_ZH['warning']}"]
    if counts["info"]:
        parts.append(f"{counts['info']} 个{SEVERITY_ZH['info']}")
    if report.unreadable:
        parts.append(f"{len(report.unreadable)} 个文件无法读取")
    if report.hidden:
        parts.append(f"另有 {len(report.hidden)} 条已列入基线，未显示")
    return f"共检查 {len(report.files)} 个文件：{'，'.join(parts)}"
