"""The HTML report: one self-contained page a finance office can hand to a colleague.

``format_html(report)`` is the page ``Report.to_html()`` and ``auditor check --format html``
give: a summary (counts by severity and by rule, the files audited), every finding with
its arithmetic and the source text around each figure it involves, and a document view of
every file with those figures highlighted. The notebook's compact table is in notebook.py;
the page's CSS and script are in assets/.

The page has no network access at all: CSS and JS are inline, and a Content-Security-Policy
allows only those two blocks (by hash), so even a document text that slipped past escaping
could not run. Document text is only ever rendered server-side, escaped; the script just
toggles classes and ``hidden``.

Stable DOM hooks (tests and users' own scripts rely on them):

* ``li.finding#f-N`` — the N-th finding (1-based, report order), with ``data-severity``
  (``error``/``warning``/``info``), ``data-rule`` and ``data-file`` (index into ``report.files``);
  findings are grouped per file in ``section.group[data-path]``. Inside: ``.msg`` the message,
  ``.stated`` / ``.expected`` the arithmetic, ``a.loc`` the link to the primary figure and
  ``a.src-loc`` one to each related figure, ``.src`` the source lines around each figure,
  ``figure.page-crop`` for a PDF finding the band of each page its figures stand on (an embedded
  PNG: the stated figure boxed in red, the others in blue)
  (``mark.hl`` the figure), ``.excerpt`` when the file's text is not in the report.
* ``mark.fig`` — a figure in the document view. ``data-finding`` lists every finding that
  involves it, ``data-primary`` those for which it is the figure reported (both space-separated
  finding ids). Its ``id`` is ``m-N`` when it is finding N's primary figure (the first such
  finding when several report the same figure), else ``g-K``; a finding's primary mark is
  ``mark.fig[data-primary~="f-N"]``. A figure that runs over several lines is one mark per line,
  the later ones with class ``cont``. The current figure and finding carry class ``current``.
* ``section.doc#d-I`` — the document view of ``report.files[I]``; its lines are
  ``div.ln#d-I-L<line>`` with ``data-n`` the line number.
* Filters: ``#filter-error``, ``#filter-warning``, ``#filter-info`` (checkboxes),
  ``#filter-rule`` (a select, ``""`` for every rule); ``#shown-count`` and ``#total-count``.
  ``#back-link`` returns from the document to the current finding.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import io
import tempfile
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, TextIO

import attrs

from auditor.document.model import split_lines
from auditor.finding import SEVERITY_ORDER, SEVERITY_ZH, Finding, Location
from auditor.report.controls import html_attribute, html_text
from auditor.report.pdfpage import PageCrops
from auditor.report.results import NOTHING_RECOGNISED, FileResult, Interruption, Tally
from auditor.report.stream import ReportWriter

if TYPE_CHECKING:
    from auditor.report.report import Report

SEVERITIES = ("error", "warning", "info")
RELATED_OPEN = 4  # a finding's related figures start folded when there are more than this
CHUNK_LINES = 200  # document lines per block the browser may skip rendering while off-screen


@attrs.frozen
class Layout:
    """How much of its documents a page shows."""

    context_lines: int  # lines shown before and after a figure in a finding's source excerpt
    context_chars: int  # characters shown either side of a figure in those lines
    related_sources: bool  # a finding quotes the lines of its related figures, or only links to them
    excerpt_lines: int | None  # the document view: the whole text (None), or this many lines around each marked figure
    marked: frozenset[str]  # severities whose figures are marked (and kept) in the document view
    tooltips: bool  # a marked figure's tooltip quotes the messages of its findings
    brief: bool  # notes (info) without their source lines, places without the file name their group already gives


#: One document: all of it, every figure marked, each finding with the lines around all its figures.
WHOLE = Layout(1, 60, True, None, frozenset(SEVERITIES), True, False)
#: A report of several files: each document only around the figures of its errors and warnings, each finding
#: with its figure's own line, notes in brief. A folder of 300 disclosures (5,000 findings) embedded whole
#: took 78 MB; with every figure's context quoted in the finding and in the document, 32 MB.
EXCERPTS = Layout(0, 40, False, 1, frozenset({"error", "warning"}), False, True)
TITLE_CHARS = 80  # message characters quoted in a figure's tooltip
SPOOL_BYTES = 4 << 20  # a page's parts are kept in memory up to this size, then in a temporary file


# --- page -----------------------------------------------------------------------------------


def format_html(report: Report, rules: Sequence) -> str:
    """The whole report as one HTML page (a str; write it as UTF-8); ``rules``: the rule registry, for the titles."""
    out = io.StringIO()
    writer = HtmlWriter(out, rules, several=sum(1 for f in report.files if f.error is None and f.text is not None) > 1)
    writer.add(report)
    writer.finish(report.interrupted)
    return out.getvalue()


class HtmlWriter(ReportWriter):
    """The page written as files are done: each file's findings and document go to a spool file, and
    ``finish`` writes the head (counts, the files and rules tables), then the spools.

    ``several``: the page holds more than one document, so each is shown only around its
    errors and warnings (the EXCERPTS layout), which keeps a folder's page small.
    """

    def __init__(self, out: TextIO, rules: Sequence, several: bool = False) -> None:
        super().__init__(out)
        self.several = several
        self.layout = EXCERPTS if several else WHOLE
        self._findings = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")
        self._documents = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")
        self._titles = rule_titles(rules)
        self._crops = PageCrops()
        self._numbered = 0  # findings so far: the next is f-(numbered + 1)
        self._other_figures = 0  # figures so far that are no finding's primary: anchors g-1, g-2 …
        self._files = 0  # files so far: the next is d-(files)
        self._names: list[str] = []  # the first few file names, for the page title
        self._rows: list[str] = []  # the files table, a row per file
        self._rules: Counter = Counter()  # (rule, severity) → findings

    def _add(self, report: Report) -> None:
        lines = file_lines(report.files, offset=self._files)
        figures, self._other_figures = _collect_figures(report.findings, lines, self.layout, self._numbered, self._other_figures)
        self._findings.write(_findings(report, lines, figures, self._numbered, self._titles, self._crops, self.layout))
        self._crops.close()
        self._documents.write(_documents(report.files, lines, figures, self._files, self.layout))
        per_file = Counter(f.location.path for f in report.findings)
        self._rows += [_file_row(self._files + i, file, per_file) for i, file in enumerate(report.files)]
        self._names += [f.path for f in report.files[: 4 - len(self._names)]]
        self._rules.update((f.rule, f.severity) for f in report.findings)
        self._numbered += len(report.findings)
        self._files += len(report.files)

    def finish(self, interrupted: Interruption | None = None) -> None:
        write = self.out.write
        write('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n')
        write(f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n')
        write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        write(f"<title>{html_attribute(_page_title(self._names))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n")
        write(_header(self.tally, self._rules, self._titles))
        if interrupted is not None:
            write(f'<div class="interrupted" role="alert">{html_text(interrupted.sentence())}</div>\n')
        write('<main>\n<div class="pane" id="findings-pane">\n')
        write(_summary(self.tally, self._rows, self._rules, self._titles))
        if self._numbered:
            write('<section class="findings">\n<h2>问题清单</h2>\n')
            _copy(self._findings, self.out)
            write("</section>\n")
        write('</div>\n<div class="pane" id="document-pane">\n')
        write('<div class="doc-bar"><span>原文</span><a id="back-link" href="#top" hidden>↩ 返回</a></div>\n')
        if self.layout.excerpt_lines is not None:
            write(f'<p class="note">报告含多个文件，原文只附各处错误和警告前后 {self.layout.excerpt_lines} 行；'
                  "全文请看原文件，或单独检查该文件。</p>\n")
        if not _copy(self._documents, self.out) and not self.several:
            write('<p class="note">报告未附原文。</p>')
        write("</div>\n</main>\n")
        write(f"<script>{_JS}</script>\n</body>\n</html>\n")
        self._findings.close()
        self._documents.close()


def _copy(spool, out: TextIO) -> bool:
    """Write what was spooled; False when nothing was."""
    spool.seek(0)
    wrote = False
    while chunk := spool.read(1 << 20):
        out.write(chunk)
        wrote = True
    return wrote


def _page_title(names: list[str]) -> str:
    return "核查报告：" + ("、".join(names[:3]) + ("等" if len(names) > 3 else "") if names else "（无文件）")


def file_lines(files: tuple[FileResult, ...], offset: int = 0) -> dict[str, tuple[int, list[str]]]:
    """path → (index in the page's files, lines without their line ends) for every file whose text the report has.

    ``offset``: how many files the page listed before these.
    """
    found: dict[str, tuple[int, list[str]]] = {}
    for index, file in enumerate(files, offset):
        if file.text is not None and file.path not in found:
            lines = split_lines(file.text)
            if len(lines) > 1 and not lines[-1]:
                lines.pop()  # the line end of the last line does not start another
            found[file.path] = (index, lines)
    return found


def counts_text(counts: Counter) -> str:
    return "，".join(f"{counts[s]} 个{SEVERITY_ZH[s]}" for s in SEVERITIES)


def rule_titles(rules: Sequence) -> dict[str, str]:
    """Each rule's title by its id, from the registry the caller passes (``auditor.rules.all_rules()``)."""
    return {r.id: r.title for r in rules}


# --- figures: every span a finding involves, placed on the document's lines ------------------


@attrs.define(eq=False)
class _Figure:
    """One distinct span in a document, and the findings that involve it."""

    location: Location
    file_index: int
    findings: list[int] = attrs.Factory(list)  # 1-based finding numbers
    primary: list[int] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)  # one tooltip line per finding
    rank: int = len(SEVERITIES)  # SEVERITY_ORDER of the most serious finding involved
    anchor: str = ""

    def open_tag(self, first: bool) -> str:
        kind = "primary" if self.primary else "rel"
        sev = SEVERITIES[self.rank]
        ident = f' id="{self.anchor}"' if first else ""
        cont = "" if first else " cont"
        primary = f' data-primary="{_ids(self.primary)}"' if self.primary else ""
        title = "\n".join(html_attribute(note) for note in self.notes)
        return f'<mark class="fig {kind} sev-{sev}{cont}"{ident} data-finding="{_ids(self.findings)}"{primary} title="{title}">'


