"""Word documents built in code for the .docx tests: mixed formatting, a table, header and footer, a
footnote, a field, a hyperlink, a line break, another editor's tracked changes and comment.

    python tests/word_fixtures.py 稿件.docx    # writes the review sample (build_review_sample) to try by hand
"""

from __future__ import annotations

import copy
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# The document's text as read (tracked changes accepted), paragraph by paragraph, and after --fix.
# Body first, then the footnote, then header and footer (the reading order of unionlint.word).
ORIGINAL = [
    "新华社北京电 今天,国务院在China Daily报道,会议强调发展。",  # bold / plain / italic Latin runs
    '他说:"工"。',  # a quote in bold, the rest plain
    "张编辑新增,文字在此。",  # "新增,文字" is another editor's tracked insertion
    "点击链接,查看全文。",  # inside a hyperlink
    "这里已有批注，研究部署的的相关工作。",  # another editor's comment on 已有批注; 的的 is not safely fixable
    "第一行\u2028第二行,结束。",  # a manual line break
    "<!-- unionlint-disable-next-line -->",
    "这句,不报。",  # suppressed
    "",
    "",
    "",
    "全年增长5.2%,超过预期。",  # table r2c2
    "资料来源,国家统计局。",  # footnote 1
    "本报讯,记者张三。",  # header
    "第1,2页,共几页。",  # footer: a PAGE field showing "1,2", read but never reported or edited
]
FIXED = [
    "新华社北京电 今天，国务院在China Daily报道，会议强调发展。",
    "他说：“工”。",
    "张编辑新增，文字在此。",
    "点击链接，查看全文。",
    "这里已有批注，研究部署的的相关工作。",
    "第一行\u2028第二行，结束。",
    "<!-- unionlint-disable-next-line -->",
    "这句,不报。",
    "",
    "",
    "",
    "全年增长5.2%，超过预期。",
    "资料来源，国家统计局。",
    "本报讯，记者张三。",
    "第1,2页，共几页。",
]
LOCATIONS = ["paragraph"] * 8 + [
    "table r1c1",
    "table r1c2",
    "table r2c1",
    "table r2c2",
    "footnote 1",
    "header",
    "footer",
]

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>资料来源,国家统计局。</w:t></w:r></w:p></w:footnote>
</w:footnotes>""".encode()


def _xml(fragment: str):
    from docx.oxml.parser import parse_xml

    return parse_xml(f'<w:root xmlns:w="{W}">{fragment}</w:root>')[0]


def build(path: Path) -> Path:
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "本报讯,记者张三。"
    footer = section.footer.paragraphs[0]
    footer.add_run("第")
    for fragment in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>1,2</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        footer._p.append(_xml(fragment))
    footer.add_run("页,共几页。")

    p = d.add_paragraph()
    p.add_run("新华社北京电 ").bold = True
    p.add_run("今天,国务院在")
    p.add_run("China Daily").italic = True
    p.add_run("报道,会议强调发展。")
    p._p.append(_xml('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))

    p = d.add_paragraph()
    p.add_run("他说:")
    p.add_run('"').bold = True
    p.add_run('工"。')

    p = d.add_paragraph()
    p.add_run("张编辑")
    p._p.append(
        _xml(
            '<w:ins w:id="901" w:author="张编辑" w:date="2026-01-01T00:00:00Z">'
            '<w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>新增,文字</w:t></w:r></w:ins>'
        )
    )
    p._p.append(
        _xml(
            '<w:del w:id="902" w:author="张编辑" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:delText>删掉,的字</w:delText></w:r></w:del>"
        )
    )
    p.add_run("在此。")

    p = d.add_paragraph()
    p.add_run("点击")
    p._p.append(
        _xml(
            '<w:hyperlink w:anchor="top"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>链接,查看</w:t></w:r></w:hyperlink>'
        )
    )
    p.add_run("全文。")

    p = d.add_paragraph()
    p.add_run("这里")
    commented = p.add_run("已有批注")
    p.add_run("，研究部署的的相关工作。")
    d.add_comment(commented, text="请核实", author="张编辑", initials="ZB")

    p = d.add_paragraph()
    run = p.add_run("第一行")
    run.add_break()
    run.add_text("第二行,结束。")

    d.add_paragraph("<!-- unionlint-disable-next-line -->")
    d.add_paragraph("这句,不报。")
    table = d.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "全年增长5.2%,超过预期。"

    footnotes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES, d.part.package)
    d.part.relate_to(footnotes, RT.FOOTNOTES)
    d.save(str(path))
    return path


# -- reading a .docx back independently of unionlint.word ------------------------------------------


def parts(path: Path) -> dict[str, object]:
    """The XML parts of a .docx holding text, by name, parsed with lxml."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


def _w(tag):
    return f"{{{W}}}{tag}"


def accepted(root, author: str | None = None):
    """A copy of `root` with the tracked changes (of `author`, or all) accepted."""
    root = copy.deepcopy(root)
    for deletion in list(root.iter(_w("del"))):
        if deletion.getparent().tag != _w("rPr") and (author is None or deletion.get(_w("author")) == author):
            deletion.getparent().remove(deletion)
    for insertion in list(root.iter(_w("ins"))):
        if author is None or insertion.get(_w("author")) == author:
            _unwrap(insertion)
    return root


