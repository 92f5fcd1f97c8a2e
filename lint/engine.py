"""The engine: runs compiled rules over a document and returns located, sorted diagnostics."""

from __future__ import annotations

import fnmatch
import os
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import groupby
from operator import attrgetter

from unionlint import kinds, suppressions
from unionlint.document import Document
from unionlint.errors import UnionlintError
from unionlint.exemptions import release as release_exception_matches
from unionlint.model import Diagnostic, Finding, Rule
from unionlint.prefilter import SKIP, WHOLE, Prefilter


class Engine:
    def __init__(self, rules: list[Rule], known: list[Rule] | None = None, report_unused: bool = False, allowed=None):
        """`known`: every loaded rule, selected or not (a suppression naming one is not a typo).
        `allowed`: Exemptions for every rule (a house's accepted words, from the configuration).

        The rules of one kind run one after another (in pack order otherwise), whatever the order of
        the packs: the facts the kind's rules share (unionlint.document.fact) are computed once per
        document and released after its last rule. The order of the findings does not depend on it."""
        order: dict[str, int] = {}
        for rule in rules:
            order.setdefault(rule.kind, len(order))
        self.rules = sorted(rules, key=lambda rule: order[rule.kind])
        self.by_id = {rule.id: rule for rule in rules}
        self.known = rules if known is None else known
        self.report_unused = report_unused
        self.allowed = allowed
        self.timings: Counter = Counter()  # seconds per rule id, summed over every lint() call
        self.prefilter = Prefilter(rules)

    def lint(self, doc: Document) -> list[Diagnostic]:
        diagnostics = []
        name = os.path.basename(doc.path)
        clock = time.perf_counter
        locate = _Locator(doc)
        masked = doc.is_masked if doc.masks else None  # most copy has nothing masked
        allowed = self.allowed
        kind = None
        prefilter = self.prefilter
        lines = prefilter.lines(doc) if prefilter.scanned else {}
        for rule in self.rules:
            if rule.kind != kind:  # the previous kind's rules have all run: a large file must not keep its facts
                if kind is not None:
                    doc.release(f"{kinds.__name__}.{kind}")
                kind = rule.kind
            if rule.skip_files and any(fnmatch.fnmatch(name, glob) for glob in rule.skip_files):
                continue
            started = clock()
            matcher = rule.matcher
            plan = prefilter.plan(rule, doc, lines, getattr(matcher, "windowed", False))
            if plan is SKIP:
                continue
            exemptions = rule.exemptions if rule.exemptions else None
            locate.start_rule(rule)
            try:  # findings are consumed as they come: a large file never holds them all
                for finding in matcher(doc) if plan is WHOLE else matcher(doc, plan):
                    start, end = finding.start, finding.end
                    if masked is not None and masked(start, end):
                        continue
                    if exemptions is not None and exemptions.covers(doc, start, end):
                        continue
                    if allowed and allowed.covers(doc, start, end):
                        continue
                    diagnostics.append(locate(finding))
            except TimeoutError:
                raise UnionlintError(
                    f"{doc.path}：规则 '{rule.id}'（{rule.origin}）运行超时：其正则发生灾难性回溯，"
                    "请简化该规则的 pattern"
                ) from None
            self.timings[rule.id] += clock() - started
            release_exception_matches(doc)  # they serve one rule only
        if kind is not None:
            doc.release(f"{kinds.__name__}.{kind}")
        # The order of Diagnostic.sort_key (one path; line and column follow start), as stable
        # sorts on single fields: a large file would otherwise hold a key tuple per finding.
        for field_name in ("end", "rule", "start"):
            diagnostics.sort(key=attrgetter(field_name))
        return self._suppress(doc, _drop_wider_restatements(_drop_restatements(diagnostics)))

    def warm_up(self) -> None:
        """Build now what rules build on first use (compiled patterns, word tables, indexes), by
        linting one example of each rule: `--jobs` workers fork after this and share it, instead
        of each building its own."""
        text = "\n".join(example.text for rule in self.rules for example in rule.bad[:1])
        self.lint(Document.from_text("<warm-up>", text))
        self.timings.clear()

    def _suppress(self, doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Apply suppression comments; report unknown RULEs, and unused comments when asked to."""
        kept, unused = suppressions.apply(doc, diagnostics, self.by_id)
        known, by_id = self.known, self.by_id
        found = []  # (rule id, start, end, message values)
        if suppressions.UNKNOWN in by_id:
            for directive, selector, hint in suppressions.unknown_selectors(doc, known):
                found.append(
                    (suppressions.UNKNOWN, directive.start, directive.end, (("selector", selector), ("hint", hint)))
                )
        if suppressions.INVALID in by_id:
            for start, end, word, hint in suppressions.malformed(doc):
                found.append((suppressions.INVALID, start, end, (("directive", word), ("hint", hint))))
        if self.report_unused and suppressions.UNUSED in by_id:
            for item in unused:
                values = (("selector", item.selector or "全部规则"),)
                found.append((suppressions.UNUSED, item.directive.start, item.directive.end, values))
        for rule_id, start, end, values in found:
            locate = _Locator(doc)
            locate.start_rule(by_id[rule_id])
            kept.append(locate(Finding(start, end, None, values)))
        if found:
            kept.sort(key=Diagnostic.sort_key)
        return kept


class _Locator:
    """Turns a rule's findings into located Diagnostics, the per-finding hot path of a run.

    Findings mostly come in text order, so the line of the previous one is tried before a binary
    search. Equal strings and line numbers are shared between Diagnostics (a large file has
    hundreds of thousands of findings, mostly the same few errors), and a rule's message is
    formatted once per distinct (text, fix, values)."""

    def __init__(self, doc: Document):
        self.doc, self.path, self.text, self.starts = doc, doc.path, doc.text, doc.line_starts
        self.shared: dict = {}
        self.line_start, self.next_start, self.line = 0, -1, 0  # the current line: [start, next)

    def start_rule(self, rule: Rule) -> None:
        self.rule, self.messages = rule, {}

    def _position(self, offset: int) -> tuple[int, int]:
        if not self.line_start <= offset < self.next_start:
            starts = self.starts
            index = bisect_right(starts, offset) - 1
            self.line_start = starts[index]
            self.next_start = starts[index + 1] if index + 1 < len(starts) else len(self.text) + 1
            self.line = index + 1  # one int object per line per rule: findings come in text order
        column = offset - self.line_start + 1
        return self.line, column if column < 257 else self.shared.setdefault(column, column)

    def __call__(self, finding: Finding) -> Diagnostic:
        line, column = self._position(finding.start)
        end_line, end_column = self._position(finding.end)
        shared, rule, fix = self.shared, self.rule, finding.replacement
        matched = self.text[finding.start : finding.end]
        matched = shared.setdefault(matched, matched)
        key = (matched, fix, finding.values)
        message = self.messages.get(key)
        if message is None:
            message = rule.message.replace("{match}", matched).replace("{replacement}", fix or "")
            for name, value in finding.values:
                message = message.replace("{" + name + "}", value)
            message = self.messages[key] = shared.setdefault(message, message)
        if fix is not None:
            fix = shared.setdefault(fix, fix)
        return Diagnostic(
            self.path,
            finding.start,
            finding.end,
            line,
            column,
            end_line,
            end_column,
            rule.id,
            rule.severity,
            message,
            fix,
            rule.applicability if fix is not None else None,
            matched,
        )


def _drop_restatements(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Two rules proposing the same fix for the same span report one problem: keep the more severe.
    A rule finding the same span twice reports it once (the first, as the sorts are stable).

    Diagnostics come sorted by start, so only the few sharing a start need comparing."""
    kept = []
    for _, group in groupby(diagnostics, key=attrgetter("start")):
        group = list(group)
        if len(group) > 1:
            first: dict[tuple, Diagnostic] = {}
            for d in group:
                first.setdefault((d.rule, d.end), d)
            group = list(first.values())
            best: dict[tuple, Diagnostic] = {}
            for d in group:
                if d.fix is not None and ((d.end, d.fix) not in best or d.severity > best[(d.end, d.fix)].severity):
                    best[(d.end, d.fix)] = d
            group = [d for d in group if d.fix is None or best[(d.end, d.fix)] is d]
        kept.extend(group)
    return kept


def _drop_wider_restatements(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A fix that does exactly what a narrower fix inside its span does restates that finding:
    `中国梦•劳动美` is one wrong middle dot, not also a misspelt slogan. Keep the narrower one,
    whose fix touches only what is wrong — unless it is less trustworthy (an unsafe fix, or a lower
    severity): then the wider one is kept and the narrower dropped.

    Diagnostics come sorted by start; a wider one is compared only with those starting inside it."""
    starts = [d.start for d in diagnostics]
    wider = set()
    for index, outer in enumerate(diagnostics):
        if outer.fix is None or outer.end - outer.start < 2:
            continue
        inside = bisect_left(starts, outer.start)
        while inside < len(diagnostics) and diagnostics[inside].start < outer.end:
            inner = diagnostics[inside]
            inside += 1
            if inner is outer or inner.fix is None or inner.end > outer.end:
                continue
            if len(outer.fix) != len(outer.text) - (inner.end - inner.start) + len(inner.fix):
                continue  # cheap test first: the lengths of the two results must agree
            before, after = inner.start - outer.start, inner.end - outer.start
            if outer.text[:before] + inner.fix + outer.text[after:] == outer.fix:
                # The more trustworthy finding is kept: a safe error of a dictionary (踔励奋发 → 踔厉奋发)
                # is not given up for an unsafe guess that happens to propose the same change.
                if _trust(inner) >= _trust(outer):
                    wider.add(index)
                    break
                wider.add(inside - 1)
    return [d for index, d in enumerate(diagnostics) if index not in wider] if wider else diagnostics


def _trust(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.applicability == "safe", diagnostic.severity)
