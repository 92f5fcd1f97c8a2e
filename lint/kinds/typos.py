"""`typos`: a character that makes no word where a sound-alike or look-alike would make a common one.

Most 错别字 in typed copy are an input-method homophone (贯撤落实 for 贯彻落实) or a look-alike
(专项整制 for 专项整治), and most of them leave a character that belongs to no word around it.
The kind works only there:

1. Every Han character covered by a common word of 2–4 characters (the word table, see
   `unionlint/data/common_words.txt`) is taken as spelt right; so is everything inside 《》, short
   quotations and masked regions; the configuration's `allow` words (house names, local places)
   silence a finding inside them, as for every rule.
2. In a stretch of two or more uncovered characters, every common homophone (a shared common
   reading, any tone) and look-alike (`unionlint.confusion`) of each character is tried in its
   place. A replacement counts when it forms a common word of 2–4 characters inside the stretch
   (never taking a character from a neighbouring word) at least `min_frequency` frequent, what is
   written there is not a word at all, not even a rare one (all of jieba's dictionary), and the word
   outweighs the written characters taken one by one (see `_best_replacement`). The strongest
   candidate of the stretch is reported.
3. The same characters written twice in the document are a term of the article (禁采期), not a
   slip; a neighbour that is a grammatical word of its own (而, 其, 的) is not half of a word.
4. A name is not a typo: a candidate is dropped when the character begins a likely personal name
   (a common surname followed by one or two uncovered characters) or follows a role word such as
   记者 or 通讯员.

The best replacement (the most frequent word formed) is reported with the rule's message; the fix is
unsafe — a proofreader confirms it — because the kind does not know the sentence's meaning: a
real-word slip (权利 for 权力) is out of its reach.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from unionlint.document import Document
from unionlint.model import Finding, Rule
from unionlint.options import Integer, Option

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
# Titles and short quotations: names of works, slogans and classical lines are not checked.
_SHIELDED = regex.compile(r"《[^《》\n]*》|“[^“”\n]{1,24}”|「[^「」\n]*」")
# Role words after which a personal name follows (本报记者 刘洋, 通讯员陈静).
_ROLE_BEFORE_NAME = ("记者", "通讯员", "编辑", "摄影", "同志", "主席", "书记", "局长", "经理", "师傅", "老师", "教授")
# Characters that are grammatical words of their own: a slip is not looked for in a word they
# would have to be half of (而拒不履行 is not 而且不履行).
_GRAMMAR_CHARACTERS = frozenset(
    "的地得了着过而且其之于以者所和与及或并也都就还又被把将对从向在是有不没很最更这那此每各该"
)
# The most common surnames (about 85 % of the population); a surname and one or two characters
# that form no word are taken as a name.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
)


def build(rule: Rule):
    min_frequency = rule.options["min_frequency"]

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        words = _common_words()
        shielded = [match.span() for match in _SHIELDED.finditer(text)]
        masked = doc.is_masked if doc.masks else None
        for run in _HAN_RUN.finditer(text):
            for start, (replacement, word), written in _slips(run.group(), words, min_frequency):
                at = run.start() + start
                if any(left <= at < right for left, right in shielded):
                    continue
                if masked is not None and masked(at, at + 1):
                    continue
                if text.count(written, 0, len(text)) > 1:
                    continue  # written the same way twice: a term of the article (禁采期, 绿线), not a slip
                yield Finding(at, at + 1, replacement, (("word", word),))

    return find


def _slips(run: str, words: dict[str, str], min_frequency: int) -> Iterator[tuple[int, tuple[str, str], str]]:
    """(offset, (replacement character, the word it forms), the characters it replaces) for the best
    candidate of each stretch of uncovered characters of a Han run: one slip per stretch."""
    size = len(run)
    covered = bytearray(size)
    known = words.__contains__
    for index in range(size - 1):  # most characters are covered by a word of two
        if known(run[index : index + 2]):
            covered[index] = covered[index + 1] = 1
    # The rest may sit inside a word of three or four; a lone uncovered character between covered
    # ones is never examined (no window fits), so only stretches of two or more are looked at.
    for index in range(size):
        if covered[index] or ((index == 0 or covered[index - 1]) and (index + 1 == size or covered[index + 1])):
            continue
        for start in range(index - 3 if index > 3 else 0, index + 1):
            if covered[index]:
                break
            for end in (start + 3, start + 4):
                if index < end <= size and known(run[start:end]):
                    covered[start:end] = b"\x01" * (end - start)
                    break
    index = 0
    while index < size:
        if covered[index]:
            index += 1
            continue
        end = index
        while end < size and not covered[end]:
            end += 1
        if end - index > 1:  # a lone character forms no window
            found = _best_in_stretch(run, index, end, words, min_frequency, covered)
            if found is not None:
                position, replacement, word, written = found
                yield position, (replacement, word), written
        index = end


def _reduplicated(run: str, index: int) -> bool:
    """Part of 歇一歇, 看了看: a verb repeated around 一 or 了."""
    char = run[index]
    return (run[index + 1 : index + 3] in (f"一{char}", f"了{char}")) or (
        index >= 2 and run[index - 2 : index] in (f"{char}一", f"{char}了")
    )


def _looks_like_name(run: str, index: int, covered: bytearray) -> bool:
    """The character is a surname before an uncovered character, or one of the one or two uncovered
    characters after a surname (a given name), or it follows a role word (记者刘洋)."""

    def surname_at(position: int) -> bool:
        return position >= 0 and run[position] in _SURNAMES and not covered[position]

    if surname_at(index) and index + 1 < len(run) and not covered[index + 1]:
        return True
    if surname_at(index - 1) or (surname_at(index - 2) and not covered[index - 1]):
        return True
    before = run[max(0, index - 3) : index]
    return any(before.endswith(role) or before[:-1].endswith(role) for role in _ROLE_BEFORE_NAME)


def _best_in_stretch(
    run: str, low: int, high: int, words: dict[str, str], min_frequency: int, covered: bytearray
) -> tuple[int, str, str, str] | None:
    """(position, replacement, the word it forms, the characters it replaces) with the strongest
    evidence in the stretch [low, high) of uncovered characters, or None.

    Evidence is a word-frequency comparison, as a unigram segmenter would make it: the written
    characters as single-character words (P(贯)·P(撤)) against the word the replacement forms
    (P(贯彻)) times the prior odds of that slip (an input-method homophone is ten times likelier than
    a look-alike). Only windows inside the stretch are tried: a word that would take a character
    from a neighbouring word (专项整制行动: 执行 takes 行 from 行动) does not fit both neighbours."""
    from unionlint import confusion

    best, best_score = None, 1.0
    for length in (2, 3, 4):
        for start in range(low, high - length + 1):
            written = run[start : start + length]
            odds = _TOTAL ** (length - 1)
            for char in written:
                odds /= int(words.get(char, 1))
            if odds * _MAX_FREQUENCY[length] * _HOMOPHONE_PRIOR <= best_score:
                continue  # common characters: no word could outweigh them
            for offset, char in enumerate(written):
                others = written[:offset] + written[offset + 1 :]
                if any(other in _GRAMMAR_CHARACTERS for other in others):
                    continue  # 而拒 → 而且, 其示 → 其实: the neighbour is a word of its own, not half of one
                position = start + offset
                if _looks_like_name(run, position, covered) or _reduplicated(run, position):
                    continue
                sounds = confusion.common_homophones(char)
                for candidate in sounds | confusion.shape_similar(char):
                    word = written[:offset] + candidate + written[offset + 1 :]
                    count = words.get(word)
                    if count is None or int(count) < min_frequency:
                        continue
                    score = odds * int(count) * (_HOMOPHONE_PRIOR if candidate in sounds else _SHAPE_PRIOR)
                    if score > best_score and not _is_any_word(written):
                        best, best_score = (position, candidate, word, written), score
    return best


def _is_any_word(text: str) -> bool:
    """A word of the common table or a rare word of jieba's dictionary (rare_words.txt, read on the
    first candidate: most clean copy never needs it)."""
    return text in _common_words() or text in _rare_words()


@lru_cache(maxsize=1)
def _rare_words() -> frozenset[str]:
    from importlib.resources import files

    return frozenset((files("unionlint") / "data" / "rare_words.txt").read_text("utf-8").split("\n", 1)[1].split())


_TOTAL = 60_101_967  # the dictionary's total frequency (see the table's header)
_MAX_FREQUENCY = {2: 142_747, 3: 34_010, 4: 15_227}  # the most frequent word of each length in the table
_HOMOPHONE_PRIOR = 1e-3
_SHAPE_PRIOR = 1e-4
_EXTRA_FREQUENCY = "100"  # the words of extra_words.txt count as this frequent


@lru_cache(maxsize=1)
def _common_words() -> dict[str, str]:
    """Han words of 2–4 characters and single characters with their frequencies (strings, converted
    when compared): jieba's common words, and the current official words it lacks (extra_words.txt)."""
    from importlib.resources import files

    data = files("unionlint") / "data"
    tokens = data.joinpath("common_words.txt").read_text("utf-8").split("\n", 1)[1].split()
    table = dict(zip(tokens[0::2], tokens[1::2]))
    for line in data.joinpath("extra_words.txt").read_text("utf-8").splitlines():
        if not line.startswith("#"):
            table.update(dict.fromkeys(line.split(), _EXTRA_FREQUENCY))
    return table
