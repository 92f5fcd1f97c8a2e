"""Reporters: one module per output format, each exposing `render(run, stream)`."""

from __future__ import annotations

import functools
import importlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring

from unionlint.document import Document
from unionlint.fingerprints import context
from unionlint.model import Diagnostic, Rule, Severity

FORMATS = ("text", "json", "github", "sarif", "gitlab", "html")
RENDERED_IN_WORKER = 20_000  # findings of one file above which a worker sends them rather than its output


@dataclass
class FileReport:
    """One linted file. Reports stream to the reporter one at a time, so a run over an archive
    holds one document at a time."""

    path: str
    diagnostics: list[Diagnostic]
    # The document in-process; from a worker process only what reporters need of it.
    source: Document | DetachedSource
    # From a worker that wrote the file's output itself (see `detached`): that output, and the
    # counts of the findings, which are then not sent back.
    rendered: str | None = None
    tally: Summary | None = None

    @classmethod
    def of(cls, doc: Document, diagnostics: list[Diagnostic]) -> FileReport:
        return cls(doc.path, diagnostics, doc)

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
        """True when a finding is at or above `threshold` (the file's fail-on level)."""
        if self.tally is not None:
            return any(severity >= threshold for severity in self.tally.by_severity)
        return any(d.severity >= threshold for d in self.diagnostics)

    def detached(self, needs: frozenset[str], render_file=None) -> FileReport:
        """The report without its document, cheap to send between processes: only the parts of
        it the run `needs` ("lines" for excerpts, "contexts" for fingerprints, "document" for the
        whole text) are kept.

        With the format's `render_file`, the worker writes the file's output and sends it with the
        counts instead of the findings: the parent, which all workers wait on, only copies it out.
        A file with very many findings is sent as findings, to be written in batches."""
        if render_file is not None and len(self.diagnostics) <= RENDERED_IN_WORKER:
            tally = Summary()
            tally.add(self)
            return FileReport(self.path, [], DetachedSource({}, {}), render_file(self), tally)
        if "document" in needs:  # the whole text (the proof page shows it)
            whole = Document(self.path, self.source.text, locations=self.source.locations)
            return FileReport(self.path, self.diagnostics, whole)
        lines = {line: self.line_text(line) for line in {d.line for d in self.diagnostics}} if "lines" in needs else {}
        contexts = {(d.start, d.end): self.context(d) for d in self.diagnostics} if "contexts" in needs else {}
        locations = {d.line: self.location(d.line) for d in self.diagnostics} if self.source.locations else {}
        return FileReport(self.path, self.diagnostics, DetachedSource(lines, contexts, locations))


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
class Summary:
    """Counts accumulated while the reports stream past: all the summary line and exit code need."""

    files: int = 0
    by_rule: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)
    safe_fixes: int = 0
    unsafe_fixes: int = 0
    safe_by_rule: Counter = field(default_factory=Counter)  # for --statistics

    def add(self, report: FileReport) -> None:
        if report.tally is not None:
            self._merge(report.tally)
            return
        self.files += 1
        for d in report.diagnostics:
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


@dataclass
class Run:
    """Everything a reporter may show about one invocation.

    `reports` is consumed once, in path order, by `files()`; `summary`, `fixed` and `timings`
    are complete only after that (fixing and linting happen as the reports are produced).
    """

    reports: Iterable[FileReport]
    rules: dict[str, Rule]
    fixed: Counter = field(default_factory=Counter)  # fixes applied, per rule
    baselined: int = 0  # known findings hidden by --baseline (complete after files())
    timings: Counter = field(default_factory=Counter)  # seconds spent per rule (--statistics)
    summary: Summary = field(default_factory=Summary)
    # Files not checked (complete after files()): skipped in a folder, by reason ("二进制", "其他格式"),
    # and those that could not be read or decoded.
    skipped: Counter = field(default_factory=Counter)
    unreadable: int = 0

    def files(self) -> Iterator[FileReport]:
        for report in self.reports:
            self.summary.add(report)
            yield report

    @property
    def diagnostics(self) -> Iterator[Diagnostic]:
        for report in self.files():
            yield from report.diagnostics


def checked(run: Run) -> str:
    """“检查了 3 个文件，跳过 1 个（二进制），1 个无法读取”: what the summary line says was looked at."""
    parts = [f"检查了 {run.summary.files} 个文件"]
    if run.skipped:
        reasons = sorted(run.skipped.items(), key=lambda item: (-item[1], item[0]))
        why = reasons[0][0] if len(reasons) == 1 else "、".join(f"{count} 个{reason}" for reason, count in reasons)
        parts.append(f"跳过 {sum(run.skipped.values())} 个（{why}）")
    if run.unreadable:
        parts.append(f"{run.unreadable} 个无法读取")
    return "，".join(parts)


def unchecked(run: Run) -> bool:
    return bool(run.skipped or run.unreadable)


class JsonStrings:
    """Strings as JSON literals (what json.dumps writes with ensure_ascii=False), each distinct one
    quoted once: machine formats write hundreds of thousands of findings that repeat the same few
    paths, rules and messages, and building them by hand beats json.dumps per finding several times."""

    def __init__(self):
        self.quoted: dict = {None: "null"}

    def __call__(self, value: str | None) -> str:
        quoted = self.quoted.get(value)
        if quoted is None:
            quoted = self.quoted[value] = encode_basestring(value)
        return quoted


@functools.lru_cache(maxsize=4096)
def shown(text: str) -> str:
    """Text as quoted in a fix description: spaces, line breaks and invisible characters made visible,
    since deleting them is common (a broken paragraph is joined by deleting its line breaks).
    Cached: an archive's hundred thousand fixes are mostly the same few."""
    text = text.replace(" ", "␣").replace("\t", "␉").replace("\u3000", "□").replace("\n", "⏎")
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text) or "∅"


def describe_fix(diagnostic: Diagnostic) -> str | None:
    """“"工" → “工”” or “删除 ␣”: what the fix does, in words an editor reads at a glance."""
    if diagnostic.fix is None:
        return None
    if not diagnostic.fix:
        return f"删除 {shown(diagnostic.text)}"
    return f"{shown(diagnostic.text)} → {shown(diagnostic.fix)}"


def needs(format_name: str) -> frozenset[str]:
    """What a format uses of each document besides its findings (see FileReport.detached)."""
    return getattr(importlib.import_module(f"unionlint.reporters.{format_name}"), "NEEDS", frozenset())


def file_renderer(format_name: str, stream):
    """The format's `file_renderer(stream)`, a function writing one file's part of the output (as
    a string) that workers may run; None for a format whose output is not made file by file."""
    make = getattr(importlib.import_module(f"unionlint.reporters.{format_name}"), "file_renderer", None)
    return make(stream) if make is not None else None


def drawn(run: Run, draw) -> Iterator[str]:
    """Each file's output in path order: as its worker wrote it, or `draw(report, diagnostic)` for
    each finding (a file with very many findings is never held as one string)."""
    for report in run.files():
        if report.rendered is not None:
            yield report.rendered
        for diagnostic in report.diagnostics:
            yield draw(report, diagnostic)


def render(format_name: str, run: Run, stream) -> None:
    importlib.import_module(f"unionlint.reporters.{format_name}").render(run, stream)
