"""Configuration files: discovery, every key, precedence and every error, through the installed CLI."""

from __future__ import annotations

import json

import pytest

from conftest import run, run_json

# 5千 (numbers), 帐号 (confusables, error) and a halfwidth comma (punctuation) in one line.
TEXT = "公司共有5千名职工,帐号已更新。\n"


def project(tmp_path, config: str | None = None, name: str = "unionlint.yaml", text: str = TEXT):
    """A repository with one article and, optionally, a configuration file at its root."""
    (tmp_path / ".git").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs").mkdir(exist_ok=True)
    article = tmp_path / "docs" / "a.txt"
    article.write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / name).write_text(config, encoding="utf-8")
    return article


def rules_found(*args, **kwargs) -> list[str]:
    _, found = run_json(*args, **kwargs)
    return sorted(d["rule"] for d in found)


def error_of(*args, **kwargs) -> str:
    result = run(*args, **kwargs)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


BUILTIN = ["confusables.wrong-characters", "numbers.arabic-with-chinese-magnitude", "punctuation.halfwidth-comma"]


def test_without_configuration_all_built_in_rules_apply(tmp_path):
    article = project(tmp_path)
    assert rules_found(article) == BUILTIN


# ---------------------------------------------------------------------------------------------
# keys


def test_select_and_ignore_accept_packs_ids_and_globs(tmp_path):
    article = project(tmp_path, "select: [punctuation, 'numbers.*']\nignore: [numbers.arabic-with-chinese-magnitude]\n")
    assert rules_found(article) == ["punctuation.halfwidth-comma"]


def test_severity_override_shows_in_json_text_and_exit_code(tmp_path):
    article = project(tmp_path, "select: [punctuation]\nseverity:\n  punctuation.*: info\n")
    code, found = run_json(article)
    assert [(d["rule"], d["severity"]) for d in found] == [("punctuation.halfwidth-comma", "info")]
    assert code == 0  # info is below the default fail-on (warning)
    assert run("--format", "github", article).stdout.startswith("::notice ")
    assert run("--fail-on", "info", article).returncode == 1


def test_later_severity_entries_win(tmp_path):
    config = "severity:\n  numbers: info\n  numbers.arabic-with-chinese-magnitude: error\n"
    _, found = run_json(project(tmp_path, config))
    assert {d["rule"]: d["severity"] for d in found}["numbers.arabic-with-chinese-magnitude"] == "error"


def test_fail_on_key_sets_the_exit_code_and_the_flag_overrides_it(tmp_path):
    article = project(tmp_path, "select: [numbers]\nfail-on: error\n")  # numbers.* are warnings
    assert run(article).returncode == 0
    assert run("--fail-on", "warning", article).returncode == 1


def test_extend_packs_is_relative_to_the_configuration_file(tmp_path):
    article = project(tmp_path, "extend-packs: [style/house.yaml]\nselect: [mine]\n")
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.yaml").write_text(
        """pack: mine
rules:
  - id: no-kuohao
    kind: pattern
    severity: warning
    message: 本社不用“名职工”
    description: 测试用
    source: 本社
    pattern: 名职工
    examples:
      bad: [五千名职工, 一百名职工]
      good: [五千职工, 一百职工]
""",
        encoding="utf-8",
    )
    assert rules_found(article, cwd=tmp_path / "docs") == ["mine.no-kuohao"]


def test_exclude_applies_to_walked_folders_and_to_explicit_paths(tmp_path):
    article = project(tmp_path, "exclude: ['archive/*', '*.draft.txt']\n")
    (tmp_path / "archive").mkdir()
    old = tmp_path / "archive" / "old.txt"
    old.write_text(TEXT, encoding="utf-8")
    draft = tmp_path / "docs" / "b.draft.txt"
    draft.write_text(TEXT, encoding="utf-8")
    _, found = run_json(tmp_path)
    assert {d["path"] for d in found} == {str(article)}
    result = run(old, draft)  # as pre-commit calls it: every changed file by name
    assert result.returncode == 0, result.stdout
    assert "检查了 0 个文件" in result.stdout


def test_per_file_ignores(tmp_path):
    article = project(tmp_path, "per-file-ignores:\n  'docs/*.txt': [numbers, punctuation.halfwidth-comma]\n")
    other = tmp_path / "b.txt"
    other.write_text(TEXT, encoding="utf-8")
    _, found = run_json(article, other)
    assert sorted(d["rule"] for d in found if d["path"] == str(article)) == ["confusables.wrong-characters"]
    assert sorted(d["rule"] for d in found if d["path"] == str(other)) == BUILTIN


