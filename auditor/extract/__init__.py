"""Extraction: a Document in, Facts out (figures, labels, and the relations the prose asserts)."""

from __future__ import annotations

from auditor.document.layout import blocks
from auditor.document.model import Document
from auditor.extract.checklist import read_checklist
from auditor.extract.claims import ClaimCollector
from auditor.extract.facts import Facts
from auditor.perf.reader import read_perf_tables
from auditor.perf.summary import read_statements
from auditor.tables.reader import read_tables


def extract(document: Document, tables: Document | None = None) -> Facts:
    """Facts of one disclosure; ``tables`` is a second document holding its standard tables (a workbook)."""
    collector = ClaimCollector()
    prose = blocks(document)
    for index, block in enumerate(prose):
        collector.read_block(block, index)
    collector.finish()
    found, notes = read_tables(document)
    if tables is not None:
        more, more_notes = read_tables(tables)
        found, notes = found + more, notes + more_notes
    statements, rollups = read_statements(prose, collector)
    facts = Facts(
        document=document,
        mentions=tuple(collector.mentions),
        lists=tuple(collector.lists),
        shares=tuple(collector.shares),
        year_on_year=tuple(collector.year_on_year),
        budgets=tuple(collector.budgets),
        orphan_shares=tuple(collector.orphan_shares),
        tables=tuple(found),
        table_notes=tuple(notes),
        perf_tables=tuple(read_perf_tables(document)),
        perf_statements=tuple(statements),
        perf_rollups=tuple(rollups),
        checklist=read_checklist(document, prose, collector, tables_elsewhere=tables is not None),
        prose_headings=tuple(dict.fromkeys(h for block in prose for h in block.scope)),
    )
    # The views extraction shared (normalised lines, table regions, classified lines) are not read
    # after it: the facts and the report need not keep them.
    document.forget_views()
    if tables is not None:
        tables.forget_views()
    return facts
