"""`lexicon`: canonical formulations, names and idioms, and the near-misses that slip past an eye.

The entries come from data files (`files:`, relative to the pack) and/or inline `entries:`; a
house pack adds its own lexicon rule, and every lexicon rule knows every other one's entries, so a
text that is itself canonical anywhere is never reported. Files are read on the first document, not
at start-up.

A near-miss is text one edit away from an entry: a character substituted (first and last
included), two adjacent characters or words swapped, one character dropped or added inside, a
wrong or missing list separator (、), a wrong middle dot (·), a wrong numeral; and, precomputed for
lists, two adjacent items swapped or every separator wrong. Whether it is reported is decided by
evidence (see `SCORING`, shown by `unionlint explain`): a substituted character must be a
homophone, near-homophone or look-alike of the canonical one (`unionlint.confusion`), the variant
must not be a word of the dictionary (`unionlint.words`, loaded only when a candidate gets this
far), quotation marks and length add weight, and entries of four characters or fewer need more.

Finding candidates is linear in the text and does not grow with the number of entries: each entry
is cut into pieces (two halves up to five characters, three pieces beyond) so that one edit leaves
at least one piece intact; every piece is indexed under its first two characters, the text is
scanned once with a dictionary look-up per position, and only windows around an intact piece are
compared with its entry.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count
from pathlib import Path

from unionlint import confusion, words
from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.model import Finding, Rule
from unionlint.options import AnyOf, Defined, ListOf, MapOf, Option, Record, Text
from unionlint.prefilter import automaton_matches

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ("label", "reason", "score")

ENTRY = Defined(
    "lexicon_entry",
    AnyOf(
        Text(1),
        Record(
            Option("text", Text(1), required=True),
            Option(
                "source",
                Text(),
                "Document (and date, address) the entry is verified against, or a key of the file's sources.",
            ),
            Option("allow", ListOf(Text(1)), "Legitimate near-relatives of the entry: never reported."),
        ),
    ),
)
# A lexicon data file (rules/lexicon/README.md), checked when it is read.
FILE = Defined(
    "lexicon_file",
    Record(
        Option("title", Text()),
        Option("sources", MapOf(Text(1))),
        Option(
            "groups",
            ListOf(
                Record(
                    Option("group", Text(), required=True),
                    Option("source", Text()),
                    Option("entries", ListOf(ENTRY), required=True),
                )
            ),
            required=True,
        ),
    ),
)
DEFINITIONS = (FILE,)  # written into the schema's $defs although no option refers to it

OPTIONS = (
    Option("label", Text(), "What the entries are, for the message ({label}): 提法, 名称, 成语 …", default="提法"),
    Option("entries", ListOf(ENTRY), "Canonical entries; each takes the rule's source unless it names its own."),
    Option(
        "files",
        ListOf(Text(1)),
        "Lexicon data files relative to the pack (see #/$defs/lexicon_file and rules/lexicon/README.md).",
    ),
)
ONE_REQUIRED = ("entries", "files")  # a lexicon rule needs one of them, or both

SEPARATOR = "、"
WRONG_SEPARATORS = "，,；; /"
DOT = "·"
WRONG_DOTS = "•・．.‧∙⋅•◦・ 、-"
NUMERALS = "一二两三四五六七八九十百千万"
OPENING_QUOTES = "“‘「『《\"'"
CLOSING_QUOTES = "”’」』》\"'"
FUNCTION_CHARS = frozenset("的地得之等和与及并或而以其、，,；;：: \u3000\t")  # dropped or added, a matter of style
MIN_LENGTH = 4  # shorter entries are matched exactly only (by a terms rule), never as near-misses

# edit → weight; see SCORING
EDIT_WEIGHTS = {
    "separator": 3,
    "dot": 3,
    "item-swap": 3,
    "numeral": 2,
    "homophone": 2,
    "shape": 2,
    "near-homophone": 1,
    "near-shape": 1,
    "word-swap": 2,
    "swap": 2,
    "drop": 2,
    "add": 1,
    "stray": 0,
    "doubled": 2,
}
SHORT_EDITS = {"separator", "dot", "item-swap", "numeral", "homophone", "shape"}
THRESHOLD = 4
BOUNDARY_FREQUENCY = 200  # a word across the window's edge counts only if it is common (构建 550, not 南中 30)
SHORT_THRESHOLD = 3

SCORING = """\
评分（与规范条目只差一处的文字是否报告）：
  差异类型：顿号错成逗号或漏掉、间隔号写错、列举中相邻两项互换（或顿号全部写错）3 分；
  “N个……”的数字错、同音字（声调不论）、形近字（pycorrector 形近字表同组，或四角号码完全相同）、两个词互换 2 分；
  近音字（输入法和方音常混的 zh/z、ch/c、sh/s、n/l、in/ing、en/eng、an/ang）、四角号码只差一位的字、相邻两字颠倒、
  中间漏一字、中间多出与邻字同音或形近的字 1 分；多出与邻字相同的字（重打）2 分。
  不算误写、一律不报：与规范字既不同音也不形近的替换；多出或漏掉“的、地、之、等、和、与、及”等虚词和标点、空格
  （属文风或排版）；两端多出一字（与相邻文字分不开）；两端漏字（条目不足 6 字时）。
  长度：条目 8 字以上加 2 分，5—7 字加 1 分。
  词典：误写若是 jieba 词典中的词（且词频不低于规范写法的十分之一）、是任何规范条目或条目列出的合法变体，不报；
  否则加 1 分（词典收了少数常见错写，如“再接再励”词频 3、“再接再厉”115，按错写对待）。
  引号：误写恰好被引号或书名号括住，加 1 分。
  边界：误写首尾的字与紧邻的字能组成常用词（构|建现代化……、五维一|体化），减 1 分（漏字、多字、颠倒减 2 分）；
  4 字条目直接不报。紧跟在共同开头之后的部分（中华人民共和国|劳动同法）按整个名称计长度、不查这一侧的边界。
  报告线：5 字以上的条目 4 分；4 字的条目（成语等）只接受同音、形近、数字和标点类差异，3 分。
  报告为警告，修改需人工确认（--unsafe-fixes）；
  确切已知的错误写法由 slogans.wrong-variants 作为错误报告并可自动修改。"""


@dataclass
class Entry:
    text: str
    group: str
    source: str
    allow: frozenset[str] = frozenset()
    items: tuple[str, ...] = ()  # list items, when the entry is a 、-separated list
    head: str = ""  # for a form matched after a shared head (劳动合同法 of 中华人民共和国劳动合同法): the head


@dataclass
class _Index:
    entries: dict[str, Entry] = field(default_factory=dict)
    variants: dict[str, tuple[str, str]] = field(default_factory=dict)  # variant → (entry, edit)
    pieces: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # entry → its pieces
    # pattern → [(entry, offset of the pattern in it)]: pieces; an offset of -1 marks the entry
    # itself (exact), -2 a precomputed variant of the entry
    targets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    allowed: frozenset[str] = frozenset()
    tails: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a shared head → what follows it in entries
    short_tails: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (head, a deletion of a tail) → tails
    automaton: object = None
    patterns: list[str] = field(default_factory=list)
    targets_by_number: list | None = None  # targets[patterns[n]], by the automaton's pattern number n
    multiline: bool | None = None  # whether a pattern spans a line break (then the text is scanned whole)


# Every lexicon rule's entries and legitimate variants, so that none reports another's canonical form.
_CANONICAL: set[str] = set()
_REGISTRY: dict = {}  # (files, inline entries) → that lexicon's index builder
_INDEXES: dict = {}  # (files, inline entries) → its index, built once per process


def _is_builtin(folder: Path) -> bool:
    from unionlint.packs import builtin_folder

    try:
        return folder.resolve() == builtin_folder().resolve()
    except OSError:
        return False


def build(rule: Rule):
    options = rule.options
    label, inline, files = options["label"], options["entries"] or [], options["files"] or []
    if not inline and not files:
        raise RuleError("a lexicon rule needs `entries` or `files`", "entries")
    folder = Path(rule.origin.rsplit(":", 1)[0]).parent if rule.origin else Path(".")
    paths = tuple(str(folder / name) for name in files)
    for path in paths:
        if not Path(path).is_file():
            raise RuleError(f"lexicon file {path} not found", "files")
    inline_entries = _read_entries(
        {"groups": [{"group": "inline", "source": rule.source, "entries": inline}]}, "entries", check=False
    )  # checked as the rule's options
    _CANONICAL.update(_canonical_forms(inline_entries))
    key = (paths, tuple((e.text, e.allow) for e in inline_entries.values()))

    def derive() -> tuple[_Index, set[str]]:
        entries = dict(inline_entries)
        for path in paths:
            entries.update(load_file(path))
        return _build_index(entries), _canonical_forms(entries)

    builtin = _is_builtin(folder)

    def index() -> _Index:
        found = _INDEXES.get(key)
        if found is None:
            found, canonical = _cached(derive, paths, key) if builtin else derive()
            _CANONICAL.update(canonical)
            _INDEXES[key] = found
        return found

    if not builtin:
        index()  # a house pack's files are read now, so that a mistake in them is reported at load time
    _REGISTRY[key] = index

    def find(doc: Document) -> Iterator[Finding]:
        for other in list(_REGISTRY.values()):  # every lexicon's entries are known before any is matched
            other()
        idx = index()
        for start, end, entry, edit, score in _scan(doc.text, idx):
            what = {
                "homophone": "同音字",
                "near-homophone": "近音字",
                "shape": "形近字",
                "near-shape": "形近字",
                "numeral": "数字有误",
                "separator": "标点有误",
                "dot": "间隔号有误",
                "item-swap": "顺序颠倒",
                "word-swap": "词序颠倒",
                "swap": "字序颠倒",
                "drop": "漏字",
                "add": "多字",
                "doubled": "多字",
                "stray": "多字",
            }[edit]
            yield Finding(start, end, entry, (("label", label), ("reason", what), ("score", str(score))))

    find.entries = lambda: index().entries  # for the benchmark generator and the tests
    return find


def _cached(derive, paths: tuple[str, ...], key) -> tuple[_Index, set[str]]:
    """A built-in lexicon's index, kept in the user cache (unionlint.usercache) under its files'
    text and this module's code: building it is a fifth of linting a short article."""
    from unionlint import usercache

    try:
        source = "\0".join(Path(path).read_text(encoding="utf-8") for path in (__file__, *paths)) + repr(key)
    except OSError:
        return derive()

    def plain() -> tuple:
        index, canonical = derive()
        entries = {text: (e.group, e.source, e.allow, e.items, e.head) for text, e in index.entries.items()}
        fields = (index.variants, index.pieces, index.targets, index.allowed, index.tails, index.short_tails)
        return (entries, *fields, frozenset(canonical))

    stored = usercache.derived("lexicon", source, plain, lambda value: isinstance(value, tuple) and len(value) == 8)
    entries, variants, pieces, targets, allowed, tails, short_tails, canonical = stored
    index = _Index(
        entries={text: Entry(text, *fields) for text, fields in entries.items()},
        variants=variants,
        pieces=pieces,
        targets=targets,
        allowed=allowed,
        tails=tails,
        short_tails=short_tails,
        patterns=list(targets),
    )
    return index, set(canonical)


