"""`repetition`: text repeated within one document, reported at the later copy.

Texts are compared after normalisation: only Han characters, letters and digits count, so a copy
that differs in punctuation or spacing is still the same text.

- `unit: paragraph` — a paragraph (a non-blank line) that repeats an earlier one: exactly, or with
  a Jaccard similarity of their character 3-gram sets of at least `similarity`. Exact copies are
  found with a dictionary of normalised texts. Near copies are found without comparing all pairs:
  each paragraph keeps a bottom-k sketch (the k smallest hashes of its 3-grams), each sketch value
  is a bucket, and a paragraph is compared only with the few earlier paragraphs sharing a bucket
  (at most `_BUCKET_SIZE` per bucket), so the work grows linearly with the document.
- `unit: sentence` — the same run of text (at least `min_length` characters, crossing clause
  boundaries if need be) stated twice in running prose; a paragraph repeated whole is left to the
  paragraph rule. Runs are anchored at clause boundaries: a dictionary maps the `min_length`
  characters just after and just before each boundary to their first occurrence, and a hit is
  extended to the longest common run. `require` (a regex the normalised run must match, e.g. a
  figure) keeps out the fixed formulations that official copy repeats on purpose.
- `unit: word` — a unit of 1–4 Han characters typed twice (推进推进, 的的, 就就), also across a line
  break, reported with the fix that keeps one copy. Legitimate doubles stay silent: a doubled form
  that is a word or part of one in the word list (常常, 清清楚楚, 欣欣向荣, 王丽丽), AABB, 一AA, a
  character listed in `reduplicable` (年年, 个个), a form listed in `reduplications` (研究研究),
  an ABAB verb inside quoted speech, and a double that straddles two words (目的的确定, 会议议程,
  看了了解, 经济和和平). A straddle is told from a slip by the most probable split of the words
  around it (unionlint.words, loaded only when a double is found): the two copies must fall in
  separate words; a copy that starts or ends a longer word is a straddle when the other copy is a
  word on its own (和, 了) — except for the characters in `before_own_word` (从从严, 给给予),
  which do not stand before a word beginning with themselves.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator

import regex

from unionlint.document import Document, Span, fact
from unionlint.exemptions import compile_pattern
from unionlint.model import Finding, Rule
from unionlint.options import Choice, Integer, ListOf, Number, Option, Regex, Text
from unionlint.prose import HAN_CLASS, SENTENCE_MARKS, is_caption, is_prose

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("line", "how", "unit")

_IGNORED = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")
_KEPT = regex.compile(r"[\p{Han}\p{L}\p{N}]")
_CLAUSE_END = regex.compile(f"[{SENTENCE_MARKS}：:]")
_BOUNDARY = "\x00"  # stands for a clause boundary while the other punctuation is stripped
_IGNORED_BUT_BOUNDARY = regex.compile(r"[^\p{Han}\p{L}\p{N}\x00]+")
_SKETCH_SIZE = 16  # bottom-k sketch: hashes kept per paragraph
_BUCKET_SIZE = 4  # earlier paragraphs remembered per sketch value
_MIN_SHARED = 2  # sketch values two paragraphs must share to be compared at all

UNITS = ("paragraph", "sentence", "word", "clause", "headline")

OPTIONS = (
    Option(
        "unit",
        Choice(*UNITS),
        "Repeated whole paragraphs, a run of text stated twice in running prose, a word of 1–4 characters typed"
        " twice, a clause repeated inside one paragraph, or a headline typed again as the next line.",
        required=True,
    ),
    Option(
        "min_length",
        Integer(minimum=3),
        "Shortest repeated text reported, in Han characters, letters and digits (default 20 for paragraphs,"
        " 12 for the other units).",
    ),
    Option(
        "apart_min_length",
        Integer(minimum=3),
        "clause: shortest clause or sentence reported when it repeats later in the paragraph, not back to back"
        " (default min_length).",
    ),
    Option(
        "apart_exclude",
        Regex(),
        "clause: repeats apart whose normalised text matches this are left to another rule (e.g. figures, to the"
        " sentence unit).",
    ),
    Option(
        "reduplicable",
        Text(),
        "word: characters whose doubling is a legitimate reduplication (年年, 个个).",
        default="",
    ),
    Option(
        "before_own_word",
        Text(),
        "word: characters reported even when the second copy begins a word (从从严, 给给予), since they do not"
        " stand before a word beginning with themselves.",
        default="",
    ),
    Option(
        "reduplications",
        ListOf(Text(2)),
        "word: doubled forms that are legitimate (研究研究, 讨论讨论).",
        default=(),
    ),
    Option(
        "similarity",
        Number(0.5, 1),
        "paragraph: Jaccard similarity of character 3-grams at or above which two paragraphs count as copies"
        " (1 = exact copies only).",
        default=1.0,
    ),
    Option(
        "prose_min_length",
        Integer(minimum=3),
        "paragraph: shortest running-text paragraph (with sentence punctuation, not a numbered heading) compared,"
        " when lower than min_length (which then applies to headlines, bylines and list items).",
    ),
    Option(
        "max_edits",
        Integer(minimum=0),
        "paragraph: two paragraphs also count as copies when at most this many characters are changed, added or"
        " dropped.",
        default=0,
    ),
    Option(
        "require",
        Regex(),
        "sentence: the repeated text, normalised to Han characters, letters and digits, must match this (e.g. a"
        " digit), to leave fixed formulations alone.",
    ),
    Option(
        "summary",
        Regex(),
        "sentence, clause: a line start (阅读提示, 内容提要 …) marking a summary paragraph that restates the article"
        " and is not compared.",
    ),
)


def build(rule: Rule):
    options = rule.options
    unit, min_length = options["unit"], options["min_length"]
    if min_length is None:
        min_length = 20 if unit == "paragraph" else 12
    summary = compile_pattern(options["summary"], "summary") if options["summary"] else None
    if unit == "clause":
        exclude = options["apart_exclude"]
        return _clause_matcher(
            min_length,
            min_length if options["apart_min_length"] is None else options["apart_min_length"],
            summary,
            compile_pattern(exclude, "apart_exclude") if exclude else None,
        )
    if unit == "headline":
        return _headline_matcher(min_length)
    if unit == "word":
        return _word_matcher(
            frozenset(options["reduplicable"]),
            frozenset(options["before_own_word"]),
            frozenset(options["reduplications"]),
        )
    if unit == "paragraph":
        prose_min_length = min_length if options["prose_min_length"] is None else options["prose_min_length"]
        return _paragraph_matcher(
            min_length, float(options["similarity"]), min(prose_min_length, min_length), options["max_edits"]
        )
    require = options["require"]
    return _sentence_matcher(min_length, compile_pattern(require, "require") if require else None, summary)


# ---------------------------------------------------------------- paragraphs

# An article of a law or regulation: a paragraph repeated in another article restates it on purpose
# (the same list item or procedure under two headings), and is not a pasting error.
_ARTICLE = regex.compile(r"\s*第[一二三四五六七八九十百零〇\d]{1,5}条")


def _paragraph_matcher(min_length: int, similarity: float, prose_min_length: int, max_edits: int):
    def find(doc: Document) -> Iterator[Finding]:
        paragraphs = doc.paragraphs
        texts = _normalised_paragraphs(doc)
        text = doc.text
        shortest = None
        if prose_min_length < min_length:  # short running-text paragraphs count too (not headlines, bylines)
            shortest = [
                min_length if len(texts[i]) >= min_length or not is_prose(text[p.start : p.end]) else prose_min_length
                for i, p in enumerate(paragraphs)
            ]
        articles, seen = [], 0
        for paragraph in paragraphs:
            seen += bool(_ARTICLE.match(text, paragraph.start, paragraph.end))
            articles.append(seen)
        for later, earlier, ratio in near_duplicates(texts, min_length, similarity, shortest, max_edits):
            if articles[later] != articles[earlier]:
                continue
            line, _ = doc.position(paragraphs[earlier].start)
            if ratio == 1.0:
                span, replacement, how = _deletion(doc, later), "", "完全相同"
            else:
                span, replacement, how = paragraphs[later], None, f"高度相似（{round(ratio * 100)}%）"
            yield Finding(span.start, span.end, replacement, (("line", str(line)), ("how", how)))

    return find


def _deletion(doc: Document, index: int) -> Span:
    """What deleting paragraph `index` removes: up to the next paragraph; the last one, with the line breaks
    before it instead, so that the file still ends as it did (with one line break, or none) and not on a
    blank line. The span of the last one therefore starts before it: on the line after the previous
    paragraph (the blank line between them, if any), or, in a file without a final line break, at the end
    of the previous paragraph. Where that would take in masked text (a Markdown list marker), only the
    paragraph's text is deleted."""
    text, paragraphs = doc.text, doc.paragraphs
    paragraph = paragraphs[index]
    if index + 1 < len(paragraphs):
        return Span(paragraph.start, paragraphs[index + 1].start)
    previous_end = paragraphs[index - 1].end
    if text[previous_end : previous_end + 1] == "\n" and text[paragraph.end : paragraph.end + 1] == "\n":
        span = Span(previous_end + 1, paragraph.end + 1)
    else:
        span = Span(previous_end, paragraph.end)
    if "\n" not in text[previous_end : paragraph.start] or (doc.masks and doc.is_masked(span.start, span.end)):
        return Span(paragraph.start, paragraph.end)  # e.g. two cells of a Markdown table row, or a list item
    return span


