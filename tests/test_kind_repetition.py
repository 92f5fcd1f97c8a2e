"""The `repetition` kind: repeated paragraphs (exact and near) and statements, linear in document size."""

from __future__ import annotations

import random

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.kinds import repetition
from unionlint.kinds.repetition import near_duplicates
from unionlint.packs import parse_pack


def rule(options: str):
    text = f"""pack: house
rules:
  - id: rep
    kind: repetition
    severity: warning
    message: 与第{{line}}行重复{{how}}
    fix: unsafe
{options}
    examples: {{bad: ['x'], good: ['y']}}
"""
    return parse_pack(text, "house.yaml").rules


def lint(rules, text):
    return Engine(rules).lint(Document.from_text("t.txt", text))


PARAGRAPHS = "    unit: paragraph\n    min_length: 10\n    similarity: 0.8"
SENTENCES = "    unit: sentence\n    min_length: 12\n    require: '\\d'\n    summary: '^\\s*阅读提示'"
PARA = "全省各级工会共开展各类活动70余万场，覆盖职工3700余万人次。"


def test_exact_copy_is_reported_at_the_later_copy_with_the_first_line():
    found = lint(rule(PARAGRAPHS), f"{PARA}\n\n中间一段文字。\n\n{PARA.replace('，', ' ')}\n\n结尾一段文字。")
    (d,) = found
    assert (d.line, d.column) == (5, 1)
    assert d.message == "与第1行重复完全相同"
    assert d.fix == "" and d.applicability == "unsafe"


def test_deleting_an_exact_copy_takes_its_blank_lines_but_not_the_next_paragraph():
    text = f"{PARA}\r\n\r\n{PARA}\r\n\r\n结尾。\r\n"
    doc = Document.from_text("t.txt", text)
    (d,) = Engine(rule(PARAGRAPHS)).lint(doc)
    assert doc.text[: d.start] + d.fix + doc.text[d.end :] == f"{PARA}\n\n结尾。\n"


def test_last_paragraph_without_newline_is_deleted_with_the_line_break_before_it():
    """The file ends as it did, without a line break: the span starts at the end of the previous line."""
    (d,) = lint(rule(PARAGRAPHS), f"{PARA}\n{PARA}")
    assert (d.line, d.end_line, d.text, d.fix) == (1, 2, "\n" + PARA, "")


def test_last_paragraph_after_a_blank_line_is_deleted_from_the_blank_line():
    (d,) = lint(rule(PARAGRAPHS), f"{PARA}\n\n{PARA}\n")
    assert (d.line, d.column, d.end_line, d.text) == (2, 1, 4, f"\n{PARA}\n")


def test_near_copy_is_reported_without_fix():
    changed = PARA.replace("3700", "3800")
    (d,) = lint(rule(PARAGRAPHS), f"{PARA}\n\n{changed}")
    assert d.line == 3 and d.fix is None and "高度相似" in d.message


def test_short_lines_and_different_paragraphs_are_not_reported():
    text = "各位代表、同志们：\n\n李公乐\n\n各位代表、同志们：\n\n全省各级工会组织要坚持党的领导。\n\n新建基层工会组织7293家。"
    assert lint(rule(PARAGRAPHS), text) == []


def test_repeated_figures_are_found_across_a_comma_and_reported_once():
    first = "前两批命名20家教育基地，线上线下发布作品2.3万余件，转发传播2104.8万人次。"
    later = "已连续开展4届，广大职工线上线下发布作品2.3万余件，转发传播2104.8万人次。"
    (d,) = lint(rule(SENTENCES), f"{first}\n\n{later}")
    assert d.line == 3 and d.text == "线上线下发布作品2.3万余件，转发传播2104.8万人次"
    assert d.message.startswith("与第1行重复")


def test_formulations_without_figures_headlines_and_summaries_are_not_reported():
    formula = "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。"
    headline = "全省工会开展活动1920场次"
    summary = "  阅读提示\n\n  深化就业创业服务,2024年组织各类活动1920场次。"
    body = "近年来,深化就业创业服务,2024年组织各类活动1920场次。"
    text = f"{formula}\n{headline}\n{summary}\n{formula}\n{headline}\n{body}"
    assert lint(rule(SENTENCES), text) == []


def test_repeat_within_one_paragraph():
    text = "全年帮助5.29万名职工实现稳定就业，同时开展培训，全年帮助5.29万名职工实现稳定就业。"
    (d,) = lint(rule(SENTENCES), text)
    assert d.column == text.index("，同时") + len("，同时开展培训，") + 1


