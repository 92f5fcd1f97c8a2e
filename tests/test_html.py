"""`--format html`: the proof page. Structure and escaping in-process; looks and behaviour in a real
browser (Debian's chromium driven by playwright; skipped, with the reason, where unavailable)."""

from __future__ import annotations

import io
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from unionlint.api import FileResult, Run, default_setup, lint_text
from unionlint.document import Document
from unionlint.model import Diagnostic, Severity
from unionlint.reporters import html

RULES = default_setup().rules()
ARTIFACTS = Path(os.environ.get("UNIONLINT_ARTIFACTS", ROOT / "test-artifacts"))


def lint_run(files: dict[str, str]) -> Run:
    results = [lint_text(content, path=path) for path, content in files.items()]
    return Run(results, {rule.id: rule for rule in RULES})


def _result(doc: Document, diagnostics) -> FileResult:
    return FileResult(doc.path, diagnostics, doc)


def page(run: Run) -> str:
    stream = io.StringIO()
    html.render(run, stream)
    return stream.getvalue()


def finding(doc: Document, start: int, end: int, rule: str, fix: str | None = None) -> Diagnostic:
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    text = doc.text[start:end]
    return Diagnostic(
        doc.path, start, end, line, column, end_line, end_column, rule, Severity.WARNING, f"说明{rule}", fix, None, text
    )