def near_duplicates(
    texts: list[str],
    min_length: int,
    similarity: float,
    shortest: list[int] | None = None,
    max_edits: int = 0,
) -> Iterator[tuple[int, int, float]]:
    """(later, earliest earlier, similarity) for every text repeating an earlier one: exactly, with a
    3-gram similarity of at least `similarity`, or at most `max_edits` characters changed, added
    or dropped. `shortest[i]`: the length text i needs to be compared at all (else `min_length`)."""
    first_exact: dict[str, int] = {}
    buckets: dict[int, int | list[int]] = {}
    # Candidates recur (a paragraph is compared with every later near-copy): keep recent gram sets.
    grams_of = functools.lru_cache(maxsize=256)(_grams)
    for index, text in enumerate(texts):
        if len(text) < (min_length if shortest is None else shortest[index]):
            if text in first_exact:  # a copy of a paragraph long enough (its full stop lost: 主持。 → 主持)
                yield index, first_exact[text], 1.0
            continue
        earlier = first_exact.setdefault(text, index)
        if earlier != index:
            yield index, earlier, 1.0
            continue
        if similarity >= 1.0 and not max_edits:
            continue
        grams = grams_of(text)
        sketch = sorted(grams)[:_SKETCH_SIZE]  # bottom-k; C sort beats heapq.nsmallest on a few hundred
        shared: Counter = Counter()
        for value in sketch:
            found = buckets.get(value)
            if found is not None:
                if type(found) is int:
                    shared[found] += 1
                else:
                    shared.update(found)
        for other in sorted(other for other, count in shared.items() if count >= _MIN_SHARED):
            ratio, unshared = _jaccard(grams, grams_of(texts[other]))
            # An edit removes at most three 3-grams from either text: more unshared ones rule out
            # `max_edits` edits before the (pure Python) edit distance is computed.
            near = unshared <= 3 * max_edits
            if ratio >= similarity or (max_edits and near and _within_edits(texts[other], text, max_edits)):
                yield index, other, ratio
                break
        else:
            for value in sketch:  # a bucket of one is the index itself: an archive has millions
                found = buckets.get(value)
                if found is None:
                    buckets[value] = index
                elif type(found) is int:
                    buckets[value] = [found, index]
                elif len(found) < _BUCKET_SIZE:
                    found.append(index)


