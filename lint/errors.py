"""Errors that stop a run with exit code 2 and a one-line message, never a traceback."""

from __future__ import annotations


class UnionlintError(Exception):
    """A usage, configuration, pack or input error; str() is the message shown to the user."""


class PackError(UnionlintError):
    """A malformed rule pack: the message starts with `file:line: rule 'id':`."""


class RuleError(Exception):
    """Raised by a kind while compiling one rule; the loader adds file, line and rule id."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key
