"""The words of a 项目支出绩效自评表, read from ``rules/vocabulary.toml`` [perf.*] in this one place.

Every perf module asks here: the header words of the money and indicator columns (each word
keyed to the field it names), the row labels, the 一级/二级指标 names, the status words (done or
not), the units, the words of a qualitative target, and the labels under which a table's text
states targets or results. Another province's word is added to the vocabulary, not to Python.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from auditor.knowledge import vocabulary

_HEADER_NOISE = re.compile(r"[\s（）()]|万元|%")


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """A header cell as compared with the vocabulary: no spaces, brackets, 万元 or % (``调整后预算数（万元）``).

    Cached: every row without figures is asked about as a header twice, and a document's tables print the same words."""
    return _HEADER_NOISE.sub("", text)


@cache
def perf_words() -> dict:
    """The ``[perf.*]`` words as lookups: header key → field, label → what it names, and the word sets."""
    perf = vocabulary()["perf"]

    def keyed(group: dict) -> dict[str, str]:
        return {header_key(word): field for field, words in group.items() for word in words}

    labels = perf["labels"]
    money = keyed(perf["columns"]["money"])
    return {
        "money": money,
        "indicator": keyed(perf["columns"]["indicator"]),
        "money_labels": {k: f for k, f in money.items() if f in ("initial_budget", "budget", "arrived", "executed", "balance")},
        "label_keys": frozenset({*(k for k, f in money.items() if f in ("initial_budget", "budget", "arrived", "executed", "balance")),
                                 *labels["execution"], *labels["total"], *labels["total_after_indicators"]}),
        "name": frozenset(labels["name"]),
        "execution": frozenset(labels["execution"]),
        "total": frozenset(labels["total"]),
        "total_after": frozenset(labels["total_after_indicators"]),
        "conclusion": frozenset(labels["conclusion"]),
        "problems": tuple(labels["problems"]),
        "problem_budget": tuple(labels["problem_budget"]),
        "problem_executed": tuple(labels["problem_executed"]),
        "level1": frozenset(perf["levels"]["level1"]),
        "level2": frozenset(perf["levels"]["level2"]),
        "not_levels": frozenset(perf["levels"]["not_levels"]),
        "done": frozenset(perf["levels"]["done"]),
        "status": frozenset((*perf["levels"]["done"], *perf["levels"]["not_done"])),
        "qualitative": frozenset(perf["levels"]["qualitative"]),
        "units": tuple(sorted(perf["levels"]["units"], key=len, reverse=True)),
        "targets": frozenset(perf["narrative"]["targets"]),
        "results": frozenset(perf["narrative"]["results"]),
        # a narrative label → what the text under it states; a word in both lists is a target's
        "label_roles": {**dict.fromkeys(perf["narrative"]["results"], "result"), **dict.fromkeys(perf["narrative"]["targets"], "target")},
    }


class _Words:
    """One word set of ``perf_words()``, read when first asked, so that importing a module reads no file."""

    def __init__(self, key: str) -> None:
        self._key = key

    def __contains__(self, word: object) -> bool:
        return word in perf_words()[self._key]

    def __iter__(self):
        return iter(perf_words()[self._key])


#: The 完成情况 words that say an indicator was done (完成, 已完成, 达成, 达到), not 未完成 or 部分完成.
DONE = _Words("done")
