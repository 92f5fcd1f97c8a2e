"""Benchmark unionlint against its peers on a deterministic corpus.

    python bench/run.py [--quick] [--repeats N] [--unionlint-cmd CMD] [--output bench/RESULTS.md]

Builds bench/corpus/ from seeds/*.txt, times unionlint, autocorrect, zhlint and
the Python I/O floor side by side, and prints Markdown tables plus PASS/FAIL
for each performance target.  Peers live in bench/.peers/ (see README.md)
and are skipped with a note when absent.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import subprocess
import sys
from pathlib import Path

import corpus
from corpus import MB
from measure import Result, Tool, Workload, bench, clean_environment

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
JOBS = 2


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, 1 run, no warm-up: a smoke run")
    parser.add_argument("--repeats", type=int, help="timed runs per tool and workload (default 5; 1 with --quick)")
    parser.add_argument("--warmup", type=int, help="untimed runs first (default 1; 0 with --quick)")
    parser.add_argument("--unionlint-cmd", default="unionlint", help="how to run unionlint, e.g. 'python -m unionlint'")
    parser.add_argument(
        "--zhlint-docs", type=int, help="how many ~100 KB docs zhlint gets (default 10; 2 with --quick)"
    )
    parser.add_argument("--seed", type=int, default=20240601, help="corpus RNG seed")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one run is killed")
    parser.add_argument("--peers", type=Path, default=BENCH / ".peers", help="where peers are installed")
    parser.add_argument("--corpus", type=Path, default=BENCH / "corpus", help="where the corpus is built")
    parser.add_argument("--output", type=Path, help="also write the results, with machine info, to this file")
    args = parser.parse_args()
    # Tools run in the corpus directory (see discover_tools): make paths absolute.
    args.peers, args.corpus = args.peers.resolve(), args.corpus.resolve()
    defaults = (1, 0, 2) if args.quick else (5, 1, 10)
    for name, default in zip(("repeats", "warmup", "zhlint_docs"), defaults):
        if getattr(args, name) is None:
            setattr(args, name, default)
    return args


def note(message: str) -> None:
    """Progress and skip notes go to stderr, so stdout stays pure Markdown."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def probe(argv: list[str]) -> str | None:
    """First line a command prints (stdout, else stderr), or None if it cannot run."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    text = done.stdout.strip() or done.stderr.strip()
    return text.splitlines()[0] if text else ""


def json_failures(stdout: Path) -> str | None:
    """Error note from a driver's JSON output (autocorrect's refusals)."""
    failed = json.loads(stdout.read_text(encoding="utf-8"))["failed"]
    if not failed:
        return None
    path, message = failed[0]
    return f"refused {len(failed)} file(s), e.g. {path}: {message}"


def discover_tools(args: argparse.Namespace, versions: dict[str, str], skipped: list[str]) -> dict[str, Tool]:
    """Every tool that can run here, keyed by name; `skipped` says what is not and why."""
    tools = {
        "io floor": Tool(
            "io floor",
            lambda paths: [sys.executable, str(BENCH / "driver.py"), "read", *paths],
            check=json_failures,
            ok_codes=(0,),
        )
    }
    unionlint = unionlint_argv(args)
    version = probe([*unionlint, "--version"])
    if version is None:
        skipped.append(
            f"unionlint not runnable as {args.unionlint_cmd!r}: skipped (install it or pass --unionlint-cmd)"
        )
    else:
        versions["unionlint"] = f"{version} ({args.unionlint_cmd})"
        tools["unionlint"] = Tool("unionlint", lambda paths: [*unionlint, "--format", "json", *paths])
        tools["unionlint text"] = Tool("unionlint text", lambda paths: [*unionlint, "--format", "text", *paths])
        if "--jobs" in _help_text(unionlint):
            tools[f"unionlint --jobs {JOBS}"] = Tool(
                f"unionlint --jobs {JOBS}", lambda paths: [*unionlint, "--jobs", str(JOBS), "--format", "json", *paths]
            )
        else:
            skipped.append(f"`{args.unionlint_cmd} --help` has no --jobs: the --jobs {JOBS} benchmark is skipped")

    py_peers = args.peers / "py"
    dist = next(py_peers.glob("autocorrect_py-*.dist-info"), None)
    if dist:
        versions["autocorrect-py"] = dist.name.removeprefix("autocorrect_py-").removesuffix(".dist-info")
        tools["autocorrect-py"] = Tool(
            "autocorrect-py",
            lambda paths: [sys.executable, str(BENCH / "driver.py"), "autocorrect", *paths],
            env={"PYTHONPATH": str(py_peers)},
            check=json_failures,
            ok_codes=(0,),
        )
    else:
        skipped.append(f"autocorrect-py not in {py_peers}: skipped (see bench/README.md)")

    bin_dir = args.peers / "node_modules" / ".bin"
    autocorrect = bin_dir / "autocorrect"
    version = probe([str(autocorrect), "--version"]) if autocorrect.exists() else None
    if version:
        versions["autocorrect-node"] = version
        # One thread, like single-process unionlint.  It runs in the corpus root because
        # autocorrect silently skips files that the working directory's .gitignore lists.
        tools["autocorrect-node"] = Tool(
            "autocorrect-node",
            lambda paths: [str(autocorrect), "--lint", "--format", "json", "--threads", "1", *paths],
            ok_codes=(0,),
        )
    else:
        skipped.append(f"autocorrect-node not in {bin_dir}: skipped")

    zhlint = bin_dir / "zhlint"
    if zhlint.exists():
        package = json.loads((args.peers / "node_modules" / "zhlint" / "package.json").read_text())
        versions["zhlint"] = package["version"]  # `zhlint --version` itself crashes (0.8.x)
        # zhlint's CLI reads only its first argument, a glob: several files need one brace pattern.
        tools["zhlint"] = Tool(
            "zhlint", lambda paths: [str(zhlint), paths[0] if len(paths) == 1 else "{" + ",".join(paths) + "}"]
        )
    else:
        skipped.append(f"zhlint not in {bin_dir}: skipped")
    if "autocorrect-node" in tools or "zhlint" in tools:
        versions["node"] = probe(["node", "--version"]) or "?"
    return tools


def _help_text(argv: list[str]) -> str:
    """Full `--help` output, to look for an option."""
    return subprocess.run([*argv, "--help"], capture_output=True, text=True).stdout


def compare_outputs(single: Result, parallel: Result) -> tuple[bool, str]:
    """Whether two JSON reports are identical, and how they differ if not."""
    left, right = (json.loads(r.stdout.read_text(encoding="utf-8")) for r in (single, parallel))
    if left == right:
        return True, "identical JSON"
    return False, f"outputs differ ({len(left['diagnostics'])} vs {len(right['diagnostics'])} diagnostics)"


def fmt(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


def throughput_table(groups: list[dict[str, Result]]) -> list[str]:
    """One row per tool and workload; the ratio is unionlint's MB/s over the tool's."""
    lines = [
        "| workload | tool | MB | median s | MB/s | peak RSS MB | unionlint ÷ tool | note |",
        "|---|---|--:|--:|--:|--:|--:|---|",
    ]
    for results in groups:
        reference = results.get("unionlint")
        for result in results.values():
            head = f"| {result.workload.name} | {result.tool} | {fmt(result.size / MB)} "
            if not result.ok:
                lines.append(head + f"| — | — | — | — | FAILED: {result.error} |")
                continue
            ratio = fmt(reference.mb_per_s / result.mb_per_s) + "×" if reference and reference.ok else "—"
            lines.append(
                head + f"| {fmt(result.seconds, 3)} | {fmt(result.mb_per_s)} | {fmt(result.rss_mb, 0)} | {ratio} | |"
            )
    return lines


def per_mb(result: Result, startup: float) -> float:
    """Seconds per MB without the fixed start-up cost, which would flatter the small file."""
    return (result.seconds - startup) / (result.size / MB)


def rss_budget(size: int) -> int:
    """The memory target for linting one file of `size` bytes."""
    return 4 * size + 100 * MB


def scaling_table(scaling: dict[int, Result | None], startup: float | None) -> list[str]:
    """Seconds per MB by file size, raw and net of start-up, to expose superlinear costs."""
    lines = [
        "| file | median s | s/MB | s/MB net of start-up | peak RSS MB | RSS budget MB (4× size + 100) |",
        "|--:|--:|--:|--:|--:|--:|",
    ]
    for mb, result in scaling.items():
        if not (result and result.ok):
            lines.append(f"| {mb} MB | {f'FAILED: {result.error}' if result else 'not run'} | | | | |")
            continue
        raw = fmt(result.seconds / (result.size / MB), 4)
        net = fmt(per_mb(result, startup), 4) if startup is not None else "—"
        rss = f"{fmt(result.rss_mb, 0)} | {fmt(rss_budget(result.size) / MB, 0)}"
        lines.append(f"| {mb} MB | {fmt(result.seconds, 3)} | {raw} | {net} | {rss} |")
    return lines


def faster_by(factor: float):
    """Target test: the first result's MB/s is at least `factor` times the second's."""

    def test(a: Result, b: Result) -> tuple[bool, str]:
        ratio = a.mb_per_s / b.mb_per_s
        return ratio >= factor, f"{fmt(a.mb_per_s, 3)} vs {fmt(b.mb_per_s, 3)} MB/s = {fmt(ratio)}×"

    return test


def flat_scaling(small: Result, large: Result, startup: Result) -> tuple[bool, str]:
    """Target test: the large file costs at most 1.2× per MB what the small one does."""
    small_s, large_s = per_mb(small, startup.seconds), per_mb(large, startup.seconds)
    return large_s <= 1.2 * small_s, f"{fmt(large_s, 4)} vs {fmt(small_s, 4)} s/MB = {fmt(large_s / small_s)}×"


def text_near_json(text: Result, json_format: Result) -> tuple[bool, str]:
    """Target test: drawing excerpts costs at most half again the JSON format's time (linear, not
    a copy of the whole line per finding)."""
    ratio = text.seconds / json_format.seconds
    return ratio <= 1.5, f"{fmt(text.seconds, 3)} vs {fmt(json_format.seconds, 3)} s = {fmt(ratio)}×"


def within_rss_budget(result: Result) -> tuple[bool, str]:
    """Target test: peak RSS at most 4× the file size + 100 MB."""
    budget = rss_budget(result.size)
    return result.rss_kb * 1024 <= budget, f"{fmt(result.rss_mb, 0)} MB, budget {fmt(budget / MB, 0)} MB"


def fast_start(result: Result) -> tuple[bool, str]:
    """Target test: start-up at most 250 ms."""
    return result.seconds <= 0.25, f"{fmt(result.seconds * 1000, 0)} ms"


def targets(
    results: dict[str, dict[str, Result]], scaling: dict[int, Result | None], startup: dict[str, Result]
) -> list[str]:
    """PASS/FAIL for each target of the issue with what was measured; SKIP when a result is missing."""
    docs, subset, files = results["docs"], results["zhlint subset"], results["files"]
    one_line = results["one line"]
    single, jobs = files.get("unionlint"), files.get(f"unionlint --jobs {JOBS}")
    small, large, boot = scaling[min(scaling)], scaling[max(scaling)], startup.get("unionlint")
    checks = [
        (
            "unionlint ≥ autocorrect-py MB/s (same ~100 KB docs)",
            (docs.get("unionlint"), docs.get("autocorrect-py")),
            faster_by(1),
        ),
        ("unionlint ≥ 10× zhlint MB/s (same docs)", (subset.get("unionlint"), subset.get("zhlint")), faster_by(10)),
        (f"--jobs {JOBS} ≥ 1.7× single process (small files)", (jobs, single), faster_by(1.7)),
        (f"--jobs {JOBS} output identical to single process", (single, jobs), compare_outputs),
        (f"{max(scaling)} MB s/MB ≤ 1.2× {min(scaling)} MB s/MB (net of start-up)", (small, large, boot), flat_scaling),
        (f"peak RSS of {max(scaling)} MB file ≤ 4× size + 100 MB", (large,), within_rss_budget),
        ("start-up ≤ 250 ms (one small file)", (boot,), fast_start),
        (
            "--format text ≤ 1.5× --format json (one-line file)",
            (one_line.get("unionlint text"), one_line.get("unionlint")),
            text_near_json,
        ),
    ]
    rows = ["| target | result | measured |", "|---|---|---|"]
    for name, needed, test in checks:
        missing = [r.error if r and r.error else "not run (see Skipped)" for r in needed if not (r and r.ok)]
        if missing:
            rows.append(f"| {name} | SKIP | {'; '.join(dict.fromkeys(missing))} |")
        else:
            passed, detail = test(*needed)
            rows.append(f"| {name} | {'PASS' if passed else 'FAIL'} | {detail} |")
    return rows


def machine_info(versions: dict[str, str], digest: str, args: argparse.Namespace) -> list[str]:
    """Date, machine and versions: what a reader needs to compare two RESULTS files."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {platform.platform()}, {cpu}, nproc {len(os.sched_getaffinity(0))}",
        f"- python: {sys.version.split()[0]}",
        f"- runs: median of {args.repeats} (after {args.warmup} warm-up), tools alternating",
        f"- corpus: seed {args.seed}, sha256 {digest[:16]}…",
    ]
    return lines + [f"- {name}: {version}" for name, version in versions.items()]


