"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

Columns are 1-based with an exclusive end, as in the JSON output.
"""

from __future__ import annotations

from unionlint.model import Severity
from unionlint.reporters import describe_fix, drawn

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(run, stream) -> None:
    stream.writelines(drawn(run, lambda _, d: _annotation(d)))


def file_renderer(stream):
    """One file's annotations, for a worker to write."""
    return lambda report: "".join(map(_annotation, report.diagnostics))


def _annotation(d) -> str:
    fields = [("file", d.path), ("line", d.line)]
    if d.end_line == d.line:
        fields += [("col", d.column), ("endLine", d.end_line), ("endColumn", d.end_column)]
    else:
        # The runner drops an annotation with columns whose start and end lines differ.
        fields += [("endLine", d.end_line)]
    fields.append(("title", d.rule))
    properties = ",".join(f"{name}={escape_property(str(value))}" for name, value in fields)
    fix = describe_fix(d)
    message = d.message if fix is None else f"{d.message}（修复：{fix}）"
    return f"::{LEVELS[d.severity]} {properties}::{escape_data(message)}\n"
