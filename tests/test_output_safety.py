"""Document text reaches the reader shown, never acting (issue 22, item 4).

A disclosure (or its file name) can carry terminal escape sequences and bidirectional
overrides: printed raw, ``ESC [2J`` clears the screen and U+202E makes ``100.00`` display
as ``00.001``, so the figure the reader sees would not be the figure that was audited.
"""

import io
import json
import re

import pytest

import auditor
from auditor.cli import main
from auditor.progress import ProgressBar
from auditor.report.controls import visible
from auditor.report.html import format_html
from auditor.report.notebook import notebook_html
from auditor.report.text import format_text
from auditor.rules import all_rules

CLEAR_SCREEN = "\x1b[2J"
SET_TITLE = "\x1b]0;pwned\x07"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
C1 = "\x9b"  # CSI as one C1 character: some terminals read it as ESC [
ISOLATES = "\u2066\u2067\u2068\u2069"
ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# One real error (万元 dropped on line 4), its line carrying a screen-clearing sequence, a window title
# and an override in its label; line 6 an override just before a figure (100.00 with its unit dropped).
DISCLOSURE = (
    "一、收入支出决算总体情况说明\n"
    "本年收入合计774.37万元，本年支出合计774.37万元。\n"
    "二、支出决算情况说明\n"
    f"{SET_TITLE}{CLEAR_SCREEN}本年{RLO}支出合计774.37元，其中{C1}基本支出{ISOLATES}100.00万元。\n"
    "三、其他\n"
    f"本年支出合计774.37万元，与上年持平。{RLO}100.00\n"
)


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / f"决算{CLEAR_SCREEN}{RLO}.txt"
    path.write_text(DISCLOSURE, encoding="utf-8")
    return path


def test_visible_writes_every_acting_character_as_its_escape():
    assert visible(f"a{CLEAR_SCREEN}b{RLO}c{C1}d\ne\tf") == "a\\x1b[2Jb\\u202ec\\x9bd\\x0ae\tf"
    assert visible("本年支出合计 774.37 万元") == "本年支出合计 774.37 万元"


def test_the_text_report_shows_controls_in_messages_and_paths_as_escapes(hostile, capsys):
    code = main(["check", str(hostile)])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    assert not ACTING.search(out), repr(out)
    [line] = [line for line in out.splitlines() if line.startswith(visible(str(hostile)) + ":4:")]
    assert " error [unit] " in line and "pwned\\x07\\x1b[2J本年\\u202e支出合计 774.37 元" in line  # the label as read, shown


def test_the_progress_bar_shows_a_file_name_with_escapes():
    stream = io.StringIO()
    ProgressBar(stream)(1, 2, f"/tmp/{CLEAR_SCREEN}{RLO}决算.txt")
    drawn = stream.getvalue()
    assert drawn.count("\x1b") == 1 and drawn.startswith("\r\x1b[K")  # only the bar's own line clearing
    assert drawn.endswith("1/2 \\x1b[2J\\u202e决算.txt") and RLO not in drawn


def test_the_html_page_shows_controls_as_markers_and_isolates_document_text(hostile):
    report = auditor.check(hostile)
    assert [(f.rule, f.location.line) for f in report.errors] == [("unit", 4), ("unit", 6)]
    page = format_html(report, all_rules())
    assert not ACTING.search(page), sorted({hex(ord(c)) for c in ACTING.findall(page)})
    assert '<span class="ctl" title="控制字符 U+202E">\\u202e</span>100.00' in page  # the figure reads 100.00, after a marker
    assert '<span class="ctl" title="控制字符 U+001B">\\x1b</span>[2J' in page
    assert "unicode-bidi:isolate" in page
    assert f"<title>核查报告：{visible(str(hostile))}</title>" in page


def test_the_notebook_table_shows_controls_as_markers(hostile):
    html = notebook_html(auditor.check(hostile), all_rules())
    assert not ACTING.search(html)
    assert "\\u202e</span>" in html and "unicode-bidi:isolate" in html


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_keep_controls_escaped_and_parse_back_to_the_document_text(hostile, capsys, fmt):
    code = main(["check", "--format", fmt, str(hostile)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert not ACTING.search(out)
    data = json.loads(out)
    messages = [f["message"] for f in data["findings"]] if fmt == "json" else [r["message"]["text"] for r in data["runs"][0]["results"]]
    assert any(f"pwned\x07{CLEAR_SCREEN}本年{RLO}支出合计 774.37 元" in m for m in messages)
    if fmt == "json":
        assert data["files"][0]["path"] == str(hostile)


def test_the_in_memory_formats_are_safe_too(hostile):
    report = auditor.check(hostile)
    assert not ACTING.search(format_text(report))
    assert not ACTING.search(report.to_json())
    assert json.loads(report.to_json())["findings"][0]["excerpt"].startswith(SET_TITLE)
