"""A baseline: an office accepts an explained finding once; new findings are still reported."""

import json
import shutil
from pathlib import Path

import pytest

import auditor
from auditor.cli import main

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EMERGENCY = "qinhuangdao-emergency-center-2023.txt"
# Its findings: 128 unit (error), 1131 and 1375 perf.summary (errors), 1278, 1501, 1754, 1782, 1794 and 2066 perf.indicator (warnings).


@pytest.fixture
def document(tmp_path) -> Path:
    return Path(shutil.copy(CORPUS / EMERGENCY, tmp_path / EMERGENCY))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def edit(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_write_baseline_records_every_finding_with_an_empty_reason(capsys, document, tmp_path):
    baseline = tmp_path / "基线.json"
    code, _, err = run(capsys, "check", document, "--write-baseline", baseline)
    assert code == 0  # writing a baseline accepts what is there
    assert f"已将 9 条发现写入基线 {baseline}" in err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert [(e["rule"], e["line"], e["file"], e["reason"]) for e in data["findings"]] == [
        ("unit", 128, EMERGENCY, ""),
        ("perf.summary", 1131, EMERGENCY, ""),
        ("perf.indicator", 1278, EMERGENCY, ""),
        ("perf.summary", 1375, EMERGENCY, ""),
        ("perf.indicator", 1501, EMERGENCY, ""),
        ("perf.indicator", 1754, EMERGENCY, ""),
        ("perf.indicator", 1782, EMERGENCY, ""),
        ("perf.indicator", 1794, EMERGENCY, ""),
        ("perf.indicator", 2066, EMERGENCY, ""),
    ]


def test_the_baseline_hides_what_it_accepts_and_says_so(capsys, document, tmp_path):
    baseline = tmp_path / "基线.json"
    run(capsys, "check", document, "--write-baseline", baseline)
    code, out, err = run(capsys, "check", document, "--baseline", baseline)
    assert code == 0
    coverage, summary = out.splitlines()
    assert coverage.startswith(f"{document}: 核对范围：")
    assert summary == "共检查 1 个文件：0 个错误，0 个警告，另有 9 条已列入基线，未显示"
    assert "有 9 条尚未写明理由" in err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    for entry in data["findings"]:
        entry["reason"] = "已与财务科核实"
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "check", document, "--baseline", baseline)[2] == ""


def test_moved_lines_still_match_and_a_new_error_is_reported(capsys, document, tmp_path):
    baseline = tmp_path / "基线.json"
    run(capsys, "check", document, "--write-baseline", baseline)
    text = document.read_text(encoding="utf-8")
    document.write_text("（2024年6月修订稿）\n\n" + text, encoding="utf-8")  # every line moves down by two
    edit(document, 128 + 2 + 0, "774.37 元", "774.37 万元")  # the unit slip is fixed …
    report = auditor.check(document, baseline=baseline)
    assert report.findings == () and len(report.hidden) == 8
    edit(document, 1375 + 2, "36 万元", "35 万元")  # … and a changed figure is a new finding
    code, out, err = run(capsys, "check", document, "--baseline", baseline, "--format", "json")
    data = json.loads(out)
    assert [(f["rule"], f["location"]["line"]) for f in data["findings"]] == [("perf.summary", 1377)]
    assert data["baselined"] == 7
    assert "有 2 条已不再出现" in err  # the fixed unit slip and the old wording of line 1375
    assert code == 1


def test_one_baseline_serves_a_batch_and_counts_repeated_findings(capsys, document, tmp_path):
    copy = tmp_path / "副本" / EMERGENCY
    copy.parent.mkdir()
    shutil.copy(document, copy)
    baseline = tmp_path / "基线.json"
    run(capsys, "check", document, "--write-baseline", baseline)  # accepts the findings of one copy only
    code, out, _ = run(capsys, "check", document, copy, "--baseline", baseline, "--format", "json")
    data = json.loads(out)
    assert data["baselined"] == 9 and len(data["findings"]) == 9  # same file name: the second nine are new
    assert code == 1


def test_json_has_no_baseline_key_without_a_baseline(capsys, document):
    _, out, _ = run(capsys, "check", document, "--format", "json")
    assert set(json.loads(out)) == {"findings", "files"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "不是有效的 JSON"),
        ('{"findings": []}', "不是 auditor 的基线文件"),
        ('{"format": "auditor-baseline/1", "findings": [{"rule": "unit"}]}', "缺少 fingerprint"),
    ],
)
def test_a_bad_baseline_is_named_with_the_reason(capsys, document, tmp_path, content, reason):
    baseline = tmp_path / "基线.json"
    baseline.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", document, "--baseline", baseline)
    assert (code, out) == (2, "")
    assert err.startswith(f"auditor: {baseline}: ") and reason in err
    with pytest.raises(auditor.BaselineError, match=reason):
        auditor.check(document, baseline=baseline)


def test_a_missing_baseline_is_named(capsys, document, tmp_path):
    code, _, err = run(capsys, "check", document, "--baseline", tmp_path / "没有.json")
    assert code == 2 and "无法读取基线" in err
