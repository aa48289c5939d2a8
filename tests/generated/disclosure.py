"""A consistent 部门决算公开 drawn at random: the nine standard tables and the prose of 第三部分.

How a document is drawn (docs/domain.md §2, §3, §5):

1. **True figures first**, as the accounts hold them: every function subject (项) gets its
   一般公共预算 basic and project spending, and perhaps 政府性基金 money, money from a
   non-fiscal source (事业收入 …) and a carry-over; the 一般公共预算 basic spending is split
   into economic items (公开06表). Amounts are whole 元 and fen (six decimals of 万元), or in
   some documents whole hundreds of 元 (so that every printed sum is exact).
2. **Every table cell is rounded from the true figure it stands for**, half up to two
   decimals of 万元, as the accounts software prints each cell: a total is the rounding of
   the true sum, so it lies within n half-units of its n rounded parts, never further (§5).
3. **The prose copies the printed table figures** and computes shares, growth and budget
   rates from the printed figures or from the true ones (offices do both); either way the
   printed rate lies inside the interval the printed figures imply, so the document is
   consistent. Figures only the prose states (last year's totals, budgets, procurement,
   vehicles) are drawn as printed figures.

Every printed figure is recorded through :meth:`Rendered.figure` with a kind:

* ``table.cell`` — a money cell of 公开01–09表 that a table identity covers;
* ``table.cell.breakdown`` — 公开04表's 年初财政拨款结转和结余 broken down by fund, which no
  identity of the auditor covers yet;
* ``prose.amount``, ``prose.share``, ``prose.growth``, ``prose.change``, ``prose.budget-rate``,
  ``prose.budget-diff``, ``prose.diff-rate``, ``prose.count`` — a prose figure in a relation
  the auditor checks: it restates a table cell, is a part or the total of a complete list, or
  the subject, change or rate of a comparison with last year or the budget;
* ``*.lone`` (``prose.amount.lone``, ``prose.count.lone``, ``prose.change.lone``,
  ``prose.share.lone``) — nothing pins it down: stated once (团组 and 批次 counts, 公务用车保有量,
  the 100 万元 threshold), a change with no rate, an amount bound only by a share too coarse to
  move (``授予中小企业合同金额 0.00 万元，占 0.0%`` of 341.15 万元), a share of a sum too small
  for its rounding (0.0 % of 1.10 万元), or a count only bounded by its whole (ranks and degrees);
* ``prose.amount.restated`` — the same money said again in other words
  (``发生“公务用车购置”经费支出 0.00 万元``): a reader compares them, the auditor does not.

The relations are drawn well conditioned so that every figure of a checked kind changed by a
tenth (and at least 5 units of its last place, 30 for a table cell) breaks one: amounts of at
least 1 万元 where a rate is computed, growth of at least 5 % and declines of at most 40 %,
budget differences stated only when at least 3 % of the budget; where a relation would be too
blunt, the rate is left out or the figure is marked lone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from .model import Rendered

ZERO = Decimal(0)
CENT = Decimal("0.01")
FEN = 1_000_000  # fen (0.01 元) in one 万元: true amounts are whole fen
HUNDRED = Decimal(100)

# --- Catalogues ----------------------------------------------------------------------------

# 公开01表 and 公开04表 print every class on a fixed numbered line.
CLASS_LINES = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"), ("205", "教育支出"),
    ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
    ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"), ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"), ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"), ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
)
CLASS_NAMES = dict(CLASS_LINES)

# 款 and 项 of the function classification: code → name. A 项 marked B carries basic
# spending (行政运行, 事业运行, pensions, medical insurance …), P project spending.
SUBJECTS = {
    "20101": "人大事务", "2010101": ("行政运行", "B"), "2010102": ("一般行政管理事务", "P"), "2010108": ("代表工作", "P"),
    "20103": "政府办公厅（室）及相关机构事务", "2010301": ("行政运行", "B"), "2010302": ("一般行政管理事务", "P"),
    "2010350": ("事业运行", "B"), "2010399": ("其他政府办公厅（室）及相关机构事务支出", "P"),
    "20113": "商贸事务", "2011308": ("招商引资", "P"),
    "20604": "技术研究与开发", "2060499": ("其他技术研究与开发支出", "P"),
    "20805": "行政事业单位养老支出", "2080501": ("行政单位离退休", "B"), "2080502": ("事业单位离退休", "B"),
    "2080505": ("机关事业单位基本养老保险缴费支出", "B"), "2080506": ("机关事业单位职业年金缴费支出", "B"),
    "20808": "抚恤", "2080801": ("死亡抚恤", "B"),
    "21011": "行政事业单位医疗", "2101101": ("行政单位医疗", "B"), "2101102": ("事业单位医疗", "B"),
    "2101103": ("公务员医疗补助", "B"),
    "21101": "环境保护管理事务", "2110101": ("行政运行", "B"), "2110102": ("一般行政管理事务", "P"),
    "2110104": ("生态环境保护宣传", "P"), "2110199": ("其他环境保护管理事务支出", "P"),
    "21103": "污染防治", "2110301": ("大气", "P"), "2110302": ("水体", "P"),
    "21201": "城乡社区管理事务", "2120101": ("行政运行", "B"), "2120104": ("城管执法", "P"),
    "2120199": ("其他城乡社区管理事务支出", "P"),
    "21208": "国有土地使用权出让收入安排的支出", "2120899": ("其他国有土地使用权出让收入安排的支出", "P"),
    "21301": "农业农村", "2130101": ("行政运行", "B"), "2130104": ("事业运行", "B"), "2130108": ("病虫害控制", "P"),
    "2130199": ("其他农业农村支出", "P"),
    "21303": "水利", "2130301": ("行政运行", "B"), "2130305": ("水利工程建设", "P"),
    "22102": "住房改革支出", "2210201": ("住房公积金", "B"), "2210203": ("购房补贴", "B"),
    "22401": "应急管理事务", "2240101": ("行政运行", "B"), "2240102": ("一般行政管理事务", "P"),
    "2240106": ("安全监管", "P"), "2240150": ("事业运行", "B"), "2240199": ("其他应急管理支出", "P"),
    "22960": "彩票公益金安排的支出", "2296002": ("用于社会福利的彩票公益金支出", "P"),
}

# The unit's own function: (class, its 项 of basic and project spending, unit names).
FUNCTIONS = (
    ("201", ("2010301", "2010350", "2010302", "2010399", "2011308", "2010101", "2010102", "2010108"),
     ("人民政府办公室", "经济技术开发区管理委员会办公室", "人大常委会办公室")),
    ("211", ("2110101", "2110102", "2110104", "2110199", "2110301", "2110302"), ("生态环境局", "生态环境监控中心")),
    ("212", ("2120101", "2120104", "2120199"), ("城市管理综合行政执法局",)),
    ("213", ("2130101", "2130104", "2130108", "2130199", "2130301", "2130305"), ("农业农村局", "水务局")),
    ("224", ("2240101", "2240150", "2240102", "2240106", "2240199"), ("应急管理局", "应急救援指挥中心")),
)
PERSONNEL_SUBJECTS = ("2080501", "2080502", "2080505", "2080506", "2080801", "2101101", "2101102", "2101103", "2210201", "2210203")
SIDE_PROJECTS = ("2060499",)  # a research grant outside the unit's own class, the first one drawn
FUND_SUBJECTS = ("2296002", "2120899")  # 政府性基金预算 money
CITIES = ("秦皇岛市", "晋城市", "保定市", "唐山市", "邯郸市", "沧州市", "承德市")
OTHER_SOURCES = ("上级补助收入", "事业收入", "附属单位上缴收入", "其他收入")
INCOME_SOURCES = ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
SPENDING_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")

# 公开06表: economic subjects, printed as a fixed template in three column groups.
ECONOMIC = {
    "301": ("工资福利支出", (("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"),
                          ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
                          ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"),
                          ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出"))),
    "303": ("对个人和家庭的补助", (("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"), ("30304", "抚恤金"),
                              ("30305", "生活补助"), ("30306", "救济费"), ("30307", "医疗费补助"), ("30308", "助学金"),
                              ("30309", "奖励金"), ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"),
                              ("30399", "其他对个人和家庭的补助"))),
    "302": ("商品和服务支出", (("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"), ("30205", "水费"),
                           ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"), ("30209", "物业管理费"), ("30211", "差旅费"),
                           ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30214", "租赁费"), ("30215", "会议费"),
                           ("30216", "培训费"), ("30217", "公务接待费"), ("30218", "专用材料费"), ("30224", "被装购置费"),
                           ("30225", "专用燃料费"), ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"),
                           ("30229", "福利费"), ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"), ("30240", "税金及附加费用"),
                           ("30299", "其他商品和服务支出"))),
    "307": ("债务利息及费用支出", (("30701", "国内债务付息"), ("30702", "国外债务付息"))),
    "310": ("资本性支出", (("31001", "房屋建筑物购建"), ("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31005", "基础设施建设"),
                        ("31006", "大型修缮"), ("31007", "信息网络及软件购置更新"), ("31008", "物资储备"), ("31009", "土地补偿"),
                        ("31010", "安置补助"), ("31011", "地上附着物和青苗补偿"), ("31012", "拆迁补偿"), ("31013", "公务用车购置"),
                        ("31019", "其他交通工具购置"), ("31021", "文物和陈列品购置"), ("31022", "无形资产购置"), ("31099", "其他资本性支出"))),
    "312": ("对企业补助", (("31201", "资本金注入"), ("31203", "政府投资基金股权投资"), ("31204", "费用补贴"), ("31205", "利息补贴"),
                        ("31299", "其他对企业补助"))),
    "399": ("其他支出", (("39907", "国家赔偿费用支出"), ("39908", "对民间非营利组织和群众性自治组织补贴"), ("39909", "经常性赠与"),
                       ("39910", "资本性赠与"), ("39999", "其他支出"))),
}
PERSONNEL_GROUPS = ("301", "303")
PUBLIC_GROUPS = ("302", "307", "310", "312", "399")
# Items that carry money in a typical unit (the others stay empty).
PERSONNEL_ITEMS = ("30101", "30102", "30103", "30107", "30108", "30109", "30110", "30111", "30112", "30113", "30199", "30302", "30304",
                   "30305", "30309")
PUBLIC_ITEMS = ("30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30215", "30216", "30217", "30226", "30228",
                "30229", "30231", "30239", "30299", "31002", "31007")

VEHICLE_KINDS = ("副部（省）级及以上领导用车", "主要负责人用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车",
                 "离退休干部用车", "其他用车")
REASONS_UP = ("项目数量增加，项目支出增加", "人员调资、清算养老保险及职业年金", "新增专项工作任务", "年中追加项目资金")
REASONS_DOWN = ("严格落实过紧日子要求，压减一般性支出", "部分项目已于上年完成", "人员退休及调出，人员经费减少")
REASONS_BUDGET = ("年中财政压减年初预算资金", "年中追加专项资金", "部分项目资金未支付")


def _round(value: Decimal, places: int = 2) -> Decimal:
    """Half up, as offices and their spreadsheets round for display."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _cn(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _fmt(value: Decimal, places: int, separators: bool) -> str:
    return f"{value:,.{places}f}" if separators else f"{value:.{places}f}"


