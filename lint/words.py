"""A Chinese word list with frequencies, for telling a word from a slip.

The list is jieba's dictionary (MIT licence; ~349,000 words with corpus frequencies), kept in
`unionlint/data/words.txt` (made by tools/make_data.py; source in lint/data/NOTICE.md) one line per
first character. The file is mapped into memory and only its header (each line's character and
length) is read at first use; a line is read and split into words the first time a word beginning
with its character is asked for, so a short text reads a few hundred lines, never the whole
dictionary. jieba itself is never imported.
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from itertools import accumulate

_EMPTY: dict[str, int] = {}


class _Table:
    """words.txt, mapped into memory: a line is read and parsed the first time a word beginning with
    its character is asked for (the file's header gives each line's character and length)."""

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
        lengths_start = data.find(b"\n", firsts_start) + 1
        body_start = data.find(b"\n", lengths_start) + 1
        self.total = int(data[:title_end].rsplit(b" ", 1)[1])
        firsts = data[firsts_start : lengths_start - 1].decode("utf-8")
        self.index = dict(zip(firsts, range(len(firsts))))
        self.offsets = list(accumulate(map(int, data[lengths_start : body_start - 1].split()), initial=body_start))
        self.parsed: dict[str, dict[str, int]] = {}

    def starting(self, char: str) -> dict[str, int]:
        found = self.parsed.get(char)
        if found is None:
            at = self.index.get(char)
            if at is None:
                return _EMPTY
            tokens = self.data[self.offsets[at] : self.offsets[at + 1] - 1].decode("utf-8").split(" ")
            found = self.parsed[char] = dict(zip(tokens[0::2], map(int, tokens[1::2])))
        return found


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _Table()


def words_starting(char: str) -> dict[str, int]:
    """Every word of the list that begins with `char`, with its frequency (read on first use)."""
    return _table().starting(char)


def is_word(text: str) -> bool:
    """True when `text` is an entry of the word list."""
    return bool(text) and text in words_starting(text[0])


def frequency(text: str) -> int:
    """The word's corpus frequency (0 when it is not in the list)."""
    return words_starting(text[0]).get(text, 0) if text else 0


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
    size = len(text)
    best: list[tuple[float, int]] = [(0.0, size)] * (size + 1)
    for start in range(size - 1, -1, -1):
        table = words_starting(text[start])
        choice = None
        for end in range(start + 1, min(size, start + _MAX_WORD) + 1):
            count = table.get(text[start:end])
            if count is None and end > start + 1:
                continue
            score = log(count or 1) - log_total + best[end][0]
            if choice is None or score > choice[0]:
                choice = (score, end)
        best[start] = choice
    words, start = [], 0
    while start < size:
        end = best[start][1]
        words.append(text[start:end])
        start = end
    return tuple(words)
