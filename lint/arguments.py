"""Argument parsing shared by the command line and `unionlint serve`: errors are one line, exit 2."""

from __future__ import annotations

import argparse

from unionlint.errors import UnionlintError


class UsageError(UnionlintError):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit 2, instead of argparse's usage dump
        raise UsageError(f"{message}（用法见 unionlint --help）")