def load_file(path: str) -> dict[str, Entry]:
    """A lexicon data file: {title, sources: {key: text}, groups: [{group, source, entries: [...]}]}."""
    return _load_file_cached(path)


@lru_cache(maxsize=32)
def _load_file_cached(path: str) -> dict[str, Entry]:
    """JSON (the built-in files: parsed in about a millisecond) or YAML (handier for a house list)."""
    try:
        with open(path, encoding="utf-8") as handle:
            if path.endswith(".json"):
                import json

                data = json.load(handle)
            else:
                import yaml

                data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, ValueError) as error:  # json.JSONDecodeError and yaml.YAMLError are ValueErrors or …
        raise RuleError(f"cannot read lexicon file {path}: {error}", "files") from None
    except Exception as error:  # yaml.YAMLError
        raise RuleError(f"cannot read lexicon file {path}: {error}", "files") from None
    # A house file is checked against FILE; the built-in ones are checked by the test suite (start-up).
    return _read_entries(data, path, check=not _is_builtin(Path(path).parent))


def _read_entries(data, where: str, check: bool = True) -> dict[str, Entry]:
    if check:
        try:
            FILE.check(data, "lexicon")
        except RuleError as error:
            raise RuleError(f"{where}: {error}", "files") from None
    sources = data.get("sources") or {}
    entries: dict[str, Entry] = {}
    for group in data["groups"]:
        name = group["group"]
        group_source = sources.get(group.get("source"), group.get("source", ""))
        for item in group["entries"]:
            if isinstance(item, str):
                text, source, allow = item, group_source, ()
            else:
                text = item["text"]
                source = sources.get(item.get("source"), item.get("source", group_source))
                allow = tuple(item.get("allow", ()))
            if text in entries:
                raise RuleError(f"{where}: entry {text!r} is listed twice", "entries")
            if not source:
                raise RuleError(f"{where}: entry {text!r} has no source", "entries")
            items = tuple(text.split(SEPARATOR)) if SEPARATOR in text else ()
            entries[text] = Entry(text, name, source, frozenset(allow), items)
    return entries


