"""The rule catalogue: ``auditor rules [ID]`` shows each rule's documented example (the first case of rules/cases/<id>.toml).

That the cases give the findings they expect is tests/test_rule_cases.py's business.
"""

from pathlib import Path

import pytest

import auditor
from auditor.catalogue import CATALOGUE_ORDER, Example, catalogue_rules, example, examples, explain, listing, markdown_table
from auditor.rules import all_rules

RULES = {r.id: r for r in all_rules()}


def test_a_rule_without_an_example_is_named():
    with pytest.raises(KeyError, match="no.such"):
        example("no.such")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_example_exists_with_a_note(rule_id):
    ex = example(rule_id)
    assert isinstance(ex, Example)
    assert ex.consistent.strip() and ex.inconsistent.strip() and ex.note.strip()
    assert ex.consistent != ex.inconsistent


def test_explain_shows_both_examples_and_what_auditor_reports():
    rule = RULES["share"]
    text = explain(rule)
    ex = example("share")
    assert text.startswith("share [error 错误]: 占比与分项÷总数不符")
    assert rule.doc in text and ex.note in text
    assert ex.consistent.strip() in text and ex.inconsistent.strip() in text
    (finding,) = auditor.check(ex.inconsistent, select=["share"]).findings
    assert f"{finding.location.line}:{finding.location.column}: error [share] {finding.message}" in text
    assert text.index("一致的例子") < text.index("不一致的例子") < text.index(finding.message)


def test_explain_indents_a_table_example_line_by_line():
    text = explain(RULES["table.sum"])
    assert "\n    公开03表\n" in text and "\n    201\t一般公共服务支出\t1,248.32\t745.91\t512.41\t\t\t\n" in text


def test_listing_names_every_rule_once_with_its_severity():
    lines = listing().splitlines()
    assert [line.split()[0] for line in lines] == [r.id for r in all_rules()]
    assert next(line for line in lines if line.startswith("table.layout ")).split()[1] == "提示"
    assert len({line.index(RULES[line.split()[0]].title) for line in lines}) == 1  # titles aligned in one column


def test_markdown_table_has_one_row_per_rule_in_the_catalogue_order():
    assert [r.id for r in catalogue_rules()] == list(examples()) == list(CATALOGUE_ORDER)
    lines = markdown_table().splitlines()
    assert lines[:2] == ["| 规则 | 级别 | 标题 | what it checks |", "|---|---|---|---|"]
    rows = lines[2:]
    assert [row.split(" | ")[0] for row in rows] == [f"| `{r.id}`" for r in catalogue_rules()]
    assert all(row.endswith(" |") and row.count(" | ") == 3 for row in rows)
    assert "| `perf.indicator` | 错误 | 绩效指标实际值未达目标却记为完成或满分，或实际值与目标单位不同 | An indicator whose" in markdown_table()


def test_the_readme_rule_table_is_the_generated_one():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    between = readme.split("<!-- rules:start -->\n", 1)[1].split("\n<!-- rules:end -->", 1)[0]
    assert between == markdown_table(), "README out of date: paste the output of `auditor rules --markdown`"


def test_explain_shows_the_rules_knobs_with_their_values():
    text = explain(RULES["unit"])
    assert "参数：\n    min-significant = 3：" in text and "    named-repeats = 8：" in text
    assert text.index("参数：") < text.index("一致的例子")
