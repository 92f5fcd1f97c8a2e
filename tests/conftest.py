"""Shared fixtures: paths to the seeds, the command line run in-process (`run`) or as the installed
console script (`shell`), and the library with the built-in packs (`setup`, `lint_text`)."""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The suite lints the same files again with other rules patched in, and lists folders it lints: the
# result cache is off (as with --no-cache) except where a test turns it on (tests/test_cache.py).
os.environ.setdefault("UNIONLINT_NO_CACHE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
UNIONLINT = Path(sys.executable).with_name("unionlint")

# The suite's parsed packs go to a cache folder of its own, never the user's (see unionlint.usercache).
os.environ.setdefault("UNIONLINT_CACHE_DIR", tempfile.mkdtemp(prefix="unionlint-test-cache-"))


def seed(number: str) -> Path:
    """A seed article by its number prefix ('000' … '004')."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def shell(
    *args: str, input: str | bytes | None = None, cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess:
    """Run the installed console script in a process of its own, as a user does at a shell: for what
    only a real process shows (the entry point, a pipe closed early, the interpreter's start-up).
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


def run(
    *args: str, input: str | bytes | None = None, cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess:
    """`unionlint ARGS` through the command line's own `main()`, in this process: the same parsing,
    output and exit code as the console script (which only calls main), without starting Python
    again for each of the suite's hundreds of runs. Standard streams, environment and working
    folder are swapped for the call and restored; `env` as for `shell`."""
    from unionlint.cli import main

    data = input.encode() if isinstance(input, str) else input or b""
    out, err = io.BytesIO(), io.BytesIO()
    streams = sys.stdin, sys.stdout, sys.stderr
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    wrappers = (
        io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = wrappers
    try:
        for name, value in (env or {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        os.chdir(cwd or ROOT)
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as stop:  # --help, --version
            code = stop.code or 0
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for wrapper in wrappers:
            wrapper.flush()
            wrapper.detach()  # a wrapper closes its buffer when collected
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
    return subprocess.CompletedProcess(
        ["unionlint", *map(str, args)], code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    )


def run_json(*args: str, **kwargs) -> tuple[int, list[dict]]:
    result = run("--format", "json", *args, **kwargs)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)["diagnostics"]


@functools.cache
def setup(*select: str):
    """The built-in packs (no configuration file), only the `select`ed rules when given."""
    from unionlint import api

    return api.configure(select, isolated=True)


@pytest.fixture
def lint_text():
    """Lint a string with the built-in packs through the library; returns the diagnostics."""
    from unionlint import api

    def lint(text: str, select: list[str] | None = None):
        return api.lint_text(text, path="t.txt", config=setup(*(select or ()))).diagnostics

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