def _canonical_forms(entries: dict[str, Entry]) -> set[str]:
    forms = set(entries)
    for entry in entries.values():
        forms |= entry.allow
    return forms


def _pieces(text: str) -> list[tuple[str, int]]:
    """Pieces such that one edit leaves one intact: halves up to seven characters, three beyond.
    Halves of six or seven characters cut across the two-character words (劳动和|技能竞赛), so they
    occur in ordinary copy far less often than word-sized pieces would (an adjacent swap across
    the middle is the one slip this leaves to a later piece of evidence: none)."""
    count = 2 if len(text) <= 7 else 3
    size, rest = divmod(len(text), count)
    pieces, offset = [], 0
    for n in range(count):
        length = size + (1 if n < rest else 0)
        pieces.append((text[offset : offset + length], offset))
        offset += length
    return pieces


def _matched_forms(entries: dict[str, Entry]) -> dict[str, Entry]:
    """The forms near-misses are looked for. Where many entries begin with another entry (the laws'
    中华人民共和国…), only what follows that head is matched (劳动合同法): a slip in the head is the
    head entry's own near-miss, and a hundred titles sharing one anchor would make every
    occurrence of the head cost a hundred comparisons."""
    heads: dict[str, int] = {}
    for text in entries:
        for size in range(4, len(text)):
            if text[:size] in entries:
                heads[text[:size]] = heads.get(text[:size], 0) + 1
    shared = sorted((head for head, count in heads.items() if count >= 5), key=len, reverse=True)
    forms: dict[str, Entry] = {}
    for text, entry in entries.items():
        head = next((head for head in shared if text.startswith(head) and text != head), None)
        if head is None:
            forms.setdefault(text, entry)
        elif len(text) - len(head) >= MIN_LENGTH:  # a shorter tail (劳动法) is matched exactly only
            tail = text[len(head) :]
            forms.setdefault(tail, entries.get(tail) or Entry(tail, entry.group, entry.source, entry.allow, head=head))
    return forms


