"""Rule kinds: the only Python that packs rely on, one module per kind.

A kind module exposes `build(rule) -> Matcher`, where a matcher is a callable taking a Document and
yielding Findings. `build` validates the kind-specific options and raises RuleError on bad ones,
so a malformed pack fails at load time, not in the middle of a run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

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


def placeholders(kind: str) -> tuple[str, ...] | None:
    """The names a rule of `kind` may use in its message (`{match}`, `{replacement}` and what the kind
    declares in PLACEHOLDERS); None for an unknown kind or one that declares nothing."""
    if kind not in KINDS:
        return None
    declared = getattr(importlib.import_module(f"unionlint.kinds.{kind}"), "PLACEHOLDERS", None)
    return None if declared is None else ("match", "replacement", *declared)


def build(rule: Rule) -> Matcher:
    if rule.kind not in KINDS:
        raise RuleError(f"unknown kind {rule.kind!r} (known kinds: {', '.join(KINDS)})", "kind")
    module = importlib.import_module(f"unionlint.kinds.{rule.kind}")
    return module.build(rule)
