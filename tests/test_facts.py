"""Facts the rules of one kind share (unionlint.document.fact): computed once per document whatever the
pack order, released after the kind's last rule, and the findings the same in any order."""

from __future__ import annotations

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.kinds import repetition
from unionlint.model import Rule, Severity
from unionlint.packs import load_builtin_packs

PARA = "全省各级工会共开展各类活动70余万场，覆盖职工3700余万人次。"


def _spy(kind: str, seen: list) -> Rule:
    """A rule of `kind` whose matcher records which modules' facts the document holds when it runs."""

    def matcher(doc: Document):
        seen.append((kind, sorted({compute.__module__ for compute in doc.facts})))
        return iter(())

    rule = Rule(f"t.{kind}-spy", kind, Severity.INFO, "m", {})
    rule.matcher = matcher
    return rule


def test_a_kinds_facts_are_shared_across_the_pack_order_and_released_after_its_last_rule():
    duplicates = {rule.id: rule for pack in load_builtin_packs() for rule in pack.rules}
    paragraph = duplicates["duplicates.repeated-paragraph"]
    seen: list = []
    # pack order: repetition, pattern, repetition — the second repetition rule still finds the first's facts
    rules = [paragraph, _spy("pattern", seen), _spy("repetition", seen)]
    doc = Document.from_text("t.txt", f"{PARA}\n{PARA}\n")
    Engine(rules).lint(doc)
    assert seen == [("repetition", [repetition.__name__]), ("pattern", [])]
    assert doc.facts == {}  # nothing kept once the document is linted


def test_findings_do_not_depend_on_the_order_of_the_rules():
    rules = [rule for pack in load_builtin_packs() for rule in pack.rules if pack.name in ("duplicates", "stray")]
    text = f"{PARA}\n推进推进工作，职工 群众。\n{PARA}\n"
    forward = Engine(rules).lint(Document.from_text("t.txt", text))
    backward = Engine(list(reversed(rules))).lint(Document.from_text("t.txt", text))
    assert forward and [d.__reduce__() for d in forward] == [d.__reduce__() for d in backward]
