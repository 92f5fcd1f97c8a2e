"""`terms`: a wrong → right dictionary, every term found in one pass over the text.

All wrong forms go into one `regex` named list (`\\L<terms>`), which the regex module matches as a
set of strings, so the cost does not grow with one scan per term. A term may require context
(`requires`: a regex that must occur in the same line) and carry its own exception patterns.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.exemptions import Exemptions, compile_pattern, scan_timeout
from unionlint.model import Finding, Rule
from unionlint.options import ListOf, Option, Record, Regex, Text
from unionlint.prefilter import automaton_matches

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ()

OPTIONS = (
    Option(
        "terms",
        ListOf(
            Record(
                Option("wrong", Text(1), required=True),
                Option("right", Text()),
                Option("requires", Regex(), "Must occur in the same line for the term to be reported."),
                Option("exceptions", ListOf(Regex())),
                Option("note", Text()),
            ),
            min_items=1,
        ),
        "The wrong forms, each with its right form (the fix), optional context and exceptions.",
        required=True,
    ),
)


@dataclass
class _Term:
    right: str | None
    requires: str | None  # a regex, compiled when a term that needs it is first found
    exemptions: Exemptions


def build(rule: Rule):
    terms: dict[str, _Term] = {}
    for index, entry in enumerate(rule.options["terms"]):
        key = f"terms[{index}]"
        wrong = entry["wrong"]
        if wrong in terms:
            raise RuleError(f"term {wrong!r} is listed twice", key)
        if wrong == entry.get("right"):
            raise RuleError(f"term {wrong!r} has itself as the right form", key)
        requires = entry.get("requires")
        terms[wrong] = _Term(
            right=entry.get("right"),
            requires=requires or None,
            exemptions=Exemptions(entry.get("exceptions", ()), f"{key}.exceptions"),
        )
    longest_first = tuple(sorted(terms, key=len, reverse=True))  # a term containing another wins
    multiline = any("\n" in term for term in terms)

    def find(doc: Document) -> Iterator[Finding]:
        text = doc.text
        # Most copy contains none of a dictionary's wrong forms: one Aho–Corasick pass finds which
        # occur (a substring search per term cost ~300 ns per character for a large dictionary);
        # a term absent from the text cannot match, so scanning for the present ones finds the same.
        found = {number for number, _, _ in automaton_matches(_automaton(longest_first), text, multiline)}
        present = tuple(term for number, term in enumerate(longest_first) if number in found)
        if not present:
            return
        timeout = scan_timeout(len(text))
        for match in _matcher(present).finditer(text, timeout=timeout):
            term = terms[match.group()]
            start, end = match.span()
            if term.requires is not None:
                line = doc.paragraph_at(start)
                if not _required(term.requires).search(text, line.start, line.end, timeout=timeout):
                    continue
            if term.exemptions.covers(doc, start, end):
                continue
            yield Finding(start, end, term.right)

    def prepare() -> None:
        """Compile every pattern now (a user pack's mistakes are reported when it is loaded)."""
        for index, term in enumerate(terms.values()):
            if term.requires is not None:
                try:
                    _required(term.requires)
                except RuleError as error:
                    raise RuleError(str(error), f"terms[{index}].requires") from None
            term.exemptions.prepare()

    find.prepare = prepare
    return find


@functools.cache
def _required(source: str) -> regex.Pattern:
    return compile_pattern(source, "requires")


@functools.lru_cache(maxsize=64)
def _automaton(terms: tuple[str, ...]):
    """Every wrong form of a rule in one automaton, built when the rule first runs."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(list(terms))


@functools.lru_cache(maxsize=256)
def _matcher(terms: tuple[str, ...]) -> regex.Pattern:
    """The scan for these terms, in this order; documents mostly share the few subsets present."""
    return regex.compile(r"\L<terms>", terms=terms)
