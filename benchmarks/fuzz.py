"""Corrupted corpus documents through the API and the CLI: no exception, no exit status but 0, 1, 2 or 130.

    python -m benchmarks.fuzz                       # 1,000 mutants, all cores
    python -m benchmarks.fuzz --mutants 200 --seed 3

Each mutant is one corpus document (the text files and, with the ``pdf`` extra, the
published PDFs) changed in one of these ways (seeded, so a failure can be replayed with
its number): bytes flipped, inserted or deleted; characters replaced by digits, units,
punctuation, invisible characters or huge numbers; a truncation at any byte
(mid-character included); TAB-separated table cells deleted, duplicated, swapped,
emptied or replaced by odd figures. A PDF is mutated in its bytes, truncated (its
``%%EOF`` kept or not), or in its streams: a Flate stream is inflated, its content
changed (bytes, operators such as ``/Fm0 Do``, ``q``, huge numbers, a stroke repeated),
and deflated again, or wrapped in more Flate layers. Every mutant is written to a file
and audited by ``auditor.check(path)`` (an InputError is a clean refusal) and by the
command line (``auditor.cli.main``, in the same worker); a sample also by ``python -m
auditor`` in a process of its own. Prints the counts and every failure.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
PDFS = ROOT / "tests" / "fixtures" / "pdf"
try:
    import pypdfium2  # noqa: F401 - the PDFs are seeds only where they can be read
except ImportError:
    DOCUMENTS = sorted(CORPUS.glob("*.txt"))
else:
    DOCUMENTS = sorted(CORPUS.glob("*.txt")) + sorted(PDFS.glob("*.pdf"))
OPERATORS = [b"/Fm0 Do", b"q", b"Q", b"1 0 0 1 0 0 cm", b"0 0 m 9 9 l S", b"BT /F1 12 Tf (77.0) Tj ET", b"9" * 40, b"BI /W 9999 /H 9999 ID",
             b"(", b"<<", b"]", b"0 0 m 9 9 l S\n" * 5000]
PIECES = ["0", "9" * 30, "1." * 40, "万元", "元", "%", "％", "，", "。", "其中", "占", "增长", "减少", "\t", "\n", "\r",
          "\u200b", "\ufeff", "\u00ad", "公开05表", "合计", "第三部分", "-", "1,920.38", "0.0000000000000000000000000000001"]
ODD_CELLS = ["", "-", "0", "9" * 40, "1e5", "１２.３", "-0.00", "1,2,3", "合计", "\u200b1.00", "1." * 20, "NaN"]


def mutate_pdf(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """A PDF changed in its bytes, cut short, or changed inside a Flate stream (then deflated again, or under more layers)."""
    import re
    import zlib

    kind = rng.choice(["pdf-bytes", "pdf-truncate", "pdf-stream", "pdf-stream", "pdf-layers"])
    if kind == "pdf-bytes":
        return kind, mutate_bytes(data, rng)
    if kind == "pdf-truncate":
        cut = data[: rng.randrange(len(data) + 1)]
        return kind, cut + (b"\n%%EOF\n" if rng.random() < 0.7 else b"")
    streams = [m for m in re.finditer(rb"stream\r?\n", data) if not data[max(0, m.start() - 3):m.start()].endswith(b"end")]
    for _ in range(10):
        match = rng.choice(streams)
        inflater = zlib.decompressobj()
        try:
            content = inflater.decompress(data[match.end():match.end() + 4 * 2**20], 16 * 2**20)
        except zlib.error:
            continue
        end = data.find(b"endstream", match.end())
        if end < 0 or not content:
            continue
        if kind == "pdf-layers":
            packed = zlib.compress(content)
            for _ in range(rng.randint(1, 3)):
                packed = zlib.compress(packed)
            return kind, data[:match.end()] + packed + b"\n" + data[end:]
        changed = bytearray(content)
        for _ in range(rng.randint(1, 12)):
            at = rng.randrange(len(changed) + 1)
            how = rng.random()
            if how < 0.5:
                changed[at:at] = b" " + rng.choice(OPERATORS) + b" "
            elif how < 0.8 and changed:
                changed[at:at + rng.randint(1, 16)] = b""
            elif changed:
                changed[min(at, len(changed) - 1)] = rng.randrange(256)
        return kind, data[:match.end()] + zlib.compress(bytes(changed)) + b"\n" + data[end:]
    return "pdf-bytes", mutate_bytes(data, rng)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(out))
        how = rng.random()
        if how < 0.4:
            out[at] = rng.randrange(256)
        elif how < 0.7:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        else:
            del out[at : at + rng.randint(1, 8)]
    return bytes(out)


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    if data.startswith(b"%PDF-"):
        return mutate_pdf(data, rng)
    kind = rng.choice(["bytes", "chars", "truncate", "cells"])
    if kind == "bytes":
        return kind, mutate_bytes(data, rng)
    text = data.decode("utf-8")
    if kind == "truncate":
        cut = rng.randrange(len(data) + 1)
        return kind, data[:cut]
    if kind == "chars":
        chars = list(text)
        for _ in range(rng.randint(1, 30)):
            at = rng.randrange(len(chars))
            piece = rng.choice(PIECES) if rng.random() < 0.7 else chr(rng.randrange(0x20, 0x9FFF))
            if rng.random() < 0.5:
                chars[at] = piece
            else:
                chars.insert(at, piece)
        return kind, "".join(chars).encode("utf-8")
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if "\t" in line]
    for _ in range(rng.randint(1, 15)):
        if not rows:
            break
        i = rng.choice(rows)
        cells = lines[i].split("\t")
        at = rng.randrange(len(cells))
        how = rng.randrange(5)
        if how == 0 and len(cells) > 1:
            del cells[at]
        elif how == 1:
            cells.insert(at, cells[at])
        elif how == 2:
            j = rng.randrange(len(cells))
            cells[at], cells[j] = cells[j], cells[at]
        elif how == 3:
            cells[at] = ""
        else:
            cells[at] = rng.choice(ODD_CELLS)
        lines[i] = "\t".join(cells)
    return kind, "\n".join(lines).encode("utf-8")


def one(number: int, seed: int, folder: str) -> tuple[int, str, str, int, str | None]:
    """(number, kind, API outcome, CLI exit status, failure) for mutant ``number``."""
    import auditor
    from auditor.cli import main

    rng = random.Random(seed * 1_000_003 + number)
    source = DOCUMENTS[number % len(DOCUMENTS)]
    kind, data = mutate(source.read_bytes(), rng)
    path = Path(folder) / f"mutant-{number:05d}{source.suffix}"
    path.write_bytes(data)
    failure = None
    try:
        report = auditor.check(path)
        api = "ok" if report.ok else "errors"
    except auditor.InputError:
        api = "refused"
    except Exception:
        api = "EXCEPTION"
        failure = traceback.format_exc(limit=-4)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", str(path), "--format", rng.choice(["text", "json", "sarif", "html"])])
    except BaseException:
        status = -1
        failure = (failure or "") + traceback.format_exc(limit=-4)
    if status not in (0, 1, 2, 130) or "Traceback" in err.getvalue():
        failure = (failure or "") + f"exit {status}: {err.getvalue()[-500:]}"
    path.unlink()
    return number, kind, api, status, failure


def subprocess_sample(count: int, seed: int, folder: str) -> Counter:
    statuses: Counter = Counter()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    for number in range(count):
        rng = random.Random(seed * 7 + number)
        source = DOCUMENTS[number % len(DOCUMENTS)]
        kind, data = mutate(source.read_bytes(), rng)
        path = Path(folder) / f"sub-{number}{source.suffix}"
        path.write_bytes(data)
        done = subprocess.run([sys.executable, "-m", "auditor", "check", str(path)], capture_output=True, env=env)
        statuses[done.returncode if b"Traceback" not in done.stderr else "traceback"] += 1
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--subprocesses", type=int, default=30, help="mutants also run as `python -m auditor` (default 30)")
    args = parser.parse_args()
    kinds, apis, statuses, failures = Counter(), Counter(), Counter(), []
    with tempfile.TemporaryDirectory() as folder, ProcessPoolExecutor(args.jobs) as pool:
        results = pool.map(one, range(args.mutants), [args.seed] * args.mutants, [folder] * args.mutants, chunksize=4)
        for number, kind, api, status, failure in results:
            kinds[kind] += 1
            apis[api] += 1
            statuses[status] += 1
            if failure:
                failures.append((number, kind, failure))
        sub = subprocess_sample(args.subprocesses, args.seed, folder)
    print(f"mutants: {args.mutants} (seed {args.seed}) by kind: {dict(sorted(kinds.items()))}")
    print(f"API: {dict(sorted(apis.items()))}")
    print(f"CLI exit statuses: {dict(sorted(statuses.items(), key=str))}")
    print(f"python -m auditor on {args.subprocesses} of them: {dict(sorted(sub.items(), key=str))}")
    print(f"failures (exception, traceback or exit other than 0/1/2/130): {len(failures)}")
    for number, kind, failure in failures[:20]:
        print(f"--- mutant {number} ({kind})\n{failure}")
    raise SystemExit(1 if failures or any(k not in (0, 1, 2, 130) for k in sub) else 0)


if __name__ == "__main__":
    main()
