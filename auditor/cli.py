"""``auditor check PATH...`` and ``auditor rules [ID]``: the library's front door for a shell.

Exit status: 0 no error findings, 1 error findings, 2 a file could not be read or
the command line, a settings file or a baseline was wrong, 130 interrupted by Ctrl-C.
Every file is audited on its own, so one bad file never hides the findings of the
others, and the report is written as each file is done (a folder's reports are never
all held at once). Every message is in Chinese with the English in brackets.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import caused_by_ctrl_c
from auditor.status import EXIT_BAD_INPUT, EXIT_ERRORS, EXIT_INTERRUPTED, EXIT_OK

if TYPE_CHECKING:
    from auditor.batch import Job
    from auditor.report.baseline import Baseline

# The pipeline, the rules and the report writers are imported by the subcommand that uses them
# (``--help``, ``--version`` and a usage error import none of them): start-up time, issue 24.



def main(argv: list[str] | None = None) -> int:
    try:
        _use_utf8(sys.stdout, sys.stderr)
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # usage errors (2) and --help (0) come back as a status
            return int(exc.code or 0)
        try:
            return args.run(args)
        except ValueError as exc:  # an unknown rule id in --select, --ignore or `rules ID`
            _say(str(exc))
            return EXIT_BAD_INPUT
    except BaseException as exc:  # Ctrl-C outside a batch's files (reading settings or standard input, starting up)
        if not caused_by_ctrl_c(exc):
            raise
        _say("已中断 (interrupted)")
        return EXIT_INTERRUPTED


def _say(message: str) -> None:
    """One line on stderr, ``auditor: …``, with any control character in a path or a reason shown, not acted on."""
    from auditor.report.controls import visible

    print(f"auditor: {visible(message)}", file=sys.stderr)


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
  130  被 Ctrl-C 中断（已完成的文件照常列出，报告注明“已中断”）

示例:
  auditor check 决算公开.docx                     核查一个文件，每条发现一行
  auditor check 决算/2024 --format html -o 报告.html   核查整个目录，写出可交给同事的网页报告
  pdftotext 决算.pdf - | auditor check -          核查从标准输入读到的文本
  auditor rules unit                              说明一条规则，附一致与不一致的例子
"""


class _ChineseHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


