"""How fast is an audit, and how does its cost grow with size? Time, peak memory and stages per document.

    python -m benchmarks.speed [CORPUS_DIR] [--runs N] [--sizes 10K,100K,1M,10M] [--quick] [--pdfs DIR]
    python -m benchmarks.speed --profile 1M [--top 30]       (from the repository root)

Documents: every corpus file, the published PDFs in ``--pdfs`` (default tests/fixtures/pdf: two
disclosures of 30 and 24 pages and the 23-page template; read with the ``pdf`` extra, each
followed by a line with its pages, reading time per page and whole-audit time), and documents generated to each size in ``--sizes``
(default 10 KB, 100 KB, 1 MB, 10 MB; ``--quick`` leaves out sizes above 1 MB). A generated
document is independent disclosures from ``tests/generated/disclosure.py`` (each drawn with
its own seeded ``random.Random``) laid end to end, or, while that generator cannot be
imported, the corpus files laid end to end; the output says which. Either way it is cut
at a line end to the target size.

Each document is audited in a fresh interpreter, as ``auditor check FILE --format json``
does it: read the file, extract (prose layout, claims, standard tables, 绩效自评表), link, run
the rules, write the JSON (streamed finding by finding, as the command line writes it, into a
sink that forgets it). Before timing, the child audits a small text once (``WARM_UP``: prose and a
small 绩效自评表), so building the patterns, loading the vocabulary and importing the modules a
performance table needs are not counted. Wall time is the best of N runs
(fewer for big documents); CPU time and the stage columns are that run's (on a busy
machine CPU time is the steadier figure); KB/s and µs/KB come from the wall time.

Peak memory is Linux's ``VmHWM`` (the process's peak resident set), reset through
``/proc/self/clear_refs`` after the imports and the warm-up, minus the resident set at that
moment, during the first run: what one audit adds to an interpreter that has already
imported the auditor. Where that cannot be reset it falls back to ``ru_maxrss``, which
includes the interpreter.

The floor, measured side by side in the same child: the best of 20 runs (or more, as many as the audit) of
reading the file (bytes decoded as UTF-8) and running one simple regex over it for the money
figures (``FLOOR_PATTERN``: digits, an optional decimal part, 万元/亿元/元). ``× floor`` is the
audit's best wall time divided by it: what the audit costs beyond touching every character
once. A text file only; a PDF has no such floor (its reading is parsing).

``--compare DIR`` (repeatable) measures each document with another checkout too (its own
``benchmarks.speed --child``, its folder on PYTHONPATH), right before this one, so that the
"before" and "after" rows of a change are taken under the same load.

``--profile SIZE|FILE`` runs cProfile over one audit (after a warm-up) and prints the
functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import itertools
import json
import os
import pstats
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import auditor
from auditor import extract as extract_module
from auditor.api import _settings, load
from auditor.document.parts import disclosure_starts
from auditor.extract.claims import ClaimCollector
from auditor.link import link
from auditor.report.report import FileResult, Report
from auditor.report.writers import writer_for
from auditor.rules import all_rules, run_rules

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests" / "fixtures" / "corpus"
DEFAULT_PDFS = ROOT / "tests" / "fixtures" / "pdf"
DEFAULT_SIZES = "10K,100K,1M,10M"
QUICK_LIMIT = 1 << 20
STAGES = ("read", "layout", "claims", "tables", "perf", "checklist", "link", "rules", "json")
_UNITS = {"K": 1 << 10, "M": 1 << 20}
FLOOR_PATTERN = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元)")
FLOOR_RUNS = 20
#: The warm-up audit: prose and a small 绩效自评表, so that the patterns, the vocabulary, the rule files and the
#: modules imported with a document's first performance table are loaded before anything is measured.
WARM_UP = ("本年支出合计 774.37 万元，比上年增加 113.25 万元，增长 17.1%。\n"
           "2023年度项目支出绩效自评表\n项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
           "产出指标\t数量指标\t培训人数\t≥20人\t25人\t10\t10\n")


# -- documents of a given size ------------------------------------------------------------


def generated_text(size: int, corpus: Path, seed: int = 0) -> tuple[str, str]:
    """(text of about ``size`` bytes in UTF-8, what it was made of).

    The one place that decides what a generated document is: independent generated
    disclosures when ``tests.generated.disclosure`` can be imported, else the corpus.
    """
    try:
        from tests.generated.disclosure import disclosure
    except ImportError:
        pieces = itertools.cycle([path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))])
        source = f"corpus files of {corpus.name} laid end to end"
    else:
        pieces = (disclosure(random.Random(seed + i)).text for i in itertools.count())
        source = f"tests.generated.disclosure, seeds {seed}…"
    parts, total = [], 0
    for piece in pieces:
        parts.append(piece.rstrip("\n") + "\n\n")
        total += len(parts[-1].encode("utf-8"))
        if total >= size:
            break
    return _cut(("".join(parts)).encode("utf-8"), size).decode("utf-8"), source


def _cut(data: bytes, size: int) -> bytes:
    """The longest prefix of whole lines within ``size`` bytes (or the first line, if longer)."""
    if len(data) <= size:
        return data
    end = data.rfind(b"\n", 0, size)
    return data[: end + 1] if end > 0 else data[: data.find(b"\n") + 1 or len(data)]


def parse_size(text: str) -> int:
    """``10K`` → 10240, ``1M`` → 1048576, ``512`` → 512 (bytes)."""
    text = text.strip().upper().removesuffix("B")
    factor = _UNITS.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in _UNITS else text
    try:
        value = float(number) * factor
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (say 10K, 1M, 1.5M …)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"size must be positive: {text!r}")
    return int(value)


def size_label(size: int) -> str:
    for suffix, factor in (("M", _UNITS["M"]), ("K", _UNITS["K"])):
        if size >= factor and size % factor == 0:
            return f"{size // factor}{suffix}"
    return str(size)


# -- one document, measured in a child process ----------------------------------------------


class _StageClock:
    """Times the parts of ``auditor.extract.extract`` by wrapping the functions it calls.

    The child process exists only to measure, so wrapping the module's names there is
    harmless, and it keeps the timed path the same code ``auditor.check`` runs.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.memory: dict[str, list[int]] = {}  # stage → [peak above the audit's start, held above it at the stage's end] (bytes)
        self.memory_start = 0
        for name, stage in (("blocks", "layout"), ("read_tables", "tables"), ("read_statements", "perf"), ("read_perf_tables", "perf"),
                            ("read_checklist", "checklist")):
            setattr(extract_module, name, self._wrap(getattr(extract_module, name), stage))
        ClaimCollector.read_block = self._wrap(ClaimCollector.read_block, "claims")

    def start_memory(self) -> None:
        """With tracemalloc on: what the audit holds is counted from here."""
        self.memory.clear()
        if tracemalloc.is_tracing():
            self.memory_start = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()

    def stage_memory(self, stage: str) -> None:
        """With tracemalloc on: the peak since the last mark and what is held now, charged to ``stage``."""
        if not tracemalloc.is_tracing():
            return
        current, peak = tracemalloc.get_traced_memory()
        entry = self.memory.setdefault(stage, [0, 0])
        entry[0], entry[1] = max(entry[0], peak - self.memory_start), current - self.memory_start
        tracemalloc.reset_peak()

    def _wrap(self, function, stage: str):
        def timed(*args, **kwargs):
            self.stage_memory("claims")  # what ran before this stage inside extract is the claims' (tokens, claims)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start
                self.stage_memory(stage)

        return timed