# --- True figures ------------------------------------------------------------------------


@attrs.define
class Leaf:
    """One 项 of the function classification and the true money on it, in fen."""

    code: str
    basic: int = 0  # 一般公共预算 基本支出
    project: int = 0  # 一般公共预算 项目支出
    fund: int = 0  # 政府性基金预算 项目支出
    other: int = 0  # spent from the non-fiscal source
    other_basic: bool = True  # … as 基本支出 (else 项目支出)
    carry: int = 0  # 一般公共预算 received but not spent this year (年末 − 年初 结转和结余)

    @property
    def name(self) -> str:
        return SUBJECTS[self.code][0]

    @property
    def gpb(self) -> int:
        return self.basic + self.project

    @property
    def gpb_income(self) -> int:
        return self.gpb + self.carry

    @property
    def spending(self) -> int:
        return self.gpb + self.fund + self.other

    @property
    def income(self) -> int:
        return self.gpb_income + self.fund + self.other


@attrs.define
class Figures:
    """Everything true about one unit's year, before anything is printed."""

    year: int
    unit_name: str
    unit_word: str  # 本部门 / 本单位
    leaves: list[Leaf]
    other_source: str
    economic: dict[str, int]  # 公开06表 item code → fen
    carry_start: int  # 年初结转和结余 (all 一般公共预算), fen
    sangong: dict[str, tuple[int, int]]  # 因公出国 / 购置 / 运行 / 接待 → (预算数, 决算数) in fen

    def total(self, attr: str) -> int:
        return sum(getattr(leaf, attr) for leaf in self.leaves)

    @property
    def carry_end(self) -> int:
        return self.carry_start + self.total("carry")


def _log_uniform(rng: random.Random, lo: Decimal, hi: Decimal) -> Decimal:
    return lo * (hi / lo) ** (Decimal(rng.randint(0, 1000)) / 1000)


def _amount(rng: random.Random, lo: Decimal | int | str, hi: Decimal | int | str, grid: int) -> int:
    """A log-uniform amount between lo and hi 万元, in fen, a multiple of grid."""
    wan = _log_uniform(rng, Decimal(lo), Decimal(hi))
    return max(grid, int(wan * FEN / grid) * grid)


