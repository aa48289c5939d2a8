"""Performance tables printed as TAB rows (qinhuangdao-etdz-office, jincheng-ecology-bureau).

Merged cells make the column of a figure drift from row to row, so nothing here
trusts a column index. Each row is read by what its cells say:

* money: ``预算数 │ 16.000000 │ 到位数 │ … │ 执行数 │ 16.000000 │ │ 100`` is read as
  label → figure pairs; a header ``年初预算数 … 全年预算数 │ 全年执行数 │ 资金结(转)余 │
  执行率 │ 得分`` names the last figures of the data row below it, right to left;
* indicators with a 符号/值/单位 target: the first number is the 分值, then the
  target (operator, value, unit, or 文字描述), the actual value in the cell just
  before the status (完成), and the 得分 after it;
* indicators with targets written ``≥95%`` (年初指标值/调整后指标值/实际完成值): 分值
  and 得分 are the last two adjacent numbers, the actual value the last cell before
  them, the target the nearest one before that;
* 自评总分 / 总分 and the grade (优良中差), possibly on the row below, and the text of
  存在问题.
"""

from __future__ import annotations

import re

from auditor.document.model import Document
from auditor.perf.figures import LEVEL1, NUMBER, OPERATORS, figure, is_number
from auditor.perf.model import Figure, Indicator, PerfTable, Text

_STATUS = re.compile(r"^(?:完成|未完成|部分完成|基本完成|已完成|达成|未达成|达到|未达到)$")
_TARGET = re.compile(rf"^(?P<op>[≥≤≧≦=><＞＜＝])\s*(?P<value>{NUMBER.pattern})?\s*(?P<unit>\S*)$")
_VALUE = re.compile(rf"^(?P<value>{NUMBER.pattern})\s*(?P<unit>\D*)$")
_WEIGHT = re.compile(rf"^(?P<value>{NUMBER.pattern})\s*(?:(?P<op>[≥≤≧≦=><＞＜＝])|文字描述|定性)?$")
_GRADE = re.compile(r"^(优|良|中|差)(?:秀|好|等)?$")
_TOTAL = re.compile(rf"^(?:自评)?总\s*分\s*(?P<value>{NUMBER.pattern})?\s*(?P<grade>[优良中差])?$")
_MONEY_FIELDS = (("budget", re.compile(r"^全年预算数")), ("executed", re.compile(r"^全年执行数")), ("balance", re.compile(r"结.*余")),
                 ("rate", re.compile(r"^执行率")), ("exec_score", re.compile(r"^得分")))


_UNREAD = object()


class _Cell:
    __slots__ = ("text", "start", "number", "_target")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start
        # whether _number reads a figure here (a number opens with a sign or a digit: most cells are told by that)
        self.number = bool(text) and (text[0] in "+-" or text[0].isdecimal()) and is_number(text.replace(" ", ""))
        self._target = _UNREAD

    @property
    def target(self) -> re.Match | None:
        """The cell's text, spaces removed, read as a target (``≥95%``, ``=1本``); read once, asked several times."""
        if self._target is _UNREAD:
            self._target = _TARGET.match(self.text.replace(" ", ""))
        return self._target


def _cells(document: Document, line: int) -> list[_Cell]:
    raw, norm = document.lines[line], document.normalised_lines[line]
    offset = document.line_start(line)
    cells = []
    for piece, normalised in zip(raw.split("\t"), norm.split("\t"), strict=True):
        if piece:
            lead = len(piece) - len(piece.lstrip())
            cells.append(_Cell(normalised.strip(), offset + lead))
        else:
            cells.append(_Cell("", offset))  # an empty cell between two TABs
        offset += len(piece) + 1
    return cells


def _number(cell: _Cell | None, unit: str = "", exact: bool = False) -> Figure | None:
    return figure(cell.text.replace(" ", ""), cell.start, unit, exact) if cell and cell.text else None


