"""Regenerate the derived data tables in lint/data/ (sources and licences: lint/data/NOTICE.md).

    python tools/make_data.py

Every table is read at start-up speed: no library is imported and no big file is parsed whole
before a lookup needs it.

- words.txt, from jieba's dictionary (MIT): every entry of jieba's dict.txt (349,000 words with
  corpus frequencies; the part-of-speech tags dropped), one line per first character and length,
  so that `unionlint.words` parses only the lines a text asks about. Reading jieba's own
  file costs ~0.3 s (and importing jieba to find it more); this costs a few milliseconds.
- common_pairs.txt, from the same dictionary: for each character, the characters that follow it in
  a two-character Han word seen at least 5 times — what the typo detector checks for every pair of
  characters of a text, without building a table of words.
- common_prefixes.txt, from the same dictionary: for each character, the characters that follow it at
  the start of a Han word of three or four characters seen at least 5 times — so that the typo
  detector asks the word list only about words that may exist.
- common_readings.txt, from pypinyin's phrase list (MIT): the readings an input method offers a
  GB 2312 character under.
- readings.txt, from pypinyin's character table (MIT): every character's readings, tones dropped,
  so that looking up a reading never imports pypinyin (~0.1 s).
"""

from __future__ import annotations

import re
from pathlib import Path

import regex

MIN_FREQUENCY = 5  # a word seen fewer times is rare: the typo detector never takes it for common
HAN_PAIR = regex.compile(r"\p{Han}{2}")
HAN_LONGER = regex.compile(r"\p{Han}{3,4}")
DATA = Path(__file__).resolve().parent.parent / "lint" / "data"
# A reading is common when this share of a character's uses in pypinyin's phrase list have it.
COMMON_SHARE = 0.1


def main() -> None:
    entries = jieba_entries()
    word_table(entries)
    pair_table(entries)
    prefix_table(entries)
    reading_table()
    all_readings_table()


def jieba_entries() -> dict[str, int]:
    """jieba's dict.txt as word → frequency, in the file's order (a word listed twice keeps its last
    frequency, as a dict built from the file does)."""
    import jieba

    text = (Path(jieba.__file__).parent / "dict.txt").read_text("utf-8")
    tokens = text.split()  # "word frequency tag" per line
    return {word: int(freq) for word, freq in zip(tokens[0::3], tokens[1::3])}


def word_table(entries: dict[str, int]) -> None:
    """words.txt: one line per first character and word length, `word frequency` pairs separated by
    tabs (a reader finds a word by searching TAB word SPACE); the lines of one first character
    together (a block), shortest words first. Three header lines say where everything is, so that a
    reader finds a line without reading or splitting the others: the blocks' first characters; the
    blocks' lengths in bytes; and for each block, its lines as `word-length.bytes` separated by
    commas."""
    blocks: dict[str, dict[int, list[str]]] = {}
    for word, freq in entries.items():
        blocks.setdefault(word[0], {}).setdefault(len(word), []).append(f"{word} {freq}")
    body, sizes, layouts = [], [], []
    for block in blocks.values():
        lines = [(length, ("\t".join(block[length]) + "\n").encode("utf-8")) for length in sorted(block)]
        body += [line for _, line in lines]
        sizes.append(sum(len(line) for _, line in lines))
        layouts.append(",".join(f"{length}.{len(line)}" for length, line in lines))
    total = sum(entries.values())
    header = (
        f"# jieba 0.42.1 dict.txt (MIT): every entry with its frequency; {len(entries)} words;"
        f" total frequency {total}\n"
        "# Next: the blocks' first characters; their lengths in bytes; their lines as word-length.bytes.\n"
        + "".join(blocks)
        + "\n"
        + " ".join(map(str, sizes))
        + "\n"
        + " ".join(layouts)
        + "\n"
    )
    path = DATA / "words.txt"
    path.write_bytes(header.encode("utf-8") + b"".join(body))
    print(f"{path}: {len(entries)} words in {len(body)} lines, {len(blocks)} blocks")


