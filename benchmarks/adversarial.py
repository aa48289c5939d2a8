"""Does any input make an audit cost more than linear time? Pathological documents at two sizes.

    python -m benchmarks.adversarial [--sizes 100K,1M] [--timeout 120]     (from the repository root)

Each document is a title line and then one pattern repeated to the size: a line of
digits, of 其中, of nested brackets, of separated numbers, one paragraph of many
sentences, a hundred thousand short lines … Each is audited in a fresh interpreter
(``benchmarks.speed``: best of 3 up to 512 KB, else one run; peak memory as there).
Times are CPU seconds, steadier than wall time on a shared machine. The ratio is the
time at the largest size over the time at the smallest, against the ratio of sizes:
about equal is linear, its square quadratic (regex backtracking, a scan over everything
for each item).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import unicodedata
from pathlib import Path

from benchmarks.speed import STAGES, measure_in_child, parse_size, runs_for, size_label


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _nested(size: int) -> str:
    half = _repeat("（", size // 2)
    return f"{half}一般公共服务支出100万元{'）' * len(half)}"


#: name → (what it is, text of about ``size`` bytes)
CASES = {
    "digits": ("one line of digits", lambda size: _repeat("1", size)),
    "qizhong": ("one line of 其中 repeated", lambda size: _repeat("其中", size)),
    "brackets": ("（ nested half the line deep", _nested),
    "short-lines": ("short lines 收入增加1.5万元", lambda size: _repeat("收入增加1.5万元\n", size)),
    "numbers": ("1,920.38 separated by spaces", lambda size: _repeat("1,920.38 ", size)),
    "numbers-cn": ("1,920.38万元， repeated", lambda size: _repeat("1,920.38万元，", size)),
    "paragraph": ("one paragraph: share, change", lambda size: _repeat("本年收入100.00万元，支出增加5.00万元，占收入的5.00%。", size)),
    "shares": ("one paragraph of named shares", lambda size: _repeat("办公费1.00万元，占公用经费的10.00%；", size)),
    "dots": ("one line of dots (contents)", lambda size: _repeat(".", size)),
    "label": ("为 repeated, then a figure", lambda size: _repeat("为", size) + "甲1.00万元"),
    "perf-cells": ("绩效自评表 title, line of digits", lambda size: "项目支出绩效自评表\n" + _repeat("1", size)),
}


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100K,1M", help="sizes, comma-separated, smallest first (default 100K,1M)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed per document (default 120)")
    parser.add_argument("--only", help="comma-separated case names (default: all)")
    args = parser.parse_args(argv)
    sizes = sorted(parse_size(s) for s in args.sizes.split(",") if s.strip())
    if not sizes:
        parser.error("no sizes")
    names = args.only.split(",") if args.only else list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; known: {', '.join(CASES)}")

    columns = " ".join(f"{size_label(s) + ' cpu s':>10}" for s in sizes)
    print(f"{'case':<12} {'what':<34} {columns} {'ratio':>6} {'of':>5} {'peak MB':>8}  slowest stage")
    with tempfile.TemporaryDirectory() as workdir:
        for name in names:
            what, make = CASES[name]
            times, last = [], {}
            for size in sizes:
                path = Path(workdir) / f"{name}-{size_label(size)}.txt"
                path.write_text(f"说明\n{make(size)}\n", encoding="utf-8")
                last = measure_in_child(path, runs_for(size, 3), args.timeout)
                times.append(last["stages"]["cpu"] if "stages" in last else None)
                if "stages" not in last:
                    break
            cells = " ".join(f"{t:>10.3f}" if t is not None else f"{'—':>10}" for t in times + [None] * (len(sizes) - len(times)))
            if "stages" in last:
                stage = max(STAGES, key=lambda s: last["stages"].get(s, 0.0))
                ratio = times[-1] / times[0] if times[0] > 0 else float("inf")
                print(f"{name:<12} {_pad(what, 34)} {cells} {ratio:>6.1f} {sizes[-1] / sizes[0]:>5.0f} {last['peak_mb']:>8.1f}  {stage}")
            else:
                print(f"{name:<12} {_pad(what, 34)} {cells} {'':>6} {'':>5} {'':>8}  {last['error']}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