def test_per_file_ignores_also_hold_back_fixes(tmp_path):
    article = project(tmp_path, "per-file-ignores:\n  a.txt: [punctuation]\n")
    run("--fix", article)
    assert article.read_text(encoding="utf-8") == "公司共有5千名职工,账号已更新。\n"


# ---------------------------------------------------------------------------------------------
# house dictionaries


def test_house_terms_are_reported_and_fixed(tmp_path):
    article = project(tmp_path, "terms:\n  微信公号: 微信公众号\n", text="欢迎关注微信公号。\n")
    _, found = run_json(article)
    assert [(d["rule"], d["text"], d["fix"]) for d in found] == [("house.terms", "微信公号", "微信公众号")]
    assert "微信公众号" in found[0]["message"]
    run("--fix", article)
    assert article.read_text(encoding="utf-8") == "欢迎关注微信公众号。\n"
    assert rules_found("--isolated", article) == []


def test_house_slogans_catch_near_misses_of_the_house_phrases(tmp_path):
    text = "推进职工书屋示苑点建设工程。职工书屋示范点建设工程进展顺利。\n"
    article = project(tmp_path, "slogans:\n  - 职工书屋示范点建设工程\n", text=text)
    _, found = run_json(article)
    assert [(d["rule"], d["text"], d["fix"]) for d in found] == [
        ("house.slogans", "职工书屋示苑点建设工程", "职工书屋示范点建设工程")
    ]


def test_house_allow_drops_findings_inside_accepted_words_for_every_rule(tmp_path):
    text = "帐号通科技公司共有5千名职工。帐号已更新。\n"
    article = project(tmp_path, "allow: [帐号通科技, 5千名]\n", text=text)
    _, found = run_json(article)
    assert [(d["rule"], d["column"]) for d in found] == [("confusables.wrong-characters", 16)]


def test_house_rules_are_listed_and_explained_when_configured(tmp_path):
    project(
        tmp_path, "terms:\n  微信公号: 微信公众号\nslogans: [职工书屋示范点建设工程]\nseverity:\n  house.terms: error\n"
    )
    listing = run("rules", cwd=tmp_path).stdout
    assert "house.slogans" in listing
    assert [line.split()[2] for line in listing.splitlines() if line.startswith("house.terms")] == ["error"]
    explained = run("explain", "house.terms", cwd=tmp_path / "docs")
    assert explained.returncode == 0 and "微信公号" in explained.stdout
    assert "house.terms" not in run("rules", cwd=tmp_path.parent).stdout


def test_house_rules_can_be_selected_by_pack_name(tmp_path):
    article = project(tmp_path, "terms: {帐号: 账户}\nselect: [house]\n")
    assert rules_found(article) == ["house.terms"]


# ---------------------------------------------------------------------------------------------
# discovery


def test_nearest_configuration_wins(tmp_path):
    article = project(tmp_path, "select: [numbers]\n")
    (tmp_path / "docs" / ".unionlint.yaml").write_text("select: [punctuation]\n", encoding="utf-8")
    assert rules_found(article) == ["punctuation.halfwidth-comma"]
    outside = tmp_path / "b.txt"
    outside.write_text(TEXT, encoding="utf-8")
    assert rules_found(outside) == ["numbers.arabic-with-chinese-magnitude"]


def test_discovery_stops_at_the_repository_root(tmp_path):
    (tmp_path / "unionlint.yaml").write_text("select: [numbers]\n", encoding="utf-8")
    article = project(tmp_path / "repo")
    assert rules_found(article) == BUILTIN
    (tmp_path / "repo" / ".git").rmdir()
    assert rules_found(article) == ["numbers.arabic-with-chinese-magnitude"]


def test_pyproject_without_the_table_is_skipped_and_with_it_is_used(tmp_path):
    article = project(tmp_path, "select: [numbers]\n")
    pyproject = tmp_path / "docs" / "pyproject.toml"
    pyproject.write_text('[project]\nname = "unionlint-site"\n', encoding="utf-8")
    assert rules_found(article) == ["numbers.arabic-with-chinese-magnitude"]
    pyproject.write_text('[tool.unionlint]\nselect = ["punctuation"]\n', encoding="utf-8")
    assert rules_found(article) == ["punctuation.halfwidth-comma"]


