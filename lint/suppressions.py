"""Suppression comments: an editor silences a finding they have judged correct, in the copy itself.

    <!-- unionlint-disable [RULE…] -->            from here until an enable or the end of the file
    <!-- unionlint-enable [RULE…] -->             ends a disable (all of it, or only these rules)
    <!-- unionlint-disable-next-line [RULE…] -->  only the line after the comment

RULE is a rule id, a pack name or a glob (as --select); no RULE means every rule. Comments are HTML
comments, so Markdown and HTML renderers hide them; they are recognised in any file (in Markdown,
not inside code). Findings inside
a suppression comment itself are dropped. `apply` is pure: diagnostics in, kept diagnostics out, plus
the suppressions that suppressed nothing (reported with --report-unused-suppressions, as ruff's RUF100).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import regex

from unionlint.document import Document
from unionlint.exemptions import Exemptions
from unionlint.model import Diagnostic, Example, Rule, Severity, rule_matches, unmatched_selectors

UNUSED = "unionlint.unused-suppression"
UNKNOWN = "unionlint.unknown-suppression"
INVALID = "unionlint.invalid-suppression"
ACTIONS = ("disable-next-line", "disable", "enable")
_DIRECTIVE = regex.compile(
    r"<!--[ \t]*unionlint-(disable-next-line|disable|enable)(?![\w-])((?:(?!-->)[^\n])*?)[ \t]*-->"
)
_SEPARATOR = regex.compile(r"[\s,]+")
# Any HTML comment that starts with the tool's name, whatever follows: `unionlint:disable`,
# `unionlint-disabel-next-line`, `UnionLint-disable` are meant as directives but are none.
_LOOKALIKE = regex.compile(r"<!--[ \t]*(unionlint[^\s>]*)(?:(?!-->)[^\n])*?-->", regex.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    start: int
    end: int
    action: str  # "disable", "enable" or "disable-next-line"
    selectors: tuple[str, ...]  # empty: every rule
    line: int  # line of the comment's end


@dataclass(frozen=True)
class Unused:
    """A disable comment, or one RULE of it (`selector`), that suppressed no finding."""

    directive: Directive
    selector: str | None


def _in_code(doc: Document, offset: int) -> bool:
    """In Markdown, a comment shown inside code (documentation of these comments) is not a directive."""
    html = doc.markdown.html if doc.markdown is not None else None
    return html is not None and not any(span.start <= offset < span.end for span in html)


def parse(doc: Document) -> list[Directive]:
    if "unionlint-" not in doc.text:
        return []
    directives = []
    for match in _DIRECTIVE.finditer(doc.text):
        if _in_code(doc, match.start()):
            continue
        selectors = tuple(item for item in _SEPARATOR.split(match.group(2)) if item)
        line, _ = doc.position(match.end())
        directives.append(Directive(match.start(), match.end(), match.group(1), selectors, line))
    return directives


class _State:
    """Which rules are disabled at a point of the file, and by which comment.

    An enable cancels, for the rules it names, every disable written before it; a disable written
    after it counts again. Comments are ordered by their offset.
    """

    def __init__(self):
        self.disabled: dict[str | None, Directive] = {}  # selector (None: every rule) → its comment
        self.enabled: dict[str, int] = {}  # selector → offset of the latest enable naming it

    def update(self, directive: Directive) -> None:
        if directive.action == "disable":
            for selector in directive.selectors or (None,):
                self.disabled[selector] = directive
        elif not directive.selectors:
            self.disabled.clear()
            self.enabled.clear()
        else:
            for selector in directive.selectors:
                self.disabled.pop(selector, None)
                self.enabled[selector] = directive.start

    def owners(self, rule: Rule) -> list[tuple[Directive, str | None]]:
        return [
            (owner, selector)
            for selector, owner in self.disabled.items()
            if (selector is None or rule_matches(rule, [selector]))
            and not any(at > owner.start and rule_matches(rule, [enabled]) for enabled, at in self.enabled.items())
        ]


def apply(
    doc: Document, diagnostics: list[Diagnostic], rules: dict[str, Rule]
) -> tuple[list[Diagnostic], list[Unused]]:
    """Drop the suppressed diagnostics (sorted by position); `rules` are the enabled rules by id."""
    directives = parse(doc)
    if not directives:
        return diagnostics, []
    next_line: dict[int, list[Directive]] = {}
    for directive in directives:
        if directive.action == "disable-next-line":
            next_line.setdefault(directive.line + 1, []).append(directive)
    ranges = [directive for directive in directives if directive.action != "disable-next-line"]
    state = _State()
    used: set[tuple[Directive, str | None]] = set()
    kept = []
    upcoming = 0
    for diagnostic in sorted(diagnostics, key=lambda d: d.start):
        while upcoming < len(ranges) and ranges[upcoming].end <= diagnostic.start:
            state.update(ranges[upcoming])
            upcoming += 1
        if any(d.start < diagnostic.end and diagnostic.start < d.end for d in directives):
            continue  # the comment itself is not copy
        rule = rules.get(diagnostic.rule)
        owners = state.owners(rule) if rule is not None else []
        for directive in next_line.get(diagnostic.line, ()):
            matching = [s for s in directive.selectors if rule is not None and rule_matches(rule, [s])]
            owners += [(directive, s) for s in matching] if directive.selectors else [(directive, None)]
        if owners:
            used.update(owners)
        else:
            kept.append(diagnostic)
    kept.sort(key=Diagnostic.sort_key)
    unused = []
    for directive in directives:
        if directive.action == "enable":
            continue
        for selector in directive.selectors or (None,):
            enabled = selector is None or any(rule_matches(rule, [selector]) for rule in rules.values())
            if enabled and (directive, selector) not in used:
                unused.append(Unused(directive, selector))
    return kept, unused


def unknown_selectors(doc: Document, known: list[Rule]) -> list[tuple[Directive, str, str]]:
    """RULEs of suppression comments that name no rule at all (a typo silences nothing), each with
    the hint of its message (the closest rule id or pack name)."""
    return [
        (directive, selector, hint)
        for directive in parse(doc)
        for selector, hint in unmatched_selectors(directive.selectors, known)
    ]


def malformed(doc: Document) -> list[tuple[int, int, str, str]]:
    """Comments that look like a directive but are not one (`<!-- unionlint:disable -->`,
    `<!-- unionlint-disabel-next-line -->`): (start, end, the word written, hint). They suppress
    nothing, which the editor who wrote them does not expect."""
    text = doc.text
    if "<!--" not in text or not ("nionlint" in text or "NIONLINT" in text.upper()):
        return []
    found = []
    for match in _LOOKALIKE.finditer(text):
        if _DIRECTIVE.fullmatch(text, match.start(), match.end()) or _in_code(doc, match.start()):
            continue
        word = match.group(1)
        written = word.lower().replace(":", "-").replace("_", "-")
        close = difflib.get_close_matches(written, [f"unionlint-{action}" for action in ACTIONS], n=1)
        hint = (
            f"；是否想写 '{close[0]}'？"
            if close
            else "；可用 unionlint-disable、unionlint-enable、unionlint-disable-next-line"
        )
        found.append((match.start(), match.end(), word, hint))
    return found


def _meta_rule(rule_id: str, message: str, description: str, bad: tuple[str, ...], good: tuple[str, ...]) -> Rule:
    """A rule reported by the engine itself: listed, explained, selected and ignored like any other."""
    return Rule(
        id=rule_id,
        kind="suppression",
        severity=Severity.WARNING,
        message=message,
        options={},
        description=description,
        source="unionlint 抑制注释（同 ruff RUF100 / ESLint reportUnusedDisableDirectives）",
        bad=tuple(Example(text) for text in bad),
        good=good,
        origin="unionlint/suppressions.py",
        title="unionlint 抑制注释",
        matcher=lambda doc: (),
        exemptions=Exemptions(()),
    )


META_RULES = (
    _meta_rule(
        UNUSED,
        "抑制注释没有抑制任何问题（{selector}），可以删除",
        "<!-- unionlint-disable … --> 或 <!-- unionlint-disable-next-line … --> 所指的范围内没有被它抑制的问题："
        "问题已改正，或规则名写错了范围。留着它会在以后悄悄掩盖真正的错误。只在 --report-unused-suppressions 时报告；"
        "点名的规则没有启用（--select/--ignore）时不算未使用。",
        ("<!-- unionlint-disable-next-line -->\n本届会议共选出委员二十一名。", "<!-- unionlint-disable -->正文。"),
        ("<!-- unionlint-enable -->\n本届会议共选出委员二十一名。", "本届会议共选出委员二十一名。"),
    ),
    _meta_rule(
        UNKNOWN,
        "抑制注释中的规则“{selector}”不存在{hint}",
        "抑制注释里的 RULE 应是规则 id、规则包名或 glob（如 punctuation.*）；写错的名字什么也不抑制。",
        ("<!-- unionlint-disable punctuaton -->", "<!-- unionlint-disable-next-line unionlint.unknown -->"),
        ("<!-- unionlint-disable unionlint -->", "<!-- unionlint-disable-next-line unionlint.* -->"),
    ),
    _meta_rule(
        INVALID,
        "无法识别的抑制注释“{directive}”，它不抑制任何问题{hint}",
        "以 unionlint 开头的 HTML 注释应是 unionlint-disable、unionlint-enable 或 unionlint-disable-next-line"
        "（连字符，小写）；写错的指令（unionlint:disable、unionlint-disabel-next-line）什么也不抑制。",
        ("<!-- unionlint-disabel-next-line -->\n本届会议共选出委员二十一名。", "<!-- unionlint:disable -->正文。"),
        ("<!-- unionlint-disable-next-line -->\n本届会议共选出委员二十一名。", "<!-- 编者按：本文有删节 -->正文。"),
    ),
)
