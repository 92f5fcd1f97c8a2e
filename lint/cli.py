"""Command line: `unionlint [PATH…]`, `unionlint rules`, `explain ID`, `check-packs FILE…`.

Exit codes (as ruff and flake8): 0 nothing at or above --fail-on, 1 findings, 2 usage,
configuration, pack or input error — always a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

from unionlint import __version__
from unionlint.errors import UnionlintError

SUBCOMMANDS = ("rules", "explain", "check-packs", "serve")


class UsageError(UnionlintError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit 2, instead of argparse's usage dump
        raise UsageError(f"{message}（用法见 unionlint --help）")


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
    parser.add_argument("paths", nargs="*", metavar="PATH", help="文件或文件夹（递归查找 *.txt、*.md）；- 表示标准输入")
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


def load_rules(extra_packs: list[str]):
    """Built-in packs plus user packs; a rule id defined twice is an error."""
    from unionlint.packs import load_builtin_packs, load_pack

    return merge_rules(load_builtin_packs() + [load_pack(path) for path in extra_packs])


def merge_rules(packs) -> list:
    """The rules of all packs, after unionlint's own suppression rules; a rule id defined twice is an error."""
    from unionlint.suppressions import META_RULES

    rules = {}
    for pack_rules in [META_RULES] + [pack.rules for pack in packs]:
        for rule in pack_rules:
            if rule.id in rules:
                first = rules[rule.id].origin
                raise UnionlintError(f"{rule.origin}: 规则 '{rule.id}' 与 {first} 中的规则重名，请改用另一个 id")
            rules[rule.id] = rule
    return list(rules.values())


def lint(args: argparse.Namespace) -> int:
    from unionlint.config import Setup
    from unionlint.reporters import Run, file_renderer, needs, render

    if not args.paths:
        raise UsageError("请给出要检查的文件或文件夹（或 - 读取标准输入）；unionlint --help 查看用法")
    _check_encoding(args.encoding)
    _check_word_options(args)
    recorded = _baseline_options(args)
    setup = Setup(_split_ids(args.select), _split_ids(args.ignore), args.pack, args.fail_on, args.config, args.isolated)
    setup.report_unused = args.report_unused_suppressions
    outcome = _Outcome()
    format_name = "statistics" if args.statistics else args.format or default_format(os.environ)
    kept = needs(format_name) | ({"contexts"} if args.baseline or args.write_baseline else set())
    # With `--fix -` the fixed text goes to stdout, so the report goes to stderr.
    report_stream = sys.stderr if args.fix and "-" in args.paths else sys.stdout
    # Workers may write each file's output only when the parent changes nothing in the findings.
    rendering = recorded is None and not args.write_baseline and not args.diff
    render_file = file_renderer(format_name, report_stream) if rendering else None
    plan = _plan(args, setup)
    setup.check_cli_selectors()
    run = Run(reports=(), rules=setup.in_use)
    run.reports = _reports(args, plan, run, outcome, recorded, (kept, render_file))
    if args.diff:  # the diff is the output (as ruff --diff): exit 1 when there is something to fix
        for _ in run.files():
            pass
        return 2 if outcome.failed else int(outcome.changed)
    if args.write_baseline:
        return _write_baseline(args.write_baseline, run, outcome)
    render(format_name, run, report_stream)
    sys.stdout.flush()
    if outcome.failed:
        return 2
    return 1 if outcome.over_threshold else 0


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
    """Check the baseline options before any work; the recorded findings when --baseline is given."""
    if args.baseline and args.write_baseline:
        raise UsageError("--baseline 与 --write-baseline 不能同时使用")
    if args.write_baseline and args.diff:
        raise UsageError("--write-baseline 与 --diff 不能同时使用（--diff 不写任何文件）")
    if not args.baseline:
        return None
    from unionlint.baseline import load_baseline

    return load_baseline(args.baseline)


def _write_baseline(path: str, run, outcome) -> int:
    """A baseline missing the findings of an unreadable file would hide nothing there later: refuse."""
    from unionlint.baseline import record, write_baseline

    counts = record(path, run.files())
    if outcome.failed:
        print(f"unionlint: 错误：有文件未能检查，未写入基线 {path}", file=sys.stderr)
        return 2
    count = write_baseline(path, counts)
    print(f"unionlint: 已把 {run.summary.files} 个文件中的 {count} 个问题记入基线 {path}", file=sys.stderr)
    return 0


class _Outcome:
    """What the streamed run learns on the way: an input error (exit 2), a file changed by --diff,
    a finding at or above its file's fail-on level (exit 1)."""

    failed = False
    changed = False
    over_threshold = False


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


def _plan(args, setup) -> list[tuple]:
    """(source, engine, fail-on level) for every input, in path order; an InputError has no engine.

    Configurations and engines are resolved here, in the main process, before any file is linted:
    forked workers inherit them compiled, and reporters know every rule in use from the start.
    Files excluded by their configuration are left out, whether found in a folder or named
    explicitly (pre-commit passes every changed file by name)."""
    from unionlint.sources import InputError

    plan = []
    for source in _sources(args):
        if isinstance(source, InputError):
            plan.append((source, None, None))
            continue
        from_stdin = not isinstance(source, str)
        path = args.stdin_filename if from_stdin else source
        config = setup.config_for(_folder_of(path))
        if not from_stdin and config.excludes(path):
            continue
        plan.append((source, setup.engine_for(config, path), setup.fail_on(config)))
    plan.sort(key=lambda entry: entry[0] if isinstance(entry[0], str) else entry[0].path)
    return plan


