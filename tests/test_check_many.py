"""``auditor.check_many``: many files in worker processes, each report as it is done (issue 24, item 5),
and a batch that Ctrl-C or a killed parent stops at any moment (issue 22, item 3).
"""

import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import auditor
import auditor.batch
from auditor.report.report import Report

HERE = Path(__file__).parent
REPO = HERE.parent
CORPUS = HERE / "fixtures" / "corpus"
EMERGENCY = CORPUS / "qinhuangdao-emergency-center-2023.txt"  # line 128: 774.37 元 among 774.37 万元
ETDZ = CORPUS / "qinhuangdao-etdz-office-2023.txt"
JINCHENG = CORPUS / "jincheng-ecology-bureau-2024.txt"
PDF = HERE / "fixtures" / "pdf" / "putuo-social-work-2024.pdf"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
posix_only = pytest.mark.skipif(os.name != "posix", reason="process groups and fork: POSIX")


@pytest.fixture
def folder(tmp_path) -> Path:
    """Eight disclosures: the three corpus texts (a GBK copy of one), a copy of the emergency centre under four names."""
    for path in (EMERGENCY, ETDZ, JINCHENG):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "应急中心-gbk.txt").write_bytes(EMERGENCY.read_text(encoding="utf-8").encode("gbk"))
    for n in range(4):
        shutil.copy(EMERGENCY, tmp_path / f"copy-{n}.txt")
    return tmp_path


def default_sigint() -> None:
    """In a child about to be sent Ctrl-C: SIGINT as a foreground job has it, even if this test run was started in
    the background of a script (whose jobs inherit SIGINT ignored, and an ignored SIGINT stays ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def ctrl_c_raises():
    """Python's own Ctrl-C handler for this test, even when the run inherited SIGINT ignored (a script's background job)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def paths_in(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.iterdir())]


def children_alive() -> list:
    return [p for p in multiprocessing.active_children() if p.is_alive()]


# --- order, one report per file, errors per file --------------------------------------------------


def test_ordered_results_come_in_the_order_given_and_match_check(folder):
    paths = paths_in(folder)[::-1]
    reports = list(auditor.check_many(paths, jobs=2, ordered=True))
    assert [r.files[0].path for r in reports] == paths
    for path, report in zip(paths, reports, strict=True):
        alone = auditor.check(Path(path))
        assert report.to_json() == alone.to_json()
    assert all(any(f.rule == "unit" and f.location.line == 128 for f in r.findings) for r in reports if "copy" in r.files[0].path)


def test_unordered_results_are_each_file_once_handed_over_as_each_finishes(folder):
    paths = paths_in(folder)
    finished: list[str] = []
    seen: list[str] = []

    def progress(done, total, path):
        assert total == len(paths) and done == len(finished) + 1
        finished.append(path)

    for report in auditor.check_many(paths, jobs=2, progress=progress):
        seen.append(report.files[0].path)
        assert seen == finished  # handed over the moment it finished, none held back
    assert sorted(seen) == sorted(paths)


def test_a_file_that_cannot_be_read_is_its_own_report_and_the_others_are_audited(tmp_path, folder):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(bytes(range(256)) * 16)
    paths = [str(tmp_path / "empty.txt"), str(EMERGENCY), str(tmp_path / "missing.txt"), str(tmp_path / "scan.txt"), str(folder)]
    reports = list(auditor.check_many(paths, jobs=2, ordered=True))
    reasons = [r.files[0].error for r in reports]
    assert reasons[0].startswith("文件为空") and reasons[1] is None and "文件不存在" in reasons[2] and "二进制" in reasons[3]
    assert "目录" in reasons[4]  # a folder is one path; the command line walks folders
    assert any(f.rule == "unit" and f.location.line == 128 for f in reports[1].findings)


@posix_only
def test_a_crash_in_one_files_audit_is_that_files_internal_error(folder, monkeypatch):
    real_check = auditor.batch.check

    def crash_on_etdz(path, **kwargs):
        if Path(path).name == ETDZ.name:
            raise RuntimeError("模拟的内部错误")
        return real_check(path, **kwargs)

    monkeypatch.setattr(auditor.batch, "check", crash_on_etdz)  # the forked workers have it too
    reports = {Path(r.files[0].path).name: r for r in auditor.check_many(paths_in(folder), jobs=2)}
    crashed = reports.pop(ETDZ.name).files[0]
    assert crashed.internal and "RuntimeError: 模拟的内部错误" in crashed.error
    assert all(r.files[0].error is None for r in reports.values())


def test_unknown_rules_and_bad_jobs_are_refused_before_any_file_is_read(folder):
    with pytest.raises(ValueError, match="unknown rule id 'no-such-rule'"):
        auditor.check_many(paths_in(folder), select=["no-such-rule"])
    with pytest.raises(ValueError, match="jobs"):
        auditor.check_many(paths_in(folder), jobs=0)


# --- stopping -------------------------------------------------------------------------------------


