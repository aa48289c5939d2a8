"""``auditor check PATH...`` and ``auditor rules [ID]``: the library's front door for a shell.

Exit status: 0 no error findings, 1 error findings, 2 a file could not be read or
the command line, a settings file or a baseline was wrong. Every file is audited on
its own, so one bad file never hides the findings of the others.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path

from auditor.batch import Interrupted, Job, audit_all, expand
from auditor.catalogue import explain, listing, markdown_table
from auditor.config import ConfigError, load_config
from auditor.progress import ProgressBar
from auditor.report.baseline import Baseline, BaselineError, load_baseline, write_baseline
from auditor.report.controls import json_safe
from auditor.report.report import Report
from auditor.report.text import format_text
from auditor.rules import selected_rules

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMATS = ("text", "json", "sarif", "html")


def main(argv: list[str] | None = None) -> int:
    _use_utf8(sys.stdout, sys.stderr)
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # usage errors (2) and --help (0) come back as a status
        return int(exc.code or 0)
    try:
        return args.run(args)
    except ValueError as exc:  # an unknown rule id in --select, --ignore or `rules ID`
        print(f"auditor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # Ctrl-C outside a batch's files (reading settings, writing the report)
        print("auditor: 已中断 (interrupted)", file=sys.stderr)
        return EXIT_INTERRUPTED


def _use_utf8(*streams) -> None:
    """Chinese output must not depend on the terminal's locale (cp936, C, latin-1 …)."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")


_EPILOG = """\
退出状态:
  0    没有错误（可能有警告、提示）
  1    发现错误；或加了 --strict 而有文件未识别出任何内容
  2    有文件无法读取，或命令行、设置文件、基线文件有误
  130  被 Ctrl-C 中断（已完成的文件照常列出）

示例:
  auditor check 决算公开.docx                     核查一个文件，每条发现一行
  auditor check 决算/2024 --format html -o 报告.html   核查整个目录，写出可交给同事的网页报告
  auditor rules unit                              说明一条规则，附一致与不一致的例子
"""


class _ChineseHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def _new_parser(parent=None, **kwargs) -> argparse.ArgumentParser:
    """A parser whose own words (usage, section titles, -h) are Chinese, as every message is."""
    make = parent.add_parser if parent is not None else argparse.ArgumentParser
    parser = make(formatter_class=_ChineseHelp, add_help=False, **kwargs)
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return parser


def _parser() -> argparse.ArgumentParser:
    from auditor import __version__

    parser = _new_parser(prog="auditor", description="核查部门决算公开中的数字是否前后一致。", epilog=_EPILOG)
    parser.add_argument("-V", "--version", action="version", version=f"auditor {__version__}", help="显示版本并退出")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令")

    check_cmd = _new_parser(commands, name="check", help="核查决算公开：文件，或含这些文件的目录", epilog=_EPILOG,
                            description="核查决算公开文件；目录会被逐层查找其中的文件。")
    check_cmd.add_argument("files", nargs="+", metavar="PATH",
                           help="决算公开文件（UTF-8 或 GBK 的 .txt、.docx、.xlsx），或包含它们的目录")
    check_cmd.add_argument("--format", choices=FORMATS, default="text",
                           help="text：每条发现一行（默认）；json；sarif（SARIF 2.1.0）；html（一个独立网页）")
    check_cmd.add_argument("-o", "--output", metavar="FILE", help="报告写入此文件而不是标准输出（不得是被核查的文件）")
    check_cmd.add_argument("--select", type=_rule_ids, action="extend", metavar="IDS",
                           help="只用这些规则（逗号分隔的规则编号或前缀，如 table）；取代设置文件的 select")
    check_cmd.add_argument("--ignore", type=_rule_ids, action="extend", metavar="IDS",
                           help="不用这些规则（逗号分隔的规则编号或前缀）")
    check_cmd.add_argument("--config", metavar="FILE",
                           help="设置文件（auditor.toml 或 pyproject.toml 的 [tool.auditor]）；默认用文件所在目录往上最近的一个")
    check_cmd.add_argument("--baseline", metavar="FILE", help="隐藏基线已接受的发现；新的发现照常报告")
    check_cmd.add_argument("--write-baseline", metavar="FILE",
                           help="把当前发现记为基线（请逐条写明理由）；除非有文件无法读取，退出状态为 0")
    check_cmd.add_argument("--tables", metavar="FILE",
                           help="（唯一的）FILE 的标准报表，另存为的工作簿或文本文件")
    check_cmd.add_argument("-j", "--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                           help="并行核查的文件数（默认：全部 CPU 核）")
    check_cmd.add_argument("--strict", action="store_true",
                           help="有文件未识别出任何正文数字、报表或绩效自评表时，也以 1 退出")
    check_cmd.set_defaults(run=_run_check)

    rules_cmd = _new_parser(commands, name="rules", help="列出规则，或举例说明一条规则", description="列出规则，或举例说明一条规则。")
    rules_cmd.add_argument("rule", nargs="?", metavar="ID", help="规则编号或前缀，如 unit、perf")
    rules_cmd.add_argument("--markdown", action="store_true", help="输出 README 中的规则表（Markdown）")
    rules_cmd.set_defaults(run=_run_rules)
    return parser


def _rule_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value!r}")
    return int(value)


