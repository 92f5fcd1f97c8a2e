"""Codecs that read and write a byte-order mark: `utf-16-le-sig`, `utf-32-be-sig` and the like.

Registered on import, for whoever decodes (unionlint.sources) or encodes (unionlint.writer) such a
file; a module of its own so that neither has to import the other.
"""

from __future__ import annotations

import codecs

# Byte-order marks, longest first (a UTF-32-LE BOM begins with the UTF-16-LE one). Windows
# Notepad's "Unicode" is UTF-16-LE with a BOM. A file keeps its BOM and byte order when fixed:
# `utf-8-sig` (Python's) and the `…-sig` codecs below write the BOM back.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MARKS = {name: mark for mark, name in BOMS}


def _codec_with_bom(name: str) -> codecs.CodecInfo | None:
    """`utf-16-le-sig` and the like: the codec of that byte order, reading and writing its BOM."""
    base = name.replace("_", "-").removesuffix("-sig")
    mark = _MARKS.get(base)
    if mark is None or base == "utf-8" or not name.replace("_", "-").endswith("-sig"):
        return None
    plain = codecs.lookup(base)

    def encode(text, errors="strict"):
        data, consumed = plain.encode(text, errors)
        return mark + data, consumed

    def decode(data, errors="strict"):
        data = bytes(data)
        skipped = len(mark) if data.startswith(mark) else 0
        text, consumed = plain.decode(data[skipped:], errors)
        return text, consumed + skipped

    return codecs.CodecInfo(encode, decode, name=f"{base}-sig")


codecs.register(_codec_with_bom)
