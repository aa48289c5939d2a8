"""Many files at once: folders walked for disclosures, files audited in worker processes, each report as it is done.

Every file is audited on its own and in a worker of its own, so a file that cannot be
read, or even a crash in one file's audit, becomes that file's reason in the report
and never costs the user the findings of the others. :func:`check_many` is the library's
door to it (``auditor.check`` mapped over files); ``auditor check DIR`` goes through the
same :func:`run_jobs`.

The engine is the standard library's ProcessPoolExecutor. Around it, what a run that a
person interrupts and a machine kills needs:

* **Ctrl-C is the parent's alone, and acted on where it is safe.** Workers run in a process
  group of their own, so the terminal's Ctrl-C never reaches them. While the parent waits
  on the pool a Ctrl-C is only noted (:class:`CtrlC`); between two results the parent kills
  the workers (and whatever they started), hands over the reports already finished, and
  raises KeyboardInterrupt. A KeyboardInterrupt raised at a random point inside the
  executor could leave its locks and pipes half-used.
* **A worker answers with a file name.** It pickles its report into a file of the run's
  temporary folder and sends back the name: a message short enough to be written to the
  pipe in one piece. A worker killed while sending a large report used to leave half a
  message in the pipe, on which the executor's thread then waited for ever, and the
  interpreter with it at exit (about 1 run in 18 hung after Ctrl-C).
* **Workers die with their parent.** Each watches its parent and, when the parent is gone
  (killed, crashed), ends itself and its process group instead of auditing on for no one.
* **A worker that dies** (killed, out of memory) fails only the file it was on: the pool is
  rebuilt and the files it held are audited again; once pools have died twice, the files a
  dead worker held run one to a pool, so the death is pinned on its own file.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from auditor.api import check, load_config
from auditor.config import Config, ConfigError
from auditor.document.model import Document
from auditor.errors import InternalError, internal_error
from auditor.formula import FormulaError
from auditor.read import InputError
from auditor.read.dispatch import DOCUMENT_SUFFIXES, KNOWN_UNSUPPORTED, MAX_BYTES
from auditor.read.text import decode_with_notes
from auditor.report.baseline import BaselineError
from auditor.report.report import FileResult, Report

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

STDIN = "<stdin>"  # how a report names a document read from standard input
Progress = Callable[[int, int, str], None]  # (files done, files in all, the file just done)


@attrs.frozen
class Job:
    """One file to audit and how: picklable, so that a worker process can take it."""

    path: str
    tables: str | None = None
    config: Config | None = None  # None: the settings file nearest to the document
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    source: str | None = None  # the file holding the text when ``path`` only names it (standard input)


# --- which files -------------------------------------------------------------------------------


def expand(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """The files to audit, each once, and what is said about the rest.

    Files are taken as given; folders are walked (following links to folders, once each)
    for every readable format, in name order. ``-`` stands for standard input. A file
    reached twice (given twice, by two names, through a link, or in a folder also given)
    is audited once and its other names said to be skipped. A broken link given is an
    unreadable file; one in a folder is named as skipped, and so is each file of a known
    document format that cannot be audited (``.doc``, ``.xls``) and anything that is not
    a regular file (a pipe, a device). A folder with nothing to audit is reported as such
    rather than passing in silence. Hidden files and Office lock files (``~$报告.docx``)
    are skipped without a word.
    """
    files: list[str] = []
    others: list[FileResult] = []
    seen: dict[tuple[int, int], str] = {}

    def take(path: str) -> None:
        try:
            info = os.stat(path)
        except OSError:
            files.append(path)  # missing or unreadable: the reader names the reason
            return
        if stat.S_ISDIR(info.st_mode) or not stat.S_ISREG(info.st_mode):
            files.append(path)
            return
        first = seen.setdefault((info.st_dev, info.st_ino), path)
        if first == path and path not in files:
            files.append(path)
        else:
            others.append(_skipped(path, f"与 {first} 是同一文件，只检查一次 (the same file as {first})"))

    for given in paths:
        given = os.fspath(given)
        if given == "-":
            if "-" in files:
                others.append(_skipped("-", "标准输入只能读取一次 (standard input is read once)"))
            else:
                files.append("-")
        elif os.path.islink(given) and not os.path.exists(given):
            others.append(FileResult(given, "", f"符号链接指向的 {os.readlink(given)} 不存在 (broken symbolic link)"))
        elif os.path.isdir(given):
            found, skipped = _walk(given)
            for path in found:
                take(path)
            others += skipped
            if not found:
                others.append(FileResult(given, "", f"目录中没有可检查的文件（{'/'.join(DOCUMENT_SUFFIXES)}）"))
        else:
            take(given)
    return files, others


def _walk(folder: str) -> tuple[list[str], list[FileResult]]:
    """The documents under ``folder`` in name order, and the files skipped with their reason."""
    found: list[str] = []
    skipped: list[FileResult] = []
    visited: set[tuple[int, int]] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        info = os.stat(root)
        if (info.st_dev, info.st_ino) in visited:  # a link back up the tree, or a second way to one folder
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs[:] = [d for d in dirs if not d.startswith((".", "~$"))]
        for name in names:
            if name.startswith((".", "~$")):
                continue
            path = os.path.join(root, name)
            suffix = os.path.splitext(name)[1].lower()
            if suffix not in DOCUMENT_SUFFIXES:
                if suffix in KNOWN_UNSUPPORTED:
                    skipped.append(_skipped(path, KNOWN_UNSUPPORTED[suffix]))
            elif os.path.islink(path) and not os.path.exists(path):
                skipped.append(_skipped(path, f"符号链接指向的 {os.readlink(path)} 不存在 (broken symbolic link)"))
            elif not os.path.isfile(path):
                skipped.append(_skipped(path, "不是普通文件（管道、设备等） (not a regular file)"))
            else:
                found.append(path)
    return sorted(found), sorted(skipped, key=lambda f: f.path)


def _skipped(path: str, reason: str) -> FileResult:
    return FileResult(path, "", notes=(f"已跳过：{reason}",), skipped=True)


# --- one file ------------------------------------------------------------------------------------


def audit(job: Job) -> Report:
    """One file's report; a file that cannot be audited becomes a FileResult with the reason."""
    try:
        # A Path, never the str: check() would audit a mistyped name as a line of text.
        return check(
            _source(job) if job.source else Path(job.path),
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
        return Report(findings=(), files=[FileResult(job.path, "", internal_error(job.path, "", exc).reason, internal=True)])
    return Report(findings=(), files=[FileResult(path, "", reason)])


def _source(job: Job) -> Document:
    """The text kept in ``job.source`` (what came on standard input), named ``job.path``."""
    size = os.path.getsize(job.source)
    if size > MAX_BYTES:
        raise InputError(job.path, f"文件过大：超过 {MAX_BYTES} 字节 (file too large)")
    data = Path(job.source).read_bytes()
    if data.startswith((b"%PDF", b"PK\x03\x04")):
        raise InputError(job.path, "标准输入只接受文本；PDF、Word、Excel 文件请给出文件名"
                                   " (standard input takes text; name a PDF, .docx or .xlsx file)")
    text, encoding, notes = decode_with_notes(data, job.path)
    return Document(text=text, path=job.path, encoding=encoding, notes=notes)


# --- many files ----------------------------------------------------------------------------------


def check_many(
    paths: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    ordered: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | str | os.PathLike | None = None,
    progress: Progress | None = None,
) -> Iterator[Report]:
    """Audit many files in ``jobs`` worker processes (default: every core); yield each file's Report as it is done.

        >>> for report in auditor.check_many(paths, jobs=4):
        ...     print(report.files[0].path, len(report.errors))

    One Report per path, holding that file (``report.files[0].path`` is the path given),
    in the order the files finish, or with ``ordered=True`` in the order given (each still
    as soon as the files before it are done). A file that cannot be read gives a report
    that says why (``report.unreadable``), never an exception, and so does a crash in one
    file's audit (an internal error, named as such). ``select``, ``ignore`` and ``config``
    are those of :func:`auditor.check`; ``config=None`` takes, for each file, the settings
    file nearest to it. ``progress(done, total, path)`` is called as each file finishes.

    Stopping: leaving the loop (``break``) or closing the iterator ends the workers at once.
    Ctrl-C (in the main thread) ends them too; the reports already finished are still
    yielded, then KeyboardInterrupt is raised. Workers end with this process whatever
    ends it. A folder is one path (reported as a folder); ``auditor check DIR`` walks it.
    To audit beyond one machine, map :func:`auditor.check` over files with a cluster
    engine (see the README).

    Raises ValueError for an unknown rule id and ConfigError for settings that cannot be
    used, before any file is read.
    """
    from auditor.rules import selected_rules

    select, ignore = tuple(select or ()), tuple(ignore or ())
    selected_rules(select, ignore)
    settings = load_config(config) if isinstance(config, str | os.PathLike) else config
    job_list = [Job(os.fspath(path), None, settings, select, ignore) for path in paths]
    workers = jobs if jobs is not None else os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"jobs 应为正整数：{workers} (jobs must be at least 1)")
    return (report for _, report in run_jobs(job_list, workers, ordered=ordered, progress=progress))


