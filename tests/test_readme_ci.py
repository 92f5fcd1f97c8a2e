"""The CI snippets in README.md, run as written: a newsroom copies them verbatim, so a typo in a
shell line or a wrong file name would break their first pipeline.

Each `run:` / `script:` line that invokes unionlint is executed with bash in a temporary newsroom
repository (the `pip install` lines are skipped: the suite's own unionlint is on PATH)."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
import yaml

from conftest import ROOT, UNIONLINT

CLEAN = "全市职工技能大赛昨日开幕。\n"
WITH_ERRORS = "职工,群众参加活动 。\n"


def readme_block(first_line: str) -> dict:
    """The YAML block of README.md whose first line is `first_line`, parsed."""
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    (block,) = [block for block in blocks if block.startswith(first_line)]
    return yaml.safe_load(block)


def shell(script: str, cwd, **env) -> subprocess.CompletedProcess:
    path = f"{UNIONLINT.parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, **env},
    )


def git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True
    )


@pytest.fixture
def pull_request(tmp_path):
    """A clone whose branch adds one article with errors next to an old one that also has errors."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    (origin / "old.txt").write_text(WITH_ERRORS, encoding="utf-8")
    (origin / "kept.txt").write_text(CLEAN, encoding="utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "archive")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-qb", "new-article")
    (clone / "new.txt").write_text(WITH_ERRORS, encoding="utf-8")
    (clone / "kept.txt").write_text(CLEAN + "又一段文字。\n", encoding="utf-8")
    git(clone, "add", ".")
    git(clone, "commit", "-qm", "new article")
    return clone


def steps(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step and "pip install" not in step["run"]]


def test_github_changed_files_job_annotates_only_the_changed_articles(pull_request):
    (script,) = steps(readme_block("# .github/workflows/unionlint.yml")["jobs"]["changed-copy"])
    result = shell(script, pull_request, BASE="main", GITHUB_ACTIONS="true")
    assert result.returncode != 0, result.stderr  # findings fail the step (xargs turns exit 1 into 123)
    annotated = set(re.findall(r"^::\w+ file=([^,]+),", result.stdout, re.M))
    assert annotated == {"new.txt"}  # old.txt has errors too, but the pull request did not touch it


def test_github_changed_files_job_passes_a_clean_pull_request(pull_request):
    (script,) = steps(readme_block("# .github/workflows/unionlint.yml")["jobs"]["changed-copy"])
    (pull_request / "new.txt").write_text(CLEAN, encoding="utf-8")
    git(pull_request, "commit", "-qam", "fixed")
    result = shell(script, pull_request, BASE="main", GITHUB_ACTIONS="true")
    assert (result.returncode, result.stdout) == (0, "")


def test_github_code_scanning_job_writes_the_sarif_it_uploads(pull_request):
    job = readme_block("# .github/workflows/unionlint.yml")["jobs"]["code-scanning"]
    (script,) = steps(job)
    assert shell(script, pull_request).returncode == 0  # findings (exit 1) must not stop the upload
    (upload,) = [step for step in job["steps"] if "upload-sarif" in step.get("uses", "")]
    log = json.loads((pull_request / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert files == {"new.txt", "old.txt"}


def test_github_code_scanning_job_fails_on_a_broken_input(pull_request):
    (script,) = steps(readme_block("# .github/workflows/unionlint.yml")["jobs"]["code-scanning"])
    (pull_request / "scan.txt").write_bytes("职工".encode() + b"\xff\xfe\x80")
    assert shell(script, pull_request).returncode != 0  # exit 2 is not the tolerated 1: the job fails


def test_gitlab_job_writes_the_code_quality_report_it_declares(pull_request):
    job = readme_block("# .gitlab-ci.yml")["unionlint"]
    for line in job["script"]:
        if "pip install" not in line:
            assert shell(line, pull_request).returncode == 0
    report = json.loads((pull_request / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert {issue["location"]["path"] for issue in report} == {"new.txt", "old.txt"}
    assert all(issue["type"] == "issue" and len(issue["fingerprint"]) == 64 for issue in report)
