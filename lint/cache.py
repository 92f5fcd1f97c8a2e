"""The result cache: an unchanged file is reported from `.unionlint_cache/` instead of being linted.

As ruff and eslint do, findings are stored per file, keyed by everything that decides them:

- the file's content: the text as decoded (what the rules saw), its path (the suffix decides
  Markdown, the name a rule's `skip-files`), and for a Word document its bytes as well;
- the unionlint that produced them: its version, every file of the installed package (code,
  built-in packs, word lists: their sizes and modification times, so an edited checkout misses)
  and the modules it depends on (the same for theirs);
- the effective rule set: the configuration file's settings as read (selection, severities,
  per-file ignores, house terms and slogans, allowed words …), the content of every added pack,
  the command line's selectors and the per-file ignores that apply to the file.

The findings stored are the raw ones, before a baseline hides any: the baseline is applied after
the cache, so a changed baseline needs no new entry.  A run that fixes files does not read the
cache (a fix must never start from a stale view); it writes the findings left after fixing.
Standard input is not cached, nor are `--statistics` runs (they report time per rule).

Entries live under the project root (the folder of the configuration file in use, the current
folder when there is none) as `.unionlint_cache/<rule set>/<file>.json`, one entry per file, which
a newer result replaces.  The folder gets a `.gitignore` of `*` when it is created.  Writes are
atomic (a temporary file, then a rename); an unreadable or corrupt entry is ignored and
recomputed; a folder that cannot be written means no cache, never an error.  The folders of rule
sets not used for 30 days are removed when a new one starts.  Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib.util import find_spec

from unionlint import __version__
from unionlint.document import Document
from unionlint.model import Diagnostic, Severity

CACHE_DIR = ".unionlint_cache"
FORMAT = 1  # the layout of an entry: bump when it changes
# Installed modules whose code or data can change what the rules find.
DEPENDENCIES = ("regex", "jieba", "pypinyin", "ahocorasick_rs", "markdown_it", "docx", "yaml")
STALE_DAYS = 30
GITIGNORE = "# Created by unionlint: the result cache, safe to delete.\n*\n"
SEVERITIES = {severity.value: severity for severity in Severity}
STORED = Diagnostic.FIELDS[1:]  # a finding's fields after its path, in the constructor's order
SEVERITY = STORED.index("severity")


class ResultCache:
    """Looks up and stores one run's findings per file; built once per `lint_paths` call, shared by
    its worker processes (forked: they inherit the fingerprints already computed)."""

    def __init__(self, setup):
        self.setup = setup
        self._rule_sets: dict[tuple, tuple[str, str]] = {}  # (config, ignored) -> (cache folder, key)
        self._installed: str | None = None

    # -- lookups ---------------------------------------------------------------------------------

    def load(self, doc: Document) -> list[Diagnostic] | None:
        """The findings stored for `doc` (a file read from disk), or None when there are none that
        are certainly current."""
        place = self._place(doc)
        if place is None:
            return None
        entry, content = place
        try:
            with open(entry, encoding="utf-8") as handle:
                stored = json.load(handle)
            if stored["content"] != content:
                return None
            path = doc.path
            found = []
            for row in stored["diagnostics"]:
                row[SEVERITY] = SEVERITIES[row[SEVERITY]]
                found.append(Diagnostic(path, *row))
            return found
        except (OSError, ValueError, KeyError, TypeError):  # absent, unreadable or corrupt: lint again
            return None

    def store(self, doc: Document, diagnostics: list[Diagnostic]) -> None:
        """Keep `diagnostics` as the findings of `doc`; any failure leaves the cache as it was."""
        place = self._place(doc)
        if place is None:
            return
        entry, content = place
        rows = []
        for d in diagnostics:
            row = [getattr(d, name) for name in STORED]
            row[SEVERITY] = int(row[SEVERITY])
            rows.append(row)
        try:
            folder = os.path.dirname(entry)
            _make_folder(folder)
            # Not tempfile.mkstemp: its 0600 would ignore the umask a shared project folder relies on.
            temporary = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}.json")
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"content": content, "diagnostics": rows}, out)
                os.replace(temporary, entry)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError):  # a read-only project, a full disk: no cache this time
            pass

    # -- keys ------------------------------------------------------------------------------------

    def _place(self, doc: Document) -> tuple[str, str] | None:
        """(entry file, content key) for a document read from a file; None when it cannot be cached."""
        if doc.path.startswith("<"):
            return None
        path = os.path.abspath(doc.path)
        root, rule_set = self._rule_set(path)
        digest = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass"))
        facts = (path, doc.encoding, doc.newline, doc.extra_masks, doc.locations)
        digest.update(repr(facts).encode("utf-8", "surrogatepass"))
        if doc.word is not None:  # a Word document: its bytes too, whatever unionlint.word reads of them
            try:
                with open(doc.path, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
            except OSError:
                return None
        name = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return os.path.join(root, CACHE_DIR, rule_set, name + ".json"), digest.hexdigest()

    def _rule_set(self, path: str) -> tuple[str, str]:
        """(project root, key of everything but the file that decides its findings)."""
        setup = self.setup
        config = setup.config_for(os.path.dirname(path))
        ignored = config.ignored_for(path)
        known = self._rule_sets.get((config.path, ignored))
        if known is not None:
            return known
        digest = hashlib.sha256(self._unionlint().encode())
        settings = (
            config,  # every setting as read, with the file's path (its repr leaves out line numbers)
            ignored,
            setup.cli_select,
            setup.cli_ignore,
            setup.isolated,
            setup.report_unused,
            getattr(setup.forced, "path", None),
        )
        digest.update(repr(settings).encode("utf-8", "surrogatepass"))
        for pack in [*setup.cli_packs, *config.extend_packs]:  # added packs: their content
            digest.update(str(pack).encode("utf-8", "surrogatepass") + b"\0")
            try:
                with open(pack, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
            except OSError:
                digest.update(b"unreadable")
        root = config.folder if config.path else os.getcwd()
        known = self._rule_sets[config.path, ignored] = (root, digest.hexdigest()[:32])
        return known

    def _unionlint(self) -> str:
        """What identifies the installed unionlint and the modules it depends on."""
        if self._installed is None:
            parts = [f"unionlint {__version__} cache {FORMAT} {STORED} python {sys.version}"]
            package = os.path.dirname(os.path.abspath(__file__))
            from unionlint.packs import builtin_folder

            for folder in sorted({package, os.path.abspath(str(builtin_folder()))}):
                parts += _stats(folder)
            for name in DEPENDENCIES:
                try:
                    spec = find_spec(name)
                except (ImportError, ValueError):
                    spec = None
                origin = getattr(spec, "origin", None)
                if not origin or not os.path.exists(origin):
                    parts.append(f"{name} absent")
                elif spec.submodule_search_locations:  # a package: the files at its top
                    parts += [name, *_stats(os.path.dirname(origin), recursive=False)]
                else:
                    parts += [name, *_stats(origin)]
            self._installed = "\n".join(parts)
        return self._installed


def _stats(folder: str, recursive: bool = True) -> list[str]:
    """Path, size and modification time of every file under `folder` (compiled bytecode left out),
    or of the file `folder` itself."""
    found = []
    walked = os.walk(folder) if os.path.isdir(folder) else [(os.path.dirname(folder), [], [os.path.basename(folder)])]
    for current, folders, files in walked:
        folders[:] = sorted(name for name in folders if name != "__pycache__" and recursive)
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            try:
                info = os.stat(os.path.join(current, name))
            except OSError:
                continue
            found.append(f"{os.path.join(current, name)} {info.st_size} {info.st_mtime_ns}")
    return found


def _make_folder(folder: str) -> None:
    """The entry's folder; the cache folder gets its .gitignore (and a CACHEDIR.TAG) when it is created."""
    if os.path.isdir(folder):
        return
    top = os.path.dirname(folder)
    if not os.path.isdir(top):
        os.makedirs(top, exist_ok=True)
        for name, text in (
            (".gitignore", GITIGNORE),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# unionlint's result cache\n"),
        ):
            with open(os.path.join(top, name), "w", encoding="utf-8") as out:
                out.write(text)
    os.makedirs(folder, exist_ok=True)
    _prune(top, keep=folder)


def _prune(top: str, keep: str) -> None:
    """A new rule set (an upgrade, an edited pack or configuration) starts a folder of its own: the
    folders of rule sets not written to for STALE_DAYS go, so the cache does not grow with every one."""
    import shutil
    import time

    now = time.time()
    for item in os.scandir(top):
        try:
            if item.is_dir() and item.path != keep and now - item.stat().st_mtime > STALE_DAYS * 86400:
                shutil.rmtree(item.path, ignore_errors=True)
        except OSError:
            continue