def _within_edits(first: str, second: str, limit: int) -> bool:
    """True when at most `limit` characters need changing, adding or dropping (a banded Levenshtein)."""
    if abs(len(first) - len(second)) > limit:
        return False
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, 1):
        current = [row] + [limit + 1] * len(second)
        for column in range(max(1, row - limit), min(len(second), row + limit) + 1):
            current[column] = min(
                previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != second[column - 1])
            )
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _jaccard(grams: set[int], other: set[int]) -> tuple[float, int]:
    """The similarity of two paragraphs (their common 3-grams among all their 3-grams), and how many
    3-grams of either one the other lacks, at most."""
    common = len(grams & other)
    return common / (len(grams) + len(other) - common), max(len(grams), len(other)) - common


def _grams(text: str) -> set[int]:
    """Hashes of the character 3-grams: tuple-of-int hashes are the same in every run (no hash seed)."""
    points = list(map(ord, text))
    return set(map(hash, zip(points, points[1:], points[2:])))


# ---------------------------------------------------------------- sentences


def _sentence_matcher(min_length: int, require: regex.Pattern | None, summary: regex.Pattern | None):
    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        # hash of an anchor → paragraph index << 32 | offset in its normalised text: ints, not strings
        # and tuples, since a large file has millions of anchors. Two anchors sharing a hash (one
        # chance in ~10^12 on a 64 MB file) could only hide a repeat: every run is compared as text.
        first: dict[int, int] = {}
        whole: set[str] = set()
        paragraphs = doc.paragraphs
        normalised = _normalised_paragraphs(doc)
        known_bounds: dict[int, list[int]] = {}  # a paragraph repeated from is looked at again and again

        def bounds_of(index: int, line: str | None = None) -> list[int]:
            found = known_bounds.get(index)
            if found is None:
                if len(known_bounds) > 50_000:
                    known_bounds.clear()
                found = known_bounds[index] = _boundaries(_line(doc, index) if line is None else line)
            return found

        skip_next = False
        for index, (paragraph, norm) in enumerate(zip(paragraphs, normalised)):
            line = text[paragraph.start : paragraph.end]
            is_summary = skip_next
            skip_next = False
            if summary is not None and (found := summary.match(line)):
                skip_next = found.end() == len(line.rstrip())
                is_summary = is_summary or not skip_next
            if is_summary or not is_prose(line) or is_caption(line) or norm in whole:
                continue  # a whole repeated paragraph is the paragraph rule's finding, not one per run
            whole.add(norm)
            covered = 0  # normalised offsets before this are inside a run already reported
            offsets: list[int] = []
            bounds = bounds_of(index, line)
            for start in _anchors(bounds, min_length):
                anchor = norm[start : start + min_length]
                if len(anchor) < min_length:
                    continue
                here = index << 32 | start
                seen = first.setdefault(hash(anchor), here)
                if seen == here or start < covered:
                    continue
                seen = (seen >> 32, seen & 0xFFFFFFFF)
                run = _common_run(normalised[seen[0]], seen[1], norm, start, same=seen[0] == index)
                if run is None:
                    continue
                begin, end = run
                covered = end
                if seen[0] == index and end - begin == start - seen[1]:
                    continue  # the copies touch: text typed twice in a row is the clause unit's finding
                begin, end = _on_boundaries(
                    norm, begin, end, bounds, start - seen[1], bounds_of(seen[0]), min_length
                )
                if end - begin < min_length or (require is not None and not require.search(norm, begin, end)):
                    continue
                offsets = offsets or _kept_offsets(text, paragraph)
                span_start, span_end = offsets[begin], offsets[end - 1] + 1
                line_number, _ = doc.position(paragraphs[seen[0]].start)
                yield Finding(span_start, span_end, None, (("line", str(line_number)),))

    return find


