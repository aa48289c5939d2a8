"""Rule `xref`: one quantity stated twice in one section with two values."""

from __future__ import annotations

from collections import defaultdict

from auditor.extract.facts import Facts, Mention, Restatement
from auditor.extract.labels import is_generic, normalise_label
from auditor.rules.base import Knob, rule
from auditor.rules.common import amount_gap, finding_at, magnitude, unit_of

MIN_LABEL = Knob("min-label", 4, "名称短于这么多字（接待、共）太笼统，不能认定是同一事项")


def _topics(facts: Facts) -> dict[int, str]:
    """Each sentence's topic: the label of its first stated amount (``社会保障和就业支出年初预算``)."""
    topics: dict[int, str] = {}
    for m in facts.mentions:
        if m.role == "plain" and m.quantity.unit and m.sentence not in topics:
            topics[m.sentence] = normalise_label(m.label)
    return topics


def _key(m: Mention, topics: dict[int, str], year: int | None) -> tuple | None:
    """What makes two figures one quantity: section, topic (or clause), label, kind, and the year the clause names
    (``2024 年度支出合计 …，2023 年度支出合计 …`` states two years' totals; no year named is the document's)."""
    if m.role != "plain" or not m.quantity.unit or m.quantity.is_percent:
        return None
    label = normalise_label(m.label)
    kind = "money" if m.quantity.is_money else m.quantity.unit
    of_year = m.year or year
    if label and is_generic(label):
        # 年初预算, 采购金额, ****: which item is meant is said only by the clause before it
        # (公务接待费支出 …，年初预算为 …; 在其他项目中，…，采购金额 …). With no such clause
        # the figure identifies no quantity.
        return (m.scope_key, m.context, label, kind, of_year) if m.context and "*" not in label else None
    if len(label) < MIN_LABEL.value:
        return None
    return (m.scope_key, topics.get(m.sentence, ""), label, kind, of_year)


@rule("xref", "同一数额前后表述不一致", knobs=(MIN_LABEL,))
def check_xref(facts: Facts):
    """Within one section, a quantity named the same way must have one value.

    A label that names no item (年初预算, 支出决算, 采购金额) identifies a quantity only
    with the items its ``；``-clause names before it: ``公务用车运行维护费支出 1.20 万元，
    年初预算为 1.50 万元；公务接待费支出 2.40 万元，年初预算为 2.50 万元`` states two
    budgets, and three 采购金额 after three different ``在…中，`` clauses are three
    amounts. Such a label with no item in its clause is not compared at all.

    Two figures are the same quantity when they stand under the same heading path
    (第三部分 > 五、 > （一）), carry the same label (the noun phrase before them, ``公务接待费支出``)
    and sit in sentences about the same topic (the label of the sentence's first
    amount), so that ``支出决算`` under ``社会保障和就业支出`` is not compared with
    ``支出决算`` under ``卫生健康支出``. Figures under different headings are not
    compared: ``本年支出合计`` in 三、 is all funds, in 四、 only 财政拨款, and each
    numbered project (1、 2、 …) has its own 全年预算数. Money is
    compared in 万元, within rounding; a difference that is only a unit is left to the
    `unit` rule.

    Across sections, a concept restated under its caliber (基本支出 in 三、 and
    一般公共预算财政拨款基本支出 in 六、 when all income is 一般公共预算) must have one value;
    so must the budget or the final figure of an item whose name says which money it is (a
    “三公” item, the “三公” total, 机关运行经费) in one year, wherever it stands:
    ``公务接待费年初预算为 3.00 万元`` in 七、 and ``公务接待费预算 2.00 万元`` in the 三公
    table's note contradict each other (a 预算 that does not say which is the 年初 or 全年
    one the document states; with both stated, it is compared with neither);
    收入总计 and 支出总计 stated together must be equal (a warning: prose often rounds them
    differently).
    """
    topics = _topics(facts)
    year = facts.checklist.year.year if facts.checklist.year else None
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in facts.mentions:
        key = _key(m, topics, year)
        if key is not None:
            groups[key].append(m)
    for mentions in groups.values():
        first = mentions[0]
        for m in mentions[1:]:
            if m.quantity.text.replace(",", "") == first.quantity.text.replace(",", ""):
                continue  # same digits: a unit slip at most, reported by `unit`
            if magnitude(m).overlaps(magnitude(first)):
                continue
            unit = unit_of(m)
            places = max(m.quantity.places, first.quantity.places)
            yield finding_at(
                facts,
                "xref",
                "error",
                f"{m.label} {m.quantity.display()}：同一节同一事项{facts.document.where(first.start)}写作 "
                f"{first.quantity.display()}，相差 {amount_gap(magnitude(m), magnitude(first), unit, places)}",
                m,
                [first],
                stated=m.quantity.display(),
                expected=first.quantity.display(),
            )
    for r in facts.restatements:
        yield from _restated(facts, r)


def _restated(facts: Facts, r: Restatement):
    m, first = r.figure, r.earlier
    if magnitude(m).overlaps(magnitude(first)) or m.quantity.unit != first.quantity.unit:
        return
    unit = unit_of(m)
    places = max(m.quantity.places, first.quantity.places)
    if r.bound.startswith("identity"):
        why = "收入总计应等于支出总计"
    elif r.bound == "item across sections":
        why = "同一事项同一年度的同一数额，前后表述应一致"
    else:
        why = "同一数额在不同部分的表述"
    if "一般公共预算" in r.bound and "all income" in r.bound:
        why += "（本文收入全部为一般公共预算财政拨款）"
    yield finding_at(
        facts,
        "xref",
        r.severity,
        f"{m.full_label} {m.quantity.display()} 与{facts.document.where(first.start)}{first.full_label} {first.quantity.display()} "
        f"不符，相差 {amount_gap(magnitude(m), magnitude(first), unit, places)}：{why}",
        m,
        [first],
        stated=m.quantity.display(),
        expected=first.quantity.display(),
    )
