"""From tokens to claims: which figure each 占, 增长, 其中 and 完成预算的 is about.

The reading is sentence by sentence, the way an auditor reads:

* the **subject** of a relational phrase is the latest stated amount in the sentence
  (``本年支出合计774.37万元，比上年增加113.25万元``), or, where the phrase names its
  own subject (``与上年相比，收入总计增加…``), the latest amount in the block whose
  label can mean that name; with no subject in the sentence, the last amount of the
  previous sentence (``…889.93万元。较上年决算增加462.15万元``);
* ``其中`` (or a list opener such as ``主要用于以下方面``) makes the following amounts
  of the same kind parts of the latest amount before it, or of the previous
  sentence's latest amount when it starts a sentence;
* anything inside a reason clause (``主要原因是…`` up to the next ``；``) is an aside:
  it is kept as a figure but never taken as a subject or a part.

Where the reading is unsure, it asserts less: a list that might be partial is
marked so, and a phrase whose subject cannot be found asserts nothing.
"""

from __future__ import annotations

import attrs

from auditor.document.layout import Block
from auditor.extract.facts import BudgetComparison, Mention, PartsList, Share, YearOnYear
from auditor.extract.grammar import Token, tokenize
from auditor.extract.labels import abbreviates, compatible, is_budget_label, is_previous_year_label, normalise_label
from auditor.knowledge import vocabulary

_SENTENCE_END = frozenset("。!?\n")
_SUBJECT_UNITS_EXCLUDED = frozenset({"", "%", "分", "个百分点"})
_DECREASE = frozenset({"减少", "下降", "降低"})


def _sign(direction: str | None) -> int:
    return -1 if direction in _DECREASE else 1


def _can_be_subject(m: Mention) -> bool:
    return m.role == "plain" and m.quantity.unit not in _SUBJECT_UNITS_EXCLUDED


def _same_kind(a: Mention, b: Mention) -> bool:
    qa, qb = a.quantity, b.quantity
    return (qa.is_money and qb.is_money) or (not qa.is_money and qa.unit == qb.unit)


@attrs.define
class _OpenList:
    candidates: list[Mention]  # the whole is the latest candidate of the parts' kind
    complete_possible: bool
    parts: list[Mention] = attrs.Factory(list)
    shares: list[tuple[Mention, Mention]] = attrs.Factory(list)  # (part, rate)

    def whole_for(self, part: Mention) -> Mention | None:
        for m in reversed(self.candidates):
            if _same_kind(m, part) and m is not part:
                return m
        return None


