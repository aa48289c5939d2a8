"""Property tests for auditor.quantity: printed figures and the intervals they stand for.

The auditor's whole notion of "consistent" (docs/domain.md §5) rests on two promises:

* interval arithmetic is *sound*: a computed interval contains every exact result of
  the operation applied to points inside the operands (outward rounding, no floats);
* a printed figure's ``interval()`` is the set of true values that display as that
  text under half-up rounding (closed, so the shared boundary with a neighbour is in).

Exact ground truth comes from a wide decimal context that traps ``Inexact`` (so a
"exact" reference that was secretly rounded fails loudly) or from ``Fraction``.
"""

from __future__ import annotations

from decimal import (
    ROUND_DOWN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    localcontext,
)
from fractions import Fraction
from functools import cache

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from auditor.quantity import (
    MONEY_UNITS,
    Interval,
    Quantity,
    fmt_interval,
    interval_sum,
    round_to,
)

BOUND = Decimal(10) ** 9
MAX_PLACES = 6

#: Reference arithmetic: wide enough that +, -, * of the drawn numbers are exact, and
#: any rounding would raise rather than pass silently.
EXACT = Context(prec=80, traps=[Inexact, InvalidOperation, DivisionByZero])
#: Reference for quotients, which are generally not finite decimals.
WIDE = Context(prec=80, traps=[InvalidOperation, DivisionByZero])


# --------------------------------------------------------------------------- strategies


@cache  # building strategies is the slow part of drawing; reuse them
def _decimals(places: int, min_value: Decimal = -BOUND, max_value: Decimal = BOUND) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=min_value, max_value=max_value, places=places, allow_nan=False, allow_infinity=False
    )


_PLACES = st.integers(0, MAX_PLACES)
_FRACTION_PLACES = st.integers(1, 12)
_HOW = st.sampled_from(["lo", "hi", "mid", "frac"])


@cache
@st.composite
def numbers(draw, min_value: Decimal = -BOUND, max_value: Decimal = BOUND) -> Decimal:
    """A decimal with 0–6 places within the bounds."""
    return draw(_decimals(draw(_PLACES), min_value, max_value))


@cache
@st.composite
def intervals(draw) -> Interval:
    lo, hi = sorted((draw(numbers()), draw(numbers())))
    return Interval(lo, hi)


@cache
@st.composite
def nonzero_intervals(draw) -> Interval:
    """An interval strictly on one side of zero (a legal divisor)."""
    tiny = Decimal("0.000001")
    a, b = sorted((draw(numbers(tiny, BOUND)), draw(numbers(tiny, BOUND))))
    return Interval(a, b) if draw(st.booleans()) else Interval(-b, -a)


@cache
@st.composite
def zero_touching_intervals(draw) -> Interval:
    """An interval with lo <= 0 <= hi (an illegal divisor)."""
    return Interval(draw(numbers(-BOUND, Decimal(0))), draw(numbers(Decimal(0), BOUND)))


@cache
@st.composite
def fractions01(draw, open_: bool = False) -> Decimal:
    """A decimal fraction in [0, 1] (or (0, 1) when ``open_``), with up to 12 places."""
    f = draw(_decimals(draw(_FRACTION_PLACES), Decimal(0), Decimal(1)))
    if open_:
        assume(0 < f < 1)
    return f


def point_in(draw, iv: Interval) -> Decimal:
    """A point of ``iv``: an endpoint, the midpoint, or lo + (hi - lo) × fraction.

    A plain helper taking ``draw`` (``data.draw``), not a composite: building a fresh
    strategy per interval costs more than the test itself.
    """
    how = draw(_HOW)
    with localcontext(EXACT):
        if how == "lo":
            x = iv.lo
        elif how == "hi":
            x = iv.hi
        elif how == "mid":
            x = (iv.lo + iv.hi) / 2
        else:
            x = iv.lo + (iv.hi - iv.lo) * draw(fractions01())
    assert iv.lo <= x <= iv.hi
    return x


