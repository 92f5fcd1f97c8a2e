"""Hard inputs: each gets a specific one-line message, the other files are still linted, no traceback."""

from __future__ import annotations

import codecs
import json
import os

import pytest

from conftest import run
from unionlint import cli, sources

GOOD = "职工,群众\n"


BINARY = [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0", "PNG 图片"),
    ("story.txt", b"PK\x03\x04\x14\0\x06\0", "ZIP/Office 文档"),  # a .docx is read (tests/test_word.py)
    ("scan.txt", b"%PDF-1.7\n", "PDF 文件"),
    ("nul.txt", "职工\0群众".encode(), "二进制文件（含 NUL 字节）"),
]


@pytest.mark.parametrize(("name", "content", "message"), BINARY, ids=[name for name, _, _ in BINARY])
def test_binary_files_met_in_a_folder_are_skipped_with_a_warning_and_counted(tmp_path, capsys, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert cli.main([str(tmp_path)]) == 1  # findings in good.txt; a skipped file is not an error
    captured = capsys.readouterr()
    assert f"警告：{tmp_path / name}：看起来是{message}" in captured.err and captured.err.endswith(
        "不是纯文本（已跳过）\n"
    )
    assert "good.txt:1:3" in captured.out
    assert "检查了 1 个文件，跳过 1 个（二进制）；发现 1 个问题（错误 1）。" in captured.out


@pytest.mark.parametrize(("name", "content", "message"), BINARY, ids=[name for name, _, _ in BINARY])
def test_a_binary_file_named_on_the_command_line_is_an_error(tmp_path, capsys, name, content, message):
    """Named explicitly, the user expects it checked: exit 2, and the summary says it was not."""
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert cli.main([str(tmp_path / name), str(tmp_path / "good.txt")]) == 2
    captured = capsys.readouterr()
    assert f"错误：{tmp_path / name}：看起来是{message}" in captured.err and captured.err.endswith(
        "不是纯文本（无法检查）\n"
    )
    assert "检查了 1 个文件，1 个无法读取；发现 1 个问题（错误 1）。" in captured.out


def test_summary_never_says_no_problems_when_a_file_was_not_checked(tmp_path, capsys):
    (tmp_path / "clean.txt").write_text("全市职工积极参加。\n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "bad.txt").write_bytes("职工".encode() + b"\xff")
    assert cli.main([str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "未发现问题" not in out
    assert out.endswith(
        "检查了 1 个文件，跳过 2 个（1 个二进制、1 个其他格式），1 个无法读取；已检查的文件中没有问题。\n"
    )
    assert cli.main(["--format", "json", str(tmp_path)]) == 2
    head = json.loads(capsys.readouterr().out)
    assert (head["files_checked"], head["files_skipped"], head["files_unreadable"]) == (
        1,
        {"二进制": 1, "其他格式": 1},
        1,
    )


def test_a_folder_with_nothing_to_check_is_a_warning(tmp_path, capsys):
    """As ruff's “No Python files found”: exit 0, but never a green “no problems”."""
    (tmp_path / "notes.rst").write_text("x", encoding="utf-8")
    assert cli.main([str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"unionlint: 警告：{tmp_path}：未找到可检查的文件\n"
    assert captured.out == "检查了 0 个文件。\n"


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
    assert cli.main([str(path)]) == 2  # without --encoding: NUL bytes, not text
    assert "二进制文件（含 NUL 字节），不是纯文本（无法检查）" in capsys.readouterr().err
    family = codec[:6]  # utf-16 / utf-32: the byte order is read from the text
    assert cli.main(["--encoding", family, "--fix", str(path)]) == 0
    assert path.read_bytes() == "职工，群众\r\n第2段。\r\n".encode(codec)  # no BOM added


def _checked(capsys, *argv) -> list[str]:
    cli.main(["--format", "json", *map(str, argv)])
    return sorted({d["path"] for d in json.loads(capsys.readouterr().out)["diagnostics"]})


def test_folder_walk_honours_gitignore_and_ignore_files_and_no_ignore_turns_it_off(tmp_path, capsys, monkeypatch):
    """git's rules (pathspec): a pattern applies below its file's folder, a deeper file and `!` re-include,
    an ignored folder is not entered, `.ignore` as ripgrep/ruff, the work tree's top `.gitignore` applies
    when only a subfolder is walked."""
    repo = tmp_path / "repo"
    for name in ["a.txt", "drafts/b.txt", "desk/c.txt", "desk/keep.txt", "desk/old/d.txt", "desk/e.txt", "build/f.txt"]:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(GOOD, encoding="utf-8")
    (repo / ".git").mkdir()
    (repo / ".git" / "info").mkdir()
    (repo / ".git" / "info" / "exclude").write_text("build/\n", encoding="utf-8")
    (repo / ".gitignore").write_text("drafts/\n/desk/c.txt\nold\n", encoding="utf-8")
    (repo / "desk" / ".gitignore").write_text("*.txt\n!keep.txt\n", encoding="utf-8")
    (repo / "desk" / ".ignore").write_text("!e.txt\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _checked(capsys, "repo") == ["repo/a.txt", "repo/desk/e.txt", "repo/desk/keep.txt"]
    monkeypatch.chdir(repo)
    assert _checked(capsys, "desk") == ["desk/e.txt", "desk/keep.txt"]  # repo/.gitignore still applies
    assert _checked(capsys, "desk/c.txt") == ["desk/c.txt"]  # named explicitly: checked, as ruff does
    every = ["a.txt", "build/f.txt", "desk/c.txt", "desk/e.txt", "desk/keep.txt", "desk/old/d.txt", "drafts/b.txt"]
    assert _checked(capsys, "--no-ignore", ".") == every


def test_folder_symlinks_are_followed_once_and_loops_end(tmp_path, capsys, monkeypatch):
    (tmp_path / "copy" / "desk").mkdir(parents=True)
    (tmp_path / "copy" / "desk" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "b.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path / "shared", tmp_path / "copy" / "desk" / "linked")  # another folder: followed
    os.symlink(tmp_path / "copy", tmp_path / "copy" / "desk" / "loop")  # back up the tree: no loop
    monkeypatch.chdir(tmp_path)
    assert _checked(capsys, "copy") == ["copy/desk/a.txt", "copy/desk/linked/b.txt"]
