"""What makes a finding "the same finding" across runs, for baselines and GitLab fingerprints.

A finding is identified by its path, rule, reported text and a few characters of context on each
side (within its line), plus its occurrence number among findings with that same key in the file.
Line and column are left out on purpose: adding or removing text above a finding, or editing
another paragraph, must not turn every old finding into a new one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from unionlint.document import Document
from unionlint.model import Diagnostic

CONTEXT_CHARS = 5  # enough to tell two identical marks apart, little enough to survive nearby edits


class FindingKey(NamedTuple):
    path: str
    rule: str
    text: str
    before: str
    after: str


def context(doc: Document, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT_CHARS characters before `start` and after `end`, not crossing a line break."""
    line_start, line_end = doc.paragraph_at(start).start, doc.paragraph_at(end).end
    return doc.text[max(line_start, start - CONTEXT_CHARS) : start], doc.text[end : min(line_end, end + CONTEXT_CHARS)]


def keyed(files: Iterable, path_of: Callable[[str], str] = str) -> Iterator[tuple[Diagnostic, FindingKey, int]]:
    """(diagnostic, key, occurrence) for every diagnostic of every FileResult, occurrence counted from 1.

    `path_of` maps the reported path to the one recorded (a baseline stores paths relative to itself).
    """
    for report in files:
        seen: Counter = Counter()
        for diagnostic in report.diagnostics:
            before, after = report.context(diagnostic)
            key = FindingKey(path_of(diagnostic.path), diagnostic.rule, diagnostic.text, before, after)
            seen[key] += 1
            yield diagnostic, key, seen[key]


def fingerprint(key: FindingKey, occurrence: int) -> str:
    """A finding's key and occurrence as one opaque id (GitLab Code Quality `fingerprint`)."""
    return hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8")).hexdigest()
