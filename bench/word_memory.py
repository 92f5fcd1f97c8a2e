"""Peak memory of reading a large .docx: the streaming reader (plain linting) against the whole document.

    python bench/word_memory.py                  # 20,000 paragraphs, ~1 minute on 2 cores
    python bench/word_memory.py --paragraphs 3000

Builds a deterministic .docx under bench/corpus/word/ (git-ignored): paragraphs of the seeds' copy
split into bold, plain and italic runs, another editor's tracked insertion every 50 paragraphs and a
3×3 table every 200. Then measures, each in a fresh process (bench/launch.py, os.wait4):

- read, streaming: `unionlint.word.read_word` (what `unionlint FILE.docx` uses)
- read, whole document: `WordFile(...).document()` (python-docx's DOM; what --fix/--comments use)
- `unionlint FILE.docx` and `unionlint --comments -o OUT.docx FILE.docx`, the whole command
- the floor: a Python process that imports unionlint.word and lxml and reads nothing

and prints a Markdown table of wall seconds and peak RSS.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from measure import clean_environment, run_once

ROOT = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str, number: int) -> str:
    third = max(1, len(text) // 3)
    pieces = [text[:third], text[third : 2 * third], text[2 * third :]]
    shapes = ["<w:rPr><w:b/></w:rPr>", "", '<w:rPr><w:i/><w:color w:val="1F4E79"/></w:rPr>']
    runs = [
        f'<w:r>{shape}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>' for shape, piece in zip(shapes, pieces)
    ]
    if number % 50 == 0:
        runs[1] = f'<w:ins w:id="{number}" w:author="张编辑" w:date="2026-01-01T00:00:00Z">{runs[1]}</w:ins>'
    return f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>{"".join(runs)}</w:p>'


def build(path: Path, paragraphs: int) -> Path:
    """A .docx of `paragraphs` paragraphs (and tables), the same bytes for the same count."""
    import docx

    lines = [
        line.strip()
        for seed in sorted((ROOT / "seeds").glob("*.txt"))
        for line in seed.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(19)
    body = []
    for number in range(paragraphs):
        body.append(_paragraph(rng.choice(lines), number))
        if number % 200 == 199:
            cells = "".join(f"<w:tc>{_paragraph(rng.choice(lines)[:20], 1)}</w:tc>" for _ in range(3))
            body.append("<w:tbl><w:tblPr/>" + f"<w:tr>{cells}</w:tr>" * 3 + "</w:tbl>")
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
    document += "".join(body) + "<w:sectPr/></w:body></w:document>"
    template = io.BytesIO()
    docx.Document().save(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document.encode() if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return path


READ = {
    "floor": "import lxml.etree, unionlint.word",
    "read, streaming": "from unionlint.word import read_word; read_word(p, open(p, 'rb').read())",
    "read, whole document": "from unionlint.word import WordFile; WordFile(p, open(p, 'rb').read()).document()",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=20_000)
    args = parser.parse_args()
    folder = ROOT / "bench" / "corpus" / "word"
    path = build(folder / f"large-{args.paragraphs}.docx", args.paragraphs)
    xml = zipfile.ZipFile(path).getinfo("word/document.xml").file_size
    print(
        f"{path.relative_to(ROOT)}: {args.paragraphs} paragraphs, {path.stat().st_size / 1e6:.1f} MB zipped, "
        f"document.xml {xml / 1e6:.1f} MB",
        file=sys.stderr,
    )
    unionlint = [sys.executable, "-m", "unionlint"]
    commands = {name: [sys.executable, "-c", f"p = {str(path)!r}; {code}"] for name, code in READ.items()}
    commands["unionlint FILE.docx"] = [*unionlint, "--isolated", str(path)]
    commands["unionlint --comments -o OUT.docx FILE.docx"] = [
        *unionlint,
        "--isolated",
        "--comments",
        "-o",
        str(folder / "reviewed.docx"),
        str(path),
    ]
    env = clean_environment()
    print("| run | seconds | peak RSS (MB) | exit |\n|---|---|---|---|")
    for name, argv in commands.items():
        wall, rss_kb, code, error = run_once(argv, ROOT, folder / "out.txt", env, timeout=600)
        note = f" {error}" if code not in (0, 1) else ""
        print(f"| {name} | {wall:.1f} | {rss_kb / 1024:.0f} | {code}{note} |", flush=True)


if __name__ == "__main__":
    main()