@fact
def _normalised_paragraphs(doc: Document) -> list[str]:
    """Each paragraph with only its Han characters, letters and digits: computed once for all the
    repetition rules of a run."""
    text = doc.text
    return [_IGNORED.sub("", text[p.start : p.end]) for p in doc.paragraphs]


def _line(doc: Document, index: int) -> str:
    span = doc.paragraphs[index]
    return doc.text[span.start : span.end]


def _on_boundaries(
    norm: str, begin: int, end: int, bounds: list[int], shift: int, earlier_bounds: list[int], size: int
):
    """The run [begin, end) of the later copy, cut to start and end where a clause does in either
    copy (`shift`: later offset − earlier offset); cut inward to the later copy's clauses where it
    does not. When whole clauses leave less than `size`, the run is only kept from starting or
    ending inside a number (5.29万 ≠ 6.29万; 56家 ≠ 58家)."""
    # Both lists are sorted: a binary search each, not a set of a paragraph's boundaries per repeat
    # (quadratic on a page pasted as one line).
    if _holds(bounds, begin) or _holds(earlier_bounds, begin - shift):
        snapped_begin = begin
    else:
        snapped_begin = bounds[bisect.bisect_left(bounds, begin)]
    if _holds(bounds, end) or _holds(earlier_bounds, end - shift):
        snapped_end = end
    else:
        snapped_end = bounds[bisect.bisect_right(bounds, end) - 1]
    if snapped_end - snapped_begin >= size:
        return snapped_begin, snapped_end
    while begin < end and begin > 0 and norm[begin - 1].isdigit() and norm[begin].isdigit():
        begin += 1
    while end > begin and end < len(norm) and norm[end].isdigit() and norm[end - 1].isdigit():
        end -= 1
    return begin, end


def _holds(ordered: list[int], value: int) -> bool:
    at = bisect.bisect_left(ordered, value)
    return at < len(ordered) and ordered[at] == value


