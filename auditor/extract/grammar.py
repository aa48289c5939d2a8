"""The claim grammar: a pyparsing scanner that turns a prose block into tokens.

Prose is scanned once, left to right, by an ordered choice of compiled patterns: at each
position the first alternative that matches is the token (a relational phrase only where its trigger is
followed by a quantity); so each position is one of:

* a **relational phrase** — a trigger and the figure it governs:
  ``比上年增加 113.25 万元``, ``增长 17.1%``, ``占 51.1%``, ``占政府采购支出总额的 0.0%``,
  ``完成年初预算的 94.7%``, ``预决算差异率 121.71%``;
* a **quantity** — a number with its unit (元/万元/亿元, %, 个/辆/人/次 …, 分), or bare;
* a **date** (``2023 年度``, ``12 月``) — years and months are never amounts;
* a **marker** — ``其中``, a list opener (``主要用于以下方面``), a reason (``主要原因是``),
  a flat statement (``与上年持平``), the final figure against the budget in words
  (``决算数小于预算数``), an item said not to have been spent on (``无公务接待开支``);
* a **delimiter** (``，；：。``) that ends a clause, or **filler** text.

The words of every phrase are data, ``rules/vocabulary.toml`` [prose.grammar]: a phrasing
another province writes (``执行率为 84%``) is one word there. A second production reads what
the tokens do not carry in the prose that restates the performance tables (the project a
score is of, ``52 个项目自评等级为“优”``): :func:`project_phrases`. The checklist rules and
the performance summary take their facts from these, never from regular expressions of
their own.

Subject codes and project codes never become quantities: a number glued to letters
or other digits (``ISO14001``, ``IPV6``, ``51050022T0004``) is not matched, and
7-digit subject codes have no unit. Everything here works on text already
normalised to ASCII punctuation (see :func:`auditor.document.model.normalise`).
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal

import attrs
import pyparsing as pp

from auditor.document.model import normalise
from auditor.knowledge import vocabulary
from auditor.quantity import INTEGER, Quantity

MONEY = r"亿元|万元|千元|元"
#: Counts of things: exact numbers (12 辆 is twelve, not [11.5, 12.5]).
EXACT_UNITS = frozenset("人次 批次 台(套) 台套 个 辆 人 次 台 套 篇 册 项 家 户 份 处 场 期 所 名 张 本 件 条".split())
#: The units a prose figure may carry besides money, % and 分: the counts, and 个百分点 (a rounded difference of rates).
COUNT_UNITS = "|".join(re.escape(u) for u in sorted({"个百分点", *EXACT_UNITS}, key=lambda u: (-len(u), u)))

# A comma after a decimal separates two values (``各为 2210.35,2198.60 万元``); after an
# integer, a comma followed by three digits groups thousands.
_NUMBER = (
    # not after a letter, a digit, a point, a slash or a hyphen (2023-2024, A-1), save the minus of a signed rate (率 -20%)
    rf"(?:(?<![0-9A-Za-z.\-/])|(?<=率-)|(?<=率\s-)|(?<=率为-)|(?<=率为\s-)|(?<=率:-))(?P<num>{INTEGER}(?:\.\d+(?![0-9A-Za-z]|\.\d)|(?![0-9A-Za-z]|\.\d|,\d{{3}})))"
)
# A bare 万 or 亿 (``共计需336.48万,主要包括``) is a magnitude whose unit is left implied: the figure has a
# unit word, so it is not a bare number (no "缺少单位"), but nothing is checked on the guess that it means 万元.
_UNIT = rf"(?:\s*(?P<unit>(?:{MONEY})(?![/每])|%|{COUNT_UNITS}|分(?![钟局之])|[万亿](?![\u4e00-\u9fff\d])))?"
_QUANTITY = _NUMBER + _UNIT
_DATE = r"(?<![0-9A-Za-z.])\d+\s*(?:年度?|月份?|日|号)(?![0-9])"
# 从支出功能分类来看, …; 由基本支出 60.00 万元和项目支出 40.00 万元组成 (由 opens the parts a 组成/构成 closes)
_LIST_OPEN_PATTERN = r"从[^,;:。\d\n]{1,8}来看|(?:主要)?由(?!于)(?=[^。;\n]{0,80}?(?:组成|构成))"


def _alternation(words) -> str:
    """A regex alternation of literal phrases, longest first so that 主要原因是 beats 主要原因."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _phrases(words: dict) -> dict[str, str]:
    """The relational phrases' patterns, from the words of rules/vocabulary.toml [prose.grammar]."""
    a = {key: _alternation(values) for key, values in words.items()}  # each list as one alternation
    a["items"] = _alternation(normalise(item) for item in vocabulary()["checklist"]["sangong_items"])
    a["respectively"] = _alternation(vocabulary()["prose"]["respectively"])
    budget = rf"(?:{a['budget_kinds']})?预算(?:数)?"
    # what a change is compared with: 预算, 上年(决算数), 2023 年度
    base = rf"{budget}|(?:{a['compared_with']})(?:决算)?(?:数)?|\d{{4}}\s*年度?(?:决算)?(?:数)?"
    copula = rf"(?:{a['copulas']})?"
    return {
        "change": (
            # a word naming the rate of change takes a copula (增长率为 12.0%, 降幅达 5%); 增加为 X is a level, not a change
            # 比 of 相比 is the end of "与上年相比", not a compare word (与上年相比增加 10.00 万元)
            rf"(?:(?<!相)(?:{a['compare']})\s*(?P<base>{base})?\s*)?(?P<dir>{a['increase']}|{a['decrease']})了?"
            rf"(?:(?<=[率度幅例])(?:{a['copulas']}))?\s*(?![至到])"
            # 决算数大于预算数 12.40 万元: the difference against the budget as a direction word
            rf"|决算(?:数)?(?P<cmp>{a['above_budget']}|{a['below_budget']})(?P<cbase>{budget})\s*"
        ),
        "share": (
            # 占比分别为 60.0%、40.0%: the rates of the items before, in order (claims.py reads 分别 in the token)
            rf"(?:{a['share']})(?:{a['respectively']})?{copula}\s*(?=\d)"
            rf"|(?:{a['share']})(?P<base>[^,;:。、%\d\n]{{2,30}}?)(?:{a['share_of']})(?:{a['respectively']})?{copula}\s*(?=\d)"
        ),
        "budget_rate": (
            rf"(?:(?:{a['budget_rate_verbs']})了?(?P<which>{a['budget_kinds']})?预算(?:数)?的?|(?:{a['budget_rates']}){copula})\s*(?=\d)"
        ),
        # 预决算差异率 -20.0%: a difference rate is signed (the sign its own group: a number never opens with one)
        "diff_rate": rf"(?:{a['diff_rates']}){copula}\s*(?P<neg>[-−])?(?=\d)",
        "flat": (
            rf"决算(?:数)?(?P<how2>{a['equal_budget']})(?P<base2>(?:{a['budget_kinds']})?预算)(?:数)?"
            rf"|决算(?:数)?(?:{a['with_budget']})(?P<base3>(?:{a['budget_kinds']})?预算)(?:数)?(?P<how3>{a['flat']})"
            rf"|与(?P<base>{a['compared_with']}|\d{{4}}\s*年度?|(?:{a['budget_kinds']})?预算)(?:决算)?(?:数)?(?:相比)?(?P<how>{a['flat']})"
        ),
        # 决算数小于预算数 with no figure after it: the final figure against the budget in words
        "wording": rf"决算(?:数)?(?P<cmp>{a['above_budget']}|{a['below_budget']})(?P<cbase>(?:{a['budget_kinds']})?预算)(?:数)?(?!\s*\()",
        # 无公务接待开支, 公务接待费未发生
        "denial": (
            rf"(?:{a['denial']})\s*(?P<item>{a['items']})"
            rf"|(?P<item2>{a['items']})[^,;:。\d\n]{{0,8}}?(?:{a['denied']})"
        ),
    }


