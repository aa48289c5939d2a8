"""Nothing a PDF can do takes the machine or fools the reader (issue 22, items 1 and 2).

Every hostile PDF is built here, small, by tests/build_pdf.py: streams under several
filter layers, forms drawing forms, pages of a million strokes or of thousands of
dashes, text set at an angle. Each is refused with the file and the reason (exit 2, a
batch goes on) or read as a person reads it; none is timed here (benchmarks/hostile.py
measures them).
"""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from build_pdf import (  # noqa: E402
    CJK,
    FONT_FILE,
    dashed_grid,
    draw_bytes,
    form_laughs,
    layered_bomb,
    many_paths,
    pages_pdf,
    raw_pdf,
)
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import auditor  # noqa: E402
from auditor.cli import main  # noqa: E402
from auditor.read import InputError, pdfscan, read_path, worker  # noqa: E402  # noqa: E402
from auditor.read import pdf as pdf_reader  # noqa: E402

if not FONT_FILE.exists():
    pytest.skip(f"the CJK font {FONT_FILE} is missing (apt-get install fonts-wqy-microhei)", allow_module_level=True)

CORPUS = Path(__file__).parent / "fixtures" / "pdf"
BODY = ["本年支出合计 774.37 万元，其中：基本支出 395.91 万元，项目支出 378.46 万元。", "二、一般公共预算财政拨款支出 100.00 万元。"]


def reason_of(path) -> str:
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.path == str(path) and "\n" not in str(info.value)
    return info.value.reason


def text_page(text: bytes = b"(Budget 774.37) Tj") -> bytes:
    """A content stream showing ``text`` in Helvetica (resources: /F1)."""
    return b"BT /F1 12 Tf 72 700 Td " + text + b" ET"


HELVETICA = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"


# --- streams: the whole filter chain ------------------------------------------------------------


@pytest.mark.parametrize("streams", [1, 4])
def test_a_stream_under_two_flate_layers_is_a_bomb_not_a_scan(tmp_path, streams):
    path = tmp_path / "layers.pdf"
    path.write_bytes(layered_bomb(streams))
    assert path.stat().st_size < 4096 * streams  # 2.1 GB a stream, in a few KB
    reason = reason_of(path)
    assert "解压炸弹" in reason and "扫描" not in reason


@pytest.mark.parametrize("chain", [["FlateDecode", "FlateDecode", "FlateDecode"], ["ASCIIHexDecode", "FlateDecode", "FlateDecode"],
                                   ["ASCII85Decode", "FlateDecode", "RunLengthDecode"], ["LZWDecode", "FlateDecode"],
                                   ["FlateDecode", "RunLengthDecode"]])
def test_every_filter_of_a_chain_is_followed_and_counted(tmp_path, chain):
    content = text_page() + b"\n" + b" " * (6 * 2**20)
    pdf = pages_pdf([content], chain, HELVETICA)
    (tmp_path / "bomb.pdf").write_bytes(pdf)
    assert "解压炸弹" in reason_of(tmp_path / "bomb.pdf")  # past the content floor at 200 times its size


@pytest.mark.parametrize("chain", [["ASCIIHexDecode", "FlateDecode"], ["ASCII85Decode"], ["RunLengthDecode"], ["LZWDecode"],
                                   ["FlateDecode", "ASCIIHexDecode"], ["LZWDecode", "RunLengthDecode"]])
def test_a_page_under_any_chain_reads_as_pdfium_decodes_it(tmp_path, chain):
    (tmp_path / "chain.pdf").write_bytes(pages_pdf([text_page(b"(Budget 774.37 and 395.91) Tj")], chain, HELVETICA))
    assert read_path(tmp_path / "chain.pdf").lines == ["Budget 774.37 and 395.91"]


