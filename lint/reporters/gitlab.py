"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues, shown in merge requests)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from unionlint.model import Diagnostic, Severity

# GitLab's scale is info/minor/major/critical/blocker; copy errors are never "blocker"-grade outages.
SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def fingerprint(diagnostic: Diagnostic, occurrence: int) -> str:
    """Same finding → same fingerprint across runs, so GitLab can tell new issues from old ones.

    Line numbers are left out on purpose: adding a paragraph above must not make every finding "new".
    Repeats of the same text are told apart by their order of occurrence in the file."""
    key = "\0".join((diagnostic.path, diagnostic.rule, diagnostic.text, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def as_issue(diagnostic: Diagnostic, occurrence: int) -> dict:
    return {
        "type": "issue",
        "description": diagnostic.message,
        "check_name": diagnostic.rule,
        "fingerprint": fingerprint(diagnostic, occurrence),
        "severity": SEVERITIES[diagnostic.severity],
        "location": {"path": diagnostic.path, "lines": {"begin": diagnostic.line, "end": diagnostic.end_line}},
    }


def render(run, stream) -> None:
    seen: Counter = Counter()
    issues = []
    for diagnostic in run.diagnostics:
        key = (diagnostic.path, diagnostic.rule, diagnostic.text)
        seen[key] += 1
        issues.append(as_issue(diagnostic, seen[key]))
    json.dump(issues, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
