"""The standard tables as data: sides of a table, rows with labels and subject codes, cells with spans.

A two-sided table (公开01表: income beside expenditure; 公开06表: 人员经费 beside
公用经费) is read as one :class:`Table` per side, named ``表01收入``, ``表01支出``,
``表06人员经费`` …; a one-sided table is just ``表03``. Rules name tables, rows and
columns this way (see ``rules/tables.rules``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache, lru_cache

import attrs

from auditor.document.model import Document, normalise
from auditor.document.titles import ORDINAL
from auditor.finding import Reason
from auditor.knowledge import vocabulary
from auditor.quantity import INTEGER, Interval, Quantity

_PAREN = re.compile(r"\([^)]*\)")
SUBJECT_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # 类 201, 款 20103, 项 2010301
ROW_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")  # 一、 (一): a numbered line item
MONEY = re.compile(rf"^-?{INTEGER}(?:\.(\d+))?$")


def money(text: str, unit: str) -> Quantity | None:
    """A money cell as printed (``1,920.38``, ``0``) as a Quantity; None for anything else."""
    m = MONEY.match(text)
    return Quantity(Decimal(text.replace(",", "")), len(m.group(1) or ""), unit, text) if m else None


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """How a row or column label is compared: no spaces, no ordinal (``一、``), ASCII brackets."""
    key = re.sub(r"\s+", "", normalise(text)).replace("“", "").replace("”", "").replace('"', "")
    return ORDINAL.sub("", key)


@cache
def _column_names() -> dict[str, tuple[str, ...]]:
    """Each word of ``[tables.column_names]`` (as compared) → the words of its group, itself first."""
    groups = vocabulary()["tables"]["column_names"].values()
    return {label_key(word): (word, *(other for other in group if other != word)) for group in groups for word in group}


@lru_cache(maxsize=16384)
def label_matches(label: str, name: str) -> bool:
    """Does a row/column ``label`` answer to ``name``? Exactly, or once its remark in brackets is dropped.

    ``使用非财政拨款结余(含专用结余)`` answers to 使用非财政拨款结余; 因公出国(境)费 keeps its
    brackets because the name has them too.
    """
    key, want = label_key(label), label_key(name)
    return bool(key) and (key == want or _PAREN.sub("", key) == want)


@attrs.frozen(eq=False, weakref_slot=False, init=False)
class Cell:
    """One money cell: the text as printed, its span in the document, and its figure (None when empty).

    A big document has hundreds of thousands of cells, so a cell is kept small: no weak-reference slot, and
    its span as where its line starts (one int object, shared by the row's cells), its column in that line
    and its width: a column or a width under 257 is an int Python shares, where a start or an end offset
    would be an object of its own, 32 bytes a cell. It is made as ``Cell(text, start, end, quantity)``, with
    ``line_start`` when the caller knows it; ``attrs.evolve`` does not take it.
    """

    text: str
    line_start: int  # the offset the column counts from: the start of the cell's line, or the start itself
    column: int  # start - line_start
    width: int  # end - start
    quantity: Quantity | None

    def __init__(self, text: str, start: int, end: int, quantity: Quantity | None, line_start: int | None = None) -> None:
        if line_start is None or line_start > start:
            line_start = start
        self.__attrs_init__(text, line_start, start - line_start, end - start, quantity)

    @property
    def start(self) -> int:
        """Offset of the cell's first character."""
        return self.line_start + self.column

    @property
    def end(self) -> int:
        """Offset just after the cell's last character."""
        return self.line_start + self.column + self.width

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def readable(self) -> bool:
        """Empty, or a figure: a cell holding anything else cannot enter an identity."""
        return self.empty or self.quantity is not None

    def interval(self) -> Interval:
        """The rounding interval; an empty cell is an exact zero in an identity."""
        return self.quantity.interval() if self.quantity is not None else Interval.point(0)


_CODE_LEVELS = {3: 1, 5: 2, 7: 3}  # digits of a subject code → its level


class RowCells(Mapping):
    """A row's cells by column name, read as a dict reads (``cells[name]``, ``get``, ``items()``, ``in``), but kept small.

    A big document has a hundred thousand rows, and a dict of even one cell costs 184 bytes. Here the rows of a table
    share one index of their column names (:func:`_column_index`, kept once per tuple of names), and a row holds only
    its cells, in a tuple: about half the bytes of a dict of four cells.
    """

    __slots__ = ("_index", "_cells")

    def __init__(self, cells: Mapping[str, Cell]) -> None:
        self._index = _column_index(tuple(cells))
        self._cells = tuple(cells.values())

    def __getitem__(self, name: str) -> Cell:
        return self._cells[self._index[name]]

    def get(self, name: str, default=None):
        at = self._index.get(name)
        return default if at is None else self._cells[at]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._cells)

    def keys(self):
        return self._index.keys()

    def values(self) -> tuple[Cell, ...]:
        return self._cells

    def items(self):
        return zip(self._index, self._cells, strict=True)

    def __repr__(self) -> str:
        return f"RowCells({dict(self.items())!r})"


