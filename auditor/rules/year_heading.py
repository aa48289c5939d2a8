"""The ``year.heading`` rule: 标题或目录中的年度与文件年度不符."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._year import _origin, _other_year
from auditor.rules.base import Message, rule

MESSAGES = {"other-year": Message("error", "{where}「{text}」写的是 {year} 年，文件{origin}")}


@rule("year.heading", "标题或目录中的年度与文件年度不符", messages=MESSAGES)
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
            said = MESSAGES["other-year"]
            where = "目录" if mark.kind == "toc" else "标题"
            yield _other_year(facts, "year.heading", said.severity,
                              said.format(where=where, text=mark.text, year=mark.year, origin=_origin(facts)), mark, year.year)
