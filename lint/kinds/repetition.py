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
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from itertools import chain, repeat

import regex

from unionlint.document import Document, Span
from unionlint.errors import RuleError
from unionlint.exemptions import compile_pattern
from unionlint.model import Finding, Rule
from unionlint.prose import SENTENCE_MARKS, is_prose

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("line", "how")

_IGNORED = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")
_KEPT = regex.compile(r"[\p{Han}\p{L}\p{N}]")
_CLAUSE_END = regex.compile(f"[{SENTENCE_MARKS}：:]")
_BOUNDARY = "\x00"  # stands for a clause boundary while the other punctuation is stripped
_IGNORED_BUT_BOUNDARY = regex.compile(r"[^\p{Han}\p{L}\p{N}\x00]+")
_SKETCH_SIZE = 16  # bottom-k sketch: hashes kept per paragraph
_BUCKET_SIZE = 4  # earlier paragraphs remembered per sketch value
_MIN_SHARED = 2  # sketch values two paragraphs must share to be compared at all

UNITS = ("paragraph", "sentence")


def build(rule: Rule):
    options = rule.options
    unit = options.get("unit")
    if unit not in UNITS:
        raise RuleError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}", "unit")
    min_length = options.get("min_length", 20 if unit == "paragraph" else 12)
    if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 3:
        raise RuleError("min_length must be an integer of at least 3", "min_length")
    if unit == "paragraph":
        similarity = options.get("similarity", 1.0)
        if not isinstance(similarity, (int, float)) or not 0.5 <= similarity <= 1:
            raise RuleError("similarity must be a number between 0.5 and 1", "similarity")
        return _paragraph_matcher(min_length, float(similarity))
    require = options.get("require")
    summary = options.get("summary")
    return _sentence_matcher(
        min_length,
        compile_pattern(require, "require") if require else None,
        compile_pattern(summary, "summary") if summary else None,
    )


# ---------------------------------------------------------------- paragraphs


def _paragraph_matcher(min_length: int, similarity: float):
    def find(doc: Document) -> Iterator[Finding]:
        paragraphs = doc.paragraphs
        texts = _normalised_paragraphs(doc)
        for later, earlier, ratio in near_duplicates(texts, min_length, similarity):
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


def near_duplicates(texts: list[str], min_length: int, similarity: float) -> Iterator[tuple[int, int, float]]:
    """(later, earliest earlier, similarity) for every text repeating an earlier one."""
    first_exact: dict[str, int] = {}
    buckets: dict[int, list[int]] = {}
    # Candidates recur (a paragraph is compared with every later near-copy): keep recent gram sets.
    grams_of = functools.lru_cache(maxsize=256)(_grams)
    for index, text in enumerate(texts):
        if len(text) < min_length:
            continue
        earlier = first_exact.setdefault(text, index)
        if earlier != index:
            yield index, earlier, 1.0
            continue
        if similarity >= 1.0:
            continue
        grams = grams_of(text)
        sketch = sorted(grams)[:_SKETCH_SIZE]  # bottom-k; C sort beats heapq.nsmallest on a few hundred
        shared = Counter(chain.from_iterable(map(buckets.get, sketch, repeat(()))))
        for other in sorted(other for other, count in shared.items() if count >= _MIN_SHARED):
            ratio = _jaccard(grams, grams_of(texts[other]))
            if ratio >= similarity:
                yield index, other, ratio
                break
        else:
            for value in sketch:
                bucket = buckets.setdefault(value, [])
                if len(bucket) < _BUCKET_SIZE:
                    bucket.append(index)


def _jaccard(grams: set[int], other: set[int]) -> float:
    """The similarity of two paragraphs: their common 3-grams among all their 3-grams."""
    common = len(grams & other)
    return common / (len(grams) + len(other) - common)


def _grams(text: str) -> set[int]:
    """Hashes of the character 3-grams: tuple-of-int hashes are the same in every run (no hash seed)."""
    points = list(map(ord, text))
    return set(map(hash, zip(points, points[1:], points[2:])))


# ---------------------------------------------------------------- sentences


def _sentence_matcher(min_length: int, require: regex.Pattern | None, summary: regex.Pattern | None):
    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        first: dict[str, tuple[int, int]] = {}  # anchor → (paragraph index, offset in its normalised text)
        whole: set[str] = set()
        paragraphs = doc.paragraphs
        normalised = _normalised_paragraphs(doc)
        skip_next = False
        for index, (paragraph, norm) in enumerate(zip(paragraphs, normalised)):
            line = text[paragraph.start : paragraph.end]
            is_summary = skip_next
            skip_next = False
            if summary is not None and (found := summary.match(line)):
                skip_next = found.end() == len(line.rstrip())
                is_summary = is_summary or not skip_next
            if is_summary or not is_prose(line) or norm in whole:
                continue  # a whole repeated paragraph is the paragraph rule's finding, not one per run
            whole.add(norm)
            covered = 0  # normalised offsets before this are inside a run already reported
            offsets: list[int] = []
            for start in _anchors(line, min_length):
                anchor = norm[start : start + min_length]
                if len(anchor) < min_length:
                    continue
                seen = first.setdefault(anchor, (index, start))
                if seen == (index, start) or start < covered:
                    continue
                run = _common_run(normalised[seen[0]], seen[1], norm, start, same=seen[0] == index)
                if run is None:
                    continue
                begin, end = run
                covered = end
                if end - begin < min_length or (require is not None and not require.search(norm, begin, end)):
                    continue
                offsets = offsets or _kept_offsets(text, paragraph)
                span_start, span_end = offsets[begin], offsets[end - 1] + 1
                line_number, _ = doc.position(paragraphs[seen[0]].start)
                yield Finding(span_start, span_end, None, (("line", str(line_number)),))

    return find


def _normalised_paragraphs(doc: Document) -> list[str]:
    """Each paragraph with only its Han characters, letters and digits: computed once for all the
    repetition rules of a run (the engine clears the memo when the next rule is of another kind)."""
    normalised = doc.memo.get("repetition")
    if normalised is None:
        text = doc.text
        normalised = doc.memo["repetition"] = [_IGNORED.sub("", text[p.start : p.end]) for p in doc.paragraphs]
    return normalised


def _anchors(line: str, size: int) -> list[int]:
    """Offsets in the normalised line of the windows next to a clause boundary.

    A run copied with its punctuation keeps the same boundaries, so it has a window in common
    with its first copy wherever it starts or ends a clause of at least `size` characters.
    Windows start just after a boundary and end just before one.
    """
    clauses = _IGNORED_BUT_BOUNDARY.sub("", _CLAUSE_END.sub(_BOUNDARY, line)).split(_BOUNDARY)
    boundaries = [0]
    for clause in clauses:
        boundaries.append(boundaries[-1] + len(clause))
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
    """The largest n ≤ limit with agrees(n), agreement being monotone: a binary search of slice comparisons."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if agrees(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _kept_offsets(text: str, paragraph: Span) -> list[int]:
    """Document offsets of the characters normalisation keeps, computed only for paragraphs with a finding."""
    return [match.start() for match in _KEPT.finditer(text, paragraph.start, paragraph.end)]
