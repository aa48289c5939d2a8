"""The hostile and broken inputs of issues 16 and 22, each run through the CLI: exit status, message, time, peak memory.

    python -m benchmarks.hostile                     # this checkout
    python -m benchmarks.hostile --code /work/main   # another checkout, to compare (before/after)
    python -m benchmarks.hostile --only pdf          # the cases whose name holds "pdf"

Each input is built in a temporary folder and audited by ``python -m auditor check`` in a
process of its own, under a time limit and an address-space limit (so an input that would
take the machine only takes its own process). Two peaks: the largest resident set of any
one process (``ru_maxrss`` of the children), and the process tree's, the resident sets of
the auditor and every process under it (the PDF reader's child) added up, sampled every
10 ms from /proc (pages a forked child shares with its parent are counted twice, so this
errs high). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
EMERGENCY = CORPUS / "qinhuangdao-emergency-center-2023.txt"
ETDZ = CORPUS / "qinhuangdao-etdz-office-2023.txt"
MB = 2**20


def _docx(path: Path, document_xml: bytes) -> Path:
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", ct)
        package.writestr("_rels/.rels", rels)
        with package.open("word/document.xml", "w") as part:
            for start in range(0, len(document_xml), 16 * MB):
                part.write(document_xml[start : start + 16 * MB])
    return path


def _lie(path: Path, part: str, declared: int) -> None:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        entry = package.getinfo(part)
    struct.pack_into("<I", data, entry.header_offset + 22, declared)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == part.encode():
            struct.pack_into("<I", data, at + 24, declared)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def build(folder: Path) -> dict[str, list[str]]:
    """Each input of the issue: name → the arguments after ``auditor check``."""
    cases: dict[str, list[str]] = {}
    text = EMERGENCY.read_text(encoding="utf-8")
    etdz = ETDZ.read_text(encoding="utf-8")

    def put(name: str, data: bytes | str) -> str:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return str(path)

    lines = etdz.split("\n")
    start = lines.index("公开05表")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("公开06表"))
    kept = [ln for i, ln in enumerate(lines) if not (start < i < end and (ln[:3].isdigit() or ln.startswith("合计")))]
    cases["empty 公开05表"] = [put("empty05.txt", "\n".join(kept))]
    cases["占 28 nines %"] = [put("share28.txt", "本年支出合计774.37万元，其中：基本支出395.91万元，"
                                                 "占9999999999999999999999999999%；项目支出378.46万元，占48.9%。")]
    cases["30-digit amount in 其中"] = [put("sum30.txt", "本年支出合计774.37万元，其中："
                                                         "基本支出123456789012345678901234567890.12万元；项目支出378.46万元。")]

    body = (b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W.encode() + b"><w:body>"
            + b"<w:p/>" * (1024 * MB // 6) + b"</w:body></w:document>")
    liar = _docx(folder / "liar.docx", body)
    _lie(liar, "word/document.xml", 5 * MB)
    del body
    cases["docx declaring 5 MB, 1 GiB inflated"] = [str(liar)]

    # Empty paragraphs with a revision id now and then, so the part compresses about 30:1 as the did.
    import random

    rng = random.Random(16)
    run = b"".join(b'<w:p w:rsidR="%08X"/>' % rng.getrandbits(32) + b"<w:p/>" * 3 for _ in range(65536))
    paragraphs = (b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W.encode() + b"><w:body>"
                  + run * (190 * MB // len(run)) + b"</w:body></w:document>")
    cases["docx of 190 MB empty paragraphs"] = [str(_docx(folder / "paragraphs.docx", paragraphs))]
    del paragraphs

    sys.path.insert(0, str(ROOT / "tests"))
    from test_hostile_office import workbook_with_shared_string  # the same builder the tests use

    cases["xlsx: 9 MB shared string x 200 cells"] = [str(workbook_with_shared_string(folder / "shared.xlsx", "数" * (3 * MB), 200))]
    utf16 = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
             f"<w:document {W}><w:body><w:p><w:r><w:t>&lol1;</w:t></w:r></w:p></w:body></w:document>").encode("utf-16-le")
    cases["docx XML in UTF-16 without BOM, with a DTD"] = [str(_docx(folder / "utf16.docx", utf16))]

    cases["1.1.1.… 1 MB text"] = [put("dots.txt", "1." * (MB // 2))]
    cases["1,1,1,… 1 MB text"] = [put("commas.txt", "1," * (MB // 2))]
    cases["UTF-8 BOM only"] = [put("bom.txt", b"\xef\xbb\xbf")]
    cases["CR-only line ends"] = [put("cr.txt", text.replace("\n", "\r"))]
    cases["whole document on one line"] = [put("oneline.txt", "".join(ln.strip() for ln in text.split("\n")))]
    cases["hello world"] = [put("hello.txt", "hello world\n")]
    pdf_folder = folder / "with-pdf"
    pdf_folder.mkdir()
    (pdf_folder / "a.txt").write_text(text, encoding="utf-8")
    (pdf_folder / "b.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (pdf_folder / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    cases[".pdf/.doc in a folder"] = [str(pdf_folder)]
    cases.update(_pdf_cases(put))
    victim = put("victim.txt", text)
    cases["-o naming the input"] = [victim, "-o", victim]
    cases["--write-baseline naming the input"] = [victim, "--write-baseline", victim]
    gb = bytearray(etdz.encode("gb18030"))
    at = len(gb) // 2
    while gb[at] < 0x80:
        at += 1
    gb[at] = 0xFF
    cases["one corrupt byte in a GB18030 file"] = [put("corrupt.txt", bytes(gb))]
    cases["U+200B inside 万元"] = [put("zwsp.txt", text.replace("万元", "万\u200b元"))]
    return cases


def _pdf_cases(put) -> dict[str, list[str]]:
    """The PDFs of issue 22, built by tests/build_pdf.py as the tests build them."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import build_pdf
    except ImportError:  # reportlab missing: no PDF cases
        return {}
    text = b"BT /F1 12 Tf 72 810 Td (Budget 774.37) Tj ET"
    helvetica = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
    import random

    rng = random.Random(22)
    strokes = b"".join(b"%d %d m %d %d l S\n" % tuple(rng.randrange(600) for _ in range(4)) for _ in range(100_010))
    itself = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Me 5 0 R >> " + helvetica
              + b" >> /Length %d >>")
    content = text + b" /Me Do /Me Do"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Me 5 0 R >> >> >>"
    cases = {
        "pdf: 2 Flate layers, 2.1 GB in 4 KB": build_pdf.layered_bomb(1),
        "pdf: 4 such streams": build_pdf.layered_bomb(4),
        "pdf: forms drawing forms, 10^10 in 3 KB": build_pdf.form_laughs(),
        "pdf: a form drawing itself twice": build_pdf.raw_pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
             b"<< /Length %d >>" % len(content), itself % len(content)], {3: content, 4: content}),
        "pdf: 1,000,000 strokes in 28 KB": build_pdf.many_paths(),
        "pdf: 100,010 strokes that do not compress": build_pdf.pages_pdf([text + b"\n" + strokes], ["FlateDecode"], helvetica),
        "pdf: 22,500 dashes and a line of text": build_pdf.dashed_grid(22_500, text),
        "pdf: 3 Flate layers under ASCIIHex": build_pdf.pages_pdf([text + b" " * (6 << 20)], ["ASCIIHexDecode", "FlateDecode", "FlateDecode"],
                                                                helvetica),
    }
    if build_pdf.FONT_FILE.exists():
        body = ["本年支出合计 774.37 万元，其中：基本支出 395.91 万元，项目支出 378.46 万元。", "二、一般公共预算财政拨款支出 100.00 万元。"]
        for angle in (90, 30):
            def turned(c, _, angle=angle):
                c.translate(300, 420)
                c.rotate(angle)
                c.setFont(build_pdf.CJK, 12)
                for i, line in enumerate(body):
                    c.drawString(-250, -22 * i, line)
            cases[f"pdf: text turned {angle}°"] = build_pdf.draw_bytes(turned)
    return {name: [put(f"hostile-{n}.pdf", data)] for n, (name, data) in enumerate(cases.items())}


