"""The library entry point: from inputs and a configuration to findings and fixes.

The command line, the tests (and any server or editor integration) take this one path:

    setup = configure(select=[...], packs=[...])         # unionlint.config: packs, house rules, engines
    result = lint_text("…", path="稿件.txt", config=setup)  # one text → FileResult
    result = fix_text("…", path="稿件.txt", config=setup)   # fixed text (result.text) and what remains
    for result in lint_paths(["稿件/"], setup, jobs=2): …  # files and folders → FileResults, in path order

`lint_paths` resolves every file's configuration and engine before it returns (so a bad
configuration fails before any output, and `setup.in_use` lists every rule in use), then lints
lazily, one file at a time, in forked worker processes with `jobs > 1`. `Run` is what reporters
read: the results of one invocation with the counts accumulated as they stream past.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from unionlint.config import Setup
from unionlint.document import Document
from unionlint.errors import UnionlintError
from unionlint.fingerprints import context
from unionlint.model import Diagnostic, Rule, Severity
from unionlint.sources import InputError, Walked, expand_paths, read_document

RENDERED_IN_WORKER = 20_000  # findings of one file above which a worker sends them rather than its output
FIX_MODES = ("write", "diff")  # fix files in place, or only compute each file's diff


@dataclass
class WordOptions:
    """What fixing or commenting does to a Word document (see unionlint.word.review)."""

    fix: bool = False  # apply the fixes (set by lint_paths from its `fix`)
    track: bool = True  # as tracked changes, rather than direct edits
    comments: bool = False  # a comment on every finding left
    output: str | None = None  # write the reviewed document here, not over the original


@dataclass
class DetachedSource:
    """What reporters use of a document linted in a worker: the lines excerpts show, by number,
    and each finding's fingerprint context, by (start, end)."""

    lines: dict[int, str]
    contexts: dict[tuple[int, int], tuple[str, str]]
    locations: dict[int, str] = field(default_factory=dict)  # Word documents: what each line is

    def line_text(self, line: int) -> str:
        return self.lines[line]