def _words() -> dict:
    return vocabulary()["prose"]["grammar"]


def is_decrease(direction: str | None) -> bool:
    """Does a change's direction word (a token's ``direction``) say it went down (减少, 下降, 降低)?"""
    return direction in _words()["decrease"]


def _count_measures() -> dict[str, str]:
    """Each count unit that counts what another does (名 as 人), to the first of its kind in rules/vocabulary.toml."""
    kinds = vocabulary()["prose"]["classification_marks"]["same_count_units"]
    return {unit: units[0] for units in kinds for unit in units}


def measure(quantity: Quantity) -> str:
    """What a figure measures, for adding figures up: money in any unit, or what its count unit counts (人 and 名 alike)."""
    if quantity.is_money:
        return "money"
    return _COUNT_MEASURES.get(quantity.unit, quantity.unit)


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Can the two figures be added or compared: both money, or counts of the same things, or both of one unit?"""
    return measure(a) == measure(b)


_DELIM = r"[,;:。!?\n]"


def _filler(words: dict) -> str:
    """A run of characters none of which can start another token: not a digit, a delimiter, nor the first
    character of any word of the grammar (决算…大于 and 与上年持平 begin with 决 and 与, 从…来看 with 从, 由…组成 with 由)."""
    grammar = words["grammar"]
    starters = {"决", "与", "从", "由"}
    for key in ("compare", "increase", "decrease", "share", "budget_rate_verbs", "budget_rates", "diff_rates", "parts", "denial"):
        starters |= {word[0] for word in grammar[key]}
    starters |= {normalise(item)[0] for item in vocabulary()["checklist"]["sangong_items"]}  # 公务接待费未发生
    for key in ("partial_list_openers", "reasons", "descriptions"):
        starters |= {word[0] for word in words[key]}
    return rf"[^0-9,;:。!?\n{re.escape(''.join(sorted(starters)))}]+"


@attrs.frozen
class Token:
    """One scanned piece of prose; ``start``/``end`` index the block's text."""

    kind: str
    start: int
    end: int
    text: str
    quantity: Quantity | None = None
    quantity_start: int = 0
    # change/flat/wording: what it compares with; share: the named base; budget_rate: 年初/全年/调整后; denial: the item
    base: str | None = None
    direction: str | None = None  # change: 增加/减少/增长/下降 …; flat: 持平 …; wording: 大于/小于 …