def _boundaries(line: str) -> list[int]:
    """Offsets in the normalised line where clauses begin and end (0 and its length included)."""
    clauses = _IGNORED_BUT_BOUNDARY.sub("", _CLAUSE_END.sub(_BOUNDARY, line)).split(_BOUNDARY)
    boundaries = [0]
    for clause in clauses:
        boundaries.append(boundaries[-1] + len(clause))
    return boundaries


def _anchors(boundaries: list[int], size: int) -> list[int]:
    """Offsets in the normalised line of the windows next to a clause boundary.

    A run copied with its punctuation keeps the same boundaries, so it has a window in common
    with its first copy wherever it starts or ends a clause of at least `size` characters.
    Windows start just after a boundary and end just before one.
    """
    return sorted({at for boundary in boundaries for at in (boundary, boundary - size) if at >= 0})


def _common_run(earlier: str, at: int, later: str, start: int, same: bool) -> tuple[int, int] | None:
    """The longest common run through `earlier[at]` ≙ `later[start]`, as (begin, end) in `later`."""
    back = _longest(lambda n: earlier[at - n : at] == later[start - n : start], min(at, start))
    limit = min(len(earlier) - at, len(later) - start)
    if same:  # a run repeated within one paragraph must not overlap its own first copy
        limit = min(limit, start - at)
    forward = _longest(lambda n: earlier[at : at + n] == later[start : start + n], limit)
    if same and back + forward > start - at:
        return None
    return start - back, start + forward


def _longest(agrees, limit: int) -> int:
    """The largest n ≤ limit with agrees(n), agreement being monotone. Galloping (1, 2, 4, …) before
    the binary search keeps each slice comparison about as long as the run itself, not the paragraph:
    on a page pasted as one line, halving from the paragraph's length compared megabytes per repeat."""
    low, high = 0, 1
    while high <= limit and agrees(high):
        low, high = high, high * 2
    high = min(high, limit + 1)  # the smallest length known not to agree (or past the limit)
    while high - low > 1:
        middle = (low + high) // 2
        if agrees(middle):
            low = middle
        else:
            high = middle
    return low


def _kept_offsets(text: str, paragraph: Span) -> list[int]:
    """Document offsets of the characters normalisation keeps, computed only for paragraphs with a finding."""
    return [match.start() for match in _KEPT.finditer(text, paragraph.start, paragraph.end)]


# ---------------------------------------------------------------- doubled words

_NUMERALS = set("零〇一二三四五六七八九十百千万亿两")
# The standard `re` module: this scan visits every character of every file, ~3x faster than `regex`.
_DOUBLE = re.compile("(" + HAN_CLASS + "{1,4})(\n[ \t\u3000]*)?\\1")
_HAN_RUN = regex.compile(r"\p{Han}")
_CONTEXT = 6  # Han characters either side given to the word splitter
_COMMON_DOUBLE = 20  # a doubled character this frequent as a word is a reduplication (常常); rarer (了了) is checked
_FREESTANDING = 10_000  # a character this frequent as a word of its own (和, 了, 在) may stand before a word it begins


def _word_matcher(reduplicable: frozenset[str], before_own_word: frozenset[str], reduplications: frozenset[str]):
    decided: dict[tuple[str, int], bool] = {}  # (window, where the copies begin) → slip? — archives repeat phrases

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        words = None
        for match in _DOUBLE.finditer(text):
            unit, gap = match.group(1), match.group(2)
            start, end = match.span()
            if gap and not _broken_line(doc, match.start(2)):
                continue
            if _legitimate_form(text, start, end, unit, reduplicable, reduplications):
                continue
            if words is None:
                from unionlint import words  # the word list: read only once a double is found
            if len(unit) == 1 and words.frequency(unit + unit) >= _COMMON_DOUBLE:
                continue  # 常常, 渐渐, 谢谢: a word of the list, common enough not to be a slip (了了 is not)
            if len(unit) == 2 and unit + unit not in reduplications and words.is_word(unit) and _quoted(doc, start):
                continue  # 研究研究、商量商量: colloquial verbs, acceptable in quoted speech
            left, right = _context(text, start, end)
            window = text[left:start] + unit + unit + text[end:right]
            key = (window, start - left)
            slip = decided.get(key)
            if slip is None:
                if len(decided) > 4096:
                    decided.clear()
                slip = decided[key] = _slip(words, window, start - left, unit, before_own_word)
            if slip:
                yield Finding(start, end, unit + (gap or ""), (("unit", unit),))

    return find


