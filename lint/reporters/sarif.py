"""`--format sarif`: SARIF 2.1.0 for code-scanning upload, with rule metadata and fixes."""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from unionlint import __version__
from unionlint.model import Diagnostic, Severity
from unionlint.reporters import describe_fix

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:")


def _region(d: Diagnostic) -> dict:
    return {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}


def _rule_descriptor(rule) -> dict:
    descriptor = {
        "id": rule.id,
        "name": rule.id.split(".", 1)[1].replace("-", " ").title().replace(" ", ""),
        "shortDescription": {"text": rule.message},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "pack": rule.pack},
    }
    if rule.description:
        descriptor["fullDescription"] = {"text": rule.description}
    help_text = "\n".join(filter(None, [rule.description, f"依据：{rule.source}" if rule.source else ""]))
    if help_text:
        descriptor["help"] = {"text": help_text}
    return descriptor


def _result(d: Diagnostic, rule_index: dict[str, int], where: str | None = None) -> dict:
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}, "region": _region(d)}}
    if where is not None:  # a Word document: line is the paragraph; say where that paragraph is
        location["logicalLocations"] = [{"name": where, "kind": "element"}]
    result = {
        "ruleId": d.rule,
        "ruleIndex": rule_index[d.rule],
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [location],
    }
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": describe_fix(d)},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(d.path)},
                        "replacements": [{"deletedRegion": _region(d), "insertedContent": {"text": d.fix}}],
                    }
                ],
            }
        ]
    return result


def render(run, stream) -> None:
    """Results are written as files stream past: the log around them (tool, rules) is complete
    before the first file, so an archive's findings are never all held at once."""
    rules = sorted(run.rules.values(), key=lambda rule: rule.id)
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "unionlint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/unionlint/",
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [],
            }
        ],
    }
    # Keys are quoted in JSON text, so this is the results list and nothing inside a string.
    head, empty, tail = json.dumps(log, ensure_ascii=False).rpartition('"results": []')
    encode = json.JSONEncoder(ensure_ascii=False).encode  # dumps would build an encoder per result
    stream.write(head + empty[:-1])
    separator = ""
    for report in run.files():
        for d in report.diagnostics:
            stream.write(separator + encode(_result(d, rule_index, report.location(d.line))))
            separator = ", "
    stream.write("]" + tail + "\n")
