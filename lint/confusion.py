"""Which Chinese characters are easily confused with which: by sound and by shape.

The shared evidence for rules that judge whether a character in copy is a slip for another one
(an IME homophone, an OCR misreading). Everything is loaded on first use and cached:

- readings come from `pypinyin`'s character table (MIT licence), kept as `readings.txt` in
  `lint/data/` (made by tools/make_data.py), so a reading never imports pypinyin (~0.1 s);
- shapes come from two tables in `lint/data/` (sources and licences in `lint/data/NOTICE.md`):
  `shape_similar.txt`, pycorrector's groups of look-alike characters (Apache-2.0; 2,511 characters
  in 831 groups), and `four_corner.txt`, the four-corner codes (四角号码) of the GB 2312 characters
  from char-similar (Apache-2.0). `shape_similar` is pycorrector's table alone; `relation` also takes
  the same five-digit four-corner code (`shape_same_code`: 抉/扶, 荀/苟, 己/已) as *shape*, and codes
  one digit apart (`shape_near`: 攻/改, 辰/展, 糸/系) as *near-shape*: weaker evidence, as many such
  pairs look nothing alike.

Sound relations, strongest first:

- *homophone*: the two characters share a reading, tones ignored (事/是, 厉/励, 彩/采);
- *near-homophone*: they share a reading once the confusions of pinyin input methods and of
  regional accents are folded together: initials zh/z, ch/c, sh/s and n/l, finals in/ing,
  en/eng and an/ang (including ian/iang and uan/uang) — 新/星, 陈/程, 四/是, 南/蓝.

`homophones(char)` and `near_homophones(char)` list candidates among the 6,763 characters of
GB 2312 (the common characters of printed copy), so a caller never sees rare characters.
"""

from __future__ import annotations

from functools import cache, lru_cache

HOMOPHONE = "homophone"
NEAR_HOMOPHONE = "near-homophone"
SHAPE = "shape"
NEAR_SHAPE = "near-shape"

_TONELESS = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ",
    "aaaaeeeeiiiioooouuuuüüüünnnm",
)


@lru_cache(maxsize=4096)
def readings(char: str) -> tuple[str, ...]:
    """The character's readings in pinyin without tones (`长` → ('chang', 'zhang')); () when it has none."""
    if len(char) != 1:
        return ()
    return _readings().get(char)


def toneless(reading: str) -> str:
    """A pinyin reading without its tone mark (`zhǎng` → `zhang`)."""
    return reading.translate(_TONELESS)


@cache  # at most the 6,763 common characters
def common_homophones(char: str) -> frozenset[str]:
    """Common characters that share one of `char`'s *common* readings (those an input method offers
    it under: 长 zhang/chang, not 透's classical shū), tones ignored; `char` itself excluded.

    Stricter than `homophones`, for detectors that look at every character of running text."""
    by_char, by_reading = _common_sound_index()
    return frozenset(other for reading in by_char.get(char, ()) for other in by_reading[reading]) - {char}


def fold(syllable: str) -> str:
    """A toneless syllable with the input-method confusions folded together (`zheng` → `zen`, `niang` → `lian`)."""
    for initial, folded in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if syllable.startswith(initial):
            syllable = folded + syllable[2:]
            break
    else:
        if syllable.startswith("n") and syllable not in ("n", "ng"):  # 嗯 reads n or ng
            syllable = "l" + syllable[1:]
    if syllable.endswith("ng") and syllable[-3:-2] in ("i", "e", "a") and syllable != "ng":
        syllable = syllable[:-1]  # ing → in, eng → en, ang → an (iang → ian, uang → uan)
    return syllable


def same_sound(a: str, b: str) -> bool:
    """True when the two characters share a reading, tones ignored."""
    return a != b and not set(readings(a)).isdisjoint(readings(b))


def near_sound(a: str, b: str) -> bool:
    """True when they share a reading once zh/z, ch/c, sh/s, n/l, in/ing, en/eng and an/ang are folded
    (homophones included)."""
    return a != b and not {fold(r) for r in readings(a)}.isdisjoint(fold(r) for r in readings(b))


def shape_similar(char: str) -> frozenset[str]:
    """The characters that look like this one in pycorrector's shape table (empty when it is not listed)."""
    return _shapes().get(char, frozenset())


def shape_same_code(char: str) -> frozenset[str]:
    """Common characters with this one's five-digit four-corner code (抉/扶, 荀/苟): look-alikes the
    pycorrector table does not list."""
    codes, chars = _four_corner()
    return frozenset(chars.get(codes.get(char, ""), "")) - {char}


