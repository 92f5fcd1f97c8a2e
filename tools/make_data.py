"""Regenerate the derived data tables in lint/data/ (sources and licences: lint/data/NOTICE.md).

    python tools/make_data.py

- common_words.txt, from jieba's dictionary (MIT):
  the typo detector needs "is this a common word, and how common" at start-up speed: jieba's full
dictionary (349,000 entries, 5 MB) takes ~0.3 s to read, this table of its Han words of 2–4
characters seen at least 5 times (~120,000), plus every single Han character with its frequency as
a word of its own (which the detector weighs against the word a replacement would form), is a
fraction of that. Frequencies are kept as written.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import regex

MIN_FREQUENCY = 5
HAN_WORD = regex.compile(r"\p{Han}{2,4}")
HAN_CHAR = regex.compile(r"\p{Han}")
DATA = Path(__file__).resolve().parent.parent / "lint" / "data"
OUT = DATA / "common_words.txt"
# A reading is common when this share of a character's uses in pypinyin's phrase list have it.
COMMON_SHARE = 0.1


def main() -> None:
    word_table()
    rare_word_table()
    reading_table()


def rare_word_table() -> None:
    """rare_words.txt: jieba's Han words of 2–4 characters seen fewer than 5 times, one line of words
    separated by spaces — what the typo detector asks before it calls something a non-word."""
    tokens = (files("jieba") / "dict.txt").read_text("utf-8").split()
    rare = sorted(
        word for word, freq in zip(tokens[0::3], tokens[1::3]) if int(freq) < MIN_FREQUENCY and HAN_WORD.fullmatch(word)
    )
    header = f"# jieba 0.42.1 dict.txt (MIT): Han words of 2-4 characters with frequency < {MIN_FREQUENCY}\n"
    (DATA / "rare_words.txt").write_text(header + " ".join(rare) + "\n", "utf-8")
    print(f"{DATA / 'rare_words.txt'}: {len(rare)} words")


def reading_table() -> None:
    """common_readings.txt, from pypinyin's phrase list (MIT): for each GB 2312 character, the
    readings (tones dropped) it has in at least 10 % of the listed phrases that contain it — the
    readings an input method offers it under. pypinyin's per-character table also lists rare and
    classical readings (透 shū, 逐 dí), which would make 透 a homophone of 数."""
    from collections import Counter, defaultdict

    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    from unionlint.confusion import toneless

    uses: dict[str, Counter] = defaultdict(Counter)
    for phrase, readings in phrases_dict.items():
        if len(phrase) == len(readings):
            for char, reading in zip(phrase, readings):
                uses[char][toneless(reading[0])] += 1
    rows = []
    for code, value in sorted(pinyin_dict.items()):
        char = chr(code)
        try:
            if len(char.encode("gb2312")) != 2:
                continue
        except UnicodeEncodeError:
            continue
        counts = uses.get(char)
        if counts:
            total = sum(counts.values())
            common = [reading for reading, count in counts.most_common() if count >= COMMON_SHARE * total]
        else:  # in no listed phrase: its first reading, as the character table orders them
            common = [toneless(value.split(",")[0])]
        rows.append(f"{char} {' '.join(common)}\n")
    header = "# pypinyin (MIT) phrases_dict: common readings of GB 2312 characters, tones dropped\n"
    (DATA / "common_readings.txt").write_text(header + "".join(rows), "utf-8")
    print(f"{DATA / 'common_readings.txt'}: {len(rows)} characters")


def word_table() -> None:
    tokens = (files("jieba") / "dict.txt").read_text("utf-8").split()
    rows = sorted(
        (word, int(freq))
        for word, freq in zip(tokens[0::3], tokens[1::3])
        if (int(freq) >= MIN_FREQUENCY and HAN_WORD.fullmatch(word)) or HAN_CHAR.fullmatch(word)
    )
    total = sum(int(freq) for freq in tokens[1::3])
    header = (
        f"# jieba 0.42.1 dict.txt (MIT): Han words of 2-4 characters with frequency >= {MIN_FREQUENCY},"
        f" and single Han characters; total frequency {total}\n"
    )
    OUT.write_text(header + "".join(f"{word} {freq}\n" for word, freq in rows), "utf-8")
    print(f"{OUT}: {len(rows)} words")


if __name__ == "__main__":
    main()
