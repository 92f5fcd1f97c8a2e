"""Each output format, checked on real lint results."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest

from conftest import DATA, run, run_json
from unionlint.api import FileResult, Run, default_setup
from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.reporters import github, sarif, text
from unionlint.reporters import json as json_format

RULES = default_setup().rules()


def make_run(content: str, path: str = "稿件/a.txt") -> Run:
    doc = Document.from_text(path, content)
    engine = Engine(RULES)
    return Run([FileResult(doc.path, engine.lint(doc), doc)], {rule.id: rule for rule in RULES})


def output(module, run: Run) -> str:
    stream = io.StringIO()
    module.render(run, stream)
    return stream.getvalue()


def test_json_fields_positions_and_fix():
    data = json.loads(output(json_format, make_run("标题\n河南工会:解决职工急难愁盼")))
    assert data["version"] == 1
    (d,) = data["diagnostics"]
    assert {key: d[key] for key in ("path", "line", "column", "end_line", "end_column", "rule", "severity", "fix")} == {
        "path": "稿件/a.txt",
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 6,
        "rule": "punctuation.halfwidth-colon",
        "severity": "error",
        "fix": "：",
    }
    assert d["applicability"] == "safe" and d["message"]


def test_json_lines_are_exactly_what_json_dumps_writes_even_for_awkward_text():
    """Lines are built without json.dumps for speed: quotes, backslashes, control characters,
    characters outside the BMP, null fixes and non-ASCII paths must come out the same."""
    content = '职工,"群众\\参加"活动\t,\x01 𠀀字 ,好\n他说"好的。\n'
    out = output(json_format, make_run(content, path='稿件/"引号"\\a.txt'))
    lines = out.splitlines()[1:-1]
    assert len(lines) >= 4 and any('\\"' in line for line in lines) and any('"fix": null' in line for line in lines)
    for line in lines:
        line = line.removesuffix(",")
        assert json.dumps(json.loads(line), ensure_ascii=False) == line
    assert json.loads(out)["diagnostics"][0]["path"] == '稿件/"引号"\\a.txt'


def test_json_deletion_fix_is_empty_string_not_null():
    (d,) = json.loads(output(json_format, make_run("成为技术能手。 在河南，工会组织")))["diagnostics"]
    assert d["fix"] == ""


def test_github_commands_are_escaped():
    run = make_run("职工,群众", path="a,b:c%.txt")
    line = output(github, run).strip()
    assert line.startswith(
        "::error file=a%2Cb%3Ac%25.txt,line=1,col=3,endLine=1,endColumn=4,title=punctuation.halfwidth-comma::"
    )
    assert github.escape_data("50%\r\n") == "50%25%0D%0A"


def test_github_levels():
    run = make_run("交出了出彩的答卷，。")
    assert output(github, run).startswith("::warning ")


def test_sarif_validates_against_official_schema():
    log = json.loads(output(sarif, make_run('由 "工"到"匠",职工群众。 交出了答卷')))
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {rule.id for rule in RULES}
    result = run["results"][0]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%E7%A8%BF%E4%BB%B6/a.txt"


def test_text_caret_is_aligned_by_display_width():
    out = output(text, make_run("职工群众由工到匠,不断激发活力"))
    lines = out.splitlines()
    excerpt, marker = lines[1], lines[2]
    prefix = excerpt[: excerpt.index(",")]
    width = sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in prefix)
    assert marker.index("^") == width
    assert "可自动修复" in lines[3] and ", → ，" in lines[3]


def test_text_window_of_a_long_line_is_trimmed():
    long_line = "职工" * 200 + "," + "群众" * 200
    out = output(text, make_run(long_line))
    excerpt = out.splitlines()[1]
    assert excerpt.count("…") == 2 and len(excerpt) < 100


def test_text_shows_invisible_characters():
    window, offset, width = text.excerpt("甲\u200b乙", 1, 2)
    assert window == "甲<U+200B>乙" and offset == 2 and width == len("<U+200B>")


def test_text_summary_counts_rules_and_files():
    out = output(text, make_run("职工,群众,工会"))
    assert "检查了 1 个文件，发现 2 个问题（错误 2）" in out
    assert "punctuation.halfwidth-comma" in out.splitlines()[-2]


def test_github_multiline_finding_has_no_columns():
    from unionlint.model import Diagnostic, Severity

    d = Diagnostic("a.txt", 0, 5, 1, 3, 2, 1, "stray.broken-paragraph", Severity.WARNING, "断段", "", "unsafe", "河\n")
    run = Run([FileResult("a.txt", [d], Document.from_text("a.txt", "xx河\n南"))], {})
    line = output(github, run)
    assert line.startswith("::warning file=a.txt,line=1,endLine=2,title=stray.broken-paragraph::")


def test_gitlab_report_has_the_documented_code_quality_fields():
    """GitLab's Code Quality format: description, check_name, fingerprint, severity, location.path,
    location.lines.begin — each with the documented type; severities mapped per level."""
    from unionlint.model import Severity
    from unionlint.reporters import gitlab

    run = make_run("职工,群众参加“活动。\n⋯⋯工会干部到场。\n")
    diagnostics = run.results[0].diagnostics
    issues = json.loads(output(gitlab, run))
    assert len(issues) == len(diagnostics) >= 2
    for issue, diagnostic in zip(issues, diagnostics):
        assert set(issue) == {"type", "description", "check_name", "fingerprint", "severity", "location"}
        assert issue["type"] == "issue"
        assert isinstance(issue["description"], str) and issue["description"] == diagnostic.message
        assert issue["check_name"] == diagnostic.rule
        assert len(issue["fingerprint"]) == 64 and int(issue["fingerprint"], 16) >= 0
        assert (
            issue["severity"]
            == {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}[diagnostic.severity]
        )
        assert issue["location"] == {
            "path": "稿件/a.txt",
            "lines": {"begin": diagnostic.line, "end": diagnostic.end_line},
        }
    assert {issue["severity"] for issue in issues} >= {"major", "minor"}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_an_edit_elsewhere_but_not_a_move_to_another_file():
    from unionlint.reporters import gitlab

    def fingerprints(content, path="稿件/a.txt"):
        return [issue["fingerprint"] for issue in json.loads(output(gitlab, make_run(content, path)))]

    before = fingerprints("导语。\n职工,群众参加活动。\n")
    assert fingerprints("导语改写了，更长。\n\n新增一段。\n职工,群众参加活动。\n") == before
    assert fingerprints("导语。\n职工,群众参加活动。\n", "稿件/b.txt") != before


def _order(fmt: str, out: str) -> list[tuple]:
    """(path, line, rule) of each finding, in the order the format lists them."""
    import re

    if fmt == "text":
        return [(p, int(n), r) for p, n, r in re.findall(r"^(\S+):(\d+):\d+: \w+ \[([^\]]+)\]", out, re.M)]
    if fmt == "github":
        return [(p, int(n), r) for p, n, r in re.findall(r"file=([^,]+),line=(\d+),.*title=([^:]+)::", out)]
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        places = [r["locations"][0]["physicalLocation"] for r in results]
        return [(p["artifactLocation"]["uri"], p["region"]["startLine"], r["ruleId"]) for p, r in zip(places, results)]
    if fmt == "gitlab":
        return [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in json.loads(out)]
    return [(d["path"], d["line"], d["rule"]) for d in json.loads(out)["diagnostics"]]


def test_output_order_is_path_line_column_rule_in_every_format_whatever_the_argument_order(tmp_path):
    import shutil

    from conftest import SEEDS, run

    (tmp_path / "b" / "sub").mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    targets = ["a.txt", "b/c.txt", "b/sub/d.txt", "b/sub/e.txt", "z.txt"]
    for source, target in zip(seeds, targets):
        shutil.copy(source, tmp_path / target)
    orders = [["z.txt", "b", "a.txt"], ["a.txt", "b/sub", "z.txt", "b/c.txt"], ["b/sub/e.txt", "z.txt", "b", "a.txt"]]
    code, reference = run_json(*orders[0], cwd=tmp_path)
    keys = [(d["path"], d["line"], d["column"], d["rule"]) for d in reference]
    assert code == 1 and keys == sorted(keys) and len({k[0] for k in keys}) == 5
    expected = [(d["path"], d["line"], d["rule"]) for d in reference]
    for fmt in ("text", "json", "github", "sarif", "gitlab", "html"):
        outputs = [run("--format", fmt, *paths, cwd=tmp_path) for paths in orders]
        assert {result.returncode for result in outputs} == {1}
        assert len({result.stdout for result in outputs}) == 1, fmt  # the very same bytes
        if fmt != "html":
            assert _order(fmt, outputs[0].stdout) == expected, fmt


def test_text_excerpt_window_matches_a_character_by_character_walk():
    """The excerpt is drawn with translate tables; it must equal the plain walk it replaced: add
    context one character at a time until WINDOW_CELLS cells are spent, drawing invisible ones."""
    import random

    from unionlint.reporters.text import WINDOW_CELLS, cells, excerpt, visible

    def walk(line, start, end):
        left, right, budget = start, end, WINDOW_CELLS
        while left > 0 and budget > 0:
            left -= 1
            budget -= cells(visible(line[left]))
        budget = WINDOW_CELLS
        while right < len(line) and budget > 0:
            budget -= cells(visible(line[right]))
            right += 1
        draw = lambda part: "".join(map(visible, part))  # noqa: E731
        before = ("…" if left > 0 else "") + draw(line[left:start])
        marked = draw(line[start:end]) or " "
        after = draw(line[end:right]) + ("…" if right < len(line) else "")
        return before + marked + after, cells(before), max(1, cells(marked))

    alphabet = "职工会a1 ,，。\t\u200b\u3000\ufffd\x01𠀀Ａ"
    generator = random.Random(15834)
    for _ in range(2000):
        line = "".join(generator.choice(alphabet) for _ in range(generator.randrange(0, 120)))
        start = generator.randrange(0, len(line) + 1)
        end = generator.randrange(start, len(line) + 1)
        assert excerpt(line, start, end) == walk(line, start, end), (line, start, end)


def test_streamed_gitlab_and_sarif_are_what_json_dump_writes():
    """Both formats are written piece by piece as files stream past; the bytes must be those of
    json.dump on the whole (GitLab with indent=1, SARIF on one line), awkward text included."""
    from unionlint.reporters import gitlab

    run = lambda: make_run('职工,"群众\\参加"活动\t,\x01 𠀀字 ,好\n他说"好的。\n', path='稿件/"引号"\\a.txt')  # noqa: E731
    written = output(gitlab, run())
    assert written == json.dumps(json.loads(written), ensure_ascii=False, indent=1) + "\n"
    assert len(json.loads(written)) >= 4
    empty = Run([], {})
    assert output(gitlab, empty) == "[]\n"
    written = output(sarif, run())
    assert written == json.dumps(json.loads(written), ensure_ascii=False) + "\n"
    assert len(json.loads(written)["runs"][0]["results"]) >= 4
    assert json.loads(output(sarif, Run([], {})))["runs"][0]["results"] == []


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"FORCE_COLOR": "1", "NO_COLOR": None}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # no-color.org: NO_COLOR always wins
        ({"FORCE_COLOR": None, "NO_COLOR": None, "TTY_COMPATIBLE": None}, False),  # a pipe
    ],
)
def test_text_colours_follow_force_color_and_no_color(tmp_path, env, coloured):
    article = tmp_path / "a.txt"
    article.write_text("职工生 活品质,不断提高。\n", encoding="utf-8")
    result = run(str(article), env=env)
    assert result.returncode == 1 and "[stray.space-between-han]" in result.stdout
    assert ("\x1b[" in result.stdout) is coloured
