"""What a rule case (rules/cases/, run by tests/test_rule_cases.py) cannot say: the related places a finding names,
the rules' documentation and the rule ids."""

import pytest

import auditor
from auditor import catalogue
from auditor.rules import all_rules, selected_rules


def findings(text: str, rule: str):
    return auditor.check(text, select=[rule]).findings


def line_col(text: str, needle: str) -> tuple[int, int]:
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def test_sum_error_names_the_total_and_every_part():
    text = "本单位2023年度本年支出合计774.37万元，其中：基本支出395.91万元，占51.1%；项目支出368.46万元，占48.9%；上缴上级支出0.00万元，占0.0%。"
    (f,) = findings(text, "sum")
    assert f.severity == "error" and f.location.line == 1
    assert f.location.column == line_col(text, "774.37")[1]
    assert len(f.related) == 3 and "764.37" in f.message


def test_part_whole_error_names_both_figures():
    text = "涉及二级项目64个，资金12,814.56万元，其中一般公共预算项目支出25416.8万元、政府性基金预算项目支出0万元。"
    (f,) = findings(text, "part-whole")
    assert (f.location.line, f.location.column) == line_col(text, "25416.8")
    assert f.related[0].column == line_col(text, "12,814.56")[1]
    assert "12602.18" in f.message


def test_share_of_a_named_base_names_the_base():
    text = "政府采购支出总额11,687.04万元。授予中小企业合同金额9,702.52万元，占政府采购支出总额的80.02%。"
    (f,) = findings(text, "share")
    assert f.related[-1].column == line_col(text, "11,687.04")[1]


def test_every_rule_is_documented_and_its_examples_live_in_the_catalogue():
    """A rule's docstring explains it; its examples are the first case of rules/cases/<id>.toml, not the docstring's."""
    for r in all_rules():
        summary, _, explanation = r.doc.partition("\n\n")
        assert r.title and summary.strip(), r.id
        assert explanation.strip(), f"{r.id}: the docstring says no more than its first line"
        assert "Consistent" not in r.doc and "Inconsistent" not in r.doc, f"{r.id}: examples belong in rules/cases/{r.id}.toml"
        assert catalogue.example(r.id), r.id


def test_unknown_rule_id_is_rejected():
    with pytest.raises(ValueError, match="unknown rule id"):
        selected_rules(["shares"])


# --- one file per rule, aliases, knobs --------------------------------------------------------


def test_every_rule_lives_in_the_module_named_by_its_id():
    for r in all_rules():
        assert r.check.__module__ == "auditor.rules." + r.id.replace(".", "_").replace("-", "_"), r.id


@pytest.fixture
def renamed_rule(monkeypatch):
    """A rule registered as ``demo.new`` that was called ``demo.old``: one error at the text's first character."""
    from auditor.rules import registered
    from auditor.rules.base import Rule
    from auditor.rules.common import finding_at

    def check(facts):
        """Demo."""
        yield finding_at(facts, "demo.new", "error", "演示：本年支出合计", (0, 6))

    monkeypatch.setitem(registered(), "demo.new", Rule("demo.new", "演示", "error", check, aliases=("demo.old",)))
    return "本年支出合计774.37万元。\n"


def test_settings_keyed_by_an_old_id_still_apply(renamed_rule, tmp_path):
    assert [f.rule for f in auditor.check(renamed_rule, select=["demo.old"]).findings] == ["demo.new"]
    assert auditor.check(renamed_rule, select=["demo"], ignore=["demo.old"]).findings == ()
    settings = tmp_path / "auditor.toml"
    settings.write_text('select = ["demo.old"]\n[severity]\n"demo.old" = "warning"\n', encoding="utf-8")
    (f,) = auditor.check(renamed_rule, config=settings).findings
    assert (f.rule, f.severity) == ("demo.new", "warning")


def test_a_baseline_written_under_an_old_id_still_hides_its_finding(renamed_rule, tmp_path):
    import attrs

    from auditor.report.baseline import baseline_entry, baseline_text

    (found,) = auditor.check(renamed_rule, select=["demo"]).findings
    path = tmp_path / "基线.json"
    path.write_text(baseline_text([baseline_entry(attrs.evolve(found, rule="demo.old"))]), encoding="utf-8")
    report = auditor.check(renamed_rule, select=["demo"], baseline=path)
    assert report.findings == () and [f.rule for f in report.hidden] == ["demo.new"]


def test_an_alias_cannot_take_an_id_already_registered():
    from auditor.rules.base import rule

    with pytest.raises(ValueError, match="registered twice"):
        rule("demo.other", "演示", aliases=("share",))(lambda facts: ())
