"""`--format json`: a stable object, `{"version": 1, "diagnostics": [...]}` (documented in README)."""

from __future__ import annotations

import json
import shutil
import tempfile

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
    """One diagnostic per line: readable in a diff, and written by the C encoder (indent= is slow).

    The head counts files and fixes, known only at the end, so the lines are spooled (to a
    temporary file once large) while files stream past, then copied after the head."""
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as lines:
        separator = "\n"
        for diagnostic in run.diagnostics:
            lines.write(separator + json.dumps(as_dict(diagnostic), ensure_ascii=False))
            separator = ",\n"
        head = {
            "version": VERSION,
            "files_checked": run.summary.files,
            "fixes_applied": dict(sorted(run.fixed.items())),
        }
        stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "diagnostics": [')
        lines.seek(0)
        shutil.copyfileobj(lines, stream)
    stream.write("\n]}\n")
