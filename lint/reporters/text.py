"""`--format text` (default): ruff-style diagnostics for people, then a summary.

Chinese paragraphs are often a single line hundreds of characters long, so each finding shows a
window of its line around the offending text, with the marker aligned by display width (a Han
character takes two terminal cells) and invisible characters made visible.
"""

from __future__ import annotations

import os
import unicodedata
from bisect import bisect_left
from itertools import accumulate

from unionlint.model import Diagnostic, Severity
from unionlint.reporters import checked, describe_fix, drawn, unchecked

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
WINDOW_CELLS = 36  # display cells of context on each side of the finding
NEEDS = frozenset({"lines"})  # excerpts show each finding's line


class Painter:
    """Colours text when the stream is a colour terminal, as rich detects one (FORCE_COLOR,
    TTY_COMPATIBLE, TERM, COLORTERM), and never when NO_COLOR is set (no-color.org).

    Escape codes are rendered by rich once per style and reused: printing each finding through
    rich's console costs far more than the lint itself on a large archive. Output that cannot be
    coloured (a pipe, a file, a CI log) does not import rich at all (~35 ms of start-up).
    """

    def __init__(self, stream):
        self.system = _color_system(stream)
        self.codes: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str, style: str) -> str:
        if self.system is None:
            return text
        if style not in self.codes:
            from rich.style import Style

            before, _, after = Style.parse(style).render("\0", color_system=self.system).partition("\0")
            self.codes[style] = (before, after)
        before, after = self.codes[style]
        return before + text + after


def _color_system(stream):
    """rich's colour system for the stream, or None for no colour."""
    environ = os.environ
    if environ.get("NO_COLOR"):
        return None
    if not _is_tty(stream) and "FORCE_COLOR" not in environ and environ.get("TTY_COMPATIBLE") != "1":
        return None  # what rich decides here, without paying for its import
    from rich.color import ColorSystem
    from rich.console import Console

    systems = {
        "standard": ColorSystem.STANDARD,
        "256": ColorSystem.EIGHT_BIT,
        "truecolor": ColorSystem.TRUECOLOR,
        "windows": ColorSystem.WINDOWS,
    }
    return systems.get(Console(file=stream).color_system or "")


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def visible(char: str) -> str:
    """How a character is drawn in the excerpt: invisible and control characters get a name tag."""
    if char == "\t":
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in "\ufffd\u3000":
        return f"<U+{ord(char):04X}>"
    return char


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class _PerCharacter(dict):
    """A str.translate table computed on first use of each character, so that drawing a window
    runs in C: an archive has hundreds of thousands of excerpts drawn from a few thousand characters."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, code: int) -> str:
        value = self[code] = self.function(chr(code))
        return value


_SHOWN = _PerCharacter(visible)
_CELLS = _PerCharacter(lambda char: chr(cells(visible(char))))  # the width as a code point, 1 to ~10


def _widths(text: str) -> bytes:
    return text.translate(_CELLS).encode("latin-1")


def excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """(window text, marker offset in cells, marker width in cells) for columns [start, end).

    Context is added a character at a time until WINDOW_CELLS cells are spent (the character that
    crosses the budget is kept); every character takes at least one cell, so that many suffice."""
    context_start = max(0, start - WINDOW_CELLS)
    before_widths = _widths(line[context_start:start])
    left = max(0, start - bisect_left(list(accumulate(before_widths[::-1])), WINDOW_CELLS) - 1)
    after_widths = _widths(line[end : end + WINDOW_CELLS])
    right = min(len(line), end + bisect_left(list(accumulate(after_widths)), WINDOW_CELLS) + 1)
    before, marked, after = line[left:start], line[start:end], line[end:right]
    before_cells = sum(before_widths[left - context_start :]) + (cells("…") if left > 0 else 0)
    marked_cells = max(1, sum(_widths(marked)))
    shown = before + marked + after
    if not shown.isprintable() or "\ufffd" in shown:  # most windows have nothing to tag
        before, marked, after = before.translate(_SHOWN), marked.translate(_SHOWN), after.translate(_SHOWN)
    window = ("…" if left > 0 else "") + before + (marked or " ") + after + ("…" if right < len(line) else "")
    return window, before_cells, marked_cells


def _fix_hint(paint: Painter, d: Diagnostic) -> str | None:
    action = describe_fix(d)
    if action is None:
        return None
    if d.applicability == "unsafe":
        return paint("建议（需人工确认，--unsafe-fixes 可应用）：", "yellow") + action
    return paint("可自动修复（--fix）：", "green") + action


def where(d: Diagnostic, location: str | None) -> str:
    """`稿件.txt:12:5`; in a Word document `稿件.docx:第12段:5`, and where that paragraph is when it is
    not in the running text (`稿件.docx:第40段:3（表格第2行第3列）`)."""
    if location is None:
        return f"{d.path}:{d.line}:{d.column}"
    place = "" if location == "paragraph" else f"（{word_location(location)}）"
    return f"{d.path}:第{d.line}段:{d.column}{place}"


_WORD_PLACES = {"header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注", "paragraph": "正文"}


def word_location(location: str) -> str:
    """ "table r2c3" → "表格第2行第3列", "footnote 1" → "脚注1"; nested places joined with "中"."""
    import re

    parts = []
    for part in location.split(" > "):
        cell = re.fullmatch(r"table r(\d+)c(\d+)", part)
        if cell:
            parts.append(f"表格第{cell[1]}行第{cell[2]}列")
        else:
            name, _, number = part.partition(" ")
            parts.append(_WORD_PLACES.get(name, name) + number)
    return "中".join(parts)


def _render_one(paint: Painter, d: Diagnostic, line: str, location: str | None = None) -> str:
    header = (
        f"{paint(where(d, location), 'bold')}: {paint(LABELS[d.severity], STYLES[d.severity])} "
        f"{paint(f'[{d.rule}]', 'magenta')} {d.message}"
    )
    end_column = d.end_column if d.end_line == d.line else len(line) + 1
    window, offset, width = excerpt(line, d.column - 1, end_column - 1)
    gutter = str(d.line)
    pad = " " * len(gutter)
    lines = [
        header,
        paint(f" {gutter} │ ", "blue") + window,
        paint(f" {pad} │ ", "blue") + " " * offset + paint("^" * width, STYLES[d.severity]),
    ]
    hint = _fix_hint(paint, d)
    if hint is not None:
        lines.append(paint(f" {pad} = ", "blue") + hint)
    return "\n".join(lines) + "\n\n"


def render(run, stream) -> None:
    """Each file's findings are written as soon as it is linted; the summary comes last."""
    paint = Painter(stream)
    stream.writelines(drawn(run, _drawer(paint)))
    stream.write(_summary(paint, run))


