"""``auditor check FILE...`` and ``auditor rules [ID]``: the library's front door for a shell.

Exit status: 0 no error findings, 1 error findings, 2 a file could not be read or
the command line was wrong. Every file is audited on its own, so one bad file
never hides the findings of the others.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from auditor.api import check
from auditor.read import InputError
from auditor.report.report import FileResult, Report
from auditor.report.text import format_text
from auditor.rules import selected_rules

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2


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


def _use_utf8(*streams) -> None:
    """Chinese output must not depend on the terminal's locale (cp936, C, latin-1 …)."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="auditor", description="核查部门决算公开中的数字是否前后一致。")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check_cmd = commands.add_parser("check", help="audit one or more disclosures")
    check_cmd.add_argument("files", nargs="+", metavar="FILE", help="a disclosure (.txt in UTF-8 or GBK, .docx, .xlsx)")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text",
                           help="text: one line per finding (default); json: one document for all files")
    check_cmd.add_argument("--select", type=_rule_ids, action="extend", metavar="IDS",
                           help="only these rules (comma-separated ids or id prefixes)")
    check_cmd.add_argument("--ignore", type=_rule_ids, action="extend", metavar="IDS",
                           help="skip these rules (comma-separated ids or id prefixes)")
    check_cmd.add_argument("--tables", metavar="FILE",
                           help="the standard tables of the (single) FILE, as a separate workbook or text file")
    check_cmd.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    check_cmd.set_defaults(run=_run_check)

    rules_cmd = commands.add_parser("rules", help="list the rules, or document one")
    rules_cmd.add_argument("rule", nargs="?", metavar="ID")
    rules_cmd.set_defaults(run=_run_rules)
    return parser


def _rule_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _run_check(args: argparse.Namespace) -> int:
    selected_rules(args.select, args.ignore)  # reject an unknown id before any file is read
    if args.tables and len(args.files) != 1:
        print("auditor: --tables 只能与一个文件一起使用 (--tables goes with exactly one FILE)", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = Report.combine(_audit(path, args.tables, args.select, args.ignore) for path in args.files)
    output = report.to_json() + "\n" if args.format == "json" else format_text(report)
    if args.output:
        try:
            Path(args.output).write_text(output, encoding="utf-8")
        except OSError as exc:
            print(f"auditor: {args.output}: 无法写入：{exc.strerror or exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        try:
            sys.stdout.write(output)
            sys.stdout.flush()
        except BrokenPipeError:  # `auditor check … | head`: the reader has what it wanted
            # Point stdout at devnull so the interpreter's final flush does not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    if report.unreadable:
        return EXIT_BAD_INPUT
    return EXIT_ERRORS if report.errors else EXIT_OK


def _audit(path: str, tables: str | None, select, ignore) -> Report:
    """One file's report; a file that cannot be audited becomes a FileResult with the reason."""
    try:
        # A Path, never the str: check() would audit a mistyped name as a line of text.
        return check(Path(path), tables=Path(tables) if tables else None, select=select, ignore=ignore)
    except InputError as exc:
        path, reason = exc.path, exc.reason
    except Exception as exc:  # a bug in one file's audit must not cost the user the other files
        reason = f"内部错误：{type(exc).__name__}: {exc}"
    return Report(findings=(), files=[FileResult(path, "", reason)])


def _run_rules(args: argparse.Namespace) -> int:
    if args.rule is None:
        rules = selected_rules()
        width = max((len(r.id) for r in rules), default=0)
        for r in rules:
            print(f"{r.id:<{width}}  {r.title}")
        return EXIT_OK
    rules = selected_rules([args.rule])  # an id, or a prefix naming a family of rules
    print("\n\n".join(f"{r.id}: {r.title}\n\n{r.doc}".rstrip() for r in rules))
    return EXIT_OK