_GROUP = re.compile(r"\(\?P<(\w+)>")


def _quantity_in(m: re.Match, prefix: str, figures: dict[tuple[str, str], Quantity]) -> tuple[Quantity, int]:
    """The Quantity read by the groups ``{prefix}num`` and ``{prefix}unit`` of a scanner match, and where its number starts.

    ``figures`` holds the quantities read so far: a figure printed again (a total restated
    in every section) is the same immutable Quantity, not one more copy.
    """
    num = m.group(prefix + "num")
    unit = m.group(prefix + "unit") or ""
    q = figures.get((num, unit))
    if q is None:
        digits = num.replace(",", "")
        places = len(digits.split(".")[1]) if "." in digits else 0
        q = figures[num, unit] = Quantity(Decimal(digits), places, sys.intern(unit), num, exact=unit in EXACT_UNITS)
    return q, m.start(prefix + "num")


@attrs.frozen
class _Alternative:
    """One kind of token, as the ``index``-th branch ``a{index}`` of the scanner; its groups are
    renamed ``a{index}_NAME`` (``a{index}q_NAME`` in a phrase's quantity) so that branches share none."""

    kind: str
    index: int
    groups: tuple[str, ...]  # the names of the branch's own groups (a phrase: its trigger's)
    phrase: bool

    def branch(self, pattern: str) -> str:
        body = _GROUP.sub(rf"(?P<a{self.index}_\1>", pattern)
        if self.phrase:
            # A trigger followed by the quantity it governs: the trigger matches as it would alone
            # and is never re-tried shorter (an atomic group), then the quantity must follow at once.
            body = f"(?>{body})" + _GROUP.sub(rf"(?P<a{self.index}q_\1>", _QUANTITY)
        return f"(?P<a{self.index}>{body})"

    def token(self, m: re.Match, figures: dict[tuple[str, str], Quantity]) -> Token:
        """The token of a scanner match of this branch (``figures``: see :func:`_quantity_in`)."""
        start, end = m.start(), m.end()
        kind, prefix = self.kind, f"a{self.index}_"
        groups = {name: m.group(prefix + name) for name in self.groups}
        if self.phrase:
            q, qstart = _quantity_in(m, f"a{self.index}q_", figures)
            base, direction = groups.get("base") or groups.get("which"), groups.get("dir")
            if groups.get("cmp"):
                base, direction = groups["cbase"], "减少" if groups["cmp"] in _words()["below_budget"] else "增加"
            if groups.get("neg"):
                q = attrs.evolve(q, value=-q.value, text="-" + q.text)
            return Token(kind, start, end, m.group(0), q, qstart, base, direction)
        if kind == "quantity":
            q, qstart = _quantity_in(m, prefix, figures)
            return Token(kind, start, end, m.group(0), q, qstart)
        if kind == "wording":
            return Token(kind, start, end, m.group(0), base=groups["cbase"], direction=groups["cmp"])
        if kind == "denial":
            return Token(kind, start, end, m.group(0), base=groups["item"] or groups["item2"])
        base = groups.get("base") or groups.get("base2") or groups.get("base3")
        how = groups.get("how") or groups.get("how2") or groups.get("how3")
        return Token(kind, start, end, m.group(0), base=base, direction=how)


