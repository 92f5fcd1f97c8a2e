"""The `lexicon` kind: near-misses of sourced entries, decided by evidence, and what stays silent."""

from __future__ import annotations

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.kinds.lexicon import classify
from unionlint.packs import load_builtin_packs, parse_pack

HOUSE = """\
pack: house
rules:
  - id: terms
    kind: lexicon
    severity: warning
    message: 疑为{label}“{replacement}”的误写（{reason}）
    label: 本报提法
    source: 本报编辑部 2024 年版用语表
    fix: unsafe
    entries:
      - 职工书香节
      - {text: 奋进新征程, allow: [奋进新时代]}
      - 安全生产月
    examples:
      bad: [{text: 参加职工书箱节活动, fixed: 参加职工书香节活动}]
      good: [参加职工书香节活动]
"""


def builtin(text: str, prefix: str = "slogans."):
    rules = [rule for pack in load_builtin_packs() for rule in pack.rules if rule.kind == "lexicon"]
    found = Engine(rules).lint(Document.from_text("t.txt", text))
    return [(d.text, d.fix, d.rule) for d in found if d.rule.startswith(prefix)]


@pytest.mark.parametrize(
    ("text", "slip", "fix"),
    [
        ("推动中国式现代话建设", "中国式现代话", "中国式现代化"),  # homophone in the last character
        ("以习近平同志为核心的党中央", None, None),
        ("已习近平同志为核心的党中央", "已习近平同志为核心的党中央", "以习近平同志为核心的党中央"),  # first character
        (
            "弘扬劳模精神、工匠精神、劳动精神",
            "劳模精神、工匠精神、劳动精神",
            "劳模精神、劳动精神、工匠精神",
        ),  # items swapped
        ("牢记“奋勇争先，更加出彩”", "奋勇争先，更加出彩", "奋勇争先、更加出彩"),  # separator
        ("以“中国梦•劳动美”为主线", "中国梦•劳动美", "中国梦·劳动美"),  # middle dot
        ("深刻领悟“三个确立”的决定性意义", "三个确立", "两个确立"),  # numeral
        ("全面从从严治党", "全面从从严治党", "全面从严治党"),  # doubled character
        ("深化产业工人队伍建改革", "产业工人队伍建改革", "产业工人队伍建设改革"),  # dropped inside
        ("依据中华人民共和国劳动和同法", "劳动和同法", "劳动合同法"),  # a law's name after the shared head
        ("发扬精益求经的精神", "精益求经", "精益求精"),  # an idiom: homophone, not a word
    ],
)
def test_slips_are_reported_with_the_canonical_form(text, slip, fix):
    found = builtin(text)
    assert found == ([] if slip is None else [(slip, fix, found[0][2])])


@pytest.mark.parametrize(
    "text",
    [
        "奋进新征程、建功新时代，奋进新时代",  # both right
        "依照中华人民共和国刑法和中华人民共和国民法典",  # each a law of its own
        "加快构建现代化产业体系",  # 构建, not 建设 with a character missing
        "维护女职工合法权益，维护职工的合法权益",  # a word and a function word added: no slip
        "焦煤集团创新实施五维一体化服务品牌",  # 五维 sits inside 一体化
        "这件事已经不了了之，希望大家再接再厉",
        "他总是精益求精，提高了生产力",
    ],
)
def test_legitimate_near_relatives_stay_silent(text):
    assert builtin(text) == []


def test_short_entries_need_more_than_a_substitution_that_makes_a_word():
    # 求情 is a word, and 精益求情 is rarer than a tenth of 精益求精 — still only the confusion counts
    assert builtin("对方精益求静") == [("精益求静", "精益求精", "slogans.idioms")]
    assert builtin("一以贯知") == [("一以贯知", "一以贯之", "slogans.idioms")]
    assert builtin("一以惯之") == [("一以惯之", "一以贯之", "slogans.idioms")]
    assert builtin("实事求真，实事是求") == []  # an unrelated substitution and a swap: not for 4 characters
    assert builtin("实事求事") == [("实事求事", "实事求是", "slogans.idioms")]  # 事 and 是 sound alike


