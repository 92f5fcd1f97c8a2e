"""Applying replacements to text: non-overlapping fixes first, re-lint, repeat until stable."""

from __future__ import annotations

from collections import Counter

from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.model import Diagnostic

MAX_PASSES = 10


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    return diagnostic.fix is not None and (unsafe or diagnostic.applicability == "safe")


def apply_once(text: str, diagnostics: list[Diagnostic], unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """Apply the fixable diagnostics that do not overlap an earlier one (by position, then rule)."""
    pieces = []
    applied = []
    cursor = 0
    for diagnostic in sorted(diagnostics, key=lambda d: (d.start, d.end, d.rule)):
        if not applicable(diagnostic, unsafe) or diagnostic.start < cursor:
            continue
        pieces.append(text[cursor : diagnostic.start])
        pieces.append(diagnostic.fix)
        cursor = diagnostic.end
        applied.append(diagnostic)
    pieces.append(text[cursor:])
    return "".join(pieces), applied


def fix_document(
    engine: Engine, doc: Document, unsafe: bool = False, keep=None, rebuild=None
) -> tuple[Document, Counter]:
    """Fix until nothing fixable remains (bounded); returns the fixed document and fixes per rule.

    `keep(diagnostic)` leaves out fixes the document cannot take; `rebuild(doc, text)` makes the
    fixed Document (a Word document edits its XML and reads itself again)."""
    counts: Counter = Counter()
    for _ in range(MAX_PASSES):
        diagnostics = engine.lint(doc)
        if keep is not None:
            diagnostics = [diagnostic for diagnostic in diagnostics if keep(diagnostic)]
        text, applied = apply_once(doc.text, diagnostics, unsafe)
        if not applied or text == doc.text:
            break
        counts.update(diagnostic.rule for diagnostic in applied)
        # A new Document, so its masks (URLs, and for a .md path the Markdown code, links and HTML) are
        # recomputed for the fixed text: spans of the old text would no longer line up.
        if rebuild is not None:
            doc = rebuild(doc, text)
        else:
            doc = Document(path=doc.path, text=text, encoding=doc.encoding, newline=doc.newline)
    return doc, counts
