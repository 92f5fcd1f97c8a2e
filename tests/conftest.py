"""Shared fixtures: paths to the seeds and a runner for the installed `unionlint` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
UNIONLINT = Path(sys.executable).with_name("unionlint")


def seed(number: str) -> Path:
    """A seed article by its number prefix ('000' … '004')."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def run(
    *args: str, input: str | bytes | None = None, cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess:
    """Run the installed console script as a user would, capturing text output.
    `env` adds variables to the environment (None removes one)."""
    data = input.encode() if isinstance(input, str) else input
    environment = None
    if env:
        environment = {**os.environ, **env}
        environment = {name: value for name, value in environment.items() if value is not None}
    result = subprocess.run(
        [str(UNIONLINT), *map(str, args)], input=data, capture_output=True, cwd=cwd or ROOT, env=environment
    )
    result.stdout = result.stdout.decode("utf-8")
    result.stderr = result.stderr.decode("utf-8")
    return result


def run_json(*args: str, **kwargs) -> tuple[int, list[dict]]:
    result = run("--format", "json", *args, **kwargs)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)["diagnostics"]


@pytest.fixture
def lint_text():
    """Lint a string with the built-in packs in-process; returns the diagnostics."""
    from unionlint.cli import load_rules
    from unionlint.document import Document
    from unionlint.engine import Engine, select_rules

    rules = load_rules([])

    def lint(text: str, select: list[str] | None = None):
        engine = Engine(select_rules(rules, select, None))
        return engine.lint(Document.from_text("t.txt", text))

    return lint


@pytest.fixture(scope="session")
def package_index(tmp_path_factory):
    """Skip a test that installs from the package index (an isolated wheel build, a pre-commit
    environment, a virtualenv on another Python) when the index pip is configured with cannot be
    reached: a laptop offline says why it skipped instead of failing. CI, online, runs them."""
    folder = tmp_path_factory.mktemp("index-probe")
    probe = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "--timeout", "15", "--retries", "0"]
    try:
        result = subprocess.run(
            [*probe, "-d", str(folder), "setuptools>=68"], capture_output=True, text=True, timeout=120
        )
        failure = result.returncode and (result.stderr.strip().splitlines() or ["pip failed"])[-1]
    except subprocess.TimeoutExpired:
        failure = "no answer within 120 s"
    if failure:
        pytest.skip(f"package index unreachable (pip download setuptools: {failure})")
