"""The `layout` (paragraph broken mid-sentence) and `consistency` (one term, two writings) kinds."""

from __future__ import annotations

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.fixes import fix_document
from unionlint.packs import parse_pack

MESSAGES = {"layout": "{tail}|{head}", "consistency": "|{line}|{count}"}  # what each kind fills


def rules(kind: str, options: str, validate: bool = True):
    text = f"""pack: house
rules:
  - id: r
    kind: {kind}
    severity: warning
    message: '{MESSAGES[kind]}'
    fix: unsafe
{options}
    examples: {{bad: ['x'], good: ['y']}}
"""
    return parse_pack(text, "house.yaml", validate=validate).rules


LAYOUT = rules("layout", "    min_length: 15")
CONSISTENCY = rules("consistency", "    normalise: [spaces, width, case]")


def lint(rule_list, text, path="t.txt"):
    return Engine(rule_list).lint(Document.from_text(path, text))


def fixed(rule_list, text):
    return fix_document(Engine(rule_list), Document.from_text("t.txt", text), unsafe=True)[0].text


BROKEN = "坚持把理论武装作为首要政治任务，开展“悦读新思想”河\n\n\n南省职工经典诵读活动。"


def test_broken_paragraph_is_reported_at_its_end_and_joined():
    (d,) = lint(LAYOUT, BROKEN)
    assert (d.line, d.end_line, d.text) == (1, 4, "河\n\n\n南")
    assert d.message.startswith("“悦读新思想”河|南省职工经典诵读")
    assert fixed(LAYOUT, BROKEN) == BROKEN.replace("\n", "")


def test_crlf_file_is_joined_and_keeps_its_newline_style():
    doc = Document.from_text("t.txt", BROKEN.replace("\n", "\r\n") + "\r\n")
    result, counts = fix_document(Engine(LAYOUT), doc, unsafe=True)
    assert result.text == BROKEN.replace("\n", "") + "\n" and result.newline == "\r\n" and counts


def test_last_paragraph_without_newline_and_digit_break():
    text = "不断延伸金秋助学链条，筹集资金4.2\n亿元，资助困难学生。"
    assert fixed(LAYOUT, text) == "不断延伸金秋助学链条，筹集资金4.2亿元，资助困难学生。"


@pytest.mark.parametrize(
    "text",
    [
        # a numbered heading with a comma, then the body
        "（一）这是团结奋斗凝聚力量的五年，党执政的阶级基础更加牢固\n\n坚持把理论武装作为首要政治任务，深入学习。",
        # a headline (no sentence punctuation) and a byline, then the body
        "牢记嘱托守使命 砥砺奋进显担当\n\n本报记者 余嘉熙\n\n5年秉持初心，砥砺奋进；5年扬帆正劲，劈波前行。",
        # a paragraph ending properly, a short line, a list item, a caption
        "全省各级工会纷纷开展特色鲜明的活动。\n\n在河南，党委的中心工作推进到哪里。",
        "推进职工书屋建设，持续开展阅读活动\n\n1. 加强思想引领，提高政治站位。",
        "河南省总工会定期召开党组会,部署加强干部职工思想政治建设\n\n河南工会五年工作综述",
        "稳就业、促创业，助\n\n创业。",
        # the last paragraph of the file: nothing follows
        "坚持把理论武装作为首要政治任务，开展“悦读新思想”河",
    ],
)
def test_not_broken(text):
    assert lint(LAYOUT, text) == []


def test_next_paragraph_starting_with_a_comma_is_broken():
    (d,) = lint(LAYOUT, "我们一定能把工作做好，让职工满意\n\n。这是大家的心声。")
    assert d.fix == "意。"


def test_minority_writing_is_fixed_to_the_dominant_one():
    text = "上线“工会 E 卡”平台。\n发挥“工会 E 卡”作用。\n推进“工会E卡”整合。"
    (d,) = lint(CONSISTENCY, text)
    assert (d.line, d.text, d.fix) == (3, "会E卡", "会 E 卡")
    assert d.message.endswith("|1|2")


def test_tie_keeps_the_first_writing_and_reports_the_later():
    (d,) = lint(CONSISTENCY, "登录手机ＡＰＰ办理，下载手机App办理")
    assert (d.text, d.fix) == ("机App办", "机ＡＰＰ办")


def test_only_the_named_normalisations_make_two_writings_one_term():
    spaces_only = rules("consistency", "    normalise: [spaces]")
    assert lint(spaces_only, "手机APP办理，手机App办理") == []
    assert len(lint(spaces_only, "手机APP办理，手机 APP 办理")) == 1


def test_numbers_and_latin_without_han_are_not_terms():
    assert lint(CONSISTENCY, "总工会 2023 年，2023年。Hello world, hello World.") == []


def test_bad_normalise_option_is_rejected():
    with pytest.raises(PackError, match="normalise must be a list drawn from spaces, width, case"):
        rules("consistency", "    normalise: [colour]", validate=False)
    with pytest.raises(PackError, match="normalise"):
        rules("consistency", "    normalise: []")


def test_markdown_hard_wrapped_lines_are_one_paragraph():
    wrapped = "坚持把理论武装作为首要政治任务，开展“悦读新思想”河\n南省职工经典诵读活动。"
    assert lint(LAYOUT, wrapped, path="稿件.md") == []
    assert len(lint(LAYOUT, wrapped.replace("\n", "\n\n"), path="稿件.md")) == 1
    assert len(lint(LAYOUT, wrapped, path="稿件.txt")) == 1
