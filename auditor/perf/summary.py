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

Nothing here reads a sentence itself: the figures are the claim grammar's (the amounts
labelled 全年预算数, 执行数, 资金, the rate after 完成预算的, the counts labelled 二级项目),
and the names and the counts written before their noun come from the grammar's second
production (:func:`auditor.extract.grammar.project_phrases`); the words are in
``rules/vocabulary.toml`` [prose.projects].
"""

from __future__ import annotations

import attrs

from auditor.document.layout import Block
from auditor.document.model import MappedText
from auditor.extract.checklist import figure_of
from auditor.extract.grammar import project_phrases
from auditor.knowledge import vocabulary
from auditor.perf.model import Figure, Text


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


def _text(mapped: MappedText, span: tuple[int, int]) -> Text:
    start, end = span
    return Text(mapped.text[start:end].strip(), mapped.span(start, end)[0])


def _labelled(mentions, words: list[str], money: bool = True):
    """The first amount whose label ends with one of ``words`` (全年预算数, 执行数)."""
    return next((m for m in mentions if m.role == "plain" and m.quantity.is_money == money and m.label.endswith(tuple(words))), None)


def read_statements(prose: list[Block], claims) -> tuple[list[ProjectStatement], list[Rollup]]:
    """Project statements and roll-ups in the prose blocks of a document; ``claims`` is what the claim grammar read in
    them (an :class:`auditor.extract.claims.ClaimCollector`)."""
    words = vocabulary()["prose"]["projects"]
    by_block: dict[int, list] = {}
    for m in claims.mentions:
        by_block.setdefault(m.block, []).append(m)
    statements: list[ProjectStatement] = []
    rollups: list[Rollup] = []
    for index, block in enumerate(prose):
        mapped = block.text
        if not ("自评" in mapped.text or "绩效" in mapped.text):
            continue
        phrases = project_phrases(mapped.text)
        mentions = by_block.get(index, [])
        score = next((p for p in phrases if p.kind == "score"), None)
        if score is not None:
            heading = next((p for p in phrases if p.kind == "heading"), None)
            scored_at = mapped.span(score.quantity_start, score.quantity_end)
            after = [m for m in mentions if m.start >= scored_at[1]]
            statements.append(
                ProjectStatement(
                    heading=_text(mapped, heading.name) if heading else None,
                    subject=_text(mapped, score.name),
                    score=Figure(score.quantity, *scored_at),
                    budget=figure_of(_labelled(after, words["budgets"])),
                    executed=figure_of(_labelled(after, words["executed"])),
                    rate=figure_of(next((m for m in after if m.role == "budget_rate"), None)),
                )
            )
            continue
        levels = [m for m in mentions if m.quantity.unit == "个" and any(m.label.endswith(level + "项目") for level in words["levels"])]
        results = [p for p in phrases if p.kind == "results"]
        if not levels and not results:
            continue
        # 一级项目 0 个，二级项目 29 个: a table per 二级 project where those are counted
        level2 = [m for m in levels if m.label.endswith(words["levels"][-1] + "项目")]
        if level2 or levels:
            count = figure_of((level2 or levels)[0])
        else:
            count = Figure(results[0].quantity, *mapped.span(results[0].quantity_start, results[0].quantity_end))
        funds = _labelled([m for m in mentions if m.start >= count.end], words["funds"])
        grades = tuple((p.grade, Figure(p.quantity, *mapped.span(p.quantity_start, p.quantity_end))) for p in phrases if p.kind == "graded")
        rollups.append(Rollup(count, figure_of(funds), grades))
    return statements, rollups
