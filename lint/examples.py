"""Running a rule's own examples: every bad one is reported (and fixed as stated), no good one is.

A bad example may pin its findings, as sqlfluff's `violations` do: `finds:` lists every finding the
rule reports on it, in order, each as the reported text or as {text, at, line, message}, where `at`
is the column the finding starts at (on line `line`, default 1). A field left out is not checked.
"""

from __future__ import annotations

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import fix_document
from unionlint.model import Diagnostic, Example, Rule


def example_problems(rule: Rule) -> list[str]:
    """What is wrong with the rule's examples; empty when all of them behave as stated."""
    engine = Engine([rule], report_unused=True)
    problems = []
    if not rule.bad or not rule.good:
        problems.append("至少需要一个错误示例（bad）和一个正确示例（good）")
    for index, example in enumerate(rule.bad):
        if rule.trigger and not any(character in example.text for character in rule.trigger):
            problems.append(
                f"examples.bad[{index}] {example.text!r} 不含 trigger 中的任何字符：trigger 漏了字符，或者不成立"
            )
            continue
        doc = Document.from_text("<example>", example.text)
        found = engine.lint(doc)
        if not found:
            problems.append(f"examples.bad[{index}] {example.text!r} 没有被报告")
            continue
        problems.extend(_pin_problems(f"examples.bad[{index}]", example, found))
        fixed, counts = fix_document(engine, doc, unsafe=True)
        if counts and example.fixed is None:
            problems.append(f"examples.bad[{index}] 可以自动修复：请用 'fixed: {fixed.text}' 写明修复结果")
        elif example.fixed is not None and fixed.text != example.fixed:
            problems.append(f"examples.bad[{index}] 修复后为 {fixed.text!r}，与写明的 {example.fixed!r} 不符")
    for index, text in enumerate(rule.good):
        found = engine.lint(Document.from_text("<example>", text))
        if found:
            spans = ", ".join(repr(text[d.start : d.end]) for d in found)
            problems.append(f"examples.good[{index}] {text!r} 被报告：{spans}")
    return problems


def _pin_problems(where: str, example: Example, found: list[Diagnostic]) -> list[str]:
    """How the findings differ from the ones the example pins (none when it pins nothing)."""
    if not example.finds:
        return []
    if len(found) != len(example.finds):
        reported = "；".join(_describe(d) for d in found)
        return [f"{where} 报告了 {len(found)} 处，finds 写明 {len(example.finds)} 处：{reported}"]
    problems = []
    for number, (pin, d) in enumerate(zip(example.finds, found)):
        fields = (
            ("文字", pin.text, d.text),
            ("列", pin.at, d.column),
            ("行", pin.line, d.line),
            ("提示", pin.message, d.message),
        )
        for name, stated, actual in fields:
            if stated is not None and stated != actual:
                problems.append(
                    f"{where}.finds[{number}] {name}为 {actual!r}，与写明的 {stated!r} 不符（{_describe(d)}）"
                )
    return problems


def _describe(d: Diagnostic) -> str:
    return f"第 {d.line} 行第 {d.column} 列 {d.text!r}：{d.message}"


def fixable(rule: Rule) -> bool:
    return any(example.fixed is not None for example in rule.bad)