@dataclass
class FileResult:
    """One linted (and perhaps fixed) file or text. Results stream one at a time, so a run over an
    archive holds one document at a time."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # after fixing: what remains
    # The (fixed) document in-process; from a worker process only what reporters need of it.
    source: Document | DetachedSource | None = None
    fixes: Counter = field(default_factory=Counter)  # fixes applied, per rule
    timings: Counter = field(default_factory=Counter)  # seconds per rule
    fail_on: Severity = Severity.WARNING  # the file's configured threshold for a failing exit
    error: InputError | None = None  # the input could not be read: nothing else is set
    walked: bool = False  # found by walking a folder, not named on the command line
    diff: str | None = None  # fix mode "diff": the unified diff of the fixes
    output: bytes | None = None  # fix mode "write" on standard input: the fixed text, encoded as read
    baselined: int = 0  # findings hidden because the baseline records them
    # From a worker that wrote the file's output itself (see `detached`): that output, and the
    # counts of the findings, which are then not sent back.
    rendered: str | None = None
    tally: Summary | None = None

    @property
    def text(self) -> str:
        """The text as linted: after the fixes, when fixing (in-process results only)."""
        return self.source.text

    @property
    def unchecked(self) -> str | None:
        """Why the input was not checked, if it was not: "skipped" (a file met in a folder that is not
        text: counted), "warning" (a path given twice, a folder with nothing to check), "error" (a
        path that cannot be read or decoded: exit 2)."""
        if self.error is None:
            return None
        if self.error.reason and self.walked:
            return "skipped"
        return "warning" if self.error.skipped else "error"

    def line_text(self, line: int) -> str:
        return self.source.line_text(line)

    def location(self, line: int) -> str | None:
        """What a line of a Word document is ("paragraph", "table r2c3", "footnote 1", "header" …);
        None for text files, whose lines are lines."""
        locations = self.source.locations
        return None if not locations else locations[line - 1] if isinstance(locations, list) else locations[line]

    def context(self, diagnostic: Diagnostic) -> tuple[str, str]:
        """The text around a finding that identifies it across runs (see unionlint.fingerprints)."""
        if isinstance(self.source, DetachedSource):
            return self.source.contexts[diagnostic.start, diagnostic.end]
        return context(self.source, diagnostic.start, diagnostic.end)

    def reaches(self, threshold: Severity) -> bool:
        """True when a finding is at or above `threshold`."""
        if self.tally is not None:
            return any(severity >= threshold for severity in self.tally.by_severity)
        return any(d.severity >= threshold for d in self.diagnostics)

    @property
    def failing(self) -> bool:
        """A finding reaches the file's own fail-on level (exit code 1)."""
        return self.reaches(self.fail_on)

    def detached(self, needs: frozenset[str], render_file=None) -> FileResult:
        """The result without its document, cheap to send between processes: only the parts of
        it reporters `need` ("lines" for excerpts, "contexts" for fingerprints, "document" for the
        whole text) are kept.

        With the format's `render_file`, the worker writes the file's output and sends it with the
        counts instead of the findings: the parent, which all workers wait on, only copies it out.
        A file with very many findings is sent as findings, to be written in batches."""
        if render_file is not None and len(self.diagnostics) <= RENDERED_IN_WORKER:
            tally = Summary()
            tally.add(self)
            return replace(self, diagnostics=[], source=DetachedSource({}, {}), rendered=render_file(self), tally=tally)
        if "document" in needs:  # the whole text (the proof page shows it)
            whole = Document(self.path, self.source.text, locations=self.source.locations)
            return replace(self, source=whole)
        lines = {line: self.line_text(line) for line in {d.line for d in self.diagnostics}} if "lines" in needs else {}
        contexts = {(d.start, d.end): self.context(d) for d in self.diagnostics} if "contexts" in needs else {}
        locations = {d.line: self.location(d.line) for d in self.diagnostics} if self.source.locations else {}
        return replace(self, source=DetachedSource(lines, contexts, locations))


@dataclass
class Summary:
    """Counts accumulated while the results stream past: all the summary line and exit code need."""

    files: int = 0
    by_rule: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)
    safe_fixes: int = 0
    unsafe_fixes: int = 0
    safe_by_rule: Counter = field(default_factory=Counter)  # for --statistics

    def add(self, result: FileResult) -> None:
        if result.tally is not None:
            self._merge(result.tally)
            return
        self.files += 1
        for d in result.diagnostics:
            self.by_rule[d.rule] += 1
            self.by_severity[d.severity] += 1
            if d.fix is not None:
                if d.applicability == "safe":
                    self.safe_fixes += 1
                    self.safe_by_rule[d.rule] += 1
                elif d.applicability == "unsafe":
                    self.unsafe_fixes += 1

    def _merge(self, other: Summary) -> None:
        self.files += other.files
        self.by_rule.update(other.by_rule)
        self.by_severity.update(other.by_severity)
        self.safe_fixes += other.safe_fixes
        self.unsafe_fixes += other.unsafe_fixes
        self.safe_by_rule.update(other.safe_by_rule)

    @property
    def total(self) -> int:
        return sum(self.by_rule.values())


