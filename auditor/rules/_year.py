"""What the ``year.*`` rules share: where a year is history and where it must be the document's.

Rules `year.*`: the document's own year, written wrong somewhere else in it.
"""

from __future__ import annotations

from auditor.extract.checklist import YearMark
from auditor.extract.facts import Facts
from auditor.rules.common import finding_at


def _overview(mark: YearMark) -> bool:
    """In 第一部分 概况 other years are history or plans, not the year accounted for."""
    return "概况" in mark.part


def _origin(facts: Facts) -> str:
    year = facts.checklist.year
    where = {"title": "封面标题", "heading": "各部分标题"}.get(year.kind, "本年度各项数字的表述")
    return f"{where}为 {year.year} 年度（{facts.document.where(year.start)}）"


def _other_year(facts: Facts, rule_id: str, severity: str, message: str, mark: YearMark, expected: int):
    """A year written at ``mark`` where ``expected`` belongs, with the document's own year as the related place."""
    year = facts.checklist.year
    return finding_at(facts, rule_id, severity, message, (mark.start, mark.end), [(year.start, year.end)],
                      stated=str(mark.year), expected=str(expected))
