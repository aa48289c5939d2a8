"""What a rule is: a stable id, a title, and a check that turns facts into findings.

Rules never parse text (extractors do that) and extractors never judge. A rule's
docstring is its documentation: the catalogue and the README table are made from it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable

import attrs

from auditor.finding import Finding, Severity


@attrs.frozen
class Rule:
    """``severity`` is the most serious level the rule reports (some of its findings may be milder)."""

    id: str
    title: str
    severity: Severity
    check: Callable[..., Iterable[Finding]] = attrs.field(repr=False)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""


_REGISTRY: dict[str, Rule] = {}


def rule(id: str, title: str, severity: Severity = "error"):
    """Register a check function under a stable rule id."""

    def register(func):
        if id in _REGISTRY:
            raise ValueError(f"rule id {id!r} registered twice")
        _REGISTRY[id] = Rule(id=id, title=title, severity=severity, check=func)
        return func

    return register


def registered() -> dict[str, Rule]:
    return _REGISTRY
