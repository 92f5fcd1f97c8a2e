"""`typos`: a character that makes no word where a sound-alike or look-alike would make a common one.

Most 错别字 in typed copy are an input-method homophone (贯撤落实 for 贯彻落实) or a look-alike
(专项整制 for 专项整治), and most of them leave a character that belongs to no word around it.
The kind works only there:

1. Every Han character covered by a common word of 2–4 characters (jieba's words seen at least 5
   times, `unionlint.words`, and `unionlint/data/extra_words.txt`) is taken as spelt right; so is
   everything inside 《》, short quotations and masked regions; the configuration's `allow` words
   (house names, local places) silence a finding inside them, as for every rule.
2. In a stretch of two or more uncovered characters, every common homophone (a shared common
   reading, any tone) and look-alike (`unionlint.confusion`) of each character is tried in its
   place. A replacement counts when it forms a common word of 2–4 characters inside the stretch
   (never taking a character from a neighbouring word) at least `min_frequency` frequent, what is
   written there is not a word at all, not even a rare one (all of jieba's dictionary), and the word
   outweighs the written characters taken one by one (see `_best_replacement`). The strongest
   candidate of the stretch is reported.
3. The same characters written twice in the document are a term of the article (禁采期), not a
   slip; a neighbour that is a grammatical word of its own (而, 其, 的:
   `unionlint/data/grammar_characters.txt`) is not half of a word.
4. A name is not a typo: a candidate is dropped when the character begins a likely personal name
   (a common surname, `unionlint/data/surnames.txt`, followed by one or two uncovered characters)
   or follows a role word such as 记者 or 通讯员 (`unionlint/data/role_words.txt`).

Speed: a document is first screened in one pass at C speed — every pair of neighbouring characters
is looked up in `unionlint/data/common_pairs.txt` (the characters that follow each character in a
common word of two) — and only the Han runs with two neighbouring characters outside every such pair
(about one run in six of official copy) are examined further. There, a word of three or four is
looked up only when its first two characters begin a common word of that size
(`unionlint/data/common_prefixes.txt`), the word list (`unionlint.words`) is read line by line, only
for the characters and lengths asked about, and the replacements of a written window are cached:
official copy repeats its uncovered stretches (names of bodies, terms). `bench/typos_cost.py`
measures what the rule costs.

The best replacement (the most frequent word formed) is reported with the rule's message; the fix is
unsafe — a proofreader confirms it — because the kind does not know the sentence's meaning: a
real-word slip (权利 for 权力) is out of its reach.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import compress, repeat
from operator import contains, itemgetter, or_

import regex

from unionlint import words
from unionlint.document import Document
from unionlint.model import Finding, Rule
from unionlint.options import Integer, Option
from unionlint.prefilter import automaton_matches

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("word",)

OPTIONS = (
    Option(
        "min_frequency",
        Integer(minimum=5),
        "How frequent (in jieba's dictionary counts) the word formed by a sound-alike or look-alike must be"
        " before a character that makes no word is reported.",
        100,
    ),
)

# Runs of Han text to examine; 〇 and the like are Han too, digits and Latin end a run.
_HAN_RUN = regex.compile(r"\p{Han}{2,}")
_HAN_PAIR = regex.compile(r"\p{Han}{2}")
_HAN_BEFORE = regex.compile(r"\p{Han}*", regex.REVERSE)  # matched backwards from where a run is found
_HAN = regex.compile(r"\p{Han}")
# Three neighbouring pairs of characters none of which is a common word: two characters in a row
# that no common word of two covers (see `_screen`).
_UNCOVERED = regex.compile(rb"\x00{3,}")
_STRETCH = regex.compile(rb"\x00{2,}")  # two or more uncovered characters in a row
# Titles and short quotations: names of works, slogans and classical lines are not checked.
_SHIELDED = regex.compile(r"《[^《》\n]*》|“[^“”\n]{1,24}”|「[^「」\n]*」")

_MIN_COMMON = 5  # jieba's words seen fewer times are rare: never common, never a replacement


def build(rule: Rule):
    min_frequency = rule.options["min_frequency"]

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        shielded = None
        masked = doc.is_masked if doc.masks else None
        slips = []
        for run_start, run, pairs in _screen(text):
            for start, (replacement, word), written in _slips(run, pairs, min_frequency):
                at = run_start + start
                if shielded is None:
                    shielded = [match.span() for match in _SHIELDED.finditer(text)]
                if any(left <= at < right for left, right in shielded):
                    continue
                if masked is not None and masked(at, at + 1):
                    continue
                slips.append((at, replacement, word, written))
        # Written the same way twice: a term of the article (禁采期, 绿线), not a slip.
        repeated = _written_twice(text, {written for *_, written in slips})
        for at, replacement, word, written in slips:
            if written not in repeated:
                yield Finding(at, at + 1, replacement, (("word", word),))

    return find


def _written_twice(text: str, strings: set[str]) -> set[str]:
    """The strings that occur twice or more in the text (without overlapping, as `str.count` counts).

    Counting each in the whole text was quadratic on a large file (its candidates grow with it);
    one Aho–Corasick pass counts them all. A string that can overlap itself (呵呵 in 呵呵呵) is
    counted again the `str.count` way, since overlapping matches are not two occurrences."""
    if len(strings) < 16 or len(text) < 200_000:
        return {written for written in strings if text.count(written) > 1}
    import ahocorasick_rs

    ordered = sorted(strings)
    automaton = ahocorasick_rs.AhoCorasick(ordered, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    counts = [0] * len(ordered)
    for number, _, _ in automaton_matches(automaton, text):  # candidates are Han: never across lines
        counts[number] += 1
    return {
        written
        for written, count in zip(ordered, counts)
        if count > 1 and (not _overlaps_itself(written) or text.count(written) > 1)
    }


def _overlaps_itself(written: str) -> bool:
    return any(written[:size] == written[-size:] for size in range(1, len(written)))


def _screen(text: str) -> Iterator[tuple[int, str, bytes]]:
    """(start, text, pairs) of each Han run in which two neighbouring characters are covered by no
    common word of two — the only runs where `_slips` can find anything. One pass over the text at C
    speed: `pairs[i]` is 1 when text[i-1:i+1] is a common word of two (with a 0 at either end), so
    `pairs[i]` and `pairs[i+1]` are the two pairs character i belongs to, and three 0s in a row from
    i are two uncovered characters i and i+1 (pairs that hold a non-Han character are never words).
    A run's `pairs` are those of its own characters, len(run) + 1 of them."""
    if len(text) < 2:
        return
    following = _following()
    pairs = b"\x00" + bytes(map(contains, map(following.get, text, repeat("")), text[1:])) + b"\x00"
    done = 0  # the end of the last run examined
    for gap in _UNCOVERED.finditer(pairs):
        low, high = gap.start(), gap.end() - 1  # the characters of text[low:high] are uncovered
        while high > done:  # (the gap may span several runs)
            pair = _HAN_PAIR.search(text, max(low, done), high)
            if pair is None:
                break
            start = _HAN_BEFORE.match(text, 0, pair.start()).start()
            run = _HAN_RUN.match(text, start)
            done = run.end()
            yield start, run.group(), pairs[start : done + 1]