def shape_near(char: str) -> frozenset[str]:
    """Common characters whose four-corner code differs from this one's in one digit (weaker evidence)."""
    codes, chars = _four_corner()
    code = codes.get(char)
    if code is None:
        return frozenset()
    found = set()
    for at in range(5):
        for digit in "0123456789":
            if digit != code[at]:
                found.update(chars.get(code[:at] + digit + code[at + 1 :], ""))
    return frozenset(found - {char})


def homophones(char: str) -> frozenset[str]:
    """Common (GB 2312) characters sharing a reading with `char`, tones ignored; `char` itself excluded."""
    index = _sound_index()[0]
    return frozenset(other for reading in readings(char) for other in index.get(reading, ())) - {char}


def near_homophones(char: str) -> frozenset[str]:
    """Common characters that sound like `char` under the folded confusions, homophones included."""
    index = _sound_index()[1]
    return frozenset(other for reading in readings(char) for other in index.get(fold(reading), ())) - {char}


def relation(original: str, typed: str) -> str | None:
    """How `typed` could be a slip for `original`: HOMOPHONE, SHAPE, NEAR_HOMOPHONE, NEAR_SHAPE
    (strongest first), or None."""
    if original == typed:
        return None
    if same_sound(original, typed):
        return HOMOPHONE
    if typed in shape_similar(original) or typed in shape_same_code(original):
        return SHAPE
    if near_sound(original, typed):
        return NEAR_HOMOPHONE
    if typed in shape_near(original):
        return NEAR_SHAPE
    return None


class _Readings:
    """lint/data/readings.txt (one line per set of readings: `readings<TAB>characters`). The first
    characters asked are searched in the text; once many have been, it is made a table."""

    def __init__(self):
        from importlib.resources import files

        self.text = (files("unionlint") / "data" / "readings.txt").read_text("utf-8")
        self.table: dict[str, tuple[str, ...]] | None = None
        self.left = 256  # searches before the table is made

    def get(self, char: str) -> tuple[str, ...]:
        if self.table is None and self.left > 0:
            self.left -= 1
            if ord(char) < 0x3007:  # the table starts at 〇; below, only pinyin letters would be found
                return ()
            text = self.text
            at = text.find(char)
            if at < 0:
                return ()
            start = text.rfind("\n", 0, at) + 1
            return tuple(text[start : text.index("\t", start)].split(","))
        return self.full().get(char, ())

    def full(self) -> dict[str, tuple[str, ...]]:
        """character → its readings without tones, in pypinyin's order."""
        if self.table is None:
            table: dict[str, tuple[str, ...]] = {}
            for line in self.text.split("\n")[1:]:
                if line:
                    key, chars = line.split("\t")
                    table.update(dict.fromkeys(chars, tuple(key.split(","))))
            self.table = table
        return self.table


@lru_cache(maxsize=1)
def _readings() -> _Readings:
    return _Readings()


@lru_cache(maxsize=1)
def _shapes() -> dict[str, frozenset[str]]:
    from importlib.resources import files

    groups: dict[str, set[str]] = {}
    text = (files("unionlint") / "data" / "shape_similar.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        chars = [c for c in (part.strip() for part in line.split("\t")) if len(c) == 1]
        for char in chars:
            groups.setdefault(char, set()).update(chars)
    return {char: frozenset(others - {char}) for char, others in groups.items()}


@lru_cache(maxsize=1)
def _four_corner() -> tuple[dict[str, str], dict[str, str]]:
    """character → four-corner code, and code → its characters."""
    from importlib.resources import files

    codes: dict[str, str] = {}
    chars: dict[str, str] = {}
    for line in (files("unionlint") / "data" / "four_corner.txt").read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        code, members = line.split()
        chars[code] = members
        for char in members:
            codes[char] = code
    return codes, chars


@lru_cache(maxsize=1)
def _sound_index() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """reading → common characters, and folded reading → common characters."""
    exact: dict[str, list[str]] = {}
    folded: dict[str, list[str]] = {}
    for char in _readings().full():
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if len(char.encode("gb2312")) != 2:
            continue
        for reading in readings(char):
            exact.setdefault(reading, []).append(char)
            folded.setdefault(fold(reading), []).append(char)
    return exact, folded


@lru_cache(maxsize=1)
def _common_sound_index() -> tuple[dict[str, tuple[str, ...]], dict[str, list[str]]]:
    """character → its common readings, and common reading → characters (lint/data/common_readings.txt)."""
    from importlib.resources import files

    by_char: dict[str, tuple[str, ...]] = {}
    by_reading: dict[str, list[str]] = {}
    text = (files("unionlint") / "data" / "common_readings.txt").read_text("utf-8")
    for line in text.splitlines()[1:]:
        char, *common = line.split(" ")
        by_char[char] = tuple(common)
        for reading in common:
            by_reading.setdefault(reading, []).append(char)
    return by_char, by_reading
