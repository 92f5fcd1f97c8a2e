"""Every example of every built-in rule behaves as its pack says, and every pack fits the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionlint.api import default_setup
from unionlint.errors import PackError
from unionlint.examples import example_problems
from unionlint.packs import builtin_pack_paths, load_pack, parse_pack

RULES = default_setup().rules()


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_examples(rule):
    assert example_problems(rule) == []


@pytest.mark.parametrize("path", builtin_pack_paths(), ids=lambda path: path.name)
def test_builtin_pack_matches_schema(path):
    pack = load_pack(path, validate=True)
    assert pack.rules


def test_every_rule_is_documented():
    for rule in RULES:
        assert rule.description.strip(), rule.id
        assert rule.source.strip(), rule.id
        assert len(rule.bad) >= 2 and len(rule.good) >= 2, rule.id


def test_every_kind_of_the_builtin_packs_has_a_rule_whose_examples_pin_their_findings():
    kinds = {rule.kind for rule in RULES if rule.kind != "suppression"}
    pinned = {rule.kind for rule in RULES if any(example.finds for example in rule.bad)}
    assert kinds <= pinned, f"no rule pins its findings (finds:) in the kinds {sorted(kinds - pinned)}"


def _pinned(finds: str) -> str:
    return (
        "pack: h\nrules:\n  - id: comma\n    kind: pattern\n    severity: error\n"
        "    message: 中文语境应使用全角逗号“，”\n    pattern: '(?<=\\p{Han}),'\n    replace: '，'\n"
        "    examples:\n      bad:\n        - text: 职工,群众,代表\n          fixed: 职工，群众，代表\n"
        f"          finds: {finds}\n      good: [职工，群众]\n"
    )


@pytest.mark.parametrize(
    ("finds", "problem"),
    [
        ("[',', ',']", None),
        ("[{at: 3, text: ',', message: 中文语境应使用全角逗号“，”}, {at: 6, line: 1}]", None),
        (
            "[',']",
            "examples.bad[0] 报告了 2 处，finds 写明 1 处：第 1 行第 3 列 ','：中文语境应使用全角逗号“，”；第 1 行第 6 列",
        ),
        ("[{at: 3}, {at: 7}]", "examples.bad[0].finds[1] 列为 6，与写明的 7 不符"),
        ("[{at: 3}, {at: 6, line: 2}]", "examples.bad[0].finds[1] 行为 1，与写明的 2 不符"),
        (
            "[{message: 请用全角逗号}, ',']",
            "examples.bad[0].finds[0] 提示为 '中文语境应使用全角逗号“，”'，与写明的 '请用全角逗号' 不符",
        ),
        ("['，', ',']", "examples.bad[0].finds[0] 文字为 ','，与写明的 '，' 不符"),
    ],
)
def test_a_bad_example_may_pin_where_its_findings_are_and_what_they_say(finds, problem):
    (rule,) = parse_pack(_pinned(finds), "h.yaml").rules
    problems = example_problems(rule)
    assert problems == [] if problem is None else problems and problems[0].startswith(problem)


def test_a_pin_with_an_unknown_key_is_a_pack_error():
    with pytest.raises(PackError, match=r"h.yaml:13: rule 'h.comma': examples.bad.0.finds.0"):
        parse_pack(_pinned("[{column: 3}]"), "h.yaml")


def test_the_readme_pack_example_loads_and_its_examples_hold():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Rule packs", 1)[1]
    pack = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    (rule,) = parse_pack(pack, "README.md").rules
    assert rule.bad[0].finds and example_problems(rule) == []


def test_a_fixable_bad_example_must_state_what_it_becomes():
    (rule,) = parse_pack(_pinned("[',', ',']").replace("          fixed: 职工，群众，代表\n", ""), "h.yaml").rules
    assert example_problems(rule) == ["examples.bad[0] 可以自动修复：请用 'fixed: 职工，群众，代表' 写明修复结果"]
