"""Numbers in a performance table: a printed figure becomes a :class:`Figure` with its span."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from auditor.perf.model import Deadline, Figure
from auditor.quantity import NUMBER as PRINTED_NUMBER
from auditor.quantity import Quantity

NUMBER = re.compile(rf"[-+]?{PRINTED_NUMBER}")
# A target's operator as printed, to the one the rules compare with. ≧ ≦ (U+2267, U+2266) are what
# some input methods give for ≥ ≤ (jincheng's 监控水站运维 table); >= <= are typed in plain text.
OPERATORS = {"≥": "≥", "≤": "≤", "≧": "≥", "≦": "≤", "=": "=", ">": ">", "<": "<", "＞": ">", "＜": "<", "＝": "=", ">=": "≥", "<=": "≤"}
_WHOLE = re.compile(rf"^{NUMBER.pattern}$")


def is_number(text: str) -> bool:
    """Whether ``text`` is one number, the test :func:`figure` makes before it builds the Figure."""
    return _WHOLE.match(text) is not None


def figure(text: str, start: int, unit: str = "", exact: bool = False, end: int | None = None) -> Figure | None:
    """The figure printed as ``text`` at offset ``start``; None unless ``text`` is one number.

    ``exact`` marks an assigned value (an indicator's 分值 or 得分 of 15 is 15) rather
    than a rounded result (a total of 99.43 stands for [99.425, 99.435]). ``end`` is where its
    last digit ends where a line break runs through it (``start + len(text)`` otherwise).
    """
    quantity = printed_quantity(text, unit, exact)
    return None if quantity is None else Figure(quantity, start, start + len(text) if end is None else end)


@lru_cache(maxsize=4096)
def printed_quantity(text: str, unit: str, exact: bool) -> Quantity | None:
    """One Quantity for what tables print alike (weights and scores of 10, 完成率 of 100 %): it is immutable. None
    unless ``text`` is one number (asked here, once per text, not again for every cell that prints it)."""
    if not is_number(text):
        return None
    return Quantity(Decimal(text.replace(",", "") if "," in text else text), len(text.partition(".")[2]), unit, text, exact)


_DATE = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?:(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*[日号])?(?P<end>\s*(?:底|末))?|(?P<yearend>底|末))"
)
_BEFORE = re.compile(r"^\s*(?:之前|以前|前)")
_RANGE = re.compile(r"\d\s*[-—~～至到]\s*$")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def deadline(text: str, start: int, is_target: bool) -> Deadline | None:
    """The one date ``text`` states, as months into the year; None where it states none, or two.

    A target (``6月底前``, ``2024年底前``, ``截至11月底``) is read as the latest month it
    allows, leniently (``6月前`` as the end of June too). A result (``8月完成``,
    ``2024年8月19日发放完毕``) is read as the span it stands for; one written as a bound
    (``10月底前已完成``) proves nothing about lateness (earliest 0). A range (``1-6月``), a
    frequency (``每月``) or a count (``12个月``) is no date.
    """
    if "月" not in text and "底" not in text and "末" not in text:
        return None  # most word targets (提高, 达成预期指标) are told here
    found = [m for m in _DATE.finditer(text) if m.group("month") or (m.group("yearend") and m.group("year"))]
    if len(found) != 1 or _RANGE.search(text[: found[0].start()]):
        return None
    m = found[0]
    year = int(m.group("year")) if m.group("year") else None
    if m.group("month") is None:  # 2024年底
        month, day = 12, None
    else:
        month, day = int(m.group("month")), int(m.group("day")) if m.group("day") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= _DAYS[month - 1] + (month == 2)):
        return None
    bound = bool(_BEFORE.match(text[m.end() :]))
    if day is not None:
        exact = Decimal(month - 1) + Decimal(day) / _DAYS[month - 1]
        earliest, latest = exact, exact
    else:
        earliest, latest = Decimal(month - 1) + Decimal(1) / _DAYS[month - 1], Decimal(month)
    if bound and not is_target:
        earliest = Decimal(0)
    return Deadline(earliest, latest, year, text, start + m.start(), start + m.end())