@posix_only
def test_leaving_the_loop_ends_the_workers(folder):
    paths = paths_in(folder) * 3
    for report in auditor.check_many(paths, jobs=2):
        assert children_alive()  # the pool is at work
        assert report.files
        break
    assert not children_alive()


@posix_only
def test_ctrl_c_while_waiting_hands_over_what_finished_then_raises(folder, monkeypatch, ctrl_c_raises):
    """The first file never ends; Ctrl-C once the others are done: they are handed over (in order), then KeyboardInterrupt."""
    real_check = auditor.batch.check
    first = Path(paths_in(folder)[0])

    def stuck_on_first(path, **kwargs):
        if Path(path) == first:
            time.sleep(600)
        return real_check(path, **kwargs)

    monkeypatch.setattr(auditor.batch, "check", stuck_on_first)
    paths = paths_in(folder)

    def progress(done, total, path):
        if done == total - 1:  # every file but the stuck one
            os.kill(os.getpid(), signal.SIGINT)

    handed: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        for report in auditor.check_many(paths, jobs=2, ordered=True, progress=progress):
            handed.append(report.files[0].path)
    assert handed == paths[1:]  # held back behind the first while it ran, handed over at the Ctrl-C
    assert not children_alive()  # the stuck worker was killed, not waited for


@posix_only
def test_ctrl_c_in_the_callers_code_ends_the_workers(folder, ctrl_c_raises):
    with pytest.raises(KeyboardInterrupt):
        for _ in auditor.check_many(paths_in(folder) * 2, jobs=2):
            os.kill(os.getpid(), signal.SIGINT)  # Python's handler would raise here too
            time.sleep(5)
            pytest.fail("Ctrl-C in the loop's body did not interrupt it")
    assert not children_alive()


@posix_only
def test_workers_die_with_their_parent(tmp_path):
    """Kill the parent (SIGKILL: no chance to clean up): its workers end too, instead of auditing on for no one."""
    for n in range(40):
        shutil.copy(JINCHENG, tmp_path / f"{n:02d}.txt")
    parent = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(tmp_path), "--jobs", "2"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=ENV, start_new_session=True)
    try:
        workers = []
        for _ in range(100):  # wait for the pool to start (bounded)
            workers = _children(parent.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert workers, "the batch never started its workers"
        parent.kill()
        parent.wait()
        for _ in range(50):  # each worker looks for its parent five times a second
            if not any(_alive(pid) for pid in workers):
                break
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        with contextlib_suppress():
            os.killpg(parent.pid, signal.SIGKILL)
        for pid in _children(parent.pid):
            with contextlib_suppress():
                os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def contextlib_suppress():
    import contextlib

    return contextlib.suppress(OSError)


# --- Ctrl-C at any moment: a property test ----------------------------------------------------------


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    """Two hundred disclosures: more than a run gets through in the moments the property draws."""
    folder = tmp_path_factory.mktemp("batch")
    text = EMERGENCY.read_bytes()
    for n in range(200):
        (folder / f"{n:03d}.txt").write_bytes(text)
    return folder


@posix_only
@settings(max_examples=50, deadline=None, phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
@given(moment=st.floats(min_value=0.0, max_value=1.5), jobs=st.sampled_from([1, 2]))
def test_ctrl_c_at_any_moment_exits_130_at_once_with_the_finished_files(big_folder, moment, jobs):
    """Ctrl-C as a terminal sends it (to the whole process group), at a random moment: start-up, the pool
    starting, mid-batch. The run ends with 130 within 2 s (the wait below is bounded so that a hang fails
    instead of hanging the suite), its report lists the files it finished, and says it is partial."""
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(big_folder), "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True, preexec_fn=default_sigint)
    time.sleep(moment)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=2)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"Ctrl-C at {moment:.2f} s: still running 2 s later")
    out, err = out.decode(), err.decode()
    if _in_interpreter_start(proc.returncode, out, err):  # before any of auditor's code ran: CPython's own doing
        assert moment < 0.5, (moment, err)
        return
    assert proc.returncode == 130, (moment, proc.returncode, err)
    assert "Traceback" not in out + err
    if out:  # Ctrl-C after the batch began: the report of the files finished, marked partial
        *findings, summary, footer = out.splitlines()
        done = int(footer.split("完成了 ")[1].split(" 个")[0])
        assert footer.startswith("已中断：200 个文件中完成了 ")
        assert summary.startswith(f"共检查 {done} 个文件：")
        assert sum(":128:23: error [unit] " in line for line in findings) == done  # each finished file's dropped 万元
        assert f"已中断：200 个文件中完成了 {done} 个" in err


