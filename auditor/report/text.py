"""The plain-text report: one ``path:line:col:`` line per finding, as compilers print them.

Editors and terminals turn ``path:line:col:`` into a link, and ``grep``/``sort``
work on it, so each finding stays on exactly one line. A run over several files
ends with a table of them, so a batch shows at a glance which documents need work.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from auditor.finding import SEVERITY_ZH, Finding
from auditor.report.controls import visible
from auditor.report.report import NOTHING_RECOGNISED, FileResult, Report


def format_text(report: Report) -> str:
    """Findings in document order, the files that could not be read, what each file's check covered, a file table, a summary."""
    lines = [_finding_line(f) for f in report.findings]
    lines += [_unreadable_line(r) for r in report.unreadable]
    lines += [f"{visible(r.path)}: {SEVERITY_ZH['warning']} {NOTHING_RECOGNISED}"
              for r in report.files if r.coverage and r.coverage.nothing_recognised]
    lines += [f"{visible(r.path)}: 提示 {_one_line(note)}" for r in report.files for note in r.notes]
    lines += [f"{visible(r.path)}: 核对范围：{_one_line(r.coverage.summary())}" for r in report.files if r.coverage is not None]
    lines += [
        f"{visible(r.path)}: 按 {r.encoding} 编码读取"
        for r in report.files
        if r.error is None and not r.skipped and r.encoding not in ("utf-8", "utf-8-sig", "docx", "xlsx", "pdf")
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
        numbers = [str(counts[r.path, s]) if r.error is None and not r.skipped else "-" for s in ("error", "warning", "info")]
        if r.skipped:
            status = "已跳过（原因见上）"
        elif r.error:
            status = "内部错误（请报告）" if r.internal else "无法读取（原因见上）"
        elif counts[r.path, "error"]:
            status = "有错误"
        else:
            status = "未识别任何内容" if r.coverage and r.coverage.nothing_recognised else "通过"
        rows.append([visible(r.path), *numbers, status])
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


def _summary(report: Report) -> str:
    """``共检查 3 个文件：2 个错误，1 个警告``, plus 提示 and unreadable files when there are any."""
    counts = report.counts()
    parts = [f"{counts['error']} 个{SEVERITY_ZH['error']}", f"{counts['warning']} 个{SEVERITY_ZH['warning']}"]
    if counts["info"]:
        parts.append(f"{counts['info']} 个{SEVERITY_ZH['info']}")
    unreadable = [r for r in report.unreadable if not r.internal]
    if unreadable:
        parts.append(f"{len(unreadable)} 个文件无法读取")
    if len(unreadable) < len(report.unreadable):
        parts.append(f"{len(report.unreadable) - len(unreadable)} 个文件内部错误（请报告）")
    skipped = sum(1 for r in report.files if r.skipped)
    if skipped:
        parts.append(f"{skipped} 个文件已跳过")
    blank = sum(1 for r in report.files if r.coverage and r.coverage.nothing_recognised)
    if blank:
        parts.append(f"{blank} 个文件未识别任何内容")
    if report.hidden:
        parts.append(f"另有 {len(report.hidden)} 条已列入基线，未显示")
    return f"共检查 {len(report.files) - skipped} 个文件：{'，'.join(parts)}"