def _slips(run: str, pairs: bytes, min_frequency: int) -> Iterator[tuple[int, tuple[str, str], str]]:
    """(offset, (replacement character, the word it forms), the characters it replaces) for the best
    candidate of each stretch of uncovered characters of a Han run: one slip per stretch."""
    size = len(run)
    covered = bytearray(map(or_, pairs[:-1], pairs[1:]))  # most characters are covered by a word of two
    # The rest may sit inside a word of three or four; a lone uncovered character between covered
    # ones is never examined (no window fits), so only stretches of two or more are looked at.
    prefixes = _prefixes()
    for low, high in [gap.span() for gap in _STRETCH.finditer(covered)]:
        for index in range(low, high):
            if covered[index] or ((index == 0 or covered[index - 1]) and (index + 1 == size or covered[index + 1])):
                continue
            for start in range(index - 3 if index > 3 else 0, index + 1):
                if covered[index]:
                    break
                if start + 3 > size or run[start + 1] not in prefixes.get(run[start], ""):
                    continue  # no common word of three or four begins with these two characters
                for end in (start + 3, start + 4):
                    if index < end <= size:
                        count = _words(run[start], end - start).get(run[start:end])
                        if count is not None and int(count) >= _MIN_COMMON:
                            covered[start:end] = b"\x01" * (end - start)
                            break
    for stretch in _STRETCH.finditer(covered):  # a lone character forms no window
        found = _best_in_stretch(run, stretch.start(), stretch.end(), min_frequency, covered)
        if found is not None:
            position, replacement, word, written = found
            yield position, (replacement, word), written


def _reduplicated(run: str, index: int) -> bool:
    """Part of 歇一歇, 看了看: a verb repeated around 一 or 了."""
    char = run[index]
    return (run[index + 1 : index + 3] in (f"一{char}", f"了{char}")) or (
        index >= 2 and run[index - 2 : index] in (f"{char}一", f"{char}了")
    )


