"""The rule catalogue: ``auditor rules [ID]`` and the README's rule table.

A rule documents itself (its docstring); ``rules/cases/<rule-id>.toml`` holds its cases, pieces of
disclosure text with the findings the auditor must report on each (tests/test_rule_cases.py runs
them all). The first case of every file is the rule's documented example: an inconsistent text,
the same excerpt put right (``consistent``) and a ``note`` saying what is wrong. ``explain`` runs
the auditor on it, so what a user reads as "auditor reports" is the actual output, never a copy
that could drift from it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import attrs

from auditor.api import check
from auditor.finding import SEVERITY_ZH, Finding
from auditor.knowledge import rules_dir
from auditor.rules import all_rules
from auditor.rules.base import Rule

CASES_DIR = "cases"
_INDENT = "    "
#: The README table's order: prose rules, standard tables, performance tables, then the document's
#: shape (a rule missing here comes last, by id).
CATALOGUE_ORDER = (
    "sum", "part-whole", "share", "growth", "budget", "unit", "xref",
    "table.sum", "table.hierarchy", "table.cross", "xref.table", "xref.identity", "table.layout",
    "perf.rate", "perf.exec-score", "perf.total", "perf.indicator", "perf.narrative", "perf.summary", "perf.rollup",
    "placeholder", "year.heading", "year.date", "year.compare", "year.typo",
    "wording.budget", "wording.flat", "wording.share-unit", "wording.none",
    "structure.missing", "structure.order", "structure.empty", "structure.extraction", "sangong.detail",
    "structure.section",
)


@attrs.frozen
class Case:
    """One text and what the auditor must report on it for ``rule``.

    ``expect`` lists the rule's findings in the order reported, each ``"line:column severity"``
    followed by key figures (or words) of its message, separated by spaces. ``consistent`` is a
    second text that must give no finding of the rule and no error (the documented example's
    put-right version; empty for other cases). ``settings`` is an ``auditor.toml`` as a table.
    """

    rule: str
    name: str
    text: str
    expect: tuple[str, ...]
    consistent: str = ""
    note: str = ""
    settings: dict = attrs.field(factory=dict, eq=False)
    path: Path | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}"


@attrs.frozen
class Example:
    """Two versions of one excerpt: ``inconsistent`` breaks the rule, ``note`` says how (in Chinese)."""

    consistent: str
    inconsistent: str
    note: str


def cases_dir() -> Path:
    return rules_dir() / CASES_DIR


@cache
def rule_cases() -> dict[str, tuple[Case, ...]]:
    """Every rule's cases by rule id, files read in the catalogue's order.

    Raises ValueError naming the file and the case when a case lacks its name or text, when two
    cases share a name, or when the first case is not a documented example (consistent text and note).
    """
    found: dict[str, tuple[Case, ...]] = {}
    for path in sorted(cases_dir().glob("*.toml")):
        with open(path, "rb") as handle:
            entries = tomllib.load(handle).get("case", [])
        rule_id = path.stem
        loaded = []
        for number, entry in enumerate(entries, 1):
            name = str(entry.get("name", "")).strip()
            if not name or not str(entry.get("text", "")).strip():
                raise ValueError(f"{path}: 第 {number} 个 case 缺少 name 或 text")
            unknown = set(entry) - {"name", "text", "expect", "consistent", "note", "settings"}
            if unknown:
                raise ValueError(f"{path}: case {name!r} 有未知的字段 {', '.join(sorted(unknown))}")
            loaded.append(Case(rule_id, name, entry["text"], tuple(entry.get("expect", ())), entry.get("consistent", ""),
                               entry.get("note", ""), entry.get("settings", {}), path))
        names = [c.name for c in loaded]
        if len(set(names)) != len(names):
            raise ValueError(f"{path}: case 名称重复")
        if not loaded or not (loaded[0].consistent.strip() and loaded[0].note.strip() and loaded[0].expect):
            raise ValueError(f"{path}: 第一个 case 应是规则的示例（text、consistent、note 与 expect）")
        found[rule_id] = tuple(loaded)
    order = {rule_id: position for position, rule_id in enumerate(CATALOGUE_ORDER)}
    return dict(sorted(found.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


def examples() -> dict[str, Example]:
    """Every rule's documented example (the first case of its file), in the catalogue's order."""
    return {rule_id: Example(c[0].consistent, c[0].text, c[0].note) for rule_id, c in rule_cases().items()}


def example(rule_id: str) -> Example:
    """The example of one rule; KeyError naming the folder when it has none."""
    try:
        return examples()[rule_id]
    except KeyError:
        raise KeyError(f"规则 {rule_id} 在 {cases_dir()} 中没有例子（{rule_id}.toml）") from None


def catalogue_rules() -> list[Rule]:
    """Every rule in the catalogue's order (CATALOGUE_ORDER, then any rule it lacks, by id)."""
    order = {rule_id: position for position, rule_id in enumerate(examples())}
    return sorted(all_rules(), key=lambda r: (order.get(r.id, len(order)), r.id))


def reported(rule: Rule) -> list[Finding]:
    """What the auditor reports for ``rule`` on the rule's inconsistent example."""
    return list(check(example(rule.id).inconsistent, select=[rule.id]).findings)


def explain(rule: Rule) -> str:
    """The text of ``auditor rules ID``: the rule and its level, its old ids, its documentation, knobs and message
    templates, both examples and what auditor reports."""
    ex = example(rule.id)
    lines = "\n".join(f"{f.location.line}:{f.location.column}: {f.severity} [{f.rule}] {f.message}" for f in reported(rule))
    parts = [
        f"{rule.id} [{rule.severity} {SEVERITY_ZH[rule.severity]}]: {rule.title}",
        f"曾用编号（配置与基线中仍然有效）：{'、'.join(rule.aliases)}" if rule.aliases else "",
        rule.doc,
        "参数：\n" + "\n".join(f"{_INDENT}{k.name} = {k.value}：{k.meaning}" for k in rule.knobs) if rule.knobs else "",
        "消息：\n" + "\n".join(f"{_INDENT}{key} [{m.severity} {SEVERITY_ZH[m.severity]}]：{m.template}" for key, m in rule.messages.items())
        if rule.messages else "",
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
