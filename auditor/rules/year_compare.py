"""The ``year.compare`` rule: 与上年比较时写错了上年的年份."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._year import _origin, _other_year, _overview
from auditor.rules.base import Message, rule

_COMPARED = "「{text}」与 {year} 年比较；文件{origin}，上年应为 {expected} 年"
#: The document's own year or a later one cannot be 上年; an older one may be compared with on purpose.
MESSAGES = {"not-before": Message("error", _COMPARED), "earlier": Message("warning", _COMPARED)}


@rule("year.compare", "与上年比较时写错了上年的年份", messages=MESSAGES)
def check_compare_year(facts: Facts):
    """A comparison with last year (``与 YYYY 年度相比``, ``比 YYYY 年度减少``) names the year before the document's.

    In a 2024 disclosure ``与 2023 年度相比`` is right; ``与 2024 年度相比`` (the year compared
    with itself) or a later year is an error; an earlier year (``比 2021 年增加``) is a
    warning, since a sentence may compare with an older year on purpose. Comparisons
    with a budget (``比 2024 年预算``) are not comparisons with a year and are not read.
    """
    year = facts.checklist.year
    if year is None:
        return
    for mark in facts.checklist.years:
        if mark.kind != "compare" or _overview(mark) or mark.year == year.year - 1:
            continue
        said = MESSAGES["not-before" if mark.year >= year.year else "earlier"]
        yield _other_year(facts, "year.compare", said.severity,
                          said.format(text=mark.text, year=mark.year, origin=_origin(facts), expected=year.year - 1), mark, year.year - 1)