def _build() -> tuple[re.Pattern, tuple[_Alternative, ...]]:
    words = vocabulary()["prose"]
    phrases = _phrases(words["grammar"])
    list_open = _alternation(words["partial_list_openers"]) + "|" + _LIST_OPEN_PATTERN
    reason = _alternation([*words["reasons"], *words["descriptions"]])
    # Filler comes first as well, where it cannot start another token, because it is most of the
    # text: the characters it leaves out are the first characters of every other token, except the
    # digits of other scripts, which \d also matches.
    filler = _filler(words)
    grammar = [
        ("filler", rf"(?!\d){filler}", False),
        ("change", phrases["change"], True),
        ("share", phrases["share"], True),
        ("budget_rate", phrases["budget_rate"], True),
        ("diff_rate", phrases["diff_rate"], True),
        ("flat", phrases["flat"], False),
        ("wording", phrases["wording"], False),
        ("denial", phrases["denial"], False),
        ("date", _DATE, False),
        ("quantity", _QUANTITY, False),
        ("qizhong", _alternation(words["grammar"]["parts"]), False),
        ("list_open", list_open, False),
        ("reason", reason, False),
        ("delim", _DELIM, False),
        ("filler", filler, False),
        ("filler", r"[\s\S]", False),  # any other character: every position is a token
    ]
    alternatives = tuple(_Alternative(kind, i, tuple(dict.fromkeys(_GROUP.findall(pattern))), phrase)
                         for i, (kind, pattern, phrase) in enumerate(grammar))
    scanner = re.compile("|".join(a.branch(pattern) for a, (_, pattern, _) in zip(alternatives, grammar, strict=True)))
    return scanner, alternatives


# The grammar is one pyparsing token: an ordered choice whose branches are the alternatives
# above, in order, compiled as one pattern, so that at each position the first that reads a
# token wins and ``lastgroup`` names the branch. (A pyparsing MatchFirst of one element per
# alternative tried them one by one, at ten times the cost per token.) ``scan_string`` drives it
# over the text; parse_with_tabs keeps offsets offsets into the text (pyparsing would expand tabs).
_SCANNER, _ALTERNATIVES = _build()
_COUNT_MEASURES = _count_measures()
_TOKEN = pp.Regex(_SCANNER, as_match=True).leave_whitespace().parse_with_tabs()