def _filled(cells: list[_Cell]) -> list[_Cell]:
    return [c for c in cells if c.text]


def parse_tab(document: Document, first: int, last: int) -> PerfTable | None:
    """The table whose 项目名称 row is on 0-based line ``first``, reading the TAB rows of [first, last)."""
    rows = [(i, _cells(document, i)) for i in range(first, last) if "\t" in document.lines[i]]
    if not rows:
        return None
    fields: dict = {"indicators": [], "problems": []}
    state = {"indicator_header": None, "money_header": None, "level1": "", "level2": ""}
    pending_names: list[_Cell] = []
    for position, (_line, cells) in enumerate(rows):
        texts = [c.text for c in cells]
        filled = _filled(cells)
        if not filled:
            continue
        head = filled[0].text
        if "name" not in fields and "项目名称" in texts[:2]:
            at = texts.index("项目名称")
            name = next((c for c in cells[at + 1 :] if c.text), None)
            fields["name"] = Text(name.text, name.start) if name else None
            continue
        if _TOTAL.match(head.replace(" ", "")) or (len(filled) > 1 and filled[1].text in ("自评总分", "总分") and not head.strip("│")):
            _read_total(fields, filled, rows[position + 1][1] if position + 1 < len(rows) else [])
            continue
        if head.startswith("五、") or "存在的主要问题" in head or head.startswith("存在问题"):
            fields["problems"] += [Text(c.text, c.start) for c in filled[1:]]
            continue
        if "一级指标" in texts and ("得分" in texts or "自评得分" in texts):
            state["indicator_header"] = "inline" if any("调整后指标值" in t for t in texts) else "sign"
            continue
        if "全年预算数" in texts or any(t.startswith("全年预算数") for t in texts):
            state["money_header"] = [key for t in texts for key, pattern in _MONEY_FIELDS if pattern.search(t) and "预算安排" not in t]
            continue
        if state["money_header"] and "budget" not in fields:
            _read_money_row(fields, filled, state["money_header"])
            continue
        if "预算数" in texts and "执行数" in texts and "budget" not in fields:
            _read_money_pairs(fields, cells)
            continue
        if head == "预算执行率" or (filled[0].text == "预算执行率"):
            numbers = [c for c in filled if c.number]
            if numbers:  # the weight is assigned, the score computed from the rate
                fields["exec_weight"] = _number(numbers[0], "分", exact=True)
                if len(numbers) > 1:
                    fields["exec_score"] = _number(numbers[1], "分")
            continue
        kind = state["indicator_header"]
        if kind is None:
            continue
        if kind == "sign" and not any(_STATUS.match(c.text) for c in filled):
            if not any(c.number for c in filled) and "符号" not in texts:
                pending_names = filled  # a row broken in two: its names, then its figures on the next line
            continue
        reader = _sign_indicator if kind == "sign" else _inline_indicator
        indicator = reader(pending_names + filled, state)
        pending_names = []
        if indicator:
            fields["indicators"].append(indicator)
    if "name" not in fields:
        return None
    layout = "tab-inline" if state["indicator_header"] == "inline" else "tab-sign"
    end = document.line_start(rows[-1][0]) + len(document.lines[rows[-1][0]])
    return PerfTable(
        layout=layout,
        start=document.line_start(first),
        end=end,
        name=fields.pop("name"),
        indicators=tuple(fields.pop("indicators")),
        problems=tuple(fields.pop("problems")),
        **fields,
    )


def _read_total(fields: dict, filled: list[_Cell], next_row: list[_Cell]) -> None:
    m = _TOTAL.match(filled[0].text.replace(" ", ""))
    if m and m.group("value"):  # "总分 100 优" in one cell
        start = filled[0].start + filled[0].text.index(m.group("value"))
        fields["total"] = figure(m.group("value"), start, "分")
        if m.group("grade"):
            fields["grade"] = Text(m.group("grade"), filled[0].start + filled[0].text.rindex(m.group("grade")))
        return
    candidates = filled[1:]
    if not any(_number(c) for c in candidates):
        candidates = _filled(next_row)  # the figure printed on the row below
    for cell in candidates:
        number = _number(cell, "分")
        if number and "total" not in fields:
            fields["total"] = number
        elif _GRADE.match(cell.text) and "total" in fields:
            fields["grade"] = Text(cell.text, cell.start)