@attrs.define
class ClaimCollector:
    """Accumulates mentions and relations over the blocks of one document."""

    mentions: list[Mention] = attrs.Factory(list)
    lists: list[PartsList] = attrs.Factory(list)
    shares: list[Share] = attrs.Factory(list)
    year_on_year: list[YearOnYear] = attrs.Factory(list)
    budgets: list[BudgetComparison] = attrs.Factory(list)
    _sentence_counter: int = 0

    def read_block(self, block: Block, block_index: int) -> None:
        text = block.text
        tokens = tokenize(text.text)
        block_mentions: list[Mention] = []
        previous_plain: list[Mention] = []
        sentence: list[Token] = []
        for tok in tokens:
            sentence.append(tok)
            if tok.kind == "delim" and tok.text in _SENTENCE_END:
                previous_plain = self._read_sentence(sentence, block, block_index, block_mentions, previous_plain)
                sentence = []
        if sentence:
            self._read_sentence(sentence, block, block_index, block_mentions, previous_plain)

    # -- one sentence -------------------------------------------------------------

    def _mention(self, tok: Token, label: str, block: Block, block_index: int, role: str) -> Mention:
        q = tok.quantity
        qstart = tok.quantity_start
        start, end = block.text.span(qstart, tok.end)
        m = Mention(q, start, end, label, block.scope, block_index, self._sentence_counter, role)
        self.mentions.append(m)
        return m

    def _read_sentence(
        self,
        tokens: list[Token],
        block: Block,
        block_index: int,
        block_mentions: list[Mention],
        previous_plain: list[Mention],
    ) -> list[Mention]:
        self._sentence_counter += 1
        label_parts: list[str] = []
        plain: list[Mention] = []
        in_reason = False
        open_list: _OpenList | None = None
        closed_lists: list[_OpenList] = []
        yoy: dict[int, dict] = {}
        budget: dict[int, dict] = {}
        subjects: dict[int, Mention] = {}
        last_change_subject: Mention | None = None

        def subject_for(label: str) -> Mention | None:
            if label:
                candidates = [m for m in reversed(block_mentions) if _can_be_subject(m)]
                return next((m for m in candidates if compatible(label, m.label)), None) or next(
                    (m for m in candidates if abbreviates(m.label, label)), None
                )
            current = [m for m in plain if not is_previous_year_label(m.label)]
            if current:
                return current[-1]
            return previous_plain[-1] if previous_plain else None

        def stated_budget_for(actual: Mention) -> Mention | None:
            figures = plain if actual in plain else previous_plain
            return next(
                (p for p in reversed(figures) if p is not actual and is_budget_label(p.label) and _same_kind(p, actual)),
                None,
            )

        for tok in tokens:
            kind = tok.kind
            if kind == "filler":
                label_parts.append(tok.text)
                continue
            if kind == "date":
                continue
            if kind == "delim":
                label_parts = []
                if tok.text == ";":
                    in_reason = False
                continue
            if kind == "reason":
                in_reason = True
                label_parts = []
                if open_list is not None and tok.text not in vocabulary()["prose"]["descriptions"]:
                    # A list broken by a reason may go on with figures that are not its parts.
                    open_list.complete_possible = False
                continue
            if kind in ("qizhong", "list_open"):
                label_parts = []
                if in_reason:
                    continue
                if open_list is not None:
                    # A list inside a list: neither can be known to be complete.
                    open_list.complete_possible = False
                    closed_lists.append(open_list)
                    candidates = open_list.parts[-1:] or open_list.candidates
                    open_list = _OpenList(candidates, complete_possible=False)
                elif plain:
                    # 其中 and 从…来看 enumerate the whole; 主要用于以下方面 may list only the main items.
                    partial = tok.text in vocabulary()["prose"]["partial_list_openers"]
                    open_list = _OpenList(list(plain), complete_possible=not partial)
                else:
                    open_list = _OpenList(list(previous_plain), complete_possible=False)
                continue

            label = normalise_label("".join(label_parts))
            label_parts = []
            q = tok.quantity
            if kind == "quantity":
                role = "bare" if not q.unit else ("aside" if in_reason else "plain")
                m = self._mention(tok, label, block, block_index, role)
                if role != "plain":
                    continue
                plain.append(m)
                block_mentions.append(m)
                if open_list is not None and len(label) >= 2 and _can_be_subject(m):
                    whole = open_list.whole_for(m)
                    # A budget figure is not a part of an actual total, nor the reverse.
                    if whole is not None and is_budget_label(whole.label) == is_budget_label(m.label):
                        open_list.parts.append(m)
                continue

            if in_reason:
                self._mention(tok, label, block, block_index, "aside")
                continue

            if kind == "change":
                is_budget = bool(tok.base) and "预算" in tok.base
                if q.is_percent and not label and not is_budget and last_change_subject is not None:
                    subject = last_change_subject
                else:
                    subject = subject_for(label)
                role = "growth" if q.is_percent else "change"
                m = self._mention(tok, label, block, block_index, role)
                if subject is None or not _can_be_subject(subject):
                    continue
                subjects[id(subject)] = subject
                if is_budget:
                    if not q.is_percent:
                        entry = budget.setdefault(id(subject), {})
                        entry.update(diff=m, diff_sign=_sign(tok.direction))
                        if (stated := stated_budget_for(subject)) is not None:
                            entry.update(budget=stated)
                    continue
                entry = yoy.setdefault(id(subject), {})
                if q.is_percent:
                    entry.update(growth=m, growth_sign=_sign(tok.direction))
                else:
                    entry.update(change=m, change_sign=_sign(tok.direction))
                    previous = next(
                        (p for p in reversed(plain) if p is not subject and is_previous_year_label(p.label)), None
                    )
                    if previous is not None and _same_kind(previous, subject):
                        entry.update(previous=previous)
                last_change_subject = subject
                continue

            if kind == "share":
                m = self._mention(tok, label, block, block_index, "share")
                part = plain[-1] if plain else None
                if part is None or not q.is_percent:
                    continue
                if tok.base:
                    self.shares.append(Share(part, m, base_label=normalise_label(tok.base)))
                elif open_list is not None and part in open_list.parts:
                    open_list.shares.append((part, m))
                continue

            if kind in ("budget_rate", "diff_rate"):
                m = self._mention(tok, label, block, block_index, kind)
                actual = plain[-1] if plain else (previous_plain[-1] if previous_plain else None)
                if actual is None or not _can_be_subject(actual) or not q.is_percent:
                    continue
                subjects[id(actual)] = actual
                entry = budget.setdefault(id(actual), {})
                entry.update({"rate" if kind == "budget_rate" else "diff_rate": m})
                if (stated := stated_budget_for(actual)) is not None:
                    entry.update(budget=stated)
                continue

            if kind == "flat":
                subject = plain[-1] if plain else None
                if subject is not None and tok.base and "预算" in tok.base and tok.direction != "基本持平":
                    subjects[id(subject)] = subject
                    budget.setdefault(id(subject), {}).update(flat=True)
                continue

        if open_list is not None:
            closed_lists.append(open_list)
        for lst in closed_lists:
            self._close_list(lst)
        for key, entry in yoy.items():
            self.year_on_year.append(YearOnYear(subjects[key], **entry))
        for key, entry in budget.items():
            self.budgets.append(BudgetComparison(subjects[key], **entry))
        return [m for m in plain if _can_be_subject(m)]

    def _close_list(self, lst: _OpenList) -> None:
        if not lst.parts:
            return
        whole = lst.whole_for(lst.parts[0])
        if whole is None:
            return
        parts = tuple(p for p in lst.parts if _same_kind(p, whole))
        complete = lst.complete_possible and len(parts) >= 2
        self.lists.append(PartsList(whole, parts, complete))
        for part, rate in lst.shares:
            self.shares.append(Share(part, rate, whole=whole))
