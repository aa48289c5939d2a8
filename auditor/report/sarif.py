"""The report as a SARIF 2.1.0 log, for code-scanning dashboards and SARIF viewers.

One run, tool ``auditor``, with every rule in ``tool.driver.rules`` (not only those that
fired, so a viewer can explain any rule id). The mapping from a Report:

* a Finding → a result: ``ruleId``/``ruleIndex``, ``level`` (info → ``note``), the message,
  one location, a related location per other figure involved (at most MAX_RELATED, with
  ``properties.relatedTotal`` counting them all when there are more), and ``properties``
  ``stated``/``expected`` where the finding has them;
* a FileResult → an artifact (URI, MIME type, IANA encoding); a file that could not be
  read → an error in ``invocations[0].toolExecutionNotifications``, and
  ``executionSuccessful`` false;
* a run stopped by Ctrl-C → a warning notification saying so, ``executionSuccessful`` false
  and ``invocations[0].properties.interrupted`` ``{done, total}``.

The log is written as files are done (:class:`SarifWriter`): the results first, the
artifacts and the invocation after them, so a folder's log never waits in memory.

Columns: ``run.columnKind`` is ``unicodeCodePoints``. SARIF's default counts UTF-16 code
units, which differs from our columns (Python str indices) after any character beyond the
BMP, such as an extension-B ideograph in a place name. ``endColumn`` is exclusive in both.

Where ``ref`` goes: a place in a .docx or .xlsx (``表3 第5行第2列``, ``公开01表!C9``) is
what a reader looks for there, so a location with a ``ref`` carries it twice, both allowed
by the schema: as ``logicalLocations[0].name`` (the SARIF object for a place named rather
than addressed by line and column, for tools) and in the location's ``message`` (which
viewers print beside the location, for people). A PDF place (``第12页 第5行``) is carried the
same way, and the location's ``properties`` add its ``page`` and the ``bbox`` of its characters
(x0, top, x1, bottom in points from the page's top left). The region still gives line and column in
the text the file renders to, the same numbers as ``--format json``.

URIs are relative references (forward slashes, percent-encoded) for relative paths and
``file://`` URIs for absolute ones. No ``uriBaseId``: naming the working directory would
make the log depend on the machine; a code-scanning upload resolves relative URIs
against the repository root. Nothing time- or machine-dependent is written, so the same
report always gives the same log.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

import attrs

from auditor.document.model import split_lines
from auditor.finding import Finding, Location
from auditor.report.baseline import fingerprint
from auditor.report.results import FileResult, Interruption
from auditor.report.stream import JsonStream, ReportWriter

if TYPE_CHECKING:
    from auditor.report.report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_IANA_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030"}
_OFFICE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
#: partialFingerprints key: ``name/version``, as SARIF recommends; the same hash a baseline matches on
#: (rule, file name, message without line numbers), so a dashboard and a baseline agree on what is "the same finding".
FINGERPRINT = "auditorFinding/v1"
RELATED_MESSAGE = "相关数字"


def to_sarif(report: Report, rules: Sequence) -> dict:
    """A SARIF 2.1.0 log (a JSON-ready dict) with one run holding the whole report: what ``--format sarif`` writes."""
    out = io.StringIO()
    writer = SarifWriter(out, rules)
    writer.add(report)
    writer.finish(report.interrupted)
    return json.loads(out.getvalue())


class SarifWriter(ReportWriter):
    """The log written as files are done: results streamed, artifacts and the invocation at the end of the run.

    The run's members stand in the order tool, language, columnKind, results, artifacts,
    invocations (any order is valid JSON); only the paths and the reasons of the files
    are kept until the end.
    """

    def __init__(self, out: TextIO, rules: Sequence) -> None:
        super().__init__(out)
        self._rules = list(rules)  # the registry, passed in: every rule is described, not only those that fired
        self._rule_index = {r.id: i for i, r in enumerate(self._rules)}
        self._artifact_index: dict[str, int] = {}
        self._files: dict[str, FileResult | None] = {}  # path → its first FileResult (without its text)
        self._given: list[FileResult] = []
        run = {"tool": {"driver": _driver(self._rules)}, "language": "zh-CN", "columnKind": "unicodeCodePoints", "results": None}
        self._stream = JsonStream(out, {"version": "2.1.0", "$schema": SCHEMA_URI, "runs": [run]}, ["runs", 0, "results"])

    def _add(self, report: Report) -> None:
        for file in report.files:
            lean = attrs.evolve(file, text=None)
            self._given.append(lean)
            self._files.setdefault(file.path, lean)
        for path in _artifact_paths(report):
            self._artifact_index.setdefault(path, len(self._artifact_index))
            self._files.setdefault(path, None)
        texts = _Texts(report.files)
        for finding in report.findings:
            self._stream.item(_result(finding, self._rule_index, self._artifact_index, texts))

    def finish(self, interrupted: Interruption | None = None) -> None:
        artifacts = [_artifact(path, self._files[path]) for path in self._artifact_index]
        invocation = _invocation(self._given, self._artifact_index, interrupted)
        self._stream.close({"artifacts": artifacts, "invocations": [invocation]})
        self.out.write("\n")


def _driver(rules) -> dict:
    driver = {"name": "auditor"}
    try:
        driver["version"] = importlib.metadata.version("auditor")
    except importlib.metadata.PackageNotFoundError:
        pass  # run from a source tree without installing: no version rather than a made-up one
    driver["rules"] = [_rule(r) for r in rules]
    return driver


def _rule(rule) -> dict:
    doc = rule.doc or rule.title
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def rule_name(rule_id: str) -> str:
    """The friendly PascalCase name SARIF viewers show: ``perf.exec-score`` → ``PerfExecScore``."""
    return "".join(part.capitalize() for part in re.split(r"[.\-_]", rule_id) if part)


def file_uri(path: str) -> str:
    """A URI for a file path: ``file://`` for an absolute path, else a percent-encoded relative reference."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())


