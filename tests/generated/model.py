"""What a generator returns: text, and the stated figures in it with their exact places."""

from __future__ import annotations

from decimal import Decimal

import attrs


@attrs.frozen
class Stated:
    """One figure the text states: ``text[start:end]`` is its digits, as printed.

    ``kind`` names what it is (``prose.share``, ``table.cell``, ``perf.score`` …) so a
    benchmark can report detection by kind; ``value`` and ``places`` are the printed value.
    """

    start: int
    end: int
    value: Decimal
    places: int
    kind: str


@attrs.define
class Rendered:
    """Text under construction; ``add`` appends plain text, ``figure`` appends a stated figure."""

    parts: list[str] = attrs.field(factory=list)
    figures: list[Stated] = attrs.field(factory=list)
    length: int = 0

    def add(self, text: str) -> Rendered:
        self.parts.append(text)
        self.length += len(text)
        return self

    def figure(self, value: Decimal, places: int, kind: str, text: str | None = None) -> Rendered:
        """Append a figure printed with ``places`` decimals (or as ``text``, e.g. with thousands separators)."""
        printed = text if text is not None else f"{value:.{places}f}"
        self.figures.append(Stated(self.length, self.length + len(printed), value, places, kind))
        return self.add(printed)

    def extend(self, other: Rendered) -> Rendered:
        for f in other.figures:
            self.figures.append(attrs.evolve(f, start=f.start + self.length, end=f.end + self.length))
        for part in other.parts:
            self.add(part)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)
