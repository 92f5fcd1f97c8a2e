"""Every example of every built-in rule behaves as its pack says, and every pack fits the schema."""

from __future__ import annotations

import pytest

from unionlint.api import default_setup
from unionlint.examples import example_problems
from unionlint.packs import builtin_pack_paths, load_pack

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
