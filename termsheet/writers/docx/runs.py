"""Paragraphs, runs and inline nodes as WordprocessingML elements (lxml, never XML strings).

These helpers are shared with the redline writer: `InlineWriter` renders
`Inserted`/`Deleted` as formatted runs here; a subclass can override
`InlineWriter.inserted` and `InlineWriter.deleted` to emit ``w:ins``/``w:del``.

Text fidelity (docs/threats.md, case 29): a line feed, a carriage return or CR LF in text
becomes one ``w:br`` (as a `LineBreak` node does); a tab becomes ``w:tab``;
spaces are kept (``xml:space="preserve"``). Reading the paragraph back gives
the same text with every line ending as ``\\n``. A character XML 1.0 cannot hold
raises `DocxTextError` naming the character and where it is.
"""

from __future__ import annotations

import contextlib
import copy
import re
from typing import Callable, Iterable

from lxml import etree

from termsheet.document.nodes import (
    Bracket, bracket_text, Deleted, Emphasis, Footnote, Inserted, LineBreak, Reference, Term, Text, unknown_node,
)
from termsheet.errors import RenderError
from termsheet.writers.docx.roles import CHARACTER_PRIORITY, DIRECT_FORMATTING, StyleMap

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(local: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{local}"


VAL = w("val")
P, PPR, PSTYLE, R, RPR, RSTYLE, T, BR, TAB = map(
    w, ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "br", "tab"))
HYPERLINK, ANCHOR, HISTORY = w("hyperlink"), w("anchor"), w("history")
BOOKMARK_START, BOOKMARK_END, ID, NAME = w("bookmarkStart"), w("bookmarkEnd"), w("id"), w("name")
LANG = w("lang")
FIRST_FOOTNOTE_ID = 2
"""The ``w:id`` of the document's first footnote (0 and 1 are the separator footnotes)."""

SubElement = etree.SubElement

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = re.compile("(\r\n|[\r\n\t])")


class DocxTextError(RenderError):
    """Text holds a character that an XML 1.0 file (a DOCX) cannot carry."""

    code = "docx-invalid-character"


class DocumentShapeError(RenderError):
    """The document model breaks a rule the DOCX writer relies on (a builder bug)."""

    code = "docx-document"


def check_text(text: str, where: str | None) -> str:
    """``text`` itself, or `DocxTextError` if it holds a character XML 1.0 cannot hold."""
    match = _NOT_XML.search(text)
    if match:
        char = match.group()
        raise DocxTextError(
            f"{where or 'document'}: character U+{ord(char):04X} at position {match.start() + 1} "
            "cannot be written to DOCX (XML 1.0 does not allow it); "
            "the term file validation should have rejected it",
            field=where)
    return text


# --------------------------------------------------------------- paragraphs

def add_paragraph(parent, style_id: str | None) -> etree._Element:
    """A new ``w:p`` at the end of ``parent`` with paragraph style ``style_id``."""
    paragraph = SubElement(parent, P)
    if style_id:
        SubElement(SubElement(paragraph, PPR), PSTYLE).set(VAL, style_id)
    return paragraph


def paragraph_properties(paragraph) -> etree._Element:
    """The ``w:pPr`` of ``paragraph``, created first in it if missing."""
    ppr = paragraph.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        paragraph.insert(0, ppr)
    return ppr


def start_bookmark(paragraph, bookmark_id: int, name: str) -> None:
    """Open bookmark ``name`` at the current end of ``paragraph`` (close it with `end_bookmark`)."""
    start = SubElement(paragraph, BOOKMARK_START)
    start.set(ID, str(bookmark_id))
    start.set(NAME, name)


def end_bookmark(paragraph, bookmark_id: int) -> None:
    SubElement(paragraph, BOOKMARK_END).set(ID, str(bookmark_id))


# --------------------------------------------------------------------- runs

def run_properties(roles: Iterable[str], styles: StyleMap, lang: str | None = None):
    """``w:rPr`` for text in the nested inline ``roles`` (outermost first), or None if plain."""
    present = set(roles)
    if not present and not lang:
        return None
    rpr = etree.Element(RPR)
    primary = next((role for role in CHARACTER_PRIORITY if role in present), None)
    if primary:
        SubElement(rpr, RSTYLE).set(VAL, styles[primary])
    direct = {}
    for role in present - {primary}:
        for tag, value in DIRECT_FORMATTING.get(role, ()):
            direct[tag] = value
    for tag in ("b", "i", "strike", "color", "u"):  # schema order of w:rPr
        if tag in direct:
            element = SubElement(rpr, w(tag))
            if direct[tag] is not None:
                element.set(VAL, direct[tag])
    if lang:
        SubElement(rpr, LANG).set(VAL, lang)
    return rpr


def append_text(run, text: str) -> None:
    """Append ``text`` to ``run`` as ``w:t``, ``w:tab`` and ``w:br`` children."""
    for part in _BREAKS.split(text):
        if not part:
            continue
        if part == "\t":
            SubElement(run, TAB)
        elif part in ("\n", "\r", "\r\n"):
            SubElement(run, BR)
        else:
            t = SubElement(run, T)
            t.text = part
            if part[0].isspace() or part[-1].isspace():
                t.set(XML_SPACE, "preserve")


