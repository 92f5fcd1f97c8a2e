"""The full findings of all built-in packs on the seeds, reviewed by hand and kept in a snapshot.

Any change in what unionlint reports on the seeds shows up here as a readable diff. After
reviewing a deliberate change, regenerate with: UNIONLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py
"""

from __future__ import annotations

import os

from conftest import ROOT, run_json

SNAPSHOT = ROOT / "tests" / "snapshots" / "seeds.txt"


def render(diagnostics: list[dict]) -> str:
    lines = []
    for d in diagnostics:
        fix = "" if d["fix"] is None else f" → {d['fix']!r} ({d['applicability']})"
        lines.append(
            f"{d['path']}:{d['line']}:{d['column']}-{d['end_line']}:{d['end_column']} "
            f"{d['severity']} {d['rule']} {d['text']!r}{fix}"
        )
    return "\n".join(lines) + "\n"


def test_seed_findings_match_the_reviewed_snapshot():
    _, diagnostics = run_json("seeds")
    actual = render(diagnostics)
    if os.environ.get("UNIONLINT_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(actual, encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert actual == expected, "findings on the seeds changed: review, then regenerate (see module docstring)"