def _ids(numbers: list[int]) -> str:
    return " ".join(f"f-{n}" for n in numbers)


def _key(loc: Location) -> tuple:
    return (loc.path, loc.line, loc.column, loc.end_line, loc.end_column)


def _collect_figures(findings: tuple[Finding, ...], lines: dict[str, tuple[int, list[str]]], layout: Layout = WHOLE,
                     numbered: int = 0, others: int = 0) -> tuple[dict[tuple, _Figure], int]:
    """Every location of every finding that falls inside a file the report has the text of, with its anchor id.

    ``numbered`` findings and ``others`` figures that are no finding's primary came before on the
    page; returns the figures and the new count of the others.
    """
    figures: dict[tuple, _Figure] = {}
    for number, finding in enumerate(findings, numbered + 1):
        if finding.severity not in layout.marked:
            continue
        for place, loc in enumerate((finding.location, *finding.related)):
            file = lines.get(loc.path)
            if file is None or not 1 <= loc.line <= loc.end_line <= len(file[1]):
                continue
            figure = figures.setdefault(_key(loc), _Figure(loc, file[0]))
            if number not in figure.findings:
                figure.findings.append(number)
                message = f"：{_shorten(finding.message)}" if layout.tooltips else ""
                figure.notes.append(f"#{number} {SEVERITY_ZH[finding.severity]} {finding.rule}{message}")
            if place == 0:
                figure.primary.append(number)
            figure.rank = min(figure.rank, SEVERITY_ORDER[finding.severity])
    for figure in figures.values():
        if figure.primary:
            figure.anchor = f"m-{figure.primary[0]}"
        else:
            others += 1
            figure.anchor = f"g-{others}"
    return figures, others


