"""The ``year.date`` rule: 年末日期或本年度表述的年份与文件年度不符."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._year import _origin, _other_year, _overview
from auditor.rules.base import Message, rule

_CURRENT = "本年度数字的表述「{text}」写的是 {year} 年，文件{origin}"
#: A later year in a statement of the year's own figures is wrong; an earlier one may be quoted on purpose.
MESSAGES = {
    "as-of": Message("error", "「{text}」写的是 {year} 年，文件{origin}"),
    "current-later": Message("error", _CURRENT),
    "current-earlier": Message("warning", _CURRENT),
}


@rule("year.date", "年末日期或本年度表述的年份与文件年度不符", messages=MESSAGES)
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
            said, text = MESSAGES["as-of"], mark.text
        elif mark.kind == "current":
            said, text = MESSAGES["current-later" if mark.year > year.year else "current-earlier"], mark.text[:30]
        else:
            continue
        yield _other_year(facts, "year.date", said.severity, said.format(text=text, year=mark.year, origin=_origin(facts)), mark,
                          year.year)