def test_bad_options_are_rejected_at_load():
    with pytest.raises(PackError, match="unit must be one of paragraph, sentence, word"):
        parse_pack(
            "pack: h\nrules:\n  - {id: r, kind: repetition, unit: line, severity: info, message: m,"
            " examples: {bad: [x], good: [y]}}\n",
            "h.yaml",
            validate=False,
        )


def _document(paragraphs: int) -> list[str]:
    """Distinct paragraphs of 40 pseudo-random Han characters; every tenth repeats its predecessor with one change."""
    texts = []
    for n in range(paragraphs):
        base = n - 1 if n % 10 == 9 else n
        draw = random.Random(base)
        chars = [chr(0x4E00 + draw.randrange(20000)) for _ in range(40)]
        if base != n:
            chars[20] = "工"
        texts.append("".join(chars))
    return texts


def _counting_comparisons(monkeypatch) -> list[int]:
    """Counts the paragraph comparisons `near_duplicates` makes (calls of its similarity measure)."""
    calls = [0]
    measure = repetition._jaccard

    def counted(*args):
        calls[0] += 1
        return measure(*args)

    monkeypatch.setattr(repetition, "_jaccard", counted)
    return calls


def test_near_duplicate_search_does_work_linear_in_document_size(monkeypatch):
    calls = _counting_comparisons(monkeypatch)
    counts = []
    for size in (1000, 2000, 4000):
        calls[0] = 0
        found = list(near_duplicates(_document(size), 10, 0.8))
        assert len(found) == size // 10
        counts.append(calls[0])
    assert counts[1] <= 2.2 * counts[0] and counts[2] <= 2.2 * counts[1]
    assert counts[2] <= 8 * 4000  # a handful of comparisons per paragraph, never all pairs


def test_many_identical_near_copies_compare_with_the_first_only(monkeypatch):
    calls = _counting_comparisons(monkeypatch)
    texts = [f"{PARA}第{n}次" for n in range(3000)]
    found = list(near_duplicates(texts, 10, 0.8))
    assert len(found) == 2999 and {earlier for _, earlier, _ in found} == {0}
    assert calls[0] == 2999


def test_inline_summary_marker_and_whole_repeated_paragraphs_are_not_statements():
    body = "深化就业创业服务,2024年组织各类活动1920场次,帮助5.29万人就业。"
    assert lint(rule(SENTENCES), f"阅读提示：{body}\n\n近年来,{body}") == []
    # a paragraph repeated whole is reported once, by the paragraph rule, not once per run
    assert lint(rule(SENTENCES), f"{body}\n\n{body}") == []


def test_pack_reports_a_pasted_paragraph_once(lint_text):
    body = "深化就业创业服务,2024年组织各类活动1920场次,帮助5.29万人就业。"
    found = lint_text(f"{body}\n\n中间。\n\n{body}", ["duplicates"])
    assert [(d.rule, d.end_line) for d in found] == [("duplicates.repeated-paragraph", 5)]


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ("    kind: repetition\n    unit: line", r"h.yaml:5: rule 'h.r': unit: 'line' is not one of"),
        (
            "    kind: repetition\n    unit: paragraph\n    similarity: 2",
            r"h.yaml:6: rule 'h.r': similarity: 2 is greater",
        ),
        ("    kind: consistency", r"h.yaml:3: rule 'h.r': 'normalise' is a required property"),
        ("    kind: layout\n    min_length: 1", r"h.yaml:5: rule 'h.r': min_length: 1 is less than the minimum of 2"),
    ],
)
def test_user_pack_options_are_checked_against_the_schema(options, error):
    text = f"pack: h\nrules:\n  - id: r\n{options}\n    severity: error\n    message: m\n    examples: {{bad: [x], good: [y]}}\n"
    with pytest.raises(PackError, match=error):
        parse_pack(text, "h.yaml")


def test_a_repeat_on_a_very_long_line_compares_about_as_much_as_the_repeat():
    """On a page pasted as one line, finding how far a repeated sentence extends must not compare
    slices as long as the line (that made a 6 MB line take many minutes)."""
    lengths = []

    def agrees(n):
        lengths.append(n)
        return n <= 30

    assert repetition._longest(agrees, 2_000_000) == 30
    assert max(lengths) <= 64 and len(lengths) <= 12
    assert repetition._longest(lambda n: True, 5) == 5 and repetition._longest(lambda n: n == 0, 9) == 0
