"""The ``wording.none`` rule: 写“无/未发生”某项支出，同一部分却列出了该项金额."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {"denied": Message("warning", "写「{text}」，同一部分却写{item}金额 {amount}")}


@rule("wording.none", "写“无/未发生”某项支出，同一部分却列出了该项金额", severity="warning", messages=MESSAGES)
def check_denied_spending(facts: Facts):
    """A “三公” item said not to have been spent on (``无公务接待开支``, ``未发生因公出国（境）费``) has no non-zero amount in the same section.

    Within the “三公” section, a statement that an item was not incurred and a non-zero
    amount of that item (``公务接待费支出决算为 1.53 万元``) cannot both be true. The items are
    listed in ``rules/vocabulary.toml`` ([checklist] sangong_items). A warning: which of the
    two is wrong cannot be told, and a statement may be narrower than it reads.
    """
    denied = MESSAGES["denied"]
    for d in facts.checklist.sangong.denials:
        amount = d.figure.quantity.display()
        yield finding_at(facts, "wording.none", denied.severity, denied.format(text=d.statement.text, item=d.item, amount=amount),
                         (d.statement.start, d.statement.end), [(d.figure.start, d.figure.end)], stated=d.statement.text,
                         expected=amount)
