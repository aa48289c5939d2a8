"""The document's views kept small (issue 24 item 3) read exactly as the plain ones they replace.

Prose maps back by runs of offsets, normalised lines share the lines normalising leaves
alone, a long text is normalised a chunk at a time, the checklist reads only the heading
lines, and a table cell keeps its width instead of its end: each is checked here against
the straightforward reading on realistic disclosure text.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.document import model
from auditor.document.layout import blocks, classify_lines, heading_lines
from auditor.document.model import Document, MappedTextBuilder, normalise, split_lines
from auditor.tables.reader import read_tables

# Full-width figures and punctuation, a hard wrap inside a figure, a zero-width space inside 万元,
# pinyin after a traditional character, and a title that is a sentence of its own (a break).
PROSE = (
    "一、收入支出决算总体情况说明\n"
    "本单位２０２３年度收、支总计774.3\n"
    "7万\u200b元，比上年增加１１２．３６万元。\n"
    "二、收入決算(jué)情况说明\n"
    "本年收入合计 774.37 万元，其中：财政拨款收入 700.00 万元，占 90.4%。\n"
)

TABLE = (
    "公开01表\n收入支出决算总表\n单位：万元\n"
    "项目\t决算数\t项目\t决算数\n"
    "一、一般公共预算财政拨款收入\t774.37\t一、一般公共服务支出\t774.37\n"
    "本年收入合计\t774.37\t本年支出合计\t774.37\n"
)


def _per_character(document: Document) -> list[tuple[str, list[int]]]:
    """What every block's text and per-character origins were before runs: rebuilt here one character at a time."""
    found = []
    for block in blocks(document):
        mapped = block.text
        found.append((mapped.text, [mapped.origin(i) for i in range(len(mapped.text))]))
    return found


def test_every_derived_character_maps_to_the_original_character_it_stands_for():
    document = Document(PROSE)
    for text, origins in _per_character(document):
        for ch, origin in zip(text, origins, strict=True):
            if ch == "\n":  # a break maps onto the character before it
                continue
            assert normalise(document.text[origin]) == ch, (ch, origin)
    joined = "".join(text for text, _ in _per_character(document))
    assert "774.37万元" in joined  # the wrap and the zero-width space are gone, the figure is whole
    assert "jué" not in joined  # the pinyin is left out


def test_a_run_maps_a_span_to_the_characters_a_person_sees():
    document = Document(PROSE)
    mapped = next(block.text for block in blocks(document) if "774.37万元" in block.text.text)
    at = mapped.text.index("774.37万元")
    start, end = mapped.span(at, at + len("774.37万元"))
    assert document.position(start) == (2, 15)  # "7" of 774.3, line 2
    assert document.position(end - 1) == (3, 4)  # 元 after the zero-width space, line 3
    assert mapped.span(at, at) == (start, start)  # an empty span stands where it starts
    assert len(mapped.starts) < len(mapped.text)  # runs, not one entry a character


def test_builder_runs_join_contiguous_pieces_and_start_anew_at_a_gap():
    builder = MappedTextBuilder()
    builder.add("本年收入", 10)
    builder.add("合计", 14)  # goes on where the last piece ended: one run
    builder.add_break()
    builder.add("支出", 40)  # a gap: a new run
    mapped = builder.build()
    assert mapped.text == "本年收入合计\n支出"
    assert [mapped.origin(i) for i in range(len(mapped.text))] == [10, 11, 12, 13, 14, 15, 15, 40, 41]


def test_lines_read_as_the_text_split_at_its_line_ends_and_hold_only_what_normalising_changed():
    for ending in ("\n", "\r\n", "\r"):
        text = (TABLE + PROSE + "（１）最后一行").replace("\n", ending)
        document = Document(text)
        plain = split_lines(text)
        assert document.lines == plain and list(document.lines) == plain and len(document.lines) == len(plain)
        assert [document.lines[i] for i in range(-len(plain), len(plain))] == plain + plain
        assert document.lines[2:5] == plain[2:5] and document.lines[-2:] == plain[-2:]
        normalised = [normalise(line) for line in plain]
        assert document.normalised_lines == normalised
        assert [document.normalised_lines[i] for i in range(len(plain))] == normalised
        # a line normalising leaves alone is cut from the text when asked, not held
        held = document.normalised_lines._changed
        assert [i for i, line in enumerate(held) if line is not None] == [i for i, line in enumerate(plain) if normalise(line) != line]
    assert Document("").lines == [""] and Document("a\n").lines == ["a", ""]