def _split(rng: random.Random, total: int, parts: int, grid: int) -> list[int]:
    """Split total fen into parts, each at least 1 万元 / 100 (so no part prints as 0.00) and a multiple of grid."""
    floor = max(grid, FEN // 100)
    if parts <= 1 or total < parts * floor * 2:
        return [total]
    weights = [rng.randint(50, 1050) for _ in range(parts)]
    spare = total - parts * floor
    shares = [floor + spare * w // sum(weights) // grid * grid for w in weights]
    shares[shares.index(max(shares))] += total - sum(shares)
    return shares


def draw_figures(rng: random.Random, projects: int | None = None) -> Figures:
    """The true year of one unit. ``projects``: how many subjects carry project spending."""
    year = rng.randint(2019, 2024)
    _, own, names = rng.choice(FUNCTIONS)
    grid = rng.choice((1, 1, 1, 10_000))  # fen, or whole hundreds of 元
    unit_name = rng.choice(CITIES) + rng.choice(names)
    unit_word = "本单位" if unit_name.endswith("中心") else rng.choice(("本部门", "本单位"))
    scale = _log_uniform(rng, Decimal(1), Decimal(20))  # a small unit or a twentyfold one
    basic_own = [c for c in own if SUBJECTS[c][1] == "B"]
    project_own = [c for c in own if SUBJECTS[c][1] == "P"]
    if projects is None:
        projects = rng.randint(1, len(project_own) + 1)
    leaves: dict[str, Leaf] = {}
    for code in rng.sample(basic_own, rng.randint(1, len(basic_own))):
        leaves[code] = Leaf(code, basic=_amount(rng, 50 * scale, 600 * scale, grid))
    own_basic = sum(leaf.basic for leaf in leaves.values())
    for code in rng.sample(PERSONNEL_SUBJECTS, rng.randint(3, 7)):  # pensions, medical insurance …: a few % each
        leaves[code] = Leaf(code, basic=max(grid, own_basic * rng.randint(10, 120) // 1000 // grid * grid))
    # The unit's own project subjects first, then grants in other classes; beyond those, more money on the same.
    others = [c for c in SUBJECTS if len(c) == 7 and SUBJECTS[c][1] == "P" and c not in own and c not in FUND_SUBJECTS]
    pool = project_own + list(SIDE_PROJECTS) + rng.sample(others, len(others))
    for i in range(projects):
        code = pool[i % len(pool)]
        leaf = leaves.setdefault(code, Leaf(code))
        leaf.project += _amount(rng, 2 * scale, 400 * scale, grid)
    if rng.random() < 0.3:  # some 政府性基金 money: 公开07表 is not empty
        code = rng.choice(FUND_SUBJECTS)
        leaves.setdefault(code, Leaf(code)).fund = _amount(rng, 5 * scale, 200 * scale, grid)
    other_source = rng.choice(OTHER_SOURCES)
    if rng.random() < 0.3:  # money from a non-fiscal source
        for code in rng.sample(sorted(leaves), rng.randint(1, 2)):
            leaves[code].other = _amount(rng, 1 * scale, 80 * scale, grid)
            leaves[code].other_basic = rng.random() < 0.5
    carry_start = 0
    if rng.random() < 0.35:  # carry-over: project money received in one year and spent in another
        carry_start = _amount(rng, 1 * scale, 100 * scale, grid) if rng.random() < 0.6 else 0
        unspent = carry_start
        for leaf in leaves.values():
            if leaf.project and rng.random() < 0.6:
                if rng.random() < 0.5:
                    leaf.carry = _amount(rng, scale / 2, 50 * scale, grid)
                elif unspent and leaf.gpb >= 2 * unspent:  # spends last year's carry-over: income below spending
                    leaf.carry, unspent = -unspent, 0
    ordered = [leaves[code] for code in sorted(leaves)]
    gpb_basic = sum(leaf.basic for leaf in ordered)
    personnel_total = gpb_basic * rng.randint(78, 95) // 100 // grid * grid
    items_p = rng.sample(PERSONNEL_ITEMS, rng.randint(4, 12))
    items_u = rng.sample(PUBLIC_ITEMS, rng.randint(3, 12))
    economic = dict(zip(items_p, _split(rng, personnel_total, len(items_p), grid), strict=False))
    economic.update(zip(items_u, _split(rng, gpb_basic - personnel_total, len(items_u), grid), strict=False))
    sangong = {}
    for item, chance, lo, hi in (("出国", 0.3, 1, 30), ("购置", 0.15, 10, 40), ("运行", 0.85, 1, 30), ("接待", 0.6, "0.5", 8)):
        actual = _amount(rng, lo, hi, max(grid, 100)) if rng.random() < chance else 0
        extra = _amount(rng, Decimal(lo) / 5, Decimal(hi) / 3, max(grid, 100)) if actual and rng.random() < 0.5 else 0
        sangong[item] = (actual + extra, actual)
    if not any(actual for _, actual in sangong.values()):
        sangong["运行"] = (_amount(rng, 1, 20, max(grid, 100)),) * 2
    return Figures(year, unit_name, unit_word, ordered, other_source, economic, carry_start, sangong)


# --- How it is printed ----------------------------------------------------------------------


@attrs.frozen
class Style:
    """One office's habits, fixed for a whole document."""

    ascii_punct: bool  # ，；：（） typed as ASCII
    percent: str  # % or ％
    space_number: float  # chance of spaces around a figure (``774.37 万元``)
    space_year: bool  # ``2023 年度`` rather than ``2023年度``
    separators_tables: bool  # ``1,920.38`` in the tables
    separators_prose: float  # chance of ``1,920.38`` in the prose
    share_places: int  # decimals of shares and growth rates
    rate_places: int  # decimals of budget execution rates
    share_word: str  # 占 / 占比 / 占比为
    zeros_in_tables: bool  # a zero cell printed 0.00 rather than left empty
    wrap: tuple[int, int] | None  # width range of hard-wrapped prose lines
    wrap_blank: bool  # a blank line between wrapped lines, as PDF extractions give
    wrap_in_numbers: bool  # a wrap may fall between two digits of a figure (``9.4269`` / ``2``)
    footers: float  # chance of a page footer (``— 7 —``) at a wrap
    # Phrasings of other provinces (docs/domain.md §3), drawn after the habits above so those stay as they were:
    traditional: bool = False  # 預算, 決算數, 萬元 … in the prose
    comparison_first: bool = False  # ``本年收入合计与上年相比，增加 X 万元``: the subject before the comparison
    direction_amount: bool = False  # ``决算数大于预算数 D 万元`` for ``比年初预算增加 D 万元``
    base_in_words: bool = False  # ``占总支出的 P%`` in 三、支出决算
    # … and the readings of issue 21:
    pinyin: bool = False  # 预(yù)算, 决(jué)算, 总(zǒng)计, as a mirror site prints them (a web page: never hard-wrapped)
    sangong_shares: str = ""  # the 三公 items' shares, adding up to 100 %: "each" (…，占 p%；…) or "respectively" (分别占 p%、q%、r%)
    item_budgets_apart: bool = False  # the 三公 items' budgets in the overview, their completion rates in the item paragraphs
    narrative: bool = False  # 在职/退休 in brackets, a mixed staff list, quarters closed by 共计, a 预算执行率 in a narrative
    note_restates: bool = False  # the 三公 table's note restates 公务接待费's budget

    def punct(self, text: str) -> str:
        text = text.translate(_ASCII_PUNCT) if self.ascii_punct else text
        text = text.translate(_TRADITIONAL) if self.traditional else text
        return _PINYIN.sub(lambda m: m.group() + _PINYIN_OF[m.group()], text) if self.pinyin else text


_ASCII_PUNCT = str.maketrans("，；：（）", ",;:()")
_TRADITIONAL = str.maketrans("预万决数总计费为较与", "預萬決數總計費為較與")
_PINYIN_OF = {"预": "(yù)", "預": "(yù)", "决": "(jué)", "決": "(jué)", "总": "(zǒng)", "總": "(zǒng)"}
_PINYIN = re.compile(f"[{''.join(_PINYIN_OF)}]")


def draw_style(rng: random.Random) -> Style:
    wrapped = rng.random() < 0.7
    return Style(
        ascii_punct=rng.random() < 0.15,
        percent=rng.choice(("%", "%", "％")),
        space_number=rng.choice((0.0, 0.0, 0.5, 1.0)),
        space_year=rng.random() < 0.4,
        separators_tables=rng.random() < 0.6,
        separators_prose=rng.choice((0.0, 0.0, 0.3, 1.0)),
        share_places=rng.choice((1, 1, 2)),
        rate_places=rng.choice((1, 1, 2)),
        share_word=rng.choice(("占", "占", "占比", "占比为")),
        zeros_in_tables=rng.random() < 0.2,
        wrap=(lambda lo: (lo, lo + rng.randint(0, 12)))(rng.randint(18, 34)) if wrapped else None,
        wrap_blank=rng.random() < 0.6,
        wrap_in_numbers=rng.random() < 0.5,
        footers=rng.choice((0.0, 0.0, 0.03)),
        traditional=rng.random() < 0.15,
        comparison_first=rng.random() < 0.3,
        direction_amount=rng.random() < 0.3,
        base_in_words=rng.random() < 0.3,
        pinyin=rng.random() < 0.25 and not wrapped,  # a mirror site's page, not a PDF's hard-wrapped text
        sangong_shares=rng.choice(("", "", "each", "respectively")),
        item_budgets_apart=rng.random() < 0.3,
        narrative=rng.random() < 0.4,
        note_restates=rng.random() < 0.3,
    )


def wan(fen: int) -> Decimal:
    """True fen as exact 万元."""
    return Decimal(fen) / FEN


def printed(fen: int) -> Decimal:
    """What a table prints for a true amount: 万元, two decimals, half up."""
    return _round(wan(fen))


# --- The nine tables -----------------------------------------------------------------------


@attrs.define
class _Grid:
    """Writes TAB rows; an int cell is true money in fen, printed rounded (a zero left empty)."""

    out: Rendered
    style: Style

    def row(self, *cells: str | int, kind: str = "table.cell") -> None:
        for i, cell in enumerate(cells):
            if i:
                self.out.add("\t")
            if isinstance(cell, str):
                self.out.add(cell)
                continue
            value = printed(cell)
            if value or self.style.zeros_in_tables:
                self.out.figure(value, 2, kind, _fmt(value, 2, self.style.separators_tables))
        self.out.add("\n")


def _head(out: Rendered, rng: random.Random, fig: Figures, title: str, number: str) -> None:
    """Title, unit, year, 公开NN表 and 金额单位 above a table, in one of the orders the corpus shows."""
    unit = f"{'部门' if fig.unit_word == '本部门' else '单位'}：{fig.unit_name}"
    marks = [f"公开{number}表", "金额单位：万元"]
    about = [unit, f"{fig.year}年度"]
    lines = [title, *(about + marks if rng.random() < 0.7 else marks + about)]
    gap = rng.choice(("\n\n", "\n"))
    out.add(gap.join(lines) + "\n\n")


def _note(out: Rendered, text: str) -> None:
    out.add(f"\n注：{text}\n\n")


def _hierarchy(leaves: Iterable[Leaf]) -> list[tuple[str, str, list[Leaf]]]:
    """(code, name, the leaves under it) for every 类, 款 and 项 of these leaves, in code order."""
    leaves = list(leaves)
    rows = []
    for cls in sorted({leaf.code[:3] for leaf in leaves}):
        in_class = [leaf for leaf in leaves if leaf.code.startswith(cls)]
        rows.append((cls, CLASS_NAMES[cls], in_class))
        for kuan in sorted({leaf.code[:5] for leaf in in_class}):
            in_kuan = [leaf for leaf in in_class if leaf.code.startswith(kuan)]
            rows.append((kuan, SUBJECTS[kuan], in_kuan))
            rows.extend((leaf.code, leaf.name, [leaf]) for leaf in in_kuan)
    return rows


def _subject_table(grid: _Grid, fig: Figures, columns: list[Callable[[Leaf], int]], total: str = "合计") -> None:
    """合计 and the subject rows of every leaf with money in one of the columns."""
    kept = [leaf for leaf in fig.leaves if any(column(leaf) for column in columns)]
    grid.row(total, "", *(sum(column(leaf) for leaf in kept) for column in columns))
    for code, name, under in _hierarchy(kept):
        grid.row(code, name, *(sum(column(leaf) for leaf in under) for column in columns))


def _class_totals(fig: Figures, column: Callable[[Leaf], int]) -> list[int]:
    return [sum(column(leaf) for leaf in fig.leaves if leaf.code.startswith(code)) for code, _ in CLASS_LINES]


def _source(fig: Figures, name: str) -> Callable[[Leaf], int]:
    """Income of a leaf from one source (公开02表's columns)."""
    if name == "财政拨款收入":
        return lambda leaf: leaf.gpb_income + leaf.fund
    if name == fig.other_source:
        return lambda leaf: leaf.other
    return lambda leaf: 0


def _kind(name: str) -> Callable[[Leaf], int]:
    """Spending of a leaf of one kind (公开03表's columns)."""
    if name == "基本支出":
        return lambda leaf: leaf.basic + (leaf.other if leaf.other_basic else 0)
    if name == "项目支出":
        return lambda leaf: leaf.project + leaf.fund + (0 if leaf.other_basic else leaf.other)
    return lambda leaf: 0


def table_01(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "收入支出决算总表", "01")
    grid.row("收入", "", "", "支出", "", "")
    grid.row("项目", "行次", "金额", "项目", "行次", "金额")
    grid.row("栏次", "", "1", "栏次", "", "2")
    income = [("一般公共预算财政拨款收入", fig.total("gpb_income")), ("政府性基金预算财政拨款收入", fig.total("fund")),
              ("国有资本经营预算财政拨款收入", 0)] + [(name, fig.total("other") if name == fig.other_source else 0)
                                           for name in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")]
    classes = _class_totals(fig, lambda leaf: leaf.spending)
    for i, ((_, class_name), amount) in enumerate(zip(CLASS_LINES, classes, strict=True)):
        left: tuple[str | int, ...] = (f"{_cn(i + 1)}、{income[i][0]}", str(i + 1), income[i][1]) if i < len(income) else ("", str(i + 1), "")
        grid.row(*left, f"{_cn(i + 1)}、{class_name}", str(i + 32), amount)
    income_total, spending_total = fig.total("income"), fig.total("spending")
    grid.row("本年收入合计", "27", income_total, "本年支出合计", "58", spending_total)
    grid.row("使用非财政拨款结余（含专用结余）", "28", "", "结余分配", "59", "")
    grid.row("年初结转和结余", "29", fig.carry_start, "年末结转和结余", "60", fig.carry_end)
    grid.row("", "30", "", "", "61", "")
    grid.row("总计", "31", income_total + fig.carry_start, "总计", "62", spending_total + fig.carry_end)
    _note(out, "本表反映部门（或单位）本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。")


def table_02(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "收入决算表", "02")
    grid.row("项目", "", "本年收入合计", *INCOME_SOURCES)
    grid.row("功能分类 科目编码", "科目名称", *[""] * 7)
    grid.row("栏次", "", *map(str, range(1, 8)))
    _subject_table(grid, fig, [lambda leaf: leaf.income, *(_source(fig, name) for name in INCOME_SOURCES)])
    _note(out, "本表反映部门（或单位）本年度取得的各项收入情况。")


def table_03(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "支出决算表", "03")
    grid.row("项目", "", "本年支出合计", *SPENDING_KINDS)
    grid.row("功能分类 科目编码", "科目名称", *[""] * 6)
    grid.row("栏次", "", *map(str, range(1, 7)))
    _subject_table(grid, fig, [lambda leaf: leaf.spending, *(_kind(name) for name in SPENDING_KINDS)])
    _note(out, "本表反映部门（或单位）本年度各项支出情况。")


def table_04(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "财政拨款收入支出决算总表", "04")
    grid.row("收 入", "", "", "支 出", "", "", "", "")
    grid.row("项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
    grid.row("栏次", "", "1", "栏次", "", "2", "3", "4", "5")
    income = [("一般公共预算财政拨款", fig.total("gpb_income")), ("政府性基金预算财政拨款", fig.total("fund")), ("国有资本经营预算财政拨款", 0)]
    gpb = _class_totals(fig, lambda leaf: leaf.gpb)
    fund = _class_totals(fig, lambda leaf: leaf.fund)
    for i, (_, class_name) in enumerate(CLASS_LINES):
        left: tuple[str | int, ...] = (f"{_cn(i + 1)}、{income[i][0]}", str(i + 1), income[i][1]) if i < len(income) else ("", str(i + 1), "")
        grid.row(*left, f"{_cn(i + 1)}、{class_name}", str(i + 33), gpb[i] + fund[i], gpb[i], fund[i], "")
    fiscal_income = fig.total("gpb_income") + fig.total("fund")
    spent_gpb, spent_fund = fig.total("gpb"), fig.total("fund")
    grid.row("本年收入合计", "27", fiscal_income, "本年支出合计", "59", spent_gpb + spent_fund, spent_gpb, spent_fund, "")
    grid.row("年初财政拨款结转和结余", "28", fig.carry_start, "年末财政拨款结转和结余", "60", fig.carry_end, fig.carry_end, "", "")
    for i, (name, _) in enumerate(income):  # 年初结转和结余 by fund: no identity covers these rows (KNOWN_FALSE_NEGATIVES)
        grid.row(f"{_cn(i + 1)}、{name}", str(29 + i), fig.carry_start if i == 0 else "", "", str(61 + i), "", "", "", "",
                 kind="table.cell.breakdown")
    # No 总计 row: the auditor has no identity for its income side (KNOWN_FALSE_NEGATIVES), so a wrong 总计 would go unseen.
    _note(out, "本表反映部门（或单位）本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。")


def table_05(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "一般公共预算财政拨款支出决算表", "05")
    grid.row("项目", "", "本年支出", "", "")
    grid.row("功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出")
    grid.row("栏次", "", "1", "2", "3")
    _subject_table(grid, fig, [lambda leaf: leaf.gpb, lambda leaf: leaf.basic, lambda leaf: leaf.project])
    _note(out, "本表反映部门（或单位）本年度一般公共预算财政拨款支出情况。")


def _economic_column(fig: Figures, groups: tuple[str, ...]) -> list[tuple[str, str, int]]:
    rows = []
    for group in groups:
        name, items = ECONOMIC[group]
        rows.append((group, name, sum(fig.economic.get(code, 0) for code, _ in items)))
        rows.extend((code, item, fig.economic.get(code, 0)) for code, item in items)
    return rows


def table_06(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "一般公共预算财政拨款基本支出决算表", "06")
    grid.row("人员经费", "", "", "公用经费", "", "", "", "", "")
    grid.row(*("科目编码", "科目名称", "决算数") * 3)
    columns = [_economic_column(fig, PERSONNEL_GROUPS), _economic_column(fig, ("302",)), _economic_column(fig, PUBLIC_GROUPS[1:])]
    for i in range(max(map(len, columns))):
        cells: list[str | int] = []
        for column in columns:
            cells.extend(column[i] if i < len(column) else ("", "", ""))
        grid.row(*cells)
    personnel = sum(fig.economic.get(code, 0) for group in PERSONNEL_GROUPS for code, _ in ECONOMIC[group][1])
    public = sum(fig.economic.get(code, 0) for group in PUBLIC_GROUPS for code, _ in ECONOMIC[group][1])
    grid.row("人员经费合计", "", personnel, "公用经费合计", "", "", "", "", public)
    _note(out, "本表反映部门（或单位）本年度一般公共预算财政拨款基本支出明细情况。")


def table_07(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "政府性基金预算财政拨款收入支出决算表", "07")
    grid.row("项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余")
    grid.row("功能分类 科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", "")
    grid.row("栏次", "", *map(str, range(1, 7)))
    fund = lambda leaf: leaf.fund  # noqa: E731 - the column as it reads
    _subject_table(grid, fig, [lambda leaf: 0, fund, fund, lambda leaf: 0, fund, lambda leaf: 0])
    empty = "本部门（或单位）本年度无收支及结转结余情况，按要求以空表列示。" if not fig.total("fund") else ""
    _note(out, "本表反映部门（或单位）本年度政府性基金预算财政拨款收入、支出及结转和结余情况。" + empty)


def table_08(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "国有资本经营预算财政拨款支出决算表", "08")
    grid.row("项目", "", "本年支出", "", "")
    grid.row("功能分类 科目编码", "科目名称", "合计", "基本支出", "项目支出")
    grid.row("栏次", "", "1", "2", "3")
    grid.row("合计", "", "", "", "")
    _note(out, "本表反映部门（或单位）本年度国有资本经营预算财政拨款支出情况。本部门（或单位）本年度无相关支出情况，按要求以空表列示。")


def table_09(out: Rendered, rng: random.Random, fig: Figures, style: Style) -> None:
    grid = _Grid(out, style)
    _head(out, rng, fig, "财政拨款“三公”经费支出决算表", "09")
    grid.row("预算数", "", "", "", "", "", "决算数", "", "", "", "", "")
    grid.row(*("合计", "因公出国 (境)费", "公务用车购置及运行费", "", "", "公务接待费") * 2)
    grid.row(*("", "", "小计", "公务用车购置 费", "公务用车运行 费", "") * 2)
    grid.row(*map(str, range(1, 13)))
    cells: list[str | int] = []
    for which in (0, 1):
        abroad, buy, run, host = (fig.sangong[item][which] for item in ("出国", "购置", "运行", "接待"))
        cells += [abroad + buy + run + host, abroad, buy + run, buy, run, host]
    grid.row(*cells)
    _note(out, "本表反映部门本年度“三公”经费支出预决算情况。其中：预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；"
               "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。")
    if style.note_restates:  # the note restates an item's budget, as the prose does (issue 21: the same quantity twice)
        out.parts[-1] = out.parts[-1].rstrip("\n")
        out.length -= 2
        w = _Writer(rng, style).t("本单位公务接待费预算数为").money(printed(fig.sangong["接待"][0])).t("。")
        out.extend(w.out)
        out.add("\n\n")


TABLES = (table_01, table_02, table_03, table_04, table_05, table_06, table_07, table_08, table_09)


# --- The prose of 第三部分 -------------------------------------------------------------------


@attrs.frozen
class M:
    """An amount as it is (``true``) and as the tables print it (``shown``), in 万元."""

    true: Decimal
    shown: Decimal

    @classmethod
    def of(cls, fen: int) -> M:
        return cls(wan(fen), printed(fen))

    @classmethod
    def stated(cls, value: Decimal) -> M:
        """A figure only the prose states (last year's, a budget): its printed value is all there is."""
        return cls(value, value)

    def __add__(self, other: M) -> M:
        """A total as the tables print it: the rounding of the true sum, not the sum of the rounded parts."""
        return M(self.true + other.true, _round(self.true + other.true))


def _ratio(rng: random.Random, part: M, whole: M, places: int) -> Decimal:
    """part ÷ whole in %, computed from the printed figures or from the true ones: offices do both."""
    if rng.random() < 0.5:
        return _round(part.shown / whole.shown * HUNDRED, places)
    return _round(part.true / whole.true * HUNDRED, places)


@attrs.frozen
class Yoy:
    """Against last year: the printed previous figure, the change and, when well conditioned, the rate."""

    previous: Decimal
    change: Decimal  # |current − previous| of the printed figures
    up: bool
    growth: Decimal | None


def _growth(rng: random.Random, current: M, previous: Decimal, places: int) -> Decimal | None:
    """The rate, or None where it would be undefined (a zero base) or too blunt to check (change under 1 万元,
    growth under 5 %, a decline over 40 %)."""
    change = abs(current.shown - previous)
    if previous < 1 or change < 1:
        return None
    base = current.shown if rng.random() < 0.5 else current.true
    rate = _round(abs(base - previous) / previous * HUNDRED, places)
    if rate < 5 or (current.shown < previous and rate > 40):
        return None
    return rate


def _around(rng: random.Random, current: Decimal) -> Decimal:
    """Last year's printed figure, drawn around this year's: now and then the same, else lower (growth of 5 %–120 %)
    or higher (a decline of 5 %–40 %)."""
    if rng.random() < 0.1 or not current:
        return current
    if rng.random() < 0.7:
        return _round(current / (1 + Decimal(rng.randint(50, 1200)) / 1000))
    return _round(current / (1 - Decimal(rng.randint(50, 400)) / 1000))


def _yoy(rng: random.Random, current: M, previous: Decimal, places: int) -> Yoy | None:
    """This year against last year's printed figure: None when equal (与上年持平); the rate only where well conditioned."""
    if previous == current.shown:
        return None
    return Yoy(previous, abs(current.shown - previous), current.shown > previous, _growth(rng, current, previous, places))


@attrs.frozen
class VsBudget:
    """Against the budget: the printed budget, the difference, and the execution rate."""

    budget: Decimal
    diff: Decimal  # |budget − actual|, printed
    over: bool
    rate: Decimal


def _vs_budget(rng: random.Random, actual: M, places: int) -> VsBudget:
    """The budget drawn around the actual figure, at least 3 % away unless equal."""
    if rng.random() < 0.15:
        return VsBudget(actual.shown, ZERO, False, _round(HUNDRED, places))
    permille = rng.choice((rng.randint(800, 970), rng.randint(1030, 1300)))
    budget = _round(actual.shown * 1000 / permille)
    return VsBudget(budget, abs(budget - actual.shown), actual.shown > budget, _ratio(rng, actual, M.stated(budget), places))


def _sharp_difference(actual: Decimal, budget: Decimal, places: int) -> bool:
    """Is a 预决算差异率 near 0 % sharp enough to show a change of 5 units of its last place?
    Only on amounts big enough: 0.0 % on 0.82 万元 stands for anything within ±1.2 %."""
    return min(actual, budget) * 4 > Decimal(10) ** places


@attrs.define
class _Writer:
    """One paragraph: text in the office's punctuation, every figure recorded with its span and kind."""

    rng: random.Random
    style: Style
    out: Rendered = attrs.Factory(Rendered)

    def t(self, text: str) -> _Writer:
        self.out.add(self.style.punct(text))
        return self

    def _space(self) -> str:
        return " " if self.rng.random() < self.style.space_number else ""

    def year(self, year: int, suffix: str = "年度") -> _Writer:
        self.out.add(f"{year}{' ' if self.style.space_year else ''}{suffix}")
        return self

    def money(self, value: Decimal, kind: str = "prose.amount", places: int = 2) -> _Writer:
        separators = self.rng.random() < self.style.separators_prose
        self.out.add(self._space())
        self.out.figure(value, places, kind, _fmt(value, places, separators))
        self.out.add(self._space() + "万元")
        return self

    def pct(self, value: Decimal, places: int, kind: str) -> _Writer:
        self.out.add(self._space())
        self.out.figure(value, places, kind)
        self.out.add(self.style.percent)
        return self

    def count(self, n: int, unit: str, kind: str = "prose.count") -> _Writer:
        space = self._space()
        self.out.add(space)
        self.out.figure(Decimal(n), 0, kind)
        self.out.add(space + unit)
        return self

    def yoy(self, yoy: Yoy | None, places: int, since: str = "比上年") -> _Writer:
        """``比上年增加 X 万元，增长 P%`` / ``减少 … 下降 …`` / ``与上年持平``; a change with no rate is lone."""
        if yoy is None:
            return self.t("与上年持平")
        pick = self.rng.choice
        if since == "比上年":
            since = pick(("比上年", "比上年", "与上年相比", "较上年"))
        self.t(since + (pick(("增加", "增加", "增长")) if yoy.up else pick(("减少", "减少", "下降"))))
        self.money(yoy.change, "prose.change" if yoy.growth is not None else "prose.change.lone")
        if yoy.growth is not None:
            word = pick(("增长", "增长", "上升", "增长率为", "增幅为")) if yoy.up else pick(("下降", "下降", "降低", "降幅为"))
            bracket = self.rng.random() < 0.2
            self.t(("（" if bracket else "，") + word)
            self.pct(yoy.growth, places, "prose.growth")
            if bracket:
                self.t("）")
        return self


_NO_LINE_START = frozenset("\n，。；：、）％,.;:)%")  # typesetting keeps these at the end of a line
_HEADING_LIKE = re.compile(r"\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}\s*(?:、|[.．](?!\d))|注)")


def _wrap(paragraph: Rendered, rng: random.Random, style: Style, pages: list[int]) -> Rendered:
    """Hard-wrap a paragraph as a PDF extraction does, perhaps inside a figure; figure spans follow their digits."""
    if style.wrap is None:
        return paragraph
    text, figures = paragraph.text, paragraph.figures

    def allowed(q: int) -> bool:
        if _HEADING_LIKE.match(text, q) or text[q - 1] == "\n" or text[q] in _NO_LINE_START:
            return False  # a wrapped line must not read as a heading, nor start with closing punctuation
        inside = next((f for f in figures if f.start < q < f.end), None)
        return inside is None or style.wrap_in_numbers and text[q - 1].isdigit() and text[q].isdigit()

    breaks: dict[int, str] = {}
    pos = 0
    while True:
        line_start, target = pos, pos + rng.randint(*style.wrap)
        if target >= len(text) - 2:
            break
        pos = target
        for q in sorted(range(target - 6, target + 7), key=lambda q: abs(q - target)):
            if line_start + 4 < q < len(text) - 1 and allowed(q):
                newline = "\n\n" if style.wrap_blank else "\n"
                if rng.random() < style.footers and not any(f.start < q < f.end for f in figures):
                    pages[0] += 1
                    newline = f"\n\n— {pages[0]} —\n\n"
                breaks[q] = newline + (" " if rng.random() < 0.05 else "")
                pos = q
                break
    pieces, last = [], 0
    for q in sorted(breaks):
        pieces += [text[last:q], breaks[q]]
        last = q
    pieces.append(text[last:])
    moved = [
        attrs.evolve(
            f,
            start=f.start + sum(len(s) for q, s in breaks.items() if q <= f.start),
            end=f.end + sum(len(s) for q, s in breaks.items() if q < f.end),
        )
        for f in figures
    ]
    wrapped = "".join(pieces)
    return Rendered(parts=[wrapped], figures=moved, length=len(wrapped))


def last_year(rng: random.Random, fig: Figures) -> dict[str, Decimal]:
    """Last year's printed totals, coherent with each other and with this year.

    Drawn fund by fund (一般公共预算 income, 政府性基金, the non-fiscal source, last year's 年初结转);
    last year's 年末结转 is this year's 年初, so 一般公共预算 spending follows, and every total is
    the sum of its parts, as last year's tables printed them.
    """
    gpb_income = _around(rng, printed(fig.total("gpb_income")))
    fund = _around(rng, printed(fig.total("fund")))
    other = _around(rng, printed(fig.total("other")))
    carry_end = printed(fig.carry_start)
    carry_start = carry_end if rng.random() < 0.5 else _round(carry_end * Decimal(rng.randint(0, 150)) / 100)
    gpb_spending = gpb_income + carry_start - carry_end
    if gpb_spending <= 0:  # last year spent what it had brought forward
        carry_start, gpb_spending = carry_end, gpb_income
    return {
        "一般公共预算收入": gpb_income, "一般公共预算支出": gpb_spending, "政府性基金": fund,
        "本年收入合计": gpb_income + fund + other, "本年支出合计": gpb_spending + fund + other,
        "总计": gpb_income + fund + other + carry_start,
    }


CLASS_USES = {
    "201": "机关正常运转及各项政务工作等支出", "206": "科研课题的相关支出", "208": "缴纳养老保险、职业年金及离退休人员经费等支出",
    "210": "缴纳医疗保险、公务员医疗补助等支出", "211": "环境监测、污染防治及单位运转等支出", "212": "城市管理及执法等支出",
    "213": "农业农村及水利工作等支出", "221": "缴纳住房公积金等支出", "224": "应急管理及安全监管等支出", "229": "彩票公益金项目支出",
}


@attrs.define
class _Prose:
    """第三部分 情况说明, section by section, from the printed tables and a few figures only the prose states."""

    rng: random.Random
    style: Style
    fig: Figures
    doc: Rendered
    pages: list[int]
    before: dict[str, Decimal]  # last year's printed figures (see last_year)

    def writer(self) -> _Writer:
        return _Writer(self.rng, self.style)

    def heading(self, text: str) -> None:
        self.doc.add(self.style.punct(text) + "\n\n")

    def paragraph(self, w: _Writer) -> None:
        self.doc.extend(_wrap(w.out, self.rng, self.style, self.pages))
        self.doc.add("\n\n")

    @property
    def unit(self) -> str:
        return self.fig.unit_word

    @property
    def places(self) -> int:
        return self.style.share_places

    def reason(self, up: bool | None = True) -> str:
        return self.rng.choice(REASONS_UP if up else REASONS_DOWN)

    def shares(self, w: _Writer, whole: M, parts: list[tuple[str, M]], end: str = "。", word: str | None = None) -> None:
        """``name X 万元，占 P%；…``: each part with its share of the whole (``word``: the base named, 占总支出的)."""
        for i, (name, part) in enumerate(parts):
            w.t(name).money(part.shown).t("，" + (word or self.style.share_word))
            w.pct(_ratio(self.rng, part, whole, self.places), self.places, "prose.share")
            w.t(end if i == len(parts) - 1 else "；")

    # -- 一、二、三 ---------------------------------------------------------------------------

    def overview(self) -> None:
        fig, rng = self.fig, self.rng
        self.heading("一、收入支出决算总体情况说明")
        total = M.of(fig.total("income") + fig.carry_start)
        w = self.writer().t(self.unit).year(fig.year).t("收、支总计（含结转和结余）").money(total.shown).t("。")
        yoy = _yoy(rng, total, self.before["总计"], self.places)
        if yoy is None:
            w.t("与").year(fig.year - 1).t("决算相比，收支总计与上年持平。")
        else:
            w.t("与").year(fig.year - 1).t("决算相比，收支各").yoy(yoy, self.places, since="")
            w.t(f"，主要原因是：{self.reason(yoy.up)}。")
        if rng.random() < 0.5:
            for name, fen, carry in (("本年收入合计", fig.total("income"), ("年初结转和结余", fig.carry_start)),
                                     ("本年支出合计", fig.total("spending"), ("年末结转和结余", fig.carry_end))):
                amount = M.of(fen)
                w.t(name).money(amount.shown).t("，").yoy(_yoy(rng, amount, self.before[name], self.places), self.places)
                if carry[1]:
                    w.t("，" + carry[0]).money(printed(carry[1]))
                w.t("；" if name.startswith("本年收入") else "。")
        self.paragraph(w)

    def income(self) -> None:
        fig = self.fig
        self.heading("二、收入决算情况说明")
        whole = M.of(fig.total("income"))
        parts = [(name, M.of(sum(_source(fig, name)(leaf) for leaf in fig.leaves))) for name in INCOME_SOURCES]
        if self.rng.random() < 0.4:
            parts = [(name, part) for name, part in parts if part.shown]
        w = self.writer().t(self.unit).year(fig.year).t("本年收入合计").money(whole.shown).t("，其中：")
        self.shares(w, whole, parts)
        self.paragraph(w)

    def spending(self) -> None:
        fig = self.fig
        self.heading("三、支出决算情况说明")
        whole = M.of(fig.total("spending"))
        parts = [(name, M.of(sum(_kind(name)(leaf) for leaf in fig.leaves))) for name in SPENDING_KINDS]
        if self.rng.random() < 0.4:
            parts = [(name, part) for name, part in parts if part.shown]
        w = self.writer().t(self.unit).year(fig.year).t("本年支出合计").money(whole.shown).t("，其中：")
        self.shares(w, whole, parts, word="占总支出的" if self.style.base_in_words else None)
        self.paragraph(w)

    # -- 四、财政拨款 -------------------------------------------------------------------------

    def fiscal(self) -> None:
        fig, rng = self.fig, self.rng
        self.heading("四、财政拨款收入支出决算总体情况说明")
        gpb = {"收入": M.of(fig.total("gpb_income")), "支出": M.of(fig.total("gpb"))}
        fund = M.of(fig.total("fund"))
        before = self.before
        gpb_yoy = {side: _yoy(rng, gpb[side], before["一般公共预算" + side], self.places) for side in gpb}
        fund_yoy = _yoy(rng, fund, before["政府性基金"], self.places)
        self.heading(f"（一）财政拨款收支与{fig.year - 1}年度决算对比情况")
        w = self.writer().t(self.unit).year(fig.year).t("财政拨款")
        for side, name in (("收入", "本年收入合计"), ("支出", "本年支出合计")):
            total = gpb[side] + fund
            yoy = _yoy(rng, total, before["一般公共预算" + side] + before["政府性基金"], self.places)
            w.t(name).money(total.shown).t("，").yoy(yoy, self.places)
            if yoy is not None:
                w.t(f"，主要原因是：{self.reason(yoy.up)}")
            w.t("；" if side == "收入" else "。具体情况如下：")
        self.paragraph(w)
        funds = (("一般公共预算", gpb, gpb_yoy), ("政府性基金预算", {"收入": fund, "支出": fund}, {"收入": fund_yoy, "支出": fund_yoy}),
                 ("国有资本经营预算", {"收入": M.stated(ZERO), "支出": M.stated(ZERO)}, {"收入": None, "支出": None}))
        for i, (name, amounts, yoys) in enumerate(funds, start=1):
            w = self.writer().t(f"{i}. {name}财政拨款")
            for side, label in (("收入", "本年收入合计"), ("支出", "本年支出合计")):
                w.t(label).money(amounts[side].shown)
                if self.style.comparison_first and yoys[side] is not None:
                    w.t(f"，{label}与上年相比，").yoy(yoys[side], self.places, since="")
                else:
                    w.t("，").yoy(yoys[side], self.places)
                w.t("；" if side == "收入" else "。")
            self.paragraph(w)
        self.against_budget(gpb, fund)
        self.structure(gpb["支出"] + fund)
        self.basic()
        if rng.random() < 0.5:
            self.by_subject()

    def _vs_budget_text(self, w: _Writer, label: str, actual: M, vs: VsBudget | None) -> None:
        """``X 万元，完成年初预算的 R%，比年初预算减少 D 万元`` or, with the budget stated, ``年初预算 B 万元，决算 X 万元，…``."""
        places = self.style.rate_places
        if vs is None:
            w.t(label).money(actual.shown).t("，与预算持平")
            return
        if vs.diff and vs.diff / vs.budget >= Decimal("0.03") and self.rng.random() < 0.7:
            w.t(label).money(actual.shown).t("，完成年初预算的").pct(vs.rate, places, "prose.budget-rate")
            if self.style.direction_amount:
                w.t("，决算数" + ("大于" if vs.over else "小于") + "预算数").money(vs.diff, "prose.budget-diff")
            else:
                w.t("，比年初预算" + ("增加" if vs.over else "减少")).money(vs.diff, "prose.budget-diff")
                w.t("，决算数" + ("大于" if vs.over else "小于") + "预算数")
            return
        if vs.diff == 0 and self.rng.random() < 0.5:
            w.t(label).money(actual.shown).t("，完成年初预算的").pct(vs.rate, places, "prose.budget-rate").t("，与年初预算持平")
            return
        w.t(label + "年初预算").money(vs.budget).t("，决算").money(actual.shown)
        if self.rng.random() < 0.5 or not _sharp_difference(actual.shown, vs.budget, places):
            w.t("，完成年初预算的").pct(vs.rate, places, "prose.budget-rate")
        else:
            difference = _round(abs(actual.shown - vs.budget) / vs.budget * HUNDRED, places)
            w.t("，预决算差异率").pct(difference, places, "prose.diff-rate")

    def against_budget(self, gpb: dict[str, M], fund: M) -> None:
        fig, rng = self.fig, self.rng
        self.heading("（二）财政拨款收支与年初预算数对比情况")
        places = self.style.rate_places
        gpb_vs = {side: _vs_budget(rng, amount, places) for side, amount in gpb.items()}
        fund_budget = _vs_budget(rng, fund, places).budget if fund.shown else ZERO
        w = self.writer().t(self.unit).year(fig.year).t("财政拨款")
        for side, label in (("收入", "本年收入合计"), ("支出", "本年支出合计")):
            total = gpb[side] + fund
            budget = gpb_vs[side].budget + fund_budget
            vs = None if budget == total.shown else VsBudget(budget, abs(budget - total.shown), total.shown > budget,
                                                               _ratio(rng, total, M.stated(budget), places))
            self._vs_budget_text(w, label, total, vs)
            w.t(f"，主要原因是：{rng.choice(REASONS_BUDGET)}" if vs is not None else "")
            w.t("；" if side == "收入" else "。具体情况如下：")
        self.paragraph(w)
        fund_vs = None if fund_budget == fund.shown else VsBudget(fund_budget, abs(fund_budget - fund.shown), fund.shown > fund_budget,
                                                                    _ratio(rng, fund, M.stated(fund_budget), places))
        funds = (("一般公共预算", gpb, {side: (None if vs.diff == 0 else vs) for side, vs in gpb_vs.items()}),
                 ("政府性基金预算", {"收入": fund, "支出": fund}, {"收入": fund_vs, "支出": fund_vs}),
                 ("国有资本经营预算", {"收入": M.stated(ZERO), "支出": M.stated(ZERO)}, {"收入": None, "支出": None}))
        for i, (name, amounts, vs) in enumerate(funds, start=1):
            w = self.writer().t(f"{i}. {name}财政拨款")
            for side, label in (("收入", "本年收入合计"), ("支出", "本年支出合计")):
                self._vs_budget_text(w, label, amounts[side], vs[side])
                w.t("；" if side == "收入" else "。")
            self.paragraph(w)

    def structure(self, whole: M) -> None:
        fig = self.fig
        self.heading("（三）财政拨款支出决算结构情况")
        w = self.writer().year(fig.year).t("财政拨款支出合计").money(whole.shown).t("，主要用于以下方面：")
        classes = [(code, M.of(sum(leaf.gpb + leaf.fund for leaf in fig.leaves if leaf.code.startswith(code))))
                   for code, _ in CLASS_LINES]
        classes = [(code, amount) for code, amount in classes if amount.shown]
        for i, (code, amount) in enumerate(classes):
            w.t(CLASS_NAMES[code].removesuffix("支出") + "（类）支出").money(amount.shown).t("，" + self.style.share_word)
            w.pct(_ratio(self.rng, amount, whole, self.places), self.places, "prose.share")
            w.t(f"，主要用于{CLASS_USES.get(code, '相关业务')}" + ("。" if i == len(classes) - 1 else "；"))
        self.paragraph(w)

    def basic(self) -> None:
        fig = self.fig
        self.heading(self.rng.choice(("（四）一般公共预算基本支出决算情况说明", "（四）一般公共预算财政拨款基本支出决算情况说明")))
        names = {code: name for group in ECONOMIC.values() for code, name in group[1]}
        personnel = [code for group in PERSONNEL_GROUPS for code, _ in ECONOMIC[group][1] if fig.economic.get(code)]
        public = [code for group in PUBLIC_GROUPS for code, _ in ECONOMIC[group][1] if fig.economic.get(code)]
        w = self.writer().year(fig.year).t(self.rng.choice(("财政拨款基本支出", "一般公共预算财政拨款基本支出")))
        w.money(printed(fig.total("basic"))).t("，其中：")
        w.t("人员经费").money(printed(sum(fig.economic[c] for c in personnel)))
        w.t("，主要包括：" + "、".join(names[c] for c in personnel) + "；")
        w.t("公用经费").money(printed(sum(fig.economic[c] for c in public)))
        w.t("，主要包括：" + "、".join(names[c] for c in public) + "。")
        self.paragraph(w)

    def by_subject(self) -> None:
        """（五）: each 项 of 公开05表 against its budget, the budget stated."""
        rng, places = self.rng, self.style.rate_places
        self.heading("（五）一般公共预算财政拨款支出决算具体情况")
        leaves = [leaf for leaf in self.fig.leaves if leaf.gpb]
        for i, leaf in enumerate(leaves, start=1):
            actual = M.of(leaf.gpb)
            budget = actual.shown if rng.random() < 0.3 else _round(actual.shown * 1000 / rng.randint(700, 1300))
            names = f"{CLASS_NAMES[leaf.code[:3]].removesuffix('支出')}（类）{SUBJECTS[leaf.code[:5]]}（款）{leaf.name}（项）"
            w = self.writer().t(f"{i}.{names}：")
            if rng.random() < 0.6 or not _sharp_difference(actual.shown, budget, places):
                w.t("年初预算为").money(budget).t("，支出决算为").money(actual.shown).t("，完成年初预算的")
                w.pct(_ratio(rng, actual, M.stated(budget), places), places, "prose.budget-rate")
            else:
                w.t("年初预算数").money(budget).t("，决算数").money(actual.shown).t("，预决算差异率")
                w.pct(_round(abs(actual.shown - budget) / budget * HUNDRED, places), places, "prose.diff-rate")
            if budget == actual.shown:
                w.t("，决算数与年初预算数持平。")
            else:
                w.t(f"，决算数{'大于' if actual.shown > budget else '小于'}年初预算数的主要原因是：{rng.choice(REASONS_BUDGET)}。")
            self.paragraph(w)

    # -- 五、三公 … 八、国有资产 --------------------------------------------------------------

    def sangong(self) -> None:
        fig, rng = self.fig, self.rng
        places = self.places
        self.heading("五、财政拨款“三公”经费支出决算情况说明")
        self.heading("（一）“三公”经费财政拨款支出决算总体情况说明")
        budget = {item: M.of(b) for item, (b, _) in fig.sangong.items()}
        actual = {item: M.of(a) for item, (_, a) in fig.sangong.items()}
        before = {item: self._before(actual[item]) for item in actual}
        total_budget, total = M.of(sum(b for b, _ in fig.sangong.values())), M.of(sum(a for _, a in fig.sangong.values()))
        w = self.writer().t(self.unit).year(fig.year).t("“三公”经费财政拨款支出预算为").money(total_budget.shown)
        w.t("，支出决算为").money(total.shown)
        self._sangong_tail(w, total, total_budget, sum(before.values()), since_year=True)
        car_budget = M.of(fig.sangong["购置"][0] + fig.sangong["运行"][0])
        car = M.of(fig.sangong["购置"][1] + fig.sangong["运行"][1])
        apart = self.style.item_budgets_apart
        if apart:  # the items' budgets here, their completion rates below without them (issue 21: rates of items)
            w.t("其中：因公出国（境）费预算").money(budget["出国"].shown).t("，公务用车购置及运行维护费预算").money(car_budget.shown)
            w.t("，公务接待费预算").money(budget["接待"].shown).t("。")
        self.paragraph(w)
        self.heading("（二）“三公”经费财政拨款支出决算具体情况说明")
        self._sangong_shares({"因公出国（境）费支出决算": actual["出国"], "公务用车购置及运行维护费支出决算": car,
                              "公务接待费支出决算": actual["接待"]})
        w = self.writer().t("1.因公出国（境）费支出情况。").t(self.unit).year(fig.year)
        if apart:
            w.t("因公出国（境）费支出决算").money(actual["出国"].shown)
        else:
            w.t("因公出国（境）费支出预算为").money(budget["出国"].shown).t("，支出决算").money(actual["出国"].shown)
        self._sangong_tail(w, actual["出国"], budget["出国"], before["出国"])
        groups = rng.randint(1, 3) if actual["出国"].shown else 0
        w.t("因公出国（境）团组").count(groups, "个", "prose.count.lone").t("、共").count(groups * rng.randint(1, 4), "人", "prose.count.lone")
        w.t("。")
        self.paragraph(w)
        w = self.writer().t("2.公务用车购置及运行维护费支出情况。").t(self.unit).year(fig.year)
        if apart:
            w.t("公务用车购置及运行维护费支出决算").money(car.shown)
        else:
            w.t("公务用车购置及运行维护费预算为").money(car_budget.shown).t("，支出决算").money(car.shown)
        self._sangong_tail(w, car, car_budget, before["购置"] + before["运行"], then="其中：")
        self.paragraph(w)
        w = self.writer().t("公务用车购置费支出").money(actual["购置"].shown).t("：").t(self.unit).year(fig.year)
        w.t("公务用车购置量").count(rng.randint(1, 2) if actual["购置"].shown else 0, "辆", "prose.count.lone")
        w.t("，发生“公务用车购置”经费支出").money(actual["购置"].shown, "prose.amount.restated")
        w.t("。公务用车购置费支出")
        w.yoy(self._yoy_from(actual["购置"], before["购置"]), places, since="较上年").t("。")
        self.paragraph(w)
        w = self.writer().t("公务用车运行维护费支出").money(actual["运行"].shown).t("：").t(self.unit).year(fig.year)
        w.t("单位公务用车保有量").count(rng.randint(1, 6) if actual["运行"].shown else 0, "辆", "prose.count.lone")
        w.t("，发生运行维护费支出").money(actual["运行"].shown, "prose.amount.restated").t("。公车运行维护费支出")
        w.yoy(self._yoy_from(actual["运行"], before["运行"]), places, since="较上年").t("。")
        self.paragraph(w)
        w = self.writer().t("3.公务接待费支出情况。").t(self.unit).year(fig.year)
        if apart:
            w.t("公务接待费支出决算").money(actual["接待"].shown)
        else:
            w.t("公务接待费支出预算为").money(budget["接待"].shown).t("，支出决算").money(actual["接待"].shown)
        self._sangong_tail(w, actual["接待"], budget["接待"], before["接待"])
        batches = rng.randint(1, 30) if actual["接待"].shown else 0
        w.t("本年度共发生公务接待").count(batches, "批次", "prose.count.lone").t("、")
        w.count(batches * rng.randint(3, 8), "人次", "prose.count.lone").t("。")
        self.paragraph(w)

    def _sangong_shares(self, items: dict[str, M]) -> None:
        """The items' shares of their own sum, which add up to 100 % (issue 21: an implicit whole), with no whole named."""
        whole = sum(m.shown for m in items.values())
        if not self.style.sangong_shares or not whole:
            return
        places = self.places
        rates = {name: _round(m.shown / whole * HUNDRED, places) for name, m in items.items()}
        ulp = Decimal(1).scaleb(-places)
        # A rate a change of a tenth (at least 5 units) moves beyond what the rounding of the amounts allows is pinned down;
        # a small share of a small sum (0.0 % of 1.10 万元) is not.
        slack = HUNDRED * CENT / 2 * (len(items) + 1) / whole + ulp / 2
        kinds = {name: "prose.share" if max(rate / 10, 5 * ulp) > slack else "prose.share.lone" for name, rate in rates.items()}
        w = self.writer()
        if self.style.sangong_shares == "each":
            for i, (name, m) in enumerate(items.items()):
                w.t(("；" if i else "") + name).money(m.shown).t("，" + self.style.share_word).pct(rates[name], places, kinds[name])
        else:
            for i, (name, m) in enumerate(items.items()):
                w.t(("、" if i else "") + name).money(m.shown)
            w.t("，分别占")
            for i, name in enumerate(items):
                w.t("、" if i else "").pct(rates[name], places, kinds[name])
        self.paragraph(w.t("。"))

    def _before(self, actual: M) -> Decimal:
        """Last year's printed figure of a 三公 item: around this year's, or nothing, or something where there is nothing now."""
        roll = self.rng.random()
        if not actual.shown:
            return _round(Decimal(self.rng.randint(100, 2000)) / 100) if roll < 0.2 else ZERO
        return ZERO if roll < 0.15 else _around(self.rng, actual.shown)

    def _yoy_from(self, actual: M, before: Decimal) -> Yoy | None:
        return _yoy(self.rng, actual, before, self.places)

    def _sangong_tail(self, w: _Writer, actual: M, budget: M, before: Decimal, since_year: bool = False, then: str = "") -> None:
        """``，完成预算的 R%，与预算持平，较上年增加 X 万元，增长 P%，主要原因是：…。``"""
        if budget.shown:
            w.t("，完成预算的").pct(_ratio(self.rng, actual, budget, self.style.rate_places), self.style.rate_places, "prose.budget-rate")
        w.t("，与预算持平" if budget.shown == actual.shown else "，决算数小于预算数")
        yoy = self._yoy_from(actual, before)
        w.t("，")
        if since_year and yoy is not None:
            w.t("较").year(self.fig.year - 1).yoy(yoy, self.places, since="决算")
        else:
            w.yoy(yoy, self.places, since=self.rng.choice(("较上年", "比上年", "同比")))
        if yoy is not None:
            w.t(f"，主要原因是：{self.reason(yoy.up)}")
        w.t("。" + then)

    def running_costs(self) -> None:
        fig, rng = self.fig, self.rng
        self.heading("六、机关运行经费支出说明")
        w = self.writer()
        if fig.unit_name.endswith("中心") and rng.random() < 0.7:
            w.t(f"{self.unit}性质非行政单位和参照公务员管理事业单位，故无机关运行经费。")
        else:
            public = M.of(sum(fig.economic.get(code, 0) for group in PUBLIC_GROUPS for code, _ in ECONOMIC[group][1]))
            yoy = _yoy(rng, public, _around(rng, public.shown), self.places)
            pinned = yoy is not None and yoy.growth is not None  # only a rate ties it to anything
            w.t(self.unit).year(fig.year).t("机关运行经费支出").money(public.shown, "prose.amount" if pinned else "prose.amount.lone").t("，")
            if yoy is None:
                w.t("与上年持平。")
            else:
                w.yoy(yoy, self.places, since="较" + f"{fig.year - 1}年度").t(f"。主要原因是：{self.reason(yoy.up)}。")
        self.paragraph(w)

    def procurement(self) -> None:
        fig, rng = self.fig, self.rng
        self.heading("七、政府采购支出说明")
        w = self.writer()
        if rng.random() < 0.1:
            w.t(self.unit).year(fig.year).t("无政府采购支出。")
            self.paragraph(w)
            return
        # At least 20 万元 in all, so that a share of 0.00 % of it is sharp.
        parts = {kind: (Decimal(rng.randint(2_000, 50_000)) / 100 if rng.random() < chance else ZERO)
                 for kind, chance in (("货物", 0.8), ("工程", 0.15), ("服务", 0.7))}
        if not any(parts.values()):
            parts["货物"] = Decimal(rng.randint(2_000, 5_000)) / 100
        total = sum(parts.values())
        w.t(self.unit).year(fig.year).t("政府采购支出总额").money(total).t("，从采购类型来看，")
        for i, (kind, amount) in enumerate(parts.items()):
            w.t(("、" if i else "") + f"政府采购{kind}支出").money(amount)
        sme = _round(total * Decimal(rng.choice((0, rng.randint(0, 100)))) / 100)
        small = _round(sme * Decimal(rng.randint(0, 100)) / 100)
        # Each is pinned down only by its share of the total (and 小微 by 中小企业): below 5 % the share is too
        # coarse to show a change of a tenth, so the amount counts as lone.
        coarse = sme * 20 < total
        w.t("。授予中小企业合同金额").money(sme, "prose.amount.lone" if coarse else "prose.amount").t("，占政府采购支出总额的")
        w.pct(_round(sme / total * HUNDRED, self.places), self.places, "prose.share")
        coarse = small * 20 < total and sme - small > Decimal("0.03")
        w.t("，其中授予小微企业合同金额").money(small, "prose.amount.lone" if coarse else "prose.amount").t("，占政府采购支出总额的")
        w.pct(_round(small / total * HUNDRED, self.places), self.places, "prose.share").t("。")
        if self.style.narrative:  # amounts closed by their total (issue 21: arithmetic inside a narrative)
            cents = int(total * 100)
            cuts = sorted(rng.randint(0, cents) for _ in range(3))
            quarters = [b - a for a, b in zip([0, *cuts], [*cuts, cents], strict=True)]
            w.t("按季度看，")
            for i, part in enumerate(quarters):
                w.t(("、" if i else "") + f"{'一二三四'[i]}季度采购支出").money(Decimal(part) / 100)
            w.t("，共计采购支出").money(total).t("。")
        self.paragraph(w)

    def assets(self) -> None:
        fig, rng = self.fig, self.rng
        self.heading("八、国有资产占用情况说明")
        vehicles = {kind: (rng.randint(0, 6) if rng.random() < 0.3 else 0) for kind in VEHICLE_KINDS}
        vehicles["其他用车"] += rng.randint(0, 3)
        total = sum(vehicles.values())
        w = self.writer().t("截至").year(fig.year, "年").t("12月31日，").t(self.unit).t("共有车辆").count(total, "辆")
        change = rng.randint(-3, 3)
        if change and total - change >= 0:
            w.t("，比上年" + ("增加" if change > 0 else "减少")).count(abs(change), "辆", "prose.change.lone")
        else:
            w.t("，与上年持平")
        w.t("，其中：")
        comma = rng.choice(("，", "、"))
        for i, (kind, n) in enumerate(vehicles.items()):
            w.t((comma if i else "") + kind).count(n, "辆")
        w.t("。单位价值").money(Decimal(100), "prose.amount.lone", places=0).t("（含）以上设备（不含车辆）")
        w.count(rng.randint(0, 5), "台（套）", "prose.count.lone").t("。")
        self.paragraph(w)


# --- The whole document ------------------------------------------------------------------------

GLOSSARY = (
    "财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
    "事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
)


def _staff(rng: random.Random, style: Style, year: int) -> _Writer:
    """People in brackets by status, and a list that mixes two classifications (ranks and degrees, which overlap)."""
    active, retired = rng.randint(10, 80), rng.randint(0, 30)
    w = _Writer(rng, style).t("截至").year(year, "年").t("12月31日，本单位共有人员").count(active + retired, "名")
    w.t("（在职").count(active, "名").t("、退休").count(retired, "名").t("）。")
    senior, middle = rng.randint(0, active // 2), rng.randint(0, active // 2)
    doctors, masters = rng.randint(0, active // 3), rng.randint(0, active // 2)
    w.t("在职人员中，现有专业技术人员").count(active, "人", "prose.count.lone").t("，其中：高级职称").count(senior, "人", "prose.count.lone")
    w.t("、中级职称").count(middle, "人", "prose.count.lone").t("，博士研究生").count(doctors, "人", "prose.count.lone")
    w.t("、硕士研究生").count(masters, "人", "prose.count.lone").t("。")
    # A rate in the same narrative: 全年预算数 … 执行数 …, 预算执行率
    budget = Decimal(rng.randint(2_000, 90_000)) / 100
    spent = _round(budget * Decimal(rng.randint(60, 100)) / 100)
    w.t("\n\n本年度开展绩效自评的项目").count(rng.randint(1, 9), "个", "prose.count.lone").t("，全年预算数").money(budget)
    w.t("，项目均按计划实施，执行数").money(spent).t("，预算执行率为").pct(_round(spent / budget * HUNDRED, 1), 1, "prose.budget-rate").t("。\n\n")
    return w


def disclosure(rng: random.Random, *, projects: int | None = None) -> Rendered:
    """A consistent 部门决算公开 as a text extraction gives it: 第一部分 to 第四部分, the nine tables as TAB rows.

    ``projects`` is how many function subjects carry project spending (drawn when None, at most 7):
    each adds rows to 公开02/03/05表 and perhaps a class to the prose; past the catalogue's 19 project
    subjects, more money goes to the same ones. Documents run from about 18 KB to 30 KB.
    """
    fig = draw_figures(rng, projects)
    style = draw_style(rng)
    doc = Rendered()
    doc.add(f"{fig.unit_name}\n\n{fig.year}年度部门决算公开\n\n")
    doc.add(f"第一部分 {'部门' if fig.unit_word == '本部门' else '单位'}概况\n\n一、主要职能\n\n")
    doc.add(f"{fig.unit_name}负责本地区相关领域的政策执行、行业管理和公共服务工作。\n\n二、机构设置\n\n")
    units = 1 if fig.unit_word == "本单位" else rng.randint(1, 3)
    w = _Writer(rng, style).t(f"纳入{fig.year}年度决算编制范围的独立核算单位共").count(units, "个", "prose.count.lone").t("，具体情况如下：")
    doc.extend(w.out)
    doc.add("\n\n序号\t单位名称\t单位基本性质\t经费形式\n")
    for i in range(units):
        doc.add(f"{i + 1}\t{fig.unit_name if i == 0 else fig.unit_name + f'下属{_cn(i)}中心'}\t{'行政单位' if i == 0 else '财政补助事业单位'}\t财政拨款\n")
    if style.narrative:
        doc.add("\n三、人员情况\n\n")
        doc.extend(_staff(rng, style, fig.year).out)
    doc.add(f"\n第二部分\n\n{fig.year} 年度部门决算报表\n\n")
    for table in TABLES:
        table(doc, rng, fig, style)
    doc.add(f"第三部分\n\n{fig.year} 年度部门决算情况说明\n\n")
    prose = _Prose(rng, style, fig, doc, [rng.randint(5, 12)], last_year(rng, fig))
    for section in (prose.overview, prose.income, prose.spending, prose.fiscal, prose.sangong, prose.running_costs,
                    prose.procurement, prose.assets):
        section()
    doc.add("第四部分 名词解释\n\n")
    for i, entry in enumerate(GLOSSARY, start=1):
        doc.add(f"{i}. {style.punct(entry)}\n\n")
    return doc
