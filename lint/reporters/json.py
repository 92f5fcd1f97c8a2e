"""`--format json`: a stable object, `{"version": 1, "diagnostics": [...]}` (documented in README)."""

from __future__ import annotations

import json
import shutil
import tempfile
from json.encoder import encode_basestring

from unionlint.model import Diagnostic

VERSION = 1


def render(run, stream) -> None:
    """One diagnostic per line: readable in a diff. The head counts files and fixes, known only at
    the end, so the lines are spooled (to a temporary file once large) while files stream past,
    then copied after the head."""
    line_of = _LineWriter()
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as lines:
        separator = "\n"
        for report in run.files():
            if report.diagnostics:
                lines.write(separator + ",\n".join(map(line_of, report.diagnostics)))
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


class _LineWriter:
    """`json.dumps` of a diagnostic's fields, byte for byte, several times faster: an archive
    has hundreds of thousands of findings, mostly repeating the same few paths, rules and messages,
    so each distinct string is JSON-quoted once."""

    def __init__(self):
        self.quoted: dict = {None: "null"}

    def quote(self, value: str | None) -> str:
        quoted = self.quoted.get(value)
        if quoted is None:
            quoted = self.quoted[value] = encode_basestring(value)
        return quoted

    def __call__(self, d: Diagnostic) -> str:
        quote = self.quote
        return (
            f'{{"path": {quote(d.path)}, "line": {d.line}, "column": {d.column}, "end_line": {d.end_line}, '
            f'"end_column": {d.end_column}, "rule": {quote(d.rule)}, "severity": {quote(str(d.severity))}, '
            f'"message": {quote(d.message)}, "text": {quote(d.text)}, "fix": {quote(d.fix)}, '
            f'"applicability": {quote(d.applicability)}}}'
        )