def test_the_decoders_give_back_what_was_encoded_whatever_the_chunks():
    from build_pdf import _lzw, _run_length

    rng = random.Random(22)
    for size in (0, 1, 100, 5000, 70000):
        for alphabet in (b"0 0 m S\n", bytes(range(256))):
            data = bytes(rng.choice(alphabet) for _ in range(size))
            for decoder, encoded in [(pdfscan._lzw, _lzw(data)), (pdfscan._run_length, _run_length(data)),
                                     (pdfscan._ascii85, base64.a85encode(data) + b"~>"), (pdfscan._hex, data.hex().encode() + b">"),
                                     (pdfscan._flate, zlib.compress(data))]:
                cut = rng.randint(1, 999)
                chunks = iter([encoded[i:i + cut] for i in range(0, len(encoded), cut)])
                assert b"".join(decoder(chunks, {})) == data, (decoder.__name__, size)


def test_an_image_codec_ends_a_chain_and_a_chain_pdfium_refuses_decodes_nothing():
    bomb = zlib.compress(zlib.compress(b"\0" * 2**28))
    for filters, counted in [(b"[/FlateDecode /DCTDecode]", True), (b"[/DCTDecode /FlateDecode /FlateDecode]", False)]:
        image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter " + filters + b" /Length %d >>" % len(bomb)
        data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", image], {2: bomb})
        found = pdfscan.Scan("x.pdf", data)
        found.read_objects()
        (stream,) = found.objects[3]
        found.decode(stream)
        assert found.inflated == (len(zlib.compress(b"\0" * 2**28)) if counted else 0)  # the first Flate only; the DCT is never decoded


def test_a_huge_total_of_small_streams_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfscan, "MAX_INFLATED", 4 * 2**20)
    blobs = [zlib.compress(random.Random(i).randbytes(2**20)) for i in range(6)]  # incompressible: no ratio catches them
    extra = [(b"<< /Filter /FlateDecode /Length %d >>" % len(blob), blob) for blob in blobs]
    (tmp_path / "many.pdf").write_bytes(pages_pdf([text_page()], None, HELVETICA, extra))
    assert "总量超过 4 MB" in reason_of(tmp_path / "many.pdf")


# --- pages: objects and forms, counted before pdfium parses them --------------------------------


def test_forms_drawing_forms_are_counted_as_drawn_and_refused(tmp_path):
    (tmp_path / "laughs.pdf").write_bytes(form_laughs())  # 10^10 drawings in 3 KB
    assert "第1页的内容超出限度" in reason_of(tmp_path / "laughs.pdf")


def test_a_few_forms_drawn_a_few_times_read_as_usual(tmp_path):
    (tmp_path / "forms.pdf").write_bytes(form_laughs(depth=2, fanout=3))  # 9 drawings of a form showing "1"
    document = read_path(tmp_path / "forms.pdf")
    assert set(document.text.replace(" ", "").replace("\n", "")) == {"1"}


def _self_drawing(times: int) -> bytes:
    """A page drawing a form that shows a line of text and draws itself ``times`` times."""
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Me 5 0 R >> " + HELVETICA + b" >> /Length %d >>"
    content = text_page() + b" /Me Do" * times
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Me 5 0 R >> " + HELVETICA + b" >> >>"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
                    b"<< /Length %d >>" % len(content), form % len(content)], {3: content, 4: content})


def test_a_form_drawing_itself_is_counted_as_deep_as_pdfium_draws_it(tmp_path):
    """pdfium keeps no set of the forms it is inside: a form drawing itself once is drawn 41 deep, twice is 2^41 drawings."""
    (tmp_path / "once.pdf").write_bytes(_self_drawing(1))
    assert read_path(tmp_path / "once.pdf").lines == ["Budget 774.37"]  # 41 copies in one place, read once
    (tmp_path / "twice.pdf").write_bytes(_self_drawing(2))
    assert "第1页的内容超出限度" in reason_of(tmp_path / "twice.pdf")


def test_a_million_strokes_on_a_page_are_refused(tmp_path):
    (tmp_path / "paths.pdf").write_bytes(many_paths())
    assert (tmp_path / "paths.pdf").stat().st_size < 32 * 1024
    assert "第1页的内容超出限度" in reason_of(tmp_path / "paths.pdf")