def _read_money_pairs(fields: dict, cells: list[_Cell]) -> None:
    """``预算数 │ 16.000000 │ 到位数 │ 16.000000 │ │ 执行数 │ 16.000000 │ │ 100``: figure after each label."""
    targets = {"预算数": "budget", "到位数": "arrived", "执行数": "executed"}
    filled = _filled(cells)
    for index, cell in enumerate(filled):
        key = targets.get(cell.text)
        if key is None or index + 1 >= len(filled):
            continue
        money = _number(filled[index + 1], "万元")
        if money:
            fields[key] = money
            if key == "executed" and index + 2 < len(filled):
                rate = _number(filled[index + 2], "%")
                if rate:
                    fields["rate"] = rate


def _read_money_row(fields: dict, filled: list[_Cell], header: list[str]) -> None:
    """The data row under ``年初预算数 … 全年预算数 │ 全年执行数 │ 资金结(转)余 │ 执行率 │ 得分``.

    Its figures are named right to left by the header, and 年初预算数 (预算编制数) is the
    second figure from the left: some rows repeat a figure in between. A row with fewer
    figures than the header's money columns plus both 年初 columns is left unread rather
    than guessed.
    """
    numbers = [c for c in filled if c.number]
    if len(numbers) < len(header) + 2 or not header:
        return
    units = {"rate": "%", "exec_score": "分"}
    for key, cell in zip(header, numbers[-len(header) :], strict=True):
        fields[key] = _number(cell, units.get(key, "万元"))
    fields["initial_budget"] = _number(numbers[1], "万元")  # 年初预算数: 目标申报数, then 预算编制数


def _levels(names: list[_Cell], state: dict) -> tuple[str, str, str]:
    texts = [c.text for c in names]
    for text in texts:
        if text in LEVEL1:
            state["level1"], state["level2"] = text, ""
    rest = [t for t in texts if t not in LEVEL1]
    if len(rest) >= 2 and (rest[0].endswith("指标") or "效益" in rest[0] or "满意度" in rest[0]):
        state["level2"] = rest[0]
        rest = rest[1:]
    return state["level1"], state["level2"], rest[0] if rest else ""


def _sign_indicator(filled: list[_Cell], state: dict) -> Indicator | None:
    status_at = max(i for i, c in enumerate(filled) if _STATUS.match(c.text))
    weight_at = next((i for i, c in enumerate(filled[:status_at]) if _WEIGHT.match(c.text)), None)
    if weight_at is None:
        return None
    weight = _WEIGHT.match(filled[weight_at].text)
    score = next((_number(c, "分", exact=True) for c in filled[status_at + 1 :] if c.number), None)
    level1, level2, name = _levels(filled[:weight_at], state)
    between = filled[weight_at + 1 : status_at]
    operator = OPERATORS.get(weight.group("op") or "")  # "15.00 =": the 分值 and 符号 cells run together
    if operator is None and between and between[0].text in OPERATORS:
        operator, between = OPERATORS[between[0].text], between[1:]
    actual_cell = between[-1] if between and (operator is None or len(between) >= 3 or _value(between[-1])) else None
    target_cells = between[:-1] if actual_cell else between
    target = None
    if operator and target_cells:
        unit = _unit(target_cells[1].text) if len(target_cells) > 1 else ""
        target = _number(target_cells[0], unit)
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        weight=figure(weight.group("value"), filled[weight_at].start, "分", exact=True),
        operator=operator,
        target=target,
        target_text=(operator or "") + "".join(c.text for c in target_cells),
        actual=_value(actual_cell),
        actual_text=actual_cell.text if actual_cell else "",
        status=filled[status_at].text,
        score=score,
        start=filled[0].start,
        end=filled[-1].start + len(filled[-1].text),
    )


