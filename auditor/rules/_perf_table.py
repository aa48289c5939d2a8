"""What the performance-table rules (``perf_*.py``) share: a table's figures as intervals, its reading confirmed, the grade bands.

Rules `perf.rate`, `perf.exec-score`, `perf.total`, `perf.indicator`: a performance table against itself.

Weights (分值) and indicator scores (得分) are assigned numbers and exact as printed;
money, the execution rate, the execution score and the total are computed and stand
for their rounding intervals (docs/domain.md §5), so ``99.43 = 90 + 9.42692`` holds.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from auditor.extract.facts import Facts
from auditor.knowledge import vocabulary
from auditor.perf.model import Figure, PerfTable
from auditor.quantity import HUNDRED, ONE_HUNDRED, Interval


def _iv(f: Figure) -> Interval:
    return f.quantity.interval()


def _where(facts: Facts, f) -> str:
    return facts.document.where(f.start)


def _rate(table: PerfTable) -> tuple[Interval, str] | None:
    """执行数 ÷ 预算数 in percent, narrowed by the stated rate where both hold; the stated rate alone when the money is not printed.

    Every printed figure constrains the true rate: 33.20 ÷ 36.50 allows 90.933%–90.985%,
    a printed 90.96% allows 90.955%–90.965%, and the score is checked against what both allow.
    """
    stated = _iv(table.rate) if table.rate else None
    if table.budget and table.executed and _iv(table.budget).lo > 0:
        basis = f"执行数 {table.executed.text} ÷ 预算数 {table.budget.text}"
        money = _iv(table.executed) / _iv(table.budget) * ONE_HUNDRED
        if stated is not None and stated.overlaps(money):
            return Interval(max(money.lo, stated.lo), min(money.hi, stated.hi)), f"{basis}（执行率 {table.rate.text}%）"
        return money, basis
    if stated is not None:
        return stated, f"执行率 {table.rate.text}%"
    return None


def _exec_weight(table: PerfTable) -> tuple[Interval, str] | None:
    """The 预算执行率 row's 分值; where it is not printed, the usual 10 (docs/domain.md §4)."""
    if table.exec_weight:
        return _iv(table.exec_weight), table.exec_weight.text
    return Interval.point(10), "10（表中未列，按通常分值）"


@attrs.frozen
class Reading:
    """Whether a table's reading is confirmed by the table itself (docs/domain.md §5), and if not, why.

    Confirmed: every indicator row present was read, and the weights read (indicators plus
    the 预算执行率 row's, 10 where it is not printed) add up to the full marks (100, or the
    分值 total the total row prints). Otherwise the rows were misread or the table itself is
    wrong, and which cannot be told: the total is not checked against them.
    """

    weights: Decimal
    exec_weight: Decimal
    full_marks: Decimal
    unread: tuple

    @property
    def confirmed(self) -> bool:
        return not self.unread and self.weights + self.exec_weight == self.full_marks


def reading(table: PerfTable) -> Reading:
    weights = sum((i.weight.quantity.value for i in table.indicators), Decimal(0))
    exec_weight = table.exec_weight.quantity.value if table.exec_weight else Decimal(10)
    full = table.full_marks.quantity.value if table.full_marks else HUNDRED
    return Reading(weights, exec_weight, full, table.unread)


def _implied_exec_score(table: PerfTable) -> tuple[Interval, str] | None:
    weight, rate = _exec_weight(table), _rate(table)
    if weight is None or rate is None:
        return None
    (w, w_text), (r, r_text) = weight, rate
    raw = w * r / ONE_HUNDRED
    capped = Interval(min(raw.lo, w.hi), min(raw.hi, w.hi))
    return capped, f"分值 {w_text} × {r_text}（以分值为上限）"


def grade_bands() -> dict[str, tuple[Decimal, Decimal]]:
    return {grade: (Decimal(str(lo)), Decimal(str(hi))) for grade, (lo, hi) in vocabulary()["perf"]["grades"].items()}
