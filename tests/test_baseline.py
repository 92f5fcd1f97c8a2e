"""Baselines: record today's findings, then report only new ones — stable under unrelated edits."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import SEEDS, run, run_json, seed


@pytest.fixture
def articles(tmp_path):
    """A copy of the seeds in a sub-folder, so the tests can edit them."""
    folder = tmp_path / "稿件"
    shutil.copytree(SEEDS, folder)
    return folder


def write_baseline(baseline, *paths, cwd):
    result = run("--write-baseline", baseline, *paths, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result


def test_round_trip_on_the_seeds_hides_every_finding(articles, tmp_path):
    code, before = run_json(articles, cwd=tmp_path)
    assert code == 1 and before
    result = write_baseline(".unionlint-baseline.json", articles, cwd=tmp_path)
    assert f"{len(before)} 个问题记入基线" in result.stderr
    result = run("--baseline", ".unionlint-baseline.json", articles, cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert f"已隐藏基线中的 {len(before)} 个已知问题" in result.stdout
    assert "未发现新问题" in result.stdout
    reported = {
        "json": lambda out: json.loads(out)["diagnostics"],
        "sarif": lambda out: json.loads(out)["runs"][0]["results"],
        "gitlab": json.loads,
        "github": str.splitlines,
    }
    for fmt, findings in reported.items():
        result = run("--baseline", ".unionlint-baseline.json", "--format", fmt, articles, cwd=tmp_path)
        assert result.returncode == 0 and findings(result.stdout) == [], fmt


def test_file_is_sorted_versioned_relative_and_reproducible(articles, tmp_path):
    write_baseline("b.json", "稿件", cwd=tmp_path)
    first = (tmp_path / "b.json").read_bytes()
    document = json.loads(first)
    assert document["version"] == 1
    keys = [(e["path"], e["rule"], e["text"], e["before"], e["after"]) for e in document["findings"]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(e["path"].startswith("稿件/") for e in document["findings"])
    # Written again from another working directory, with an absolute path: byte for byte the same.
    write_baseline(tmp_path / "b.json", articles, cwd=articles)
    assert (tmp_path / "b.json").read_bytes() == first
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".unionlint-")]  # no temporary file left


def test_paths_are_relative_to_the_baseline_not_the_working_directory(articles, tmp_path):
    write_baseline(tmp_path / "b.json", "000_7ce8cb0b406473b9.txt", cwd=articles)
    assert json.loads((tmp_path / "b.json").read_text())["findings"][0]["path"] == "稿件/000_7ce8cb0b406473b9.txt"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run("--baseline", "../b.json", "../稿件/000_7ce8cb0b406473b9.txt", cwd=elsewhere)
    assert result.returncode == 0, result.stdout
    # The same baseline does not hide the same text in another file.
    shutil.copy(articles / "000_7ce8cb0b406473b9.txt", tmp_path / "copy.txt")
    assert run("--baseline", "b.json", "copy.txt", cwd=tmp_path).returncode == 1


def test_lines_inserted_above_and_an_unrelated_paragraph_edited_keep_findings_known(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("职工,群众参加活动。\n工会干部到场。\n会员(职工)代表发言。\n")
    write_baseline("b.json", "a.txt", cwd=tmp_path)
    article.write_text("新加的导语。\n\n职工,群众参加活动。\n工会干部和劳模到场并讲话。\n会员(职工)代表发言。\n")
    code, found = run_json("--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert (code, found) == (0, [])


def test_seed_edited_above_and_in_its_last_paragraph_keeps_findings_known(tmp_path):
    article = tmp_path / "article.txt"
    shutil.copy(seed("000"), article)
    write_baseline("b.json", "article.txt", cwd=tmp_path)
    paragraphs = article.read_text(encoding="utf-8").split("\n")
    # The last paragraph of running text (the seed ends in PDF fragments, 重 / 点，重, that are findings themselves).
    last = max(number for number, paragraph in enumerate(paragraphs) if len(paragraph.strip()) >= 30)
    paragraphs[last] += "另据统计，今年共有三百名职工参加。"  # an unrelated edit, away from any finding
    article.write_text("新的导语段落。\n\n另一段补充说明。\n" + "\n".join(paragraphs), encoding="utf-8")
    assert run_json("--baseline", "b.json", "article.txt", cwd=tmp_path) == (0, [])
    # A new error typed into the seed is the one finding reported.
    article.write_text("工会组织了了职工参加活动。\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    code, found = run_json("--baseline", "b.json", "article.txt", cwd=tmp_path)
    assert code == 1 and [(d["rule"], d["line"]) for d in found] == [("duplicates.doubled-character", 1)]


def test_a_new_error_in_an_edited_paragraph_is_reported(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("职工,群众参加活动。\n工会干部到场。\n")
    write_baseline("b.json", "a.txt", cwd=tmp_path)
    article.write_text("职工,群众参加活动。\n工会干部到场,劳模讲话。\n")
    code, found = run_json("--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert code == 1
    assert [(d["line"], d["rule"], d["text"]) for d in found] == [(2, "punctuation.halfwidth-comma", ",")]
    text = run("--baseline", "b.json", "a.txt", cwd=tmp_path).stdout
    assert "a.txt:2:7: error [punctuation.halfwidth-comma]" in text and "a.txt:1:" not in text
    assert "已隐藏基线中的 1 个已知问题。" in text and "发现 1 个问题" in text


def test_matching_counts_occurrences_as_a_multiset(tmp_path):
    article = tmp_path / "a.txt"
    line = "职工,群众参加活动。\n"
    article.write_text(line * 2)
    write_baseline("b.json", "a.txt", cwd=tmp_path)
    assert json.loads((tmp_path / "b.json").read_text())["findings"][0]["count"] == 2
    article.write_text(line * 3)
    code, found = run_json("--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert code == 1 and len(found) == 1 and found[0]["rule"] == "punctuation.halfwidth-comma"
    article.write_text(line)
    assert run_json("--baseline", "b.json", "a.txt", cwd=tmp_path) == (0, [])


def test_fix_applies_every_fix_then_reports_new_findings_only(tmp_path):
    """--baseline hides findings from the report; it does not stop --fix from fixing known ones."""
    article = tmp_path / "a.txt"
    article.write_text("职工,群众参加活动。\n")
    write_baseline("b.json", "a.txt", cwd=tmp_path)
    article.write_text("职工,群众参加活动。\n劳模,工匠到场。\n")
    code, found = run_json("--baseline", "b.json", "--fix", "a.txt", cwd=tmp_path)
    assert (code, found) == (0, [])
    assert article.read_text() == "职工，群众参加活动。\n劳模，工匠到场。\n"


def test_write_baseline_with_fix_records_what_remains(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("职工,群众参加“活动。\n")
    write_baseline("b.json", "--fix", "a.txt", cwd=tmp_path)
    findings = json.loads((tmp_path / "b.json").read_text())["findings"]
    assert article.read_text() == "职工，群众参加“活动。\n"
    assert [(e["rule"], e["text"]) for e in findings] == [("punctuation.unbalanced-pairs", "“")]


def test_write_baseline_refuses_when_a_file_could_not_be_read(tmp_path):
    (tmp_path / "a.txt").write_text("职工,群众\n")
    result = run("--write-baseline", "b.json", "a.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2 and "未写入基线 b.json" in result.stderr
    assert not (tmp_path / "b.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "基线文件不存在"),
        (b'{"version": 1, "findings": [', "不是有效的 JSON"),
        (b"\xff\xfe", "不是 UTF-8"),
        (b"[]", "缺少 version"),
        (b'{"version": 2, "findings": []}', "基线版本 2 不受支持"),
        (b'{"version": 1}', "缺少 findings"),
        (b'{"version": 1, "findings": [{"path": "a.txt"}]}', "第 1 项格式不对"),
    ],
)
def test_bad_baseline_is_one_line_exit_2_naming_the_file(tmp_path, content, message):
    (tmp_path / "a.txt").write_text("职工,群众\n")
    if content is not None:
        (tmp_path / "b.json").write_bytes(content)
    result = run("--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("unionlint: 错误：b.json") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_baseline(tmp_path):
    (tmp_path / "a.txt").write_text("职工,群众\n")
    (tmp_path / "b.json").write_text('{"version": 1, "findings": []}')
    (tmp_path / "b.json").chmod(0)
    result = run("--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "没有读取基线文件的权限" in result.stderr


@pytest.mark.parametrize(
    "args", [("--baseline", "b.json", "--write-baseline", "c.json"), ("--write-baseline", "c.json", "--diff")]
)
def test_conflicting_options_are_usage_errors(tmp_path, args):
    (tmp_path / "a.txt").write_text("职工,群众\n")
    (tmp_path / "b.json").write_text('{"version": 1, "findings": []}')
    result = run(*args, "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "不能同时使用" in result.stderr
    assert not (tmp_path / "c.json").exists()


def test_baseline_that_is_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("职工,群众\n")
    (tmp_path / "b.json").mkdir()
    result = run("--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("unionlint: 错误：b.json：无法读取基线文件")
    result = run("--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("unionlint: 错误：b.json：写回失败")
    result = run("--write-baseline", "no-such-folder/b.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("unionlint: 错误：no-such-folder/b.json：无法写入基线文件")
