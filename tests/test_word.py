""".docx input: findings located by paragraph, fixes as tracked changes, comments, bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from unionlint import cli
from word_fixtures import (
    FIXED,
    LOCATIONS,
    ORIGINAL,
    W,
    accepted,
    build,
    build_structures,
    formatting,
    parts,
    rejected,
    texts,
)

BODY = "word/document.xml"


@pytest.fixture
def sample(tmp_path):
    return build(tmp_path / "稿件.docx")


def lint_json(capsys, *args) -> tuple[int, list[dict]]:
    code = cli.main(["--format", "json", "--isolated", *map(str, args)])
    return code, json.loads(capsys.readouterr().out)["diagnostics"]


def read_back(path, locations=False):
    """The paragraphs as unionlint reads them (tracked changes accepted), in reading order."""
    from unionlint.word import WordFile

    doc = WordFile(str(path), path.read_bytes()).document()
    return (doc.text.split("\n"), doc.locations) if locations else doc.text.split("\n")


def all_text(path, transform) -> list[str]:
    """The non-empty paragraphs of body, footnotes, header and footer, `transform` applied to each part."""
    found = parts(path)
    names = (
        [BODY, "word/footnotes.xml"]
        + sorted(n for n in found if "header" in n)
        + sorted(n for n in found if "footer" in n)
    )
    return [text for name in names for text in texts(transform(found[name])) if text]


def plain(paragraphs) -> list[str]:
    """The non-empty paragraphs as w:t text: a line break is no w:t."""
    return [text.replace("\u2028", "") for text in paragraphs if text]


def test_reads_every_place_in_reading_order_with_tracked_changes_accepted(sample):
    assert read_back(sample, locations=True) == (
        ORIGINAL,
        LOCATIONS,
    )  # 删掉,的字 (deleted by 张编辑) is not read; 新增,文字 (inserted) is


def test_findings_are_located_by_paragraph_and_place(sample, capsys):
    code, found = lint_json(capsys, sample)
    assert code == 1
    where = {(d["line"], d["column"], d["location"]) for d in found if d["rule"] == "punctuation.halfwidth-comma"}
    assert where == {
        (1, 10, "paragraph"),
        (1, 28, "paragraph"),
        (3, 6, "paragraph"),  # inside another editor's insertion
        (4, 5, "paragraph"),  # inside a hyperlink
        (6, 8, "paragraph"),  # after a line break
        (12, 9, "table r2c2"),
        (13, 5, "footnote 1"),
        (14, 4, "header"),
        (15, 6, "footer"),  # not the PAGE field's "1,2"
    }
    assert not [d for d in found if d["line"] == 8]  # suppressed by the comment paragraph above it
    cli.main(["--isolated", str(sample)])
    out = capsys.readouterr().out
    assert f"{sample}:第12段:9（表格第2行第3列）" not in out
    assert f"{sample}:第12段:9（表格第2行第2列）: error [punctuation.halfwidth-comma]" in out
    assert f"{sample}:第14段:4（页眉）" in out and f"{sample}:第1段:10: error" in out


def test_sarif_names_the_place(sample, capsys):
    cli.main(["--format", "sarif", "--isolated", str(sample)])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    places = {r["locations"][0]["logicalLocations"][0]["name"] for r in results}
    assert {"paragraph", "table r2c2", "footnote 1", "header", "footer"} == places


def test_fix_writes_tracked_changes_that_accept_to_the_fixed_text(sample, capsys):
    before = parts(sample)
    assert cli.main(["--fix", "--isolated", str(sample)]) == 1  # the doubled 的 is left for a person
    assert "已自动修复 12 处" in capsys.readouterr().out  # each straight quote is one fix
    assert read_back(sample) == FIXED
    # Independently of unionlint's reader: accepting unionlint's changes gives the fixed text,
    # rejecting them gives back the original, and the other editor's changes are still there.
    assert all_text(sample, accepted) == plain(FIXED)
    assert all_text(sample, lambda root: accepted(rejected(root, "unionlint"))) == plain(ORIGINAL)
    after = parts(sample)
    changes = [e for e in after[BODY].iter(f"{{{W}}}ins", f"{{{W}}}del") if e.get(f"{{{W}}}author") == "unionlint"]
    assert len(changes) == 18  # 9 replacements in the body (table included): a deletion and an insertion each
    assert all(e.get(f"{{{W}}}date", "").endswith("Z") for e in changes)
    others = [e.get(f"{{{W}}}author") for e in after[BODY].iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert others.count("张编辑") >= 2
    # Every character keeps its formatting: the bold quote, the red inserted text, the italic Latin.
    for name in (BODY, "word/footnotes.xml"):
        old, new = formatting(accepted(before[name])), formatting(accepted(after[name]))
        assert [shape for _, shape in new] == [shape for _, shape in old]
    # The field code, the footnote reference and the other editor's comment are where they were.
    assert b"PAGE" in zipfile.ZipFile(sample).read("word/footer1.xml")
    body = zipfile.ZipFile(sample).read(BODY).decode()
    assert 'w:footnoteReference w:id="1"' in body and "w:commentRangeStart" in body
    assert "<w:hyperlink" in body and "链接" in body


def test_fix_is_idempotent_and_a_clean_document_is_not_rewritten(sample, capsys):
    cli.main(["--fix", "--isolated", str(sample)])
    capsys.readouterr()
    first = sample.read_bytes()
    os.utime(sample, (1_000_000, 1_000_000))
    cli.main(["--fix", "--isolated", str(sample)])
    assert "已自动修复" not in capsys.readouterr().out
    assert sample.read_bytes() == first and os.stat(sample).st_mtime == 1_000_000


def test_no_track_changes_edits_directly(sample):
    cli.main(["--fix", "--no-track-changes", "--isolated", str(sample)])
    assert read_back(sample) == FIXED
    body = parts(sample)[BODY]
    assert not [e for e in body.iter(f"{{{W}}}ins", f"{{{W}}}del") if e.get(f"{{{W}}}author") == "unionlint"]
    assert all_text(sample, accepted) == plain(FIXED)


def test_comments_for_the_findings_left_and_output_to_another_file(sample, tmp_path, capsys):
    original = sample.read_bytes()
    reviewed = tmp_path / "reviewed.docx"
    assert cli.main(["--fix", "--comments", "-o", str(reviewed), "--isolated", str(sample)]) == 1
    assert sample.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviewed.docx", "稿件.docx"]  # no temporary file left
    found = parts(reviewed)
    notes = {
        c.get(f"{{{W}}}id"): (c.get(f"{{{W}}}author"), "\n".join(texts(c)))
        for c in found["word/comments.xml"].iter(f"{{{W}}}comment")
    }
    ours = {key: text for key, (author, text) in notes.items() if author == "unionlint"}
    assert list(ours.values()) == [
        "“的的”疑为重复录入，应删去一个“的”（unionlint duplicates.doubled-character）\n建议修改：的的 → 的"
    ]
    assert ("张编辑", "请核实") in notes.values()
    (key,) = ours
    assert _anchored(found[BODY], key) == "的的"
    assert read_back(reviewed) == FIXED


def test_comments_alone_add_every_finding_and_change_no_text(sample, capsys):
    cli.main(["--comments", "--isolated", str(sample)])
    found = parts(sample)
    notes = [c for c in found["word/comments.xml"].iter(f"{{{W}}}comment") if c.get(f"{{{W}}}author") == "unionlint"]
    assert len(notes) == 11  # the body's and the table's, and one listing the rest
    assert read_back(sample) == ORIGINAL
    anchored = {_anchored(found[BODY], c.get(f"{{{W}}}id")) for c in notes}
    assert anchored == {",", ":", '"', "的的", ORIGINAL[0]}  # each straight quote is its own finding
    # Word ignores comment anchors in headers, footers and notes: their findings are listed in a
    # comment on the first paragraph, each with its place and the text around it.
    (listing,) = [texts(c) for c in notes if _anchored(found[BODY], c.get(f"{{{W}}}id")) == ORIGINAL[0]]
    assert listing[0].startswith("unionlint：以下 3 处问题在页眉、页脚、脚注或尾注中")
    assert [line.split("：")[0] for line in listing[1:]] == [
        "1. 脚注1（第13段:5）“资料来源,国家统计局。”",
        "2. 页眉（第14段:4）“本报讯,记者张三。”",
        "3. 页脚（第15段:6）“第1,2页,共几页。”",
    ]
    assert all("punctuation.halfwidth-comma" in line and "建议修改：, → ，" in line for line in listing[1:])
    assert not [e for name, root in found.items() if name != BODY for e in root.iter(f"{{{W}}}commentRangeStart")]


def _anchored(root, key) -> str:
    """The text between a comment's range start and end in the body."""
    inside, text = False, []
    for element in root.iter():
        if element.tag == f"{{{W}}}commentRangeStart" and element.get(f"{{{W}}}id") == key:
            inside = True
        elif element.tag == f"{{{W}}}commentRangeEnd" and element.get(f"{{{W}}}id") == key:
            break
        elif inside and element.tag == f"{{{W}}}t":
            text.append(element.text or "")
    return "".join(text)


