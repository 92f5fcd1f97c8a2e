"""`consistency`: one term written two ways in the same document.

The terms are mixed Han–Latin words such as 工会E卡, 5G基站, 手机APP: a run of Latin letters
(digits allowed, at least one letter) with the Han character next to it on one or both sides. Two
occurrences are the same term when they agree after the normalisations the rule names in
`normalise`: `spaces` (工会 E 卡 = 工会E卡), `width` (ＡＰＰ = APP, by NFKC) and `case` (App = APP).
Within each term, the form used most often is the document's own choice; every occurrence
written otherwise is reported with that form as its fix (on a tie, the earliest form wins, so the
later writings are reported).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator

import regex

from unionlint.document import Document
from unionlint.model import Finding, Rule
from unionlint.options import Choice, ListOf, Option

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("line", "count")

NORMALISATIONS = ("spaces", "width", "case")

OPTIONS = (
    Option(
        "normalise",
        ListOf(Choice(*NORMALISATIONS), min_items=1, unique=True),
        "Differences that make two writings of a Han–Latin term the same term: spaces between Han and Latin,"
        " full-width vs half-width letters and digits, letter case.",
        required=True,
    ),
)

_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
# A run of Latin letters and digits with at least one letter; the Han neighbours are looked up by hand,
# since a pattern starting with an optional Han character would be tried at every Han character.
_WORD = regex.compile(rf"[0-9０-９]*[{_LATIN}][{_LATIN}0-9０-９]*")
_HAN = regex.compile(r"\p{Han}")
_SPACES = " \t\u3000"


def build(rule: Rule):
    normalise = rule.options["normalise"]
    ignore_spaces, ignore_width, ignore_case = (name in normalise for name in NORMALISATIONS)

    def key(left: str, latin: str, right: str, spaced: tuple[bool, bool]) -> tuple:
        if ignore_width:
            latin = unicodedata.normalize("NFKC", latin)
        if ignore_case:
            latin = latin.casefold()
        return left, latin, right, () if ignore_spaces else spaced

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        terms: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
        for match in _WORD.finditer(text):
            start, end = match.span()
            before = start
            while before and text[before - 1] in _SPACES:
                before -= 1
            after = end
            while after < len(text) and text[after] in _SPACES:
                after += 1
            left = before > 0 and bool(_HAN.match(text, before - 1))
            right = after < len(text) and bool(_HAN.match(text, after))
            if not (left or right):
                continue
            spaced = (left and before < start, right and after > end)
            term_key = key(text[before - 1] if left else "", match.group(), text[after] if right else "", spaced)
            terms[term_key].append((before - 1 if left else start, after + 1 if right else end))
        for spans in terms.values():
            forms = Counter(text[start:end] for start, end in spans)
            if len(forms) < 2:
                continue
            order = {form: index for index, form in reversed(list(enumerate(text[s:e] for s, e in spans)))}
            dominant = max(forms, key=lambda form: (forms[form], -order[form]))
            first = next(start for start, end in spans if text[start:end] == dominant)
            line, _ = doc.position(first)
            for start, end in spans:
                if text[start:end] != dominant:
                    values = (("line", str(line)), ("count", str(forms[dominant])))
                    yield Finding(start, end, dominant, values)

    return find
