"""One project performance self-evaluation table (项目支出绩效自评表) as data.

Every layout (TAB rows with a 符号/值/单位 target or targets written ``≥95%``, ``|`` cells,
space-separated rows, one cell per line, wrapped or behind a TAB) reads into this one model,
so the ``perf.*`` rules never know which layout a table came in. Anything the reader could
not find stays ``None``: an unseen layout gives fewer checks, never a guessed figure.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from auditor.quantity import Figure

__all__ = ["Deadline", "Figure", "Indicator", "NarrativeClaim", "PerfTable", "Text"]


@attrs.frozen(eq=False)
class Deadline:
    """A date target or result as months into the year (docs/domain.md §4: a deadline is a ceiling on time).

    ``6月底前`` is a target whose ``latest`` is 6 (the end of June); ``8月完成`` a result
    somewhere in August, ``earliest`` 7 + 1/31 and ``latest`` 8; ``8月19日`` one day,
    both 7 + 19/31. A result written as a bound (``10月底前已完成``) has ``earliest`` 0: it
    proves no lateness. ``year`` where printed (``2024年底前``).
    """

    earliest: Decimal
    latest: Decimal
    year: int | None
    text: str
    start: int
    end: int


@attrs.frozen(eq=False)
class Indicator:
    """One row of 年度绩效指标: weight (分值), target, actual value, status and score (得分).

    ``operator`` is one of ``≥ ≤ = > <`` for a quantitative target and None for a
    qualitative one (定性, 文字描述). ``target`` and ``actual`` carry the figure and
    its unit as printed (``95`` + ``%``; actual ``1`` with no unit is kept as such, so a
    rule can say the units differ instead of reading 1 as 1%). A date target (``6月底前``)
    and its result (``8月完成``) are read as :class:`Deadline` s, with no operator. An actual
    written with an operator (``≥100包``) states a bound: ``actual_bound`` keeps the operator.
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
    target_date: Deadline | None = None
    actual_date: Deadline | None = None
    actual_bound: str | None = None  # the operator an actual is written with (≥100包): a bound, not a value


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
    ``states`` is ``"result"`` for text under 实际完成情况 / 评价结论 / 截至…完成了 (held
    against the actual value) and ``"target"`` for text under 年度目标 / 绩效目标 (held
    against the target).
    """

    phrase: str
    figure: Figure
    indicator: Indicator
    tight: bool
    states: str = "result"


@attrs.frozen(eq=False)
class PerfTable:
    """A project's self-evaluation: money, execution, indicators, total and grade.

    ``budget`` is the 全年预算数 (预算数 after adjustment) the execution rate is taken
    against; ``initial_budget`` the 年初预算数 where printed. ``rate`` is the stated
    execution rate in percent. ``exec_weight``/``exec_score`` are the 预算执行率 row's
    分值 and 得分. ``start``/``end`` span the table, from its title line.

    The reading's own check (docs/domain.md §5): ``full_marks`` is the 分值 total printed in the
    total row (``合计 │ 100 │ 99.74``), and ``unread`` the rows of the indicator section that
    look like indicator rows (a target, a status or a weight and a score) but were not read.
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
    full_marks: Figure | None = None  # the 分值 total of the total row, where printed
    unread: tuple[Text, ...] = ()  # indicator rows present but not read (the first cell of each)

    @property
    def project(self) -> str:
        return self.name.text if self.name else "（未识别项目名称）"
