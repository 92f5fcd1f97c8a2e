"""The word list that tells a word from a slip (jieba's dictionary, read as data)."""

from __future__ import annotations

from unionlint import words


def test_common_words_are_words_and_slips_are_not():
    assert words.is_word("改革") and words.is_word("工会")
    assert not words.is_word("推进推进")
    assert not words.is_word("贯撤")


def test_frequency_orders_words():
    assert words.frequency("落实") > words.frequency("贯彻落实") > 0
    assert words.frequency("贯撤") == 0