def _looks_like_name(run: str, index: int, covered: bytearray) -> bool:
    """The character is a surname before an uncovered character, or one of the one or two uncovered
    characters after a surname (a given name), or it follows a role word (记者刘洋)."""
    surnames = _listed("surnames.txt")

    def surname_at(position: int) -> bool:
        return position >= 0 and run[position] in surnames and not covered[position]

    if surname_at(index) and index + 1 < len(run) and not covered[index + 1]:
        return True
    if surname_at(index - 1) or (surname_at(index - 2) and not covered[index - 1]):
        return True
    before = run[max(0, index - 3) : index]
    roles, lengths = _role_words()
    return any(len(cut) >= length and cut[-length:] in roles for cut in (before, before[:-1]) for length in lengths)


def _best_in_stretch(
    run: str, low: int, high: int, min_frequency: int, covered: bytearray
) -> tuple[int, str, str, str] | None:
    """(position, replacement, the word it forms, the characters it replaces) with the strongest
    evidence in the stretch [low, high) of uncovered characters, or None.

    Evidence is a word-frequency comparison, as a unigram segmenter would make it: the written
    characters as single-character words (P(贯)·P(撤)) against the word the replacement forms
    (P(贯彻)) times the prior odds of that slip (an input-method homophone is ten times likelier than
    a look-alike). Only windows inside the stretch are tried: a word that would take a character
    from a neighbouring word (专项整制行动: 执行 takes 行 from 行动) does not fit both neighbours."""
    grammar = _listed("grammar_characters.txt")
    best, best_score = None, 1.0
    excluded: dict[int, bool] = {}  # position → part of a name or of a reduplicated verb
    for length in (2, 3, 4):
        for start in range(low, high - length + 1):
            written = run[start : start + length]
            odds = _TOTAL ** (length - 1)
            for char in written:
                odds /= _single(char)
            if odds * _MAX_FREQUENCY[length] * _HOMOPHONE_PRIOR <= best_score:
                continue  # common characters: no word could outweigh them
            # 而拒 → 而且, 其示 → 其实: a neighbour that is a word of its own is not half of one, so
            # with one grammatical character only it may be the slip, with two none may.
            offsets = [offset for offset, char in enumerate(written) if char in grammar]
            if len(offsets) > 1:
                continue
            for offset in offsets or range(length):
                position = start + offset
                skip = excluded.get(position)
                if skip is None:
                    skip = excluded[position] = _looks_like_name(run, position, covered) or _reduplicated(run, position)
                if skip:
                    continue
                for word, prior, count in _replacements(written, offset):
                    if count < min_frequency:
                        continue
                    score = odds * count * prior
                    if score > best_score and not _is_any_word(written):
                        best, best_score = (position, word[offset], word, written), score
    return best


@lru_cache(maxsize=8192)  # official copy repeats its uncovered stretches (names of bodies, terms)
def _replacements(written: str, offset: int) -> tuple[tuple[str, float, int], ...]:
    """(word, prior odds of the slip, frequency) of each common word formed by putting one of the
    characters the one at `offset` may be a slip for in its place, in the order of `_candidates`."""
    before, after = written[:offset], written[offset + 1 :]
    candidates, priors = _candidates(written[offset])
    if len(written) == 2:  # a common word of two is a pair of common_pairs.txt: ask only those
        if offset:
            pairs = list(map(_following().get(before, "").__contains__, candidates))
        else:
            pairs = list(map(contains, _candidate_pairs(written[offset]), repeat(after)))
        formed = [before + candidate + after for candidate in compress(candidates, pairs)]
        priors = tuple(compress(priors, pairs))
        counts = [_words(word[0], 2).get(word) for word in formed]
    else:  # a common word of three or four begins with a pair of common_prefixes.txt: ask only those
        if offset == 0:
            pairs = list(map(contains, _candidate_prefixes(written[0]), repeat(after[0])))
        elif offset == 1:
            pairs = list(map(_prefixes().get(before, "").__contains__, candidates))
        elif written[1] in _prefixes().get(written[0], ""):
            pairs = [True] * len(candidates)
        else:
            return ()
        formed = [before + candidate + after for candidate in compress(candidates, pairs)]
        priors = tuple(compress(priors, pairs))
        counts = [_words(word[0], len(written)).get(word) for word in formed]
    found = ((word, prior, int(count)) for word, prior, count in compress(zip(formed, priors, counts), counts))
    return tuple(item for item in found if item[2] >= _MIN_COMMON)


_TOTAL = 60_101_967  # the dictionary's total frequency, as the typo detector was tuned with
_MAX_FREQUENCY = {2: 142_747, 3: 34_010, 4: 15_227}  # the most frequent common word of each length
_HOMOPHONE_PRIOR = 1e-3
_SHAPE_PRIOR = 1e-4
_EXTRA_FREQUENCY = "100"  # the words of extra_words.txt count as this frequent (a frequency as written)


