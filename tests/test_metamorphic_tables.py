"""Layouts as test inputs (issue 20, item 7): the same table facts in every layout give the same verdict.

tests/render_tables.py prints one unit's 公开03表 and 05表 (facts drawn by tests/generated) in ten text
layouts and as .docx and .xlsx cells. Over drawn facts (Hypothesis):

* consistent facts: no error and no warning, in every layout, and both tables read and confirmed;
* one cell planted wrong (a 项 row's total, the column every layout places): the same findings (rule,
  stated, expected) in every layout as in the TAB grid, and at least one;
* a corrupted reading (a column shifted by one row, a column dropped, code columns merged): no error,
  and a note that the table was not understood.

The matrix: 12 layouts × 2 properties + 3 corruptions = 27 tests.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from build_formats import build_docx, build_prose_and_xlsx
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from render_tables import CORRUPTIONS, LAYOUTS, Facts, draw_facts, dropped_column, merged_codes, shifted_column, tab

import auditor

FORMATS = ("docx", "xlsx")
EXAMPLES = 12
FACTS = st.randoms(use_true_random=False).map(draw_facts)
SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]


def audit(facts: Facts, layout: str, tmp: Path) -> auditor.Report:
    """The facts in a layout, audited as a user would: a text, or a Word file, or prose and a workbook."""
    if layout not in FORMATS:
        return auditor.check(auditor.Document(LAYOUTS[layout](facts), "tables.txt"))
    source = tmp / f"tables-{random.random()}.txt"
    source.write_text(tab(facts), encoding="utf-8")
    if layout == "docx":
        build_docx(source, source.with_suffix(".docx"))
        return auditor.check(source.with_suffix(".docx"))
    prose, workbook = source.with_suffix(".prose.txt"), source.with_suffix(".xlsx")
    build_prose_and_xlsx(source, prose, workbook)
    return auditor.check(prose, tables=workbook)


def signature(report: auditor.Report) -> set[tuple[str, str | None, str | None]]:
    return {(f.rule, f.stated, f.expected) for f in report.findings if f.severity in ("error", "warning")}


def show(report: auditor.Report) -> str:
    return "\n".join(f"{f.location.line}: {f.severity} [{f.rule}] {f.message}" for f in report.findings)


@pytest.mark.parametrize("layout", [*LAYOUTS, *FORMATS])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW)
@given(facts=FACTS)
def test_consistent_facts_give_no_error_in_any_layout(facts, layout, tmp_path):
    report = audit(facts, layout, tmp_path)
    note(show(report))
    assert not signature(report)
    coverage = report.files[0].coverage if layout != "xlsx" else _merged_coverage(report)
    assert coverage.tables_confirmed == ("03", "05") and not coverage.tables_not_understood


def _merged_coverage(report: auditor.Report):
    """Prose and workbook: the tables are read from the second file, the coverage stands on the first."""
    return report.files[0].coverage


def _planted(facts: Facts, rng: random.Random) -> Facts:
    """One 项 row's total changed by a tenth and at least 1.00 万元: beyond any rounding of the cells around it."""
    table = rng.choice(facts.tables)
    rows = [i for i, row in enumerate(table.rows) if len(row.code) == 7]
    row = rng.choice(rows)
    delta = max(table.rows[row].cells[0] / 10, Decimal(1)).quantize(Decimal("0.01"))
    changed = table.planted(row, 0, delta)
    return Facts(facts.unit, facts.year, tuple(changed if t is table else t for t in facts.tables), facts.watermark)


@pytest.mark.parametrize("layout", [*LAYOUTS, *FORMATS])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW)
@given(facts=FACTS, pick=st.randoms(use_true_random=False))
def test_a_planted_inconsistency_gives_the_same_finding_in_every_layout(facts, pick, layout, tmp_path):
    wrong = _planted(facts, pick)
    expected = signature(auditor.check(auditor.Document(tab(wrong), "tables.txt")))
    report = audit(wrong, layout, tmp_path)
    note(show(report))
    assert expected and signature(report) == expected
    assert all(f.severity == "error" for f in report.findings if f.severity != "info")  # the tables stay confirmed


@pytest.mark.parametrize("corruption", CORRUPTIONS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW)
@given(facts=FACTS)
def test_a_corrupted_reading_gives_a_note_and_no_error(facts, corruption):
    table = facts.tables[0]  # 公开03表: 基本支出 and 项目支出 both carry money in most units
    figures = [sum(1 for row in table.rows if row.cells[c]) for c in range(len(table.columns))]
    column = max(range(1, len(table.columns)), key=lambda c: figures[c])
    if corruption == "shifted column":
        text = shifted_column(facts, table, column)
    elif corruption == "dropped column":
        text = dropped_column(facts, table, column)
    else:
        text = merged_codes(facts)
    report = auditor.check(auditor.Document(text, "tables.txt"))
    note(show(report))
    assert not report.errors
    assert any(f.rule == "table.layout" and "未能读懂" in f.message for f in report.findings)