# argparse's own messages, as it words them, and how we say them (the English follows in brackets).
_ARGPARSE_MESSAGES = [
    (re.compile(r"the following arguments are required: (.+)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数：{0}"),
    (re.compile(r"invalid choice: (.+?) \(choose from (.+)\)"), "无效的选择 {0}（可选：{1}）"),
    (re.compile(r"expected one argument"), "需要一个值"),
    (re.compile(r"expected at least one argument"), "至少需要一个值"),
    (re.compile(r"not allowed with argument (.+)"), "不能与 {0} 同时使用"),
    (re.compile(r"ambiguous option: (.+?) could match (.+)"), "选项 {0} 有歧义，可能是 {1}"),
    (re.compile(r"invalid (\w+) value: (.+)"), "无效的值 {1}"),
    (re.compile(r"ignored explicit argument (.+)"), "多余的值 {0}"),
]


def _in_chinese(message: str) -> str:
    """An argparse message in Chinese with the English in brackets (ours, already Chinese, as it is)."""
    argument = re.match(r"argument (.+?): (.+)", message, re.S)
    subject, rest = (f"参数 {argument[1]}：", argument[2]) if argument else ("", message)
    for pattern, chinese in _ARGPARSE_MESSAGES:
        found = pattern.fullmatch(rest)
        if found:
            return f"{subject}{chinese.format(*found.groups())} ({message})"
    return f"{subject}{rest}"


class _Parser(argparse.ArgumentParser):
    """A parser whose own words (usage, section titles, -h, errors) are Chinese, as every message is."""

    def __init__(self, *args, arguments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._add_arguments = arguments

    def parse_known_args(self, args=None, namespace=None):
        """A subcommand's own arguments are added when it is used: what they name (formats, suffixes) costs imports."""
        if self._add_arguments is not None:
            add, self._add_arguments = self._add_arguments, None
            add(self)
        return super().parse_known_args(args, namespace)

    def error(self, message: str):
        from auditor.report.controls import visible

        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 错误：{visible(_in_chinese(message))}\n")


def _new_parser(parent=None, **kwargs) -> argparse.ArgumentParser:
    make = parent.add_parser if parent is not None else _Parser
    parser = make(formatter_class=_ChineseHelp, add_help=False, **kwargs)
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return parser


class _Version(argparse.Action):
    """``--version``: the installed version, looked up when asked (the package metadata costs an import)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from auditor import __version__

        print(f"auditor {__version__}")  # on stdout, as argparse's own version action writes it
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _new_parser(prog="auditor", description="核查部门决算公开中的数字是否前后一致。", epilog=_EPILOG)
    parser.add_argument("-V", "--version", action=_Version, help="显示版本并退出")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令")
    _new_parser(commands, name="check", help="核查决算公开：文件，或含这些文件的目录", epilog=_EPILOG,
                description="核查决算公开文件；目录会被逐层查找其中的文件。", arguments=_check_arguments)
    rules_cmd = _new_parser(commands, name="rules", help="列出规则，或举例说明一条规则", description="列出规则，或举例说明一条规则。")
    rules_cmd.add_argument("rule", nargs="?", metavar="ID", help="规则编号或前缀，如 unit、perf")
    rules_cmd.add_argument("--markdown", action="store_true", help="输出 README 中的规则表（Markdown）")
    rules_cmd.set_defaults(run=_run_rules)
    return parser


def _check_arguments(check_cmd: argparse.ArgumentParser) -> None:
    from auditor.read.dispatch import DOCUMENT_SUFFIXES
    from auditor.report.writers import FORMATS

    suffixes = "、".join(DOCUMENT_SUFFIXES)
    check_cmd.add_argument("files", nargs="+", metavar="PATH",
                           help=f"决算公开文件（{suffixes}；文本为 UTF-8 或 GBK），或包含它们的目录；- 表示从标准输入读取文本")
    check_cmd.add_argument("--format", choices=FORMATS, default="text",
                           help="text：每条发现一行（默认）；json；sarif（SARIF 2.1.0）；html（一个独立网页）")
    check_cmd.add_argument("-o", "--output", metavar="FILE",
                           help="报告写入此文件而不是标准输出（不得是被核查的文件；写完才替换，核查前先检查能否写入）")
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


def _rule_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value!r} (must be a positive integer)")
    return int(value)


# --- check ---------------------------------------------------------------------------------------


def _run_check(args: argparse.Namespace) -> int:
    from auditor.api import load_config
    from auditor.batch import expand
    from auditor.config import ConfigError
    from auditor.report.baseline import BaselineError, load_baseline
    from auditor.report.text import summary_line
    from auditor.report.writers import writer_for
    from auditor.rules import aliases_of_rules, all_rules, selected_rules

    selected_rules(args.select, args.ignore)  # reject an unknown id before any file is read
    try:
        config = load_config(args.config) if args.config else None
        baseline = load_baseline(args.baseline).with_renamed_rules(aliases_of_rules()) if args.baseline else None
    except (ConfigError, BaselineError) as exc:
        _say(str(exc))
        return EXIT_BAD_INPUT
    files, others = expand(args.files)
    if args.tables and len(files) != 1:
        _say("--tables 只能与一个文件一起使用 (--tables goes with exactly one FILE)")
        return EXIT_BAD_INPUT
    inputs = [f for f in files if f != "-"] + ([args.tables] if args.tables else [])
    outputs = {"-o": args.output, "--write-baseline": args.write_baseline}
    problem = _refused_output(inputs, outputs)
    if problem:
        _say(problem)
        return EXIT_BAD_INPUT
    with contextlib.ExitStack() as stack:
        try:  # the report's file is made before any file is audited: a folder that cannot take it is said now
            destination = stack.enter_context(_Destination(args.output)) if args.output else None
        except OSError as exc:
            _say(f"-o {args.output}：无法写入：{exc.strerror or exc}，未开始检查 (cannot write -o)")
            return EXIT_BAD_INPUT
        source = _read_stdin(stack) if "-" in files else None
        jobs = [_job(path, args, config, source) for path in files]
        out = destination.stream if destination else _Stdout()
        writer = writer_for(args.format, out, all_rules(), several=len(jobs) > 1)
        try:
            interrupted, entries, stale = _audit(jobs, args, writer, out, baseline, others)
            if destination is not None:
                destination.commit()
        except OSError as exc:  # the disk filled up, the folder went away …
            _say(f"{args.output or '标准输出'}：无法写入：{exc.strerror or exc} (cannot write the report)")
            return EXIT_BAD_INPUT
        tally = writer.tally
        if destination is not None:
            _say(f"报告已写入 {args.output}：{summary_line(tally)}" + ("（已中断）" if interrupted else "") + " (report written)")
    if interrupted is not None:
        _say(f"已中断：{interrupted.total} 个文件中完成了 {interrupted.done} 个，报告只含这些文件 (interrupted)")
        if args.write_baseline:
            _say(f"已中断，未写入基线 {args.write_baseline}：只检查了部分文件 (interrupted: no baseline written)")
        return EXIT_INTERRUPTED
    if baseline is not None:
        _baseline_notes(baseline, stale)
    if args.write_baseline:
        status = _write_baseline(args.write_baseline, entries)
        if status != EXIT_OK:
            return status
    if tally.unreadable:
        return EXIT_BAD_INPUT
    if args.write_baseline:
        return EXIT_OK
    if args.strict:
        for path, why in tally.unchecked:
            _say(f"--strict：{path}：{why}，不算通过 (mostly unchecked)")
    return EXIT_ERRORS if tally.severities["error"] or (args.strict and (tally.blank or tally.unchecked)) else EXIT_OK


def _job(path: str, args: argparse.Namespace, config, source: str | None) -> Job:
    from auditor.api import config_for
    from auditor.batch import STDIN, Job

    select, ignore = tuple(args.select or ()), tuple(args.ignore or ())
    if path == "-":  # no file to look for settings beside: those of the current folder
        return Job(STDIN, args.tables, config or config_for(Path.cwd() / STDIN), select, ignore, source=source)
    return Job(path, args.tables, config, select, ignore)


def _audit(jobs: list[Job], args: argparse.Namespace, writer, out, baseline: Baseline | None, others) -> tuple:
    """Audit the jobs, writing each file's report as it is done; (the interruption or None, baseline entries, stale entries).

    Ctrl-C stops the audit, never the writing: the report of the files finished is
    completed and marked as partial.
    """
    from auditor.batch import CtrlC, run_jobs
    from auditor.progress import ProgressBar
    from auditor.report.baseline import baseline_entry
    from auditor.report.report import Interruption, Report

    progress = ProgressBar(sys.stderr) if sys.stderr.isatty() and len(jobs) > 1 else None
    on_terminal = progress is not None and not args.output and sys.stdout.isatty()
    matcher = baseline.matcher() if baseline is not None else None
    entries: list[dict] = []
    interrupted = None
    done = 0
    with CtrlC() as ctrl_c:
        results = run_jobs(jobs, args.jobs, ordered=True, progress=progress, ctrl_c=ctrl_c)
        try:
            for _, report in results:
                with ctrl_c.shielded():
                    if args.write_baseline:
                        entries += [baseline_entry(f) for f in report.findings]
                    if matcher is not None:
                        report = matcher.apply(report)
                    if on_terminal:
                        progress.clear()  # the bar is drawn again with the next file
                    writer.add(report)
                    out.flush()
                    done += 1
                if getattr(out, "gone", False):  # `auditor check … | head`: the reader has what it wanted
                    break
        except KeyboardInterrupt:
            interrupted = Interruption(done, len(jobs))
        finally:
            results.close()  # ends the workers, whatever ended the loop
        with ctrl_c.shielded():  # the end of the report: a second Ctrl-C waits for it
            if progress:
                progress.clear()
            writer.add(Report(findings=(), files=others))
            writer.finish(interrupted)
            out.flush()
    return interrupted, entries, matcher.stale() if matcher is not None else []


def _refused_output(inputs: list[str], outputs: dict[str, str | None]) -> str | None:
    """Why an output file cannot be written, said before any file is audited; None when it can."""
    for option, output in outputs.items():
        if not output:
            continue
        folder = os.path.dirname(os.path.abspath(output))
        if os.path.isdir(output):
            return f"{option} {output} 是一个目录，请给出文件名 ({option} names a folder)"
        if not os.path.isdir(folder):
            return f"{option} {output}：目录 {folder} 不存在，未开始检查 ({option}: no such folder)"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"{option} {output}：无权写入目录 {folder}，未开始检查 ({option}: folder not writable)"
        for given in inputs:
            try:
                same = os.path.samefile(output, given)
            except OSError:
                same = False
            if same:
                return (f"{option} {output} 就是被检查的文件 {given}，写入会覆盖原文，已拒绝；请另选输出文件"
                        f" ({option} names an input file; refusing to overwrite it)")
    return None


class _Destination:
    """A file written whole or not at all: into a temporary file beside it, renamed over it once complete.

    Made before the audit, so a folder that cannot take it is said at once; a run that
    fails or is killed half-way leaves the old file as it was (and at most a hidden
    ``.NAME.*.part``; Ctrl-C still completes the report of the files finished).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        descriptor, self.temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=f".{os.path.basename(path)}.",
                                                       suffix=".part")
        mask = os.umask(0)
        os.umask(mask)
        if hasattr(os, "fchmod"):  # as an ordinary new file, not mkstemp's 0600
            os.fchmod(descriptor, 0o666 & ~mask)
        self.stream = open(descriptor, "w", encoding="utf-8")  # noqa: SIM115 - closed by commit or __exit__

    def commit(self) -> None:
        self.stream.close()
        os.replace(self.temporary, self.path)

    def __enter__(self) -> _Destination:
        return self

    def __exit__(self, *exc) -> None:
        if not self.stream.closed:
            self.stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temporary)