@lru_cache(maxsize=1024)
def _column_index(names: tuple[str, ...]) -> dict[str, int]:
    """Column name → its place in a row's cells; one dict for every row with these columns (never modified)."""
    return {name: k for k, name in enumerate(names)}


def _row_cells(cells: Mapping[str, Cell]) -> RowCells:
    return cells if isinstance(cells, RowCells) else RowCells(cells)


@attrs.frozen(eq=False, weakref_slot=False)
class Row:
    """A data row of one side: its label (科目名称 or 项目), subject code, ordinal and money cells."""

    label: str
    code: str
    numbered: bool  # the label begins with an ordinal (一、): a line item of a 本年收入合计 / 本年支出合计
    cells: RowCells = attrs.field(converter=_row_cells)  # built from a dict of column name → Cell
    start: int  # offset of the row's first character, for a location when no cell is involved
    line: int  # 0-based line
    # Figures a space-separated row prints after its total whose columns are not certain (its empty cells were not
    # printed): each stands in one of the parts of the row's identity, so the row's total = their sum, whichever.
    unplaced: tuple[Cell, ...] = ()

    @property
    def level(self) -> int:
        """Subject-code level: 1 类 (201, 301), 2 款 (20103, 30101), 3 项 (2010301); 0 without a code."""
        return _CODE_LEVELS.get(len(self.code), 0)

    @property
    def name(self) -> str:
        """How a message names the row: its code and label."""
        return " ".join(part for part in (self.code, self.label) if part)


@attrs.frozen(eq=False)
class Table:
    """One side of a standard table, as printed."""

    number: str  # "01" … "09"
    side: str  # "" for a one-sided table, else 收入 / 支出 / 人员经费 / 预算数 …
    title: str
    unit: str  # 万元, 元 or 亿元 (金额单位)
    columns: tuple[str, ...]  # money columns, in order
    rows: tuple[Row, ...]
    document: Document
    start: int  # offset of the table's first line (its header), where a note on a table without rows stands
    declared_empty: bool = False  # 无收支 … 以空表列示
    # Space-separated rows: only the columns whose place is certain were read, and a note
    # says so; a column an identity needs but this side lacks is no news then.
    columns_placed_only: bool = False

    @property
    def name(self) -> str:
        return f"表{self.number}{self.side}"

    @property
    def display_name(self) -> str:
        return f"公开{self.number}表" + (f"（{self.side}）" if self.side else "")

    def column(self, name: str) -> str | None:
        """The money column answering to ``name``; ``金额|决算数`` names alternatives, the first that is printed wins.

        A name answers for every word of its group in ``[tables.column_names]`` (金额 for 决算数 …): a
        province's own header word for a column is one word in the vocabulary, not one in each identity.
        """
        for alternative in name.split("|"):
            for word in _column_names().get(label_key(alternative), (alternative,)):
                for column in self.columns:
                    if label_matches(column, word):
                        return column
        return None

    def find_rows(self, name: str) -> list[Row]:
        """Rows answering to a name: a subject code (201), a label, or ``1`` for the first data row."""
        if name.isdigit() and len(name) >= 3:
            return [r for r in self.rows if r.code == name]
        if name.isdigit():
            index = int(name) - 1
            return [self.rows[index]] if index < len(self.rows) else []
        return [r for r in self.rows if label_matches(r.label, name)]


@attrs.frozen
class TableNote:
    """Something about a table the auditor could not read, said once (rule ``table.layout``) so the user knows what was
    skipped; ``reason`` is what happened, as data."""

    reason: Reason
    start: int
    end: int
    document: Document
