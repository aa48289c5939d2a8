"""A folder of a thousand: ``auditor check DIR --jobs N`` over 1,000 documents (issue 24, item 4).

    python -m benchmarks.batch                       # 1,000 documents, --jobs 1 and 2, twice each
    python -m benchmarks.batch --documents 300 --jobs 2 --repeat 1 --ctrl-c 20

The folder is built once in a temporary directory: the corpus texts (tests/fixtures/corpus,
tests/fixtures/putuo, tests/fixtures/checklist) and PDFs (tests/fixtures/pdf) copied, and
disclosures drawn by tests/generated/disclosure.py (each from a seed of its own), in the
proportions of ``MIX``. Each run is ``python -m auditor check DIR --jobs N --format json -o
OUT`` in a fresh process; the machine is shared, so the load average is printed before and
after every run, and each setting runs ``--repeat`` times, the settings taking turns (best and
median are shown).

For each run:

* **documents/s** from the wall time (start-up included), and the CPU time of the whole
  tree (user + system, of the command and its workers): on a busy machine wall time says
  more about the neighbours than about us, while N free cores would do N × documents ÷ CPU s;
* **peak of the tree**: the largest sum of resident memory (VmRSS) of the command and every
  process under it, sampled every 50 ms from /proc; the same sum in proportional set size
  (PSS: a page shared by processes, as a forked PDF reader shares its worker's, counted once
  in all, so this is the memory the run really takes); and the largest single process (the
  parent's own peak is what the report costs: it is written as it goes);
* **the bound** the run must stay under: N × one document's peak + the parent's constant,
  where one document's peak is the largest maximum RSS of auditing any one document of the
  folder alone (``auditor check FILE`` in a fresh process, each distinct document once), and
  the constant is the parent's peak in the run (imports and the report's bookkeeping);
* **progress**: with ``--pty`` the run's stderr is a pseudo-terminal, and the last count the
  progress bar drew is shown (it must be N/N).

**Two cores, no pool** (``--side-by-side``): the folder cut in N parts, each audited by an
independent ``--jobs 1`` command, all N at once. What that does per second is what the machine
gives N processes with nothing shared between them; set beside ``--jobs N`` it separates
what the pool costs from what the machine does not give (two busy cores of a virtual machine
each run slower than one busy core alone).

``--ctrl-c K`` then interrupts K runs of ``--jobs 2`` at random moments (seeded) and reports
the exit statuses and how long each took to exit after the Ctrl-C (the acceptance: 130 within
2 s), and how many files the partial report held.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
#: Of every 20 documents: 8 copies of corpus texts, 3 of corpus PDFs, 9 generated disclosures.
MIX = {"text": 8, "pdf": 3, "generated": 9}


def build_folder(folder: Path, count: int) -> dict[str, int]:
    """``count`` documents in ``folder``; returns how many of each kind."""
    texts = sorted({p.name: p for d in ("corpus", "putuo", "checklist") for p in (FIXTURES / d).glob("*.txt")}.values())
    pdfs = sorted((FIXTURES / "pdf").glob("*.pdf"))
    sys.path.insert(0, str(ROOT))
    from tests.generated.disclosure import disclosure

    kinds = [kind for kind, n in MIX.items() for _ in range(n)]
    made = {kind: 0 for kind in MIX}
    for i in range(count):
        kind = kinds[i % len(kinds)]
        n = made[kind]
        if kind == "text":
            source = texts[n % len(texts)]
            shutil.copy(source, folder / f"{i:04d}-{source.name}")
        elif kind == "pdf":
            source = pdfs[n % len(pdfs)]
            shutil.copy(source, folder / f"{i:04d}-{source.name}")
        else:
            (folder / f"{i:04d}-generated-{n}.txt").write_text(disclosure(random.Random(n)).text, encoding="utf-8")
        made[kind] += 1
    return made


# --- memory of a process tree -------------------------------------------------------------------


def _proc_kb(pid: int, file: str, field: str) -> int:
    """One ``field: N kB`` line of ``/proc/PID/file``; 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kb(pid: int) -> int:
    return _proc_kb(pid, "status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    """Proportional set size: resident pages, each shared page divided among the processes sharing it."""
    return _proc_kb(pid, "smaps_rollup", "Pss:")


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except OSError:
            pass
    return found


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and everything under it until it ends."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_tree = self.peak_tree_pss = self.peak_parent = self.peak_single = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree = _tree(self.pid)
            sizes = [(_rss_kb(p), p) for p in tree]
            self.peak_tree = max(self.peak_tree, sum(s for s, _ in sizes))
            self.peak_tree_pss = max(self.peak_tree_pss, sum(_pss_kb(p) for p in tree))
            self.peak_single = max([self.peak_single, *(s for s, _ in sizes)])
            self.peak_parent = max(self.peak_parent, next((s for s, p in sizes if p == self.pid), 0))
            time.sleep(self.interval)


def run(folder: Path, jobs: int, out: Path, on_pty: bool = False) -> dict:
    """One ``auditor check`` of the folder: wall time, exit status, memory, and (``on_pty``) the last progress drawn."""
    command = [sys.executable, "-m", "auditor", "check", str(folder), "--jobs", str(jobs), "--format", "json", "-o", str(out)]
    load = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    controller = terminal = None
    if on_pty:
        controller, terminal = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=terminal if on_pty else subprocess.PIPE, env=ENV)
    memory = TreeMemory(proc.pid)
    memory.start()
    drawn = b""
    if on_pty:
        os.close(terminal)
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
        os.close(controller)
    proc.wait()
    wall = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    memory.done.set()
    memory.join()
    counts = re.findall(rb"(\d+)/(\d+) ", drawn)
    return {
        "jobs": jobs, "wall": wall, "cpu": cpu, "status": proc.returncode, "load_before": load, "load_after": os.getloadavg()[0],
        "tree_mb": memory.peak_tree / 1024, "tree_pss_mb": memory.peak_tree_pss / 1024,
        "parent_mb": memory.peak_parent / 1024, "single_mb": memory.peak_single / 1024,
        "progress": "/".join(c.decode() for c in counts[-1]) if counts else "",
    }


def side_by_side(folder: Path, parts: int, workdir: Path) -> dict:
    """The folder cut in ``parts`` (every parts-th file), each part audited by its own ``--jobs 1`` command, all at once."""
    commands = []
    files = sorted(folder.iterdir())
    for part in range(parts):
        share = workdir / f"part-{part}"
        shutil.rmtree(share, ignore_errors=True)
        share.mkdir()
        for path in files[part::parts]:
            (share / path.name).symlink_to(path.resolve())
        commands.append([sys.executable, "-m", "auditor", "check", str(share), "--jobs", "1", "--format", "json",
                         "-o", str(workdir / f"part-{part}.json")])
    load = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV) for c in commands]
    statuses = [p.wait() for p in procs]
    wall = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {"parts": parts, "wall": wall, "cpu": cpu, "statuses": statuses, "load_before": load, "load_after": os.getloadavg()[0]}


def one_document_peak(folder: Path) -> tuple[float, str]:
    """The largest maximum RSS (MB) of auditing one document of the folder alone, and which document."""
    distinct: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        key = re.sub(r"^\d{4}-", "", path.name)
        key = "generated" if key.startswith("generated-") else key
        distinct.setdefault(key, path)
    peaks = []
    for path in distinct.values():
        done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "auditor", "check", str(path), "--format", "json"],
                              capture_output=True, env=ENV, text=True)
        peaks.append((int(done.stderr.strip().splitlines()[-1]) / 1024, path.name))
    return max(peaks)


def _default_sigint() -> None:
    """In the child: Ctrl-C as a terminal's foreground job has it, even when this benchmark runs in the
    background of a script, whose jobs inherit SIGINT ignored (and a program leaves an ignored SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ctrl_c_trials(folder: Path, trials: int, seed: int = 1) -> list[dict]:
    """Interrupt ``trials`` runs of --jobs 2 at random moments; exit status, seconds to exit, files reported."""
    rng = random.Random(seed)
    results = []
    for _ in range(trials):
        moment = rng.uniform(0.0, 3.0)
        proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(folder), "--jobs", "2"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=ENV, start_new_session=True, preexec_fn=_default_sigint)
        time.sleep(moment)
        os.killpg(proc.pid, signal.SIGINT)
        sent = time.perf_counter()
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        found = re.search(r"完成了 (\d+) 个", out.decode())
        results.append({"moment": moment, "status": proc.returncode, "exit_s": time.perf_counter() - sent,
                        "reported": int(found[1]) if found else 0})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--pty", action="store_true", help="stderr on a pseudo-terminal, to read the progress bar")
    parser.add_argument("--ctrl-c", type=int, default=0, metavar="K", help="then interrupt K runs at random moments")
    parser.add_argument("--side-by-side", action="store_true",
                        help="also run the folder cut in N parts by N independent --jobs 1 commands at once (N: the largest --jobs)")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the folder here instead of a temporary one")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="auditor-batch-bench-"))
    folder = args.keep or workdir / "folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if len(list(folder.iterdir())) != args.documents:
            shutil.rmtree(folder)
            folder.mkdir(parents=True)
            made = build_folder(folder, args.documents)
        else:
            made = "reused"
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        print(f"folder: {args.documents} documents, {size:.1f} MB ({made}); {os.cpu_count()} cores")
        peak, which = one_document_peak(folder)
        print(f"one document's peak (largest max RSS auditing one alone): {peak:.0f} MB ({which})\n")
        rows = []
        print("| jobs | run | wall s | docs/s | CPU s (tree) | exit | tree peak MB (RSS) | tree peak MB (PSS) | parent peak MB "
              "| largest process MB | N × doc + parent MB | progress | load before→after |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        widest = max(int(j) for j in args.jobs.split(","))
        side: list[dict] = []
        for attempt in range(args.repeat):  # the settings take turns, so that a change in the machine's load falls on each alike
            for jobs in [int(j) for j in args.jobs.split(",")]:
                result = run(folder, jobs, workdir / "out.json", args.pty)
                bound = jobs * peak + result["parent_mb"]
                rows.append(result)
                print(f"| {jobs} | {attempt + 1} | {result['wall']:.1f} | {args.documents / result['wall']:.2f} | {result['cpu']:.0f} | "
                      f"{result['status']} | "
                      f"{result['tree_mb']:.0f} | {result['tree_pss_mb']:.0f} | {result['parent_mb']:.0f} | "
                      f"{result['single_mb']:.0f} | {bound:.0f} | "
                      f"{result['progress']} | {result['load_before']:.2f}→{result['load_after']:.2f} |", flush=True)
            if args.side_by_side and widest > 1:
                result = side_by_side(folder, widest, workdir)
                side.append(result)
                print(f"| {widest} × --jobs 1, side by side | {attempt + 1} | {result['wall']:.1f} | "
                      f"{args.documents / result['wall']:.2f} | {result['cpu']:.0f} | {','.join(map(str, result['statuses']))} | "
                      f"| | | | | | {result['load_before']:.2f}→{result['load_after']:.2f} |", flush=True)
        if rows:
            report = json.loads((workdir / "out.json").read_text(encoding="utf-8"))
            print(f"\nlast report: {len(report['files'])} files, {len(report['findings'])} findings")
        by_jobs: dict[int, list[float]] = {}
        for row in rows:
            by_jobs.setdefault(row["jobs"], []).append(args.documents / row["wall"])
        for jobs, rates in sorted(by_jobs.items()):
            cpu = statistics.median(row["cpu"] for row in rows if row["jobs"] == jobs)
            print(f"--jobs {jobs}: best {max(rates):.2f} docs/s, median {statistics.median(rates):.2f}; "
                  f"CPU {cpu / args.documents * 1000:.0f} ms a document (median), so {jobs} free cores would do "
                  f"{jobs * args.documents / cpu:.2f} docs/s")
        if 1 in by_jobs and len(by_jobs) > 1:
            for jobs, rates in sorted(by_jobs.items()):
                if jobs > 1:
                    print(f"ratio --jobs {jobs} / --jobs 1: best {max(rates) / max(by_jobs[1]):.2f}, "
                          f"median {statistics.median(rates) / statistics.median(by_jobs[1]):.2f}")
        if side and 1 in by_jobs:
            rates = [args.documents / r["wall"] for r in side]
            cpu = statistics.median(r["cpu"] for r in side)
            print(f"{widest} independent --jobs 1 commands side by side: best {max(rates):.2f} docs/s "
                  f"(ratio to --jobs 1: {max(rates) / max(by_jobs[1]):.2f}); CPU {cpu / args.documents * 1000:.0f} ms a document (median)")
            if widest in by_jobs:
                print(f"--jobs {widest} / side by side: best {max(by_jobs[widest]) / max(rates):.2f} (1.00: the pool costs nothing)")
        if args.ctrl_c:
            trials = ctrl_c_trials(folder, args.ctrl_c)
            statuses: dict[int, int] = {}
            for t in trials:
                statuses[t["status"]] = statuses.get(t["status"], 0) + 1
            exits = sorted(t["exit_s"] for t in trials)
            print(f"\nCtrl-C at random moments (0–3 s), {len(trials)} runs of --jobs 2: exit statuses {statuses}; "
                  f"seconds from Ctrl-C to exit: median {statistics.median(exits):.2f}, max {exits[-1]:.2f}; "
                  f"files in the partial reports: {min(t['reported'] for t in trials)}–{max(t['reported'] for t in trials)}; "
                  f"load {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