def _shorten(message: str) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= TITLE_CHARS else flat[: TITLE_CHARS - 1] + "…"


def _anchor(figures: dict[tuple, _Figure], loc: Location) -> str | None:
    figure = figures.get(_key(loc))
    return figure.anchor if figure else None


def columns(loc: Location, number: int, line: str) -> tuple[int, int]:
    """0-based ``[start, end)`` of the part of ``loc`` on 1-based line ``number`` (clipped to the line)."""
    start = loc.column - 1 if number == loc.line else 0
    end = loc.end_column - 1 if number == loc.end_line else len(line)
    start = min(max(start, 0), len(line))
    return start, min(max(end, start), len(line))


# --- summary ---------------------------------------------------------------------------------


def _header(tally: Tally, rules: Counter, titles: dict[str, str]) -> str:
    counts = tally.severities
    boxes = "".join(
        f'<label class="chip sev-{s}"><input type="checkbox" id="filter-{s}" value="{s}" data-filter-severity checked> '
        f"{SEVERITY_ZH[s]} {counts[s]}</label>"
        for s in SEVERITIES
    )
    by_rule = Counter()
    for (rule, _), n in rules.items():
        by_rule[rule] += n
    options = "".join(
        f'<option value="{html_attribute(rule)}">{html_text(rule)} {html_text(titles.get(rule, ""))}（{n}）</option>'
        for rule, n in sorted(by_rule.items())
    )
    total = counts.total()
    return (
        '<header id="top">\n<h1>决算公开一致性核查报告</h1>\n'
        f'<div class="filters"><span class="label">筛选</span>{boxes}'
        f'<label class="rule-filter">规则 <select id="filter-rule"><option value="">全部规则（{total}）</option>{options}</select></label>'
        f'<span class="shown">显示 <b id="shown-count">{total}</b> 条，共 <b id="total-count">{total}</b> 条</span></div>\n'
        "</header>\n"
    )


