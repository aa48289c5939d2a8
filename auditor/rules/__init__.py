"""The rule engine: every registered rule, run over the extracted facts.

One module per rule, named by its id (``perf.exec-score`` lives in ``perf_exec_score.py``): importing the
package imports every module that does not start with ``_`` (family helpers: ``_perf_table.py``) and
registers its rule, so a new rule is a new file. ``base`` says what a rule is, ``common`` holds what the
arithmetic rules share, including the one way to build a finding, ``notes`` the words of every skip note.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from auditor.errors import internal_error
from auditor.finding import Finding
from auditor.rules.base import Rule, aliases_of_rules, canonical, registered

_NOT_RULES = {"base", "common", "notes"}

for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_") and _module.name not in _NOT_RULES:
        importlib.import_module(f"{__name__}.{_module.name}")

if TYPE_CHECKING:
    from auditor.config import Config


__all__ = ["Rule", "aliases_of_rules", "all_rules", "canonical", "registered", "run_rules", "selected_rules"]


def all_rules() -> list[Rule]:
    """Every rule, ordered by id."""
    return sorted(registered().values(), key=lambda r: r.id)


def _matches(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p + ".") for p in patterns)


def selected_rules(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Rule]:
    """Rules kept by ``select`` (ids or id prefixes) and not dropped by ``ignore``.

    Raises ValueError naming any id that matches no rule, so a typo is not silently
    taken for "check nothing".
    """
    rules = all_rules()
    known = [r.id for r in rules]
    select = [canonical(p) for p in select or ()]
    ignore = [canonical(p) for p in ignore or ()]
    for pattern in [*select, *ignore]:
        if not _matches_any(pattern, known):
            raise ValueError(f"未知的规则编号 {pattern!r}；可用的规则：{', '.join(known)} (unknown rule id {pattern!r})")
    if select:
        rules = [r for r in rules if _matches(r.id, select)]
    if ignore:
        rules = [r for r in rules if not _matches(r.id, ignore)]
    return rules


def _matches_any(pattern: str, known: list[str]) -> bool:
    return any(_matches(rule_id, [pattern]) for rule_id in known)


def run_rules(facts, config: Config | None = None) -> list[Finding]:
    """The findings of the rules the settings select, at the severity the settings give them."""
    select, ignore = (config.select, config.ignore) if config else ((), ())
    findings: list[Finding] = []
    for r in selected_rules(select, ignore):
        try:
            findings.extend(r.check(facts))
        except Exception as exc:  # a bug: name the rule and the file, never pass it off as an unreadable file
            raise internal_error(facts.document.path, f"规则 {r.id} ", exc) from exc
    if config and config.severity:
        config = attrs.evolve(config, severity=tuple((canonical(pattern), level) for pattern, level in config.severity))
        findings = [attrs.evolve(f, severity=config.severity_of(f.rule, f.severity)) for f in findings]
    return findings
