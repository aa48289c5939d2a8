"""Labels: the noun phrase in front of a figure, and when two labels can name the same thing."""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.knowledge import vocabulary

_LEADING = re.compile(r"^(?:[、,;:.\s]|其中|本单位|本部门|本级|\(单位\)|截至|截止)+")
_TRAILING_WORDS = ("、", "为", "是", "达", "约", "各", "均", "分别", "共计", "共")
_NOISE = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
_YEAR_WORDS = re.compile(r"本年度?|年度|本年|全年")
_BUDGET = re.compile(r"预算(?:数)?$")


@lru_cache(maxsize=1 << 14)
def normalise_label(raw: str) -> str:
    """``本单位收、支总计(含结转和结余)为`` → ``收、支总计(含结转和结余)`` (cached: a document repeats its labels)."""
    label = re.sub(r"\s+", "", raw)
    previous = None
    while previous != label:
        previous = label
        label = _LEADING.sub("", label)
        label = _strip_trailing(label)
    return label


def _strip_trailing(label: str) -> str:
    """``label`` without the 为, 是, 共计 … and spaces it ends with.

    Peeled off from the end: the regex ``(?:…)+$`` it replaces is retried from every
    character of a run of such words, quadratic in a long one.
    """
    end = len(label)
    while end:
        word = next((w for w in _TRAILING_WORDS if label.endswith(w, 0, end)), None)
        if word is None and not label[end - 1].isspace():
            break
        end -= len(word) if word else 1
    return label[:end]


@lru_cache(maxsize=1 << 14)
def _chars(label: str) -> frozenset[str]:
    """Cached: a document has a few hundred distinct labels, each compared with many names (named bases, subjects)."""
    return frozenset(_NOISE.sub("", _YEAR_WORDS.sub("", label)))


def compatible(query: str, candidate: str) -> bool:
    """Can ``query`` (a short reference, 收支) name the figure labelled ``candidate`` (收、支总计)?

    True when every character of the query, ignoring punctuation and year words
    (本年, 年度), occurs in the candidate. Deliberately loose: callers use it to pick
    candidates, and report an inconsistency only when no candidate is consistent.
    """
    q = _chars(query)
    return bool(q) and q <= _chars(candidate)


def abbreviates(short: str, full: str) -> bool:
    """Is ``short`` (支出总计) the tail of ``full`` (财政拨款支出总计), long enough to be specific?

    A figure first stated without the qualifier its sentence gave it is later
    referred to with the qualifier spelled out.
    """
    short, full = _NOISE.sub("", short), _NOISE.sub("", full)
    return len(short) >= 4 and full.endswith(short)


#: Bases named in other words: 占总支出的 38.20% is a share of 本年支出合计 (DOMAIN §3).
_BASE_WORDS = {"总支出": "支出合计", "总收入": "收入合计", "支出总额": "支出合计", "收入总额": "收入合计"}


def base_name(raw: str) -> str:
    """The label a named base (占总支出的 …) stands for: ``总支出`` → ``支出合计``."""
    label = normalise_label(raw)
    for words, meaning in _BASE_WORDS.items():
        if label.endswith(words) and len(label) - len(words) <= 2:  # 总支出, 本年总支出, 全部总支出
            return meaning
    return label


def is_budget_label(label: str) -> bool:
    """年初预算, 全年预算数, 支出预算 — but not 一般公共预算财政拨款支出 (a fund's name)."""
    return bool(_BUDGET.search(label))


def is_previous_year_label(label: str) -> bool:
    return "上年" in label or "上一年" in label or "去年" in label


_YEAR_COMPARED = re.compile(r"^(?:比|较|与)?(?:上一?年度?|去年)(?:同期)?(?:决算)?(?:数)?")


def names_last_year_of(previous: str, subject: str) -> bool:
    """Does the label ``previous`` (上年支出合计, 比上年决算, 上年) name last year's figure of the item ``subject``
    (本年支出合计, 支出合计) names, or of no other item?"""
    item = _YEAR_COMPARED.sub("", previous)
    if not item:
        return True
    own = _YEAR_WORDS.sub("", subject)
    return bool(own) and (item == own or own.endswith(item))


#: Words that say which figure of an item is meant (its budget, its final amount, the
#: amount procured) but not which item: a label made only of them is generic.
_ATTRIBUTE_WORDS = re.compile(
    r"年初|全年|调整后|本年度?|年度|预算|决算|支出|收入|数|金额|资金|采购|差额|差值|执行|实际|完成|涉及|为|了|的|其"
)


