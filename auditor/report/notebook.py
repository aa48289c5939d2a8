"""The notebook view of a Report (``Report._repr_html_``): a compact table, figures marked in their line.

Inline styles only, so nothing restyles the notebook around it, and no script. Long
reports are cut at NOTEBOOK_ROWS rows, saying how many more there are, so a notebook
never hangs on a report with thousands of findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditor.finding import SEVERITY_ZH, Finding
from auditor.report.controls import html_attribute, html_text
from auditor.report.html import columns, counts_text, file_lines, rule_titles

if TYPE_CHECKING:
    from auditor.report.report import Report


NOTEBOOK_ROWS = 200
NOTEBOOK_CONTEXT = 30  # characters shown either side of the figure
_TD = "padding:3px 6px;border-top:1px solid #ddd;vertical-align:top;text-align:left;unicode-bidi:isolate"
_NOWRAP = (True, True, False, False, False)  # 级别 and 规则 stay on one line
_MARKER = 'style="font-family:monospace;color:#b3261e;background:#fde7e4"'
_SEV_COLOUR = {"error": "#b3261e", "warning": "#8a5300", "info": "#1f5fa8"}


def notebook_html(report: Report, rules: Sequence) -> str:
    """A compact table for Jupyter: inline styles only (nothing that restyles the notebook), no script."""
    counts = report.counts()
    lines = file_lines(report.files)
    titles = rule_titles(rules)
    rows = [_notebook_row(f, lines, titles) for f in report.findings[:NOTEBOOK_ROWS]]
    head = "".join(f'<th style="{_cell_style(i)};font-weight:bold">{h}</th>' for i, h in enumerate(("级别", "规则", "位置", "说明", "原文")))
    parts = [
        '<div style="font-size:13px;line-height:1.45">',
        f'<p style="margin:0 0 6px 0"><b>共 {len(report.findings)} 条</b>：{counts_text(counts)}（检查了 {len(report.files)} 个文件）</p>',
    ]
    if rows:
        parts.append(f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    if len(report.findings) > NOTEBOOK_ROWS:
        more = len(report.findings) - NOTEBOOK_ROWS
        parts.append(
            f'<p style="margin:6px 0 0 0">只列出前 {NOTEBOOK_ROWS} 条，另有 {more} 条未列出；'
            "全部请看 <code>report.to_html()</code> 或 <code>report.to_records()</code>。</p>"
        )
    parts += [f'<p style="margin:6px 0 0 0;color:#b3261e">{_text(f.path)}：{"" if f.internal else "无法读取："}{_text(f.error or "")}</p>'
              for f in report.unreadable]
    parts.append("</div>")
    return "".join(parts)


def _notebook_row(finding: Finding, lines: dict[str, tuple[int, list[str]]], titles: dict[str, str]) -> str:
    sev = finding.severity
    title = html_attribute(titles.get(finding.rule, ""))
    message = _text(finding.message).replace("\n", "<br>")
    cells = [
        f'<span style="color:{_SEV_COLOUR[sev]};font-weight:bold">{SEVERITY_ZH[sev]}</span>',
        f'<code title="{title}">{_text(finding.rule)}</code>',
        _text(finding.location.display()),
        message,
        _notebook_excerpt(finding, lines),
    ]
    return "<tr>" + "".join(f'<td style="{_cell_style(i)}">{cell}</td>' for i, cell in enumerate(cells)) + "</tr>"


def _text(text: str) -> str:
    """Escaped, acting characters as a visible marker (styled inline: the notebook has no style sheet of ours)."""
    return html_text(text, _MARKER)


def _cell_style(column: int) -> str:
    return _TD + (";white-space:nowrap" if _NOWRAP[column] else "")


def _notebook_excerpt(finding: Finding, lines: dict[str, tuple[int, list[str]]]) -> str:
    """The figure marked in a few characters of its line, or the finding's own excerpt without a text."""
    loc = finding.location
    file = lines.get(loc.path)
    if file is None or not 1 <= loc.line <= len(file[1]):
        return _text(finding.excerpt)
    line = file[1][loc.line - 1]
    start, end = columns(loc, loc.line, line)
    lo, hi = max(0, start - NOTEBOOK_CONTEXT), min(len(line), end + NOTEBOOK_CONTEXT)
    return (
        ("…" if lo else "")
        + _text(line[lo:start])
        + f'<mark style="background:#ffe08a;color:inherit;padding:0">{_text(line[start:end])}</mark>'
        + _text(line[end:hi])
        + ("…" if hi < len(line) else "")
    )
