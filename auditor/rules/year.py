"""Rules `year.*`: the document's own year, written wrong somewhere else in it."""

from __future__ import annotations

from auditor.extract.checklist import YearMark
from auditor.extract.facts import Facts
from auditor.rules.base import rule
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


@rule("year.heading", "标题或目录中的年度与文件年度不符")
def check_heading_year(facts: Facts):
    """Every part heading (第X部分) and every 目录 line that names a year names the document's year.

    The document's year is read from its cover (``2024年度部门决算``, the lines before the
    目录); without a cover, from the part headings when they all agree, else from the
    statements of the year's own figures when at least two name one year. A part heading
    or a 目录 entry such as ``第三部分 2023 年度部门决算情况说明`` in a 2024 disclosure is an
    error: these titles always speak of the year accounted for.
    """
    year = facts.checklist.year
    if year is None:
        return
    for mark in facts.checklist.years:
        if mark.kind in ("heading", "toc") and mark.year != year.year:
            where = "目录" if mark.kind == "toc" else "标题"
            yield _other_year(facts, "year.heading", "error", f"{where}「{mark.text}」写的是 {mark.year} 年，文件{_origin(facts)}",
                              mark, year.year)


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


@rule("year.typo", "年份位数错误")
def check_year_typo(facts: Facts):
    """A year with a digit missing or added: ``202 年度``, ``20224 年度``, ``202 年 12 月``.

    Only a number that starts like a year (19…, 20…) and stands right before 年度 or
    年…月 is read, so amounts, codes and counts are never taken for years.
    """
    for mark in facts.checklist.year_typos:
        yield finding_at(facts, "year.typo", "error", f"「{mark.text}」不是四位年份，疑为录入错误", (mark.start, mark.end), stated=mark.text)
