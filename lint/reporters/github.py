"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from unionlint.model import Severity
from unionlint.reporters import describe_fix

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(run, stream) -> None:
    for d in run.diagnostics:
        properties = ",".join(
            f"{name}={escape_property(str(value))}"
            for name, value in (
                ("file", d.path),
                ("line", d.line),
                ("col", d.column),
                ("endLine", d.end_line),
                ("endColumn", d.end_column),
                ("title", d.rule),
            )
        )
        fix = describe_fix(d)
        message = d.message if fix is None else f"{d.message}（修复：{fix}）"
        stream.write(f"::{LEVELS[d.severity]} {properties}::{escape_data(message)}\n")
