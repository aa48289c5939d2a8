"""What the ``structure.*`` rules share: whether the extraction lost the tables.

Rules `structure.*`: the standard tables the document's own 目录 lists, against its body.
"""

from __future__ import annotations

from auditor.extract.facts import Facts


def _extraction_lost(facts: Facts) -> bool:
    """The tables cannot be judged present or absent: the extraction lost them, or none was found at all."""
    c = facts.checklist
    return c.lost_tables is not None or not c.body_tables
