"""The front door: ``auditor.check(doc)``."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from auditor.config import Config, ConfigError
from auditor.config import config_for as _nearest_settings
from auditor.config import load_config as _read_settings
from auditor.document.model import Document
from auditor.document.parts import disclosure_starts
from auditor.errors import InternalError, internal_error
from auditor.extract import extract
from auditor.extract.coverage import Coverage, combined, coverage
from auditor.finding import Finding
from auditor.formula import FormulaError
from auditor.link import link
from auditor.read import InputError, read_path
from auditor.read.dispatch import DOCUMENT_SUFFIXES, KNOWN_UNSUPPORTED
from auditor.report.baseline import Baseline, load_baseline
from auditor.report.report import FileResult, Report
from auditor.rules import aliases_of_rules, run_rules, selected_rules

_PATH_SUFFIXES = (*DOCUMENT_SUFFIXES, *KNOWN_UNSUPPORTED)


def load(doc: str | os.PathLike | Document) -> Document:
    """A Document from a path, a string of text, or a Document.

    A string is a path when it names an existing file or folder, or when it is a single
    line ending in a document suffix or shaped like a path (``决算/2024/决算公开``), so a
    mistyped name is reported as missing rather than audited as one line of text.
    Raises InputError for unreadable files, folders and missing paths.
    """
    if isinstance(doc, Document):
        return doc
    if isinstance(doc, os.PathLike):
        return read_path(doc)
    if not isinstance(doc, str):
        raise TypeError(f"check() takes a path, a str of text or a Document, not {type(doc).__name__}")
    if _names_a_path(doc):
        return read_path(doc)
    return Document(text=doc)


# What prose has and a path does not: sentence punctuation, full-width or ASCII.
_PROSE_MARK = re.compile(r"[，。；：！？、（）,;!?\t]")


def _names_a_path(doc: str) -> bool:
    """A one-line string that is an existing file or folder, ends in a document suffix, or is shaped like a path.

    ``决算/2024/决算公开`` (a mistyped path) and an existing folder are reported by
    read_path (file not found, is a directory) instead of being audited as one line of text.
    """
    if "\n" in doc or "\r" in doc or len(doc) >= 4096:
        return False
    if os.path.exists(doc) or doc.lower().endswith(_PATH_SUFFIXES):
        return True
    drive, rest = os.path.splitdrive(doc)
    return ("/" in rest or "\\" in rest) and not _PROSE_MARK.search(rest) and len(doc) < 1024


def check(
    doc: str | os.PathLike | Document,
    *,
    tables: str | os.PathLike | Document | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | str | os.PathLike | None = None,
    baseline: Baseline | str | os.PathLike | None = None,
) -> Report:
    """Audit one disclosure and return its Report.

    A file that holds several disclosures one after another (a department's own and each
    subordinate unit's) is audited one disclosure at a time (``document/parts.py``): each
    finding's place is still the file's, and the file's one FileResult says where each begins.

    ``tables`` is a second file holding the disclosure's standard tables, for an
    office that publishes the prose as .docx/.txt and the tables as an .xlsx workbook;
    findings in the tables carry that file's path. ``select`` keeps only the rules
    whose id (or id prefix, e.g. ``table``) is listed; ``ignore`` drops them.

    ``config`` is a Config or the path of an ``auditor.toml``/``pyproject.toml``; when
    None, a document read from a file takes the settings file nearest to it, as the
    command line does (``Config()`` for none at all). ``select`` replaces the settings'
    list, ``ignore`` adds to it. ``baseline`` (a file written by ``--write-baseline``)
    moves the findings it accepts to ``report.hidden``.

    Raises InputError when a file cannot be read, ConfigError or BaselineError when a
    settings or baseline file cannot be used, and InternalError (naming the rule or
    stage and the file, "内部错误（请报告）") for a bug of the auditor itself.
    """
    document = _stage("读取", _name(doc), load, doc)
    table_document = _stage("读取", _name(tables), load, tables) if tables is not None else None
    # A file that holds several disclosures one after another is audited one disclosure at a time (a separate tables
    # file belongs to one disclosure, so a file given with one is read whole); each part is let go once audited.
    starts = _stage("提取", document.path, disclosure_starts, document) if table_document is None else ()
    parts = list(zip((0, *starts), (*starts, len(document.lines)), strict=True))
    for first, end in parts:
        _check_figures(document, first, end)
    if table_document is not None:
        _check_figures(table_document)
    settings = _settings(config, document).with_command_line(select, ignore)
    findings: list[Finding] = []
    coverages: list[Coverage] = []
    for first, end in parts:
        part = document if not starts else document.part(first, end)
        facts = _stage("提取", document.path, lambda d, t: link(extract(d, t), settings.rules_dirs), part, table_document)
        findings.extend(run_rules(facts, settings))
        coverages.append(coverage(facts))
        del facts, part
    notes = document.notes + ((_parts_note(document, starts),) if starts else ())
    document.forget_views()
    files = [FileResult(document.path, document.encoding, text=document.text, coverage=combined(coverages), notes=notes)]
    if table_document is not None:
        files.append(FileResult(table_document.path, table_document.encoding, text=table_document.text))
    report = Report(findings=findings, files=files)
    if baseline is not None:
        accepted = (baseline if isinstance(baseline, Baseline) else load_baseline(baseline)).with_renamed_rules(aliases_of_rules())
        report, _ = accepted.apply(report)
    return report


def _parts_note(document: Document, starts: tuple[int, ...]) -> str:
    """What the report says of a file read as several disclosures: how many, and where each begins."""
    where = "、".join(document.where(document.line_start(first)) for first in (0, *starts))
    return f"本文件含 {len(starts) + 1} 份决算公开（第一部分的编号重新开始），逐份核查，各份分别始于：{where}"


#: Most numbers a document may print. Every number read becomes an object (~1 KB while it is
#: read), so this bounds the memory a text of bare numbers (``1,1,1,…``) can take to about
#: half a gigabyte; a disclosure prints a few thousand, a provincial compendium tens of thousands.
#: A file that holds several disclosures is read one at a time, each let go once audited: the bound is per disclosure.
MAX_NUMBERS = 500_000
_NUMBER = re.compile(r"\d+")


def _check_figures(document: Document, first: int = 0, end: int | None = None) -> None:
    """Refuse a document (its lines ``[first, end)``: one disclosure of a file that holds several) with more numbers
    than any disclosure prints, before any is read."""
    start = document.line_start(first) if first else 0
    stop = document.line_start(end) if end is not None and end < len(document.lines) else len(document.text)
    if stop - start <= 2 * MAX_NUMBERS:
        return  # too short to hold more: each number is a digit at least, and a non-digit stands between two of them
    for count, _ in enumerate(_NUMBER.finditer(document.text, start, stop), start=1):
        if count > MAX_NUMBERS:
            raise InputError(document.path, f"数字过多：超过 {MAX_NUMBERS} 个，不像一份决算公开；请拆分后再核查"
                                            f" (more than {MAX_NUMBERS} numbers)")


def _stage(stage: str, path: str, step, *args):
    """Run one stage of the pipeline; an unexpected exception becomes an InternalError naming the stage and file."""
    try:
        return step(*args)
    except (InputError, ConfigError, FormulaError, InternalError):
        raise
    except Exception as exc:
        raise internal_error(path, f"{stage}阶段", exc) from exc


def _name(doc) -> str:
    """The file a document comes from, for an internal error's message (``<text>`` for a string of text)."""
    if isinstance(doc, Document):
        return doc.path
    if isinstance(doc, os.PathLike) or (isinstance(doc, str) and "\n" not in doc and len(doc) < 4096):
        return os.fspath(doc)
    if not isinstance(doc, str):
        raise TypeError(f"check() takes a path, a str of text or a Document, not {type(doc).__name__}")
    return "<text>"


def load_config(path: str | os.PathLike) -> Config:
    """The settings in an ``auditor.toml`` or a ``pyproject.toml``, every rule id they name known; raises ConfigError."""
    return _read_settings(path, selected_rules)


def config_for(document: str | os.PathLike) -> Config:
    """The settings that apply to a document file (the nearest settings file, or the default), rule ids checked."""
    return _nearest_settings(document, selected_rules)


def _settings(config: Config | str | os.PathLike | None, document: Document) -> Config:
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(config)
    return config_for(document.path) if os.path.isfile(document.path) else Config()
