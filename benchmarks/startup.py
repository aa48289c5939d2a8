"""Start-up: how long a command takes before and around its first document (issue 24, item 1).

    python -m benchmarks.startup [--runs N] [--tree DIR ...]

Each command runs ``--runs`` times in a fresh interpreter (default 15), the best wall time
kept, the commands taking turns so that a change in the machine's load falls on each alike;
the load average is printed before and after. Each command is measured twice: with its
bytecode compiled once (into a temporary PYTHONPYCACHEPREFIX, as ``pip install .`` leaves an
installed copy) and with every module compiled from source on each run (PYTHONDONTWRITEBYTECODE,
as a checkout that cannot write ``__pycache__`` runs). The floor, measured in the same run, is
``python -c pass`` (the interpreter and its site packages); ``+ floor`` is what a command
costs beyond it.

Commands: ``import auditor``, ``auditor --version``, ``auditor --help``, ``auditor rules`` (the
rule list) and ``auditor check`` on the README's example (examples/emergency-center-2023-prose.txt, exit status 1). With
``--tree DIR`` (repeatable) the same commands run against each checkout named (its folder on
PYTHONPATH), side by side with this one: a clean checkout of the base gives the "before"
column in the same run. ``python -X importtime -c "import auditor"`` shows where an import's
time goes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/emergency-center-2023-prose.txt"
COMMANDS = {
    "python -c pass (floor)": ["-c", "pass"],
    "import auditor": ["-c", "import auditor"],
    "auditor --version": ["-m", "auditor", "--version"],
    "auditor --help": ["-m", "auditor", "--help"],
    "auditor rules": ["-m", "auditor", "rules"],
    "auditor check (README example)": ["-m", "auditor", "check", EXAMPLE],
}


def wall(tree: Path, arguments: list[str], cache: Path | None) -> float:
    """Seconds of one run of ``python ARGUMENTS`` in ``tree``, with ``tree`` first on PYTHONPATH.

    ``cache``: the bytecode is written to and read from this folder (PYTHONPYCACHEPREFIX), as
    an installed copy has it compiled (``pip install .`` compiles it); None: every module is
    compiled from source on each run (PYTHONDONTWRITEBYTECODE, as a read-only checkout runs).
    """
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    start = time.perf_counter()
    subprocess.run([sys.executable, *arguments], cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command, the best kept (default 15)")
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another checkout to measure side by side")
    args = parser.parse_args(argv)
    trees = [ROOT, *(t.resolve() for t in args.tree)]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores; best of {args.runs}")
    with tempfile.TemporaryDirectory() as workdir:
        for compiled in (True, False):
            caches = {tree: Path(workdir) / str(k) if compiled else None for k, tree in enumerate(trees)}
            for tree in trees:  # a first run of each writes the bytecode (or, uncompiled, warms the file cache)
                for arguments in COMMANDS.values():
                    wall(tree, arguments, caches[tree])
            best: dict[tuple[Path, str], float] = {}
            for _ in range(args.runs):
                for tree in trees:
                    for name, arguments in COMMANDS.items():
                        seconds = wall(tree, arguments, caches[tree])
                        best[tree, name] = min(best.get((tree, name), seconds), seconds)
            print("bytecode compiled once, as installed:" if compiled
                  else "\nevery module compiled from source on each run (PYTHONDONTWRITEBYTECODE=1):")
            print(f"{'command (best wall s)':<32}" + "".join(f" {str(t)[-24:]:>24} {'+ floor':>8}" for t in trees))
            for name in COMMANDS:
                cells = "".join(f" {best[t, name]:>24.3f} {best[t, name] - best[t, 'python -c pass (floor)']:>8.3f}" for t in trees)
                print(f"{name:<32}{cells}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
