"""The user cache of parsed built-in packs: faster start-up, never a stale or broken result."""

from __future__ import annotations

from unionlint import usercache
from unionlint.packs import builtin_pack_paths, parse_pack


def _parsed(path, monkeypatch, folder):
    monkeypatch.setenv("UNIONLINT_CACHE_DIR", str(folder))
    text = path.read_text(encoding="utf-8")
    pack = parse_pack(text, str(path), validate=False)
    return [(rule.id, rule.message, rule.options, rule.origin, rule.trigger, rule.bad) for rule in pack.rules]


def test_cached_pack_is_the_pack_parsed_afresh(tmp_path, monkeypatch):
    path = builtin_pack_paths()[0]
    fresh = _parsed(path, monkeypatch, "off")
    assert _parsed(path, monkeypatch, tmp_path) == fresh  # stored
    assert list(tmp_path.glob("pack-*.marshal"))
    assert _parsed(path, monkeypatch, tmp_path) == fresh  # read back


def test_changed_text_never_meets_the_old_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("UNIONLINT_CACHE_DIR", str(tmp_path))
    calls = []
    assert usercache.derived("pack", "甲", lambda: calls.append(1) or ("甲",)) == ("甲",)
    assert usercache.derived("pack", "乙", lambda: calls.append(2) or ("乙",)) == ("乙",)
    assert usercache.derived("pack", "甲", lambda: calls.append(3) or ("x",)) == ("甲",)
    assert calls == [1, 2]


def test_damaged_entry_is_derived_again(tmp_path, monkeypatch):
    monkeypatch.setenv("UNIONLINT_CACHE_DIR", str(tmp_path))
    usercache.derived("pack", "甲", lambda: {"rules": [1, 2, 3]})
    (entry,) = tmp_path.glob("pack-*.marshal")
    entry.write_bytes(entry.read_bytes()[:7])
    assert usercache.derived("pack", "甲", lambda: {"rules": [1, 2, 3]}) == {"rules": [1, 2, 3]}
    entry.write_bytes(b"\x00garbage")
    assert usercache.derived("pack", "甲", lambda: {"rules": [4]}, lambda value: isinstance(value, dict)) == {
        "rules": [4]
    }


def test_unwritable_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("UNIONLINT_CACHE_DIR", str(blocker / "cache"))
    assert usercache.derived("pack", "甲", lambda: [1]) == [1]


def test_lexicon_index_read_back_finds_the_same(tmp_path, monkeypatch):
    """A built-in lexicon's index comes from the cache on later runs: it must find exactly what the
    index built from the data files finds (here: slips in every lexicon, and canonical forms)."""
    from unionlint.api import default_setup, lint_text
    from unionlint.kinds import lexicon

    text = "坚持以人民为中心的发展四想。要大力弘扬劳模精神、劳动精神、工匠精神，中华全国总公会召开会议，再接再励。\n"

    def findings(folder):
        monkeypatch.setenv("UNIONLINT_CACHE_DIR", str(folder))
        lexicon._INDEXES.clear()
        return [(d.rule, d.start, d.end, d.message) for d in lint_text(text, config=default_setup()).diagnostics]

    fresh = findings("off")
    assert findings(tmp_path) == fresh  # built, then stored
    assert list(tmp_path.glob("lexicon-*.marshal"))
    assert findings(tmp_path) == fresh  # read back
    assert any(rule.startswith("slogans.") for rule, *_ in fresh)
