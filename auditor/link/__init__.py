"""The link stage: between extraction and the rules, it decides what each relation is about.

Extraction reads sentence by sentence and binds what a sentence binds by itself (the
subject of 增长, the whole of a 其中 list, the base a share names). What needs the whole
document is bound here, and each relation records how its operands were bound
(``bound``: 其中 head, named base, topic phrase, previous sentence, stated before …), so
that a rule can tell a recognised reading from a guess: an error needs every operand
bound by a recognised pattern; a relation with a guessed operand is at most a warning
that says what was assumed (docs/domain.md §5).

* **named bases**: the stated figures a base (占政府采购支出总额的 …) can mean, indexed once;
* **wholes stated before**: shares with no 其中 list and no named base (one item per
  numbered heading, ``1.教育支出(类) 402.75 万元，占 75.96%。2.…``) take as their whole the
  latest figure before them that can hold all their parts (bound ``stated before``: a guess);
* **item budgets**: a completion rate of an item with no budget in its sentence, bound to that
  item's budget stated elsewhere in the prose, or to the budget cell beside the table cell its
  final figure restates (公开09表 预算数 | 决算数); never to the total's;
* **implied budgets**: items of a list with completion rates and no budgets;
* **concepts across sections**: 基本支出 in 三、 and 一般公共预算财政拨款基本支出 in 六、 are
  one quantity when the document says all its income is 一般公共预算; 收入总计 = 支出总计
  for prose figures of one sentence; an item whose name says which money it is (公务接待费)
  has one budget and one final figure a year wherever they are stated;
* **performance prose**: the table each project statement is about, the table figures
  a 存在问题 cell restates;
* **table cells**: the cell of the standard tables each prose figure's words name
  (``rules/concepts.toml``);
* **identities**: the identities of ``rules/*.rules`` as instances over the cells of the
  tables the document carries, and over the prose figures that name the cells of tables
  it does not carry;
* **verdicts**: whether the document confirms each table's reading (its identities mostly
  hold, its failures explained by a few wrong cells): a table not understood gives no
  finding and its cells serve no check; one left unverified gives warnings only;
* **money places**: how many decimals the document writes money with, so that a whole
  number among two-decimal figures can be told from an exact one.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import attrs

from auditor.extract.facts import Facts
from auditor.formula import load_identities
from auditor.link.bases import NamedBases
from auditor.link.budgets import implied_budgets, item_budgets
from auditor.link.cells import cell_references
from auditor.link.concepts import all_income_general_budget, item_figures, restatements
from auditor.link.identities import prose_identities, table_identities, tables_by_name
from auditor.link.perf import problem_figures, statement_links
from auditor.link.verdicts import judge
from auditor.link.wholes import wholes_stated_before


def link(facts: Facts, rules_dirs: tuple[Path, ...] = ()) -> Facts:
    """The facts with the relations only the whole document can bind, and the index of named bases.

    ``rules_dirs``: an office's own folders of ``*.rules`` identities, read after ``rules/``.
    """
    shares = facts.shares + tuple(wholes_stated_before(facts))
    collapsed = all_income_general_budget(facts.document)
    statements = load_identities(rules_dirs)
    tables = tables_by_name(facts.tables)
    on_tables, skips = table_identities(tables, statements)
    figures = tuple(item_figures(facts))  # the stated figures of one-caliber items: restated, and the budgets of rates
    linked = attrs.evolve(
        facts,
        shares=shares,
        orphan_shares=(),
        restatements=tuple(restatements(facts, collapsed, figures)),
        statement_links=tuple(statement_links(facts)),
        problem_figures=tuple(problem_figures(facts)),
        money_places=_money_places(facts),
    )
    linked = attrs.evolve(linked, named_bases=NamedBases(linked))
    references = tuple(cell_references(linked, tables))
    verdicts = judge(facts.tables, on_tables, references)
    linked = attrs.evolve(linked, cell_references=tuple(verdicts.screen_references(references)),
                          identity_skips=tuple(skips) + verdicts.notes, table_verdicts=verdicts.sides)
    usable = {name: table for name, table in tables.items() if verdicts.usable(table)}  # a misreading is as good as no table
    linked = attrs.evolve(linked, budgets=tuple(item_budgets(linked, usable, figures)))
    linked = attrs.evolve(linked, implied_budgets=tuple(implied_budgets(linked)))
    on_prose = tuple(prose_identities(linked, statements, usable, collapsed))
    return attrs.evolve(linked, identities=tuple(verdicts.screen(on_tables)) + on_prose)


def _money_places(facts: Facts) -> int | None:
    """The decimals the prose writes money with where it shows any (None when it never does)."""
    places = Counter(m.quantity.places for m in facts.mentions if m.role == "plain" and m.quantity.is_money and m.quantity.places)
    return places.most_common(1)[0][0] if places else None
