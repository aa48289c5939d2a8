"""Layout invariance over the corpus: the same document typed with full-width digits and punctuation gives the same errors.

Offices type ０-９, ％, ， and ． as often as their ASCII forms, mixed within one document;
normalisation maps them one for one, so what is read, and what is found, must not change.
"""

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import auditor

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = sorted([*FIXTURES.glob("corpus/*.txt"), *FIXTURES.glob("putuo/*.txt")])
_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "0123456789%,.;:()"}


def errors(text: str) -> set[tuple[str, str | None, str | None]]:
    report = auditor.check(auditor.Document(text, "doc.txt"))
    return {(f.rule, f.stated, f.expected) for f in report.errors}


@pytest.fixture(scope="module")
def originals():
    return {path.name: (text := path.read_text(encoding="utf-8"), errors(text)) for path in DOCUMENTS}


@pytest.mark.parametrize("name", sorted(p.name for p in DOCUMENTS if p.stat().st_size < 100_000))
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32), st.floats(min_value=0.1, max_value=1.0))
def test_full_width_characters_change_no_error(originals, name, seed, share):
    text, expected = originals[name]
    rng = random.Random(seed)
    wide = "".join(_WIDE[c] if c in _WIDE and rng.random() < share else c for c in text)
    assert errors(wide) == expected


# --- page furniture, letter-spaced titles and TABs (tests/layout_perturbations.py) -----------------------------

from layout_perturbations import (  # noqa: E402
    footers,
    hard_wraps,
    letter_spaced_headings,
    letter_spaced_titles,
    tabs_to_spaces,
    watermarks,
)

TABLED = sorted(p.name for p in DOCUMENTS if p.stat().st_size < 130_000)


@pytest.mark.parametrize("name", TABLED)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=12))
def test_footers_watermarks_and_letter_spaced_titles_change_no_error(originals, name, seed, count):
    """Page footers (alone or with blank lines around) and a recurring watermark the reader's vocabulary does not list,
    between any two lines, and any short line printed letter-spaced (titles, headings, header words): the same errors."""
    text, expected = originals[name]
    rng = random.Random(seed)
    laid = watermarks(letter_spaced_titles(footers(text, rng, count), rng), rng, count)
    assert errors(laid) == expected


@pytest.mark.parametrize("name", TABLED)
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_tabs_printed_as_spaces_add_no_error(originals, name, seed):
    """TAB cells printed as runs of spaces lose their empty cells: fewer checks may run (benchmarks/layout.py
    measures how many errors are kept), but no error may be built on a cell whose column became a guess."""
    text, expected = originals[name]
    assert errors(tabs_to_spaces(text, random.Random(seed))) <= expected


@pytest.mark.parametrize("name", TABLED)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_prose_hard_wrapped_at_any_width_changes_no_error(originals, name, seed):
    """The prose broken at one random column width, inside numbers and names too (``1920.3`` + newline + ``8万元``,
    ``仍保留该表格`` + newline + ``式``, a numbered heading wrapped after its first words): the same errors."""
    text, expected = originals[name]
    assert errors(hard_wraps(text, random.Random(seed))) == expected


@pytest.mark.parametrize("name", TABLED)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_letter_spaced_headings_change_no_error(originals, name, seed):
    """``六、一 般 公 共 预 算 …`` is the same heading: its words still scope the figures under it."""
    text, expected = originals[name]
    assert errors(letter_spaced_headings(text, random.Random(seed))) == expected


def test_a_wrapped_line_that_opens_with_the_rest_of_a_year_stays_prose():
    """本单位20 / 19 年度…决算 1.9 / 3 万元 (blank lines between, as a PDF extraction prints them): the middle line opens
    with the rest of a year and ends in a number the wrap broke; it was taken for a table row (two figures, no sentence
    punctuation) and left out of the prose, so the amount read as 3 万元 (a false sum error)."""
    text = ("五、“三公”经费支出决算情况说明\n\n2.公务用车购置及运行维护费支出情况。本单位20\n\n 19 年度公务用车购置及运行维护费支出决算 1.9\n\n"
            " 3 万元，完成预算的 23.74%，决算\n\n 数小于预算数，与上年持平。其中：公务用车购置费 0.00 万元，公务用车运行维护费 1.93 万元。\n")
    assert not auditor.check(auditor.Document(text, "wrapped.txt")).errors
