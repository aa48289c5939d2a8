"""Generated 项目支出绩效自评表 in the three corpus layouts, and the prose that restates them.

``draw_projects`` draws the true figures of each project (docs/domain.md §4): 年初预算数,
全年预算数, 执行数 (now and then above the budget), the 预算执行率 row's 分值, indicators
whose 分值 add up to 100 minus it, each with a target its actual value meets (or,
now and then, misses with fewer points and 部分完成), and scores no higher than their
weights. Everything computed from them (执行率 = 执行数 ÷ 预算数, the execution score
= 分值 × 执行率 capped at the 分值, 自评总分, the grade) is computed here exactly and
rounded only where it is printed, half up, as an office's spreadsheet does.

Three layouts, as the corpus prints them:

* ``etdz`` (qinhuangdao-etdz-office): TAB rows, ``预算数 │ 16.000000 │ 到位数 │ … │ 执行数
  │ … │ 100``, targets in 符号 │ 值 │ 单位 cells, fractions for percentages now and then;
* ``jincheng`` (jincheng-ecology-bureau): TAB rows, a money header ``年初预算数 … 全年预算数
  │ 全年执行数 │ 资金结(转)余 │ 执行率 │ 得分`` over a 资金总额 row and a 财政资金 row,
  targets written ``≥90%`` under 年初指标值/调整后指标值/实际完成值, ``总分 │ 92.5 │ 优``;
* ``cells`` (qinhuangdao-emergency-center): one cell per line with blank lines between,
  narrow cells wrapped, and numbers broken across lines (``9.4269`` then ``2``).

Every printed figure goes through :meth:`Rendered.figure` with a ``perf.*`` kind, its
span covering the whole number even where a line break runs through it.

For the metamorphic tests (tests/test_perf_metamorphic.py), :func:`printed_table` fixes one
table's strings and :func:`metamorphic_text` / :func:`write_metamorphic` print them in eight
layouts (``METAMORPHIC_LAYOUTS``): the three above, space-separated rows under one header row
and a letter-spaced title, one cell per line behind a TAB (columns 调整后预算数 / 预算执行数 /
预算执行率 / 权重 / 指标性质 / 度量单位 / 完成值, a 合计 row, a 评价结论 restating score and
money), ``|`` cells, and that table's cells in a .docx and a .xlsx.
"""

from __future__ import annotations

import random
import re
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

import attrs

from .model import Rendered

LAYOUTS = ("etdz", "jincheng", "cells")
GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))
HUNDRED = Decimal(100)


def rounded(value: Decimal, places: int, strip: bool = True) -> tuple[Decimal, int]:
    """``value`` rounded half up to ``places`` decimals, and the places left once trailing zeros are dropped (``100.00`` → 100)."""
    exact = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not strip:
        return exact, places
    kept = max(0, -exact.normalize().as_tuple().exponent)
    return exact.quantize(Decimal(1).scaleb(-kept)), kept


def natural(value: Decimal) -> tuple[Decimal, int]:
    """An exact value printed with as many decimals as it has (``47.40`` → 47.4)."""
    return rounded(value, max(0, -value.as_tuple().exponent))


@attrs.frozen
class Indicator:
    """One 三级指标: ``operator`` None for a qualitative (文字描述) target, whose texts are ``target_text``/``actual_text``.

    ``fraction`` prints the actual of a percent target as a fraction of one (``0.98``, ``1``),
    the habit of qinhuangdao-etdz-office, which the auditor notes (a warning for a lone table,
    info where three or more do it) and never compares with the target.
    """

    level1: str
    level2: str
    name: str
    explanation: str
    weight: Decimal
    operator: str | None
    target: Decimal | None
    unit: str
    actual: Decimal | None
    target_text: str
    actual_text: str
    fraction: bool
    status: str
    score: Decimal


@attrs.frozen
class Project:
    """A project's true figures; money in 万元 with up to six decimals, as the tables print it.

    ``money_in_problems`` restates the money in the table's 存在问题 cell (``财政拨款 45 万元，当年预算执行
    44.093 万元。``, as qinhuangdao-emergency-center does).
    """

    name: str
    declared: Decimal
    initial: Decimal
    budget: Decimal
    executed: Decimal
    exec_weight: Decimal
    indicators: tuple[Indicator, ...]
    problems: str
    money_in_problems: bool

    @property
    def rate(self) -> Decimal:
        """执行率 in percent, exact to 40 digits."""
        with localcontext() as ctx:
            ctx.prec = 40
            return self.executed / self.budget * HUNDRED

    @property
    def exec_score(self) -> Decimal:
        with localcontext() as ctx:
            ctx.prec = 40
            return min(self.exec_weight * self.rate / HUNDRED, self.exec_weight)

    @property
    def total(self) -> Decimal:
        return sum((i.score for i in self.indicators), Decimal(0)) + self.exec_score

    @property
    def printed_total(self) -> tuple[Decimal, int]:
        """自评总分 as every layout prints it: two decimals at most, trailing zeros dropped (99.43, 94.9, 96)."""
        return rounded(self.total, 2)

    @property
    def grade(self) -> str:
        """The grade of the printed total, so that a grade printed beside it and the roll-up agree with what a reader sees."""
        total = self.printed_total[0]
        return next(grade for grade, floor in GRADES if total >= floor)


# ---------------------------------------------------------------------------------------------------------------
# Drawing the true figures

