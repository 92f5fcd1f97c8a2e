"""A Chinese word list with frequencies, for telling a word from a slip.

The list is jieba's dictionary (MIT licence; ~349,000 words with corpus frequencies), kept in
`unionlint/data/words.txt` (made by tools/make_data.py; source in lint/data/NOTICE.md) one line per
first character. Reading the file and indexing its lines costs a few milliseconds; a line is split
into words the first time a word beginning with its character is asked for, so a short text parses
a few hundred lines, never the whole dictionary. jieba itself is never imported.
"""

from __future__ import annotations

from functools import lru_cache

_EMPTY: dict[str, int] = {}


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, bytes], dict[str, dict[str, int]], int]:
    """(first character → its line of `word frequency` pairs, still encoded; first character → the
    parsed line, filled as asked; total frequency)."""
    from importlib.resources import files

    data = (files("unionlint") / "data" / "words.txt").read_bytes()
    title, _, firsts, body = data.split(b"\n", 3)
    total = int(title.rsplit(b" ", 1)[1])
    return dict(zip(firsts.decode("utf-8"), body.split(b"\n"))), {}, total


def words_starting(char: str) -> dict[str, int]:
    """Every word of the list that begins with `char`, with its frequency (parsed on first use)."""
    lines, parsed, _ = _table()
    found = parsed.get(char)
    if found is None:
        line = lines.get(char)
        if line is None:
            return _EMPTY
        tokens = line.decode("utf-8").split(" ")
        found = parsed[char] = dict(zip(tokens[0::2], map(int, tokens[1::2])))
    return found


def is_word(text: str) -> bool:
    """True when `text` is an entry of the word list."""
    return bool(text) and text in words_starting(text[0])


def frequency(text: str) -> int:
    """The word's corpus frequency (0 when it is not in the list)."""
    return words_starting(text[0]).get(text, 0) if text else 0


@lru_cache(maxsize=1)
def _log_total() -> float:
    from math import log

    return log(_table()[2])


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
