"""Labels: the noun phrase in front of a figure, and when two labels can name the same thing."""

from __future__ import annotations

import re
from functools import lru_cache

_LEADING = re.compile(r"^(?:[、,;:.\s]|其中|本单位|本部门|本级|\(单位\)|截至|截止)+")
_TRAILING_WORDS = ("、", "为", "是", "达", "约", "各", "均", "分别", "共计", "共")
_NOISE = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
_YEAR_WORDS = re.compile(r"本年度?|年度|本年|全年")
_BUDGET = re.compile(r"预算(?:数)?$")


def normalise_label(raw: str) -> str:
    """``本单位收、支总计(含结转和结余)为`` → ``收、支总计(含结转和结余)``."""
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
