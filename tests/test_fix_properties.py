"""Property tests: arbitrary newsroom-ish Unicode never crashes the engine, positions are exact,
fixes are idempotent and touch only reported spans, and bytes conventions round-trip on write.

The second half checks that a safe fix is right, on copy built from real sentences (the seeds and
tests/corpus) whose curly quotes are known: quotes straightened, half-width marks, spaces and doubled
marks injected, paragraphs broken mid-sentence or two columns interleaved as a PDF conversion does.
Its example count is modest by default; a campaign runs it at scale:
    UNIONLINT_FUZZ_EXAMPLES=20000 pytest tests/test_fix_properties.py -k real_copy -p no:cacheprovider
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionlint.api import default_setup
from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import MAX_PASSES, apply_once, fix_document
from unionlint.sources import read_document
from unionlint.writer import write_document

ENGINE = Engine(default_setup().rules())

# Han, Latin, digits, ASCII and full-width punctuation, dashes and ellipses, quotes, spaces,
# astral characters, combining marks, control characters and both newline styles.
PIECES = list("工会职工群众劳动模范中国特色年月日abcXYZ0123456789,.;:()\"'!?-—…，。；：（）“”‘’！？、《》·　 \t")
PIECES += ["\r\n", "\n", "——", "……", "𠀀", "😀", "e\u0301", "\u200b", "\x07", "\r", "1,000", "http://a.cn/x,y"]
piece = st.sampled_from(PIECES)
texts = st.lists(st.one_of(piece, piece, piece, st.characters(codec="utf-8")), max_size=60).map("".join)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def offset_of(text: str, line: int, column: int) -> int:
    """Independent of Document.position: count lines by hand."""
    lines = text.split("\n")
    return sum(len(each) + 1 for each in lines[: line - 1]) + column - 1


@SETTINGS
@given(texts)
def test_positions_map_back_to_reported_text(raw):
    doc = Document.from_text("x.txt", raw)
    for diagnostic in ENGINE.lint(doc):
        assert doc.text[diagnostic.start : diagnostic.end] == diagnostic.text
        assert offset_of(doc.text, diagnostic.line, diagnostic.column) == diagnostic.start
        assert offset_of(doc.text, diagnostic.end_line, diagnostic.end_column) == diagnostic.end


@SETTINGS
@given(texts)
def test_fix_is_idempotent_and_leaves_nothing_safely_fixable(raw):
    fixed, _ = fix_document(ENGINE, Document.from_text("x.txt", raw))
    again, counts = fix_document(ENGINE, fixed)
    assert (again.text, counts) == (fixed.text, {})
    assert not [d for d in ENGINE.lint(fixed) if d.fix is not None and d.applicability == "safe"]


@SETTINGS
@given(texts)
def test_one_fix_pass_changes_only_reported_spans(raw):
    doc = Document.from_text("x.txt", raw)
    fixed, applied = apply_once(doc.text, ENGINE.lint(doc))
    cursor, out = 0, 0
    for diagnostic in applied:  # in text order, non-overlapping
        untouched = doc.text[cursor : diagnostic.start]
        assert fixed[out : out + len(untouched)] == untouched
        out += len(untouched)
        assert fixed[out : out + len(diagnostic.fix)] == diagnostic.fix
        out += len(diagnostic.fix)
        cursor = diagnostic.end
    assert fixed[out:] == doc.text[cursor:]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(alphabet="工会职工群众说好abc12,.:;()\"'!?　 ", max_size=20), min_size=1, max_size=5))
def test_encoding_and_newline_round_trip_through_fix(tmp_path, encoding, newline, lines):
    raw = newline.join(lines)
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode(encoding))
    doc = read_document(str(path))
    fixed, _ = fix_document(ENGINE, doc)
    write_document(fixed)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    decoded = data.decode(doc.encoding)  # very short GBK may be valid UTF-8: the guess must round-trip
    assert decoded.replace("\r\n", "\n") == fixed.text
    if newline == "\r\n":
        assert decoded.count("\r\n") == decoded.count("\n")
    else:
        assert "\r" not in decoded
    assert decoded.endswith(newline) == raw.endswith(newline)


# ---------------------------------------------------------------- safe fixes on real copy

ROOT = Path(__file__).resolve().parent.parent
OPENERS, CLOSERS = "“‘", "”’"
STRAIGHT = {"“": '"', "”": '"', "‘": "'", "’": "'"}
QUOTE_MARKS = "\"'“”‘’"


def _balanced(paragraph: str) -> bool:
    """Curly quotes only, each level never closed before it is opened and closed by the end."""
    if '"' in paragraph or "'" in paragraph:
        return False
    for opener, closer in ("“”", "‘’"):
        depth = 0
        for char in paragraph:
            depth += (char == opener) - (char == closer)
            if depth < 0:
                return False
        if depth:
            return False
    return True


def _sentences(paragraph: str) -> list[str]:
    """The paragraph cut after 。！？ (and the closing quotes that follow), outside any quotation."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(paragraph):
        depth += (char in OPENERS) - (char in CLOSERS)
        after = paragraph[index + 1 : index + 2]
        if depth == 0 and char in "。！？" + CLOSERS and after not in CLOSERS + "。！？":
            if char in "。！？" or paragraph[index - 1 : index] in "。！？":
                pieces.append(paragraph[start : index + 1])
                start = index + 1
    if paragraph[start:].strip():
        pieces.append(paragraph[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _real_sentences() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*/*.txt"))
    found = []
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            if paragraph.strip() and _balanced(paragraph):
                found.extend(_sentences(paragraph))
    return found


SENTENCES = _real_sentences()
QUOTED = [sentence for sentence in SENTENCES if any(mark in sentence for mark in OPENERS)]
UNQUOTED = [sentence for sentence in SENTENCES if not any(mark in sentence for mark in QUOTE_MARKS)]
SPEAKERS = ["他说：", "李拴表示：", "县总工会负责人介绍："]
# GB/T 15834-2011 5.1.3: a typeset line never ends on an opening mark nor starts with a closing or point mark.
_NO_LINE_END = set("“‘（《【〔")
_NO_LINE_START = set("”’）》】〕，。、；：？！…—")


def _cuts(text: str) -> list[int]:
    return [i for i in range(1, len(text)) if text[i - 1] not in _NO_LINE_END and text[i] not in _NO_LINE_START]


@st.composite
def _paragraph(draw) -> list[str]:
    """One paragraph of true copy, as the lines it ends up on."""
    sentence = st.one_of(st.sampled_from(QUOTED), st.sampled_from(QUOTED), st.sampled_from(SENTENCES))
    shape = draw(st.sampled_from(["plain", "plain", "plain", "continued", "broken", "interleaved"]))
    if shape == "continued":  # a quotation over paragraphs opens each and closes only the last (4.8.3)
        parts = draw(st.lists(st.sampled_from(UNQUOTED), min_size=2, max_size=3))
        first = draw(st.sampled_from(SPEAKERS)) + "“" + parts[0]
        return [first, *("“" + part for part in parts[1:-1]), "“" + parts[-1] + "”"]
    text = "".join(draw(st.lists(sentence, min_size=1, max_size=3)))
    if shape == "broken":  # a PDF line break in the middle of a sentence, maybe inside a quotation
        cuts = _cuts(text)
        if cuts:
            at = draw(st.sampled_from(cuts))
            return [text[:at], text[at:]]
    if shape == "interleaved":  # two columns read across: chunks of each, alternately, on one line
        other = "".join(draw(st.lists(sentence, min_size=1, max_size=2)))
        columns = []
        for column in (text, other):
            chunks, start = [], 0
            for at in _cuts(column):
                if at - start >= draw(st.integers(6, 20)):
                    chunks.append(column[start:at])
                    start = at
            columns.append([*chunks, column[start:]])
        shorter, longer = sorted(columns, key=len)
        mixed = [column[index] for index in range(len(shorter)) for column in columns]
        return [" ".join(mixed + longer[len(shorter) :])]
    return [text]


_HALF = {"，": ",", "；": ";", "：": ":", "！": "!", "？": "?", "（": "(", "）": ")"}


@st.composite
def _copy(draw) -> tuple[str, str]:
    """(true text, the text an editor receives): the same quotes in the same order, some of them straight."""
    lines = [line for paragraph in draw(st.lists(_paragraph(), min_size=1, max_size=4)) for line in paragraph]
    truth = draw(st.sampled_from(["\n", "\n\n"])).join(lines) + draw(st.sampled_from(["\n", ""]))
    random = Random(draw(st.integers(0, 2**32 - 1)))  # rates as drawn, not the extremes a shrinker prefers
    straight = draw(st.sampled_from([0.3, 0.7, 1.0]))
    half, space, double = (draw(st.sampled_from(rates)) for rates in ([0, 0.1, 0.4], [0, 0.05], [0, 0.03]))
    out = []
    for char in truth:
        if char in STRAIGHT and random.random() < straight:
            char = STRAIGHT[char]
        elif char in _HALF and random.random() < half:
            char = _HALF[char]
        elif char in "，。、" and random.random() < double:
            char += char
        if char not in "\n" and random.random() < space:
            char = random.choice([" " + char, char + " "])
        out.append(char)
    return truth, "".join(out).replace("……", "...") if random.random() < half else "".join(out)


def _never_closed_first(line: str) -> bool:
    """No ” (’) before its “ (‘) in the line; a straight quote may be either, so it counts as an opening one."""
    for opener, closer, straight in (("“", "”", '"'), ("‘", "’", "'")):
        depth = 0
        for index, char in enumerate(line):
            if (
                char == straight
                and straight == "'"
                and index
                and line[index - 1].isascii()
                and line[index - 1].isalnum()
            ):
                continue  # an apostrophe
            depth += (char in opener + straight) - (char == closer)
            if depth < 0:
                return False
    return True


def _form(text: str) -> str:
    """Text as read, whatever the form of its marks: half- or full-width, straight or curly quotes, a
    look-alike for the mark (• for ·, ― for —, ⋯ for …), how many dots or dashes, spaces."""
    plain = unicodedata.normalize("NFKC", text).translate(_PLAIN).replace(" ", "").replace("\t", "")
    return re.sub(r"([.\-])\1+", r"\1", plain)


_PLAIN = str.maketrans("“”‘’\u3000•・‧･∙⋅―─—－⋯〜～", "\"\"'' ······----.~~")


def _only_spans_changed(before: str, after: str, applied) -> list[tuple[int, int, bool]]:
    """Check (c): the text outside the applied fixes is unchanged. Returns the regions of `after` the fixes
    wrote, each with whether the fix changed only the form of what was there (， for , “ for ", a space)."""
    cursor, out, written = 0, 0, []
    for diagnostic in applied:
        untouched = before[cursor : diagnostic.start]
        assert after[out : out + len(untouched)] == untouched
        out += len(untouched)
        written.append((out, out + len(diagnostic.fix), _form(diagnostic.text) == _form(diagnostic.fix)))
        out += len(diagnostic.fix)
        cursor = diagnostic.end
    assert after[out:] == before[cursor:]
    return written


# A straight quote is one problem whether its direction is settled or not: a fix next to it (a space
# deleted, a neighbour settled) may settle it, and it moves from the one rule to the other.
_SAME_PROBLEM = {
    "punctuation.straight-quote-unpaired": "punctuation.straight-double-quotes",
    "punctuation.straight-single-quote-unpaired": "punctuation.straight-single-quotes",
}


# Rules that judge a paragraph against another or a mark against its partner: a fix anywhere in the
# paragraph may let them see what was there for the first time (two copies of a paragraph become one
# text once a slip in one is fixed; （ fixed from ( crosses a quotation). Their findings are about the
# copy as it was, so (b) leaves them out; that the quotes a fix writes are right is checked one by one.
_RELATIONAL = {
    "duplicates.repeated-paragraph",
    "duplicates.similar-paragraph",
    "duplicates.repeated-statement",
    "punctuation.unbalanced-pairs",
}


_CONTEXT = 4
# Kinds that judge a character by the words jieba finds around it: joining a word split by a stray space
# changes the words a few characters away (组 织只要 → 组织只要 → 只要), so what they report then was there.
_WORD_KINDS = {"typos", "lookalike", "lexicon"}


def _new_findings(before, after, written: list[tuple[int, int, bool]]) -> list:
    """Findings of a rule on a line beyond the number that rule had there before.

    A finding is not new when it lies over or next to what a fix wrote without taking in anything but
    changes of form: what it reports was there before, in a form the rule could not see — 1300.7余 万元 once
    the stray space is gone, 链" 打造 once the quote is known to be ”, ,, once it is ，，. A finding over a
    character a fix wrote that was not there before in any form (a deleted character, a new word) is new.
    Whether the quotes a fix writes are the right ones is checked quote by quote against the true copy."""
    earlier = Counter((_SAME_PROBLEM.get(d.rule, d.rule), d.line) for d in before)
    seen: Counter = Counter()
    new = []
    for d in after:
        if d.rule in _RELATIONAL or getattr(ENGINE.by_id.get(d.rule), "kind", None) in _WORD_KINDS:
            continue
        # Next to it: within the few characters a pattern's lookaround sees (23年5 月 → 23年5月 is a date).
        touches = any(d.start <= end + _CONTEXT and d.end + _CONTEXT >= start for start, end, _ in written)
        changes = any(max(d.start, start) < min(d.end, end) for start, end, form_only in written if not form_only)
        if touches and not changes:
            continue
        key = (_SAME_PROBLEM.get(d.rule, d.rule), d.line)
        seen[key] += 1
        if seen[key] > earlier[key]:
            new.append(d)
    return new


CAMPAIGN = bool(os.environ.get("UNIONLINT_FUZZ_EXAMPLES"))
FUZZ = settings(
    max_examples=int(os.environ.get("UNIONLINT_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # The normal suite runs the same documents every time (a regression sample); a campaign explores.
    derandomize=not CAMPAIGN,
    database=None,
)


_PROGRESS = os.environ.get("UNIONLINT_FUZZ_PROGRESS")  # a file the campaign appends its count to
_RUN = Counter()


@FUZZ
@given(_copy())
def test_safe_fixes_on_real_copy_are_right(copy):
    _check_safe_fixes(*copy)
    _RUN["documents"] += 1
    if _PROGRESS and _RUN["documents"] % 500 == 0:
        with open(_PROGRESS, "a", encoding="utf-8") as progress:
            progress.write(f"{_RUN['documents']} documents passed\n")


# What the campaigns found, each fixed: (true copy, copy as received).
FOUND = [
    # unbalanced-pairs took the first paragraph of a quotation over paragraphs (他说：“……) for an unclosed one.
    ("他说：“总工会 2023 年\n“总工会 2023 年”\n", '他说："总工会 2023 年\n"总工会 2023 年"\n'),
    # A line whose commas were half-width passed for a headline: once they were fixed, its space was reported.
    (
        "强基固本 打好培根铸魂“组合拳”\n者提供免费健康体 5888.7万人次,惠及14.43万名环卫工人;\n",
        '强基固本 打好培根铸魂"组合拳"\n者提供免费健康体 5888.7万人次,惠及14.43万名环卫工人;\n',
    ),
    # stray.space-between-han paired straight quotes by order to spare the spaces inside quotations: once
    # 流动" was fixed to 流动”, the pairing moved and the space in 入会 会员 was reported.
    (
        "新就业形态劳动者“流动”入会 会员权益“随身带”通过解决职工群众的急难愁盼问题,让“工”字服务品牌不断被叫响擦亮。\n",
        '新就业形态劳动者“流动"入会 会员权益"随身带"通过解决职工群众的急难愁盼问题,让"工"字服务品牌不断被叫响擦亮。\n',
    ),
    # It also took a “ and the next ” for one quotation with straight quotes between them: once one was
    # fixed, the spaces of the whole run were reported.
    (
        "她对“‘娘家人’就在身边”的说法印象很深。同时，总工会落实“一张网”工程，部署“神经元”和配套项目。\n",
        '她对“ \'娘家人\'就在身边" 的 说法 印 象很 深。同时，总工 会落实"一 张 网"工程，部署 "神经元 ” 和配套项目。\n',
    ),
    # numbers.decimal-leading-zero took the point of 1 .5 (a stray space) for a pure decimal once the space
    # before 万 was gone, and wrote 1 0.5万家.
    (
        "力争全省新增基层工会组织1.5万家、发展会员150万人。\n",
        "力争全省新增基层工会组织 1 .5 万家、发展会员 1 50 万人。\n",
    ),
    # ... and of 43 / .1万场, a number broken across lines: it wrote 0.1万场.
    (
        "打造“和你在一起”职工志愿服务品牌，开展职工志愿服务活动43\n.1万场。\n",
        "打造“和你在一起”职工志愿服务品牌，开展职工志愿服务活动43\n.1万场。\n",
    ),
    # punctuation.nested-quotes paired curly quotes past a straight one (五大行动"“十件实事”) and wrote ‘十件实事’.
    ("从每年落实“五大行动”“十件实事”到做实“工”字品牌。\n", '从每年落实“五大行动"“十件实事”到做实"工”字品牌。\n'),
    # ... and across the spaces where two PDF columns were read across, each with its own “保障网”.
    (
        "不断织密 不断织密 广劳权益“保 广劳权益“保 障网”，从每 障网”，从每 年落实。\n",
        '不断织密 不断织密 广劳权益“保 广劳权益“保 障网"，从每 障网”，从每 年落实。\n',
    ),
    # ... and, two columns read across, the point of 6 .74万 whose 6 is in the other column: 服务 0.74万名.
    (
        "开展服务农民 工法治宣传和公 益法律服务行动,6 实打实”服务 .74万名农 职工。\n",
        "开展服务农民 工法治宣传和公 益法律服务行动,6 实打实”服务 .74万名农 职工。\n",
    ),
]


@pytest.mark.parametrize(("truth", "text"), FOUND, ids=[f"found-{index}" for index in range(len(FOUND))])
def test_what_the_campaigns_found_stays_fixed(truth, text):
    _check_safe_fixes(truth, text)


def _check_safe_fixes(truth: str, text: str) -> None:
    """Safe fixes on `text`, whose true form is `truth`: (a), (b), (c), the quotes they write, a second pass."""
    doc = Document.from_text("x.txt", text)
    current, diagnostics = doc, ENGINE.lint(doc)
    new: list = []
    for _ in range(MAX_PASSES):  # fix_document's loop, checking every pass
        fixed, applied = apply_once(current.text, diagnostics)
        if not applied or fixed == current.text:
            break  # a second --fix changes nothing
        written = _only_spans_changed(current.text, fixed, applied)  # (c) nothing outside the reported spans
        current = Document(path=doc.path, text=fixed, encoding=doc.encoding, newline=doc.newline)
        diagnostics, earlier = ENGINE.lint(current), diagnostics
        # (b) no rule reports more on a line after a pass than before it ...
        new.extend(_new_findings(earlier, diagnostics, written))
    else:
        raise AssertionError(f"still fixing after {MAX_PASSES} passes: {current.text!r}")
    fixed = current.text
    # ... unless a later pass took it away again (a paragraph half fixed looked like a near copy of its twin).
    final = {(_SAME_PROBLEM.get(d.rule, d.rule), d.line, d.text) for d in diagnostics}
    assert not [d for d in new if (_SAME_PROBLEM.get(d.rule, d.rule), d.line, d.text) in final], (text, fixed, new)
    if not CAMPAIGN:  # the library's loop is the one above (a campaign spares the time)
        assert fix_document(ENGINE, doc)[0].text == fixed
    # Every quote a fix wrote is the one the copy had before it was straightened.
    true_quotes, given_quotes = re.findall(f"[{QUOTE_MARKS}]", truth), re.findall(f"[{QUOTE_MARKS}]", text)
    fixed_quotes = re.findall(f"[{QUOTE_MARKS}]", fixed)
    assert len(fixed_quotes) == len(given_quotes) == len(true_quotes)
    wrong = [
        (index, given_quotes[index], now, true_quotes[index])
        for index, now in enumerate(fixed_quotes)
        if now not in (given_quotes[index], true_quotes[index])
    ]
    assert not wrong, (text, fixed)
    # (a) a line never gets a closing quote before its opening one unless the true copy has one there.
    assert fixed.count("\n") == text.count("\n")
    true_lines = truth.split("\n")
    for index, fixed_line in enumerate(fixed.split("\n")):
        assert _never_closed_first(fixed_line) or not _never_closed_first(true_lines[index]), (
            true_lines[index],
            fixed_line,
        )
