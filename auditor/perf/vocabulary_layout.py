"""Performance tables in layouts other than the corpus's three, read by the vocabulary of their headers.

Offices print the same 项目支出绩效自评表 in many shapes (DOMAIN.md §4): one cell per
line behind a leading TAB with a blank line between rows, space-separated rows under a
letter-spaced title, ``|``-separated cells. This reader first turns the table's lines
into logical rows of cells (:func:`logical_rows`), then reads the rows by what their
cells say, never by a fixed position:

* a **money header** is a row naming three or more money columns (``[perf.columns]``
  in rules/vocabulary.toml: 调整后预算数, 预算执行数, 预算执行率, 权重 …); the row below
  it is read against it — cell by cell when both rows keep their blank cells (the
  TAB shapes), else its figures right-aligned to the named columns, and only when the
  column named as the rate holds the row's percentage (a check that the alignment is
  right);
* an **indicator header** (一级指标 … 得分) names the indicator columns, read the same
  way; without one, an indicator row is a target written with its operator
  (``>=30 块``), the actual value, then the 分值 and the 得分;
* the **total row** (合计 / 总分 / 自评总分) gives the total, its last figure;
* the **conclusion** (评价结论, 总体评价) keeps its text, and the score it restates.

What is not found stays None, so the perf rules check less, never something guessed.
"""

from __future__ import annotations

import re

from auditor.document.model import Document, normalise
from auditor.knowledge import vocabulary
from auditor.perf.figures import LEVEL1, NUMBER, OPERATORS, figure
from auditor.perf.model import Figure, Indicator, PerfTable, Text
from auditor.perf.narrative import bind

_TARGET = re.compile(rf"^(?P<op>>=|<=|[≥≤≧≦=><])\s*(?P<value>{NUMBER.pattern})\s*(?P<unit>\D*)$")
_VALUE = re.compile(rf"^(?P<value>{NUMBER.pattern})\s*(?P<unit>%|[^\d\s]{{0,4}})$")
_BARE = re.compile(rf"^{NUMBER.pattern}%?$")
_TOTAL = re.compile(r"^(?:合计|总分|自评总分|自评得分)$")
_CONCLUSION = re.compile(r"^(?:评价结论|总体评价|自评结论|绩效评价结论)$")
_RESTATED_SCORE = re.compile(rf"(?:自评)?(?:得分|总分)(?:为|是)?\s*(?P<value>{NUMBER.pattern})\s*分")
_SENTENCE = re.compile(r"[，；。]")


class Cell:
    """One cell of a logical row: normalised text and the offset of its first character."""

    __slots__ = ("start", "text")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start

    def __repr__(self) -> str:
        return f"Cell({self.text!r})"


def logical_rows(document: Document, first: int, last: int) -> tuple[list[list[Cell]], bool]:
    """The rows of lines [first, last) and whether they keep their blank cells.

    A table printed one cell per line behind a leading TAB (blank lines between rows)
    gives one row per run of such lines; TAB or ``|`` rows one row per line, blank cells
    kept; space-separated rows one row per line, a unit word joined to the figure before
    it (``24 块`` is one cell), blank cells lost.
    """
    lines = range(first, last)
    tab_cells = [i for i in lines if document.lines[i].startswith("\t") and "\t" not in document.lines[i][1:].rstrip("\t ")]
    if len(tab_cells) >= 3 and len(tab_cells) * 2 >= sum(1 for i in lines if document.lines[i].strip()):
        rows, current = [], []
        for i in lines:
            if document.lines[i].startswith("\t"):
                current.append(_cell(document, i, document.lines[i][1:]))
            elif current:
                rows.append(current)
                current = []
        if current:
            rows.append(current)
        return rows, True
    rows = []
    keeps_blanks = True
    for i in lines:
        raw = document.lines[i]
        if not raw.strip():
            continue
        if "\t" in raw.strip() or "|" in raw:
            rows.append(_split(document, i, "\t" if "\t" in raw.strip() else "|"))
        else:
            rows.append(_tokens(document, i))
            keeps_blanks = False
    return rows, keeps_blanks


def _cell(document: Document, index: int, piece: str) -> Cell:
    raw = document.lines[index]
    offset = document.line_start(index) + len(raw) - len(piece) + (len(piece) - len(piece.lstrip()))
    return Cell(normalise(piece.strip()), offset)


def _split(document: Document, index: int, separator: str) -> list[Cell]:
    offset = document.line_start(index)
    cells = []
    for piece in document.lines[index].split(separator):
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(normalise(piece.strip()), offset + lead))
        offset += len(piece) + 1
    return cells


def _tokens(document: Document, index: int) -> list[Cell]:
    """Space-separated tokens; a short unit word after a figure belongs to it (``24 块``, ``9.00 分``)."""
    base = document.line_start(index)
    cells: list[Cell] = []
    for m in re.finditer(r"\S+", document.lines[index]):
        text = normalise(m.group())
        if cells and re.fullmatch(r"[^\d\s%>=<≥≤]{1,4}|%", text) and re.search(r"\d%?$", cells[-1].text):
            cells[-1] = Cell(cells[-1].text + text, cells[-1].start)
        else:
            cells.append(Cell(text, base + m.start()))
    return cells


