"""CI-facing outputs on the seeds: GitLab Code Quality fields, and one order whatever the inputs' order."""

from __future__ import annotations

import json
import random
import shutil

import pytest

from conftest import SEEDS, run

FORMATS = ("text", "json", "github", "sarif", "gitlab", "html")


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ci") / "稿件"
    shutil.copytree(SEEDS, folder)
    (folder / "sub").mkdir()
    shutil.copy(next(SEEDS.glob("001_*.txt")), folder / "sub" / "a.txt")
    return folder


def test_gitlab_report_has_documented_code_quality_fields(copy):
    result = run("--format", "gitlab", copy.name, cwd=copy.parent)
    assert result.returncode == 1, result.stderr
    issues = json.loads(result.stdout)
    assert issues
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and "." in issue["check_name"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"].startswith("稿件/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        assert len(issue["fingerprint"]) == 64
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)  # GitLab merges equal fingerprints


@pytest.mark.parametrize("format_name", FORMATS)
def test_output_order_does_not_depend_on_argument_order(copy, format_name):
    files = sorted(str(path.relative_to(copy.parent)) for path in copy.rglob("*.txt"))
    shuffled = files[:]
    random.Random(5).shuffle(shuffled)
    assert shuffled != files
    by_folder = run("--format", format_name, copy.name, cwd=copy.parent)
    by_files = run("--format", format_name, *shuffled, cwd=copy.parent)
    assert by_folder.returncode == by_files.returncode == 1
    assert by_files.stdout == by_folder.stdout


def test_json_is_sorted_by_path_line_column_rule(copy):
    result = run("--format", "json", *reversed(sorted(map(str, copy.rglob("*.txt")))))
    diagnostics = json.loads(result.stdout)["diagnostics"]
    keys = [(d["path"], d["line"], d["column"], d["rule"]) for d in diagnostics]
    assert len(keys) > 10 and keys == sorted(keys)
