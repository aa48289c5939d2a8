"""``read_path``: the one way in for a file, whatever its format, chosen by its suffix.

Text is the default, so a disclosure saved as ``.txt``, ``.md`` or with no suffix
reads as before. Word, Excel and PDF need an optional library each; the formats we
cannot read are named with what to convert them to, rather than being decoded
as text and reported as binary.
"""

from __future__ import annotations

import importlib
import os

from auditor.document.model import Document
from auditor.read.errors import InputError
from auditor.read.source import MAX_BYTES, check_path
from auditor.read.text import read_text

#: suffix → (module, function) of its reader, imported when a file of that format is first read:
#: a run over text files never loads the Word, Excel and PDF readers (start-up time).
_READERS = {".docx": ("auditor.read.word", "read_docx"), ".xlsx": ("auditor.read.excel", "read_xlsx"), ".pdf": ("auditor.read.pdf", "read_pdf")}
_UNSUPPORTED = {
    ".doc": "不支持旧版 Word .doc 格式，请在 Word 中另存为 .docx 或 .txt (.doc is not supported; save it as .docx or .txt)",
    ".xls": "不支持旧版 Excel .xls 格式，请在 Excel 中另存为 .xlsx (.xls is not supported; save it as .xlsx)",
}

#: The one list of document suffixes: text files and every format a reader is registered for.
#: A folder is searched for them; a string ending in one (or in a known but unsupported
#: suffix, named as skipped, never passed over in silence) is taken for a path, not for text.
DOCUMENT_SUFFIXES = (".txt", *_READERS)
KNOWN_UNSUPPORTED = _UNSUPPORTED


def read_path(path: str | os.PathLike) -> Document:
    """Read a .txt, .docx, .xlsx or .pdf file into a Document, or raise InputError with the reason.

    A missing file, a dangling symbolic link, a folder, a FIFO or a device is refused by
    name before anything is opened (a FIFO would block, ``/dev/zero`` never ends).
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _UNSUPPORTED and os.path.isfile(name):
        raise InputError(name, _UNSUPPORTED[suffix])
    check_path(name, MAX_BYTES)
    if suffix not in _READERS:
        return read_text(name)
    module, function = _READERS[suffix]
    return getattr(importlib.import_module(module), function)(name)
