"""A Chinese word list with frequencies, for telling a word from a slip.

The list is jieba's dictionary (MIT licence; ~349,000 words with corpus frequencies), kept in
`unionlint/data/words.txt` (made by tools/make_data.py; source in lint/data/NOTICE.md) one line per
first character and word length. The file is mapped into memory and only its header (where each
character's lines are) is read at first use; a line is read and split into words the first time a
word of its character and length is asked for, so a short text reads a few hundred short lines,
never the whole dictionary. jieba itself is never imported.
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from itertools import accumulate

_EMPTY: dict[str, str] = {}


class _Table:
    """words.txt, mapped into memory. Its header gives, for each first character, where its block of
    lines is and the word length and size of each line; a line is read the first time a word of its
    first character and length is asked for (see `_Line`). Frequencies stay strings until used."""

    def __init__(self):
        from importlib.resources import files

        resource = files("unionlint") / "data" / "words.txt"
        try:
            with open(resource, "rb") as file:  # an installed package: a real file
                self.data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (TypeError, OSError, ValueError):  # inside a zip, or a system without mmap for it
            self.data = resource.read_bytes()
        data = self.data
        title_end = data.find(b"\n")
        firsts_start = data.find(b"\n", title_end + 1) + 1
        sizes_start = data.find(b"\n", firsts_start) + 1
        layouts_start = data.find(b"\n", sizes_start) + 1
        body_start = data.find(b"\n", layouts_start) + 1
        self.total = int(data[:title_end].rsplit(b" ", 1)[1])
        firsts = data[firsts_start : sizes_start - 1].decode("utf-8")
        self.index = dict(zip(firsts, range(len(firsts))))
        self.starts = list(accumulate(map(int, data[sizes_start : layouts_start - 1].split()), initial=body_start))
        self.layouts = data[layouts_start : body_start - 1].split(b" ")
        self.lines: dict[str, dict[int, tuple[int, int]]] = {}  # first character → length → (start, end)
        self.parsed: dict[tuple[str, int], _Line | dict[str, str]] = {}

    def words(self, char: str, length: int) -> _Line | dict[str, str]:
        key = (char, length)
        found = self.parsed.get(key)
        if found is not None:
            return found
        lines = self.lines.get(char)
        if lines is None:
            at = self.index.get(char)
            if at is None:
                return _EMPTY
            lines = self.lines[char] = {}
            start = self.starts[at]
            for item in self.layouts[at].split(b","):
                size, _, line_size = item.partition(b".")
                lines[int(size)] = (start, start + int(line_size) - 1)
                start += int(line_size)
        span = lines.get(length)
        found = _EMPTY if span is None else _Line(self.data[span[0] : span[1]].decode("utf-8"))
        self.parsed[key] = found
        return found


class _Line:
    """The words of one line of words.txt (`word frequency` pairs separated by tabs). A few look-ups
    search the text; a line asked often is split into a dict once."""

    __slots__ = ("text", "left", "table")

    def __init__(self, text: str):
        self.text = "\t" + text
        self.left = len(text) // 400  # searches before splitting: about one per 30 words
        self.table: dict[str, str] | None = None

    def get(self, word: str, default: str | None = None) -> str | None:
        if self.table is not None:
            return self.table.get(word, default)
        if self.left <= 0:
            return self.as_dict().get(word, default)
        self.left -= 1
        if " " in word or "\t" in word:
            return default  # no word of the list holds a space or a tab
        text = self.text
        at = text.find(f"\t{word} ")
        if at < 0:
            return default
        at += len(word) + 2
        end = text.find("\t", at)
        return text[at:end] if end >= 0 else text[at:]

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def as_dict(self) -> dict[str, str]:
        """Every word of the line with its frequency."""
        if self.table is None:
            self.table = dict(map(str.split, self.text[1:].split("\t")))
        return self.table


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _Table()


def words_of(char: str, length: int) -> _Line | dict[str, str]:
    """The words of the list that begin with `char` and have `length` characters, with their
    frequencies as written (strings: `int()` them): `.get(word)`, `word in …`, `.as_dict()`."""
    return _table().words(char, length)


def is_word(text: str) -> bool:
    """True when `text` is an entry of the word list."""
    return bool(text) and text in _table().words(text[0], len(text))


def frequency(text: str) -> int:
    """The word's corpus frequency (0 when it is not in the list)."""
    return int(_table().words(text[0], len(text)).get(text, 0)) if text else 0


@lru_cache(maxsize=1)
def _log_total() -> float:
    from math import log

    return log(_table().total)


_MAX_WORD = 8  # longer entries (a few set phrases) never decide where a short window's words end


@lru_cache(maxsize=4096)  # a large archive repeats its windows (the same doubled word in the same phrase)
def segment(text: str) -> tuple[str, ...]:
    """The most probable split of `text` into words of the list (jieba's unigram model: the product
    of the words' relative frequencies; a character not in the list counts as a word seen once).
    Meant for short windows of Han text: the cost is len(text) × 8 look-ups."""
    from math import log

    log_total = _log_total()
    table = _table()
    size = len(text)
    best: list[tuple[float, int]] = [(0.0, size)] * (size + 1)
    for start in range(size - 1, -1, -1):
        first = text[start]
        choice = None
        for end in range(start + 1, min(size, start + _MAX_WORD) + 1):
            count = table.words(first, end - start).get(text[start:end])
            if count is None and end > start + 1:
                continue
            score = log(int(count or 1) or 1) - log_total + best[end][0]
            if choice is None or score > choice[0]:
                choice = (score, end)
        best[start] = choice
    words, start = [], 0
    while start < size:
        end = best[start][1]
        words.append(text[start:end])
        start = end
    return tuple(words)
