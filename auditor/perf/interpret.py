"""One reader for every 项目支出绩效自评表: its rows read by what their cells say, never by position.

The rows come from a splitter (:mod:`auditor.perf.rows`); whatever the print, a row is read
by the vocabulary of its cells (``[perf.*]`` in rules/vocabulary.toml) and the shape of its
figures:

* **labels**: a cell naming the figures right after it (``预算数 │ 16.000000 │ 到位数 │ … │
  执行数 │ 16.000000 │ 100``, ``预算执行率 │ 10 │ 9.42692``, ``自评总分 │ 98``, ``合计 │ 100 │
  99.74`` whose first figure is the full marks, ``项目名称 │ <name>``);
* **headers**: a row naming three or more money columns (年初预算数 … 全年预算数 │ 全年执行数 │
  … │ 得分) whose next row of figures stands under it right-aligned (a second header row of
  sub-columns, 目标申报数 │ 预算编制数, divides the cell above it); a row naming the
  indicator columns (一级指标 … 分值 │ 得分), after which indicator rows are read;
* **indicator rows**, in one of two shapes: with a status (``… 15.00 │ = │ 20 │ 人 │ 20 │ 完成
  │ 15``: the 分值 is the figure just before the target's operator, the 得分 follows the
  status), or ending in the 分值 and the 得分 (``… ≥90% │ 98% │ 30 │ 30``), the actual value
  the last cell before them, the target the one before it (``≥90%``; ``≥ │ 12 │ 段``; a word
  target such as ``提高`` or a deadline such as ``6月底前``);
* the **total** (``自评总分``, ``总分 │ 100 │ 优``, or on the row below), the **存在问题** text,
  the **评价结论**, and the table's sentences, each with what it states: targets (under
  年度目标 / 绩效目标) or results (under 实际完成情况 / 评价结论, or ``截至…完成了``).

What is not found stays None, and an indicator-shaped row that could not be read is kept
in :attr:`PerfTable.unread`, so the rules check less and say so, never something guessed.
"""

from __future__ import annotations

import re
from array import array
from functools import cache, lru_cache

from auditor.document.model import Document
from auditor.perf.figures import NUMBER, OPERATORS, deadline, printed_quantity
from auditor.perf.model import Deadline, Figure, Indicator, PerfTable, Text
from auditor.perf.narrative import bind
from auditor.perf.rows import OPERATOR, Cell, Row, is_unit, written_target
from auditor.perf.words import header_key, perf_words
from auditor.quantity import Quantity

_OPERATOR_ONLY = re.compile(rf"^(?P<op>{OPERATOR})\s*(?P<unit>[^\d\s]*)$")  # ≥%, =万元: the 年初 template
_VALUE = re.compile(rf"^(?P<value>{NUMBER.pattern})\s*(?P<unit>%|[^\d\s%][^\s]{{0,5}})?$")
_WEIGHT = re.compile(rf"^(?P<value>{NUMBER.pattern})\s*(?:(?P<op>{OPERATOR})|(?P<words>文字描述|定性))?$")
_TOTAL_GLUED = re.compile(rf"^(?:自评)?总分(?P<value>{NUMBER.pattern})?(?P<grade>[优良中差])?$")
_SCORE_AND_GRADE = re.compile(rf"^(?P<value>{NUMBER.pattern})\s*(?P<grade>[优良中差])$")
_GRADE = re.compile(r"^(优|良|中|差)(?:秀|好|等)?$")
_RESTATED_SCORE = re.compile(rf"(?:自评)?(?:得分|总分)(?:为|是)?\s*(?P<value>{NUMBER.pattern})\s*分")
_CODE = re.compile(r"^[\dA-Z]{10,}\s*[-－—]\s*")  # 51090023T000000112233-河道巡查服务: the project code before the name
_MONEY_UNIT = re.compile(r"(万元|千元|亿元|元)$")
_BALANCE = re.compile(r"^(?:资金)?结.{0,4}余")
_UNNAMED = "?"  # a money column whose header word the vocabulary does not know: placed, never read


@cache
def _narrative_marks() -> dict[str, re.Pattern]:
    """A text cell that states targets (``年度目标：``, ``目标1：``) or results (``实际完成情况：``, ``截至…完成``, ``完成了``).

    The labels are the [perf.narrative] words; the sentence shapes of a result are grammar, kept here."""
    words = perf_words()
    targets = "|".join(map(re.escape, sorted(words["targets"], key=len, reverse=True)))
    results = "|".join(map(re.escape, sorted(words["results"], key=len, reverse=True)))
    return {"target": re.compile(rf"^(?:{targets}|目标\s*\d+)[:：]"),
            "result": re.compile(rf"^(?:{results})[:：]|^(?:截至|截止)[^。；;]*完成|完成了|实际完成")}


@cache
def _problem_label() -> re.Pattern:
    """Any of the ``[perf.labels] problems`` words, wherever it stands in a cell (one search, not one per word)."""
    return re.compile("|".join(map(re.escape, perf_words()["problems"])) or "(?!)")