def rejected(root, author: str):
    """A copy of `root` with `author`'s tracked changes rejected."""
    root = copy.deepcopy(root)
    for insertion in list(root.iter(_w("ins"))):
        if insertion.get(_w("author")) == author:
            insertion.getparent().remove(insertion)
    for deletion in list(root.iter(_w("del"))):
        if deletion.get(_w("author")) == author:
            for text in deletion.iter(_w("delText")):
                text.tag = _w("t")
            _unwrap(deletion)
    return root


def _unwrap(element):
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def texts(root) -> list[str]:
    """Each paragraph's w:t text (outside w:del: accept or reject first)."""
    return ["".join(t.text or "" for t in p.iter(_w("t")) if not _inside(t, _w("del"))) for p in root.iter(_w("p"))]


def _inside(element, tag) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def formatting(root) -> list[tuple[str, bytes]]:
    """(character, its run's w:rPr as XML) for every character of w:t text outside deletions."""
    from lxml import etree

    found = []
    for t in root.iter(_w("t")):
        if _inside(t, _w("del")):
            continue
        properties = t.getparent().find(_w("rPr"))
        shape = etree.tostring(properties) if properties is not None else b""
        found += [(char, shape) for char in t.text or ""]
    return found


ENDNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:endnotes xmlns:w="{W}">
<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>
<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>尾注,在此。</w:t></w:r></w:p>
<w:p><w:r><w:t>尾注第二段,</w:t></w:r><w:ins w:id="801" w:author="张编辑"><w:r><w:t>插入,的</w:t></w:r></w:ins></w:p></w:endnote>
</w:endnotes>""".encode()


def build_structures(path: Path) -> Path:
    """A document of the places a reader can lose its way: a text box inside a paragraph, a table
    inside a table cell, content controls around paragraphs and rows, bookmarks between paragraphs,
    a simple field, endnotes, a first-page header and footer besides the default ones."""
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "默认页眉,第二页起。"
    section.first_page_header.paragraphs[0].text = "首页页眉,只在首页。"
    section.first_page_footer.paragraphs[0].text = "首页页脚,完。"
    d.add_paragraph("开头一段,有逗号。")
    p = d.add_paragraph()
    p.add_run("框前,文字")
    p._p.append(
        _xml(
            '<w:r xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>框内,文字不读。</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    p.add_run("框后,文字。")
    d.element.body.insert(len(d.element.body) - 1, _xml('<w:bookmarkStart w:id="70" w:name="b"/>'))
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外表,左上。"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 1).text = "内表,右。"
    outer.cell(1, 0).text = "外表,左下。"
    d.element.body.insert(len(d.element.body) - 1, _xml('<w:bookmarkEnd w:id="70"/>'))
    d.element.body.insert(
        len(d.element.body) - 1,
        _xml(
            "<w:sdt><w:sdtPr/><w:sdtContent>"
            "<w:p><w:r><w:t>控件内,第一段。</w:t></w:r></w:p>"
            '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2026,1,1</w:t></w:r></w:fldSimple><w:r><w:t>日期后,文字。</w:t></w:r></w:p>'
            "</w:sdtContent></w:sdt>"
        ),
    )
    d.add_paragraph("结尾,一段。")
    endnotes = Part(PackURI("/word/endnotes.xml"), CT.WML_ENDNOTES, ENDNOTES, d.part.package)
    d.part.relate_to(endnotes, RT.ENDNOTES)
    d.save(str(path))
    return path


# The review sample: a short news item (written for these tests) as an editor would send it.
REVIEW_ORIGINAL = [
    "全市老旧小区改造进展顺利",
    "本报讯（记者 李明）今天上午,市政府召开新闻发布会,介绍老旧小区改造进展。",
    '住建局负责人说:"今年已开工改造小区120个,,惠及居民3.2万户。"',
    "改造坚持居民自愿原则，研究部署的的相关工作由各区负责。",
    "项目",
    "已完成,80%",
    "数据来源：市住建局的的统计。",
    "城市新闻,第3版",
]
REVIEW_FIXED = [
    "全市老旧小区改造进展顺利",
    "本报讯（记者 李明）今天上午，市政府召开新闻发布会，介绍老旧小区改造进展。",
    "住建局负责人说：“今年已开工改造小区120个，惠及居民3.2万户。”",
    "改造坚持居民自愿原则，研究部署的的相关工作由各区负责。",
    "项目",
    "已完成，80%",
    "数据来源：市住建局的的统计。",
    "城市新闻，第3版",
]


def build_review_sample(path: Path) -> Path:
    """The review sample: a bold headline, copy with half-width punctuation (fixed as tracked changes),
    a doubled comma fixed over two passes, a doubled 的 (a comment), a table, a footnote with a doubled
    的 (Word takes no comment there: listed on the headline) and a header."""
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = REVIEW_ORIGINAL[7]
    d.add_paragraph().add_run(REVIEW_ORIGINAL[0]).bold = True
    p = d.add_paragraph()
    p.add_run("本报讯（记者 李明）").bold = True
    p.add_run(REVIEW_ORIGINAL[1][len("本报讯（记者 李明）") :])
    d.add_paragraph(REVIEW_ORIGINAL[2])
    p = d.add_paragraph(REVIEW_ORIGINAL[3])
    p._p.append(_xml('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = REVIEW_ORIGINAL[4], REVIEW_ORIGINAL[5]
    notes = FOOTNOTES.replace("资料来源,国家统计局。".encode(), REVIEW_ORIGINAL[6].encode())
    footnotes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes, d.part.package)
    d.part.relate_to(footnotes, RT.FOOTNOTES)
    d.save(str(path))
    return path


if __name__ == "__main__":
    import sys

    print(build_review_sample(Path(sys.argv[1])))