class _Discard(io.TextIOBase):
    """Where the JSON goes: written and forgotten, as a file would take it."""

    def write(self, text: str) -> int:
        return len(text)


def audit_once(path: Path, clock: _StageClock) -> tuple[dict[str, float], int]:
    """The stages of ``auditor check PATH --format json`` (as ``auditor.check`` runs them), timed; and the findings."""
    clock.seconds.clear()
    clock.start_memory()
    cpu_start, start = time.process_time(), time.perf_counter()
    document = load(path)
    read_done = time.perf_counter()
    clock.stage_memory("read")
    starts = disclosure_starts(document)  # a file of several disclosures is audited one at a time, as check() does
    parts_done = time.perf_counter()
    findings: list = []
    link_seconds = rules_seconds = 0.0
    for first, end in zip((0, *starts), (*starts, len(document.lines)), strict=True):
        part = document.part(first, end) if starts else document
        facts = extract_module.extract(part)
        clock.stage_memory("claims")
        link_start = time.perf_counter()
        facts = link(facts)
        link_done = time.perf_counter()
        clock.stage_memory("link")
        findings += run_rules(facts, _settings(None, document))
        rules_done = time.perf_counter()
        clock.stage_memory("rules")
        link_seconds += link_done - link_start
        rules_seconds += rules_done - link_done
        del facts, part
    extract_done = time.perf_counter()
    report = Report(findings=findings, files=[FileResult(document.path, document.encoding, text=document.text)])
    writer = writer_for("json", _Discard(), all_rules())  # streamed finding by finding, as the command line writes it
    writer.add(report)
    writer.finish()
    end = time.perf_counter()
    clock.stage_memory("json")
    stages = dict(clock.seconds)
    wrapped = sum(stages.get(s, 0.0) for s in ("layout", "tables", "perf", "checklist"))
    stages["read"] = read_done - start
    stages["layout"] = stages.get("layout", 0.0) + parts_done - read_done  # and finding where each disclosure begins
    stages["link"] = link_seconds
    stages["rules"] = rules_seconds
    stages["claims"] = extract_done - parts_done - link_seconds - rules_seconds - wrapped
    stages["json"] = end - extract_done
    stages["total"] = end - start
    stages["cpu"] = time.process_time() - cpu_start
    stages["pages"] = max((place.page for place in document.places.values()), default=0)  # a PDF's pages, 0 for others
    return stages, len(report.findings)


