"""Deterministic benchmark corpora: typed copy (the main workload) and PDF residue (a second one).

**Typed copy** is what an editor's files look like: genuinely distinct paragraphs with a
typed-copy error density (about 1,300 findings per MB).  Sentences come from official regulations
(`bench/quality/clean/laws/`, outside copyright), news-style copy written for the project
(`bench/quality/clean/news-*/`, `tests/corpus/silent/`, the quality cases' clean traps) and the
seed articles with their PDF residue cleaned (half-width marks made full-width, straight quotes
curled, spaces between Han characters dropped, paragraphs broken at line ends left out).  Every
paragraph is a new combination of 2–6 sentences from different sources, with its numbers, dates,
cities, names and money units varied, so hardly any paragraph occurs twice in the whole corpus.
Errors are the hand-written cases of the quality benchmark (`bench/quality/cases/*.yaml`, each a
realistic sentence with one error of one class), dealt in shuffled decks at a fixed rate per byte.

**PDF residue** is the earlier corpus: the seeds' raw paragraphs dealt from successive shuffles,
dominated by copy-paste residue from PDFs and web pages (about 10,000 findings per MB).

The same seed and profile always give byte-identical files (the sha256 is printed with the
results); a manifest lets later runs reuse them.  Building needs PyYAML (installed with unionlint).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000  # throughput and sizes are decimal megabytes throughout
REPO = Path(__file__).resolve().parent.parent
QUALITY = REPO / "bench" / "quality"

# Typed-copy error rate: one planted error sentence per this many bytes of text.  Calibrated so
# that unionlint (the six built-in packs) reports ~1,300 findings per MB on the docs; the harness
# prints the measured figure with every run.
ERROR_EVERY = 680


@dataclass(frozen=True)
class Profile:
    """Sizes of every corpus part; `quick` shrinks them for a smoke run."""

    name: str
    big_mb: float  # the single large file
    n_files: int  # the many-small-files set
    file_kb: int
    docs_mb: float  # ~100 KB documents covering this many MB
    doc_kb: int
    scaling_mb: tuple[float, ...]
    one_line_mb: float  # a file that is one single line (a paragraph per line, without the line breaks)
    residue_mb: float  # ~100 KB documents of PDF-residue copy covering this many MB


FULL = Profile(
    "full",
    big_mb=10,
    n_files=1000,
    file_kb=10,
    docs_mb=10,
    doc_kb=100,
    scaling_mb=(1, 4, 16, 64),
    one_line_mb=6,
    residue_mb=10,
)
# Small enough for a smoke run of well under a minute even with a reference install 3× slower.
QUICK = Profile(
    "quick",
    big_mb=0.5,
    n_files=30,
    file_kb=10,
    docs_mb=0.5,
    doc_kb=100,
    scaling_mb=(0.25, 1),
    one_line_mb=0.1,
    residue_mb=0.3,
)
ONE_LINE = "one-line.txt"
CLEAN = "clean.txt"  # one small file of typed copy without planted errors: the start-up workload


@dataclass(frozen=True)
class Corpus:
    """Paths of the built corpus, grouped the way the benchmarks use them."""

    root: Path
    big: Path
    files: list[Path]
    docs: list[Path]
    scaling: dict[float, Path]  # size in MB -> file
    one_line: Path
    clean: Path
    residue: list[Path]  # the PDF-residue docs
    digest: str  # sha256 over every file, to show two builds are identical
    distinct: dict[str, float]  # workload -> distinct paragraphs / paragraphs


# --- sources ---------------------------------------------------------------------------------

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_MARK = "，。、；：！？“”‘’（）《》〈〉【】—…·"
SENTENCE = re.compile(r"[^。！？\n]+[。！？]+[”’」』]?")
LAW_PREFIX = re.compile(r"^(?:第[一二三四五六七八九十百零〇]+[条章节]\s*|（[一二三四五六七八九十]+）)")
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
PAIRS = ("“”", "‘’", "（）", "《》", "【】", "〈〉")


def seed_paragraphs(seed_dir: Path) -> list[bytes]:
    """Non-blank lines of the seeds, as they are: each is one paragraph of the PDF-residue copy."""
    paragraphs = []
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [line.strip().encode("utf-8") for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise SystemExit(f"no seed text found in {seed_dir}/*.txt")
    return paragraphs


def clean_residue(line: str) -> str:
    """A seed line as it would have been typed: the PDF/web copy-paste residue undone."""
    line = line.strip()
    near_han = f"[{HAN}{CJK_MARK}]"
    # Half-width marks next to Chinese become full-width; straight quotes are curled in turn.
    line = re.sub(
        rf"(?<={near_han})\s*([,;:!?()])|([,;:!?()])\s*(?={near_han})",
        lambda m: HALF_TO_FULL[m.group(1) or m.group(2)],
        line,
    )
    parts = line.split('"')
    line = "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]
    # Spaces a PDF's line breaks left between Han characters or next to Chinese marks.
    line = re.sub(rf"(?<=[{HAN}{CJK_MARK}])[ \u3000\t]+(?=[{HAN}{CJK_MARK}])", "", line)
    line = re.sub(rf"(?<=[{HAN}])[ \u3000]+(?=\d)|(?<=\d)[ \u3000]+(?=[{HAN}])", "", line)
    return line


def rejoin(text: str) -> list[str]:
    """Paragraphs of a seed with the breaks a PDF put inside them undone: a long line that does
    not end a sentence goes on in the next non-blank line."""
    paragraphs: list[str] = []
    carry = ""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        line = carry + line
        carry = ""
        if len(line) >= 50 and line[-1] not in "。！？”：；…":
            carry = line
        else:
            paragraphs.append(line)
    return paragraphs + ([carry] if carry else [])


def balanced(sentence: str) -> bool:
    """Every paired mark closes inside the sentence (a quotation split across sentences is left out)."""
    for pair in PAIRS:
        depth = 0
        for char in sentence:
            depth += (char == pair[0]) - (char == pair[1])
            if depth < 0:
                return False
        if depth:
            return False
    return '"' not in sentence and "'" not in sentence


def sentences_of(line: str) -> list[str]:
    """Whole sentences of a paragraph (a fragment without an end mark is dropped), 8+ characters."""
    line = LAW_PREFIX.sub("", line.strip())
    return [s.strip() for s in SENTENCE.findall(line) if len(s.strip()) >= 8 and balanced(s.strip())]


def _load_yaml(path: Path):
    try:
        import yaml
    except ImportError:  # pragma: no cover - unionlint installs it
        raise SystemExit(
            "building the benchmark corpus needs PyYAML: pip install -e . (it comes with unionlint)"
        ) from None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def source_files(seed_dir: Path) -> list[Path]:
    """Every file the typed-copy corpus is made from, in a fixed order."""
    files = sorted(seed_dir.glob("*.txt"))
    files += sorted((QUALITY / "clean" / "laws").glob("*.md")) + sorted((QUALITY / "clean").glob("news-*/*.txt"))
    files += sorted((REPO / "tests" / "corpus" / "silent").glob("*.txt"))
    files += sorted((QUALITY / "cases").glob("*.yaml"))
    return files


@dataclass
class Pools:
    """What typed copy is dealt from."""

    sentences: list[str]  # clean sentences, each ending with its mark
    headlines: list[str]
    errors: list[str]  # sentences with one error each; "\n" separates paragraphs of a case


def pools(seed_dir: Path) -> Pools:
    sentences: list[str] = []
    headlines: list[str] = []
    for path in sorted(seed_dir.glob("*.txt")):
        for line in rejoin(path.read_text(encoding="utf-8")):
            sentences += sentences_of(clean_residue(line))
    for path in sorted((QUALITY / "clean" / "laws").glob("*.md")):
        headlines.append(re.sub(r"[（(][\d-]+[)）]$", "", path.stem))
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith(("#", "<!--")):
                sentences += sentences_of(line)
    news = sorted((QUALITY / "clean").glob("news-*/*.txt")) + sorted((REPO / "tests/corpus/silent").glob("*.txt"))
    for path in news:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if lines and not SENTENCE.search(lines[0]) and len(lines[0]) >= 6:
            headlines.append(lines[0])
        for line in lines:
            sentences += sentences_of(line)
    errors: list[str] = []
    for path in sorted((QUALITY / "cases").glob("*.yaml")):
        cases = _load_yaml(path)
        for trap in cases.get("silent") or []:
            if "\n" not in trap:
                sentences += sentences_of(trap)
        for case in cases.get("detect") or []:
            errors.append((case if isinstance(case, str) else case["text"]).strip())
    # Each sentence once, in a fixed order: the RNGs decide the rest.
    return Pools(sorted(set(sentences)), sorted(set(headlines)), sorted(set(errors)))


# --- variation -------------------------------------------------------------------------------

CITIES = "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源".split()
CITY = re.compile("|".join(sorted(CITIES, key=len, reverse=True)))
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾"
    "彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红林波宁欣文博志国庆海燕晓雪梅凤鑫"
# A name after a byline word or before a title of address: 2–3 Han characters.
NAME = re.compile(rf"(?:(?<=记者)|(?<=通讯员))[ \u3000]?[{HAN}]{{2,3}}(?=[ \u3000）)，、])|[{HAN}]{{2,3}}(?=同志)")
NUMBER = re.compile(r"\d+")
MONEY = re.compile(r"(?<=\d)(?:万元|亿元)")


def vary_number(match: re.Match, rng: random.Random, dates: bool = True) -> str:
    digits, after = match.group(), match.string[match.end() : match.end() + 1]
    if not dates and after in "月日号时点分":
        return digits
    if after == "月":
        return str(rng.randint(1, 12))
    if after in "日号":
        return str(rng.randint(1, 28))
    if after in "时点":
        return str(rng.randint(0, 23))
    if after == "分":
        return str(rng.randint(0, 59))
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(1990, 2030))
    if len(digits) == 1:
        return str(rng.randint(1, 9)) if digits != "0" else "0"
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def vary(sentence: str, rng: random.Random, dates: bool = True) -> str:
    """The sentence with other numbers, dates (unless not `dates`), cities, names and money units."""
    if any(c.isdigit() for c in sentence):
        sentence = NUMBER.sub(lambda m: vary_number(m, rng, dates), sentence)
    sentence = CITY.sub(lambda m: rng.choice(CITIES), sentence)
    sentence = NAME.sub(
        lambda m: (
            m.group()[: len(m.group()) - len(m.group().lstrip())]
            + rng.choice(SURNAMES)
            + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        ),
        sentence,
    )
    return MONEY.sub(lambda m: rng.choice(("万元", "亿元")), sentence)


class Deck:
    """Items dealt from successive seeded shuffles: no item twice before all have been dealt."""

    def __init__(self, items: list[str], rng: random.Random):
        self.items, self.rng, self.hand = items, rng, []

    def deal(self) -> str:
        if not self.hand:
            self.hand = self.items[:]
            self.rng.shuffle(self.hand)
        return self.hand.pop()


def typed_paragraphs(source: Pools, seed: str, size: int, error_every: float = ERROR_EVERY) -> list[str]:
    """At least `size` bytes of typed copy: a headline, then paragraphs with planted errors.

    Each part gets its own RNG (seeded by name), so a part does not change when another
    part's size does.
    """
    rng = random.Random(seed)
    sentences, errors = Deck(source.sentences, rng), Deck(source.errors, rng)
    out = [vary(rng.choice(source.headlines), rng)]
    total = len(out[0].encode()) + 2
    since_error = rng.randrange(ERROR_EVERY)  # where in the first stretch the first error falls
    while total < size:
        paragraph = ""
        for _ in range(rng.randint(2, 6)):
            paragraph += vary(sentences.deal(), rng)
            if since_error + len(paragraph.encode()) >= error_every:
                since_error -= error_every
                case = vary(errors.deal(), rng, dates=False)  # dates stay: some cases are impossible dates
                if "\n" in case:  # a case of several paragraphs goes in between paragraphs
                    out.append(case)
                    total += len(case.encode()) + 2
                else:
                    paragraph += case
        since_error += len(paragraph.encode())
        out.append(paragraph)
        total += len(paragraph.encode()) + 2
        if rng.random() < 0.04:  # a subheading now and then: the first clause of a sentence
            clause = re.split("[，。；：！？]", sentences.deal())[0]
            if 6 <= len(clause) <= 24 and balanced(clause):
                out.append(vary(clause, rng))
                total += len(out[-1].encode()) + 2
    return out


def typed_text(source: Pools, seed: str, size: int, error_every: float = ERROR_EVERY) -> bytes:
    return ("\n\n".join(typed_paragraphs(source, seed, size, error_every)) + "\n").encode("utf-8")


def one_line(source: Pools, seed: str, size: int) -> bytes:
    """Paragraphs run together into one line (copy pasted from a web page or a PDF loses its line
    breaks): thousands of findings on one line.  Paragraphs with straight double quotes are left
    out, because pairing them across a whole file-long line is a different cost from the one measured."""
    paragraphs = [p for p in typed_paragraphs(source, seed, size) if '"' not in p and "\n" not in p]
    return ("".join(paragraphs) + "\n").encode("utf-8")


def residue_text(paragraphs: list[bytes], seed: str, size: int) -> bytes:
    """At least `size` bytes of the seeds' raw paragraphs, dealt from seeded shuffles of the pool."""
    rng = random.Random(seed)
    out: list[bytes] = []
    total = 0
    while total < size:
        deck = paragraphs[:]
        rng.shuffle(deck)
        if out and deck[0] == out[-1]:  # no paragraph twice in a row across decks
            deck[0], deck[-1] = deck[-1], deck[0]
        for paragraph in deck:
            out.append(paragraph)
            total += len(paragraph) + 2
            if total >= size:
                break
    return b"\n\n".join(out) + b"\n"


