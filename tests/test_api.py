"""The library entry point (unionlint.api), as a server or editor integration would call it."""

from __future__ import annotations

import re

from conftest import ROOT, SEEDS, setup
from unionlint import api


def test_lint_text_and_fix_text():
    found = api.lint_text("职工,群众\n他说：“好", path="稿件.txt", config=setup("punctuation"))
    assert [(d.rule, d.line, d.column) for d in found.diagnostics] == [
        ("punctuation.halfwidth-comma", 1, 3),
        ("punctuation.unbalanced-pairs", 2, 4),
    ]
    fixed = api.fix_text("职工,群众,职工", path="稿件.txt", config=setup("punctuation"))
    assert fixed.text == "职工，群众，职工" and fixed.fixes == {"punctuation.halfwidth-comma": 2}
    assert fixed.diagnostics == []


def test_lint_text_treats_a_markdown_path_as_markdown():
    text = "正文。\n\n```\n职工,群众\n```\n"
    assert api.lint_text(text, path="a.md").diagnostics == []
    assert any(d.rule == "punctuation.halfwidth-comma" for d in api.lint_text(text, path="a.txt").diagnostics)


def test_lint_paths_gives_the_same_results_in_workers_and_counts_in_run(tmp_path):
    config = setup()
    one = [(r.path, [(d.rule, d.start) for d in r.diagnostics]) for r in api.lint_paths([str(SEEDS)], config)]
    run = api.Run(api.lint_paths([str(SEEDS), str(tmp_path / "missing.txt")], config, jobs=2), config.in_use)
    two = [(r.path, [(d.rule, d.start) for d in r.diagnostics]) for r in run.files()]
    assert one == two and len(one) == 5
    assert run.summary.files == 5 and run.summary.total == sum(len(found) for _, found in one)
    assert run.failed and run.unreadable == 1 and run.exit_code == 2


def test_the_readme_develop_example_runs_as_written():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(from unionlint import api\n.*?)```", readme, re.S).group(1)
    lines = block.splitlines()
    namespace: dict = {}
    for line in lines:
        code, _, expected = line.partition("  # ")
        if expected.startswith(("[", "'")):
            assert repr(eval(code, namespace)) == expected, line
        else:
            exec(code, namespace)
