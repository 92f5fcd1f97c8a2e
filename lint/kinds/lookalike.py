"""`lookalike`: a character that only looks like the right one (OCR, font conversion, IME slips).

`lookalikes: {written: candidates}` maps a character that does not belong in Chinese running text —
a katakana (エ for 工, カ for 力, ロ for 口, ー for 一), a digit between two Han characters (1 for 一),
a Latin capital, a full-width form, a rare Han character (曰 for 日) — to the characters it is
mistaken for. A finding is reported where the word list (`unionlint.words`, jieba's dictionary)
says the text is a slip:

- putting a candidate in its place makes a word of 2–4 Han characters (职エ → 职工) that is frequent
  (`min_frequency`, in the list's corpus counts);
- no word containing the written character is nearly as frequent (`ratio`: the corrected word must
  be that many times more frequent), so a rare character inside a real word (亳州) stays;
- for a Han character or a digit, which may also be right where it stands, the corrected word does
  not take a character from a neighbouring word (the character before it and its first character,
  or its last character and the one after, are not a word more frequent than the corrected one);
- a katakana next to another katakana is Japanese, not a slip; a digit must stand between two Han
  characters, after a character that is not a numeral prefix (第1次, 这1年 are figures) and inside
  the corrected word (1个 is a figure, 统1 is a slip).

The word list is loaded only when a listed character occurs, and the fix (the candidate) is a
judgement call: packs mark it unsafe.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from unionlint.document import Document
from unionlint.model import Finding, Rule
from unionlint.options import Integer, MapOf, Option, Text

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("word",)

_HAN = regex.compile(r"\p{Han}")
_KATAKANA = regex.compile(r"[\u30a0-\u30ff]")
# A figure follows these: 第1次, 这1年, 近1年, 每1名 are Arabic numerals in their own right.
_NUMERAL_PREFIX = set("第每这那哪前后头近约共逾超达有是为占等单仅只再又各某几数百千万亿双半整上下年月日")
WIDTH = 3  # Han characters looked at on each side of the written character

OPTIONS = (
    Option(
        "lookalikes",
        MapOf(Text(1), key_length=(1, 1), min_items=1),
        "Each written character (a katakana, digit, Latin or rare Han character) mapped to the characters it is"
        " mistaken for; reported where the word list says the text is a slip for a frequent word.",
        required=True,
    ),
    Option("min_frequency", Integer(minimum=1), "Least corpus frequency (jieba's counts) of the corrected word.", 1000),
    Option(
        "ratio",
        Integer(minimum=1),
        "How many times more frequent the corrected word must be than any word containing the written character.",
        100,
    ),
)


def build(rule: Rule):
    table, min_frequency, ratio = rule.options["lookalikes"], rule.options["min_frequency"], rule.options["ratio"]
    written_chars = regex.compile("[" + regex.escape("".join(table)) + "]")

    def find(doc: Document) -> Iterator[Finding]:
        from unionlint import words

        text = doc.text
        frequency = words.frequency
        for match in written_chars.finditer(text):
            i = match.start()
            char = text[i]
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if _KATAKANA.match(char) and (_KATAKANA.match(before or " ") or _KATAKANA.match(after or " ")):
                continue  # a katakana word: Japanese, not a slip
            digit = char.isascii() and char.isdigit()
            if digit and not (_is_han(before) and _is_han(after)) or digit and before in _NUMERAL_PREFIX:
                continue
            left = i
            while left > i - WIDTH and left > 0 and _is_han(text[left - 1]):
                left -= 1
            right = i + 1
            while right < i + 1 + WIDTH and right < len(text) and _is_han(text[right]):
                right += 1
            if left == i and right == i + 1:
                continue
            found = []
            for candidate in table[char]:
                for start in range(i if not digit else i - 1, left - 1, -1):
                    for end in range(i + 1, right + 1):
                        if not 2 <= end - start <= 4:
                            continue
                        word = text[start:i] + candidate + text[i + 1 : end]
                        count = frequency(word)
                        if count >= min_frequency:
                            found.append((count, candidate, start, end, word))
            if not found:
                continue
            written = max(
                (frequency(text[a:b]) for a in range(left, i + 1) for b in range(i + 1, right + 1) if 2 <= b - a <= 4),
                default=0,
            )
            for count, candidate, start, end, word in sorted(found, reverse=True):
                if written * ratio > count:
                    break
                if (_is_han(char) or digit) and _takes_from_neighbour(text, start, end, i, count, frequency):
                    continue
                yield Finding(i, i + 1, candidate, (("word", word),))
                break

    return find


def _takes_from_neighbour(text: str, start: int, end: int, i: int, count: int, frequency) -> bool:
    """Whether the corrected word's first or last character (other than the written one) forms with
    its outer neighbour a word more frequent than the corrected word: the text is then better read
    as two other words (for a Han character or digit that may be right where it stands)."""
    if start < i and start > 0 and frequency(text[start - 1 : start + 1]) > count:
        return True
    return end - 1 > i and end < len(text) and frequency(text[end - 1 : end + 1]) > count


def _is_han(char: str) -> bool:
    return bool(char) and bool(_HAN.match(char))
