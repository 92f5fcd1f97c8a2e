"""`quotes`: straight quotes (" or ') in Chinese copy, each given its direction only where the context settles it.

A straight quote does not say whether it opens or closes a quotation. Pairing straight quotes by their order
in a line is wrong whenever the line starts inside a quotation (`……力不从心。"李拴表示，"党中央……`: the first
one closes), so the direction of each quote is read from what is next to it (GB/T 15834-2011 4.8, 5.1.3):

- with text after it, it opens after ：（《【〔、 or a closing quote, and as the first character of a paragraph
  (a quotation over several paragraphs opens each of them, GB/T 15834-2011 4.8.3) — 各直属单位：" at the end
  of a paragraph closes a quoted salutation;
- it closes before ，。、；：？！）》】〕, before an opening quote, and as the last character of a paragraph
  after 。？！…; a line that stops on a quote after anything else may have been broken mid-sentence (a PDF
  column break: `开展"悦读新思想"好书推荐和"`), and its quote may well open;
- for ' also: after “ it opens, before ” it closes.

Order settles a little more, never much. Where a paragraph holds an even number of quotes (straight and
curly of the same level) and every quote settled so far agrees on which of them opens first, a settled
opening quote followed by a short run without spaces or sentence marks, another quote, and then a quote
known to open (`："五大行动""十件实事"`) encloses a quoted term: the quote between closes it (and the
other way round). Without that quote known to open, the one between may as well open a quotation nested
in the first (`他说："要让"娘家人"名副其实。"`, straight quotes inside straight ones). Order is never carried across the
text between a closing quote and the next opening one: a line that starts inside a quotation, a lost quote
(OCR) or two columns interleaved by a PDF conversion (`"前不久…多 "最近…元!"河南…`, where two openings
come first) all hide there. `."` followed by Han text (`……心。"李拴表示`) settles nothing: it closes as
often as it opens.

`report: settled` yields every settled quote in Chinese context with its curly form as the fix;
`report: unsettled` yields the others, with the order-pairing guess as the fix where the paragraph's
quotes are even in number and the settled ones agree on the order (a rule with `fix: unsafe`), and no fix
otherwise. A straight quote with no Han character or full-width mark next to it (English, code) is
not reported, but still counts in the order. Quotes inside masked regions (URLs, Markdown code) do not count.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.model import Finding, Rule
from unionlint.options import Choice, Option, Text

REPORTS = ("settled", "unsettled")

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("side",)

OPTIONS = (
    Option("quote", Text(1, 1), "The straight quote: \" or '.", required=True),
    Option("pair", Text(2, 2), "Its curly forms, opening then closing: “” or ‘’.", required=True),
    Option(
        "report",
        Choice(*REPORTS),
        "settled: quotes whose direction the context settles, fixed to their curly form; unsettled: the others"
        " (the order-pairing guess as the fix where the paragraph's quotes are even in number).",
        required=True,
    ),
)
OPEN, CLOSE = 0, 1
SIDES = ("前引号", "后引号")

_SPACES = " \t\u3000"
# A quote right after one of these opens; right before one of these it closes.
_OPENS_AFTER = "：:（(《【〔、"
_CLOSES_BEFORE = "，。、；：？！,;:?!）)》】〕"
# A quote ending a paragraph closes only after the end of a sentence.
_SENTENCE_END = "。？！…?!"
# Chinese context: a quote with one of these (or a Han character) next to it is Chinese copy.
_ZH_MARKS = set("，。、；：？！“”‘’（）《》【】〔〕…—")
_HAN = regex.compile(r"\p{Han}")


def build(rule: Rule):
    options = rule.options
    quote, pair, report = options["quote"], options["pair"], options["report"]
    if quote in pair or pair[0] == pair[1]:
        raise RuleError("pair must be two characters, the opening and the closing curly quote", "pair")
    opener, closer = pair
    marks = regex.compile("[" + regex.escape(quote + pair) + "]")
    extra_open, extra_close = ("“", "”") if quote == "'" else ("", "")
    nests = quote == '"'  # straight double quotes nested in straight double quotes do occur

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        masked = doc.is_masked if doc.masks else None
        for paragraph in doc.paragraphs:
            start, end = paragraph.start, paragraph.end
            if text.find(quote, start, end) == -1:
                continue
            sequence = []
            for match in marks.finditer(text, start, end):
                offset = match.start()
                char = text[offset]
                if masked is not None and masked(offset, offset + 1):
                    continue
                if char != opener and quote == "'" and is_apostrophe(text, offset):
                    continue
                sequence.append((offset, char))
            if not any(char == quote for _, char in sequence):
                continue
            evidence = []
            for offset, char in sequence:
                if char == opener:
                    evidence.append(OPEN)
                elif char == closer:
                    evidence.append(CLOSE)
                else:
                    evidence.append(_own_evidence(text, offset, start, end, quote, pair, extra_open, extra_close))
            # The phase: 0 when the paragraph's first quote opens, 1 when it closes (it starts inside a quotation).
            phases = {(position + side) % 2 for position, side in enumerate(evidence) if side is not None}
            phase = next(iter(phases)) if len(phases) == 1 and len(sequence) % 2 == 0 else None
            sides = list(evidence)
            if phase is not None:
                # A quoted term: a quote that opens, a short run without spaces or sentence marks, and the next
                # quote, which closes it — when the quote after that is known to open: otherwise the next one
                # may open a quotation nested in the first ("要让"娘家人"名副其实。"). The other way round
                # likewise. Never across the text between a closing quote and the next opening one, where a
                # column break or a lost quote may hide.
                for position in range(len(sequence) - 1):
                    here, there = evidence[position], evidence[position + 1]
                    if not _is_term(text, sequence[position][0], sequence[position + 1][0]):
                        continue
                    after = evidence[position + 2] if position + 2 < len(sequence) else None
                    before = evidence[position - 1] if position else None
                    if nests and ((here == OPEN and after != OPEN) or (there == CLOSE and before != CLOSE)):
                        continue  # ' is never nested in ': a quotation inside ‘’ is written with “”
                    if (here == OPEN and there is None) or (here is None and there == CLOSE):
                        sides[position], sides[position + 1] = OPEN, CLOSE
            for position, (offset, char) in enumerate(sequence):
                if char != quote or not _chinese_context(text, offset, start, end):
                    continue
                side = sides[position]
                if report == "settled":
                    if side is not None:
                        yield Finding(offset, offset + 1, pair[side], (("side", SIDES[side]),))
                elif side is None:
                    # The guess: alternation from the paragraph's first quote, or from its settled quotes.
                    if len(sequence) % 2 == 0 and len(phases) < 2:
                        yield Finding(offset, offset + 1, pair[(position + (phase or 0)) % 2])
                    else:
                        yield Finding(offset, offset + 1, None)

    return find


def is_apostrophe(text: str, offset: int) -> bool:
    """' (or ’) between Latin letters or after a digit is an apostrophe or a prime (don't, 6'2"), not a quote."""
    before = text[offset - 1] if offset else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    latin_before = before.isascii() and before.isalnum()
    return latin_before and (before.isdigit() or (after.isascii() and after.isalpha()))


