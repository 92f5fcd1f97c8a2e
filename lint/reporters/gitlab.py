"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues, shown in merge requests).

Fingerprints leave line numbers out (unionlint.fingerprints), so GitLab tells new issues from old ones
the same way `--baseline` does."""

from __future__ import annotations

from unionlint.fingerprints import fingerprint, keyed
from unionlint.model import Severity
from unionlint.reporters import JsonStrings

# GitLab's scale is info/minor/major/critical/blocker; copy errors are never "blocker"-grade outages.
SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
NEEDS = frozenset({"contexts"})  # fingerprints key on the text around each finding


def render(run, stream) -> None:
    """What `json.dump(issues, stream, ensure_ascii=False, indent=1)` writes, byte for byte, built
    as files stream past (json's indenting encoder is pure Python and needs the whole list)."""
    quote, path = JsonStrings(), None
    separator = "[\n"
    for d, key, occurrence in keyed(run.files()):
        if d.path != path:  # quoted strings are kept per file: an archive's must not pile up
            quote, path = JsonStrings(), d.path
        stream.write(
            f"{separator} {{\n"
            f'  "type": "issue",\n'
            f'  "description": {quote(d.message)},\n'
            f'  "check_name": {quote(d.rule)},\n'
            f'  "fingerprint": "{fingerprint(key, occurrence)}",\n'
            f'  "severity": "{SEVERITIES[d.severity]}",\n'
            f'  "location": {{\n'
            f'   "path": {quote(d.path)},\n'
            f'   "lines": {{\n'
            f'    "begin": {d.line},\n'
            f'    "end": {d.end_line}\n'
            f"   }}\n"
            f"  }}\n"
            f" }}"
        )
        separator = ",\n"
    stream.write("[]\n" if separator == "[\n" else "\n]\n")