def _summary(tally: Tally, rows: list[str], rules: Counter, titles: dict[str, str]) -> str:
    counts = tally.severities
    parts = [
        '<section class="summary">\n<h2>概况</h2>\n',
        f'<p class="totals">共 {counts.total()} 条：{counts_text(counts)}；共检查 {tally.files} 个文件',
        f"，{tally.unreadable} 个无法读取" if tally.unreadable else "",
        "。</p>\n",
        _files_table(rows),
        _rules_table(rules, titles),
        "</section>\n",
    ]
    return "".join(parts)


def _file_row(index: int, file: FileResult, per_file: Counter) -> str:
    """The files table's row of the page's file ``index``: its findings, reason or notes, and what was checked."""
    if file.skipped:
        status, encoding = "", "—"
    elif file.error is not None:
        reason = html_text(file.error) if file.internal else f"无法读取：{html_text(file.error)}"
        status = f'<span class="unreadable">{reason}</span>'
        encoding = "—"
    else:
        status = f"{per_file[file.path]} 条"
        if file.text is None:
            status += "（报告未附原文）"
        status += "".join(f"<br><small>{html_text(note)}</small>" for note in file.notes)
        encoding = html_text(file.encoding)
    if file.coverage is not None:
        warn = f'<br><span class="unreadable">{html_text(NOTHING_RECOGNISED)}</span>' if file.coverage.nothing_recognised else ""
        status += f'<br><span class="coverage">核对范围：{html_text(file.coverage.summary())}</span>{warn}'
    notes = "<br>".join(f'<span class="coverage">{html_text(note)}</span>' for note in file.notes)
    status = "<br>".join(part for part in (status, notes) if part)
    name = f'<a href="#d-{index}">{html_text(file.path)}</a>' if file.error is None and file.text is not None else html_text(file.path)
    return f'<tr><td>{name}</td><td class="enc">{encoding}</td><td>{status}</td></tr>'


def _files_table(rows: list[str]) -> str:
    if not rows:
        return ""
    return '<table class="files"><thead><tr><th>文件</th><th>编码</th><th>结果</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>\n"


def _rules_table(counts: Counter, titles: dict[str, str]) -> str:
    """Findings by rule and severity (``counts``: (rule, severity) → findings)."""
    if not counts:
        return '<p class="clean">未发现不一致之处。</p>\n'
    head = "".join(f"<th>{SEVERITY_ZH[s]}</th>" for s in SEVERITIES)
    rows = []
    for rule in sorted({rule for rule, _ in counts}):
        cells = "".join(f'<td class="n">{counts[rule, s] or ""}</td>' for s in SEVERITIES)
        total = sum(counts[rule, s] for s in SEVERITIES)
        rows.append(f'<tr><td><code>{html_text(rule)}</code></td><td>{html_text(titles.get(rule, ""))}</td>{cells}<td class="n">{total}</td></tr>')
    return (
        f'<table class="rules"><thead><tr><th>规则</th><th>名称</th>{head}<th>合计</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>\n"
    )


