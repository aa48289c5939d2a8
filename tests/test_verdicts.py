"""The document checks its reader (docs/domain.md §5): a verdict on every table reading, from the table's own identities.

A reading whose identities mostly hold, failures explained by at most two wrong cells, is
*confirmed* and its failures are errors; one whose identities fail the way a misreading makes
them fail (a column shifted by a row, a column dropped, a column empty where its total has
figures) is *not understood*: one info note, no error from it, its cells used by no other
check. The misreadings here are made from the real qinhuangdao-etdz-office tables, as an
extraction would make them; the real errors of the corpus stay errors.
"""

from pathlib import Path

import pytest

import auditor
from auditor.document.model import Document
from auditor.extract import extract
from auditor.link import link
from auditor.link.verdicts import CONFIRMED, NOT_UNDERSTOOD, UNVERIFIED

FIXTURES = Path(__file__).parent / "fixtures"
ETDZ = FIXTURES / "corpus" / "qinhuangdao-etdz-office-2023.txt"
TEXT = ETDZ.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
PUTUO = sorted((FIXTURES / "putuo").glob("*.txt"))


def _rows(mark: str, first: str) -> range:
    """The 0-based lines of the data rows of the table under ``mark`` (公开03表), from the row starting with ``first``."""
    top = next(i for i, line in enumerate(LINES) if line.strip() == mark)
    start = next(i for i in range(top, len(LINES)) if LINES[i].startswith(first))
    end = start
    while LINES[end + 1].strip():
        end += 1
    return range(start, end + 1)


def _edit_column(mark: str, first: str, column: int, how) -> str:
    """The document with one TAB column of a table's data rows rewritten by ``how(values) -> values``."""
    lines = list(LINES)
    rows = _rows(mark, first)
    cells = [lines[i].split("\t") for i in rows]
    for row in cells:
        row.extend([""] * (column + 1 - len(row)))
    values = how([row[column] for row in cells])
    for i, row, value in zip(rows, cells, values, strict=True):
        row[column] = value
        lines[i] = "\t".join(row)
    return "\n".join(lines)


def shifted(mark: str, first: str, column: int) -> str:
    """A column's figures moved down one row, as an extraction can shift them."""
    return _edit_column(mark, first, column, lambda values: ["", *values[:-1]])


def dropped(mark: str, first: str, column: int) -> str:
    """A column lost: every data row one cell short from there on, so the next column's figures read in its place."""
    lines = list(LINES)
    for i in _rows(mark, first):
        row = lines[i].split("\t")
        del row[column]
        lines[i] = "\t".join(row)
    return "\n".join(lines)


def report(text: str):
    return auditor.check(Document(text, "etdz.txt"))


def verdicts(text: str) -> dict[str, str]:
    return {v.table.name: v.status for v in link(extract(Document(text, "etdz.txt"))).table_verdicts}


def table_findings(rep, severity: str):
    return [f for f in rep.findings if f.severity == severity and f.rule.startswith(("table", "xref"))]


def layout_notes(rep):
    return [f for f in rep.findings if f.rule == "table.layout" and "未能读懂" in f.message]


# --- The corpus: every reading confirmed, every real error kept --------------------------------------------


def test_every_table_of_the_corpus_is_confirmed():
    found = {path.name: verdicts(path.read_text(encoding="utf-8")) for path in [ETDZ, *PUTUO]}
    for name, sides in found.items():
        assert set(sides.values()) == {CONFIRMED}, (name, sides)
    assert len(found[ETDZ.name]) == 13  # 01 and 04 two sides, 06 two, 09 two (预算数, 决算数), 07 and 08 declared empty


def test_the_real_errors_against_05_and_06_stay_errors_because_both_are_confirmed():
    """putuo-planning-resources lines 417/418: the prose's 5377.64 / 4896.98 against 05's 5364.75 and 06's 4884.09."""
    path = FIXTURES / "putuo" / "putuo-planning-resources-2024.txt"
    sides = verdicts(path.read_text(encoding="utf-8"))
    assert sides["表05"] == sides["表06人员经费"] == CONFIRMED
    errors = [(f.location.line, f.rule) for f in auditor.check(path).errors if f.rule == "xref.table"]
    assert errors == [(417, "xref.table"), (418, "xref.table")]