def test_a_long_text_is_normalised_as_a_short_one_across_its_chunks():
    text = ("本年收入合计７７４．３７万元（決算數），\t支出１１２．３６万元；\n" * 5000)  # past one chunk, cut mid-line
    assert len(text) > 1 << 16
    expected = "".join(normalise(ch) for ch in text)
    assert normalise(text) == expected
    for ending in ("\n", "\r\n", "\r"):
        document = Document(text.replace("\n", ending))
        assert document.normalised_text() == "".join(normalise(ch) for ch in document.text)


def test_heading_lines_are_the_headings_classify_lines_finds():
    document = Document(TABLE + PROSE)
    assert heading_lines(document) == tuple(line for line in classify_lines(document) if line.kind == "heading")
    assert [line.heading.marker for line in heading_lines(document)] == ["一、", "二、"]


def test_a_cell_kept_by_its_width_still_spans_its_figure():
    document = Document(TABLE)
    tables, _ = read_tables(document)
    cells = [cell for table in tables for row in table.rows for cell in row.cells.values() if cell.text]
    assert cells
    for cell in cells:
        assert document.text[cell.start : cell.end] == cell.text == "774.37"


def test_a_cell_counts_its_start_from_its_line_and_its_row_reads_as_a_dict():
    # a table whose figures stand past column 256 (a long label), and one with empty cells
    wide = TABLE.replace("一、一般公共预算财政拨款收入", "一、一般公共预算财政拨款收入" + "（说明）" * 70)
    for text in (TABLE, wide, TABLE.replace("\t774.37\n", "\t\n", 1)):
        document = Document(text)
        tables, _ = read_tables(document)
        rows = [row for table in tables for row in table.rows]
        assert rows
        for row in rows:
            plain = dict(row.cells.items())
            assert list(row.cells) == list(plain) and len(row.cells) == len(plain)
            assert {**row.cells} == plain and row.cells == plain
            for name, cell in plain.items():
                assert name in row.cells and row.cells[name] is cell and row.cells.get(name) is cell
                line_start = document.line_start(row.line)
                assert cell.line_start == line_start and cell.start == line_start + cell.column
                assert document.text[cell.start : cell.end] == cell.text
            assert row.cells.get("no such column") is None and "no such column" not in row.cells
    assert any(cell.column > 256 for table in read_tables(Document(wide))[0] for row in table.rows for cell in row.cells.values())


def test_a_mention_keeps_its_ends_as_widths_and_still_spans_its_figure_and_digits():
    from auditor.extract import extract

    document = Document(PROSE)
    mentions = extract(document).mentions
    assert mentions
    for mention in mentions:
        assert mention.end == mention.start + mention.width
        printed = normalise(document.text[mention.start : mention.number_end].replace("\n", ""))
        assert printed == mention.quantity.text
        assert mention.figure.end == mention.number_end


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["本年支出合计774.37万元", "（一）基本支出３９５．９１万元", "", "公开01表\t项目\t决算数", "\t"]),
                min_size=0, max_size=12),
       st.sampled_from(["\n", "\r\n", "\r"]), st.integers(min_value=1, max_value=4))
def test_lines_iterate_stretch_by_stretch_as_the_text_splits(monkeypatch, parts, line_end, at_once):
    """Iterating cuts a stretch of lines at a time (here 1–4, so every boundary between stretches is crossed), and a
    slice its lines by one split: the same lines as splitting the whole text, original and normalised, whatever the
    line ends."""
    monkeypatch.setattr(model, "_LINES_AT_ONCE", at_once)
    document = Document(text=line_end.join(parts), path="a.txt")
    plain = split_lines(document.text)
    normalised = [normalise(line) for line in plain]
    assert list(document.lines) == plain
    assert list(document.normalised_lines) == normalised
    for cut in (slice(1, None), slice(-3, None), slice(0, -1), slice(2, 1), slice(None, None, 2), slice(1, 5)):
        assert document.lines[cut] == plain[cut]
        assert document.normalised_lines[cut] == normalised[cut]
