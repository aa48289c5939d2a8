"""The ``year.date`` rule: 年末日期或本年度表述的年份与文件年度不符."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._year import _origin, _other_year, _overview
from auditor.rules.base import rule


@rule("year.date", "年末日期或本年度表述的年份与文件年度不符")
def check_date_year(facts: Facts):
    """``截至 YYYY 年 12 月 31 日`` and a ``YYYY 年度`` that opens the year's own figures name the document's year.

    In the 情况说明 the assets and vehicles are counted ``截至 2024 年 12 月 31 日`` in a 2024
    disclosure; another year there is an error. A sentence that opens with
    ``YYYY 年度收入支出总计 / 财政拨款支出合计 / “三公”经费 / 政府采购 / 机关运行经费`` and states
    a figure without comparing it (no 上年, 相比, 预算, 计划) speaks of the year accounted for:
    a later year is an error, an earlier one a warning (it may be quoted on purpose).
    Nothing in 第一部分 概况 is checked: history and plans name other years legitimately.
    """
    year = facts.checklist.year
    if year is None:
        return
    for mark in facts.checklist.years:
        if _overview(mark) or mark.year == year.year:
            continue
        if mark.kind == "as_of":
            severity, what = "error", f"「{mark.text}」"
        elif mark.kind == "current":
            severity = "error" if mark.year > year.year else "warning"
            what = f"本年度数字的表述「{mark.text[:30]}」"
        else:
            continue
        yield _other_year(facts, "year.date", severity, f"{what}写的是 {mark.year} 年，文件{_origin(facts)}", mark, year.year)
