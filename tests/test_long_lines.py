"""A web page pasted without line breaks is one line of megabytes: every rule must stay linear on it."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_brackets_far_apart_on_one_long_line(lint_text):
    """Half-width and look-alike brackets whose partner is far away (or absent): the patterns that
    look for a Han character inside them backtracked through all the text up to the next bracket
    and timed out on a 6 MB line."""
    unit = "职工们说(这段话很长，" + "推动企业高质量发展，" * 600 + "<<未完〈也未完。"  # 6,019 characters
    text = unit * 60  # 361,000 characters on one line, a bracket left open every 6,000
    found = lint_text(
        text,
        ["punctuation.halfwidth-parentheses", "punctuation.title-mark-lookalike", "punctuation.single-title-mark"],
    )
    assert found == []  # none is closed: nothing to report, and no timeout
    closed = lint_text(text + "(职工)", ["punctuation.halfwidth-parentheses"])
    assert [d.text for d in closed] == ["(职工)"]
