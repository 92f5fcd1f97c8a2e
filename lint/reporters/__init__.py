"""Reporters: one module per output format, each exposing `render(run, stream)`."""

from __future__ import annotations

import importlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from unionlint.document import Document
from unionlint.model import Diagnostic, Rule

FORMATS = ("text", "json", "github", "sarif", "gitlab")


@dataclass
class FileReport:
    doc: Document
    diagnostics: list[Diagnostic]


@dataclass
class Run:
    """Everything a reporter may show about one invocation."""

    files: list[FileReport]
    rules: dict[str, Rule]
    fixed: Counter = field(default_factory=Counter)  # fixes applied, per rule
    baselined: int = 0  # known findings hidden by --baseline

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [diagnostic for report in self.files for diagnostic in report.diagnostics]


def shown(text: str) -> str:
    """Text as quoted in a fix description: spaces, line breaks and invisible characters made visible,
    since deleting them is common (a broken paragraph is joined by deleting its line breaks)."""
    text = text.replace(" ", "␣").replace("\t", "␉").replace("\u3000", "□").replace("\n", "⏎")
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text) or "∅"


def describe_fix(diagnostic: Diagnostic) -> str | None:
    """“"工" → “工”” or “删除 ␣”: what the fix does, in words an editor reads at a glance."""
    if diagnostic.fix is None:
        return None
    if not diagnostic.fix:
        return f"删除 {shown(diagnostic.text)}"
    return f"{shown(diagnostic.text)} → {shown(diagnostic.fix)}"


def render(format_name: str, run: Run, stream) -> None:
    importlib.import_module(f"unionlint.reporters.{format_name}").render(run, stream)