class Proof(HTMLParser):
    """What a reader sees of the page's documents: each line's text (popovers, line-break signs and
    tags of invisible characters left out) and, per finding number, the text its marks cover."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.marked: dict[str, str] = {}
        self.ids: list[str] = []
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, finding, hidden)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        hidden = bool(self.stack and self.stack[-1][2]) or bool({"pop", "nl"} & set(classes))
        number = None
        if tag == "mark":
            number = attrs.get("id", "").rsplit("-", 1)[-1] if "c" not in classes else attrs["data-f"]
            if "id" in attrs:
                self.ids.append(attrs["id"])
            self.marked.setdefault(number, "")
        if tag == "div" and "l" in classes:
            self.lines.append("")
        self.stack.append((tag, number, hidden))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.stack or self.stack[-1][2] or not any(entry[0] == "div" for entry in self.stack):
            return
        self.lines[-1] += data
        for _, number, _ in self.stack:
            if number is not None:
                self.marked[number] += data


def parse(text: str) -> Proof:
    proof = Proof()
    proof.feed(text)
    return proof


def test_page_is_self_contained_and_summarises_by_severity_and_pack():
    out = page(lint_run({"稿件/a.txt": "河南工会:解决职工急难愁盼\n"}))
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "http://" not in out and "https://" not in out and "<link" not in out and " src=" not in out
    assert "检查了 1 个文件，发现 1 个问题" in out and "<td>punctuation</td><td>1</td>" in out
    assert "中文语境" in out or "冒号" in out  # the message is on the page


def test_article_text_is_escaped_and_read_back_unchanged():
    content = '<script>alert("x")</script> & 职工,"群众"\'引号\'\n第二行 <b>粗</b>\n'
    out = page(lint_run({"a&b<c>.txt": content}))
    assert "<script>alert" not in out and "<b>粗</b>" not in out
    proof = parse(out)
    assert proof.lines == content.splitlines()
    assert "a&amp;b&lt;c&gt;.txt" in out


def test_every_finding_has_exactly_one_mark_with_its_text():
    run = lint_run({SEEDS.name + "/" + path.name: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")})
    reports = run.results = list(run.results)
    proof = parse(page(run))
    diagnostics = [d for report in reports for d in report.diagnostics]
    assert len(diagnostics) > 100
    assert len(proof.ids) == len(set(proof.ids)) == len(diagnostics)
    for report in reports:
        assert proof.lines[: len(report.source.text.splitlines())] == report.source.text.splitlines()
        del proof.lines[: len(report.source.text.splitlines())]


def test_overlapping_and_crossing_findings_are_nested_or_split_without_loss():
    text = "甲乙丙丁戊己庚\n辛壬癸\n"
    doc = Document.from_text("x.txt", text)
    spans = [(0, 4, "a.outer"), (1, 3, "a.inner"), (2, 6, "a.crossing"), (5, 10, "a.two-lines"), (3, 3, "a.empty")]
    diagnostics = sorted((finding(doc, *span) for span in spans), key=lambda d: (d.start, d.end))
    run = Run([_result(doc, diagnostics)], {})
    proof = parse(page(run))
    assert len(proof.ids) == 5
    marked = {diagnostics[int(number) - 1].rule: covered for number, covered in proof.marked.items()}
    assert marked == {
        "a.outer": "甲乙丙丁",
        "a.inner": "乙丙",
        "a.crossing": "丙丁戊己",
        "a.two-lines": "己庚辛壬",
        "a.empty": "",
    }
    assert proof.lines == ["甲乙丙丁戊己庚", "辛壬癸"]


def test_reported_line_break_is_shown_and_fix_is_a_diff():
    doc = Document.from_text("b.txt", "甲，，乙\n")
    diagnostic = finding(doc, 1, 3, "a.double", "，")
    out = page(Run([_result(doc, [diagnostic])], {}))
    assert "<del>，，</del><ins>，</ins>" in out
    joined = finding(Document.from_text("c.txt", "半句\n话"), 2, 3, "a.join", "")
    out = page(Run([_result(Document.from_text("c.txt", "半句\n话"), [joined])], {}))
    assert '<span class="nl">↵</span>' in out and "<del>⏎</del>" in out


def test_control_and_invisible_characters_are_tagged_not_written_raw():
    out = page(lint_run({"a.txt": "职工\x01群众\u200b。\n"}))
    assert "\x01" not in out and "\u200b" not in out
    assert "U+0001" in out and "U+200B" in out


def test_a_worker_keeps_the_whole_text_for_a_file_it_does_not_render():
    report = lint_text("第一行\n职工,群众\n", path="a.txt")
    doc = report.source
    detached = report.detached(html.NEEDS)
    assert detached.source.text == doc.text
    assert html._document(detached) == html._document(report)


# --- in a real browser -------------------------------------------------------------------------

CHROMIUM = os.environ.get("UNIONLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory):
    run = lint_run({"seeds/" + path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))})
    reports = run.results = list(run.results)
    path = tmp_path_factory.mktemp("proof") / "seeds.html"
    path.write_text(page(run), encoding="utf-8")
    return path, sum(len(report.diagnostics) for report in reports)


class Watched:
    """A page whose console errors and network requests are recorded."""

    def __init__(self, browser, url: str):
        self.page = browser.new_page(viewport={"width": 1100, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(url)


@pytest.mark.slow
def test_browser_marks_hover_focus_pin_network_console_and_screenshot(browser, seeds_page):
    path, count = seeds_page
    watched = Watched(browser, path.as_uri())
    page = watched.page
    assert page.locator("mark[id]").count() == count
    first = page.locator("mark[id]").nth(3)
    popover = first.locator(":scope > .pop")
    assert not popover.is_visible()
    first.scroll_into_view_if_needed()
    first.hover()
    assert popover.is_visible()
    rule = first.get_attribute("data-rule")
    assert rule in popover.inner_text() and len(popover.inner_text()) > len(rule) + 5
    page.mouse.move(0, 0)
    assert not popover.is_visible()
    other = page.locator("mark[id]").nth(5)
    other.focus()  # keyboard users: Tab reaches every mark
    assert other.locator(":scope > .pop").is_visible()
    first.click()  # pinned: stays open when the pointer and the focus leave
    page.mouse.move(0, 0)
    page.locator("h1").click()
    assert popover.is_visible()
    link = page.locator("table.findings a").nth(7)
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target and page.locator(target + " > .pop").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "proof-seeds.png"
    page.goto(path.as_uri())
    page.locator("mark[id]").nth(3).hover()
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    assert watched.errors == []
    assert set(watched.requests) == {path.as_uri()}, "the page must load nothing"
    page.close()


@pytest.mark.slow
def test_browser_han_text_renders_with_a_font_not_as_missing_glyph_boxes(browser, seeds_page):
    """Without a CJK font (fonts-noto-cjk) every Han character is drawn as the same missing-glyph
    box, usually narrower than a Han character (a Latin font's box). In the page's text font, Han
    must take a full em each, and its glyphs must differ from each other and from the box."""
    watched = Watched(browser, seeds_page[0].as_uri())
    found = watched.page.evaluate(
        """() => {
            const line = document.querySelector(".text .l"), style = getComputedStyle(line);
            const canvas = document.createElement("canvas"); canvas.width = canvas.height = 64;
            const context = canvas.getContext("2d", {willReadFrequently: true});
            context.font = style.font;
            const picture = s => { context.clearRect(0, 0, 64, 64); context.fillText(s, 8, 40);
                                   return Array.from(context.getImageData(0, 0, 64, 64).data).join(); };
            const span = document.createElement("span"); span.textContent = "中华人民共和国";
            line.appendChild(span); const width = span.getBoundingClientRect().width; span.remove();
            return {width, em: parseFloat(style.fontSize),
                    pictures: ["中", "国", "\\u{10FFFD}"].map(picture), blank: picture("")};
        }"""
    )
    pictures = found["pictures"]
    assert found["blank"] not in pictures and len(set(pictures)) == 3, (
        "Han drawn as missing-glyph boxes: install fonts-noto-cjk"
    )
    assert found["width"] >= 7 * 0.95 * found["em"], f"Han text {found['width']}px is narrower than 7 em: boxes?"
    watched.page.close()


@pytest.mark.slow
def test_browser_nested_marks_show_only_the_hovered_popover(browser, tmp_path):
    doc = Document.from_text("x.txt", "甲乙丙丁戊己庚\n")
    outer, inner = finding(doc, 0, 6, "a.outer"), finding(doc, 2, 4, "a.inner")
    path = tmp_path / "nested.html"
    path.write_text(page(Run([_result(doc, [outer, inner])], {})), encoding="utf-8")
    watched = Watched(browser, path.as_uri())
    marks = watched.page.locator("mark[id]")
    marks.nth(1).hover()
    assert marks.nth(1).locator(":scope > .pop").is_visible()
    assert not marks.nth(0).locator(":scope > .pop").is_visible()
    watched.page.mouse.move(0, 0)
    marks.nth(0).hover(position={"x": 3, "y": 5})
    assert marks.nth(0).locator(":scope > .pop").is_visible()
    assert watched.errors == []


def test_a_word_document_is_shown_by_paragraph_with_its_places(tmp_path, capsys):
    from unionlint import cli
    from word_fixtures import LOCATIONS, ORIGINAL, build

    sample = build(tmp_path / "稿件.docx")
    assert cli.main(["--format", "json", "--isolated", str(sample)]) == 1
    count = len(json.loads(capsys.readouterr().out)["diagnostics"])
    assert cli.main(["--format", "html", "--isolated", str(sample)]) == 1
    out = capsys.readouterr().out
    proof = parse(out)
    assert len(proof.ids) == count > 0 and len(proof.lines) == len(ORIGINAL) == len(LOCATIONS)
    assert '<div class="l" data-n="9" data-where="表格第1行第1列">' in out and "（按段落）" in out
    assert 'data-where="页眉"' in out and 'data-where="脚注1"' in out
