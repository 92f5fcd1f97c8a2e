"""Archive-scale runs: --statistics, --jobs (same bytes as one process) and streamed output."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS, run

FORMATS = ["text", "json", "github", "sarif", "gitlab", "html"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Seed copies in nested folders, plus an undecodable file and a binary one among them."""
    root = tmp_path_factory.mktemp("archive")
    for copy in range(4):
        folder = root / f"part{copy % 2}" / f"day{copy}"
        folder.mkdir(parents=True)
        for source in sorted(SEEDS.glob("*.txt")):
            shutil.copy(source, folder / f"{copy}_{source.name}")
    (root / "part0" / "broken.txt").write_bytes("职工".encode() + b"\xff\xfe\x80 bad")
    (root / "part1" / "scan.txt").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_output_is_identical_to_one_process(archive, fmt):
    one = run("--format", fmt, "--jobs", "1", str(archive))
    two = run("--format", fmt, "--jobs", "2", str(archive))
    assert one.returncode == two.returncode == 2  # the undecodable file is an error
    assert one.stdout == two.stdout and one.stdout.count("001_fd2596ad35f85492") >= 4
    assert one.stderr == two.stderr
    assert "broken.txt：无法解码" in two.stderr and "scan.txt：看起来是PDF 文件" in two.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github", "html"])
def test_workers_writing_output_match_one_process_in_colour_and_on_a_file_with_very_many_findings(
    archive, tmp_path, fmt
):
    """Workers write each file's output themselves (colours decided for the parent's stream),
    except for a file with more findings than they render, which they send as findings."""
    from unionlint.api import RENDERED_IN_WORKER

    crowded = tmp_path / "crowded"
    shutil.copytree(archive / "part1", crowded)
    (crowded / "commas.txt").write_text("职工,群众\n" * (RENDERED_IN_WORKER + 5), encoding="utf-8")
    env = {"FORCE_COLOR": "1", "NO_COLOR": None} if fmt == "text" else {}
    one = run("--format", fmt, "--jobs", "1", str(crowded), env=env)
    two = run("--format", fmt, "--jobs", "2", str(crowded), env=env)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert one.stdout.count("<mark " if fmt == "html" else "commas.txt") >= RENDERED_IN_WORKER
    if fmt == "text":
        assert "\x1b[" in two.stdout


def test_jobs_zero_means_one_worker_per_usable_cpu_and_negative_is_a_usage_error(monkeypatch):
    import argparse
    import os

    from unionlint import cli

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert cli._job_count("0") == 3 and cli._job_count("2") == 2
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 5)
    assert cli._job_count("0") == 5
    with pytest.raises(argparse.ArgumentTypeError):
        cli._job_count("-3")
    bad = run("--jobs", "-3", "seeds")
    assert bad.returncode == 2 and "--jobs" in bad.stderr and "Traceback" not in bad.stderr


def test_statistics_lists_every_rule_with_counts_and_time():
    result = run("--statistics", "seeds")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    rows = [line.split() for line in lines[1:-1]]
    rules = run("rules").stdout
    assert len(rows) == sum(1 for line in rules.splitlines() if line.split() and "." in line.split()[0])
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True) and sum(counts) > 900
    comma = next(row for row in rows if row[3] == "punctuation.halfwidth-comma")
    assert int(comma[0]) == int(comma[1]) > 0 and float(comma[2]) > 0  # all safely fixable, and timed
    assert f"发现 {sum(counts)} 个问题" in lines[-1] and "最慢的规则是" in lines[-1]


def test_statistics_order_is_stable_between_runs():
    def shape(result):
        return [line.split()[:2] + line.split()[3:] for line in result.stdout.splitlines()[1:-1]]

    assert shape(run("--statistics", "seeds")) == shape(run("--statistics", "--jobs", "2", "seeds"))


