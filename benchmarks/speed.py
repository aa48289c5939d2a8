"""How fast is ``auditor.check``? Times each corpus file, first run and best of N.

    python -m benchmarks.speed [CORPUS_DIR] [--runs N]     (from the repository root)

The first run of the first file also pays for what is built once per process
(grammars, compiled patterns); the best of N is the steady cost of one audit,
reading the file included, as a user of ``auditor check`` pays it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import auditor

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"


def time_check(path: Path, runs: int) -> tuple[float, float, int]:
    """(first-run seconds, best-of-``runs`` seconds, number of findings) for one file."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = auditor.check(path)
        times.append(time.perf_counter() - start)
    return times[0], min(times), len(report.findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"default: {DEFAULT_CORPUS}")
    parser.add_argument("--runs", type=int, default=5, help="runs per file; the best is reported (default 5)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        parser.error(f"no .txt files in {args.corpus}")

    print(f"{'file':<44} {'KB':>8} {'first s':>9} {'best s':>9} {'KB/s':>9} {'findings':>8}")
    for path in files:
        kb = path.stat().st_size / 1024
        try:
            first, best, findings = time_check(path, args.runs)
        except auditor.InputError as exc:
            print(f"{path.name:<44} {kb:>8.1f}  {exc.reason}")
            continue
        print(f"{path.name:<44} {kb:>8.1f} {first:>9.4f} {best:>9.4f} {kb / best:>9.0f} {findings:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
