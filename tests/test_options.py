"""Kinds declare their options once: one validator checks every rule, schema.json and the README follow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unionlint import kinds, schema
from unionlint.errors import PackError
from unionlint.packs import parse_pack

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_is_the_one_generated_from_the_declarations():
    committed = (ROOT / "rules" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema.text(), f"rules/schema.json is out of date: run `{schema.COMMAND}`"


def test_readme_lists_exactly_the_kinds():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\nKinds:\n", 1)[1].split("\nNamed classes:", 1)[0]
    listed = re.findall(r"^- `([a-z_]+)` —", section, flags=re.MULTILINE)
    assert sorted(listed) == sorted(kinds.KINDS), "README's list of kinds differs from unionlint.kinds.KINDS"
    assert len(listed) == len(set(listed))


def test_every_option_is_declared_with_a_description():
    for kind in kinds.KINDS:
        for option in kinds.module(kind).OPTIONS:
            assert option.description, f"{kind}.{option.name} has no description"


def _pack(options: str) -> str:
    return (
        f"pack: h\nrules:\n  - id: r\n{options}\n    severity: error\n    message: m\n"
        "    examples: {bad: [x], good: [y]}\n"
    )


@pytest.mark.parametrize(
    ("options", "error"),
    [
        # Built-in packs skip the JSON Schema: the declarations still catch every mistake, at its line.
        ("    kind: layout\n    min_lenght: 3", r"h.yaml:5: rule 'h.r': unknown option 'min_lenght'.*min_length"),
        ("    kind: layout\n    words: 'yes'", r"h.yaml:5: rule 'h.r': words must be true or false"),
        ("    kind: layout\n    min_length: 1", r"h.yaml:5: rule 'h.r': min_length must be an integer of at least 2"),
        ("    kind: layout\n    min_length: true", r"h.yaml:5: rule 'h.r': min_length must be an integer"),
        (
            "    kind: repetition\n    unit: paragraph\n    similarity: 2",
            r"h.yaml:6: rule 'h.r': similarity must be a number between 0.5 and 1",
        ),
        ("    kind: repetition", r"h.yaml:3: rule 'h.r': the option 'unit' is required"),
        (
            "    kind: quotes\n    quote: '\"'\n    pair: '“'\n    report: settled",
            r"h.yaml:6: rule 'h.r': pair must be a string of exactly 2",
        ),
        (
            "    kind: terms\n    terms:\n      - {wrong: 甲}\n      - {wrong: 乙, rigth: 丙}",
            r"h.yaml:7: rule 'h.r': terms\[1\]: unknown key 'rigth'",
        ),
        ("    kind: lexicon\n    label: 名称", r"h.yaml:3: rule 'h.r': one of the options entries, files is required"),
        ("    kind: lookalike\n    lookalikes: {エエ: 工}", r"h.yaml:5: rule 'h.r': lookalikes: 'エエ' is not a name"),
    ],
)
def test_options_are_checked_against_the_declarations_without_the_schema(options, error):
    with pytest.raises(PackError, match=error):
        parse_pack(_pack(options), "h.yaml", validate=False)


def test_defaults_are_filled_in_for_the_kind():
    (rule,) = parse_pack(_pack("    kind: layout"), "h.yaml", validate=False).rules
    assert rule.options == {"min_length": 15, "words": False}


@pytest.mark.parametrize("path", sorted((ROOT / "rules" / "lexicon").glob("*.json")), ids=lambda path: path.name)
def test_builtin_lexicon_files_fit_their_declaration_and_the_schema(path):
    """Built-in lexicon files are not checked when read (start-up time): here instead."""
    import json

    import jsonschema

    from unionlint.kinds.lexicon import FILE

    data = json.loads(path.read_text(encoding="utf-8"))
    FILE.check(data, "lexicon")
    generated = schema.generate()
    jsonschema.Draft202012Validator({"$defs": generated["$defs"], "$ref": "#/$defs/lexicon_file"}).validate(data)


def test_a_house_lexicon_file_is_checked_against_the_declaration(tmp_path):
    (tmp_path / "words.yaml").write_text("groups:\n  - group: x\n    entries: [{txt: 职工书香节}]\n", "utf-8")
    pack = tmp_path / "house.yaml"
    pack.write_text(_pack("    kind: lexicon\n    files: [words.yaml]"), "utf-8")
    from unionlint.packs import load_pack

    with pytest.raises(
        PackError, match=r"house.yaml:5: rule 'h.r': .*words.yaml: lexicon.groups\[0\].entries\[0\]: unknown key 'txt'"
    ):
        load_pack(pack, validate=False)


def test_a_user_lexicon_rule_without_entries_or_files_names_both():
    with pytest.raises(PackError, match=r"h.yaml:3: rule 'h.r': one of 'entries', 'files' is required"):
        parse_pack(_pack("    kind: lexicon\n    label: 名称"), "h.yaml")