def _inline_indicator(filled: list[_Cell], state: dict) -> Indicator | None:
    pairs = [i for i in range(len(filled) - 1) if filled[i].number and filled[i + 1].number]
    numbers = [i for i, c in enumerate(filled) if c.number]
    if pairs:
        weight_at = pairs[-1]
    elif len(numbers) == 1 and numbers[0] > 0 and filled[numbers[0] - 1].target:
        weight_at = numbers[0]  # "≥座 │ ≥2座 │ ≥2座 │ │ 5 │ │": a weight whose score was left blank
    else:
        return None
    score_cell = filled[weight_at + 1] if weight_at + 1 < len(filled) and filled[weight_at + 1].number else None
    before = filled[:weight_at]
    value_cells = [i for i, c in enumerate(before) if c.target or c.number]
    first_value = value_cells[0] if value_cells else len(before)
    level1, level2, name = _levels(before[:first_value] or before[:1], state)
    target_cell, actual_cell, operator, target = _inline_values(before[first_value:])
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        weight=_number(filled[weight_at], "分", exact=True),
        operator=operator,
        target=target,
        target_text=target_cell.text if target_cell else "",
        actual=_value(actual_cell),
        actual_text=actual_cell.text if actual_cell else "",
        status="",
        score=_number(score_cell, "分", exact=True),
        start=filled[0].start,
        end=(score_cell or filled[weight_at]).start + len((score_cell or filled[weight_at]).text),
    )


def _inline_values(cells: list[_Cell]) -> tuple[_Cell | None, _Cell | None, str | None, Figure | None]:
    """(target cell, actual cell, operator, target) from 年初指标值 … 实际完成值 (… 定性值情况说明).

    ``=本 │ =1本 │ =0本 │ 5``: the target is ``=1本``, the actual ``=0本``; a bare number
    after them sits in 定性值情况说明. ``=平方米 │ 911.31 │ 911.31``: bare figures under
    a template that carries the operator and unit.
    """
    def written(c: _Cell) -> re.Match | None:
        m = c.target
        return m if m and m.group("value") else None

    with_unit = [i for i, c in enumerate(cells) if written(c) or (_value(c) and not c.number)]
    if with_unit:
        actual_at = with_unit[-1]
        targets = [i for i in with_unit[:-1] if written(cells[i])]
        if not targets:
            return None, cells[actual_at], None, None
        cell = cells[targets[-1]]
        m = written(cell)
        target = figure(m.group("value"), cell.start + cell.text.index(m.group("value")), _unit(m.group("unit")))
        return cell, cells[actual_at], OPERATORS[m.group("op")], target
    template = cells[0].target if cells else None
    bare = [c for c in cells[1:] if c.number]
    if template and len(bare) >= 2:
        target_cell, actual_cell = bare[-2], bare[-1]
        return target_cell, actual_cell, OPERATORS[template.group("op")], figure(target_cell.text, target_cell.start, _unit(template.group("unit")))
    return None, cells[-1] if cells else None, None, None


def _unit(text: str) -> str:
    return "%" if text in ("百分比", "百分率", "％") else text


def _value(cell: _Cell | None) -> Figure | None:
    """An actual value as printed: ``700册``, ``1``, ``228.57元/册``, ``≥100%`` (the operator dropped)."""
    if cell is None:
        return None
    text = cell.text.replace(" ", "")
    m = cell.target
    if m and m.group("value"):
        return figure(m.group("value"), cell.start + cell.text.index(m.group("value")), _unit(m.group("unit")))
    m = _VALUE.match(text)
    if m:
        return figure(m.group("value"), cell.start + cell.text.index(m.group("value")), _unit(m.group("unit")))
    return None