def names_columns(keys: list[str]) -> bool:
    """Whether cells saying ``keys`` name three or more money or indicator columns: a header row of a perf table."""
    words = perf_words()
    money = {words["money"].get(header_key(key)) for key in keys} - {None}
    indicator = {words["indicator"].get(header_key(key)) for key in keys} - {None}
    return (len(money) >= 3 and bool(money & {"budget", "executed"})) or (
        len(indicator) >= 3 and bool(indicator & {"weight", "score"}) and bool(indicator & {"level1", "level2", "name"}))


def labels() -> frozenset[str]:
    """Words that open a row and name what follows (a space-separated row keeps its sentence after them whole)."""
    words = perf_words()
    return words["conclusion"] | words["targets"] | words["results"] | words["name"]


def _number(cell: Cell, unit: str, exact: bool = False) -> Figure | None:
    """The cell as one figure (``16.000000``, ``90.96%``, ``9.00 分``), its span on the digits."""
    if not cell.figure:
        return None
    found = _number_in(cell.text, unit, exact)
    return None if found is None else _placed(cell, *found)


@lru_cache(maxsize=4096)
def _number_in(text: str, unit: str, exact: bool) -> tuple[int, int, Quantity | None] | None:
    """(start, end, quantity) of the first figure printed in ``text``, read once per text: a table prints the same
    weights, scores and percentages again and again."""
    m = NUMBER.search(text.replace(" ", ""))  # a figure is read from the cell's key (``9 0``: a letter-spaced 90)
    return None if m is None else (*_span_in(text, m.group()), printed_quantity(m.group(), unit, exact))


def _figure_at(cell: Cell, i: int, j: int, unit: str, exact: bool = False) -> Figure | None:
    """The figure printed as ``cell.text[i:j]``, its span on its digits wherever they stand."""
    return _placed(cell, i, j, printed_quantity(cell.text[i:j], unit, exact))


def _placed(cell: Cell, i: int, j: int, quantity: Quantity | None) -> Figure | None:
    """``quantity``, printed as ``cell.text[i:j]``, as a Figure spanning its digits wherever they stand (None for None:
    the text was no number)."""
    if quantity is None:
        return None
    if cell.origins is None:
        return Figure(quantity, cell.start + i, cell.start + j)
    return Figure(quantity, cell.origins[i], cell.origins[j - 1] + 1)


@lru_cache(maxsize=4096)
def _weight_in(text: str) -> tuple[int, int, Quantity | None]:
    """(start, end, quantity) of the 分值 a weight cell prints (``15.00``, ``15.00 =``, ``5 文字描述``), read once per
    text: a table's weights recur."""
    value = _WEIGHT.match(text.replace(" ", "")).group("value")
    start, end = _span_in(text, value)
    return start, end, printed_quantity(value, "分", True)


def _span_in(text: str, value: str) -> tuple[int, int]:
    """Where ``value``, read from ``text`` without its spaces, is printed in ``text`` (``1 0``: a letter-spaced 10)."""
    at = text.find(value)
    if at != -1:
        return at, at + len(value)
    m = re.search(r"\s*".join(map(re.escape, value)), text)
    return m.span()


def _unit(text: str) -> str:
    text = (text or "").strip()
    return "%" if text in ("%", "百分比", "百分率") else text


def _value(cell: Cell | None) -> Figure | None:
    """An actual value as printed: ``700册``, ``1``, ``228.57元/册``, ``≥100%`` (the operator dropped), ``95 %``."""
    if cell is None:
        return None
    found = _value_in(cell.text)
    return None if found is None else _placed(cell, *found)


@lru_cache(maxsize=4096)
def _value_in(text: str) -> tuple[int, int, Quantity | None] | None:
    """(start, end, quantity) of :func:`_value` of a cell printing ``text``, read once per text: values recur."""
    m = written_target(text)  # a written target always has its value
    if m is None:
        m = _VALUE.match(text)
        if m is None or not m.group("value"):
            return None
    return m.start("value"), m.end("value"), printed_quantity(m.group("value"), _unit(m.group("unit")), False)


def _text(cells: list[Cell], document: Document) -> str:
    """The text of cells as printed: a space between two on one line, none between lines (a wrapped cell)."""
    out = ""
    for k, cell in enumerate(cells):
        if k:
            out += "" if "\n" in document.text[cells[k - 1].end : cell.start] else " "
        out += cell.text
    return out


def _actual(cells: list[Cell]) -> Figure | None:
    """The actual value of one cell (``700册``), or of a figure and its unit in two (``3`` │ ``套``)."""
    if len(cells) == 1:
        return _value(cells[0])
    if len(cells) == 2 and is_unit(cells[1].key) and cells[0].bare:
        m = NUMBER.search(cells[0].text)
        return _figure_at(cells[0], m.start(), m.end(), _unit(cells[1].key))
    return None


@lru_cache(maxsize=4096)
def _date_in(text: str, is_target: bool) -> Deadline | None:
    """:func:`deadline` of a text read from its start, once per text: a table's word targets recur (达成预期指标, 6月底前).
    A Deadline is immutable; :func:`_deadline` places a new one on the cells."""
    return deadline(text, 0, is_target)


