"""`phrases`: canonical fixed formulations, and their near-misses.

A near-miss is a span one edit away from a canonical phrase: one character substituted (this
covers a wrong separator such as ，for 、 and a wrong middle dot), two adjacent characters
swapped, or one dropped or added. Its first character must agree with the phrase, and so must its
last unless that is the substituted one (更加出采 for 更加出彩): a character added or dropped at
either end, or a different first character (在 for 以), cannot be told from the neighbouring words.

Finding candidates without comparing every phrase at every position: each phrase is cut into
three pieces. One edit touches at most two adjacent pieces, so a near-miss always contains one
piece intact; the pieces are found with `str.find` (twice as fast here as one `regex` named list
of them) and only the windows around them are compared.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator

from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.model import Finding, Rule
from unionlint.options import AnyOf, ListOf, Option, Record, Text

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ()

MIN_LENGTH = 6  # shorter phrases have too many legitimate one-character neighbours

OPTIONS = (
    Option(
        "phrases",
        ListOf(
            AnyOf(
                Text(MIN_LENGTH),
                Record(
                    Option("phrase", Text(MIN_LENGTH), required=True),
                    Option("allow", ListOf(Text()), "Legitimate variants one edit away that must not be reported."),
                    Option("note", Text()),
                    Option("source", Text()),
                ),
            ),
            min_items=1,
        ),
        f"Canonical formulations (at least {MIN_LENGTH} characters); near-misses one edit away are reported"
        " with the canonical form as the fix.",
        required=True,
    ),
)


def one_edit_apart(text: str, phrase: str) -> bool:
    """True when `text` is exactly one substitution, adjacent swap, deletion or insertion from `phrase`."""
    if text == phrase:
        return False
    if len(text) == len(phrase):
        diffs = [i for i, (a, b) in enumerate(zip(text, phrase)) if a != b]
        if len(diffs) == 1:
            return True
        first, second = diffs[0], diffs[-1]
        swapped = text[first] == phrase[second] and text[second] == phrase[first]
        return len(diffs) == 2 and second == first + 1 and swapped
    if abs(len(text) - len(phrase)) != 1:
        return False
    short, long = (text, phrase) if len(text) < len(phrase) else (phrase, text)
    index = next((i for i, (a, b) in enumerate(zip(short, long)) if a != b), len(short))
    return short[index:] == long[index + 1 :]


def _pieces(phrase: str) -> list[tuple[str, int]]:
    """Three consecutive pieces of the phrase with their offsets."""
    third, rest = divmod(len(phrase), 3)
    sizes = [third + (1 if i < rest else 0) for i in range(3)]
    offsets = [0, sizes[0], sizes[0] + sizes[1]]
    return [(phrase[offset : offset + size], offset) for offset, size in zip(offsets, sizes)]


def build(rule: Rule):
    phrases: dict[str, set[str]] = {}
    for index, entry in enumerate(rule.options["phrases"]):
        phrase, allowed = (entry, ()) if isinstance(entry, str) else (entry["phrase"], entry.get("allow", ()))
        if phrase in phrases:
            raise RuleError(f"phrase {phrase!r} is listed twice", f"phrases[{index}]")
        phrases[phrase] = set(allowed)
    # piece → [(phrase, offset of the piece in the phrase)]
    anchors: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for phrase in phrases:
        for piece, offset in _pieces(phrase):
            anchors[piece].append((phrase, offset))

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        exact = _Spans((start, start + len(phrase)) for start, phrase in _occurrences(text, phrases))
        best: dict[int, tuple[int, str]] = {}  # start → (end, phrase); first phrase found wins
        last_substituted: dict[int, tuple[int, str]] = {}  # the same, for slips in the last character
        for piece_start, piece in _occurrences(text, anchors):
            for phrase, offset in anchors[piece]:
                for span in _candidates(text, piece_start - offset, phrase):
                    if span[0] in best or not _near_miss(text, span, phrase, phrases[phrase], exact):
                        continue
                    found = last_substituted if text[span[1] - 1] != phrase[-1] else best
                    found.setdefault(span[0], (span[1], phrase))
        # 更加出色彩 is 更加出彩 with a character added, before it is 更加出色 with one changed.
        for start, found in last_substituted.items():
            best.setdefault(start, found)
        last_end = -1
        for start in sorted(best):
            end, phrase = best[start]
            if start >= last_end:  # overlapping candidates describe the same slip
                last_end = end
                yield Finding(start, end, phrase)

    return find


def _occurrences(text: str, words) -> list[tuple[int, str]]:
    """(start, word) wherever one of `words` occurs, the longest where several start, in text order."""
    found: dict[int, str] = {}
    find = text.find
    for word in words:
        at = find(word)
        while at != -1:
            if len(found.get(at, "")) < len(word):
                found[at] = word
            at = find(word, at + 1)
    return sorted(found.items())


def _candidates(text: str, aligned: int, phrase: str) -> Iterator[tuple[int, int]]:
    """Spans that could hold `phrase` with one edit, given where an intact piece says it starts.
    They begin with its first character: most windows are ruled out here, before any slicing."""
    length, first = len(phrase), phrase[0]
    for start in (aligned - 1, aligned, aligned + 1):
        if 0 <= start < len(text) and text[start] == first:
            for size in (length - 1, length, length + 1):
                if start + size <= len(text):
                    yield start, start + size


def _near_miss(text: str, span: tuple[int, int], phrase: str, allowed: set[str], exact: _Spans) -> bool:
    start, end = span
    if text[end - 1] != phrase[-1] and end - start != len(phrase):
        return False  # cheapest test first: most candidate windows fail here
    window = text[start:end]
    if "\n" in window or window in allowed or not one_edit_apart(window, phrase):
        return False
    return not exact.overlaps(start, end)  # part of a correctly written formulation


class _Spans:
    """Exact occurrences of the phrases, for an overlap test in logarithmic time."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        return any(s < end and start < e for s, e in self.spans[first:last])
