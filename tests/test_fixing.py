"""--fix / --diff / --unsafe-fixes: in-place, atomic, encoding- and newline-preserving, idempotent."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest

from conftest import SEEDS, UNIONLINT, run, run_json
from unionlint import cli, writer

BAD = '职工,群众说:"好"。\n第二行,结束'  # no final newline


def test_fix_rewrites_only_the_reported_spans_and_keeps_missing_final_newline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    result = run("--fix", path)
    assert path.read_text(encoding="utf-8") == "职工，群众说：“好”。\n第二行，结束"
    assert "已自动修复 5 处" in result.stdout  # each quote is one fix
    assert run("--fix", path).stdout.count("已自动修复") == 0  # idempotent


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_keeps_encoding_newline_and_mode(tmp_path, encoding, newline):
    path = tmp_path / "a.txt"
    path.write_bytes(BAD.replace("\n", newline).encode(encoding))
    os.chmod(path, 0o640)
    assert run("--fix", path).returncode == 0
    expected = "职工，群众说：“好”。\n第二行，结束".replace("\n", newline).encode(encoding)
    assert path.read_bytes() == expected
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_file_with_nothing_to_fix_is_not_rewritten(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("职工群众说好。\n", encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    run("--fix", path)
    assert os.stat(path).st_mtime == 1_000_000


def test_diff_prints_changes_and_writes_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    result = run("--diff", path)
    assert result.returncode == 1
    assert result.stdout.endswith(
        "-第二行,结束\n\\ No newline at end of file\n+职工，群众说：“好”。\n+第二行，结束\n\\ No newline at end of file\n"
    )
    assert path.read_text(encoding="utf-8") == BAD
    clean = tmp_path / "b.txt"
    clean.write_text("好。\n", encoding="utf-8")
    assert (run("--diff", clean).returncode, run("--diff", clean).stdout) == (0, "")


def test_unsafe_fixes_only_on_request(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("新的起点—中原大地\n", encoding="utf-8")
    run("--fix", path)
    assert path.read_text(encoding="utf-8") == "新的起点—中原大地\n"
    run("--fix", "--unsafe-fixes", path)
    assert path.read_text(encoding="utf-8") == "新的起点——中原大地\n"


def test_fix_from_stdin_writes_text_to_stdout_and_report_to_stderr():
    result = run("--fix", "-", input="职工,群众\n")
    assert result.stdout == "职工，群众\n"
    assert "已自动修复 1 处" in result.stderr


def test_fixes_applied_in_json(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    result = run("--fix", "--format", "json", path)
    assert '"fixes_applied": {"punctuation.halfwidth-colon": 1' in result.stdout
    assert '"rule": "punctuation.halfwidth-comma"' not in result.stdout  # only what remains is listed


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failure_while_writing_leaves_original_intact(tmp_path, monkeypatch, capsys, failing):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, failing, boom)
    assert cli.main(["--fix", str(path)]) == 2
    assert "写回失败" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == BAD
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_ctrl_c_while_writing_removes_temporary_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupt)
    assert cli.main(["--fix", str(path)]) == 130
    assert path.read_text(encoding="utf-8") == BAD
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.slow
def test_fix_on_seeds_changes_only_punctuation_space_and_digits(tmp_path):
    """Punctuation-pack fixes never touch a Han character, and leave nothing safely fixable."""
    import difflib

    import regex

    for source in SEEDS.glob("*.txt"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    run("--fix", "--select", "punctuation", tmp_path)
    _, remaining = run_json("--select", "punctuation", tmp_path)
    assert [d for d in remaining if d["fix"] is not None and d["applicability"] == "safe"] == []
    for source in SEEDS.glob("*.txt"):
        before = source.read_text(encoding="utf-8")
        after = (tmp_path / source.name).read_text(encoding="utf-8")
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        changed = "".join(
            before[i1:i2] + after[j1:j2] for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
        )
        assert regex.fullmatch(r"[\p{P}\p{S}\p{Z}\s\d]*", changed), (source.name, changed)


def test_fix_from_stdin_passes_undecodable_input_through_unchanged():
    data = "职工,".encode() + b"\xff\xfe"
    result = subprocess.run([str(UNIONLINT), "--fix", "-"], input=data, capture_output=True)
    assert (result.returncode, result.stdout) == (2, data)
    assert "无法解码" in result.stderr.decode()


def test_fix_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("职工,群众\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("--fix", link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "职工，群众\n"


def test_fix_never_writes_reversed_quotes_on_a_line_with_an_odd_number_of_straight_quotes(tmp_path):
    """An OCR'd line that lost one `"` cannot be paired: only the quote whose own neighbours settle it
    (面"、 closes) is rewritten, even with --unsafe-fixes; every other one is reported with no fix."""
    odd = '分栏后,由"点"成"面"、聚"线"成"网"的"\n'
    even = '开展"最美职工"活动\n'
    path = tmp_path / "a.txt"
    path.write_text(odd + even, encoding="utf-8")
    run("--fix", "--unsafe-fixes", path)
    fixed = path.read_text(encoding="utf-8")
    first, second = fixed.splitlines()
    assert first == '分栏后，由"点"成"面”、聚"线"成"网"的"'
    assert second == "开展“最美职工”活动"  # an even line: the order guess, applied only as an unsafe fix
    _, diagnostics = run_json(path)
    assert [(d["rule"], d["fix"]) for d in diagnostics] == [("punctuation.straight-quote-unpaired", None)] * 8


def test_quote_parity_is_counted_linearly_on_a_long_ocr_line(tmp_path):
    """A page glued into one line with thousands of quotes must not time out the quote rules."""
    path = tmp_path / "a.txt"
    path.write_text('开展"最美职工"活动，' * 5000 + '"\n', encoding="utf-8")
    result = run("--select", "punctuation.straight-double-quotes,punctuation.straight-quote-unpaired", path)
    assert result.returncode == 1 and "运行超时" not in result.stderr
    assert "straight-quote-unpaired" in result.stdout and "straight-double-quotes " not in result.stdout


REPEATED = "第一段文字，河南工会五年来交出了出彩的答卷。"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (f"{REPEATED}\n\n{REPEATED}\n", f"{REPEATED}\n"),
        (f"{REPEATED}\n\n{REPEATED}", REPEATED),  # no final newline before, none after
        (f"{REPEATED}\n{REPEATED}\n", f"{REPEATED}\n"),
        (f"标题\n\n{REPEATED}\n\n\n{REPEATED}\n", f"标题\n\n{REPEATED}\n"),
        (f"{REPEATED}\n\n{REPEATED}\n\n结尾。\n", f"{REPEATED}\n\n结尾。\n"),  # not the last: as before
    ],
)
def test_deleting_a_repeated_last_paragraph_leaves_no_trailing_blank_line(text, fixed):
    from unionlint.api import default_setup
    from unionlint.document import Document
    from unionlint.engine import Engine
    from unionlint.fixes import fix_document

    engine = Engine([rule for rule in default_setup().rules() if rule.id == "duplicates.repeated-paragraph"])
    assert fix_document(engine, Document.from_text("a.txt", text), unsafe=True)[0].text == fixed


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_unsafe_deleting_the_repeated_last_paragraph_keeps_the_file_ending(tmp_path, newline):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{REPEATED}\n\n{REPEATED}\n".replace("\n", newline).encode("utf-8"))
    run("--fix", "--unsafe-fixes", path)
    assert path.read_bytes() == f"{REPEATED}{newline}".encode()
