"""Markdown awareness: which parts of a .md file are prose, and where its paragraphs are.

markdown-it-py parses the file; block tokens carry line maps, inline tokens carry none, so inline
code, link targets, autolinks and inline HTML are found again in the block's source lines, in
document order, with a cursor. The result is expressed in offsets of the original text, so
positions never move: `masks` (everything that is not the text of a paragraph, heading or table
cell, and inside that text: code spans, link targets, autolinks, inline HTML) and `blocks` (the
text of every paragraph and heading, without its `#`, `-`, `>` or `1.` marker).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import regex

from unionlint.model import Span

_FRONT_MATTER_END = regex.compile(r"^(?:---|\.\.\.)[ \t]*$", regex.MULTILINE)
_BACKTICKS = regex.compile(r"`+")
_VISIBLE = regex.compile(r"\S(?:[^\n]*\S)?")  # a line's text between its leading and trailing whitespace
_TEXT_BLOCKS = ("paragraph_open", "heading_open")


@dataclass
class Layout:
    masks: list[Span] = field(default_factory=list)
    blocks: list[Span] = field(default_factory=list)
    html: list[Span] = field(default_factory=list)  # raw HTML (where a suppression comment may be)


@cache
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def analyse(text: str, line_starts: Sequence[int]) -> Layout:
    """Masks and paragraph blocks of a Markdown text, as spans of `text` (`line_starts`: the
    document's offsets where its lines begin).

    Prose is the text of inline tokens (paragraphs, headings, table cells). Everything else that is
    not whitespace is masked: code blocks, HTML blocks, front matter, reference definitions
    (`[x]: http://…`), thematic breaks, and the markers `#`, `-`, `1.`, `>` and `|`. Line breaks and the
    whitespace around them stay unmasked, so a paragraph broken across a blank line is still seen.
    """
    layout = Layout()
    lines = text.split("\n")
    source = text
    front = _front_matter_lines(text)
    if front:  # blank lines keep the line numbers of the parse equal to those of the file
        source = "\n" * front + text[line_starts[front] if front < len(line_starts) else len(text) :]
    prose: list[tuple[int, int]] = []
    row_columns: dict[int, int] = {}  # table rows: where the next cell is looked for
    tokens = _parser().parse(source)
    for index, token in enumerate(tokens):
        if token.type == "html_block":
            first, last = token.map
            end = line_starts[last] - 1 if last < len(line_starts) else len(text)
            layout.html.append(Span(line_starts[first], end))
        if token.type != "inline" or token.map is None:
            continue
        first, last = token.map
        parent = tokens[index - 1].type
        in_cell = parent in ("th_open", "td_open")
        origin, column, pieces = _content_origins(
            token.content, lines, line_starts, first, last, row_columns.get(first, 0) if in_cell else 0, in_cell
        )
        if origin is None:
            continue
        if in_cell:
            row_columns[first] = column
        prose += pieces
        layout.masks.extend(_inline_masks(token, origin, layout.html))
        if parent in _TEXT_BLOCKS and token.content.strip():
            layout.blocks.append(Span(origin(0), origin(len(token.content.rstrip()) - 1) + 1))
    cursor = 0
    for start, end in sorted(prose) + [(len(text), len(text))]:
        if start > cursor:
            layout.masks.extend(Span(m.start(), m.end()) for m in _VISIBLE.finditer(text, cursor, start))
        cursor = max(cursor, end)
    return layout


def _front_matter_lines(text: str) -> int:
    """Number of lines of YAML front matter (`---` … `---` at the very start), 0 when there is none."""
    if not regex.match(r"---[ \t]*\n", text):
        return 0
    end = _FRONT_MATTER_END.search(text, text.index("\n") + 1)
    return 0 if end is None else text.count("\n", 0, end.end()) + 1


def _content_origins(content: str, lines: list[str], line_starts, first: int, last: int, column: int, in_cell: bool):
    """A function mapping an offset in an inline token's content to a document offset, the column after
    the content, and the document spans of the content lines.

    markdown-it strips container markers and indentation from each line of a block, so every content
    line is found at the end of its source line (table cells: anywhere in the row, left to right).
    """
    bases: list[tuple[int, int]] = []  # (content offset of a content line, document offset)
    pieces: list[tuple[int, int]] = []  # document spans of the content lines
    cursor_line = first
    at = 0
    for piece in content.split("\n"):
        found = -1
        while cursor_line < last:
            line = lines[cursor_line]
            wanted = piece.rstrip()
            stripped = line.rstrip()
            if not in_cell and stripped.endswith(wanted) and len(stripped) - len(wanted) >= column:
                found = len(stripped) - len(wanted)
            else:
                found = line.find(wanted, column)
            if found != -1:
                break
            cursor_line, column = cursor_line + 1, 0
        if found == -1:
            return None, column, []
        bases.append((at, line_starts[cursor_line] + found))
        pieces.append((bases[-1][1], bases[-1][1] + len(piece.rstrip())))
        column = found + len(piece.rstrip())
        if cursor_line + 1 < last:
            cursor_line, column = cursor_line + 1, 0
        at += len(piece) + 1
    starts = [base for base, _ in bases]

    def origin(offset: int) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        return bases[index][1] + offset - bases[index][0]

    return origin, column, pieces


def _inline_masks(inline, origin, html: list[Span]) -> list[Span]:
    """Spans of inline code, link and image targets, autolinks and inline HTML (also added to `html`)."""
    content = inline.content
    masks: list[Span] = []
    cursor = 0
    pending: list[tuple[int, int]] = []  # (label end, target end) of the links being read

    def add(start: int, end: int) -> None:
        masks.append(Span(origin(start), origin(end - 1) + 1))

    children = inline.children or []
    index = 0
    while index < len(children):
        child = children[index]
        kind = child.type
        if kind == "text" and content.startswith(child.content, cursor):
            cursor += len(child.content)
        elif kind == "code_inline":
            span = _code_span(content, cursor, child.markup)
            if span:
                add(*span)
                cursor = span[1]
        elif kind == "html_inline":
            start = content.find(child.content, cursor)
            if start != -1:
                add(start, start + len(child.content))
                html.append(masks[-1])
                cursor = start + len(child.content)
        elif kind == "link_open" and child.markup == "autolink":
            start = content.find("<", cursor)
            end = content.find(">", start) + 1
            if start != -1 and end > start:
                add(start, end)
                cursor = end
            while index < len(children) and children[index].type != "link_close":
                index += 1
        elif kind in ("link_open", "image"):
            opener = "![" if kind == "image" else "["
            start = content.find(opener, cursor)
            if start != -1:
                close = _label_end(content, start + len(opener))
                target = _target_end(content, close + 1) if close != -1 else -1
                if target != -1:
                    add(close + 1, target)
                if kind == "image":
                    cursor = max(cursor, target, close + 1)
                else:  # the link text is prose: its children are read next, then the target is skipped
                    cursor = start + 1
                    pending.append((close, target))
        elif kind == "link_close" and pending:
            close, target = pending.pop()
            cursor = max(cursor, target, close + 1)
        index += 1
    return masks


def _code_span(content: str, cursor: int, markup: str) -> tuple[int, int] | None:
    """(start, end) of the code span opened by the backtick run `markup` at or after `cursor`."""
    opening = None
    for run in _BACKTICKS.finditer(content, cursor):
        if opening is None:
            if run.group() == markup:
                opening = run
        elif run.group() == markup:
            return opening.start(), run.end()
    return None


def _label_end(content: str, start: int) -> int:
    """Offset of the `]` closing a link label starting at `start` (brackets nest; escapes, code spans skipped)."""
    depth = 0
    index = start
    while index < len(content):
        char = content[index]
        if char == "\\":
            index += 2
            continue
        if char == "`":
            run = _BACKTICKS.match(content, index).group()
            span = _code_span(content, index, run)
            index = span[1] if span else index + len(run)
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return index
            depth -= 1
        index += 1
    return -1


def _target_end(content: str, start: int) -> int:
    """End of `(url "title")` or `[label]` right after a link label, or -1 when there is none."""
    if start >= len(content) or content[start] not in "([":
        return -1
    closer = ")" if content[start] == "(" else "]"
    depth = 0
    quote = None
    index = start + 1
    while index < len(content):
        char = content[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and closer == ")":
            quote = char
        elif char == "(" and closer == ")":
            depth += 1
        elif char == closer:
            if depth == 0:
                return index + 1
            depth -= 1
        index += 1
    return -1
