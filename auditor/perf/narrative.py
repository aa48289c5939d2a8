"""The narrative around a performance table, bound to the indicator rows it restates.

A table's 实际完成情况 / 评价结论 text, or the prose beside it, restates indicator
results in sentences: "完成了水质采样 48 次；数据上报及时率 95%". Each figure there is read
with the words just before it (the *phrase*) and its unit, and bound to the indicator
whose name the phrase names (docs/domain.md §4: a frequent slip copies the *target* into the
narrative where the row's actual differs). The binding says how tight it is:

* ``tight`` — the phrase is the indicator's name, or its name less a counting suffix
  (水质采样 → 水质采样次数), and the units agree;
* ``loose`` — the phrase and the name share a run of four or more characters, end in the
  same two (the same measure: 准确率 is no 延迟率), and the units agree.

A figure whose phrase names no indicator, or two indicators equally, is left unbound, and so
is a figure given as an approximation or a bound (``约 95%``, ``95%以上``).
"""

from __future__ import annotations

import re

from auditor.perf.figures import figure
from auditor.perf.model import Indicator, NarrativeClaim, Text
from auditor.quantity import INTEGER

# A figure not inside a longer one: ``(?<![\d.,])`` + :data:`auditor.perf.figures.NUMBER`, written to open with the
# character it consumes first (a sign, or the first digit of INTEGER), the look-behind after it: the scan then jumps
# between the places a figure can start instead of trying every character of every sentence.
_VALUE = re.compile(rf"[-+](?<![\d.,][-+]){INTEGER}(?:\.\d+)?|\d(?<![\d.,]\d)(?:\d{{0,2}}(?:,\d{{3}})+|\d*)(?:\.\d+)?")
_UNIT = re.compile(r"\s*(%|[\u4e00-\u9fff]{1,2})?")
_VERBS = re.compile(r"^(?:完成了?|实现了?|开展了?|累计|共计|全年|其中|截至|截止)+")
_COPULA = re.compile(r"(?:达到|达|为|是)$")  # 准确率达 100%: the verb before the figure is no part of the name
_APPROXIMATE = re.compile(r"(?:约|近|超过|不低于|不少于|不高于|不超过|高于|低于|逾)$")
_BOUND_AFTER = re.compile(r"\s*(?:以上|以下|左右|多|余|上下|之内|以内)")
_SUFFIXES = ("", "次数", "数量", "数", "个数", "人数", "人次", "面积", "长度", "金额")
_SHARED = 4  # characters a loose match must share


def _unit_of(indicator: Indicator, states: str) -> str:
    values = (indicator.target, indicator.actual) if states == "target" else (indicator.actual, indicator.target)
    for value in values:
        if value is not None and value.quantity.unit:
            return value.quantity.unit
    return ""


def _common_run(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _claims(text: str):
    """(phrase, value match, unit, end) of each figure of ``text`` that a phrase of two or more CJK characters
    introduces (``数据上报及时率 95%``, ``准确率达 100%``): each figure found first, its phrase read backwards from it
    (a pattern that starts at every character of a long phrase and backtracks costs quadratic time)."""
    end = 0
    for value in _VALUE.finditer(text):
        at = value.start()
        if at < end:
            continue
        k = at
        while k > end and text[k - 1].isspace():
            k -= 1
        head = k
        while head > end and "\u4e00" <= text[head - 1] <= "\u9fff":  # a CJK character (a call per character costs)
            head -= 1
        if k - head < 2:
            continue
        unit = _UNIT.match(text, value.end())
        yield text[head:k], value, unit.group(1) or "", unit.end()
        end = unit.end()


def bind(texts: list[Text], indicators: tuple[Indicator, ...], states: str = "result") -> list[NarrativeClaim]:
    """Narrative figures in ``texts`` bound to the indicator each one names; ``states`` says whether the
    texts state results (实际完成情况) or targets (年度目标)."""
    claims = []
    named: dict[str, list[tuple[Indicator, str]]] = {}  # by the first character of the unit: a claim's unit is one character
    for indicator in indicators:
        if indicator.name and (want := _unit_of(indicator, states)):
            named.setdefault(want[0], []).append((indicator, indicator.name))
    for text in texts:
        for found, value_match, unit, end in _claims(text.text):
            if _APPROXIMATE.search(found) or _BOUND_AFTER.match(text.text, end):
                continue  # 约 95%, 95% 以上: an approximation or a bound, no figure to hold a row to (docs/domain.md §5)
            phrase = _COPULA.sub("", _VERBS.sub("", found))
            unit = "%" if unit == "%" else unit[:1] if unit else ""
            if len(phrase) < 2:
                continue
            if not unit:
                continue
            matches = []
            for indicator, name in named.get(unit, ()):  # the indicators whose unit starts with the claim's
                if phrase.endswith(name) or (name.startswith(phrase) and name[len(phrase) :] in _SUFFIXES):
                    matches.append((indicator, True))
                elif phrase[-2:] == name[-2:] and _common_run(phrase, name) >= _SHARED:  # the same measure (…准确率 is no …延迟率)
                    matches.append((indicator, False))
            tight = [i for i, t in matches if t]
            chosen = tight if tight else [i for i, _ in matches]
            if len(chosen) != 1:
                continue  # no indicator, or two that the phrase names alike: not bound
            value = figure(value_match.group(), text.start + value_match.start(), unit)
            if value is not None:
                claims.append(NarrativeClaim(phrase, value, chosen[0], bool(tight), states))
    return claims
