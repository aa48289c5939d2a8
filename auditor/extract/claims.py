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
from auditor.extract.labels import abbreviates, base_name, compatible, is_budget_label, is_previous_year_label, normalise_label
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


class _LatestByLabel:
    """A block's stated amounts that can be a subject: for each label, the latest.

    A phrase that names its subject takes the latest such amount whose label can mean
    that name. Asking each distinct label once, rather than every amount of the block,
    keeps a long paragraph of such phrases linear.
    """

    def __init__(self) -> None:
        self._latest: dict[str, tuple[int, Mention]] = {}  # label → (order of arrival, amount)
        self._count = 0

    def add(self, m: Mention) -> None:
        if _can_be_subject(m):
            self._latest[m.label] = (self._count, m)
            self._count += 1

    def latest(self, label: str) -> Mention | None:
        """The latest amount whose label ``label`` can mean, else the latest whose label ``label`` spells out in full."""
        for fits in (lambda known: compatible(label, known), lambda known: abbreviates(known, label)):
            found = [entry for known, entry in self._latest.items() if fits(known)]
            if found:
                return max(found, key=lambda entry: entry[0])[1]
        return None


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
        tokens = tokenize(block.text.text)
        block_mentions = _LatestByLabel()
        previous_plain: list[Mention] = []
        sentence: list[Token] = []
        for tok in tokens:
            sentence.append(tok)
            if tok.kind == "delim" and tok.text in _SENTENCE_END:
                previous_plain = self._read_sentence(sentence, block, block_index, block_mentions, previous_plain)
                sentence = []
        if sentence:
            self._read_sentence(sentence, block, block_index, block_mentions, previous_plain)

    def _read_sentence(self, tokens, block, block_index, block_mentions, previous_plain) -> list[Mention]:
        self._sentence_counter += 1
        reader = _SentenceReader(self, block, block_index, self._sentence_counter, block_mentions, previous_plain)
        for tok in tokens:
            reader.take(tok)
        return reader.finish()

    def close_list(self, lst: _OpenList) -> None:
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