def floor_seconds(path: Path, runs: int) -> float | None:
    """Best of ``runs`` of reading ``path`` as UTF-8 and finding its money figures with one regex; None if not UTF-8 text."""
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return None
        FLOOR_PATTERN.findall(text)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset Linux's VmHWM to the current resident set; False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return _status_kb("VmHWM") is not None


def measure(path: Path, runs: int, stage_memory: bool = False) -> dict:
    """Best-of-``runs`` stages, findings and peak memory (MB) of auditing ``path``; run in a fresh process.

    The peak is the first run's: later runs reuse memory the first left to the allocator,
    and a leftover of the first would inflate theirs. With ``stage_memory``, one more audit
    under tracemalloc (untimed: tracing slows it several times) says where the memory goes:
    per stage, the peak of Python allocations above the audit's start and what is still held
    at the stage's end.
    """
    clock = _StageClock()
    auditor.check(WARM_UP)
    gc.collect()
    method = "VmHWM" if _reset_peak() else "ru_maxrss"
    baseline = _status_kb("VmRSS") if method == "VmHWM" else 0
    best, findings, peak_kb = None, 0, 0
    for run in range(runs):
        stages, findings = audit_once(path, clock)
        if run == 0:
            peak_kb = _status_kb("VmHWM") - baseline if method == "VmHWM" else _maxrss_kb()
        if best is None or stages["total"] < best["total"]:
            best = stages
        gc.collect()
    floor = floor_seconds(path, max(runs, FLOOR_RUNS)) if path.suffix.lower() == ".txt" else None
    by_stage = None
    if stage_memory:
        gc.collect()
        tracemalloc.start()
        audit_once(path, clock)
        tracemalloc.stop()
        by_stage = {stage: [b / 2**20 for b in values] for stage, values in clock.memory.items()}
    return {"stages": best, "findings": findings, "peak_mb": peak_kb / 1024, "memory": method, "floor": floor, "by_stage": by_stage}


def _maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)


