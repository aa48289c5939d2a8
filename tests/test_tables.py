"""The standard tables: reading them, their identities (rules/tables.rules), and prose against them.

Every example edits one figure of the real qinhuangdao-etdz-office disclosure (the only
corpus text that carries the nine tables) or is a small table modelled on it.
"""

from pathlib import Path

import pytest

import auditor
from auditor.document.model import Document
from auditor.extract import extract
from auditor.formula import FormulaError, load_identities, parse_cell, parse_line
from auditor.link import link
from auditor.link.identities import truncated
from auditor.tables.reader import read_tables

ETDZ = Path(__file__).parent / "fixtures" / "corpus" / "qinhuangdao-etdz-office-2023.txt"
TEXT = ETDZ.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def line_of(prefix: str, start: int = 0) -> int:
    """1-based number of the first line (from ``start``) that begins with ``prefix``."""
    return next(i + 1 for i, line in enumerate(LINES) if i >= start and line.startswith(prefix))


def edited(line: int, old: str, new: str, text: str = TEXT) -> Document:
    lines = text.split("\n")
    assert old in lines[line - 1], (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return Document("\n".join(lines), "etdz.txt")


def findings(doc, rule=None, severity="error"):
    report = auditor.check(doc)
    return [f for f in report.findings if (rule is None or f.rule == rule) and f.severity == severity]


@pytest.fixture(scope="module")
def etdz_tables():
    tables, notes = read_tables(Document(TEXT, "etdz.txt"))
    return {t.name: t for t in tables}, notes


# --- Reading ---------------------------------------------------------------------------------


def test_every_side_of_the_nine_tables_is_read(etdz_tables):
    tables, _ = etdz_tables
    assert set(tables) == {"表01收入", "表01支出", "表02", "表03", "表04收入", "表04支出", "表05",
                           "表06人员经费", "表06公用经费", "表07", "表08", "表09预算数", "表09决算数"}
    assert tables["表03"].columns == ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
    assert tables["表09决算数"].columns == ("合计", "因公出国(境)费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费")
    assert all(t.unit == "万元" for t in tables.values())


def test_cells_keep_their_exact_source_span(etdz_tables):
    tables, _ = etdz_tables
    (row,) = tables["表03"].find_rows("201")
    assert row.label == "一般公共服务支出" and row.level == 1
    cell = row.cells["项目支出"]
    assert TEXT[cell.start : cell.end] == "502.41"
    doc = Document(TEXT, "etdz.txt")
    assert doc.location(cell.start, cell.end).line == line_of("201\t一般公共服务支出", line_of("公开03表"))
    assert row.cells["上缴上级支出"].empty and row.cells["上缴上级支出"].quantity is None  # empty, not zero


def test_side_by_side_layouts(etdz_tables):
    tables, _ = etdz_tables
    income, spending = tables["表01收入"], tables["表01支出"]
    assert income.find_rows("使用非财政拨款结余")[0].label == "使用非财政拨款结余(含专用结余)"
    assert spending.find_rows("八、社会保障和就业支出") == spending.find_rows("社会保障和就业支出")
    assert spending.find_rows("社会保障和就业支出")[0].cells["金额"].text == "410.00"
    # 公开06表: 公用经费 spans two column groups; its total prints the label in one and the figure in the other
    public = tables["表06公用经费"]
    assert {r.code for r in public.rows if r.level == 1} == {"302", "307", "310", "312", "399"}
    assert public.find_rows("公用经费合计")[0].cells["决算数"].text == "74.74"


def test_empty_tables_declared_as_such(etdz_tables):
    tables, _ = etdz_tables
    assert tables["表07"].declared_empty and tables["表08"].declared_empty
    assert not tables["表03"].declared_empty and not tables["表09决算数"].declared_empty


# --- The identities -------------------------------------------------------------------------


def test_every_identity_with_its_tables_present_is_evaluated_on_the_corpus():
    facts = link(extract(Document(TEXT, "etdz.txt")))
    found, skips = facts.identities, facts.identity_skips
    evaluated = {i.statement.source for i in found}
    cut = {t.name for t in facts.tables if truncated(t)}
    assert cut == {"表05"}
    for st in load_identities():
        if st.kind == "hierarchy" and (st.table.number in ("07", "08") or st.table.name in cut):
            continue  # empty tables have no subject rows; 05 lost its rows after 2010301
        assert st.source in evaluated, st.source
    assert {i.rule for i in found} == {"table.sum", "table.hierarchy", "table.cross"}
    assert skips and {s.table.name for s in skips} == {"表05"}  # only the cut table
    assert not [f for f in auditor.check(ETDZ).errors if f.rule.startswith("table")]


def test_row_identity_broken():
    line = line_of("201\t一般公共服务支出", line_of("公开03表"))
    (f,) = findings(edited(line, "745.91", "755.91"), "table.sum")
    assert f.location.line == line and f.stated == "1,248.32"
    assert "基本支出 755.91" in f.message and "项目支出 502.41" in f.message
    assert [r.line for r in f.related] == [line, line]


def test_column_identity_broken():
    line = line_of("总计\t31", line_of("公开01表"))
    errors = findings(edited(line, "1,920.38", "1,930.38"), None)
    sums = [f for f in errors if f.rule == "table.sum"]
    assert [f.location.line for f in sums] == [line]
    assert "总计" in sums[0].message and "本年收入合计" in sums[0].message
    assert any(f.rule == "table.cross" and f.location.line == line for f in errors)  # income 总计 = expenditure 总计


def test_hierarchy_broken_points_at_the_parent_with_its_children_related():
    start = line_of("公开03表")
    child = line_of("2080506\t", start)
    errors = findings(edited(child, "65.74\t65.74", "56.74\t65.74"), "table.hierarchy")
    parent = line_of("20805\t", start)
    assert [(f.location.line, f.stated) for f in errors] == [(parent, "384.06")]
    assert child in {r.line for r in errors[0].related}
    assert "2080506 机关事业单位职业年金缴费支出 56.74" in errors[0].message  # the rows are named, not the column


def test_cross_table_class_amount_broken():
    line = line_of("八、其他收入", line_of("公开01表"))
    errors = findings(edited(line, "410.00", "401.00"), "table.cross")
    subject = [f for f in errors if "社会保障和就业支出" in f.message]
    assert subject and subject[0].location.line == line
    assert line_of("208\t社会保障和就业支出", line_of("公开03表")) in {r.line for r in subject[0].related}


def test_rounding_allows_n_half_units():
    # 01's five classes print 1,920.39 against a total of 1,920.38: five rounded parts, within 0.025
    assert not findings(ETDZ, "table.sum")
    table = ("公开03表\n金额单位：万元\n项目\t\t本年支出合计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n合计\t\t{total}\t0.01\t0.01\n"
             "201\t一般公共服务支出\t0.02\t0.01\t0.01\n")
    assert not findings(table.format(total="0.03"), "table.sum")  # 0.01 + 0.01 may be 0.029…
    assert findings(table.format(total="0.04"), "table.sum")  # … but never 0.035


def test_a_table_whose_only_identity_fails_is_not_confirmed_and_gives_a_warning():
    """One row, one identity, and it fails: nothing in the document confirms the reading (docs/domain.md §5), so the
    failure is a warning that says why, not an error."""
    table = "公开03表\n金额单位：万元\n项目\t\t本年支出合计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n合计\t\t0.04\t0.01\t0.01\n"
    assert not findings(table, "table.sum")
    (warning,) = findings(table, "table.sum", "warning")
    assert warning.stated == "0.04" and "读法未能由报表自身的恒等式或其他报表、正文确认" in warning.message


def test_truncated_table_is_an_info_note_not_an_error(etdz_tables):
    tables, _ = etdz_tables
    assert truncated(tables["表05"]) and not truncated(tables["表03"])
    notes = findings(ETDZ, "table.layout", "info")
    assert len(notes) == 1 and "公开05表" in notes[0].message and "截断" in notes[0].message


MALFORMED = """支出决算表
公开03表
金额单位：万元
项目\t\t本年支出合计\t基本支出\t项目支出
功能分类科目编码\t科目名称
栏次\t\t1\t2\t3
{total_row}
201\t一般公共服务支出\t100.00\t{basic}\t40.00{extra}
20103\t政府办公厅（室）及相关机构事务\t100.00\t60.00\t40.00
"""


def malformed(total_row="合计\t\t100.00\t60.00\t40.00", basic="60.00", extra=""):
    return MALFORMED.format(total_row=total_row, basic=basic, extra=extra)


def test_malformed_tables_never_give_a_false_error():
    assert not findings(malformed(), None) and not findings(malformed(), None, "info")
    # a merged header row with fewer cells than the rest, a ragged data row
    report = auditor.check(malformed(extra="\t\t99.00"))
    assert not report.errors
    assert any("多出" in f.message for f in report.findings if f.severity == "info")
    # a word in a money cell: said once, and the identities through it skipped
    report = auditor.check(malformed(basic="六十"))
    assert not report.errors
    assert [f.rule for f in report.findings] == ["table.layout"] and "六十" in report.findings[0].message
    # no 合计 row: nothing to check it against, nothing invented
    assert not auditor.check(malformed(total_row="")).errors


def test_missing_total_row_named_in_an_info_note():
    start, end = line_of("公开01表"), line_of("注：本表反映部门（或单位）本年度的总收支")
    lines = [line for i, line in enumerate(LINES[start - 3 : end], start=start - 2) if not line.startswith("总计")]
    report = auditor.check("\n".join(lines))
    assert not report.errors
    assert any("没有「总计」行" in f.message for f in report.findings if f.severity == "info")


# --- The formula language ---------------------------------------------------------------------


def test_formula_statements_of_each_kind():
    rows = parse_line("table.sum 表03 每行: 本年支出合计 = 基本支出 + 项目支出 - 上缴上级支出")
    assert (rows.kind, rows.table.name, [t.sign for t in rows.right]) == ("rows", "表03", [1, 1, -1])
    column = parse_line("table.sum 表01收入 列 金额: 本年收入合计 = sum(编号行)  # 一…八")
    assert (column.kind, column.column, column.right[0].aggregate) == ("column", "金额", "编号行")
    assert parse_line("table.hierarchy 表06人员经费 科目层级").kind == "hierarchy"
    cross = parse_line("table.cross 表01支出[每类, 金额] = 表03[每类, 本年支出合计]")
    assert (cross.kind, cross.left[0].table.name, cross.right[0].column) == ("cross", "表01支出", "本年支出合计")
    assert parse_line("   # a comment") is None
    assert parse_cell("表04收入[国有资本经营预算财政拨款|国有资本经营财政拨款, 金额]").row.count("|") == 1


@pytest.mark.parametrize("bad", ["table.sum 表03 每行 本年支出合计 = 基本支出", "table.total 表03 科目层级",
                                 "table.cross 表01支出[合计, 金额] = 项目支出", "table.sum 表03 每行: 合计 = sum(类)"])
def test_formula_errors_name_the_line(bad):
    with pytest.raises(FormulaError, match="tables.rules:7"):
        parse_line(bad, "tables.rules:7")


def test_a_rule_added_in_an_offices_rules_dir_is_evaluated(tmp_path):
    """An office adds an identity in its own rules folder (``rules-dirs``); only it explains the new finding."""
    (tmp_path / "本省.rules").write_text("table.cross 表03[合计, 项目支出] = 表05[合计, 项目支出]\n", encoding="utf-8")
    with_extra = auditor.Config(rules_dirs=(tmp_path,))
    assert not [f for f in auditor.check(Document(TEXT, "etdz.txt"), config=with_extra).findings if f.rule == "table.cross"]
    line = line_of("合计", line_of("公开05表"))
    doc = edited(line, "600.11", "610.11")
    before = set(auditor.check(doc, config=auditor.Config()).findings)
    (added,) = set(auditor.check(doc, config=with_extra).findings) - before
    assert added.rule == "table.cross" and added.location.line == line_of("合计", line_of("公开03表"))
    assert [r.line for r in added.related] == [line]


def test_a_broken_rule_file_in_a_rules_dir_names_the_file_and_line(tmp_path):
    (tmp_path / "本省.rules").write_text("# 本省补充\ntable.cross 表03[合计 项目支出] = 表05[合计, 项目支出]\n", encoding="utf-8")
    with pytest.raises(FormulaError, match=r"本省\.rules:2"):
        auditor.check(Document(TEXT, "etdz.txt"), config=auditor.Config(rules_dirs=(tmp_path,)))


# --- Prose against the tables -------------------------------------------------------------------


def test_prose_figures_agree_with_the_tables_on_the_corpus():
    assert not findings(ETDZ, "xref.table")


def test_prose_figure_against_its_table_cell():
    line = line_of("本部门2023年度本年支出合计")
    (f,) = findings(edited(line, "基本支出1320.27", "基本支出1302.27"), "xref.table")
    assert f.location.line == line and f.stated == "1302.27万元"
    assert "公开03表「合计」基本支出 1,320.27" in f.message
    assert [r.line for r in f.related] == [line_of("合计", line_of("公开03表"))]


def test_the_same_words_name_another_table_under_another_heading():
    # 支出决算 under 1.因公出国（境）费 is 公开09表's 决算数 of that item
    line = next(i + 1 for i, text in enumerate(LINES) if "因公出国（境）费支出预算" in text)
    (f,) = findings(edited(line, "支出决算23.45", "支出决算32.45"), "xref.table")
    assert "公开09表（决算数）" in f.message and "因公出国(境)费" in f.message


def test_share_of_a_base_only_the_table_states():
    line = next(i + 1 for i, text in enumerate(LINES) if "占一般公共预算项目支出总额的" in text)
    assert not findings(ETDZ, "xref.table")
    (f,) = findings(edited(line, "总额的 100%", "总额的 90%"), "xref.table")
    assert "公开05表" in f.message and f.expected.startswith("99.9")


def test_unit_slip_against_a_table_when_the_prose_states_the_figure_once():
    line = next(i + 1 for i, text in enumerate(LINES) if "人员经费 1245.53" in text)
    (f,) = findings(edited(line, "人员经费 1245.53 万元", "人员经费 1245.53 元"), "xref.table")
    assert "单位疑误" in f.message
