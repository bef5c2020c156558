"""The table of contents: a "Contents" heading and a Word ``TOC`` field.

The field (``TOC \\o "1-3" \\h \\z \\u``) is written with its result already
filled in: one line per numbered section and clause, number and title, without
page numbers. Word rebuilds the whole field, page numbers and dot leaders, on
opening (``w:updateFields`` in settings.xml, `ask_to_update_fields`).
LibreOffice shows a TOC field's stored result as it is and computes no field
inside it (a ``PAGEREF`` there would print its placeholder), so the stored
result holds no page number that could be wrong.
"""

from __future__ import annotations

from termsheet.document.nodes import DELETED, INSERTED, MOVED_FROM, MOVED_TO, Clause, Document
from termsheet.writers.docx.runs import (
    VAL, InlineWriter, SubElement, add_paragraph, paragraph_properties, w,
)
from termsheet.writers.docx.roles import StyleMap

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_STYLES = {1: "TOC1", 2: "TOC2"}
"""Word's own style ids of contents entries ("toc 1", "toc 2"); Word creates them when it
rebuilds the field, and shows an entry in the default style until then."""
CLAUSE_INDENT = 567
"""How far clause entries are indented, in twentieths of a point (1 cm)."""


def write_contents(body, doc: Document, styles: StyleMap, inline: InlineWriter,
                   heading: str = "Contents", entry=None) -> None:
    """Append the "Contents" heading and the TOC field with one entry per section and clause;
    ``entry(paragraph, node)`` writes an entry's text (a redline: with its changes tracked)."""
    entry = entry or (lambda paragraph, node: inline.run(paragraph, entry_text(node)))
    inline.where = "contents"
    inline.run(add_paragraph(body, styles["document_type"]), heading)
    entries = list(_entries(doc))
    first = add_paragraph(body, TOC_STYLES[entries[0][0]] if entries else None)
    _field_char(first, "begin", dirty=True)
    instruction = SubElement(SubElement(first, w("r")), w("instrText"))
    instruction.text = f" {TOC_INSTRUCTION} "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    _field_char(first, "separate")
    paragraph = first
    for index, (level, node) in enumerate(entries):
        if index:
            paragraph = add_paragraph(body, TOC_STYLES[level])
        _entry_layout(paragraph, level)
        entry(paragraph, node)
    closing = add_paragraph(body, TOC_STYLES[1])  # of its own: an entry's tracked change never takes it
    _field_char(closing, "end")
    page_break = SubElement(SubElement(closing, w("r")), w("br"))  # the body starts on a new page
    page_break.set(w("type"), "page")


def ask_to_update_fields(settings) -> None:
    """Set ``w:updateFields`` in settings.xml: Word updates every field (the TOC) on opening."""
    element = settings.find(w("updateFields"))
    if element is None:
        element = insert_in_order(settings, w("updateFields"), SETTINGS_AFTER_UPDATE_FIELDS)
    element.set(VAL, "true")


SETTINGS_AFTER_UPDATE_FIELDS = frozenset(w(tag) for tag in (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)) | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}
"""The settings that come after ``w:updateFields`` in the schema's order."""


def insert_in_order(parent, tag: str, successors) -> object:
    """A new ``tag`` child of ``parent``, before its first child whose tag is in ``successors``."""
    element = parent.makeelement(tag, {})
    for index, child in enumerate(parent):
        if child.tag in successors:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _entries(doc: Document):
    """``(level, node)`` of every section and of the clauses it lists, in document order."""
    for section in doc.sections:
        yield 1, section
        if not section.contents_clauses:
            continue
        for child in section.children:
            if isinstance(child, Clause):
                yield 2, child


def entry_text(node) -> str:
    """An entry as the reader sees it: number, tab, title."""
    return f"{node.number}\t{node.title}" if node.number else node.title


ENTRY_CHANGES = {INSERTED: INSERTED, MOVED_TO: INSERTED, DELETED: DELETED, MOVED_FROM: DELETED}
"""How a redline marks the entry of a changed heading: a move is an entry deleted at its
old place and inserted at its new one (the headings themselves carry the move)."""


def _entry_layout(paragraph, level: int) -> None:
    """Indented by level, with a tab stop after the number."""
    properties = paragraph_properties(paragraph)
    tabs = SubElement(properties, w("tabs"))
    indent = CLAUSE_INDENT * (level - 1)
    number_tab = SubElement(tabs, w("tab"))
    number_tab.set(VAL, "left")
    number_tab.set(w("pos"), str(indent + CLAUSE_INDENT))
    spacing = SubElement(properties, w("spacing"))
    spacing.set(w("before"), "60" if level == 1 else "0")
    spacing.set(w("after"), "0")
    ind = SubElement(properties, w("ind"))
    ind.set(w("left"), str(indent))


def _field_char(paragraph, kind: str, dirty: bool = False) -> None:
    char = SubElement(SubElement(paragraph, w("r")), w("fldChar"))
    char.set(w("fldCharType"), kind)
    if dirty:
        char.set(w("dirty"), "true")
