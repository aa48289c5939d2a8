"""What a rule is: a stable id, a title, and a check that turns facts into findings.

Rules never parse text (extractors do that) and extractors never judge. A rule's
docstring is its documentation: the catalogue and the README table are made from it.
Its level, its old ids (``aliases``), its knobs (the tolerances and thresholds its
arithmetic uses) and, where a message is one sentence with figures in it, its message
templates (``messages``) are declared with it, in its ``@rule(...)`` line, and
``auditor rules ID`` shows them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

import attrs

from auditor.finding import Finding, Severity


@attrs.frozen
class Knob:
    """A figure a rule's judgement turns on (a tolerance, a threshold), declared beside the rule and shown by
    ``auditor rules ID``; the rule's code reads ``value`` rather than a constant of its own."""

    name: str
    value: Decimal | int
    meaning: str


@attrs.frozen
class Message:
    """A message a rule reports: its level and its template, whose named fields (``{amount}``) the rule fills
    (:meth:`format`). Declared beside the rule (``@rule(..., messages={...})``) and shown by ``auditor rules ID``."""

    severity: Severity
    template: str

    def format(self, **fields: object) -> str:
        return self.template.format(**fields)


@attrs.frozen
class Rule:
    """``severity`` is the most serious level the rule reports (some of its findings may be milder).

    ``aliases`` are ids the rule was known by before: settings (select, ignore, severity) and baselines
    written with one of them still apply to it. ``messages`` are its message templates by name, where a message is one
    sentence with named fields (rules whose messages are built from many pieces declare none).
    """

    id: str
    title: str
    severity: Severity
    check: Callable[..., Iterable[Finding]] = attrs.field(repr=False)
    aliases: tuple[str, ...] = ()
    knobs: tuple[Knob, ...] = ()
    messages: Mapping[str, Message] = attrs.field(factory=dict, eq=False)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""


_REGISTRY: dict[str, Rule] = {}


def rule(id: str, title: str, severity: Severity = "error", *, aliases: Iterable[str] = (), knobs: Iterable[Knob] = (),
         messages: Mapping[str, Message] | None = None):
    """Register a check function under a stable rule id (and the old ids it answers to), with its declared knobs and
    message templates."""

    def register(func):
        taken = set(_REGISTRY) | set(aliases_of_rules())
        for name in (id, *aliases):
            if name in taken:
                raise ValueError(f"rule id {name!r} registered twice")
        _REGISTRY[id] = Rule(id=id, title=title, severity=severity, check=func, aliases=tuple(aliases), knobs=tuple(knobs),
                             messages=dict(messages or {}))
        return func

    return register


def registered() -> dict[str, Rule]:
    return _REGISTRY


def aliases_of_rules() -> dict[str, str]:
    """Every old id, with the id of the rule that answers to it now."""
    return {alias: r.id for r in _REGISTRY.values() for alias in r.aliases}


def canonical(pattern: str) -> str:
    """A rule id or id prefix as the registry knows it: an alias becomes its rule's id; anything else is kept."""
    return aliases_of_rules().get(pattern, pattern)
