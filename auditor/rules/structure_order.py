"""The ``structure.order`` rule: 报表重复出现或顺序与目录不同."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._structure import _extraction_lost
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {
    "twice": Message("warning", "「{title}」在正文中出现了两次"),
    "order": Message("warning", "「{title}」排在「{before}」之后，与目录的顺序不同"),
}


@rule("structure.order", "报表重复出现或顺序与目录不同", severity="warning", messages=MESSAGES)
def check_table_order(facts: Facts):
    """The listed tables stand in the body once each and in the 目录's order.

    A title that appears twice (a table printed twice, or a second table under the
    first one's title) and a table that stands before one the 目录 lists ahead of it are
    warnings: a table continued on a new page may repeat its title.
    """
    c = facts.checklist
    if not c.listed_tables or _extraction_lost(facts):
        return
    order = {t.key: t.position for t in c.listed_tables}
    seen: dict[str, tuple[int, int]] = {}
    latest = None
    for table in c.body_tables:
        if table.key not in order:
            continue
        if table.key in seen:
            said = MESSAGES["twice"]
            yield finding_at(facts, "structure.order", said.severity, said.format(title=table.title), (table.start, table.end),
                             [seen[table.key]], stated=table.title)
            continue
        seen[table.key] = (table.start, table.end)
        if latest is not None and order[table.key] < order[latest.key]:
            said = MESSAGES["order"]
            yield finding_at(facts, "structure.order", said.severity, said.format(title=table.title, before=latest.title),
                             (table.start, table.end), [(latest.start, latest.end)], stated=table.title)
        else:
            latest = table
