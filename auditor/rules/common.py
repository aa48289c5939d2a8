"""What every arithmetic rule shares: magnitudes, the verdict on an interval, and building a Finding.

The verdict follows docs/domain.md §5. A stated figure is consistent when its rounding
interval meets the interval the other figures imply. When it does not, but would
if the writer had truncated rather than rounded (7.878 shown as 7.87), the finding
is a warning; otherwise it is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from auditor.document.model import Document
from auditor.extract.facts import Facts, Mention
from auditor.finding import Finding, Location
from auditor.quantity import MONEY_UNITS, Interval, Quantity, fmt_interval


def magnitude(m: Mention) -> Interval:
    """The interval a figure stands for, money in 万元 so that 元 and 亿元 figures compare."""
    return m.quantity.magnitude()


def unit_of(m: Mention) -> str:
    """The unit magnitudes are expressed in: 万元 for money, else the figure's own."""
    return "万元" if m.quantity.is_money else m.quantity.unit


def mixed_money_units(mentions: Iterable[Mention | None]) -> bool:
    """True when money figures in one relation carry different units (the `unit` rule's business)."""
    units = {m.quantity.unit for m in mentions if m is not None and m.quantity.unit in MONEY_UNITS}
    return len(units) > 1


def verdict(stated: Quantity, expected: Interval) -> str | None:
    """None when consistent; "warning" when only truncation explains it; else "error"."""
    if stated.interval().overlaps(expected):
        return None
    if stated.truncation_interval().overlaps(expected):
        return "warning"
    return "error"


#: What a warning adds when only truncation, not rounding, makes a figure fit (docs/domain.md §5).
TRUNCATION_ONLY = "；仅当截尾而非四舍五入时才相符"


def truncation_note(severity: str | None) -> str:
    """The clause a finding's message ends with when :func:`verdict` found that only truncation explains the figure."""
    return TRUNCATION_ONLY if severity == "warning" else ""


def percent_gap(stated: Quantity, expected: Interval) -> str:
    gap = stated.interval().distance(expected)
    return f"{_places_text(gap, stated.places + 1)} 个百分点"


def amount_gap(stated: Interval, expected: Interval, unit: str, places: int) -> str:
    return f"{_places_text(stated.distance(expected), places)}{unit}"


def _places_text(value: Decimal, places: int) -> str:
    return fmt_interval(Interval.point(value), places).split("～")[0]


def show(iv: Interval, places: int, unit: str = "") -> str:
    """An implied interval for a message, one decimal finer than the stated figure."""
    return fmt_interval(iv, places, unit)


def name(m: Mention) -> str:
    """How a message names a figure: its label, or the figure itself."""
    return m.label or "该数"


def line_of(facts: Facts, m: Mention) -> int:
    return facts.document.position(m.start)[0]


Span = tuple[int, int]


def finding_at(
    where: Facts | Document,
    rule: str,
    severity: str,
    message: str,
    at: Mention | Span,
    related: Iterable[Mention | Span | Location | None] = (),
    stated: str | None = None,
    expected: str | None = None,
) -> Finding:
    """The one way a rule builds a finding: at a figure (a Mention) or at the characters ``[start, end)`` of ``where``'s
    document, naming the other places involved (figures, spans of the same document, or places already located in
    another, such as a table's cell; None skipped). An empty span is widened to one character so that a reader can
    be pointed at it.
    """
    doc = where.document if isinstance(where, Facts) else where
    start, end = _span(at)
    others = []
    for place in related:
        if place is None:
            continue
        others.append(place if isinstance(place, Location) else doc.location(*_span(place, widen=False)))
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        location=doc.location(start, end),
        related=tuple(others),
        stated=stated,
        expected=expected,
        excerpt=doc.excerpt(start, end),
    )


def _span(at: Mention | Span, widen: bool = True) -> Span:
    start, end = at if isinstance(at, tuple) else (at.start, at.end)
    return (start, max(end, start + 1)) if widen else (start, end)


def evaluate_identity(instance) -> Finding | None:
    """A finding for an identity instance (:class:`auditor.link.identities.Instance`) that fails on rounding intervals.

    Whether it holds is the instance's own test (:meth:`~auditor.link.identities.Instance.evaluate`), the one the
    link stage's verdicts count too; here a failure is worded: a finding at the first operand of the left side,
    naming every other figure or cell involved. None when it holds or an operand is not a readable number.
    """
    if instance.holds is not False:
        return None
    evaluation = instance.evaluate()
    operands = instance.left + instance.right
    primary = instance.left[0]
    stated, implied = evaluation.stated, evaluation.implied
    gap = fmt_interval(Interval.point(stated.distance(implied)), 3)
    terms = " + ".join(op.describe(instance.by) for op in instance.right if op.text or len(instance.right) <= 3) or "0"
    terms = terms.replace("+ -", "- ")
    formula = instance.statement.source.split(None, 1)[1]
    subject = f"{instance.subject}：" if instance.subject else ""
    caveat = f"；{instance.caveat}" if instance.caveat else ""
    if instance.at_least:
        message = (f"{subject}{primary.describe(instance.by)} 小于 {terms} 之和，"
                   f"未列明的部分不能为负，至少应为 {fmt_interval(Interval.point(implied.lo), 3)}，相差 {gap} 万元（规则：{formula}）{caveat}")
    else:
        message = (f"{subject}{primary.describe(instance.by)} 与 {terms} 不符，"
                   f"其他各数要求 {fmt_interval(implied, 3)}，相差 {gap} 万元（规则：{formula}）{caveat}")
    return finding_at(
        primary.document,
        instance.rule,
        instance.severity,
        message,
        primary.span,
        [op.document.location(*op.span) for op in operands[1:] if op.text],
        stated=primary.text or "空",
        expected=("≥ " + fmt_interval(Interval.point(implied.lo), 3, "万元")) if instance.at_least else fmt_interval(implied, 3, "万元"),
    )
