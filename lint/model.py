"""Rules and diagnostics: the values passed between packs, kinds, engine and reporters."""

from __future__ import annotations

import difflib
import fnmatch
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

# `dataclass(slots=True)` exists from Python 3.10: there, classes made once per finding or span keep
# no per-instance dict; on 3.9 they work the same with a little more memory.
SLOTS: dict = {"slots": True} if sys.version_info >= (3, 10) else {}


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Pin:
    """A finding a bad example states (`finds:`): what is left out is not checked."""

    text: str | None = None  # the reported text
    at: int | None = None  # the column where it starts (1-based, in characters), on line `line`
    line: int | None = None  # default 1 when `at` is given
    message: str | None = None  # the message, placeholders filled in


@dataclass(frozen=True)
class Example:
    text: str
    fixed: str | None = None
    finds: tuple[Pin, ...] = ()  # when given: every finding of the rule on the text, in order


@dataclass
class Rule:
    """One rule of a pack, as written in YAML; kind-specific keys stay in `options`."""

    id: str  # full id, "<pack>.<name>"
    kind: str
    severity: Severity
    message: str
    options: dict[str, Any]
    description: str = ""
    source: str = ""
    applicability: str = "safe"  # whether --fix may apply the replacement unattended
    exceptions: tuple[str, ...] = ()
    skip_files: tuple[str, ...] = ()  # file-name globs the rule does not apply to (e.g. Markdown residue in *.md)
    bad: tuple[Example, ...] = ()
    good: tuple[str, ...] = ()
    origin: str = ""  # "file:line" where the rule is defined, for error messages
    title: str = ""  # the pack's title, for documentation
    # Characters every finding contains, on one line (see unionlint.prefilter); None: no such promise.
    trigger: str | None = None
    # Compiled once by the loader (kinds.build and the exception patterns), reused for every file.
    matcher: Any = field(default=None, repr=False, compare=False)
    exemptions: Any = field(default=None, repr=False, compare=False)

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]


def rule_matches(rule: Rule, selectors: Iterable[str]) -> bool:
    """A selector is a full id, a pack name, or a glob such as `numbers.*`."""
    return any(selector == rule.pack or fnmatch.fnmatchcase(rule.id, selector) for selector in selectors)


def unmatched_selectors(selectors: Iterable[str], rules: list[Rule]) -> list[tuple[str, str]]:
    """Each selector that matches none of `rules`, with the hint that ends its error message:
    the closest rule id or pack name (a typo selects or ignores nothing), as ruff does."""
    unmatched = [value for value in selectors if not any(rule_matches(rule, [value]) for rule in rules)]
    if not unmatched:
        return []
    names = sorted({rule.id for rule in rules} | {rule.pack for rule in rules})
    hints = []
    for value in unmatched:
        close = difflib.get_close_matches(value, names, n=1)
        hints.append((value, f"；是否想写 '{close[0]}'？" if close else "；unionlint rules 列出全部规则"))
    return hints


def select_rules(rules: list[Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """Keep the selected rules (all when `select` is empty), minus the ignored ones."""
    chosen = [rule for rule in rules if not select or rule_matches(rule, select)]
    return [rule for rule in chosen if not ignore or not rule_matches(rule, ignore)]


@dataclass(frozen=True, **SLOTS)
class Span:
    """A region of a document's text, [start, end) in characters."""

    start: int
    end: int


@dataclass(**SLOTS)
class Finding:
    """What a kind reports: a span of the document and, when known, its replacement.

    Not frozen, like Diagnostic: a frozen dataclass builds ~4× slower, and runs make one per finding."""

    start: int
    end: int
    replacement: str | None = None
    # Values for the message template besides {match} and {replacement}.
    values: tuple[tuple[str, str], ...] = ()


class Diagnostic:
    """A finding located in a file: positions are 1-based, end column exclusive.

    A large file has hundreds of thousands of these, so what every finding of one rule in one file
    shares (path, rule, severity, applicability) is one `origin` tuple, not four fields each: a
    64 MB file's findings take ~20 MB less."""

    __slots__ = ("origin", "start", "end", "line", "column", "end_line", "end_column", "message", "fix", "text")
    FIELDS = ("path", "start", "end", "line", "column", "end_line", "end_column")
    FIELDS += ("rule", "severity", "message", "fix", "applicability", "text")

    def __init__(
        self,
        path: str,
        start: int,
        end: int,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        rule: str,
        severity: Severity,
        message: str,
        fix: str | None,
        applicability: str | None = None,
        text: str = "",  # the reported text, as it stands in the document
    ):
        self.origin = _origin(path, rule, severity, applicability)
        self.start, self.end, self.line, self.column = start, end, line, column
        self.end_line, self.end_column = end_line, end_column
        self.message, self.fix, self.text = message, fix, text

    path = property(lambda self: self.origin[0])
    rule = property(lambda self: self.origin[1])
    severity = property(lambda self: self.origin[2])
    applicability = property(lambda self: self.origin[3])

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other) -> bool:
        return isinstance(other, Diagnostic) and self._values() == other._values()

    __hash__ = None  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return "Diagnostic(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS) + ")"

    def __reduce__(self):
        """Pickled as constructor arguments: --jobs workers send every finding to the parent, and
        this is twice as fast and half the size of the default (state set field by field)."""
        return Diagnostic, self._values()


_ORIGINS: dict[tuple, tuple] = {}
_ORIGINS_PATH: list = [None]  # the path whose origins _ORIGINS holds


def _origin(path: str, rule: str, severity: Severity, applicability: str | None) -> tuple:
    """One shared tuple per (path, rule, severity, applicability). Only the latest file's are kept:
    findings arrive file by file, and an archive run must not accumulate them."""
    key = (path, rule, severity, applicability)
    found = _ORIGINS.get(key)
    if found is None:
        if _ORIGINS_PATH[0] != path:  # not by iterating: `unionlint serve` lints in several threads
            _ORIGINS.clear()
            _ORIGINS_PATH[0] = path
        found = _ORIGINS[key] = key
    return found