@attrs.define
class _SentenceReader:
    """Reads one sentence's tokens; one handler per token kind (``_on_<kind>``)."""

    out: ClaimCollector
    block: Block
    block_index: int
    sentence: int
    block_mentions: _LatestByLabel  # stated amounts of the block so far, shared across its sentences
    previous_plain: list[Mention]  # stated amounts of the previous sentence
    label_parts: list[str] = attrs.Factory(list)
    plain: list[Mention] = attrs.Factory(list)
    in_reason: bool = False
    open_list: _OpenList | None = None
    closed_lists: list[_OpenList] = attrs.Factory(list)
    yoy: dict[int, dict] = attrs.Factory(dict)
    budget: dict[int, dict] = attrs.Factory(dict)
    subjects: dict[int, Mention] = attrs.Factory(dict)
    last_change_subject: Mention | None = None

    def take(self, tok: Token) -> None:
        getattr(self, f"_on_{tok.kind}")(tok)

    def finish(self) -> list[Mention]:
        if self.open_list is not None:
            self.closed_lists.append(self.open_list)
        for lst in self.closed_lists:
            self.out.close_list(lst)
        for key, entry in self.yoy.items():
            self.out.year_on_year.append(YearOnYear(self.subjects[key], **entry))
        for key, entry in self.budget.items():
            self.out.budgets.append(BudgetComparison(self.subjects[key], **entry))
        return [m for m in self.plain if _can_be_subject(m)]

    # -- helpers ------------------------------------------------------------------

    def _take_label(self) -> str:
        label = normalise_label("".join(self.label_parts))
        self.label_parts = []
        return label

    def _mention(self, tok: Token, label: str, role: str) -> Mention:
        start, end = self.block.text.span(tok.quantity_start, tok.end)
        m = Mention(tok.quantity, start, end, label, self.block.scope, self.block_index, self.sentence, role)
        self.out.mentions.append(m)
        return m

    def _subject_for(self, label: str) -> Mention | None:
        if label:
            return self.block_mentions.latest(label)
        current = [m for m in self.plain if not is_previous_year_label(m.label)]
        if current:
            return current[-1]
        return self.previous_plain[-1] if self.previous_plain else None

    def _stated_budget_for(self, actual: Mention) -> Mention | None:
        figures = self.plain if actual in self.plain else self.previous_plain
        return next(
            (p for p in reversed(figures) if p is not actual and is_budget_label(p.label) and _same_kind(p, actual)),
            None,
        )

    def _budget_entry(self, subject: Mention) -> dict:
        self.subjects[id(subject)] = subject
        return self.budget.setdefault(id(subject), {})

    # -- token handlers -------------------------------------------------------------

    def _on_filler(self, tok: Token) -> None:
        self.label_parts.append(tok.text)

    def _on_date(self, tok: Token) -> None:
        pass  # 2023年度 inside a label: neither an amount nor the end of the label

    def _on_delim(self, tok: Token) -> None:
        self.label_parts = []
        if tok.text == ";":
            self.in_reason = False

    def _on_reason(self, tok: Token) -> None:
        self.in_reason = True
        self.label_parts = []
        if self.open_list is not None and tok.text not in vocabulary()["prose"]["descriptions"]:
            # A list broken by a reason may go on with figures that are not its parts.
            self.open_list.complete_possible = False

    def _on_qizhong(self, tok: Token) -> None:
        self.label_parts = []
        if self.in_reason:
            return
        if self.open_list is not None:
            # A list inside a list: neither can be known to be complete.
            self.open_list.complete_possible = False
            self.closed_lists.append(self.open_list)
            candidates = self.open_list.parts[-1:] or self.open_list.candidates
            self.open_list = _OpenList(candidates, complete_possible=False)
        elif self.plain:
            # 其中 and 从…来看 enumerate the whole; 主要用于以下方面 may list only the main items.
            partial = tok.text in vocabulary()["prose"]["partial_list_openers"]
            self.open_list = _OpenList(list(self.plain), complete_possible=not partial)
        else:
            self.open_list = _OpenList(list(self.previous_plain), complete_possible=False)

    _on_list_open = _on_qizhong

    def _on_quantity(self, tok: Token) -> None:
        label = self._take_label()
        role = "bare" if not tok.quantity.unit else ("aside" if self.in_reason else "plain")
        m = self._mention(tok, label, role)
        if role != "plain":
            return
        self.plain.append(m)
        self.block_mentions.add(m)
        if self.open_list is not None and len(label) >= 2 and _can_be_subject(m):
            whole = self.open_list.whole_for(m)
            # A budget figure is not a part of an actual total, nor the reverse.
            if whole is not None and is_budget_label(whole.label) == is_budget_label(m.label):
                self.open_list.parts.append(m)

    def _on_change(self, tok: Token) -> None:
        label, q = self._take_label(), tok.quantity
        if self.in_reason:
            self._mention(tok, label, "aside")
            return
        is_budget = bool(tok.base) and "预算" in tok.base
        if q.is_percent and not label and not is_budget and self.last_change_subject is not None:
            subject = self.last_change_subject
        else:
            subject = self._subject_for(label)
        m = self._mention(tok, label, "growth" if q.is_percent else "change")
        if subject is None or not _can_be_subject(subject):
            return
        if is_budget:
            if not q.is_percent:
                entry = self._budget_entry(subject)
                entry.update(diff=m, diff_sign=_sign(tok.direction))
                if (stated := self._stated_budget_for(subject)) is not None:
                    entry.update(budget=stated)
            return
        self.subjects[id(subject)] = subject
        entry = self.yoy.setdefault(id(subject), {})
        if q.is_percent:
            entry.update(growth=m, growth_sign=_sign(tok.direction))
        else:
            entry.update(change=m, change_sign=_sign(tok.direction))
            previous = next((p for p in reversed(self.plain) if p is not subject and is_previous_year_label(p.label)), None)
            if previous is not None and _same_kind(previous, subject):
                entry.update(previous=previous)
        self.last_change_subject = subject

    def _on_share(self, tok: Token) -> None:
        label = self._take_label()
        if self.in_reason:
            self._mention(tok, label, "aside")
            return
        m = self._mention(tok, label, "share")
        part = self.plain[-1] if self.plain else None
        if part is None or not tok.quantity.is_percent:
            return
        if tok.base:
            self.out.shares.append(Share(part, m, base_label=base_name(tok.base)))
        elif self.open_list is not None and part in self.open_list.parts:
            self.open_list.shares.append((part, m))

    def _on_budget_rate(self, tok: Token) -> None:
        label = self._take_label()
        if self.in_reason:
            self._mention(tok, label, "aside")
            return
        m = self._mention(tok, label, tok.kind)
        actual = self.plain[-1] if self.plain else (self.previous_plain[-1] if self.previous_plain else None)
        if actual is None or not _can_be_subject(actual) or not tok.quantity.is_percent:
            return
        entry = self._budget_entry(actual)
        entry.update({"rate" if tok.kind == "budget_rate" else "diff_rate": m})
        if (stated := self._stated_budget_for(actual)) is not None:
            entry.update(budget=stated)

    _on_diff_rate = _on_budget_rate

    def _on_flat(self, tok: Token) -> None:
        self._take_label()
        subject = self.plain[-1] if self.plain else None
        if self.in_reason or subject is None:
            return
        if tok.base and "预算" in tok.base and tok.direction != "基本持平":
            self._budget_entry(subject).update(flat=True)
