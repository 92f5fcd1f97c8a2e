"""`--format text` (default): ruff-style diagnostics for people, then a summary.

Chinese paragraphs are often a single line hundreds of characters long, so each finding shows a
window of its line around the offending text, with the marker aligned by display width (a Han
character takes two terminal cells) and invisible characters made visible.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from rich.console import Console
from rich.text import Text

from unionlint.model import Diagnostic, Severity
from unionlint.reporters import describe_fix

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
WINDOW_CELLS = 36  # display cells of context on each side of the finding


def visible(char: str) -> str:
    """How a character is drawn in the excerpt: invisible and control characters get a name tag."""
    if char == "\t":
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in "\ufffd\u3000":
        return f"<U+{ord(char):04X}>"
    return char


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """(window text, marker offset in cells, marker width in cells) for columns [start, end)."""
    left, right = start, end
    budget = WINDOW_CELLS
    while left > 0 and budget > 0:
        left -= 1
        budget -= cells(visible(line[left]))
    budget = WINDOW_CELLS
    while right < len(line) and budget > 0:
        budget -= cells(visible(line[right]))
        right += 1
    before = ("…" if left > 0 else "") + "".join(visible(c) for c in line[left:start])
    marked = "".join(visible(c) for c in line[start:end]) or " "
    after = "".join(visible(c) for c in line[end:right]) + ("…" if right < len(line) else "")
    return before + marked + after, cells(before), max(1, cells(marked))


def _fix_hint(d: Diagnostic) -> Text | None:
    action = describe_fix(d)
    if action is None:
        return None
    if d.applicability == "unsafe":
        return Text.assemble(("建议（需人工确认，--unsafe-fixes 可应用）：", "yellow"), action)
    return Text.assemble(("可自动修复（--fix）：", "green"), action)


def _render_one(console: Console, run, d: Diagnostic, docs) -> None:
    header = Text.assemble(
        (f"{d.path}:{d.line}:{d.column}", "bold"),
        ": ",
        (LABELS[d.severity], STYLES[d.severity]),
        " ",
        (f"[{d.rule}]", "magenta"),
        " ",
        d.message,
    )
    console.print(header)
    doc = docs[d.path]
    line = doc.line_text(d.line)
    end_column = d.end_column if d.end_line == d.line else len(line) + 1
    window, offset, width = excerpt(line, d.column - 1, end_column - 1)
    gutter = str(d.line)
    pad = " " * len(gutter)
    console.print(Text.assemble((f" {gutter} │ ", "blue"), window))
    console.print(Text.assemble((f" {pad} │ ", "blue"), " " * offset, ("^" * width, STYLES[d.severity])))
    hint = _fix_hint(d)
    if hint is not None:
        console.print(Text.assemble((f" {pad} = ", "blue"), hint))
    console.print()


def render(run, stream) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    docs = {report.doc.path: report.doc for report in run.files}
    diagnostics = run.diagnostics
    for d in diagnostics:
        _render_one(console, run, d, docs)
    _summary(console, run, diagnostics)


def _summary(console: Console, run, diagnostics: list[Diagnostic]) -> None:
    files = len(run.files)
    if run.fixed:
        console.print(Text(f"已自动修复 {sum(run.fixed.values())} 处：", style="green"))
        for rule, count in sorted(run.fixed.items()):
            console.print(f"  {rule:<40} {count:>5}")
    if not diagnostics:
        console.print(Text(f"检查了 {files} 个文件，未发现问题。", style="green"))
        return
    severities = Counter(d.severity for d in diagnostics)
    parts = "，".join(
        f"{name} {severities[level]}"
        for level, name in ((Severity.ERROR, "错误"), (Severity.WARNING, "警告"), (Severity.INFO, "提示"))
        if severities[level]
    )
    console.print(Text(f"检查了 {files} 个文件，发现 {len(diagnostics)} 个问题（{parts}）。", style="bold"))
    for rule, count in sorted(Counter(d.rule for d in diagnostics).items(), key=lambda item: (-item[1], item[0])):
        console.print(f"  {rule:<40} {count:>5}")
    safe = sum(1 for d in diagnostics if d.fix is not None and d.applicability == "safe")
    unsafe = sum(1 for d in diagnostics if d.fix is not None and d.applicability == "unsafe")
    if safe:
        console.print(Text(f"其中 {safe} 个可用 `unionlint --fix` 自动修复", style="green"), end="")
        console.print(f"，另有 {unsafe} 个需加 --unsafe-fixes。" if unsafe else "。")
    elif unsafe:
        console.print(f"其中 {unsafe} 个有修改建议，需人工确认（--unsafe-fixes）。")
