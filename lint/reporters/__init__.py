"""Reporters: one module per output format, and the code they share.

A format is a module `unionlint.reporters.<name>` exposing `render(run, stream)`, where `run` is a
unionlint.api.Run; optionally `NEEDS` (what of each document it shows besides the findings, for
results from worker processes: "lines", "contexts") and `file_renderer(stream)` (one file's part of
the output, which workers may draw). Adding a format: its module, its name in FORMATS, its tests.
"""

from __future__ import annotations

import functools
import importlib
import unicodedata
from collections.abc import Iterator
from json.encoder import encode_basestring

from unionlint.model import Diagnostic

FORMATS = ("text", "json", "github", "sarif", "gitlab", "html")


def checked(run) -> str:
    """“检查了 3 个文件，跳过 1 个（二进制），1 个无法读取”: what the summary line says was looked at."""
    parts = [f"检查了 {run.summary.files} 个文件"]
    if run.skipped:
        reasons = sorted(run.skipped.items(), key=lambda item: (-item[1], item[0]))
        why = reasons[0][0] if len(reasons) == 1 else "、".join(f"{count} 个{reason}" for reason, count in reasons)
        parts.append(f"跳过 {sum(run.skipped.values())} 个（{why}）")
    if run.unreadable:
        parts.append(f"{run.unreadable} 个无法读取")
    return "，".join(parts)


def unchecked(run) -> bool:
    return bool(run.skipped or run.unreadable)


class JsonStrings:
    """Strings as JSON literals (what json.dumps writes with ensure_ascii=False), each distinct one
    quoted once: machine formats write hundreds of thousands of findings that repeat the same few
    paths, rules and messages, and building them by hand beats json.dumps per finding several times."""

    def __init__(self):
        self.quoted: dict = {None: "null"}

    def __call__(self, value: str | None) -> str:
        quoted = self.quoted.get(value)
        if quoted is None:
            quoted = self.quoted[value] = encode_basestring(value)
        return quoted


@functools.lru_cache(maxsize=4096)
def shown(text: str) -> str:
    """Text as quoted in a fix description: spaces, line breaks and invisible characters made visible,
    since deleting them is common (a broken paragraph is joined by deleting its line breaks).
    Cached: an archive's hundred thousand fixes are mostly the same few."""
    text = text.replace(" ", "␣").replace("\t", "␉").replace("\u3000", "□").replace("\n", "⏎")
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text) or "∅"


def describe_fix(diagnostic: Diagnostic) -> str | None:
    """“"工" → “工”” or “删除 ␣”: what the fix does, in words an editor reads at a glance."""
    if diagnostic.fix is None:
        return None
    if not diagnostic.fix:
        return f"删除 {shown(diagnostic.text)}"
    return f"{shown(diagnostic.text)} → {shown(diagnostic.fix)}"


def needs(format_name: str) -> frozenset[str]:
    """What a format uses of each document besides its findings (see unionlint.api.FileResult.detached)."""
    return getattr(importlib.import_module(f"unionlint.reporters.{format_name}"), "NEEDS", frozenset())


def file_renderer(format_name: str, stream):
    """The format's `file_renderer(stream)`, a function writing one file's part of the output (as
    a string) that workers may run; None for a format whose output is not made file by file."""
    make = getattr(importlib.import_module(f"unionlint.reporters.{format_name}"), "file_renderer", None)
    return make(stream) if make is not None else None


def drawn(run, draw) -> Iterator[str]:
    """Each file's output in path order: as its worker wrote it, or `draw(report, diagnostic)` for
    each finding (a file with very many findings is never held as one string)."""
    for report in run.files():
        if report.rendered is not None:
            yield report.rendered
        for diagnostic in report.diagnostics:
            yield draw(report, diagnostic)


def render(format_name: str, run, stream) -> None:
    importlib.import_module(f"unionlint.reporters.{format_name}").render(run, stream)
