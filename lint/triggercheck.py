"""Is a rule's `trigger` sound? Derived from its pattern's syntax tree (the `regex` parser).

A trigger promises that every match of the pattern contains one of its characters and lies on one
line; the engine then runs the pattern only on the lines where one occurs (unionlint.prefilter). A
wrong trigger would drop findings silently, so it is checked: the pattern must require one of the
trigger's characters in every alternative, and must not consume or look ahead at a line break.
Built-in packs are checked by the test suite, a user pack when it is loaded; `tools/triggers.py`
proposes the rarest sound trigger. The parser is an internal of `regex`: where it cannot tell,
the answer is "not sound", never a guess.
"""

from __future__ import annotations

import regex
from regex import _regex_core as core

MAX_SET = 512  # a larger character class (\p{Han}, [^…]) is no use as a trigger
NEWLINE = ord("\n")


def parse(source: str):
    """The syntax tree of a pack pattern, compiled as the packs compile it (MULTILINE)."""
    text = core.Source(source)
    info = core.Info(regex.MULTILINE | regex.VERSION0, text.char_type, {})
    return core._parse_pattern(text, info)


def required_sets(node, weight=len) -> list[frozenset[str]]:
    """Sets of characters of which every match of `node` contains at least one: any of them is a
    sound trigger. Lookarounds contribute nothing (they are not part of the match). Of each
    alternation, the union of each branch's lightest set by `weight` (e.g. how common the
    characters are)."""
    kind = type(node).__name__
    if kind == "Character":
        return [frozenset(chr(node.value))] if node.positive and not node.case_flags and not node.zerowidth else []
    if kind in ("String", "Literal"):
        return [frozenset(chr(c)) for c in node.characters] if not node.case_flags else []
    if kind == "SetUnion":
        members = _literal_members(node)
        return [members] if members else []
    if kind == "Sequence":
        return [found for item in node.items for found in required_sets(item, weight)]
    if kind == "Branch":
        chosen = []
        for branch in node.branches:
            options = required_sets(branch, weight)
            if not options:
                return []
            chosen.append(min(options, key=weight))
        return [frozenset().union(*chosen)]
    if kind in ("GreedyRepeat", "LazyRepeat", "PossessiveRepeat"):
        return required_sets(node.subpattern, weight) if node.min_count >= 1 else []
    if kind in ("Group", "Atomic"):
        return required_sets(node.subpattern, weight)
    return []


def covered(node, declared: set[str]) -> bool:
    """Does every match of `node` contain a character of `declared`? (the soundness of a trigger)"""
    kind = type(node).__name__
    if kind in ("Character", "String", "Literal", "SetUnion"):
        return any(option <= declared for option in required_sets(node))
    if kind == "Sequence":
        return any(covered(item, declared) for item in node.items)
    if kind == "Branch":
        return all(covered(branch, declared) for branch in node.branches)
    if kind in ("GreedyRepeat", "LazyRepeat", "PossessiveRepeat"):
        return node.min_count >= 1 and covered(node.subpattern, declared)
    if kind in ("Group", "Atomic"):
        return covered(node.subpattern, declared)
    return False


def _literal_members(node) -> frozenset[str] | None:
    if not node.positive or node.case_flags or node.zerowidth:
        return None
    members: set[str] = set()
    for item in node.items:
        name = type(item).__name__
        if name == "Character" and item.positive and not item.case_flags:
            members.add(chr(item.value))
        elif name == "Range" and item.positive and not item.case_flags and item.upper - item.lower < MAX_SET:
            members.update(chr(c) for c in range(item.lower, item.upper + 1))
        else:
            return None
    return frozenset(members) if len(members) <= MAX_SET else None


def sees_line_break(node) -> bool:
    """Can the pattern, or any of its lookaheads, match or look at a line break? Run on one line,
    it would see the end of the text where the whole text has a line break. (`^`, `$` and `\\b` are
    positions that mean the same on a line as in the whole text; `\\A`, `\\Z` and `\\G` are not.)"""
    kind = type(node).__name__
    if kind == "LookAround" and node.behind:
        return False  # a lookbehind sees the text before the line as it is, line break included
    if kind in ("Any", "AnyU"):
        return False
    if kind == "AnyAll":
        return True
    if kind in ("String", "Literal"):
        return NEWLINE in node.characters
    if hasattr(node, "matches") and kind not in ("Sequence", "Branch"):
        return bool(node.matches(NEWLINE))
    children = []
    for name in ("items", "branches"):
        children.extend(getattr(node, name, None) or ())
    for name in ("subpattern", "yes_item", "no_item"):
        child = getattr(node, name, None)
        if child is not None:
            children.append(child)
    if not children and kind not in _POSITIONS:
        return True  # a construct this check does not know: assume the worst
    return any(sees_line_break(child) for child in children)


_POSITIONS = {
    "StartOfLine",
    "StartOfLineU",
    "EndOfLine",
    "EndOfLineU",
    "Boundary",
    "DefaultBoundary",
    "StartOfWord",
    "EndOfWord",
    "DefaultStartOfWord",
    "DefaultEndOfWord",
    "Sequence",
    "RefGroup",
    "Keep",
}


def problems(pattern: str, trigger: str) -> list[str]:
    """Why `trigger` is not a sound trigger of `pattern` (empty when it is)."""
    found = []
    tree = parse(pattern)
    declared = set(trigger)
    options = required_sets(tree)
    if not covered(tree, declared):
        best = min(options, key=len) if options else None
        found.append(
            "触发字符不全：正则的每个匹配都含有的字符集合中，没有一个被 trigger 全部包含"
            + (f"（可用：{''.join(sorted(best))!r}）" if best else "（无法从正则推出触发字符，请去掉 trigger）")
        )
    if sees_line_break(tree):
        found.append("正则可能匹配或查看换行符：按行运行会漏报，请去掉 trigger")
    return found