def test_strokes_that_do_not_compress_are_counted_one_by_one(tmp_path):
    rng = random.Random(3)
    strokes = b"".join(b"%d %d m %d %d l S\n" % tuple(rng.randrange(600) for _ in range(4)) for _ in range(pdfscan.MAX_PAGE_OBJECTS + 10))
    assert len(zlib.compress(strokes)) * 5 > len(strokes)  # no ratio catches it
    (tmp_path / "strokes.pdf").write_bytes(pages_pdf([text_page() + b"\n" + strokes], ["FlateDecode"], HELVETICA))
    assert "超过 100000 个图形对象" in reason_of(tmp_path / "strokes.pdf")
    fewer = strokes[: strokes.index(b"\n", len(strokes) // 3) + 1]
    (tmp_path / "fewer.pdf").write_bytes(pages_pdf([text_page() + b"\n" + fewer], ["FlateDecode"], HELVETICA))
    assert read_path(tmp_path / "fewer.pdf").lines == ["Budget 774.37"]


def test_a_page_shared_by_many_pages_counts_on_each_and_in_the_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfscan, "MAX_OBJECTS", 5000)
    strokes = b"0 0 m 9 9 l S\n" * 1000
    (tmp_path / "shared.pdf").write_bytes(pages_pdf([text_page() + b"\n" + strokes] * 6, ["FlateDecode"], HELVETICA))
    assert "各页图形对象合计超过 5000 个" in reason_of(tmp_path / "shared.pdf")


def test_pages_are_counted_again_after_pdfium_loads_them(tmp_path, monkeypatch):
    """The second wall: what the byte scan could not see (it is skipped here) is counted before the text is extracted."""
    monkeypatch.setattr(pdf_reader, "scan", lambda name, data: None)
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_OBJECTS", 500)
    (tmp_path / "strokes.pdf").write_bytes(pages_pdf([text_page() + b"\n" + b"0 0 m 9 9 l S\n" * 600], ["FlateDecode"], HELVETICA))
    assert "第1页的图形对象超过 500 个" in reason_of(tmp_path / "strokes.pdf")
    (tmp_path / "forms.pdf").write_bytes(form_laughs(depth=3, fanout=9))  # 729 forms, each a text and a stroke
    assert "第1页的图形对象超过 500 个" in reason_of(tmp_path / "forms.pdf")


def test_the_corpus_pdfs_are_far_inside_every_bound():
    for path in sorted(CORPUS.glob("*.pdf")):
        found = pdfscan.Scan(str(path), path.read_bytes())
        found.read_objects()
        found.read_object_streams()
        pages = found.pages()
        assert len(pages) in (23, 24, 30)
        pdfscan.scan(str(path), path.read_bytes())
        for page, _ in pages:
            for stream in found.contents(page):
                found.decode(stream, content=True)
                assert stream.objects < pdfscan.MAX_PAGE_OBJECTS // 20 and stream.size < pdfscan.MAX_PAGE_CONTENT // 20


def test_an_encrypted_pdf_with_an_empty_user_password_is_still_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "owner.pdf"), encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    c.setFont(CJK, 12)
    c.drawString(72, 700, BODY[0])
    c.showPage()
    c.save()
    assert read_path(tmp_path / "owner.pdf").lines == [BODY[0]]


# --- the table finder -------------------------------------------------------------------------


def _brute_force_groups(horizontal, vertical) -> set[frozenset]:
    """The table finder's definition, pair by pair: rules that touch (within _SNAP) are in one group."""
    snap = pdf_reader._SNAP
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if h.lo - snap <= v.at <= h.hi + snap and v.lo - snap <= h.at <= v.hi + snap:
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, set] = {}
    for i in range(len(parent)):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


_COORD = st.integers(0, 120).map(lambda v: v / 2)
_RULES = st.lists(st.tuples(_COORD, _COORD, _COORD), max_size=25)


@settings(max_examples=80, deadline=None)
@given(_RULES, _RULES)
def test_the_sweep_joins_exactly_the_rules_that_touch(h_rules, v_rules):
    horizontal = [pdf_reader._Rule(at, min(a, b), max(a, b)) for at, a, b in h_rules]
    vertical = [pdf_reader._Rule(at, min(a, b), max(a, b)) for at, a, b in v_rules]
    index = {id(rule): i for i, rule in enumerate(horizontal + vertical)}
    found = {frozenset(index[id(rule)] for rule in hs + vs) for hs, vs in pdf_reader.touching(horizontal, vertical)}
    assert found == _brute_force_groups(horizontal, vertical)


