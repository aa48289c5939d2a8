"""Many files at once: folders walked for disclosures, files audited in parallel, one report per file.

Every file is audited on its own and in a worker of its own, so a file that cannot be
read, or even a crash in one file's audit, becomes that file's reason in the report
and never costs the user the findings of the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import attrs

from auditor.api import check
from auditor.config import Config, ConfigError
from auditor.errors import InternalError
from auditor.read import InputError
from auditor.read.dispatch import FOLDER_SUFFIXES, KNOWN_UNSUPPORTED
from auditor.report.baseline import BaselineError
from auditor.report.report import FileResult, Report
from auditor.rules.formula import FormulaError



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
        found = [str(p) for p in visible if p.suffix.lower() in FOLDER_SUFFIXES]
        skipped = [p for p in visible if p.suffix.lower() in KNOWN_UNSUPPORTED]
        files.extend(found)
        others += [FileResult(str(p), "", notes=(f"已跳过：{KNOWN_UNSUPPORTED[p.suffix.lower()]}",), skipped=True) for p in skipped]
        if not found:
            others.append(FileResult(given, "", f"目录中没有可检查的文件（{'/'.join(FOLDER_SUFFIXES)}）"))
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


def audit_all(jobs: list[Job], workers: int, progress: Callable[[int, int, str], None] | None = None) -> list[Report]:
    """Reports in the order of ``jobs``; ``progress(done, total, path)`` after each file.

    With one worker (or one file) everything runs in this process: starting worker
    processes costs more than it saves on a single document.
    """
    total = len(jobs)
    if workers <= 1 or total <= 1:
        reports = []
        for job in jobs:
            reports.append(audit(job))
            if progress:
                progress(len(reports), total, job.path)
        return reports
    results: dict[int, Report] = {}
    with ProcessPoolExecutor(max_workers=min(workers, total)) as pool:
        futures = {pool.submit(audit, job): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except BrokenProcessPool:  # the worker died (out of memory, killed): name the file
                results[i] = Report(findings=(), files=[FileResult(jobs[i].path, "", "内部错误：检查进程意外退出")])
            if progress:
                progress(len(results), total, jobs[i].path)
    return [results[i] for i in range(total)]