def _count(word: str) -> int | None:
    """The frequency of a common Han word of 2–4 characters (or of a single character), None for
    any other: jieba's words seen at least 5 times, and extra_words.txt's at `_EXTRA_FREQUENCY`."""
    written = _words(word[0], len(word)).get(word)
    count = None if written is None else int(written)
    return count if count is not None and (count >= _MIN_COMMON or len(word) == 1) else None


def _words(char: str, length: int):
    """The words of jieba's dictionary that begin with `char` and have `length` characters, rare ones
    included, with the extra words (at `_EXTRA_FREQUENCY`, whatever jieba counted); frequencies as
    written."""
    key = (char, length)
    table = _TABLES.get(key)
    if table is None:
        table = words.words_of(char, length)
        extra = [word for word in _extra_words().get(char, ()) if len(word) == length]
        if extra:
            listed = table.as_dict() if hasattr(table, "as_dict") else table
            table = {**listed, **dict.fromkeys(extra, _EXTRA_FREQUENCY)}
        _TABLES[key] = table
    return table


# (character, length) → words.words_of(…), with the extra words: at most the characters of the texts linted
_TABLES: dict = {}


@cache  # at most the characters of the texts linted
def _single(char: str) -> int:
    """A character's frequency as a word of its own (1 when the list lacks it)."""
    return int(_words(char, 1).get(char, 1))


@cache  # at most the characters of the texts linted
def _candidates(char: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The Han characters `char` may be a slip for, and the prior odds of each slip: its common
    homophones, then its look-alikes, each in code order."""
    from unionlint import confusion

    sounds = confusion.common_homophones(char)
    shapes = confusion.shape_similar(char) - sounds
    pairs = [
        (other, prior)
        for group, prior in ((sounds, _HOMOPHONE_PRIOR), (shapes, _SHAPE_PRIOR))
        for other in sorted(group)
        if _HAN.match(other)
    ]
    return tuple(other for other, _ in pairs), tuple(prior for _, prior in pairs)


@cache  # at most the characters of the texts linted
def _candidate_pairs(char: str) -> tuple[str, ...]:
    """The characters that follow each of `char`'s candidates in a common word of two."""
    following = _following()
    return tuple(following.get(candidate, "") for candidate in _candidates(char)[0])


@cache  # at most the characters of the texts linted
def _candidate_prefixes(char: str) -> tuple[str, ...]:
    """The characters that follow each of `char`'s candidates at the start of a common word of three
    or four."""
    prefixes = _prefixes()
    return tuple(prefixes.get(candidate, "") for candidate in _candidates(char)[0])


def _is_any_word(text: str) -> bool:
    """A Han word of the common table, or a rare one of jieba's dictionary."""
    return text in _words(text[0], len(text))


@lru_cache(maxsize=1)
def _following() -> dict[str, str]:
    """character → the characters that follow it in a common word of two (common_pairs.txt and
    extra_words.txt)."""
    return _table_of_followers("common_pairs.txt", (2,))


def _table_of_followers(name: str, lengths: tuple[int, ...]) -> dict[str, str]:
    """A table of unionlint/data/ whose lines are a character and the characters that follow it, with
    the extra words of those lengths added."""
    from importlib.resources import files

    lines = (files("unionlint") / "data" / name).read_text("utf-8").rstrip("\n").split("\n")[1:]
    table = dict(zip(map(itemgetter(0), lines), map(itemgetter(slice(1, None)), lines)))
    for word in (word for extra in _extra_words().values() for word in extra):
        if len(word) in lengths and word[1] not in table.get(word[0], ""):
            table[word[0]] = table.get(word[0], "") + word[1]
    return table


@lru_cache(maxsize=1)
def _prefixes() -> dict[str, str]:
    """character → the characters that follow it at the start of a common word of three or four
    (common_prefixes.txt and extra_words.txt)."""
    return _table_of_followers("common_prefixes.txt", (3, 4))


@lru_cache(maxsize=1)
def _extra_words() -> dict[str, list[str]]:
    """Current official words jieba's dictionary lacks or undercounts (extra_words.txt), by first
    character."""
    found: dict[str, list[str]] = {}
    for word in _listed("extra_words.txt", words=True):
        found.setdefault(word[0], []).append(word)
    return found


@cache
def _listed(name: str, words: bool = False):
    """A list of unionlint/data/: its characters (a str), or with `words` its words (a tuple); lines
    beginning with # are comments."""
    from importlib.resources import files

    lines = (files("unionlint") / "data" / name).read_text("utf-8").splitlines()
    content = [line for line in lines if not line.startswith("#")]
    return tuple(" ".join(content).split()) if words else "".join("".join(content).split())


@lru_cache(maxsize=1)
def _role_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """The words after which a name follows (role_words.txt), and their lengths."""
    roles = frozenset(_listed("role_words.txt", words=True))
    return roles, tuple(sorted({len(role) for role in roles}))
