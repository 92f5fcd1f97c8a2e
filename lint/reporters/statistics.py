"""`--statistics`: one line per rule instead of one per finding (as ruff --statistics), with the
time each rule took, so a slow rule in a house pack is easy to spot."""

from __future__ import annotations

from unionlint.reporters import checked


def render(run, stream) -> None:
    """Rules by number of findings (most first), then id; rules that found nothing are listed too."""
    summary = run.summary
    for _ in run.files():  # lint everything first: the counts and timings are complete after
        pass
    rows = sorted(run.rules, key=lambda rule: (-summary.by_rule[rule], rule))
    stream.write("    问题   可修复     耗时 ms  规则\n")  # padded by display cells: a Han character is two
    for rule in rows:
        seconds = run.timings[rule]
        stream.write(f"{summary.by_rule[rule]:>8}  {summary.safe_by_rule[rule]:>7}  {seconds * 1000:>10.1f}  {rule}\n")
    total = sum(run.timings.values())
    line = f"{checked(run)}，发现 {summary.total} 个问题；规则共耗时 {total * 1000:.1f} ms"
    if rows and total > 0:
        slowest = max(rows, key=lambda rule: (run.timings[rule], rule))
        share = run.timings[slowest] / total
        line += f"，最慢的规则是 {slowest}（{run.timings[slowest] * 1000:.1f} ms，占 {share:.0%}）"
    stream.write(line + "。\n")
