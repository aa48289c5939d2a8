"""What the prose rules say of a text: one helper for the tests of prose phrasings."""

import auditor

PROSE_RULES = ["sum", "part-whole", "share", "growth", "budget", "unit", "xref", "xref.table"]


def prose_findings(text: str):
    return auditor.check(text, select=PROSE_RULES).findings


def kinds(text: str) -> list[tuple[str, str, str | None]]:
    """(rule, severity, stated) of each finding of the prose rules, sorted: a text's verdict."""
    return sorted((f.rule, f.severity, f.stated) for f in prose_findings(text))
