"""How many injected errors does the auditor catch? (A measurement, not a test.)

For each corpus file, every figure the prose states and every non-empty money cell of
the standard tables is changed by +10% (at least two units in its last place), one at
a time, and the document is audited again. A
mutation is *caught* when a new error finding (one the unmodified file does not
have) stands at, or names as related, the line of the changed figure. The table shows the share caught by how the prose uses the
figure (plain amount, change, growth rate, share, budget rate), which rules caught
them, and the errors on the unmodified file.

    python -m benchmarks.mutations [CORPUS_DIR]

A figure that enters no relation (a lone amount) cannot be caught by a prose rule;
the table says so rather than hiding it.
"""

from __future__ import annotations

import argparse
import collections
from decimal import Decimal
from pathlib import Path

import auditor
from auditor.extract import extract
from auditor.extract.facts import Mention
from auditor.quantity import Quantity, round_to
from auditor.tables.model import Cell

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"
ROLES = ("plain", "change", "growth", "share", "budget_rate", "diff_rate", "table cell")


def _bigger(q: Quantity) -> str:
    new = round_to(q.value * Decimal("1.1"), q.places)
    if abs(new - q.value) < 2 * q.ulp:
        new = q.value + 2 * q.ulp
    return f"{new:,f}" if "," in q.text else format(new, "f")


def mutated(text: str, m: Mention) -> str:
    q = m.quantity
    at = text.index(q.text, m.start)  # the number itself, after any wrapped prefix
    return text[:at] + _bigger(q) + text[at + len(q.text) :]


def mutated_cell(text: str, cell: Cell) -> str:
    return text[: cell.start] + _bigger(cell.quantity) + text[cell.end :]


def _targets(document, facts):
    """(role, line, mutated text) for every figure to change."""
    for m in facts.mentions:
        if m.role in ROLES and m.quantity.value != 0:
            yield m.role, document.position(m.start)[0], lambda m=m: mutated(document.text, m)
    for table in facts.tables:
        for row in table.rows:
            for cell in row.cells.values():
                if cell.quantity is not None and cell.quantity.value != 0:
                    yield "table cell", document.position(cell.start)[0], lambda c=cell: mutated_cell(document.text, c)


def measure(path: Path) -> None:
    document = auditor.load(path)
    baseline = auditor.check(document)
    # Keyed by line, not column: a longer mutated number shifts later columns of its line.
    already = {(f.rule, f.location.line, f.stated) for f in baseline.errors}
    facts = extract(document)
    tried: collections.Counter = collections.Counter()
    caught: collections.Counter = collections.Counter()
    by_rule: collections.Counter = collections.Counter()
    for role, line, change in _targets(document, facts):
        report = auditor.check(change())
        hits = [
            f
            for f in report.errors
            if (f.rule, f.location.line, f.stated) not in already
            and (f.location.line == line or any(r.line == line for r in f.related))
        ]
        tried[role] += 1
        if hits:
            caught[role] += 1
            by_rule.update({f.rule for f in hits})
    total_tried, total_caught = sum(tried.values()), sum(caught.values())
    print(f"\n{path.name}: errors on the unmodified file: {len(baseline.errors)}")
    print(f"  {'claim pattern':<14}{'caught':>8}{'tried':>8}{'share':>8}")
    for role in ROLES:
        if tried[role]:
            print(f"  {role:<14}{caught[role]:>8}{tried[role]:>8}{caught[role] / tried[role]:>8.0%}")
    print(f"  {'all':<14}{total_caught:>8}{total_tried:>8}{total_caught / max(total_tried, 1):>8.0%}")
    print("  caught by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    for path in sorted(args.corpus.glob("*.txt")):
        measure(path)


if __name__ == "__main__":
    main()
