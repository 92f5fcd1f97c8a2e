"""The document model: decoded text plus the derived facts every rule needs.

Rules see one string per file. Offsets are indices into that string; the document maps them to
1-based (line, column) positions, columns counted in Unicode characters. A file that uses CRLF
throughout is normalised to LF here (and restored when written back), so rules never see `\\r`.
"""

from __future__ import annotations

import bisect
import functools
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import regex

from unionlint.model import Span

# Regions rules must not look into: a half-width comma inside a URL is not a punctuation error.
_MASKED = regex.compile(
    r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|www\.[A-Za-z0-9\-]+\.[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)

T = TypeVar("T")


def fact(compute: Callable[[Document], T]) -> Callable[[Document], T]:
    """Decorator for a fact the rules of one kind share (the normalised paragraphs of the repetition
    rules): the decorated function computes it once per document, on first use, and keeps it in
    `doc.facts` under itself until `doc.release(module)` drops the facts of the module that
    defines it. The engine runs the rules of a kind one after another and then releases that kind's
    facts, so they are shared whatever the pack order, and a large file never holds every kind's."""

    @functools.wraps(compute)
    def get(doc: Document) -> T:
        facts = doc.facts
        if get in facts:
            return facts[get]
        value = facts[get] = compute(doc)
        return value

    return get


@dataclass
class Document:
    """One text to lint, with the encoding facts needed to write it back unchanged."""

    path: str
    text: str
    encoding: str = "utf-8"
    newline: str = "\n"
    extra_masks: list[Span] = field(default_factory=list)  # regions the format hides (Word: fields, notes' marks)
    # Facts derived once and reused by the rules that need them: function → value (see `fact`).
    facts: dict = field(default_factory=dict, repr=False, compare=False)
    # The line `line_text` returned last, by number: reporters ask for the line of every finding in
    # order, and a 6 MB single-line file with thousands of findings must not copy it each time.
    _last_line: tuple[int, str] = field(default=(0, ""), init=False, repr=False, compare=False)
    # A Word document (unionlint.word): the open file to write fixes and comments into, and what
    # each line (paragraph) is: "paragraph", "table r2c3", "footnote 1", "header" …
    word: Any = field(default=None, repr=False, compare=False)
    locations: list[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(cls, path: str, raw: str, encoding: str = "utf-8") -> Document:
        """Build a document from decoded text, normalising a file that is CRLF throughout."""
        newline = "\n"
        if "\r\n" in raw and raw.count("\r\n") == raw.count("\n"):
            raw = raw.replace("\r\n", "\n")
            newline = "\r\n"
        return cls(path=path, text=raw, encoding=encoding, newline=newline)

    def release(self, module: str) -> None:
        """Drop the facts (see `fact`) that functions of `module` computed."""
        for compute in [compute for compute in self.facts if compute.__module__ == module]:
            del self.facts[compute]

    @cached_property
    def line_starts(self) -> array:
        """Offsets where lines begin; an array of machine integers, not a list of int objects,
        which on a large file is ~5x smaller."""
        starts = array("q", [0])
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if self._last_line[0] == line:
            return self._last_line[1]
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        text = self.text[start:] if end == -1 else self.text[start:end]
        self._last_line = (line, text)
        return text

    @cached_property
    def markdown(self):
        """Masks and paragraph blocks of a .md/.markdown file (see unionlint.markdown); None for plain text."""
        if not self.path.lower().endswith((".md", ".markdown")):
            return None
        from unionlint.markdown import analyse

        return analyse(self.text, self.line_starts)

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Non-blank lines: newsroom copy is one paragraph per line. In Markdown, the text of each block."""
        if self.markdown is not None:
            return self.markdown.blocks
        spans = []
        text = self.text
        for number, start in enumerate(self.line_starts):
            end = self.line_starts[number + 1] - 1 if number + 1 < len(self.line_starts) else len(text)
            if text[start:end].strip():
                spans.append(Span(start, end))
        return spans

    def paragraph_at(self, offset: int) -> Span:
        """The line (Markdown: the block) containing `offset` (the unit of context for `requires` and exceptions)."""
        if self.markdown is not None:
            blocks = self.markdown.blocks
            index = bisect.bisect_right(self._block_starts, offset) - 1
            if index >= 0 and offset < blocks[index].end:
                return blocks[index]
        line, _ = self.position(offset)
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return Span(start, len(self.text) if end == -1 else end)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [span.start for span in self.markdown.blocks]

    @cached_property
    def masks(self) -> list[Span]:
        """Masked regions, sorted and merged so that they never overlap."""
        spans = sorted(
            [Span(m.start(), m.end()) for m in _MASKED.finditer(self.text)]
            + self.extra_masks
            + (self.markdown.masks if self.markdown is not None else []),
            key=lambda span: span.start,
        )
        merged: list[Span] = []
        for span in spans:
            if merged and span.start <= merged[-1].end:
                if span.end > merged[-1].end:
                    merged[-1] = Span(merged[-1].start, span.end)
            else:
                merged.append(span)
        return merged

    @cached_property
    def _mask_starts(self) -> list[int]:
        return [span.start for span in self.masks]

    def is_masked(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a masked region."""
        index = bisect.bisect_right(self._mask_starts, start) - 1
        masks = self.masks
        if index >= 0 and masks[index].end > start:
            return True
        return index + 1 < len(masks) and masks[index + 1].start < max(end, start + 1)
