"""What the ``table.*`` rules share: the findings of the identities of one kind.

Rules `table.sum`, `table.hierarchy`, `table.cross` and `table.layout`: the tables against themselves.

The identities are data (``rules/*.rules``, read by :mod:`auditor.formula`); the link
stage (:mod:`auditor.link.identities`) turns each statement into instances over the
tables actually present, and these rules evaluate them on rounding intervals
(:func:`auditor.rules.common.evaluate_identity`). An instance holds when some choice of
true values inside every printed cell's interval satisfies it exactly (docs/domain.md §5), so
a sum of n rounded parts may differ from its printed total by up to n half-units.
What cannot be evaluated (a cell that is not a number, a row the table lacks, a table
cut short by the extraction) is said once as an ``info`` finding of `table.layout`,
never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.rules.common import evaluate_identity


def _findings(facts: Facts, rule_id: str) -> Iterator[Finding]:
    for instance in facts.identities:
        if instance.rule == rule_id:
            finding = evaluate_identity(instance)
            if finding is not None:
                yield finding
