"""The duplicates pack on sentences editors actually write: doubled characters, repeats on the seeds."""

from __future__ import annotations

import pytest

from conftest import run_json, seed

LEGITIMATE = [
    "一条条举措、一件件实事",
    "清清白白做人，堂堂正正做事",
    "大家来看一看",
    "常常、牢牢、人人、天天、年年、渐渐、谢谢、星星、妈妈、往往、刚刚、仅仅、默默、紧紧",
    "他的的确确是好样的",
    "工会会员发展展现新气象",
    "这是我们的目的的所在",
    "为了了解职工需求，除了了解情况",
    "这件事不了了之",
    "实实在在为职工办事，和和美美过日子",
    "现在在岗职工有多少",
    "作为参与与会代表",
    "经济形势方向向好",
    "服从从大局出发",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_doubles_are_not_reported(lint_text, text):
    assert lint_text(text, ["duplicates.doubled-character"]) == []


@pytest.mark.parametrize(
    ("text", "double"),
    [
        ("全面从从严治党", "从从"),
        ("这是河南工会的的生动实践", "的的"),
        ("完成了了全年任务", "了了"),
        ("职工和和家属", "和和"),
        ("把把职工放在心上", "把把"),
    ],
)
def test_accidental_doubles_are_reported(lint_text, text, double):
    (d,) = lint_text(text, ["duplicates.doubled-character"])
    assert d.text == double and d.fix == double[0] and d.applicability == "unsafe"


def test_repeated_statement_on_seed_000_and_nothing_on_the_official_report():
    _, found = run_json("--select", "duplicates", seed("000"), seed("002"), seed("004"))
    assert [(d["path"][-24:-21], d["line"], d["rule"]) for d in found] == [("000", 35, "duplicates.repeated-statement")]
    assert "第33行" in found[0]["message"]