class _Stdout:
    """Standard output for a report written as it goes; a reader that went away (``| head``) ends the run quietly."""

    gone = False

    def write(self, text: str) -> None:
        if not self.gone:
            try:
                sys.stdout.write(text)
            except BrokenPipeError:
                self._went_away()

    def flush(self) -> None:
        if not self.gone:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                self._went_away()

    def _went_away(self) -> None:
        self.gone = True
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _read_stdin(stack: contextlib.ExitStack) -> str:
    """Standard input kept in a temporary file (at most MAX_BYTES and one byte more), for a worker to read."""
    from auditor.read.source import MAX_BYTES

    if sys.stdin is None:
        raise ValueError("没有标准输入可读 (no standard input)")
    if sys.stdin.isatty():
        _say("正在从标准输入读取，输入完毕后按 Ctrl-D (reading standard input; end with Ctrl-D)")
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="auditor-stdin-"))
    path = os.path.join(folder, "stdin")
    with open(path, "wb") as handle:
        source = sys.stdin.buffer
        left = MAX_BYTES + 1
        while left > 0 and (chunk := source.read(min(left, 1 << 20))):
            handle.write(chunk)
            left -= len(chunk)
    return path


def _write_baseline(path: str, entries: list[dict]) -> int:
    from auditor.report.baseline import baseline_text

    try:
        with _Destination(path) as destination:
            destination.stream.write(baseline_text(entries))
            destination.commit()
    except OSError as exc:
        _say(f"{path}：无法写入基线：{exc.strerror or exc} (cannot write the baseline)")
        return EXIT_BAD_INPUT
    _say(f"已将 {len(entries)} 条发现写入基线 {path}，请在每条的 reason 中写明接受的理由 (baseline written; give each entry a reason)")
    return EXIT_OK


def _baseline_notes(baseline: Baseline, stale: list[dict]) -> None:
    """What a person maintaining the baseline should know: entries without a reason, entries no longer found."""
    if baseline.unexplained():
        _say(f"基线 {baseline.path} 中有 {baseline.unexplained()} 条尚未写明理由 (entries without a reason)")
    if stale:
        _say(f"基线 {baseline.path} 中有 {len(stale)} 条已不再出现，可以删除 (entries no longer found)")


# --- rules ---------------------------------------------------------------------------------------


def _run_rules(args: argparse.Namespace) -> int:
    from auditor.catalogue import explain, listing, markdown_table
    from auditor.rules import selected_rules

    if args.markdown:
        text = markdown_table()
    elif args.rule is None:
        text = listing()
    else:
        text = "\n\n".join(explain(r) for r in selected_rules([args.rule]))  # an id, or a prefix naming a family of rules
    out = _Stdout()
    out.write(text + "\n")
    out.flush()
    return EXIT_OK