def run_jobs(jobs: list[Job], workers: int, *, ordered: bool = False, progress: Progress | None = None,
             ctrl_c: CtrlC | None = None) -> Iterator[tuple[int, Report]]:
    """``(index in jobs, report)`` as each job is done (``ordered``: in the order of ``jobs``).

    With one worker (or one file) everything runs in this process: starting worker
    processes costs more than it saves on a single document. ``ctrl_c``: the caller's
    Ctrl-C watch, when it has one installed already (the command line does).
    """
    own = ctrl_c is None
    ctrl_c = ctrl_c or CtrlC()
    with ctrl_c if own else contextlib.nullcontext():
        if workers <= 1 or len(jobs) <= 1:
            for index, job in enumerate(jobs):
                if ctrl_c.pressed:  # noted while the caller was writing the last report
                    raise KeyboardInterrupt
                with ctrl_c.raising():  # our own code, stopped anywhere without harm
                    report = audit(job)
                if progress:
                    progress(index + 1, len(jobs), job.path)
                with ctrl_c.raising():
                    yield index, report
        else:
            yield from _Batch(jobs, workers, ordered, progress, ctrl_c).run()


class CtrlC:
    """Ctrl-C noted, and acted on only where that is safe.

    Installed (``with CtrlC() as ctrl_c:``, main thread only, and not where SIGINT is
    ignored; elsewhere it watches nothing), it sets ``pressed``. Inside ``raising()`` a Ctrl-C also raises
    KeyboardInterrupt at once, as Python's own handler does: for our own code (a file
    audited in this process), and for the caller's code while a generator waits at a
    ``yield``. Inside ``shielded()`` it is only noted, even within ``raising()``: for a
    report being written, which must not stop half-way. Everywhere else (waiting on the
    pool) the code polls ``pressed``.
    """

    def __init__(self) -> None:
        self.pressed = False
        self._raising = 0
        self._shielded = 0
        self._previous = None

    def __enter__(self) -> CtrlC:
        # An ignored SIGINT stays ignored: a shell starts a script's background job (``auditor check … &``) so,
        # and Python itself then leaves Ctrl-C alone.
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _handle(self, signum, frame) -> None:
        self.pressed = True
        if self._raising and not self._shielded:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def raising(self) -> Iterator[None]:
        self._raising += 1
        try:
            yield
        finally:
            self._raising -= 1

    @contextlib.contextmanager
    def shielded(self) -> Iterator[None]:
        """A stretch (a report being written) that no Ctrl-C stops or disturbs.

        SIGINT is also blocked for this thread while it lasts, so that it cannot interrupt a
        system call either: a report written to a full pipe (``| less``) and interrupted there by
        the signal lost about 2 KB inside the io stack in 4 runs of 10 (CPython 3.11), although no
        exception reached us. A Ctrl-C then is taken by another thread, or when the stretch ends,
        and noted.
        """
        self._shielded += 1
        blocked = self._previous is not None and hasattr(signal, "pthread_sigmask")
        if blocked:
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            self._shielded -= 1


