"""What a line of newsroom copy is: running prose, or a headline, subhead, byline or caption.

Rules that reason about sentences (repetition, broken paragraphs) must leave headlines and bylines
alone; the shape of the line tells them apart, since copy is one paragraph per line.
"""

from __future__ import annotations

import regex

# \p{Han} of the `regex` module as a class of the standard `re` module, which runs simple scans
# several times faster (tests/test_document.py checks that the two agree on every code point).
HAN_CLASS = (
    "["
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3"
    "\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e"
    "\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d"
    "\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479"
    "]"
)

# Marks that only occur inside or at the end of sentences. A line with none of them is a headline,
# subhead, byline or caption ("牢记嘱托守使命 砥砺奋进显担当", "本报记者 余嘉熙").
SENTENCE_MARKS = "，。；？！,;?!"
_PROSE = regex.compile(f"[{SENTENCE_MARKS}]")

# A heading or list item: "一、" "（一）" "(1)" "1." "1、" "第一章" "第一，" "一是" "【…】" — never joined to or
# compared with running text, even when it contains a comma.
HEADING = regex.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百零〇\d]{1,4}[）)]"
    r"|[一二三四五六七八九十百]{1,4}、"
    r"|\d{1,3}(?:[、．]|\.(?!\d))"
    r"|第[一二三四五六七八九十百零〇\d]{1,4}(?:[章节条部分篇编]|[，、,])"
    r"|[一二三四五六七八九十]是"
    r"|【)"
)


def is_prose(line: str) -> bool:
    """True for running text: a line with sentence punctuation that is not a numbered heading."""
    return bool(_PROSE.search(line)) and not HEADING.match(line)


# A photo caption: it starts with an arrow pointing at the picture or ends with the credit (… 摄).
# Captions restate the article (the lede's date, place and event) and are never joined to prose.
CAPTION = regex.compile(r"^[↑↓←→]|[ \t\u3000（(]\S{0,12}摄[）)]?$")


def is_caption(line: str) -> bool:
    return bool(CAPTION.search(line.strip()))
