"""`--write-baseline` / `--baseline`: known findings stay hidden through edits; new ones are reported."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEEDS, run, run_json, seed

NEW_ERROR = "工会组织了了职工参加活动。\n"  # duplicates.doubled-character on 了了


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    shutil.copy(seed("000"), path)
    return path


def write_baseline(baseline, *paths, cwd=None):
    result = run("--write-baseline", baseline, *paths, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(baseline.read_text(encoding="utf-8"))


def test_seeds_round_trip_to_zero_findings(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    data = write_baseline(tmp_path / "baseline.json", seeds)
    assert data["version"] == 1 and data["findings"]
    assert data["findings"] == sorted(data["findings"], key=lambda e: (e["path"], e["rule"], e["text"]))
    assert all(entry["path"].startswith("seeds/") for entry in data["findings"])  # relative, POSIX
    total = len(run_json(seeds)[1])
    result = run("--baseline", tmp_path / "baseline.json", seeds)
    assert result.returncode == 0, result.stdout
    assert f"已隐藏基线中的 {total} 个已知问题" in result.stdout
    assert run_json("--baseline", tmp_path / "baseline.json", seeds) == (0, [])


def test_lines_inserted_above_and_unrelated_edit_stay_hidden(article, tmp_path):
    write_baseline(tmp_path / "b.json", article)
    text = article.read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    last = len(paragraphs) - 1 - [bool(p.strip()) for p in reversed(paragraphs)].index(True)
    paragraphs[last] = paragraphs[last] + "另据统计，今年共有三百名职工参加。"  # an unrelated edit
    article.write_text("新的导语段落。\n\n另一段补充说明。\n" + "\n".join(paragraphs), encoding="utf-8")
    code, diagnostics = run_json("--baseline", tmp_path / "b.json", article)
    assert (code, diagnostics) == (0, [])


def test_new_error_is_reported_and_fails(article, tmp_path):
    write_baseline(tmp_path / "b.json", article)
    article.write_text(NEW_ERROR + article.read_text(encoding="utf-8"), encoding="utf-8")
    code, diagnostics = run_json("--baseline", tmp_path / "b.json", article)
    assert code == 1
    assert [(d["rule"], d["line"]) for d in diagnostics] == [("duplicates.doubled-character", 1)]


def test_baseline_counts_repeats(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(NEW_ERROR * 2, encoding="utf-8")
    write_baseline(tmp_path / "b.json", article)
    article.write_text("前言。\n" + NEW_ERROR * 3, encoding="utf-8")
    code, diagnostics = run_json("--baseline", tmp_path / "b.json", article)
    assert code == 1 and len(diagnostics) == 1


def test_baseline_works_from_another_directory(article, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    write_baseline(tmp_path / "b.json", "article.txt", cwd=tmp_path)
    assert run_json("--baseline", "../b.json", "../article.txt", cwd=tmp_path / "elsewhere") == (0, [])


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "不存在"),
        ("{not json", "不是 JSON"),
        ('{"version": 99, "findings": []}', "版本为 99"),
        ('{"version": 1, "findings": [{"path": "a"}]}', "格式不对"),
    ],
)
def test_bad_baseline_is_one_line_error(article, tmp_path, content, expected):
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    result = run("--baseline", baseline, article)
    assert result.returncode == 2 and result.stdout == ""
    assert expected in result.stderr and str(baseline) in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_both_baseline_flags_is_usage_error(article, tmp_path):
    result = run("--baseline", tmp_path / "b.json", "--write-baseline", tmp_path / "c.json", article)
    assert result.returncode == 2 and "不能同时使用" in result.stderr
    assert not (tmp_path / "c.json").exists()
