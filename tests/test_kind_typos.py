"""The `typos` kind: a character that makes no word where a sound-alike or look-alike makes a common one."""

from __future__ import annotations

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.packs import parse_pack

PACK = """\
pack: house
rules:
  - id: typos
    kind: typos
    severity: warning
    message: '“{match}”疑为“{replacement}”之误（“{word}”）'
    fix: unsafe
    examples:
      bad: [{text: 认真贯撤落实, fixed: 认真贯彻落实}]
      good: [认真贯彻落实]
"""


@pytest.fixture(scope="module")
def lint():
    engine = Engine(parse_pack(PACK, "house.yaml").rules)
    return lambda text, path="t.txt": engine.lint(Document.from_text(path, text))


@pytest.mark.parametrize(
    ("text", "typed", "right", "word"),
    [
        ("各级工会要认真贯撤落实全会精神。", "撤", "彻", "贯彻"),  # homophone, same tone
        ("全市开展欠薪问题专项整制行动。", "制", "治", "整治"),  # homophone, another tone; 执行 would steal 行 from 行动
        ("要严格执型安全生产操作规程。", "型", "行", "执行"),
        ("污水、池溏及场地要及时清除。", "溏", "塘", "池塘"),  # a look-alike
    ],
)
def test_a_slip_is_reported_with_the_word_it_should_form(lint, text, typed, right, word):
    (found,) = lint(text)
    assert (found.text, found.fix, found.applicability) == (typed, right, "unsafe")
    assert f"“{word}”" in found.message


@pytest.mark.parametrize(
    "text",
    [
        "各级工会要认真贯彻落实全会精神。",
        "本报郑州讯 记者刘洋 通讯员陈静",  # names after role words, a surname and a given name
        "他在《论语》里读到“学而时习之”。",  # titles and short quotations
        "禁采期内，禁止采砂；禁采期由市人民政府公布。",  # a term written twice is the article's term
        "执法人员拒不履行职责的，依法给予处分。",  # 而拒 / 拒不: no slip
        "",
        "贯",
    ],
)
def test_silent(lint, text):
    assert lint(text) == []


def test_markdown_code_is_not_examined(lint):
    assert lint("`贯撤落实`\n", path="t.md") == []
    assert [d.text for d in lint("贯撤落实\n", path="t.md")] == ["撤"]


def test_house_allow_list_silences_a_finding():
    from unionlint.exemptions import Exemptions

    engine = Engine(parse_pack(PACK, "house.yaml").rules, allowed=Exemptions(["贯撤"]))
    assert engine.lint(Document.from_text("t.txt", "认真贯撤落实")) == []


def test_min_frequency_is_validated():
    bad = PACK.replace("    fix: unsafe\n", "    fix: unsafe\n    min_frequency: 2\n")
    with pytest.raises(PackError, match=r"house.yaml:\d+: rule 'house.typos'.*min_frequency"):
        parse_pack(bad, "house.yaml")


def test_written_twice_counts_as_str_count_on_a_long_text():
    """On a large file the "written the same way twice" test counts every candidate in one pass:
    it must agree with str.count, overlapping strings included (呵呵 in 呵呵呵 is there once)."""
    from unionlint.kinds.typos import _written_twice

    filler = "职工代表大会审议通过了工作报告。" * 15_000  # 240,000 characters: the one-pass branch
    text = filler + "他笑着说呵呵呵，禁采期内严禁采砂，贯撤落实。禁采期结束后再议。" + filler
    strings = {"呵呵", "禁采期", "贯撤", "采砂", "议通", "报告。"[:2]} | {f"字{n}" for n in range(20)}
    assert _written_twice(text, strings) == {w for w in strings if text.count(w) > 1}
    assert {"禁采期", "议通"} <= _written_twice(text, strings)
    assert "呵呵" not in _written_twice(text, strings)
