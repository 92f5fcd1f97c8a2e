"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit as a newsroom repository would.

`pre-commit try-repo ROOT` clones this repository; with uncommitted changes to tracked files it
clones into a shadow repository and commits the working tree's tracked changes there
(pre_commit/commands/try_repo.py, `_repo_ref`), so the hooks run the checked-out code — but only
tracked files: `git add` a new module before running this test locally. Each
try-repo builds its own store in a temporary folder (`Store(tempdir)`) and pip-installs this
repository and its dependencies into a fresh virtualenv, so every call pays one install (~7 s);
the shared PRE_COMMIT_HOME only keeps pre-commit's own files out of the user's ~/.cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run, seed

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this repository's git checkout"),
]


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory, package_index):
    """One PRE_COMMIT_HOME for the session, so nothing is written to the user's ~/.cache.
    pre-commit installs the hook's environment from the package index: skipped when unreachable."""
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}


@pytest.fixture
def newsroom(tmp_path):
    """A newsroom repository with nothing in it yet."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def try_repo(hook: str, repo: Path, env: dict, article: str = "article.txt") -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", article], cwd=repo, check=True)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--color", "never", "--files", article],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_unionlint_hook_fails_on_an_article_with_errors(newsroom, pre_commit_env):
    shutil.copy(seed("004"), newsroom / "article.txt")
    result = try_repo("unionlint", newsroom, pre_commit_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- hook id: unionlint\n" in result.stdout and "Failed" in result.stdout
    assert "article.txt:22:1: error [punctuation.halfwidth-parentheses]" in result.stdout


def test_unionlint_hook_passes_a_clean_article(newsroom, pre_commit_env):
    (newsroom / "article.txt").write_text("全市职工群众积极参加读书活动。\n", encoding="utf-8")
    result = try_repo("unionlint", newsroom, pre_commit_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_unionlint_fix_hook_fixes_the_file_and_fails(newsroom, pre_commit_env):
    article = newsroom / "article.txt"
    shutil.copy(seed("004"), article)
    result = try_repo("unionlint-fix", newsroom, pre_commit_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- files were modified by this hook" in result.stdout
    fixed = article.read_text(encoding="utf-8")
    assert "（2023年12月7日）" in fixed and "(2023年12月7日)" not in fixed
    # Every safe fix was written: nothing is left for `unionlint --diff` to change.
    assert run("--diff", article).returncode == 0


def test_one_summary_for_all_the_files_of_a_commit(newsroom, pre_commit_env):
    """pre-commit splits the files among CPUs unless the hook is require_serial: the editor would
    get a report and a summary per batch, each counting only part of the commit."""
    names = [f"article{index:02d}.txt" for index in range(12)]
    for name in names:
        (newsroom / name).write_text("职工,群众\n", encoding="utf-8")
    subprocess.run(["git", "add", *names], cwd=newsroom, check=True)
    result = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "unionlint", "--color", "never", "--files", *names],
        cwd=newsroom,
        env=pre_commit_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("检查了") == 1, result.stdout
    assert "检查了 12 个文件，发现 12 个问题" in result.stdout
