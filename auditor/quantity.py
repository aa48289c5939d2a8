"""Exact numbers as printed, and the intervals they stand for.

A figure printed as ``774.37`` stands for any true value in ``[774.365, 774.375]``
(docs/domain.md §5). Every check in the auditor is a question about intervals: is there a
choice of true values inside all of them that makes the relation hold? Arithmetic is
done on :class:`decimal.Decimal` with outward rounding, so a computed interval always
contains every exact result; nothing here touches ``float``.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal

import attrs

#: Precision of interval arithmetic. Sums of printed figures are exact at this
#: precision; products and quotients are rounded outward.
#: Exponents are unbounded (a hostile file may print a figure of a million digits), so
#: no operation overflows; these contexts are private to this module, never the thread's.
PRECISION = 40
_DOWN = Context(prec=PRECISION, rounding=ROUND_FLOOR, Emax=MAX_EMAX, Emin=MIN_EMIN)
_UP = Context(prec=PRECISION, rounding=ROUND_CEILING, Emax=MAX_EMAX, Emin=MIN_EMIN)

#: How a number is printed, the one pattern every reader builds on: digits grouped in thousands by
#: commas (1,920.38) or not (1920.38), perhaps decimals. Each reader adds its own context: a sign,
#: a percent sign, what may not stand around it.
INTEGER = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
NUMBER = rf"{INTEGER}(?:\.\d+)?"

#: A percentage's scale: 100 (docs/domain.md §4).
HUNDRED = Decimal(100)

MONEY_UNITS = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000)}
"""Money units and their factor to 万元, the unit of almost every disclosure."""


@attrs.frozen
class Interval:
    """A closed interval ``[lo, hi]`` of exact decimals."""

    lo: Decimal
    hi: Decimal

    def __attrs_post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @classmethod
    def point(cls, value: Decimal | int | str) -> Interval:
        v = Decimal(value)
        return _checked(v, v) if cls is Interval else cls(v, v)

    @classmethod
    def around(cls, value: Decimal, half_width: Decimal) -> Interval:
        lo, hi = _DOWN.subtract(value, half_width), _UP.add(value, half_width)
        return _checked(lo, hi) if cls is Interval else cls(lo, hi)

    def __add__(self, other: Interval) -> Interval:
        return _ordered(_DOWN.add(self.lo, other.lo), _UP.add(self.hi, other.hi))

    def __sub__(self, other: Interval) -> Interval:
        return _ordered(_DOWN.subtract(self.lo, other.hi), _UP.subtract(self.hi, other.lo))

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        a, b, c, d = self.lo, self.hi, other.lo, other.hi
        down, up = _DOWN.multiply, _UP.multiply
        return _ordered(_first_min(down(a, c), down(a, d), down(b, c), down(b, d)),
                        _first_max(up(a, c), up(a, d), up(b, c), up(b, d)))

    def __truediv__(self, other: Interval) -> Interval:
        """Quotient; raises ZeroDivisionError when the divisor interval touches zero."""
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        a, b, c, d = self.lo, self.hi, other.lo, other.hi
        down, up = _DOWN.divide, _UP.divide
        return _ordered(_first_min(down(a, c), down(a, d), down(b, c), down(b, d)),
                        _first_max(up(a, c), up(a, d), up(b, c), up(b, d)))

    def scale(self, factor: Decimal) -> Interval:
        """``self * Interval.point(factor)``, the factor's two equal ends multiplied once each."""
        a, b, f = self.lo, self.hi, Decimal(factor)
        low_a, low_b = _DOWN.multiply(a, f), _DOWN.multiply(b, f)
        high_a, high_b = _UP.multiply(a, f), _UP.multiply(b, f)
        return _ordered(low_b if low_b < low_a else low_a, high_b if high_b > high_a else high_a)

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """The gap between two intervals (0 when they overlap)."""
        if self.overlaps(other):
            return Decimal(0)
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    def __str__(self) -> str:
        return f"[{_plain(self.lo)}, {_plain(self.hi)}]"


_new_interval = object.__new__
_set_lo = Interval.__dict__["lo"].__set__
_set_hi = Interval.__dict__["hi"].__set__


def _ordered(lo: Decimal, hi: Decimal) -> Interval:
    """``Interval(lo, hi)`` without the attrs constructor and its check, for the arithmetic above: the sum, difference,
    product or quotient of two intervals, rounded outward, has ``lo <= hi`` by construction (the hot path of every
    rule and reader; the same instance ``Interval(lo, hi)`` makes)."""
    interval = _new_interval(Interval)
    _set_lo(interval, lo)
    _set_hi(interval, hi)
    return interval


def _checked(lo: Decimal, hi: Decimal) -> Interval:
    """``Interval(lo, hi)``, its check included (an empty interval raises the same ValueError), without the attrs
    constructor's own cost."""
    if lo > hi:
        raise ValueError(f"empty interval [{lo}, {hi}]")
    return _ordered(lo, hi)


def _first_min(p: Decimal, q: Decimal, r: Decimal, s: Decimal) -> Decimal:
    """``min((p, q, r, s))``, the same element it returns (the first of equal smallest: ``0`` and ``0.00`` are equal but
    print differently)."""
    if q < p:
        p = q
    if r < p:
        p = r
    return s if s < p else p


