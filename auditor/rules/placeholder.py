"""Rule `placeholder`: template text left in the published document."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {
    "name": Message("error", "模板占位符「{text}」未替换为实际名称或数字"),
    "year": Message("error", "模板年份「{text}」未替换为实际年度"),
    "direction": Message("error", "「{text}」是模板的二选一写法，未按实际增减选定一个"),
    "blank": Message("error", "留有未填写的空白「{text}」"),
    "reason": Message("error", "「{text}」后面没有写出原因"),
    "instruction": Message("error", "模板的填写说明「{text}」留在了正文中"),
}


@rule("placeholder", "模板占位符或填写说明未替换", messages=MESSAGES)
def check_placeholders(facts: Facts):
    """Template text left in the document: XX / ×× / 某某, 202X年, 增加（减少）, an empty reason, blanks.

    A disclosure is written from the national template, which says ``上海市 XX 局``,
    ``XXX 万元``, ``增加（减少）``, ``决算数大于（小于）预算数``, ``主要原因：XXXXXXXX`` and
    carries instructions (``如持平作持平表述``, ``仍保留该表格式，并在本表下方作下述说明``).
    Any of these in a published document is an error: a name or figure never filled in,
    a direction never chosen (also ``减增加``: a bracket deleted, the other word kept), a
    reason phrase followed by nothing (``主要原因是。``), a ``【】`` or ``____`` blank.
    The template instructions are listed in ``rules/vocabulary.toml`` ([checklist]).
    """
    # Several of one kind in one sentence (``上海市 XX 局…XXX 万元``) are one finding: one sentence to fix,
    # however the sentence happens to be wrapped.
    groups: dict[tuple[int, str], list] = {}
    for mark in sorted(facts.checklist.placeholders, key=lambda m: m.start):
        groups.setdefault((mark.sentence, mark.kind), []).append(mark)
    for (_, kind), marks in groups.items():
        texts = list(dict.fromkeys(m.text for m in marks))
        first, others = marks[0], marks[1:]
        said = MESSAGES[kind]
        yield finding_at(
            facts,
            "placeholder",
            said.severity,
            said.format(text="」「".join(texts)),
            (first.start, first.end),
            [(m.start, m.end) for m in others],
            stated="、".join(texts),
        )