class Run:
    """Everything a reporter may show about one invocation.

    `files()` consumes the results once, in path order, leaving out inputs that were not checked
    (counted in `skipped` by reason or in `unreadable`, which sets `failed`); `summary`, `fixed`,
    `timings`, `baselined`, `changed` and `failing` are complete only after that.
    """

    def __init__(self, results: Iterable[FileResult], rules: dict[str, Rule]):
        self.results = results
        self.rules = rules
        self.fixed: Counter = Counter()  # fixes applied, per rule
        self.timings: Counter = Counter()  # seconds spent per rule (--statistics)
        self.baselined = 0  # known findings hidden by a baseline
        self.summary = Summary()
        self.failed = False  # an input could not be linted (exit 2)
        self.changed = False  # a fix was applied or would be (--diff: exit 1)
        self.failing = False  # a finding reaches its file's fail-on level (exit 1)
        self.skipped: Counter = Counter()  # files met in a folder that are not text, by reason
        self.unreadable = 0  # inputs that could not be read or decoded

    def files(self) -> Iterator[FileResult]:
        for result in self.results:
            unchecked = result.unchecked
            if unchecked == "skipped":
                self.skipped[result.error.reason] += 1
            elif unchecked == "error":
                self.unreadable += 1
                self.failed = True
            if unchecked is not None:
                continue
            self.changed = self.changed or bool(result.fixes)
            self.fixed.update(result.fixes)
            self.timings.update(result.timings)
            self.baselined += result.baselined
            self.failing = self.failing or result.failing
            self.summary.add(result)
            yield result

    @property
    def diagnostics(self) -> Iterator[Diagnostic]:
        for result in self.files():
            yield from result.diagnostics

    @property
    def exit_code(self) -> int:
        """2 when an input could not be linted, 1 when a finding reaches its fail-on level, else 0."""
        return 2 if self.failed else int(self.failing)


# ---------------------------------------------------------------------------------------------
# Entry points


def configure(
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    packs: Iterable[str] = (),
    *,
    fail_on: str | None = None,
    config_file: str | None = None,
    isolated: bool = False,
    report_unused: bool = False,
) -> Setup:
    """The configuration to lint with: built-in packs, `packs`, and for each file its discovered
    (or the given) configuration file; command-line style selectors override it."""
    setup = Setup(list(select), list(ignore), list(packs), fail_on, config_file, isolated)
    setup.report_unused = report_unused
    return setup


_DEFAULT: list[Setup] = []


def default_setup() -> Setup:
    """The built-in packs and nothing else (no configuration file), built once."""
    if not _DEFAULT:
        _DEFAULT.append(configure(isolated=True))
    return _DEFAULT[0]


def lint_text(text: str, *, path: str = "<text>", config: Setup | None = None) -> FileResult:
    """Lint one text as if it were the file `path` (its suffix decides Markdown; its folder the
    configuration file found, unless `config` is isolated)."""
    doc = Document.from_text(path, text)
    return _FileTask()(_plan_document(doc, config or default_setup()))


def fix_text(text: str, *, path: str = "<text>", config: Setup | None = None, unsafe: bool = False) -> FileResult:
    """Apply every safe fix (with `unsafe`, every fix) until none is left; `result.text` is the fixed
    text, `result.fixes` the fixes applied per rule, `result.diagnostics` what remains."""
    doc = Document.from_text(path, text)
    return _FileTask(fix="text", unsafe=unsafe)(_plan_document(doc, config or default_setup()))


def lint_paths(
    paths: Iterable[str],
    config: Setup | None = None,
    *,
    stdin: Document | InputError | None = None,
    encoding: str | None = None,
    fix: str | None = None,
    unsafe: bool = False,
    jobs: int = 1,
    respect_ignore: bool = True,
    baseline: tuple[str, Counter] | None = None,
    word: WordOptions | None = None,
    needs: frozenset[str] = frozenset(),
    render_file: Callable[[FileResult], str] | None = None,
    cache: bool = False,
) -> Iterator[FileResult]:
    """Lint files and folders (recursively, *.txt, *.md and *.docx), plus `stdin` for the path "-".

    `fix`: "write" fixes files in place (standard input: its fixed bytes are `result.output`), "diff"
    only computes `result.diff`. `baseline`: (baseline file, recorded findings) to hide. `word`:
    what fixing (and commenting) does to .docx files. `respect_ignore`: leave out files that
    `.gitignore`/`.ignore` name when walking folders. With
    `jobs > 1` files are linted in forked processes and results carry only what `needs` names of
    their documents ("lines", "contexts"), or the file's output already drawn by `render_file`.
    `cache`: report unchanged files from the result cache and keep new results in it
    (unionlint.cache; files only, not `stdin`; fixing does not read it).

    Planning (configurations, engines, the file list) happens now; linting as results are taken.
    """
    config = config or default_setup()
    if fix is not None and fix not in FIX_MODES:
        raise ValueError(f"fix must be one of {FIX_MODES}, not {fix!r}")
    paths = list(paths)
    plan = _plan(paths, config, stdin, respect_ignore)
    config.check_cli_selectors()  # against the rules of every configuration the plan uses
    task = _FileTask(encoding, fix, unsafe, replace(word or WordOptions(), fix=fix is not None), baseline)
    if cache:
        from unionlint.cache import ResultCache

        task.cache = ResultCache(config)
    if baseline is not None:  # findings are dropped in this process, so workers send them all
        needs, render_file = needs | {"contexts"}, None
    jobs = min(jobs, len(plan))
    if jobs > 1 and fix != "diff" and "-" not in paths:
        results = _in_processes(task, plan, jobs, needs, render_file)
    else:
        results = map(task, plan)
    return _checked(results, baseline)


