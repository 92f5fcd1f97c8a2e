"""Hard inputs: each gets a specific one-line message, the other files are still linted, no traceback."""

from __future__ import annotations

import codecs
import json
import os

import pytest

from conftest import run
from unionlint import cli, sources

GOOD = "职工,群众\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0", "PNG 图片"),
        ("story.txt", b"PK\x03\x04\x14\0\x06\0", "ZIP/Office 文档"),  # a .docx is read (tests/test_word.py)
        ("scan.txt", b"%PDF-1.7\n", "PDF 文件"),
        ("nul.txt", "职工\0群众".encode(), "二进制文件（含 NUL 字节）"),
    ],
)
def test_binary_files_are_skipped_with_a_warning(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run(tmp_path / name, tmp_path / "good.txt")
    assert f"警告：{tmp_path / name}：看起来是{message}" in result.stderr
    assert "good.txt:1:3" in result.stdout
    assert result.returncode == 1  # findings in good.txt; a skipped file is not an error


def test_undecodable_file_names_file_and_offset_and_exits_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("职工".encode() + b"\xff\xfe")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run(bad, tmp_path / "good.txt")
    assert f"错误：{bad}：无法解码（字节偏移 6 处" in result.stderr
    assert "good.txt:1:3" in result.stdout
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_gbk_file_is_detected_and_encoding_option_overrides(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(GOOD.encode("gbk"))
    assert "old.txt:1:3" in run(path).stdout
    result = run("--encoding", "big5", path)
    assert result.returncode == 2 and "不是有效的 big5" in result.stderr
    assert "未知编码 latin-9x" in run("--encoding", "latin-9x", path).stderr


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: None, "文件或文件夹不存在"),
        (lambda d: os.symlink(d / "x.txt", d / "x.txt"), "符号链接循环"),
        (lambda d: (d / "x.txt").write_bytes(b""), None),  # empty: linted, nothing found
        (lambda d: (d / "x.txt").write_text("职工" * 1_000_000 + ",群众", encoding="utf-8"), None),  # 6 MB line
    ],
    ids=["missing", "symlink-loop", "empty", "long-line"],
)
def test_odd_paths(tmp_path, setup, message):
    setup(tmp_path)
    result = run(tmp_path / "x.txt")
    assert "Traceback" not in result.stderr
    if message:
        assert (result.returncode, message in result.stderr) == (2, True)
    else:
        assert result.returncode in (0, 1) and result.stderr == ""


def test_path_given_twice_is_checked_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = run(path, path)
    assert result.stdout.count("a.txt:1:3") == 1
    assert "重复给出的文件，只检查一次" in result.stderr


def test_unreadable_file_is_reported(tmp_path, monkeypatch, capsys):
    """Simulated with a patched open: tests may run as root, who can read anything."""
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", denied, raising=False)
    assert cli.main([str(path)]) == 2
    assert f"{path}：没有读取权限" in capsys.readouterr().err


def test_catastrophic_user_pattern_times_out_with_pack_and_rule(tmp_path, monkeypatch, capsys):
    from unionlint import exemptions

    pack = tmp_path / "slow.yaml"
    pack.write_text(
        "pack: slow\nrules:\n  - id: nested\n    kind: pattern\n    severity: error\n    message: 慢\n"
        "    pattern: '(a+)+$'\n    examples: {bad: ['aa'], good: ['b']}\n",
        encoding="utf-8",
    )
    text = tmp_path / "a.txt"
    text.write_text("a" * 5000 + "b\n", encoding="utf-8")
    monkeypatch.setattr(exemptions, "MATCH_TIMEOUT", 0.3)  # the real limit is 5 s; keep the suite fast
    assert cli.main(["--pack", str(pack), "--select", "slow", str(text)]) == 2
    error = capsys.readouterr().err
    assert "slow.nested" in error and str(pack) in error and "运行超时" in error
    assert "Traceback" not in error


def test_a_long_document_gets_time_in_proportion_not_a_backtracking_error(tmp_path, monkeypatch, capsys):
    """A scan's allowance grows with the text: a 64 MB archive file on a busy machine must not be
    reported as a runaway pattern. Here the fixed part is cut to 20 ms, which a plain scan of two
    million characters exceeds; the per-character part lets it finish."""
    from unionlint import exemptions

    text = tmp_path / "archive.txt"
    text.write_text("全市职工参加技能大赛,成绩优异。\n" * 125_000, encoding="utf-8")
    monkeypatch.setattr(exemptions, "MATCH_TIMEOUT", 0.02)
    assert cli.main(["--select", "punctuation.halfwidth-comma", "--format", "json", str(text)]) == 1
    captured = capsys.readouterr()
    assert "运行超时" not in captured.err and captured.out.count("halfwidth-comma") == 125_000


def test_short_gbk_that_is_also_valid_utf8_round_trips_byte_for_byte(tmp_path):
    """“群” in GBK is C8 BA, which is valid UTF-8 (“Ⱥ”). Read as UTF-8, no Chinese rule fires on it,
    and the bytes are written back unchanged; --encoding gbk reads it as intended."""
    path = tmp_path / "a.txt"
    path.write_bytes("群\n".encode("gbk"))
    assert sources.read_document(str(path)).encoding == "utf-8"
    assert sources.read_document(str(path), "gbk").text == "群\n"
    assert run("--fix", path).returncode == 0
    assert path.read_bytes() == "群\n".encode("gbk")


WIDE = [
    ("utf-16-le", codecs.BOM_UTF16_LE),  # Windows Notepad's "Unicode"
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]


@pytest.mark.parametrize(("codec", "bom"), WIDE, ids=[codec for codec, _ in WIDE])
def test_utf16_and_utf32_with_a_bom_are_linted_and_fixed_in_their_encoding(tmp_path, capsys, codec, bom):
    """The BOM is read before the NUL-byte test (every ASCII character of UTF-16 has a NUL byte);
    the fixed file keeps its BOM, byte order and CRLF line ends."""
    path = tmp_path / "a.txt"
    path.write_bytes(bom + "职工,群众\r\n全市职工积极参加。\r\n".encode(codec))
    assert cli.main(["--format", "json", str(path)]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["diagnostics"]
    assert (finding["line"], finding["column"], finding["fix"]) == (1, 3, "，")
    assert cli.main(["--fix", str(path)]) == 0
    assert path.read_bytes() == bom + "职工，群众\r\n全市职工积极参加。\r\n".encode(codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_bomless_utf16_needs_encoding_option_and_keeps_its_byte_order(tmp_path, capsys, codec):
    path = tmp_path / "a.txt"
    path.write_bytes("职工,群众\r\n第2段。\r\n".encode(codec))
    assert cli.main([str(path)]) == 0  # without --encoding: NUL bytes, skipped as binary (with a warning)
    assert "二进制文件" in capsys.readouterr().err
    family = codec[:6]  # utf-16 / utf-32: the byte order is read from the text
    assert cli.main(["--encoding", family, "--fix", str(path)]) == 0
    assert path.read_bytes() == "职工，群众\r\n第2段。\r\n".encode(codec)  # no BOM added
