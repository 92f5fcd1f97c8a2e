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