def _checked(results: Iterable, baseline) -> Iterator[FileResult]:
    for result in results:
        if isinstance(result, UnionlintError):
            raise result
        if baseline is not None and result.error is None:
            from unionlint.baseline import apply_baseline

            result.baselined = apply_baseline(baseline[0], baseline[1], [result])
        yield result


# ---------------------------------------------------------------------------------------------
# Planning and the per-file task


class _Planned(NamedTuple):
    source: str | Document | InputError  # a path, the standard input, or what went wrong
    engine: object  # unionlint.engine.Engine, None for an InputError
    fail_on: Severity


def _plan(paths: list[str], setup: Setup, stdin, respect_ignore: bool = True) -> list[_Planned]:
    """Every input with its engine and fail-on level, in path order.

    Configurations and engines are resolved here, in the main process, before any file is linted:
    forked workers inherit them compiled, and reporters know every rule in use from the start.
    Files excluded by their configuration are left out, whether found in a folder or named
    explicitly (pre-commit passes every changed file by name)."""
    sources: list = [stdin] if "-" in paths and stdin is not None else []
    sources += expand_paths([given for given in paths if given != "-"], respect_ignore=respect_ignore)
    plan = []
    for source in sources:
        if isinstance(source, InputError):
            plan.append(_Planned(source, None, Severity.WARNING))
        elif isinstance(source, Document):
            plan.append(_plan_document(source, setup))
        else:
            config = setup.config_for(_folder_of(source))
            if not config.excludes(source):
                plan.append(_Planned(source, setup.engine_for(config, source), setup.fail_on(config)))
    plan.sort(key=lambda entry: entry.source if isinstance(entry.source, str) else entry.source.path)
    return plan


def _plan_document(doc: Document, setup: Setup) -> _Planned:
    """A text not read from a named file: its path only names it (and finds its configuration)."""
    path = None if doc.path.startswith("<") else doc.path
    config = setup.config_for(_folder_of(path))
    return _Planned(doc, setup.engine_for(config, path), setup.fail_on(config))


def _folder_of(path: str | None) -> str:
    """Where configuration discovery starts: the file's folder; the current one for stdin."""
    return os.path.dirname(os.path.abspath(path)) if path else os.getcwd()