def test_a_page_of_dashes_is_read(tmp_path):
    (tmp_path / "dashes.pdf").write_bytes(dashed_grid(4000, text_page()))
    assert read_path(tmp_path / "dashes.pdf").lines[-1] == "Budget 774.37"


# --- text set at an angle -----------------------------------------------------------------------


def _turned(angle: float, lines=BODY, rules: bool = False):
    def draw(c, _):
        c.saveState()
        c.translate(300, 420)
        c.rotate(angle)
        c.setFont(CJK, 12)
        for i, line in enumerate(lines):
            if rules:
                x = -250.0
                for cell in line.split("\t"):
                    c.drawString(x + 3, -22 * i - 15, cell)
                    x += 120
            else:
                c.drawString(-250, -22 * i, line)
        if rules:
            for i in range(len(lines) + 1):
                c.line(-250, -22 * i + 4, -250 + 120 * 3, -22 * i + 4)
            for k in range(4):
                c.line(-250 + 120 * k, 4, -250 + 120 * k, -22 * len(lines) + 4)
        c.restoreState()

    return draw


@pytest.mark.parametrize("angle", [90, 180, 270, -90])
def test_text_turned_by_a_right_angle_is_read_in_its_own_frame(tmp_path, angle):
    path = tmp_path / "turned.pdf"
    path.write_bytes(draw_bytes(_turned(angle)))
    document = read_path(path)
    assert document.lines == BODY and document.notes == ()
    x0, top, x1, bottom = document.places[0].bbox(0, 4)  # 本年支出, framed where it is printed on the page
    tall = angle % 180 != 0
    assert (bottom - top > x1 - x0) == tall


def test_a_table_turned_on_its_side_keeps_its_rows_and_cells(tmp_path):
    rows = ["项目\t年初预算数\t决算数", "基本支出\t312.50\t395.91", "项目支出\t66.00\t378.46"]
    path = tmp_path / "table.pdf"
    path.write_bytes(draw_bytes(_turned(90, rows, rules=True)))
    assert read_path(path).lines == rows


def test_oblique_text_is_named_and_a_pdf_of_nothing_else_is_refused(tmp_path):
    path = tmp_path / "oblique.pdf"
    path.write_bytes(draw_bytes(_turned(30)))
    assert f"第1页有 {len(''.join(BODY).replace(' ', ''))} 个字符斜排（逆时针约 30°），未能读取" in reason_of(path)

    aslant = "第二部分：其他支出 88.00 万元，上年 80.00 万元。"

    def mixed(c, n):
        c.setFont(CJK, 12)
        for i, line in enumerate(BODY):
            c.drawString(72, 760 - 20 * i, line)
        _turned(30, [aslant])(c, n)

    path.write_bytes(draw_bytes(mixed))
    document = read_path(path)
    assert document.lines == BODY
    assert document.notes == (f"第1页有 {len(aslant.replace(' ', ''))} 个字符斜排（逆时针约 30°），未能读取，其中的内容未核查",)


def test_a_document_mostly_unchecked_fails_strict_and_says_why(tmp_path, capsys):
    path = tmp_path / "garbled.txt"
    path.write_text("\n".join(f"第{i}项 {i}{i}.{i}0 万元 {i * 7}.5 万元" for i in range(1, 40)), encoding="utf-8")
    report = auditor.check(path)
    coverage = report.files[0].coverage
    assert coverage.figures > 20 and coverage.figures_checked * 4 < coverage.figures and coverage.mostly_unchecked
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", str(path)]) == 1
    assert "不足四分之一，不算通过" in capsys.readouterr().err
    capsys.readouterr()
    assert not auditor.check(CORPUS / "putuo-social-work-2024.txt").files[0].coverage.mostly_unchecked


# --- the last wall: a child process with a memory limit -----------------------------------------


def _allocate(name):
    return bytearray(512 * 2**20)


def _crash(name):
    os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would


def _refuse(name):
    raise InputError(name, "有理由")