def _reports(args, plan, run, outcome, recorded, shipping):
    """FileReports in path order, linted (and fixed) one file at a time, in --jobs processes
    (which send back only the parts of each document the format needs, or each file's output
    already written: `shipping`); findings recorded in the --baseline are dropped before anyone
    counts them."""
    from unionlint.sources import InputError

    task = _FileTask(args.encoding, args.fix or args.diff, args.diff, args.unsafe_fixes)
    task.word = _WordOptions(args.fix or args.diff, args.track_changes, args.comments and not args.diff, args.output)
    jobs = min(args.jobs, len(plan))
    if jobs > 1 and not args.diff and "-" not in args.paths:
        results = _in_processes(task, plan, jobs, shipping)
    else:
        results = map(task, plan)
    for (source, _, threshold), result in zip(plan, results):
        if isinstance(result, InputError):
            _input_problem(result, source, run, outcome)
            continue
        if isinstance(result, UnionlintError):
            raise result
        report, fixed, timings = result
        outcome.changed = outcome.changed or bool(fixed)
        run.fixed.update(fixed)
        run.timings.update(timings)
        if recorded is not None:
            from unionlint.baseline import apply_baseline

            run.baselined += apply_baseline(args.baseline, recorded, [report])
        outcome.over_threshold = outcome.over_threshold or report.reaches(threshold)
        yield report


def _input_problem(problem, source, run, outcome) -> None:
    """A file that was not checked is never silent: a file found in a folder that is not text is
    skipped with a warning and counted; a path named on the command line that cannot be checked is
    an error (exit 2), counted as unreadable; a path given twice, a folder with nothing to check: a warning."""
    from unionlint.sources import Walked

    if problem.reason and isinstance(source, Walked):
        run.skipped[problem.reason] += 1
        print(f"unionlint: 警告：{problem.message}（已跳过）", file=sys.stderr)
    elif problem.skipped:
        print(f"unionlint: 警告：{problem.message}", file=sys.stderr)
    else:
        run.unreadable += 1
        outcome.failed = True
        print(f"unionlint: 错误：{problem.message}{'（无法检查）' if problem.reason else ''}", file=sys.stderr)


class _WordOptions:
    """What --fix, --no-track-changes, --comments and -o ask of a .docx (see unionlint.word.review)."""

    def __init__(self, fix, track, comments, output):
        self.fix, self.track, self.comments, self.output = fix, track, comments, output


class _FileTask:
    """Read, fix (--fix/--diff) and lint one planned file; the same code runs in-process and in workers.

    Returns an InputError, a UnionlintError to raise in the parent, or (report, fixes, timings)."""

    def __init__(self, encoding, fix, diff, unsafe):
        self.encoding, self.fix, self.diff, self.unsafe = encoding, fix, diff, unsafe
        self.word = _WordOptions(fix, True, False, None)

    def __call__(self, entry):
        from unionlint.reporters import FileReport
        from unionlint.sources import InputError, read_document

        source, engine, _ = entry
        doc = read_document(source, self.encoding) if isinstance(source, str) else source
        if isinstance(doc, InputError):
            return doc
        engine.timings.clear()
        fixed = Counter()
        try:
            if doc.word is not None and (self.fix or self.word.comments):
                from unionlint.word import review

                doc, fixed = review(engine, doc, self.word, self.diff, self.unsafe)
            elif self.fix:
                from unionlint.writer import apply_fixes

                from_stdin = not isinstance(source, str)
                doc, fixed = apply_fixes(engine, doc, self.diff, self.unsafe, from_stdin)
            report = FileReport.of(doc, engine.lint(doc))
        except UnionlintError as error:
            return UnionlintError(str(error))
        return report, fixed, Counter(engine.timings)


_WORK = None  # (task, plan, shipping) of a worker process, inherited by fork (compiled rules are not picklable)


def _run_task(index: int):
    task, plan, (kept, render_file) = _WORK
    result = task(plan[index])
    return (result[0].detached(kept, render_file), *result[1:]) if isinstance(result, tuple) else result


def _in_processes(task, plan, jobs, shipping):
    """Results in plan order from `jobs` forked workers; each inherits the compiled engines."""
    import multiprocessing

    global _WORK
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows): one process
        yield from map(task, plan)
        return
    _WORK = (task, plan, shipping)
    chunk = max(1, min(16, len(plan) // (jobs * 8)))
    with context.Pool(jobs) as pool:
        yield from pool.imap(_run_task, range(len(plan)), chunksize=chunk)


def _check_encoding(name: str | None) -> None:
    import codecs

    if name is None:
        return
    try:
        codecs.lookup(name)
    except LookupError:
        raise UsageError(f"--encoding：未知编码 {name}（可用如 utf-8、gb18030、gbk）") from None


def _folder_of(path: str | None) -> str:
    """Where configuration discovery starts: the file's folder; the current one for stdin."""
    return os.path.dirname(os.path.abspath(path)) if path else os.getcwd()


def _sources(args):
    """Paths to lint, and the standard-input Document (or its InputError) when `-` is given.

    Errors of the paths themselves (missing files, given twice) come as InputErrors."""
    from unionlint.sources import InputError, decode, expand_paths

    if "-" in args.paths:
        data = sys.stdin.buffer.read()
        doc = decode(data, args.stdin_filename or "<stdin>", args.encoding)
        if args.fix and isinstance(doc, InputError):
            sys.stdout.buffer.write(data)  # a filter (editor `:%!unionlint --fix -`) must not eat the text
        yield doc
    yield from expand_paths([given for given in args.paths if given != "-"], respect_ignore=args.respect_ignore)
