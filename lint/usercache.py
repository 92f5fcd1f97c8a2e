"""Derived data kept between runs in the user's cache folder: the built-in packs, parsed.

Reading the packs' YAML is a fifth of a pre-commit run on one small file; the parsed form is stored
with `marshal` (plain values only: loading it runs no code, unlike pickle) under a name made of the
source's hash, the unionlint version and the Python version, so a changed pack, release or
interpreter never meets a stale entry. Any problem (no home folder, a read-only disk, a damaged
file) means the data is simply derived again: the cache can make a run faster, never wrong.

The folder: `UNIONLINT_CACHE_DIR`, else `%LOCALAPPDATA%\\unionlint` on Windows, else
`$XDG_CACHE_HOME/unionlint` or `~/.cache/unionlint`. `UNIONLINT_CACHE_DIR=off` disables it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from unionlint import __version__


def folder() -> Path | None:
    chosen = os.environ.get("UNIONLINT_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "unionlint"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "unionlint"


def derived(kind: str, source: str, derive: Callable[[], Any], valid: Callable[[Any], bool] = bool) -> Any:
    """`derive()`, or what it returned for the same `source` text before (if `valid` accepts it)."""
    where = folder()
    if where is None:
        return derive()
    tag = f"{__version__}:{sys.version_info[:3]}:{kind}:".encode()
    name = hashlib.sha256(tag + source.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    path = where / f"{kind}-{name}.marshal"
    try:
        with open(path, "rb") as handle:
            stored = marshal.loads(handle.read())  # marshal.load reads a file in small pieces: 20x slower
        if valid(stored):
            return stored
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = derive()
    try:
        data = marshal.dumps(value)
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{kind}-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        pass  # a value marshal cannot store, or nowhere to write: derived again next time
    return value
