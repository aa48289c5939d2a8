"""Build .docx and .xlsx versions of a corpus text file, to test the readers on real content.

The corpus is published as PDF-extracted text; offices write it in Word and Excel.
These builders put the same lines back into those formats, so a test can read
the .docx/.xlsx and compare with the text line for line:

* :func:`build_docx`: every line a paragraph, every run of TAB lines a table.
* :func:`build_prose_and_xlsx`: the standard tables of 第二部分 (公开01表 …) one
  sheet each, money figures as numbers formatted as they were written; the rest
  of the text, the prose, to a .txt.

As a script: ``python tests/build_formats.py CORPUS.txt OUTDIR`` writes
``OUTDIR/NAME.docx``, ``OUTDIR/NAME-prose.txt`` and ``OUTDIR/NAME-tables.xlsx``.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

#: A money figure as written in the tables: digits with a decimal point, maybe thousands separators.
MONEY = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
#: The title line that starts each standard table of 第二部分.
TABLE_TITLE = re.compile(r"^.*决算(总)?表$|^.*经费支出决算表$")
SHEET_LABEL = re.compile(r"公开\d+表")


def read_lines(text_path) -> list[str]:
    """The corpus lines without line ends."""
    return Path(text_path).read_text(encoding="utf-8").split("\n")


def is_table_line(line: str) -> bool:
    return "\t" in line.strip(" \r")


def build_docx(text_path, out_path) -> None:
    """Each line a paragraph; each run of consecutive TAB lines one table, rows padded to its widest row."""
    import docx

    document = docx.Document()
    lines = read_lines(text_path)
    i = 0
    while i < len(lines):
        if not is_table_line(lines[i]):
            document.add_paragraph(lines[i].removesuffix("\r"))
            i += 1
            continue
        run = []
        while i < len(lines) and is_table_line(lines[i]):
            run.append(lines[i].removesuffix("\r").split("\t"))
            i += 1
        width = max(len(fields) for fields in run)
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for fields in run:
            for cell, field in zip(table.add_row().cells, fields, strict=False):
                cell.text = field
    document.save(out_path)


def tables_section(lines: list[str]) -> tuple[int, int] | None:
    """``(first, end)`` line indexes of the standard tables of 第二部分, or None.

    The section is the exact heading "第二部分" that is followed within 12 lines
    by "公开01表" or "决算报表" (the table of contents names the part on a longer
    line), up to the next "第三部分"; the tables start at the first table title in it.
    """
    for start, line in enumerate(lines):
        if line.strip() == "第二部分" and any("公开01表" in ln or "决算报表" in ln for ln in lines[start + 1 : start + 13]):
            break
    else:
        return None
    end = next((j for j in range(start + 1, len(lines)) if lines[j].strip().startswith("第三部分")), len(lines))
    first = next((j for j in range(start + 1, end) if is_title(lines[j])), None)
    return None if first is None else (first, end)


def is_title(line: str) -> bool:
    return not is_table_line(line) and TABLE_TITLE.match(line.strip()) is not None


def split_tables(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The standard tables as ``(sheet name, lines)``, each chunk cut at a table title."""
    section = tables_section(lines)
    if section is None:
        return []
    first, end = section
    cuts = [j for j in range(first, end) if is_title(lines[j])] + [end]
    chunks = []
    for number, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False), start=1):
        chunk = lines[a:b]
        label = next((m.group() for ln in chunk if (m := SHEET_LABEL.search(ln))), f"表{number}")
        chunks.append((label, chunk))
    return chunks


def build_prose_and_xlsx(text_path, out_txt, out_xlsx) -> list[str]:
    """The standard tables to a workbook, one sheet each; every other line to the prose .txt. Returns the sheet names."""
    import openpyxl

    lines = read_lines(text_path)
    section = tables_section(lines)
    if section is None:
        raise ValueError(f"{text_path}: no standard tables (第二部分 … 公开01表) to put in a workbook")
    first, end = section
    Path(out_txt).write_text("\n".join(lines[:first] + lines[end:]), encoding="utf-8")

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    names = []
    for name, chunk in split_tables(lines):
        sheet = workbook.create_sheet(name)
        names.append(name)
        rows = [line.removesuffix("\r") for line in chunk if line.strip()]
        for r, line in enumerate(rows, start=1):
            for c, field in enumerate(line.split("\t"), start=1):
                if field:
                    write_field(sheet.cell(row=r, column=c), field)
    workbook.save(out_xlsx)
    return names


def write_field(cell, field: str) -> None:
    """A money figure as a number formatted the way it was written; anything else (行次, codes) as text."""
    figure = field.strip()
    if "." in figure and MONEY.match(figure):
        decimals = len(figure.split(".")[1])
        cell.value = Decimal(figure.replace(",", ""))  # openpyxl writes a Decimal as a number
        cell.number_format = ("#,##0." if "," in figure else "0.") + "0" * decimals
    else:
        cell.value = field


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/build_formats.py CORPUS.txt OUTDIR", file=sys.stderr)
        return 2
    corpus, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    build_docx(corpus, out / f"{corpus.stem}.docx")
    print(out / f"{corpus.stem}.docx")
    try:
        build_prose_and_xlsx(corpus, out / f"{corpus.stem}-prose.txt", out / f"{corpus.stem}-tables.xlsx")
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(out / f"{corpus.stem}-prose.txt")
    print(out / f"{corpus.stem}-tables.xlsx")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