def test_baseline_survives_edits_elsewhere(sample, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    assert cli.main(["--write-baseline", str(baseline), "--isolated", str(sample)]) == 0
    import docx

    document = docx.Document(str(sample))
    document.paragraphs[0].insert_paragraph_before("新加的一段没有问题。")
    document.add_paragraph("新的问题,在这里。")
    document.save(str(sample))
    capsys.readouterr()
    code, found = lint_json(capsys, "--baseline", str(baseline), sample)
    assert [(d["text"], d["location"]) for d in found] == [(",", "paragraph")]
    assert found[0]["line"] == 14  # after the 8 body paragraphs, the new first one and the table's 4 cells


def test_folder_walk_finds_docx_and_skips_word_lock_files(sample, tmp_path, capsys):
    (tmp_path / "~$稿件.docx").write_bytes(b"\x0bunionlint\0\0")
    (tmp_path / "a.txt").write_text("好。\n", encoding="utf-8")
    cli.main(["--isolated", str(tmp_path)])
    captured = capsys.readouterr()
    assert "检查了 2 个文件" in captured.out and not captured.err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("旧稿.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "无法读取 .doc 格式，请另存为 .docx 后再检查"),
        ("旧稿.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "无法读取 .wps 格式，请另存为 .docx 后再检查"),
        (
            "加密.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100) + "EncryptionInfo".encode("utf-16-le"),
            "文档设有打开密码（已加密）",
        ),
        ("改名.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "是旧版 Word/WPS 二进制文档，请另存为 .docx"),
        ("坏.docx", b"PK\x03\x04 truncated", "不是有效的 .docx 文件"),
        ("表格.docx", None, "压缩包不是 Word 文档"),
    ],
)
def test_bad_word_files_get_one_line_and_exit_2(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    if data is None:  # a zip that is not a Word document (an .xlsx renamed, say)
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(
                "[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
            )
            archive.writestr("xl/workbook.xml", "<workbook/>")
    else:
        path.write_bytes(data)
    assert cli.main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and str(path) in err


def test_damaged_document_xml_is_one_line(sample, tmp_path, capsys):
    broken = tmp_path / "坏.docx"
    with zipfile.ZipFile(sample) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename == BODY else data)
    assert cli.main([str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Word 文档已损坏" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.docx", "a.docx"], "-o/--output 需与 --fix 或 --comments 一起使用"),
        (["--fix", "-o", "out.docx", "a.txt"], "-o/--output 只用于检查单个 .docx 文件"),
        (["--fix", "-o", "a.docx", "a.docx"], "请给出另一个 .docx 文件名"),
        (["--no-track-changes", "a.docx"], "--no-track-changes 只与 --fix 一起使用"),
    ],
)
def test_word_option_mistakes_are_usage_errors(args, message, capsys):
    assert cli.main(args) == 2
    assert message in capsys.readouterr().err


