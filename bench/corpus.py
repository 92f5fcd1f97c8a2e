"""Deterministic benchmark corpus built from the seed articles.

Text is made of the seeds' paragraphs, dealt from successive seeded shuffles
of the whole paragraph pool, so every file reads like newspaper copy without
any seed appearing verbatim back to back.  The same seed and profile always
give byte-identical files; a manifest lets later runs reuse them.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000  # throughput and sizes are decimal megabytes throughout


@dataclass(frozen=True)
class Profile:
    """Sizes of every corpus part; `quick` shrinks them for a smoke run."""

    name: str
    big_mb: int  # the single large file
    n_files: int  # the many-small-files set
    file_kb: int
    docs_mb: int  # ~100 KB documents covering this many MB
    doc_kb: int
    scaling_mb: tuple[int, ...]
    one_line_mb: int  # a file that is one single line (a paragraph per line, without the line breaks)


FULL = Profile(
    "full", big_mb=10, n_files=1000, file_kb=10, docs_mb=10, doc_kb=100, scaling_mb=(1, 4, 16, 64), one_line_mb=6
)
QUICK = Profile("quick", big_mb=1, n_files=100, file_kb=10, docs_mb=1, doc_kb=100, scaling_mb=(1, 4), one_line_mb=1)
ONE_LINE = "one-line.txt"


@dataclass(frozen=True)
class Corpus:
    """Paths of the built corpus, grouped the way the benchmarks use them."""

    root: Path
    big: Path
    files: list[Path]
    docs: list[Path]
    scaling: dict[int, Path]  # size in MB -> file
    one_line: Path
    digest: str  # sha256 over every file, to show two builds are identical


def seed_paragraphs(seed_dir: Path) -> list[bytes]:
    """Non-blank lines of the seeds: each is one paragraph in this copy."""
    paragraphs = []
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [line.strip().encode("utf-8") for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise SystemExit(f"no seed text found in {seed_dir}/*.txt")
    return paragraphs


def make_text(paragraphs: list[bytes], seed: str, size: int, joiner: bytes = b"\n\n") -> bytes:
    """At least `size` bytes of paragraphs from seeded shuffles of the pool.

    Each part gets its own RNG (seeded by name), so a part does not change
    when another part's size does.
    """
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
    return joiner.join(out) + b"\n"


def one_line(paragraphs: list[bytes], seed: str, size: int) -> bytes:
    """Paragraphs run together into one line (copy pasted from a web page or a PDF loses its line
    breaks): thousands of findings on one line. Paragraphs with straight double quotes are left out,
    because pairing them across a whole file-long line is a different cost from the one measured."""
    return make_text([p for p in paragraphs if b'"' not in p], seed, size, joiner=b"")


def plan(profile: Profile) -> dict[str, int]:
    """Relative path -> target size in bytes for every file of the profile."""
    parts = {"big.txt": profile.big_mb * MB}
    parts |= {f"files/f{i:04d}.txt": profile.file_kb * 1000 for i in range(profile.n_files)}
    n_docs = profile.docs_mb * MB // (profile.doc_kb * 1000)
    parts |= {f"docs/d{i:03d}.txt": profile.doc_kb * 1000 for i in range(n_docs)}
    parts |= {f"scaling/{mb}mb.txt": mb * MB for mb in profile.scaling_mb}
    parts[ONE_LINE] = profile.one_line_mb * MB
    return parts


def build(seed_dir: Path, corpus_dir: Path, profile: Profile, seed: int) -> Corpus:
    """Build (or reuse, when the manifest matches) the corpus for `profile`."""
    root = corpus_dir / profile.name
    paragraphs = seed_paragraphs(seed_dir)
    parts = plan(profile)
    key = {
        "seed": seed,
        "seeds_sha256": hashlib.sha256(b"\0".join(paragraphs)).hexdigest(),
        "parts": parts,
    }
    manifest = root / "manifest.json"
    reuse = manifest.exists() and json.loads(manifest.read_text())["key"] == key
    digest = hashlib.sha256()
    for rel, size in parts.items():
        path = root / rel
        if reuse:
            data = path.read_bytes()
        else:
            data = (
                one_line(paragraphs, f"{seed}:{rel}", size)
                if rel == ONE_LINE
                else make_text(paragraphs, f"{seed}:{rel}", size)
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    if not reuse:
        manifest.write_text(json.dumps({"key": key, "digest": digest.hexdigest()}, indent=1))
    return Corpus(
        root=root,
        big=root / "big.txt",
        files=[root / rel for rel in parts if rel.startswith("files/")],
        docs=[root / rel for rel in parts if rel.startswith("docs/")],
        scaling={mb: root / f"scaling/{mb}mb.txt" for mb in profile.scaling_mb},
        one_line=root / ONE_LINE,
        digest=digest.hexdigest(),
    )