def _build_index(entries: dict[str, Entry]) -> _Index:
    forms = _matched_forms(entries)
    index = _Index(entries={**entries, **forms})
    tails: dict[str, set[str]] = {}
    for form in forms.values():
        if form.head:
            tails.setdefault(form.head, set()).add(form.text)
    for text in entries:  # short tails too (宪法): they are what follows the head in the text
        for head in tails:
            if text.startswith(head) and text != head:
                tails[head].add(text[len(head) :])
    index.tails = {head: tuple(sorted(found, key=len, reverse=True)) for head, found in tails.items()}
    for head, found in index.tails.items():  # short tails (宪法, 医师法): found after the head, by deletions
        for tail in found:
            if len(tail) < MIN_LENGTH:
                index.entries.setdefault(tail, Entry(tail, "", entries[head + tail].source, head=head))
                for variant in _deletions(tail):
                    index.short_tails.setdefault((head, variant), set()).add(tail)
    allowed = set()
    for entry in forms.values():
        allowed |= entry.allow
        if len(entry.text) < MIN_LENGTH:
            continue
        for variant, edit in _precomputed(entry):
            if variant not in entries:
                index.variants.setdefault(variant, (entry.text, edit))
        index.pieces[entry.text] = _pieces(entry.text)
        index.targets.setdefault(entry.text, []).append((entry.text, -1))
        for piece, offset in index.pieces[entry.text]:
            index.targets.setdefault(piece, []).append((entry.text, offset))
    for variant, (target, _) in index.variants.items():
        index.targets.setdefault(variant, []).append((target, -2))
    for text, pieces in index.pieces.items():
        if len(pieces) == 2 and len(text) >= 5:  # two characters swapped across the middle break both halves
            # What the swap leaves intact on either side; the longer is the anchor, as a one-character
            # anchor (the 会 of 全国总工会) would be tried at every 会 of the text.
            middle = pieces[1][1]
            if middle - 1 > len(text) - middle - 1:
                index.targets.setdefault(text[: middle - 1], []).append((text, -3))
            else:
                index.targets.setdefault(text[middle + 1 :], []).append((text, -3 - (middle + 1)))
    index.allowed = frozenset(allowed)
    index.patterns = list(index.targets)
    return index