def _run_check(args: argparse.Namespace) -> int:
    selected_rules(args.select, args.ignore)  # reject an unknown id before any file is read
    try:
        config = load_config(args.config) if args.config else None
        baseline = load_baseline(args.baseline) if args.baseline else None
    except (ConfigError, BaselineError) as exc:
        print(f"auditor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    files, empty_folders = expand(args.files)
    clash = _overwrites_input(files + ([args.tables] if args.tables else []), {"-o": args.output, "--write-baseline": args.write_baseline})
    if clash:
        print(clash, file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.tables and len(files) != 1:
        print("auditor: --tables 只能与一个文件一起使用 (--tables goes with exactly one FILE)", file=sys.stderr)
        return EXIT_BAD_INPUT

    jobs = [Job(path, args.tables, config, tuple(args.select or ()), tuple(args.ignore or ())) for path in files]
    progress = ProgressBar(sys.stderr) if sys.stderr.isatty() and len(jobs) > 1 else None
    try:
        reports = audit_all(jobs, args.jobs, progress)
        interrupted = None
    except Interrupted as stop:
        reports, interrupted = stop.reports, stop
    if progress:
        progress.clear()
    report = Report.combine([*reports, Report(findings=(), files=empty_folders)])

    if args.write_baseline and interrupted is None:  # a baseline of some files would drop the others' entries
        count = write_baseline(report, args.write_baseline)
        print(f"auditor: 已将 {count} 条发现写入基线 {args.write_baseline}，请在每条的 reason 中写明接受的理由", file=sys.stderr)
    if baseline is not None:
        report, stale = baseline.apply(report)
        _baseline_notes(baseline, stale)

    status = _write(_render(report, args.format), args.output)
    if interrupted is not None:
        print(f"auditor: 已中断：{interrupted.total} 个文件中完成了 {len(interrupted.reports)} 个，以上只是这些文件的结果"
              " (interrupted)", file=sys.stderr)
        return EXIT_INTERRUPTED
    if status != EXIT_OK or report.unreadable:
        return EXIT_BAD_INPUT
    if args.write_baseline:
        return EXIT_OK
    blank = any(r.coverage and r.coverage.nothing_recognised for r in report.files)
    return EXIT_ERRORS if report.errors or (args.strict and blank) else EXIT_OK


def _overwrites_input(inputs: list[str], outputs: dict[str, str | None]) -> str | None:
    """The message refusing an output file that is one of the inputs (the same file, however it is named)."""
    for option, output in outputs.items():
        if not output or not os.path.exists(output):
            continue
        for given in inputs:
            try:
                same = os.path.samefile(output, given)
            except OSError:
                same = False
            if same:
                return (f"auditor: {option} {output} 就是被检查的文件 {given}，写入会覆盖原文，已拒绝；请另选输出文件"
                        f" ({option} names an input file; refusing to overwrite it)")
    return None


def _render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "sarif":
        return json_safe(json.dumps(report.to_sarif(), ensure_ascii=False, indent=2)) + "\n"
    if fmt == "html":
        return report.to_html()
    return format_text(report)


def _write(output: str, path: str | None) -> int:
    if path:
        try:
            Path(path).write_text(output, encoding="utf-8")
        except OSError as exc:
            print(f"auditor: {path}: 无法写入：{exc.strerror or exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        return EXIT_OK
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:  # `auditor check … | head`: the reader has what it wanted
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _baseline_notes(baseline: Baseline, stale: list[dict]) -> None:
    """What a person maintaining the baseline should know: entries without a reason, entries no longer found."""
    if baseline.unexplained():
        print(f"auditor: 基线 {baseline.path} 中有 {baseline.unexplained()} 条尚未写明理由", file=sys.stderr)
    if stale:
        print(f"auditor: 基线 {baseline.path} 中有 {len(stale)} 条已不再出现，可以删除", file=sys.stderr)


def _run_rules(args: argparse.Namespace) -> int:
    if args.markdown:
        return _write(markdown_table() + "\n", None)
    if args.rule is None:
        return _write(listing() + "\n", None)
    rules = selected_rules([args.rule])  # an id, or a prefix naming a family of rules
    return _write("\n\n".join(explain(r) for r in rules) + "\n", None)
