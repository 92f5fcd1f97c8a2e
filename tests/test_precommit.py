"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit on a newsroom repository.

`pre-commit try-repo` clones this repository and, when the working tree has uncommitted changes to
tracked files, commits them in a shadow copy first, so the hooks exercise the checked-out code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, seed

pytestmark = pytest.mark.slow
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory):
    """One hook environment for the whole session (installing unionlint takes most of the time)."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def newsroom(tmp_path):
    subprocess.run(["git", "init", "-q", tmp_path], check=True)
    return tmp_path


def try_hook(repo: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@t",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@t",
    )
    subprocess.run(["git", "add", *files], cwd=repo, check=True)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_fails_on_findings_and_passes_clean_copy(newsroom, pre_commit_home):
    shutil.copy(seed("000"), newsroom / "article.txt")
    (newsroom / "clean.txt").write_text("工会组织职工参加活动。\n", encoding="utf-8")
    result = try_hook(newsroom, pre_commit_home, "unionlint", "article.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "article.txt:" in result.stdout and "Failed" in result.stdout
    result = try_hook(newsroom, pre_commit_home, "unionlint", "clean.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fix_hook_rewrites_file_and_fails_so_the_commit_is_redone(newsroom, pre_commit_home):
    article = newsroom / "article.txt"
    article.write_text("工会组织职工,参加活动。\n", encoding="utf-8")
    result = try_hook(newsroom, pre_commit_home, "unionlint-fix", "article.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert article.read_text(encoding="utf-8") == "工会组织职工，参加活动。\n"
    assert "files were modified by this hook" in result.stdout