class _FileTask:
    """Read, fix and lint one planned input; the same code runs in-process and in workers.

    Returns a FileResult, or a UnionlintError to raise in the parent (a runaway rule, a fix that
    cannot be written)."""

    def __init__(
        self,
        encoding=None,
        fix: str | None = None,
        unsafe: bool = False,
        word: WordOptions | None = None,
        baseline=None,
    ):
        self.encoding, self.fix, self.unsafe = encoding, fix, unsafe
        self.word = word or WordOptions(fix=fix is not None)
        self.baseline = baseline  # (file, recorded findings): a Word document's comments leave them out
        self.cache = None  # unionlint.cache.ResultCache, for files

    def __call__(self, entry: _Planned):
        source, engine, fail_on = entry
        if isinstance(source, InputError):
            return FileResult(source.path, error=source)
        doc = read_document(source, self.encoding) if isinstance(source, str) else source
        if isinstance(doc, InputError):
            return FileResult(doc.path, error=doc, walked=isinstance(source, Walked))
        engine.timings.clear()
        result = FileResult(doc.path, fail_on=fail_on)
        cache = self.cache if isinstance(source, str) else None  # named files only, not standard input
        try:
            if doc.word is not None and (self.fix or self.word.comments):
                doc = self._review(engine, doc, result)
                cache = None
            elif self.fix:
                doc = self._fix(engine, doc, result, named=isinstance(source, str))
                cache = cache if self.fix == "write" else None  # --diff leaves the file as it was
            # A fix never starts from the cache; what is left after it is what the file now holds.
            cached = cache.load(doc) if cache is not None and not self.fix else None
            if cached is not None:
                result.diagnostics = cached
            else:
                result.diagnostics = engine.lint(doc)
                if cache is not None:
                    cache.store(doc, result.diagnostics)
        except UnionlintError as error:
            return UnionlintError(str(error))
        result.source = doc
        result.timings = Counter(engine.timings)
        return result

    def _fix(self, engine, doc: Document, result: FileResult, named: bool) -> Document:
        """Fix the document; write a named file back ("write") or keep its diff ("diff").
        A document with nothing to fix is not rewritten, so its mtime does not change."""
        from unionlint.fixes import fix_document
        from unionlint.writer import encode, unified_diff, write_document

        fixed, result.fixes = fix_document(engine, doc, self.unsafe)
        if self.fix == "diff":
            result.diff = unified_diff(doc, fixed)
        elif named and fixed.text != doc.text:
            write_document(fixed)
        elif not named and self.fix == "write":
            result.output = encode(fixed)
        return fixed

    def _review(self, engine, doc: Document, result: FileResult) -> Document:
        """A Word document: fixes as tracked changes (or edits) and comments, written by unionlint.word."""
        from unionlint.word import review
        from unionlint.writer import unified_diff

        fixed, result.fixes = review(engine, doc, self.word, self.fix == "diff", self.unsafe, self._reported)
        if self.fix == "diff":
            result.diff = unified_diff(doc, fixed)
        return fixed

    def _reported(self, doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The findings of `doc` the user is shown: those the baseline records are left out (as
        `_checked` leaves them out of the result), so a Word document gets comments for exactly these."""
        if self.baseline is None:
            return diagnostics
        from unionlint.baseline import apply_baseline

        shown = FileResult(doc.path, diagnostics=list(diagnostics), source=doc)
        apply_baseline(self.baseline[0], self.baseline[1], [shown])
        return shown.diagnostics


def _in_processes(task: _FileTask, plan: list[_Planned], jobs: int, needs, render_file):
    """Results in plan order from `jobs` forked workers; each inherits the compiled engines (which
    cannot be pickled) through the pool's initializer arguments, never sent between processes."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows): one process
        yield from map(task, plan)
        return
    for engine in {id(item.engine): item.engine for item in plan if item.engine is not None}.values():
        engine.warm_up()
    chunk = max(1, min(16, len(plan) // (jobs * 8)))
    with context.Pool(jobs, initializer=_install, initargs=(task, plan, needs, render_file)) as pool:
        yield from pool.imap(_run_in_worker, range(len(plan)), chunksize=chunk)


_WORKER: tuple = ()  # in a worker process only: (task, plan, needs, render_file)


def _install(*work) -> None:
    global _WORKER
    _WORKER = work


def _run_in_worker(index: int):
    task, plan, needs, render_file = _WORKER
    result = task(plan[index])
    if isinstance(result, FileResult) and result.error is None:
        return result.detached(needs, render_file)
    return result
