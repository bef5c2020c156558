"""Page header and footer: the marking on every page, the document's identity, "Page X of Y".

Header: the marking line, then the title and the status. Footer: document id,
version and date, and "Page X of Y" as real ``PAGE``/``NUMPAGES`` fields, then
the marking line again. One default header and footer serve every page
(reference.docx's first-page and even-page variants are dropped).
"""

from __future__ import annotations

from termsheet.document.nodes import DocumentInfo
from termsheet.writers.docx.labels import labels_for, sentence
from termsheet.writers.docx.roles import StyleMap
from termsheet.writers.docx.runs import (
    VAL, InlineWriter, SubElement, add_paragraph, append_field, paragraph_properties, w,
)


def write_header_footer(document, info: DocumentInfo, styles: StyleMap, text_width: int) -> None:
    """Give the (only) section of ``document`` the termsheet page header and footer."""
    section = document.sections[0]
    header = _fresh(section.header)
    footer = _fresh(section.footer)
    inline = InlineWriter(styles)
    inline.where = "metadata"
    labels = labels_for(info.language)

    if info.marking:
        inline.run(add_paragraph(header, styles["marking"]), info.marking)
    line = _two_sided(header, styles["page_header"], text_width, document)
    inline.run(line, info.title)
    inline.run(line, "\t" + sentence(info.status))

    line = _two_sided(footer, styles["page_footer"], text_width, document)
    inline.run(line, " \u00b7 ".join(v for v in (info.doc_id, info.version, info.date) if v))
    inline.run(line, f"\t{labels['page']} ")
    append_field(line, "PAGE", "1")
    inline.run(line, f" {labels['of']} ")
    append_field(line, "NUMPAGES", "1")
    if info.marking:
        inline.run(add_paragraph(footer, styles["marking"]), info.marking)


def _fresh(header_footer):
    """The ``w:hdr``/``w:ftr`` element of a header or footer of its own, emptied."""
    header_footer.is_linked_to_previous = False
    element = header_footer._element
    for child in list(element):
        element.remove(child)
    return element


def _two_sided(parent, style_id: str, text_width: int, document):
    """A paragraph whose text after a tab is right-aligned at the text edge (the style's tabs cleared)."""
    paragraph = add_paragraph(parent, style_id)
    tabs = SubElement(paragraph_properties(paragraph), w("tabs"))
    for pos in _style_tabs(document, style_id):
        if pos != text_width:
            clear = SubElement(tabs, w("tab"))
            clear.set(VAL, "clear")
            clear.set(w("pos"), str(pos))
    right = SubElement(tabs, w("tab"))
    right.set(VAL, "right")
    right.set(w("pos"), str(text_width))
    return paragraph


def _style_tabs(document, style_id: str) -> list[int]:
    """Positions of the tab stops a paragraph style (and the styles it is based on) sets."""
    by_id = {s.get(w("styleId")): s for s in document.styles.element.iterfind(w("style"))}
    positions, seen = [], set()
    while style_id in by_id and style_id not in seen:
        seen.add(style_id)
        style = by_id[style_id]
        for tab in style.iterfind(f"{w('pPr')}/{w('tabs')}/{w('tab')}"):
            if tab.get(VAL) != "clear" and tab.get(w("pos")) is not None:
                positions.append(int(tab.get(w("pos"))))
        based_on = style.find(w("basedOn"))
        style_id = based_on.get(VAL) if based_on is not None else None
    return sorted(set(positions))
