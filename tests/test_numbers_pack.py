"""The numbers pack and the new punctuation rules on newsroom copy: what they find, what stays silent."""

from __future__ import annotations

import pytest

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import apply_once
from unionlint.packs import load_builtin_packs

# All built-in packs: the silent examples must not be reported by any of them.
ENGINE = Engine([rule for pack in load_builtin_packs() for rule in pack.rules])


def findings(text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.text) for d in ENGINE.lint(Document.from_text("t.txt", text))]


@pytest.mark.parametrize(
    "text",
    [
        "本报记者 余嘉熙 本报通讯员 王晓",
        "“永远跟党走 奋进新征程”",
        "中国梦·劳动美",
        "豫工〔2023〕10号",
        "《2023—2025年行动计划》",
        "建立“7+28+N”服务体系。",
        "拨打12351职工服务热线。",
        "下载工会APP，领取工会E卡。",
        "↑ 劳模工匠进校园活动现场。",
        "→ 职工在比赛中。",
        "开展“五大行动”“十件实事”。",
        "河南工会：解决职工急难愁盼",
        "发布于2025-04-02 02版",
        "他工作了23年，23年来从未缺勤。",
        "服务职工20多万人次、1.5万余名农民工，70余万场活动。",
        "全长5千米，功率10千瓦，提高3个百分点。",
        "增长10%～20%，投入3万～5万元。",
        "2025年4月2日，上午8:30开会。",
    ],
)
def test_professional_copy_stays_silent(text):
    assert findings(text) == []


@pytest.mark.parametrize(
    ("text", "rule", "fixed"),
    [
        ("全省工会累计 55 万场，惠及职工。", "numbers.space-before-number", "全省工会累计55万场，惠及职工。"),
        ("投入资金1.38 亿元，推动发展。", "numbers.space-before-unit", "投入资金1.38亿元，推动发展。"),
        ("总工会 2023 年", "numbers.space-before-number", "总工会2023年"),
        ("２０２５年增长３５％。", "numbers.fullwidth-digits", "2025年增长35%。"),
        ("增长10～20%。", "numbers.range-missing-unit", "增长10%～20%。"),
        ("《2023-2025年行动计划》", "numbers.year-range-hyphen", "《2023—2025年行动计划》"),
        ("2025年04月02日", "numbers.zero-padded-date", "2025年4月2日"),
        ("中国梦•劳动美", "punctuation.middle-dot-lookalike", "中国梦·劳动美"),
        ("开展“五大行动”、“十件实事”。", "punctuation.enumerated-titles-comma", "开展“五大行动”“十件实事”。"),
        ("（一）、强化思想引领", "punctuation.enumeration-label-mark", "（一）强化思想引领"),
    ],
)
def test_fixable_errors_are_found_and_fixed_once(text, rule, fixed):
    doc = Document.from_text("t.txt", text)
    diagnostics = ENGINE.lint(doc)
    assert rule in {d.rule for d in diagnostics}
    result, _ = apply_once(text, diagnostics)
    assert result == fixed
    assert ENGINE.lint(Document.from_text("t.txt", result)) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("帮助1.25余万名农民工追回工资。", "numbers.decimal-with-approximation"),
        ("参加活动的职工约300人左右。", "numbers.double-approximation"),
        ("23年5月，项目启动。", "numbers.two-digit-year"),
        ("服务职工5千人次。", "numbers.arabic-with-chinese-magnitude"),
        ("他说：“我们（一线职工”）一定能干好。", "punctuation.unbalanced-pairs"),
        ("职工书屋、爱心驿站……等。", "punctuation.ellipsis-with-etc"),
        ("职工群众\n，纷纷表示", "punctuation.line-start-punctuation"),
    ],
)
def test_judgement_calls_are_reported_without_a_fix(text, rule):
    matching = [d for d in ENGINE.lint(Document.from_text("t.txt", text)) if d.rule == rule]
    assert matching and all(d.fix is None for d in matching)