_PREFIXES = ("开发区", "城区分局", "生态办", "环境应急中心", "高平分局", "机关", "市级", "信息中心")
_CORES = (
    "年鉴印刷经费", "政务信息稿酬费", "读书荐书活动经费", "专项业务费", "培训费", "援藏扶持资金", "大气污染防治第三方技术服务",
    "铺设静电防尘毯", "贸促会交流费用", "因公出访费用", "电信宽带接入费", "裸纤租用费", "门户网站技术升级与维护外包服务年费",
    "上网行为管理年费", "机房设备维修及耗材", "网络系统安全防护服务费", "背街小巷洒水降尘服务费", "设备购置", "水污染防治工作经费",
    "移动源污染编外聘用人员", "移动源污染综合服务", "入河排污口排查及溯源调查", "ISO14001第八次换证审核费", "IPV6通讯协议年费",
    "智慧政务办公系统建设及网络安全改造", "机房设备托管上云及网络安全服务", "上年结转-2022年R&D经费投入强度增长奖励资金-科技研发",
)
# (level2 under 产出指标, name, explanation, operator choices, unit choices)
_COUNTS = (
    ("数量指标", "制作宣传品的数量", "制作宣传品的数量", ("=", "≥"), ("本", "份", "套")),
    ("数量指标", "参加培训人数", "参加内审人员培训人员数量", ("≥", "="), ("人",)),
    ("数量指标", "购置设备数量", "购置台式机及笔记本电脑数量", ("=",), ("台",)),
    ("数量指标", "巡查次数", "全年开展环境巡查的次数", ("≥",), ("次",)),
    ("数量指标", "资料收集家数", "资料收集家数", ("≥",), ("家", "个")),
    ("数量指标", "信息员投稿数量", "按信息员投稿的数量和质量择优选取", (">",), ("篇",)),
    ("数量指标", "劳务派遣人员", "提供劳务服务的人员数量", ("=",), ("人",)),
    ("时效指标", "资料收集工作完成时间", "资料收集工作完成时间", ("≤",), ("天",)),
)
_PERCENTS = (
    ("质量指标", "验收合格率", "验收合格率"),
    ("质量指标", "培训合格率", "此次培训合格率"),
    ("质量指标", "项目完成率", "按照工作计划完成项目数占总项目数的比例"),
    ("时效指标", "工作完成及时率", "按照工作计划及时完成各项工作"),
)
_QUALITATIVE = (
    ("产出指标", "时效指标", "开展培训时间", "本次开展培训时间", "10月底前", "10月底前已完成"),
    ("产出指标", "时效指标", "按照要求完成付款", "每月付款", "每月进行付款", "每月付款"),
    ("产出指标", "时效指标", "稿酬发放完成时间", "保证在11月底前完成全部稿酬的发放", "截至11月底", "2023年11月1日发放完毕"),
    ("效益指标", "社会效益指标", "为后续社会发展积累宝贵资料", "为编纂志书积累系统、完备的史料", "比上年有所提高", "比上年有所提高"),
    ("效益指标", "社会效益指标", "有效加强监管力度", "协助项目单位加强监管力度", "有效加强", "有效加强"),
    ("效益指标", "生态效益指标", "改善空气质量", "通过开展路检路查等工作改善空气质量", "有所改善", "有所改善"),
    ("效益指标", "可持续影响指标", "保障单位正常运转", "保障机关正常运转", "保障", "达成预期指标"),
)
_SATISFACTION = (("服务对象满意度指标", "受众群体满意度", "对使用者进行调查满意度"),
                 ("服务对象满意度指标", "项目单位满意度", "项目单位对本项服务的满意度"))


def _money(rng: random.Random) -> Decimal:
    """A budget as offices set them: whole 万元 mostly, sometimes to the 元 (1.466, 0.9437)."""
    places = rng.choice((0, 0, 0, 1, 2, 2, 3, 4))
    top = rng.choice((10, 30, 120, 300))
    return max(Decimal(rng.randint(1, top * 10**places)).scaleb(-places), Decimal("0.01"))