def is_generic(label: str) -> bool:
    """Does ``label`` fail to say which item it is about (年初预算, 支出决算, 采购金额, ``****``)?

    Such a label identifies a quantity only together with the item its clause names.
    """
    if "*" in label or "＊" in label:
        return True  # a placeholder: the office left the name out
    return len(_NOISE.sub("", _ATTRIBUTE_WORDS.sub("", label))) < 2


def is_difference_label(label: str) -> bool:
    """差额, 差值, 结余: figures that are never the subject of the next sentence or the whole of a list."""
    return any(word in label for word in ("差额", "差值", "结余"))


def same_category(labels: list[str], label: str) -> bool:
    """Could ``label`` be one more item of the list whose items are ``labels``?

    Items of one list share a head or a tail (高级职称, 中级职称 …; 公务用车购置, 公务用车运行维护费):
    the longest common prefix or suffix of the items, of two characters or more,
    without the attribute words every item carries (支出决算).
    """
    items = [_ATTRIBUTE_WORDS.sub("", _NOISE.sub("", x)) for x in [*labels, label]]
    known, new = items[:-1], items[-1]
    head = _common(known, prefix=True)
    tail = _common(known, prefix=False)
    if len(known) == 1:
        return len(_common([known[0], new], True)) >= 2 or len(_common([known[0], new], False)) >= 2
    if len(head) >= 2 or len(tail) >= 2:
        return (len(head) >= 2 and new.startswith(head)) or (len(tail) >= 2 and new.endswith(tail))
    # No longer affix: items of one noun class (因公出国（境）费, 公务用车购置及运行维护费, 公务接待费).
    return bool(tail) and new.endswith(tail)


def shares_head_or_tail(a: str, b: str) -> bool:
    """Two labels with a common head or tail of two characters or more (attribute words aside)."""
    return same_category([a], b)


def _common(items: list[str], prefix: bool) -> str:
    if not items:
        return ""
    words = items if prefix else [x[::-1] for x in items]
    first = words[0]
    n = 0
    while n < len(first) and all(len(w) > n and w[n] == first[n] for w in words):
        n += 1
    common = first[:n]
    return common if prefix else common[::-1]


_PAIR_WORDS = {"收": "收入", "支": "支出"}


def split_pair(label: str) -> tuple[str, str] | None:
    """The two labels of a 各/分别 pair, None for any other label.

    ``收、支总计`` → (``收入总计``, ``支出总计``): a short first item shares the second's tail;
    ``基本支出、项目支出`` → (``基本支出``, ``项目支出``).
    """
    items = label.split("、")
    if len(items) != 2 or not all(items):
        return None
    a, b = items
    if len(a) == len(b) == 1:
        a, b = _PAIR_WORDS.get(a, a), _PAIR_WORDS.get(b, b)
    elif len(a) <= 2 and len(b) > len(a):
        tail = b[len(a) :]
        a, b = _PAIR_WORDS.get(a, a) + tail, _PAIR_WORDS.get(b[: len(a)], b[: len(a)]) + tail
    return (a, b) if a != b else None


_LAST_CONNECTOR = re.compile(r"^(?P<left>.{2,}?)(?:以及|和|及|与)(?P<right>[^和及与]{2,})$")


def respective_items(label: str) -> tuple[tuple[str, ...], ...]:
    """The ways ``label`` may name the items of a names-first list (``A、B和C分别为 a、b、c 万元``): each a tuple of two or
    more labels, shortest first; none where it names no such list.

    Items are parted by 、, the last two perhaps by 和/及/与 (``基本支出和项目支出``); as the values' count decides
    between the two readings of ``A、B和C`` (a 和 may join words of one name: 年初结转和结余), both are given. Items
    that name one word each and a last that goes on share its tail (``货物、工程、服务支出`` → 货物支出 …, as
    :func:`split_pair` reads ``收、支总计``); a list with an item that does not say which item it is (预算、决算) is none
    (其他收入, the rest of the list's items, says so).
    """
    readings = []
    items = label.split("、")
    if len(items) >= 2:
        readings.append(items)
    if (m := _LAST_CONNECTOR.match(items[-1])) is not None:
        readings.append([*items[:-1], m.group("left"), m.group("right")])
    found = []
    for reading in readings:
        named = tuple(_shared_tail(reading))
        if all(named) and len(set(named)) == len(named) and not any(is_generic(item) and not item.startswith("其他") for item in named):
            found.append(named)
    return tuple(found)