def tokenize(text: str, figures: dict[tuple[str, str], Quantity] | None = None) -> list[Token]:
    """Scan normalised prose into tokens, adjacent filler merged.

    Tokens are taken one at a time (every position starts one, the last alternative taking
    any character), and a run of filler is kept as its span and cut from the text once when
    it ends: memory grows with the tokens kept, not with every character scanned. ``figures``
    carries the quantities already read from one document's earlier blocks (they are shared).
    """
    figures = {} if figures is None else figures
    tokens: list[Token] = []
    run_start = run_end = -1  # the current run of filler, if run_start >= 0
    for (m,), start, end in _TOKEN.scan_string(text, always_skip_whitespace=False):
        alternative = _ALTERNATIVES[int(m.lastgroup[1:])]
        if alternative.kind == "filler":
            if run_start < 0 or run_end != start:
                if run_start >= 0:
                    tokens.append(Token("filler", run_start, run_end, text[run_start:run_end]))
                run_start = start
            run_end = end
            continue
        if run_start >= 0:
            tokens.append(Token("filler", run_start, run_end, text[run_start:run_end]))
            run_start = -1
        tokens.append(alternative.token(m, figures))
    if run_start >= 0:
        tokens.append(Token("filler", run_start, run_end, text[run_start:run_end]))
    return tokens


# --- A second production: the prose that restates the performance tables ----------------------------------


@attrs.frozen
class ProjectPhrase:
    """A phrase of the performance prose the claim tokens do not carry: a statement's heading (``X项目自评综述：``),
    the project it scores (``Y项目绩效自评得分为 96 分``), a count after its number (``52 个项目自评等级为“优”``,
    ``64 个项目绩效自评结果``). ``name``/``grade`` and the figure are spans of the block's text."""

    kind: str  # heading, score, graded, results
    name: tuple[int, int] | None
    quantity: Quantity | None = None
    quantity_start: int = 0
    quantity_end: int = 0
    grade: str = ""


def _project_production() -> re.Pattern:
    """The production over a block's text, from the words of rules/vocabulary.toml [prose.projects] and the grammar's number."""
    words = vocabulary()["prose"]["projects"]
    name = r"(?P<name>[^：:。，,;；\n]{2,80}?)"
    number = _NUMBER.replace("(?P<num>", "(?P<n>")
    return re.compile(
        rf"(?P<heading>^\s*{name.replace('name', 'head')}项目\s*(?:绩效)?\s*(?:{_alternation(words['statement_heads'])})[:：])"
        rf"|(?P<score>{name}项目\s*(?:{_alternation(words['scores'])})\s*为?\s*{number}\s*分)"
        rf"|(?P<graded>{number.replace('(?P<n>', '(?P<gn>')}\s*(?:{_alternation(words['graded'])})\s*[“\"]?(?P<grade>[优良中差]))"
        rf"|(?P<results>{number.replace('(?P<n>', '(?P<rn>')}\s*(?:{_alternation(words['results'])}))"
    )


def project_phrases(text: str) -> list[ProjectPhrase]:
    """The performance-prose phrases of a block's (normalised) text, in order."""
    found = []
    for m in _PROJECT_PRODUCTION.finditer(text):
        kind = m.lastgroup
        if kind == "heading":
            found.append(ProjectPhrase(kind, m.span("head")))
            continue
        group = {"score": "n", "graded": "gn", "results": "rn"}[kind]
        digits = m.group(group)
        places = len(digits.partition(".")[2])
        unit, exact = ("分", False) if kind == "score" else ("个", True)
        q = Quantity(Decimal(digits.replace(",", "")), places, unit, digits, exact)
        found.append(ProjectPhrase(kind, m.span("name") if kind == "score" else None, q, *m.span(group), m.group("grade") or ""))
    return found


_PROJECT_PRODUCTION = _project_production()
