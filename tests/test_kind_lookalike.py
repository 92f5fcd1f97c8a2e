"""The lookalike kind: characters that only look like the right one, judged by the word list."""

from __future__ import annotations

import pytest

from unionlint import kinds
from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.model import Rule, Severity


def rule(**options) -> Rule:
    options.setdefault("lookalikes", {"エ": "工", "1": "一", "曰": "日目", "カ": "力"})
    return Rule("t.lookalike", "lookalike", Severity.WARNING, "“{match}”疑为“{replacement}”", options)


def found(text: str, **options) -> list[tuple[str, str]]:
    find = kinds.build(rule(**options))
    return [(text[f.start : f.end], f.replacement) for f in find(Document.from_text("t.txt", text))]


def test_a_katakana_or_digit_inside_a_frequent_word_is_reported_with_the_candidate():
    assert found("全市一线职エ参加培训。") == [("エ", "工")]
    assert found("要进1步加强劳动保护。") == [("1", "一")]
    assert found("实现了共同致富的曰标。") == [("曰", "目")]


def test_figures_japanese_and_real_words_stay_silent():
    assert found("第1次参加比赛，每年培训1万人次，1个项目。") == []
    assert found("来自トヨタ的技术人员，ソニーエンジニア。") == []
    assert found("子曰：学而时习之。") == []


def test_the_corrected_word_must_be_frequent_enough():
    assert found("工会将カ争年内完成。", min_frequency=50) == [("カ", "力")]
    assert found("工会将カ争年内完成。", min_frequency=100_000) == []


@pytest.mark.parametrize(
    "options, key",
    [
        ({"lookalikes": {}}, "lookalikes"),
        ({"lookalikes": {"エエ": "工"}}, "lookalikes"),
        ({"lookalikes": {"エ": ""}}, "lookalikes"),
        ({"min_frequency": 0}, "min_frequency"),
        ({"ratio": "many"}, "ratio"),
    ],
)
def test_bad_options_are_rejected_at_load(options, key):
    with pytest.raises(RuleError) as error:
        kinds.build(rule(**options))
    assert error.value.key == key