def pair_table(entries: dict[str, int]) -> None:
    """common_pairs.txt: a character, then the characters that follow it in jieba's two-character Han
    words seen at least MIN_FREQUENCY times."""
    following: dict[str, list[str]] = {}
    for word in sorted(entries):
        if entries[word] >= MIN_FREQUENCY and HAN_PAIR.fullmatch(word):
            following.setdefault(word[0], []).append(word[1])
    header = (
        f"# jieba 0.42.1 dict.txt (MIT): each character, then the characters that follow it in a Han word of two"
        f" characters with frequency >= {MIN_FREQUENCY}\n"
    )
    path = DATA / "common_pairs.txt"
    path.write_text(header + "".join(first + "".join(rest) + "\n" for first, rest in following.items()), "utf-8")
    print(f"{path}: {sum(map(len, following.values()))} words")


def prefix_table(entries: dict[str, int]) -> None:
    """common_prefixes.txt: a character, then the characters that follow it at the start of jieba's
    Han words of three or four characters seen at least MIN_FREQUENCY times."""
    following: dict[str, set[str]] = {}
    for word, freq in entries.items():
        if freq >= MIN_FREQUENCY and HAN_LONGER.fullmatch(word):
            following.setdefault(word[0], set()).add(word[1])
    header = (
        "# jieba 0.42.1 dict.txt (MIT): each character, then the characters that follow it at the start of a Han"
        f" word of three or four characters with frequency >= {MIN_FREQUENCY}\n"
    )
    path = DATA / "common_prefixes.txt"
    rows = "".join(first + "".join(sorted(following[first])) + "\n" for first in sorted(following))
    path.write_text(header + rows, "utf-8")
    print(f"{path}: {sum(map(len, following.values()))} pairs")


def reading_table() -> None:
    """common_readings.txt, from pypinyin's phrase list (MIT): for each GB 2312 character, the
    readings (tones dropped) it has in at least 10 % of the listed phrases that contain it — the
    readings an input method offers it under —, written as each reading with its characters.
    pypinyin's per-character table also lists rare and classical readings (透 shū, 逐 dí), which
    would make 透 a homophone of 数."""
    from collections import Counter, defaultdict

    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    from unionlint.confusion import toneless

    uses: dict[str, Counter] = defaultdict(Counter)
    for phrase, readings in phrases_dict.items():
        if len(phrase) == len(readings):
            for char, reading in zip(phrase, readings):
                uses[char][toneless(reading[0])] += 1
    by_reading: dict[str, list[str]] = {}
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
        for reading in common:
            by_reading.setdefault(reading, []).append(char)
    header = (
        "# pypinyin (MIT) phrases_dict: common readings of GB 2312 characters, tones dropped;"
        " each reading, then its characters\n"
    )
    rows = "".join(f"{reading} {''.join(chars)}\n" for reading, chars in sorted(by_reading.items()))
    (DATA / "common_readings.txt").write_text(header + rows, "utf-8")
    print(f"{DATA / 'common_readings.txt'}: {len(by_reading)} readings")


def all_readings_table() -> None:
    """readings.txt, from pypinyin's character table (MIT): one line per set of readings (tones
    dropped, in the table's order), `readings<TAB>characters`, the readings separated by commas."""
    from pypinyin.pinyin_dict import pinyin_dict

    from unionlint.confusion import toneless

    groups: dict[str, list[str]] = {}
    for code, value in sorted(pinyin_dict.items()):
        if not value:
            continue
        readings = ",".join(dict.fromkeys(toneless(reading) for reading in value.split(",")))
        groups.setdefault(readings, []).append(chr(code))
    bad = [key for key in groups if re.search(r"[\t\n]", key)]
    assert not bad, bad
    header = "# pypinyin (MIT) pinyin_dict: each character's readings, tones dropped; readings<TAB>characters\n"
    path = DATA / "readings.txt"
    path.write_text(header + "".join(f"{key}\t{''.join(chars)}\n" for key, chars in groups.items()), "utf-8")
    print(f"{path}: {sum(map(len, groups.values()))} characters in {len(groups)} lines")


if __name__ == "__main__":
    main()
