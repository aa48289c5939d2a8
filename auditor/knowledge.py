"""The knowledge files in ``rules/``: read once, shared by the stages that need them.

In a source checkout they are the top-level ``rules/`` folder; an installed wheel
carries the same files as ``auditor/_rules`` (see pyproject.toml).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def rules_dir() -> Path:
    for candidate in (_PACKAGE / "_rules", _PACKAGE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no rules/ folder next to {_PACKAGE} (a broken installation)")


@cache
def vocabulary() -> dict:
    """``rules/vocabulary.toml``: watermarks, reason and description phrases, list openers."""
    with open(rules_dir() / "vocabulary.toml", "rb") as handle:
        return tomllib.load(handle)
