"""What a command imports before it answers (issue 24, start-up): ``--help``, ``--version`` and a usage error load
nothing of the pipeline, and a document without a 绩效自评表 loads neither its splitters nor its interpreter.

Each case runs in a fresh interpreter, the only way to see what an import pulls in; the assertions are on the
modules loaded, never on time (the times are measured in benchmarks/startup.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ("auditor.api", "auditor.extract", "auditor.rules", "auditor.link", "auditor.read", "auditor.report.writers", "attrs",
            "pyparsing")


def _loaded_after(code: str) -> tuple[str, list[str]]:
    """(stdout, the auditor/attrs/pyparsing modules loaded) after ``code`` runs in a fresh interpreter."""
    program = (
        "import contextlib, io, json, sys\n"
        "out = io.StringIO()\n"
        f"with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):\n    {code}\n"
        "print(json.dumps([out.getvalue(), sorted(m for m in sys.modules if m.split('.')[0] in ('auditor', 'attrs', 'pyparsing'))]))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    out, modules = json.loads(done.stdout.splitlines()[-1])
    return out, modules


def test_help_version_and_a_usage_error_load_nothing_of_the_pipeline():
    for argv in (["--help"], ["--version"], [], ["nonsense"]):
        out, modules = _loaded_after(f"from auditor.cli import main; main({argv!r})")
        assert not [m for m in modules if m.startswith(PIPELINE)], (argv, modules)
        if argv == ["--help"]:
            assert out.startswith("用法：auditor") and "check" in out and "rules" in out
        if argv == ["--version"]:
            assert out.startswith("auditor ")
    # `auditor check` without a file: check's arguments name the formats and suffixes (those modules load), no stage does
    _, modules = _loaded_after("from auditor.cli import main; main(['check'])")
    assert not [m for m in modules if m.startswith(("auditor.api", "auditor.extract", "auditor.rules", "auditor.link"))], modules


def test_check_help_names_its_formats_and_suffixes():
    """check's own arguments are added when check is parsed: its help still names every format and file suffix."""
    out, _ = _loaded_after("from auditor.cli import main; main(['check', '--help'])")
    assert "--format {text,json,sarif,html}" in out
    assert ".txt、.docx、.xlsx、.pdf" in out


def test_a_document_without_a_perf_table_loads_no_perf_table_reader():
    text = "一、收入支出决算总体情况说明\n2023年度收入总计774.37万元，比上年增加113.25万元，增长17.1%。\n"
    _, modules = _loaded_after(f"import auditor; auditor.check({text!r})")
    assert "auditor.api" in modules
    assert not {"auditor.perf.interpret", "auditor.perf.rows", "auditor.perf.narrative"} & set(modules), modules
    _, modules = _loaded_after("import auditor; auditor.check('tests/fixtures/corpus/jincheng-ecology-bureau-2024.txt')")
    assert {"auditor.perf.interpret", "auditor.perf.rows"} <= set(modules)