def test_classify_names_the_edit():
    assert classify("奋勇争先，更加出彩", "奋勇争先、更加出彩") == ("separator", 4)
    assert classify("奋勇争先更加出彩", "奋勇争先、更加出彩") == ("separator", 4)
    assert classify("中国梦•劳动美", "中国梦·劳动美") == ("dot", 3)
    assert classify("三个确立", "两个确立") == ("numeral", 0)
    assert classify("中国式现代话", "中国式现代化") == ("homophone", 5)
    assert classify("产业工人建设队伍改革", "产业工人队伍建设改革") == ("word-swap", 4)
    assert classify("奋勇先争、更加出彩", "奋勇争先、更加出彩") == ("swap", 2)
    assert classify("全面从从严治党", "全面从严治党") == ("doubled", 3)
    assert classify("工人阶级的主力军作用", "工人阶级主力军作用") is None  # a function word: style, not a slip
    assert classify("中国式现代化", "中国式现代化") is None


def test_a_house_lexicon_extends_the_builtin_ones():
    rules = parse_pack(HOUSE, "house.yaml").rules
    engine = Engine(rules + [r for p in load_builtin_packs() for r in p.rules if r.kind == "lexicon"])
    found = engine.lint(Document.from_text("t.txt", "参加职工书箱节活动，奋进新时代，推动中国式现代话建设"))
    assert [(d.rule, d.text, d.fix, d.message) for d in found] == [
        ("house.terms", "职工书箱节", "职工书香节", "疑为本报提法“职工书香节”的误写（同音字）"),
        ("slogans.canonical-phrases", "中国式现代话", "中国式现代化", "疑为规范提法“中国式现代化”的误写（同音字）"),
    ]


def test_an_entry_of_a_house_lexicon_is_never_reported_by_the_builtin_ones():
    pack = HOUSE.replace("- 安全生产月", "- 中国式现代化建设年")  # one edit from nothing built in, but:
    pack = pack.replace("- 职工书香节", "- 新质生产力发展论坛")
    rules = parse_pack(pack, "house.yaml").rules
    engine = Engine(rules + [r for p in load_builtin_packs() for r in p.rules if r.kind == "lexicon"])
    assert engine.lint(Document.from_text("t.txt", "举办新质生产力发展论坛")) == []


def test_a_bad_lexicon_file_is_reported_at_load_time(tmp_path):
    (tmp_path / "words.yaml").write_text(
        "groups:\n  - group: x\n    source: 本报\n    entries: [职工书香节, 职工书香节]\n", "utf-8"
    )
    pack = tmp_path / "house.yaml"
    pack.write_text(HOUSE.replace("    entries:\n", "    files: [words.yaml]\n    entries:\n"), "utf-8")
    from unionlint.packs import load_pack

    with pytest.raises(PackError, match="listed twice"):
        load_pack(pack)
    pack.write_text(HOUSE.replace("    entries:\n", "    files: [missing.yaml]\n    entries:\n"), "utf-8")
    with pytest.raises(PackError, match="not found"):
        load_pack(pack)


def test_the_lexicon_is_not_read_at_start_up():
    import subprocess
    import sys

    code = (
        "import sys; from unionlint.packs import load_builtin_packs; load_builtin_packs(); "
        "print(any(m.startswith(('pypinyin', 'jieba', 'ahocorasick_rs')) for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_a_long_file_is_scanned_in_blocks_that_find_what_the_whole_finds():
    """Matches are gathered a block of lines at a time (a 64 MB file's would not fit in memory):
    slips on both sides of a block's edge are found as in a short text, at the right offsets."""
    line = "全面从从严治党，深化产业工人队伍建改革。" + "职工群众" * 9000 + "推动中国式现代话建设。\n"
    text = line * 4  # ~150,000 characters: three blocks
    found = builtin(text)
    assert [slip for slip, _, _ in found] == ["全面从从严治党", "产业工人队伍建改革", "中国式现代话"] * 4
