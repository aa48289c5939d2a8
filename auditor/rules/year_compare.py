"""The ``year.compare`` rule: 与上年比较时写错了上年的年份."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._year import _origin, _other_year, _overview
from auditor.rules.base import rule


@rule("year.compare", "与上年比较时写错了上年的年份")
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
        severity = "error" if mark.year >= year.year else "warning"
        yield _other_year(facts, "year.compare", severity,
                          f"「{mark.text}」与 {mark.year} 年比较；文件{_origin(facts)}，上年应为 {year.year - 1} 年", mark, year.year - 1)
