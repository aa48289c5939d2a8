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

import attrs

from auditor.finding import Finding
from auditor.report.controls import json_safe
from auditor.report.report import Report

FORMAT = "auditor-baseline/1"
_PLACE = re.compile(r"第[\d、，,和及至\s-]+等?[行段列页]|[A-Z]{1,3}\d+")  # 第421行, 第94、102等行, 第12段, 第2列, C9, 第28页


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message names the file and the reason."""


def fingerprint(finding: Finding) -> str:
    """Stable across moved lines: rule, file name and message without places."""
    message = _PLACE.sub("#", finding.message)
    key = "\x1f".join((finding.rule, PurePath(finding.location.path).name, message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@attrs.frozen
class Baseline:
    """The accepted findings, as fingerprints with how many of each were accepted."""

    path: Path
    entries: tuple[dict, ...]

    def apply(self, report: Report) -> tuple[Report, list[dict]]:
        """The report without the accepted findings (kept in ``report.hidden``), and the entries nothing matched."""
        left = Counter(e["fingerprint"] for e in self.entries)
        shown, hidden = [], []
        for finding in report.findings:
            key = fingerprint(finding)
            if left[key] > 0:
                left[key] -= 1
                hidden.append(finding)
            else:
                shown.append(finding)
        stale = []
        for entry in self.entries:
            if left[entry["fingerprint"]] > 0:
                left[entry["fingerprint"]] -= 1
                stale.append(entry)
        return attrs.evolve(report, findings=shown, hidden=(*report.hidden, *hidden)), stale

    def unexplained(self) -> int:
        """How many accepted findings still have no reason written."""
        return sum(1 for e in self.entries if not str(e.get("reason", "")).strip())


def write_baseline(report: Report, path: str | os.PathLike) -> int:
    """Record every finding of the report in a new baseline file; returns how many."""
    entries = [
        {
            "rule": f.rule,
            "severity": f.severity,
            "file": PurePath(f.location.path).name,
            "line": f.location.line,
            "message": f.message,
            "fingerprint": fingerprint(f),
            "reason": "",
        }
        for f in report.findings
    ]
    data = {"format": FORMAT, "说明": "每条为一条已接受的发现；请在 reason 中写明接受的理由。line 仅供查阅，匹配不依赖行号。", "findings": entries}
    Path(path).write_text(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n", encoding="utf-8")
    return len(entries)


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