def test_fix_in_workers_writes_the_same_files_and_counts(tmp_path):
    trees = {}
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs{jobs}"
        (root / "copy").mkdir(parents=True)
        for source in sorted(SEEDS.glob("*.txt")):
            shutil.copy(source, root / "copy" / source.name)
        result = run("--fix", "--jobs", jobs, "copy", cwd=root)
        assert result.returncode == 1 and "已自动修复" in result.stdout
        texts = {path.name: path.read_bytes() for path in sorted((root / "copy").iterdir())}
        trees[jobs] = (result.stdout, texts)
    assert trees["1"] == trees["2"]
    assert trees["1"][1]["001_fd2596ad35f85492.txt"] != (SEEDS / "001_fd2596ad35f85492.txt").read_bytes()


def test_a_span_found_twice_by_one_rule_is_reported_once_and_restatements_merge():
    from unionlint.document import Document
    from unionlint.engine import Engine
    from unionlint.exemptions import Exemptions
    from unionlint.model import Finding, Rule, Severity

    def rule(rule_id, severity, findings):
        made = Rule(rule_id, "pattern", severity, "{match}", {}, exemptions=Exemptions(()))
        made.matcher = lambda doc: iter(findings)
        return made

    twice = rule("a.twice", Severity.INFO, [Finding(2, 3, "，"), Finding(0, 1), Finding(2, 3, "；")])
    stronger = rule("b.same-fix", Severity.ERROR, [Finding(2, 3, "，")])
    found = Engine([twice, stronger]).lint(Document.from_text("x.txt", "职工,群众"))
    assert [(d.rule, d.start, d.fix) for d in found] == [("a.twice", 0, None), ("b.same-fix", 2, "，")]


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """Two desks with different configurations (one ignores a pack and accepts a word, the other
    fails only on errors), so workers must use each file's own engine."""
    root = tmp_path_factory.mktemp("newsroom")
    (root / ".git").mkdir()
    desks = {
        "wire": "ignore: [slogans]\nallow: [职工书屋]\n",
        "local": "fail-on: error\nseverity:\n  'numbers.*': info\n",
    }
    for desk, config in desks.items():
        (root / desk).mkdir()
        (root / desk / "unionlint.yaml").write_text(config, encoding="utf-8")
        for source in sorted(SEEDS.glob("*.txt")):
            shutil.copy(source, root / desk / source.name)
    return root


@pytest.mark.parametrize("fmt", ["gitlab", "sarif", "json"])
def test_jobs_use_each_files_configuration(newsroom, fmt):
    one = run("--format", fmt, "--jobs", "1", ".", cwd=newsroom)
    two = run("--format", fmt, "--jobs", "2", ".", cwd=newsroom)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert one.returncode == 1
    if fmt == "json":
        import json

        rules_by_desk = {}
        for diagnostic in json.loads(one.stdout)["diagnostics"]:
            rules_by_desk.setdefault(diagnostic["path"].split("/")[0], set()).add(diagnostic["rule"])
        assert any(rule.startswith("slogans.") for rule in rules_by_desk["local"])
        assert not any(rule.startswith("slogans.") for rule in rules_by_desk["wire"])


def test_a_baseline_written_by_workers_is_the_one_process_baseline_and_hides_everything(newsroom, tmp_path):
    """Workers send reports without their document; the fingerprint context must survive."""
    import json

    by_jobs = {}
    for jobs in ("1", "2"):
        baseline = tmp_path / f"baseline{jobs}.json"
        written = run("--write-baseline", str(baseline), "--jobs", jobs, ".", cwd=newsroom)
        assert written.returncode == 0 and "个问题记入基线" in written.stderr
        by_jobs[jobs] = baseline.read_bytes()
    assert by_jobs["1"] == by_jobs["2"] and len(json.loads(by_jobs["2"])["findings"]) > 100
    again = run("--baseline", str(tmp_path / "baseline2.json"), "--format", "json", ".", cwd=newsroom)
    assert again.returncode == 0 and json.loads(again.stdout)["diagnostics"] == []