def _columns() -> dict[str, dict[str, list[str]]]:
    return vocabulary()["perf"]["columns"]


def _field(text: str, group: str) -> str | None:
    key = re.sub(r"[\s（）()]|万元|%", "", text)
    for field, words in _columns()[group].items():
        if key in words:
            return field
    return None


def _header(row: list[Cell], group: str) -> list[str | None] | None:
    fields = [_field(c.text, group) for c in row]
    return fields if sum(f is not None for f in fields) >= 3 else None


def _money_unit(field: str) -> str:
    return {"rate": "%", "exec_weight": "分", "exec_score": "分"}.get(field, "万元")


def _number(cell: Cell, unit: str, exact: bool = False) -> Figure | None:
    text = cell.text.replace(" ", "").rstrip("分")
    if text.endswith("%"):
        text = text[:-1]
    return figure(text, cell.start, unit, exact) if text else None


def _aligned(header: list[str | None], row: list[Cell], keeps_blanks: bool) -> dict[str, Cell]:
    """Which cell of ``row`` stands under each named column of ``header``."""
    named = [(i, f) for i, f in enumerate(header) if f is not None]
    if keeps_blanks and len(row) == len(header):
        return {f: row[i] for i, f in named if row[i].text}
    figures = [c for c in row if _BARE.match(c.text.rstrip("分"))]
    if len(figures) < len(named):
        return {}
    placed = {f: c for (_, f), c in zip(named, figures[len(figures) - len(named):], strict=True)}
    rate = placed.get("rate")
    if rate is not None and not rate.text.endswith("%"):
        return {}  # the alignment is wrong: the rate column does not hold the percentage
    return placed


def has_vocabulary_header(document: Document, first: int, last: int) -> bool:
    """Does the table in lines [first, last) name its money or indicator columns in one row?"""
    rows, _ = logical_rows(document, first, last)
    return any(_header(row, "money") or _header(row, "indicator") for row in rows)


def parse_vocabulary(document: Document, first: int, last: int) -> PerfTable | None:
    """The table that starts on line ``first`` (its title or 项目名称), read from the logical rows of [first, last)."""
    rows, keeps_blanks = logical_rows(document, first, last)
    name: Text | None = None
    fields: dict = {}
    indicators: list[Indicator] = []
    money_header = indicator_header = None
    pending: list[str] = []
    level1 = ""
    for position, row in enumerate(rows):
        texts = [c.text for c in row]
        filled = [c for c in row if c.text]
        if not filled:
            continue
        if name is None and "项目名称" in texts:
            after = [c for c in row[texts.index("项目名称") + 1 :] if c.text]
            if not after and position + 1 < len(rows):
                after = [c for c in rows[position + 1] if c.text]
            if after:
                name = Text(re.sub(r"^[\dA-Z]{10,}\s*[-－—]\s*", "", after[0].text), after[0].start)
            pending = []
            continue
        if (header := _header(row, "money")) and "budget" not in fields:
            money_header, pending = header, []
            continue
        if (header := _header(row, "indicator")) and {"weight", "score"} <= set(header):
            indicator_header, pending = header, []
            continue
        if _TOTAL.match(filled[0].text.replace(" ", "")):
            numbers = [c for c in filled[1:] if _number(c, "分") is not None]
            if numbers:
                fields["total"] = _number(numbers[-1], "分")
            continue
        if _CONCLUSION.match(filled[0].text.replace(" ", "")):
            text = "".join(c.text for c in filled[1:])
            if filled[1:]:
                fields["conclusion"] = Text(text, filled[1].start)
            continue
        if money_header and "budget" not in fields:
            for field, cell in _aligned(money_header, row, keeps_blanks).items():
                value = _number(cell, _money_unit(field), exact=field == "exec_weight")
                if value is not None:
                    fields[field] = value
            if "budget" in fields:
                pending = []
                continue
        for cell in filled:
            if cell.text in LEVEL1:
                level1 = cell.text
        indicator = None
        if indicator_header:
            indicator = _indicator_by_header(indicator_header, row, keeps_blanks, level1)
        if indicator is None:
            indicator = _indicator_by_pattern(filled, pending, level1)
        if indicator is not None:
            indicators.append(indicator)
            pending = []
        elif not any(_BARE.match(c.text) for c in filled):
            pending = [*pending, *(c.text for c in filled)][-2:]  # a name wrapped over the lines before its figures
    if name is None and not indicators and "budget" not in fields:
        return None
    conclusion = fields.pop("conclusion", None)
    restated = None
    if conclusion is not None and (m := _RESTATED_SCORE.search(conclusion.text)):
        restated = figure(m.group("value"), _offset_in(document, conclusion, m.start("value")), "分")
    narrative = bind(_sentences(document, first, last), tuple(indicators))
    return PerfTable(layout="vocabulary", start=document.line_start(first), end=document.line_start(last - 1) + len(document.lines[last - 1]),
                     name=name, indicators=tuple(indicators), conclusion=conclusion, restated_total=restated,
                     narrative=tuple(narrative), **fields)


