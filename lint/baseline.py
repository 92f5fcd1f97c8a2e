"""Baselines: record today's findings once (`--write-baseline`), then report only new ones (`--baseline`).

A newsroom adopting unionlint on an archive full of old findings can block new mistakes at once
without first fixing the whole archive. Findings are matched by the keys of unionlint.fingerprints
(path, rule, text, a little context — no line numbers) as a multiset: a key recorded twice hides
two occurrences in the file, and a third one is reported.

The file is JSON, sorted, one finding per line (a fixed finding is a one-line deletion in a diff),
paths relative to the baseline's own folder with `/` separators, so it is the same from any working
directory and on any system.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from unionlint.errors import UnionlintError
from unionlint.fingerprints import FindingKey, keyed
from unionlint.writer import write_atomic

VERSION = 1
_FIELDS = FindingKey._fields


class BaselineError(UnionlintError):
    pass


def _relative_to(baseline_path: str):
    """Reported path → path relative to the baseline file's folder, with POSIX separators."""
    folder = os.path.dirname(os.path.abspath(baseline_path))

    def relative(path: str) -> str:
        if path.startswith("<"):  # <stdin> has no place on disk
            return path
        return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()

    return relative


def record(baseline_path: str, files) -> Counter:
    """The keys of every finding of `files` (FileResults, consumed one at a time), as a multiset."""
    return Counter(key for _, key, _ in keyed(files, _relative_to(baseline_path)))


def write_baseline(baseline_path: str, counts: Counter) -> int:
    """Write the recorded findings to `baseline_path`, atomically; returns how many."""
    entries = [{**key._asdict(), "count": count} for key, count in sorted(counts.items())]
    body = ",".join("\n  " + json.dumps(entry, ensure_ascii=False) for entry in entries)
    data = f'{{"version": {VERSION}, "tool": "unionlint", "findings": [{body}\n]}}\n'.encode()
    try:
        write_atomic(baseline_path, data)
    except OSError as error:  # the temporary file could not even be created (no such folder …)
        raise BaselineError(f"{baseline_path}：无法写入基线文件（{error.strerror or error}）") from None
    return sum(counts.values())


def load_baseline(baseline_path: str) -> Counter:
    """The recorded findings as a multiset of keys; a clear one-line error for any bad file."""
    try:
        raw = Path(baseline_path).read_bytes()
    except FileNotFoundError:
        raise BaselineError(f"{baseline_path}：基线文件不存在（先用 --write-baseline 生成）") from None
    except PermissionError:
        raise BaselineError(f"{baseline_path}：没有读取基线文件的权限") from None
    except OSError as error:
        raise BaselineError(f"{baseline_path}：无法读取基线文件（{error.strerror or error}）") from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BaselineError(f"{baseline_path}：基线文件不是 UTF-8 文本") from None
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"{baseline_path}:{error.lineno}: 基线文件不是有效的 JSON（{error.msg}），请用 --write-baseline 重新生成"
        ) from None
    if not isinstance(document, dict) or "version" not in document:
        raise BaselineError(f"{baseline_path}：不是 unionlint 基线文件（缺少 version 字段）")
    if document["version"] != VERSION:
        raise BaselineError(
            f"{baseline_path}：基线版本 {document['version']!r} 不受支持（本程序读取版本 {VERSION}），"
            "请用 --write-baseline 重新生成"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{baseline_path}：基线文件缺少 findings 列表")
    recorded: Counter = Counter()
    for number, entry in enumerate(findings, 1):
        if (
            not isinstance(entry, dict)
            or set(entry) != {*_FIELDS, "count"}
            or not all(isinstance(entry[name], str) for name in _FIELDS)
            or not isinstance(entry["count"], int)
            or entry["count"] < 1
        ):
            raise BaselineError(
                f"{baseline_path}：findings 第 {number} 项格式不对（应有 {'、'.join(_FIELDS)} 和正整数 count）"
            )
        recorded[FindingKey(*(entry[name] for name in _FIELDS))] += entry["count"]
    return recorded


def apply_baseline(baseline_path: str, recorded: Counter, files) -> int:
    """Drop from each FileResult the findings recorded in the baseline; returns how many were hidden.

    Occurrences are matched in file order: with 2 recorded and 3 present, the third is reported.
    """
    hidden = set()
    for diagnostic, key, occurrence in keyed(files, _relative_to(baseline_path)):
        if occurrence <= recorded[key]:
            hidden.add(id(diagnostic))
    for report in files:
        report.diagnostics = [d for d in report.diagnostics if id(d) not in hidden]
    return len(hidden)