# --- findings --------------------------------------------------------------------------------


def _findings(report: Report, lines: dict[str, tuple[int, list[str]]], figures: dict[tuple, _Figure], numbered: int,
              titles: dict[str, str], crops: PageCrops, layout: Layout = WHOLE) -> str:
    """One file's (or one audit's) findings, a group per file, numbered after the ``numbered`` the page already has."""
    parts = []
    per_file = Counter(f.location.path for f in report.findings)
    path = None
    for number, finding in enumerate(report.findings, numbered + 1):
        if finding.location.path != path:
            if path is not None:
                parts.append("</ol></section>\n")
            path = finding.location.path
            parts.append(
                f'<section class="group" data-path="{html_attribute(path)}"><h3>{html_text(path)} <small>共 {per_file[path]} 条</small></h3>'
                f'<ol class="finding-list" start="{number}">\n'
            )
        index, text_lines = lines.get(path, (-1, None))
        parts.append(_finding(number, finding, titles, text_lines, index, figures, crops, layout))
    if path is not None:
        parts.append("</ol></section>\n")
    return "".join(parts)


def _finding(number: int, finding: Finding, titles: dict[str, str], text_lines: list[str] | None, file_index: int, figures: dict,
             crops: PageCrops, layout: Layout = WHOLE) -> str:
    sev = finding.severity
    loc = finding.location
    brief = layout.brief and sev == "info"
    quoted = text_lines if layout.related_sources else None  # without the text, a related figure is its link alone
    home = loc.path if layout.brief else None
    related = "" if brief else "".join(_figure_source(r, quoted, figures, "", layout, home=home) for r in finding.related)
    if related:
        opened = " open" if len(finding.related) <= RELATED_OPEN else ""
        count = f"列出 {len(finding.related)} 处，共 {finding.related_total} 处" if finding.related_omitted else f"{len(finding.related)} 处"
        related = f'<details class="related"{opened}><summary>相关位置（{count}）</summary>{related}</details>'
    title = "" if layout.brief else f" {html_text(titles.get(finding.rule, ''))}"  # a folder's page names the rules once, in its table
    source = "" if brief else _figure_source(loc, text_lines, figures, finding.excerpt, layout, primary=True)
    return (
        f'<li class="finding sev-{sev}" id="f-{number}" data-severity="{sev}" data-rule="{html_attribute(finding.rule)}" data-file="{file_index}">'
        f'<div class="head"><span class="num">#{number}</span> <span class="badge sev-{sev}">{SEVERITY_ZH[sev]}</span> '
        f'<span class="rule">规则 <code>{html_text(finding.rule)}</code>{title}</span></div>'
        f'<div class="where">位置 {_location_link(loc, figures, "loc", home)}</div>'
        f'<p class="msg">{html_text(finding.message)}</p>'
        f"{_arithmetic(finding)}"
        f"{_page_view(finding, crops)}"
        f"{source}"
        f"{related}</li>\n"
    )


def _location_link(loc: Location, figures: dict[tuple, _Figure], css: str, home: str | None = None) -> str:
    """A link to the figure in the document view (a plain place where the view does not show it); in file ``home``, without its name."""
    anchor = _anchor(figures, loc)
    shown = html_text((loc.ref or f"{loc.line}:{loc.column}") if loc.path == home else loc.display())
    return f'<a class="{css}" href="#{anchor}">{shown}</a>' if anchor else f'<span class="{css}">{shown}</span>'


def _page_view(finding: Finding, crops: PageCrops) -> str:
    """For a PDF finding, the band of each page its figures stand on: the stated figure in red, the others in blue."""
    loc = finding.location
    if not loc.page:
        return ""
    pages = {loc.page: [r.bbox for r in finding.related if r.page == loc.page and r.path == loc.path]}
    for r in finding.related:
        if r.page and r.path == loc.path and r.page != loc.page and len(pages) < 3:
            pages.setdefault(r.page, []).append(r.bbox)
    if crops.exhausted:
        crops.refused += 1
        return '<p class="note">本报告的页面截图已达上限（报告不超过几 MB），此处未附截图；请看原文或单独检查该文件。</p>'
    images = []
    for page, others in pages.items():
        stated = loc.bbox if page == loc.page else None
        uri = crops.crop(loc.path, page, stated, others)
        if uri:
            caption = "：红框为所列数字，蓝框为相关数字" if stated and others else ("：红框为所列数字" if stated else "：相关数字")
            images.append(f'<figure class="page-crop"><img src="{uri}" alt="第{page}页"><figcaption>第{page}页{caption}</figcaption></figure>')
    return f'<div class="pages">{"".join(images)}</div>' if images else ""