def test_pyproject_table_with_every_key_kind(tmp_path):
    config = """[tool.unionlint]
select = ["numbers", "house"]
fail-on = "error"
terms = { "名职工" = "名员工" }

[tool.unionlint.severity]
"house.*" = "error"
"""
    article = project(tmp_path, config, name="pyproject.toml")
    code, found = run_json(article)
    assert {d["rule"]: d["severity"] for d in found} == {
        "numbers.arabic-with-chinese-magnitude": "warning",
        "house.terms": "error",
    }
    assert code == 1


def test_two_configurations_in_one_folder_are_an_error(tmp_path):
    article = project(tmp_path, "select: [numbers]\n")
    (tmp_path / ".unionlint.yaml").write_text("select: [numbers]\n", encoding="utf-8")
    message = error_of(article)
    assert "unionlint.yaml" in message and ".unionlint.yaml" in message and "只保留一个" in message


def test_stdin_uses_the_current_folder_or_the_stdin_filename(tmp_path):
    project(tmp_path, "select: [numbers]\n")
    (tmp_path / "docs" / "unionlint.yaml").write_text("select: [punctuation]\n", encoding="utf-8")
    assert rules_found("-", input=TEXT, cwd=tmp_path) == ["numbers.arabic-with-chinese-magnitude"]
    found = rules_found("--stdin-filename", "docs/x.txt", "-", input=TEXT, cwd=tmp_path)
    assert found == ["punctuation.halfwidth-comma"]


# ---------------------------------------------------------------------------------------------
# --config, --isolated, precedence


def test_config_flag_overrides_discovery_for_every_file(tmp_path):
    article = project(tmp_path, "select: [numbers]\n")
    chosen = tmp_path / "strict.yaml"
    chosen.write_text("select: [confusables]\n", encoding="utf-8")
    assert rules_found("--config", chosen, article) == ["confusables.wrong-characters"]


def test_isolated_ignores_configuration_files(tmp_path):
    article = project(tmp_path, "select: [numbers]\n")
    assert rules_found("--isolated", article) == BUILTIN
    assert "--isolated" in error_of("--isolated", "--config", tmp_path / "unionlint.yaml", article)


def test_command_line_select_replaces_configuration_select_and_ignore(tmp_path):
    article = project(tmp_path, "select: [numbers]\nignore: [punctuation]\n")
    assert rules_found("--select", "punctuation", article) == ["punctuation.halfwidth-comma"]


def test_command_line_ignore_adds_to_configuration_ignore(tmp_path):
    article = project(tmp_path, "ignore: [punctuation]\n")
    assert rules_found("--ignore", "numbers", article) == ["confusables.wrong-characters"]


def test_command_line_pack_adds_to_configuration(tmp_path):
    article = project(tmp_path, "select: [numbers, mine]\n")
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "pack: mine\nrules:\n  - {id: x, kind: pattern, severity: info, message: 名职工, description: d, source: s,"
        " pattern: 名职工, examples: {bad: [一名职工, 两名职工], good: [职工, 员工]}}\n",
        encoding="utf-8",
    )
    assert rules_found("--pack", pack, article) == ["mine.x", "numbers.arabic-with-chinese-magnitude"]


# ---------------------------------------------------------------------------------------------
# errors: exit 2, one line, file and line named


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("select: [numbers]\nselct: [x]\n", ["unionlint.yaml:2:", "'selct'", "select"]),
        ("select: numbers\n", ["unionlint.yaml:1:", "'select'", "列表"]),
        ("severity:\n  numbers: fatal\n", ["unionlint.yaml:2:", "'fatal'", "error、warning 或 info"]),
        ("fail-on: [error]\n", ["unionlint.yaml:1:", "fail-on"]),
        ("per-file-ignores:\n  '*.md': numbers\n", ["unionlint.yaml:2:", "per-file-ignores"]),
        ("terms:\n  帐号: [账号]\n", ["unionlint.yaml:2:", "terms"]),
        ("ignore:\n  - numbers\n  - numbres.*\n", ["unionlint.yaml:3:", "'numbres.*'", "不匹配任何规则"]),
        ("select: [punctuaton]\n", ["unionlint.yaml:1:", "'punctuaton'", "是否想写 'punctuation'"]),
        ("severity:\n  confusables.wrong-charaters: info\n", ["unionlint.yaml:2:", "confusables.wrong-characters"]),
        ("per-file-ignores:\n  '*.txt': [stray.nothing]\n", ["unionlint.yaml:2:", "'stray.nothing'"]),
        ("select: [house]\n", ["'house'", "不匹配任何规则"]),
        ("slogans: [太短]\n", ["unionlint.yaml:1:", "slogans"]),
        ("select: [numbers\n", ["unionlint.yaml:", "YAML 语法错误"]),
        ("- numbers\n", ["unionlint.yaml:1:", "映射"]),
        ("extend-packs: [missing.yaml]\n", ["missing.yaml", "找不到规则包"]),
    ],
)
def test_configuration_errors_name_file_line_and_key(tmp_path, config, expected):
    article = project(tmp_path, config)
    message = error_of(article)
    for part in expected:
        assert part in message, message


