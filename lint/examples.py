"""Running a rule's own examples: every bad one is reported (and fixed as stated), no good one is."""

from __future__ import annotations

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import fix_document
from unionlint.model import Rule


def example_problems(rule: Rule) -> list[str]:
    """What is wrong with the rule's examples; empty when all of them behave as stated."""
    engine = Engine([rule])
    problems = []
    if not rule.bad or not rule.good:
        problems.append("needs at least one bad and one good example")
    for index, example in enumerate(rule.bad):
        doc = Document.from_text("<example>", example.text)
        if not engine.lint(doc):
            problems.append(f"examples.bad[{index}] {example.text!r} is not reported")
            continue
        fixed, counts = fix_document(engine, doc, unsafe=True)
        if counts and example.fixed is None:
            problems.append(f"examples.bad[{index}] is fixable: state what it becomes with 'fixed: {fixed.text}'")
        elif example.fixed is not None and fixed.text != example.fixed:
            problems.append(f"examples.bad[{index}] becomes {fixed.text!r}, not the stated {example.fixed!r}")
    for index, text in enumerate(rule.good):
        found = engine.lint(Document.from_text("<example>", text))
        if found:
            spans = ", ".join(repr(text[d.start : d.end]) for d in found)
            problems.append(f"examples.good[{index}] {text!r} is reported at {spans}")
    return problems


def fixable(rule: Rule) -> bool:
    return any(example.fixed is not None for example in rule.bad)
