"""What the typo detector (`confusables.sound-shape-slips`) costs: a whole run over clean copy, and start-up.

    python bench/typos_cost.py                      # both parts, ~1–2 minutes on a busy 2-core machine
    python bench/typos_cost.py --repeats 7 --runs 21
    python bench/typos_cost.py --skip-startup       # only the run over the clean corpus
    python bench/typos_cost.py --file some.txt      # start-up on another small file

Every measurement is `unionlint` as a user runs it (the console script of this Python's
environment, `--isolated`, every built-in pack), with and without the typo rule (`--ignore`); the two
take turns, the first one alternating, after an untimed warm-up run of each, and each command runs in
a fresh process — so every run pays for loading what it needs, as a real run does, and no cache is
carried from one run into the next. Reported: the median wall time and the median CPU time (user +
system of the child, steadier than wall time on a shared machine).

1. Clean copy: one run over the quality benchmark's clean corpus (`bench/quality/clean/`, ~1 MB,
   the folder given on the command line), `--repeats` times each. The typo rule's cost is
   (with − without) / without.
2. Start-up: one small clean file, `--runs` times each; `python -c pass` is the floor.

The CLI exits 1 when it finds something: that counts as success. The result cache is off
(UNIONLINT_NO_CACHE=1: every run lints its files); PYTHONDONTWRITEBYTECODE is dropped for the child
processes (as bench/run.py does): an installed tool runs from its bytecode.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULE = "confusables.sound-shape-slips"
DEFAULT_FILE = HERE / "quality" / "clean" / "news-dup-num" / "01-技能大赛.txt"


def _command() -> list[str]:
    script = Path(sys.executable).with_name("unionlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "unionlint"]


def _table(seconds: dict[str, list[tuple[float, float]]], unit: float, label: str) -> dict[str, tuple[float, float]]:
    print(f"| command | median wall {label} | wall quartiles {label} | median CPU {label} |")
    print("| --- | ---: | ---: | ---: |")
    medians = {}
    digits = 0 if unit > 1 else 2
    for name, values in seconds.items():
        walls = [wall for wall, _ in values]
        low, _, high = statistics.quantiles(walls, n=4) if len(walls) > 1 else [walls[0]] * 3
        medians[name] = statistics.median(walls), statistics.median(cpu for _, cpu in values)
        wall, cpu = medians[name]
        cells = [f"{unit * value:.{digits}f}" for value in (wall, low, high, cpu)]
        print(f"| {name} | {cells[0]} | {cells[1]}–{cells[2]} | {cells[3]} |")
    return medians


def clean_run(repeats: int) -> None:
    folder = HERE / "quality" / "clean"
    files = [p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md"]
    size = sum(path.stat().st_size for path in files)
    commands = {
        "all rules": [*_command(), "--isolated", str(folder)],
        f"without {RULE}": [*_command(), "--isolated", "--ignore", RULE, str(folder)],
    }
    seconds = _median_run(commands, repeats)
    where = f"({len(files)} files, {size:,} bytes), {repeats} runs each"
    print(f"## Clean copy: `unionlint --isolated bench/quality/clean` {where}\n")
    medians = _table(seconds, 1, "s")
    (wall_with, cpu_with), (wall_without, cpu_without) = medians.values()
    print(
        f"\ntypo rule cost: {100 * (wall_with - wall_without) / wall_without:+.1f} % wall time,"
        f" {100 * (cpu_with - cpu_without) / cpu_without:+.1f} % CPU time of the run without it"
    )


def _median_run(commands: dict[str, list[str]], runs: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each run of each command, the commands taking turns."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["UNIONLINT_NO_CACHE"] = "1"  # every run lints: no findings from the result cache
    names = list(commands)
    for name in names:  # warm-up: bytecode written, files in the page cache
        subprocess.run(commands[name], env=env, capture_output=True)
    seconds: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_ in range(runs):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(commands[name], env=env, capture_output=True)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            seconds[name].append((wall, cpu))
            if done.returncode not in (0, 1):
                raise SystemExit(f"{name}: exit {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return seconds


def startup(path: Path, runs: int) -> None:
    commands = {
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
        "all rules": [*_command(), "--isolated", str(path)],
        f"without {RULE}": [*_command(), "--isolated", "--ignore", RULE, str(path)],
    }
    seconds = _median_run(commands, runs)
    size = path.stat().st_size
    print(f"\n## Start-up: `unionlint --isolated FILE` on {path.name} ({size:,} bytes), {runs} runs each\n")
    _table(seconds, 1000, "ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs over the clean corpus per setup (default 5)")
    parser.add_argument("--runs", type=int, default=15, help="start-up runs per command (default 15)")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the small file for start-up")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-clean", action="store_true")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 2
    if not args.skip_clean:
        clean_run(args.repeats)
    if not args.skip_startup:
        startup(args.file, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
