"""``auditor check FOLDER``: every good file audited in parallel, every bad one named, one table at the end."""

import json
import os
import pty
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import auditor.batch
from auditor.cli import main

REPO = Path(__file__).parents[1]
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EMERGENCY = "qinhuangdao-emergency-center-2023.txt"  # line 128: "本年支出合计 774.37 元" (万元 dropped)
ETDZ = "qinhuangdao-etdz-office-2023.txt"  # line 535: the 年鉴印刷经费 project said to score 100, its table 96
JINCHENG = "jincheng-ecology-bureau-2024.txt"  # line 256: a part larger than its whole


@pytest.fixture
def folder(tmp_path):
    """The acceptance batch: the three corpus files, a GBK copy, an empty file and a binary file."""
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "应急中心-gbk.txt").write_bytes((CORPUS / EMERGENCY).read_text(encoding="utf-8").encode("gbk"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(random.Random(3).randbytes(4096))
    return tmp_path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def errors_at(data, path, rule, line) -> bool:
    return any(
        f["location"]["path"] == str(path) and f["rule"] == rule and f["location"]["line"] == line and f["severity"] == "error"
        for f in data["findings"]
    )


def test_a_folder_of_good_and_bad_files_audits_the_good_and_names_the_bad(capsys, folder):
    code, out, err = run(capsys, "check", folder, "--format", "json", "--jobs", "2")
    assert code == 2 and "Traceback" not in err
    data = json.loads(out)
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert sorted(files) == sorted([EMERGENCY, ETDZ, JINCHENG, "应急中心-gbk.txt", "empty.txt", "scan.txt"])
    assert files["empty.txt"]["error"].startswith("文件为空")
    assert "二进制" in files["scan.txt"]["error"]
    assert files["应急中心-gbk.txt"].pop("coverage")["figures"] > 100
    assert files["应急中心-gbk.txt"] == {"path": str(folder / "应急中心-gbk.txt"), "encoding": "gb18030", "error": None}
    for name in (EMERGENCY, ETDZ, JINCHENG):
        assert files[name]["error"] is None
    assert errors_at(data, folder / EMERGENCY, "unit", 128)
    assert errors_at(data, folder / "应急中心-gbk.txt", "unit", 128)
    assert errors_at(data, folder / ETDZ, "perf.summary", 535)
    assert errors_at(data, folder / JINCHENG, "part-whole", 256)


def test_the_text_report_ends_with_a_table_of_files(capsys, folder):
    code, out, _ = run(capsys, "check", folder)
    assert code == 2
    lines = out.splitlines()
    assert f"{folder / 'empty.txt'}: 错误 无法读取：文件为空 (empty file)" in lines
    header = lines.index(next(line for line in lines if line.startswith("文件 ")))
    table = lines[header + 1 : header + 7]
    rows = {Path(row.split()[0]).name: row.split()[1:] for row in table}
    assert rows["empty.txt"] == ["-", "-", "-", "无法读取（原因见上）"]
    assert rows[EMERGENCY] == rows["应急中心-gbk.txt"]
    assert rows[EMERGENCY][0] == str(sum(" error [" in line and EMERGENCY in line for line in lines))
    assert lines[-1].startswith("共检查 6 个文件：") and lines[-1].endswith("2 个文件无法读取")


def test_exit_2_only_when_a_file_could_not_be_read(capsys, folder):
    (folder / "empty.txt").unlink()
    (folder / "scan.txt").unlink()
    code, _, _ = run(capsys, "check", folder)
    assert code == 1  # errors found, every file read
    clean = folder / "clean"
    clean.mkdir()
    (clean / "说明.txt").write_text("第一部分 单位概况\n一、主要职责\n负责本地区应急救援的组织协调工作。\n", encoding="utf-8")
    assert run(capsys, "check", clean)[0] == 0


def test_parallel_and_serial_runs_give_the_same_report(capsys, folder):
    _, serial, _ = run(capsys, "check", folder, "--format", "json", "--jobs", "1")
    _, parallel, _ = run(capsys, "check", folder, "--format", "json", "--jobs", "2")
    assert serial == parallel


def test_folders_are_walked_for_documents_only(capsys, tmp_path):
    nested = tmp_path / "2023" / "应急中心"
    nested.mkdir(parents=True)
    shutil.copy(CORPUS / EMERGENCY, nested / EMERGENCY)
    (tmp_path / "2023" / "封面.png").write_bytes(b"\x89PNG\r\n")
    (nested / "~$决算公开.docx").write_bytes(b"lock")  # Word's lock file while the document is open
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("本年支出合计 1 元", encoding="utf-8")
    code, out, _ = run(capsys, "check", tmp_path, "--format", "json")
    assert [f["path"] for f in json.loads(out)["files"]] == [str(nested / EMERGENCY)]
    assert code == 1


def test_a_crash_in_one_file_is_that_files_reason_and_the_others_go_on(capsys, monkeypatch, folder):
    real_check = auditor.batch.check

    def crash_on_etdz(path, **kwargs):
        if path.name == ETDZ:
            raise RuntimeError("模拟的内部错误")
        return real_check(path, **kwargs)

    monkeypatch.setattr(auditor.batch, "check", crash_on_etdz)
    code, out, _ = run(capsys, "check", folder, "--format", "json", "--jobs", "1")
    data = json.loads(out)
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files[ETDZ]["error"] == "内部错误（请报告）：在检查此文件时出错：RuntimeError: 模拟的内部错误"
    assert files[ETDZ]["internal"] is True
    assert errors_at(data, folder / JINCHENG, "part-whole", 256)
    assert code == 2


def _run_with_stderr_on_a_terminal(*args) -> tuple[str, str]:
    """Run ``python -m auditor`` with stderr on a pseudo-terminal and stdout on a pipe."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    with subprocess.Popen([sys.executable, "-m", "auditor", *map(str, args)], stdout=subprocess.PIPE, stderr=terminal, env=env) as proc:
        os.close(terminal)
        stderr = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            stderr += chunk
        stdout = proc.stdout.read()
    os.close(controller)
    return stdout.decode("utf-8"), stderr.decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_and_never_in_the_report(folder):
    stdout, stderr = _run_with_stderr_on_a_terminal("check", folder, "--jobs", "2")
    assert "6/6" in stderr and "█" in stderr
    assert "█" not in stdout and stdout.splitlines()[-1].startswith("共检查 6 个文件")


def test_no_progress_when_stderr_is_not_a_terminal(folder):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "auditor", "check", str(folder)], capture_output=True, env=env)
    assert done.returncode == 2
    assert done.stderr == b""


def test_jobs_must_be_a_positive_number(capsys, folder):
    code, _, err = run(capsys, "check", folder, "--jobs", "0")
    assert code == 2 and "--jobs" in err


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and pipes: POSIX")
def test_one_file_is_audited_once_however_it_is_reached_and_broken_links_are_named(capsys, tmp_path):
    """Given twice, by a second name, through a link, inside a folder also given: one audit, the other names skipped."""
    folder = tmp_path / "决算"
    folder.mkdir()
    original = folder / EMERGENCY
    shutil.copy(CORPUS / EMERGENCY, original)
    (folder / "链接.txt").symlink_to(original)
    (folder / "断开的链接.txt").symlink_to(folder / "已删除.txt")
    os.mkfifo(folder / "管道.txt")  # read, it would hang the run
    (tmp_path / "外面的断链.txt").symlink_to(tmp_path / "不存在.txt")
    relative = os.path.relpath(original)
    code, out, _ = run(capsys, "check", folder, original, relative, tmp_path / "外面的断链.txt", "--format", "json")
    data = json.loads(out)
    files = {f["path"]: f for f in data["files"]}
    audited = [f for f in data["files"] if f["error"] is None and not f.get("skipped")]
    assert [f["path"] for f in audited] == [str(folder / "链接.txt")] or [f["path"] for f in audited] == [str(original)]
    first = audited[0]["path"]
    for name in {str(original), str(folder / "链接.txt"), relative} - {first}:
        assert files[name]["skipped"] and files[name]["notes"] == [f"已跳过：与 {first} 是同一文件，只检查一次 (the same file as {first})"]
    assert files[str(folder / "断开的链接.txt")]["notes"][0].startswith("已跳过：符号链接指向的") and files[str(folder / "断开的链接.txt")]["skipped"]
    assert files[str(folder / "管道.txt")]["notes"] == ["已跳过：不是普通文件（管道、设备等） (not a regular file)"]
    assert files[str(tmp_path / "外面的断链.txt")]["error"].startswith("符号链接指向的")  # named on the command line: unreadable
    assert code == 2
    assert sum(f["rule"] == "unit" and f["location"]["line"] == 128 for f in data["findings"]) == 1
