"""`pattern`: a regular expression (the `regex` module: \\p{Han}, variable lookbehind), with an
optional replacement template (`\\1`, `\\g<name>`)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.exemptions import MATCH_TIMEOUT, compile_pattern
from unionlint.model import Finding, Rule


def build(rule: Rule):
    pattern = compile_pattern(rule.options["pattern"], "pattern")
    template = rule.options.get("replace")
    if template is not None:
        _check_template(template, pattern)

    def find(doc: Document) -> Iterator[Finding]:
        for match in pattern.finditer(doc.text, timeout=MATCH_TIMEOUT):
            if match.end() == match.start():
                continue
            replacement = match.expand(template) if template is not None else None
            yield Finding(match.start(), match.end(), replacement)

    return find


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
