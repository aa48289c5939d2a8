"""How many injected errors does the auditor catch? (A measurement, not a test.)

For each corpus file, every figure the prose states, every non-empty money cell of the
standard tables, and every figure of the 绩效自评表 that enters an identity (预算数, 执行数,
执行率, execution score, indicator weights and scores, 总分) and of the prose that restates
them, is changed by +10% (at least two units in its last place), one at a time, and the
document is audited again. A mutation is *caught* when a new error finding (one the
unmodified file does not have) stands at, or names as related, the line of the changed
figure; *only warned* counts those that drew a new warning there and no error (a
weight nudged so the weights no longer add to 100 is a warning by docs/domain.md §4's
"normally"). The tables show the share caught by claim pattern and which rules caught them,
and the errors on the unmodified file (each of the corpus's is a real inconsistency,
listed in tests/test_corpus.py).

    python -m benchmarks.mutations [CORPUS_DIR] [--per-pattern N] [--jobs N] [--prose] [--save-targets F | --targets F]
    python -m benchmarks.mutations --cells [CORPUS_DIR] [--jobs N]

``--prose`` changes only the figures the prose states (single prose-figure changes, by the
claim pattern the reader gave each). ``--save-targets F`` writes the figures changed, with
their pattern, to F (JSON); ``--targets F`` changes exactly those again: a change to the
reader is then measured on the same mutations before and after, whatever pattern the new
reading gives a figure (a file's figures whose text no longer stands there are skipped and
counted).

``--cells`` changes only the money cells of the standard tables (公开01–09表), one at a time,
and counts a change *caught* only when a new error stands at that very cell or names it as
related (line and column of the cell's first character): a finding elsewhere on the row
does not point the office at the figure to mend. The table is per table side, with the
verdict the link stage gave that side's reading (confirmed / not understood / unverified),
because docs/domain.md §5 promises errors only where the document confirms the reading.

``--per-pattern`` audits a seeded random sample of N figures per pattern and file (all
of them with 0); jincheng alone has over a thousand perf figures. A figure that enters no
relation (a lone amount) cannot be caught; the table says so rather than hiding it.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

import auditor
from auditor.extract import extract
from auditor.link import link
from auditor.quantity import Quantity, round_to

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"
ROLES = ("plain", "change", "growth", "share", "budget_rate", "diff_rate")
PATTERNS = (
    *ROLES,
    "table cell",
    "perf budget",
    "perf executed",
    "perf rate",
    "perf exec-score",
    "perf weight",
    "perf score",
    "perf total",
    "perf prose",
)


def _bigger(q: Quantity) -> str:
    new = round_to(q.value * Decimal("1.1"), q.places)
    if abs(new - q.value) < 2 * q.ulp:
        new = q.value + 2 * q.ulp
    return f"{new:,f}" if "," in q.text else format(new, "f")


def mutated(text: str, start: int, end: int, q: Quantity) -> str:
    """The text with the figure at ``[start, end)`` printed bigger (a number broken across lines is rejoined)."""
    at = text.find(q.text, start, end)  # the number itself, after any wrapped prefix
    if at != -1:
        start, end = at, at + len(q.text)
    return text[:start] + _bigger(q) + text[end:]


def _targets(facts, prose_only: bool = False) -> list[tuple[str, int, int, Quantity]]:
    """(pattern, start, end, quantity) for every figure to change, each place once (``prose_only``: the prose's figures)."""
    found: dict[int, tuple[str, int, int, Quantity]] = {}

    def add(pattern: str, start: int, end: int, q: Quantity | None) -> None:
        if q is not None and q.value != 0 and start not in found:
            found[start] = (pattern, start, end, q)

    if not prose_only:
        for pattern, fig in _perf_figures(facts):  # first: a project statement's score is also a prose mention
            add(pattern, fig.start, fig.end, fig.quantity)
        for table in facts.tables:
            for row in table.rows:
                for cell in row.cells.values():
                    add("table cell", cell.start, cell.end, cell.quantity)
    for m in facts.mentions:
        if m.role in ROLES:
            add(m.role, m.start, m.end, m.quantity)
    return sorted(found.values(), key=lambda t: t[1])


def _perf_figures(facts):
    for t in facts.perf_tables:
        for pattern, fig in (
            ("perf budget", t.budget),
            ("perf executed", t.executed),
            ("perf rate", t.rate),
            ("perf exec-score", t.exec_score),
            ("perf total", t.total),
        ):
            if fig is not None:
                yield pattern, fig
        for indicator in t.indicators:
            for pattern, fig in (("perf weight", indicator.weight), ("perf score", indicator.score)):
                if fig is not None:
                    yield pattern, fig
    for st in facts.perf_statements:
        for fig in (st.score, st.budget, st.executed):
            if fig is not None:
                yield "perf prose", fig


def _sample(targets, per_pattern: int, seed: str):
    if not per_pattern:
        return targets
    rng = random.Random(seed)
    by_pattern = collections.defaultdict(list)
    for t in targets:
        by_pattern[t[0]].append(t)
    chosen = []
    for group in by_pattern.values():
        chosen += group if len(group) <= per_pattern else rng.sample(group, per_pattern)
    return sorted(chosen, key=lambda t: t[1])


def _caught(args) -> tuple[str, set[str], bool]:
    """Audit one mutated text: the rules whose new errors stand at or name the changed line, and whether a new warning does."""
    path, text, pattern, start, end, q, line, already = args
    report = auditor.check(auditor.Document(mutated(text, start, end, q), str(path)))
    new = [
        f
        for f in report.findings
        if (f.rule, f.severity, f.location.line, f.stated) not in already
        and (f.location.line == line or any(r.line == line for r in f.related))
    ]
    return pattern, {f.rule for f in new if f.severity == "error"}, any(f.severity == "warning" for f in new)


def _cell_caught(args) -> tuple[str, bool, bool]:
    """Audit one text with one table cell changed: is a new error at that cell (or naming it), or only a warning?"""
    path, text, side, start, end, q, place, already = args
    report = auditor.check(auditor.Document(mutated(text, start, end, q), str(path)))
    new = [
        f
        for f in report.findings
        if (f.rule, f.severity, f.location.line, f.stated, f.expected) not in already
        and ((f.location.line, f.location.column) == place or any((r.line, r.column) == place for r in f.related))
    ]
    return side, any(f.severity == "error" for f in new), any(f.severity == "warning" for f in new)


def _verdicts(facts) -> dict[str, str]:
    """Each table side's verdict where the link stage gives one (older trees: none)."""
    return {v.table.name: v.status for v in getattr(facts, "table_verdicts", ())}


def measure_cells(path: Path, pool) -> tuple[int, int, int, int]:
    """Every non-zero money cell of the standard tables, changed one at a time; (caught, tried) overall and on confirmed sides."""
    document = auditor.load(path)
    baseline = auditor.check(document)
    # with what the other figures imply: a relation the document already breaks, broken further by the changed cell,
    # says so in a finding that implies another value (the unmodified file's errors are listed in tests/test_corpus.py)
    already = {(f.rule, f.severity, f.location.line, f.stated, f.expected) for f in baseline.findings}
    facts = link(extract(document))
    verdicts = _verdicts(facts)
    jobs, seen = [], set()
    for table in facts.tables:
        for row in table.rows:
            for cell in row.cells.values():
                q = cell.quantity
                if q is None or q.value == 0 or cell.start in seen:
                    continue
                seen.add(cell.start)
                jobs.append((path, document.text, table.name, cell.start, cell.end, q, document.position(cell.start), already))
    if not jobs:
        return 0, 0, 0, 0
    tried: collections.Counter = collections.Counter()
    caught: collections.Counter = collections.Counter()
    warned: collections.Counter = collections.Counter()
    for side, error, warning in pool.map(_cell_caught, jobs, chunksize=8):
        tried[side] += 1
        caught[side] += error
        warned[side] += warning and not error
    print(f"\n{path.name}: table cells changed one at a time, caught at the cell")
    print(f"  {'table side':<16}{'verdict':<14}{'caught':>8}{'tried':>8}{'share':>8}{'only warned':>13}")
    for side in tried:
        print(f"  {side:<16}{verdicts.get(side, '—'):<14}{caught[side]:>8}{tried[side]:>8}{caught[side] / tried[side]:>8.0%}{warned[side]:>13}")
    confirmed = [side for side in tried if verdicts.get(side) == "confirmed"]
    all_caught, all_tried = sum(caught.values()), sum(tried.values())
    ok_caught, ok_tried = sum(caught[s] for s in confirmed), sum(tried[s] for s in confirmed)
    print(f"  {'all':<30}{all_caught:>8}{all_tried:>8}{all_caught / all_tried:>8.0%}")
    if ok_tried:
        print(f"  {'confirmed sides':<30}{ok_caught:>8}{ok_tried:>8}{ok_caught / ok_tried:>8.0%}")
    return all_caught, all_tried, ok_caught, ok_tried


def _saved(entry: dict) -> tuple[str, int, int, Quantity]:
    q = Quantity(Decimal(entry["value"]), entry["places"], entry["unit"], entry["text"], entry["exact"])
    return entry["pattern"], entry["start"], entry["end"], q


def _saving(pattern: str, start: int, end: int, q: Quantity) -> dict:
    return {"pattern": pattern, "start": start, "end": end, "value": str(q.value), "places": q.places,
            "unit": q.unit, "text": q.text, "exact": q.exact}


def measure(path: Path, per_pattern: int, pool, prose_only: bool = False, saved: dict | None = None) -> tuple[int, int]:
    """Audit every mutation of one file; ``saved`` (file name → targets) holds targets to use again, and gets this file's."""
    document = auditor.load(path)
    baseline = auditor.check(document)
    # Keyed by line, not column: a longer mutated number shifts later columns of its line.
    already = {(f.rule, f.severity, f.location.line, f.stated) for f in baseline.findings}
    if saved is not None and path.name in saved:
        targets = [_saved(entry) for entry in saved[path.name]]
        kept = [t for t in targets if document.text.find(t[3].text, t[1], t[2]) != -1]
        if len(kept) < len(targets):
            print(f"{path.name}: {len(targets) - len(kept)} saved figures no longer stand where they were saved")
        targets = kept
    else:
        targets = _sample(_targets(extract(document), prose_only), per_pattern, path.name)
        if saved is not None:
            saved[path.name] = [_saving(*t) for t in targets]
    jobs = [(path, document.text, pattern, start, end, q, document.position(start)[0], already) for pattern, start, end, q in targets]
    tried: collections.Counter = collections.Counter()
    caught: collections.Counter = collections.Counter()
    warned: collections.Counter = collections.Counter()
    by_rule: collections.Counter = collections.Counter()
    for pattern, rules, warning in pool.map(_caught, jobs, chunksize=8):
        tried[pattern] += 1
        if rules:
            caught[pattern] += 1
            by_rule.update(rules)
        elif warning:
            warned[pattern] += 1
    total_tried, total_caught = sum(tried.values()), sum(caught.values())
    print(f"\n{path.name}: errors on the unmodified file: {len(baseline.errors)}")
    print(f"  {'claim pattern':<16}{'caught':>8}{'tried':>8}{'share':>8}{'only warned':>13}")
    for pattern in PATTERNS:
        if tried[pattern]:
            print(f"  {pattern:<16}{caught[pattern]:>8}{tried[pattern]:>8}{caught[pattern] / tried[pattern]:>8.0%}{warned[pattern]:>13}")
    total_warned = sum(warned.values())
    print(f"  {'all':<16}{total_caught:>8}{total_tried:>8}{total_caught / max(total_tried, 1):>8.0%}{total_warned:>13}")
    print("  caught by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common()))
    return total_caught, total_tried


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--per-pattern", type=int, default=0, metavar="N", help="sample N figures per pattern and file (0: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N")
    parser.add_argument("--prose", action="store_true", help="change only the figures the prose states")
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--save-targets", type=Path, metavar="FILE", help="write the figures changed to FILE (JSON)")
    given.add_argument("--targets", type=Path, metavar="FILE", help="change the figures FILE lists (from --save-targets)")
    parser.add_argument("--cells", action="store_true", help="change only standard-table cells; caught means an error at that cell")
    args = parser.parse_args()
    saved = json.loads(args.targets.read_text(encoding="utf-8")) if args.targets else {} if args.save_targets else None
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for path in sorted(args.corpus.glob("*.txt")):
            if args.cells:
                measure_cells(path, pool)
            else:
                measure(path, args.per_pattern, pool, args.prose, saved)
    if args.save_targets:
        args.save_targets.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
