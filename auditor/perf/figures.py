"""Numbers in a performance table: a printed figure becomes a :class:`Figure` with its span."""

from __future__ import annotations

import re
from decimal import Decimal

from auditor.perf.model import Figure
from auditor.quantity import NUMBER as PRINTED_NUMBER
from auditor.quantity import Quantity

NUMBER = re.compile(rf"[-+]?{PRINTED_NUMBER}")
# A target's operator as printed, to the one the rules compare with. ≧ ≦ (U+2267, U+2266) are what
# some input methods give for ≥ ≤ (jincheng's 监控水站运维 table); >= <= are typed in plain text.
OPERATORS = {"≥": "≥", "≤": "≤", "≧": "≥", "≦": "≤", "=": "=", ">": ">", "<": "<", "＞": ">", "＜": "<", "＝": "=", ">=": "≥", "<=": "≤"}
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")  # the first-level indicator groups
_WHOLE = re.compile(rf"^{NUMBER.pattern}$")


def is_number(text: str) -> bool:
    """Whether ``text`` is one number, the test :func:`figure` makes before it builds the Figure."""
    return _WHOLE.match(text) is not None


def figure(text: str, start: int, unit: str = "", exact: bool = False) -> Figure | None:
    """The figure printed as ``text`` at offset ``start``; None unless ``text`` is one number.

    ``exact`` marks an assigned value (an indicator's 分值 or 得分 of 15 is 15) rather
    than a rounded result (a total of 99.43 stands for [99.425, 99.435]).
    """
    if not is_number(text):
        return None
    places = len(text.partition(".")[2])
    quantity = Quantity(Decimal(text.replace(",", "")), places, unit, text, exact)
    return Figure(quantity, start, start + len(text))
