"""How much of its verdict does a document keep when only its layout changes? (A measurement, not a test.)

For every corpus text and every perturbation of tests/layout_perturbations.py, over a few
seeds: the share of the document's errors (rule, stated, expected) still reported, and the
errors added. The test suite asserts the perturbations the readers must survive whole
(tests/test_layout_invariance.py); this prints all of them, TABs turned into spaces included.

    python -m benchmarks.layout [CORPUS_DIR] [--seeds N]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from layout_perturbations import PERTURBATIONS, error_signature  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'document':40} {'perturbation':22} {'errors':>6} {'kept':>8} {'added':>6}")
    for path in sorted(Path(args.corpus).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        base = error_signature(text)
        for name, perturb in PERTURBATIONS.items():
            kept = added = 0
            for seed in range(args.seeds):
                after = error_signature(perturb(text, random.Random(seed)))
                kept += sum((base & after).values())
                added += sum((after - base).values())
            total = sum(base.values()) * args.seeds
            share = f"{kept / total:.0%}" if total else "—"
            print(f"{path.name:40} {name:22} {sum(base.values()):>6} {share:>8} {added / args.seeds:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