def test_the_verdicts_count_the_evidence():
    facts = link(extract(Document(TEXT, "etdz.txt")))
    by_name = {v.table.name: v for v in facts.table_verdicts}
    table = by_name["表03"]
    assert (table.evaluated, table.held) == (58, 58)  # rows and subject levels with a figure in them; 0 = 0 + 0 is no evidence
    assert table.cross_evaluated == table.cross_held == 6  # 01 against 03: 本年支出合计 and five classes
    assert by_name["表07"].status == CONFIRMED and by_name["表07"].evaluated == 0  # declared empty, nothing printed


# --- Misreadings: one note, no error --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "table", "cause"), [
    (shifted("公开03表", "合计", 3), "公开03表", "上级科目小于下级科目"),  # 基本支出 one row down
    (shifted("公开02表", "合计", 2), "公开02表", "上级科目小于下级科目"),  # 本年收入合计 one row down
    (dropped("公开03表", "合计", 2), "公开03表", "有数而其组成部分都为空"),  # 本年支出合计 lost, the rest one column left
    (shifted("公开06表", "301", 2), "公开06表（人员经费）", "合计或上级科目为空而其组成部分有数"),
])
def test_a_misread_table_gives_one_note_and_no_error(text, table, cause):
    rep = report(text)
    assert not [f for f in rep.errors if f.rule.startswith(("table", "xref"))]
    assert not [f for f in table_findings(rep, "warning") if table in f.message]
    (note,) = layout_notes(rep)
    assert note.severity == "info" and note.message.startswith(f"{table}未能读懂：核对的 ") and cause in note.message
    assert "项恒等式中" in note.message and "项不成立" in note.message
    assert f"未能读懂公开{table[2:4]}表" in rep.files[0].coverage.summary()


def test_a_misread_table_leaves_the_prose_to_the_prose_identities():
    """06's 人员经费 column misread: the prose 人员经费 is not compared with a cell of it, but still with the prose."""
    facts = link(extract(Document(shifted("公开06表", "301", 2), "etdz.txt")))
    assert not [r for r in facts.cell_references if r.cell is not None and r.cell.table.name == "表06人员经费"]
    assert {v.table.name: v.status for v in facts.table_verdicts}["表06人员经费"] == NOT_UNDERSTOOD


# --- Real inconsistencies in a confirmed reading stay errors ------------------------------------------------------


@pytest.mark.parametrize(("mark", "first", "old", "new", "rule"), [
    ("公开03表", "201\t一般公共服务支出", "745.91", "755.91", "table.sum"),
    ("公开05表", "合计", "1,320.27", "1,330.27", "table.sum"),
    ("公开02表", "2080505", "89.13\t89.13", "99.13\t99.13", "table.hierarchy"),  # both cells: the row holds, 20805 does not
])
def test_a_planted_error_in_a_confirmed_table_is_an_error(mark, first, old, new, rule):
    lines = list(LINES)
    at = _rows(mark, first)[0]
    lines[at] = lines[at].replace(old, new, 1)
    text = "\n".join(lines)
    assert set(verdicts(text).values()) == {CONFIRMED}
    assert any(f.rule == rule and at + 1 in {f.location.line, *(r.line for r in f.related)} for f in report(text).errors)


# --- Unverified: too little evidence, confirmed by the document's redundancy or only warned ------------------------

SANGONG = """财政拨款“三公”经费支出决算表
公开09表
金额单位：万元
预算数\t\t\t\t\t\t决算数\t\t\t\t\t
合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12
12.00\t2.00\t8.00\t3.00\t5.00\t2.00\t10.00\t2.00\t5.00\t1.00\t5.00\t2.00
"""
PROSE = """第三部分 情况说明
九、财政拨款“三公”经费支出决算情况说明
“三公”经费支出决算为10.00万元。其中：因公出国（境）费2.00万元；公务用车购置费1.00万元，公务用车运行维护费5.00万元；公务接待费2.00万元。
"""