def test_a_reader_past_its_memory_limit_costs_only_its_file(monkeypatch):
    monkeypatch.setattr(worker, "MAX_READ_MEMORY", 64 * 2**20)
    with pytest.raises(InputError) as info:
        worker.run_isolated("big.pdf", _allocate)
    assert info.value.path == "big.pdf" and "PDF 过大" in info.value.reason and "64 MB" in info.value.reason
    with pytest.raises(InputError) as info:
        worker.run_isolated("crash.pdf", _crash)
    assert "信号 9" in info.value.reason
    with pytest.raises(InputError) as info:
        worker.run_isolated("why.pdf", _refuse)
    assert (info.value.path, info.value.reason) == ("why.pdf", "有理由")
    assert worker.run_isolated("ok.pdf", lambda name: {"read": name}) == {"read": "ok.pdf"}


def test_the_reader_dies_with_its_parent(tmp_path):
    marker = tmp_path / "child.pid"
    script = (
        "import os, sys, time\n"
        "from auditor.read.worker import run_isolated\n"
        f"def read(name):\n    open({str(marker)!r}, 'w').write(str(os.getpid()))\n    time.sleep(60)\n"
        "run_isolated('slow.pdf', read)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    try:
        for _ in range(200):
            if marker.exists() and marker.read_text():
                break
            time.sleep(0.05)
        child = int(marker.read_text())
        parent.kill()
        parent.wait()
        for _ in range(100):
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                break
            with open(f"/proc/{child}/stat") as stat:
                if stat.read().split(")")[1].split()[0] == "Z":
                    break  # dead, waiting to be reaped by init
            time.sleep(0.05)
        else:
            os.kill(child, signal.SIGKILL)
            pytest.fail("the reader outlived its parent")
    finally:
        parent.kill()


def test_a_hostile_pdf_in_a_folder_disturbs_nothing_else(tmp_path, capsys):
    import shutil

    shutil.copy(CORPUS / "putuo-social-work-2024.pdf", tmp_path / "a-good.pdf")
    (tmp_path / "b-laughs.pdf").write_bytes(form_laughs())
    (tmp_path / "c-layers.pdf").write_bytes(layered_bomb())
    code = main(["check", str(tmp_path), "--format", "json", "--jobs", "2"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["a-good.pdf"]["error"] is None
    assert "内容超出限度" in files["b-laughs.pdf"]["error"] and "解压炸弹" in files["c-layers.pdf"]["error"]


def _spin(name):
    while True:
        pass


def test_a_reader_past_its_cpu_time_is_stopped(monkeypatch):
    monkeypatch.setattr(worker, "MAX_READ_SECONDS", 1)
    with pytest.raises(InputError) as info:
        worker.run_isolated("slow.pdf", _spin)
    assert "读取超过 1 秒 CPU 时间" in info.value.reason


def test_a_page_showing_megabytes_of_text_is_refused_before_pdfium_builds_its_text_layer(tmp_path):
    rng = random.Random(4)
    shows = b"".join(b"BT /F1 1 Tf 10 %d Td (" % i + bytes(rng.choice(b"0123456789abcdef") for _ in range(30000)) + b") Tj ET\n"
                     for i in range(12))
    (tmp_path / "text.pdf").write_bytes(pages_pdf([shows], ["FlateDecode"], HELVETICA))
    assert "256 KB 文字" in reason_of(tmp_path / "text.pdf")


def test_a_bomb_hidden_inside_another_streams_stretched_length_is_still_counted(tmp_path):
    """An object inside what a stream's /Length calls data is counted too: pdfium finds objects by their offsets
    (or by scanning a damaged file), not by where the scan thinks a stream ends."""
    bomb = zlib.compress(zlib.compress(b" " * 2**27))
    hidden = b"5 0 obj\n<< /Filter [/FlateDecode /FlateDecode] /Length %d >>\nstream\n" % len(bomb) + bomb + b"\nendstream\nendobj\n"
    cover = b"% " + hidden + b" "
    data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>", b"<< /Length %d >>" % len(cover)],
                   {3: cover})
    (tmp_path / "hidden.pdf").write_bytes(data)
    assert "解压炸弹" in reason_of(tmp_path / "hidden.pdf")
