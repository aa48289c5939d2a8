"""Hypothesis strategies over generated documents.

A document is drawn from a ``random.Random`` that hypothesis controls
(``use_true_random=False``), so a failing document replays from the database and
shrinks towards simpler draws.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .disclosure import disclosure
from .model import Rendered


def disclosures(*, projects: int | None = None) -> st.SearchStrategy[Rendered]:
    """Consistent 部门决算公开: the nine tables and the prose of 第三部分 (see disclosure.py)."""
    return st.randoms(use_true_random=False).map(lambda rng: disclosure(rng, projects=projects))
