"""The prose that restates performance tables: one statement per project, and the roll-up.

A project statement (第三部分, 预算绩效情况说明) reads::

    27、机房设备维修及耗材项目自评综述：根据年初设定的绩效目标，上网行为管理年费项目
    绩效自评得分为 96 分（绩效自评表附后）。全年预算数为 0.9437 万元，执行数为 0.9437
    万元，完成预算的 100%。

Its heading names the project the item is about; the sentence names the project whose
score it gives; the figures restate that project's table. The roll-up counts projects
and money (``一级项目 6 个，共涉及资金 492.91 万元``, ``涉及二级项目64个``,
``52个项目自评等级为“优”``). Statements are read from the joined prose blocks, so hard
wraps inside names and numbers do not matter; every figure keeps its original span.
"""

from __future__ import annotations

import re

import attrs

from auditor.document.layout import Block
from auditor.document.model import MappedText
from auditor.perf.figures import NUMBER, figure
from auditor.perf.model import Figure, Text

# NUMBER, except that a number without a sign never starts right after a digit. Where a
# match could start inside a run of digits, one starting a digit earlier exists too, so
# the leftmost match is the same; but a search no longer retries every suffix of a long
# run of digits, which made a line of digits cost quadratic time.
_NUM = rf"((?:[-+]|(?<!\d)){NUMBER.pattern.removeprefix('[-+]?')})"
_HEADING = re.compile(r"^\s*(?P<name>[^：:。，,;；]{2,80}?)项目\s*(?:绩效)?\s*自评(?:情况|综述)[：:]")
_SUBJECT = re.compile(rf"(?P<name>[^：:。，,;；]{{2,80}}?)项目\s*绩效\s*自评得分\s*为?\s*{_NUM}\s*分")
_MONEY = {
    "budget": re.compile(rf"全年预算数?\s*为?\s*{_NUM}\s*万元"),
    "executed": re.compile(rf"执行数\s*为?\s*{_NUM}\s*万元"),
    "rate": re.compile(rf"完成预算的\s*{_NUM}\s*%"),
}
_COUNT = re.compile(rf"(?P<level>一级|二级)项目\s*{_NUM}\s*个|{_NUM}\s*个项目(?:绩效)?自评结果")
_FUNDS = re.compile(rf"(?:共涉及资金|涉及资金|资金)\s*{_NUM}\s*万元")
_GRADES = re.compile(rf"{_NUM}\s*个项目自评等级为\s*[“\"]?(?P<grade>[优良中差])")


@attrs.frozen(eq=False)
class ProjectStatement:
    """One project's restatement in the prose; ``heading`` is the item's own project, ``subject`` the one scored."""

    heading: Text | None
    subject: Text | None
    score: Figure | None
    budget: Figure | None
    executed: Figure | None
    rate: Figure | None


@attrs.frozen(eq=False)
class Rollup:
    """The section-level claims: how many projects were evaluated, with how much money, in which grades."""

    count: Figure | None
    funds: Figure | None
    grades: tuple[tuple[str, Figure], ...]


def _text(mapped: MappedText, start: int, end: int) -> Text:
    return Text(mapped.text[start:end].strip(), mapped.span(start, end)[0])


def _figure(mapped: MappedText, m: re.Match, group: int | str, unit: str, exact: bool = False) -> Figure:
    start, end = mapped.span(m.start(group), m.end(group))
    found = figure(m.group(group), start, unit, exact)
    return Figure(found.quantity, start, end)


def read_statements(prose: list[Block]) -> tuple[list[ProjectStatement], list[Rollup]]:
    """Project statements and roll-ups in the prose blocks of a document."""
    statements: list[ProjectStatement] = []
    rollups: list[Rollup] = []
    for block in prose:
        mapped = block.text
        subject = _SUBJECT.search(mapped.text)
        if subject:
            heading = _HEADING.match(mapped.text)
            money = {key: pattern.search(mapped.text, subject.end()) for key, pattern in _MONEY.items()}
            statements.append(
                ProjectStatement(
                    heading=_text(mapped, heading.start("name"), heading.end("name")) if heading else None,
                    subject=_text(mapped, subject.start("name"), subject.end("name")),
                    score=_figure(mapped, subject, 2, "分"),
                    **{key: _figure(mapped, m, 1, "%" if key == "rate" else "万元") if m else None for key, m in money.items()},
                )
            )
            continue
        counts = list(_COUNT.finditer(mapped.text))
        if counts and ("绩效" in mapped.text or "自评" in mapped.text):
            # 一级项目 0 个，二级项目 29 个: a table per 二级 project where those are counted
            count = next((m for m in counts if m.group("level") == "二级"), counts[0])
            group = 2 if count.group(2) else 3
            funds = _FUNDS.search(mapped.text, count.end())
            grades = tuple((m.group("grade"), _figure(mapped, m, 1, "个", exact=True)) for m in _GRADES.finditer(mapped.text))
            rollups.append(Rollup(_figure(mapped, count, group, "个", exact=True), _figure(mapped, funds, 1, "万元") if funds else None, grades))
    return statements, rollups
