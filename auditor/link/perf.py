"""What the prose says about the performance tables: which table a project statement is about, which figures a 存在问题 cell restates.

A statement is matched to its table by project name (spaces, brackets and a trailing
项目 do not matter; a name that contains the other matches when only one table does).
A 存在问题 cell that names the table's own money (``财政拨款 45 万元，当年预算执行 44.093
万元``) restates its 预算数 or 执行数.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from itertools import islice

from auditor.document.model import normalise
from auditor.extract.facts import Facts, ProblemFigure, StatementLink
from auditor.perf.figures import NUMBER
from auditor.perf.model import Figure, PerfTable, Text
from auditor.perf.words import perf_words
from auditor.quantity import Quantity
from auditor.tables.model import label_key


@cache
def _restating(field: str) -> re.Pattern:
    """``预算资金为 120 万元``: a figure of the 存在问题 text after a word of ``[perf.labels] problem_<field>``."""
    words = "|".join(map(re.escape, sorted(perf_words()[f"problem_{field}"], key=len, reverse=True)))
    return re.compile(rf"(?<!年初)(?:{words})\s*为?\s*({NUMBER.pattern})\s*万元")


def project_key(name: str) -> str:
    """A project name as compared (:func:`auditor.tables.model.label_key`), lower case, without a trailing 项目."""
    key = label_key(name).lower()
    while key.endswith("项目"):
        key = key[: -len("项目")]
    return key


class _Projects:
    """The tables by the key of their project name, keyed once per document rather than once per statement."""

    def __init__(self, tables: tuple[PerfTable, ...]) -> None:
        self.keyed = [(key, t) for t in tables if t.name and (key := project_key(t.name.text))]
        self.exact: dict[str, PerfTable] = {}
        for key, t in self.keyed:
            self.exact.setdefault(key, t)

    def table_for(self, name: Text | None) -> PerfTable | None:
        """The table of the project called ``name``: the same name, or the only table whose name contains it or is contained in it."""
        if name is None:
            return None
        key = project_key(name.text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        near = list(islice((t for k, t in self.keyed if key in k or k in key), 2))
        return near[0] if len(near) == 1 else None


def statement_links(facts: Facts) -> Iterator[StatementLink]:
    """Each project statement with the table of the project its heading names and of the project it scores."""
    if not facts.perf_tables:
        return
    projects = _Projects(facts.perf_tables)
    for s in facts.perf_statements:
        own = projects.table_for(s.heading) if s.heading else None
        scored = projects.table_for(s.subject)
        names_other = bool(s.heading and s.subject and project_key(s.heading.text) != project_key(s.subject.text))
        yield StatementLink(s, own, scored, names_other)


def problem_figures(facts: Facts) -> Iterator[ProblemFigure]:
    """The 预算数 and 执行数 a table's 存在问题 cells restate."""
    for table in facts.perf_tables:
        for text in table.problems:
            # the cell as printed (full-width, traditional script) is read normalised: one for one, so places hold
            read = normalise(text.text)
            for pattern, printed, named in ((_restating("budget"), table.budget, "预算数"), (_restating("executed"), table.executed, "执行数")):
                for m in pattern.finditer(read):
                    start = text.start + m.start(1)
                    digits = m.group(1)
                    quantity = Quantity(Decimal(digits.replace(",", "")), len(digits.partition(".")[2]), "万元", digits)
                    phrase = text.text[m.start() : m.end()]
                    yield ProblemFigure(table, Figure(quantity, start, start + len(digits)), printed, named, phrase)