def append_run(parent, text: str, roles: Iterable[str] = (), *, styles: StyleMap,
               lang: str | None = None, where: str | None = None) -> etree._Element:
    """Append a run holding ``text`` printed in the inline ``roles`` to a paragraph (or hyperlink)."""
    check_text(text, where)
    run = SubElement(parent, R)
    rpr = run_properties(roles, styles, lang)
    if rpr is not None:
        run.append(rpr)
    append_text(run, text)
    return run


def append_break(parent, roles: Iterable[str] = (), *, styles: StyleMap) -> etree._Element:
    """Append a run holding one line break (formatted like its neighbours, so underlines continue)."""
    run = SubElement(parent, R)
    rpr = run_properties(roles, styles)
    if rpr is not None:
        run.append(rpr)
    SubElement(run, BR)
    return run


def append_field(parent, instruction: str, placeholder: str, rpr=None) -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES``…) that Word and LibreOffice compute on layout."""
    def run(child_tag, **attrs):
        r = SubElement(parent, R)
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        child = SubElement(r, w(child_tag))
        for key, value in attrs.items():
            child.set(w(key), value)
        return child

    run("fldChar", fldCharType="begin")
    instr = run("instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    run("fldChar", fldCharType="separate")
    run("t").text = placeholder
    run("fldChar", fldCharType="end")


# ----------------------------------------------------------- inline nodes

class InlineWriter:
    """Appends the document model's inline nodes to a paragraph as runs.

    ``anchors`` maps a reference target id to the bookmark of its heading, so that
    a `Reference` becomes an internal link. ``where`` names the node being written
    (for error messages); the block writer updates it.
    """

    def __init__(self, styles: StyleMap, anchors: dict[str, str] | None = None):
        self.styles = styles
        self.anchors = anchors or {}
        self.word_numbered: frozenset[str] = frozenset()
        """Ids of the headings Word numbers: a reference to one is a ``REF`` field."""
        self.where: str | None = None
        self.lang: str | None = None
        """The language of the text written (None: the document's)."""
        self._dispatch: dict[type, Callable] = {
            Text: self.text, Term: self.term, Emphasis: self.emphasis, Reference: self.reference,
            LineBreak: self.line_break, Inserted: self.inserted, Deleted: self.deleted,
            Footnote: self.footnote, Bracket: self.bracket,
        }

    def changed_paragraph(self, paragraph, change: str | None, *, move: str | None = None,
                          row: bool = False):
        """Context manager around writing a paragraph of a block marked ``change`` (a comparison
        mark, printed here through the block's inline roles, so nothing to do)."""
        return contextlib.nullcontext()

    def write(self, parent, inlines, roles: tuple[str, ...] = ()) -> None:
        """Append ``inlines`` to ``parent`` (a ``w:p``), inside the inline ``roles``."""
        for node in inlines:
            method = self._dispatch.get(type(node))
            if method is None:
                raise unknown_node("docx", node)
            method(parent, node, roles)

    def run(self, parent, text: str, roles: tuple[str, ...] = (), lang: str | None = None):
        return append_run(parent, text, roles, styles=self.styles, lang=lang or self.lang, where=self.where)

    def text(self, parent, node: Text, roles):
        self.run(parent, node.text, roles)

    def term(self, parent, node: Term, roles):
        self.run(parent, node.text, roles + ("term",))

    def emphasis(self, parent, node: Emphasis, roles):
        self.write(parent, node.children, roles + ("strong" if node.strong else "emphasis",))

    def bracket(self, parent, node: Bracket, roles):
        """``[US: 15 years]`` in the negotiation-bracket character style."""
        self.write(parent, bracket_text(node), roles + ("bracket",))

    def reference(self, parent, node: Reference, roles):
        """A ``REF`` field printing the number Word gives the target heading (its current number
        as the result, so the text reads right before fields update); a link to a target whose
        number is typed; plain text without a bookmark."""
        label = node.number or node.target  # as document.plain_text prints it
        anchor = self.anchors.get(node.target)
        if anchor is not None and node.target in self.word_numbered:
            rpr = run_properties(roles + ("reference",), self.styles, self.lang)
            append_field(parent, f"REF {anchor} \\w \\h", check_text(label, self.where), rpr)
            return
        if anchor is None:
            self.run(parent, label, roles + ("reference",))
            return
        link = SubElement(parent, HYPERLINK)
        link.set(ANCHOR, anchor)
        link.set(HISTORY, "1")
        self.run(link, label, roles + ("reference",))

    def line_break(self, parent, node: LineBreak, roles):
        append_break(parent, roles, styles=self.styles)

    def footnote(self, parent, node: Footnote, roles):
        """A footnote call: a superscript ``w:footnoteReference`` (the note is in
        ``word/footnotes.xml``, `termsheet.writers.docx.footnotes`)."""
        if node.number is None:
            raise DocumentShapeError("a footnote has no number: run apply_transforms first")
        run = SubElement(parent, R)
        SubElement(SubElement(run, RPR), w("vertAlign")).set(VAL, "superscript")
        SubElement(run, w("footnoteReference")).set(ID, str(node.number - 1 + FIRST_FOOTNOTE_ID))

    def inserted(self, parent, node: Inserted, roles):
        self.write(parent, node.children, roles + ("inserted",))

    def deleted(self, parent, node: Deleted, roles):
        self.write(parent, node.children, roles + ("deleted",))