def _sentences(document: Document, first: int, last: int) -> list[Text]:
    """Lines of the table written as sentences (实际完成情况, 评价结论): its narrative."""
    texts = []
    for index in range(first, last):
        raw = document.lines[index]
        body = raw.lstrip("\t ")
        if _SENTENCE.search(body):
            texts.append(Text(normalise(body.rstrip()), document.line_start(index) + len(raw) - len(body)))
    return texts


def _offset_in(document: Document, text: Text, index: int) -> int:
    """The document offset of character ``index`` of a text joined from cells: found by searching its digits near the start."""
    needle = text.text[index:].split("分")[0]
    found = document.text.find(needle, text.start)
    return found if found >= 0 else text.start


def _indicator_by_header(header: list[str | None], row: list[Cell], keeps_blanks: bool, level1: str) -> Indicator | None:
    if keeps_blanks and len(row) == len(header):
        cells = {f: row[i] for i, f in enumerate(header) if f is not None}
    elif keeps_blanks and len(row) == len(header) - 1:
        cells = {f: row[i - 1] for i, f in enumerate(header) if f is not None and i > 0}  # no cell under the group title
    else:
        return None
    weight, score = cells.get("weight"), cells.get("score")
    if weight is None or _number(weight, "分") is None:
        return None
    unit = cells["unit"].text if "unit" in cells else ""
    op_text = cells["operator"].text if "operator" in cells else ""
    target_cell = cells.get("target")
    operator, target = None, None
    if target_cell is not None:
        m = _TARGET.match((op_text + target_cell.text).replace(" ", ""))
        if m:
            operator = OPERATORS[m.group("op")]
            target = figure(m.group("value"), target_cell.start + target_cell.text.find(m.group("value")), _unit(m.group("unit") or unit))
    actual_cell = cells.get("actual")
    return Indicator(
        level1=cells["level1"].text if "level1" in cells and cells["level1"].text else level1,
        level2=cells["level2"].text if "level2" in cells else "",
        name=cells["name"].text if "name" in cells else "",
        weight=_number(weight, "分", exact=True),
        operator=operator,
        target=target,
        target_text=(operator or "") + (target_cell.text if target_cell else ""),
        actual=_value(actual_cell),
        actual_text=actual_cell.text if actual_cell else "",
        status="",
        score=_number(score, "分", exact=True) if score is not None and score.text else None,
        start=row[0].start,
        end=row[-1].start + len(row[-1].text),
    )


def _indicator_by_pattern(filled: list[Cell], pending: list[str], level1: str) -> Indicator | None:
    """``>=30块 │ 24块 │ 10 │ 10``: a target with its operator, the actual, the 分值 and the 得分."""
    at = next((i for i, c in enumerate(filled) if _TARGET.match(c.text.replace(" ", ""))), None)
    if at is None or len(filled) < at + 4:
        return None
    weight_cell, score_cell = filled[-2], filled[-1]
    weight, score = _number(weight_cell, "分", exact=True), _number(score_cell, "分", exact=True)
    if weight is None or score is None or at + 1 > len(filled) - 3:
        return None
    m = _TARGET.match(filled[at].text.replace(" ", ""))
    target_cell, actual_cell = filled[at], filled[-3]
    names = [c.text for c in filled[:at] if c.text not in LEVEL1]
    return Indicator(
        level1=level1,
        level2="",
        name="".join(pending + names[-1:]) if names else "".join(pending),
        weight=weight,
        operator=OPERATORS[m.group("op")],
        target=figure(m.group("value"), target_cell.start + target_cell.text.find(m.group("value")), _unit(m.group("unit"))),
        target_text=target_cell.text,
        actual=_value(actual_cell),
        actual_text=actual_cell.text,
        status="",
        score=score,
        start=filled[0].start,
        end=score_cell.start + len(score_cell.text),
    )


def _unit(text: str) -> str:
    text = text.strip()
    return "%" if text in ("%", "百分比", "百分率") else text


def _value(cell: Cell | None) -> Figure | None:
    """An actual value as printed (``5段``, ``100%``, ``0.98``). A bare number keeps no unit: a
    fraction under a % target is a habit the perf rules name, never read as 0.98%."""
    if cell is None or not cell.text:
        return None
    text = cell.text.replace(" ", "")
    m = _TARGET.match(text) or _VALUE.match(text)
    if not m:
        return None
    return figure(m.group("value"), cell.start + cell.text.find(m.group("value")), _unit(m.group("unit")))
