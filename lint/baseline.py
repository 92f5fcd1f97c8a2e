"""`--write-baseline FILE` / `--baseline FILE`: adopt unionlint on an existing archive by recording
today's findings once and reporting only new ones afterwards.

The file is sorted, indented JSON (one entry per path, rule and matched text, with a count), so it
diffs well in review. Paths are stored relative to the baseline file's folder, with `/`, so the same
baseline works from any working directory and on any system.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from unionlint.errors import UnionlintError
from unionlint.fingerprints import occurrences
from unionlint.model import Diagnostic

VERSION = 1


def _relative_to(baseline_path: str):
    folder = os.path.dirname(os.path.abspath(baseline_path))

    def path(diagnostic_path: str) -> str:
        if diagnostic_path.startswith("<"):  # <stdin> has no place on disk
            return diagnostic_path
        return os.path.relpath(os.path.abspath(diagnostic_path), folder).replace(os.sep, "/")

    return path


def write(baseline_path: str, diagnostics: list[Diagnostic]) -> None:
    from unionlint.writer import write_atomic

    counts = Counter(key for _, key, _ in occurrences(diagnostics, _relative_to(baseline_path)))
    entries = [{"path": p, "rule": r, "text": t, "count": n} for (p, r, t), n in sorted(counts.items())]
    data = json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    write_atomic(baseline_path, data.encode("utf-8"))


def load(baseline_path: str) -> Counter:
    """Known findings: key → how many of them the baseline holds."""
    where = f"基线文件 {baseline_path}"
    try:
        with open(baseline_path, encoding="utf-8") as stream:
            data = json.load(stream)
    except FileNotFoundError:
        raise UnionlintError(f"{where} 不存在（先用 --write-baseline {baseline_path} 生成）") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnionlintError(f"{where} 无法读取或不是 JSON（{error}），请用 --write-baseline 重新生成") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        found = data.get("version") if isinstance(data, dict) else None
        raise UnionlintError(
            f"{where} 的版本为 {found!r}，本版 unionlint 需要版本 {VERSION}，请用 --write-baseline 重新生成"
        )
    known: Counter = Counter()
    try:
        for entry in data["findings"]:
            known[(entry["path"], entry["rule"], entry["text"])] += int(entry["count"])
    except (KeyError, TypeError, ValueError):
        raise UnionlintError(
            f"{where} 格式不对（每项需要 path、rule、text、count），请用 --write-baseline 重新生成"
        ) from None
    return known


def new_findings(baseline_path: str, known: Counter, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics beyond the baseline's count of their key (so 2 known, 3 now → the 3rd is new)."""
    return [d for d, key, n in occurrences(diagnostics, _relative_to(baseline_path)) if n > known[key]]