def _arithmetic(finding: Finding) -> str:
    if finding.stated is None and finding.expected is None:
        return ""
    parts = []
    if finding.stated is not None:
        parts.append(f'所列 <b class="stated">{html_text(finding.stated)}</b>')
    if finding.expected is not None:
        parts.append(f'应为 <b class="expected">{html_text(finding.expected)}</b>')
    return f'<p class="calc">{" → ".join(parts)}</p>'


def _figure_source(loc: Location, text_lines: list[str] | None, figures: dict, excerpt: str, layout: Layout = WHOLE,
                   primary: bool = False, home: str | None = None) -> str:
    """A figure's lines with the figure marked, or the finding's excerpt when the report has no text for it.

    A related figure is headed by its location; the primary one's is already on the finding.
    """
    head = "" if primary else f'<div class="src-head">{_location_link(loc, figures, "src-loc", home)}</div>'
    if text_lines is None or not 1 <= loc.line <= loc.end_line <= len(text_lines):
        body = f'<div class="excerpt">{html_text(excerpt)}<small>（报告未附原文，仅有摘录）</small></div>' if excerpt else ""
        return f'<div class="figure">{head}{body}</div>'
    first = max(1, loc.line - layout.context_lines)
    last = min(len(text_lines), loc.end_line + layout.context_lines)
    window = _window(loc, layout.context_chars)
    rows = [_source_line(loc, number, text_lines[number - 1], window) for number in range(first, last + 1)]
    return f'<div class="figure">{head}<div class="src">{"".join(rows)}</div></div>'


def _window(loc: Location, chars: int) -> tuple[int, int | None]:
    """The columns of the excerpt lines: ``chars`` around the figure on a one-line figure, whole lines for a longer one."""
    if loc.line == loc.end_line:
        return max(0, loc.column - 1 - chars), loc.end_column - 1 + chars
    return 0, None


def _source_line(loc: Location, number: int, line: str, window: tuple[int, int | None]) -> str:
    lo, hi = window
    hi = len(line) if hi is None else min(hi, len(line))
    lo = min(lo, hi)
    if loc.line <= number <= loc.end_line:
        start, end = columns(loc, number, line)
        start, end = min(max(start, lo), hi), min(max(end, lo), hi)
        text = f'{html_text(line[lo:start])}<mark class="hl">{html_text(line[start:end])}</mark>{html_text(line[end:hi])}'
    else:
        text = html_text(line[lo:hi])
    before = "…" if lo > 0 else ""
    after = "…" if hi < len(line) else ""
    current = " at" if loc.line <= number <= loc.end_line else ""
    return f'<div class="sl{current}"><span class="no">{number}</span><span class="tx">{before}{text}{after}</span></div>'


# --- document view ---------------------------------------------------------------------------


def _documents(files: tuple[FileResult, ...], lines: dict[str, tuple[int, list[str]]], figures: dict[tuple, _Figure], offset: int,
               layout: Layout = WHOLE) -> str:
    """The document view of each file (the page's files ``offset`` on), whole or only around its marked figures."""
    pieces = _pieces_by_line(figures, lines)
    parts = []
    for index, file in enumerate(files, offset):
        if file.error is not None:
            continue
        if file.text is None:
            parts.append(f'<section class="doc" id="d-{index}"><h2>{html_text(file.path)}</h2><p class="note">报告未附此文件的原文。</p></section>\n')
        elif lines[file.path][0] == index:  # a path given twice is shown once
            text_lines = lines[file.path][1]
            keep = _near_findings(index, len(text_lines), pieces, layout.excerpt_lines) if layout.excerpt_lines is not None else None
            parts.append(_document(index, file, text_lines, pieces, keep))
    return "".join(parts)


_Piece = tuple[int, int, int, bool, _Figure]  # start, end, figure order, first line of the figure, figure


