"""The command line: ``auditor check FILE...`` and ``auditor rules``, as a user and CI call them."""

import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

import auditor.api
import auditor.batch
from auditor.cli import main
from auditor.finding import SEVERITY_ZH, Finding, Location
from auditor.rules import all_rules

REPO = Path(__file__).parents[1]
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SAMPLE = CORPUS / "qinhuangdao-emergency-center-2023.txt"  # line 128: "本年支出合计 774.37 元" (万元 dropped)

FINDING_KEYS = {"rule", "severity", "message", "location", "related", "stated", "expected"}
LOCATION_KEYS = {"path", "line", "column", "end_line", "end_column"}
RELATED_KEYS = {"path", "line", "column"}
FILE_KEYS = {"path", "encoding", "error"}
FINDING_LINE = re.compile(r"^.+:\d+:\d+: (error|warning|info) \[[\w.-]+\] .+$")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert "Traceback" not in err
    return code, json.loads(out)


def unit_error_at_128(data, path) -> bool:
    return any(
        f["rule"] == "unit" and f["location"]["path"] == str(path) and f["location"]["line"] == 128
        for f in data["findings"]
    )


def matches(rule_id, patterns) -> bool:
    return any(rule_id == p or rule_id.startswith(p + ".") for p in patterns)


@pytest.fixture(scope="module")
def other_rule_id() -> str:
    """A registered rule other than ``unit``, to test lists of ids."""
    return next(r.id for r in all_rules() if r.id != "unit")


# --- check: the known error, JSON contract, text shape ------------------------------------


def test_json_is_one_document_with_exactly_the_contract_keys(capsys):
    second = CORPUS / "qinhuangdao-etdz-office-2023.txt"
    code, data = run_json(capsys, SAMPLE, second)
    assert code == 1
    assert set(data) == {"findings", "files"}
    coverage = [f.pop("coverage") for f in data["files"]]
    assert data["files"] == [
        {"path": str(SAMPLE), "encoding": "utf-8", "error": None},
        {"path": str(second), "encoding": "utf-8", "error": None},
    ]
    # What each file's check covered: 9 standard tables and 29 performance tables in the second, every table's
    # reading confirmed by its identities (the evidence per side in table_verdicts).
    sides = coverage[1].pop("table_verdicts")
    assert coverage[1] == {"figures": coverage[1]["figures"], "figures_checked": coverage[1]["figures_checked"], "tables": 9,
                           "tables_checked": 9, "perf_tables": 29, "perf_checked": 29, "prose_sections": True, "nothing_recognised": False,
                           "table_numbers": [f"0{n}" for n in range(1, 10)], "missing_tables": [], "unbound": {},
                           "tables_confirmed": [f"0{n}" for n in range(1, 10)], "tables_not_understood": [], "tables_unverified": [],
                           "doubtful_in": {}}
    assert {side["table"] for side in sides} >= {"表01收入", "表03", "表09决算数"} and {side["status"] for side in sides} == {"confirmed"}
    assert 0 < coverage[0]["figures_checked"] <= coverage[0]["figures"] and coverage[0]["perf_tables"] == 6
    assert data["findings"]
    for f in data["findings"]:
        assert set(f) >= FINDING_KEYS  # the contract's keys; more keys are allowed
        assert set(f["location"]) == LOCATION_KEYS
        assert all(set(r) == RELATED_KEYS for r in f["related"])
        assert f["severity"] in {"error", "warning", "info"}
    assert all(set(f) == FILE_KEYS for f in data["files"])
    assert {f["location"]["path"] for f in data["findings"]} <= {str(SAMPLE), str(second)}


def test_the_dropped_wan_yuan_on_line_128_is_an_error(capsys):
    code, data = run_json(capsys, SAMPLE)
    assert unit_error_at_128(data, SAMPLE)
    assert code == 1


def test_text_format_one_line_per_finding_then_summary(capsys):
    code, out, err = run(capsys, "check", SAMPLE)
    assert code == 1
    assert err == ""
    *lines, coverage, summary = out.splitlines()
    assert lines and all(FINDING_LINE.match(line) for line in lines), lines
    assert coverage.startswith(f"{SAMPLE}: 核对范围：正文数字 ")
    assert any(line.startswith(f"{SAMPLE}:128:") and " error [unit] " in line for line in lines)
    errors = sum(" error [" in line for line in lines)
    warnings = sum(" warning [" in line for line in lines)
    assert summary.startswith(f"共检查 1 个文件：{errors} 个错误，{warnings} 个警告")