def plan(profile: Profile) -> dict[str, int]:
    """Relative path -> target size in bytes for every file of the profile."""
    parts = {"big.txt": int(profile.big_mb * MB)}
    parts.update({f"files/f{i:04d}.txt": profile.file_kb * 1000 for i in range(profile.n_files)})
    n_docs = int(profile.docs_mb * MB) // (profile.doc_kb * 1000)
    parts.update({f"docs/d{i:03d}.txt": profile.doc_kb * 1000 for i in range(n_docs)})
    parts.update({f"scaling/{mb:g}mb.txt": int(mb * MB) for mb in profile.scaling_mb})
    parts[ONE_LINE] = int(profile.one_line_mb * MB)
    parts[CLEAN] = profile.file_kb * 1000
    n_residue = int(profile.residue_mb * MB) // (profile.doc_kb * 1000)
    parts.update({f"residue/r{i:03d}.txt": profile.doc_kb * 1000 for i in range(n_residue)})
    return parts


def distinct_ratio(texts: list[bytes]) -> float:
    """Distinct paragraphs over all paragraphs of the texts together: lines of 10 characters or more
    (headings and the fragments of a paragraph broken at a line end would count as repeats)."""
    paragraphs = [line for text in texts for line in text.split(b"\n") if len(line.strip()) >= 30]
    return len(set(paragraphs)) / max(1, len(paragraphs))


