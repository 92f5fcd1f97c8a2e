"""End to end: the installed `unionlint` command on the seeds and on small inputs."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS, run, run_json, seed, shell
from unionlint import cli


def at(diagnostics, path_part, line):
    return [d for d in diagnostics if path_part in d["path"] and d["line"] == line]


def test_seeds_folder_reports_and_exits_1():
    result = shell("seeds")  # the installed console script, in a process of its own
    assert result.returncode == 1
    assert "检查了 5 个文件" in result.stdout
    assert "seeds/001_fd2596ad35f85492.txt:3:24: error [punctuation.halfwidth-comma]" in result.stdout


def test_required_seed_findings():
    _, found = run_json("seeds")
    line3 = at(found, "001_", 3)
    comma = next(d for d in line3 if d["rule"] == "punctuation.halfwidth-comma")
    assert (comma["column"], comma["fix"]) == (24, "，")  # 竞赛,不断激发
    quotes = [(d["column"], d["fix"]) for d in line3 if d["rule"] == "punctuation.straight-double-quotes"]
    # 权益"保障网";从每年落实"五大行动""十件: 网"; closes, "" closes and opens, so "五大行动" is a term.
    assert quotes[:4] == [(92, "”"), (99, "“"), (104, "”"), (105, "“")]
    guesses = [(d["column"], d["fix"]) for d in line3 if d["rule"] == "punctuation.straight-quote-unpaired"]
    assert guesses[:2] == [(35, "“"), (37, "”")]  # 由 "工"到: nothing settles it, the pairing is only a guess
    assert any(d["fix"] == "（2023年12月7日）" for d in at(found, "004_", 22))
    assert any(d["rule"] == "punctuation.halfwidth-colon" and d["fix"] == "：" for d in at(found, "002_", 3))


def test_every_comma_between_chinese_text_is_reported():
    import regex

    _, found = run_json("seeds")
    reported = {(d["path"], d["line"], d["column"]) for d in found if d["rule"] == "punctuation.halfwidth-comma"}
    for number in ("001", "002", "003"):
        path = seed(number)
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in regex.finditer(r"(?<=\p{Han}) *, *(?=\p{Han})", line):
                assert (str(path.relative_to(SEEDS.parent)), line_number, match.start() + 1) in reported


@pytest.mark.parametrize(
    "text",
    [
        "废丝率不足1.5%的纪录。",
        "发布时间：2025-04-02。",
        "“7+28+N”服务模式。",
        "拨打12351热线。",
        "豫工发〔2023〕10号文件。",
        "（2023—2025年）",
        "上午8:30开会。",
        "增长1,000人。",
    ],
)
def test_legitimate_forms_stay_silent(text):
    code, found = run_json("-", input=text + "\n")
    assert found == [] and code == 0


def test_stdin_filename_names_the_input():
    code, found = run_json("-", "--stdin-filename", "稿件/今日头条.txt", input="职工,群众")
    assert code == 1 and found[0]["path"] == "稿件/今日头条.txt"


def test_fail_on_error_ignores_warnings():
    text = "交出了出彩的答卷，。"
    assert run("-", input=text).returncode == 1
    assert run("--fail-on", "error", "-", input=text).returncode == 0


def test_clean_input_exits_0_with_summary():
    result = run("-", input="职工群众由“工”到“匠”。\n")
    assert result.returncode == 0 and "未发现问题" in result.stdout


def test_select_and_ignore():
    text = "职工,群众;工会"
    _, only = run_json("--select", "punctuation.halfwidth-comma", "-", input=text)
    assert {d["rule"] for d in only} == {"punctuation.halfwidth-comma"}
    _, rest = run_json("--ignore", "punctuation.halfwidth-c*", "-", input=text)
    assert {d["rule"] for d in rest} == {"punctuation.halfwidth-semicolon"}


def test_folder_walk_skips_hidden_and_other_suffixes(tmp_path):
    (tmp_path / "a.txt").write_text("职工,群众", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("职工,群众", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("职工,群众", encoding="utf-8")
    (tmp_path / "d.docx").write_bytes(b"PK\x03\x04")
    _, found = run_json(tmp_path, cwd=tmp_path)
    assert sorted({d["path"] for d in found}) == sorted([str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")])


def test_missing_path_is_exit_2_but_others_still_linted(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("职工,群众", encoding="utf-8")
    result = run("--format", "json", tmp_path / "nope.txt", good)
    assert result.returncode == 2
    assert "nope.txt" in result.stderr and "不存在" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["diagnostics"][0]["path"] == str(good)


def test_no_paths_is_a_usage_error():
    result = run()
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_unknown_option_is_a_one_line_usage_error():
    result = run("--frobnicate", "x.txt")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--frobnicate" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "html"])
def test_every_format_on_the_seeds(fmt):
    result = run("--format", fmt, "seeds")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)
    if fmt == "github":
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in result.stdout.splitlines())
    if fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.count("<section ") == 5


def test_rules_lists_every_rule():
    result = run("rules")
    assert result.returncode == 0
    assert "punctuation.halfwidth-comma" in result.stdout and "pattern" in result.stdout


def test_explain_shows_documentation_and_examples():
    result = run("explain", "punctuation.halfwidth-comma")
    assert result.returncode == 0
    assert "GB/T 15834-2011" in result.stdout and "✗" in result.stdout and "→" in result.stdout and "✓" in result.stdout


def test_explain_unknown_rule_suggests_near_ids():
    result = run("explain", "halfwidth-comma")
    assert result.returncode == 2 and "punctuation.halfwidth-comma" in result.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--select", "punctuaton"], "--select：'punctuaton' 不匹配任何规则；是否想写 'punctuation'？"),
        (
            ["--select", "numbers", "--select", "stray.web-residu"],
            "--select：'stray.web-residu' 不匹配任何规则；是否想写 'stray.web-residue'？",
        ),
        (
            ["--ignore", "numbers.zero-padded-dat"],
            "--ignore：'numbers.zero-padded-dat' 不匹配任何规则；是否想写 'numbers.zero-padded-date'？",
        ),
        (["--ignore", "xyzzy"], "--ignore：'xyzzy' 不匹配任何规则；unionlint rules 列出全部规则"),
    ],
)
def test_a_selector_matching_no_rule_is_an_error_with_a_suggestion(tmp_path, capsys, argv, message):
    """As ruff: a typo in --select would check nothing, one in --ignore would check too much."""
    path = tmp_path / "a.txt"
    path.write_text("职工,群众\n", encoding="utf-8")
    assert cli.main([*argv, str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"unionlint: 错误：{message}\n" and captured.out == ""


def test_explain_a_misspelt_rule_suggests_the_closest(capsys):
    assert cli.main(["explain", "punctuation.halfwidth-coma"]) == 2
    assert "是否想写 'punctuation.halfwidth-comma'？" in capsys.readouterr().err


def test_check_packs_on_builtin_packs():
    result = run("check-packs")
    assert result.returncode == 0 and "示例通过" in result.stdout


def test_version():
    from unionlint import __version__

    assert run("--version").stdout.strip() == f"unionlint {__version__}"


def test_format_defaults_to_github_annotations_inside_github_actions():
    from unionlint.cli import default_format

    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({}) == "text"


def test_readme_json_example_is_what_unionlint_prints():
    """The README's JSON example is copied by integrators: its keys and the finding it shows must be real."""
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    (example,) = [block for block in readme.split("```json\n")[1:] if '"version": 1' in block.split("```")[0]]
    shown = json.loads(example.split("```")[0])
    result = run("--format", "json", seed("004"))
    printed = json.loads(result.stdout)
    assert list(shown) == list(printed)
    (finding,) = shown["diagnostics"]
    real = [d for d in printed["diagnostics"] if (d["rule"], d["line"]) == (finding["rule"], finding["line"])]
    assert real == [{**finding, "path": real[0]["path"]}]
