"""`pairs`: paired marks (“” ‘’ （） 《》 【】 〔〕) balanced within a paragraph.

One stack per paragraph, one pass over the paired marks only (linear time). Reports an opener never
closed, a closer never opened, and crossed nesting (“…（…”…）). GB/T 15834-2011 4.8.3: a quotation
running over several paragraphs opens every paragraph with “ and closes only the last, so an unclosed
“ that opens its paragraph, or opens the quotation inside it (他说：“……), followed by a paragraph that
also starts with “, is not reported.

A paragraph that still holds a straight quote (" for “”, ' for ‘’) is not checked for that pair: a straight
quote may be either half, the `quotes` rules report it, and fixing the quotes whose direction is certain
must not make the others look unbalanced.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.kinds.quotes import has_straight_quote
from unionlint.model import Finding, Rule
from unionlint.options import ListOf, Option, Text

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("problem",)

DEFAULT_PAIRS = ("“”", "‘’", "（）", "《》", "【】", "〔〕")
CONTINUED_QUOTE = "“"
STRAIGHT = {"“": '"', "‘": "'"}  # the straight stand-in of a pair's opener

UNCLOSED = "缺少与之配对的后半个"
UNOPENED = "缺少与之配对的前半个"
CROSSED = "与其他成对标点交叉嵌套"
BROKEN = "到下一段才配对，疑为段落在此处断开"

OPTIONS = (
    Option(
        "pairs",
        ListOf(Text(2, 2), min_items=1),
        "Paired marks checked for balance within a paragraph, each an opener and its closer.",
        default=DEFAULT_PAIRS,
    ),
)


def build(rule: Rule):
    pairs = rule.options["pairs"]
    closer_of: dict[str, str] = {}
    opener_of: dict[str, str] = {}
    for pair in pairs:
        if pair[0] == pair[1]:
            raise RuleError(f"each pair must be two different characters, got {pair!r}", "pairs")
        if pair[0] in closer_of or pair[0] in opener_of or pair[1] in closer_of or pair[1] in opener_of:
            raise RuleError(f"character of {pair!r} already used by another pair", "pairs")
        closer_of[pair[0]] = pair[1]
        opener_of[pair[1]] = pair[0]
    marks = regex.compile("[" + regex.escape("".join(pairs)) + "]")
    straight = {opener: STRAIGHT[opener] for opener in closer_of if opener in STRAIGHT}

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        paragraphs = doc.paragraphs
        # Openers left unclosed by the previous paragraph: if this paragraph starts by closing them,
        # the paragraph was broken in the middle of the pair (PDF residue), reported once.
        pending: list[tuple[str, int]] = []
        for index, paragraph in enumerate(paragraphs):
            stack: list[tuple[str, int]] = []
            crossed_openers: list[str] = []  # their closers, still to come, are part of the same error
            unjudged = {
                opener
                for opener, quote in straight.items()
                if has_straight_quote(text, quote, paragraph.start, paragraph.end)
            }
            for match in marks.finditer(text, paragraph.start, paragraph.end):
                char, offset = match.group(), match.start()
                if unjudged and (char in unjudged or opener_of.get(char) in unjudged):
                    continue
                if char in closer_of:
                    stack.append((char, offset))
                    continue
                opener = opener_of[char]
                if stack and stack[-1][0] == opener:
                    stack.pop()
                elif any(open_char == opener for open_char, _ in stack):
                    # Crossed: the openers above the matching one were closed out of order.
                    while stack[-1][0] != opener:
                        crossed_char, crossed = stack.pop()
                        crossed_openers.append(crossed_char)
                        yield _finding(crossed, CROSSED)
                    stack.pop()
                elif opener in crossed_openers:
                    crossed_openers.remove(opener)
                elif not stack and pending and pending[-1][0] == opener:
                    yield _finding(pending.pop()[1], BROKEN)
                elif not _is_apostrophe(text, offset):
                    yield _finding(offset, UNOPENED)
            for _, offset in pending:
                yield _finding(offset, UNCLOSED)
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            outermost = stack[0][1] if stack else None
            pending = [
                (char, offset)
                for char, offset in stack
                if not (
                    char == CONTINUED_QUOTE
                    and following is not None
                    and (offset == outermost or _opens(text, paragraph.start, offset))
                    and text[following.start : following.end].lstrip().startswith(CONTINUED_QUOTE)
                )
            ]
        for _, offset in pending:
            yield _finding(offset, UNCLOSED)

    return find


def _opens(text: str, paragraph_start: int, offset: int) -> bool:
    """Whether the mark at `offset` is the first visible character of its paragraph."""
    return not text[paragraph_start:offset].strip()


def _is_apostrophe(text: str, offset: int) -> bool:
    """A closer between two Latin letters (don’t, O’Neill) is an apostrophe, not half of a pair."""
    return (
        0 < offset < len(text) - 1
        and text[offset - 1].isascii()
        and text[offset - 1].isalpha()
        and (text[offset + 1].isascii() and text[offset + 1].isalpha())
    )


def _finding(offset: int, problem: str) -> Finding:
    return Finding(offset, offset + 1, None, (("problem", problem),))
