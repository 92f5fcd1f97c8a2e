"""Slips of every lexicon entry, placed in newsroom sentences.

For each entry of `rules/lexicon/*.json` (the data behind slogans.canonical-phrases, slogans.names and
slogans.idioms) this makes, where the entry allows it, one slip of each type: a homophone and a
shape-similar character (chosen with `unionlint.confusion`, the same evidence the rules use — which
is why the hand-written cases exist too), two adjacent characters swapped, a character dropped, a
character typed twice, a wrong list separator, a wrong middle dot and a wrong numeral. A slip that
happens to be a canonical entry, a listed variant or a dictionary word is not a slip and is skipped.

Classes are split by the entry's length: `…-long` (five characters or more, where the target is
95 % recall) and `…-short` (four characters: idioms and numbered formulas). For four-character
entries the rules accept only substitutions (sound, shape, numeral, punctuation) as evidence, so
swaps, drops and doubled characters of them are not generated: they are not reported by design.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = 20261201
NUMERALS = "一两二三四五六七八九十"

# {X} is the entry; sentences a reporter might write around a formulation, a name, a law, an idiom.
TEMPLATES = {
    "political": [
        "会议强调，要深刻领会{X}的丰富内涵，切实把思想和行动统一起来。",
        "各级工会要把{X}落实到工作的各个方面。",
        "报告指出，{X}，这为我们做好工作指明了方向。",
    ],
    "union": [
        "市总工会负责同志表示，要坚持{X}，推动工作落地见效。",
        "近年来，全市工会围绕{X}开展了大量工作。",
    ],
    "henan": ["全省上下牢记嘱托，围绕{X}真抓实干。", "大家表示，要在{X}中贡献力量。"],
    "names": ["{X}有关负责同志出席会议并讲话。", "此次活动由{X}指导。"],
    "laws": ["依据《{X}》的有关规定，用人单位应当依法履行义务。", "工会组织职工学习《{X}》。"],
    "idioms": ["车间全体职工{X}，圆满完成了任务。", "他说，做好这项工作必须{X}。"],
}
FUNCTION_CHARS = set("的地得之等和与及并或而以其")


def _entries():
    from unionlint.kinds.lexicon import load_file

    for path in sorted((ROOT / "rules" / "lexicon").glob("*.json")):
        for entry in load_file(str(path)).values():
            yield path.stem, entry


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _mutations(text: str, rng: random.Random, known: set[str]):
    from unionlint import confusion

    length = len(text)
    han = [i for i, c in enumerate(text) if _is_han(c) and c not in NUMERALS]

    def pick_sub(candidates_of):
        positions = han[:]
        rng.shuffle(positions)
        for at in positions:
            options = sorted(c for c in candidates_of(text[at]) if _is_han(c))
            rng.shuffle(options)
            for char in options[:6]:
                yield text[:at] + char + text[at + 1 :]

    yield "homophone", pick_sub(confusion.homophones)
    yield "shape", pick_sub(lambda char: confusion.shape_similar(char) | confusion.shape_same_code(char))
    swaps = [i for i in range(length - 1) if _is_han(text[i]) and _is_han(text[i + 1]) and text[i] != text[i + 1]]
    rng.shuffle(swaps)
    yield "swap", (text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in swaps)
    inner = [i for i in han if 0 < i < length - 1 and text[i] not in FUNCTION_CHARS]
    drops, doubles = inner[:], inner[:]
    rng.shuffle(drops)
    rng.shuffle(doubles)
    yield "drop", (text[:i] + text[i + 1 :] for i in drops)
    yield "doubled", (text[: i + 1] + text[i] + text[i + 1 :] for i in doubles)
    seps = [i for i, c in enumerate(text) if c == "、"]
    yield "separator", (text[:i] + rng.choice("，,") + text[i + 1 :] for i in seps)
    dots = [i for i, c in enumerate(text) if c == "·"]
    yield "dot", (text[:i] + rng.choice("•・.") + text[i + 1 :] for i in dots)
    numerals = [i for i, c in enumerate(text) if c in NUMERALS]
    yield "numeral", (text[:i] + n + text[i + 1 :] for i in numerals for n in NUMERALS if n != text[i])


def generate():
    from unionlint import words

    rng = random.Random(SEED)
    entries = list(_entries())
    known = {entry.text for _, entry in entries} | {v for _, entry in entries for v in entry.allow}
    classes: dict[str, list[dict]] = {}
    for group, entry in entries:
        text = entry.text
        if len(text) < 4:
            continue
        templates = TEMPLATES[group]
        for kind, candidates in _mutations(text, rng, known):
            for slip in candidates:
                if slip in known or slip == text or words.is_word(slip):
                    continue
                sentence = rng.choice(templates)
                size = "long" if len(text) >= 5 else "short"
                if size == "short" and kind in ("swap", "drop", "doubled"):
                    break  # four-character entries accept substitutions only (see SCORING): not generated
                classes.setdefault(f"generated-{kind}-{size}", []).append(
                    {"text": sentence.replace("{X}", slip), "rule": "*", "fix": sentence.replace("{X}", text)}
                )
                break
    titles = {
        "homophone": "同音字",
        "shape": "形近字",
        "swap": "相邻两字颠倒",
        "drop": "漏一字",
        "doubled": "重打一字",
        "separator": "顿号写错",
        "dot": "间隔号写错",
        "numeral": "数字写错",
    }
    result = []
    for name in sorted(classes):
        kind, size = name.split("-")[1], name.split("-")[2]
        label = "5 字以上条目" if size == "long" else "4 字条目"
        result.append(
            (
                name,
                {
                    "title": f"生成：{titles[kind]}（{label}）",
                    "group": "formulations",
                    "source": "bench/quality/generators/formulations.py 由 rules/lexicon/*.json 逐条生成",
                    "detect": classes[name],
                },
            )
        )
    return result