def _shared_tail(items: list[str]) -> list[str]:
    """``货物、工程、服务支出`` → 货物支出, 工程支出, 服务支出: short items of one length before a longer last share its tail."""
    if len(items) == 2:
        return list(split_pair("、".join(items)) or items)
    short = {len(item) for item in items[:-1]}
    if len(short) == 1 and (size := short.pop()) <= 2 and len(items[-1]) > size:
        tail = items[-1][size:]
        return [_PAIR_WORDS.get(item, item) + tail for item in items[:-1]] + [items[-1]]
    return items


# --- Classifications: when the items of a list partition their whole -----------------------------------


def _prose_words() -> dict:
    return vocabulary()["prose"]


_BRACKETS = str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"'})


def _compact(label: str) -> str:
    """A label as classified: no spaces, ASCII brackets, every quotation mark a ``"``."""
    return re.sub(r"\s", "", label.translate(_BRACKETS))


@lru_cache(maxsize=1 << 12)
def classifications(label: str) -> tuple[tuple[str, str], ...]:
    """The complementary classifications a label names a member of: (set, member) pairs (rules/vocabulary.toml).

    A label naming two members of one set (公务用车购置及运行维护费: 购置 and 运行) names neither; a subject
    class (一般公共服务（类）支出) is a member of the set of its level.
    """
    text = _compact(label)
    found = []
    for name, members in _prose_words()["classifications"].items():
        named = {m for m in members if m in text}
        named = {m for m in named if not any(m != other and m in other for other in named)}  # of nested members, the longest
        if len(named) == 1:
            found.append((name, named.pop()))
    for mark in _prose_words()["classification_marks"]["subject_levels"]:
        if (at := text.find(mark)) > 0:
            found.append((mark, text[:at]))
    return tuple(found)


def is_remainder(label: str) -> bool:
    """其他用车, 其他收入: the rest of a classification."""
    return _compact(label).startswith(tuple(_prose_words()["classification_marks"]["remainder"]))


def _common_set(labels: list[str]) -> bool:
    """Do the labels name distinct members of one set (an item named 其他… counting as a member of any)?"""
    named = [dict(classifications(x)) for x in labels if not is_remainder(x)]
    if not named:
        return False
    for name in set.intersection(*(set(n) for n in named)):
        members = [n[name] for n in named]
        if len(set(members)) == len(members):
            return True
    return False


def _named_alike(labels: list[str]) -> bool:
    """Do the labels share a head or tail, attribute words aside (高级职称, 中级职称; 支付首付款, 支付尾款; 机要通信用车, 其他用车)?

    Two or more characters; one, a noun class's last character (…费), where three or more items share it.
    """
    items = [_ATTRIBUTE_WORDS.sub("", _NOISE.sub("", x)) for x in labels]
    if len(items) < 2:
        return False
    head, tail = _common(items, prefix=True), _common(items, prefix=False)
    return len(head) >= 2 or len(tail) >= 2 or (len(items) >= 3 and len(tail) == 1)


def another_classification(labels: list[str], label: str) -> bool:
    """Do ``labels`` name distinct members of one set, and ``label`` a member of another (在职, 退休; 女性)?"""
    if not _common_set(labels):
        return False
    theirs = set.intersection(*({name for name, _ in classifications(x)} for x in labels if not is_remainder(x)))
    own = {name for name, _ in classifications(label)}
    return bool(own) and not own & theirs


def one_classification(labels: list[str]) -> bool:
    """Are these two or more items one classification: members of one set of rules/vocabulary.toml, or named alike?"""
    return len(labels) >= 2 and (_common_set(labels) or _named_alike(labels))


def is_partition(labels: list[str]) -> bool:
    """Do these items claim to make up their whole: distinct members of one complementary set, or items named
    alike closed by an item named 其他…?"""
    if len(labels) < 2:
        return False
    return _common_set(labels) or (any(is_remainder(x) for x in labels) and _named_alike(labels))


