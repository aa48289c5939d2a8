"""One project performance self-evaluation table (项目支出绩效自评表) as data.

Three corpus layouts (TAB rows with a 符号/值/单位 target, TAB rows with targets written
``≥95%``, one cell per line with numbers broken across lines) all read into this one
model, so the ``perf.*`` rules never know which layout a table came in. Anything a
reader could not find stays ``None``: an unseen layout gives fewer checks, never a
guessed figure.
"""

from __future__ import annotations

import attrs

from auditor.quantity import Quantity


@attrs.frozen(eq=False)
class Figure:
    """A number printed in a performance table, and the span of its digits in the document."""

    quantity: Quantity
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.quantity.text


@attrs.frozen(eq=False)
class Indicator:
    """One row of 年度绩效指标: weight (分值), target, actual value, status and score (得分).

    ``operator`` is one of ``≥ ≤ = > <`` for a quantitative target and None for a
    qualitative one (定性, 文字描述). ``target`` and ``actual`` carry the figure and
    its unit as printed (``95`` + ``%``; actual ``1`` with no unit is kept as such, so a
    rule can say the units differ instead of reading 1 as 1%).
    """

    level1: str
    level2: str
    name: str
    weight: Figure | None
    operator: str | None
    target: Figure | None
    target_text: str
    actual: Figure | None
    actual_text: str
    status: str
    score: Figure | None
    start: int
    end: int


@attrs.frozen(eq=False)
class Text:
    """A piece of table text (a project name, a 存在问题 cell) and where it starts."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@attrs.frozen(eq=False)
class NarrativeClaim:
    """A figure of the table's narrative (实际完成情况, 评价结论) bound to the indicator row it restates.

    ``tight``: the phrase before the figure is the indicator's name (or that name less a
    counting suffix) in the same unit; otherwise the phrase only shares words with it.
    """

    phrase: str
    figure: Figure
    indicator: Indicator
    tight: bool


@attrs.frozen(eq=False)
class PerfTable:
    """A project's self-evaluation: money, execution, indicators, total and grade.

    ``budget`` is the 全年预算数 (预算数 after adjustment) the execution rate is taken
    against; ``initial_budget`` the 年初预算数 where printed. ``rate`` is the stated
    execution rate in percent. ``exec_weight``/``exec_score`` are the 预算执行率 row's
    分值 and 得分. ``start``/``end`` span the table, from its title line.
    """

    layout: str
    start: int
    end: int
    name: Text | None
    budget: Figure | None = None
    initial_budget: Figure | None = None
    arrived: Figure | None = None
    executed: Figure | None = None
    balance: Figure | None = None
    rate: Figure | None = None
    exec_weight: Figure | None = None
    exec_score: Figure | None = None
    indicators: tuple[Indicator, ...] = ()
    total: Figure | None = None
    grade: Text | None = None
    problems: tuple[Text, ...] = ()
    conclusion: Text | None = None  # the 评价结论 cell, as printed
    restated_total: Figure | None = None  # the score the conclusion restates (自评得分99.09分)
    narrative: tuple[NarrativeClaim, ...] = ()  # narrative figures bound to indicator rows

    @property
    def project(self) -> str:
        return self.name.text if self.name else "（未识别项目名称）"
