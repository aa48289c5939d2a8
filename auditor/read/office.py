"""What the .docx and .xlsx readers share: the optional library, and the lines they render.

Both readers turn a structured file into the plain text the rest of the auditor
reads (tables as TAB-separated rows), and record for every line the
:class:`~auditor.document.model.Place` it came from, so a finding can say
``表3 第5行第2列`` or ``公开01表!C7`` instead of a line number nobody can find in Word.
"""

from __future__ import annotations

import importlib
import json
from importlib import metadata
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlparse

from auditor.document.model import Document, Place
from auditor.read.errors import InputError

#: Most table cells one file may render. A few tiny XML elements (a cell at XFD1048576,
#: a gridSpan of a billion) would otherwise make a grid of billions of empty cells.
MAX_CELLS = 2_000_000
#: Most characters one file may render. One shared string of megabytes referenced by every
#: cell, or a number format with thousands of decimals, would otherwise make gigabytes of text
#: from a small file; the text reader's own cap (64 MB) allows about this many characters.
MAX_CHARS = 32 * 1024 * 1024


def import_extra(name: str, module: str, extra: str, package: str) -> ModuleType:
    """Import an optional library, or explain to the user how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(name, f"读取 .{extra} 需要可选依赖：{install_command(extra)} ({package} is not installed)") from None


def install_command(extra: str) -> str:
    """The pip command that adds ``extra`` to this auditor, the way it was installed.

    From a checkout (editable) it is ``pip install -e '/path/to/checkout[docx]'``; from a
    directory, archive or URL, that same place; from a package index ``pip install
    'auditor[docx]'``; not installed at all (run from a checkout on PYTHONPATH), the checkout.
    """
    try:
        distribution = metadata.distribution("auditor")
    except metadata.PackageNotFoundError:
        return f"pip install -e '{Path(__file__).resolve().parents[2]}[{extra}]'"
    try:
        origin = json.loads(distribution.read_text("direct_url.json") or "null")
    except ValueError:
        origin = None
    if not isinstance(origin, dict) or not isinstance(origin.get("url"), str):
        return f"pip install 'auditor[{extra}]'"
    url = origin["url"]
    where = unquote(urlparse(url).path) if url.startswith("file://") else url
    editable = "-e " if (origin.get("dir_info") or {}).get("editable") else ""
    return f"pip install {editable}'{where}[{extra}]'" if url.startswith("file://") else f"pip install 'auditor[{extra}] @ {where}'"


class Lines:
    """The lines of a rendered file and the Place of each, ready to become a Document."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._lines: list[str] = []
        self._places: dict[int, Place] = {}
        self._cells = 0
        self._chars = 0

    def add(self, text: str, ref: str | None = None) -> None:
        """One line without a newline in it; ``ref`` None for a line that is only layout."""
        self._count(len(text) + 1)
        if ref is not None:
            self._places[len(self._lines)] = Place(ref)
        self._lines.append(text)

    def add_row(self, texts: list[str], ref: str, cell_refs: list[str], counted: bool = False) -> None:
        """A table row: the cells' texts joined by TAB, each cell's start recorded with its ref.

        ``counted``: the texts' characters were already counted with :meth:`reserve_chars`."""
        self._count(len(texts) if counted else sum(len(text) + 1 for text in texts))
        cells, start = [], 0
        for text, cell_ref in zip(texts, cell_refs, strict=True):
            cells.append((start, cell_ref))
            start += len(text) + 1
        self._places[len(self._lines)] = Place(ref, tuple(cells))
        self._lines.append("\t".join(texts))

    def reserve(self, cells: int) -> None:
        """Count ``cells`` table cells against :data:`MAX_CELLS` before they are built."""
        self._cells += cells
        if self._cells > MAX_CELLS:
            raise InputError(self._name, f"表格过大：超过 {MAX_CELLS} 个单元格 (tables too large: more than {MAX_CELLS} cells)")

    def reserve_chars(self, chars: int) -> None:
        """Count ``chars`` characters against :data:`MAX_CHARS` as they are produced, before lines are built."""
        self._count(chars)

    def _count(self, chars: int) -> None:
        self._chars += chars
        if self._chars > MAX_CHARS:
            raise InputError(self._name, f"文件内容过多：渲染出的文字超过 {MAX_CHARS} 个字符 (renders more than {MAX_CHARS} characters)")

    def document(self, encoding: str) -> Document:
        return Document(text="\n".join(self._lines), path=self._name, encoding=encoding, places=self._places)
