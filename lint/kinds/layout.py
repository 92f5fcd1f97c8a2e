"""`layout`: a paragraph broken in the middle of a sentence (a PDF page or column break).

Copy is one paragraph per line. A break is reported where a prose paragraph (sentence
punctuation, at least `min_length` characters, not a numbered heading) ends with no closing
punctuation — on a Han character, a digit, a letter, an opening mark, or a pause mark such as ，、
— and the next paragraph is prose starting with a Han character or a digit; or where the next
paragraph starts with a mark that may never begin a line (，。、；：？！ and closing marks).
With `words: true`, a prose line whose break falls inside a frequent word of the word list
(`unionlint.words`: 全省职 / 工群众) is reported whatever its length or the shape of the next line.
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
from unionlint.model import Finding, Rule
from unionlint.options import Boolean, Integer, Option
from unionlint.prose import is_caption, is_prose

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("tail", "head")

# The last character of a paragraph that stops mid-sentence.
_OPEN_END = regex.compile(r"[\p{Han}\p{L}\p{N}“‘（《【，、,]$")
_CONTINUES = regex.compile(r"^[\p{Han}\p{N}]")
# GB/T 15834-2011 5.1: point marks and closing marks never begin a line.
_NEVER_FIRST = regex.compile(r"^[，。、；：？！,;?!”’）》】〕]")
# The Han characters on each side of a break, for telling a break inside a word (words: true).
_HAN_TAIL = regex.compile(r"\p{Han}{1,3}$")
_HAN_HEAD = regex.compile(r"\p{Han}{1,3}")
SPLIT_WORD_FREQUENCY = 100  # jieba's corpus counts (帮扶 108, 贴心 102): a word of news copy, not a rare compound

OPTIONS = (
    Option(
        "min_length",
        Integer(minimum=2),
        "Shortest paragraph, in characters, that is joined to the next when it stops mid-sentence.",
        default=15,
    ),
    Option(
        "words",
        Boolean(),
        "Also report a prose line broken inside a frequent word of the word list (jieba's dictionary),"
        " whatever its length.",
        default=False,
    ),
)


def build(rule: Rule):
    min_length, split_words = rule.options["min_length"], rule.options["words"]

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        paragraphs = doc.paragraphs
        markdown = doc.markdown is not None
        for before, after in zip(paragraphs, paragraphs[1:]):
            if markdown and not _plain_paragraphs(doc, before, after):
                continue
            previous = text[before.start : before.end].rstrip()
            following = text[after.start : after.end].lstrip()
            if not is_prose(previous) or is_caption(previous):
                continue
            broken = len(previous) >= min_length and (
                _NEVER_FIRST.match(following)
                or (_OPEN_END.search(previous) and _CONTINUES.match(following) and is_prose(following))
            )
            if broken or (split_words and _splits_word(previous, following)):
                last = before.start + len(previous) - 1
                first = after.start + (after.end - after.start - len(following))
                yield Finding(
                    last,
                    first + 1,
                    text[last] + text[first],
                    (("tail", previous[-8:]), ("head", following[:8])),
                )

    return find


def _splits_word(previous: str, following: str) -> bool:
    """Whether the break falls inside a frequent word of the word list (职\n工群众, 生\n活, 助学\n金): a
    few Han characters before it and after it make a word of 2–4 characters that is longer, or as long
    and more frequent, than any word ending at the break or starting after it (副所长 / 工会… is two
    words, not 长工). A character repeated across the break (家\n家门口) is a doubling, not a split word."""
    tail = _HAN_TAIL.search(previous)
    head = _HAN_HEAD.match(following)
    if tail is None or head is None or previous[-1] == following[0]:
        return False
    from unionlint import words

    tail, head = tail.group(), head.group()

    def best(candidates) -> tuple[int, int]:
        """The longest frequent word among the candidates, then the most frequent: (length, count)."""
        found = [(len(word), words.frequency(word)) for word in candidates]
        return max([item for item in found if item[1] >= SPLIT_WORD_FREQUENCY], default=(0, 0))

    split = best(
        tail[-k:] + head[:m] for k in range(1, len(tail) + 1) for m in range(1, len(head) + 1) if 2 <= k + m <= 4
    )
    whole = best([tail[-k:] for k in (2, 3) if k <= len(tail)] + [head[:m] for m in (2, 3) if m <= len(head)])
    return split > whole


def _plain_paragraphs(doc: Document, before: Span, after: Span) -> bool:
    """Two Markdown blocks with only blank lines between them and no marker (#, -, >, 1.) before either."""

    def bare(span: Span) -> bool:
        line, _ = doc.position(span.start)
        return not doc.text[doc.line_starts[line - 1] : span.start].strip()

    return not doc.text[before.end : after.start].strip() and bare(before) and bare(after)
