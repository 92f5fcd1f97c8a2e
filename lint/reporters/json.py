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
    document = {
        "version": VERSION,
        "files_checked": len(run.files),
        "diagnostics": [as_dict(diagnostic) for diagnostic in run.diagnostics],
        "fixes_applied": dict(sorted(run.fixed.items())),
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
