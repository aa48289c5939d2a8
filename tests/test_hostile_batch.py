"""Batches that are interrupted, lose a worker, or are large (issue 16)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import auditor
import auditor.batch

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).parent.parent
EMERGENCY = CORPUS / "qinhuangdao-emergency-center-2023.txt"


@pytest.fixture
def folder(tmp_path) -> Path:
    text = EMERGENCY.read_text(encoding="utf-8")
    for n in range(6):
        (tmp_path / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(sys.platform == "win32" or os.name != "posix", reason="workers are forked with the test's patch")
def test_a_dead_worker_fails_only_its_own_file(folder, monkeypatch):
    real_check = auditor.batch.check
    victim = folder / "03.txt"

    def die_on_victim(path, **kwargs):
        if Path(path) == victim:
            os._exit(9)  # as the OOM killer would: no exception, the process is gone
        return real_check(path, **kwargs)

    monkeypatch.setattr(auditor.batch, "check", die_on_victim)
    paths = [str(p) for p in sorted(folder.iterdir())]
    reports = list(auditor.check_many(paths, jobs=3, ordered=True))
    files = [r.files[0] for r in reports]
    assert [f.path for f in files] == paths
    died = [f for f in files if f.error]
    assert [f.path for f in died] == [str(victim)]
    assert died[0].internal and "进程意外退出" in died[0].error
    for report in reports:
        if report.files[0].path != str(victim):
            assert any(f.rule == "unit" and f.location.line == 128 for f in report.findings)


def test_ctrl_c_stops_a_batch_prints_what_finished_and_exits_130(tmp_path):
    text = EMERGENCY.read_text(encoding="utf-8")
    files = 240  # more than two workers audit in the 3 s below, so the signal lands while files are being audited
    for n in range(files):
        (tmp_path / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(tmp_path), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as a foreground job has it
    time.sleep(3)  # let some files finish; the assertions below hold whenever the signal lands
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    try:
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    out, err = out.decode(), err.decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in out + err and "KeyboardInterrupt" not in err
    assert "已中断" in err and "个文件中完成了" in err
    finished = int(err.split("个文件中完成了 ")[1].split(" 个")[0])
    assert finished < files  # queued files were cancelled, not audited
    *_, summary, footer = out.splitlines()
    assert summary.startswith(f"共检查 {finished} 个文件")
    assert footer.startswith(f"已中断：{files} 个文件中完成了 {finished} 个，本报告只含这些文件")


def test_the_html_report_of_a_folder_stays_small(folder):
    """Several files: each document is shown only around its findings, and the page says so."""
    report = auditor.Report.combine(auditor.check_many(sorted(folder.iterdir()), jobs=1, ordered=True))
    page = report.to_html()
    single = auditor.check(EMERGENCY).to_html()
    text_size = len(EMERGENCY.read_text(encoding="utf-8"))
    assert "原文只附各处错误和警告前后 1 行" in page
    assert "略去" in page
    # A bound: the page grows with the findings, not with the documents' text.
    assert len(page) < 6 * (len(single) - text_size) + 100_000
    assert len(page) < 6 * len(single) / 2
    # Each figure of a finding is still in the document view, so the links land.
    for number in range(1, len(report.findings) + 1):
        assert f'data-primary="f-{number}"' in page or f'f-{number}' in page