def _deletions(text: str) -> set[str]:
    """The text and every string one character shorter: two strings one edit apart share one of these."""
    return {text} | {text[:at] + text[at + 1 :] for at in range(len(text))}


def _automaton(index: _Index):
    """One Aho-Corasick automaton over every piece, entry and variant (built on first use)."""
    if index.automaton is None:
        import ahocorasick_rs

        # A contiguous NFA: built as fast as the default, scans typed copy ~30 % faster (measured)
        index.automaton = ahocorasick_rs.AhoCorasick(
            index.patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )
    return index.automaton


def _precomputed(entry: Entry) -> Iterator[tuple[str, str]]:
    """Variants more than one edit away that are still plain slips: every separator wrong, items swapped."""
    if entry.items and len(entry.items) > 2:
        for wrong in "，,":
            yield wrong.join(entry.items), "separator"
        yield "".join(entry.items), "separator"
    if entry.items:
        items = list(entry.items)
        for n in range(len(items) - 1):
            swapped = items[:n] + [items[n + 1], items[n]] + items[n + 2 :]
            yield SEPARATOR.join(swapped), "item-swap"


def _scan(text: str, index: _Index) -> Iterator[tuple[int, int, str, str, int]]:
    if not index.patterns:
        return
    patterns, targets = index.patterns, index.targets
    exact: list[tuple[int, int]] = []
    heads: list[tuple[int, int, str]] = []  # exact occurrences of an entry other entries begin with
    candidates: list[tuple[int, int, str, str]] = []  # start, end, entry, edit (precomputed) or ""
    starts = text.startswith
    size = len(text)
    if index.multiline is None:
        index.multiline = any("\n" in pattern for pattern in patterns)
    hits = automaton_matches(_automaton(index), text, index.multiline)
    if index.targets_by_number is None:
        index.targets_by_number = [targets[pattern] for pattern in patterns]
    targets_by_number = index.targets_by_number
    for number, position, stop in hits:
        for entry, offset in targets_by_number[number]:
            if offset == -1:
                exact.append((position, stop))
                if entry in index.tails:
                    heads.append((position, stop, entry))
                continue
            if offset == -2:
                candidates.append((position, stop, entry, index.variants[patterns[number]][1]))
                continue
            if offset <= -3:  # what a swap across the middle of a two-piece entry leaves intact
                aligned = position - (-3 - offset)
                window = text[aligned : aligned + len(entry)] if aligned >= 0 else ""
                if window != entry and window[:1] == entry[:1] and sorted(window) == sorted(entry):
                    candidates.append((aligned, aligned + len(entry), entry, ""))
                continue
            aligned = position - offset
            length = len(entry)
            if aligned >= 0 and starts(entry, aligned):
                continue
            if 1 <= aligned and aligned + length + 1 <= size:
                # What the five windows around `aligned` hold decides which are one edit away, and
                # the same phrases recur: 职工群众 is tried as 职工之家 in every other paragraph.
                region = text[aligned - 1 : aligned + length + 1]
                found = _NEAR.get((region, entry))
                if found is None:
                    if len(_NEAR) > 50_000:  # ~10 MB at most
                        _NEAR.clear()
                    found = _NEAR[(region, entry)] = tuple(_one_edit_windows(region, 1, entry))
                windows = [(aligned - 1 + start, aligned - 1 + end) for start, end in found]
            else:
                windows = list(_one_edit_windows(text, aligned, entry))
            if windows and _plausible(text, aligned, entry, offset, index.pieces[entry]):
                candidates.extend((start, end, entry, "") for start, end in windows)
    for start, end, head in heads:
        candidates.extend(_after_head(text, start, end, head, index))
    if not candidates:
        return
    exact.sort()
    reported: list[tuple[int, int, str, str, int]] = []
    seen = set()
    for start, end, entry, edit in candidates:
        if (start, end, entry, edit) in seen:
            continue
        seen.add((start, end, entry, edit))
        window = text[start:end]
        if window == entry or "\n" in window:
            continue
        # Not one edit away (memoised, so first): _score would say no. Then the necessary condition.
        if (not edit and classify(window, entry) is None) or not _similar(window, entry, edit):
            continue
        if _inside(exact, start, end):
            continue
        scored = _score(text, start, end, index.entries[entry], edit, index)
        if scored is not None:
            reported.append((start, end, entry, scored[0], scored[1]))
    # overlapping candidates describe one slip: keep the best scored, then the earliest
    reported.sort(key=lambda item: (-item[4], item[0]))
    kept: list[tuple[int, int, str, str, int]] = []
    for item in reported:
        if all(item[1] <= other[0] or other[1] <= item[0] for other in kept):
            kept.append(item)
    yield from sorted(kept)


