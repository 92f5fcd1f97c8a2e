"""The detection-quality benchmark's inputs stay well-formed (bench/quality/, see its README)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("quality_bench", ROOT / "bench" / "quality.py")
quality = sys.modules["quality_bench"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quality)


def test_every_case_file_and_generator_loads():
    sets = quality.load_case_sets()
    names = [case_set.name for case_set in sets]
    assert len(names) == len(set(names)), "two case sets share a class name"


def test_a_malformed_case_file_is_one_clear_error(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "generators").mkdir()
    (tmp_path / "cases" / "bad.yaml").write_text("detect:\n  - {fix: 甲}\n", "utf-8")
    with pytest.raises(quality.CaseError, match=r"bad\.yaml: detect\[0\] needs `text`"):
        quality.load_case_sets(tmp_path)


def test_detection_needs_the_right_fix(tmp_path):
    linter = quality.Linter()
    (tmp_path / "cases").mkdir()
    (tmp_path / "generators").mkdir()
    (tmp_path / "cases" / "comma.yaml").write_text(
        "detect:\n"
        "  - {text: '职工,群众', rule: 'punctuation.*', fix: '职工，群众'}\n"
        "  - {text: '职工,群众', rule: 'punctuation.*', fix: '职工、群众'}\n"
        "silent: ['职工，群众', '职工,群众']\n",
        "utf-8",
    )
    (row,) = quality.measure(linter, quality.load_case_sets(tmp_path), [])["classes"]
    assert (row["cases"], row["detected"], row["traps"], row["trap_alarms"]) == (2, 1, 2, 1)