def _deadline(cells: list[Cell], text: str, is_target: bool) -> Deadline | None:
    """The date the cells state (``6月底前``; ``截至1`` │ ``1月底`` wrapped), its span the date's digits in one cell, or the
    cells' span where a line break runs through it."""
    found = _date_in(text, is_target)
    if found is None:
        return None
    if len(cells) == 1:
        start, end = cells[0].at(found.start), cells[0].at(found.end - 1) + 1
    else:
        start, end = cells[0].start, cells[-1].end
    return Deadline(found.earliest, found.latest, found.year, found.text, start, end)  # placed (attrs.evolve costs more)


def _name_like(cell: Cell, qualitative: frozenset[str]) -> bool:
    """Not a value: no operator, no figure, no figure with a known unit (``2023年晋城市`` and ``18吨纯电动洗扫车`` are names);
    ``qualitative``: the words of a qualitative target (定性, 文字描述), values too."""
    return not cell.figure and _name_like_key(cell.key, qualitative)


@lru_cache(maxsize=4096)
def _name_like_key(key: str, qualitative: frozenset[str]) -> bool:
    """:func:`_name_like` of a cell that is not one figure, by its key: a table's names and values recur."""
    if key[:1] in OPERATORS or key[:2] in OPERATORS or key in qualitative:
        return False
    if not key[:1].isdecimal():
        return True  # a value opens with its figure
    m = _VALUE.match(key)
    return not (m and (not m.group("unit") or is_unit(m.group("unit").split("/")[0])))


