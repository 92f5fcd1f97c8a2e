"""Triggers: run a rule only on the lines where a character it cannot match without occurs.

A rule's `trigger` (declared in its pack, checked against its pattern by unionlint.triggercheck)
promises that every finding contains one of its characters and lies on one line. One scan of the
document finds every line where any rule's trigger occurs; a rule then runs on those lines only,
is skipped where none occurs (and its pattern is never compiled), and runs on the whole text when
its lines are most of it. Triggers made of characters found in nearly every line of copy (，。、…)
would only cost the scan: such a rule is skipped when none of its characters is in the document,
and otherwise runs on the whole text.

`UNIONLINT_PREFILTER=off` runs every rule on the whole text, `=windows` runs every windowed rule
on its lines however many they are: the suite compares both with the default, byte for byte.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterator

import regex

from unionlint.document import Document
from unionlint.model import Rule

# Characters in nearly every line of Chinese copy: as a trigger they would select every line.
COMMON = frozenset("，。、；：？！“”‘’（）《》的")
DENSE = 0.5  # windows covering more of the text than this: the rule scans the whole text

SKIP = ()  # the plan of a rule whose trigger does not occur: no window at all
WHOLE = None  # the plan of a rule that scans the whole text


def mode() -> str:
    value = os.environ.get("UNIONLINT_PREFILTER", "on")
    return value if value in ("on", "off", "windows") else "on"


class Prefilter:
    """The triggers of an engine's rules, and the one scan per document that finds them."""

    def __init__(self, rules: list[Rule]):
        self.mode = mode()
        self.triggers = {rule.id: rule.trigger for rule in rules if rule.trigger}
        self.windowed = {rule.id for rule in rules if rule.trigger and not COMMON & set(rule.trigger)}
        self.scanned = "".join(sorted({c for rule_id in self.windowed for c in self.triggers[rule_id]}))
        self._finder: regex.Pattern | None = None

    def lines(self, doc: Document) -> dict[str, list[int]]:
        """For every trigger character in the document, the (0-based) lines it occurs on."""
        if self._finder is None:
            self._finder = regex.compile("[" + regex.escape(self.scanned) + "]")
        found: dict[str, list[int]] = {}
        starts = doc.line_starts
        line, next_start = -1, 0  # the line of the previous match, and where the next one begins
        for match in self._finder.finditer(doc.text):
            position = match.start()
            if position >= next_start:
                line = bisect_right(starts, position) - 1
                next_start = starts[line + 1] if line + 1 < len(starts) else len(doc.text) + 1
            where = found.setdefault(match.group(), [])
            if not where or where[-1] != line:
                where.append(line)
        return found

    def plan(self, rule: Rule, doc: Document, lines: dict[str, list[int]] | None, windowed: bool):
        """SKIP, WHOLE, or the windows [(start, end), …] the rule is to run on."""
        trigger = self.triggers.get(rule.id)
        if trigger is None or self.mode == "off":
            return WHOLE
        if rule.id not in self.windowed:
            return WHOLE if any(c in doc.text for c in trigger) else SKIP
        numbers = sorted({number for c in trigger for number in lines.get(c, ())})
        if not numbers:
            return SKIP
        if not windowed:
            return WHOLE
        windows = _windows(doc, numbers)
        if self.mode != "windows" and sum(end - start for start, end in windows) > DENSE * len(doc.text):
            return WHOLE
        return windows


def _windows(doc: Document, numbers: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive lines as (start, end) offsets, each ending before its line break."""
    starts, size = doc.line_starts, len(doc.text)
    windows: list[tuple[int, int]] = []
    for number in numbers:
        start = starts[number]
        end = starts[number + 1] - 1 if number + 1 < len(starts) else size
        if windows and windows[-1][1] + 1 == start:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


_CHUNK = 1 << 16  # characters scanned at a time: a 64 MB file's matches are never all held at once


def automaton_matches(automaton, text: str, multiline: bool = False) -> Iterator[tuple[int, int, int]]:
    """Every (pattern number, start, end) an Aho–Corasick automaton (ahocorasick_rs, overlapping)
    finds, in the order it finds them, a block of whole lines at a time: a 64 MB file's matches are
    never all held at once. Where no pattern spans a line break (`multiline` false), the blocks find
    what the whole text does."""
    if multiline:
        yield from automaton.find_matches_as_indexes(text, overlapping=True)
        return
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", min(start + _CHUNK, size))
        end = size if end == -1 else end + 1
        if start == 0 and end == size:
            yield from automaton.find_matches_as_indexes(text, overlapping=True)
            return
        for number, begin, stop in automaton.find_matches_as_indexes(text[start:end], overlapping=True):
            yield number, begin + start, stop + start
        start = end