def _tree_rss(pid: int) -> int:
    """Bytes resident in ``pid`` and every process under it (0 for a process already gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * resource.getpagesize()
            with open(f"/proc/{current}/task/{current}/children", "rb") as children:
                todo += [int(child) for child in children.read().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def run(code: Path, args: list[str], limit_s: int, limit_mb: int) -> tuple[int | str, str, float, float, float]:
    """(exit status or what stopped it, first message line, seconds, peak RSS in MB, process tree's peak in MB) of one CLI run."""
    env = {**os.environ, "PYTHONPATH": str(code)}

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * MB, limit_mb * MB))

    began = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", "--jobs", "1", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, preexec_fn=limits, cwd=code)
    tree_peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            tree_peak[0] = max(tree_peak[0], _tree_rss(proc.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=limit_s)
        status: int | str = proc.returncode
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        status = f"killed at {limit_s}s"
    elapsed = time.monotonic() - began
    sampler.join()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far (KB on Linux)
    text = (out.decode("utf-8", "replace") + err.decode("utf-8", "replace")).strip().splitlines()
    interesting = [ln for ln in text if "Traceback" in ln or "Error" in ln] or [ln for ln in text if "核对范围" not in ln]
    message = (interesting[-1] if "Traceback" in " ".join(text) else (interesting[0] if interesting else "")).replace("|", "\\|")
    if isinstance(status, int) and status < 0:
        status = f"signal {-status}"
    return status, message[:110], elapsed, peak, tree_peak[0] / MB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose auditor is run (default: this one)")
    parser.add_argument("--time-limit", type=int, default=120)
    parser.add_argument("--memory-limit", type=int, default=6144, help="address-space limit per run, MB")
    parser.add_argument("--only", help="comma-separated parts of case names (pdf: the PDF cases)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = build(Path(tmp))
        print(f"code: {args.code}\n\n| input | exit | message | time | peak RSS | tree peak |\n|---|---|---|---|---|---|")
        for name, argv in cases.items():
            if args.only and not any(wanted in name for wanted in args.only.split(",")):
                continue
            # A fresh measuring process per case, so RUSAGE_CHILDREN's maximum is this case's.
            result = subprocess.run([sys.executable, "-c", (
                "import sys, json; sys.path.insert(0, sys.argv[1]); from benchmarks.hostile import run;"
                "print(json.dumps(run(__import__('pathlib').Path(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))))"),
                str(ROOT), str(args.code), __import__("json").dumps(argv), str(args.time_limit), str(args.memory_limit)],
                capture_output=True, text=True)
            try:
                status, message, elapsed, peak, tree = __import__("json").loads(result.stdout)
            except ValueError:
                status, message, elapsed, peak, tree = "?", result.stderr.strip().splitlines()[-1:] or [""], 0, 0, 0
            print(f"| {name} | {status} | {message} | {elapsed:.2f} s | {peak:.0f} MB | {tree:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
