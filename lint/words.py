"""A Chinese word list with frequencies, for telling a word from a slip.

The list is jieba's dictionary (MIT licence; ~349,000 words with corpus frequencies), read as
data from the installed `jieba` package — jieba itself is never imported. Reading it costs
~0.3 s and ~40 MB, so it is loaded the first time a rule asks, and only then.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from importlib.resources import files

    tokens = (files("jieba") / "dict.txt").read_text("utf-8").split()  # "word frequency tag" per line
    return dict(zip(tokens[0::3], tokens[1::3]))  # frequencies stay strings until asked for


def is_word(text: str) -> bool:
    """True when `text` is an entry of the word list."""
    return text in _table()


def frequency(text: str) -> int:
    """The word's corpus frequency (0 when it is not in the list)."""
    count = _table().get(text)
    return int(count) if count is not None else 0


@lru_cache(maxsize=1)
def _log_total() -> float:
    from math import log

    return log(sum(map(int, _table().values())))


_MAX_WORD = 8  # longer entries (a few set phrases) never decide where a short window's words end


@lru_cache(maxsize=4096)  # a large archive repeats its windows (the same doubled word in the same phrase)
def segment(text: str) -> tuple[str, ...]:
    """The most probable split of `text` into words of the list (jieba's unigram model: the product
    of the words' relative frequencies; a character not in the list counts as a word seen once).
    Meant for short windows of Han text: the cost is len(text) × 8 look-ups."""
    from math import log

    table, log_total = _table(), _log_total()
    size = len(text)
    best: list[tuple[float, int]] = [(0.0, size)] * (size + 1)
    for start in range(size - 1, -1, -1):
        choice = None
        for end in range(start + 1, min(size, start + _MAX_WORD) + 1):
            count = table.get(text[start:end])
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
