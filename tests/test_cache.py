"""The result cache (unionlint.cache): an unchanged file is reported from `.unionlint_cache/` with the
same output, byte for byte, and any change that could change its findings misses.

To tell a result read from the cache from one just computed, tests rewrite the stored findings'
messages to a marker: the marker shows in the output exactly when the entry was used."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT, run, seed
from unionlint.cache import STORED
from unionlint.reporters import FORMATS

CACHED = {"UNIONLINT_NO_CACHE": None}  # the suite turns the cache off (conftest): these tests turn it on
MARK = "来自缓存的旧结果"
MESSAGE = STORED.index("message")


def lint(folder: Path, *args: str, cache: bool = True, input: str | None = None):
    return run(*args, cwd=folder, env=CACHED if cache else None, input=input)


def entries(folder: Path) -> list[Path]:
    return sorted((folder / ".unionlint_cache").glob("*/*.json"))


def mark_entries(folder: Path) -> int:
    """Rewrite every stored message to MARK; the number of findings marked."""
    marked = 0
    for entry in entries(folder):
        stored = json.loads(entry.read_text(encoding="utf-8"))
        for row in stored["diagnostics"]:
            row[MESSAGE] = MARK
            marked += 1
        entry.write_text(json.dumps(stored), encoding="utf-8")
    return marked


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a seed article full of findings, a clean news item and a Markdown file."""
    shutil.copy(seed("001"), tmp_path / "稿件.txt")
    shutil.copy(ROOT / "tests" / "corpus" / "silent" / "01_laomo.txt", tmp_path / "clean.txt")
    (tmp_path / "notes.md").write_text("# 标题\n\n今天,我们开会。\n\n研究部署的的相关工作。\n", encoding="utf-8")
    return tmp_path


FILES = ("稿件.txt", "clean.txt", "notes.md")


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_format_prints_the_same_from_the_cache(project, format_name):
    args = ("--format", format_name, *FILES)
    fresh = lint(project, *args, cache=False)
    assert not (project / ".unionlint_cache").exists()
    first, again = lint(project, *args), lint(project, *args)
    assert len(entries(project)) == 3
    assert first.returncode == again.returncode == fresh.returncode == 1
    assert first.stdout == again.stdout == fresh.stdout
    assert first.stderr == again.stderr == fresh.stderr


