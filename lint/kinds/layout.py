"""`layout`: a paragraph broken in the middle of a sentence (a PDF page or column break).

Copy is one paragraph per line. A break is reported where a prose paragraph (sentence
punctuation, at least `min_length` characters, not a numbered heading) ends with no closing
punctuation — on a Han character, a digit, a letter, an opening mark, or a pause mark such as ，、
— and the next paragraph is prose starting with a Han character or a digit; or where the next
paragraph starts with a mark that may never begin a line (，。、；：？！ and closing marks).
Headlines and bylines have no sentence punctuation, so a title followed by its body is never
joined; a photo caption (an arrow first, or a credit ending in 摄) is never joined either. The
finding covers the last character, the line break and blank lines, and the
first character of the next paragraph; the fix joins them. In Markdown, a paragraph is a block (its
soft-wrapped lines are one paragraph), and only two plain paragraphs separated by blank lines can be one
broken paragraph: a heading, list item, quote or table is never joined to its neighbour.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from unionlint.document import Document, Span
from unionlint.errors import RuleError
from unionlint.model import Finding, Rule
from unionlint.prose import is_prose

# The last character of a paragraph that stops mid-sentence.
_OPEN_END = regex.compile(r"[\p{Han}\p{L}\p{N}“‘（《【，、,]$")
_CONTINUES = regex.compile(r"^[\p{Han}\p{N}]")
# GB/T 15834-2011 5.1: point marks and closing marks never begin a line.
_NEVER_FIRST = regex.compile(r"^[，。、；：？！,;?!”’）》】〕]")
# A photo caption: it starts with an arrow pointing at the picture or ends with the credit (… 摄).
_CAPTION = regex.compile(r"^[↑↓←→]|[ \t\u3000（(]\S{0,12}摄[）)]?$")


def build(rule: Rule):
    min_length = rule.options.get("min_length", 15)
    if not isinstance(min_length, int) or min_length < 2:
        raise RuleError("min_length must be an integer of at least 2", "min_length")

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        paragraphs = doc.paragraphs
        markdown = doc.markdown is not None
        for before, after in zip(paragraphs, paragraphs[1:]):
            if markdown and not _plain_paragraphs(doc, before, after):
                continue
            previous = text[before.start : before.end].rstrip()
            following = text[after.start : after.end].lstrip()
            if not is_prose(previous) or len(previous) < min_length or _CAPTION.search(previous):
                continue
            if _NEVER_FIRST.match(following) or (
                _OPEN_END.search(previous) and _CONTINUES.match(following) and is_prose(following)
            ):
                last = before.start + len(previous) - 1
                first = after.start + (after.end - after.start - len(following))
                yield Finding(
                    last,
                    first + 1,
                    text[last] + text[first],
                    (("tail", previous[-8:]), ("head", following[:8])),
                )

    return find


def _plain_paragraphs(doc: Document, before: Span, after: Span) -> bool:
    """Two Markdown blocks with only blank lines between them and no marker (#, -, >, 1.) before either."""

    def bare(span: Span) -> bool:
        line, _ = doc.position(span.start)
        return not doc.text[doc.line_starts[line - 1] : span.start].strip()

    return not doc.text[before.end : after.start].strip() and bare(before) and bare(after)
