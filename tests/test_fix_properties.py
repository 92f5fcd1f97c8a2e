"""Property tests: arbitrary newsroom-ish Unicode never crashes the engine, positions are exact,
fixes are idempotent and touch only reported spans, and bytes conventions round-trip on write."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionlint.api import default_setup
from unionlint.document import Document
from unionlint.engine import Engine
from unionlint.fixes import apply_once, fix_document
from unionlint.sources import read_document
from unionlint.writer import write_document

ENGINE = Engine(default_setup().rules())

# Han, Latin, digits, ASCII and full-width punctuation, dashes and ellipses, quotes, spaces,
# astral characters, combining marks, control characters and both newline styles.
PIECES = list("工会职工群众劳动模范中国特色年月日abcXYZ0123456789,.;:()\"'!?-—…，。；：（）“”‘’！？、《》·　 \t")
PIECES += ["\r\n", "\n", "——", "……", "𠀀", "😀", "e\u0301", "\u200b", "\x07", "\r", "1,000", "http://a.cn/x,y"]
piece = st.sampled_from(PIECES)
texts = st.lists(st.one_of(piece, piece, piece, st.characters(codec="utf-8")), max_size=60).map("".join)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def offset_of(text: str, line: int, column: int) -> int:
    """Independent of Document.position: count lines by hand."""
    lines = text.split("\n")
    return sum(len(each) + 1 for each in lines[: line - 1]) + column - 1


@SETTINGS
@given(texts)
def test_positions_map_back_to_reported_text(raw):
    doc = Document.from_text("x.txt", raw)
    for diagnostic in ENGINE.lint(doc):
        assert doc.text[diagnostic.start : diagnostic.end] == diagnostic.text
        assert offset_of(doc.text, diagnostic.line, diagnostic.column) == diagnostic.start
        assert offset_of(doc.text, diagnostic.end_line, diagnostic.end_column) == diagnostic.end


@SETTINGS
@given(texts)
def test_fix_is_idempotent_and_leaves_nothing_safely_fixable(raw):
    fixed, _ = fix_document(ENGINE, Document.from_text("x.txt", raw))
    again, counts = fix_document(ENGINE, fixed)
    assert (again.text, counts) == (fixed.text, {})
    assert not [d for d in ENGINE.lint(fixed) if d.fix is not None and d.applicability == "safe"]


@SETTINGS
@given(texts)
def test_one_fix_pass_changes_only_reported_spans(raw):
    doc = Document.from_text("x.txt", raw)
    fixed, applied = apply_once(doc.text, ENGINE.lint(doc))
    cursor, out = 0, 0
    for diagnostic in applied:  # in text order, non-overlapping
        untouched = doc.text[cursor : diagnostic.start]
        assert fixed[out : out + len(untouched)] == untouched
        out += len(untouched)
        assert fixed[out : out + len(diagnostic.fix)] == diagnostic.fix
        out += len(diagnostic.fix)
        cursor = diagnostic.end
    assert fixed[out:] == doc.text[cursor:]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(alphabet="工会职工群众说好abc12,.:;()\"'!?　 ", max_size=20), min_size=1, max_size=5))
def test_encoding_and_newline_round_trip_through_fix(tmp_path, encoding, newline, lines):
    raw = newline.join(lines)
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode(encoding))
    doc = read_document(str(path))
    fixed, _ = fix_document(ENGINE, doc)
    write_document(fixed)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    decoded = data.decode(doc.encoding)  # very short GBK may be valid UTF-8: the guess must round-trip
    assert decoded.replace("\r\n", "\n") == fixed.text
    if newline == "\r\n":
        assert decoded.count("\r\n") == decoded.count("\n")
    else:
        assert "\r" not in decoded
    assert decoded.endswith(newline) == raw.endswith(newline)
