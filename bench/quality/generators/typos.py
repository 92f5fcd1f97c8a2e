"""Generated typos: one character of a common word in clean sentences replaced by a common homophone
or a look-alike, so that the word becomes a non-word (as an input method or OCR would leave it).

Sentences come from `clean/laws` (official texts); the expected fix restores the sentence.
Deterministic: a fixed seed and sorted inputs.
"""

from __future__ import annotations

import random
from pathlib import Path

import regex

CLEAN = Path(__file__).resolve().parent.parent / "clean" / "laws"
PER_KIND = 150
SENTENCE = regex.compile(r"[^。；！？\n]{12,60}[。；]")


def generate():
    from unionlint import confusion, words
    from unionlint.kinds.typos import _count

    rng = random.Random(20261201)
    sentences = []
    for path in sorted(CLEAN.glob("*.md")):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("第") or line.startswith("#"):
                line = line.split(" ", 1)[-1]
            sentences += [match.group() for match in SENTENCE.finditer(line)]
    rng.shuffle(sentences)
    sets = {"homophone": [], "shape": []}
    for sentence in sentences:
        if all(len(cases) >= PER_KIND for cases in sets.values()):
            break
        starts = [i for i in range(len(sentence) - 1) if (_count(sentence[i : i + 2]) or 0) >= 1000]
        if not starts:
            continue
        start = rng.choice(starts)
        index = start + rng.randrange(2)
        original = sentence[index]
        for kind, pool in (
            ("homophone", confusion.common_homophones(original)),
            ("shape", confusion.shape_similar(original)),
        ):
            if len(sets[kind]) >= PER_KIND:
                continue
            slips = sorted(
                c for c in pool if not words.is_word(sentence[start:index] + c + sentence[index + 1 : start + 2])
            )
            if not slips:
                continue
            typed = rng.choice(slips)
            sets[kind].append(
                {"text": sentence[:index] + typed + sentence[index + 1 :], "rule": "confusables.*", "fix": sentence}
            )
            break
    return [
        (
            f"typo-generated-{kind}",
            {
                "title": f"生成的不成词错字（{'同音' if kind == 'homophone' else '形近'}）",
                "group": "typos",
                "detect": cases,
            },
        )
        for kind, cases in sets.items()
    ]
