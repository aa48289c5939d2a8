"""Skip notes as data, worded in one place (auditor/rules/notes.py), and the message templates rules declare.

The whole message of every kind of note is held by a case of ``rules/cases/table.layout.toml``; here: what a
case cannot say (the templates a rule declares are the messages it reports, an unknown kind is refused by name).
"""

from __future__ import annotations

import re

import pytest

import auditor
from auditor.catalogue import explain, rule_cases
from auditor.document.model import Document
from auditor.finding import Reason
from auditor.rules import all_rules
from auditor.rules.notes import TEMPLATES, worded

DECLARING = [r for r in all_rules() if r.messages]


def _pattern(template: str) -> re.Pattern:
    """A declared template as a pattern its formatted messages match whole (each field: any text)."""
    return re.compile("(?s)" + "(.+?)".join(re.escape(piece) for piece in re.split(r"\{\w+\}", template)))


def test_rules_whose_messages_are_one_sentence_declare_them():
    assert {r.id for r in DECLARING} >= {"year.typo", "wording.flat", "wording.none", "wording.share-unit", "structure.missing",
                                         "structure.empty", "structure.extraction", "structure.order", "structure.section",
                                         "placeholder", "sangong.detail", "year.heading", "table.layout"}


@pytest.mark.parametrize("rule", DECLARING, ids=lambda r: r.id)
def test_every_finding_of_a_declaring_rule_is_one_of_its_templates_at_its_level(rule):
    texts = [c.text for c in rule_cases()[rule.id]]
    findings = [f for text in texts for f in auditor.check(text, select=[rule.id]).findings]
    assert findings, rule.id
    for finding in findings:
        fits = [key for key, m in rule.messages.items() if m.severity == finding.severity and _pattern(m.template).fullmatch(finding.message)]
        assert fits, (finding.severity, finding.message)


def test_auditor_rules_shows_each_declared_template_with_its_level():
    rule = next(r for r in DECLARING if r.id == "structure.empty")
    text = explain(rule)
    assert "unexplained [warning 警告]：「{title}」没有数字，也没有说明为什么是空表" in text
    assert "other-table [error 错误]：「{title}」下的空表说明讲的是{kinds}，不是本表" in text


def test_a_note_is_its_kinds_template_with_the_fields_said():
    document = Document("公开03表\n项目\t本年支出合计\n合计\t1.00\n", "t.txt")
    reason = Reason.of("table.extra-cells", number="03", at=document.line_start(2), extra=2)
    assert worded(reason, document) == "公开03表第3行比表头多出 2 个单元格，多出的内容未核对"
    columns = Reason.of("identity.no-column", table="公开03表", columns=("基本支出", "项目支出"), identity="表03 每行: …")
    assert worded(columns, document) == "公开03表没有「基本支出、项目支出」列，恒等式「表03 每行: …」未核对"


def test_a_reason_of_a_kind_with_no_template_is_refused_by_name():
    assert "table.new-kind" not in TEMPLATES
    with pytest.raises(KeyError, match="table.new-kind"):
        worded(Reason.of("table.new-kind", number="03"), Document("x\n", "t.txt"))