def build(seed_dir: Path, corpus_dir: Path, profile: Profile, seed: int) -> Corpus:
    """Build (or reuse, when the manifest matches) the corpus for `profile`."""
    root = corpus_dir / profile.name
    sources = hashlib.sha256()
    for path in source_files(seed_dir):
        sources.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    parts = plan(profile)
    key = {
        "generator_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),  # this very code
        "seed": seed,
        "error_every": ERROR_EVERY,
        "sources_sha256": sources.hexdigest(),
        "parts": parts,
    }
    manifest = root / "manifest.json"
    old = json.loads(manifest.read_text()) if manifest.exists() else {}
    reuse = old.get("key") == key
    digest = hashlib.sha256()
    typed_pools = None if reuse else pools(seed_dir)
    residue_pool = None if reuse else seed_paragraphs(seed_dir)
    groups: dict[str, list[bytes]] = {"typed (docs + files + big)": [], "residue": []}
    for rel, size in parts.items():
        path = root / rel
        if reuse:
            data = path.read_bytes()
        elif rel == ONE_LINE:
            data = one_line(typed_pools, f"{seed}:{rel}", size)
        elif rel == CLEAN:
            data = typed_text(typed_pools, f"{seed}:{rel}", size, error_every=float("inf"))
        elif rel.startswith("residue/"):
            data = residue_text(residue_pool, f"{seed}:{rel}", size)
        else:
            data = typed_text(typed_pools, f"{seed}:{rel}", size)
        if not reuse:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
        if rel.startswith("residue/"):
            groups["residue"].append(data)
        elif rel.startswith(("docs/", "files/", "big")):
            groups["typed (docs + files + big)"].append(data)
    distinct = old.get("distinct") if reuse else None
    if not distinct:
        distinct = {name: distinct_ratio(texts) for name, texts in groups.items()}
    if not reuse:
        manifest.write_text(json.dumps({"key": key, "digest": digest.hexdigest(), "distinct": distinct}, indent=1))
    return Corpus(
        root=root,
        big=root / "big.txt",
        files=[root / rel for rel in parts if rel.startswith("files/")],
        docs=[root / rel for rel in parts if rel.startswith("docs/")],
        scaling={mb: root / f"scaling/{mb:g}mb.txt" for mb in profile.scaling_mb},
        one_line=root / ONE_LINE,
        clean=root / CLEAN,
        residue=[root / rel for rel in parts if rel.startswith("residue/")],
        digest=digest.hexdigest(),
        distinct=distinct,
    )
