"""Every rule's cases (rules/cases/<rule-id>.toml): each text gives exactly the findings its case expects.

A case's expectation is ``"line:column severity"`` and key figures (or words) of the message: the rule
must report exactly those findings, in that order, each message holding every key given. The first case
of a file is the rule's documented example; its ``consistent`` text must give no finding of the rule and
no error at all. See rules/cases/README.md.
"""

import tomllib

import pytest

import auditor
from auditor.catalogue import rule_cases
from auditor.rules import all_rules

CASES = [case for cases in rule_cases().values() for case in cases]


def _config(case, tmp_path):
    if not case.settings:
        return None
    path = tmp_path / "auditor.toml"
    path.write_text(_toml(case.settings), encoding="utf-8")
    return path  # auditor.check reads it as a settings file


def _toml(table: dict, prefix: str = "") -> str:
    """A flat writer for a case's settings: strings, lists of strings and tables of strings."""
    lines, tables = [], []
    for key, value in table.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{key!r} = {_value(value)}".replace("'", '"'))
    for key, value in tables:
        lines.append(f"[{prefix}{key}]")
        lines.extend(f'"{k}" = {_value(v)}' for k, v in value.items())
    return "\n".join(lines) + "\n"


def _value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return f'"{value}"'


def _shown(findings) -> list[str]:
    return [f"{f.location.line}:{f.location.column} {f.severity} {f.message}" for f in findings]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_gives_the_expected_findings(case, tmp_path):
    findings = auditor.check(case.text, select=[case.rule], config=_config(case, tmp_path)).findings
    mine = [f for f in findings if f.rule == case.rule]
    places = [" ".join(e.split()[:2]) for e in case.expect]
    assert [f"{f.location.line}:{f.location.column} {f.severity}" for f in mine] == places, _shown(mine)
    for finding, expected in zip(mine, case.expect, strict=True):
        missing = [key for key in expected.split()[2:] if key not in finding.message]
        assert not missing, (missing, finding.message)


@pytest.mark.parametrize("case", [c for c in CASES if c.consistent], ids=[c.id for c in CASES if c.consistent])
def test_consistent_version_gives_no_finding_of_its_rule_and_no_error(case, tmp_path):
    findings = auditor.check(case.consistent, config=_config(case, tmp_path)).findings
    assert [f.message for f in findings if f.rule == case.rule or f.severity == "error"] == []


def test_every_rule_has_a_file_of_cases_with_a_consistent_and_an_inconsistent_text():
    assert set(rule_cases()) == {r.id for r in all_rules()}
    for rule_id, cases in rule_cases().items():
        assert cases[0].consistent.strip() and any(c.expect for c in cases), rule_id


def test_the_documented_example_is_reported_at_the_rules_most_serious_level():
    for rule in all_rules():
        example = rule_cases()[rule.id][0]
        assert rule.severity in {e.split()[1] for e in example.expect}, rule.id


def test_a_case_file_that_breaks_the_format_is_named(tmp_path, monkeypatch):
    from auditor import catalogue

    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "share.toml").write_text('[[case]]\nname = "x"\n', encoding="utf-8")
    monkeypatch.setattr(catalogue, "rules_dir", lambda: tmp_path)
    catalogue.rule_cases.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"share\.toml.*name 或 text"):
            catalogue.rule_cases()
    finally:
        catalogue.rule_cases.cache_clear()


def test_settings_writer_round_trips():
    settings = {"select": ["share"], "severity": {"share": "warning"}}
    assert tomllib.loads(_toml(settings)) == settings