def classification_groups(labels: list[str]) -> list[list[int]]:
    """The items of a list cut where another classification begins: (indices of) consecutive runs.

    A list may mix classifications (正高级, 副高级, 博士生导师, 硕士生导师; 在职, 退休, 女; 在职, 党员): an item
    starts a new run where it and the run's items are not members of one set (one of them may be of none;
    an item named 其他… goes with the run) and are not named alike, or where the run's items are named
    alike, the item and the one after it are named alike, and neither shares a head or tail with any item of
    the run (部级领导干部用车 and 机要通信用车 still share 用车). Without such evidence the list is one run.
    """
    groups: list[list[int]] = []
    for i in range(len(labels)):
        if groups and not _starts_another(labels, groups[-1], i):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _starts_another(labels: list[str], group: list[int], i: int) -> bool:
    label = labels[i]
    if is_remainder(label):
        return False
    run = [labels[j] for j in group]
    own = {name for name, _ in classifications(label)}
    theirs = [{name for name, _ in classifications(x)} for x in run if not is_remainder(x)]
    if theirs and (own or any(theirs)) and not own & set.intersection(*theirs) and not _named_alike([*run, label]):
        return True  # a member of a set the run is not of, or no member of the run's set (在职, 党员); 离退休干部用车 is a 用车
    return (
        len(run) >= 2
        and _named_alike(run)
        and i + 1 < len(labels)
        and shares_head_or_tail(label, labels[i + 1])
        and not any(shares_head_or_tail(x, other) for x in run for other in labels[i : i + 2])
    )


def closes_list(label: str) -> bool:
    """Does a figure's label say it is the total of the amounts before it (共计支出, 以上合计, 两项合计)?"""
    words = _prose_words()
    text = _compact(label)
    for prefix in ("", *words["list_closer_prefixes"]):
        if text.startswith(prefix) and text[len(prefix) :].startswith(tuple(words["list_closers"])):
            return True
    return False


# --- What a figure is about: its item and which of the item's figures it is --------------------------------

#: The words a label ends with that say which figure of an item it is (公务接待费｜年初预算, 公务接待费｜支出决算).
_ATTRIBUTE_TAIL = re.compile(
    r"(?P<which>年初|全年|调整后|本年度?|年度)?(?P<side>支出|收入)?(?P<what>预算|决算|执行|完成)?(?P<number>数|金额|额)?$"
)


def item_and_attribute(label: str) -> tuple[str, str, str]:
    """(item, what, which) of a label: ``公务接待费年初预算`` → (公务接待费, 预算, 年初); ``支出决算`` → ("", 决算, "").

    ``what`` is 预算 for a budget, else the figure spent (决算, 执行, 支出 or nothing: ``公务接待费 2.40 万元``);
    ``which`` is 年初, 全年 or 调整后 for a budget that says which.
    """
    text = _compact(label)
    m = _ATTRIBUTE_TAIL.search(text)
    item = text[: m.start()] if m else text
    what = (m.group("what") or m.group("side") or "") if m else ""
    which = (m.group("which") or "") if m else ""
    return item, ("预算" if what == "预算" else "决算"), ("" if which.startswith(("本年", "年度")) else which)


def named_item(label: str, context: tuple[str, ...]) -> str:
    """The item a figure is about: its label's, or, for a label that names none (年初预算, 支出决算), the item its
    clause names last (公务接待费支出 …，年初预算为 … is 公务接待费's budget); "" when neither says."""
    item = item_and_attribute(label)[0]
    if item and not is_generic(label):
        return item
    return item_and_attribute(context[-1])[0] if context else ""


_REMARK = re.compile(r"\([^)]*\)")
_CALIBER_WORDS = re.compile(r"一般公共预算|财政拨款")
_FEE = re.compile(r"(?:费用|费)$")


def item_key(item: str) -> str | None:
    """An item as compared across a document, where its name alone says which money it is (a “三公” item, the
    “三公” total, 机关运行经费: rules/vocabulary.toml [prose.concepts] one_caliber); None for any other item.

    ``“三公”经费财政拨款`` and ``三公经费`` are one item (and ``本年度公务接待费`` and ``公务接待费``),
    ``因公出国（境）费`` and ``因公出国费用`` another;
    ``国内公务接待费`` is not ``公务接待费``.
    """
    key = _FEE.sub("", _CALIBER_WORDS.sub("", _YEAR_WORDS.sub("", _REMARK.sub("", _compact(item).replace('"', "")))))
    return key if any(word in key for word in _prose_words()["concepts"]["one_caliber"]) else None
