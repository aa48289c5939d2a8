"""The writer of each output format, by name: what ``auditor check --format`` chooses from.

It stands above the writers (``stream``, ``text``, ``sarif``, ``html``), which know nothing of one
another; the rule registry the SARIF and HTML writers describe is passed in by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from auditor.report.stream import JsonWriter, ReportWriter

FORMATS = ("text", "json", "sarif", "html")


def writer_for(fmt: str, out: TextIO, rules: Sequence, several: bool = False) -> ReportWriter:
    """The writer of ``fmt`` (one of FORMATS) onto ``out``; ``rules``: the rule registry (``auditor.rules.all_rules()``);
    ``several``: the run audits more than one file."""
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "sarif":  # each writer imported when chosen: a text run never loads the HTML one
        from auditor.report.sarif import SarifWriter

        return SarifWriter(out, rules)
    if fmt == "html":
        from auditor.report.html import HtmlWriter

        return HtmlWriter(out, rules, several)
    if fmt == "text":
        from auditor.report.text import TextWriter

        return TextWriter(out)
    raise ValueError(f"未知的格式 {fmt!r}（可用：{', '.join(FORMATS)}） (unknown format)")
