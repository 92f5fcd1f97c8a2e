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


def test_a_line_asked_often_gives_the_same_answers_as_when_it_was_searched():
    from unionlint import words

    words._table.cache_clear()
    asked = ["一个", "一些", "一样", "一般", "一起", "一定", "一直", "一切", "一致", "一贯"] * 40 + ["一撤"]
    first = [words.frequency(word) for word in asked]  # the line of 一 with two characters: searched, then split
    assert words._table().parsed[("一", 2)].table is not None
    assert [words.frequency(word) for word in asked] == first
    assert first[0] > 0 and first[-1] == 0


def test_text_with_spaces_or_tabs_is_no_word():
    from unionlint import words

    assert not words.is_word("一 1") and not words.is_word("一\t")
    assert words.frequency("工会 ") == 0 and words.frequency("") == 0
