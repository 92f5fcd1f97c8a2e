"""Rules and diagnostics: the values passed between packs, kinds, engine and reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from operator import attrgetter
from typing import Any


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    fixed: str | None = None


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
    # Compiled once by the loader (kinds.build and the exception patterns), reused for every file.
    matcher: Any = field(default=None, repr=False, compare=False)
    exemptions: Any = field(default=None, repr=False, compare=False)

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(slots=True)
class Finding:
    """What a kind reports: a span of the document and, when known, its replacement.

    Not frozen, like Diagnostic: a frozen dataclass builds ~4× slower, and runs make one per finding."""

    start: int
    end: int
    replacement: str | None = None
    # Values for the message template besides {match} and {replacement}.
    values: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Diagnostic:
    """A finding located in a file: positions are 1-based, end column exclusive."""

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    fix: str | None
    applicability: str | None = None
    text: str = ""  # the reported text, as it stands in the document

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end)

    def __reduce__(self):
        """Pickled as constructor arguments: --jobs workers send every finding to the parent, and
        this is twice as fast and half the size of the dataclass default (state set field by field)."""
        return Diagnostic, _diagnostic_fields(self)


_diagnostic_fields = attrgetter(*(name for name in Diagnostic.__dataclass_fields__))