def file_renderer(stream):
    """One file's findings, for a worker to draw (colours decided here, for the parent's stream)."""
    draw = _drawer(Painter(stream))
    return lambda report: "".join(draw(report, d) for d in report.diagnostics)


def _drawer(paint: Painter):
    return lambda report, d: _render_one(paint, d, report.line_text(d.line), report.location(d.line))


def _summary(paint: Painter, run) -> str:
    summary = run.summary
    lines = []
    if run.fixed:
        lines.append(paint(f"已自动修复 {sum(run.fixed.values())} 处：", "green"))
        lines += [f"  {rule:<40} {count:>5}" for rule, count in sorted(run.fixed.items())]
    if run.baselined:
        lines.append(f"已隐藏基线中的 {run.baselined} 个已知问题。")
    if not summary.total:
        # Never “no problems” when a file was not checked, or none was.
        if not summary.files:
            lines.append(paint(f"{checked(run)}。", "yellow"))
        elif unchecked(run):
            lines.append(paint(f"{checked(run)}；已检查的文件中没有{'新' if run.baselined else ''}问题。", "yellow"))
        else:
            found = "未发现新问题" if run.baselined else "未发现问题"
            lines.append(paint(f"检查了 {summary.files} 个文件，{found}。", "green"))
        return "\n".join(lines) + "\n"
    severities = summary.by_severity
    names = ((Severity.ERROR, "错误"), (Severity.WARNING, "警告"), (Severity.INFO, "提示"))
    parts = "，".join(f"{name} {severities[level]}" for level, name in names if severities[level])
    separator = "；" if unchecked(run) else "，"
    lines.append(paint(f"{checked(run)}{separator}发现 {summary.total} 个问题（{parts}）。", "bold"))
    by_rule = sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0]))
    lines += [f"  {rule:<40} {count:>5}" for rule, count in by_rule]
    safe, unsafe = summary.safe_fixes, summary.unsafe_fixes
    if safe:
        rest = f"，另有 {unsafe} 个需加 --unsafe-fixes。" if unsafe else "。"
        lines.append(paint(f"其中 {safe} 个可用 `unionlint --fix` 自动修复", "green") + rest)
    elif unsafe:
        lines.append(f"其中 {unsafe} 个有修改建议，需人工确认（--unsafe-fixes）。")
    return "\n".join(lines) + "\n"
