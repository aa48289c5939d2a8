"""An office's settings: which rules run, at what severity, and with which extra rule files.

Read from ``auditor.toml``, or from ``[tool.auditor]`` in a ``pyproject.toml``::

    select = ["table", "perf"]          # rule ids or id prefixes; default: every rule
    ignore = ["perf.indicator"]
    rules-dirs = ["../本省规则"]         # more ``*.rules`` identity files, relative to this file

    [severity]                          # ([tool.auditor.severity] in a pyproject.toml)
    "unit" = "warning"
    "perf.indicator" = "error"

A document's settings are the nearest such file in its folder or a folder above it;
``--config FILE`` (or ``check(config=...)``) names one instead.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from auditor.finding import SEVERITY_ORDER

CONFIG_NAMES = ("auditor.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "severity", "rules-dirs"}

#: What checks the rule ids a settings file names: raises ValueError naming one that matches no rule. The rules
#: pass it in (``auditor.api.load_config`` passes ``auditor.rules.selected_rules``): settings sit below the rules.
RuleIdCheck = Callable[[Iterable[str]], object]


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names the file and the reason."""


@attrs.frozen
class Config:
    """Settings for one audit; ``Config()`` is the default (every rule, as it reports)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id or prefix, severity), as written
    rules_dirs: tuple[Path, ...] = ()
    path: Path | None = None  # where the settings came from, for messages

    def severity_of(self, rule_id: str, reported: str) -> str:
        """The severity a finding of ``rule_id`` carries: the most specific override, else as reported."""
        best, best_len = reported, -1
        for pattern, level in self.severity:
            if (rule_id == pattern or rule_id.startswith(pattern + ".")) and len(pattern) > best_len:
                best, best_len = level, len(pattern)
        return best

    def with_command_line(self, select, ignore) -> Config:
        """The command line's ``--select`` replaces the file's; its ``--ignore`` adds to it."""
        return attrs.evolve(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore or ()),
        )


def load_config(path: str | os.PathLike, check_ids: RuleIdCheck) -> Config:
    """The settings in an ``auditor.toml`` or a ``pyproject.toml``, their rule ids checked; raises ConfigError."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置：{exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: 配置不是有效的 TOML：{exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("auditor", {})
    return _parse(data, path, check_ids)


def find_config(document: str | os.PathLike) -> Path | None:
    """The nearest ``auditor.toml``, or ``pyproject.toml`` with ``[tool.auditor]``, at or above the document's folder."""
    folder = Path(document).resolve().parent
    for directory in (folder, *folder.parents):
        candidate = directory / "auditor.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _has_auditor_table(candidate):
            return candidate
    return None


def config_for(document: str | os.PathLike, check_ids: RuleIdCheck) -> Config:
    """The settings that apply to a document file: the nearest settings file, or the default."""
    found = find_config(document)
    return load_config(found, check_ids) if found else Config()


def _has_auditor_table(pyproject: Path) -> bool:
    try:
        with open(pyproject, "rb") as handle:
            return "auditor" in tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False  # someone else's broken pyproject.toml is not our settings file


def _parse(data: dict, path: Path, check_ids: RuleIdCheck) -> Config:
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: 未知的配置项 {', '.join(sorted(unknown))}（可用：{', '.join(sorted(_KEYS))}）")
    select = _strings(data, "select", path)
    ignore = _strings(data, "ignore", path)
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{path}: severity 应是一个表，如 [severity] \"unit\" = \"warning\"")
    for level in severity.values():
        if level not in SEVERITY_ORDER:
            raise ConfigError(f"{path}: 未知的级别 {level!r}（可用：error, warning, info）")
    try:
        check_ids([*select, *ignore, *severity])
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    dirs = tuple((path.parent / d).resolve() for d in _strings(data, "rules-dirs", path))
    for directory in dirs:
        if not directory.is_dir():
            raise ConfigError(f"{path}: rules-dirs 中的 {directory} 不是一个目录")
    return Config(select, ignore, tuple(severity.items()), dirs, path)


def _strings(data: dict, key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} 应是字符串列表")
    return tuple(value)
