"""The `pattern` and `terms` kinds, exercised through small in-memory packs."""

from __future__ import annotations

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.packs import parse_pack

HEADER = "pack: house\nrules:\n"


def pack(rule_yaml: str, validate: bool = True):
    return parse_pack(HEADER + rule_yaml, "house.yaml", validate=validate)


def lint(rules, text):
    return Engine(rules).lint(Document.from_text("t.txt", text))


PATTERN = """\
  - id: comma
    kind: pattern
    severity: error
    message: 全角“{replacement}”，不是“{match}”
    pattern: '(?<=\\p{Han}),(?=\\p{Han})'
    replace: '，'
    exceptions: ['甲,乙']
    examples: {bad: [{text: '丙,丁', fixed: '丙，丁'}], good: ['甲,乙']}
"""


def test_pattern_reports_span_message_and_fix():
    (found,) = lint(pack(PATTERN).rules, "第一行\n丙,丁")
    assert (found.line, found.column, found.end_line, found.end_column) == (2, 2, 2, 3)
    assert found.message == "全角“，”，不是“,”"
    assert found.fix == "，" and found.applicability == "safe"


def test_pattern_exception_covering_the_finding_silences_it():
    assert lint(pack(PATTERN).rules, "甲,乙") == []
    assert len(lint(pack(PATTERN).rules, "甲,乙和丙,丁")) == 1


def test_pattern_findings_at_file_start_and_end():
    found = lint(pack(PATTERN).rules, "丙,丁\n戊,己")
    assert [(d.line, d.column) for d in found] == [(1, 2), (2, 2)]


def test_pattern_inside_url_or_email_is_masked():
    any_comma = PATTERN.replace("(?<=\\p{Han}),(?=\\p{Han})", ",")
    found = lint(pack(any_comma, validate=False).rules, "见http://a.cn/x,y，邮件li@acftu.org,完")
    assert [d.column for d in found] == [len("见http://a.cn/x,y，邮件li@acftu.org,")]


def test_replacement_group_must_exist():
    bad = PATTERN.replace("replace: '，'", "replace: '\\2'")
    with pytest.raises(PackError, match=r"house.yaml:\d+: rule 'house.comma': replacement refers to group 2"):
        pack(bad)


TERMS = """\
  - id: words
    kind: terms
    severity: warning
    message: “{match}”应为“{replacement}”
    terms:
      - {wrong: 总忘, right: 全总, requires: '省委|工会'}
      - {wrong: 奋斗争先、更加出彩, right: 奋勇争先、更加出彩}
      - {wrong: 人会, right: 入会, requires: '会员', exceptions: ['个人会员']}
    examples:
      bad:
        - {text: '在总忘和省委领导下', fixed: '在全总和省委领导下'}
        - {text: '奋斗争先、更加出彩', fixed: '奋勇争先、更加出彩'}
      good: ['总忘了带伞', '个人会员']
"""


def test_terms_match_all_terms_in_one_pass():
    found = lint(pack(TERMS).rules, "牢记“奋斗争先、更加出彩”，在总忘和省委领导下")
    assert [(d.text, d.fix) for d in found] == [("奋斗争先、更加出彩", "奋勇争先、更加出彩"), ("总忘", "全总")]


def test_terms_requires_context_in_the_same_line():
    assert lint(pack(TERMS).rules, "他总忘了带伞\n省委") == []


def test_terms_per_term_exceptions():
    assert [d.text for d in lint(pack(TERMS).rules, "发展个人会员，职工人会积极，会员增加")] == ["人会"]


def test_terms_longest_wrong_form_wins():
    rules = pack(TERMS.replace("- {wrong: 总忘,", "- {wrong: 在总忘, right: 在全总}\n      - {wrong: 总忘,")).rules
    assert [d.text for d in lint(rules, "在总忘和省委")] == ["在总忘"]


def test_terms_scan_only_for_present_terms_finds_the_same_across_documents():
    """Each document is scanned for the wrong forms it contains; one engine linting documents with
    different subsets (and none) must find in each exactly what it contains, longest form first."""
    rules = pack(TERMS.replace("- {wrong: 总忘,", "- {wrong: 在总忘, right: 在全总}\n      - {wrong: 总忘,")).rules
    engine = Engine(rules)
    texts = ["在总忘和省委", "他总忘和省委", "无关的文字", "奋斗争先、更加出彩，在总忘和省委", "他总忘和省委"]
    found = [[d.text for d in engine.lint(Document.from_text("t.txt", text))] for text in texts]
    assert found == [["在总忘"], ["总忘"], [], ["奋斗争先、更加出彩", "在总忘"], ["总忘"]]


def test_terms_duplicate_term_is_a_pack_error():
    with pytest.raises(PackError, match="listed twice"):
        pack(TERMS.replace("{wrong: 人会,", "{wrong: 总忘,"))


def test_same_fix_for_same_span_from_two_rules_is_reported_once():
    second = TERMS.replace("id: words", "id: words-again").replace("severity: warning", "severity: error")
    rules = pack(TERMS).rules + pack(second).rules
    (found,) = lint(rules, "在总忘和省委领导下")
    assert found.rule == "house.words-again"


def test_a_wider_fix_doing_what_a_narrower_fix_does_is_reported_once_as_the_narrower():
    dot = """\
  - id: dot
    kind: pattern
    severity: error
    message: 间隔号
    pattern: '(?<=\\p{Han})•(?=\\p{Han})'
    replace: '·'
"""
    slogan = """\
  - id: slogan
    kind: terms
    severity: warning
    message: 提法
    terms:
      - {wrong: 中国梦•劳动美, right: 中国梦·劳动美}
      - {wrong: 中国梦•劳动光荣, right: 中国梦·劳动最光荣}
"""
    rules = pack(dot, validate=False).rules + pack(slogan, validate=False).rules
    assert [(d.rule, d.text) for d in lint(rules, "以“中国梦•劳动美”为主线")] == [("house.dot", "•")]
    # the slogan's fix does more than the dot's: both are reported
    found = lint(rules, "中国梦•劳动光荣")
    assert [(d.rule, d.fix) for d in found] == [("house.slogan", "中国梦·劳动最光荣"), ("house.dot", "·")]


def test_a_safe_error_is_not_given_up_for_a_narrower_unsafe_guess_with_the_same_result():
    guess = """\
  - id: guess
    kind: pattern
    severity: warning
    message: 疑为错字
    pattern: '(?<=踔)励'
    replace: '厉'
    fix: unsafe
"""
    known = """\
  - id: known
    kind: terms
    severity: error
    message: 提法
    terms:
      - {wrong: 踔励奋发, right: 踔厉奋发}
"""
    rules = pack(guess, validate=False).rules + pack(known, validate=False).rules
    found = lint(rules, "要踔励奋发、勇毅前行")
    assert [(d.rule, d.text, d.fix, d.applicability) for d in found] == [("house.known", "踔励奋发", "踔厉奋发", "safe")]
