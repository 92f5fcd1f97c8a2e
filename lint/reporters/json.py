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
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as lines:
        separator = "\n"
        for report in run.files():
            for part in [report.rendered] if report.rendered is not None else _batches(report):
                if part:
                    lines.write(separator + part)
                    separator = ",\n"
        head = {
            "version": VERSION,
            "files_checked": run.summary.files,
            "files_skipped": dict(sorted(run.skipped.items())),
            "files_unreadable": run.unreadable,
            "fixes_applied": dict(sorted(run.fixed.items())),
        }
        stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "diagnostics": [')
        lines.seek(0)
        shutil.copyfileobj(lines, stream)
    stream.write("\n]}\n")


_BATCH = 1000  # lines joined per write: fewer calls, and memory bounded on a file with a million findings


def _batches(report):
    """A file's lines, joined a batch at a time (one write per batch, not per line)."""
    diagnostics = report.diagnostics
    line_of = _line_writer()  # per file: an archive's strings must not pile up
    if report.source.locations:  # a Word document: where each paragraph is, after the fields
        plain = line_of
        quote = JsonStrings()

        def line_of(d: Diagnostic) -> str:
            return f'{plain(d)[:-1]}, "location": {quote(report.location(d.line))}}}'

    for begin in range(0, len(diagnostics), _BATCH):
        yield ",\n".join(map(line_of, diagnostics[begin : begin + _BATCH]))


def file_renderer(stream):
    """One file's lines, for a worker to write (see unionlint.api.FileResult.detached)."""
    return lambda report: ",\n".join(_batches(report))


def _line_writer():
    """One finding as the line json.dumps would write for its fields, byte for byte. The parts that
    every finding of one rule in one file shares (its `origin`) are built once."""
    quote = JsonStrings()
    shared: dict[tuple, tuple[str, str, str]] = {}

    def line(d: Diagnostic) -> str:
        parts = shared.get(d.origin)
        if parts is None:
            path, rule, severity, applicability = d.origin
            parts = shared[d.origin] = (
                f'{{"path": {quote(path)}, "line": ',
                f', "rule": {quote(rule)}, "severity": {quote(str(severity))}, "message": ',
                f', "applicability": {quote(applicability)}}}',
            )
        head, middle, tail = parts
        return (
            f'{head}{d.line}, "column": {d.column}, "end_line": {d.end_line}, "end_column": {d.end_column}'
            f'{middle}{quote(d.message)}, "text": {quote(d.text)}, "fix": {quote(d.fix)}{tail}'
        )

    return line
