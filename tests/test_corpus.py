"""A non-seed corpus, so the packs are not tuned to the five seeds.

`tests/corpus/silent/` holds newsroom copy written to the house style — bylines with spaces,
activity names with a space, 〔2023〕10号, 2023—2025年, 7+28+N, captions with arrows and credits,
legitimate reduplication, nested quotes: every built-in rule must stay silent on it.
`tests/corpus/planted/` holds articles with one planted error per class; `planted-expected.txt` lists the
findings (file:line:column rule) a proofreader expects, compared exactly — a new false alarm or a
lost find both fail.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_json

CORPUS = Path(__file__).resolve().parent / "corpus"


def test_every_rule_stays_silent_on_clean_newsroom_copy():
    code, diagnostics = run_json(CORPUS / "silent")
    found = [f"{os.path.basename(d['path'])}:{d['line']}:{d['column']} {d['rule']} {d['text']!r}" for d in diagnostics]
    assert (code, found) == (0, [])


def test_planted_errors_are_found_exactly():
    _, diagnostics = run_json(CORPUS / "planted")
    found = [f"{os.path.basename(d['path'])}:{d['line']}:{d['column']} {d['rule']}" for d in diagnostics]
    expected = (CORPUS / "planted-expected.txt").read_text(encoding="utf-8").splitlines()
    assert found == expected
