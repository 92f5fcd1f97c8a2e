"""The `quotes` kind: a straight quote becomes “ or ” (‘ or ’) by a safe fix only where its context settles it."""

from __future__ import annotations

import pytest

from conftest import run, seed
from unionlint.api import default_setup
from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import fix_document

ENGINE = Engine(default_setup().rules())
ISSUE = '他说，这些年力不从心。"李拴表示，"党中央对工会寄予厚望。'


def safe_fix(text: str) -> str:
    return fix_document(ENGINE, Document.from_text("t.txt", text))[0].text


def unsafe_fix(text: str) -> str:
    return fix_document(ENGINE, Document.from_text("t.txt", text), unsafe=True)[0].text


def quotes(text: str) -> str:
    return "".join(char for char in text if char in "\"'“”‘’")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # 。" before Han text closes as often as it opens; ，" too: nothing settles this line, which starts
        # inside a quotation. Pairing by order wrote 。“李拴表示，”党中央 and the result linted clean.
        (ISSUE, ISSUE),
        ("谋划'十四五'发展", "谋划'十四五'发展"),
        ('由"工"到"匠"的创新', '由"工"到"匠"的创新'),
        # The one settled quote (after ：) is fixed, and the other one only when settled by its own context.
        ('力不从心。"李拴表示："党中央对工会寄予厚望。"', '力不从心。"李拴表示：“党中央对工会寄予厚望。”'),
        # Settled by their neighbours: after ：, before ，。、, at a paragraph start or end after 。.
        ('他说："我们一定能干好。"', "他说：“我们一定能干好。”"),
        ('"有工会撑腰，咱劳动工人只要有真本事。"', "“有工会撑腰，咱劳动工人只要有真本事。”"),
        ('为职工"撑腰",为劳动"护航"。', '为职工"撑腰”，为劳动“护航”。'),
        # Two side by side: the first closes, the second opens; a term between a settled opening quote and
        # a quote known to open is closed by the quote between them.
        ('落实"五大行动""十件实事"到基层', '落实"五大行动”“十件实事"到基层'),
        ('开展"最美职工""最美志愿者""最美项目"评选', '开展"最美职工”“最美志愿者”“最美项目"评选'),
        # Without a quote known to open after it, the quote after a settled opening one may open a
        # quotation nested in it: 要让"娘家人" is not taken for 要让”娘家人“.
        ('他说："要让"娘家人"名副其实。"', '他说：“要让"娘家人"名副其实。”'),
        # A quotation over two paragraphs opens each of them (GB/T 15834-2011 4.8.3).
        ('他说：\n\n"第一段，很长。\n\n"第二段。"', "他说：\n\n“第一段，很长。\n\n“第二段。”"),
        # Nested: ' after “ opens, before ” closes.
        ("“坚持和发展新时代'枫桥经验'”", "“坚持和发展新时代‘枫桥经验’”"),
        ("他说：“要谋划好'十四五'。”", "他说：“要谋划好‘十四五’。”"),
        # A quoted salutation ends on ：, so ：" opens only with text after it (found by the property test).
        ('"各省辖市总工会、省总机关各部门、各直属单位："', '“各省辖市总工会、省总机关各部门、各直属单位："'),
        # A PDF column break left an opening quote at the end of a prose line: it is not taken for a closing one.
        ('室,由"点"成"面"、聚"线"成"网"的"', '室，由"点"成"面”、聚"线"成"网"的"'),
    ],
)
def test_safe_fix_sets_a_quote_only_where_its_context_settles_it(text, fixed):
    assert safe_fix(text) == fixed


def test_the_issue_line_is_reported_with_the_order_guess_as_an_unsafe_fix_only():
    found = [(d.rule, d.column, d.fix, d.applicability) for d in ENGINE.lint(Document.from_text("t.txt", ISSUE))]
    assert found == [
        ("punctuation.straight-quote-unpaired", 12, "“", "unsafe"),
        ("punctuation.straight-quote-unpaired", 18, "”", "unsafe"),
    ]
    assert unsafe_fix('由"工"到"匠"的创新') == "由“工”到“匠”的创新"


def test_interleaved_columns_never_get_a_reversed_quote_marked_safe():
    """Seed 001 line 77: two PDF columns interleaved, so two quotations open before either closes.
    Pairing by order (or alternating from the line's first quote) reversed four of the six quotes."""
    line = seed("001").read_text(encoding="utf-8").splitlines()[76]
    assert line.startswith('"前不久我在') and '多 "最近' in line
    fixed = safe_fix(line + "\n")
    assert fixed.startswith("“前不久我在")
    assert '多 "最近' in fixed and '元！"河南' in fixed and '坐坐。"濮阳' in fixed


def test_seed_line_with_the_issue_quote_is_left_for_the_editor():
    text = seed("001").read_text(encoding="utf-8")
    (line,) = [line for line in text.splitlines() if '力不从心。"' in line]
    fixed = safe_fix(text)
    (after,) = [each for each in fixed.splitlines() if "力不从心" in each]
    assert quotes(after) == quotes(line) == '""'


def test_partly_fixed_quotes_do_not_make_the_paragraph_look_unbalanced():
    """Once 面"、 is fixed to 面”、 the other quotes are still straight: the pairs rule must not report ”."""
    fixed = safe_fix('室，由"点"成"面"、聚"线"成"网"的"')
    assert "”" in fixed
    assert [d.rule for d in ENGINE.lint(Document.from_text("t.txt", fixed))] == [
        "punctuation.straight-quote-unpaired"
    ] * 8


def test_apostrophes_and_english_quotes_are_left_alone():
    for text in ["他用英文说 don't stop，it's fine。", 'He said "hi" to "me"', "身高6'2\""]:
        assert not [d for d in ENGINE.lint(Document.from_text("t.txt", text)) if "quote" in d.rule]


def test_quotes_inside_a_markdown_code_span_do_not_count():
    doc = Document.from_text("t.md", '用 `"` 表示，他说："好。"\n')
    assert [(d.column, d.fix) for d in ENGINE.lint(doc) if "quote" in d.rule] == [(13, "“"), (16, "”")]


def test_the_issue_command_at_a_shell():
    result = run("--fix", "-", input=ISSUE + "\n")
    assert result.stdout == ISSUE + "\n"
    assert "straight-quote-unpaired" in result.stderr and "需人工确认" in result.stderr
