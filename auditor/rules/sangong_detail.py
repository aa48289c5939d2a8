"""Rule `sangong.detail`: the “三公” section itemises 公务用车 and 公务接待 as the disclosure rules ask."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {
    "reception": Message("warning", "公务接待费 {amount}，但“三公”经费说明中没有写接待批次和人次"),
    "vehicles": Message("warning", "公务用车购置及运行维护费 {amount}，但没有分别写出购置费和运行维护费"),
}


@rule("sangong.detail", "“三公”经费说明缺少应公开的明细", severity="warning", messages=MESSAGES)
def check_sangong_detail(facts: Facts):
    """The “三公” section gives 公务用车购置费 and 运行维护费 each, and 接待批次 and 人次 when there was reception spending.

    When the section states a non-zero 公务接待费 it must say how many 批次 and 人次 were
    received; when it states a non-zero 公务用车购置及运行维护费, the 购置 and the 运行维护
    parts are each disclosed (an amount, or a statement that one was not incurred). A
    warning: the detail may stand in a table the reader did not see.
    """
    detail = facts.checklist.sangong
    if detail.reception is not None and not detail.batches_and_people:
        yield _missing(facts, detail.reception, MESSAGES["reception"])
    if detail.vehicles is not None and not detail.purchase_and_running:
        yield _missing(facts, detail.vehicles, MESSAGES["vehicles"])


def _missing(facts: Facts, figure, message: Message):
    """A finding at the amount whose detail is missing; ``message`` has a place for the amount."""
    shown = figure.quantity.display()
    return finding_at(facts, "sangong.detail", message.severity, message.format(amount=shown), (figure.start, figure.end), stated=shown)
