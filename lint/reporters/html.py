"""`--format html`: one self-contained proof page (校样) for people, opened in any browser.

A header with the summary (counts by severity and by pack, a list of the documents), then each
document's text as written — Markdown as its source — with line numbers in the margin and every
finding marked in place: a wavy underline in its severity's colour and, on hover or keyboard
focus, a popover with the message, rule id and fix (deleted/inserted text). The popovers are pure
CSS; a few lines of optional script pin one open on click (or Enter). Each document ends with a
table of its findings linking to their marks. No network: styles and script are inline.

Overlapping findings are nested; a finding that crosses the end of another (or of a line) is
split into pieces, each marked, so none is lost. The first piece carries the finding's id; the
page has exactly one `mark[id]` per finding.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import unicodedata
from collections import Counter
from html import escape

from unionlint import __version__
from unionlint.model import Diagnostic, Severity
from unionlint.reporters import shown
from unionlint.reporters.text import _PerCharacter, word_location

NEEDS = frozenset({"document"})  # the whole text, not only the lines with findings
CLASSES = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def _visible(char: str) -> str:
    """HTML for one character of the article: markup characters escaped; control and invisible
    format characters (not allowed in HTML, or invisible where an editor must see them) tagged."""
    if char in "\t\n":
        return char
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
        return f'<span class="cc">U+{ord(char):04X}</span>'
    return escape(char)


_HTML = _PerCharacter(_visible)


def _text(text: str) -> str:
    return text.translate(_HTML)


def _anchor(path: str) -> str:
    """A document's id prefix, the same whichever process renders it (workers render files apart)."""
    return "d" + hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _fix_html(d: Diagnostic) -> str:
    """The fix as a diff: the reported text deleted, the replacement inserted."""
    if d.fix is None:
        return ""
    inserted = f"<ins>{escape(shown(d.fix))}</ins>" if d.fix else ""
    return f"<del>{escape(shown(d.text))}</del>{inserted}"


def _popover(d: Diagnostic, tag_id: str | None) -> str:
    fix = _fix_html(d)
    if fix:
        how = "可自动修复（--fix）" if d.applicability == "safe" else "建议，需人工确认"
        fix = f'<span class="fx">{fix} <small>{how}</small></span>'
    ident = f' id="{tag_id}"' if tag_id else ""
    return (
        f'<span class="pop" role="tooltip"{ident}><span class="hd"><b class="s{CLASSES[d.severity]}">'
        f"{NAMES[d.severity]}</b> <code>{escape(d.rule)}</code> {d.line}:{d.column}</span>"
        f'<span class="msg">{escape(d.message)}</span>{fix}</span>'
    )


class _Marks:
    """Opening tags of one document's findings: the first piece of each gets its id."""

    def __init__(self, prefix: str, diagnostics: list[Diagnostic]):
        self.prefix, self.diagnostics = prefix, diagnostics
        self.opened: set[int] = set()

    def open(self, number: int, empty: bool = False) -> str:
        d = self.diagnostics[number]
        kind = CLASSES[d.severity] + (" z" if empty else "")
        rule = escape(d.rule)
        if number in self.opened:  # a continuation: same look and popover, no id
            return f'<mark class="m {kind} c" data-f="{number + 1}" data-rule="{rule}">{_popover(d, None)}'
        self.opened.add(number)
        tag = f"{self.prefix}-{number + 1}"
        return (
            f'<mark class="m {kind}" id="{tag}" tabindex="0" data-rule="{rule}" aria-describedby="{tag}-p">'
            f"{_popover(d, tag + '-p')}"
        )


def _line(text: str, start: int, end: int, pieces: list, empties: list, marks: _Marks) -> str:
    """One line's HTML. `pieces`: (start, end, number) clipped to [start, end), sorted by start,
    longest first; `empties`: (offset, number) of zero-width findings. Marks nest; where one
    crosses the end of another it is closed and reopened (a continuation piece)."""
    if not pieces and not empties:
        return _text(text[start:end].rstrip("\n"))
    bounds = sorted({start, end, *(p[0] for p in pieces), *(p[1] for p in pieces), *(e[0] for e in empties)})
    out = []
    stack: list = []  # pieces currently open, outermost first
    active: list = []  # pieces covering the current segment, in (start, -end, number) order
    waiting = iter(pieces)
    upcoming = next(waiting, None)
    empty_at = iter(empties)
    empty = next(empty_at, None)
    for position, here in enumerate(bounds):
        after = bounds[position + 1] if position + 1 < len(bounds) else None
        active = [p for p in active if p[1] > here]
        while upcoming is not None and upcoming[0] == here:
            active.append(upcoming)
            upcoming = next(waiting, None)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        out.append("</mark>" * (len(stack) - keep))
        del stack[keep:]
        while empty is not None and empty[0] == here:
            out.append(marks.open(empty[1], empty=True) + "</mark>")
            empty = next(empty_at, None)
        if after is None:
            break
        for piece in active[keep:]:
            out.append(marks.open(piece[2]))
            stack.append(piece)
        segment = text[here:after]
        if segment.endswith("\n"):  # the line break itself is reported (a broken paragraph)
            segment = _text(segment[:-1]) + ('<span class="nl">↵</span>' if stack else "")
        else:
            segment = _text(segment)
        out.append(segment)
    out.append("</mark>" * len(stack))
    return "".join(out)


