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

import re
from functools import cache

import attrs

from auditor.document.layout import Block
from auditor.extract.checklist import BudgetWording, FlatWording, Mark, figure_of
from auditor.extract.facts import BudgetComparison, Mention, PartsList, Share, YearOnYear
from auditor.extract.grammar import Token, is_decrease, tokenize
from auditor.extract.labels import (
    abbreviates,
    another_classification,
    base_name,
    classification_groups,
    classifications,
    closes_list,
    compatible,
    is_budget_label,
    is_difference_label,
    is_generic,
    is_partition,
    is_previous_year_label,
    names_last_year_of,
    normalise_label,
    one_classification,
    respective_items,
    same_category,
    shares_head_or_tail,
    split_pair,
)
from auditor.knowledge import vocabulary
from auditor.quantity import Quantity, interval_sum

_SENTENCE_END = frozenset("。!?\n")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SUBJECT_UNITS_EXCLUDED = frozenset({"", "%", "分", "个百分点"})
# "收入总计与上年相比，" / "较上年，": the clause names the subject of the change that follows.
_COMPARISON = re.compile(
    r"^(?P<subject>.*?)(?:与|同|和)(?:上年度?|上一年度?|去年|上年同期|同期)?(?:决算)?(?:数)?相比(?:较)?$"
    r"|^(?P<subject2>.*?)(?:(?:较|比)(?:上年度?|上一年度?|去年|同期)(?:决算)?(?:数)?|同比)$"
)
_WORDED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")  # a label with a word in it (not only brackets and punctuation)
# "差额为 0.40 万元": the gap between an item's actual and its budget, with no sign.
_DIFFERENCE = re.compile(r"^(?:预决算|两者)?差(?:额|值)$")
# "在三公经费支出决算中，": the topic phrase names the whole of the shares that follow.
_TOPIC = re.compile(r"^(?:在)?(?P<topic>.{2,30}?)(?:支出决算|决算支出|支出|决算|收入)(?:情况)?中$")


def _year_compared(base: str) -> str:
    """What a change or 持平 compares with, as compared: 上年 (上年度, 去年, 同期 …), a year's digits, or 预算."""
    text = re.sub(r"\s", "", base)
    if "预算" in text:
        return "预算"
    year = _YEAR.match(text)
    return year.group(1) if year else "上年"


def _sign(direction: str | None) -> int:
    return -1 if is_decrease(direction) else 1


def _can_be_subject(m: Mention) -> bool:
    return m.role == "plain" and m.quantity.unit not in _SUBJECT_UNITS_EXCLUDED


def _can_head(m: Mention) -> bool:
    """Can a figure be taken as the subject of the next sentence or the whole of a list? Never a 差额 or a 结余."""
    return _can_be_subject(m) and not is_difference_label(m.label)


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
    parent: _OpenList | None = None  # the list this one is nested in
    bound: str = "其中 head"
    carried: bool = False  # opened by a sentence-initial 其中: may go on in the next sentences

    def whole_for(self, part: Mention) -> Mention | None:
        """The latest candidate of the part's kind: money for money, a budget for a budget, never a 差额."""
        for m in reversed(self.candidates):
            if (
                m.same_measure(part)
                and m is not part
                and _can_head(m)
                and is_budget_label(m.label) == is_budget_label(part.label)
            ):
                return m
        return None

    def sibling_of_parent(self, m: Mention) -> bool:
        """Is ``m`` one more item of the list this one is nested in, and not of this one (公务接待费 after 公务用车购置 …)?"""
        if self.parent is None or not self.parts or not self.parent.parts:
            return False
        return not same_category([p.label for p in self.parts], m.label) and same_category([p.label for p in self.parent.parts], m.label)

    def full_before(self, m: Mention) -> bool:
        """Do the parts so far already add up to the whole, so that ``m``, of another category, is not one more part?"""
        whole = self.whole_for(self.parts[0]) if self.parts else None
        if whole is None or m.quantity.value == 0:
            return False
        same = [p for p in self.parts if p.same_measure(whole)]
        if not same or not m.same_measure(whole):
            return False
        total = interval_sum(p.quantity.magnitude() for p in same)
        if not total.overlaps(whole.quantity.magnitude()) or same_category([p.label for p in same], m.label):
            return False
        # People counted by one classification and then by another (在职 60 人、退休 20 人，女性 35 人…): the list goes on.
        return whole.quantity.is_money or not another_classification([p.label for p in same], m.label)


def _lists_only_some(opener: Token) -> bool:
    """Does a list opener say the list names only the main parts (主要用于以下方面, 主要由…构成)?"""
    return opener.text in vocabulary()["prose"]["partial_list_openers"] or opener.text.startswith("主要")


def _siblings(whole: Mention, candidates: list[Mention]) -> list[Mention]:
    """The figures stated just before ``whole`` in its sentence, latest first, that are other members of its
    classification (在职人员 beside 退休人员, 基本支出 beside 项目支出): each may be the whole of the 其中 after them."""
    at = next((k for k, c in enumerate(candidates) if c is whole), None)
    siblings: list[Mention] = []
    for c in reversed(candidates[:at] if at is not None else []):
        if c.sentence != whole.sentence or not c.same_measure(whole) or not _can_head(c):
            break
        if is_budget_label(c.label) != is_budget_label(whole.label) or not classifications(c.label) \
                or not one_classification([c.label, whole.label]) or classifications(c.label) == classifications(whole.label):
            break
        siblings.append(c)
    return siblings


def _fitting_whole(latest: Mention, siblings: list[Mention], parts: list[Mention], complete: bool) -> Mention | None:
    """The whole of ``parts``: the latest figure before them, or where it has siblings, the first (latest first) the
    parts fit (their sum within it; equal to it where the list is complete); None where none fits."""
    if not siblings:
        return latest
    same = [p for p in parts if p.same_measure(latest)]
    total = interval_sum(p.quantity.magnitude() for p in same)
    for whole in (latest, *siblings):
        magnitude = whole.quantity.magnitude()
        if total.lo <= magnitude.hi and (not complete or total.overlaps(magnitude)):
            return whole
    return None


@attrs.define
class _Parenthesis:
    """A parenthesis right after a figure (``42 名（在职 35 名、退休 9 名）``): the figure and the parts listed in it."""

    whole: Mention
    partial: bool  # （含…）: only some of the parts
    parts: list[Mention] = attrs.Factory(list)
    shares: list[tuple[Mention, Mention]] = attrs.Factory(list)  # (part, rate)