def _artifact_paths(report: Report) -> list[str]:
    """Every file given, in order, then any other file a finding points into (a hand-built report may have no FileResult)."""
    paths = dict.fromkeys(f.path for f in report.files)
    for finding in report.findings:
        paths.update(dict.fromkeys(loc.path for loc in (finding.location, *finding.related)))
    return list(paths)


def _artifact(path: str, file: FileResult | None) -> dict:
    artifact = {"location": {"uri": file_uri(path)}, "roles": ["analysisTarget"]}
    if file is None or file.error is not None:
        return artifact
    if file.encoding in _OFFICE_TYPES:
        artifact["mimeType"] = _OFFICE_TYPES[file.encoding]
    elif file.encoding:
        artifact["mimeType"] = "text/plain"
        artifact["encoding"] = _IANA_ENCODINGS.get(file.encoding, file.encoding)
    return artifact


def _invocation(files: list[FileResult], artifact_index: dict[str, int], interrupted: Interruption | None) -> dict:
    unreadable = [f for f in files if f.error is not None]
    invocation: dict = {"executionSuccessful": not unreadable and interrupted is None}
    notifications = [_unreadable(f, artifact_index) for f in unreadable]
    notifications += [
        {"level": "note", "message": {"text": f"{f.path}：{note}"},
         "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(f.path, artifact_index)}}]}
        for f in files for note in f.notes
    ]
    if interrupted is not None:  # Ctrl-C: the log holds the files finished before it
        notifications.append({"level": "warning", "message": {"text": interrupted.sentence()}})
        invocation["properties"] = {"interrupted": interrupted.to_dict()}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _unreadable(file: FileResult, artifact_index: dict[str, int]) -> dict:
    return {
        "level": "error",
        "message": {"text": file.error if file.internal else f"无法读取 {file.path}：{file.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(file.path, artifact_index)}}],
    }


def _result(finding: Finding, rule_index: dict[str, int], artifact_index: dict[str, int], texts: _Texts) -> dict:
    result: dict = {"ruleId": finding.rule}
    if finding.rule in rule_index:  # a hand-built Finding may name a rule that is not registered
        result["ruleIndex"] = rule_index[finding.rule]
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [_location(finding.location, artifact_index, texts, finding.location.ref)]
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, **_location(loc, artifact_index, texts, _related_message(loc))} for i, loc in enumerate(finding.related)
        ]
    result["partialFingerprints"] = {FINGERPRINT: fingerprint(finding)}
    properties = {key: value for key, value in (("stated", finding.stated), ("expected", finding.expected)) if value is not None}
    if finding.related_omitted:  # more places than a finding lists (MAX_RELATED): how many in all
        properties["relatedTotal"] = finding.related_total
    if properties:
        result["properties"] = properties
    return result


def _related_message(loc: Location) -> str:
    return f"{RELATED_MESSAGE}（{loc.ref}）" if loc.ref else RELATED_MESSAGE


def _location(loc: Location, artifact_index: dict[str, int], texts: _Texts, message: str) -> dict:
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}
    snippet = texts.snippet(loc)
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    location: dict = {"physicalLocation": {"artifactLocation": _artifact_location(loc.path, artifact_index), "region": region}}
    if loc.ref:
        location["logicalLocations"] = [{"name": loc.ref}]
    if loc.page:  # a PDF: the page and the box of the characters on it, in points from the page's top left
        location["properties"] = {"page": loc.page, **({"bbox": list(loc.bbox)} if loc.bbox else {})}
    if message:
        location["message"] = {"text": message}
    return location


def _artifact_location(path: str, artifact_index: dict[str, int]) -> dict:
    return {"uri": file_uri(path), "index": artifact_index[path]}


class _Texts:
    """The text each file was audited as, split into lines once, to quote a region exactly."""

    def __init__(self, files) -> None:
        self._lines: dict[str, list[str]] = {}
        for file in files:
            if file.text is not None:
                self._lines.setdefault(file.path, split_lines(file.text))

    def snippet(self, loc: Location) -> str | None:
        """The characters of ``loc`` (end exclusive) as they stand in the file, line ends included; None without the text."""
        lines = self._lines.get(loc.path)
        if lines is None or loc.end_line > len(lines):  # no text, or a hand-built location that is not in it
            return None
        if loc.line == loc.end_line:
            return lines[loc.line - 1][loc.column - 1 : loc.end_column - 1]
        middle = lines[loc.line : loc.end_line - 1]
        return "\n".join([lines[loc.line - 1][loc.column - 1 :], *middle, lines[loc.end_line - 1][: loc.end_column - 1]])
