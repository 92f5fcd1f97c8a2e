"""Triggers (unionlint.prefilter): a rule runs only on lines where its trigger occurs. A wrong
trigger would drop findings silently, so every declared trigger is checked against its pattern,
and the findings with the prefilter on, off and with windows forced must be the same, byte for byte."""

from __future__ import annotations

import pytest

from conftest import ROOT, SEEDS
from unionlint import triggercheck as triggers
from unionlint.api import default_setup
from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.errors import PackError
from unionlint.examples import example_problems
from unionlint.packs import parse_pack

RULES = [rule for rule in default_setup().rules() if rule.id.split(".")[0] != "unionlint"]
TRIGGERED = [rule for rule in RULES if rule.trigger]


def test_most_pattern_rules_declare_a_trigger():
    patterns = [rule for rule in RULES if rule.kind == "pattern"]
    assert len([rule for rule in patterns if rule.trigger]) >= 0.8 * len(patterns)


@pytest.mark.parametrize("rule", [r for r in TRIGGERED if r.kind == "pattern"], ids=lambda rule: rule.id)
def test_declared_trigger_is_sound(rule):
    """Every match contains a trigger character, and the pattern never looks across a line."""
    assert triggers.problems(rule.options["pattern"], rule.trigger) == []


@pytest.mark.parametrize(
    ("pattern", "trigger", "complaint"),
    [
        (r"(?<=\p{Han}),", ",", None),
        (r"[,;]", ",", "触发字符不全"),  # a ; alone matches too
        (r"\p{Han}{2}", "中", "无法从正则推出触发字符"),
        (r",(?=\s)", ",", "换行符"),  # at the end of a line the lookahead would see the line break
        (r",[^。]", ",", "换行符"),  # [^。] consumes a line break
        (r"(?<=\n),", ",", None),  # a lookbehind sees the text before the line as it is
        (r"a|b,", "ab,", None),
        (r"a|\p{Han}", "a", "触发字符不全"),
        (r"(?:大约|将近)\d+", "约近", None),  # any required character of each alternative will do
        (r"(?:大约|将近)\d+", "大", "触发字符不全"),
    ],
)
def test_derivation_refuses_what_would_drop_findings(pattern, trigger, complaint):
    found = triggers.problems(pattern, trigger)
    if complaint is None:
        assert found == []
    else:
        assert any(complaint in problem for problem in found), found


def _texts() -> list[tuple[str, str]]:
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    corpus = ROOT / "tests" / "corpus"
    texts += [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(corpus.rglob("*"))
        if path.suffix in (".txt", ".md")
    ]
    examples = [example.text for rule in RULES for example in rule.bad] + [text for rule in RULES for text in rule.good]
    texts.append(("examples.txt", "\n".join(examples)))
    texts += [(f"example{n}.txt", text) for n, text in enumerate(examples)]
    return texts


def _findings(mode: str, monkeypatch) -> list[str]:
    monkeypatch.setenv("UNIONLINT_PREFILTER", mode)
    engine = Engine(RULES)
    return [repr(diagnostic) for name, text in _texts() for diagnostic in engine.lint(Document.from_text(name, text))]


def test_prefilter_changes_no_finding(monkeypatch):
    """Seeds, the test corpus and every rule example, one by one and all in one text."""
    on = _findings("on", monkeypatch)
    assert len(on) > 500
    assert _findings("off", monkeypatch) == on
    assert _findings("windows", monkeypatch) == on


def test_rule_is_skipped_where_its_trigger_is_absent(monkeypatch):
    monkeypatch.setenv("UNIONLINT_PREFILTER", "on")
    comma = next(rule for rule in RULES if rule.id == "punctuation.halfwidth-comma")
    engine = Engine([comma])
    assert engine.lint(Document.from_text("a.txt", "职工代表大会，圆满闭幕。\n")) == []
    assert comma.id not in engine.timings  # not run at all (and its pattern never compiled)
    found = engine.lint(Document.from_text("a.txt", "职工代表大会,圆满闭幕。\n"))
    assert [d.rule for d in found] == [comma.id]


PACK = """\
pack: house
rules:
  - id: no-hash
    kind: pattern
    severity: error
    message: 不用井号
    pattern: '(?<=\\p{{Han}})[#＃]'
    trigger: {trigger!r}
    examples:
      bad: ['职工#代表']
      good: ['职工代表']
"""


def test_user_pack_with_an_unsound_trigger_is_refused_at_load():
    """A house rule whose trigger misses a character its pattern matches (＃ but not #) would hide
    findings on lines with only the other: refused with its file and line, like any pack mistake."""
    with pytest.raises(PackError, match=r"house.yaml:8: rule 'house.no-hash': trigger 不成立：触发字符不全"):
        parse_pack(PACK.format(trigger="＃"), "house.yaml")
    assert parse_pack(PACK.format(trigger="#＃"), "house.yaml").rules[0].trigger == "#＃"
    other_kind = PACK.format(trigger="#").replace("kind: pattern", "kind: terms")
    with pytest.raises(PackError, match="trigger 只用于 pattern 类规则"):
        parse_pack(other_kind.replace("pattern: '(?<=\\p{Han})[#＃]'", "terms: [{wrong: '#'}]"), "house.yaml")


def test_check_packs_refuses_an_example_without_the_trigger():
    """The examples check the trigger too (a built-in pack's is otherwise checked by this suite)."""
    pack = parse_pack(PACK.format(trigger="＃"), "house.yaml", validate=False)
    (problem,) = example_problems(pack.rules[0])
    assert "不含 trigger" in problem
