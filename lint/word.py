"""Word documents (.docx): read the text an editor sees, hand back a reviewed copy.

Reading. The text of a .docx becomes one Document whose lines are the document's paragraphs in
reading order: the body (tables cell by cell, row by row), then footnotes, endnotes, headers and
footers. Line = paragraph number, column = character in that paragraph, so every rule, every
reporter, suppressions and baselines work unchanged. Each paragraph also has a location kind
(`paragraph`, `table r2c3`, `footnote 1`, `header`, `footer`) that reporters show.

The text is read from the XML as Word shows it with the tracked changes accepted: text inside
`w:ins`/`w:moveTo` counts, text inside `w:del`/`w:moveFrom` does not (python-docx's
`Paragraph.text` drops both). Tabs read as `\\t`. What is not running text stands in the text as a
character rules cannot report or fix (masked): a line break (U+2028), a picture, chart or text box
(U+FFFC) and the shown result of a field (page numbers, a table of contents). The text inside text
boxes, charts and SmartArt is not read.

Writing. `WordFile.replace` turns a paragraph's fixed text into tracked changes (`w:del` around the
removed characters, `w:ins` around the new ones, author unionlint and a timestamp) or, untracked,
into direct edits. Runs are split only where a change begins or ends; the new text takes the
formatting of the text it replaces (character for character when the lengths agree), so bold,
fonts and colours around it stay as they were. `WordFile.comment` anchors a Word comment on a span.
"""

from __future__ import annotations

import copy
import datetime
import difflib
import io
import zipfile
from dataclasses import dataclass

from unionlint.document import Document, Span
from unionlint.errors import UnionlintError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "unionlint"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.wps, and password-protected .docx
LINE_BREAK = "\u2028"
OBJECT = "\ufffc"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _R, _T, _TBL, _TR, _TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
_INS, _DEL, _RPR = _w("ins"), _w("del"), _w("rPr")
_FLDCHAR, _FLDSIMPLE = _w("fldChar"), _w("fldSimple")
# Containers whose runs are part of the paragraph's text (w:ins: accepted insertions).
_CONTAINERS = {_w(name) for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "dir", "bdo")}
_SKIPPED = {_w(name) for name in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "delInstrText")}
_OBJECTS = {_w(name) for name in ("drawing", "pict", "object", "sym", "ruby", "ptab")}
_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"


@dataclass
class Atom:
    """One character or piece of text of a paragraph, as read: `element` is the w:t (or w:tab …)
    inside `run`; `editable` is False for what stands for something else (breaks, objects, fields)."""

    element: object
    run: object
    start: int
    text: str
    editable: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Paragraph:
    element: object  # the w:p
    location: str  # "paragraph", "table r2c3", "footnote 3", "header", "footer"
    part: object  # the python-docx part holding it
    atoms: list

    @property
    def text(self) -> str:
        return "".join(atom.text for atom in self.atoms)


def read_atoms(paragraph) -> list[Atom]:
    """The paragraph's text as Word shows it with tracked changes accepted."""
    atoms: list[Atom] = []
    fields: list[str] = []  # complex fields open here: "code" until w:fldChar separate, then "result"
    offset = 0

    def add(element, run, text, editable):
        nonlocal offset
        atoms.append(Atom(element, run, offset, text, editable and not fields))
        offset += len(text)

    def walk(element, in_field):
        for child in element:
            tag = child.tag
            if tag == _R:
                for item in child:
                    name = item.tag
                    if name == _FLDCHAR:
                        kind = item.get(_w("fldCharType"))
                        if kind == "begin":
                            fields.append("code")
                        elif kind == "separate" and fields:
                            fields[-1] = "result"
                        elif kind == "end" and fields:
                            fields.pop()
                    elif fields and fields[-1] == "code":
                        continue
                    elif name == _T:
                        text = (item.text or "").replace("\n", " ").replace("\r", " ")
                        if text:
                            add(item, child, text, not in_field)
                    elif name == _w("tab"):
                        add(item, child, "\t", not in_field)
                    elif name in (_w("br"), _w("cr")):
                        add(item, child, LINE_BREAK, False)
                    elif name == _w("noBreakHyphen"):
                        add(item, child, "\u2011", False)
                    elif name in _OBJECTS or name == _ALTERNATE:
                        add(item, child, OBJECT, False)
            elif tag in _CONTAINERS:
                walk(child, in_field)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    walk(content, in_field)
            elif tag == _FLDSIMPLE:
                walk(child, True)
            elif tag in _OBJECTS or tag == _ALTERNATE:
                add(child, None, OBJECT, False)

    walk(paragraph, False)
    return atoms


