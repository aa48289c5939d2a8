"""What a rule reports: one inconsistency, where it stands, and the arithmetic; and what a reader or the link stage
could not check (a :class:`Reason`), which a rule words as a note."""

from __future__ import annotations

from typing import Literal

import attrs

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

#: Most related places a finding lists; the others are counted (``related_total``). Enough for
#: every operand of the largest subject group (302 商品和服务支出 has about thirty items): the cell
#: that is wrong must be among the places named. Rules that name repeats bound their own lists lower.
MAX_RELATED = 40


@attrs.frozen(order=True)
class Location:
    """A place in the original file: 1-based line and column, end exclusive.

    ``ref`` names the place in a structured file's own terms where line and column
    are not what a person looks for: ``第12段`` or ``表3 第5行第2列`` in a .docx,
    ``公开01表!C7`` in a .xlsx, ``第12页 第5行`` in a .pdf. It is empty for plain text.
    A PDF location also has its ``page`` and the ``bbox`` of its characters on that page
    (x0, top, x1, bottom in points from the top left corner of the page).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    ref: str = ""
    page: int = 0  # a PDF's 1-based page; 0 for other files
    bbox: tuple[float, float, float, float] | None = None  # PDF: the characters' box, points from the page's top left

    def to_dict(self) -> dict:
        data = attrs.asdict(self, recurse=False)
        for key in ("ref", "page", "bbox"):
            if not data[key]:
                del data[key]
        if self.bbox:
            data["bbox"] = list(self.bbox)
        return data

    def related_dict(self) -> dict:
        data = {"path": self.path, "line": self.line, "column": self.column}
        if self.ref:
            data["ref"] = self.ref
        if self.page:
            data["page"] = self.page
        if self.bbox:
            data["bbox"] = list(self.bbox)
        return data

    def display(self) -> str:
        """``path:line:col`` for text, ``path:ref`` for a .docx, .xlsx or .pdf (``决算.pdf:第12页 第5行``)."""
        return f"{self.path}:{self.ref}" if self.ref else f"{self.path}:{self.line}:{self.column}"


@attrs.frozen
class Finding:
    """One inconsistency.

    ``stated`` is the figure as the document prints it; ``expected`` is what the
    other figures imply (an interval, written out), or None where no single value
    is implied (a unit, a duplicate statement).

    ``related`` holds the other places involved, each once and never the finding's own
    location, at most MAX_RELATED of them in the order given; ``related_total`` counts
    them all (a rule that knows of more places than it passes may say so).
    """

    rule: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Location, ...] = ()
    stated: str | None = None
    expected: str | None = None
    excerpt: str = ""
    related_total: int = 0

    def __attrs_post_init__(self) -> None:
        distinct = tuple(dict.fromkeys(loc for loc in self.related if loc != self.location))
        object.__setattr__(self, "related", distinct[:MAX_RELATED])
        object.__setattr__(self, "related_total", max(self.related_total, len(distinct)))

    @property
    def related_omitted(self) -> int:
        """Related places counted but not listed."""
        return self.related_total - len(self.related)

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, SEVERITY_ORDER[self.severity], self.rule, self.message)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "related": [r.related_dict() for r in self.related],
            "stated": self.stated,
            "expected": self.expected,
            "excerpt": self.excerpt,
            **({"related_total": self.related_total} if self.related_omitted else {}),
        }

    def to_record(self) -> dict:
        """A flat row: scalar columns only, related places joined into one string."""
        loc = self.location
        return {
            "severity": self.severity,
            "rule": self.rule,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "ref": loc.ref,
            "page": loc.page or None,
            "message": self.message,
            "stated": self.stated,
            "expected": self.expected,
            "related": "; ".join(r.display() for r in self.related) + (f" 等 {self.related_total} 处" if self.related_omitted else ""),
            "excerpt": self.excerpt,
        }


@attrs.frozen
class Reason:
    """What a reader or the link stage could not check, and why, as data (never as words).

    ``kind`` names the note's template (``auditor/rules/notes.py`` words every kind, in one place);
    ``fields`` are what the template says: a table's name, its columns or rows, an identity, counts.
    A new reason is a kind here and a template there. Build one with :meth:`of`.
    """

    kind: str
    fields: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, kind: str, **fields: object) -> Reason:
        return cls(kind, tuple(fields.items()))