def test_diff_shows_paragraph_changes_and_writes_nothing(sample, capsys):
    original = sample.read_bytes()
    assert cli.main(["--diff", "--isolated", str(sample)]) == 1
    out = capsys.readouterr().out
    assert '\n-他说:"工"。\n' in out and "\n+他说：“工”。\n" in out
    assert sample.read_bytes() == original


def test_python_docx_is_imported_only_for_word_documents(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("好,的。\n", encoding="utf-8")
    code = (
        "import sys; from unionlint import cli; cli.main(['--isolated', sys.argv[1]]); "
        "print('docx' in sys.modules, 'lxml' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert result.stderr.strip().endswith("False False")


def _two_runs(tmp_path):
    """A paragraph of a bold run and an italic run: 粗体AB + 斜体CD."""
    import docx

    from unionlint.word import WordFile

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("粗体AB").bold = True
    paragraph.add_run("斜体CD").italic = True
    path = tmp_path / "two.docx"
    document.save(str(path))
    return WordFile(str(path), path.read_bytes())


@pytest.mark.parametrize(
    ("new_text", "bold", "italic"),
    [
        ("前粗体AB斜体CD", "前粗体AB", "斜体CD"),  # insertion at the start: formatted as the text after it
        ("粗体AB中斜体CD", "粗体AB中", "斜体CD"),  # between runs: formatted as the text before it
        ("粗体AB斜体CD尾", "粗体AB", "斜体CD尾"),
        ("粗体A斜体CD", "粗体A", "斜体CD"),  # a deletion
        ("粗体AXY体CD", "粗体AX", "Y体CD"),  # across the two runs, same length: character by character
        ("粗体AZ体CD", "粗体AZ", "体CD"),  # across, shorter: the new text is formatted as the first
    ],
)
@pytest.mark.parametrize("track", [True, False])
def test_replace_keeps_each_characters_formatting(tmp_path, new_text, bold, italic, track):
    word = _two_runs(tmp_path)
    assert word.replace(0, new_text, track) >= 1
    out = tmp_path / "out.docx"
    out.write_bytes(word.to_bytes())
    body = accepted(parts(out)[BODY])
    shapes = formatting(body)
    assert "".join(char for char, _ in shapes) == new_text
    assert "".join(char for char, shape in shapes if b"<w:b/>" in shape) == bold
    assert "".join(char for char, shape in shapes if b"<w:i/>" in shape) == italic
    assert texts(rejected(parts(out)[BODY], "unionlint"))[0] == ("粗体AB斜体CD" if track else new_text)


def _png() -> bytes:
    """A 1×1 PNG, made here."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    )


def test_a_picture_in_the_middle_of_a_run_survives_fixes_on_both_sides(tmp_path, capsys):
    import io

    import docx

    document = docx.Document()
    run = document.add_paragraph().add_run("图前,文字")
    run.add_picture(io.BytesIO(_png()))
    run.add_text("图后,文字。")
    path = tmp_path / "图.docx"
    document.save(str(path))
    assert read_back(path) == ["图前,文字\ufffc图后,文字。"]
    assert cli.main(["--fix", "--isolated", str(path)]) == 0
    assert read_back(path) == ["图前，文字\ufffc图后，文字。"]
    body = zipfile.ZipFile(path).read(BODY).decode()
    assert body.count("<w:drawing>") == 1 and 'r:embed="rId' in body
    assert docx.Document(str(path)).inline_shapes[0].width > 0  # the picture is still there, related to its image


def test_comments_with_a_baseline_are_only_for_the_findings_reported(sample, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    cli.main(["--write-baseline", str(baseline), "--isolated", str(sample)])
    import docx

    document = docx.Document(str(sample))
    document.add_paragraph("新的问题,在这里。")
    document.save(str(sample))
    capsys.readouterr()
    code, found = lint_json(capsys, "--comments", "--baseline", baseline, sample)
    assert [(d["line"], d["text"]) for d in found] == [(13, ",")]  # the new paragraph, after the table
    notes = [
        c for c in parts(sample)["word/comments.xml"].iter(f"{{{W}}}comment") if c.get(f"{{{W}}}author") == "unionlint"
    ]
    assert len(notes) == 1 and "punctuation.halfwidth-comma" in texts(notes[0])[0]
    assert _anchored(parts(sample)[BODY], notes[0].get(f"{{{W}}}id")) == ","
    # Nothing new: the baseline hides every finding, and the document is not rewritten.
    before = sample.read_bytes()
    cli.main(["--write-baseline", str(baseline), "--isolated", str(sample)])
    capsys.readouterr()
    assert lint_json(capsys, "--comments", "--baseline", baseline, sample) == (0, [])
    assert sample.read_bytes() == before


@pytest.mark.parametrize(
    ("second", "ours"),
    [
        ("粗体AB斜体XYZ", "XYZ"),  # the middle of our insertion changes
        ("粗体AB斜体XZ", "XZ"),  # a character of it is deleted
        ("粗体AB斜体", ""),  # all of it is deleted: nothing of ours is left inserted
        ("粗体AB斜体XY!", "XY!"),  # text added right after it
    ],
)
def test_a_second_pass_edits_our_own_insertion_in_place(tmp_path, second, ours):
    """Pass 1 replaces CD with XY; pass 2 changes that new text: Word must show one deletion of the
    original CD and one insertion of the final text, with no deletion nested in our insertion."""
    word = _two_runs(tmp_path)
    word.replace(0, "粗体AB斜体XY")
    word.replace(0, second)
    out = tmp_path / "out.docx"
    out.write_bytes(word.to_bytes())
    body = parts(out)[BODY]
    insertions = [e for e in body.iter(f"{{{W}}}ins") if e.get(f"{{{W}}}author") == "unionlint"]
    deletions = [e for e in body.iter(f"{{{W}}}del") if e.get(f"{{{W}}}author") == "unionlint"]
    assert not [d for d in deletions if any(a.tag == f"{{{W}}}ins" for a in d.iterancestors())]
    assert ["".join(t.text for t in e.iter(f"{{{W}}}t")) for e in insertions] == ([ours] if ours else [])
    assert ["".join(t.text for t in e.iter(f"{{{W}}}delText")) for e in deletions] == ["CD"]
    assert texts(accepted(body))[0] == second
    assert texts(rejected(body, "unionlint"))[0] == "粗体AB斜体CD"
    shapes = formatting(accepted(body))
    assert "".join(char for char, shape in shapes if b"<w:i/>" in shape) == second[4:]  # italic, as CD was


def _findings(doc):
    from unionlint import api

    result = api._FileTask()(api._plan_document(doc, api.default_setup()))
    return [
        (d.rule, d.line, d.column, d.end_line, d.end_column, d.text, result.location(d.line))
        for d in result.diagnostics
    ]


@pytest.mark.parametrize("builder", [build, build_structures])
def test_linting_streams_the_document_and_reads_it_as_the_whole_document_reader(tmp_path, builder):
    """Linting (no --fix, no --comments) reads the XML paragraph by paragraph, never as a whole: the
    text, masks, locations and so every finding and position are those of the reader --fix uses."""
    from unionlint.word import Unopened, WordFile, read_word

    path = builder(tmp_path / "稿件.docx")
    streamed = read_word(str(path), path.read_bytes())
    whole = WordFile(str(path), path.read_bytes()).document()
    assert isinstance(streamed.word, Unopened)  # streamed, not read by the whole-document fallback
    assert (streamed.text, streamed.extra_masks, streamed.locations) == (whole.text, whole.extra_masks, whole.locations)
    found = _findings(streamed)
    assert len(found) >= 8 and found == _findings(whole)


def test_structures_are_read_in_reading_order(tmp_path):
    from unionlint.word import read_word

    path = build_structures(tmp_path / "结构.docx")
    doc = read_word(str(path), path.read_bytes())
    assert list(zip(doc.locations, doc.text.split("\n"))) == [
        ("paragraph", "开头一段,有逗号。"),
        ("paragraph", "框前,文字\ufffc框后,文字。"),  # the text box is one masked character, its text not read
        ("table r1c1", "外表,左上。"),
        ("table r1c2", ""),
        ("table r1c2 > table r1c1", ""),  # a table in a cell, cell by cell
        ("table r1c2 > table r1c2", "内表,右。"),
        ("table r1c2", ""),
        ("table r2c1", "外表,左下。"),
        ("table r2c2", ""),
        ("paragraph", "控件内,第一段。"),  # inside a content control
        ("paragraph", "2026,1,1日期后,文字。"),  # a DATE field's result is read, masked
        ("paragraph", "结尾,一段。"),
        ("endnote 1", "尾注,在此。"),
        ("endnote 1", "尾注第二段,插入,的"),
        ("header", "默认页眉,第二页起。"),
        ("header", "首页页眉,只在首页。"),
        ("footer", "首页页脚,完。"),
    ]


def test_linting_a_word_document_does_not_load_python_docx(sample):
    code = (
        "import sys; from unionlint import cli; cli.main(['--isolated', sys.argv[1]]); "
        "print('docx' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True)
    assert "第14段:4（页眉）" in result.stdout
    assert result.stderr.strip().endswith("False")  # streamed with lxml; python-docx only to fix or comment


def test_fixes_made_over_two_passes_show_as_one_revision(tmp_path, capsys):
    """,, becomes ，， (pass 1) and then one ， (pass 2): the second pass edits unionlint's own insertion."""
    import docx

    document = docx.Document()
    document.add_paragraph("他说,,你好。")
    path = tmp_path / "两遍.docx"
    document.save(str(path))
    assert cli.main(["--fix", "--isolated", str(path)]) == 0
    body = parts(path)[BODY]
    ours = [e for e in body.iter(f"{{{W}}}ins", f"{{{W}}}del") if e.get(f"{{{W}}}author") == "unionlint"]
    assert [(e.tag.split("}")[1], "".join(e.itertext())) for e in ours] == [("del", ",,"), ("ins", "，")]
    assert texts(accepted(body)) == ["他说，你好。"] and texts(rejected(body, "unionlint")) == ["他说,,你好。"]
