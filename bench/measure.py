"""Timing of command-line tools: wall time and peak RSS of one child process."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus import MB

LAUNCH = Path(__file__).with_name("launch.py")


@dataclass(frozen=True)
class Workload:
    """A set of corpus files linted in one invocation, with paths relative to `root`."""

    name: str
    root: Path
    paths: list[str]

    @property
    def bytes(self) -> int:
        return sum((self.root / path).stat().st_size for path in self.paths)


@dataclass
class Tool:
    """How to run one tool on a workload and how to tell that its run failed."""

    name: str
    command: Callable[[list[str]], list[str]]  # relative paths -> argv
    env: dict[str, str] | None = None  # extra environment variables
    check: Callable[[Path], str | None] = lambda stdout: None  # error note from stdout, if any
    ok_codes: tuple[int, ...] = (0, 1)  # linters exit 1 when they find something


@dataclass
class Result:
    """Timings of one tool on one workload, or why it could not be timed."""

    tool: str
    workload: Workload
    size: int
    walls: list[float] = field(default_factory=list)
    rss_kb: int = 0
    error: str | None = None
    stdout: Path | None = None  # output of the last run, to compare tools' outputs

    @property
    def seconds(self) -> float:
        return statistics.median(self.walls)

    @property
    def mb_per_s(self) -> float:
        return self.size / MB / self.seconds

    @property
    def rss_mb(self) -> float:
        return self.rss_kb * 1024 / MB

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.walls)


def run_once(
    argv: list[str], cwd: Path, stdout: Path, env: dict[str, str], timeout: float
) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS (KiB), exit code and stderr tail of one run.

    The command is started by bench/launch.py rather than by this process (see
    why there); output goes to files, so a large report never blocks a pipe.
    """
    stats, stderr = stdout.with_suffix(".stats"), stdout.with_suffix(".err")
    with stdout.open("wb") as out, stderr.open("wb") as err:
        launcher = [sys.executable, str(LAUNCH), str(stats), str(timeout), *argv]
        subprocess.run(launcher, cwd=cwd, stdout=out, stderr=err, env=env, check=True)
    wall, rss_kb, code = json.loads(stats.read_text())
    tail = stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
    return wall, rss_kb, code, " ".join(tail)


def clean_environment() -> dict[str, str]:
    """The caller's environment as a user's shell would have it for a Python tool.

    Some sandboxes export PYTHONDONTWRITEBYTECODE=1, which makes every Python start recompile
    the tool's modules from source (on this machine +0.1 s of start-up); an installed tool
    normally runs from cached bytecode, written here by the warm-up round.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench(
    workload: Workload, tools: list[Tool], out_dir: Path, repeats: int, warmup: int, timeout: float
) -> dict[str, Result]:
    """Time every tool on `workload`, alternating tools round by round.

    Alternating (and rotating who goes first) spreads slow drift of the
    machine, such as thermal or cache effects, over all tools alike.  A tool
    that fails once is not run again: its error is the result.
    """
    size = workload.bytes
    results = {tool.name: Result(tool.name, workload, size) for tool in tools}
    env = clean_environment()
    for round_no in range(warmup + repeats):
        shift = round_no % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            result = results[tool.name]
            if result.error:
                continue
            stdout = out_dir / re.sub(r"[^\w.-]+", "_", f"{workload.name}--{tool.name}.out", flags=re.ASCII)
            wall, rss_kb, code, stderr = run_once(
                tool.command(workload.paths), workload.root, stdout, env | (tool.env or {}), timeout
            )
            if code not in tool.ok_codes:
                result.error = (
                    f"exit {code}: {stderr[:200]}"
                    if code >= 0
                    else f"killed by signal {-code} (timeout {timeout:g} s?)"
                )
            else:
                result.error = tool.check(stdout)
            if round_no >= warmup and not result.error:
                result.walls.append(wall)
                result.rss_kb = max(result.rss_kb, rss_kb)
                result.stdout = stdout
    return results
