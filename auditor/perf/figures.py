"""Numbers in a performance table: a printed figure becomes a :class:`Figure` with its span."""

from __future__ import annotations

import re
from decimal import Decimal

from auditor.perf.model import Figure
from auditor.quantity import Quantity

NUMBER = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?")
_WHOLE = re.compile(rf"^{NUMBER.pattern}$")


def figure(text: str, start: int, unit: str = "", exact: bool = False) -> Figure | None:
    """The figure printed as ``text`` at offset ``start``; None unless ``text`` is one number.

    ``exact`` marks an assigned value (an indicator's 分值 or 得分 of 15 is 15) rather
    than a rounded result (a total of 99.43 stands for [99.425, 99.435]).
    """
    if not _WHOLE.match(text):
        return None
    places = len(text.partition(".")[2])
    quantity = Quantity(Decimal(text.replace(",", "")), places, unit, text, exact)
    return Figure(quantity, start, start + len(text))