def test_a_one_row_table_whose_identities_both_fail_gives_warnings_only():
    """决算数 小计 5.00 against 1.00 + 5.00, and so 合计 10.00 against 2.00 + 5.00 + 2.00: one wrong cell, but nothing
    confirms the reading (no identity holds, nothing restates it), so both failures are warnings that say so."""
    rep = auditor.check(SANGONG)
    assert verdicts(SANGONG)["表09决算数"] == UNVERIFIED
    assert not rep.errors
    warnings = table_findings(rep, "warning")
    assert len(warnings) == 2 and all("读法未能由报表自身的恒等式或其他报表、正文确认" in f.message for f in warnings)
    assert "未能确认公开09表" in rep.files[0].coverage.summary()


def test_the_prose_restating_its_cells_confirms_the_same_table():
    """The same table, and the prose restates four of its cells exactly: the reading is confirmed, the failures are errors."""
    text = SANGONG + PROSE
    assert verdicts(text)["表09决算数"] == CONFIRMED
    errors = [f for f in auditor.check(text).errors if f.rule == "table.sum"]
    assert {f.stated for f in errors} == {"10.00", "5.00"}


def test_two_confirmed_tables_that_disagree_on_every_class_give_a_note_not_errors():
    """01's class amounts rotated among its class rows: each side's own identities hold, yet four classes disagree with 03.
    No two wrong cells explain that: a reading neither table's identities can see is wrong; one note, no table.cross error."""
    lines = list(LINES)
    rows = [next(i for i, line in enumerate(lines) if line.startswith(prefix)) for prefix in
            ("八、其他收入\t8\t\t八、社会保障和就业支出", "\t9\t\t九、卫生健康支出", "\t10\t\t十、节能环保支出", "\t19\t\t十九、住房保障支出")]
    amounts = [lines[i].rsplit("\t", 1)[1] for i in rows]
    for i, amount in zip(rows, amounts[1:] + amounts[:1], strict=True):
        lines[i] = lines[i].rsplit("\t", 1)[0] + "\t" + amount
    rep = report("\n".join(lines))
    assert not [f for f in rep.errors if f.rule == "table.cross"]
    (note,) = [f for f in rep.findings if f.rule == "table.layout" and "之间" in f.message]
    assert note.message.startswith("公开01表（支出）与公开03表之间的 ") and "可能读错了其中一张表" in note.message


def test_the_table_errors_of_the_space_separated_putuo_texts_are_the_real_ones():
    """Read by the words of their headers, the space-separated tables show what their rows print, checked by hand:

    * shiquan 03 and 05, rows 212 and 21201: 基本支出 printed 1,066.51, where the row's total less its 项目支出
      (13,583.48 − 2,921.97) and its 项 rows (1,690.05 + 1,289.35 + 7,682.11) give 10,661.51;
    * yichuan 06: 30299 其他商品和服务支出 printed 1,844.57 beside a 302 group of 1,844.57 whose other items already
      add up to 1,844.57.
    The other Putuo texts' tables are consistent."""
    found = {}
    for path in PUTUO:
        report = auditor.check(path, select=["table"])
        found[path.name] = sorted((f.location.line, f.rule) for f in report.errors)
    assert found == {
        "putuo-planning-resources-2024.txt": [],
        "putuo-shiquan-street-2025.txt": [(288, "table.sum"), (289, "table.sum"), (463, "table.sum"), (465, "table.sum")],
        "putuo-social-work-2024.txt": [],
        "putuo-yichuan-street-2025.txt": [(519, "table.hierarchy")],
    }


def test_a_misread_table_in_a_file_of_several_disclosures_is_named_with_its_disclosure():
    """The second of two disclosures in one file has its 03 misread: the coverage line says which disclosure's 03."""
    bundle = TEXT.rstrip("\n") + "\n\n" + shifted("公开03表", "合计", 3)
    rep = report(bundle)
    assert any("本文件含 2 份决算公开" in note for note in rep.files[0].notes)
    coverage = rep.files[0].coverage
    assert coverage.tables_not_understood == ("03",) and dict(coverage.doubtful_in) == {"03": (2,)}
    assert "未能读懂公开03表（第 2 份）（未据以报告错误）" in coverage.summary()
    assert coverage.to_dict()["doubtful_in"] == {"03": [2]}
    # the same misreading first: the first disclosure's
    first = report(shifted("公开03表", "合计", 3).rstrip("\n") + "\n\n" + TEXT)
    assert "未能读懂公开03表（第 1 份）" in first.files[0].coverage.summary()