@cache
@st.composite
def displayed(draw, unit: str = "万元", min_value: Decimal = -BOUND, max_value: Decimal = BOUND) -> Quantity:
    """A figure as printed: value, its 0–6 displayed places, and the text."""
    places = draw(_PLACES)
    ulp = Decimal(1).scaleb(-places)
    value = draw(_decimals(places, min_value, max_value)).quantize(ulp)
    if value == 0:
        value = abs(value)  # never "-0.00"
    return Quantity(value=value, places=places, unit=unit, text=format(value, "f"))


def _ulp(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


# ------------------------------------------------------------- 1. soundness of arithmetic


@given(st.data())
def test_add_contains_exact_sum(data):
    a, b = data.draw(intervals()), data.draw(intervals())
    x, y = point_in(data.draw, a), point_in(data.draw, b)
    with localcontext(EXACT):
        exact = x + y
    result = a + b
    assert result.contains(exact), (a, b, x, y, result)
    # Sums of printed figures are exact: no outward slack at all.
    with localcontext(EXACT):
        assert result == Interval(a.lo + b.lo, a.hi + b.hi)


@given(st.data())
def test_sub_contains_exact_difference(data):
    a, b = data.draw(intervals()), data.draw(intervals())
    x, y = point_in(data.draw, a), point_in(data.draw, b)
    with localcontext(EXACT):
        exact = x - y
    result = a - b
    assert result.contains(exact), (a, b, x, y, result)
    with localcontext(EXACT):
        assert result == Interval(a.lo - b.hi, a.hi - b.lo)


@given(st.data())
def test_mul_contains_exact_product(data):
    a, b = data.draw(intervals()), data.draw(intervals())
    x, y = point_in(data.draw, a), point_in(data.draw, b)
    with localcontext(EXACT):
        exact = x * y
    result = a * b
    assert result.contains(exact), (a, b, x, y, result)
    # Products of ≤16-digit operands fit in 40 digits, so the hull is attained exactly.
    with localcontext(EXACT):
        corners = [p * q for p in (a.lo, a.hi) for q in (b.lo, b.hi)]
    assert result == Interval(min(corners), max(corners))


@given(st.data())
def test_div_contains_exact_quotient_or_refuses_zero(data):
    a = data.draw(intervals())
    b = data.draw(st.one_of(intervals(), nonzero_intervals()))
    if b.contains(Decimal(0)):
        with pytest.raises(ZeroDivisionError):
            a / b
        assume(False)
    x, y = point_in(data.draw, a), point_in(data.draw, b)
    result = a / b
    # Rigorous: compare as exact rationals.
    q = Fraction(x) / Fraction(y)
    assert Fraction(result.lo) <= q <= Fraction(result.hi), (a, b, x, y, result)
    # And as the brief's 80-digit decimal reference (monotone rounding keeps it inside).
    with localcontext(WIDE):
        assert result.contains(x / y)
    # Outward rounding at 40 digits must not inflate by more than one unit in the 40th digit.
    corners = [Fraction(p) / Fraction(r) for p in (a.lo, a.hi) for r in (b.lo, b.hi)]
    slack = Fraction(1, 10**38)
    assert Fraction(result.lo) >= min(corners) - abs(min(corners)) * slack
    assert Fraction(result.hi) <= max(corners) + abs(max(corners)) * slack


@given(st.data())
def test_div_by_zero_touching_interval_raises(data):
    a, b = data.draw(intervals()), data.draw(zero_touching_intervals())
    with pytest.raises(ZeroDivisionError):
        a / b


@given(st.data())
def test_chained_expression_contains_exact_value(data):
    """((a + b) / c) × d − e: the kind of expression a share/growth check builds.

    Division yields 40-digit endpoints, so the following product is genuinely rounded
    outward; exactness is checked with rationals.
    """
    a, b, d, e = (data.draw(intervals()) for _ in range(4))
    c = data.draw(nonzero_intervals())
    xa, xb, xc, xd, xe = (point_in(data.draw, iv) for iv in (a, b, c, d, e))
    result = ((a + b) / c) * d - e
    exact = (Fraction(xa) + Fraction(xb)) / Fraction(xc) * Fraction(xd) - Fraction(xe)
    assert Fraction(result.lo) <= exact <= Fraction(result.hi)


@given(st.data())
def test_neg_and_scale_contain_exact_images(data):
    a = data.draw(intervals())
    x = point_in(data.draw, a)
    factor = data.draw(st.one_of(numbers(), st.sampled_from(list(MONEY_UNITS.values()))))
    assert (-a).contains(-x)
    assert (-a).width == a.width
    with localcontext(EXACT):
        exact = x * factor
    assert a.scale(factor).contains(exact)


@given(intervals(), intervals())
def test_overlaps_and_distance_agree(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    assert a.distance(b) == b.distance(a) >= 0
    assert (a.distance(b) == 0) == a.overlaps(b)
    if not a.overlaps(b):
        left, right = (a, b) if a.hi < b.lo else (b, a)
        assert a.distance(b) == right.lo - left.hi


# ------------------------------------------- 2. a printed figure and its rounding interval


@given(displayed(), fractions01(open_=True))
def test_every_interior_point_displays_as_the_text(q, frac):
    iv = q.interval()
    with localcontext(EXACT):
        x = iv.lo + iv.width * frac
    assert iv.lo < x < iv.hi
    assert round_to(x, q.places) == q.value
    if q.value != 0:  # round_to(-0.4, 0) is Decimal('-0'): equal to 0, but formats as "-0"
        assert format(round_to(x, q.places), "f") == q.text


@given(displayed())
def test_interval_endpoints_follow_round_half_up(q):
    """Half up = half away from zero (as Excel): the closed interval owns exactly one
    boundary that displays as this text, and shares the other with its neighbour."""
    iv, ulp, p = q.interval(), q.ulp, q.places
    assert iv.width == ulp
    assert iv.contains(q.value)
    with localcontext(EXACT):
        up, down = q.value + ulp, q.value - ulp
    if q.value > 0:
        assert round_to(iv.lo, p) == q.value  # lo rounds up to the value
        assert round_to(iv.hi, p) == up  # hi is the neighbour's boundary
    elif q.value < 0:
        assert round_to(iv.hi, p) == q.value
        assert round_to(iv.lo, p) == down
    else:
        assert round_to(iv.lo, p) == down and round_to(iv.hi, p) == up


@given(displayed(), st.integers(1, 20))
def test_just_outside_the_interval_displays_differently(q, k):
    iv, ulp, p = q.interval(), q.ulp, q.places
    with localcontext(EXACT):
        eps = ulp.scaleb(-k)
        below, above = iv.lo - eps, iv.hi + eps
        down, up = q.value - ulp, q.value + ulp
    assert round_to(below, p) == down != q.value
    assert round_to(above, p) == up != q.value


@given(displayed(), st.integers(-2 * 10**6, 2 * 10**6))
def test_interval_is_the_set_that_displays_as_the_text(q, millionths):
    """Anywhere within ±2 ulp: displaying as the text ⇒ inside; strictly inside ⇒ displaying."""
    with localcontext(EXACT):
        x = q.value + q.ulp * Decimal(millionths).scaleb(-6)
    iv = q.interval()
    if round_to(x, q.places) == q.value:
        assert iv.contains(x)
    if iv.lo < x < iv.hi:
        assert round_to(x, q.places) == q.value


@given(displayed(), fractions01())
def test_truncation_interval(q, frac):
    """A truncated figure stands for [value, value+ulp) (toward zero for negatives)."""
    t, ulp = q.truncation_interval(), q.ulp
    assert t.width == ulp
    assert t.contains(q.value)
    with localcontext(EXACT):
        if q.value >= 0:
            assert t == Interval(q.value, q.value + ulp)
            x = q.value + ulp * frac
        else:
            assert t == Interval(q.value - ulp, q.value)
            x = q.value - ulp * frac
    assert t.contains(x)
    truncated = x.quantize(ulp, rounding=ROUND_DOWN)
    if frac < 1:
        assert truncated == q.value
    else:  # the closed far end is where the next figure begins
        assert abs(truncated) == abs(q.value) + ulp


@given(displayed())
def test_exact_quantities_are_points(q):
    exact = Quantity(q.value, q.places, "辆", q.text, exact=True)
    assert exact.interval() == Interval.point(q.value)
    assert exact.truncation_interval() == Interval.point(q.value)


# --------------------------------------------------- 3. sums of rounded parts (n half-units)


@given(st.integers(0, MAX_PLACES).flatmap(lambda p: st.tuples(st.just(p), st.lists(_decimals(p), min_size=1, max_size=12))), st.data())
def test_interval_sum_width_is_n_ulps_and_contains_exact_sum(args, data):
    places, values = args
    ulp = _ulp(places)
    parts = [Quantity(v.quantize(ulp), places, "万元", format(v.quantize(ulp), "f")) for v in values]
    total = interval_sum(q.interval() for q in parts)
    n = len(parts)
    with localcontext(EXACT):
        assert total.width == n * ulp  # n half-units either side
        assert total == Interval.around(sum(q.value for q in parts), n * ulp / 2)
    points = [point_in(data.draw, q.interval()) for q in parts]
    with localcontext(EXACT):
        exact = sum(points, Decimal(0))
    assert total.contains(exact)
    # The total a careful writer would print (the true sum, rounded) is consistent with the parts.
    printed_total = round_to(exact, places)
    stated = Quantity(printed_total, places, "万元", format(printed_total, "f"))
    assert stated.interval().overlaps(total)


@given(st.lists(displayed(), min_size=1, max_size=12))
def test_interval_sum_mixed_places(parts):
    total = interval_sum(q.interval() for q in parts)
    with localcontext(EXACT):
        assert total.width == sum((q.ulp for q in parts), Decimal(0))
        assert total.contains(sum((q.value for q in parts), Decimal(0)))


def test_interval_sum_of_nothing_is_zero():
    assert interval_sum([]) == Interval.point(0)


# ----------------------------------------------------------------------- 4. money in 万元


def test_in_wan_yuan_example():
    q = Quantity(Decimal("774.37"), 2, "元", "774.37")
    wan = q.in_wan()
    assert wan == Interval(Decimal("0.0774365"), Decimal("0.0774375"))
    assert wan.contains(Decimal("0.077437"))
    assert wan == q.interval().scale(Decimal("0.0001"))


def test_in_wan_wan_and_yi_examples():
    wan = Quantity(Decimal("774.37"), 2, "万元", "774.37")
    assert wan.in_wan() == wan.interval() == Interval(Decimal("774.365"), Decimal("774.375"))
    yi = Quantity(Decimal("1.23"), 2, "亿元", "1.23")  # 12300万元 ± 0.005亿元 = ± 50万元
    assert yi.in_wan() == Interval(Decimal(12250), Decimal(12350))
    qian = Quantity(Decimal("7743.7"), 1, "千元", "7743.7")
    assert qian.in_wan() == Interval(Decimal("774.365"), Decimal("774.375"))


@given(st.sampled_from(sorted(MONEY_UNITS)), st.data())
def test_in_wan_is_the_interval_scaled(unit, data):
    q = data.draw(displayed(unit=unit))
    factor = MONEY_UNITS[unit]
    iv, wan = q.interval(), q.in_wan()
    with localcontext(EXACT):
        assert wan == Interval(iv.lo * factor, iv.hi * factor)
        assert wan.width == q.ulp * factor
        assert wan.contains(q.value * factor)


# ---------------------------------------------------------------------- 5. plain examples


def test_around_example():
    assert Interval.around(Decimal("774.37"), Decimal("0.005")) == Interval(Decimal("774.365"), Decimal("774.375"))
    q = Quantity(Decimal("774.37"), 2, "万元", "774.37")
    assert q.interval() == Interval(Decimal("774.365"), Decimal("774.375"))
    pct = Quantity(Decimal("17.0"), 1, "%", "17.0")
    assert pct.interval() == Interval(Decimal("16.95"), Decimal("17.05"))


def test_share_example():
    """395.91 of 774.37 is 51.13% — so "51.1%" and "51.13%" are consistent, "51.2%" is not."""
    part = Quantity(Decimal("395.91"), 2, "万元", "395.91").interval()
    whole = Quantity(Decimal("774.37"), 2, "万元", "774.37").interval()
    share = part / whole * Interval.point(100)
    assert share.contains(Decimal("51.1267223678603251675555612950"))
    assert Decimal("51.125") < share.lo < share.hi < Decimal("51.129")
    stated = Quantity(Decimal("51.1"), 1, "%", "51.1").interval()
    assert stated.overlaps(share) and stated.distance(share) == 0
    assert Quantity(Decimal("51.13"), 2, "%", "51.13").interval().overlaps(share)
    wrong = Quantity(Decimal("51.2"), 1, "%", "51.2").interval()
    assert not wrong.overlaps(share)
    assert wrong.distance(share) == Decimal("51.15") - share.hi > 0
    assert fmt_interval(share, 2, "%") == "51.12%～51.13%"


def test_distance_examples():
    a = Interval(Decimal(1), Decimal(2))
    b = Interval(Decimal("3.5"), Decimal(4))
    assert a.distance(b) == b.distance(a) == Decimal("1.5")
    assert not a.overlaps(b)
    touching = Interval(Decimal(2), Decimal(3))
    assert a.overlaps(touching) and a.distance(touching) == 0
    assert a.distance(Interval(Decimal("1.5"), Decimal("1.6"))) == 0


def test_empty_interval_raises():
    with pytest.raises(ValueError):
        Interval(Decimal(2), Decimal(1))
    assert Interval(Decimal(1), Decimal(1)).width == 0


def test_division_by_interval_touching_zero_raises():
    one = Interval.point(1)
    for divisor in (Interval.point(0), Interval(Decimal(0), Decimal(1)), Interval(Decimal(-1), Decimal(0)), Interval(Decimal(-1), Decimal(1))):
        with pytest.raises(ZeroDivisionError):
            one / divisor


def test_round_to_is_half_up_not_bankers():
    assert round_to(Decimal("2.5"), 0) == 3
    assert round_to(Decimal("0.125"), 2) == Decimal("0.13")
    assert round_to(Decimal("-0.125"), 2) == Decimal("-0.13")
    assert round_to(Decimal("7.878"), 2) == Decimal("7.88")


def test_fmt_interval_examples():
    assert fmt_interval(Interval(Decimal("0.0774365"), Decimal("0.0774375")), 4) == "0.0774～0.0775"
    assert fmt_interval(Interval.point(5), 2, "万元") == "5.00万元"
    assert str(Interval(Decimal("774.3650"), Decimal("774.375"))) == "[774.365, 774.375]"


# ------------------------------------------- the fast forms in auditor.quantity, held against the plain ones
#
# Interval arithmetic, interval_sum and Quantity.interval avoid the attrs constructor and the generators of
# min()/max(); they must give the very same Decimals (same value, exponent and sign: 0 and 0.00, or -0, print
# differently), so each is compared with the plain form it replaced by repr.

from auditor.quantity import _DOWN, _UP  # noqa: E402

_SPECIAL = st.sampled_from([Decimal("0"), Decimal("0.00"), Decimal("-0"), Decimal("-0.0"), Decimal("1"), Decimal("1.000"),
                            Decimal("-1.0"), Decimal("100"), Decimal("1E+2"), Decimal("0.0001")])


@cache
@st.composite
def edge_intervals(draw) -> Interval:
    """Intervals whose ends are often equal in value but not in print (0 and 0.00, 1 and 1.000, -0)."""
    ends = st.one_of(_SPECIAL, numbers())
    lo, hi = sorted((draw(ends), draw(ends)))
    return Interval(lo, hi)


def _plain_mul(a: Interval, b: Interval) -> Interval:
    ends = [(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(min(_DOWN.multiply(x, y) for x, y in ends), max(_UP.multiply(x, y) for x, y in ends))


def _plain_div(a: Interval, b: Interval) -> Interval:
    ends = [(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(min(_DOWN.divide(x, y) for x, y in ends), max(_UP.divide(x, y) for x, y in ends))


def _same(a: Interval, b: Interval) -> bool:
    return type(a) is type(b) is Interval and repr(a) == repr(b)


@given(edge_intervals(), edge_intervals())
def test_fast_arithmetic_gives_the_plain_forms_decimals(a, b):
    assert _same(a + b, Interval(_DOWN.add(a.lo, b.lo), _UP.add(a.hi, b.hi)))
    assert _same(a - b, Interval(_DOWN.subtract(a.lo, b.hi), _UP.subtract(a.hi, b.lo)))
    assert _same(a * b, _plain_mul(a, b))
    assert _same(a.scale(b.lo), _plain_mul(a, Interval.point(b.lo)))
    if not b.lo <= 0 <= b.hi:
        assert _same(a / b, _plain_div(a, b))


@given(st.lists(edge_intervals(), max_size=12))
def test_fast_interval_sum_gives_the_plain_forms_decimals(parts):
    total = Interval.point(0)
    for iv in parts:
        total = Interval(_DOWN.add(total.lo, iv.lo), _UP.add(total.hi, iv.hi))
    assert _same(interval_sum(parts), total)
    assert _same(interval_sum(iter(parts)), total)


@given(displayed(), st.booleans())
def test_fast_quantity_interval_gives_the_plain_forms_decimals(q, exact):
    q = Quantity(q.value, q.places, q.unit, q.text, exact=exact)
    half = Decimal(5).scaleb(-q.places - 1, _UP)
    plain = Interval(q.value, q.value) if exact else Interval(_DOWN.subtract(q.value, half), _UP.add(q.value, half))
    assert _same(q.interval(), plain)
    for places in (15, -1):  # beyond the table of half units, computed as before
        far = Quantity(q.value, places, q.unit, q.text)
        half = Decimal(5).scaleb(-places - 1, _UP)
        assert _same(far.interval(), Interval(_DOWN.subtract(q.value, half), _UP.add(q.value, half)))


def test_fast_constructors_still_refuse_an_empty_interval():
    with pytest.raises(ValueError, match="empty interval"):
        Interval.around(Decimal(2), Decimal(-1))
    with pytest.raises(ValueError, match="empty interval"):
        Interval(Decimal(2), Decimal(1))
    with pytest.raises(InvalidOperation):
        Interval.point(Decimal("NaN"))


@given(st.one_of(_SPECIAL, numbers(), st.decimals(allow_nan=False, allow_infinity=False)), st.integers(-2, 14),
       st.sampled_from(["ROUND_FLOOR", "ROUND_CEILING", "ROUND_HALF_UP", "ROUND_DOWN"]))
def test_quantizing_with_the_contexts_made_once_gives_the_plain_forms_decimals(value, places, rounding):
    from decimal import MAX_EMAX, MIN_EMIN

    from auditor.quantity import PRECISION, _quantize

    digits = max(value.adjusted(), 0) + max(places, 0) + 2
    context = Context(prec=max(PRECISION, digits), rounding=rounding, Emax=MAX_EMAX, Emin=MIN_EMIN)
    try:
        plain = repr(value.quantize(Decimal(1).scaleb(-places, context), context=context))
    except InvalidOperation:
        plain = "InvalidOperation"
    try:
        fast = repr(_quantize(value, places, rounding))
    except InvalidOperation:
        fast = "InvalidOperation"
    assert fast == plain
