"""The rule catalogue: ``auditor rules [ID]`` and the README's rule table.

A rule documents itself (its docstring); ``rules/examples.toml`` adds, for every rule, a
consistent and an inconsistent piece of disclosure text. The examples are data rather
than docstring text because they are also tested (tests/test_catalogue.py) and because
``explain`` runs the auditor on them: what a user reads as "auditor reports" is the
actual output, never a copy that could drift from it.
"""

from __future__ import annotations

import tomllib
from functools import cache

import attrs

from auditor.api import check
from auditor.finding import SEVERITY_ZH, Finding
from auditor.knowledge import rules_dir
from auditor.rules import all_rules
from auditor.rules.base import Rule

EXAMPLES_FILE = "examples.toml"
_INDENT = "    "


@attrs.frozen
class Example:
    """Two versions of one excerpt: ``inconsistent`` breaks the rule, ``note`` says how (in Chinese)."""

    consistent: str
    inconsistent: str
    note: str


@cache
def examples() -> dict[str, Example]:
    """Every rule's example, in the order of ``rules/examples.toml``.

    Raises ValueError naming the file and the rule when an entry lacks one of its three texts.
    """
    path = rules_dir() / EXAMPLES_FILE
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    found = {}
    for rule_id, entry in data.items():
        missing = [key for key in ("consistent", "inconsistent", "note") if not isinstance(entry, dict) or not str(entry.get(key, "")).strip()]
        if missing:
            raise ValueError(f"{path}: [{rule_id}] 缺少 {', '.join(missing)}")
        found[rule_id] = Example(entry["consistent"], entry["inconsistent"], entry["note"])
    return found


def example(rule_id: str) -> Example:
    """The example of one rule; KeyError naming the file when it has none."""
    try:
        return examples()[rule_id]
    except KeyError:
        raise KeyError(f"规则 {rule_id} 在 {rules_dir() / EXAMPLES_FILE} 中没有例子") from None


def catalogue_rules() -> list[Rule]:
    """Every rule in the catalogue's order: as ``rules/examples.toml`` lists them, then any rule it lacks, by id."""
    order = {rule_id: position for position, rule_id in enumerate(examples())}
    return sorted(all_rules(), key=lambda r: (order.get(r.id, len(order)), r.id))


def reported(rule: Rule) -> list[Finding]:
    """What the auditor reports for ``rule`` on the rule's inconsistent example."""
    return list(check(example(rule.id).inconsistent, select=[rule.id]).findings)


def explain(rule: Rule) -> str:
    """The text of ``auditor rules ID``: the rule, its documentation, both examples and what auditor reports."""
    ex = example(rule.id)
    lines = "\n".join(f"{f.location.line}:{f.location.column}: {f.severity} [{f.rule}] {f.message}" for f in reported(rule))
    parts = [
        f"{rule.id} [{rule.severity} {SEVERITY_ZH[rule.severity]}]: {rule.title}",
        rule.doc,
        f"一致的例子：\n{_indented(ex.consistent)}",
        f"不一致的例子：\n{_indented(ex.inconsistent)}",
        f"错在哪里：{ex.note}",
        f"auditor 对不一致例子的报告（行:列）：\n{_indented(lines or '（没有发现）')}",
    ]
    return "\n\n".join(part for part in parts if part)


def _indented(text: str) -> str:
    return "\n".join(_INDENT + line if line.strip() else "" for line in text.strip("\n").split("\n"))


def listing() -> str:
    """The text of ``auditor rules``: one line per rule by id (where a reader looks one up), severity and title aligned."""
    rules = all_rules()
    width = max(len(r.id) for r in rules)
    return "\n".join(f"{r.id:<{width}}  {SEVERITY_ZH[r.severity]}  {r.title}" for r in rules)


def markdown_table() -> str:
    """The README's rule table: one row per rule in the catalogue's order, with the first paragraph of its documentation."""
    rows = ["| 规则 | 级别 | 标题 | what it checks |", "|---|---|---|---|"]
    for r in catalogue_rules():
        summary = " ".join(r.doc.split("\n\n", 1)[0].split())
        rows.append(f"| `{r.id}` | {SEVERITY_ZH[r.severity]} | {_cell(r.title)} | {_cell(summary)} |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")