def _block_paragraphs(container, location: str):
    """(w:p, location) of a body, cell, header or note, tables cell by cell, in reading order."""
    for child in container:
        yield from _block(child, location)


def _block(child, location: str):
    """(w:p, location) of one child of a body, cell, header or note: a paragraph, a table, a content control."""
    if child.tag == _P:
        yield child, location
    elif child.tag == _TBL:
        for row_number, row in enumerate(_rows(child), 1):
            for cell_number, cell in enumerate(_cells(row), 1):
                cell_location = f"table r{row_number}c{cell_number}"
                if location != "paragraph":
                    cell_location = f"{location} > {cell_location}"
                yield from _block_paragraphs(cell, cell_location)
    elif child.tag in (_w("sdt"), _w("customXml")):
        content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
        if content is not None:
            yield from _block_paragraphs(content, location)


def _rows(table):
    for child in table:
        if child.tag == _TR:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):  # rows inside content controls
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _rows(content)


def _cells(row):
    for child in row:
        if child.tag == _TC:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _cells(content)


class WordFile:
    """An open .docx: its paragraphs in reading order, editable in place, saved as a whole."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self.docx = _open(path, data)
        self.loose_parts: list = []  # parts python-docx keeps as bytes (footnotes): parsed here, written back
        self.paragraphs = list(self._paragraphs())
        self.next_id = self._largest_id() + 1
        now = datetime.datetime.now(datetime.timezone.utc)  # noqa: UP017 (datetime.UTC is Python 3.11)
        self.date = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.revisions = 0
        self.inserted: set[str] = set()  # ids of the w:ins made in this run (see _ours)
        self.comments = 0
        self.comment_list = None  # the w:comments element, once a comment is added
        self.next_comment = 0

    # -- reading ---------------------------------------------------------------------------------

    def _paragraphs(self):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        body_part = self.docx.part
        body = body_part.element.body
        for element, location in _block_paragraphs(body, "paragraph"):
            yield Paragraph(element, location, body_part, read_atoms(element))
        related = {rel.reltype: rel.target_part for rel in body_part.rels.values() if not rel.is_external}
        for reltype, name in ((RT.FOOTNOTES, "footnote"), (RT.ENDNOTES, "endnote")):
            part = related.get(reltype)
            if part is None:
                continue
            root = self._element_of(part)
            for note in root.iter(_w(name)):
                if note.get(_w("type")) not in (None, "normal"):  # separators
                    continue
                for element, _ in _block_paragraphs(note, "paragraph"):
                    yield Paragraph(element, f"{name} {note.get(_w('id'))}", part, read_atoms(element))
        parts = [
            (rel.target_part, "header" if rel.reltype == RT.HEADER else "footer")
            for rel in body_part.rels.values()
            if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external
        ]
        for part, name in sorted(parts, key=lambda item: (item[1] == "footer", str(item[0].partname))):
            for element, location in _block_paragraphs(part.element, name):
                yield Paragraph(element, location, part, read_atoms(element))

    def _element_of(self, part):
        """The XML root of a part; parts python-docx does not model are parsed here and kept."""
        element = getattr(part, "element", None)
        if element is not None:
            return element
        from docx.oxml.parser import parse_xml

        element = parse_xml(part.blob)
        self.loose_parts.append((part, element))
        return element

    def _largest_id(self) -> int:
        largest = 0
        roots = [self.docx.part.element] + [element for _, element in self.loose_parts]
        roots += list({id(p.part): p.part.element for p in self.paragraphs if hasattr(p.part, "element")}.values())
        for root in roots:
            for element in root.iter():
                value = element.get(_w("id"))
                if value is not None and value.isdigit():
                    largest = max(largest, int(value))
        return largest

    def document(self) -> Document:
        """The text to lint: one line per paragraph; breaks, objects and field results masked."""
        doc = _document(self.path, ((paragraph.location, paragraph.atoms) for paragraph in self.paragraphs))
        doc.word = self
        return doc

    def reread(self, index: int) -> Paragraph:
        paragraph = self.paragraphs[index]
        paragraph.atoms = read_atoms(paragraph.element)
        return paragraph

    # -- editing ---------------------------------------------------------------------------------

    def replace(self, index: int, new_text: str, track: bool = True) -> int:
        """Make paragraph `index` read `new_text`, changing only the characters that differ.

        Returns how many changes were made; a change that would touch something that is not
        plain text (a field, a picture, a line break) is left out."""
        old_text = self.paragraphs[index].text
        matcher = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False)
        made = 0
        # From the end, so that earlier offsets stay valid.
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if tag != "equal" and self._edit(index, i1, i2, new_text[j1:j2], track):
                made += 1
        self.reread(index)
        return made

    def can_edit(self, index: int, start: int, end: int, replacement: str) -> bool:
        """Whether [start, end) of paragraph `index` can become `replacement`: only plain text is
        edited (not a field's result, a picture or a break), and no paragraph is split."""
        if any(char in replacement for char in "\n\t\r" + LINE_BREAK + OBJECT):
            return False
        atoms = self.paragraphs[index].atoms
        if start == end:
            return any(atom.editable and atom.run is not None and atom.end == start for atom in atoms) or any(
                atom.editable and atom.run is not None and atom.start == start for atom in atoms
            )
        return all(atom.editable and atom.run is not None for atom in atoms if atom.start < end and atom.end > start)

    def _edit(self, index: int, start: int, end: int, replacement: str, track: bool) -> bool:
        paragraph = self.reread(index)
        if not self.can_edit(index, start, end, replacement):
            return False
        if start == end:
            return self._insert(index, start, replacement, track)
        self._boundary(paragraph, start)
        self._boundary(self.reread(index), end)
        paragraph = self.reread(index)
        covered = [atom for atom in paragraph.atoms if atom.start >= start and atom.end <= end]
        groups = _group_by_run(covered)
        runs = [self._isolate(run, atoms[0].element, atoms[-1].element) for run, atoms in groups]
        lengths = [sum(len(atom.text) for atom in atoms) for _, atoms in groups]
        if replacement and len(replacement) == sum(lengths) and len(groups) > 1:
            pieces, cursor = [], 0  # character for character: each piece keeps its own formatting
            for length in lengths:
                pieces.append(replacement[cursor : cursor + length])
                cursor += length
        else:
            pieces = [replacement] + [""] * (len(runs) - 1)
        for number, run in enumerate(runs):
            piece = pieces[number]
            if piece:
                self._place_new_run(run, piece, track, after=True)
            self._remove_run(run, track)
        self.revisions += 1
        return True

    def _insert(self, index: int, offset: int, text: str, track: bool) -> bool:
        """New text at `offset`, formatted as the character before it (at the start: after it)."""
        paragraph = self.paragraphs[index]
        before = [atom for atom in paragraph.atoms if atom.end == offset and atom.run is not None]
        if before and before[-1].editable and before[-1].text != "\t":
            run = self._isolate(before[-1].run, before[-1].element, before[-1].element)
            self._place_new_run(run, text, track, after=True)
        else:
            self._boundary(paragraph, offset)
            after = [atom for atom in self.reread(index).atoms if atom.start == offset and atom.run is not None]
            if not after or not after[0].editable:
                return False
            run = self._isolate(after[0].run, after[0].element, after[0].element)
            self._place_new_run(run, text, track, after=False)
        self.revisions += 1
        return True

    def _boundary(self, paragraph: Paragraph, offset: int) -> None:
        """Split the w:t that spans `offset`, so that a run boundary can be made there."""
        for atom in paragraph.atoms:
            if atom.start < offset < atom.end:
                cut = offset - atom.start
                second = copy.deepcopy(atom.element)
                atom.element.text, second.text = atom.text[:cut], atom.text[cut:]
                atom.element.set(XML_SPACE, "preserve")
                second.set(XML_SPACE, "preserve")
                atom.element.addnext(second)
                return

    def _isolate(self, run, first, last):
        """Split `run` so that its children `first` … `last` are a run of their own, with the same
        formatting; returns that run. The children before and after stay where they were."""
        children = [child for child in run if child.tag != _RPR]
        head, tail = children.index(first), children.index(last) + 1
        if tail < len(children):
            rest = _make_run(run)
            for item in children[tail:]:
                rest.append(item)
            run.addnext(rest)
        if head == 0:
            return run
        middle = _make_run(run)
        for item in children[head:tail]:
            middle.append(item)
        run.addnext(middle)
        return middle

    def _place_new_run(self, beside, text: str, track: bool, after: bool) -> None:
        """A run reading `text`, formatted as `beside`, placed after (or before) it."""
        made = _make_run(beside)
        t = OxmlElement("w:t")
        t.text = text
        if text != text.strip():
            t.set(XML_SPACE, "preserve")
        made.append(t)
        node = made
        parent = beside.getparent()
        if track and self._ours(parent):  # text we inserted in this run: the new text joins that insertion
            (beside.addnext if after else beside.addprevious)(made)
            return
        if track:
            node = self._mark(_INS)
            node.append(made)
            if parent.tag == _INS:  # inside another author's insertion: ours goes beside it, split there
                children = list(parent)
                cut = children.index(beside) + (1 if after else 0)
                if cut == 0:
                    parent.addprevious(node)
                    return
                if cut < len(children):
                    second = OxmlElement("w:ins", attrs=dict(parent.attrib))
                    second.set(_w("id"), str(self.next_id))
                    self.next_id += 1
                    for child in children[cut:]:
                        second.append(child)
                    parent.addnext(second)
                parent.addnext(node)
                return
        (beside.addnext if after else beside.addprevious)(node)

    def _remove_run(self, run, track: bool) -> None:
        parent = run.getparent()
        if not track or self._ours(parent):  # text we inserted in this run is taken out of the insertion
            parent.remove(run)
            if track and parent.find(_R) is None:
                parent.getparent().remove(parent)
            return
        for t in run.iter(_T):
            t.tag = _w("delText")
            t.set(XML_SPACE, "preserve")
        deletion = self._mark(_DEL)
        run.addprevious(deletion)
        deletion.append(run)

    def _mark(self, tag: str):
        element = OxmlElement("w:" + tag.rsplit("}", 1)[1])
        element.set(_w("id"), str(self.next_id))
        element.set(_w("author"), AUTHOR)
        element.set(_w("date"), self.date)
        if tag == _INS:
            self.inserted.add(str(self.next_id))
        self.next_id += 1
        return element

    def _ours(self, element) -> bool:
        """Whether `element` is a w:ins unionlint made in this run. A later fixing pass that changes
        text inserted by an earlier one edits that insertion in place: a deletion nested in our own
        insertion (or a second insertion beside it) would show in Word as two revisions of one fix."""
        return element.tag == _INS and element.get(_w("id")) in self.inserted

    def comment(self, index: int, start: int, end: int, text: str) -> bool:
        """A Word comment on [start, end) of paragraph `index`. Body and tables only: Word ignores
        comment anchors in headers, footers, footnotes and endnotes. False when not placed."""
        from docx.text.run import Run

        paragraph = self.paragraphs[index]
        if paragraph.part is not self.docx.part:
            return False
        if start == end:  # a missing character: anchor on the character before (or after) the gap
            start, end = (start - 1, start) if start > 0 else (start, start + 1)
        self._boundary(paragraph, start)
        self._boundary(self.reread(index), end)
        paragraph = self.reread(index)
        covered = [atom for atom in paragraph.atoms if atom.start >= start and atom.end <= end and atom.run is not None]
        if not covered:
            return False
        run, atoms = _group_by_run(covered)[0]
        first = self._isolate(run, atoms[0].element, atoms[-1].element)
        paragraph = self.reread(index)
        covered = [atom for atom in paragraph.atoms if atom.start >= start and atom.end <= end and atom.run is not None]
        run, atoms = _group_by_run(covered)[-1]
        last = self._isolate(run, atoms[0].element, atoms[-1].element)
        Run(first, None).mark_comment_range(Run(last, None), self._new_comment(text))
        self.comments += 1
        return True

    def comment_at_start(self, text: str) -> bool:
        """A comment on the first paragraph of the body that has text (usually the headline), for
        what concerns the document as a whole. False when the body has no text to anchor it on."""
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.part is self.docx.part and paragraph.text.strip():
                return self.comment(index, 0, len(paragraph.text), text)
        return False

    def _new_comment(self, text: str) -> int:
        """Add a comment (one paragraph per line of `text`) to the comments part; returns its id.

        Built here rather than with python-docx's `add_comment`, which looks for a free id among all
        the comments each time: a long document with thousands of findings took minutes."""
        if self.comment_list is None:
            self.comment_list = self.docx.part._comments_part.element  # created when missing
            ids = [int(c.get(_w("id"))) for c in self.comment_list if (c.get(_w("id")) or "").isdigit()]
            self.next_comment = max(ids, default=-1) + 1
        number = self.next_comment
        self.next_comment += 1
        attributes = {_w("id"): str(number), _w("author"): AUTHOR, _w("initials"): "UL", _w("date"): self.date}
        comment = OxmlElement("w:comment", attrs=attributes)
        for line_number, line in enumerate(text.split("\n")):
            paragraph = OxmlElement("w:p")
            properties = OxmlElement("w:pPr")
            properties.append(OxmlElement("w:pStyle", attrs={_w("val"): "CommentText"}))
            paragraph.append(properties)
            if line_number == 0:  # the mark Word shows at the start of a comment
                mark = OxmlElement("w:r")
                style = OxmlElement("w:rPr")
                style.append(OxmlElement("w:rStyle", attrs={_w("val"): "CommentReference"}))
                mark.append(style)
                mark.append(OxmlElement("w:annotationRef"))
                paragraph.append(mark)
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = line
            t.set(XML_SPACE, "preserve")
            run.append(t)
            paragraph.append(run)
            comment.append(paragraph)
        self.comment_list.append(comment)
        return number

    def to_bytes(self) -> bytes:
        for part, element in self.loose_parts:
            from lxml import etree

            part._blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
        stream = io.BytesIO()
        self.docx.save(stream)
        return stream.getvalue()


def _document(path: str, paragraphs) -> Document:
    """The Document of (location, atoms) pairs in reading order, one line per paragraph (each pair is
    used before the next is taken: the streaming reader clears the XML behind it)."""
    texts, masks, locations, offset = [], [], [], 0
    previous = None
    for location, atoms in paragraphs:
        # A sentence may run on into the next body paragraph (a stray Enter), never from one table
        # cell, note or header into another place: the line break between them is masked.
        if previous is not None and not (previous == location == "paragraph"):
            masks.append(Span(offset - 1, offset))
        previous = location
        for atom in atoms:
            if not atom.editable:
                masks.append(Span(offset + atom.start, offset + atom.end))
        text = "".join(atom.text for atom in atoms)
        texts.append(text)
        locations.append(location)
        offset += len(text) + 1
    doc = Document(path=path, text="\n".join(texts), encoding="docx", extra_masks=masks)
    doc.locations = locations
    return doc


# -- reading for linting (without --fix or --comments): streaming ------------------------------

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass
class Unopened:
    """The bytes of a .docx read by streaming: `review` opens them as a WordFile to fix or comment."""

    data: bytes


def read_word(path: str, data: bytes) -> Document:
    """The Document of a .docx to lint (UnionlintError with one clear line when it cannot be read).

    The same as `WordFile(path, data).document()` (the same reading rules,
    the same positions and locations) without holding the document's XML: each part is parsed
    incrementally (lxml iterparse) and every paragraph, table or content control of the body is read
    as soon as it ends, then cleared. Memory grows with the text, not with the XML around it (one very
    large table is held whole until it ends).

    Anything unexpected (a damaged or unusual package) is left to the full reader, which reads it
    or says in one line what is wrong."""
    if data.startswith(OLE_MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
        return WordFile(path, data).document()  # the full reader's one-line errors
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            doc = _document(path, _streamed_paragraphs(archive))
    except Exception:  # noqa: BLE001 (whatever it is, the full reader reads the file or explains)
        return WordFile(path, data).document()
    doc.word = Unopened(data)
    return doc


def _streamed_paragraphs(archive: zipfile.ZipFile):
    """(location, atoms) of every paragraph, in WordFile's reading order: body, footnotes, endnotes,
    headers, footers."""
    import posixpath

    from lxml import etree

    def relationships(part: str) -> list[tuple[str, str]]:
        """(type, part name) of the internal relationships of `part` ("" for the package)."""
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in archive.namelist():
            return []
        root = etree.fromstring(archive.read(rels_name), etree.XMLParser(resolve_entities=False))
        found = []
        for rel in root.iter(f"{{{_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            target = posixpath.normpath(
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            )
            found.append((rel.get("Type"), target))
        return found

    main = next(target for kind, target in relationships("") if kind == _OFFICE_RELS + "officeDocument")
    types = etree.fromstring(archive.read("[Content_Types].xml"), etree.XMLParser(resolve_entities=False))
    overrides = {item.get("PartName"): item.get("ContentType") for item in types if item.get("PartName")}
    if overrides.get("/" + main) != _MAIN_TYPE:
        raise ValueError(f"{main} is not a Word document")  # the full reader says so
    related = relationships(main)

    for child in _children(archive.open(main), _w("body")):
        for element, location in _block(child, "paragraph"):
            yield location, read_atoms(element)
    notes = {
        kind: target for kind, target in related if kind in (_OFFICE_RELS + "footnotes", _OFFICE_RELS + "endnotes")
    }
    for name, root_tag in (("footnote", "footnotes"), ("endnote", "endnotes")):
        target = notes.get(_OFFICE_RELS + root_tag)
        if target is None:
            continue
        for note in _children(archive.open(target), _w(root_tag)):
            if note.tag != _w(name) or note.get(_w("type")) not in (None, "normal"):  # separators
                continue
            for element, _ in _block_paragraphs(note, "paragraph"):
                yield f"{name} {note.get(_w('id'))}", read_atoms(element)
    parts = [
        (target, "header" if kind.endswith("/header") else "footer")
        for kind, target in related
        if kind in (_OFFICE_RELS + "header", _OFFICE_RELS + "footer")
    ]
    for target, name in sorted(parts, key=lambda item: (item[1] == "footer", "/" + item[0])):
        for child in _children(archive.open(target), _w("hdr" if name == "header" else "ftr")):
            for element, location in _block(child, name):
                yield location, read_atoms(element)


def _children(stream, parent_tag: str):
    """Each child of the element `parent_tag` of an XML stream, complete, as soon as it ends; once
    the caller has moved on it is cleared and dropped, with whatever came before it."""
    from lxml import etree

    events = etree.iterparse(stream, events=("end",), remove_blank_text=True, resolve_entities=False, huge_tree=True)
    for _, element in events:
        parent = element.getparent()
        if parent is None or parent.tag != parent_tag:
            continue
        yield element
        element.clear()
        while element.getprevious() is not None:
            del parent[0]


def OxmlElement(tag: str, attrs=None):  # noqa: N802 (python-docx's name), imported on first use
    from docx.oxml.parser import OxmlElement as make

    return make(tag, attrs=attrs)


def _make_run(model):
    """An empty run with the formatting (w:rPr) of `model`."""
    made = OxmlElement("w:r")
    properties = model.find(_RPR)
    if properties is not None:
        made.append(copy.deepcopy(properties))
    return made


def _group_by_run(atoms):
    groups = []
    for atom in atoms:
        if groups and groups[-1][0] is atom.run:
            groups[-1][1].append(atom)
        else:
            groups.append((atom.run, [atom]))
    return groups


def _open(path: str, data: bytes):
    """python-docx's Document of `data`; a one-line UnionlintError for anything that is not one."""
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise UnionlintError(f"{path}：文档设有打开密码（已加密），请在 Word/WPS 中取消密码后再检查")
        raise UnionlintError(f"{path}：是旧版 Word/WPS 二进制文档，请另存为 .docx 后再检查")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnionlintError(
            f"{path}：不是有效的 .docx 文件（文件损坏或并非 Word 文档），请用 Word/WPS 打开后另存为 .docx"
        )
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as error:
        if "content type" in str(error):
            raise UnionlintError(f"{path}：压缩包不是 Word 文档（可能是 Excel、PowerPoint 等文件）") from None
        raise UnionlintError(f"{path}：无法读取 Word 文档（{error}），请用 Word/WPS 打开后另存为 .docx") from None
    except (KeyError, PackageNotFoundError, zipfile.BadZipFile):
        raise UnionlintError(f"{path}：压缩包不是 Word 文档（缺少 word/document.xml）") from None
    except Exception as error:  # lxml and zip errors of a damaged file: one line, never a traceback
        raise UnionlintError(
            f"{path}：Word 文档已损坏，无法读取（{type(error).__name__}），请用 Word/WPS 打开后另存为 .docx"
        ) from None


def review(engine, doc: Document, options, diff_only: bool = False, unsafe: bool = False, reported=None):
    """--fix / --comments on a Word document: the safe fixes as tracked changes (or direct edits with
    --no-track-changes), a comment on every finding left that is reported (`reported(doc, findings)`:
    the findings the user is shown, without those a baseline hides), written atomically to the file
    or to `options.output`. Returns the document as it now reads and the fixes applied per rule.

    A document with nothing to change is not rewritten (unless an output file is asked for)."""
    from collections import Counter

    from unionlint.fixes import fix_document
    from unionlint.writer import write_atomic

    if isinstance(doc.word, Unopened):  # read by streaming: open the whole document to change it
        doc = WordFile(doc.path, doc.word.data).document()
    word: WordFile = doc.word
    counts: Counter = Counter()
    fixed = doc
    if options.fix:

        def keep(diagnostic) -> bool:
            return diagnostic.line == diagnostic.end_line and word.can_edit(
                diagnostic.line - 1, diagnostic.column - 1, diagnostic.end_column - 1, diagnostic.fix or ""
            )

        def rebuild(before: Document, text: str) -> Document:
            old_lines, new_lines = before.text.split("\n"), text.split("\n")
            for index, old in enumerate(old_lines):
                new = new_lines[index]  # fixes never add or remove a paragraph (see keep)
                if old != new:
                    word.replace(index, new, options.track)
            return word.document()

        fixed, counts = fix_document(engine, doc, unsafe, keep, rebuild)
    if diff_only:  # the caller shows the diff of the text (unionlint.api)
        return fixed, counts
    if options.comments:
        findings = engine.lint(fixed)
        _comment(word, reported(fixed, findings) if reported is not None else findings)
    if options.output or word.revisions or word.comments:
        write_atomic(options.output or doc.path, word.to_bytes())
    return fixed, counts


def _comment(word: WordFile, findings) -> None:
    """A comment on each finding, anchored on its text. Word shows no comments in headers, footers,
    footnotes and endnotes (it ignores comment anchors there: MS-OI29500 §2.1.315), so the findings
    there, and any that cannot be anchored, are listed in one comment on the document's first
    paragraph, each with its place and a few characters around it to find it with Ctrl+F."""
    from unionlint.reporters import describe_fix

    elsewhere = []
    for diagnostic in findings:
        line = diagnostic.line - 1
        end = diagnostic.end_column - 1 if diagnostic.end_line == diagnostic.line else len(word.paragraphs[line].text)
        note = f"{diagnostic.message}（unionlint {diagnostic.rule}）"
        suggestion = describe_fix(diagnostic)
        if suggestion:
            note += f"\n建议修改：{suggestion}"
        if not word.comment(line, diagnostic.column - 1, end, note):
            elsewhere.append((diagnostic, end, note))
    if elsewhere:
        word.comment_at_start(_listing(word, elsewhere))


def _listing(word: WordFile, findings) -> str:
    from unionlint.reporters.text import word_location

    outside = all(word.paragraphs[d.line - 1].part is not word.docx.part for d, _, _ in findings)
    where = "在页眉、页脚、脚注或尾注中（Word 不能在这些位置加批注）" if outside else "无法在原处加批注"
    lines = [f"unionlint：以下 {len(findings)} 处问题{where}，列在这里："]
    for number, (diagnostic, end, note) in enumerate(findings, 1):
        paragraph = word.paragraphs[diagnostic.line - 1]
        start = diagnostic.column - 1
        around = paragraph.text[max(0, start - 8) : end + 8].replace(LINE_BREAK, " ").replace(OBJECT, "")
        place = f"{word_location(paragraph.location)}（第{diagnostic.line}段:{diagnostic.column}）"
        lines.append(f"{number}. {place}“{around}”：{note.replace(chr(10), '；')}")
    return "\n".join(lines)
