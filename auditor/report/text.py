"""The plain-text report: one ``path:line:col:`` line per finding, as compilers print them.

Editors and terminals turn ``path:line:col:`` into a link, and ``grep``/``sort``
work on it, so each finding stays on exactly one line.
"""

from __future__ import annotations

from auditor.report.finding import SEVERITY_ZH, Finding
from auditor.report.report import Report


def format_text(report: Report) -> str:
    """Findings in document order, the files that could not be read, files not in UTF-8, a summary."""
    lines = [_finding_line(f) for f in report.findings]
    lines += [f"{r.path}: {SEVERITY_ZH['error']} 无法读取：{_one_line(r.error)}" for r in report.unreadable]
    lines += [
        f"{r.path}: 按 {r.encoding} 编码读取"
        for r in report.files
        if r.error is None and r.encoding not in ("utf-8", "utf-8-sig", "docx", "xlsx")
    ]
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


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
    return f"共检查 {len(report.files)} 个文件：{'，'.join(parts)}"
