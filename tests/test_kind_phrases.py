"""The `phrases` kind: near-misses of canonical formulations, and what must stay silent."""

from __future__ import annotations

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.kinds.phrases import one_edit_apart
from unionlint.packs import parse_pack

PACK = """\
pack: house
rules:
  - id: slogans
    kind: phrases
    severity: warning
    message: 疑为规范提法“{replacement}”的误写
    fix: unsafe
    phrases:
      - 奋勇争先、更加出彩
      - 中国梦·劳动美·工会情
      - {phrase: 不忘初心、牢记使命, allow: [不忘初心，牢记使命]}
    examples:
      bad: [{text: 奋斗争先、更加出彩, fixed: 奋勇争先、更加出彩}, {text: 奋勇争先，更加出彩, fixed: 奋勇争先、更加出彩}]
      good: [奋勇争先、更加出彩, 更加出彩]
"""


def lint(text: str):
    rules = parse_pack(PACK, "house.yaml").rules
    return [(d.text, d.fix, d.column) for d in Engine(rules).lint(Document.from_text("t.txt", text))]


@pytest.mark.parametrize(
    ("text", "slip"),
    [
        ("牢记“奋斗争先、更加出彩”的嘱托", "奋斗争先、更加出彩"),  # substituted
        ("牢记“奋勇争先，更加出彩”的嘱托", "奋勇争先，更加出彩"),  # wrong separator
        ("牢记“奋勇争先更加出彩”的嘱托", "奋勇争先更加出彩"),  # separator dropped
        ("牢记“奋勇先争、更加出彩”的嘱托", "奋勇先争、更加出彩"),  # adjacent swap
        ("牢记“奋勇争先、、更加出彩”的嘱托", "奋勇争先、、更加出彩"),  # character added
        ("牢记“奋勇争先、更加出采”的嘱托", "奋勇争先、更加出采"),  # last character substituted
        ("牢记“奋勇争先、更加出色彩”的嘱托", "奋勇争先、更加出色彩"),  # added, not 出色 for 出彩
        ("“中国梦•劳动美•工会情”", None),  # two wrong dots: two edits, not reported here
        ("“中国梦·劳动美•工会情”", "中国梦·劳动美•工会情"),  # one wrong middle dot
    ],
)
def test_near_misses_are_reported_with_the_canonical_fix(text, slip):
    found = lint(text)
    if slip is None:
        assert found == []
    else:
        assert [(t, f) for t, f, _ in found] in (
            [(slip, "奋勇争先、更加出彩")],
            [(slip, "中国梦·劳动美·工会情")],
        )


@pytest.mark.parametrize(
    "text",
    [
        "牢记“奋勇争先、更加出彩”的嘱托",  # canonical
        "奋勇争先、更加出彩的工会篇章",  # canonical followed by text: the added character is outside
        "谱写新时代中原更加出彩的工会篇章",  # shares a piece, not a near-miss
        "不忘初心，牢记使命",  # an allowed variant
        "奋勇争先、更加出\n彩",  # never across lines
        "在勇争先、更加出彩",  # a different first character may be the preceding word
        "",
    ],
)
def test_silent(text):
    assert lint(text) == []


def test_at_file_boundaries():
    assert lint("奋斗争先、更加出彩") == [("奋斗争先、更加出彩", "奋勇争先、更加出彩", 1)]
    assert lint("前文\n奋斗争先、更加出彩")[0][2] == 1


def test_two_slips_in_one_line_are_both_reported():
    found = lint("奋斗争先、更加出彩，奋勇争先更加出彩")
    assert [t for t, _, _ in found] == ["奋斗争先、更加出彩", "奋勇争先更加出彩"]


def test_one_edit_apart():
    assert one_edit_apart("abcd", "abxd") and one_edit_apart("abdc", "abcd")
    assert one_edit_apart("abc", "abxc") and one_edit_apart("abxc", "abc")
    assert (
        not one_edit_apart("abcd", "abcd") and not one_edit_apart("axcy", "abcd") and not one_edit_apart("ab", "abcd")
    )


def test_short_phrase_is_a_pack_error():
    with pytest.raises(
        PackError, match=r"house.yaml:\d+: rule 'house.slogans': phrases\[0\] must be a string of at least 6"
    ):
        parse_pack(PACK.replace("- 奋勇争先、更加出彩\n", "- 两个维护\n"), "house.yaml", validate=False)