@attrs.define
class _Respective:
    """``分别占 40%、60%``: rates in the order of the items stated before them (``items``: the sentence's figures then)."""

    items: list[Mention]
    rates: list[Mention]
    base: str | None  # 分别占三公经费的 40%、60%: the base the phrase names; 分别完成年初预算的: which budget
    kind: str  # share, budget_rate, diff_rate, change (分别比上年增加 a、b 万元), growth (分别增长 p%、q%)
    direction: str | None = None  # a change's or a growth's: 增加, 下降 …


@attrs.define
class _NamesFirst:
    """``基本支出、项目支出和经营支出分别为 60.00 万元、30.00 万元和 10.00 万元``: the items named first, the amounts after
    分别 held until as many as the items have come (``readings``: the ways the label parts into items, see
    :func:`auditor.extract.labels.respective_items`; ``values``: each amount's token and the label read before it)."""

    readings: tuple[tuple[str, ...], ...]
    values: list[tuple[Token, str]]

    def matched(self) -> tuple[str, ...] | None:
        """The items the values go to one for one, or None where no reading has as many."""
        return next((items for items in self.readings if len(items) == len(self.values)), None)

    def wants_more(self) -> bool:
        return len(self.values) < max(len(items) for items in self.readings)


_ET_CETERA = re.compile(r"\s*等(?!\s*[\d两二三四五六七八九十级额于待同量])")
"""``…万元等。``, ``…万元等支出``: 等 right after a list's last figure leaves parts unsaid (``等 3 项``, ``等两项`` count
them all)."""

_NAMED_ITEMS_END = re.compile(r"(?:组成|构成|(?:[两二三四五六七八九十]|\d+)[项个类]|等)$")
"""How a clause naming the items of a list may end before 分别为 gives their amounts (由A、B组成; A、B两项)."""


@cache
def _budget_compared() -> re.Pattern:
    """``比年初预算`` before a figure (``比年初预算 10.00 万元减少 3.00 万元``), in the grammar's compare and budget words."""
    words = vocabulary()["prose"]["grammar"]
    compare, kinds = ("|".join(map(re.escape, words[key])) for key in ("compare", "budget_kinds"))
    return re.compile(rf"^(?:{compare})(?:{kinds})?预算(?:数)?$")

_JOINERS = frozenset({"", "和", "及", "与", "以及"})
"""What a label between two amounts of a names-first list may say: the amounts go on (``60.00 万元和 40.00 万元``)."""


@attrs.define
class ClaimCollector:
    """Accumulates mentions and relations over the blocks of one document."""

    mentions: list[Mention] = attrs.Factory(list)
    lists: list[PartsList] = attrs.Factory(list)
    shares: list[Share] = attrs.Factory(list)
    year_on_year: list[YearOnYear] = attrs.Factory(list)
    budgets: list[BudgetComparison] = attrs.Factory(list)
    orphan_shares: list[Share] = attrs.Factory(list)  # 占 p% with no list, no named base: the link stage finds the whole
    # what the checklist rules judge (auditor.extract.checklist): the words of a sentence against its figures
    budget_words: list[BudgetWording] = attrs.Factory(list)  # 决算数小于预算数 and the figures it explains
    flat_words: list[FlatWording] = attrs.Factory(list)  # 与上年持平 beside a change against last year
    bare_shares: list[Mark] = attrs.Factory(list)  # 占 76.23 with no %
    denials: list[tuple[str, Mark, int]] = attrs.Factory(list)  # 无公务接待开支: (item, statement, block)
    _sentence_counter: int = 0
    previous_worded: list[Mention] = attrs.Factory(list)  # the previous sentence's figures (of its block), after its last wording
    _held: tuple[_OpenList, tuple] | None = None  # a sentence-initial list open at the end of the last block, and its scope
    _figures: dict = attrs.Factory(dict)  # the quantities read so far, shared by every statement of one figure (grammar.tokenize)

    def finish(self) -> None:
        """The end of the document: a list still open has ended."""
        if self._held is not None:
            self.close_chain(self._held[0])
            self._held = None

    def read_block(self, block: Block, block_index: int) -> None:
        if self._held is not None:
            held, scope = self._held
            self._held = None
            if scope == block.scope:
                held.complete_possible = False  # the items may go on in this paragraph, in words not read as items
            self.close_chain(held)
        tokens = tokenize(block.text.text, self._figures)
        self.previous_worded = []
        block_mentions = _LatestByLabel()
        previous_plain: list[Mention] = []
        carried: _OpenList | None = None
        sentence: list[Token] = []
        for tok in tokens:
            sentence.append(tok)
            if tok.kind == "delim" and tok.text in _SENTENCE_END:
                previous_plain, carried = self._read_sentence(sentence, block, block_index, block_mentions, previous_plain, carried)
                sentence = []
        if sentence:
            _, carried = self._read_sentence(sentence, block, block_index, block_mentions, previous_plain, carried)
        if carried is not None:
            self._held = (carried, block.scope)

    def _read_sentence(self, tokens, block, block_index, block_mentions, previous_plain, carried):
        self._sentence_counter += 1
        reader = _SentenceReader(self, block, block_index, self._sentence_counter, block_mentions, previous_plain, carried)
        for tok in tokens:
            reader.take(tok)
        return reader.finish()

    def close_chain(self, lst: _OpenList | None) -> None:
        while lst is not None:
            self.close_list(lst)
            lst = lst.parent

    def add_list(self, whole: Mention, parts: list[Mention], complete_possible: bool, bound: str) -> None:
        """The parts under one whole, one PartsList per classification they name (docs/domain.md §3, counts).

        A run of items that partition the whole (distinct members of one complementary classification, or
        items named alike and closed by 其他…) adds up to it where the list may be complete; any other run
        is only bounded by it: 正高级 and 副高级 are not all the ranks, and 博士生导师 overlap them.
        """
        for group in classification_groups([p.label for p in parts]):
            members = [parts[i] for i in group]
            complete = complete_possible and is_partition([m.label for m in members])
            self.lists.append(PartsList(whole, tuple(members), complete, bound=bound))

    def close_list(self, lst: _OpenList) -> None:
        """One PartsList per whole the parts belong to (年初预算 items under the budget, 支出决算 items under the actual).

        Where the whole stands beside a sibling of one classification (在职人员 42 人，退休人员 9 人；其中男性 25 人，
        女性 17 人), either may be the whole: the parts go to the one they fit, latest first, and to none where they
        fit neither (which whole the writer meant is not said, so nothing is reported against either)."""
        by_whole: dict[int, tuple[Mention, list[Mention]]] = {}
        for p in lst.parts:
            whole = lst.whole_for(p)
            if whole is not None:
                by_whole.setdefault(id(whole), (whole, []))[1].append(p)
        for latest, parts in by_whole.values():
            whole = _fitting_whole(latest, _siblings(latest, lst.candidates), parts, lst.complete_possible)
            if whole is None:
                continue
            self.add_list(whole, parts, lst.complete_possible, lst.bound)
            for part, rate in lst.shares:
                if part in parts:
                    self.shares.append(Share(part, rate, whole=whole, bound=lst.bound))


