"""A malformed pack is rejected with `file:line: rule 'id': what is wrong` and exit code 2."""

from __future__ import annotations

import pytest

from conftest import run, seed

GOOD_RULE = """\
pack: house
rules:
  - id: comma
    kind: pattern
    severity: error
    message: 用全角逗号
    pattern: '(?<=\\p{Han}),(?=\\p{Han})'
    replace: '，'
    examples: {bad: [{text: '甲,乙', fixed: '甲，乙'}], good: ['1,000']}
"""

# Patterns are compiled when first needed; a user pack's are compiled at load, so that a mistake in
# a term's context or exceptions is reported then, with its line, not in the middle of a run.
TERMS_RULE = """\
pack: house
rules:
  - id: words
    kind: terms
    severity: error
    message: 用词
    terms:
      - {wrong: 甲乙, right: 乙甲, requires: REQUIRES}
      - {wrong: 丙丁, right: 丁丙, exceptions: ['丙']}
    examples: {bad: [{text: 甲乙, fixed: 乙甲}], good: ['乙甲']}
"""

CASES = {
    "yaml syntax": (GOOD_RULE.replace("severity: error", "severity: [error"), r"house.yaml:\d+: YAML 语法错误"),
    "unknown key": (
        GOOD_RULE.replace("severity: error", "severity: error\n    colour: red"),
        r"house.yaml:6: rule 'house.comma':.*'colour' is not an allowed key",
    ),
    "missing field": (
        GOOD_RULE.replace("    message: 用全角逗号\n", ""),
        r"house.yaml:3: rule 'house.comma':.*'message' is a required property",
    ),
    "bad severity": (
        GOOD_RULE.replace("severity: error", "severity: fatal"),
        r"house.yaml:5: rule 'house.comma': severity: 'fatal' is not one of",
    ),
    "unknown message placeholder": (
        GOOD_RULE.replace("message: 用全角逗号", "message: “{match}”应改为“{replacment}”"),
        r"house.yaml:6: rule 'house.comma': 提示信息中的占位符 \{replacment\} 未知；pattern 类规则可用：\{match\}、\{replacement\}",
    ),
    "invalid regex": (
        GOOD_RULE.replace("(?=\\p{Han})'", "(?=\\p{Han}'"),
        r"house.yaml:7: rule 'house.comma': invalid regex",
    ),
    "duplicate id": (
        GOOD_RULE + GOOD_RULE.split("rules:\n", 1)[1],
        r"house.yaml:10: rule 'house.comma': id 重复（第 3 行已定义）",
    ),
    "python tag": ("pack: !!python/object/apply:os.system ['echo pwned']\nrules: []\n", r"house.yaml:1: YAML 语法错误"),
    "unknown kind": (GOOD_RULE.replace("kind: pattern", "kind: magic"), r"house.yaml:\d+: rule 'house.comma': kind"),
    "undefined class": (
        GOOD_RULE.replace("(?=\\p{Han})'", "(?={zh})'"),
        r"house.yaml:7: rule 'house.comma': 未定义的字符类 \{zh\}",
    ),
    "invalid class": (
        GOOD_RULE.replace("rules:", "classes:\n  zh: '[\\p{Han}'\nrules:"),
        r"house.yaml:3: 字符类 'zh':.*invalid regex",
    ),
    "bad parity": (
        GOOD_RULE.replace("replace: '，'", "replace: '，'\n    parity: {mark: '\"', lines: some}"),
        r"house.yaml:\d+: rule 'house.comma': parity.lines: 'some' is not one of",
    ),
    "invalid exception regex": (
        GOOD_RULE.replace("replace: '，'", "replace: '，'\n    exceptions: ['甲,[乙']"),
        r"house.yaml:\d+: rule 'house.comma': invalid regex '甲,\[乙'",
    ),
    "invalid term regexes": (
        TERMS_RULE.replace("REQUIRES", "'(?<=甲'"),
        r"house.yaml:8: rule 'house.words': invalid regex '\(\?<=甲'",
    ),
    "invalid term exception": (
        TERMS_RULE.replace("REQUIRES", "'甲'").replace("['丙']", "['[丙']"),
        r"house.yaml:9: rule 'house.words': invalid regex '\[丙'",
    ),
    "duplicate key": (
        GOOD_RULE.replace("severity: error", "severity: error\n    severity: info"),
        r"house.yaml:6: 键 'severity' 重复",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_malformed_pack_is_rejected_with_location(tmp_path, name):
    text, expected = CASES[name]
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (["check-packs", path], ["--pack", path, seed("000")]):
        result = run(*args)
        assert result.returncode == 2, result.stdout
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        import re

        assert re.search(expected, result.stderr), result.stderr


def test_python_tag_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"pack: !!python/object/apply:os.system ['touch {marker}']\nrules: []\n")
    run("check-packs", path)
    assert not marker.exists()


def test_good_user_pack_is_used_and_its_examples_pass(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text(GOOD_RULE, encoding="utf-8")
    assert run("check-packs", path).returncode == 0
    result = run("--pack", path, "--select", "house", "--format", "json", "-", input="职工,群众")
    assert '"rule": "house.comma"' in result.stdout


def test_failing_example_is_reported(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text(GOOD_RULE.replace("good: ['1,000']", "good: ['甲,乙']"), encoding="utf-8")
    result = run("check-packs", path)
    assert result.returncode == 2
    assert "rule 'house.comma': examples.good[0] '甲,乙' 被报告：','" in result.stderr


def test_pack_classes_are_defined_once_and_expanded_in_patterns_and_exceptions(tmp_path):
    """`{zh}` stands for the pack's class; `\\p{Han}` and counted repeats like `{2}` stay regex syntax."""
    pack = GOOD_RULE.replace("rules:", "classes:\n  zh: '[\\p{Han}“]'\nrules:").replace(
        "'(?<=\\p{Han}),(?=\\p{Han})'", "'(?<={zh}),(?={zh})'\n    exceptions: ['\\p{Han}{2},{zh}']"
    )
    path = tmp_path / "house.yaml"
    path.write_text(pack, encoding="utf-8")
    assert run("check-packs", path).returncode == 0
    result = run("--pack", path, "--select", "house", "--format", "json", "-", input="甲,“乙”\n甲乙,丙\n")
    assert result.stdout.count('"rule": "house.comma"') == 1 and '"line": 1' in result.stdout