def _after_head(text: str, start: int, end: int, head: str, index: _Index):
    """Slips right after a correct head (中华人民共和国): the head typed twice at the join (…共和国国医师法),
    or a short tail one edit off (宪发 for 宪法, 审审计法 for 审计法)."""
    tails = index.tails[head]
    if any(text.startswith(tail, end) for tail in tails):
        return
    if text.startswith(head[-1], end) and any(text.startswith(tail, end + 1) for tail in tails):
        yield start, end + 1, head, "doubled"
        return
    found = set()
    for size in range(1, MIN_LENGTH + 1):
        segment = text[end : end + size]
        if len(segment) < size or "\n" in segment:
            break
        for variant in _deletions(segment):
            for tail in index.short_tails.get((head, variant), ()):
                if (size, tail) not in found and classify(segment, tail) is not None:
                    found.add((size, tail))
                    yield end, end + size, tail, ""


_NEAR: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}  # (text around a hit, entry) → its windows


def _one_edit_windows(text: str, aligned: int, entry: str) -> Iterator[tuple[int, int]]:
    """The windows at `aligned` (the entry's length; one shorter or longer at either end) that
    are one edit away from the entry (memoised `classify`): every candidate must be."""
    length, size = len(entry), len(text)
    first, last = entry[0], entry[-1]
    for start, end in (
        (aligned, aligned + length),
        (aligned + 1, aligned + length),
        (aligned - 1, aligned + length),
        (aligned, aligned + length - 1),
        (aligned, aligned + length + 1),
    ):
        if start < 0 or end > size or (text[start] != first and text[end - 1] != last):
            continue
        if classify(text[start:end], entry) is not None:
            yield start, end