def _in_interpreter_start(status: int, out: str, err: str) -> bool:
    """A Ctrl-C that reached Python before the command's code ran: killed by SIGINT's default action before the
    interpreter set its handler (a shell reports that as 130 too); a "Fatal Python error" in one of the
    interpreter's own start-up steps (``init_import_site`` importing its .pth files, ``init_sys_streams`` importing
    ``io`` and ``abc`` for stdin/stdout), status 1; or a KeyboardInterrupt while ``python -m`` imports runpy
    ("Could not import runpy module", status 1) or while runpy imports the ``auditor`` package, before it runs
    ``auditor/__main__.py`` (the uncaught interrupt's traceback, then -SIGINT; the package, a library, lets a Ctrl-C
    during its import through, and the command's handler is in ``__main__``). None is the command's to handle."""
    if out:
        return False
    if status == -signal.SIGINT and not err:
        return True
    if status == 1 and "Fatal Python error: init_" in err:
        return True
    frames = re.findall(r'File "([^"]+)"', err)
    return (status in (1, -signal.SIGINT) and err.rstrip().endswith("KeyboardInterrupt") and bool(frames)
            and frames[0].startswith("<frozen ")
            and not any(frame.endswith(("auditor/__main__.py", "auditor/cli.py")) for frame in frames))


# --- streamed reports: the same as the in-memory report ---------------------------------------------


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Path, list[Path]]:
    """A folder of texts and a PDF, and the files it holds in the order a run walks them."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in (EMERGENCY, ETDZ, JINCHENG, PDF):
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    return folder, sorted(folder.iterdir())


def _cli(*args) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "auditor", "check", *map(str, args)], capture_output=True, env=ENV, timeout=300)
    assert "Traceback" not in done.stderr.decode()
    return done.returncode, done.stdout.decode()


@pytest.fixture(scope="module")
def in_memory(mixed) -> Report:
    if pytest.importorskip("pypdfium2") is None:
        pytest.skip("no PDF reader")
    _, files = mixed
    reports = []
    for path in files:
        try:
            reports.append(auditor.check(path))
        except auditor.InputError as exc:
            reports.append(Report(findings=(), files=[auditor.FileResult(exc.path, "", exc.reason)]))
    return Report.combine(reports)


def test_streamed_json_is_the_in_memory_report_byte_for_byte(mixed, in_memory):
    folder, _ = mixed
    code, out = _cli(folder, "--format", "json", "--jobs", "2")
    assert code == 2  # the empty file
    assert out == in_memory.to_json() + "\n"
    data = json.loads(out)
    assert "interrupted" not in data and len(data["files"]) == 5


def test_streamed_sarif_is_the_in_memory_log_and_valid(mixed, in_memory):
    folder, _ = mixed
    code, out = _cli(folder, "--format", "sarif", "--jobs", "2")
    assert code == 2
    log = json.loads(out)
    assert log == in_memory.to_sarif()
    schema = json.loads((HERE / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(log)]
    assert not errors, errors[:5]
    run = log["runs"][0]
    assert len(run["results"]) == len(in_memory.findings) and len(run["artifacts"]) == 5


def test_the_html_and_text_reports_of_a_folder_are_written_as_it_goes_and_complete(mixed, in_memory):
    folder, files = mixed
    code, page = _cli(folder, "--format", "html", "--jobs", "2")
    assert code == 2 and page.rstrip().endswith("</html>")
    assert page.count('<li class="finding') == len(in_memory.findings)
    assert all(f'<section class="doc" id="d-{i}">' in page for i, f in enumerate(files) if f.name != "empty.txt")
    code, text = _cli(folder, "--jobs", "2")
    assert text.splitlines()[-1] == f"共检查 5 个文件：{_counts(in_memory)}，1 个文件无法读取"


def _counts(report: Report) -> str:
    counts = report.counts()
    return f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示"


@posix_only
@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_an_interrupted_report_says_it_is_partial_in_every_format(big_folder, fmt, tmp_path):
    """The report goes to a file, as to a terminal that reads it: a pipe nobody reads would block the run's
    first write (a SARIF log's rule list is larger than a pipe holds) and Ctrl-C would land before any file."""
    with open(tmp_path / f"report.{fmt}", "w+b") as report:
        proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(big_folder), "--jobs", "2", "--format", fmt],
                                stdout=report, stderr=subprocess.PIPE, env=ENV, start_new_session=True, preexec_fn=default_sigint)
        time.sleep(1.5)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        report.seek(0)
        out = report.read().decode()
    assert proc.returncode == 130, err.decode()
    done = int(err.decode().split("完成了 ")[1].split(" 个")[0])
    if fmt == "json":
        data = json.loads(out)
        assert data["interrupted"] == {"done": done, "total": 200} and len(data["files"]) == done
    elif fmt == "sarif":
        invocation = json.loads(out)["runs"][0]["invocations"][0]
        assert invocation["executionSuccessful"] is False and invocation["properties"]["interrupted"] == {"done": done, "total": 200}
    else:
        assert f'<div class="interrupted" role="alert">已中断：200 个文件中完成了 {done} 个，本报告只含这些文件' in out
        assert out.count('<section class="doc"') == done


@posix_only
def test_an_ignored_ctrl_c_stays_ignored(folder):
    """A script's background job (``auditor check … &``) inherits SIGINT ignored; the batch does not take it over."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        reports = auditor.check_many(paths_in(folder), jobs=2)
        first = next(reports)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert len([first, *reports]) == len(paths_in(folder))
    finally:
        signal.signal(signal.SIGINT, previous)
