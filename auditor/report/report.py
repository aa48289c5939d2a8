"""The result of auditing one or more files."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

import attrs

from auditor.finding import Finding
from auditor.report.controls import json_safe
from auditor.report.results import NOTHING_RECOGNISED, FileResult, Interruption, Tally, trailer

__all__ = ["NOTHING_RECOGNISED", "FileResult", "Interruption", "Report", "Tally", "trailer"]


@attrs.frozen
class Report:
    """Findings in document order, and the files they come from.

    Findings follow the files: those of ``files[0]`` first, each file's in the order of
    their places in it (findings in a file not listed come last, by path). A report of a
    folder written as it goes (``auditor check DIR``) therefore has exactly the order of
    the in-memory report of the same files.

    Deliberately has no ``__bool__``: say ``report.ok`` (no errors) so that an
    empty report and a clean report are never confused.
    """

    findings: tuple[Finding, ...] = attrs.field(converter=tuple)
    files: tuple[FileResult, ...] = attrs.field(default=(), converter=tuple)
    hidden: tuple[Finding, ...] = attrs.field(default=(), converter=tuple)  # accepted by a baseline, not shown
    interrupted: Interruption | None = None  # set on the report of a run stopped by Ctrl-C

    def __attrs_post_init__(self) -> None:
        order: dict[str, int] = {}
        for index, file in enumerate(self.files):
            order.setdefault(file.path, index)
        unlisted = len(self.files)
        ordered = sorted(self.findings, key=lambda f: (order.get(f.location.path, unlisted), f.sort_key))
        object.__setattr__(self, "findings", tuple(ordered))

    def __repr__(self) -> str:
        """One line: ``<Report 1 个文件：3 个错误，2 个警告，0 个提示>`` (the findings are in ``.findings``)."""
        counts = self.counts()
        unreadable = f"，{len(self.unreadable)} 个无法读取" if self.unreadable else ""
        return (f"<Report {len(self.files)} 个文件：{counts['error']} 个错误，{counts['warning']} 个警告，"
                f"{counts['info']} 个提示{unreadable}>")

    def __bool__(self) -> bool:
        raise TypeError("a Report has no truth value: use report.ok, report.errors or report.findings")

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def unreadable(self) -> tuple[FileResult, ...]:
        return tuple(f for f in self.files if f.error is not None)

    @property
    def ok(self) -> bool:
        """True when no file had an error finding and every file could be read."""
        return not self.errors and not self.unreadable

    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    @classmethod
    def combine(cls, reports, interrupted: Interruption | None = None) -> Report:
        reports = list(reports)
        return cls(
            findings=[f for r in reports for f in r.findings],
            files=[fr for r in reports for fr in r.files],
            hidden=[f for r in reports for f in r.hidden],
            interrupted=interrupted,
        )

    def to_dict(self) -> dict:
        data = {
            "findings": [f.to_dict() for f in self.findings],
            "files": [f.to_dict() for f in self.files],
        }
        data.update(trailer(len(self.hidden), self.interrupted))
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json_safe(json.dumps(self.to_dict(), ensure_ascii=False, indent=indent))

    def tally(self) -> Tally:
        tally = Tally()
        tally.add(self)
        return tally

    def to_records(self) -> list[dict]:
        """One flat dict per finding, so that ``pandas.DataFrame(report.to_records())`` just works."""
        return [f.to_record() for f in self.findings]

    def to_sarif(self, rules: Sequence | None = None) -> dict:
        """The report as a SARIF 2.1.0 log (a dict; ``json.dumps`` it to write a .sarif file).

        ``rules``: the rule registry it describes (default: every installed rule)."""
        from auditor.report.sarif import to_sarif

        return to_sarif(self, _registry(rules))

    def to_html(self, rules: Sequence | None = None) -> str:
        """A self-contained HTML page: summary, findings with their figures, and the documents."""
        from auditor.report.html import format_html

        return format_html(self, _registry(rules))

    def _repr_html_(self) -> str:
        from auditor.report.notebook import notebook_html

        return notebook_html(self, _registry(None))


def _registry(rules: Sequence | None) -> Sequence:
    """The rules a format describes: those given, else every installed rule.

    Only these convenience methods of a Report in a user's hands reach for the registry;
    the formatters themselves are given it (the command line passes ``all_rules()``).
    """
    if rules is not None:
        return rules
    from auditor.rules import all_rules

    return all_rules()
