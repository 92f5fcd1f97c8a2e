"""End to end: LibreOffice opens a reviewed .docx and sees unionlint's tracked changes and comments.

The reviewed document is converted with `soffice --headless --convert-to fodt` (flat OpenDocument
XML) and read back: in it each tracked change is a `text:changed-region` with its author, marked in
the text by `text:change-start`/`text:change-end`, and each comment an `office:annotation` with its
`office:annotation-end`. (Loading through UNO is avoided: LibreOffice 7.4 crashes on documents with
comments there.) CI installs LibreOffice (.ci/run); elsewhere the test is skipped when it is missing.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import run
from word_fixtures import FIXED, ORIGINAL, REVIEW_FIXED, REVIEW_ORIGINAL, build, build_review_sample

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    ),
]
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def convert(path, folder):
    """The flat ODT LibreOffice makes of `path` (a profile of its own, so no running office interferes)."""
    profile = folder / "profile"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = folder / (path.stem + ".fodt")
    assert converted.exists(), result.stdout + result.stderr
    from lxml import etree

    return etree.parse(str(converted)).getroot()


def changes(root) -> dict[str, tuple[str, str]]:
    """Tracked change id → (kind, author), as LibreOffice lists them."""
    found = {}
    for region in root.iter(f"{{{TEXT}}}changed-region"):
        change = next(child for child in region if child.tag.startswith(f"{{{TEXT}}}"))
        author = change.findtext(f".//{{{DC}}}creator")
        found[region.get(f"{{{TEXT}}}id")] = (change.tag.split("}")[1], author)
    return found


def paragraphs(root, shown) -> tuple[list[str], dict[str, str]]:
    """Every paragraph's text, with the changes for which `shown(kind, author)` is False left out,
    and the text each comment is anchored on (comment author → text, by comment name)."""
    regions = changes(root)
    texts, anchored = [], {}

    def read(paragraph):
        out, open_changes, open_notes = [], [], {}

        def add(text):
            if text and all(shown(*regions[change]) for change in open_changes):
                out.append(text)
                for name in open_notes:
                    open_notes[name].append(text)

        def walk(element):
            add(element.text)
            for child in element:
                name = child.tag.split("}")[1]
                if name == "change-start":
                    open_changes.append(child.get(f"{{{TEXT}}}change-id"))
                elif name == "change-end":
                    open_changes.remove(child.get(f"{{{TEXT}}}change-id"))
                elif name == "annotation":
                    open_notes[(child.findtext(f"{{{DC}}}creator"), child.get(f"{{{OFFICE}}}name"))] = []
                elif name == "annotation-end":
                    key = next(key for key in open_notes if key[1] == child.get(f"{{{OFFICE}}}name"))
                    anchored[key] = "".join(open_notes.pop(key))
                elif name == "line-break":
                    add("\u2028")
                elif name != "note":  # a footnote's paragraphs are read on their own
                    walk(child)
                add(child.tail)

        walk(paragraph)
        return "".join(out)

    for paragraph in root.iter(f"{{{TEXT}}}p"):
        if not any(parent.tag == f"{{{OFFICE}}}annotation" for parent in paragraph.iterancestors()):
            texts.append(read(paragraph))
    return [text for text in texts if text], {author_name: text for author_name, text in anchored.items()}


def accept_all(kind, author):
    return kind == "insertion"


def reject_unionlint(kind, author):
    """Reject unionlint's changes, accept everyone else's."""
    return (kind == "insertion") != (author == "unionlint")


def expected(paragraphs):
    # LibreOffice shows the PAGE field's current value, not the result stored in the file.
    return sorted(text.replace("1,2", "1") for text in paragraphs if text)


def test_libreoffice_sees_tracked_changes_and_comments(tmp_path):
    sample = build(tmp_path / "稿件.docx")
    reviewed = tmp_path / "reviewed.docx"
    result = run("--fix", "--comments", "--isolated", "-o", reviewed, sample)
    assert result.returncode == 1, result.stderr
    root = convert(reviewed, tmp_path)
    regions = changes(root)
    ours = [kind for kind, author in regions.values() if author == "unionlint"]
    assert ours.count("insertion") == ours.count("deletion") == 12  # 11 fixes, the pair of quotes two replacements
    assert ("deletion", "张编辑") in regions.values()  # the other editor's changes are still there
    accepted, anchored = paragraphs(root, accept_all)
    assert sorted(accepted) == expected(FIXED)
    assert sorted(paragraphs(root, reject_unionlint)[0]) == expected(ORIGINAL)
    assert sorted(anchored.values()) == ["已有批注", "的的"]
    assert {author for author, _ in anchored} == {"unionlint", "张编辑"}


def comments(root) -> dict[str, tuple[str, str]]:
    """Comment name → (author, text), as LibreOffice lists them."""
    return {
        note.get(f"{{{OFFICE}}}name"): (
            note.findtext(f"{{{DC}}}creator"),
            "\n".join("".join(p.itertext()) for p in note.iter(f"{{{TEXT}}}p")),
        )
        for note in root.iter(f"{{{OFFICE}}}annotation")
    }


def test_libreoffice_sees_the_review_sample_as_an_editor_would(tmp_path):
    """The sample of the README and the closing note: fixes in body, table and header as revisions
    (one revision for ,, → ，， → ，), a comment on the doubled 的 in the body, and the footnote's
    finding listed in a comment on the headline."""
    sample = build_review_sample(tmp_path / "稿件.docx")
    reviewed = tmp_path / "稿件-已审.docx"
    result = run("--fix", "--comments", "--isolated", "-o", reviewed, sample)
    assert result.returncode == 1, result.stderr
    assert "已自动修复 10 处" in result.stdout
    root = convert(reviewed, tmp_path)
    assert sorted(changes(root).values()) == [("deletion", "unionlint")] * 7 + [("insertion", "unionlint")] * 7
    accepted, anchored = paragraphs(root, accept_all)
    assert sorted(accepted) == sorted(REVIEW_FIXED)
    assert sorted(paragraphs(root, reject_unionlint)[0]) == sorted(REVIEW_ORIGINAL)
    notes = comments(root)
    assert {name: text for (_, name), text in anchored.items()} == {
        name: "的的" if text.startswith("“的的”") else "全市老旧小区改造进展顺利" for name, (_, text) in notes.items()
    }
    (listing,) = [text for author, text in notes.values() if author == "unionlint" and text.startswith("unionlint：")]
    assert "以下 1 处问题在页眉、页脚、脚注或尾注中" in listing and "脚注1（第7段:10）" in listing
