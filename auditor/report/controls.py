"""Characters that act instead of showing: terminal controls and bidirectional overrides.

A document's own text reaches the reader through every report: a file name, a table row's
label quoted in a message, an excerpt. Printed raw, an ESC sequence in it clears the
screen or retitles the terminal window, and a right-to-left override (U+202E) makes
``100.00`` display as ``00.001``: the figure the reader sees would not be the figure that
was audited. So every formatter shows these characters instead of passing them on:

* text (the terminal, stderr, the progress bar): as escapes, ``\\x1b``, ``\\u202e``;
* HTML: as a visible marker holding the same escape, document text isolated besides
  (``unicode-bidi: isolate``), so right-to-left text cannot reorder what stands around it;
* JSON and SARIF: as ``\\u`` escapes, which parse back to the very same string.

The characters: C0 controls but TAB (LF too where a line must stay one line), DEL, C1
controls, and the bidirectional formatting characters (embeddings and overrides
U+202A–U+202E, isolates U+2066–U+2069, the marks U+200E, U+200F, U+061C) and the line
and paragraph separators U+2028, U+2029.
"""

from __future__ import annotations

import re
from html import escape

_ACTING = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
#: What a text line never prints raw (LF included: a file name must not break its line).
CONTROLS = re.compile(f"[{_ACTING}\n]")
#: What an HTML page never renders raw (a line break in a message is only white space there).
_HTML_CONTROLS = re.compile(f"[{_ACTING}]")
#: What json.dumps(ensure_ascii=False) leaves raw: it escapes C0 controls itself, not these.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_char(char: str) -> str:
    """``\\x1b`` for a code point below 256, ``\\u202e`` above, as Python writes them."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every acting character written as its escape, for a terminal or a log."""
    return CONTROLS.sub(lambda m: escape_char(m.group()), text)


def html_text(text: str, marker: str = 'class="ctl"') -> str:
    """HTML element content: escaped, each acting character a marker ``<span …>\\u202e</span>``.

    ``marker`` is the marker's attributes: the page styles ``.ctl``; the notebook, which
    has no style sheet of its own, passes an inline style.
    """
    return _HTML_CONTROLS.sub(
        lambda m: f'<span {marker} title="控制字符 U+{ord(m.group()):04X}">{escape_char(m.group())}</span>',
        escape(text),
    )


def html_attribute(text: str) -> str:
    """An HTML attribute value (or ``<title>``, which holds no markup): escaped, acting characters as escapes."""
    return escape(visible(text))


def json_safe(dumped: str) -> str:
    """JSON text with the acting characters json.dumps leaves raw written as ``\\u`` escapes.

    They can stand only inside strings, where ``\\uXXXX`` means the same character, so
    the document parses to exactly what it did before.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
