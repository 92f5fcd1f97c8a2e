"""Identity of a finding across runs, shared by `--baseline` and the GitLab report.

Line and column are left out on purpose: inserting a paragraph above must not make every finding
"new". The key is path + rule + matched text, and repeats of the same key in one file are told apart
by their order of occurrence (1, 2, …), so a baseline holding two of a key still reports a third.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from unionlint.model import Diagnostic

Key = tuple[str, str, str]  # (path, rule, matched text)


def occurrences(
    diagnostics: Iterable[Diagnostic], path: Callable[[str], str] = str
) -> Iterator[tuple[Diagnostic, Key, int]]:
    """(diagnostic, key, occurrence index) in report order; `path` maps the path stored in the key."""
    seen: Counter = Counter()
    for diagnostic in diagnostics:
        key = (path(diagnostic.path), diagnostic.rule, diagnostic.text)
        seen[key] += 1
        yield diagnostic, key, seen[key]


def fingerprint(key: Key, occurrence: int) -> str:
    return hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8")).hexdigest()