def test_an_unchanged_file_is_reported_from_the_cache_in_the_project_root(tmp_path):
    (tmp_path / "unionlint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    (tmp_path / "稿件").mkdir()
    shutil.copy(seed("001"), tmp_path / "稿件" / "a.txt")
    elsewhere = tmp_path / "稿件"
    first = lint(elsewhere, "a.txt")
    assert (tmp_path / ".unionlint_cache").is_dir() and not (elsewhere / ".unionlint_cache").exists()
    assert (tmp_path / ".unionlint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert mark_entries(tmp_path) > 100
    again = lint(elsewhere, "a.txt")
    assert MARK in again.stdout and again.stdout != first.stdout
    assert MARK not in lint(elsewhere, "a.txt", "--no-cache", cache=True).stdout
    assert MARK not in lint(elsewhere, "a.txt", cache=False).stdout  # UNIONLINT_NO_CACHE=1


def test_parallel_workers_read_and_write_the_same_cache(project):
    single = lint(project, "--format", "json", *FILES, cache=False)
    first = lint(project, "--jobs", "2", "--format", "json", *FILES)
    again = lint(project, "--jobs", "2", "--format", "json", *FILES)
    assert first.stdout == again.stdout == single.stdout
    mark_entries(project)
    assert MARK in lint(project, "--jobs", "2", *FILES).stdout


def _edit_text(folder: Path) -> None:
    path = folder / "稿件.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n又一段,新加的。\n", encoding="utf-8")


def _edit_config(folder: Path) -> None:
    (folder / "unionlint.yaml").write_text(
        "extend-packs: [house.yaml]\nseverity:\n  punctuation.*: error\n", encoding="utf-8"
    )


def _allow_words(folder: Path) -> None:
    (folder / "unionlint.yaml").write_text("extend-packs: [house.yaml]\nallow:\n  - 保障网\n", encoding="utf-8")


def _edit_pack(folder: Path) -> None:
    pack = folder / "house.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("本社不用", "本报不用"), encoding="utf-8")


def _new_version(folder: Path, monkeypatch) -> None:
    import unionlint.cache

    monkeypatch.setattr(unionlint.cache, "__version__", "99.0")


HOUSE_PACK = """\
pack: house
title: 本社规则
rules:
  - id: no-wuxing
    kind: pattern
    pattern: 五大行动
    severity: warning
    message: 本社不用“{match}”
    description: 测试用。
    examples:
      bad:
        - 落实五大行动。
      good:
        - 落实行动。
"""


@pytest.mark.parametrize(
    "change",
    [_edit_text, _edit_config, _allow_words, _edit_pack, _new_version, "select", "per-file"],
    ids=["content", "configuration", "allow-list", "pack", "version", "command-line selection", "per-file-ignores"],
)
def test_a_change_that_can_change_the_findings_misses(project, change, monkeypatch):
    (project / "unionlint.yaml").write_text("extend-packs: [house.yaml]\n", encoding="utf-8")
    (project / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    args = ["--format", "json", *FILES]
    lint(project, *args)
    assert mark_entries(project)
    assert MARK in lint(project, *args).stdout  # nothing changed: the marked entries are used
    if change == "select":
        args = ["--select", "punctuation", *args]
    elif change == "per-file":
        (project / "unionlint.yaml").write_text(
            "extend-packs: [house.yaml]\nper-file-ignores:\n  '*.txt': [stray]\n", encoding="utf-8"
        )
    elif change is _new_version:
        change(project, monkeypatch)
    else:
        change(project)
    expected = lint(project, *args, cache=False)
    after = lint(project, *args)
    marked = {d["path"] for d in json.loads(after.stdout)["diagnostics"] if d["message"] == MARK}
    if change is _edit_text:  # only the edited file misses
        assert marked == {"notes.md", "clean.txt"} & {d["path"] for d in json.loads(expected.stdout)["diagnostics"]}
        return
    assert not marked
    assert after.stdout == expected.stdout and after.returncode == expected.returncode


def test_a_corrupt_entry_is_recomputed(project):
    expected = lint(project, "--format", "json", *FILES, cache=False)
    lint(project, *FILES)
    for index, entry in enumerate(entries(project)):
        entry.write_bytes([b"", b"{not json", b'{"content": 1, "diagnostics": [[1, 2]]}'][index % 3])
    again = lint(project, "--format", "json", *FILES)
    assert again.stdout == expected.stdout and again.stderr == ""
    assert all(json.loads(entry.read_text(encoding="utf-8"))["content"] for entry in entries(project))


def test_a_cache_that_cannot_be_written_is_no_error(project):
    expected = lint(project, *FILES, cache=False)
    (project / ".unionlint_cache").write_text("a file where the cache folder would go", encoding="utf-8")
    result = lint(project, *FILES)
    assert (result.returncode, result.stdout, result.stderr) == (expected.returncode, expected.stdout, "")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_project_is_no_error(project):
    expected = lint(project, *FILES, cache=False)
    project.chmod(0o555)
    try:
        result = lint(project, *FILES)
    finally:
        project.chmod(0o755)
    assert (result.returncode, result.stdout, result.stderr) == (expected.returncode, expected.stdout, "")
    assert not (project / ".unionlint_cache").exists()


def test_fix_never_starts_from_the_cache(project, tmp_path_factory):
    reference = tmp_path_factory.mktemp("reference")
    shutil.copy(project / "稿件.txt", reference / "稿件.txt")
    expected = lint(reference, "--fix", "稿件.txt", cache=False)
    lint(project, "稿件.txt")
    mark_entries(project)
    fixed = lint(project, "--fix", "稿件.txt")
    assert MARK not in fixed.stdout and fixed.stdout == expected.stdout
    assert (project / "稿件.txt").read_bytes() == (reference / "稿件.txt").read_bytes()
    # What is left after the fix was stored for the file as it now is.
    assert lint(project, "稿件.txt").stdout == lint(reference, "稿件.txt", cache=False).stdout
    mark_entries(project)
    assert MARK in lint(project, "稿件.txt").stdout


def test_diff_neither_reads_nor_replaces_the_entry(project):
    lint(project, "稿件.txt")
    mark_entries(project)
    diff = lint(project, "--diff", "稿件.txt")
    assert diff.returncode == 1 and MARK not in diff.stdout and "+++" in diff.stdout
    assert MARK in lint(project, "稿件.txt").stdout  # the file is unchanged: its entry still stands


def test_standard_input_is_not_cached(project):
    text = (project / "稿件.txt").read_text(encoding="utf-8")
    result = lint(project, "-", "--stdin-filename", "稿件.txt", input=text)
    assert result.returncode == 1
    assert not (project / ".unionlint_cache").exists()


def test_a_baseline_hides_findings_read_from_the_cache(project):
    lint(project, "--write-baseline", "baseline.json", *FILES)
    (project / "稿件.txt").write_text(
        (project / "稿件.txt").read_text(encoding="utf-8") + "\n新的一段,有问题。\n", encoding="utf-8"
    )
    expected = lint(project, "--baseline", "baseline.json", *FILES, cache=False)
    first = lint(project, "--baseline", "baseline.json", *FILES)
    again = lint(project, "--baseline", "baseline.json", *FILES)
    assert first.stdout == again.stdout == expected.stdout
    assert "新的一段" in expected.stdout and again.returncode == 1


def test_a_word_document_is_keyed_by_its_bytes(project):
    from word_fixtures import build, build_structures

    build(project / "稿件.docx")
    expected = lint(project, "--format", "json", "稿件.docx", cache=False)
    first, again = lint(project, "--format", "json", "稿件.docx"), lint(project, "--format", "json", "稿件.docx")
    assert first.stdout == again.stdout == expected.stdout
    mark_entries(project)
    assert MARK in lint(project, "稿件.docx").stdout
    build_structures(project / "稿件.docx")
    changed = lint(project, "--format", "json", "稿件.docx")
    assert MARK not in changed.stdout
    assert changed.stdout == lint(project, "--format", "json", "稿件.docx", cache=False).stdout


def test_rule_sets_unused_for_a_month_are_removed_when_a_new_one_starts(project):
    lint(project, "clean.txt")
    (current,) = [folder for folder in (project / ".unionlint_cache").iterdir() if folder.is_dir()]
    old, recent = project / ".unionlint_cache" / "old", project / ".unionlint_cache" / "recent"
    for folder, days in ((old, 40), (recent, 2)):
        folder.mkdir()
        (folder / "entry.json").write_text("{}", encoding="utf-8")
        stamp = time.time() - days * 86400
        os.utime(folder, (stamp, stamp))
    lint(project, "clean.txt")  # the same rule set: nothing new, nothing removed
    assert old.exists()
    lint(project, "--select", "punctuation", "clean.txt")  # a new rule set
    assert not old.exists() and recent.exists() and current.exists()
    assert (project / ".unionlint_cache" / ".gitignore").exists()
