"""An office's settings: auditor.toml or [tool.auditor], found next to the document or given with --config."""

import json
import shutil
from pathlib import Path

import pytest

import auditor
from auditor.cli import main
from auditor.config import Config, find_config

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EMERGENCY = "qinhuangdao-emergency-center-2023.txt"
# Its findings: 128 unit (error), 1131 and 1375 perf.summary (errors), 1278 and 2066 perf.indicator (warnings: a
# fraction for a percentage), 1501, 1754, 1782 and 1794 perf.indicator (warnings: a partial score above weight × completion).


@pytest.fixture
def document(tmp_path) -> Path:
    folder = tmp_path / "2023" / "应急中心"
    folder.mkdir(parents=True)
    return Path(shutil.copy(CORPUS / EMERGENCY, folder / EMERGENCY))


def rules_and_severities(report) -> list[tuple[str, str, int]]:
    return [(f.rule, f.severity, f.location.line) for f in report.findings]


def run_json(capsys, *argv):
    code = main(["check", "--format", "json", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out else None, err


def test_without_settings_every_rule_reports_as_written(document):
    assert rules_and_severities(auditor.check(document)) == [
        ("unit", "error", 128),
        ("perf.summary", "error", 1131),
        ("perf.indicator", "warning", 1278),
        ("perf.summary", "error", 1375),
        ("perf.indicator", "warning", 1501),
        ("perf.indicator", "warning", 1754),
        ("perf.indicator", "warning", 1782),
        ("perf.indicator", "warning", 1794),
        ("perf.indicator", "warning", 2066),
    ]


def test_auditor_toml_next_to_the_document_applies_to_the_api_and_the_cli(capsys, document):
    (document.parent / "auditor.toml").write_text('ignore = ["perf.summary"]\n\n[severity]\n"unit" = "warning"\n', encoding="utf-8")
    expected = [("unit", "warning", 128)] + [("perf.indicator", "warning", line) for line in (1278, 1501, 1754, 1782, 1794, 2066)]
    assert rules_and_severities(auditor.check(document)) == expected
    code, data, _ = run_json(capsys, document)
    assert [(f["rule"], f["severity"], f["location"]["line"]) for f in data["findings"]] == expected
    assert code == 0  # what was an error is a warning for this office


def test_pyproject_tool_auditor_in_a_folder_above_is_found(document):
    top = document.parents[1]
    (top / "pyproject.toml").write_text('[tool.auditor]\nselect = ["perf"]\n\n[tool.auditor.severity]\n"perf.indicator" = "info"\n', encoding="utf-8")
    (document.parent / "pyproject.toml").write_text('[project]\nname = "not-ours"\n', encoding="utf-8")  # no [tool.auditor]: look further up
    assert find_config(document) == top / "pyproject.toml"
    assert rules_and_severities(auditor.check(document)) == [
        ("perf.summary", "error", 1131),
        ("perf.indicator", "info", 1278),
        ("perf.summary", "error", 1375),
        *[("perf.indicator", "info", line) for line in (1501, 1754, 1782, 1794, 2066)],
    ]


def test_the_most_specific_severity_wins(document):
    config = Config(severity=(("perf.summary", "warning"), ("perf", "info")))
    severities = {(f.rule, f.severity) for f in auditor.check(document, config=config).findings}
    assert severities == {("unit", "error"), ("perf.summary", "warning"), ("perf.indicator", "info")}


def test_config_option_replaces_the_nearest_settings_and_the_command_line_adds(capsys, document, tmp_path):
    (document.parent / "auditor.toml").write_text('select = ["unit"]\n', encoding="utf-8")
    chosen = tmp_path / "省厅.toml"
    chosen.write_text('ignore = ["unit"]\n', encoding="utf-8")
    _, data, _ = run_json(capsys, document)
    assert {f["rule"] for f in data["findings"]} == {"unit"}
    _, data, _ = run_json(capsys, document, "--config", chosen)
    assert {f["rule"] for f in data["findings"]} == {"perf.summary", "perf.indicator"}
    _, data, _ = run_json(capsys, document, "--config", chosen, "--ignore", "perf.indicator")
    assert {f["rule"] for f in data["findings"]} == {"perf.summary"}
    _, data, _ = run_json(capsys, document, "--select", "perf.indicator")  # --select replaces the file's select
    assert {f["rule"] for f in data["findings"]} == {"perf.indicator"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('ignore = ["no-such-rule"]\n', "unknown rule id 'no-such-rule'"),
        ('ignroe = ["unit"]\n', "未知的配置项 ignroe"),
        ('[severity]\n"unit" = "fatal"\n', "未知的级别 'fatal'"),
        ('select = "unit\n', "不是有效的 TOML"),
        ('rules-dirs = ["没有这个目录"]\n', "不是一个目录"),
        ("select = [1]\n", "select 应是字符串列表"),
    ],
)
def test_a_bad_settings_file_is_named_with_the_reason(capsys, document, content, reason):
    settings = document.parent / "auditor.toml"
    settings.write_text(content, encoding="utf-8")
    with pytest.raises(auditor.ConfigError, match=reason):
        auditor.check(document)
    code, data, err = run_json(capsys, "--config", settings, document)
    assert code == 2 and data is None
    assert err.startswith(f"auditor: {settings}: ") and reason in err and "Traceback" not in err


def test_a_bad_settings_file_found_beside_one_document_does_not_stop_the_batch(capsys, document, tmp_path):
    (document.parent / "auditor.toml").write_text("ignore = [\n", encoding="utf-8")
    other = tmp_path / "其他单位"
    other.mkdir()
    shutil.copy(CORPUS / EMERGENCY, other / EMERGENCY)
    code, data, _ = run_json(capsys, tmp_path)
    files = {f["path"]: f for f in data["files"]}
    assert "auditor.toml: 配置不是有效的 TOML" in files[str(document)]["error"]
    assert files[str(other / EMERGENCY)]["error"] is None
    assert any(f["location"]["path"] == str(other / EMERGENCY) for f in data["findings"])
    assert code == 2


def test_rules_dirs_add_an_offices_identities_relative_to_the_settings_file(document):
    rules = document.parents[1] / "本省规则"
    rules.mkdir()
    (rules / "本省.rules").write_text("table.cross 表03[合计, 项目支出] = 表05[合计, 项目支出]\n", encoding="utf-8")
    (document.parent / "auditor.toml").write_text('rules-dirs = ["../本省规则"]\n', encoding="utf-8")
    config = auditor.load_config(document.parent / "auditor.toml")
    assert config.rules_dirs == (rules.resolve(),)


def test_a_broken_rule_file_in_rules_dirs_is_named_with_its_line(capsys, document):
    rules = document.parent / "本省规则"
    rules.mkdir()
    (rules / "本省.rules").write_text("table.cross 表03[合计 项目支出] = 表05[合计, 项目支出]\n", encoding="utf-8")
    (document.parent / "auditor.toml").write_text('rules-dirs = ["本省规则"]\n', encoding="utf-8")
    code, data, _ = run_json(capsys, document)
    (file,) = data["files"]
    assert f"{rules.resolve() / '本省.rules'}:1" in file["error"] and "内部错误" not in file["error"]
    assert code == 2
