"""What the typo detector (`confusables.sound-shape-slips`) costs on clean copy, and start-up.

    python bench/typos_cost.py                      # both parts, ~1–2 minutes on a busy 2-core machine
    python bench/typos_cost.py --repeats 9 --runs 21
    python bench/typos_cost.py --skip-startup       # only the in-process part
    python bench/typos_cost.py --file some.txt      # start-up on another small file

1. In-process: the quality benchmark's clean corpus (`bench/quality/clean/`, ~1 MB) linted with every
   built-in rule, and with every rule but the typo rule, through the library (as bench/quality.py
   does). One engine per setup, warmed up by a first untimed pass (data loaded); then the two setups
   take turns, the first one alternating, and the median of `--repeats` passes is reported. The
   typo rule's cost is (all − without) / without. Both wall time and CPU time (`time.process_time`,
   steadier on a shared machine) are reported. The engine's per-rule timings of the last pass list
   the slowest rules.
2. Start-up: `unionlint FILE` as a user runs it (the console script of this Python's environment), on
   one small clean file, with and without the typo rule (`--ignore`), `--runs` times each, taking
   turns; medians and quartiles of wall time, and the median CPU time (user + system) of the child.
   `python -c pass` is the floor. The CLI exits 1 when it finds
   something: that counts as success.

The environment variable PYTHONDONTWRITEBYTECODE is dropped for the child processes (as bench/run.py
does): an installed tool runs from its bytecode.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULE = "confusables.sound-shape-slips"
DEFAULT_FILE = HERE / "quality" / "clean" / "news-dup-num" / "01-技能大赛.txt"


def _corpus() -> list[tuple[str, str]]:
    folder = HERE / "quality" / "clean"
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    return [(str(path), path.read_text("utf-8")) for path in paths]


def in_process(repeats: int) -> None:
    from unionlint import api

    corpus = _corpus()
    setups = {"all rules": api.configure(isolated=True), f"without {RULE}": api.configure(isolated=True, ignore=[RULE])}
    characters = sum(len(text) for _, text in corpus)
    findings: dict[str, int] = {}
    timings: dict[str, Counter] = {}

    def one_pass(name: str) -> tuple[float, float]:
        setup, wall, cpu, count, spent = setups[name], 0.0, 0.0, 0, Counter()
        for path, text in corpus:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = api.lint_text(text, path=path, config=setup)
            wall += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
            count += len(result.diagnostics)
            spent.update(result.timings)
        findings[name], timings[name] = count, spent
        return wall, cpu

    for name in setups:  # warm-up: packs compiled, data loaded
        one_pass(name)
    seconds: dict[str, list[tuple[float, float]]] = {name: [] for name in setups}
    names = list(setups)
    for round_ in range(repeats):
        for name in names if round_ % 2 == 0 else names[::-1]:
            seconds[name].append(one_pass(name))
    print(f"## In-process: {len(corpus)} clean files, {characters:,} characters, median of {repeats}\n")
    print("| setup | median wall s | min wall s | median CPU s | findings |")
    print("| --- | ---: | ---: | ---: | ---: |")
    medians = {}
    for name in names:
        walls, cpus = [w for w, _ in seconds[name]], [c for _, c in seconds[name]]
        medians[name] = statistics.median(walls), statistics.median(cpus)
        print(f"| {name} | {medians[name][0]:.3f} | {min(walls):.3f} | {medians[name][1]:.3f} | {findings[name]} |")
    (wall_with, cpu_with), (wall_without, cpu_without) = (medians[name] for name in names)
    print(
        f"\ntypo rule cost: {100 * (wall_with - wall_without) / wall_without:+.1f} % wall time,"
        f" {100 * (cpu_with - cpu_without) / cpu_without:+.1f} % CPU time of the run without it"
    )
    spent = timings[names[0]]
    print(f"typo rule alone (engine timing, last pass): {spent[RULE]:.3f} s\n")
    print("slowest rules (last pass, all rules): " + ", ".join(f"{rule} {s:.3f} s" for rule, s in spent.most_common(6)))


def _median_run(commands: dict[str, list[str]], runs: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each run of each command, the commands taking turns."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
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
    script = Path(sys.executable).with_name("unionlint")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "unionlint"]
    commands = {
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
        "all rules": [*command, "--isolated", str(path)],
        f"without {RULE}": [*command, "--isolated", "--ignore", RULE, str(path)],
    }
    seconds = _median_run(commands, runs)
    size = path.stat().st_size
    print(f"\n## Start-up: `unionlint --isolated FILE` on {path.name} ({size:,} bytes), {runs} runs each\n")
    print("| command | median wall ms | wall quartiles ms | median CPU ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in seconds.items():
        walls = [wall for wall, _ in values]
        quartiles = statistics.quantiles(walls, n=4)
        cpu = statistics.median(cpu for _, cpu in values)
        print(
            f"| {name} | {1000 * statistics.median(walls):.0f} | {1000 * quartiles[0]:.0f}–{1000 * quartiles[2]:.0f}"
            f" | {1000 * cpu:.0f} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="in-process passes per setup (default 5)")
    parser.add_argument("--runs", type=int, default=15, help="start-up runs per command (default 15)")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the small file for start-up")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-in-process", action="store_true")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 2
    if not args.skip_in_process:
        in_process(args.repeats)
    if not args.skip_startup:
        startup(args.file, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