def test_pyproject_errors_name_file_and_key(tmp_path):
    article = project(tmp_path, '[tool.unionlint]\nselect = ["numbers"]\nseverty = {}\n', name="pyproject.toml")
    message = error_of(article)
    assert "pyproject.toml:3:" in message and "'severty'" in message and "severity" in message
    (tmp_path / "pyproject.toml").write_text('[tool.unionlint]\nselect = ["numbers"\n', encoding="utf-8")
    assert "TOML 语法错误" in error_of(article)


def test_empty_configuration_means_defaults(tmp_path):
    article = project(tmp_path, "# 暂无本社设置\n")
    assert rules_found(article) == BUILTIN


def test_missing_config_flag_file(tmp_path):
    article = project(tmp_path)
    assert "找不到配置文件" in error_of("--config", tmp_path / "nope.yaml", article)


def test_repository_root_has_no_configuration_changing_findings():
    # The seeds snapshot is taken from the repository root: a configuration there must not exist.
    result = run("--format", "json", "seeds")
    assert json.loads(result.stdout)["files_checked"] == 5
    assert run("rules").stdout == run("rules", cwd="/").stdout


def readme_examples() -> tuple[str, str]:
    """The `unionlint.yaml` and `[tool.unionlint]` examples of the README's Configuration section."""
    from conftest import ROOT

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    yaml_text = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    toml_text = section.split("```toml\n", 1)[1].split("```", 1)[0]
    return yaml_text, toml_text


OUR_PACK = """pack: our
rules:
  - id: no-mingzhigong
    kind: pattern
    severity: warning
    message: 本社写“名员工”
    description: 测试用
    source: 本社
    pattern: 名职工
    examples:
      bad: [五千名职工, 一百名职工]
      good: [五千名员工, 一百名员工]
"""


@pytest.mark.parametrize("name", ["unionlint.yaml", "pyproject.toml"])
def test_readme_examples_load_and_agree(tmp_path, name):
    yaml_text, toml_text = readme_examples()
    text = "关注微信公号，推进职工书屋示苑点建设工程。帐号通科技有５千名职工,帐号已更新。\n"
    article = project(tmp_path, yaml_text if name == "unionlint.yaml" else toml_text, name=name, text=text)
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "our-pack.yaml").write_text(OUR_PACK, encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(text, encoding="utf-8")
    code, found = run_json(tmp_path)
    assert code == 1  # fail-on: error, and there are errors
    assert {d["path"] for d in found} == {str(article)}
    assert {(d["rule"], d["text"], d["severity"]) for d in found} >= {
        ("house.terms", "微信公号", "error"),
        ("house.slogans", "职工书屋示苑点建设工程", "warning"),
        ("our.no-mingzhigong", "名职工", "warning"),
        ("numbers.fullwidth-digits", "５", "error"),
        ("confusables.wrong-characters", "帐号", "error"),
    }
    assert [d["column"] for d in found if d["text"] == "帐号"] == [34]  # not the one inside 帐号通科技


def test_rules_and_engines_are_built_once_per_configuration(tmp_path, monkeypatch):
    from unionlint import config as config_module
    from unionlint.config import Setup

    article = project(tmp_path, "select: [numbers, punctuation]\nper-file-ignores:\n  'c.txt': [numbers]\n")
    loads = []
    original = config_module.merge_rules
    monkeypatch.setattr(config_module, "merge_rules", lambda packs: loads.append(1) or original(packs))
    setup = Setup(None, None, None)
    folder = str(article.parent)
    config = setup.config_for(folder)
    assert setup.config_for(folder) is config
    first = setup.engine_for(config, str(article))
    assert setup.engine_for(config, str(article.with_name("b.txt"))) is first
    other = setup.engine_for(config, str(article.with_name("c.txt")))
    assert other is not first and not any(rule.pack == "numbers" for rule in other.rules)
    assert len(loads) == 1