@attrs.define
class _SentenceReader:
    """Reads one sentence's tokens; one handler per token kind (``_on_<kind>``)."""

    out: ClaimCollector
    block: Block
    block_index: int
    sentence: int
    block_mentions: _LatestByLabel  # stated amounts of the block so far, shared across its sentences
    previous_plain: list[Mention]  # what the previous sentence offers as a subject: its figures, its list's head last
    carried: _OpenList | None = None  # a sentence-initial 其中 list of an earlier sentence, still open
    label_parts: list[str] = attrs.Factory(list)
    plain: list[Mention] = attrs.Factory(list)
    in_reason: bool = False
    open_list: _OpenList | None = None
    closed_lists: list[_OpenList] = attrs.Factory(list)
    yoy: dict[int, dict] = attrs.Factory(dict)
    budget: dict[int, dict] = attrs.Factory(dict)
    subjects: dict[int, Mention] = attrs.Factory(dict)
    bound: dict[int, str] = attrs.Factory(dict)  # subject → how it was bound
    last_change_subject: Mention | None = None
    budget_gap_of: Mention | None = None  # the subject of the last change stated against its budget (比预算减少 2.00 万元)
    named_subject: str | None = None  # "收入总计与上年相比，": the subject the clause names ("" for none)
    topic_base: str | None = None  # "在三公经费支出决算中，": the whole of the shares that follow
    clause_items: list[str] = attrs.Factory(list)  # the items the current ；-clause names so far
    clause_context: tuple[str, ...] = ()  # the last figure's context: the next figure of the clause shares the tuple
    started: bool = False  # has the sentence had anything but filler and delimiters?
    continued: bool = False  # has this sentence's first figure gone on with the carried list?
    explaining: bool = False  # after "part：" up to the next ；: figures that explain the part, not more parts
    pair_first: tuple | None = None  # 各为 A,B 万元: A's token (no unit yet), its label, its token kind, its bare mention
    pair_next: Mention | None = None  # 各增长 p%、q%: the subject of q
    pair_direction: str | None = None
    segment_start: int = 0  # plain[segment_start:] are about the current item (after 其中, or a ；-clause naming another item)
    pending_segment: int | None = None  # a ；: a new segment if the next figure names an item
    run_start: int = 0  # plain[run_start:] may be the items a closing 共计 adds up (after 其中 or an earlier total)
    paren: _Parenthesis | None = None  # a parenthesis right after a figure, listing its parts
    previous_kind: str = ""  # the kind of the token before this one
    respective: _Respective | None = None  # 分别占 p%、q%: the rates so far, to be paired with the items before them
    names_first: _NamesFirst | None = None  # A、B分别为 a、b 万元: the amounts so far, given to the items when all have come
    budget_inside: tuple[Mention, str | None] | None = None  # 完成预算 35.20 万元的: the budget (and which) before its rate
    clause_year: int | None = None  # the year the clause names before the figure (比 2023 年度 23.45 万元)
    worded: list[Mention] = attrs.Factory(list)  # amounts and rates since the last ； or 决算数小于预算数
    sentence_worded: list[Mention] = attrs.Factory(list)  # the same since the sentence began or its last such words
    flats: list[tuple[Token, str]] = attrs.Factory(list)  # 与上年持平 in the current ；-segment, and the year it names
    changes: list[tuple[str, Mention, str]] = attrs.Factory(list)  # changes against a named year in it: (year, change, direction)
    first_start: int | None = None  # where the sentence's first token starts in the block

    def take(self, tok: Token) -> None:
        if self.first_start is None:
            self.first_start = tok.start
        if self.names_first is not None and tok.kind not in ("filler", "delim", "quantity"):
            self._give_names_first()
        if self.budget_inside is not None and tok.kind not in ("filler", "quantity"):
            self.budget_inside = None
        if self.respective is not None and not self._goes_on_respectively(tok):
            self._pair_respectively()
        getattr(self, f"_on_{tok.kind}")(tok)
        if tok.kind not in ("filler", "delim"):
            self.started = True
        self.previous_kind = tok.kind

    def finish(self) -> tuple[list[Mention], _OpenList | None]:
        if self.names_first is not None:
            self._give_names_first()
        if self.respective is not None:
            self._pair_respectively()
        self._close_parenthesis()
        self._flat_words()
        self.out.previous_worded = self.sentence_worded
        carry = None
        if self.open_list is not None:
            top = self.open_list
            while top.parent is not None:
                top = top.parent
            if top.carried and top is self.open_list:
                carry = top
            else:
                self.closed_lists.append(self.open_list)
        for lst in self.closed_lists:
            self.out.close_chain(lst)
        for key, entry in self.yoy.items():
            self.out.year_on_year.append(YearOnYear(self.subjects[key], **entry, bound=self.bound.get(key, "stated in clause")))
        for key, entry in self.budget.items():
            if "budget" not in entry and "diff" not in entry and (rate := entry.get("rate")) is not None:
                if (after := self._budget_after(self.subjects[key], rate, entry.get("which", ""))) is not None:
                    entry["budget"] = after
            self.out.budgets.append(BudgetComparison(self.subjects[key], **entry, bound=self.bound.get(key, "stated in clause")))
        if self.carried is not None:
            carry = self.carried  # a sentence with no figure of its own (本年未购置车辆。): the list goes on
        return self._heads() or (self.previous_plain if carry is not None else []), carry

    def _heads(self) -> list[Mention]:
        """What the next sentence may take as its subject: this one's figures, never a part, a 差额 or a 结余; a list's head last."""
        own = {id(m) for m in self.plain}
        parts = {
            id(p)
            for lst in [*self.closed_lists, self.open_list]
            if lst is not None and lst.parts and id(lst.whole_for(lst.parts[0])) in own
            for p in lst.parts
        }
        heads = [m for m in self.plain if _can_head(m) and id(m) not in parts]
        wholes = [w for lst in self.closed_lists if lst.parts and (w := lst.whole_for(lst.parts[0])) in heads]
        return [m for m in heads if m not in wholes] + wholes[:1]

    # -- helpers ------------------------------------------------------------------

    def _take_label(self) -> str:
        label = normalise_label("".join(self.label_parts))
        self.label_parts = []
        return label

    def _mention(self, tok: Token, label: str, role: str, quantity: Quantity | None = None, bound: str = "stated") -> Mention:
        start, end = self.block.text.span(tok.quantity_start, tok.end)
        context = tuple(self.clause_items)
        if context == self.clause_context:
            context = self.clause_context
        else:
            self.clause_context = context
        q = quantity or tok.quantity
        digits_end = self.block.text.span(tok.quantity_start, tok.quantity_start + len(q.text))[1]
        m = Mention(q, start, end, label, self.block.scope, self.block_index, self.sentence, role, context, bound, self.clause_year, digits_end)
        self.out.mentions.append(m)
        if role in ("plain", "budget_rate"):
            self.worded.append(m)
            self.sentence_worded.append(m)
        return m

    def _pair(self, tok: Token, label: str) -> bool:
        """``各为 2210.35,2198.60 万元`` / ``各增加 180.20,175.40 万元``: the second value of a pair, with its unit.

        The first value, written without the unit, takes the second's; a label that names
        both sides (收、支总计) is split between them; a change goes to each side's subject.
        """
        first, self.pair_first = self.pair_first, None
        if first is None or label or not tok.quantity.unit or tok.quantity.is_percent:
            return False
        first_tok, first_label, kind, bare = first
        labels = split_pair(first_label)
        if labels is None:
            return False
        unit = tok.quantity.unit
        q1 = attrs.evolve(first_tok.quantity, unit=unit)
        if kind == "quantity":
            self.out.mentions.remove(bare)  # the first value is a figure of the pair, not a number without a unit
            for q, t, lab in ((q1, first_tok, labels[0]), (tok.quantity, tok, labels[1])):
                self._stated(self._mention(t, lab, "plain", q, bound="各 pair"))
            return True
        subjects = [self.block_mentions.latest(lab) for lab in labels]
        changes = [self._mention(first_tok, labels[0], "change", q1, "各 pair"), self._mention(tok, labels[1], "change", bound="各 pair")]
        for subject, change in zip(subjects, changes, strict=True):
            if subject is not None and _can_be_subject(subject):
                self.subjects[id(subject)] = subject
                self.bound.setdefault(id(subject), "各 pair")
                self.yoy.setdefault(id(subject), {}).update(change=change, change_sign=_sign(first_tok.direction))
        if all(subjects):
            self.last_change_subject, self.pair_next = subjects
        return True

    def _name_item(self, text: str) -> None:
        if text and not is_generic(text):
            self.clause_items.append(text)

    def _subject_for(self, label: str, change: Quantity | None = None) -> tuple[Mention | None, str]:
        if not label and self.named_subject:
            label = self.named_subject
        if label:
            return self.block_mentions.latest(label), "named subject"
        current = [m for m in self.plain if not self._of_an_earlier_year(m)]
        if current:
            return current[-1], "stated in clause"
        if change is not None and change.is_money:
            previous = [m for m in self.previous_plain if m.quantity.is_money]
        else:
            previous = self.previous_plain
        # a budget is compared with last year only when the sentence says so (年初预算比上年增加 …)
        previous = [m for m in previous if not is_budget_label(m.label)] or previous
        return (previous[-1] if previous else None), "previous sentence"

    def _stated_budget_for(self, actual: Mention) -> Mention | None:
        """The budget stated for the same item: in the actual's segment of the sentence, never across a 其中 or another item's clause."""
        figures = self.plain[self.segment_start :] if actual in self.plain else self.previous_plain + self.plain
        return next(
            (p for p in reversed(figures) if p is not actual and is_budget_label(p.label) and p.same_measure(actual)),
            None,
        )

    def _budget_entry(self, subject: Mention, bound: str = "stated in clause") -> dict:
        self.subjects[id(subject)] = subject
        self.bound.setdefault(id(subject), bound)
        return self.budget.setdefault(id(subject), {})

    # -- token handlers -------------------------------------------------------------

    def _on_filler(self, tok: Token) -> None:
        text = tok.text
        if self.previous_kind == "quantity" and _ET_CETERA.match(self.block.text.text, tok.start):
            self._list_goes_unsaid()
        if self.paren is not None and ")" in text:
            self._close_parenthesis()
            text = text[text.rindex(")") + 1 :]
            self.label_parts = []
        elif self.paren is None and self.previous_kind == "quantity" and text.lstrip().startswith("(") and ")" not in text:
            self._open_parenthesis(text.lstrip()[1:])
            text = text.lstrip()[1:]
        self.label_parts.append(text)

    def _list_goes_unsaid(self) -> None:
        """``A 60 万元、B 30 万元等``: the list the figure before 等 ends lists only some of its whole's parts."""
        if not self.plain or self.out.mentions[-1] is not self.plain[-1]:
            return
        last = self.plain[-1]
        if self.paren is not None and last in self.paren.parts:
            self.paren.partial = True
        elif self.open_list is not None and last in self.open_list.parts:
            self.open_list.complete_possible = False

    def _open_parenthesis(self, inside: str) -> None:
        """``共有人员 42 名（在职 35 名、退休 9 名）``: the figures in a parenthesis right after a stated figure are its parts."""
        if not self.plain or self.in_reason or self.out.mentions[-1] is not self.plain[-1] or not _can_head(self.plain[-1]):
            return
        partial = inside.lstrip().startswith(tuple(vocabulary()["prose"]["partial_parentheses"]))
        self.paren = _Parenthesis(self.plain[-1], partial)

    def _close_parenthesis(self) -> None:
        paren, self.paren = self.paren, None
        if paren is None:
            return
        if paren.parts:
            self.out.add_list(paren.whole, paren.parts, not paren.partial, "parenthesis")
            self.out.shares.extend(Share(part, rate, whole=paren.whole, bound="parenthesis") for part, rate in paren.shares)
            # What follows the parenthesis is said of the figure before it (…（在职 35 名、退休 9 名），比上年增加 2 名).
            self.plain.append(paren.whole)

    def _on_date(self, tok: Token) -> None:
        # 2023年度 inside a label: neither an amount nor the end of the label, but the year its clause is about
        if (year := _YEAR.match(tok.text)) is not None:
            self.clause_year = int(year.group(1))

    def _on_delim(self, tok: Token) -> None:
        self.clause_year = None
        just_listed = self.open_list is not None and self.open_list.parts and self.open_list.parts[-1] is self.plain[-1]
        if tok.text == ":" and not self.label_parts and just_listed:
            # "公务用车购置费支出 32.67 万元：本单位…发生购置经费支出 32.67 万元": the clause explains the part just listed
            self.explaining = True
        if tok.text != "," or self.label_parts:
            self.pair_first = None  # only a comma right after a value separates the pair
        text = normalise_label("".join(self.label_parts))
        if tok.text in ",:" and text:
            if (m := _COMPARISON.match(text)) is not None:
                named = normalise_label(m.group("subject") or m.group("subject2") or "")
                self.named_subject = named if len(named) >= 2 else ""
            elif (m := _TOPIC.match(text)) is not None:
                self.topic_base = normalise_label(m.group("topic"))
            else:
                self._name_item(text)
        self.label_parts = []
        if tok.text == ";":
            self.in_reason = False
            self.explaining = False
            self.clause_items = []
            self.pending_segment = len(self.plain)
            self.worded = []
            self._flat_words()

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
        self.segment_start = self.run_start = len(self.plain)
        if self.paren is not None and not self.paren.parts:
            return  # （其中：在职 35 名、退休 9 名）: the parenthesis is the list
        if self.carried is not None and self.open_list is None:
            self.out.close_chain(self.carried)  # a new list: the carried one has ended
            self.carried = None
        if self.open_list is not None:
            # A list inside a list: neither can be known to be complete. The nested one ends
            # where its parts add up to its whole and an item of the parent's kind follows.
            self.open_list.complete_possible = False
            candidates = self.open_list.parts[-1:] or self.open_list.candidates
            self.open_list = _OpenList(candidates, complete_possible=False, parent=self.open_list, bound=self.open_list.bound)
        elif self.plain:
            # 其中, 从…来看 and 由…组成 enumerate the whole; 主要用于以下方面 and 主要由…构成 may list only the main items.
            self.open_list = _OpenList(list(self.plain), complete_possible=not _lists_only_some(tok))
        else:
            # A sentence-initial 其中: the parts of the previous sentence's head, possibly over several sentences.
            self.open_list = _OpenList(
                list(self.previous_plain), complete_possible=not _lists_only_some(tok) and not self.started,
                bound="previous sentence", carried=not self.started,
            )

    _on_list_open = _on_qizhong

    def _continue_carried(self, m: Mention) -> None:
        """A sentence after a sentence-initial 其中 list: does its first figure go on with the list?"""
        lst, self.carried = self.carried, None
        whole = lst.whole_for(lst.parts[0]) if lst.parts else None
        goes_on = (
            not self.plain
            and whole is not None
            and m.same_measure(whole)
            and not lst.full_before(m)
            and (shares_head_or_tail(whole.label, m.label) or (lst.parts and same_category([p.label for p in lst.parts], m.label)))
        )
        if goes_on:
            # The item is the sentence's first figure; the rest of the sentence is about it
            # (发生运行维护费支出 1.23 万元 restates it), so the list waits for the next sentence.
            lst.parts.append(m)
            self.carried = lst
            self.continued = True
        else:
            self.out.close_chain(lst)

    def _on_quantity(self, tok: Token) -> None:
        names_first = self._says_respectively(then="为是:： ")  # 分别为 (分别是, 依次为): amounts of items named before
        label = self._take_label()
        if self.budget_inside is not None:
            budget, which = self.budget_inside
            self.budget_inside = None
            if tok.quantity.is_percent and label in ("", "的") and not self.in_reason:
                self._rate_of_budget_inside(tok, label, budget, which)
                return
        if self.names_first is not None:
            if label in _JOINERS and not tok.quantity.is_percent:
                self.names_first.values.append((tok, label))
                if not self.names_first.wants_more():
                    self._give_names_first()
                return
            self._give_names_first()
        if names_first and not self.in_reason and not tok.quantity.is_percent and (readings := self._named_first(label)):
            self.names_first = _NamesFirst(readings, [(tok, label)])
            return
        self._quantity(tok, label)

    def _named_first(self, label: str) -> tuple[tuple[str, ...], ...]:
        """The items a names-first list names: in the label before 分别为, or, where it names none, in the clause before
        it (``由基本支出、项目支出组成，分别为 60.00 万元、40.00 万元``)."""
        if label or not self.clause_items:
            return respective_items(label)
        return respective_items(_NAMED_ITEMS_END.sub("", self.clause_items[-1]))

    def _give_names_first(self) -> None:
        """The held amounts of a names-first list: one stated figure an item, in order, where they are as many as the
        items and each has a unit (``60.00、40.00 万元``: one written without it takes the next one's); else each is
        read as if no list had been named (a count that does not match is no reading to guess from)."""
        held, self.names_first = self.names_first, None
        items = held.matched()
        units = [tok.quantity.unit for tok, _ in held.values]
        for k in range(len(units) - 2, -1, -1):
            units[k] = units[k] or units[k + 1]
        if items is None or not units[-1] or len({tok.quantity.is_percent for tok, _ in held.values}) > 1:
            for tok, label in held.values:
                self._quantity(tok, label)
            return
        for (tok, _), item, unit in zip(held.values, items, units, strict=True):
            q = tok.quantity if tok.quantity.unit == unit else attrs.evolve(tok.quantity, unit=unit)
            self._stated(self._mention(tok, item, "plain", q, bound="分别 list"))

    def _quantity(self, tok: Token, label: str) -> None:
        if self.respective is not None and not self.in_reason:
            self.respective.rates.append(self._mention(tok, label, self.respective.kind))
            return
        if not self.in_reason and self._pair(tok, label):
            return
        if self.pair_next is not None and tok.quantity.is_percent and not label and not self.in_reason:
            # 各增长 8.88%、8.66%: the second rate, of the pair's second subject
            subject, self.pair_next = self.pair_next, None
            growth = self._mention(tok, label, "growth")
            self.yoy.setdefault(id(subject), {}).update(growth=growth, growth_sign=_sign(self.pair_direction))
            return
        role = "bare" if not tok.quantity.unit else ("aside" if self.in_reason else "plain")
        m = self._mention(tok, label, role)
        if role == "bare" and split_pair(label):
            self.pair_first = (tok, label, "quantity", m)
        if role == "plain":
            self._stated(m)

    def _stated(self, m: Mention) -> None:
        """A stated amount: the subject of what follows, an item of its clause, perhaps a part of the open list."""
        label = m.label
        if self.carried is not None and not self.continued and len(label) >= 2 and _can_be_subject(m):
            self._continue_carried(m)
        if self.pending_segment is not None:
            if label and not is_generic(label):
                self.segment_start = self.pending_segment
            self.pending_segment = None
        self.plain.append(m)
        self.block_mentions.add(m)
        self._name_item(label)
        if _DIFFERENCE.match(label):
            self._difference(m)
        if len(label) < 2 or not _can_be_subject(m):
            return
        if self.paren is not None:
            if m.same_measure(self.paren.whole) and is_budget_label(m.label) == is_budget_label(self.paren.whole.label):
                self.paren.parts.append(m)
            return
        if closes_list(label) and not self.in_reason:
            self._closing_total(m)
            return
        while self.open_list is not None and (self.open_list.full_before(m) or self.open_list.sibling_of_parent(m)):
            # The parts so far make up the whole and another category follows: the list has ended.
            done, self.open_list = self.open_list, self.open_list.parent
            if self.open_list is None:
                self.closed_lists.append(done)
            else:
                self.out.close_list(done)
        if self.open_list is not None and not self.explaining:
            whole = self.open_list.whole_for(m)
            # A budget figure is not a part of an actual total, nor the reverse.
            if whole is not None and is_budget_label(whole.label) == is_budget_label(m.label):
                self.open_list.parts.append(m)

    def _closing_total(self, total: Mention) -> None:
        """``3 月支付首付款 12 万元，10 月支付尾款 3.5 万元，共计支出 16.5 万元``: the amounts before a 共计 add up to it.

        The items are the figures of the total's kind since the sentence began (or since 其中, or an
        earlier total), as many of the last of them as are one classification: a figure before them of
        another kind of thing (项目总投资 100 万元) is not one of the items.
        """
        run = [
            p
            for p in self.plain[self.run_start : -1]
            if p.same_measure(total)
            and _can_head(p)
            and is_budget_label(p.label) == is_budget_label(total.label)
            and not is_previous_year_label(p.label)
        ]
        self.run_start = len(self.plain)
        for n in range(len(run), 1, -1):
            if one_classification([p.label for p in run[-n:]]):
                self.out.lists.append(PartsList(total, tuple(run[-n:]), complete=True, bound="closing total"))
                return

    def _difference(self, diff: Mention) -> None:
        """``A 支出 3.60 万元，年初预算为 4.00 万元，差额为 0.40 万元``: the gap between the item's actual and budget, no sign."""
        figures = [p for p in self.plain[self.segment_start :] if p is not diff and p.same_measure(diff) and not is_difference_label(p.label)]
        budget = next((p for p in reversed(figures) if is_budget_label(p.label)), None)
        actual = next((p for p in reversed(figures) if not is_budget_label(p.label) and _can_be_subject(p)), None)
        if budget is not None and actual is not None:
            self._budget_entry(actual).update(diff=diff, diff_sign=0, budget=budget)

    def _on_change(self, tok: Token) -> None:
        respectively = self._says_respectively()
        label, q = self._take_label(), tok.quantity
        if (compared := _COMPARISON.match(label)) is not None:  # (收入总计)与上年相比增加 …: the subject the words name
            label = normalise_label(compared.group("subject") or compared.group("subject2") or "")
        elif not _WORDED.search(label):
            label = ""  # 增加 10.00 万元（增长 12.0%）: a bracket names nothing
        if self.in_reason:
            self._mention(tok, label, "aside")
            return
        if not q.unit and q.places and split_pair(label or self.named_subject or ""):
            self.pair_first = (tok, label or self.named_subject, "change", None)
            return
        if q.is_percent and self.pair_next is not None:
            self.pair_direction = tok.direction
        is_budget = bool(tok.base) and "预算" in tok.base
        if is_budget and tok.text.startswith("决算"):
            self._word(tok, "<" if is_decrease(tok.direction) else ">")  # 决算数大于预算数 12.40 万元
        if respectively and not label:
            # 收入 a、支出 b，分别比上年增加 c、d 万元，分别增长 p%、q%: each value goes to its item, in order
            m = self._mention(tok, label, "growth" if q.is_percent else "change")
            if not is_budget:  # 分别比年初预算增加 c、d: which budget each is against is not said; nothing is bound
                self.respective = _Respective(list(self.plain), [m], tok.base, "growth" if q.is_percent else "change", tok.direction)
            return
        if q.is_percent and not label and not tok.base and self.budget_gap_of is not None:
            # 比预算减少 2.00 万元，下降 20.0%: the rate of that gap against the budget, not a change against last year
            # (a rate written without its sign, as the budget rule reads a difference rate)
            self._budget_entry(self.budget_gap_of).update(diff_rate=self._mention(tok, label, "diff_rate"))
            return
        compared = self._budget_compared(tok, label)
        if compared is not None:  # 比年初预算 10.00 万元减少 3.00 万元: the budget stands inside the comparison
            is_budget = True
            subject, bound = next((p for p in reversed(self.plain[:-1]) if not is_budget_label(p.label)), None), "stated in clause"
        elif q.is_percent and not label and not is_budget and self.last_change_subject is not None:
            subject, bound = self.last_change_subject, self.bound.get(id(self.last_change_subject), "stated in clause")
        else:
            subject, bound = self._subject_for(label, q)
        m = self._mention(tok, label, "growth" if q.is_percent else "change")
        if tok.base and not is_budget and (q.is_money or q.is_percent):
            self.changes.append((_year_compared(tok.base), m, tok.direction))
        if subject is None or not _can_be_subject(subject):
            return
        if is_budget:
            if not q.is_percent:
                entry = self._budget_entry(subject, bound)
                entry.update(diff=m, diff_sign=_sign(tok.direction))
                if (stated := compared or self._stated_budget_for(subject)) is not None:
                    entry.update(budget=stated)
                self.budget_gap_of = subject
            return
        self.budget_gap_of = None
        self.subjects[id(subject)] = subject
        self.bound.setdefault(id(subject), bound)
        entry = self.yoy.setdefault(id(subject), {})
        if q.is_percent:
            entry.update(growth=m, growth_sign=_sign(tok.direction))
        else:
            entry.update(change=m, change_sign=_sign(tok.direction))
        if "previous" not in entry and (previous := self._last_years(subject, with_rate=q.is_percent)) is not None:
            entry.update(previous=previous)
        self.last_change_subject = subject

    def _budget_after(self, actual: Mention, rate: Mention, which: str) -> Mention | None:
        """``本年支出合计 110.00 万元，完成年初预算的 120.0%，年初预算 100.00 万元``: the budget stated right after the rate,
        in its clause group (no ；between), by a label that names no other item (年初预算, 预算数) and no other kind."""
        text, kinds = self.block.text.text, vocabulary()["prose"]["grammar"]["budget_kinds"]
        for p in self.plain:
            if p.start <= rate.start or not p.same_measure(actual) or not is_budget_label(p.label) or not is_generic(p.label):
                continue
            if any(c in text[rate.end : p.start] for c in ";。") or any(kind in p.label and kind != which for kind in kinds):
                return None
            return p
        return None

    def _budget_compared(self, tok: Token, label: str) -> Mention | None:
        """The budget a change right after it is against: ``比年初预算 10.00 万元`` then ``减少 3.00 万元``."""
        if tok.base or label or not tok.quantity.is_money or self.previous_kind != "quantity" or not self.plain:
            return None
        budget = self.plain[-1]
        if budget is not self.out.mentions[-1] or not _budget_compared().match(budget.label) or not budget.quantity.is_money:
            return None
        return budget

    def _of_an_earlier_year(self, m: Mention) -> bool:
        """上年支出合计 …, or 2023 年度支出合计 … where the sentence states 2024's too: a base, never the subject of a change."""
        if is_previous_year_label(m.label):
            return True
        return m.year is not None and any(p.year is not None and p.year > m.year and p.label == m.label for p in self.plain)

    def _last_years(self, subject: Mention, with_rate: bool) -> Mention | None:
        """Last year's figure of the subject stated in the sentence before the change: ``上年支出合计 100.00 万元``,
        ``比上年决算 100.00 万元增长 12.0%``, ``上年为 100.00 万元``, ``2023 年度支出合计 100.00 万元`` beside 2024's.

        With a rate only (``增长 12.0%``, no amount), the figure is its base: it must name the subject's item (or no
        item: 上年为), as a figure of another item (上年结转 20.00 万元) is no base of the subject's growth."""
        for p in reversed(self.plain):
            if p is subject or not p.same_measure(subject):
                continue
            year_before = p.year is not None and subject.year is not None and p.year == subject.year - 1
            if not (is_previous_year_label(p.label) or (year_before and p.label == subject.label)):
                continue
            if with_rate and not (year_before or names_last_year_of(p.label, subject.label)):
                continue
            return p
        return None

    def _on_share(self, tok: Token) -> None:
        respectively = self._says_respectively() or any(word in tok.text for word in vocabulary()["prose"]["respectively"])
        label = self._take_label()
        if self.in_reason:
            self._mention(tok, label, "aside")
            return
        m = self._mention(tok, label, "share")
        if not tok.quantity.is_percent:
            self._bare_share(tok)
            return
        if respectively:
            self.respective = _Respective(list(self.plain), [m], tok.base, "share")
            return
        if self.plain:
            self._bind_share(self.plain[-1], m, tok.base)

    def _bare_share(self, tok: Token) -> None:
        """``占 76.23;``: a share with decimals and no unit, where punctuation follows (占 3 席 is a count, 占地 no share)."""
        text = self.block.text.text
        q = tok.quantity
        if q.unit or not q.places or text[tok.end : tok.end + 1] not in ("", *",;:。、)\n"):
            return
        around = text[max(0, tok.start - 1) : tok.start + 2]
        if any(word in around for word in vocabulary()["prose"]["grammar"]["not_shares"]):
            return
        self.out.bare_shares.append(Mark("share", tok.text, *self.block.text.span(tok.start, tok.end)))

    def _says_respectively(self, then: str = "") -> bool:
        """Does the text before this token end with 分别 (分别占 40%、60%), perhaps followed by characters of ``then``?"""
        return "".join(self.label_parts).rstrip().rstrip(then).endswith(tuple(vocabulary()["prose"]["respectively"]))

    def _goes_on_respectively(self, tok: Token) -> bool:
        """Is this token one more of the values after 分别 (the 、 between them, or the next rate)?"""
        if tok.kind == "filler":
            return tok.text.strip() in ("", "、", "和", "及", "与")
        if tok.kind != "quantity" or normalise_label("".join(self.label_parts)):
            return False
        first = self.respective.rates[0].quantity
        return tok.quantity.is_percent if first.is_percent else tok.quantity.unit == first.unit  # 分别增加 c、d 万元

    def _pair_respectively(self) -> None:
        """The rates after 分别, with the items stated before them, in order: the last as many figures of one kind."""
        respective, self.respective = self.respective, None
        changes = respective.kind in ("change", "growth")
        items = [p for p in respective.items if _can_be_subject(p) and not (changes and self._of_an_earlier_year(p))]
        items = items[-len(respective.rates) :]
        if len(items) < len(respective.rates) or not all(p.same_measure(items[0]) for p in items):
            return  # nothing certain to pair with: the rates stay unbound
        if changes and (len(items) < 2 or (respective.kind == "change" and not items[0].same_measure(respective.rates[0]))):
            return  # 分别 before one value, or changes of another measure than the items: which is whose is not said
        for item, rate in zip(items, respective.rates, strict=True):
            if respective.kind == "share":
                self._bind_share(item, rate, respective.base)
            elif changes:
                self._bind_change(item, rate, respective.direction)
            else:
                self._bind_budget_rate(item, rate, respective.kind, respective.base, "respectively")

    def _bind_change(self, subject: Mention, m: Mention, direction: str | None) -> None:
        """``subject`` changed against last year by ``m`` (an amount, or a rate), in ``direction``: one of a 分别 list."""
        self.subjects[id(subject)] = subject
        self.bound.setdefault(id(subject), "respectively")
        entry = self.yoy.setdefault(id(subject), {})
        if m.quantity.is_percent:
            entry.update(growth=m, growth_sign=_sign(direction))
        else:
            entry.update(change=m, change_sign=_sign(direction))

    def _bind_share(self, part: Mention, m: Mention, base: str | None) -> None:
        """``part`` 占 ``m``: of the base the phrase names, of the list or parenthesis ``part`` is in, of the topic, or unbound."""
        if base:
            self.out.shares.append(Share(part, m, base_label=base_name(base), bound="named base"))
        elif self.paren is not None and part in self.paren.parts:
            self.paren.shares.append((part, m))
        elif self.open_list is not None and part in self.open_list.parts:
            self.open_list.shares.append((part, m))
        elif self.topic_base:
            self.out.shares.append(Share(part, m, base_label=self.topic_base, bound="topic phrase"))
        elif _can_be_subject(part):
            self.out.orphan_shares.append(Share(part, m, bound="stated before"))

    def _on_budget_rate(self, tok: Token) -> None:
        respectively = self._says_respectively()
        label = self._take_label()
        if self.in_reason:
            self._mention(tok, label, "aside")
            return
        m = self._mention(tok, label, tok.kind)
        if not tok.quantity.is_percent:
            if tok.kind == "budget_rate" and tok.quantity.is_money:
                self.budget_inside = (m, tok.base)  # 完成预算 35.20 万元的 91.5%: the budget, its rate next
            return
        if respectively:
            self.respective = _Respective(list(self.plain), [m], tok.base, tok.kind)
            return
        actual, bound = self._rate_subject()
        if actual is not None:
            self._bind_budget_rate(actual, m, tok.kind, tok.base, bound)

    def _rate_of_budget_inside(self, tok: Token, label: str, budget: Mention, which: str | None) -> None:
        """``本年支出合计 32.21 万元，完成预算 35.20 万元的 91.5%``: the rate of the latest amount against the budget
        stated inside the phrase."""
        m = self._mention(tok, label, "budget_rate")
        actual, bound = self._rate_subject()
        if actual is None or not _can_be_subject(actual) or not actual.same_measure(budget):
            return
        self._bind_budget_rate(actual, m, "budget_rate", which, bound)
        self.budget[id(actual)]["budget"] = budget

    def _rate_subject(self) -> tuple[Mention | None, str]:
        """What a completion rate is of: the latest amount of the sentence, never the budget it is measured
        against (公务接待费支出决算 1.20 万元，预算数为 3.00 万元，完成预算的 40.0%); else of the sentence before."""
        for figures, bound in ((self.plain, "stated in clause"), (self.previous_plain, "previous sentence")):
            if spent := [m for m in figures if not is_budget_label(m.label)]:
                return spent[-1], bound
        return (self.plain or self.previous_plain or [None])[-1], "stated in clause" if self.plain else "previous sentence"

    def _bind_budget_rate(self, actual: Mention, m: Mention, kind: str, which: str | None, bound: str) -> None:
        """``actual`` 完成 (``which``, 年初/全年) 预算的 ``m``, or its 预决算差异率 ``m``."""
        if not _can_be_subject(actual):
            return
        entry = self._budget_entry(actual, bound)
        entry.update({"rate" if kind == "budget_rate" else "diff_rate": m, "which": which or ""})
        if (stated := self._stated_budget_for(actual)) is not None:
            entry.update(budget=stated)

    _on_diff_rate = _on_budget_rate

    def _on_flat(self, tok: Token) -> None:
        self._take_label()
        if self.in_reason:
            return
        if tok.base and "预算" in tok.base:
            self._word(tok, "=")
        elif tok.base:
            self.flats.append((tok, _year_compared(tok.base)))
        subject = self.plain[-1] if self.plain else None
        if subject is None:
            return
        if tok.base and "预算" in tok.base and tok.direction != "基本持平":
            self._budget_entry(subject).update(flat=True)

    def _on_wording(self, tok: Token) -> None:
        self.label_parts.append(tok.text)  # 决算数小于预算数的主要原因 is words, part of what follows
        if not self.in_reason:
            self._word(tok, "<" if tok.direction in vocabulary()["prose"]["grammar"]["below_budget"] else ">")

    def _on_denial(self, tok: Token) -> None:
        self.label_parts.append(tok.text)
        start, end = self.block.text.span(tok.start, tok.end)
        self.out.denials.append((tok.base, Mark("denial", tok.text, start, end), self.block_index))

    def _word(self, tok: Token, sign: str) -> None:
        """``决算数小于预算数`` (``sign`` <, > or =): the final figure, budget and completion rate it explains.

        Those of its own ；-clause before it; where its sentence states no figure (no digit at all) before
        it, those of the sentence before (…支出决算为 39.99 万元。决算数小于预算数的主要原因…). Never from
        before an earlier such phrase. A rate alone tells the direction; otherwise both figures are needed.
        """
        figures = self.worded
        own = self.block.text.text[self.first_start : tok.start]
        if not figures and not any(c.isdigit() for c in own) and ";" not in own:
            figures = self.out.previous_worded
        money = [m for m in figures if m.role == "plain" and m.quantity.is_money and not is_difference_label(m.label)]
        budget = next((m for m in reversed(money) if is_budget_label(m.label)), None)
        actual = next((m for m in reversed(money) if not is_budget_label(m.label)), None)
        rate = next((m for m in reversed(figures) if m.role == "budget_rate"), None)
        self.worded, self.sentence_worded = [], []
        if rate is None and (budget is None or actual is None):
            return
        words = tok.text[: tok.quantity_start - tok.start].rstrip() if tok.quantity else tok.text  # 决算数大于预算数, not its figure
        start, end = self.block.text.span(tok.start, tok.start + len(words))
        self.out.budget_words.append(BudgetWording(sign, words, start, end, *(figure_of(m) for m in (actual, budget, rate))))

    def _flat_words(self) -> None:
        """与上年持平 and, in the same ；-clause, a change against the same year that is not zero."""
        for tok, year in self.flats:
            change = next(((m, way) for named, m, way in self.changes if named == year and m.quantity.value != 0), None)
            if change is not None:
                start, end = self.block.text.span(tok.start, tok.end)
                self.out.flat_words.append(FlatWording(tok.text, start, end, figure_of(change[0]), change[1]))
        self.flats, self.changes = [], []
