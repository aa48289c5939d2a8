"""The ``year.typo`` rule: 年份位数错误."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {"typo": Message("error", "「{text}」不是四位年份，疑为录入错误")}


@rule("year.typo", "年份位数错误", messages=MESSAGES)
def check_year_typo(facts: Facts):
    """A year with a digit missing or added: ``202 年度``, ``20224 年度``, ``202 年 12 月``.

    Only a number that starts like a year (19…, 20…) and stands right before 年度 or
    年…月 is read, so amounts, codes and counts are never taken for years.
    """
    for mark in facts.checklist.year_typos:
        typo = MESSAGES["typo"]
        yield finding_at(facts, "year.typo", typo.severity, typo.format(text=mark.text), (mark.start, mark.end), stated=mark.text)
