"""`--format json`: a stable object, `{"version": 1, "diagnostics": [...]}` (documented in README)."""

from __future__ import annotations

import json

from unionlint.model import Diagnostic

VERSION = 1


def as_dict(diagnostic: Diagnostic) -> dict:
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "end_line": diagnostic.end_line,
        "end_column": diagnostic.end_column,
        "rule": diagnostic.rule,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "text": diagnostic.text,
        "fix": diagnostic.fix,
        "applicability": diagnostic.applicability,
    }


def render(run, stream) -> None:
    """One diagnostic per line: readable in a diff, and written by the C encoder (indent= is slow)."""
    head = {"version": VERSION, "files_checked": len(run.files), "fixes_applied": dict(sorted(run.fixed.items()))}
    stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "diagnostics": [')
    separator = "\n"
    for diagnostic in run.diagnostics:
        stream.write(separator + json.dumps(as_dict(diagnostic), ensure_ascii=False))
        separator = ",\n"
    stream.write("\n]}\n")
