"""Footnotes: the ``word/footnotes.xml`` part and the references to it (ECMA-376 Part 1, §17.11).

A call in the text (`runs.InlineWriter.footnote`) is a run holding ``w:footnoteReference w:id="n"``; the part holds
``w:footnote w:id="n"`` with the note's paragraph, whose first run is ``w:footnoteRef``
(Word prints the note's number there). Ids 0 and 1 are the separator and continuation
separator footnotes that every footnotes part starts with, so note *n* of the document has
id *n* + 1. reference.docx carries no footnote styles: calls are superscript and the notes
8-point text by direct formatting.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from termsheet.document.nodes import Document, Footnote, footnotes
from termsheet.writers.docx.runs import (
    FIRST_FOOTNOTE_ID, PPR, RPR, VAL, W_NS, XML_SPACE, DocumentShapeError, InlineWriter,
    SubElement, w,
)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PART_NAME = "/word/footnotes.xml"


def footnote_id(node: Footnote) -> str:
    """The ``w:id`` of ``node`` in the footnotes part."""
    if node.number is None:
        raise DocumentShapeError("a footnote has no number: run apply_transforms before writing")
    return str(node.number - 1 + FIRST_FOOTNOTE_ID)


def add_footnotes(document, doc: Document, inline: InlineWriter) -> None:
    """Add the footnotes part of ``doc`` to ``document`` (nothing when it has no footnotes)."""
    notes = footnotes(doc)
    if not notes:
        return
    root = etree.Element(w("footnotes"), nsmap={"w": W_NS})
    for number, kind, child in (("0", "separator", "separator"),
                                ("1", "continuationSeparator", "continuationSeparator")):
        note = SubElement(root, w("footnote"))
        note.set(w("type"), kind)
        note.set(w("id"), number)
        paragraph = SubElement(note, w("p"))
        spacing = SubElement(SubElement(paragraph, PPR), w("spacing"))
        spacing.set(w("after"), "0")
        spacing.set(w("line"), "240")
        spacing.set(w("lineRule"), "auto")
        SubElement(SubElement(paragraph, w("r")), w(child))
    inline.where = "footnotes"
    for node in notes:
        note = SubElement(root, w("footnote"))
        note.set(w("id"), footnote_id(node))
        paragraph = SubElement(note, w("p"))
        ppr = SubElement(paragraph, PPR)
        spacing = SubElement(ppr, w("spacing"))
        spacing.set(w("after"), "40")
        size = SubElement(SubElement(ppr, RPR), w("sz"))
        size.set(VAL, "16")
        mark = SubElement(paragraph, w("r"))
        _superscript(SubElement(mark, RPR))
        SubElement(mark, w("footnoteRef"))
        space = SubElement(SubElement(paragraph, w("r")), w("t"))
        space.text = " "
        space.set(XML_SPACE, "preserve")
        start = len(paragraph)
        inline.write(paragraph, node.children)
        for run in paragraph[start:]:
            _small(run)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(PART_NAME), CONTENT_TYPE, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _superscript(rpr) -> None:
    SubElement(rpr, w("vertAlign")).set(VAL, "superscript")


_BEFORE_SIZE = {w(tag) for tag in ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
                                   "strike", "dstrike", "outline", "shadow", "emboss", "imprint",
                                   "noProof", "snapToGrid", "vanish", "webHidden", "color",
                                   "spacing", "w", "kern", "position")}


def _small(element) -> None:
    """8-point text for every run in ``element`` (a run, or a hyperlink holding runs)."""
    runs = [element] if element.tag == w("r") else element.iter(w("r"))
    for run in runs:
        rpr = run.find(RPR)
        if rpr is None:
            rpr = etree.Element(RPR)
            run.insert(0, rpr)
        index = sum(1 for child in rpr if child.tag in _BEFORE_SIZE)
        size = etree.Element(w("sz"))
        size.set(VAL, "16")
        rpr.insert(index, size)
