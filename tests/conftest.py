"""Shared pytest configuration."""

# Hypothesis settings profiles: "ci" (default, reproducible) and "long" (deep search).
# Select with HYPOTHESIS_PROFILE=long python -m pytest ...
import ast as _ast
import os as _os
from collections import defaultdict as _defaultdict
from pathlib import Path as _Path

from hypothesis import settings as _settings

_settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True)
_settings.register_profile("long", max_examples=5000, deadline=None)
_settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter):
    """Say what was skipped and why, a line per reason, so a group skipped for want of a font or a browser is not
    hidden in "1 skipped" (a module skipped whole counts once however many tests it holds)."""
    by_reason = _defaultdict(lambda: [0, set(), False])  # reason → tests, files, a whole module
    for report in terminalreporter.stats.get("skipped", []):
        if not isinstance(report.longrepr, tuple):
            continue
        reason = report.longrepr[2].removeprefix("Skipped: ")
        path = report.nodeid.split("::")[0]
        entry = by_reason[reason]
        entry[1].add(path)
        if "::" in report.nodeid:
            entry[0] += 1
        else:  # skipped while the module was imported: none of its tests was collected
            entry[0] += _tests_in(path)
            entry[2] = True
    if not by_reason:
        return
    terminalreporter.write_sep("-", "skipped, by reason")
    for reason, (tests, paths, whole) in sorted(by_reason.items(), key=lambda item: -item[1][0]):
        where = ", ".join(sorted(paths)) + (" (the whole module)" if whole else "")
        terminalreporter.write_line(f"{tests} tests skipped in {where}: {reason}")


def _tests_in(path: str) -> int:
    """How many test functions a module defines (parametrised ones count once): what a module-level skip hid."""
    try:
        tree = _ast.parse(_Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return 1
    return sum(isinstance(node, _ast.FunctionDef | _ast.AsyncFunctionDef) and node.name.startswith("test") for node in tree.body) or 1
