"""Suppression comments: ranges, next line, selectors, unknown RULEs and unused comments."""

from __future__ import annotations

import pytest

from conftest import run, run_json
from unionlint.api import default_setup
from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import fix_document
from unionlint.model import select_rules

RULES = default_setup().rules()
COMMA = "punctuation.halfwidth-comma"
BAD = "职工,群众"  # one halfwidth comma between Chinese text


def found(text: str, path: str = "a.md", report_unused: bool = False, select=None) -> list[tuple[str, int]]:
    engine = Engine(select_rules(RULES, select, None), RULES, report_unused)
    return [(d.rule, d.line) for d in engine.lint(Document.from_text(path, text))]


def test_disable_until_enable():
    text = f"{BAD}\n<!-- unionlint-disable -->\n{BAD}\n{BAD}\n<!-- unionlint-enable -->\n{BAD}\n"
    assert found(text) == [(COMMA, 1), (COMMA, 6)]


def test_disable_runs_to_the_end_of_the_file():
    assert found(f"{BAD}\n<!-- unionlint-disable {COMMA} -->\n{BAD}\n\n{BAD}\n") == [(COMMA, 1)]


def test_enable_one_pack_inside_a_disable_all():
    line = "**职工**,群众"  # in plain text: stray emphasis markup and a halfwidth comma
    assert {rule for rule, _ in found(line, "a.txt")} == {COMMA, "stray.markdown-emphasis"}
    text = f"<!-- unionlint-disable -->\n{line}\n<!-- unionlint-enable punctuation -->\n{line}\n"
    assert found(text, "a.txt") == [(COMMA, 4)]


def test_disable_next_line_only_covers_the_next_line():
    text = f"<!-- unionlint-disable-next-line -->\n{BAD}\n{BAD}\n"
    assert found(text) == [(COMMA, 3)]


@pytest.mark.parametrize("selector", [COMMA, "punctuation", "punctuation.halfwidth-*", "numbers, punctuation"])
def test_selectors_are_ids_pack_names_and_globs(selector):
    assert found(f"<!-- unionlint-disable-next-line {selector} -->\n{BAD}\n") == []


def test_a_selector_for_another_rule_does_not_suppress():
    assert found(f"<!-- unionlint-disable-next-line numbers -->\n{BAD}\n") == [(COMMA, 2)]


def test_overlapping_ranges_an_enable_wins_over_earlier_disables_only():
    text = (
        f"<!-- unionlint-disable {COMMA} -->\n{BAD}\n<!-- unionlint-disable punctuation -->\n{BAD}\n"
        f"<!-- unionlint-enable {COMMA} -->\n{BAD}\n<!-- unionlint-disable {COMMA} -->\n{BAD}\n"
        f"<!-- unionlint-enable punctuation -->\n{BAD}\n"
    )
    assert found(text) == [(COMMA, 6), (COMMA, 10)]


def test_unknown_rule_is_reported_not_raised():
    text = f"<!-- unionlint-disable-next-line punctuaton -->\n{BAD}\n"
    assert found(text) == [("unionlint.unknown-suppression", 1), (COMMA, 2)]


def test_unknown_rule_message_suggests_the_closest_rule():
    engine = Engine(RULES)
    (unknown, _) = engine.lint(Document.from_text("a.md", f"<!-- unionlint-disable-next-line punctuaton -->\n{BAD}\n"))
    assert unknown.message == "抑制注释中的规则“punctuaton”不存在；是否想写 'punctuation'？"


@pytest.mark.parametrize(
    ("comment", "meant"),
    [
        ("<!-- unionlint-disabel-next-line -->", "unionlint-disable-next-line"),
        ("<!-- unionlint:disable -->", "unionlint-disable"),
        (f"<!--unionlint_enable {COMMA}-->", "unionlint-enable"),
        ("<!-- UnionLint-Disable -->", "unionlint-disable"),
    ],
)
def test_a_misspelt_directive_is_a_warning_not_ignored(comment, meant):
    """It suppresses nothing, which its writer does not expect: say so, with the directive meant."""
    engine = Engine(RULES)
    diagnostics = engine.lint(Document.from_text("a.md", f"{comment}\n{BAD}\n"))
    assert [(d.rule, d.line, str(d.severity)) for d in diagnostics] == [
        ("unionlint.invalid-suppression", 1, "warning"),
        (COMMA, 2, "error"),
    ]
    assert diagnostics[0].message.endswith(f"它不抑制任何问题；是否想写 '{meant}'？")


def test_other_comments_and_directives_shown_as_code_are_not_misspelt_directives():
    text = "<!-- 编者按：本文有删节 -->\n`<!-- unionlint:disable -->` 不是指令。\n\n    <!-- unionlint:off -->\n"
    assert found(text) == []


def test_the_suppression_rules_examples_behave_as_stated():
    from unionlint.examples import example_problems
    from unionlint.suppressions import META_RULES

    assert {rule.id: example_problems(rule) for rule in META_RULES} == {rule.id: [] for rule in META_RULES}


def test_unused_suppression_only_with_the_flag():
    text = "<!-- unionlint-disable-next-line punctuation -->\n职工、群众。\n"
    assert found(text) == []
    assert found(text, report_unused=True) == [("unionlint.unused-suppression", 1)]
    # A used one is not reported; neither is one naming a rule that is not selected.
    assert found(f"<!-- unionlint-disable-next-line punctuation -->\n{BAD}\n", report_unused=True) == []
    assert found(text, report_unused=True, select=["numbers"]) == []


def test_unused_is_reported_per_rule_of_the_comment():
    text = f"<!-- unionlint-disable-next-line {COMMA} duplicates -->\n{BAD}\n"
    engine = Engine(RULES, RULES, True)
    (diagnostic,) = engine.lint(Document.from_text("a.md", text))
    assert diagnostic.rule == "unionlint.unused-suppression" and "duplicates" in diagnostic.message


def test_the_comment_itself_is_not_linted_in_markdown_or_text():
    text = "<!-- unionlint-disable-next-line stray.html-tag,punctuation -->\n正文。\n"
    assert found(text) == [] and found(text, "a.txt") == []


def test_suppressed_findings_are_not_fixed():
    doc = Document.from_text("a.txt", f"<!-- unionlint-disable-next-line -->\n{BAD}\n{BAD}\n")
    fixed, _ = fix_document(Engine(RULES), doc)
    assert fixed.text == f"<!-- unionlint-disable-next-line -->\n{BAD}\n职工，群众\n"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "gitlab"])
def test_unused_suppression_in_every_format(tmp_path, fmt):
    path = tmp_path / "a.md"
    path.write_text("<!-- unionlint-disable -->\n正文。\n", encoding="utf-8")
    result = run("--format", fmt, "--report-unused-suppressions", path)
    assert "unionlint.unused-suppression" in result.stdout and result.returncode == 1
    assert run("--format", fmt, path).returncode == 0


def test_cli_suppression_and_explain():
    code, diagnostics = run_json("-", "--stdin-filename", "a.md", input=f"<!-- unionlint-disable -->\n{BAD}\n")
    assert code == 0 and diagnostics == []
    result = run("explain", "unionlint.unused-suppression")
    assert result.returncode == 0 and "--report-unused-suppressions" in result.stdout


def test_a_comment_shown_inside_markdown_code_is_not_a_directive():
    for code in ("```\n<!-- unionlint-disable -->\n```", "`<!-- unionlint-disable -->`"):
        assert found(f"{code}\n\n{BAD}\n") == [(COMMA, 5 if "```" in code else 3)]
    assert found(f"正文<!-- unionlint-disable -->。\n\n{BAD}\n") == []
