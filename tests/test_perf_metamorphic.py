"""Layouts as test inputs (issue 20, item 7): one performance table's facts printed in eight layouts.

``tests/generated/perf.py`` draws a project's true figures and prints the same strings
(:class:`~generated.perf.PrintedTable`) as the three corpus layouts (etdz's TAB rows with a
符号/值/单位 target, jincheng's TAB rows with ``≥90%`` targets, the emergency center's one
cell per line with wrapped cells and broken numbers), as space-separated rows under one
header row and a letter-spaced title, as one cell per line behind a TAB with columns named
调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 指标性质 / 度量单位 / 完成值, a 合计 row and a
评价结论 restating score and money, as ``|`` cells, and as the cells of a .docx table and a
.xlsx sheet read through :mod:`auditor.read`. The properties, over generated facts:

* consistent facts give no error and no warning in any layout, and every layout reads the
  same figures (so that silence is a reading, not nothing read);
* one planted inconsistency (the total, the execution score, the execution rate, or an
  indicator's actual value far below its target with full marks) gives the same findings
  (rule, severity, stated, expected) in every layout, the planted one among them;
* a corrupted print (an indicator row dropped, the weights shifted down one row) gives no
  perf.total error in any layout, and a perf.total note that the total was not checked.

The matrix: 8 layouts × 7 properties (1 consistent, 4 planted, 2 corrupted) = 56 cells, each
over the Hypothesis profile's examples (tests/conftest.py).
"""

from __future__ import annotations

import random
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from generated.perf import METAMORPHIC_LAYOUTS, PrintedTable, draw_projects, metamorphic_text, printed_table, write_metamorphic
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor
from auditor.document.model import Document
from auditor.perf.reader import read_perf_tables

EXAMPLES = max(8, settings.default.max_examples // 10)
PLANTED = ("total", "exec-score", "rate", "missed-target")
CORRUPTED = ("row-dropped", "weights-shifted")


def draw(seed: int) -> PrintedTable:
    """A table drawn from ``seed``: an execution weight of 10 (jincheng does not print it), a name without digits
    (a wrapped digit-only line would read as the rest of a number in the one-cell-per-line print)."""
    rng = random.Random(seed)
    while True:
        [project] = draw_projects(rng, 1, "jincheng")
        if not any(c.isdigit() for c in project.name):
            return printed_table(project)


def documents(table: PrintedTable, seed: int):
    """(layout, Document) for every layout; the .docx and .xlsx written to a temporary folder and read back."""
    with tempfile.TemporaryDirectory() as folder:
        for layout in METAMORPHIC_LAYOUTS:
            if layout in ("docx", "xlsx"):
                path = Path(folder) / f"table.{layout}"
                write_metamorphic(table, layout, path)
                yield layout, auditor.load(path)
            else:
                yield layout, Document(metamorphic_text(table, layout, random.Random(seed)), f"table-{layout}.txt")


def findings(document) -> list[tuple[str, str, str, str]]:
    return sorted((f.rule, f.severity, f.stated or "", f.expected or "") for f in auditor.check(document).findings if f.severity != "info")


def _figure(value: Decimal, like: str) -> str:
    places = len(like.partition(".")[2])
    return f"{value:.{places}f}"


def plant(table: PrintedTable, kind: str, pick: int) -> tuple[PrintedTable, tuple[str, str]]:
    """The table with one figure wrong, and the (rule, stated) of the finding it must draw."""
    if kind == "total":
        total = _figure(Decimal(table.total) + Decimal("2.5"), table.total)
        return attrs.evolve(table, total=total), ("perf.total", total)
    if kind == "exec-score":
        score = _figure(Decimal(table.exec_score) - Decimal(1) if Decimal(table.exec_score) >= 1 else Decimal(table.exec_score) + 1,
                        table.exec_score)
        return attrs.evolve(table, exec_score=score), ("perf.exec-score", score)
    if kind == "rate":
        rate = _figure(Decimal(table.rate) + Decimal(3), table.rate)
        return attrs.evolve(table, rate=rate), ("perf.rate", f"{rate}%")
    met = [k for k, i in enumerate(table.indicators) if i.operator in ("≥", "=", ">") and i.weight == i.score.split(".")[0]
           and i.score.rstrip("0").rstrip(".") == i.weight]
    if not met:
        return table, ("", "")
    k = met[pick % len(met)]
    indicator = table.indicators[k]
    actual = f"{Decimal(indicator.target) / 2:.0f}{indicator.unit}"
    rows = list(table.indicators)
    rows[k] = attrs.evolve(indicator, actual=actual)
    return attrs.evolve(table, indicators=tuple(rows)), ("perf.indicator", actual)


def corrupt(table: PrintedTable, kind: str, pick: int) -> PrintedTable:
    rows = list(table.indicators)
    if kind == "row-dropped":
        del rows[1 + pick % (len(rows) - 1)]
        return attrs.evolve(table, indicators=tuple(rows))
    weights = ["", *(i.weight for i in rows[:-1])]  # the 分值 column printed one row down, its first cell blank
    return attrs.evolve(table, indicators=tuple(attrs.evolve(i, weight=w) for i, w in zip(rows, weights, strict=True)))


@settings(max_examples=EXAMPLES)
@given(seed=st.integers(0, 2**32 - 1))
def test_consistent_facts_give_no_finding_and_the_same_reading_in_every_layout(seed):
    table = draw(seed)
    readings = {}
    for layout, document in documents(table, seed):
        assert findings(document) == [], layout
        [read] = read_perf_tables(document)
        readings[layout] = (read.budget.text, read.executed.text, read.rate.text, read.exec_score.text, read.total.text,
                            [(i.weight.quantity.value, i.score.text, i.operator, i.target and i.target.text, i.actual_text)
                             for i in read.indicators])
    first = readings["etdz"]
    assert all(reading == first for reading in readings.values()), readings


@pytest.mark.parametrize("kind", PLANTED)
@settings(max_examples=EXAMPLES)
@given(seed=st.integers(0, 2**32 - 1), pick=st.integers(0, 100))
def test_one_planted_inconsistency_gives_the_same_finding_in_every_layout(kind, seed, pick):
    table, (rule, stated) = plant(draw(seed), kind, pick)
    if not rule:
        return  # no indicator met with full marks to plant a miss in
    found = {layout: findings(document) for layout, document in documents(table, seed)}
    first = found["etdz"]
    assert any(f[0] == rule and f[2] == stated and f[1] in ("error", "warning") for f in first), (kind, first)
    assert all(f == first for f in found.values()), found


@pytest.mark.parametrize("kind", CORRUPTED)
@settings(max_examples=EXAMPLES)
@given(seed=st.integers(0, 2**32 - 1), pick=st.integers(0, 100))
def test_a_corrupted_print_gives_no_total_error_and_a_note_in_every_layout(kind, seed, pick):
    table = corrupt(draw(seed), kind, pick)
    for layout, document in documents(table, seed):
        report = auditor.check(document)
        assert not [f for f in report.errors if f.rule == "perf.total"], (layout, [f.message for f in report.errors])
        assert any(f.rule == "perf.total" and f.severity == "info" for f in report.findings), layout


def test_the_matrix_covers_eight_layouts():
    """Five text layouts beyond the corpus's three would be the floor (issue 20); the matrix is 8 × 7 = 56."""
    assert len(METAMORPHIC_LAYOUTS) == 8 and len(PLANTED) + len(CORRUPTED) + 1 == 7