def has_straight_quote(text: str, quote: str, start: int, end: int) -> bool:
    """Whether [start, end) holds the straight quote `quote` (an apostrophe does not count for ')."""
    at = text.find(quote, start, end)
    while at != -1:
        if quote != "'" or not is_apostrophe(text, at):
            return True
        at = text.find(quote, at + 1, end)
    return False


def _visible(text: str, offset: int, step: int, start: int, end: int) -> int:
    """The offset of the nearest character that is not a space from `offset` in direction `step`, or -1
    when the paragraph [start, end) ends first."""
    at = offset + step
    while start <= at < end and text[at] in _SPACES:
        at += step
    return at if start <= at < end else -1


def _neighbours(text: str, offset: int, start: int, end: int) -> tuple[str, str]:
    """The visible characters before and after `offset` within [start, end); '' at the paragraph's edge."""
    before, after = _visible(text, offset, -1, start, end), _visible(text, offset, 1, start, end)
    return (text[before] if before >= 0 else ""), (text[after] if after >= 0 else "")


def _own_evidence(
    text: str, offset: int, start: int, end: int, quote: str, pair: str, extra_open: str, extra_close: str
) -> int | None:
    """OPEN or CLOSE when the quote's own neighbours settle its direction, else None (also when they disagree)."""
    before_at, after_at = _visible(text, offset, -1, start, end), _visible(text, offset, 1, start, end)
    before = text[before_at] if before_at >= 0 else ""
    after = text[after_at] if after_at >= 0 else ""
    text_after = after != "" and after not in _CLOSES_BEFORE  # an opening quote has text after it
    opens = (
        (not before and text_after)
        or (before != "" and before in _OPENS_AFTER + pair[1] + extra_open and text_after)
        # Two straight quotes side by side between text ("五大行动""十件实事"): the first closes, the second opens.
        or (before == quote and after != "" and _outer(text, before_at, -1, start, end, quote))
    )
    closes = (
        (not after and before != "" and before in _SENTENCE_END)
        or (after != "" and after in _CLOSES_BEFORE + pair[0] + extra_close)
        or (after == quote and before != "" and _outer(text, after_at, 1, start, end, quote))
    )
    if opens == closes:
        return None
    return OPEN if opens else CLOSE


def _outer(text: str, offset: int, step: int, start: int, end: int, quote: str) -> bool:
    """Whether the quote at `offset` has a visible character other than a quote on its far side."""
    at = _visible(text, offset, step, start, end)
    return at >= 0 and text[at] != quote


_TERM_BREAKS = set(_SPACES + "，。；：？！,;:?!\n\"'“”‘’")
_TERM_LENGTH = 24


def _is_term(text: str, opening: int, closing: int) -> bool:
    """Whether the text between two quotes is a short run with no space, sentence mark or other quote."""
    return 0 < closing - opening - 1 <= _TERM_LENGTH and not _TERM_BREAKS.intersection(text[opening + 1 : closing])


def _chinese_context(text: str, offset: int, start: int, end: int) -> bool:
    """A Han character or a full-width mark next to the quote (spaces between them do not count)."""
    return any(char in _ZH_MARKS or _HAN.match(char) for char in _neighbours(text, offset, start, end) if char)
