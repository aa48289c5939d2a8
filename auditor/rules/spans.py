"""Findings placed on spans of text rather than on prose figures (the checklist rules' findings)."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.extract.facts import Facts
from auditor.finding import Finding


def finding_at(
    facts: Facts,
    rule: str,
    severity: str,
    message: str,
    start: int,
    end: int,
    related: Iterable[tuple[int, int]] = (),
    stated: str | None = None,
    expected: str | None = None,
) -> Finding:
    """A finding at the original characters ``[start, end)``, with the other places involved."""
    doc = facts.document
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        location=doc.location(start, end),
        related=tuple(doc.location(a, b) for a, b in related),
        stated=stated,
        expected=expected,
        excerpt=doc.excerpt(start, end),
    )