def _first_max(p: Decimal, q: Decimal, r: Decimal, s: Decimal) -> Decimal:
    """``max((p, q, r, s))``, the same element it returns (the first of equal largest)."""
    if q > p:
        p = q
    if r > p:
        p = r
    return s if s > p else p


#: 100 as an interval, to turn a ratio into a percentage and back.
ONE_HUNDRED = Interval.point(HUNDRED)


def interval_sum(intervals) -> Interval:
    """``Interval.point(0) + a + b + …``, each end summed on its own (one Interval made, not one per term)."""
    lo = hi = Decimal(0)
    down, up = _DOWN.add, _UP.add
    for iv in intervals:
        lo, hi = down(lo, iv.lo), up(hi, iv.hi)
    return _ordered(lo, hi)


def _plain(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return "0" if s in ("-0", "") else s


def round_to(value: Decimal, places: int) -> Decimal:
    """Round half up, as offices (and Excel) round for display."""
    return _quantize(value, places, ROUND_HALF_UP)


def _quantize(value: Decimal, places: int, rounding: str) -> Decimal:
    """``value`` to ``places`` decimals, however many digits that takes.

    ``quantize`` fails when the result has more digits than the context's precision
    (28 by default: a 30-digit figure would raise), so the precision is sized to the
    result in a context of its own; the thread's context is never touched.
    """
    digits = max(value.adjusted(), 0) + max(places, 0) + 2
    if digits <= PRECISION and 0 <= places < len(_UNITS) and rounding in _QUANTIZING:  # the usual figure: made once
        return value.quantize(_UNITS[places], context=_QUANTIZING[rounding])
    context = Context(prec=max(PRECISION, digits), rounding=rounding, Emax=MAX_EMAX, Emin=MIN_EMIN)
    return value.quantize(Decimal(1).scaleb(-places, context), context=context)


#: The contexts and units :func:`_quantize` makes for a figure of up to 40 digits and 0–11 decimals, made once
#: (private to this module, as ``_DOWN`` and ``_UP`` are).
_QUANTIZING = {rounding: Context(prec=PRECISION, rounding=rounding, Emax=MAX_EMAX, Emin=MIN_EMIN)
               for rounding in (ROUND_FLOOR, ROUND_CEILING, ROUND_HALF_UP)}
_UNITS = tuple(Decimal(1).scaleb(-places, _QUANTIZING[ROUND_HALF_UP]) for places in range(12))


#: Half a unit in the last place of a figure printed with 0, 1, 2 … decimals (``5E-3`` for two), made once.
_HALF_ULPS = tuple(Decimal(5).scaleb(-places - 1, _UP) for places in range(12))


@attrs.frozen
class Quantity:
    """A number as printed in the document, with its unit.

    ``places`` is the number of decimals shown; it fixes the rounding interval.
    Counts (辆, 个, 人 …) are exact: a vehicle count of 94 is 94.
    """

    value: Decimal
    places: int
    unit: str
    text: str
    exact: bool = False

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def ulp(self) -> Decimal:
        """One unit in the last displayed place."""
        return Decimal(1).scaleb(-self.places, _UP)

    def interval(self) -> Interval:
        """The values this printed figure can stand for (rounding half up)."""
        value = self.value
        if self.exact:
            value = Decimal(value)
            return _checked(value, value)
        places = self.places
        half = _HALF_ULPS[places] if 0 <= places < len(_HALF_ULPS) else Decimal(5).scaleb(-places - 1, _UP)
        return _checked(_DOWN.subtract(value, half), _UP.add(value, half))

    def truncation_interval(self) -> Interval:
        """The values this figure stands for if the writer truncated instead of rounding."""
        if self.exact:
            return Interval.point(self.value)
        if self.value >= 0:
            return Interval(self.value, _UP.add(self.value, self.ulp))
        return Interval(_DOWN.subtract(self.value, self.ulp), self.value)

    def in_wan(self) -> Interval:
        """The money interval expressed in 万元, so 元 and 亿元 figures compare."""
        return self.interval().scale(MONEY_UNITS[self.unit])

    def magnitude(self) -> Interval:
        """The interval the figure stands for, money in 万元 (so 元 and 亿元 figures compare), anything else as printed."""
        return self.in_wan() if self.is_money else self.interval()

    def display(self) -> str:
        """The figure as written, with its unit (``774.37万元``, ``51.1%``)."""
        return f"{self.text}{self.unit}"


@attrs.frozen(eq=False)
class Figure:
    """A printed figure and where it stands: its Quantity (value, decimals shown, unit, text) and the
    span of its digits in the document's text.

    The one span-carrying figure of the pipeline's records: a table cell in a performance table,
    a figure a checklist record (决算数大于预算数, 未发生…) or a project summary points at. A prose
    ``Mention`` is a figure with a claim about it (label, role, scope) and gives its Figure;
    a standard table's ``Cell`` may be empty and so carries its text and an optional Quantity.
    """

    quantity: Quantity
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.quantity.text


def fmt_interval(iv: Interval, places: int, unit: str = "") -> str:
    """Show an interval at a given precision, rounded outward so it stays honest."""
    lo = format(_quantize(iv.lo, places, ROUND_FLOOR), "f")
    hi = format(_quantize(iv.hi, places, ROUND_CEILING), "f")
    return f"{lo}{unit}" if lo == hi else f"{lo}{unit}～{hi}{unit}"