def _halves(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """A word target and its actual text: the last cell is the actual, unless the cells read the same text twice
    (``到 │ 2024年底完成 │ 到 │ 2024 │ 年底完成``: a target wrapped over lines and its copy as the actual)."""
    joined = "".join(c.key for c in cells)
    half = len(joined) // 2
    if len(cells) > 2 and len(joined) % 2 == 0 and joined[:half] == joined[half:]:
        size = 0
        for k, cell in enumerate(cells):
            size += len(cell.key)
            if size == half:
                return cells[: k + 1], cells[k + 1 :]
    return cells[:-1], cells[-1:]


class _Reading:
    """The reading of one table as its rows go by."""

    def __init__(self, document: Document, layout: str) -> None:
        self.document = document
        self.layout = layout
        self.words = perf_words()
        self.fields: dict = {}
        self.name: Text | None = None
        self.name_below = False
        self.total_below = False
        self.indicators: list[Indicator] = []
        self.unread: list[Text] = []
        self.problems: list[Text] = []
        self.sentences: list[tuple[Text, str]] = []  # (text, "target" | "result")
        self.money_header: list[tuple[Cell, str]] | None = None
        self.money_sub = 0  # how many sub-columns divide a cell of the money header (目标申报数 │ 预算编制数)
        self.indicator_header: dict | None = None
        self.narrative_header: list[tuple[int, str]] | None = None
        self.level1 = self.level2 = ""
        self.pending: list[list[Cell]] = []
        self.closed = False  # the total is read: no indicator rows after it
        self.money_unit = "万元"
        self.levels_at = 0  # where the levels begin among the names of the row last read (a stray 说明 may come first)
        self.parts: list[int] = []  # ends of what was read, for the table's end

    # --- one row -------------------------------------------------------------------------

    def row(self, row: Row) -> None:
        cells = row.cells
        if not cells:
            return
        if self.total_below:
            self.total_below = False
            if self._total_below(cells):
                return
        if self.name_below:
            self.name_below = False
            self._set_name(cells[0])
            return
        keys = [c.key for c in cells]
        present = set(keys)
        if self.name is None and present & self.words["name"]:
            at = next(k for k, key in enumerate(keys) if key in self.words["name"])
            after = cells[at + 1 :]
            if after:
                self._set_name(after[0])
            else:
                self.name_below = True
            self._money_unit(cells)
            return
        if self._problems(cells) or self._conclusion(cells):
            return
        figures = any(c.figure for c in cells)
        if not figures and (self._money_header(cells) or (len(cells) >= 3 and self._indicator_header(cells)) or self._narrative_header(cells)):
            self.pending = []
            return
        if (not present.isdisjoint(self.words["label_keys"]) or "总分" in "\n".join(keys)) and self._labels(cells):
            self.pending = []
            return
        if self.money_header is not None and "budget" not in self.fields and self._money_row(row):
            return
        if not self.closed and self._indicator(row, present):
            return
        self._sentences(row)
        self._pend(cells)

    # --- name, total, problems, conclusion ----------------------------------------------------

    def _set_name(self, cell: Cell) -> None:
        code = _CODE.match(cell.text)
        skip = code.end() if code else 0
        self.name = Text(cell.text[skip:], cell.at(skip))
        self.parts.append(cell.end)

    def _money_unit(self, cells: list[Cell]) -> None:
        """``金额单位 │ 万元`` beside the name, or ``金额单位：万元``."""
        for k, cell in enumerate(cells):
            if cell.key.startswith("金额单位"):
                rest = cell.key[4:].lstrip(":：") or (cells[k + 1].key if k + 1 < len(cells) else "")
                if m := _MONEY_UNIT.search(rest):
                    self.money_unit = m.group(1)

    def _total(self, cells: list[Cell], k: int) -> None:
        """The figures from ``cells[k]`` on, after a total label: the total, or the full marks then the total; a grade after them."""
        figures = []
        while k < len(cells) and cells[k].figure:
            figures.append(cells[k])
            k += 1
        if not figures:
            self.total_below = True
        else:
            if len(figures) >= 2:
                self.fields.setdefault("full_marks", _number(figures[0], "分", exact=True))
            self.fields.setdefault("total", _number(figures[-1], "分"))
            self.parts.append(figures[-1].end)
            if k < len(cells) and _GRADE.match(cells[k].key) and "grade" not in self.fields:
                self.fields["grade"] = Text(cells[k].text, cells[k].start)
        self.closed = True

    def _total_below(self, cells: list[Cell]) -> bool:
        """The total printed on the row below its label: ``90 │ 优``, or ``94 优`` in one cell."""
        first = cells[0]
        if m := _SCORE_AND_GRADE.match(first.key):
            self.fields.setdefault("total", _figure_at(first, *self._span_of(first, m.group("value")), "分"))
            self.fields.setdefault("grade", Text(m.group("grade"), first.at(first.text.rindex(m.group("grade")))))
            return True
        if first.figure:
            self._total(cells, 0)
            return True
        return False

    @staticmethod
    def _span_of(cell: Cell, value: str) -> tuple[int, int]:
        return _span_in(cell.text, value)

    def _problems(self, cells: list[Cell]) -> bool:
        """``五、存在问题原因及整改措施 │ <text>``, ``项目管理中存在的主要问题及原因分析 │ │ 无``: the cells after the label."""
        head = cells[0].key
        if not (_problem_label().search(head) or (head.startswith("五、") and ("问题" in head or "存在" in head))):
            return False
        label = head
        for cell in cells[1:]:
            if not cell.sentence and len(cell.key) < 12 and self._heading_piece(label, cell.key):
                label += cell.key  # 五、存在问 │ 题 │ 原因及整改 │ 措施: the heading wrapped over cells
                continue
            self.problems.append(self._as_printed(cell))
        return True

    def _as_printed(self, cell: Cell) -> Text:
        """The cell's text as the document prints it (full-width punctuation and all), where it is one run of the document."""
        if cell.origins is None or cell.end - cell.start == len(cell.text):
            return Text(self.document.text[cell.start : cell.start + len(cell.text)], cell.start)
        return Text(cell.text, cell.start)

    @staticmethod
    def _heading_piece(label: str, key: str) -> bool:
        return key in "存在问题原因及整改措施" or key in label

    def _conclusion(self, cells: list[Cell]) -> bool:
        if cells[0].key not in self.words["conclusion"] or len(cells) < 2:
            return False
        rest = cells[1:]
        text = Text("".join(c.text for c in rest), rest[0].start)
        self.fields.setdefault("conclusion", text)
        if m := _RESTATED_SCORE.search(rest[0].text):
            self.fields.setdefault("restated_total", _figure_at(rest[0], m.start("value"), m.end("value"), "分"))
        for cell in rest:
            self.sentences.append((Text(cell.text, cell.start), "result"))
        return True

    # --- headers -------------------------------------------------------------------------------

    def _fields(self, cells: list[Cell], group: str) -> list[str | None]:
        table = self.words[group]
        fields = [table.get(header_key(c.key)) for c in cells]
        if group == "money":  # 资金结(转)余 is printed in many ways (资金结余(转)余, 结转结余): 结 … 余
            fields = [f or ("balance" if _BALANCE.match(c.key) else None) for f, c in zip(fields, cells, strict=True)]
        return fields

    def _money_header(self, cells: list[Cell]) -> bool:
        if "budget" in self.fields or any(c.figure for c in cells):
            return False
        fields = self._fields(cells, "money")
        named = [(c, f) for c, f in zip(cells, fields, strict=True) if f is not None]
        if self.money_header is not None and not self.money_sub and named and {f for _, f in named} <= {"declared", "initial_budget"}:
            # 目标申报数 │ 预算编制数 under 年初预算数: the sub-columns take the place of the cell they divide
            divided = [k for k, (_, f) in enumerate(self.money_header) if f in {f for _, f in named}]
            if divided:
                kept = [entry for k, entry in enumerate(self.money_header) if k not in divided]
                self.money_header = kept[: divided[0]] + named + kept[divided[0] :]
                self.money_sub = len(named)
                return True
        if len({f for _, f in named}) < 3 or not {"budget", "executed"} & {f for _, f in named}:
            return False
        # A cell between two named columns that the vocabulary does not know (本年支出执行数) still stands for a column:
        # it keeps its place, unnamed, so the figures are not shifted onto its neighbours' names; its figure is not read.
        first, last = cells.index(named[0][0]), cells.index(named[-1][0])
        self.money_header = [(c, f or f"{_UNNAMED}{k}") for k, (c, f) in enumerate(zip(cells, fields, strict=True))
                             if first <= k <= last and (f is not None or not c.key.isspace() and c.key)]
        self.money_sub = 0
        return True

    def _indicator_header(self, cells: list[Cell]) -> bool:
        fields = self._fields(cells, "indicator")
        present = {f for f in fields if f is not None}
        if len(present) < 3 or not present & {"weight", "score"} or not present & {"level1", "level2", "name"}:
            return False
        order = [f for f in fields if f is not None]
        self.indicator_header = {
            "explanation": "explanation" in present,
            "score_first": "score" in order and "weight" in order and order.index("score") < order.index("weight"),
        }
        self.narrative_header = None
        return True

    def _narrative_header(self, cells: list[Cell]) -> bool:
        """``年度目标 │ … │ 实际完成情况``: the text cells of the rows below state targets, or results, by column."""
        if any(c.sentence or c.figure for c in cells):
            return False
        label_roles = self.words["label_roles"]
        roles = [(c.column, label_roles.get(c.key)) for c in cells]  # _role_of_label of each
        named = [(column, role) for column, role in roles if role]
        if not named or len(named) * 2 < len(cells):
            return False
        self.narrative_header = named
        return True

    def _role_of_label(self, key: str) -> str | None:
        """``"target"`` for a label under which text states targets (年度目标), ``"result"`` for results, else None."""
        return self.words["label_roles"].get(key)

    # --- labels and the money row ---------------------------------------------------------------

    def _labels(self, cells: list[Cell]) -> bool:
        """Label cells each naming the figures right after it; True when one did."""
        found = False
        k = 0
        while k < len(cells):
            key = cells[k].key
            if key in self.words["total"] or (key in self.words["total_after"] and (self.indicators or self.indicator_header)):
                self._total(cells, k + 1)
                return True
            if (m := _TOTAL_GLUED.match(key)) and m.group("value"):
                cell = cells[k]
                self.fields.setdefault("total", _figure_at(cell, *self._span_of(cell, m.group("value")), "分"))
                if m.group("grade"):
                    self.fields.setdefault("grade", Text(m.group("grade"), cell.at(cell.text.rindex(m.group("grade")))))
                self.closed = True
                return True
            figures = []
            j = k + 1
            while j < len(cells) and cells[j].figure:
                figures.append(cells[j])
                j += 1
            field = self.words["money_labels"].get(header_key(key))
            if figures and field is not None:
                if field not in self.fields:
                    self.fields[field] = _number(figures[0], self.money_unit)
                    if field == "executed" and len(figures) > 1 and "rate" not in self.fields:
                        self.fields["rate"] = _number(figures[1], "%")
                    self.parts.append(figures[-1].end)
                found = True
            elif figures and key in self.words["execution"]:
                if figures[0].key.endswith("%"):
                    self.fields.setdefault("rate", _number(figures[0], "%"))
                elif "exec_weight" not in self.fields:  # the weight is assigned, the score computed from the rate
                    self.fields["exec_weight"] = _number(figures[0], "分", exact=True)
                    if len(figures) > 1:
                        self.fields["exec_score"] = _number(figures[1], "分")
                self.parts.append(figures[-1].end)
                found = True
            k = j if figures else k + 1
        return found

    def _money_row(self, row: Row) -> bool:
        """The first row of figures under the money header: its figures stand under the named columns, right-aligned.

        Figures beyond the named columns stand to their left (a 年初 column the header does not
        divide). Fewer figures than columns are placed right-aligned only where the column named
        as the rate holds the row's percentage, else by column where the print keeps blank cells.
        """
        figures = [c for c in row.cells if c.figure]
        if not figures:
            return False
        names = [f for _, f in self.money_header]
        placed: dict[str, Cell] = {}
        if len(figures) >= len(names):
            # the divided cell's sub-columns from the left (年初: 目标申报数, 预算编制数, and maybe a column it does not name),
            # the columns after it from the right
            left = next((k + self.money_sub for k, f in enumerate(names) if self.money_sub and f in ("declared", "initial_budget")), 0)
            placed = dict(zip(names[:left], figures[:left], strict=True))
            placed.update(zip(names[left:], figures[len(figures) - (len(names) - left) :], strict=True))
        else:
            placed = dict(zip(names[len(names) - len(figures) :], figures, strict=True))
        if len(figures) < len(names) and not ("rate" in placed and placed["rate"].key.endswith("%")):
            placed = self._by_column(row)  # a figure is missing, but which: only where the print keeps its blank cells
        if not placed:
            return False
        units = {"rate": "%", "exec_weight": "分", "exec_score": "分"}
        for field, cell in placed.items():
            if field != "declared" and not field.startswith(_UNNAMED) and field not in self.fields:
                value = _number(cell, units.get(field, self.money_unit), exact=field == "exec_weight")
                if value is not None:
                    self.fields[field] = value
                    self.parts.append(value.end)
        return "budget" in self.fields

    def _by_column(self, row: Row) -> dict[str, Cell]:
        header_width = max((c.column for c, _ in self.money_header), default=-1) + 1
        if row.width < header_width:
            return {}
        at = {c.column: c for c in row.cells}
        placed = {f: at[c.column] for c, f in self.money_header if c.column in at}
        if not placed or not all(c.figure for c in placed.values()):
            return {}
        return placed

    # --- indicator rows ----------------------------------------------------------------------------

    def _indicator(self, row: Row, present: set[str]) -> bool:
        """``present``: the keys of the row's cells (a row without a status word is told without a look at each cell)."""
        cells = row.cells
        status = self.words["status"]
        statuses = [] if present.isdisjoint(status) else [k for k, c in enumerate(cells) if c.key in status]
        if statuses and statuses[-1] + 1 < len(cells) and any(c.bare for c in cells[statuses[-1] + 1 :]):
            indicator = self._with_status(cells, statuses[-1])
        elif self.indicator_header is not None or any(c.written for c in cells):
            indicator = self._trailing(cells)
        else:
            return False
        if indicator is None:
            if self._indicator_shaped(cells):
                self.unread.append(Text(_text(cells, self.document), cells[0].start))
                return True
            return False
        self.indicators.append(indicator)
        self.pending = []
        self.parts.append(indicator.end)
        return True

    def _indicator_shaped(self, cells: list[Cell]) -> bool:
        """A target written with its operator, a status, or a weight and a score: a row the table means as an indicator."""
        if self.indicator_header is None and not self.indicators:
            return False
        if any(c.written or c.key in self.words["status"] for c in cells):
            return True
        return any(a.bare and b.bare for a, b in zip(cells, cells[1:], strict=False))

    def _pend(self, cells: list[Cell]) -> None:
        """A row of names only (an indicator row broken in two, or a name wrapped over lines): kept for the row below."""
        if self.closed or any(c.figure or c.sentence for c in cells):
            self.pending = []
            return
        self.pending.append(cells)

    def _pending_names(self) -> list[Cell]:
        """The names the rows above gave: one wrapped cell where each row held one, else the cells of the last row."""
        if not self.pending:
            return []
        if all(len(r) == 1 for r in self.pending):
            joined = self.pending[0][0]
            text = "".join(r[0].text for r in self.pending)
            origins = array("q", (r[0].at(i) for r in self.pending for i in range(len(r[0].text))))
            return [Cell(text, joined.start, joined.column, origins)]
        return self.pending[-1]

    def _levels(self, names: list[Cell]) -> tuple[str, str, list[Cell]]:
        """(一级指标, 二级指标, the cells after them) of the name cells of an indicator row.

        The levels are the last run of level names: a wrapped 说明 printed after the row above
        may stand before them (``中重型柴油货车 │ 的监管，… │ 社会效益指标 │ 有效加强监管力度``).
        A word that is both (成本指标) is a 二级指标 under a 一级指标 already in effect.
        """
        last = None
        for k in range(len(names) - 1):  # the last name cell is the 三级指标 itself
            key = names[k].key
            if key in self.words["level1"] or key in self.words["not_levels"] or self._is_level2(key, names, k):
                last = k
        if last is None:
            self.levels_at = 0
            return self.level1, self.level2, names
        if last > 0 and names[last].key not in self.words["level1"] and self._is_level2(names[last - 1].key, names, last - 1) \
                and names[last - 1].key not in self.words["level1"]:
            last -= 1  # 服务对象满意度 │ 服务对象满意度: the 三级指标 repeats its 二级指标
        first = last
        while first > 0 and (names[first - 1].key in self.words["level1"] or names[first - 1].key in self.words["not_levels"]
                             or self._is_level2(names[first - 1].key, names, first - 1)):
            first -= 1
        for cell in names[first : last + 1]:
            key = cell.key
            if key in self.words["not_levels"]:
                continue
            both = key in self.words["level1"] and key in self.words["level2"]
            if key in self.words["level1"] and not (both and self.level1 and self.level1 != key):
                self.level1, self.level2 = key, ""
            else:
                self.level2 = key
        self.levels_at = first
        return self.level1, self.level2, names[last + 1 :]

    def _is_level2(self, key: str, names: list[Cell], k: int) -> bool:
        if k + 1 >= len(names):
            return False  # the last name cell is the 三级指标 itself
        if key in self.words["level2"] or key in self.words["level1"]:
            return True
        return key.endswith("指标") and len(key) <= 10

    def _with_status(self, cells: list[Cell], status_at: int) -> Indicator | None:
        """``[names] │ 分值 │ 符号 │ 值 │ 单位 │ 实际完成值 │ 完成 │ 得分`` (or ``分值 │ 文字描述 │ <target> │ <actual>``)."""
        score_cell = next(c for c in cells[status_at + 1 :] if c.bare)
        weight_at = None
        for k in range(status_at):
            m = _WEIGHT.match(cells[k].key)
            marked = k + 1 < status_at and (cells[k + 1].key in OPERATORS or cells[k + 1].key in self.words["qualitative"])
            if m and (m.group("op") or m.group("words") or marked):  # 15.00 │ = …, 15.00 = │ …, 15.00 │ 文字描述 …
                weight_at = k
                break
        if weight_at is None:
            if any(c.key in OPERATORS or c.key in self.words["qualitative"] for c in cells[:status_at]):
                return None  # the row's target has its operator, but no 分值 stands before it: the weight is not printed
            weight_at = next((k for k in range(status_at) if _WEIGHT.match(cells[k].key)), None)
        if weight_at is None:
            return None
        weight_cell = cells[weight_at]
        glued = _WEIGHT.match(weight_cell.key).group("op")
        names = cells[:weight_at] or self._pending_names()
        level1, level2, rest = self._levels(names)
        between = cells[weight_at + 1 : status_at]
        operator = OPERATORS.get(glued or "")  # "15.00 =": the 分值 and 符号 cells run together
        if operator is None and between and between[0].key in OPERATORS:
            operator, between = OPERATORS[between[0].key], between[1:]
        if between and between[0].key in self.words["qualitative"]:
            between = between[1:]
        target, target_cells, actual_cells = None, between, []
        if operator:
            if len(between) >= 3 or (len(between) == 2 and not self._unit_cell(between[1])):
                size = 2 if len(between) >= 3 and self._unit_cell(between[1]) else 1
                target_cells, actual_cells = between[:size], between[size:]
            if target_cells:
                target = self._target_value(target_cells)
        elif between:
            target_cells, actual_cells = _halves(between)
        actual_text = _text(actual_cells, self.document)
        actual = _actual(actual_cells)
        target_text = " ".join(filter(None, [operator or "", _text(target_cells, self.document)]))
        return self._make(level1, level2, rest, weight_cell, operator, target, target_text, target_cells, actual, actual_text,
                          actual_cells, cells[status_at].text, score_cell, names[self.levels_at] if names else weight_cell, score_cell)

    @staticmethod
    def _unit_cell(cell: Cell) -> bool:
        return is_unit(cell.key) or (not _value(cell) and not cell.key[:1].isdecimal() and len(cell.key) <= 4)

    def _target_value(self, cells: list[Cell]) -> Figure | None:
        """``20`` │ ``人``, ``20人``, ``95`` │ ``百分比``: the target figure and its unit."""
        first = cells[0]
        m = _VALUE.match(first.text)
        if m is None:
            return None
        unit = m.group("unit") or (cells[1].key if len(cells) > 1 else "")
        return _figure_at(first, m.start("value"), m.end("value"), _unit(unit))

    def _trailing(self, cells: list[Cell]) -> Indicator | None:
        """``[names] │ [年初指标值] │ 目标 │ 实际完成值 │ [说明] │ 分值 │ 得分 │ [原因]``."""
        bare = [c.bare for c in cells]
        pair = None
        for k in range(len(cells) - 2, -1, -1):  # the last pair
            if bare[k] and bare[k + 1]:
                pair = k
                break
        if pair is not None:
            weight_at, score_at = pair, pair + 1
            if self.indicator_header and self.indicator_header["score_first"]:
                weight_at, score_at = score_at, weight_at
        else:
            lone = [k for k in range(1, len(cells)) if bare[k]]
            if len(lone) != 1 or not (cells[lone[0] - 1].written or _OPERATOR_ONLY.match(cells[lone[0] - 1].key)):
                return None
            weight_at, score_at = lone[0], None  # "≥座 │ ≥2座 │ ≥2座 │ │ 5 │ │": a weight whose score was left blank
        before = cells[: min(weight_at, score_at if score_at is not None else weight_at)]
        names, run = self._split_names(before)
        level1, level2, rest = self._levels(names)
        if not rest and self.pending:
            pending = self._pending_names()
            level1, level2, rest = self._levels(pending + rest)
        operator, target, target_cells, actual_cell = self._run_values(run)
        target_text = _text(target_cells, self.document)
        actual_cells = [actual_cell] if actual_cell is not None else []
        last = cells[score_at] if score_at is not None else cells[weight_at]
        first = (names or run or [cells[weight_at]])[0]
        return self._make(level1, level2, rest, cells[weight_at], operator, target, target_text, target_cells,
                          _value(actual_cell), actual_cell.text if actual_cell else "", actual_cells, "",
                          cells[score_at] if score_at is not None else None, first, last)

    def _split_names(self, before: list[Cell]) -> tuple[list[Cell], list[Cell]]:
        """The name cells (levels, the 三级指标, its 说明) and the value cells after them."""
        k = 0
        qualitative = self.words["qualitative"]
        while k < len(before) and _name_like(before[k], qualitative):
            k += 1
        names, run = before[:k], before[k:]
        levels = 0
        level1, not_levels = self.words["level1"], self.words["not_levels"]
        while levels < len(names) and (names[levels].key in level1 or names[levels].key in not_levels
                                       or self._is_level2(names[levels].key, names, levels)):
            levels += 1
        keep = levels + 1 + (1 if self.indicator_header and self.indicator_header["explanation"] else 0)
        if len(names) > keep:  # word cells after the name are the target and the actual (提高 │ 100%; 推动 │ 达成预期指标)
            names, run = names[:keep], names[keep:] + run
        return names, run

    def _run_values(self, run: list[Cell]) -> tuple[str | None, Figure | None, list[Cell], Cell | None]:
        """(operator, target, target cells, actual cell) of the cells between the name and the weight.

        ``≥% │ ≥90% │ ≥95%``: the target is the last written target before the actual;
        ``≥ │ 12 │ 段 │ 5段``: an operator cell, a value and a unit; ``=平方米 │ 911.31 │ 911.31``:
        bare figures under a template carrying the operator and unit; ``提高 │ 100%`` and
        ``6月底前 │ 8月完成``: a word target, the cell before the actual. A bare figure after the
        actual stands in 定性值情况说明 (``=本 │ =1本 │ =0本 │ 5``).
        """
        qualitative = self.words["qualitative"]
        run = [c for c in run if c.key not in qualitative]
        if len(run) >= 2 and run[-1].bare and run[-2].written:
            run = run[:-1]  # =本 │ =1本 │ =0本 │ 5: a bare figure after a written actual stands in 定性值情况说明
        if not run:
            return None, None, [], None
        actual_at = len(run) - 1
        actual = run[actual_at]
        written = [k for k in range(actual_at) if run[k].written]
        if written:
            cell = run[written[-1]]
            m = cell.written
            return OPERATORS[m.group("op")], _value(cell), [cell], actual  # a written target's value, as an actual's is read
        ops = [k for k in range(actual_at) if run[k].key in OPERATORS]
        if ops and (target := self._target_value(run[ops[-1] + 1 : actual_at]) if ops[-1] + 1 < actual_at else None) is not None:
            return OPERATORS[run[ops[-1]].key], target, run[ops[-1] : actual_at], actual  # ≥ │ 12 │ 段 │ 5段
        template = _OPERATOR_ONLY.match(run[0].key)
        if template and actual_at >= 2 and actual.bare and run[actual_at - 1].bare:
            target_cell = run[actual_at - 1]  # =平方米 │ 911.31 │ 911.31
            return OPERATORS[template.group("op")], _number(target_cell, _unit(template.group("unit"))), [target_cell], actual
        return None, None, run[actual_at - 1 : actual_at], actual

    def _make(self, level1: str, level2: str, rest: list[Cell], weight_cell: Cell, operator: str | None, target: Figure | None,
              target_text: str, target_cells: list[Cell], actual: Figure | None, actual_text: str, actual_cells: list[Cell],
              status: str, score_cell: Cell | None, first: Cell, last: Cell) -> Indicator:
        weight_figure = _placed(weight_cell, *_weight_in(weight_cell.text))
        target_date = actual_date = None
        if operator is None and target_cells and actual_cells:
            target_date = _deadline(target_cells, target_text, is_target=True)
            if target_date is not None:
                actual_date = _deadline(actual_cells, actual_text, is_target=False)
                actual = None if actual_date is not None else actual
        bound = None
        if actual is not None and len(actual_cells) == 1 and (m := actual_cells[0].written):
            bound = OPERATORS[m.group("op")]
        return Indicator(
            level1=level1,
            level2=level2,
            name=rest[0].text if rest else "",
            weight=weight_figure,
            operator=operator,
            target=target,
            target_text=target_text,
            actual=actual,
            actual_text=actual_text,
            status=status,
            score=_number(score_cell, "分", exact=True) if score_cell is not None else None,
            start=first.start,
            end=last.end,
            target_date=target_date,
            actual_date=actual_date,
            actual_bound=bound,
        )

    # --- sentences ----------------------------------------------------------------------------------

    def _sentences(self, row: Row) -> None:
        """The row's sentences and what each states: by the label before it in the row, the header above, or its own words."""
        label_role = None
        for cell in row.cells:
            if not cell.sentence:  # a label names what the sentences after it state
                label_role = self._role_of_label(cell.key) or label_role
                continue
            if cell.figure:
                continue
            states = label_role or self._by_header(row, cell) or self._by_words(cell.key)
            if states is not None:
                self.sentences.append((Text(cell.text, cell.start), states))

    def _by_header(self, row: Row, cell: Cell) -> str | None:
        """What a text cell states by the narrative header above it: by column where the print keeps blank cells, else
        by order, the row's text cells one for one under the header's labels (or under all but the first, the row label
        that a spanning cell prints once: 项目年度目标 │ 年度目标 │ 实际完成情况 over ``<目标> │ <完成情况>``)."""
        if not self.narrative_header:
            return None
        header = self.narrative_header
        if self.layout in ("tab", "pipe", "cell-lines"):
            columns = [role for column, role in header if column <= cell.column]
            return columns[-1] if columns else None
        texts = [c for c in row.cells if not c.figure]
        if len(texts) == len(header):
            return header[texts.index(cell)][1]
        if len(texts) == len(header) - 1 and header[0][0] == 0:
            return header[texts.index(cell) + 1][1]
        return None

    @staticmethod
    def _by_words(key: str) -> str | None:
        marks = _narrative_marks()
        if marks["target"].match(key):
            return "target"
        if marks["result"].search(key):
            return "result"
        return None

    # --- the table --------------------------------------------------------------------------------------

    def table(self, document: Document, first: int, last: int) -> PerfTable | None:
        if not (self.name or self.indicators or self.fields.keys() & {"budget", "executed", "total"}):
            return None
        conclusion = self.fields.pop("conclusion", None)
        narrative = []
        for states in ("target", "result"):
            texts = [text for text, said in self.sentences if said == states]
            if texts:
                narrative += bind(texts, tuple(self.indicators), states)
        narrative.sort(key=lambda claim: claim.figure.start)
        ends = [*self.parts, *(t.start + len(t.text) for t in self.problems)]
        return PerfTable(
            layout=self.layout,
            start=document.line_start(first),
            end=max(ends, default=document.line_start(first)),
            name=self.name,
            indicators=tuple(self.indicators),
            problems=tuple(self.problems),
            conclusion=conclusion,
            narrative=tuple(narrative),
            unread=tuple(self.unread),
            **self.fields,
        )


def read_table(document: Document, rows: list[Row], first: int, last: int, layout: str) -> PerfTable | None:
    """The table in ``rows`` (lines [first, last) of ``document``, printed in ``layout``); None when nothing of one was read."""
    reading = _Reading(document, layout)
    for row in rows:
        reading.row(row)
    return reading.table(document, first, last)