def _broken_line(doc: Document, newline: int) -> bool:
    """A double across a line break counts only when the line before is running text broken
    mid-sentence: prose, or a long line without layout spaces — not a headline ending in the word
    the next paragraph begins with."""
    line = doc.paragraph_at(newline - 1)
    before = doc.text[line.start : line.end].strip()
    return is_prose(before) or (len(before) >= 15 and not any(char.isspace() for char in before))


def _legitimate_form(text: str, start: int, end: int, unit: str, reduplicable, reduplications) -> bool:
    size = len(unit)
    if all(char in _NUMERALS for char in unit):
        return True  # 二〇二二, 一一, 千千万万
    if text.startswith(unit, end) or (start >= size and text.startswith(unit, start - size)):
        return True  # three copies or more: a pattern or a chant (加油加油加油), not one copy too many
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if size == 1:
        if unit in reduplicable or before == unit or after == unit:
            return True  # 年年, 个个; 哈哈哈
        if before == "一" or (after and after == text[end + 1 : end + 2] and _HAN_RUN.match(after)):
            return True  # 一条条; 清清楚楚 (AABB)
        if start >= 2 and text[start - 1] == text[start - 2] and before != unit:
            return True  # the BB of AABB
        return unit + unit in reduplications
    if unit + unit in reduplications or (size == 2 and unit[0] == unit[1]):
        return True  # 研究研究; 哈哈哈哈
    return size == 2 and unit[0] == "一"  # 一步一步, 一天一天


def _quoted(doc: Document, offset: int) -> bool:
    """True inside quoted speech: more opening than closing quotation marks before `offset` in its paragraph
    (the marks' offsets are found once per paragraph, so a long line costs one scan, not one per double)."""
    line = doc.paragraph_at(offset)
    marks = _quotation_marks(doc)
    found = marks.get(line.start)
    if found is None:
        found = marks[line.start] = tuple(
            [m.start() for m in regex.finditer(pattern, doc.text, pos=line.start, endpos=line.end)]
            for pattern in ("[“「]", "[”」]")
        )
    opening, closing = found
    return bisect.bisect_left(opening, offset) > bisect.bisect_left(closing, offset)