def _pieces_by_line(figures: dict[tuple, _Figure], lines: dict[str, tuple[int, list[str]]]) -> dict[tuple[int, int], list[_Piece]]:
    """(file index, line) → the parts of figures on that line: grouped once, so rendering is linear in the text."""
    by_line: dict[tuple[int, int], list[_Piece]] = {}
    for order, figure in enumerate(figures.values()):
        loc = figure.location
        text_lines = lines[loc.path][1]
        for number in range(loc.line, loc.end_line + 1):
            start, end = columns(loc, number, text_lines[number - 1])
            by_line.setdefault((figure.file_index, number), []).append((start, end, order, number == loc.line, figure))
    return by_line


def _near_findings(index: int, count: int, pieces: dict[tuple[int, int], list[_Piece]], near: int) -> set[int]:
    """The 1-based lines of file ``index`` within ``near`` lines of a line holding a marked figure."""
    keep: set[int] = set()
    for file_index, number in pieces:
        if file_index == index:
            keep.update(range(max(1, number - near), min(count, number + near) + 1))
    return keep


def _document(index: int, file: FileResult, text_lines: list[str], pieces: dict[tuple[int, int], list[_Piece]],
              keep: set[int] | None = None) -> str:
    """The document view; with ``keep``, only those lines, and a marker for each run of lines left out."""
    out = [f'<section class="doc" id="d-{index}"><h2>{html_text(file.path)} <small>{html_text(file.encoding)}，{len(text_lines)} 行</small></h2>\n']
    if keep is not None and not keep:
        out.append('<p class="note">此文件没有发现，未附原文。</p>\n')
    gap = 0
    for chunk_start in range(0, len(text_lines), CHUNK_LINES):
        numbers = range(chunk_start + 1, min(chunk_start + CHUNK_LINES, len(text_lines)) + 1)
        shown = [n for n in numbers if keep is None or n in keep]
        if not shown:
            gap += len(numbers)
            continue
        out.append('<div class="chunk">')
        for number in numbers:
            if keep is not None and number not in keep:
                gap += 1
                continue
            if gap:
                out.append(f'<div class="gap note">…（略去 {gap} 行）…</div>')
                gap = 0
            line = text_lines[number - 1]
            marked = pieces.get((index, number))
            body = _marked_line(line, marked) if marked else html_text(line)
            out.append(f'<div class="ln" id="d-{index}-L{number}" data-n="{number}">{body}</div>')
        out.append("</div>\n")
    if gap and keep:
        out.append(f'<div class="gap note">…（略去 {gap} 行）…</div>\n')
    out.append("</section>\n")
    return "".join(out)


def _marked_line(line: str, pieces: list[_Piece]) -> str:
    """One line with its figures as (nested) ``<mark>``s.

    Figures nest when one lies inside another; when two overlap without nesting, the
    later one is split at the end of the earlier, so the tags always nest properly.
    """
    heap = [(start, -end, order, first, figure) for start, end, order, first, figure in pieces]
    heapq.heapify(heap)
    out: list[str] = []
    open_ends: list[int] = []
    pos = 0
    while heap:
        start, neg_end, order, first, figure = heapq.heappop(heap)
        end = -neg_end
        while open_ends and open_ends[-1] <= start:
            pos = _close(out, line, pos, open_ends.pop())
        if open_ends and open_ends[-1] < end:
            heapq.heappush(heap, (open_ends[-1], -end, order, False, figure))
            end = open_ends[-1]
        out.append(html_text(line[pos:start]))
        pos = start
        out.append(figure.open_tag(first))
        open_ends.append(end)
    while open_ends:
        pos = _close(out, line, pos, open_ends.pop())
    out.append(html_text(line[pos:]))
    return "".join(out)


def _close(out: list[str], line: str, pos: int, end: int) -> int:
    out.append(html_text(line[pos:end]) + "</mark>")
    return end


# --- inline CSS and JS (auditor/report/assets) ----------------------------------------------

_CSS = resources.files("auditor.report").joinpath("assets/report.css").read_text(encoding="utf-8")
_JS = resources.files("auditor.report").joinpath("assets/report.js").read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


# Only the page's own style and script may apply: no network, no injected script.
# img-src data: only: the page crops of a PDF are embedded PNGs, never fetched
_CSP = f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; img-src data:; base-uri 'none'; form-action 'none'"
