"""Excel .xlsx: every worksheet as its name, then its rows as TAB-separated lines.

A cell becomes the text a person sees in Excel, because the auditor compares
figures as written: 1920.38 formatted ``#,##0.00`` is ``1,920.38``, 410 formatted
``0.00`` is ``410.00``. Numbers go through :class:`~decimal.Decimal` built from
the float's shortest repr, never through float arithmetic, so 0.06 stays 0.06.
A row ends at its last non-empty cell, as a text extraction prints it: a title or a
note alone in column A is a line of its own, not a table row; the table reader
reads missing trailing cells as empty. Each line's place is ``公开01表!7`` and each
cell's ``公开01表!C7``.
"""

from __future__ import annotations

import datetime
import re
import warnings
from decimal import ROUND_HALF_UP, Decimal, localcontext

from auditor.document.model import Document
from auditor.read.archive import check_package
from auditor.read.errors import InputError
from auditor.read.office import Lines, import_extra

_BREAKS = re.compile(r"\r\n|[\t\r\n]")
# Parts of a number format that are shown literally or only pad: "text", [Red], \x, _x (space as wide as x), *x (fill).
#: Excel shows at most 30 decimals, whatever the format asks for (a crafted format may ask 50,000).
MAX_PLACES = 30
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def read_xlsx(name: str) -> Document:
    """Read a .xlsx into a Document whose lines know their sheet, row and cell."""
    openpyxl = import_extra(name, "openpyxl", "xlsx", "openpyxl")
    package = check_package(name, "xlsx")
    lines = Lines(name)
    try:
        # openpyxl warns about features it drops (data validation, conditional formats): not the user's concern.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(package, read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    _render_sheet(sheet, lines)
            finally:
                workbook.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl and its XML parser raise many kinds on a malformed file
        reason = " ".join(str(exc).split())[:200]
        raise InputError(name, f"无法读取 Excel 文件：{type(exc).__name__}: {reason} (unreadable .xlsx)") from None
    return lines.document("xlsx")


def _render_sheet(sheet, lines: Lines) -> None:
    from openpyxl.utils import get_column_letter  # an optional library: imported only when a .xlsx is read

    title = _BREAKS.sub(" ", sheet.title)
    lines.add(title, title)
    sheet.reset_dimensions()  # the stored <dimension> may be missing or wrong: the cells themselves decide
    filled: dict[int, list[tuple[int, str]]] = {}  # row → (column, text) of its non-empty cells
    width = 0
    for row, cells in enumerate(sheet.iter_rows(), start=1):
        lines.reserve(len(cells))  # cells read count too: a row can reach column XFD with one tiny element
        texts = []
        for column, cell in enumerate(cells, start=1):
            if text := display_text(cell.value, cell.number_format):
                lines.reserve_chars(len(text))  # one shared string of megabytes in every cell stops here, early
                texts.append((column, text))
        if texts:
            filled[row] = texts
            width = max(width, texts[-1][0])
    height = max(filled, default=0)
    lines.reserve(height * width)
    letters = [get_column_letter(column) for column in range(1, width + 1)]
    for row in range(1, height + 1):
        cells = filled.get(row, ())
        texts = [""] * (cells[-1][0] if cells else 0)
        for column, text in cells:
            texts[column - 1] = text
        lines.add_row(texts, f"{title}!{row}", [f"{title}!{letter}{row}" for letter in letters[: len(texts)]], counted=True)
    lines.add("")


def display_text(value, number_format: str | None) -> str:
    """What Excel shows for a cell's value under its number format."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _BREAKS.sub(" ", value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return _number_text(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), number_format or "General")
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return _BREAKS.sub(" ", str(value))


def _number_text(number: Decimal, number_format: str) -> str:
    """A number under the first section of its format: decimals, thousands separators, percent.

    Formats without digit placeholders (General, @) and scientific ones show the
    number as it is, without exponent or a trailing ``.0``.
    """
    if not number.is_finite():  # a crafted file can hold 1e999; Excel itself never stores it
        return str(number)
    section = _LITERALS.sub("", number_format.split(";")[0])
    if not re.search(r"[0#?]", section) or re.search(r"[eE][+-]", section):
        text = format(number, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    percent = "%" in section
    decimals = re.search(r"\.([0#?]*)", section)
    places = min(len(decimals.group(1)) if decimals else 0, MAX_PLACES)
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + places + 5)  # enough digits that nothing but the format rounds
        if percent:
            number *= 100
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)  # Excel rounds half away from zero
    text = format(rounded, f"{',' if ',' in section else ''}.{places}f")
    return text + "%" if percent else text
