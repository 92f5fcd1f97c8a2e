"""Command line: `unionlint [PATH…]`, `unionlint rules`, `explain ID`, `check-packs FILE…`.

Exit codes (as ruff and flake8): 0 nothing at or above --fail-on, 1 findings, 2 usage,
configuration, pack or input error — always a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from unionlint import __version__
from unionlint.arguments import Parser as _Parser
from unionlint.arguments import UsageError
from unionlint.errors import UnionlintError

SUBCOMMANDS = ("rules", "explain", "check-packs", "serve")


def default_format(environ) -> str:
    """Inside GitHub Actions, annotations are what the user sees; elsewhere, the terminal view."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def _split_ids(values: list[str] | None) -> list[str]:
    return [item.strip() for value in values or () for item in value.split(",") if item.strip()]


def lint_parser() -> argparse.ArgumentParser:
    from unionlint.reporters import FORMATS

    parser = _Parser(
        prog="unionlint",
        description="中文新闻稿件编校检查：标点、重复、杂字、数字用法、规范提法。",
        epilog="子命令：unionlint rules | unionlint explain RULE-ID | unionlint check-packs [FILE…] | unionlint serve",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="文件或文件夹（递归查找 *.txt、*.md、*.docx）；- 表示标准输入"
    )
    parser.add_argument("--format", choices=FORMATS, help="输出格式（默认 text；GITHUB_ACTIONS=true 时默认 github）")
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="达到此级别的问题才使退出码为 1（默认取配置文件的 fail-on，否则 warning）",
    )
    parser.add_argument(
        "--select", action="append", metavar="IDS", help="只启用这些规则（规则 id、规则包名或 glob，逗号分隔）"
    )
    parser.add_argument("--ignore", action="append", metavar="IDS", help="停用这些规则（同上）")
    parser.add_argument("--pack", action="append", default=[], metavar="FILE", help="附加的规则包 YAML（可重复）")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--config", metavar="FILE", help="用此配置文件代替自动查找的 unionlint.yaml / pyproject.toml")
    where.add_argument("--isolated", action="store_true", help="忽略所有配置文件，只用内置默认设置")
    parser.add_argument("--fix", action="store_true", help="就地应用安全的自动修复（原子写回，保留编码与换行）")
    parser.add_argument("--diff", action="store_true", help="以 unified diff 显示修复，不写入文件")
    parser.add_argument("--unsafe-fixes", action="store_true", help="同时应用需要人工判断的修复（fix: unsafe）")
    parser.add_argument(
        "--comments", action="store_true", help="在 .docx 中为未修复的每个问题添加批注（规则、说明、修改建议）"
    )
    parser.add_argument(
        "--no-track-changes",
        dest="track_changes",
        action="store_false",
        help="修复 .docx 时直接修改，不以修订（修订模式）记录",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="把修订或批注后的 .docx 写到此文件，原文件不变")
    parser.add_argument("--encoding", metavar="NAME", help="输入编码（默认依次尝试 UTF-8、GB18030）")
    parser.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="报告没有抑制任何问题的 <!-- unionlint-disable … --> 注释（规则 unionlint.unused-suppression）",
    )
    parser.add_argument(
        "--statistics", action="store_true", help="只输出每条规则的问题数与耗时（按问题数排序），不逐条列出"
    )
    parser.add_argument(
        "--jobs",
        type=_job_count,
        default=1,
        metavar="N",
        help="并行检查文件的进程数（默认 1；0 表示 CPU 核数）；输出与单进程完全相同。读标准输入或 --diff 时为 1",
    )
    parser.add_argument(
        "--no-ignore",
        dest="respect_ignore",
        action="store_false",
        help="遍历文件夹时不理会 .gitignore、.ignore（默认跳过其中列出的文件）",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="不读也不写结果缓存 .unionlint_cache/（默认：未改动的文件直接取上次的结果；"
        "环境变量 UNIONLINT_NO_CACHE=1 同此）",
    )
    parser.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取时，报告中使用的文件名")
    parser.add_argument("--write-baseline", metavar="FILE", help="把当前全部问题记入基线文件（JSON）后退出，退出码 0")
    parser.add_argument("--baseline", metavar="FILE", help="只报告基线文件中没有的新问题")
    parser.add_argument("--version", action="version", version=f"unionlint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "serve":
            from unionlint import server

            return server.main(argv[1:])
        if argv and argv[0] in SUBCOMMANDS:
            from unionlint import commands

            return commands.run(argv[0], argv[1:])
        return lint(lint_parser().parse_args(argv))
    except UnionlintError as error:
        print(f"unionlint: 错误：{error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("unionlint: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head`: stop quietly, without a second error on interpreter exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def lint(args: argparse.Namespace) -> int:
    from unionlint import api
    from unionlint.reporters import file_renderer, needs, render

    if not args.paths:
        raise UsageError("请给出要检查的文件或文件夹（或 - 读取标准输入）；unionlint --help 查看用法")
    _check_encoding(args.encoding)
    _check_word_options(args)
    baseline = _baseline_options(args)
    setup = api.configure(
        _split_ids(args.select),
        _split_ids(args.ignore),
        args.pack,
        fail_on=args.fail_on,
        config_file=args.config,
        isolated=args.isolated,
        report_unused=args.report_unused_suppressions,
    )
    format_name = "statistics" if args.statistics else args.format or default_format(os.environ)
    # With `--fix -` the fixed text goes to stdout, so the report goes to stderr.
    report_stream = sys.stderr if args.fix and "-" in args.paths else sys.stdout
    recording = bool(args.write_baseline)
    results = api.lint_paths(
        args.paths,
        setup,
        stdin=_stdin(args),
        encoding=args.encoding,
        fix="diff" if args.diff else "write" if args.fix else None,
        unsafe=args.unsafe_fixes,
        jobs=args.jobs,
        respect_ignore=args.respect_ignore,
        baseline=baseline,
        word=api.WordOptions(track=args.track_changes, comments=args.comments and not args.diff, output=args.output),
        needs=needs(format_name) | ({"contexts"} if recording else set()),
        # Workers may write each file's output only when the parent changes nothing in the findings.
        render_file=None if recording or args.diff else file_renderer(format_name, report_stream),
        # --statistics reports the time rules take; UNIONLINT_NO_CACHE=1 turns the cache off as --no-cache does.
        cache=not (args.no_cache or args.statistics or os.environ.get("UNIONLINT_NO_CACHE")),
    )
    run = api.Run(_printed(results, args), setup.in_use)
    if args.diff:  # the diff is the output (as ruff --diff): exit 1 when there is something to fix
        for _ in run.files():
            pass
        return 2 if run.failed else int(run.changed)
    if args.write_baseline:
        return _write_baseline(args.write_baseline, run)
    render(format_name, run, report_stream)
    sys.stdout.flush()
    return run.exit_code


def _printed(results, args):
    """The results, with what goes to the terminal on the way: input errors, diffs, and the fixed
    standard input."""
    for result in results:
        problem, unchecked = result.error, result.unchecked
        if unchecked == "skipped":
            print(f"unionlint: 警告：{problem.message}（已跳过）", file=sys.stderr)
        elif unchecked == "warning":
            print(f"unionlint: 警告：{problem.message}", file=sys.stderr)
        elif unchecked == "error":
            print(f"unionlint: 错误：{problem.message}{'（无法检查）' if problem.reason else ''}", file=sys.stderr)
        elif result.diff is not None:
            sys.stdout.write(result.diff)
        elif result.output is not None:
            sys.stdout.buffer.write(result.output)
        yield result


def _check_word_options(args) -> None:
    """--comments, --no-track-changes and -o write reviewed Word documents: check they make sense."""
    if not args.track_changes and not args.fix:
        raise UsageError("--no-track-changes 只与 --fix 一起使用")
    if args.output is None:
        return
    if not (args.fix or args.comments) or args.diff:
        raise UsageError("-o/--output 需与 --fix 或 --comments 一起使用（且不与 --diff 同用）")
    if len(args.paths) != 1 or not args.paths[0].lower().endswith(".docx") or os.path.isdir(args.paths[0]):
        raise UsageError("-o/--output 只用于检查单个 .docx 文件")
    if os.path.abspath(args.output) == os.path.abspath(args.paths[0]) or not args.output.lower().endswith(".docx"):
        raise UsageError(f"-o {args.output}：请给出另一个 .docx 文件名（不写 -o 则直接写回原文件）")


def _baseline_options(args):
    """Check the baseline options before any work; (file, recorded findings) when --baseline is given."""
    if args.baseline and args.write_baseline:
        raise UsageError("--baseline 与 --write-baseline 不能同时使用")
    if args.write_baseline and args.diff:
        raise UsageError("--write-baseline 与 --diff 不能同时使用（--diff 不写任何文件）")
    if not args.baseline:
        return None
    from unionlint.baseline import load_baseline

    return args.baseline, load_baseline(args.baseline)


def _write_baseline(path: str, run) -> int:
    """A baseline missing the findings of an unreadable file would hide nothing there later: refuse."""
    from unionlint.baseline import record, write_baseline

    counts = record(path, run.files())
    if run.failed:
        print(f"unionlint: 错误：有文件未能检查，未写入基线 {path}", file=sys.stderr)
        return 2
    count = write_baseline(path, counts)
    print(f"unionlint: 已把 {run.summary.files} 个文件中的 {count} 个问题记入基线 {path}", file=sys.stderr)
    return 0


def _job_count(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"--jobs 需要非负整数（0 表示 CPU 核数），而不是 {value!r}")
    if jobs == 0:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return jobs


def _check_encoding(name: str | None) -> None:
    import codecs

    if name is None:
        return
    try:
        codecs.lookup(name)
    except LookupError:
        raise UsageError(f"--encoding：未知编码 {name}（可用如 utf-8、gb18030、gbk）") from None


def _stdin(args):
    """The standard input as a Document (or its InputError) when `-` is given. A filter (editor
    `:%!unionlint --fix -`) must not eat the text: input that cannot be decoded is copied to stdout."""
    if "-" not in args.paths:
        return None
    from unionlint.sources import InputError, decode

    data = sys.stdin.buffer.read()
    doc = decode(data, args.stdin_filename or "<stdin>", args.encoding)
    if args.fix and isinstance(doc, InputError):
        sys.stdout.buffer.write(data)
    return doc