def _document(report) -> str:
    """One document's section: heading, numbered lines with marks, findings table."""
    text = report.source.text
    diagnostics = report.diagnostics
    prefix = _anchor(report.path)
    marks = _Marks(prefix, diagnostics)
    starts = list(report.source.line_starts)
    order = sorted(range(len(diagnostics)), key=lambda n: (diagnostics[n].start, -diagnostics[n].end, n))
    word = bool(getattr(report.source, "locations", None))  # a Word document: one line per paragraph
    lines = []
    live: list[int] = []  # findings reaching into the current line, by start
    cursor = 0
    for index, line_start in enumerate(starts):
        line_end = starts[index + 1] if index + 1 < len(starts) else len(text)  # past its newline
        last = index + 1 == len(starts)
        while cursor < len(order) and (diagnostics[order[cursor]].start < line_end or last):
            live.append(order[cursor])
            cursor += 1
        if last and line_start == len(text) and index and cursor == len(order) and not live:
            break  # the empty "line" after a final newline
        pieces, empties = [], []
        for n in live:
            d = diagnostics[n]
            if d.start == d.end:
                if line_start <= d.start and (d.start < line_end or last):
                    empties.append((d.start, n))
            elif d.end > line_start:
                pieces.append((max(d.start, line_start), min(d.end, line_end), n))
        pieces.sort(key=lambda p: (p[0], -p[1], p[2]))
        live = [n for n in live if diagnostics[n].end > line_end or (diagnostics[n].end == line_end and last)]
        html = _line(text, line_start, line_end, pieces, empties, marks)
        where = report.location(index + 1) if word else None
        where = f' data-where="{escape(word_location(where))}"' if where and where != "paragraph" else ""
        lines.append(f'<div class="l" data-n="{index + 1}"{where}>{html}</div>')
    count = len(diagnostics)
    body = f'<div class="text" lang="zh-CN">{"".join(lines)}</div>'
    path = escape(report.path) + (" <small>（按段落）</small>" if word else "")
    if not count:
        return (
            f'<section class="doc" id="{prefix}"><h2>{path} <small>未发现问题</small></h2>'
            f"<details><summary>原文</summary>{body}</details></section>\n"
        )
    return (
        f'<section class="doc" id="{prefix}"><h2>{path} <small>{count} 个问题</small></h2>'
        f"{body}{_table(prefix, diagnostics)}</section>\n"
    )