@fact
def _quotation_marks(doc: Document) -> dict[int, tuple[list[int], list[int]]]:
    """Paragraph start → offsets of its opening and closing quotation marks, filled in as paragraphs are asked for."""
    return {}


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the Han text around a double begins and ends, at most `_CONTEXT` characters either side."""
    left = start
    while left > 0 and start - left < _CONTEXT and _HAN_RUN.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < _CONTEXT and _HAN_RUN.match(text[right]):
        right += 1
    return left, right


def _slip(words, window: str, first: int, unit: str, before_own_word) -> bool:
    """True when the words around the double read as one copy too many, not as two words meeting.
    `window`: the Han text around it, copies joined (a line break between them dropped); `first`:
    where the first copy begins in it."""
    second = first + len(unit)
    bounds, offset = set(), 0
    owner = {}  # window offset → (word start, word length)
    for word in words.segment(window):
        bounds.add(offset)
        for index in range(offset, offset + len(word)):
            owner[index] = (offset, len(word))
        offset += len(word)
    bounds.add(offset)
    if first not in bounds or second not in bounds:
        return False  # a copy begins inside a word: a straddle (会议议程) or a word of its own (常常)
    if len(unit) > 1:
        return (second + len(unit) in bounds or owner[second][1] > len(unit)) and all(
            words.is_word(word) for word in words.segment(unit)
        )
    # Both copies begin words; the first is a word of its own (a longer one would hold the second).
    if owner[second][1] > 1:  # the second begins a longer word: 和和平, 了了解 (straddles) or 工工会, 从从严 (slips)
        if unit in before_own_word:
            return True
        # A bound character (工) before a word it begins is a slip when it stands alone after a whole
        # word (全省工工会); after another lone character it is the end of a word the list lacks (普惠惠农).
        return words.frequency(unit) < _FREESTANDING and (first == 0 or owner[first - 1][1] > 1)
    return unit in before_own_word or words.frequency(unit) >= _FREESTANDING


# ---------------------------------------------------------------- clauses and headlines

_CLAUSE = regex.compile(r"[^，。；！？,;?!：:]+")


def _clause_matcher(
    min_length: int, apart_min_length: int, summary: regex.Pattern | None, exclude: regex.Pattern | None
):
    """A clause typed twice in one paragraph: back to back (`min_length`, fixed by deleting the
    second copy with the mark before it), or apart (`apart_min_length`; a whole sentence, or a
    clause, repeated later in the paragraph; no fix: which copy goes is the editor's call). Apart
    repeats whose normalised text matches `exclude` are left to another rule (figures: the
    sentence unit's)."""

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        skip_next = False
        for paragraph in doc.paragraphs:
            line = text[paragraph.start : paragraph.end]
            is_summary, skip_next = skip_next, False
            if summary is not None and (found := summary.match(line)):
                skip_next = found.end() == len(line.rstrip())
                is_summary = is_summary or not skip_next
            if is_summary or not is_prose(line) or is_caption(line):
                continue
            clauses = [(m.start(), m.end(), _IGNORED.sub("", m.group())) for m in _CLAUSE.finditer(line)]
            seen: dict[str, int] = {}
            run: list[int] = []  # later clauses repeating consecutive earlier ones, one after another
            earlier_of: dict[int, int] = {}
            for index, (_start, end, norm) in enumerate(clauses):
                previous = clauses[index - 1] if index else None
                if norm and previous is not None and _repeats_tail(previous[2], norm, min_length):
                    yield Finding(paragraph.start + previous[1], paragraph.start + end, "", (("how", "紧接着重复"),))
                    yield from _apart(paragraph.start, clauses, run, earlier_of, apart_min_length, exclude)
                    run = []
                    seen.setdefault(norm, index)
                    continue
                earlier = seen.get(norm) if norm else None
                if earlier is not None and earlier < index - 1:
                    if run and not (run[-1] + 1 == index and earlier_of[run[-1]] + 1 == earlier):
                        yield from _apart(paragraph.start, clauses, run, earlier_of, apart_min_length, exclude)
                        run = []
                    run.append(index)
                    earlier_of[index] = earlier
                    continue
                yield from _apart(paragraph.start, clauses, run, earlier_of, apart_min_length, exclude)
                run = []
                if norm:
                    seen.setdefault(norm, index)
            yield from _apart(paragraph.start, clauses, run, earlier_of, apart_min_length, exclude)

    return find


def _apart(base: int, clauses: list, run: list[int], earlier_of: dict, min_length: int, exclude) -> Iterator[Finding]:
    """Report a run of clauses that repeats, in order, clauses earlier in the paragraph."""
    if not run or run[0] <= earlier_of[run[-1]]:  # a run overlapping its own first copy is a list, not a repeat
        return
    text = "".join(clauses[index][2] for index in run)
    if len(text) < min_length or (exclude is not None and exclude.search(text)):
        return
    yield Finding(base + clauses[run[0]][0], base + clauses[run[-1]][1], None, (("how", "重复"),))


def _repeats_tail(previous: str, clause: str, min_length: int) -> bool:
    """The clause repeats the one before it, or its end (将继续扎根一线，继续扎根一线): at least
    `min_length` characters, one more for a repeated end, which is likelier a deliberate echo."""
    if clause == previous:
        return len(clause) >= min_length
    return len(clause) > min_length and previous.endswith(clause)


def _headline_matcher(min_length: int):
    """A headline or subhead (a line without sentence punctuation) typed again as the next paragraph,
    or the headline glued to the start of the first paragraph before the dateline."""

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        paragraphs = doc.paragraphs
        normalised = _normalised_paragraphs(doc)
        for index in range(len(paragraphs) - 1):
            head, norm = paragraphs[index], normalised[index]
            if len(norm) < min_length or is_prose(text[head.start : head.end]):
                continue
            following, next_norm = paragraphs[index + 1], normalised[index + 1]
            if next_norm == norm:
                end = paragraphs[index + 2].start if index + 2 < len(paragraphs) else len(doc.text)
                yield Finding(following.start, end, "", (("line", str(doc.position(head.start)[0])),))
            elif index == 0 and next_norm.startswith(norm):
                offsets = _kept_offsets(text, following)
                cut = offsets[len(norm) - 1] + 1
                rest = text[cut : following.end]
                if rest[:1].isspace() or rest.startswith(("本报", "新华社", "（", "(", "【", "记者")):
                    gap = len(rest) - len(rest.lstrip())
                    yield Finding(following.start, cut + gap, "", (("line", str(doc.position(head.start)[0])),))

    return find