def test_a_file_without_inconsistencies_exits_0(capsys, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("第一部分 单位概况\n一、主要职责\n负责本地区应急救援的组织协调工作。\n", encoding="utf-8")
    code, data = run_json(capsys, clean)
    coverage = data["files"][0].pop("coverage")
    assert data == {"findings": [], "files": [{"path": str(clean), "encoding": "utf-8", "error": None}]}
    assert coverage["nothing_recognised"] and not coverage["prose_sections"]  # said, but not a failure without --strict
    assert code == 0


@pytest.mark.parametrize(("severity", "status"), [("warning", 0), ("info", 0), ("error", 1)])
def test_only_error_findings_fail_the_check(capsys, monkeypatch, severity, status):
    fake = Finding("unit", severity, "示例", Location(str(SAMPLE), 1, 1, 1, 2))
    monkeypatch.setattr(auditor.api, "run_rules", lambda facts, config=None: [fake])
    code, data = run_json(capsys, SAMPLE)
    assert [f["severity"] for f in data["findings"]] == [severity]
    assert code == status


# --- bad input: every file still gets its say -------------------------------------------


@pytest.fixture
def bad_files(tmp_path):
    """One file for each way a disclosure can be unreadable, keyed by the word its reason contains."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(random.Random(7).randbytes(2048) + b"\x00" * 16)
    (tmp_path / "garbled.txt").write_bytes("本年支出合计".encode() + b"\xff\xfe\x81 774.37\n")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.pdf.lnk").write_bytes(b"")
    return {
        "文件不存在": tmp_path / "missing.txt",
        "目录中没有可检查的文件": tmp_path / "folder",
        "文件为空": tmp_path / "empty.txt",
        "二进制": tmp_path / "scan.txt",
        "无法识别的编码": tmp_path / "garbled.txt",
    }


@pytest.fixture
def gbk_copy(tmp_path):
    path = tmp_path / "gbk-copy.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gbk"))
    return path


def test_unreadable_files_are_reported_and_the_others_still_audited(capsys, bad_files, gbk_copy):
    code, data = run_json(capsys, SAMPLE, *bad_files.values(), gbk_copy)
    assert code == 2
    files = {f["path"]: f for f in data["files"]}
    assert len(files) == 7
    for word, path in bad_files.items():
        result = files[str(path)]
        assert word in result["error"]
        assert "\n" not in result["error"]
        assert result["encoding"] == ""
    assert files[str(SAMPLE)]["coverage"] == files[str(gbk_copy)]["coverage"]
    assert {k: v for k, v in files[str(SAMPLE)].items() if k != "coverage"} == {"path": str(SAMPLE), "encoding": "utf-8", "error": None}
    assert {k: v for k, v in files[str(gbk_copy)].items() if k != "coverage"} == {"path": str(gbk_copy), "encoding": "gb18030", "error": None}
    assert unit_error_at_128(data, SAMPLE)
    assert unit_error_at_128(data, gbk_copy)


def test_gbk_copy_gives_the_same_findings_as_the_utf8_original(capsys, gbk_copy):
    _, original = run_json(capsys, SAMPLE)
    _, copy = run_json(capsys, gbk_copy)

    def comparable(data):
        return [
            {**f, "location": {**f["location"], "path": None}, "related": [{**r, "path": None} for r in f["related"]]}
            for f in data["findings"]
        ]

    assert comparable(copy) == comparable(original)


def test_text_format_names_each_unreadable_file_on_one_line(capsys, bad_files):
    code, out, err = run(capsys, "check", SAMPLE, *bad_files.values())
    assert code == 2
    assert "Traceback" not in out + err
    lines = out.splitlines()
    for word, path in bad_files.items():
        [line] = [line for line in lines if line.startswith(f"{path}: ")]
        assert line.startswith(f"{path}: 错误 无法读取：")
        assert word in line
    assert any(line.startswith(f"{SAMPLE}:128:") for line in lines)
    assert lines[-1].startswith("共检查 6 个文件：")
    assert lines[-1].endswith("，5 个文件无法读取")


def test_a_name_that_is_not_a_file_is_missing_not_audited_as_text(capsys):
    code, data = run_json(capsys, "本年支出合计774.37万元")
    assert code == 2
    assert data["findings"] == []
    assert "文件不存在" in data["files"][0]["error"]


def test_a_crash_on_one_file_is_that_files_error(capsys, monkeypatch, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("本年支出合计 774.37 万元\n", encoding="utf-8")
    real_extract = auditor.api.extract

    def extract(document, tables=None):
        if document.path == str(victim):
            raise RuntimeError("boom\nsecond line")
        return real_extract(document, tables)

    monkeypatch.setattr(auditor.api, "extract", extract)
    code, out, err = run(capsys, "check", victim, SAMPLE)
    assert code == 2
    assert "Traceback" not in out + err
    assert f"{victim}: 错误 内部错误（请报告）：提取阶段在检查此文件时出错：RuntimeError: boom second line" in out.splitlines()
    assert "1 个文件内部错误（请报告）" in out.splitlines()[-1] and "无法读取" not in out
    assert any(line.startswith(f"{SAMPLE}:128:") for line in out.splitlines())


# --- --select / --ignore -----------------------------------------------------------------


@pytest.fixture
def all_findings(capsys):
    return run_json(capsys, SAMPLE)[1]["findings"]


def test_select_keeps_only_the_named_rule(capsys, all_findings):
    _, data = run_json(capsys, SAMPLE, "--select", "unit")
    assert data["findings"] == [f for f in all_findings if f["rule"] == "unit"]
    assert unit_error_at_128(data, SAMPLE)


def test_ignore_drops_the_named_rule(capsys, all_findings):
    _, data = run_json(capsys, SAMPLE, "--ignore", "unit")
    assert data["findings"] == [f for f in all_findings if f["rule"] != "unit"]
    assert not unit_error_at_128(data, SAMPLE)


@pytest.mark.parametrize("form", ["comma", "repeated"])
def test_select_takes_a_list_of_ids(capsys, all_findings, other_rule_id, form):
    args = ["--select", f"unit, {other_rule_id}"] if form == "comma" else ["--select", "unit", "--select", other_rule_id]
    _, data = run_json(capsys, SAMPLE, *args)
    assert data["findings"] == [f for f in all_findings if matches(f["rule"], ["unit", other_rule_id])]


def test_ignoring_every_rule_leaves_nothing_to_report(capsys):
    ids = ",".join(r.id for r in all_rules())
    code, data = run_json(capsys, SAMPLE, "--ignore", ids)
    assert (code, data["findings"]) == (0, [])


@pytest.mark.parametrize("option", [["--select", "no-such-rule"], ["--ignore", "no-such-rule"], ["--select", "unit,no-such-rule"]])
def test_an_unknown_rule_id_is_a_usage_error(capsys, option):
    code, out, err = run(capsys, "check", SAMPLE, *option)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "no-such-rule" in err


# --- output ------------------------------------------------------------------------------


def test_output_file_gets_the_report_and_stdout_stays_empty(capsys, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "check", SAMPLE, "--format", "json", "-o", target)
    assert code == 1
    assert out == ""
    assert unit_error_at_128(json.loads(target.read_text(encoding="utf-8")), SAMPLE)


def test_an_unwritable_output_file_is_a_one_line_error(capsys, tmp_path):
    code, out, err = run(capsys, "check", SAMPLE, "--output", tmp_path)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and str(tmp_path) in err


@pytest.mark.parametrize("argv", [[], ["check"], ["check", str(SAMPLE), "--format", "xml"], ["audit", str(SAMPLE)]])
def test_usage_errors_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "用法：" in err


# --- rules -------------------------------------------------------------------------------


def test_rules_lists_every_rule_id_and_title(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    rules = all_rules()
    lines = out.splitlines()
    assert len(lines) == len(rules)
    for line, rule in zip(lines, rules, strict=True):
        assert line.split(None, 2) == [rule.id, SEVERITY_ZH[rule.severity], rule.title]


def test_rules_id_prints_the_rules_documentation(capsys):
    [unit] = [r for r in all_rules() if r.id == "unit"]
    code, out, _ = run(capsys, "rules", "unit")
    assert code == 0
    assert out.startswith(f"unit [error 错误]: {unit.title}\n")
    assert unit.doc and unit.doc in out
    assert "一致的例子" in out and "不一致的例子" in out


def test_rules_with_an_unknown_id_exits_2(capsys):
    code, out, err = run(capsys, "rules", "no-such-rule")
    assert (code, out) == (2, "")
    assert "no-such-rule" in err


# --- as a program ------------------------------------------------------------------------


def python_m_auditor(*args, **env):
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]), **env}
    return subprocess.run(
        [sys.executable, "-m", "auditor", *map(str, args)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=environment,
        timeout=120,
    )


def test_python_m_auditor_check():
    done = python_m_auditor("check", "--format", "json", SAMPLE)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    assert unit_error_at_128(json.loads(done.stdout.decode("utf-8")), SAMPLE)


def test_output_is_utf8_whatever_the_locale():
    done = python_m_auditor("check", SAMPLE, PYTHONIOENCODING="ascii", LC_ALL="C", LANG="C")
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    assert done.stdout.decode("utf-8").splitlines()[-1].startswith("共检查 1 个文件：")


def test_python_m_auditor_rules():
    done = python_m_auditor("rules")
    assert done.returncode == 0
    assert [line.split()[0] for line in done.stdout.decode("utf-8").splitlines()] == [r.id for r in all_rules()]


def test_text_report_says_which_encoding_was_assumed(capsys, gbk_copy):
    code, out, _ = run(capsys, "check", gbk_copy)
    assert f"{gbk_copy}: 按 gb18030 编码读取" in out.splitlines()
    assert code == 1


def test_broken_pipe_ends_quietly(monkeypatch, tmp_path):
    """`auditor check … | head`: the reader went away; no traceback, the exit status still says errors."""

    class ClosedPipe:
        def __init__(self, path):
            self._file = open(path, "w")  # a real descriptor for dup2 to redirect

        def write(self, _):
            raise BrokenPipeError

        def flush(self):
            pass

        def fileno(self):
            return self._file.fileno()

    monkeypatch.setattr(sys, "stdout", ClosedPipe(tmp_path / "pipe"))
    assert main(["check", str(SAMPLE)]) == 1


# --- first contact: messages, standard input, the report file (issue 22, items 3 and 7) -------------


def test_check_help_names_every_format_it_reads(capsys):
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert all(suffix in out for suffix in (".txt", ".docx", ".xlsx", ".pdf")) and "标准输入" in out


@pytest.mark.parametrize(("argv", "chinese", "english"), [
    (["check"], "错误：缺少参数：PATH", "(the following arguments are required: PATH)"),
    (["check", str(SAMPLE), "--format", "xml"], "错误：参数 --format：无效的选择 'xml'", "(argument --format: invalid choice: 'xml'"),
    (["audit"], "错误：参数 命令：无效的选择 'audit'", "(argument 命令: invalid choice: 'audit'"),
    (["check", str(SAMPLE), "--no-such-option"], "错误：无法识别的参数：--no-such-option", "(unrecognized arguments: --no-such-option)"),
    (["check", str(SAMPLE), "-o"], "错误：参数 -o/--output：需要一个值", "(argument -o/--output: expected one argument)"),
])
def test_command_line_mistakes_are_said_in_chinese_with_the_english_in_brackets(capsys, argv, chinese, english):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    *usage, message = err.splitlines()
    assert usage[0].startswith("用法：") and chinese in message and english in message


def test_an_unknown_rule_id_is_said_in_chinese_too(capsys):
    code, _, err = run(capsys, "check", SAMPLE, "--select", "no-such-rule")
    assert code == 2
    assert err.startswith("auditor: 未知的规则编号 'no-such-rule'；可用的规则：") and "(unknown rule id 'no-such-rule')" in err


def test_with_an_output_file_one_summary_line_is_printed(capsys, tmp_path):
    target = tmp_path / "报告.html"
    code, out, err = run(capsys, "check", SAMPLE, "--format", "html", "-o", target)
    assert (code, out) == (1, "")
    [line] = err.splitlines()
    assert line.startswith(f"auditor: 报告已写入 {target}：共检查 1 个文件：") and "个错误" in line
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["报告.html"]  # no temporary file left beside it


def test_an_output_file_in_a_missing_folder_is_refused_before_any_file_is_audited(capsys, monkeypatch, tmp_path):
    def must_not_run(job):
        raise AssertionError("a file was audited before -o was found unwritable")

    monkeypatch.setattr(auditor.batch, "audit", must_not_run)
    code, out, err = run(capsys, "check", SAMPLE, "-o", tmp_path / "no-such-folder" / "report.json")
    assert (code, out) == (2, "")
    assert "no-such-folder 不存在，未开始检查" in err and len(err.splitlines()) == 1


def test_the_output_file_is_replaced_only_once_the_report_is_complete(capsys, monkeypatch, tmp_path):
    """A run that fails half-way (here: the disk fills up) leaves the last complete report as it was."""
    import errno

    from auditor.report.text import TextWriter

    target = tmp_path / "report.txt"
    target.write_text("上次的完整报告\n", encoding="utf-8")

    def disk_full(self, report):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(TextWriter, "_add", disk_full)
    code, out, err = run(capsys, "check", SAMPLE, "-o", target)
    assert code == 2 and "无法写入：No space left on device" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "上次的完整报告\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_dash_reads_the_document_from_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SAMPLE.read_bytes()), encoding="utf-8"))
    code, out, err = run(capsys, "check", "-", "--format", "json")
    assert code == 1 and err == ""
    data = json.loads(out)
    assert data["files"][0]["path"] == "<stdin>" and data["files"][0]["error"] is None
    assert any(f["rule"] == "unit" and f["location"] == {**f["location"], "path": "<stdin>", "line": 128} for f in data["findings"])


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "文件为空"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "标准输入只接受文本；PDF、Word、Excel 文件请给出文件名"),
])
def test_standard_input_that_cannot_be_audited_is_named(monkeypatch, capsys, data, reason):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "check", "-")
    assert code == 2
    assert out.splitlines()[0].startswith(f"<stdin>: 错误 无法读取：{reason}")


def test_standard_input_as_a_shell_pipes_it():
    done = subprocess.run([sys.executable, "-m", "auditor", "check", "-"], input=SAMPLE.read_bytes(), capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])})
    assert done.returncode == 1, done.stderr.decode()
    assert done.stdout.decode().splitlines()[0].startswith("<stdin>:")


def test_a_ctrl_c_that_escapes_main_still_exits_130(monkeypatch):
    """A second Ctrl-C while the first one's message is printed escapes main's own handler: the command still ends
    with 130, not with Python's death by SIGINT."""
    import auditor.__main__
    import auditor.cli

    def interrupted_twice(argv=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(auditor.cli, "main", interrupted_twice)
    assert auditor.__main__.run() == 130


def _class_made_while_ctrl_c_is_pressed() -> None:
    """What a Ctrl-C that lands while a module is first imported can become: Python wraps an exception raised while a
    class is being made (here in a descriptor's ``__set_name__``, as ``functools.cached_property`` has) in a RuntimeError."""

    class Descriptor:
        def __set_name__(self, owner, name):
            raise KeyboardInterrupt

    class Document:  # noqa: F841 - made for the error its making raises
        lines = Descriptor()


def test_a_ctrl_c_wrapped_by_python_while_a_module_loads_is_still_a_ctrl_c(capsys, monkeypatch):
    with pytest.raises(RuntimeError, match="__set_name__") as raised:
        _class_made_while_ctrl_c_is_pressed()
    assert isinstance(raised.value.__cause__, KeyboardInterrupt)

    def check_arguments(args):  # the subcommand's first lazy import, interrupted
        _class_made_while_ctrl_c_is_pressed()

    monkeypatch.setattr(auditor.cli, "_check_arguments", check_arguments)
    code, out, err = run(capsys, "check", SAMPLE)
    assert (code, out) == (130, "")
    assert err == "auditor: 已中断 (interrupted)\n"


def test_a_ctrl_c_wrapped_by_python_in_a_stage_is_not_an_internal_error(monkeypatch, tmp_path):
    """A stage that fails because of a Ctrl-C hands the Ctrl-C on (a batch then stops and reports what it finished),
    instead of filing the file under 内部错误."""
    def extract(document, tables=None):
        _class_made_while_ctrl_c_is_pressed()

    monkeypatch.setattr(auditor.api, "extract", extract)
    doc = tmp_path / "决算.txt"
    doc.write_text("本年支出合计774.37万元。\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        auditor.check(doc)


def test_an_error_not_caused_by_a_ctrl_c_stays_an_internal_error(monkeypatch, tmp_path):
    from auditor.errors import InternalError, caused_by_ctrl_c

    def extract(document, tables=None):
        try:
            raise ValueError("simulated")
        except ValueError as exc:
            raise RuntimeError("while handling") from exc

    monkeypatch.setattr(auditor.api, "extract", extract)
    doc = tmp_path / "决算.txt"
    doc.write_text("本年支出合计774.37万元。\n", encoding="utf-8")
    with pytest.raises(InternalError) as caught:
        auditor.check(doc)
    assert not caused_by_ctrl_c(caught.value)


@pytest.mark.parametrize(("status", "exits_at_once"), [(130, True), (1, False), (0, False)])
def test_the_program_ends_an_interrupted_run_at_once_and_any_other_through_sys_exit(monkeypatch, status, exits_at_once):
    """An interrupted run exits with os._exit(130) once its output is flushed (the interpreter's own shutdown once
    turned a handled Ctrl-C into death by SIGINT); every other status leaves through SystemExit as usual."""
    import auditor.__main__ as entry

    ended: list[tuple[str, int]] = []

    def exit_now(code):
        ended.append(("os._exit", code))
        raise SystemExit(code)

    monkeypatch.setattr(entry, "run", lambda: status)
    monkeypatch.setattr(entry.os, "_exit", exit_now)
    with pytest.raises(SystemExit) as raised:
        entry.command()
    assert raised.value.code == status
    assert ended == ([("os._exit", 130)] if exits_at_once else [])