def _plausible(text: str, aligned: int, entry: str, offset: int, pieces) -> bool:
    """Before any window is cut: one edit leaves every piece but one (two, for a swap across their
    border) where it belongs, give or take one position. With three pieces, a second intact piece
    must be found, or the aligned window must hold the entry's characters in another order; with
    two, the other half may differ in one character only."""
    starts = text.startswith
    if len(pieces) == 3:
        for other, at in pieces:
            if at == offset:
                continue
            where = aligned + at
            if where >= 1 and (starts(other, where) or starts(other, where - 1) or starts(other, where + 1)):
                return True
            if where == 0 and (starts(other, 0) or starts(other, 1)):
                return True
        if aligned < 0:
            return False
        window = text[aligned : aligned + len(entry)]
        if len(window) != len(entry) or (window[0] != entry[0] and window[-1] != entry[-1]):
            return False  # characters swapped inside leave both ends in place (or one, at an end)
        return sorted(window) == sorted(entry)
    other, at = pieces[1] if offset == 0 else pieces[0]
    length = len(other)
    if offset == 0:  # the second half follows the anchor: it starts where expected, its end may move
        start = aligned + at
        segments = [(start, start + length + grow) for grow in (0, -1, 1)]
    else:  # the first half precedes the anchor: it ends where expected, its start may move
        end = aligned + at + length
        segments = [(end - length - grow, end) for grow in (0, -1, 1)]
    for start, end in segments:
        if start < 0 or end > len(text):
            continue
        if length <= 2 and end - start == length:
            return True  # any two characters are "similar" to a half of two: no need to compare
        if _similar(text[start:end], other, "", loose=True):
            return True
    return False