class _Stop(Exception):
    """Ctrl-C seen while waiting on the pool."""


_DIED = "内部错误（请报告）：检查此文件的进程意外退出（可能是内存不足或被系统终止）"
POLL_SECONDS = 0.1  # how often the parent looks for a Ctrl-C while it waits on the workers


class _Batch:
    """Jobs run in a pool of ``width`` workers, a few ahead of the results handed over."""

    def __init__(self, jobs: list[Job], width: int, ordered: bool, progress: Progress | None, ctrl_c: CtrlC) -> None:
        self.jobs, self.width, self.ordered, self.progress, self.ctrl_c = jobs, width, ordered, progress, ctrl_c
        self.done = 0
        self.next_out = 0  # ordered: the first job not handed over yet
        self.waiting: dict[int, Report] = {}  # ordered: finished, handed over once those before them are
        # Jobs in flight, and (ordered) how far past the first one not handed over a job may start:
        # enough to keep every worker busy, few enough that the reports waiting stay a handful.
        self.in_flight_limit = 2 * width
        self.window = max(16, 8 * width)
        self.folder = ""

    def run(self) -> Iterator[tuple[int, Report]]:
        self.folder = tempfile.mkdtemp(prefix="auditor-")
        try:
            queue: deque[int] = deque(range(len(self.jobs)))
            lost: list[int] = []  # in flight when a worker died
            deaths = 0
            while queue or lost:
                if lost and deaths >= 2:  # each file a dead worker held, in a pool of its own: a death is that file's
                    for index in lost:
                        died, _ = yield from self._pool(deque([index]), 1)
                        if died:
                            yield from self._finished(index, Report(findings=(), files=[FileResult(self.jobs[index].path, "", _DIED, internal=True)]))
                    lost, deaths = [], 0
                    continue
                queue = deque(sorted([*lost, *queue]))
                lost, queue = yield from self._pool(queue, self.width)
                deaths += bool(lost)
        except (_Stop, KeyboardInterrupt):
            for index in sorted(self.waiting):  # finished before the Ctrl-C: still the user's (another Ctrl-C is only noted now)
                yield index, self.waiting.pop(index)
            raise KeyboardInterrupt from None
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _pool(self, queue: deque[int], width: int):
        """Run ``queue`` in one pool; return the jobs lost when a worker died, and the jobs not started."""
        # imported here: a run in this process (one file, --jobs 1) never starts a pool, and loading one costs start-up time
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(max_workers=width, initializer=_worker_start, initargs=(os.getpid(),))
        in_flight: dict[Future, int] = {}
        lost: list[int] = []
        try:
            while queue or in_flight:
                while queue and len(in_flight) < self.in_flight_limit and self._may_start(queue[0]):
                    index = queue.popleft()
                    try:
                        in_flight[pool.submit(_audit_to_file, self.jobs[index], self.folder)] = index
                    except BrokenProcessPool:
                        queue.appendleft(index)
                        break
                finished, _ = wait(in_flight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                if self.ctrl_c.pressed:
                    raise _Stop
                for future in finished:
                    index = in_flight.pop(future)
                    try:
                        name = future.result()
                    except BrokenProcessPool:
                        lost.append(index)
                        continue
                    yield from self._finished(index, _load(self.jobs[index], name))
                if lost:  # the pool is broken: what it held is lost, but what finished before is kept
                    for future in wait(in_flight, timeout=10).done:
                        if future.exception() is None:
                            yield from self._finished(in_flight[future], _load(self.jobs[in_flight[future]], future.result()))
                        else:
                            lost.append(in_flight[future])
                    lost += [index for future, index in in_flight.items() if not future.done()]
                    return sorted(lost), queue
            return [], queue
        finally:
            _stop(pool)

    def _may_start(self, index: int) -> bool:
        return not self.ordered or index < self.next_out + self.window

    def _finished(self, index: int, report: Report) -> Iterator[tuple[int, Report]]:
        """Hand the report over (ordered: once those before it are); a Ctrl-C noted meanwhile stops the run here."""
        self.done += 1
        self.waiting[index] = report
        if self.progress:
            self.progress(self.done, len(self.jobs), self.jobs[index].path)
        while True:
            if self.ctrl_c.pressed:
                raise _Stop
            if not self.ordered and self.waiting:
                ready = next(iter(self.waiting))
            elif self.next_out in self.waiting:
                ready = self.next_out
                self.next_out += 1
            else:
                return
            with self.ctrl_c.raising():  # the caller's code runs while we wait here: Ctrl-C interrupts it as usual
                yield ready, self.waiting.pop(ready)


def _load(job: Job, answer: str) -> Report:
    """The report a worker left in the file it named, or the internal error it answered with instead."""
    if answer.startswith(_FAILED):
        return Report(findings=(), files=[FileResult(job.path, "", answer[len(_FAILED):], internal=True)])
    with open(answer, "rb") as handle:
        report = pickle.load(handle)
    os.unlink(answer)
    return report


_FAILED = "failed:"


def _audit_to_file(job: Job, folder: str) -> str:
    """In a worker: audit the job, pickle its report into ``folder``, and answer with the file's name only.

    The answer stays a short string whatever happens (an exception's traceback could be long):
    a worker killed while writing a message too long for one write would leave half of it in the pipe.
    """
    report = audit(job)
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, suffix=".report")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(report, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # disk full, a report that cannot be pickled: this file's internal error
        return _FAILED + InternalError(job.path, "传回结果时", exc).reason[:1000]
    return name


def _worker_start(parent: int) -> None:
    """A worker's first act: leave Ctrl-C to the parent, take a process group of its own, and follow its parent out.

    Its standard output goes to /dev/null: the report is the parent's to write, and a worker
    forked while the parent's half-written report sat in the stdout buffer would otherwise write
    that copy into the report when it exits (multiprocessing flushes sys.stdout at a child's end).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno() if sys.stdout is not None else 1)
        os.close(null)
    with contextlib.suppress(AttributeError, OSError):  # no process groups (Windows): the parent ends the worker alone
        os.setpgid(0, 0)
    threading.Thread(target=_follow_parent, args=(parent,), name="auditor-follow-parent", daemon=True).start()


def _follow_parent(parent: int) -> None:
    """End this worker, and whatever it started, once its parent is gone (it is then adopted by another process)."""
    while os.getppid() == parent:
        time.sleep(0.2)
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os._exit(1)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now, with whatever they started, rather than wait for their files."""
    processes = list((pool._processes or {}).values())  # the executor offers no public way to end its workers
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the worker's own group: the worker and what it started
        except (AttributeError, OSError):  # not in a group of its own (yet), or gone
            with contextlib.suppress(OSError):
                process.kill()
    for process in processes:
        process.join(timeout=5)
    pool.shutdown(wait=True)  # every worker is gone: the executor's thread sees it and ends
