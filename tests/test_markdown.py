"""Markdown files: only the prose is linted, positions stay those of the file, blocks are paragraphs."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run, run_json
from unionlint.api import default_setup
from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import fix_document

RULES = default_setup().rules()
COMMA = "punctuation.halfwidth-comma"
LONG = "全省各级工会组织要把讲政治的要求贯穿工会工作全过程和各方面"


def lint(text: str, path: str = "a.md"):
    return Engine(RULES).lint(Document.from_text(path, text))


def rules_at(text: str, path: str = "a.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint(text, path)]


def spans(text: str) -> list[str]:
    doc = Document.from_text("a.md", text)
    return [text[m.start : m.end] for m in doc.masks]


@pytest.mark.parametrize(
    "text",
    [
        "职工使用`a,b`登记。",
        "职工使用``代码`里,``登记。",
        "详见[通知](http://x.cn/a,b)。",
        '详见[通知](/tz?a=1,2 "标题,一")。',
        "详见<https://x.cn/a,b>。",
        "详见<span title='a,b'>通知</span>。",
        "详见[通知][r,1]。\n\n[r,1]: http://x.cn/a,b",
        "![图一](/a,b.png '题,注')职工。",
    ],
)
def test_comma_in_code_or_link_target_is_not_reported(text):
    assert COMMA not in [rule for rule, _, _ in rules_at(text)]


def test_the_same_text_as_prose_is_reported():
    assert rules_at("职工使用甲,乙登记，职工,群众。") == [(COMMA, 1, 6), (COMMA, 1, 13)]
    assert (COMMA, 1, 3) in rules_at("职工,群众。", "a.txt")
    assert (COMMA, 1, 7) in rules_at("职工使用`甲,乙`登记。", "a.txt")
    assert rules_at("职工使用`甲,乙`登记。") == []


@pytest.mark.parametrize(
    "block",
    [
        "```\n职工,群众\n```",
        "~~~python\n职工,群众\n~~~",
        "    职工,群众",
        "<!-- 职工,群众\n跨行的注释,仍然是注释 -->",
        "<div>\n职工,群众\n</div>",
        "[职工,群众]: http://x.cn/a,b '职工,群众'",
    ],
)
def test_blocks_that_are_not_prose_are_masked(block):
    assert rules_at(f"正文。\n\n{block}\n\n正文。") == []


def test_front_matter_is_masked_only_at_the_start():
    assert rules_at("---\ntitle: 职工,群众\n---\n\n正文。") == []
    # A thematic break later in the file is not front matter.
    assert (COMMA, 3, 3) in rules_at("正文。\n\n职工,群众\n\n---\n\n正文。")


def test_link_text_and_nested_emphasis_stay_linted():
    found = rules_at('详见[职工**工会,组织**](http://x.cn/a,b "t,t")。')
    assert found == [(COMMA, 1, 10)]


def test_positions_after_masked_regions_are_those_of_the_file():
    text = "---\na: 1\n---\n# 标题\n\n```\nx,y\n```\n\n> 引用`a,b`后面职工,群众。\n"
    assert rules_at(text) == [(COMMA, 10, 14)]


def test_masks_are_exact_spans_of_the_original_text():
    assert spans('- 项目`a`和[链](http://u.cn "t")。') == ["-", "`a`", '(http://u.cn "t")']
    table = "正文。\n\n```\n代码  一\n```\n| 表 | 格 |\n|---|---|\n"
    assert spans(table) == ["```", "代码  一", "```", "|", "|", "|", "|---|---|"]


def test_table_cells_are_prose_and_pipes_are_not():
    assert rules_at("| 甲 | 甲 |\n|---|---|\n| 职工,群众 | `甲,乙` |\n") == [(COMMA, 3, 5)]
    # Without outer pipes, two equal cells are still found left to right.
    assert rules_at("甲 | 乙\n--|--\n职工,群众 | 职工,群众\n") == [(COMMA, 3, 3), (COMMA, 3, 11)]


def test_identical_list_items_are_duplicate_paragraphs():
    found = rules_at(f"- {LONG}。\n- {LONG}。\n")
    assert ("duplicates.repeated-paragraph", 2, 3) in found  # the marker is masked: only the text is deleted


def test_soft_wrapped_paragraph_is_one_paragraph():
    doc = Document.from_text("a.md", f"{LONG}，\n{LONG}。\n\n# 标题\n")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == [f"{LONG}，\n{LONG}。", "标题"]
    assert "stray.broken-paragraph" not in [rule for rule, _, _ in rules_at(doc.text)]
    # The same lines in plain text are two paragraphs, the first one broken mid-sentence.
    assert "stray.broken-paragraph" in [rule for rule, _, _ in rules_at(f"{LONG}，\n\n{LONG}。", "a.txt")]


@pytest.mark.parametrize(
    "text",
    [
        f"## 一、{LONG}，\n\n{LONG}。",
        f"- {LONG}，\n\n{LONG}。",
        f"> {LONG}，\n\n{LONG}。",
        f"{LONG}，\n\n- {LONG}。",
    ],
)
def test_headings_lists_and_quotes_are_not_joined_to_the_next_block(text):
    assert "stray.broken-paragraph" not in [rule for rule, _, _ in rules_at(text)]


def test_two_plain_paragraphs_broken_mid_sentence_are_still_reported():
    assert ("stray.broken-paragraph", 1, 30) in rules_at(f"{LONG}，\n\n{LONG}。")


def test_heading_markers_are_not_stray_markup_in_markdown_but_are_in_text():
    text = "## 工会工作\n\n**职工**代表大会召开。"
    assert rules_at(text) == []
    assert {rule for rule, _, _ in rules_at(text, "a.txt")} >= {"stray.markdown-heading", "stray.markdown-emphasis"}


def test_fix_never_writes_inside_code_or_urls(tmp_path):
    path = tmp_path / "稿件.md"
    path.write_text("职工,群众使用`a,b`和[链接](http://x.cn/a,b)。\n\n```\n职工,群众\n```\n", encoding="utf-8")
    result = run("--fix", path)
    assert path.read_text(encoding="utf-8") == "职工，群众使用`a,b`和[链接](http://x.cn/a,b)。\n\n```\n职工,群众\n```\n"
    assert result.returncode == 0, result.stdout


def test_fix_document_recomputes_masks_each_pass():
    doc = Document.from_text("a.md", "职工,群众,职工`甲,乙`。")
    fixed, counts = fix_document(Engine(RULES), doc)
    assert fixed.text == "职工，群众，职工`甲,乙`。" and counts[COMMA] == 2


def test_stdin_with_markdown_filename_behaves_like_the_file(tmp_path):
    text = "# 标题\n\n职工`a,b`使用,群众。\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    _, from_file = run_json(path)
    _, from_stdin = run_json("-", "--stdin-filename", "a.md", input=text)
    assert [(d["rule"], d["line"], d["column"]) for d in from_stdin] == [(COMMA, 3, 10)]
    assert [(d["rule"], d["line"], d["column"]) for d in from_file] == [(COMMA, 3, 10)]


def test_plain_text_does_not_load_the_markdown_parser():
    code = "import sys; from unionlint.cli import main; main(['-']); print('markdown_it' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], input=b"x", capture_output=True).stdout.decode()
    assert out.strip().endswith("False")


MARKDOWN_PIECES = st.sampled_from(
    list("`[]()<>!*_#->|:\"' \n\\&;1.职工,群众。") + ["---\n", "```\n", "<!--", "-->", "http://", "    "]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_PIECES, max_size=60).map("".join))
def test_any_markdown_gives_spans_inside_the_text_and_blocks_in_order(text):
    doc = Document.from_text("a.md", text)
    for span in doc.masks + doc.paragraphs:
        assert 0 <= span.start <= span.end <= len(doc.text)
    assert all(a.end <= b.start for a, b in zip(doc.paragraphs, doc.paragraphs[1:]))
    fixed, _ = fix_document(Engine(RULES), doc, unsafe=True)
    code = [doc.text[m.start : m.end] for m in doc.masks if doc.text.startswith("`", m.start)]
    assert all(span in fixed.text for span in code)  # fixes never write inside code