def unionlint_argv(args: argparse.Namespace) -> list[str]:
    argv = shlex.split(args.unionlint_cmd)
    if os.sep in argv[0]:  # a relative path to the executable
        argv[0] = os.path.abspath(argv[0])
    return argv


_STATISTICS_ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+([\d.]+)\s+(\S+)\s*$")


def time_profile(argv: list[str], root: Path, paths: list[str], timeout: float) -> list[str]:
    """Where unionlint spends its time on `paths`: one `--statistics` run, per kind and slowest rules."""
    try:
        stats = subprocess.run(
            [*argv, "--statistics", *paths],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=clean_environment(),
        ).stdout
        listing = subprocess.run([*argv, "rules"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired) as error:
        return [f"(no profile: {error})"]
    kind_of = {fields[0]: fields[1] for fields in map(str.split, listing.splitlines()) if len(fields) > 1}
    rows = [(float(m[3]), m[4], int(m[1])) for m in map(_STATISTICS_ROW.match, stats.splitlines()) if m]
    if not rows:
        return ["(no profile: `--statistics` printed no rule timings)"]
    total = sum(ms for ms, _, _ in rows)
    by_kind: dict[str, list[float]] = {}
    for ms, rule, _ in rows:
        by_kind.setdefault(kind_of.get(rule, "?"), []).append(ms)
    lines = ["| kind | rules | ms | share |", "|---|--:|--:|--:|"]
    for kind, times in sorted(by_kind.items(), key=lambda item: -sum(item[1])):
        lines.append(f"| {kind} | {len(times)} | {sum(times):.0f} | {100 * sum(times) / total:.0f} % |")
    lines += ["", "| slowest rules | kind | findings | ms | share |", "|---|---|--:|--:|--:|"]
    for ms, rule, found in sorted(rows, reverse=True)[:10]:
        lines.append(f"| {rule} | {kind_of.get(rule, '?')} | {found} | {ms:.0f} | {100 * ms / total:.0f} % |")
    return lines


def main() -> int:
    args = parse_args()
    profile = corpus.QUICK if args.quick else corpus.FULL
    note(f"building corpus ({profile.name}) in {args.corpus / profile.name}")
    built = corpus.build(REPO / "seeds", args.corpus, profile, args.seed)
    out_dir = built.root / "out"
    out_dir.mkdir(exist_ok=True)
    versions: dict[str, str] = {}
    skipped: list[str] = []
    tools = discover_tools(args, versions, skipped)
    for line in skipped:
        note(line)
    rel = lambda paths: [str(path.relative_to(built.root)) for path in paths]  # noqa: E731

    def run(name: str, paths: list[Path], names: list[str], repeats: int = args.repeats) -> dict[str, Result]:
        chosen = [tools[n] for n in names if n in tools]
        if not chosen:
            return {}
        note(f"{name}: {', '.join(t.name for t in chosen)}")
        return bench(Workload(name, built.root, rel(paths)), chosen, out_dir, repeats, args.warmup, args.timeout)

    startup = run("start-up", built.files[:1], ["unionlint", "io floor"], repeats=2 * args.repeats + 1)
    results = {
        "docs": run(
            f"docs ({len(built.docs)} × ~100 KB)",
            built.docs,
            ["unionlint", "autocorrect-py", "autocorrect-node", "io floor"],
        ),
        "zhlint subset": run(
            f"zhlint subset ({args.zhlint_docs} docs)", built.docs[: args.zhlint_docs], ["unionlint", "zhlint"]
        ),
        "files": run(
            f"files ({len(built.files)} × ~10 KB)",
            built.files,
            ["unionlint", f"unionlint --jobs {JOBS}", "autocorrect-py", "autocorrect-node", "io floor"],
        ),
        "big": run(
            f"single {profile.big_mb} MB file",
            [built.big],
            ["unionlint", "autocorrect-py", "autocorrect-node", "io floor"],
        ),
    }
    results["one line"] = run(
        f"one {profile.one_line_mb} MB line", [built.one_line], ["unionlint", "unionlint text"], repeats=args.repeats
    )
    scaling = {
        mb: run(f"scaling {mb} MB", [path], ["unionlint"]).get("unionlint") for mb, path in built.scaling.items()
    }

    boot = startup.get("unionlint")
    profile_lines = (
        time_profile(unionlint_argv(args), built.root, rel(built.docs), args.timeout) if "unionlint" in tools else []
    )
    report = [
        "## Throughput",
        "",
        *throughput_table(list(results.values())),
        "",
        "zhlint gets only a subset of the docs and no large file: it is slow, and superlinear on large single files.",
        "",
        "## Scaling (unionlint, single file)",
        "",
        *scaling_table(scaling, boot.seconds if boot and boot.ok else None),
        "",
        "## Start-up (one ~10 KB file)",
        "",
        "| tool | median ms | runs |",
        "|---|--:|--:|",
        *[
            f"| {r.tool} | {fmt(r.seconds * 1000, 0)} | {len(r.walls)} |"
            if r.ok
            else f"| {r.tool} | FAILED: {r.error} | |"
            for r in startup.values()
        ],
        "",
        *(
            ["## Where unionlint spends its time (docs, one `--statistics` run)", "", *profile_lines, ""]
            if profile_lines
            else []
        ),
        "## Targets",
        "",
        *targets(results, scaling, startup),
        "",
        *(["## Skipped", "", *[f"- {line}" for line in skipped], ""] if skipped else []),
    ]
    print("\n".join(report))
    if args.output:
        header = [
            "# unionlint benchmark results",
            "",
            *machine_info(versions, built.digest, args),
            "",
            f"Reproduce: `python bench/run.py {shlex.join(sys.argv[1:])}` (see bench/README.md).",
            "",
        ]
        args.output.write_text("\n".join(header + report), encoding="utf-8")
        note(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
