"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues, shown in merge requests).

Fingerprints leave line numbers out (unionlint.fingerprints), so GitLab tells new issues from old ones
the same way `--baseline` does."""

from __future__ import annotations

import json

from unionlint.fingerprints import FindingKey, fingerprint, keyed
from unionlint.model import Diagnostic, Severity

# GitLab's scale is info/minor/major/critical/blocker; copy errors are never "blocker"-grade outages.
SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def as_issue(diagnostic: Diagnostic, key: FindingKey, occurrence: int) -> dict:
    return {
        "type": "issue",
        "description": diagnostic.message,
        "check_name": diagnostic.rule,
        "fingerprint": fingerprint(key, occurrence),
        "severity": SEVERITIES[diagnostic.severity],
        "location": {"path": diagnostic.path, "lines": {"begin": diagnostic.line, "end": diagnostic.end_line}},
    }


def render(run, stream) -> None:
    issues = [as_issue(diagnostic, key, occurrence) for diagnostic, key, occurrence in keyed(run.files())]
    json.dump(issues, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
