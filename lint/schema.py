"""`rules/schema.json`, generated from the kinds' option declarations (unionlint.options).

    python -m unionlint.schema > rules/schema.json

The keys every rule has (id, kind, severity, message, examples …) are the loader's and are written
here; each kind's options come from its module's `OPTIONS`. The test suite fails when the committed
file differs from what this writes.
"""

from __future__ import annotations

import json
import sys

from unionlint import kinds
from unionlint.options import Defined, Type

COMMAND = "python -m unionlint.schema > rules/schema.json"

_REGEX = {
    "type": "string",
    "minLength": 1,
    "description": "A regular expression for the Python `regex` module (\\p{Han} etc.).",
}

_PIN = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "minLength": 1, "description": "The reported text."},
        "at": {"type": "integer", "minimum": 1, "description": "The column where it starts (1-based, in characters)."},
        "line": {"type": "integer", "minimum": 1, "description": "The line of `at` (default 1)."},
        "message": {"type": "string", "minLength": 1, "description": "The message, placeholders filled in."},
    },
}

_EXAMPLES = {
    "type": "object",
    "required": ["bad", "good"],
    "additionalProperties": False,
    "properties": {
        "bad": {
            "type": "array",
            "minItems": 1,
            "description": "Texts the rule must report; a fixable rule states what each becomes.",
            "items": {
                "oneOf": [
                    {"type": "string", "minLength": 1},
                    {
                        "type": "object",
                        "required": ["text"],
                        "additionalProperties": False,
                        "properties": {
                            "text": {"type": "string", "minLength": 1},
                            "fixed": {"type": "string", "description": "What --fix makes of the text."},
                            "finds": {
                                "type": "array",
                                "minItems": 1,
                                "description": "Every finding the rule reports on the text, in order: each the"
                                " reported text, or what is stated of it (fields left out are not checked).",
                                "items": {"oneOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/pin"}]},
                            },
                        },
                    },
                ]
            },
        },
        "good": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "string"},
            "description": "Texts the rule must not report.",
        },
    },
}


def _rule_properties() -> dict:
    return {
        "id": {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "description": "Stable, readable id within the pack.",
        },
        "kind": {"enum": list(kinds.KINDS)},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {
            "type": "string",
            "minLength": 1,
            "description": "Chinese message; {match} and {replacement} are substituted, and the names the kind fills.",
        },
        "description": {"type": "string", "description": "Documentation shown by `unionlint explain`."},
        "source": {"type": "string", "description": "Standard clause or source the rule is grounded in."},
        "fix": {
            "enum": ["safe", "unsafe"],
            "description": "Whether --fix may apply the replacement unattended (default safe).",
        },
        "exceptions": {
            "type": "array",
            "items": {"$ref": "#/$defs/regex"},
            "description": "A finding inside a match of any of these is not reported.",
        },
        "skip_files": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "description": "File-name globs (e.g. '*.md') the rule does not apply to.",
        },
        "trigger": {
            "type": "string",
            "minLength": 1,
            "description": "Characters every finding contains, on one line: the rule runs only on lines "
            "where one occurs (checked against the pattern when the pack is loaded).",
        },
        "examples": {"$ref": "#/$defs/examples"},
    }


def _kind_schema(kind: str) -> dict:
    module = kinds.module(kind)
    then: dict = {}
    required = [option.name for option in module.OPTIONS if option.required]
    if required:
        then["required"] = required
    one_required = getattr(module, "ONE_REQUIRED", ())
    if one_required:
        then["anyOf"] = [{"required": [name]} for name in one_required]
    then["properties"] = {option.name: option.schema() for option in module.OPTIONS}
    return {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": then}


def _definitions(value, found: dict) -> None:
    """Every `Defined` type reachable from `value` (an option, a type, or a tuple of them), by name."""
    if isinstance(value, Defined):
        if value.name in found:
            return
        found[value.name] = value
        _definitions(value.type, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _definitions(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _definitions(item, found)
    elif isinstance(value, Type) or hasattr(value, "type"):
        for name in ("type", "item", "value", "fields", "choices"):
            if hasattr(value, name):
                _definitions(getattr(value, name), found)


def generate() -> dict:
    defined: dict[str, Defined] = {}
    for kind in kinds.KINDS:
        module = kinds.module(kind)
        _definitions(module.OPTIONS, defined)
        _definitions(getattr(module, "DEFINITIONS", ()), defined)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/unionlint/unionlint/blob/main/rules/schema.json",
        "title": "unionlint rule pack",
        "description": "A YAML rule pack for unionlint. Rule kinds are the only code; packs are pure data."
        f" Generated from the kinds' OPTIONS: {COMMAND}",
        "type": "object",
        "required": ["pack", "rules"],
        "additionalProperties": False,
        "properties": {
            "pack": {
                "type": "string",
                "pattern": "^[a-z][a-z0-9-]*$",
                "description": "Pack name; rule ids are '<pack>.<id>'.",
            },
            "title": {"type": "string", "description": "Human title, e.g. 标点符号（GB/T 15834-2011）."},
            "description": {"type": "string"},
            "classes": {
                "type": "object",
                "description": "Named regex fragments (e.g. the Chinese-context character class), defined once per"
                " pack; a rule's `pattern` and `exceptions` refer to one as {name}.",
                "propertyNames": {"pattern": "^[a-z_][a-z0-9_]*$"},
                "additionalProperties": {"$ref": "#/$defs/regex"},
            },
            "rules": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/rule"}},
        },
        "$defs": {
            "regex": _REGEX,
            "examples": _EXAMPLES,
            "pin": _PIN,
            "rule": {
                "type": "object",
                "required": ["id", "kind", "severity", "message", "examples"],
                "properties": _rule_properties(),
                "allOf": [_kind_schema(kind) for kind in kinds.KINDS],
                "unevaluatedProperties": False,
            },
            **{name: defined[name].type.schema() for name in sorted(defined)},
        },
    }


def text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    sys.stdout.buffer.write(text().encode("utf-8"))  # UTF-8 and \n on every platform


if __name__ == "__main__":
    main()
