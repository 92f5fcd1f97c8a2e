"""Benchmark unionlint against its peers on a deterministic corpus.

    python bench/run.py [--quick] [--repeats N] [--unionlint-cmd CMD] [--compare-cmd CMD] [--output FILE]

Builds bench/corpus/ (typed copy, and the seeds' PDF residue as a second workload; see
corpus.py), times unionlint, another unionlint to compare with (e.g. an install of an earlier
commit), autocorrect, zhlint and the Python I/O floor side by side, and prints Markdown tables
plus PASS/FAIL for each performance target.  Peers live in bench/.peers/ (see README.md) and
are skipped with a note when absent.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import corpus
from corpus import MB
from measure import Result, Tool, Workload, bench, clean_environment, run_once

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
JOBS = 2
REFERENCE = "reference"  # the tool name of --compare-cmd in the results' dictionaries
CACHE_DIR = ".unionlint_cache"  # where unionlint keeps its result cache (the corpus root: no config there)
# Targets (issue 18): ratios over the reference install and autocorrect-py on the typed docs.
OVER_REFERENCE = 3.0
OVER_AUTOCORRECT = 0.6
STARTUP_S = 0.1
CACHE_SHARE = 0.10


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, 1 run, no warm-up: a smoke run")
    parser.add_argument("--repeats", type=int, help="timed runs per tool and workload (default 5; 1 with --quick)")
    parser.add_argument("--warmup", type=int, help="untimed runs first (default 1; 0 with --quick)")
    parser.add_argument("--unionlint-cmd", default="unionlint", help="how to run unionlint, e.g. 'python -m unionlint'")
    parser.add_argument(
        "--compare-cmd",
        help="another unionlint to time side by side, e.g. /work/bench-main/.venv/bin/unionlint (an earlier commit)",
    )
    parser.add_argument(
        "--compare-label",
        help="its name in the tables (default: unionlint@<commit> of the git checkout it is installed from)",
    )
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
    unionlint = unionlint_argv(args.unionlint_cmd)
    version = probe([*unionlint, "--version"])
    if version is None:
        skipped.append(
            f"unionlint not runnable as {args.unionlint_cmd!r}: skipped (install it or pass --unionlint-cmd)"
        )
    else:
        versions["unionlint"] = f"{version} ({args.unionlint_cmd}{commit_of(unionlint)})"
        help_text = _help_text(unionlint)
        # Timings are of linting: the result cache is bypassed except where it is measured.
        lint = [*unionlint, "--no-cache"] if "--no-cache" in help_text else unionlint
        tools["unionlint"] = Tool("unionlint", lambda paths: [*lint, "--format", "json", *paths])
        tools["unionlint text"] = Tool("unionlint text", lambda paths: [*lint, "--format", "text", *paths])
        if "--jobs" in help_text:
            tools[f"unionlint --jobs {JOBS}"] = Tool(
                f"unionlint --jobs {JOBS}", lambda paths: [*lint, "--jobs", str(JOBS), "--format", "json", *paths]
            )
        else:
            skipped.append(f"`{args.unionlint_cmd} --help` has no --jobs: the --jobs {JOBS} benchmark is skipped")
        if "--no-cache" in help_text:
            tools["unionlint cached"] = Tool("unionlint cached", lambda paths: [*unionlint, "--format", "json", *paths])
        else:
            skipped.append(f"`{args.unionlint_cmd} --help` has no --no-cache: the cache benchmark is skipped")
    if args.compare_cmd:
        reference = unionlint_argv(args.compare_cmd)
        version = probe([*reference, "--version"])
        label = args.compare_label or f"unionlint{commit_of(reference, '@')}"
        if version is None:
            skipped.append(f"--compare-cmd {args.compare_cmd!r} does not run: the comparison is skipped")
        else:
            versions[label] = f"{version} ({args.compare_cmd})"
            extra = ["--no-cache"] if "--no-cache" in _help_text(reference) else []
            tools[REFERENCE] = Tool(label, lambda paths: [*reference, *extra, "--format", "json", *paths])

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


def commit_of(argv: list[str], prefix: str = " at ") -> str:
    """`<prefix><short commit>` of the git checkout the command's executable lives in (a venv inside
    a worktree), or "" when it is not in one."""
    exe = shutil.which(argv[0]) if os.sep not in argv[0] else argv[0]
    if argv[0] == sys.executable or not exe:  # `python -m unionlint`: the checkout is the cwd's
        exe = str(REPO)
    done = subprocess.run(
        ["git", "-C", str(Path(exe).parent), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return f"{prefix}{done.stdout.strip()}" if done.returncode == 0 else ""


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


def findings(result: Result) -> list | None:
    """The diagnostics of a unionlint JSON report (None for other tools' output)."""
    try:
        report = json.loads(result.stdout.read_text(encoding="utf-8"))
    except (OSError, ValueError, AttributeError):
        return None
    return report.get("diagnostics") if isinstance(report, dict) else None


def throughput_table(groups: list[dict[str, Result]]) -> list[str]:
    """One row per tool and workload; the ratio is unionlint's MB/s over the tool's."""
    lines = [
        "| workload | tool | MB | median s | MB/s | peak RSS MB | unionlint ÷ tool | findings/MB | note |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for results in groups:
        reference = results.get("unionlint")
        for result in results.values():
            head = f"| {result.workload.name} | {result.tool} | {fmt(result.size / MB)} "
            if not result.ok:
                lines.append(head + f"| — | — | — | — | — | FAILED: {result.error} |")
                continue
            ratio = fmt(reference.mb_per_s / result.mb_per_s) + "×" if reference and reference.ok else "—"
            found = findings(result)
            density = fmt(len(found) / (result.size / MB), 0) if found is not None else ""
            lines.append(
                head
                + f"| {fmt(result.seconds, 3)} | {fmt(result.mb_per_s)} | {fmt(result.rss_mb, 0)} | {ratio} "
                + f"| {density} | |"
            )
    return lines


def per_mb(result: Result, startup: float) -> float:
    """Seconds per MB without the fixed start-up cost, which would flatter the small file."""
    return (result.seconds - startup) / (result.size / MB)


def rss_budget(size: int) -> int:
    """The memory target for linting one file of `size` bytes."""
    return 4 * size + 100 * MB


def scaling_table(scaling: dict[float, Result | None], startup: float | None) -> list[str]:
    """Seconds per MB by file size, raw and net of start-up, to expose superlinear costs."""
    lines = [
        "| file | median s | s/MB | s/MB net of start-up | peak RSS MB | RSS budget MB (4× size + 100) |",
        "|--:|--:|--:|--:|--:|--:|",
    ]
    for mb, result in scaling.items():
        if not (result and result.ok):
            lines.append(f"| {mb:g} MB | {f'FAILED: {result.error}' if result else 'not run'} | | | | |")
            continue
        raw = fmt(result.seconds / (result.size / MB), 4)
        net = fmt(per_mb(result, startup), 4) if startup is not None else "—"
        rss = f"{fmt(result.rss_mb, 0)} | {fmt(rss_budget(result.size) / MB, 0)}"
        lines.append(f"| {mb:g} MB | {fmt(result.seconds, 3)} | {raw} | {net} | {rss} |")
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
    """Target test: start-up at most STARTUP_S."""
    return result.seconds <= STARTUP_S, f"{fmt(result.seconds * 1000, 0)} ms"


def same_findings(ours: Result, theirs: Result) -> tuple[bool, str]:
    """Target test: both JSON reports carry the same diagnostics, in the same order."""
    left, right = findings(ours), findings(theirs)
    if left is None or right is None:
        return False, "no JSON report to compare"
    if left == right:
        return True, f"{len(left):,} findings, identical"
    differing = next((i for i, (a, b) in enumerate(zip(left, right)) if a != b), min(len(left), len(right)))
    return False, f"{len(left):,} vs {len(right):,} findings; first difference at #{differing + 1}"


def cache_fraction(first: Result, again: Result) -> tuple[bool, str]:
    """Target test: re-checking unchanged files from the cache takes at most CACHE_SHARE of the first run,
    with the same output byte for byte."""
    ratio = again.seconds / first.seconds
    same = first.stdout.read_bytes() == again.stdout.read_bytes()
    detail = f"{fmt(again.seconds, 3)} vs {fmt(first.seconds, 3)} s = {fmt(100 * ratio, 1)} %"
    return ratio <= CACHE_SHARE and same, detail + ("; same output" if same else "; OUTPUT DIFFERS")


def targets(
    results: dict[str, dict[str, Result]],
    scaling: dict[float, Result | None],
    startup: dict[str, Result],
    cache: dict[str, Result],
    reference: str | None,
) -> list[str]:
    """PASS/FAIL for each target of the issue with what was measured; SKIP when a result is missing."""
    docs, subset, files = results["docs"], results["zhlint subset"], results["files"]
    one_line = results["one line"]
    single, jobs = files.get("unionlint"), files.get(f"unionlint --jobs {JOBS}")
    small, large, boot = scaling[min(scaling)], scaling[max(scaling)], startup.get("unionlint")
    checks = []
    if reference:
        checks.append(
            (
                f"unionlint ≥ {OVER_REFERENCE:g}× {reference} MB/s (typed docs)",
                (docs.get("unionlint"), docs.get(REFERENCE)),
                faster_by(OVER_REFERENCE),
            )
        )
        checks += [
            (f"same findings as {reference}: {name}", (group.get("unionlint"), group.get(REFERENCE)), same_findings)
            for name, group in results.items()
            if REFERENCE in group
        ]
    checks += [
        (
            f"unionlint ≥ {OVER_AUTOCORRECT:g}× autocorrect-py MB/s (typed docs)",
            (docs.get("unionlint"), docs.get("autocorrect-py")),
            faster_by(OVER_AUTOCORRECT),
        ),
        (
            "unionlint ≥ 1× autocorrect-py MB/s (typed docs; the aim)",
            (docs.get("unionlint"), docs.get("autocorrect-py")),
            faster_by(1),
        ),
        ("unionlint ≥ 10× zhlint MB/s (same docs)", (subset.get("unionlint"), subset.get("zhlint")), faster_by(10)),
        (f"--jobs {JOBS} ≥ 1.7× single process (small files)", (jobs, single), faster_by(1.7)),
        (f"--jobs {JOBS} output identical to single process", (single, jobs), compare_outputs),
        (
            f"{max(scaling):g} MB s/MB ≤ 1.2× {min(scaling):g} MB s/MB (net of start-up)",
            (small, large, boot),
            flat_scaling,
        ),
        (f"peak RSS of {max(scaling):g} MB file ≤ 4× size + 100 MB", (large,), within_rss_budget),
        (f"start-up ≤ {STARTUP_S * 1000:.0f} ms (one small clean file)", (boot,), fast_start),
        (
            f"cache: unchanged docs re-checked in ≤ {100 * CACHE_SHARE:.0f} % of the first run's time",
            (cache.get("first"), cache.get("again")),
            cache_fraction,
        ),
        (
            "--format text ≤ 1.5× --format json (one-line file: linear on long lines)",
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
        f"- corpus: seed {args.seed}, sha256 {digest[:16]}…, generated by bench/corpus.py",
    ]
    return lines + [f"- {name}: {version}" for name, version in versions.items()]


def unionlint_argv(command: str) -> list[str]:
    argv = shlex.split(command)
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


def cache_bench(tool: Tool, workload: Workload, out_dir: Path, repeats: int, timeout: float) -> dict[str, Result]:
    """The first run into an empty result cache, then the re-check of the unchanged files from it.

    Every round starts from an empty cache (`.unionlint_cache/` in the corpus root, where
    unionlint keeps it when no configuration is found); both runs' outputs are kept to compare.
    """
    size, env = workload.bytes, clean_environment()
    cache_dir = workload.root / CACHE_DIR
    results = {key: Result(f"{tool.name} ({key})", workload, size) for key in ("first", "again")}
    for _ in range(repeats):
        shutil.rmtree(cache_dir, ignore_errors=True)
        for key, result in results.items():
            stdout = out_dir / f"cache--{key}.out"
            wall, rss_kb, code, stderr = run_once(tool.command(workload.paths), workload.root, stdout, env, timeout)
            if code not in tool.ok_codes:
                result.error = f"exit {code}: {stderr[:200]}"
            elif key == "first" and not cache_dir.is_dir():
                result.error = f"no cache written in {cache_dir}"
            if result.error:
                return results
            result.walls.append(wall)
            result.rss_kb = max(result.rss_kb, rss_kb)
            result.stdout = stdout
    shutil.rmtree(cache_dir, ignore_errors=True)
    return results


def corpus_lines(built: corpus.Corpus, results: dict[str, dict[str, Result]]) -> list[str]:
    """What the corpus is like: distinct paragraphs and the findings per MB unionlint reports."""
    lines = ["| workload | distinct paragraphs | unionlint findings/MB |", "|---|--:|--:|"]
    for name, key in (("typed (docs + files + big)", "docs"), ("residue", "PDF residue")):
        result = results.get(key, {}).get("unionlint")
        found = findings(result) if result and result.ok else None
        density = fmt(len(found) / (result.size / MB), 0) if found is not None else "—"
        lines.append(f"| {name} | {fmt(100 * built.distinct.get(name, 0), 1)} % | {density} |")
    return [
        "Typed copy (docs, files, big, scaling, one line): distinct paragraphs recombined from regulations, "
        "project-written news copy and the cleaned seeds, with the quality cases' errors planted "
        f"(one per {corpus.ERROR_EVERY} bytes; target ~1,300 findings/MB). PDF residue: the seeds' raw "
        "paragraphs, shuffled (the earlier corpus). Distinct paragraphs: lines of 10+ characters; the typed "
        "copy's repeats are the quality cases that span paragraphs (a word broken over two lines, a headline "
        "or paragraph typed twice), planted as written.",
        "",
        *lines,
    ]


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
    reference = tools[REFERENCE].name if REFERENCE in tools else None

    def run(name: str, paths: list[Path], names: list[str], repeats: int = args.repeats) -> dict[str, Result]:
        chosen = {n: tools[n] for n in names if n in tools}
        if not chosen:
            return {}
        note(f"{name}: {', '.join(t.name for t in chosen.values())}")
        timed = bench(
            Workload(name, built.root, rel(paths)), list(chosen.values()), out_dir, repeats, args.warmup, args.timeout
        )
        return {key: timed[tool.name] for key, tool in chosen.items()}  # keyed like `tools`

    startup = run("start-up", [built.clean], ["unionlint", REFERENCE, "io floor"], repeats=2 * args.repeats + 1)
    results = {
        "docs": run(
            f"typed docs ({len(built.docs)} × ~100 KB)",
            built.docs,
            ["unionlint", REFERENCE, "autocorrect-py", "autocorrect-node", "io floor"],
        ),
        "PDF residue": run(
            f"PDF-residue docs ({len(built.residue)} × ~100 KB)",
            built.residue,
            ["unionlint", REFERENCE, "autocorrect-py", "io floor"],
        ),
        "zhlint subset": run(
            f"zhlint subset ({args.zhlint_docs} docs)", built.docs[: args.zhlint_docs], ["unionlint", "zhlint"]
        ),
        "files": run(
            f"files ({len(built.files)} × ~10 KB)",
            built.files,
            ["unionlint", f"unionlint --jobs {JOBS}", REFERENCE, "autocorrect-py", "autocorrect-node", "io floor"],
        ),
        "big": run(
            f"single {profile.big_mb:g} MB file",
            [built.big],
            ["unionlint", REFERENCE, "autocorrect-py", "autocorrect-node", "io floor"],
        ),
    }
    results["one line"] = run(
        f"one {profile.one_line_mb:g} MB line", [built.one_line], ["unionlint", "unionlint text"], repeats=args.repeats
    )
    scaling = {
        mb: run(f"scaling {mb:g} MB", [path], ["unionlint"]).get("unionlint") for mb, path in built.scaling.items()
    }
    cache: dict[str, Result] = {}
    if "unionlint cached" in tools:
        note("cache: first run, then the re-check (typed docs)")
        cache = cache_bench(
            tools["unionlint cached"],
            Workload("cache", built.root, rel(built.docs)),
            out_dir,
            args.repeats,
            args.timeout,
        )

    boot = startup.get("unionlint")
    profile_lines = (
        time_profile(unionlint_argv(args.unionlint_cmd), built.root, rel(built.docs), args.timeout)
        if "unionlint" in tools
        else []
    )
    report = [
        "## Corpus",
        "",
        *corpus_lines(built, results),
        "",
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
        "## Start-up (one ~10 KB file of clean typed copy)",
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
            [
                "## Result cache (typed docs: first run into an empty cache, then the re-check)",
                "",
                "| run | median s | peak RSS MB |",
                "|---|--:|--:|",
                *[
                    f"| {r.tool} | {fmt(r.seconds, 3)} | {fmt(r.rss_mb, 0)} |"
                    if r.ok
                    else f"| {r.tool} | FAILED: {r.error} | |"
                    for r in cache.values()
                ],
                "",
            ]
            if cache
            else []
        ),
        *(
            ["## Where unionlint spends its time (docs, one `--statistics` run)", "", *profile_lines, ""]
            if profile_lines
            else []
        ),
        "## Targets",
        "",
        *targets(results, scaling, startup, cache, reference),
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
