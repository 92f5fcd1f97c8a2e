"""The stray pack on whole documents: line context, file names, file boundaries."""

from __future__ import annotations

import pytest


def test_markdown_residue_is_skipped_in_markdown_files():
    from conftest import setup
    from unionlint.api import lint_text

    text = "### 筑牢信仰之基\n\n政治方向。**全省各级工会组织**要讲政治。"
    assert len(lint_text(text, path="稿件.txt", config=setup("stray.markdown-*")).diagnostics) == 2
    assert lint_text(text, path="稿件.md", config=setup("stray.markdown-*")).diagnostics == []


def test_space_between_han_only_in_sentences(lint_text):
    text = "本报记者 余嘉熙 本报通讯员 王晓\n\n提升职工生 活品质，开展“学习二十大 悦读新思想”活动。"
    found = [d for d in lint_text(text, ["stray.space-between-han"])]
    assert [(d.line, d.column) for d in found] == [(3, 6)]


def test_straight_quotes_pair_in_order(lint_text):
    # The span between a closing and the next opening straight quote is not a quotation.
    text = '由"工"到"匠"的创新创造活力;从推进工会数字化建设到提升职工生 活品质,织密"保障网"。'
    found = lint_text(text, ["stray.space-between-han"])
    assert [text[d.start - 1 : d.end + 1] for d in found] == ["生 活"]


def test_web_residue_at_end_of_file_without_newline(lint_text):
    text = "正文。\n\n推荐阅读\n\n精彩评论\n加载更多\n评论"
    found = lint_text(text, ["stray.web-residue"])
    assert [d.line for d in found] == [3, 5, 6, 7]
    assert found[-1].text == "评论"


def test_invisible_character_at_file_start_and_crlf(lint_text):
    found = lint_text("\u200b职工\r\n群众\u200d\r\n", ["stray.invisible-character"])
    assert [(d.line, d.column) for d in found] == [(1, 1), (2, 3)]


def test_datelines_and_photo_credits_keep_their_spaces(lint_text):
    text = "本报讯 近日，河南省总工会召开党组会。\n\n驿站正式投入使用。记者 张三 摄\n\n职工生 活品质不断提升。"
    assert [d.line for d in lint_text(text, ["stray.space-between-han"])] == [5]


def test_text_output_shows_joined_line_breaks_and_invisible_characters():
    from conftest import run

    text = "职工\u200b群众，开展“悦读新思想”河南省职工经典诵读活动，坚持把理论武装\n\n作为首要任务。\n"
    result = run("--select", "stray", "-", "--stdin-filename", "稿件.txt", input=text)
    assert "装⏎⏎作 → 装作" in result.stdout
    assert "删除 <U+200B>" in result.stdout and "\u200b" not in result.stdout


def test_layout_spaces_of_regulations_and_lists_are_not_typos():
    from conftest import setup
    from unionlint.api import lint_text

    config = setup("stray.space-between-han", "punctuation.space-around-punctuation")
    text = (
        "## 第一章  总则\n\n第一条 为了保障职工合法权益，制定本条例。\n\n第十条 《总体规划》应当公布。\n\n"
        "出席会议的有：省总工会党组书记 王东，副主席 李红。\n\n职工的合法权益受法律保 护，任何组织不得侵犯。\n"
    )
    for name in ("条例.md", "条例.txt"):
        found = lint_text(text, path=name, config=config).diagnostics
        assert [(d.line, d.text) for d in found] == [(9, " ")], name


def test_lost_character_is_reported_once_and_never_turned_into_a_question_mark(lint_text):
    found = lint_text("劳模王?明在车间指导青年职工。为什么?因为有工会撑腰。")
    assert [(d.rule, d.text, d.fix) for d in found] == [
        ("punctuation.lost-character", "?", None),
        ("punctuation.halfwidth-question", "?", "？"),
    ]


def test_special_spaces_in_sentences_and_layout_spaces_in_news_copy(lint_text):
    text = (
        "省总工会召开全委会 部署全年工作\n\n本报讯 记者赵敏 近日，全市新建职工\u00a0书屋42家。\n\n"
        "下载“豫工惠\u00a0APP”即可入会，联系电话138****5678。\n\n"
        "出席会议的有：省总工会党组书记 王东，副主席 李红。\n"
    )
    found = lint_text(text, ["stray", "punctuation"])
    assert [(d.line, d.rule, d.fix) for d in found] == [
        (3, "stray.space-between-han", ""),
        (5, "stray.special-space", " "),
    ]


@pytest.mark.slow
def test_a_page_pasted_on_one_line_is_checked_not_refused(lint_text):
    """A web page pasted without line breaks: 40,000 spaces between Han characters and 16,000
    straight-quoted names on one 248,000-character line. Checking each finding against every
    exception match of the line was quadratic and hit the catastrophic-backtracking timeout."""
    unit = '他说"学习二十大 悦读新思想"活动 开展，职工 生活品质提升。'
    found = lint_text(unit * 8000, ["stray.space-between-han"])
    assert [unit[d.start - 1 : d.end + 1] for d in found[:2]] == ["动 开", "工 生"]  # not the quoted name
    assert len(found) == 2 * 8000
