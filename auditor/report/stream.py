"""Reports written as they go: each file's findings out as soon as the file is done, then let go.

A folder of a thousand disclosures must not be held in memory until the last one is
audited (each report carries its document's text), so the command line hands every
file's :class:`Report` to a writer as it finishes. A writer keeps only what its closing
part needs (the file list, a :class:`Tally`), and its output is the in-memory format of
the same files, byte for byte: ``writer.add(a); writer.add(b); writer.finish()`` writes
what ``Report.combine([a, b])`` would render. The in-memory formats are made by the same
writers (``format_text``, ``Report.to_json``, ``to_sarif``, ``format_html``), so the two
cannot drift apart.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, TextIO

from auditor.report.controls import json_safe
from auditor.report.results import Interruption, Tally, trailer

if TYPE_CHECKING:
    from auditor.report.report import Report



class ReportWriter:
    """One report, written file by file: ``add`` each file's report as it is done, ``finish`` once."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.tally = Tally()

    def add(self, report: Report) -> None:
        self.tally.add(report)
        self._add(report)

    def _add(self, report: Report) -> None:
        raise NotImplementedError

    def finish(self, interrupted: Interruption | None = None) -> None:
        raise NotImplementedError


def dumps(data) -> str:
    """JSON as every report writes it: two-space indent, Chinese readable, acting characters escaped."""
    parts: list[str] = []
    try:
        _encode(data, "\n", parts)
    except _NotPlain:
        return json_safe(json.dumps(data, ensure_ascii=False, indent=2))
    return json_safe("".join(parts))


class _NotPlain(Exception):
    """A value :func:`_encode` leaves to json.dumps."""


def _encode(value, newline: str, parts: list[str]) -> None:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, appended to ``parts`` piece by piece, for the values a report
    holds: str, int, bool, None, a finite float, a list or tuple, a dict with str keys (anything else raises _NotPlain).

    The same text, tested in the same order (json's encoder with an indent is pure Python and general: a report of many
    findings spent most of its writing there); ``newline`` is a line break and the indent of ``value``'s own level.
    """
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float) and math.isfinite(value):
        parts.append(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner, opening = newline + "  ", "["
        for item in value:
            parts.append(opening + inner)
            opening = ","
            _encode(item, inner, parts)
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner, opening = newline + "  ", "{"
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotPlain
            parts.append(opening + inner + encode_basestring(key) + ": ")
            opening = ","
            _encode(item, inner, parts)
        parts.append(newline + "}")
    else:
        raise _NotPlain


class JsonStream:
    """Writes ``dumps(document)`` byte for byte, with one list of the document streamed item by item.

    ``head`` is the document as far as it is known at the start, with the streamed list as
    the last member of its object (its value is ignored); ``where`` is the path of keys and
    indexes to that member. ``item()`` writes one element of the list; ``close(tail)`` writes
    the members known only at the end (after the list, in the same object) and closes the
    document.
    """

    _MARK = "\ue000streamed\ue000"  # a private-use string: never in a report's own text

    def __init__(self, out: TextIO, head: dict, where: list) -> None:
        self.out = out
        container = head
        for step in where[:-1]:
            container = container[step]
        container[where[-1]] = self._MARK
        before, self._after = dumps(head).split(dumps(self._MARK))
        line = before[before.rfind("\n") + 1 :]
        self._indent = len(line) - len(line.lstrip(" "))
        self._items = 0
        out.write(before + "[")

    def item(self, value) -> None:
        # textwrap.indent, without its per-line pass: ``dumps`` breaks lines only with \n (json escapes the other control
        # characters, json_safe the other line breaks) and writes no line of white space alone
        pad = " " * (self._indent + 2)
        self.out.write(("\n" if not self._items else ",\n") + pad + dumps(value).replace("\n", "\n" + pad))
        self._items += 1

    def close(self, tail: dict) -> None:
        pad = " " * self._indent
        self.out.write(f"\n{pad}]" if self._items else "]")
        for key, value in tail.items():
            self.out.write(f",\n{pad}{dumps(key)}: " + dumps(value).replace("\n", "\n" + pad))
        self.out.write(self._after)


class JsonWriter(ReportWriter):
    """``{"findings": [...], "files": [...], "baselined": N, "interrupted": {...}}``, findings streamed."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._stream = JsonStream(out, {"findings": None}, ["findings"])
        self._files: list[dict] = []

    def _add(self, report: Report) -> None:
        for finding in report.findings:
            self._stream.item(finding.to_dict())
        self._files += [f.to_dict() for f in report.files]

    def finish(self, interrupted: Interruption | None = None) -> None:
        self._stream.close({"files": self._files, **trailer(self.tally.hidden, interrupted)})
        self.out.write("\n")
