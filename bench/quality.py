"""Detection quality beyond the seeds: recall on planted errors, false alarms on clean copy.

    python bench/quality.py                       # print the report
    python bench/quality.py --output bench/QUALITY.md
    python bench/quality.py --json results.json   # machine-readable, for comparing two commits

Inputs (see bench/quality/README.md):
- `bench/quality/cases/*.yaml`: hand-written cases, one file per error class — sentences that each
  contain one error (`detect`, with the rule that should report it and, optionally, the text after
  applying that finding's fix) and must-stay-silent traps (`silent`).
- `bench/quality/generators/*.py`: modules with `generate()` returning case sets of the same shape,
  built deterministically (mutations of lexicon entries and the like), labelled `origin: generated`.
- `bench/quality/clean/**/*.txt|md`: clean copy; every finding there is counted as a false alarm.

The library is called in-process with every built-in pack, as `unionlint FILE` would lint.
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "quality"
ROOT = HERE.parent.parent
CASE_KEYS = {"title", "group", "origin", "detect", "silent", "source"}
DETECT_KEYS = {"text", "rule", "fix", "note"}


class CaseError(Exception):
    """A malformed case file: reported as `file: what is wrong`, never a traceback."""


@dataclass
class CaseSet:
    name: str  # the class, e.g. "doubled-word"
    title: str
    group: str
    origin: str  # hand | generated
    detect: list[dict] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)


def _checked(name: str, data, origin_file: str) -> CaseSet:
    if not isinstance(data, dict) or not set(data) <= CASE_KEYS:
        raise CaseError(f"{origin_file}: expected a mapping with keys {sorted(CASE_KEYS)}")
    detect = data.get("detect") or []
    silent = data.get("silent") or []
    for index, case in enumerate(detect):
        if isinstance(case, str):
            detect[index] = case = {"text": case}
        if not isinstance(case, dict) or "text" not in case or not set(case) <= DETECT_KEYS:
            raise CaseError(f"{origin_file}: detect[{index}] needs `text` (and only {sorted(DETECT_KEYS)})")
        if case.get("fix") is not None and case["fix"] == case["text"]:
            raise CaseError(f"{origin_file}: detect[{index}]: `fix` equals `text`")
    if not all(isinstance(text, str) for text in silent):
        raise CaseError(f"{origin_file}: `silent` must be a list of strings")
    origin = data.get("origin", "hand")
    if origin not in ("hand", "generated"):
        raise CaseError(f"{origin_file}: origin must be hand or generated")
    return CaseSet(name, data.get("title", name), data.get("group", name), origin, detect, list(silent))


def load_case_sets(folder: Path = HERE) -> list[CaseSet]:
    sets = []
    for path in sorted((folder / "cases").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except yaml.YAMLError as error:
            raise CaseError(f"{path}: YAML error: {error}") from None
        sets.append(_checked(path.stem, data, str(path)))
    for path in sorted((folder / "generators").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"quality_generator_{path.stem}", path)
        module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, data in module.generate():
            sets.append(_checked(name, {"origin": "generated", **data}, f"{path}:{name}"))
    return sets


def clean_files(folder: Path = HERE) -> list[Path]:
    return sorted(p for p in (folder / "clean").rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")


class Linter:
    """Every built-in pack, through the library (one engine reused for every text)."""

    def __init__(self):
        from unionlint import api

        self.config = api.configure(isolated=True)

    def lint(self, text: str, path: str = "case.txt"):
        from unionlint import api

        return api.lint_text(text, path=path, config=self.config).diagnostics


def _detected(case: dict, diagnostics) -> bool:
    pattern = case.get("rule") or "*"
    wanted = case.get("fix")
    text = case["text"]
    for diagnostic in diagnostics:
        if not fnmatch.fnmatchcase(diagnostic.rule, pattern):
            continue
        if wanted is None:
            return True
        if diagnostic.fix is not None and text[: diagnostic.start] + diagnostic.fix + text[diagnostic.end :] == wanted:
            return True
    return False


def _describe(diagnostic) -> str:
    return f"{diagnostic.rule}: “{diagnostic.text}”" + (f" → “{diagnostic.fix}”" if diagnostic.fix is not None else "")


def measure(linter: Linter, sets: list[CaseSet], files: list[Path]) -> dict:
    classes = []
    for case_set in sets:
        missed, alarms = [], []
        for case in case_set.detect:
            if not _detected(case, linter.lint(case["text"])):
                missed.append(case["text"])
        for text in case_set.silent:
            found = linter.lint(text)
            if found:
                alarms.append(f"{text}  ⟵ " + "; ".join(_describe(d) for d in found))
        classes.append(
            {
                "class": case_set.name,
                "title": case_set.title,
                "group": case_set.group,
                "origin": case_set.origin,
                "cases": len(case_set.detect),
                "detected": len(case_set.detect) - len(missed),
                "traps": len(case_set.silent),
                "trap_alarms": len(alarms),
                "missed": missed,
                "alarms": alarms,
            }
        )
    characters = 0
    by_rule: Counter = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    for path in files:
        text = path.read_text("utf-8")
        characters += sum(1 for char in text if not char.isspace())
        for diagnostic in linter.lint(text, path=str(path)):
            by_rule[diagnostic.rule] += 1
            if len(samples[diagnostic.rule]) < 5:
                line = text.splitlines()[diagnostic.line - 1]
                left = max(0, diagnostic.column - 1 - 12)
                excerpt = (
                    line[left : diagnostic.end_column - 1 + 12]
                    if diagnostic.end_line == diagnostic.line
                    else line[left:]
                )
                where = path.relative_to(HERE / "clean")
                samples[diagnostic.rule].append(f"{where}:{diagnostic.line}: {_describe(diagnostic)} — …{excerpt}…")
    clean = {
        "files": len(files),
        "characters": characters,
        "findings": sum(by_rule.values()),
        "per_10k": round(sum(by_rule.values()) / characters * 10_000, 3) if characters else None,
        "by_rule": dict(by_rule.most_common()),
        "samples": dict(samples),
        "seconds": round(time.perf_counter() - started, 2),
    }
    return {"classes": classes, "clean": clean}


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        )
        return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def report(results: dict, commit: str) -> str:
    lines = [
        "# Detection quality",
        "",
        f"Measured at commit `{commit}` on {time.strftime('%Y-%m-%d')} with `python bench/quality.py`"
        " (every built-in pack, in-process). Inputs: `bench/quality/` (see its README).",
        "",
        "## Recall per class",
        "",
        "| group | class | origin | cases | detected | recall | traps | traps reported |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    totals: dict[str, Counter] = defaultdict(Counter)
    for row in sorted(results["classes"], key=lambda r: (r["group"], r["origin"], r["class"])):
        lines.append(
            f"| {row['group']} | {row['title']} (`{row['class']}`) | {row['origin']} | {row['cases']} "
            f"| {row['detected']} | {_percent(row['detected'], row['cases'])} | {row['traps']} | {row['trap_alarms']} |"
        )
        totals[row["origin"]].update(
            cases=row["cases"], detected=row["detected"], traps=row["traps"], alarms=row["trap_alarms"]
        )
    for origin, total in sorted(totals.items()):
        lines.append(
            f"| **all** | **{origin}** | | {total['cases']} | {total['detected']} "
            f"| {_percent(total['detected'], total['cases'])} | {total['traps']} | {total['alarms']} |"
        )
    clean = results["clean"]
    lines += [
        "",
        "## False alarms on clean copy",
        "",
        f"{clean['files']} files, {clean['characters']:,} characters (not counting whitespace): "
        f"**{clean['findings']} findings, {clean['per_10k']} per 10,000 characters** ({clean['seconds']} s).",
        "",
        "| rule | findings | per 10k chars |",
        "| --- | ---: | ---: |",
    ]
    for rule, count in clean["by_rule"].items():
        lines.append(f"| `{rule}` | {count} | {count / clean['characters'] * 10_000:.3f} |")
    lines += ["", "### Samples (up to 5 per rule)", ""]
    for rule, samples in clean["samples"].items():
        lines += [f"- `{rule}`"] + [f"  - {sample}" for sample in samples]
    lines += ["", "## Missed cases and reported traps (hand-written sets)", ""]
    for row in results["classes"]:
        if row["origin"] != "hand" or not (row["missed"] or row["alarms"]):
            continue
        lines.append(f"- **{row['class']}**")
        lines += [f"  - missed: {text}" for text in row["missed"]]
        lines += [f"  - trap reported: {text}" for text in row["alarms"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", help="write the Markdown report here (else stdout)")
    parser.add_argument("--json", help="also write the raw results as JSON")
    args = parser.parse_args(argv)
    try:
        sets = load_case_sets()
    except CaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    results = measure(Linter(), sets, clean_files())
    text = report(results, _commit())
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    if args.output:
        Path(args.output).write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