def _table(prefix: str, diagnostics: list[Diagnostic]) -> str:
    rows = []
    for number, d in enumerate(diagnostics, 1):
        link = f'href="#{prefix}-{number}"'
        rows.append(
            f'<tr class="{CLASSES[d.severity]}"><td><a {link}>{number}</a></td>'
            f"<td><a {link}>{d.line}:{d.column}</a></td>"
            f"<td>{NAMES[d.severity]}</td><td><code>{escape(d.rule)}</code></td><td>{escape(d.message)}</td>"
            f"<td>{_fix_html(d)}</td></tr>"
        )
    return (
        '<table class="findings"><thead><tr><th>#</th><th>位置</th><th>级别</th><th>规则</th><th>说明</th>'
        f"<th>修改</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def file_renderer(stream):
    """One document's section, for a worker to write (see unionlint.api.FileResult.detached)."""
    return _document


def render(run, stream) -> None:
    """Sections are spooled (to a temporary file once large) as documents stream past; the header,
    whose counts are known only at the end, is written first."""
    listed = []
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as sections:
        for report in run.files():
            sections.write(report.rendered if report.rendered is not None else _document(report))
            total = report.tally.total if report.tally is not None else len(report.diagnostics)
            listed.append((report.path, total))
        stream.write(_head(run, listed))
        sections.seek(0)
        shutil.copyfileobj(sections, stream)
    stream.write(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _head(run, listed: list[tuple[str, int]]) -> str:
    summary = run.summary
    chips = "".join(
        f'<span class="chip s{CLASSES[level]}">{NAMES[level]} {summary.by_severity[level]}</span>'
        for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    packs = Counter()
    for rule, count in summary.by_rule.items():
        packs[rule.split(".", 1)[0]] += count
    pack_rows = "".join(
        f"<tr><td>{escape(pack)}</td><td>{count}</td></tr>"
        for pack, count in sorted(packs.items(), key=lambda item: (-item[1], item[0]))
    )
    notes = []
    if run.fixed:
        notes.append(f"已自动修复 {sum(run.fixed.values())} 处。")
    if run.baselined:
        notes.append(f"已隐藏基线中的 {run.baselined} 个已知问题。")
    documents = "".join(
        f'<li><a href="#{_anchor(path)}">{escape(path)}</a> <small>{count}</small></li>' for path, count in listed
    )
    by_pack = (
        f'<table class="packs"><thead><tr><th>规则包</th><th>问题</th></tr></thead><tbody>{pack_rows}</tbody></table>'
        if pack_rows
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="unionlint">\n'
        f"<title>unionlint 校样：{summary.files} 个文件，{summary.total} 个问题</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<header><h1>unionlint 校样</h1><p class="sum">检查了 {summary.files} 个文件，'
        f"发现 {summary.total} 个问题 {chips}</p>{''.join(f'<p>{note}</p>' for note in notes)}"
        f'{by_pack}<ol class="docs">{documents}</ol>'
        f'<p class="hint">将鼠标移到标记上（或用 Tab 键选中）查看说明；点击标记可固定说明。unionlint {__version__}</p>'
        "</header>\n"
    )


STYLE = """
:root{--e:#c62828;--w:#b45309;--i:#1d4ed8;--eb:rgba(198,40,40,.12);--wb:rgba(180,83,9,.14);--ib:rgba(29,78,216,.10)}
body{margin:0 auto;max-width:60em;padding:1em 1.5em 4em;color:#1f2328;background:#fff;
font:16px/1.8 "Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC","Songti SC",SimSun,"Microsoft YaHei",serif}
h1{font-size:1.5em;margin:.2em 0}
h2{font-size:1.15em;margin:2em 0 .5em;border-bottom:1px solid #ddd;word-break:break-all}
h2 small,.docs small{color:#666;font-weight:normal}
.sum{font-size:1.1em}.chip{display:inline-block;padding:0 .5em;margin-left:.4em;border-radius:.8em;font-size:.9em}
.chip.se{background:var(--eb);color:var(--e)}.chip.sw{background:var(--wb);color:var(--w)}
.chip.si{background:var(--ib);color:var(--i)}.hint{color:#666;font-size:.85em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.2em .5em;
text-align:left;vertical-align:top}th{background:#f6f8fa}
.text{border:1px solid #e5e7eb;border-radius:4px;padding:.5em 0}
.l{position:relative;padding:0 .8em 0 4.2em;min-height:1.8em;white-space:pre-wrap;overflow-wrap:anywhere}
.l::before{content:attr(data-n);position:absolute;left:0;width:3.2em;text-align:right;color:#9ca3af;
font:12px/2.4 ui-monospace,monospace;user-select:none}
.l[data-where]::after{content:attr(data-where);float:right;margin-left:1em;color:#9ca3af;font-size:.75em}
.m{position:relative;color:inherit;background:transparent;text-decoration:underline wavy;
text-decoration-skip-ink:none;text-underline-offset:4px;cursor:help;outline-offset:1px}
.m .m{text-underline-offset:8px}
.m.e{text-decoration-color:var(--e);background:var(--eb)}.m.w{text-decoration-color:var(--w);background:var(--wb)}
.m.i{text-decoration-color:var(--i);background:var(--ib)}
.m.z::before{content:"‸";color:var(--e);font-weight:bold}
.m:target{outline:2px solid currentColor}.nl,.cc{color:#888;font-size:.75em}.cc{border:1px solid #ccc;padding:0 2px}
.pop{display:none;position:absolute;left:0;top:calc(100% + 6px);z-index:10;width:max-content;
max-width:min(28em,80vw);white-space:normal;text-align:left;background:#fff;color:#1f2328;
border:1px solid #d0d7de;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.15);padding:.4em .7em;
font:14px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;cursor:auto}
.pop .hd,.pop .msg,.pop .fx{display:block}.pop .hd{color:#555;font-size:.9em}
.se{color:var(--e)}.sw{color:var(--w)}.si{color:var(--i)}
.m:hover>.pop,.m:focus>.pop,.m.pin>.pop,.m:target>.pop{display:block}
.m:hover:has(.m:hover)>.pop{display:none}
del{background:#ffebe9;color:#82071e}ins{background:#dafbe1;color:#116329;text-decoration:none}
del,ins{padding:0 2px}
tr.e td:first-child{border-left:3px solid var(--e)}tr.w td:first-child{border-left:3px solid var(--w)}
tr.i td:first-child{border-left:3px solid var(--i)}
@media print{.pop{display:none!important}.m{background:none}}
"""

# Optional: click (or Enter) pins a popover open; everything else works without script.
SCRIPT = """
document.addEventListener("click",function(e){var m=e.target.closest?e.target.closest(".m"):null;
if(m&&!e.target.closest(".pop")){m.classList.toggle("pin");}});
document.addEventListener("keydown",function(e){var m=e.target;
if(e.key==="Enter"&&m.classList&&m.classList.contains("m")){m.classList.toggle("pin");}});
"""
