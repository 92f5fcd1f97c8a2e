"""Rule kinds: the only Python that packs rely on, one module per kind.

A kind module declares its options in `OPTIONS` (see unionlint.options) and the message placeholders
its findings fill in `PLACEHOLDERS`, and exposes `build(rule) -> Matcher`, where a matcher is a
callable taking a Document and yielding Findings. `build` here checks the rule's options against the
declarations first (the kind reads `rule.options` already validated, defaults filled in); the kind
raises RuleError only for what compares values with each other, so a malformed pack fails at load
time, not in the middle of a run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from types import ModuleType

from unionlint import options
from unionlint.document import Document
from unionlint.errors import RuleError
from unionlint.model import Finding, Rule

Matcher = Callable[[Document], Iterable[Finding]]

KINDS = (
    "pattern",
    "terms",
    "phrases",
    "pairs",
    "quotes",
    "repetition",
    "layout",
    "consistency",
    "typos",
    "lookalike",
    "lexicon",
)


def module(kind: str) -> ModuleType:
    """The module of a kind named in KINDS."""
    if kind not in KINDS:
        raise RuleError(f"unknown kind {kind!r} (known kinds: {', '.join(KINDS)})", "kind")
    return importlib.import_module(f"unionlint.kinds.{kind}")


def placeholders(kind: str) -> tuple[str, ...] | None:
    """The names a rule of `kind` may use in its message (`{match}`, `{replacement}` and what the kind
    declares in PLACEHOLDERS); None for an unknown kind."""
    if kind not in KINDS:
        return None
    return ("match", "replacement", *module(kind).PLACEHOLDERS)


def build(rule: Rule) -> Matcher:
    kind = module(rule.kind)
    rule.options = options.validate(kind.OPTIONS, rule.options, getattr(kind, "ONE_REQUIRED", ()))
    return kind.build(rule)
