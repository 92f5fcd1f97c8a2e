"""`pattern`: a regular expression (the `regex` module: \\p{Han}, variable lookbehind), with an
optional replacement template (`\\1`, `\\g<name>`).

`parity: {mark: '"', lines: even|odd}` keeps only matches on lines where `mark` occurs an even
(odd) number of times: straight quotes can be paired in order only when none is missing, and
counting in code stays linear where a regex lookaround over the whole line would be quadratic.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.exemptions import compile_pattern, scan_timeout
from unionlint.model import Finding, Rule
from unionlint.options import Choice, Option, Record, Regex, Text

# What this kind's findings fill in a rule's message, besides {match} and {replacement}.
PLACEHOLDERS: tuple[str, ...] = ()

OPTIONS = (
    Option("pattern", Regex(), "The regular expression whose matches are reported.", required=True),
    Option("replace", Text(), "Replacement template (\\1, \\g<name>)."),
    Option(
        "parity",
        Record(
            Option("mark", Text(1, 1), required=True),
            Option("lines", Choice("even", "odd"), required=True),
        ),
        "Keep only matches on lines where `mark` occurs an even (or odd) number of times.",
    ),
)


def build(rule: Rule):
    """The matcher compiles the pattern when it first runs: a rule whose trigger never occurs
    (see unionlint.prefilter) costs nothing. `prepare()` compiles at once, for user packs."""
    source = rule.options["pattern"]
    template = rule.options["replace"]
    on_kept_line = _parity_filter(rule.options["parity"])
    compiled: list[regex.Pattern] = []

    def prepare() -> regex.Pattern:
        if not compiled:
            pattern = compile_pattern(source, "pattern")
            if template is not None:
                _check_template(template, pattern)
            compiled.append(pattern)
        return compiled[0]

    def find(doc: Document, windows: list[tuple[int, int]] | None = None) -> Iterator[Finding]:
        """Every match in the text, or in the given windows only (whole lines where the rule's
        trigger occurs: the pattern neither matches nor looks across a line break)."""
        pattern = prepare()
        text = doc.text
        kept_lines: dict[int, bool] = {}
        timeout = scan_timeout(len(text))
        for start, end in windows if windows is not None else ((0, len(text)),):
            for match in pattern.finditer(text, start, end, timeout=timeout):
                if match.end() == match.start():
                    continue
                if on_kept_line is not None and not on_kept_line(doc, match.start(), kept_lines):
                    continue
                replacement = match.expand(template) if template is not None else None
                yield Finding(match.start(), match.end(), replacement)

    find.prepare = prepare
    find.windowed = True
    return find


def _parity_filter(parity):
    """A test `(doc, offset, cache) -> bool` for the `parity` option, or None without it."""
    if parity is None:
        return None
    mark, lines = parity["mark"], parity["lines"]
    wanted = 0 if lines == "even" else 1

    def kept(doc: Document, offset: int, cache: dict[int, bool]) -> bool:
        line = doc.paragraph_at(offset)
        if line.start not in cache:
            cache[line.start] = doc.text.count(mark, line.start, line.end) % 2 == wanted
        return cache[line.start]

    return kept


_GROUP_REFERENCE = regex.compile(r"\\(?:(\d+)|g<([^>]*)>)")


def _check_template(template: str, pattern: regex.Pattern) -> None:
    """Reject a replacement naming a group the pattern does not have (found at load, not mid-run)."""
    for number, name in _GROUP_REFERENCE.findall(template):
        reference = number or name
        if reference.isdigit():
            if int(reference) > pattern.groups:
                raise RuleError(f"replacement refers to group {reference}, the pattern has {pattern.groups}", "replace")
        elif reference not in pattern.groupindex:
            raise RuleError(f"replacement refers to unknown group {reference!r}", "replace")
