"""Accepted findings: a baseline file an office writes once and keeps beside its documents.

``auditor check --write-baseline 基线.json`` records every current finding with an empty
``reason`` for a person to fill in ("此处按上年口径计算，已核实"). ``--baseline 基线.json``
later hides the findings it records and still reports every new one.

A finding is recognised by its rule, its file's name and its message with line and
paragraph numbers taken out, so lines added above it do not break the match, while a
changed figure (a different message) makes it a new finding again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

import attrs

from auditor.finding import Finding
from auditor.report.controls import json_safe

if TYPE_CHECKING:
    from auditor.report.report import Report

FORMAT = "auditor-baseline/1"
_PLACE = re.compile(r"第[\d、，,和及至\s-]+等?[行段列页]|[A-Z]{1,3}\d+")  # 第421行, 第94、102等行, 第12段, 第2列, C9, 第28页


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message names the file and the reason."""


def fingerprint(finding: Finding) -> str:
    """Stable across moved lines: rule, file name and message without places."""
    return _fingerprint(finding.rule, PurePath(finding.location.path).name, finding.message)


def _fingerprint(rule: str, file: str, message: str) -> str:
    key = "\x1f".join((rule, file, _PLACE.sub("#", message)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@attrs.frozen
class Baseline:
    """The accepted findings, as fingerprints with how many of each were accepted."""

    path: Path
    entries: tuple[dict, ...]

    def apply(self, report: Report) -> tuple[Report, list[dict]]:
        """The report without the accepted findings (kept in ``report.hidden``), and the entries nothing matched."""
        matcher = self.matcher()
        return matcher.apply(report), matcher.stale()

    def with_renamed_rules(self, renamed: dict[str, str]) -> Baseline:
        """The baseline with entries recorded under an old rule id (``renamed``: old id → id) fingerprinted under the new one."""
        entries = tuple(
            {**e, "rule": renamed[e["rule"]], "fingerprint": _fingerprint(renamed[e["rule"]], str(e.get("file", "")), str(e.get("message", "")))}
            if e.get("rule") in renamed else e
            for e in self.entries
        )
        return attrs.evolve(self, entries=entries)

    def matcher(self) -> Matcher:
        """Applies the baseline to a run's reports one at a time (a folder's files as each is done)."""
        return Matcher(self.entries)

    def unexplained(self) -> int:
        """How many accepted findings still have no reason written."""
        return sum(1 for e in self.entries if not str(e.get("reason", "")).strip())


class Matcher:
    """The accepted findings not matched yet: each entry hides one finding of the run, wherever in the run it stands."""

    def __init__(self, entries: tuple[dict, ...]) -> None:
        self._entries = entries
        self._left = Counter(e["fingerprint"] for e in entries)

    def apply(self, report: Report) -> Report:
        shown, hidden = [], []
        for finding in report.findings:
            key = fingerprint(finding)
            if self._left[key] > 0:
                self._left[key] -= 1
                hidden.append(finding)
            else:
                shown.append(finding)
        return attrs.evolve(report, findings=shown, hidden=(*report.hidden, *hidden))

    def stale(self) -> list[dict]:
        """The entries no finding of the run matched: fixed, or changed."""
        left = Counter(self._left)
        stale = []
        for entry in self._entries:
            if left[entry["fingerprint"]] > 0:
                left[entry["fingerprint"]] -= 1
                stale.append(entry)
        return stale


def baseline_entry(finding: Finding) -> dict:
    """A finding as a baseline records it, with an empty reason for a person to fill in."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "file": PurePath(finding.location.path).name,
        "line": finding.location.line,
        "message": finding.message,
        "fingerprint": fingerprint(finding),
        "reason": "",
    }


def write_baseline(report: Report, path: str | os.PathLike) -> int:
    """Record every finding of the report in a new baseline file; returns how many."""
    entries = [baseline_entry(f) for f in report.findings]
    Path(path).write_text(baseline_text(entries), encoding="utf-8")
    return len(entries)


def baseline_text(entries: list[dict]) -> str:
    """A baseline file holding these entries (see :func:`baseline_entry`)."""
    data = {"format": FORMAT, "说明": "每条为一条已接受的发现；请在 reason 中写明接受的理由。line 仅供查阅，匹配不依赖行号。", "findings": entries}
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def load_baseline(path: str | os.PathLike) -> Baseline:
    """Read a baseline file; raises BaselineError naming the file and what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: 无法读取基线：{exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: 基线不是有效的 JSON：{exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: 不是 auditor 的基线文件（应由 --write-baseline 生成）")
    entries = data["findings"]
    if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
        raise BaselineError(f"{path}: 基线中有缺少 fingerprint 的记录")
    return Baseline(path, tuple(entries))