def _similar(window: str, entry: str, edit: str, loose: bool = False) -> bool:
    """A cheap necessary condition for one edit, before the exact classification: the characters
    that line up from the start plus those that line up from the end cover all but one or two."""
    if edit:
        return True  # a precomputed variant
    head = sum(map(str.__eq__, window, entry))
    if len(window) == len(entry):
        return head >= len(entry) - 2 or (not loose and sorted(window) == sorted(entry))
    return head + sum(map(str.__eq__, reversed(window), reversed(entry))) >= len(window)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when a correctly written entry covers the whole window (the text is that entry, not a
    slip), or covers one end of it (中华人民共和|国教育法: the window borrows a character of a correct
    entry, so it is not a slip of the other either)."""
    at = bisect.bisect_right(spans, (end, 1 << 62))
    for s, e in spans[max(0, at - 24) : at]:
        if s <= start and end <= e:
            return True
        if s < start < e < end or start < s < end < e:
            return True
    return False


@lru_cache(maxsize=1 << 15)  # the same phrases recur across an archive: 职工群众 is tried as 职工之家 everywhere
def classify(window: str, entry: str) -> tuple[str, int] | None:
    """The one edit that turns `entry` into `window` and where it is; None when it is not one edit.
    Edits: separator, dot, numeral, homophone, near-homophone, shape, swap, word-swap, drop, add, doubled."""
    length = len(entry)
    if len(window) == length:
        mismatches = sum(map(str.__ne__, window, entry))
        if not mismatches or (mismatches > 1 and sorted(window) != sorted(entry)):
            return None  # two or more changes are one edit only as a swap, which keeps the characters
        diffs = list(compress(count(), map(str.__ne__, window, entry)))
        if len(diffs) == 1:
            at = diffs[0]
            right, typed = entry[at], window[at]
            if right == SEPARATOR:
                return ("separator", at) if typed in WRONG_SEPARATORS else None
            if right == DOT:
                return ("dot", at) if typed in WRONG_DOTS else None
            if right in NUMERALS and typed in NUMERALS:
                return "numeral", at
            relation = confusion.relation(right, typed)
            return (relation, at) if relation else None
        first, last = diffs[0], diffs[-1]
        if len(diffs) == 2 and last == first + 1 and window[first] == entry[last] and window[last] == entry[first]:
            return "swap", first
        if last - first <= 8 and SEPARATOR not in entry[first : last + 1]:
            for middle in range(first + 1, last + 1):
                if window[first : last + 1] == entry[middle : last + 1] + entry[first:middle]:
                    if min(middle - first, last + 1 - middle) >= 2:
                        return "word-swap", first
        return None
    if len(window) == length - 1:
        at = next(compress(count(), map(str.__ne__, window, entry)), len(window))  # the first difference
        if window[at:] != entry[at + 1 :]:
            return None
        if entry[at] == SEPARATOR:
            return "separator", at
        if entry[at] == DOT:
            return "dot", at
        return None if entry[at] in FUNCTION_CHARS else ("drop", at)
    if len(window) == length + 1:
        at = next(compress(count(), map(str.__ne__, window, entry)), length)
        if window[at + 1 :] != entry[at:] or at == 0 or at == length:
            return None
        if entry[at - 1] == SEPARATOR and window[at] in WRONG_SEPARATORS:
            return None  # 、， and the like: punctuation rules' business
        if window[at] in FUNCTION_CHARS or not window[at].strip():
            return None
        if window[at] in (window[at - 1], window[at + 1]):
            return "doubled", at
        if confusion.relation(window[at - 1], window[at]) or confusion.relation(window[at + 1], window[at]):
            return "add", at  # an input method's second candidate typed as well (工公会)
        return "stray", at
    return None


def _is_word(variant: str, canonical: str) -> bool:
    """Whether the variant is a word in its own right. The dictionary is built from real copy and lists
    some frequent misspellings (再接再励, 3 against 115 for 再接再厉): a variant far rarer than the
    canonical form (under a tenth) is taken as such a misspelling, not as a word."""
    frequency = words.frequency(variant)
    return frequency > 0 and frequency * 10 >= words.frequency(canonical)


def _score(text: str, start: int, end: int, entry: Entry, edit: str, index: _Index) -> tuple[str, int] | None:
    window = text[start:end]
    if window in index.entries or window in index.allowed or window in _CANONICAL:
        return None
    length = len(entry.text)
    headed = bool(entry.head) and text.startswith(entry.head, start - len(entry.head))
    tail = next((t for t in index.tails.get(entry.text, ()) if text.startswith(t, end)), "")
    # 中华人民共和国 + 劳动同法, or 中华人人民共和国 + 人民法院组织法: the whole title's length
    full = length + (len(entry.head) if headed else 0) + len(tail)
    at = -1
    if not edit:
        found = classify(window, entry.text)
        if found is None:
            return None
        edit, at = found
        ends = (window[0], window[-1])
        if edit in ("drop", "add", "stray", "doubled") and any(char in FUNCTION_CHARS for char in ends):
            return None  # 规范和|劳动关系: a window one character short that begins or ends with a function word
        if edit == "drop" and (at == 0 or at == length - 1) and not (tail and at == length - 1):
            if full < 6:
                return None
            score = 0  # a character missing at either end
        else:
            score = EDIT_WEIGHTS[edit]
    else:
        score = EDIT_WEIGHTS[edit]
    if full <= 4 and edit not in SHORT_EDITS:
        return None
    score += 2 if full >= 8 else 1 if full >= 5 else 0
    if start > 0 and end < len(text) and text[start - 1] in OPENING_QUOTES and text[end] in CLOSING_QUOTES:
        score += 1
    threshold = SHORT_THRESHOLD if full <= 4 else THRESHOLD
    if score + 1 < threshold:
        return None  # cannot reach the threshold even if it is not a word: skip the dictionary
    if _is_word(window, entry.text) and not headed:
        return None
    score += 1
    if edit == "near-shape" and any(
        words.is_word(w) for w in (window[at - 1 : at + 1] if at else "", window[at : at + 2]) if len(w) == 2
    ):
        return None  # a look-alike by code only, which makes a word where it stands (条例→条件): not a misreading
    if _crosses_word(text, start, end, at, length, headed, bool(tail)):
        if full <= 4:
            return None
        # a window one character short or long, or reordered, is easily a piece of other words
        score -= 2 if edit in ("drop", "add", "stray", "swap", "word-swap") else 1
    return (edit, score) if score >= threshold else None


def _crosses_word(text: str, start: int, end: int, at: int, length: int, headed: bool, followed: bool) -> bool:
    """Whether the window's first or last characters form a word with the text outside it
    (构|建现代化…, 五维一|体化): then the window is more likely a piece of other words than a slip.
    A slip at the edge itself is not judged by the two-character word it happens to make with its
    neighbour (技术能首|等), and a form after its shared head (中华人民共和国|劳动同法) is not cut off."""
    pieces = []
    if start >= 1 and not headed:
        pieces.append(text[start - 1 : start + 2])
        if at != 0:
            pieces.append(text[start - 1 : start + 1])
    if end < len(text) and not followed:
        pieces.append(text[end - 2 : end + 1])
        if at != length - 1:
            pieces.append(text[end - 1 : end + 1])
    return any(
        words.frequency(piece) >= BOUNDARY_FREQUENCY for piece in pieces if len(piece) >= 2 and "\n" not in piece
    )
