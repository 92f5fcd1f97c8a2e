from unionlint.document import Document, Span


def test_positions_are_one_based_and_count_characters():
    doc = Document.from_text("a.txt", "第一行\n职工,群众\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(doc.text.index(",")) == (2, 3)
    assert doc.line_text(2) == "职工,群众"


def test_crlf_file_is_normalised_and_remembered():
    doc = Document.from_text("a.txt", "甲,乙\r\n丙\r\n")
    assert doc.text == "甲,乙\n丙\n"
    assert doc.newline == "\r\n"
    assert doc.position(doc.text.index("丙")) == (2, 1)


def test_mixed_newlines_are_left_alone():
    doc = Document.from_text("a.txt", "甲\r\n乙\n")
    assert doc.text == "甲\r\n乙\n"
    assert doc.newline == "\n"


def test_paragraphs_are_non_blank_lines():
    doc = Document.from_text("a.txt", "标题\n\n  \n正文一。\n正文二。")
    texts = [doc.text[span.start : span.end] for span in doc.paragraphs]
    assert texts == ["标题", "正文一。", "正文二。"]


def test_urls_and_emails_are_masked():
    doc = Document.from_text("a.txt", "见https://a.cn/x,y页面，写信给 li.wei@acftu.org,谢谢")
    comma = doc.text.index(",")
    assert doc.is_masked(comma, comma + 1)
    assert not doc.is_masked(0, 1)
    assert doc.is_masked(doc.text.index("li.wei"), doc.text.index("li.wei") + 2)
    last_comma = doc.text.rindex(",")
    assert not doc.is_masked(last_comma, last_comma + 1)


def test_extra_masks_merge_with_url_masks():
    doc = Document("a.md", "abc http://x.cn def", extra_masks=[Span(0, 2), Span(1, 3)])
    assert [(s.start, s.end) for s in doc.masks] == [(0, 3), (4, 15)]
    assert not doc.is_masked(3, 4)
    assert doc.is_masked(2, 3)


def test_last_line_without_newline():
    doc = Document.from_text("a.txt", "甲\n乙")
    assert doc.position(2) == (2, 1)
    assert doc.paragraph_at(2) == Span(2, 3)


def test_han_class_for_re_is_exactly_regex_han():
    """The doubled-word scan runs on the standard `re` module with an explicit class: it must find
    a double of exactly the characters `\\p{Han}` means, no more and no fewer."""
    import re

    import regex

    from unionlint.prose import HAN_CLASS

    everything = "".join(map(chr, range(0x110000))).replace("\n", "")
    assert re.findall(HAN_CLASS, everything) == regex.findall(r"\p{Han}", everything)
