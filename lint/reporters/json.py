"""`--format json`: a stable object, `{"version": 1, "diagnostics": [...]}` (documented in README)."""

from __future__ import annotations

import json
import shutil
import tempfile

from unionlint.model import Diagnostic
from unionlint.reporters import JsonStrings

VERSION = 1


def render(run, stream) -> None:
    """One diagnostic per line: readable in a diff. The head counts files and fixes, known only at
    the end, so the lines are spooled (to a temporary file once large) while files stream past,
    then copied after the head."""
    line_of = _line_writer()
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as lines:
        separator = "\n"
        for d in run.diagnostics:
            lines.write(separator + line_of(d))
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


def _line_writer():
    """One finding as the line json.dumps would write for its fields, byte for byte."""
    quote = JsonStrings()

    def line(d: Diagnostic) -> str:
        return (
            f'{{"path": {quote(d.path)}, "line": {d.line}, "column": {d.column}, "end_line": {d.end_line}, '
            f'"end_column": {d.end_column}, "rule": {quote(d.rule)}, "severity": {quote(str(d.severity))}, '
            f'"message": {quote(d.message)}, "text": {quote(d.text)}, "fix": {quote(d.fix)}, '
            f'"applicability": {quote(d.applicability)}}}'
        )

    return line
