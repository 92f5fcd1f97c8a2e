"""The confusion data: which characters pass for which by sound and by shape."""

from __future__ import annotations

import pytest

from unionlint import confusion


@pytest.mark.parametrize(
    ("original", "typed", "expected"),
    [
        ("厉", "励", confusion.HOMOPHONE),  # 踔厉奋发 → 踔励奋发
        ("彩", "采", confusion.HOMOPHONE),  # same syllable, different tone
        ("长", "涨", confusion.HOMOPHONE),  # a heteronym's second reading counts (zhǎng)
        ("土", "士", confusion.SHAPE),
        ("新", "星", confusion.NEAR_HOMOPHONE),  # in / ing
        ("陈", "程", confusion.NEAR_HOMOPHONE),  # ch-en / ch-eng
        ("四", "是", confusion.NEAR_HOMOPHONE),  # s / sh
        ("南", "蓝", confusion.NEAR_HOMOPHONE),  # n / l
        ("关", "光", confusion.NEAR_HOMOPHONE),  # uan / uang
        ("工", "人", None),
        ("工", "工", None),
    ],
)
def test_relation(original, typed, expected):
    assert confusion.relation(original, typed) == expected


def test_fold_merges_only_the_listed_confusions():
    assert confusion.fold("zheng") == confusion.fold("zen") == "zen"
    assert confusion.fold("niang") == confusion.fold("lian")
    assert confusion.fold("ng") == "ng" and confusion.fold("n") == "n"
    assert confusion.fold("long") != confusion.fold("lon")  # ong/on is not a confusion (no such final)
    assert confusion.fold("fan") != confusion.fold("huan")


def test_candidate_lists_hold_common_characters_only():
    sounds = confusion.homophones("厉")
    assert {"力", "利", "历", "励"} <= sounds
    assert "厉" not in sounds
    for char in sounds | confusion.near_homophones("星"):
        char.encode("gb2312")  # a rare character would raise
    assert {"新", "心", "形"} <= confusion.near_homophones("星")
    assert confusion.homophones("星") < confusion.near_homophones("星") | {"星"}


def test_shapes_are_symmetric_and_exclude_the_character():
    assert {"采", "睬", "踩", "菜"} <= confusion.shape_similar("彩")
    assert "彩" in confusion.shape_similar("采")
    assert "彩" not in confusion.shape_similar("彩")
    assert confusion.shape_similar("A") == frozenset()


def test_non_han_has_no_reading():
    assert confusion.readings("A") == ()
    assert confusion.readings("中国") == ()
    assert confusion.relation("A", "B") is None


def test_four_corner_codes_give_more_look_alikes():
    assert "扶" in confusion.shape_same_code("抉") and "抉" not in confusion.shape_same_code("抉")
    assert confusion.relation("扶", "抉") == confusion.SHAPE  # same code, not in pycorrector's table
    assert "改" in confusion.shape_near("攻")
    assert confusion.relation("改", "攻") == confusion.NEAR_SHAPE  # one digit apart: weaker evidence
    assert confusion.shape_same_code("A") == frozenset() == confusion.shape_near("A")