def _weights(rng: random.Random, total: int, count: int) -> list[Decimal]:
    """``count`` weights adding up to ``total``: fives and tens mostly, now and then a 6 and a 7 as jincheng has."""
    step = 5 if total % 5 == 0 and rng.random() < 0.8 else 1
    weights = [step] * count
    for _ in range((total - step * count) // step):
        weights[rng.randrange(count)] += step
    return [Decimal(w) for w in weights]


def _quantitative(rng: random.Random, level1: str, level2: str, name: str, explanation: str, operator: str, unit: str,
                  target: Decimal, met_range: tuple[Decimal, Decimal], miss: Decimal | None, weight: Decimal,
                  fraction: bool) -> Indicator:
    """An indicator met by an actual drawn in ``met_range``, or missed by the actual ``miss`` with 部分完成 and
    at most weight × completion points (the national scoring rule, docs/domain.md §4)."""
    if miss is not None:
        completion = target / miss if operator in ("≤", "<") else miss / target
        most = (weight * min(completion, Decimal(1))).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        score = max(Decimal(0), min(most, weight - rng.randint(1, 3)))
        return Indicator(level1, level2, name, explanation, weight, operator, target, unit, miss, "", "", False, "部分完成", score)
    lo, hi = met_range
    actual = lo if hi == lo or operator == "=" or rng.random() < 0.5 else Decimal(rng.randint(int(lo), int(hi)))
    score = weight if rng.random() < 0.85 else weight - 1
    return Indicator(level1, level2, name, explanation, weight, operator, target, unit, actual, "", "", fraction, "完成", score)


def _indicator(rng: random.Random, slot: str, weight: Decimal, project_money: tuple[Decimal, Decimal], fractions: bool) -> Indicator:
    missed = rng.random() < 0.08
    if slot == "count":
        level2, name, explanation, operators, units = rng.choice(_COUNTS)
        operator, unit = rng.choice(operators), rng.choice(units)
        target = Decimal(rng.randint(2, 60))
        if operator == "≤":
            return _quantitative(rng, "产出指标", level2, name, explanation, operator, unit, target, (Decimal(1), target),
                                 target + rng.randint(1, 5) if missed else None, weight, False)
        low = target + 1 if operator == ">" else target
        return _quantitative(rng, "产出指标", level2, name, explanation, operator, unit, target, (low, target + 5),
                             target - rng.randint(0 if operator == ">" else 1, int(target) - 1) if missed else None, weight, False)
    if slot in ("percent", "satisfaction"):
        if slot == "percent":
            level1, (level2, name, explanation) = "产出指标", rng.choice(_PERCENTS)
            target = Decimal(rng.choice((90, 95, 98, 100)))
        else:
            level1, (level2, name, explanation) = "满意度指标", rng.choice(_SATISFACTION)
            target = Decimal(rng.choice((80, 85, 90, 95)))
        operator = "=" if target == HUNDRED and rng.random() < 0.5 else "≥"
        return _quantitative(rng, level1, level2, name, explanation, operator, "%", target, (target, HUNDRED),
                             target - rng.randint(5, 30) if missed else None, weight, fractions and rng.random() < 0.5)
    if slot == "cost":
        budget, executed = project_money
        cap = max(budget, executed).to_integral_value(rounding=ROUND_CEILING)
        level1, level2 = rng.choice((("产出指标", "成本指标"), ("成本指标", "经济成本指标")))
        return _quantitative(rng, level1, level2, "预算支出控制数", "项目支出金额不超过预算金额", "≤", "万元", cap, (executed, executed),
                             None, weight, False)
    level1, level2, name, explanation, target_text, actual_text = rng.choice(_QUALITATIVE)
    score = weight - rng.choice((0, 0, 0, 1, 2)) if weight > 2 else weight
    return Indicator(level1, level2, name, explanation, weight, None, None, "", None, target_text, actual_text, False, "完成", score)


def _indicators(rng: random.Random, total: int, money: tuple[Decimal, Decimal], fractions: bool) -> tuple[Indicator, ...]:
    """Indicators in the order of the form: 产出 (count, percent, qualitative, cost), 效益, 满意度, their weights adding up to ``total``."""
    slots = ["count", rng.choice(("percent", "count")), "cost"]
    slots += rng.sample(("percent", "qualitative", "count"), rng.randint(0, 2))
    slots += ["benefit"] * rng.randint(1, 2) + ["satisfaction"]
    order = {"count": 0, "percent": 1, "qualitative": 2, "cost": 3, "benefit": 4, "satisfaction": 5}
    slots.sort(key=order.__getitem__)
    weights = _weights(rng, total, len(slots))
    chosen: list[Indicator] = []
    for slot, weight in zip(slots, weights, strict=True):
        for _ in range(20):  # a 三级指标 name twice in one table would be a copy-paste slip, not what this draws
            indicator = _indicator(rng, "qualitative" if slot == "benefit" else slot, weight, money, fractions)
            if slot != "benefit" or indicator.level1 == "效益指标":
                if all(i.name != indicator.name for i in chosen):
                    break
        chosen.append(indicator)
    return tuple(chosen)


def _names(rng: random.Random, count: int) -> list[str]:
    """Distinct project names, none inside another (the auditor matches a statement to the table whose name contains it)."""
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(_CORES) if rng.random() < 0.5 else rng.choice(_PREFIXES) + rng.choice(_CORES)
        if all(name not in other and other not in name for other in names):
            names.append(name)
    return names


def draw_projects(rng: random.Random, count: int | None = None, layout: str = "etdz") -> list[Project]:
    """``count`` projects (1–6 when None) with true figures that agree; ``layout`` only limits what it cannot print."""
    count = rng.randint(1, 6) if count is None else count
    projects = []
    fractions = layout == "etdz" and rng.random() < 0.5
    for name in _names(rng, count):
        budget = _money(rng)
        roll = rng.random()
        if roll < 0.5:
            executed = budget
        elif roll < 0.9:
            share = rng.randint(300, 999) if rng.random() < 0.8 else rng.randint(1, 299)
            executed = (budget * Decimal(share) / 1000).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
        elif roll < 0.97:
            executed = (budget * Decimal(rng.randint(1001, 1150)) / 1000).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
        else:
            executed = Decimal(0)
        initial = budget if rng.random() < 0.7 else (budget * Decimal(rng.randint(50, 150)) / 100).quantize(Decimal("0.01"))
        # jincheng does not print the 预算执行率 row's 分值 and the auditor takes it to be 10 (another is a known false positive)
        exec_weight = Decimal(10) if layout == "jincheng" else Decimal(rng.choice((10, 10, 10, 5, 20)))
        indicators = _indicators(rng, int(HUNDRED - exec_weight), (budget, executed), fractions)
        problems = rng.choice(("将进一步提升工作效率，推进各项工作更圆满的完成。", "进一步完善满意度指标，严格筛选，确保工作如期完成。", ""))
        projects.append(Project(name, initial if rng.random() < 0.5 else Decimal(0), initial, budget, executed, exec_weight,
                                indicators, problems, rng.random() < 0.3))
    return projects


# ---------------------------------------------------------------------------------------------------------------
# Rendering


def _fig(r: Rendered, value: Decimal, places: int, kind: str, strip: bool = True) -> Rendered:
    """Print ``value`` rounded to ``places`` (trailing zeros dropped unless ``strip`` is False)."""
    shown, kept = rounded(value, places, strip)
    return r.figure(shown, kept, kind)


def _row(r: Rendered, *cells) -> None:
    """A TAB row; a cell is text, or a callable that prints into ``r`` (a figure, or text around one)."""
    for k, cell in enumerate(cells):
        if k:
            r.add("\t")
        if callable(cell):
            cell(r)
        else:
            r.add(cell)
    r.add("\n")


def _f(value: Decimal, places: int, kind: str, strip: bool = True, suffix: str = "", prefix: str = ""):
    """A cell (or segment) printing a figure, with text before and after it in the same cell (``≥90%``, ``15人``)."""
    def draw(r: Rendered) -> None:
        r.add(prefix)
        _fig(r, value, places, kind, strip)
        r.add(suffix)
    return draw


def _problems(p: Project, empty: str):
    """The 存在问题 cell: its money sentence where the project has one, then its text (``empty`` when there is none)."""
    def draw(r: Rendered) -> None:
        if p.money_in_problems:
            r.add("财政拨款 ")
            _fig(r, p.budget, 2, "perf.problems.budget")
            r.add(" 万元，当年预算执行 ")
            _fig(r, p.executed, 2, "perf.problems.executed")
            r.add(" 万元。")
        r.add(p.problems or ("" if p.money_in_problems else empty))
    return draw


def _etdz(rng: random.Random, p: Project) -> Rendered:
    r = Rendered()
    r.add("2023年度预算项目绩效自评表\n\n")
    _row(r, "一、基本情况", "项目名称", p.name, "", "项目级次", "本级", "实施主管单位", "434001-秦皇岛经济技术开发区管理委员会办公室", "", "金额单位", "万元", "")
    _row(r, "二、预算执行情况", "预算安排情况(调整后)", "", "资金到位情况", "", "", "资金执行情况", "", "", "预算执行进度(%)", "", "")
    arrived = max(p.budget, p.executed)
    money = (("预算数", p.budget, "perf.budget"), ("到位数", arrived, "perf.arrived"), ("执行数", p.executed, "perf.executed"))
    cells: list = [""]
    for label, value, kind in money:
        cells += [label, _f(value, 6, kind, strip=False), ""]
    _row(r, *cells, _f(p.rate, 2, "perf.rate"), "", "")
    cells = [""]
    for _, value, _kind in money:
        cells += ["其中:财政资金", _f(value, 6, "perf.source", strip=False), ""]
    _row(r, *cells, "", "", "")
    _row(r, "", "其他", _f(Decimal(0), 0, "perf.source"), "", "其他", _f(Decimal(0), 0, "perf.source"), "", "", "其他",
         _f(Decimal(0), 0, "perf.source"), "", "", "")
    _row(r, "三、目标完成情况", "年度预期目标", "", "", "", "具体完成情况", "", "", "", "总体完成率(%)", "", "")
    _row(r, "", "完成年初设定的各项绩效目标", "", "", "", "完成了年初设定的各项绩效目标", "", "", "", _f(HUNDRED, 2, "perf.goal-rate", strip=False),
         "", "")
    _row(r, "四、年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标说明", "指标分值", "预期指标值", "", "",
         "单项指标实际完成值", "单项指标完成情况", "自评得分")
    _row(r, "", "", "", "", "", "", "符号", "值", "单位(文字描述)", "", "", "")
    level1 = ""
    for i in p.indicators:
        shown_level1, level1 = ("" if i.level1 == level1 else i.level1), i.level1
        head = ["", shown_level1, i.level2, i.name, i.explanation, _f(i.weight, 2, "perf.weight", strip=False)]
        if i.operator is None:
            target = rng.choice((["", "文字描述", i.target_text], ["文字描述", "", i.target_text], ["", "定性", i.target_text]))
            _row(r, *head, *target, i.actual_text, i.status, _f(i.score, 2, "perf.score"))
            continue
        unit = "百分比" if i.unit == "%" and rng.random() < 0.2 else i.unit
        target = [i.operator, _f(i.target, 2, "perf.target"), unit]
        if rng.random() < 0.1:  # "15.00 =": the 分值 and 符号 cells run together
            head[-1] = _f(i.weight, 2, "perf.weight", strip=False, suffix=f" {i.operator}")
            target[0] = ""
        if i.fraction:
            actual = _f(i.actual / HUNDRED, 2, "perf.actual-fraction")
        else:
            actual = _f(i.actual, 6, "perf.actual", suffix=i.unit if i.unit != "%" and rng.random() < 0.7 else "")
        _row(r, *head, *target, actual, i.status, _f(i.score, 2, "perf.score"))
    if rng.random() < 0.1:  # line 710 of the etdz file: the last row's names once more, with no figures
        last = p.indicators[-1]
        _row(r, last.level1, last.level2, last.explanation, *[""] * 9)
    _row(r, "", "预算执行率", "预算执行率", "", "", _f(p.exec_weight, 0, "perf.exec-weight"), "", "", "", "", "", "",
         _f(p.exec_score, 2, "perf.exec-score"))
    total, places = p.printed_total
    if rng.random() < 0.5:
        _row(r, "自评总分", lambda r: r.figure(total, places, "perf.total"), *[""] * 10)
    else:
        _row(r, "自评总分", *[""] * 10, lambda r: r.figure(total, places, "perf.total"), "")
    _row(r, "五、存在问题及整改措施", _problems(p, "无"), *[""] * 10)
    _row(r, "填报人:", "李晓宁", "", "", "联系电话:", "3926685", *[""] * 6)
    r.add("\n")
    return r


def _jincheng_target(rng: random.Random, i: Indicator) -> list:
    """年初指标值 │ 调整后指标值 │ 实际完成值 for a quantitative indicator: ``≥%`` │ ``≥90%`` │ ``≥95%`` (or ``95%``, ``= 10台``, ``≧90%``)."""
    unit = i.unit
    sign = {"≥": "≧", "≤": "≦"}.get(i.operator, i.operator) if rng.random() < 0.1 else i.operator  # as some input methods type them
    sign += " " if rng.random() < 0.2 else ""
    initial = f"{sign}{unit}"
    if rng.random() < 0.3:
        initial = _f(i.target, 2, "perf.target-initial", prefix=sign, suffix=unit)
    actual_operator = sign if rng.random() < 0.6 else ""
    return [initial, _f(i.target, 2, "perf.target", prefix=sign, suffix=unit),
            _f(i.actual, 6, "perf.actual", prefix=actual_operator, suffix=unit)]


def _jincheng(rng: random.Random, p: Project) -> Rendered:
    r = Rendered()
    r.add(f"{p.name}项目支出绩效自评表 (2023年度)\n\n" if rng.random() < 0.5 else f"{p.name}项目支出绩效自评表\n(2023年度)\n\n")
    _row(r, "项目名称", "", p.name, *[""] * 9)
    _row(r, "主管部门及代码", "", "218-晋城市生态环境局", "", "", "", "预算单位", "", "218001-晋城市生态环境局", "", "", "")
    _row(r, "项目资金预算安排及执行进度(万元)", "年初预算数", "", "", "全年预算数", "全年执行数", "资金结(转)余", "执行率", "得分", "偏差原因", "", "")
    _row(r, "", "目标申报数", "预算编制数", *[""] * 9)
    money = ((p.declared, "perf.declared"), (p.initial, "perf.initial"), (p.budget, "perf.budget"), (p.executed, "perf.executed"),
             (p.budget - p.executed, "perf.balance"))
    # the 资金总额 row, which the auditor reads, then the 财政资金 row repeating it with 执行率 and 得分 to two decimals
    _row(r, "", "资金总额:", *(_f(value, 6, kind) for value, kind in money), _f(p.rate, 2, "perf.rate"),
         _f(p.exec_score, 2, "perf.exec-score"), "", "", "")
    _row(r, "市县区财政资金", *(_f(value, 6, "perf.source") for value, _ in money), _f(p.rate, 2, "perf.source", strip=False),
         _f(p.exec_score, 2, "perf.source", strip=False), "无偏差", "", "", "")
    _row(r, "年度绩效目标", "年度目标", "", "", "", "", "实际完成情况", *[""] * 5)
    _row(r, "", "完成年初设定的各项绩效目标", "", "", "", "", "完成了年初设定的各项绩效目标", *[""] * 5)
    _row(r, "绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "定性值情况说明", "分值", "得分",
         "偏差原因分析及改进措施", "")
    level1 = ""
    for i in p.indicators:
        shown_level1, level1 = ("" if i.level1 == level1 else i.level1), i.level1
        level2 = i.level2.removesuffix("指标") if i.level1 != "产出指标" else i.level2
        names = [shown_level1, level2, i.name] if shown_level1 and rng.random() < 0.3 else ["", shown_level1, level2, i.name]
        values = ["", i.target_text, i.actual_text] if i.operator is None else _jincheng_target(rng, i)
        _row(r, *names, *values, "", _f(i.weight, 2, "perf.weight"), _f(i.score, 2, "perf.score"), "", "")
    total, places = p.printed_total
    layout = rng.random()
    if layout < 0.5:
        _row(r, "总分", *[""] * 8, lambda r: r.figure(total, places, "perf.total"), p.grade, "")
    elif layout < 0.75:
        _row(r, "", "总分", *[""] * 8, lambda r: r.figure(total, places, "perf.total"))
    elif layout < 0.9:  # on the row below
        _row(r, "总分", *[""] * 9)
        _row(r, lambda r: r.figure(total, places, "perf.total"), p.grade, *[""] * 8)
    else:  # on the row below, the total and its grade in one cell ("94 优", jincheng's 大气污染防治运行费)
        _row(r, "总分", *[""] * 9)
        _row(r, lambda r: r.figure(total, places, "perf.total").add(f" {p.grade}"), *[""] * 9)
    _row(r, "项目绩效分析", "自评结果分析", "项目实施和预算执行情况", "", "通过项目实施，完成了年初设定的各项绩效目标。", *[""] * 6)
    _row(r, "", "项目管理中存在的主要问题及原因分析", "", _problems(p, "无。"), *[""] * 7)
    _row(r, "下一步改进措施及管理建议", "", "无。", *[""] * 8)
    r.add("\n备注：1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系。\n\n")
    return r


class _CellLines:
    """Lines of a table printed one cell per line: each ``line`` ends with ``sep`` (a blank line between lines, or none).

    ``broken`` prints a figure whose digits run on over the next lines (``9.4269`` then ``2``): each
    continuation is digits only and alone on its line, the head ends in a digit or a point, as a
    PDF extraction of a narrow cell gives them; the figure's span covers the breaks.
    """

    def __init__(self, rng: random.Random, r: Rendered, sep: str) -> None:
        self.rng, self.r, self.sep = rng, r, sep
        self.last = ""

    def line(self, *segments) -> None:
        first = len(self.r.parts)
        for segment in segments:
            segment(self.r) if callable(segment) else self.r.add(segment)
        text = "".join(self.r.parts[first:])
        if _continues(self.last, text):
            raise AssertionError(f"the line {text!r} after {self.last!r} would read as the rest of a number")
        self.last = text
        self.r.add(self.sep)

    def wrapped(self, text: str, width: int) -> None:
        for k in range(0, len(text), width):
            self.line(text[k : k + width])

    def label(self, *variants: str) -> None:
        """A header cell, printed whole or wrapped as one of the corpus does (``项目名`` / ``称``): '/' marks a break."""
        for piece in self.rng.choice(variants).split("/"):
            self.line(piece)

    def broken(self, value: Decimal, places: int, kind: str, *before, strip: bool = True) -> None:
        """The segments ``before``, then a figure ending the line, broken at up to two places when its digits allow."""
        shown, kept = rounded(value, places, strip)
        printed = f"{shown:.{kept}f}"
        cuts = [k for k in range(1, len(printed)) if _continues(printed[:k], printed[k:])]
        chosen = sorted(self.rng.sample(cuts, min(len(cuts), self.rng.choice((0, 1, 1, 2))))) if cuts else []
        pieces = [printed[a:b] for a, b in zip([0, *chosen], [*chosen, len(printed)], strict=True)]
        if any(not _continues(head, tail) for head, tail in zip(pieces, pieces[1:], strict=False)):
            pieces = [printed]  # ``.5`` after ``4.`` is no continuation the reader joins: print it whole
        for segment in before:
            segment(self.r) if callable(segment) else self.r.add(segment)
        self.r.figure(shown, kept, kind, text=self.sep.join(pieces))
        self.last = pieces[-1]
        self.r.add(self.sep)


def _cells_indicator_header(out: _CellLines) -> None:
    """The 四、年度绩效指标完成情况 header of the one-cell-per-line print, its labels wrapped as the emergency center's are."""
    out.label("四、年度绩/效/指标完成情/况")
    out.label("一级指/标")
    out.label("二级指标 三级指/标")
    out.label("指标说明 指标/分值")
    out.label("预期指标值 单项指标实/际完成值")
    out.label("单项指/标完成/情况")
    out.label("自评得/分")
    out.label("符号 值 单位/(文字/描述)")


def _continues(head: str, tail: str) -> bool:
    """Whether a line ``tail`` after a line ending ``head`` is read as the rest of one number (the wrapped splitter's joining rule, auditor/perf/rows.py)."""
    return bool(tail) and (tail.isdigit() or (tail[0] == "." and tail[1:].isdigit() and head[-1:].isdigit())) and (
        head[-1:].isdigit() or (head.endswith(".") and head[-2:-1].isdigit()))


def _cells(rng: random.Random, p: Project) -> Rendered:
    r = Rendered()
    out = _CellLines(rng, r, rng.choice(("\n\n", "\n")))
    out.line("2023 年度市级项目支出绩效自评表")
    out.line("填报单位（盖章）：秦皇岛市环境应急与重污染天气预警中心 金额单位：万元")
    out.label("一、基本情/况", "一、基/本情/况")
    out.label("项目名/称", "项目/名称")
    out.wrapped(p.name, rng.choice((6, 8, 10)))
    out.label("项目级次 本级实施主管单/位", "项目级次 本级 实施主管单/位")
    out.label("467003 - 秦皇岛市/环境应急与重污染/天气预警中心")
    out.label("金额单/位/万元", "金额/单位/万/元")
    out.label("二、预算执/行情况", "二、预/算执/行情/况")
    out.label("预算安排情况(调/整后)")
    out.label("资金到位情况 资金执行情况 预算执行进度/(%)")
    arrived = max(p.budget, p.executed)
    out.broken(p.budget, 6, "perf.budget", rng.choice(("预算数 ", "预算/数/")).replace("/", out.sep), strip=False)
    rate, places = rounded(p.rate, 2)
    out.line("到位数 ", _f(arrived, 6, "perf.arrived", strip=False), "执行数 ", _f(p.executed, 6, "perf.executed", strip=False), " ",
             lambda r: r.figure(rate, places, "perf.rate"))
    out.label("其中:财/政资金")
    out.broken(p.budget, 6, "perf.source", strip=False)
    out.label("其中:财/政资金")
    out.line(_f(arrived, 6, "perf.source", strip=False), "其中:财政资")
    out.line("金")
    out.line(_f(p.executed, 6, "perf.source", strip=False))
    out.line(*(part for _ in range(3) for part in ("其他 ", _f(Decimal(0), 0, "perf.source"))))
    out.label("三、目标完/成情况")
    out.line("年度预期目标 具体完成情况 总体完成率(%)")
    out.wrapped("完成年初设定的各项绩效目标，确保项目顺利实施", 20)
    out.wrapped("完成了年初设定的各项绩效目标", 17)
    out.line(_f(HUNDRED, 2, "perf.goal-rate", strip=False))
    _cells_indicator_header(out)
    level1, page = "", rng.randrange(len(p.indicators) + 1)
    for k, i in enumerate(p.indicators):
        if k == page:
            out.line(f"— {rng.randint(7, 60)} —")  # a page footer between two rows
        if i.level1 != level1:
            out.wrapped(i.level1, 3)
            level1 = i.level1
        out.line(f"{i.level2} {i.name[:3]}")
        out.wrapped(i.name[3:], 3)
        if i.operator is not None and rng.random() < 0.3:  # qinhuangdao's second table: the row's figures on one line
            out.wrapped(i.explanation[:-4], 7)
            out.line(i.explanation[-4:], " ", _f(i.weight, 2, "perf.weight", strip=False), f" {i.operator} ", _f(i.target, 2, "perf.target"),
                     f" {i.unit} ", _f(i.actual, 6, "perf.actual"), f" {i.unit} {i.status} ", _f(i.score, 2, "perf.score"))
            continue
        out.wrapped(i.explanation, 7)
        out.broken(i.weight, 2, "perf.weight", strip=False)
        if i.operator is None:
            out.label("文字/描述", "文字描/述", "定性")
            out.wrapped(i.target_text, 3)
            out.line(f"{i.actual_text} {i.status} ", _f(i.score, 2, "perf.score"))
            continue
        actual_unit = "" if i.unit == "%" or rng.random() < 0.5 else f" {i.unit}"
        if i.unit == "万元":
            out.line(f"{i.operator} ", _f(i.target, 2, "perf.target"), f" {i.unit} ", _f(i.actual, 6, "perf.actual"))
            out.label("万元", "万/元")
            out.line(f"{i.status} ", _f(i.score, 2, "perf.score"))
        else:
            out.line(f"{i.operator} ", _f(i.target, 2, "perf.target"), f" {i.unit} ", _f(i.actual, 6, "perf.actual"), f"{actual_unit} {i.status} ",
                     _f(i.score, 2, "perf.score"))
    out.label("预算执/行率")
    out.label("预算执行/率")
    out.broken(p.exec_score, 6, "perf.exec-score", _f(p.exec_weight, 0, "perf.exec-weight"), " ")
    out.label("自评总/分")
    total, places = p.printed_total
    out.line(lambda r: r.figure(total, places, "perf.total"))
    out.label("五、存在问/题/原因及整改/措施", "五、存/在问/题原/因及/整改/措施")
    if p.money_in_problems:
        out.line(_problems(attrs.evolve(p, problems=""), ""))  # one line, as the emergency file prints it: no number broken
    if p.problems:
        out.wrapped(p.problems, 20)
    return r


_RENDERERS = {"etdz": _etdz, "jincheng": _jincheng, "cells": _cells}


WATERMARK = "仅供内部审核"


def render_tables(rng: random.Random, projects: list[Project], layout: str) -> Rendered:
    """The appendix: its title line, then one table per project in ``layout``; jincheng's watermark between tables now and then."""
    r = Rendered().add("附项目支出绩效自评表\n\n")
    for p in projects:
        r.extend(_RENDERERS[layout](rng, p))
        if layout == "jincheng" and rng.random() < 0.5:
            r.add(f"{WATERMARK}\n\n" * rng.randint(1, 3))
    return r


def perf_tables(rng: random.Random, count: int | None = None, layout: str | None = None) -> Rendered:
    """A 项目支出绩效自评表 appendix of ``count`` consistent projects in ``layout`` (drawn when None)."""
    layout = layout or rng.choice(LAYOUTS)
    return render_tables(rng, draw_projects(rng, count, layout), layout)


def _money_text(rng: random.Random, value: Decimal, kind: str):
    """Money in the prose: to the 分 of a 万元 (1.466 → 1.47), or as exact as the table where that is four decimals or fewer
    (``0.9437 万元``); ``1,920.38`` with a thousands separator now and then."""
    shown, places = natural(value)
    if places > 4 or rng.random() < 0.7:
        shown, places = rounded(value, 2)
    text = f"{shown:,.{places}f}" if shown >= 1000 and rng.random() < 0.5 else None
    return lambda r: r.figure(shown, places, kind, text)


def project_statements(rng: random.Random, projects: list[Project]) -> Rendered:
    """The 预算绩效情况说明: the roll-up (count, money, grades), then one numbered statement per project."""
    r = Rendered()
    r.add("九、预算绩效情况说明\n\n（一）预算绩效管理工作开展情况\n\n")
    r.add("根据预算绩效管理要求，本部门组织对2023年度一般公共预算项目支出全面开展绩效自评，其中，")
    if rng.random() < 0.5:
        r.add("一级项目 ").figure(Decimal(0), 0, "perf.rollup.level1").add(" 个，")
    r.add("二级项目 ").figure(Decimal(len(projects)), 0, "perf.rollup.count").add(" 个，共涉及资金 ")
    _money_text(rng, sum((p.budget for p in projects), Decimal(0)), "perf.rollup.funds")(r)
    r.add(" 万元")
    if rng.random() < 0.5:  # a share of a whole the section never states
        r.add("，占一般公共预算项目支出总额的 ").figure(HUNDRED, 0, "perf.rollup.share").add("%")
    r.add("。从评价情况来看，我部门严格按照预算绩效管理有关规定，对照项目绩效目标，对所有项目的执行过程进行跟踪监控。\n\n")
    r.add("（二）部门决算中项目绩效自评结果\n\n")
    r.add(f"本单位在今年部门决算公开中反映{projects[0].name}项目等 ")
    r.figure(Decimal(len(projects)), 0, "perf.rollup.count")
    r.add(" 个项目绩效自评结果")
    grades = [(grade, sum(1 for p in projects if p.grade == grade)) for grade, _ in GRADES]
    for k, (grade, n) in enumerate((g, n) for g, n in grades if n or rng.random() < 0.3):
        r.add("，其中" if k == 0 else "，")
        r.figure(Decimal(n), 0, "perf.rollup.grade")
        r.add(f"个项目自评等级为“{grade}”")
    r.add("。\n\n")
    numbered = rng.choice(("{}、", "（{}）"))
    for k, p in enumerate(projects, 1):
        heading = rng.choice(("项目绩效自评情况", "项目自评综述"))
        r.add(f"{numbered.format(k)}{p.name}{heading}：根据年初设定的绩效目标，{p.name}项目绩效自评得分为 ")
        r.figure(*p.printed_total, "perf.summary.score")
        r.add(" 分（绩效自评表附后）。全年预算数为 ")
        _money_text(rng, p.budget, "perf.summary.budget")(r)
        r.add(" 万元，执行数为 ")
        _money_text(rng, p.executed, "perf.summary.executed")(r)
        r.add(" 万元，完成预算的 ")
        _fig(r, p.rate, 2, "perf.summary.rate")
        r.add("%。项目绩效目标完成情况：通过项目实施，完成了年初设定的各项绩效目标。")
        r.add(f"问题及整改措施：{p.problems}\n\n" if p.problems else "未发现问题。\n\n")
    return r


def hard_wrapped(rng: random.Random, r: Rendered, width: int) -> Rendered:
    """``r`` with every paragraph broken into lines of about ``width`` characters and a blank line between them,
    as the PDF extraction of qinhuangdao-emergency-center prints its prose; a break may fall between two digits
    of a figure (``113.1`` / ``2``), whose span then covers it."""
    text = r.text
    breaks = []
    for paragraph_start, paragraph in _paragraphs(text):
        at = paragraph_start + width + rng.randint(-3, 3)
        while at < paragraph_start + len(paragraph):
            breaks.append(at)
            at += width + rng.randint(-3, 3)
    out, pos = Rendered(), 0
    for f in sorted(r.figures, key=lambda f: f.start):
        out.add(_with_breaks(text, pos, f.start, breaks))
        out.figure(f.value, f.places, f.kind, _with_breaks(text, f.start, f.end, [b for b in breaks if text[b - 1].isdigit() and text[b].isdigit()]))
        pos = f.end
    return out.add(_with_breaks(text, pos, len(text), breaks))


def _paragraphs(text: str):
    """(offset, text) of each non-empty line."""
    offset = 0
    for line in text.split("\n"):
        if line:
            yield offset, line
        offset += len(line) + 1


def _with_breaks(text: str, start: int, end: int, breaks: list[int]) -> str:
    cuts = [b for b in breaks if start < b < end]
    return "\n\n".join(text[a:b] for a, b in zip([start, *cuts], [*cuts, end], strict=True))


def perf_document(rng: random.Random, count: int | None = None, layout: str | None = None) -> Rendered:
    """A small disclosure: the 第三部分 prose that restates each project, then the appendix of its tables.

    The prose is hard-wrapped as the emergency-center PDF extraction prints it when the tables are
    one cell per line (and now and then otherwise).
    """
    layout = layout or rng.choice(LAYOUTS)
    projects = draw_projects(rng, count, layout)
    prose = project_statements(rng, projects)
    if rng.random() < (0.7 if layout == "cells" else 0.2):
        prose = hard_wrapped(rng, prose, rng.randint(20, 30))
    r = Rendered().add("第三部分 2023年度部门决算情况说明\n\n")
    r.extend(prose)
    return r.extend(render_tables(rng, projects, layout))


# ---------------------------------------------------------------------------------------------------------------
# One table's facts, printed in every layout (metamorphic tests, issue 20)
#
# The renderers above print as the corpus offices do, each with its own rounding. The ones below print
# the same strings (a PrintedTable) in every layout, so that one inconsistency planted in the facts
# must draw the same finding (rule, stated, expected) whatever the layout.

METAMORPHIC_LAYOUTS = ("etdz", "jincheng", "cells", "spaced", "cell-lines", "pipe", "docx", "xlsx")
"""The three corpus layouts, space-separated rows under one header row, one cell per line behind a TAB,
``|`` cells, and the cell-per-line table as .docx and .xlsx cells (read through auditor.read)."""


@attrs.frozen
class PrintedIndicator:
    """One indicator row as printed: every figure a string, the actual with its unit (``14段``, ``98%``)."""

    level1: str
    level2: str
    name: str
    explanation: str
    weight: str
    operator: str | None  # None: a word target (定性)
    target: str
    unit: str
    actual: str
    status: str
    score: str


@attrs.frozen
class PrintedTable:
    """A table's strings: money to two decimals, the rate and the scores as computed and rounded, the weights as assigned."""

    name: str
    initial: str
    budget: str
    executed: str
    balance: str
    rate: str  # without the % sign
    exec_weight: str
    exec_score: str
    total: str
    grade: str
    indicators: tuple[PrintedIndicator, ...]


def _text(value: Decimal, places: int, strip: bool = True) -> str:
    shown, kept = rounded(value, places, strip)
    return f"{shown:.{kept}f}"


def printed_table(project: Project) -> PrintedTable:
    """The strings every layout prints for ``project`` (drawn with an execution weight of 10, which jincheng does not print)."""
    rows = []
    for i in project.indicators:
        if i.operator is None:
            rows.append(PrintedIndicator(i.level1, i.level2, i.name, i.explanation, _text(i.weight, 0), None, i.target_text, "",
                                         i.actual_text, i.status, _text(i.score, 2)))
            continue
        places = 2 if i.unit == "万元" else 0
        rows.append(PrintedIndicator(i.level1, i.level2, i.name, i.explanation, _text(i.weight, 0), i.operator, _text(i.target, 2), i.unit,
                                     _text(i.actual, places) + i.unit, i.status, _text(i.score, 2)))
    return PrintedTable(project.name, _text(project.initial, 2, False), _text(project.budget, 2, False), _text(project.executed, 2, False),
                        _text(project.budget - project.executed, 2, False), _text(project.rate, 2, False), _text(project.exec_weight, 0),
                        _text(project.exec_score, 2, False), _text(project.total, 2, False), project.grade, tuple(rows))


def _metamorphic_etdz(t: PrintedTable) -> str:
    rows = [["一、基本情况", "项目名称", t.name, "", "项目级次", "本级", "实施主管单位", "434001-秦皇岛经济技术开发区管理委员会办公室", "", "金额单位", "万元", ""],
            ["二、预算执行情况", "预算安排情况(调整后)", "", "资金到位情况", "", "", "资金执行情况", "", "", "预算执行进度(%)", "", ""],
            ["", "预算数", t.budget, "到位数", t.budget, "", "执行数", t.executed, "", t.rate, "", ""],
            ["三、目标完成情况", "年度预期目标", "", "", "", "具体完成情况", "", "", "", "总体完成率(%)", "", ""],
            ["", "完成年初设定的各项绩效目标", "", "", "", "完成了年初设定的各项绩效目标", "", "", "", "100.00", "", ""],
            ["四、年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标说明", "指标分值", "预期指标值", "", "", "单项指标实际完成值",
             "单项指标完成情况", "自评得分"],
            ["", "", "", "", "", "", "符号", "值", "单位(文字描述)", "", "", ""]]
    level1 = ""
    for i in t.indicators:
        shown, level1 = ("" if i.level1 == level1 else i.level1), i.level1
        target = [i.operator, i.target, "百分比" if i.unit == "%" else i.unit] if i.operator else ["", "文字描述", i.target]
        rows.append(["", shown, i.level2, i.name, i.explanation, i.weight, *target, i.actual, i.status, i.score])
    rows += [["", "预算执行率", "预算执行率", "", "", t.exec_weight, "", "", "", "", "", t.exec_score],
             ["自评总分", t.total, *[""] * 10],
             ["五、存在问题原因及整改措施", "无", *[""] * 10]]
    return "2023年度预算项目绩效自评表\n\n" + "".join("\t".join(row) + "\n" for row in rows) + "\n"


def _metamorphic_jincheng(t: PrintedTable) -> str:
    rows = [["项目名称", "", t.name, *[""] * 9],
            ["项目资金预算安排及执行进度(万元)", "年初预算数", "", "", "全年预算数", "全年执行数", "资金结(转)余", "执行率", "得分", "偏差原因", "", ""],
            ["", "目标申报数", "预算编制数", *[""] * 9],
            ["", "资金总额:", t.initial, t.initial, t.budget, t.executed, t.balance, t.rate, t.exec_score, "", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "定性值情况说明", "分值", "得分",
             "偏差原因分析及改进措施", ""]]
    level1 = ""
    for i in t.indicators:
        shown, level1 = ("" if i.level1 == level1 else i.level1), i.level1
        values = [f"{i.operator}{i.unit}", f"{i.operator}{i.target}{i.unit}", i.actual] if i.operator else ["", i.target, i.actual]
        rows.append(["", shown, i.level2.removesuffix("指标"), i.name, *values, "", i.weight, i.score, "", ""])
    rows.append(["总分", *[""] * 8, t.total, t.grade, ""])
    return f"{t.name}项目支出绩效自评表 (2023年度)\n\n" + "".join("\t".join(row) + "\n" for row in rows) + "\n"


def _metamorphic_cells(t: PrintedTable, rng: random.Random) -> str:
    """One cell per line, narrow cells wrapped at random widths and figures broken across lines, as a PDF extraction."""
    r = Rendered()
    out = _CellLines(rng, r, rng.choice(("\n\n", "\n")))

    def figure(text: str, *before: str) -> None:
        out.broken(Decimal(text), len(text.partition(".")[2]), "metamorphic", *before, strip=False)

    out.line("2023 年度市级项目支出绩效自评表")
    out.line("填报单位（盖章）：秦皇岛市环境应急与重污染天气预警中心 金额单位：万元")
    out.label("一、基本情/况")
    out.label("项目名/称", "项目/名称")
    out.wrapped(t.name, rng.choice((6, 8, 10)))
    out.label("项目级次 本级实施主管单/位")
    out.label("二、预算执/行情况")
    out.label("预算安排情况(调/整后)")
    out.label("资金到位情况 资金执行情况 预算执行进度/(%)")
    figure(t.budget, "预算数 ")
    out.line(f"到位数 {t.budget}执行数 {t.executed} {t.rate}")
    _cells_indicator_header(out)
    level1 = ""
    for i in t.indicators:
        if i.level1 != level1:
            out.wrapped(i.level1, 3)
            level1 = i.level1
        out.line(f"{i.level2} {i.name[:3]}")
        out.wrapped(i.name[3:], 3)
        out.wrapped(i.explanation, 7)
        figure(i.weight + ".00")
        if i.operator is None:
            out.label("文字/描述")
            out.wrapped(i.target, 3)
            out.line(f"{i.actual} {i.status} {i.score}")
        else:
            out.line(f"{i.operator} {i.target} {i.unit} {i.actual} {i.status} {i.score}")
    out.label("预算执/行率")
    out.label("预算执行/率")
    figure(t.exec_score, f"{t.exec_weight} ")
    out.label("自评总/分")
    out.line(t.total)
    out.label("五、存在问/题/原因及整改/措施")
    return r.text


def _cell_rows(t: PrintedTable) -> list[list[str]]:
    """The rows of the table that names its columns 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 指标性质 / 度量单位 / 完成值."""
    rows = [["项目名称", f"51090023T000000112233-{t.name}"],
            ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
            ["", "总额", t.initial, t.budget, t.executed, f"{t.rate}%", t.exec_weight, t.exec_score, ""],
            ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"]]
    for i in t.indicators:
        rows.append(["", i.level1, i.level2, i.name, i.operator or "定性", i.target, i.unit, i.actual, i.weight, i.score, ""])
    rows.append(["合计", "100", t.total])
    rows.append(["评价结论", f"该项目全年预算{t.budget}万元，实际支出{t.executed}万元，自评得分{t.total}分，评价等级为{t.grade}。"])
    return rows


def _metamorphic_spaced(t: PrintedTable) -> str:
    lines = [" 项 目 支 出 绩 效 自 评 表", "(2023 年度)", f"项目名称 {t.name}", "年初预算数 全年预算数 全年执行数 分值 执行率 得分",
             f"年度资金总额 {t.initial} {t.budget} {t.executed} {t.exec_weight} {t.rate}% {t.exec_score} 分",
             "一级指标 二级指标 三级指标 指标值 完成值 分值 得分"]
    for i in t.indicators:
        target = f"{i.operator}{i.target}{i.unit}" if i.operator else i.target
        lines.append(f"{i.level1} {i.level2} {i.name} {target} {i.actual} {i.weight} {i.score}")
    lines += [f"总分 100 {t.total} 分", "— 3 —"]
    return "\n".join(lines) + "\n"


def metamorphic_text(t: PrintedTable, layout: str, rng: random.Random) -> str:
    """The table ``t`` printed as text in ``layout`` (all but docx and xlsx, which :func:`write_metamorphic` writes)."""
    if layout == "etdz":
        return _metamorphic_etdz(t)
    if layout == "jincheng":
        return _metamorphic_jincheng(t)
    if layout == "cells":
        return _metamorphic_cells(t, rng)
    if layout == "spaced":
        return _metamorphic_spaced(t)
    rows = _cell_rows(t)
    if layout == "pipe":
        return "项目支出绩效自评表\n" + "".join("|".join(row) + "\n" for row in rows)
    if layout == "cell-lines":
        return "".join("".join(f"\t{cell or ' '}\n" for cell in row) + "\n" for row in rows)
    raise ValueError(layout)


def write_metamorphic(t: PrintedTable, layout: str, path) -> None:
    """The table ``t`` as a .docx table (``layout`` docx) or a .xlsx sheet (xlsx), figures as numbers formatted as printed."""
    rows = _cell_rows(t)
    if layout == "docx":
        import docx

        document = docx.Document()
        document.add_paragraph("项目支出绩效自评表")
        width = max(len(row) for row in rows)
        table = document.add_table(rows=0, cols=width)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=False):
                cell.text = text
        document.save(path)
        return
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效自评表"
    sheet.cell(row=1, column=1, value="项目支出绩效自评表")
    for r, row in enumerate(rows, start=2):
        for c, text in enumerate(row, start=1):
            if text:
                _xlsx_field(sheet.cell(row=r, column=c), text)
    workbook.save(path)


def _xlsx_field(cell, text: str) -> None:
    """A figure as a number formatted as printed (``36.50`` as 36.5 with format 0.00), anything else as text."""
    if re.fullmatch(r"\d+(\.\d+)?", text):
        places = len(text.partition(".")[2])
        cell.value = Decimal(text)
        cell.number_format = "0." + "0" * places if places else "0"
    else:
        cell.value = text
