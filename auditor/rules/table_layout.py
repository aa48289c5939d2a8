"""The ``table.layout`` rule: 表格未能完整核对（提示）."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.link.verdicts import NOT_UNDERSTOOD
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at
from auditor.rules.notes import TEMPLATES, worded


@rule("table.layout", "表格未能完整核对（提示）", severity="info",
      messages={kind: Message("info", template) for kind, template in TEMPLATES.items()})
def check_layout(facts: Facts):
    """Says, as ``info``, what part of a table could not be checked and why.

    Readers and the link stage hand on what happened as data (a reason's kind and fields); the words of every kind
    are in ``auditor/rules/notes.py``.

    A cell in a money column that is not a number, a row with more cells than its header, a
    row or column the identities need but the table lacks, a table the extraction cut short,
    and a table whose reading the document does not confirm (its identities fail wherever a
    misreading would make them fail: docs/domain.md §5), which then gives no error at all.
    These are not inconsistencies: they tell the reader which checks did not run.

    In the corpus: the extraction of qinhuangdao-etdz-office-2023 lost 公开05表's rows after
    2010301 (line 314), which the rule reports as
    ``公开05表在第314行之后似乎被截断（各类之和小于合计，最后一类不完整），缺失部分未核对``.
    """
    for note in facts.table_notes:
        yield finding_at(note.document, "table.layout", "info", worded(note.reason, note.document), (note.start, note.end))
    for verdict in facts.table_verdicts:
        if verdict.status == NOT_UNDERSTOOD:
            table = verdict.table
            start = table.rows[0].start if table.rows else table.start
            yield finding_at(table.document, "table.layout", "info", worded(verdict.reason, table.document), (start, start + 1))
    seen = set()
    for skip in facts.identity_skips:
        message = worded(skip.reason, skip.table.document)
        if message not in seen:
            seen.add(message)
            yield finding_at(skip.table.document, "table.layout", "info", message, (skip.start, skip.end))
