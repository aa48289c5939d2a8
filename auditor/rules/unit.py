"""Rule `unit`: the same amount written with another unit, or with none."""

from __future__ import annotations

from collections import Counter, defaultdict

import attrs

from auditor.extract.facts import Facts, Mention
from auditor.finding import Finding
from auditor.quantity import MONEY_UNITS
from auditor.rules.base import Knob, Message, rule
from auditor.rules.common import finding_at, line_of, name

MIN_SIGNIFICANT = Knob("min-significant", 3, "数额至少有这么多位有效数字，两处写法才被视为同一数额（0.34 与 0.34 很可能是两件事）")


def _key(m: Mention) -> str | None:
    digits = m.quantity.text.replace(",", "")
    significant = digits.replace(".", "").lstrip("0")
    if len(significant) < MIN_SIGNIFICANT.value or m.quantity.value == 0:
        return None
    return digits


#: A figure restated on every page would otherwise make every finding about it name every other
#: statement, and the report grow with the square of the repeats.
NAMED_REPEATS = Knob("named-repeats", 8, "一条发现列出同一数额的其他写法至多这么多处（信息与相关位置），其余只计数")


def _lines(facts: Facts, mentions: list[Mention]) -> str:
    doc = facts.document
    if doc.places:  # a .docx/.xlsx: paragraphs and cells, not lines
        places = list(dict.fromkeys(doc.where(m.start) for m in sorted(mentions, key=lambda m: m.start)))
        return "、".join(places[:NAMED_REPEATS.value]) + ("等处" if len(places) > NAMED_REPEATS.value else "")
    lines = sorted({line_of(facts, m) for m in mentions})
    shown = "、".join(str(n) for n in lines[:NAMED_REPEATS.value])
    return f"第{shown}{'等' if len(lines) > NAMED_REPEATS.value else ''}行"


MESSAGES = {
    "odd-unit": Message("error", "{name} {key} {unit}：同一数额在{where}为 {key} {usual}，此处单位疑误（相差 {factor} 倍）"),
    "no-unit": Message("error", "{name} {key}：缺少单位；同一数额在{where}为 {key} {usual}"),
}


@rule("unit", "同一数额单位不一致或缺失", knobs=(MIN_SIGNIFICANT, NAMED_REPEATS), messages=MESSAGES)
def check_units(facts: Facts):
    """The same amount must carry the same unit wherever the prose states it.

    Amounts are grouped by their printed digits (at least three significant digits,
    so that small coincidences are not taken for the same amount). Where most
    statements say 万元 and one says 元, the odd one is reported, naming the lines of
    the others. A number with no unit at all whose digits match an amount elsewhere
    is reported as a dropped unit.

    In the corpus: qinhuangdao-emergency-center-2023, line 128, writes
    ``本年支出合计 774.37 元`` where lines 113, 124 and 140 say ``774.37 万元``.
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    bare: dict[str, list[Mention]] = defaultdict(list)
    for m in facts.mentions:
        key = _key(m)
        if key is None:
            continue
        if m.quantity.is_money:
            groups[key].append(m)
        elif m.role == "bare" and m.quantity.places > 0:
            bare[key].append(m)
    for key, mentions in groups.items():
        units = Counter(m.quantity.unit for m in mentions)
        usual, count = units.most_common(1)[0]
        if len(units) > 1 and count * 2 > len(mentions):
            others = [m for m in mentions if m.quantity.unit == usual]
            where = _lines(facts, others)  # the same for every odd statement: said once per amount, not once per statement
            said = MESSAGES["odd-unit"]
            for m in mentions:
                if m.quantity.unit == usual:
                    continue
                yield _bounded(
                    finding_at(
                        facts,
                        "unit",
                        said.severity,
                        said.format(name=name(m), key=key, unit=m.quantity.unit, where=where, usual=usual,
                                    factor=_factor(m.quantity.unit, usual)),
                        m,
                        others[:NAMED_REPEATS.value],
                        stated=m.quantity.display(),
                        expected=f"{key}{usual}",
                    ),
                    others,
                )
        if key in bare:
            where, said = _lines(facts, mentions), MESSAGES["no-unit"]
            for m in bare[key]:
                yield _bounded(
                    finding_at(
                        facts,
                        "unit",
                        said.severity,
                        said.format(name=name(m), key=key, where=where, usual=usual),
                        m,
                        mentions[:NAMED_REPEATS.value],
                        stated=m.quantity.text,
                        expected=f"{key}{usual}",
                    ),
                    mentions,
                )


def _bounded(finding: Finding, related: list[Mention]) -> Finding:
    """The finding lists the first few related statements (finding_at got only those) and counts them all.

    An amount a long document states a thousand times is one group here; naming every other
    statement in every finding about it made the rule, and the report, grow with the square of the repeats.
    """
    return attrs.evolve(finding, related_total=len({(m.start, m.end) for m in related}))


def _factor(a: str, b: str) -> str:
    ratio = MONEY_UNITS[b] / MONEY_UNITS[a] if MONEY_UNITS[b] > MONEY_UNITS[a] else MONEY_UNITS[a] / MONEY_UNITS[b]
    return format(ratio.normalize(), "f")
