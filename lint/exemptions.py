"""Exception patterns: a finding lying inside a match of any of them is not reported.

Shared by every kind (rule-level `exceptions`) and by kinds with per-entry exceptions, so that
"inside an exception match" means the same thing everywhere.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import regex

from unionlint.document import Document, fact
from unionlint.errors import RuleError

# A pathological user pattern must fail loudly, not hang the newsroom's pre-commit hook.
MATCH_TIMEOUT = 5.0
SECONDS_PER_MILLION_CHARACTERS = 2.0  # ~40x what the slowest built-in scan needs on this machine


def scan_timeout(length: int) -> float:
    """How long a scan of `length` characters may run before it counts as catastrophic backtracking.

    The allowance grows with the text: a fixed one made a 64 MB file on a slow or busy machine fail
    as if a built-in pattern had gone runaway, while real backtracking blows any linear budget."""
    return MATCH_TIMEOUT + length * SECONDS_PER_MILLION_CHARACTERS / 1e6


def compile_pattern(source: str, key: str) -> regex.Pattern:
    """Compile a pack regex, turning a syntax error into a RuleError naming the key."""
    try:
        return regex.compile(source, regex.MULTILINE)
    except (regex.error, TypeError) as error:
        raise RuleError(f"invalid regex {source!r}: {error}", key) from None


@fact
def _line_matches(doc: Document) -> dict:
    """Exemptions → (line → the spans its patterns matched there, and how many patterns were tried)."""
    return {}


def release(doc: Document) -> None:
    """Drop the matches kept for the rule that just ran: a large file must not keep every rule's lines."""
    doc.release(__name__)


class Exemptions:
    """A rule's exception patterns, compiled when a finding first needs them: most rules find
    nothing in most files, and compiling every exception at start-up cost a pre-commit run more
    than linting its file."""

    def __init__(self, patterns: tuple[str, ...] | list[str], key: str = "exceptions"):
        self.sources, self.key = tuple(patterns), key
        self._compiled: list[regex.Pattern] | None = None

    def prepare(self) -> Exemptions:
        """Compile now (a user pack's mistakes are reported when it is loaded, not mid-run)."""
        if self._compiled is None:
            self._compiled = [compile_pattern(source, self.key) for source in self.sources]
        return self

    @property
    def patterns(self) -> list[regex.Pattern]:
        return self.prepare()._compiled

    def __bool__(self) -> bool:
        return bool(self.sources)

    def covers(self, doc: Document, start: int, end: int) -> bool:
        """True when an exception match within the finding's line contains [start, end).

        Patterns are tried in order, each over a line at most once: their matches are kept for the
        other findings on that line (a paragraph often has many findings of the same rule), and
        the patterns after the first that covers a finding are not run until a finding needs them.
        The engine drops these matches after each rule (`release`)."""
        if not self.sources:
            return False
        patterns = self.patterns
        line = doc.paragraph_at(start)
        # From the start of the physical line: a Markdown heading, list item or quote block begins
        # after its marker ("## 第一章  总则"), and `^` must still mean the start of the line.
        key = (doc.text.rfind("\n", 0, line.start) + 1, max(line.end, end))
        lines = _line_matches(doc).setdefault(id(self), {})
        spans = lines.get(key)
        if spans is None:
            spans = lines[key] = _Spans()
        covered = spans.contain(start, end)
        while not covered and spans.tried < len(patterns):
            matches = patterns[spans.tried].finditer(
                doc.text, key[0], key[1], overlapped=True, timeout=scan_timeout(key[1] - key[0])
            )
            covered = spans.add([match.span() for match in matches]).contain(start, end)
        return covered


class _Spans:
    """The exception matches found so far on one line, and how many patterns found them. Whether
    one contains a finding takes a binary search: a long line (a web page pasted without line
    breaks) has thousands of findings and thousands of matches, and comparing every pair was
    quadratic."""

    __slots__ = ("pairs", "starts", "reach", "tried")

    def __init__(self):
        self.pairs: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.reach: list[int] = []  # reach[i]: the furthest end among pairs[0..i]
        self.tried = 0

    def add(self, found: list[tuple[int, int]]) -> _Spans:
        self.tried += 1
        if found:
            self.pairs = sorted(self.pairs + found)
            self.starts = [start for start, _ in self.pairs]
            self.reach = list(accumulate((end for _, end in self.pairs), max))
        return self

    def contain(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start)
        return index > 0 and self.reach[index - 1] >= end
