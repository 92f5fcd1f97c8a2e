"""What a line of newsroom copy is: running prose, or a headline, subhead, byline or caption.

Rules that reason about sentences (repetition, broken paragraphs) must leave headlines and bylines
alone; the shape of the line tells them apart, since copy is one paragraph per line.
"""

from __future__ import annotations

import regex

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
