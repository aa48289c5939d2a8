"""SARIF output: valid against the vendored SARIF 2.1.0 schema, and pointing at the right characters of real files."""

import copy
import json
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

import auditor
from auditor.report.report import FileResult, Report
from auditor.report.sarif import file_uri, rule_name
from auditor.rules import all_rules

HERE = Path(__file__).parent
CORPUS = sorted((HERE / "fixtures" / "corpus").glob("*.txt"))
ETDZ = HERE / "fixtures" / "corpus" / "qinhuangdao-etdz-office-2023.txt"
EMERGENCY = HERE / "fixtures" / "corpus" / "qinhuangdao-emergency-center-2023.txt"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((HERE / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


@pytest.fixture(scope="module")
def corpus_report():
    return Report.combine([auditor.check(p) for p in CORPUS])


@pytest.fixture(scope="module")
def etdz():
    report = auditor.check(ETDZ)
    return report, report.to_sarif()["runs"][0]


def assert_valid(validator, log):
    """Round-trip through JSON first: what is validated is what --format sarif writes."""
    log = json.loads(json.dumps(log, ensure_ascii=False))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, errors[:5]


def unreadable(path: Path) -> Report:
    """What the CLI makes of a file auditor.check refuses."""
    with pytest.raises(auditor.InputError) as exc:
        auditor.check(path)
    return Report(findings=(), files=[FileResult(exc.value.path, "", exc.value.reason)])


def region_text(path, region) -> str:
    """The characters a single-line region covers, counted in code points as columnKind says."""
    line = Path(path).read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
    return line[region["startColumn"] - 1 : region["endColumn"] - 1]


def location_text(path, loc) -> str:
    line = Path(path).read_text(encoding="utf-8").split("\n")[loc.line - 1]
    return line[loc.column - 1 : loc.end_column - 1]


# --- valid against the schema -----------------------------------------------------------------


def test_all_three_corpus_files_in_one_log_are_valid(validator, corpus_report):
    log = corpus_report.to_sarif()
    assert_valid(validator, log)
    run = log["runs"][0]
    assert len(run["artifacts"]) == len(CORPUS) and len(run["results"]) == len(corpus_report.findings) > 0


def test_a_log_with_an_unreadable_file_is_valid_and_unsuccessful(validator, corpus_report, tmp_path):
    empty = tmp_path / "空文件.txt"
    empty.write_bytes(b"")
    report = Report.combine([corpus_report, unreadable(empty)])
    log = report.to_sarif()
    assert_valid(validator, log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert str(empty) in note["message"]["text"] and "文件为空" in note["message"]["text"]
    artifact_location = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert log["runs"][0]["artifacts"][artifact_location["index"]]["location"]["uri"] == empty.as_uri() == artifact_location["uri"]


def test_an_empty_report_is_valid_and_still_lists_every_rule(validator):
    log = Report(findings=()).to_sarif()
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["results"] == [] and run["artifacts"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.id for r in all_rules()]


def test_the_validator_rejects_a_broken_log(validator, etdz):
    """Negative control: a level SARIF does not know must fail, or the tests above prove nothing."""
    _, run = etdz
    broken = copy.deepcopy({"version": "2.1.0", "runs": [run]})
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(broken)
    assert validator.is_valid({**broken, "runs": [run]})


# --- the log's shape ----------------------------------------------------------------------------


def test_log_header_tool_and_column_kind(etdz):
    report, _ = etdz
    log = report.to_sarif()
    assert log["version"] == "2.1.0" and log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "auditor" and driver["version"]
    by_id = {r["id"]: r for r in driver["rules"]}
    assert by_id["perf.total"]["name"] == "PerfTotal"
    assert by_id["table.layout"]["defaultConfiguration"] == {"level": "note"}
    for rule in all_rules():
        described = by_id[rule.id]
        assert described["shortDescription"]["text"] == rule.title
        assert described["fullDescription"]["text"] == described["help"]["text"] == rule.doc


def test_rule_names_are_pascal_case():
    assert [rule_name(i) for i in ("unit", "perf.exec-score", "part-whole", "xref.table")] == ["Unit", "PerfExecScore", "PartWhole", "XrefTable"]


def test_every_rule_index_points_at_its_rule(corpus_report):
    run = corpus_report.to_sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])


def test_result_levels_count_as_the_report_does(corpus_report):
    run = corpus_report.to_sarif()["runs"][0]
    counts = corpus_report.counts()
    assert Counter(r["level"] for r in run["results"]) == {"error": counts["error"], "warning": counts["warning"], "note": counts["info"]}


def test_the_same_report_gives_the_same_log(etdz):
    report, _ = etdz
    again = auditor.check(ETDZ)
    assert json.dumps(again.to_sarif(), ensure_ascii=False) == json.dumps(report.to_sarif(), ensure_ascii=False)
    fingerprints = [r["partialFingerprints"]["auditorFinding/v1"] for r in report.to_sarif()["runs"][0]["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


# --- locations in real text --------------------------------------------------------------------


def test_etdz_errors_are_where_the_report_says(etdz):
    report, run = etdz
    errors = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"] if r["level"] == "error"]
    assert errors == [(f.rule, f.location.line) for f in report.errors]
    assert ("unit", 442) in errors and ("perf.total", 1202) not in errors  # 联通宽带费's weights add up to 110: a note (issue 20)
    assert [line for rule, line in errors if rule == "perf.summary"] == [535, 563, 601, 603, 605]


def test_the_unit_error_region_is_exactly_the_figure(etdz):
    report, run = etdz
    (finding,) = [f for f in report.errors if f.location.line == 442]
    (result,) = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 442]
    assert (result["ruleId"], result["level"]) == ("unit", "error")
    assert result["message"]["text"] == finding.message
    # eight of the twelve other statements of 1920.38 万元 are listed; relatedTotal counts them all
    assert result["properties"] == {"stated": "1920.38元", "expected": "1920.38万元", "relatedTotal": 12}
    assert len(result["relatedLocations"]) == 8
    physical = result["locations"][0]["physicalLocation"]
    assert run["artifacts"][physical["artifactLocation"]["index"]]["location"]["uri"] == physical["artifactLocation"]["uri"]
    region = physical["region"]
    assert region_text(ETDZ, region) == location_text(ETDZ, finding.location) == region["snippet"]["text"] == "1920.38元"


def test_related_locations_point_at_figures(etdz):
    report, run = etdz
    for finding, result in zip(report.findings, run["results"], strict=True):
        related = result.get("relatedLocations", [])
        assert [r["id"] for r in related] == list(range(len(finding.related)))
        for loc, sarif in zip(finding.related, related, strict=True):
            region = sarif["physicalLocation"]["region"]
            assert region_text(ETDZ, region) == location_text(ETDZ, loc) == region["snippet"]["text"] != ""
            assert sarif["message"]["text"] == "相关数字"
    (unit,) = [r for r in run["results"] if r["ruleId"] == "unit"]
    assert {r["physicalLocation"]["region"]["snippet"]["text"].replace(" ", "") for r in unit["relatedLocations"]} == {"1920.38万元"}


def test_columns_count_code_points_beyond_the_bmp(tmp_path):
    """An extension-B ideograph is one code point but two UTF-16 units: the region must still cover the figure."""
    lines = EMERGENCY.read_text(encoding="utf-8").split("\n")
    lines[127] = "𠀀" + lines[127]
    path = tmp_path / "emergency.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = auditor.check(path)
    (result,) = [r for r in report.to_sarif()["runs"][0]["results"] if r["ruleId"] == "unit"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == 23 + 1  # 128:23 without the ideograph; UTF-16 units would make it 25
    assert region_text(path, region) == region["snippet"]["text"] == "774.37 元"


# --- URIs and .docx places --------------------------------------------------------------------


def test_relative_cjk_path_is_a_percent_encoded_uri(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("决算 2023")
    folder.mkdir()
    (folder / "决算公开.txt").write_text(EMERGENCY.read_text(encoding="utf-8"), encoding="utf-8")
    run = auditor.check(folder / "决算公开.txt").to_sarif()["runs"][0]
    uri = "%E5%86%B3%E7%AE%97%202023/%E5%86%B3%E7%AE%97%E5%85%AC%E5%BC%80.txt"
    assert run["artifacts"][0]["location"]["uri"] == uri and unquote(uri) == "决算 2023/决算公开.txt"
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {uri}


def test_absolute_path_is_a_file_uri(tmp_path):
    path = tmp_path / "决算公开.txt"
    assert file_uri(str(path)) == path.as_uri()
    assert file_uri(str(path)).startswith("file:///") and "决算" not in file_uri(str(path))


def test_docx_places_are_logical_locations(validator, tmp_path):
    pytest.importorskip("docx")
    from build_formats import build_docx

    build_docx(ETDZ, tmp_path / "etdz.docx")
    report = auditor.check(tmp_path / "etdz.docx")
    log = report.to_sarif()
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["artifacts"][0]["mimeType"].endswith("wordprocessingml.document") and "encoding" not in run["artifacts"][0]
    for finding, result in zip(report.findings, run["results"], strict=True):
        (location,) = result["locations"]
        assert location["logicalLocations"] == [{"name": finding.location.ref}]
        assert location["message"]["text"] == finding.location.ref
        for loc, related in zip(finding.related, result.get("relatedLocations", []), strict=True):
            assert related["logicalLocations"] == [{"name": loc.ref}] and loc.ref in related["message"]["text"]
    assert any(r["locations"][0]["logicalLocations"][0]["name"].startswith("表") for r in run["results"])


def test_the_command_line_writes_the_same_valid_log(validator, tmp_path, capsys):
    from auditor.cli import main

    out = tmp_path / "report.sarif"
    code = main(["check", str(EMERGENCY), "--format", "sarif", "-o", str(out)])
    log = json.loads(out.read_text(encoding="utf-8"))
    validator.validate(log)
    assert log == auditor.check(EMERGENCY).to_sarif()
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in log["runs"][0]["results"]][0] == ("unit", 128)
    assert code == 1 and capsys.readouterr().out == ""
