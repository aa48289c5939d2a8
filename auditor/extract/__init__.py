"""Extraction: a Document in, Facts out (figures, labels, and the relations the prose asserts)."""

from __future__ import annotations

from auditor.document.layout import blocks
from auditor.document.model import Document
from auditor.extract.claims import ClaimCollector
from auditor.extract.facts import Facts


def extract(document: Document) -> Facts:
    collector = ClaimCollector()
    for index, block in enumerate(blocks(document)):
        collector.read_block(block, index)
    return Facts(
        document=document,
        mentions=tuple(collector.mentions),
        lists=tuple(collector.lists),
        shares=tuple(collector.shares),
        year_on_year=tuple(collector.year_on_year),
        budgets=tuple(collector.budgets),
    )
