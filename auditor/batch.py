"""Many files at once: folders walked for disclosures, files audited in parallel, one report per file.

Every file is audited on its own and in a worker of its own, so a file that cannot be
read, or even a crash in one file's audit, becomes that file's reason in the report
and never costs the user the findings of the others.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import attrs

from auditor.api import check
from auditor.config import Config, ConfigError
from auditor.errors import InternalError
from auditor.formula import FormulaError
from auditor.read import InputError
from auditor.read.dispatch import DOCUMENT_SUFFIXES, KNOWN_UNSUPPORTED
from auditor.report.baseline import BaselineError
from auditor.report.report import FileResult, Report


@attrs.frozen
class Job:
    """One file to audit and how: picklable, so that a worker process can take it."""

    path: str
    tables: str | None = None
    config: Config | None = None  # None: the settings file nearest to the document
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def expand(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """The files to audit: files as given, folders walked for every readable format in name order.

    A folder with nothing to audit is reported as such rather than passing in silence,
    and so is each file of a known document format that cannot be audited (``.doc``,
    ``.xls`` …): named as skipped, with the reason. Hidden files and Office lock files
    (``~$报告.docx``) are skipped without a word.
    """
    files: list[str] = []
    others: list[FileResult] = []
    for given in paths:
        if not os.path.isdir(given):
            files.append(given)
            continue
        root = Path(given)
        visible = sorted(p for p in root.rglob("*") if _visible(p, root) and p.is_file())
        found = [str(p) for p in visible if p.suffix.lower() in DOCUMENT_SUFFIXES]
        skipped = [p for p in visible if p.suffix.lower() in KNOWN_UNSUPPORTED]
        files.extend(found)
        others += [FileResult(str(p), "", notes=(f"已跳过：{KNOWN_UNSUPPORTED[p.suffix.lower()]}",), skipped=True) for p in skipped]
        if not found:
            others.append(FileResult(given, "", f"目录中没有可检查的文件（{'/'.join(DOCUMENT_SUFFIXES)}）"))
    return files, others


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)


def audit(job: Job) -> Report:
    """One file's report; a file that cannot be audited becomes a FileResult with the reason."""
    try:
        # A Path, never the str: check() would audit a mistyped name as a line of text.
        return check(
            Path(job.path),
            tables=Path(job.tables) if job.tables else None,
            select=job.select,
            ignore=job.ignore,
            config=job.config,
        )
    except InputError as exc:
        path, reason = exc.path, exc.reason
    except (ConfigError, BaselineError, FormulaError) as exc:  # settings that cannot be used name their own file
        path, reason = job.path, str(exc)
    except InternalError as exc:  # a bug in one file's audit must not cost the user the other files
        return Report(findings=(), files=[FileResult(exc.path, "", exc.reason, internal=True)])
    except Exception as exc:
        return Report(findings=(), files=[FileResult(job.path, "", InternalError(job.path, "", exc).reason, internal=True)])
    return Report(findings=(), files=[FileResult(path, "", reason)])


class Interrupted(Exception):
    """Ctrl-C during a batch: ``reports`` are the files finished before it, in the order of the jobs."""

    def __init__(self, reports: list[Report], total: int) -> None:
        super().__init__(f"interrupted after {len(reports)} of {total} files")
        self.reports = reports
        self.total = total


def audit_all(jobs: list[Job], workers: int, progress: Callable[[int, int, str], None] | None = None) -> list[Report]:
    """Reports in the order of ``jobs``; ``progress(done, total, path)`` after each file.

    With one worker (or one file) everything runs in this process: starting worker
    processes costs more than it saves on a single document. A worker that dies (killed,
    out of memory) fails only the file it was on: the pool is rebuilt and the other files
    it held are audited again, one at a time once a pool has died twice, so the death is
    pinned on its own file. Ctrl-C cancels what has not started, stops the workers and
    raises :class:`Interrupted` with the files already finished.
    """
    total = len(jobs)
    results: dict[int, Report] = {}

    def done(i: int, report: Report) -> None:
        results[i] = report
        if progress:
            progress(len(results), total, jobs[i].path)

    try:
        if workers <= 1 or total <= 1:
            for i, job in enumerate(jobs):
                done(i, audit(job))
        else:
            pending, deaths = list(range(total)), 0
            while pending:
                alone = deaths >= 2 or len(pending) == 1
                crashed = _run_pool([(i, jobs[i]) for i in pending], 1 if alone else min(workers, len(pending)), done)
                if alone:  # each file had a worker of its own: a death is that file's
                    for i in crashed:
                        done(i, Report(findings=(), files=[FileResult(jobs[i].path, "", _DIED, internal=True)]))
                    break
                deaths += bool(crashed)
                pending = crashed
    except KeyboardInterrupt:
        raise Interrupted([results[i] for i in sorted(results)], total) from None
    return [results[i] for i in range(total)]


_DIED = "内部错误（请报告）：检查此文件的进程意外退出（可能是内存不足或被系统终止）"


def _run_pool(items: list[tuple[int, Job]], width: int, done: Callable[[int, Report], None]) -> list[int]:
    """Audit ``items`` in a pool of ``width`` workers (one at a time when width is 1); return the indexes a dead worker lost."""
    crashed: list[int] = []
    for batch in ([items] if width > 1 else [[item] for item in items]):
        pool = ProcessPoolExecutor(max_workers=min(width, len(batch)), initializer=_ignore_interrupts)
        try:
            futures = _submit_all(pool, batch)
            for future in as_completed(futures):
                try:
                    done(futures[future], future.result())
                except BrokenProcessPool:
                    crashed.append(futures[future])
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown(wait=True)
    return sorted(crashed)


def _submit_all(pool: ProcessPoolExecutor, batch: list[tuple[int, Job]]) -> dict:
    """Submit every job; the workers start here, with Ctrl-C ignored from birth (they inherit it when
    forked), so a Ctrl-C that lands while they start reaches the parent alone."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        return {pool.submit(audit, job): i for i, job in batch}
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return {pool.submit(audit, job): i for i, job in batch}
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them: no traceback from every worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued files and end the workers now, rather than waiting for the files they are on."""
    processes = list((pool._processes or {}).values())  # the executor offers no public way to end its workers
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
