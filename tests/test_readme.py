"""First contact (issue 22, item 7): what the README shows is what the auditor prints, its two commands are
what CI runs, and a test run says which groups of tests it skipped and why."""

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from auditor.cli import main

REPO = Path(__file__).parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
#: ``<!-- sample: auditor check ARGS[; in DIR][; exit N] -->`` and the fenced block after it.
SAMPLE = re.compile(r"<!-- sample: (?P<spec>.+?) -->\n```\n(?P<block>.*?)\n```", re.S)
COMMAND = re.compile(r"<!-- command: (?P<name>\w+) -->\n```sh\n(?P<command>.+?)\n```")


def samples() -> list:
    found = [pytest.param(m["spec"], m["block"], id=m["spec"].split(";")[0]) for m in SAMPLE.finditer(README)]
    assert len(found) >= 3, "the README's sample outputs are marked <!-- sample: … -->"
    return found


def _matches(shown: list[str], printed: list[str]) -> bool:
    """The README's lines are the printed lines, a line ``…`` standing for any lines left out."""
    pattern = "".join("(?:[^\n]*\n)*?" if line == "…" else re.escape(line) + "\n" for line in shown)
    return re.fullmatch(pattern, "".join(line + "\n" for line in printed)) is not None


@pytest.mark.parametrize(("spec", "block"), samples())
def test_the_readme_shows_what_the_auditor_prints(spec, block, capsys, monkeypatch):
    command, *options = [part.strip() for part in spec.split(";")]
    settings = dict(option.split(" ", 1) for option in options)
    argv = shlex.split(command)
    if any(arg.endswith(".pdf") for arg in argv):
        pytest.importorskip("pypdfium2")
    monkeypatch.chdir(REPO / settings.get("in", "."))
    status = main(argv[1:])
    printed = capsys.readouterr().out.splitlines()
    shown = block.splitlines()
    if shown and shown[0].startswith("$ "):
        assert shlex.split(shown[0][2:]) == argv
        shown = shown[1:]
    assert _matches(shown, printed), f"README sample out of date; `{command}` now prints:\n" + "\n".join(printed)
    assert status == int(settings.get("exit", "0"))


def test_the_first_command_makes_its_own_environment_and_says_which_python():
    commands = {m["name"]: m["command"] for m in COMMAND.finditer(README)}
    assert commands["first"] == ("python3 -m venv .venv && . .venv/bin/activate && pip install . "
                                 "&& auditor check examples/emergency-center-2023-prose.txt")
    assert commands["tests"] == ". .venv/bin/activate && pip install -e '.[test]' && python -m pytest"
    required = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert required == ">=3.11" and "Python 3.11 or later" in README and "PEP 668" in README


def test_ci_runs_the_readmes_two_commands_as_written():
    """.ci/run takes the commands from the README itself, so the two cannot drift apart."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_command first" in script and "readme_command tests" in script
    extract = re.search(r"readme_command\(\) \{\n(.*?)\n\}", script, re.S)
    assert extract, "readme_command reads a command from the README"
    for name in ("first", "tests"):
        done = subprocess.run(["bash", "-c", f"readme_command() {{\n{extract[1]}\n}}\nreadme_command {name}"], cwd=REPO,
                              capture_output=True, text=True, timeout=30)
        assert done.stdout.strip() == next(m["command"] for m in COMMAND.finditer(README) if m["name"] == name)


def test_a_test_run_says_which_groups_it_skipped_and_why(tmp_path):
    """A module skipped whole (no CJK font) counts as its tests, not as "1 skipped"; each reason on a line of its own."""
    (tmp_path / "conftest.py").write_text((REPO / "tests" / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_pdf_reader.py").write_text(
        "import pytest\npytest.skip('the CJK font is missing (apt-get install fonts-wqy-microhei)', allow_module_level=True)\n"
        + "".join(f"def test_{n}():\n    pass\n" for n in range(5)), encoding="utf-8")
    (tmp_path / "test_browser.py").write_text(
        "import pytest\n" + "".join(f"def test_{n}():\n    pytest.skip('Chromium not installed')\n" for n in range(3))
        + "def test_runs():\n    pass\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    lines = done.stdout.splitlines()
    assert "5 tests skipped in test_pdf_reader.py (the whole module): the CJK font is missing (apt-get install fonts-wqy-microhei)" in lines
    assert "3 tests skipped in test_browser.py: Chromium not installed" in lines
