"""The `pairs` kind: balanced paired marks within a paragraph, at paragraph and file boundaries."""

from __future__ import annotations

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.packs import parse_pack

PACK = """\
pack: house
rules:
  - id: pairs
    kind: pairs
    severity: warning
    message: “{match}”{problem}
    examples:
      bad: [他说：“好。]
      good: [他说：“好。”]
"""


def lint(text: str) -> list[tuple[int, int, str]]:
    rules = parse_pack(PACK, "house.yaml").rules
    return [(d.line, d.column, d.message) for d in Engine(rules).lint(Document.from_text("t.txt", text))]


@pytest.mark.parametrize(
    "text",
    [
        "他说：“我们（一线职工）一定能干好。”",
        "“五大行动”“十件实事”",
        "〔2023〕10号",
        "《关于加强职工思想政治工作的意见（试行）》",
        "",
        "\n\n",
        "标题\n\n正文“好”\n",
        "结尾“好”",  # no final newline
    ],
)
def test_balanced_text_is_silent(text):
    assert lint(text) == []


def test_unclosed_opener_on_last_line_without_final_newline():
    assert lint("第一段。\n他说：“好。") == [(2, 4, "““”缺少与之配对的后半个")]


def test_unopened_closer_on_first_line():
    assert lint("好。”他说。\n第二段。\n") == [(1, 3, "“””缺少与之配对的前半个")]


def test_crossed_nesting_reports_the_opener_closed_out_of_order():
    assert lint("他说：“这次活动（第三届”）很成功。") == [(1, 9, "“（”与其他成对标点交叉嵌套")]


def test_pairs_do_not_carry_over_a_blank_line_into_a_later_paragraph():
    # The closer is two paragraphs away: two separate errors, not a broken paragraph.
    found = lint("他说：“好\n\n第二段。\n\n第三段”。")
    assert [message for _, _, message in found] == ["““”缺少与之配对的后半个", "“””缺少与之配对的前半个"]


def test_paragraph_broken_inside_a_pair_is_reported_once():
    assert lint("开展“劳模工匠\n\n进校园”等活动。") == [(1, 3, "““”到下一段才配对，疑为段落在此处断开")]


def test_multi_paragraph_quotation_opens_each_paragraph_and_closes_the_last():
    text = "他在信中写道：\n“第一段话。\n“第二段话。\n“最后一段话。”\n"
    assert lint(text) == []


def test_multi_paragraph_quotation_may_open_inside_its_first_paragraph():
    text = "他说：\n\n李建国回忆说：“那段时间，大家几乎吃住在车间。\n\n“最后成功的那一刻，大家都哭了。”\n"
    assert lint(text) == []
    # An inner quotation closed in the same paragraph does not stand for the continued one.
    assert lint("他说：“要把‘娘家人’当好。\n\n“这是我们的责任。”") == []
    # Not continued by the next paragraph: still an unclosed quotation.
    assert lint("李建国回忆说：“那段时间很难。\n\n第二段。") == [(1, 8, "““”缺少与之配对的后半个")]


def test_unclosed_quote_at_paragraph_start_is_reported_when_the_next_does_not_continue_it():
    assert lint("“第一段话。\n第二段。") == [(1, 1, "““”缺少与之配对的后半个")]
    assert lint("“最后一段没有闭合。") == [(1, 1, "““”缺少与之配对的后半个")]


def test_custom_pairs_option_limits_the_check():
    pack = PACK.replace("kind: pairs", "kind: pairs\n    pairs: ['《》']").replace(
        "bad: [他说：“好。]", "bad: [学习《工会法]"
    )
    rules = parse_pack(pack, "house.yaml").rules
    assert list(Engine(rules).lint(Document.from_text("t.txt", "他说：“好。《法》》"))) != []
    assert [d.text for d in Engine(rules).lint(Document.from_text("t.txt", "他说：“好。"))] == []


@pytest.mark.parametrize("pairs", ["['“']", "['““']", "['“”', '”“']", "[]", "'“”'"])
def test_bad_pairs_option_is_a_pack_error(pairs):
    with pytest.raises(PackError):
        parse_pack(PACK.replace("kind: pairs", f"kind: pairs\n    pairs: {pairs}"), "house.yaml")


def test_linear_on_a_long_paragraph():
    text = "“（好）”" * 200_000 + "“"
    assert len(lint(text)) == 1


def test_apostrophe_between_latin_letters_is_not_a_closing_quote():
    assert lint("他说“don’t give up”。") == []
    assert lint("他说好’。") == [(1, 4, "“’”缺少与之配对的前半个")]


def test_quotation_over_paragraphs_may_be_introduced_in_its_first_paragraph():
    """GB/T 15834-2011 4.8.3: 他说：“…… / “…… / “……” — found by the property test on fixed copy."""
    assert lint("他说：“总工会2023年\n“总工会2023年”\n") == []
    assert lint("他说：“总工会2023年。\n\n“第二段。\n\n“第三段。”") == []