def measure_in_child(path: Path, runs: int, timeout: float | None = None, stage_memory: bool = False, tree: Path = ROOT) -> dict:
    """``measure`` in a fresh interpreter, so each document's peak memory is its own; ``{"error": …}`` if it fails or times out.

    ``tree``: the checkout whose auditor (and whose ``benchmarks.speed --child``) measures it.
    """
    command = [sys.executable, "-m", "benchmarks.speed", "--child", str(path), "--runs", str(runs)]
    try:
        done = subprocess.run(
            command + (["--stage-memory", "0"] if stage_memory else []),
            cwd=tree, capture_output=True, text=True, check=False, timeout=timeout, env={**os.environ, "PYTHONPATH": str(tree)},
        )
    except subprocess.TimeoutExpired:
        return {"error": f"not done after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]}
    return json.loads(done.stdout.splitlines()[-1])


def runs_for(size: int, runs: int) -> int:
    """Fewer runs for big documents: ``runs`` up to 512 KB, 3 up to 2 MB, then 1."""
    if size <= 512 * 1024:
        return runs
    return min(runs, 3) if size <= 2 * _UNITS["M"] else 1


# -- the table ------------------------------------------------------------------------------

_HEADER = f"{'document':<40} {'KB':>8} {'runs':>4} {'best s':>8} {'cpu s':>8} {'floor s':>8} {'× floor':>7} {'KB/s':>6} {'µs/KB':>6}" + (
    f" {'floor µs/KB':>11} {'peak MB':>8} {'findings':>8}  "
) + " ".join(
    f"{s:>7}" for s in STAGES
)


def _row(name: str, size: int, runs: int, result: dict) -> str:
    kb = size / 1024
    if "error" in result:
        return f"{name:<40} {kb:>8.1f}  {result['error']}"
    stages = result["stages"]
    total = stages["total"]
    cells = " ".join(f"{stages.get(s, 0.0):>7.3f}" for s in STAGES)
    floor = result.get("floor")
    floor_cells = f"{floor:>8.4f} {total / floor:>7.1f}" if floor else f"{'-':>8} {'-':>7}"
    floor_per_kb = f"{floor / kb * 1e6:.1f}" if floor else "-"
    return (
        f"{name:<40} {kb:>8.1f} {runs:>4} {total:>8.3f} {stages['cpu']:>8.3f} {floor_cells} {kb / total:>6.0f} {total / kb * 1e6:>6.0f}"
        f" {floor_per_kb:>11} {result['peak_mb']:>8.1f}"
        f" {result['findings']:>8}  {cells}"
    )


def _documents(corpus: Path, sizes: list[int], workdir: Path, pdfs: Path | None) -> tuple[list[tuple[str, Path]], str | None]:
    documents = [(path.name, path) for path in sorted(corpus.glob("*.txt"))]
    if pdfs is not None:
        documents += [(path.name, path) for path in sorted(pdfs.glob("*.pdf"))]
    source = None
    for size in sizes:
        text, source = generated_text(size, corpus)
        path = workdir / f"generated-{size_label(size)}.txt"
        path.write_text(text, encoding="utf-8")
        documents.append((f"generated {size_label(size)}", path))
    return documents, source


def profile(target: str, corpus: Path, top: int) -> None:
    """cProfile one audit of a corpus file or of a generated document of the size ``target`` names."""
    with tempfile.TemporaryDirectory() as workdir:
        path = Path(target)
        if not path.is_file():
            text, source = generated_text(parse_size(target), corpus)
            path = Path(workdir) / "generated.txt"
            path.write_text(text, encoding="utf-8")
            print(f"generated {len(text.encode('utf-8')) / 1024:.0f} KB from {source}")
        clock = _StageClock()
        auditor.check(WARM_UP)
        profiler = cProfile.Profile()
        profiler.enable()
        stages, findings = audit_once(path, clock)
        profiler.disable()
    print(f"{findings} findings; stages (s, under the profiler): " + ", ".join(f"{s} {stages.get(s, 0.0):.3f}" for s in STAGES))
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"default: {DEFAULT_CORPUS}")
    parser.add_argument("--runs", type=int, default=5, help="runs per document up to 512 KB, the best reported (default 5); fewer above")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"generated document sizes, comma-separated (default {DEFAULT_SIZES}; '' for none)")
    parser.add_argument("--quick", action="store_true", help="leave out generated sizes above 1 MB")
    parser.add_argument("--profile", metavar="SIZE|FILE", help="profile one audit instead of timing")
    parser.add_argument("--top", type=int, default=30, help="functions shown by --profile (default 30)")
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS, help=f"a folder of PDFs to audit too (default: {DEFAULT_PDFS})")
    parser.add_argument("--stage-memory", default="512K", metavar="SIZE",
                        help="for text documents of at least SIZE, one more (untimed) audit under tracemalloc gives memory per stage (default 512K)")
    parser.add_argument("--compare", type=Path, action="append", default=[], metavar="DIR",
                        help="another checkout (say a clean one of the base) measured on each document right before this one")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.child:
        print(json.dumps(measure(args.child, args.runs, stage_memory=args.stage_memory == "0")))
        return 0
    if args.profile:
        profile(args.profile, args.corpus, args.top)
        return 0
    try:
        sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    if args.quick:
        sizes = [s for s in sizes if s <= QUICK_LIMIT]
    stage_memory_from = parse_size(args.stage_memory)
    if not any(args.corpus.glob("*.txt")):
        parser.error(f"no .txt files in {args.corpus}")

    with tempfile.TemporaryDirectory() as workdir:
        documents, source = _documents(args.corpus, sizes, Path(workdir), args.pdfs if args.pdfs.is_dir() else None)
        if source:
            print(f"generated documents: {source}")
        print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for k, other in enumerate(args.compare, start=1):
            print(f"[cmp{k}] = {other.resolve()}; [this] = {ROOT}")
        print(_HEADER)
        memory = set()
        for name, path in documents:
            size = path.stat().st_size
            runs = runs_for(size, args.runs)
            for other in args.compare:  # the other checkout first, this one right after it: the same load on both
                before = measure_in_child(path, runs, tree=other.resolve())
                print(_row(f"{name[:30]} [cmp{args.compare.index(other) + 1}]", size, runs, before), flush=True)
            # a text only: a PDF is read in a child process of its own, where tracemalloc does not look
            result = measure_in_child(path, runs, stage_memory=size >= stage_memory_from and path.suffix.lower() == ".txt")
            memory.add(result.get("memory"))
            print(_row(name if not args.compare else f"{name[:30]} [this]", size, runs, result), flush=True)
            if result.get("by_stage"):
                by_stage = result["by_stage"]
                print(f"{'':<4}memory by stage (tracemalloc MB, peak in the stage / held at its end): "
                      + ", ".join(f"{s} {by_stage[s][0]:.0f}/{by_stage[s][1]:.0f}" for s in STAGES if s in by_stage), flush=True)
            pages = result.get("stages", {}).get("pages", 0)
            if pages:
                stages = result["stages"]
                read_ms = stages["read"] / pages * 1000
                print(f"{'':<4}PDF: {pages:.0f} pages, read {read_ms:.1f} ms/page, whole audit {stages['total']:.3f} s", flush=True)
    methods = {"VmHWM": "VmHWM (reset after imports and warm-up) minus the resident set then", "ru_maxrss": "ru_maxrss (whole process)"}
    print("peak MB: " + "; ".join(methods[m] for m in sorted(memory - {None})))
    print("stages in seconds: read = file → Document; layout = prose blocks; claims = tokens and claims; tables = 公开01–09表;")
    print("perf = 绩效自评表 and the prose that restates it; checklist = the disclosure's checklist; link = binding;")
    print("rules; json = Report and its JSON, streamed")
    print("memory by stage: Python's allocations (tracemalloc) above the audit's start; read's peak counts the buffer of the")
    print("size bound (64 MB asked of the allocator for read(limit + 1), never touched, so no resident memory)")
    print("floor s = best time to read the file as UTF-8 and run one money regex over it (floor µs/KB the same per KB); × floor = best s ÷ floor s")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
