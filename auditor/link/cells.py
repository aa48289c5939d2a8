"""Which table cell a prose label names: the concepts of ``rules/concepts.toml``, matched once per figure.

本年支出合计 under 三、支出决算 is 公开01表's 本年支出合计, the same words under 四、财政拨款…
are 公开04表's; 一般公共服务（类）支出 is that class's row; 支出决算 under 1.因公出国（境）费
is 公开09表's 决算数 of 因公出国（境）费. The link stage records, for each stated money figure
and each named base, the cell reference (a formula ``Term``) its words name; the
`xref.table` rule looks the cell up and compares.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache, lru_cache

import attrs

from auditor.document.layout import Heading
from auditor.extract.facts import CellReference, Facts
from auditor.formula import FormulaError, Term, parse_cell
from auditor.knowledge import rules_dir
from auditor.link.identities import table_cell
from auditor.quantity import Interval
from auditor.tables.model import Table, label_key

_REMARK = re.compile(r"\([^)]*\)")
_SEPARATORS = re.compile(r"['‘’、,，·]")


def _compared(label: str) -> str:
    """A label as compared (:func:`auditor.tables.model.label_key`), without the separators of a list inside it."""
    return _SEPARATORS.sub("", label_key(label))


@lru_cache(maxsize=4096)  # asked for every concept a label is tried against
def concept_key(label: str) -> str:
    """收、支总计(含结转和结余) → 收支总计; “三公”经费 → 三公经费."""
    return _REMARK.sub("", _compared(label))


@attrs.frozen
class Concept:
    cell: str
    labels: frozenset[str] = frozenset()
    pattern: re.Pattern | None = None
    heading: tuple[str, ...] = ()
    not_heading: tuple[str, ...] = ()

    def match(self, label: str, path: str) -> Term | None:
        """The cell this concept assigns to a figure with this label (as compared, :func:`_compared`) under the
        headings of this path (their labels joined by spaces), or None. :func:`cell_term` works both out once."""
        if (self.heading and not all(word in path for word in self.heading)) or (
                self.not_heading and any(word in path for word in self.not_heading)):
            return None  # most concepts name no heading: told without a generator
        if self.pattern is not None:
            m = self.pattern.match(label)
            return _cell(self.cell.format(**m.groupdict())) if m else None
        key = concept_key(label)
        return _cell(self.cell.format(label=key)) if key in self.labels else None


@lru_cache(maxsize=4096)  # a concept names the same few cells for every label and every disclosure of a file
def _cell(text: str) -> Term:
    """:func:`auditor.formula.parse_cell` of a concept's cell with its label filled in (a Term is immutable)."""
    return parse_cell(text)


@cache
def concepts() -> tuple[Concept, ...]:
    path = rules_dir() / "concepts.toml"
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("concept", [])
    found = []
    for number, entry in enumerate(entries, start=1):
        origin = f"{path.name} 第{number}个 [[concept]]"
        if "cell" not in entry or not ("labels" in entry or "pattern" in entry):
            raise FormulaError(f"{origin}: 需要 cell 以及 labels 或 pattern")
        parse_cell(re.sub(r"\{\w+\}", "X", entry["cell"]), origin)  # fail early on a malformed reference
        found.append(Concept(
            cell=entry["cell"],
            labels=frozenset(concept_key(x) for x in entry.get("labels", ())),
            pattern=re.compile(entry["pattern"]) if "pattern" in entry else None,
            heading=tuple(entry.get("heading", ())),
            not_heading=tuple(entry.get("not_heading", ())),
        ))
    return tuple(found)


def compared(reference: CellReference) -> tuple[Interval, Interval, bool]:
    """A stated figure and the cell it restates, both in 万元, and whether they agree within rounding (the intervals
    meet): the one test of `xref.table`, and of the verdicts, which count a prose figure restating a cell as evidence
    for its table's reading."""
    stated, cell = reference.figure.quantity.magnitude(), reference.cell.magnitude()
    return stated, cell, stated.overlaps(cell)


def cell_term(label: str, path: str) -> Term | None:
    """The cell the first concept that matches assigns to a figure with this label under headings of this path
    (their labels joined by spaces: the concepts read no more of them)."""
    compared_label = _compared(label)
    key = concept_key(compared_label)
    for concept in concepts():
        if concept.pattern is None and key not in concept.labels:
            continue  # the label is none of its words (:meth:`Concept.match` would say None): most concepts, told at once
        term = concept.match(compared_label, path)
        if term is not None:
            return term
    return None


def cell_references(facts: Facts, tables: dict[str, Table]) -> Iterator[CellReference]:
    """Each stated money figure, and each named base no stated figure can mean, with the cell its words name.

    Made whether or not the document carries the tables: without them the references still
    tie prose figures together through the identities of ``rules/*.rules``. A label under one
    heading path names one cell: asked once per document, as a disclosure repeats its labels.
    """
    terms: dict[tuple[str, str], Term | None] = {}
    cells: dict[Term, object] = {}

    def reference(figure, label: str, scope: tuple[Heading, ...], share=None) -> CellReference | None:
        key = (label, " ".join(h.label for h in scope))  # the headings' labels, not the headings (which carry their line)
        if key not in terms:
            terms[key] = cell_term(*key)
        term = terms[key]
        if term is None:
            return None
        if term not in cells:
            cells[term] = table_cell(term, tables)
        return CellReference(figure, term, share=share, cell=cells[term])

    for mention in facts.mentions:
        if mention.role == "plain" and mention.quantity.is_money and (found := reference(mention, mention.label, mention.scope)):
            yield found
    for share in facts.shares:
        if share.whole is None and share.base_label and not facts.named_bases.any_for(share):
            if found := reference(share.part, share.base_label, share.part.scope, share):
                yield found
