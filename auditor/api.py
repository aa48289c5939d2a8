"""The front door: ``auditor.check(doc)``."""

from __future__ import annotations

import os
from collections.abc import Iterable

from auditor.config import Config, config_for, load_config
from auditor.document.model import Document
from auditor.extract import extract
from auditor.link import link
from auditor.read import read_path
from auditor.report.baseline import Baseline, load_baseline
from auditor.report.report import FileResult, Report
from auditor.rules import run_rules

_DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".docx", ".xlsx", ".pdf")


def load(doc: str | os.PathLike | Document) -> Document:
    """A Document from a path, a string of text, or a Document.

    A string is a path when it names an existing file, or when it is a single line
    ending in a document suffix (so a mistyped file name is reported as missing
    rather than audited as one line of text). Raises InputError for unreadable files.
    """
    if isinstance(doc, Document):
        return doc
    if isinstance(doc, os.PathLike):
        return read_path(doc)
    if not isinstance(doc, str):
        raise TypeError(f"check() takes a path, a str of text or a Document, not {type(doc).__name__}")
    if "\n" not in doc and len(doc) < 4096 and (doc.lower().endswith(_DOCUMENT_SUFFIXES) or os.path.isfile(doc)):
        return read_path(doc)
    return Document(text=doc)


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
    settings or baseline file cannot be used.
    """
    document = load(doc)
    table_document = load(tables) if tables is not None else None
    settings = _settings(config, document).with_command_line(select, ignore)
    facts = link(extract(document, table_document))
    findings = run_rules(facts, settings)
    files = [FileResult(document.path, document.encoding, text=document.text, notes=[note for _, note in document.notes])]
    if table_document is not None:
        files.append(FileResult(table_document.path, table_document.encoding, text=table_document.text))
    report = Report(findings=findings, files=files)
    if baseline is not None:
        accepted = baseline if isinstance(baseline, Baseline) else load_baseline(baseline)
        report, _ = accepted.apply(report)
    return report


def _settings(config: Config | str | os.PathLike | None, document: Document) -> Config:
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(config)
    return config_for(document.path) if os.path.isfile(document.path) else Config()
