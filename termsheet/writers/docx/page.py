"""Page header and footer: the marking on every page, the document's identity, "Page X of Y".

Header: the marking line, then the running title and the status and date
(`DocumentInfo.running_title`, then status and date: the same words as the PDF's
running header). Footer: document id, version and date, and "Page X of Y" as real
``PAGE``/``NUMPAGES`` fields, then the marking line again. One default header and
footer serve every page. A reference.docx's own default header and footer (an
office's logo, its name) are kept, ours following their content; its first-page
and even-page variants are dropped. A draft's watermark is a shape in the header
(`watermark`), drawn behind the text of every page.
"""

from __future__ import annotations

from termsheet.document.nodes import RUNNING_SEPARATOR, DocumentInfo, Text
from termsheet.writers.docx.labels import sentence
from termsheet.writers.furniture import labels_for
from termsheet.writers.docx.watermark import add_watermark
from termsheet.writers.docx.roles import StyleMap
from termsheet.writers.docx.runs import (
    VAL, InlineWriter, SubElement, add_paragraph, append_field, paragraph_properties, w,
)


class InfoText:
    """The values of a `DocumentInfo` as inline nodes, for the header block and the page header.

    A redline writer gives a subclass whose values carry the OLD→NEW changes (and whose
    ``line_change`` says when a whole line exists on one side only)."""

    def __init__(self, info: DocumentInfo):
        self.info = info

    def inlines(self, name: str, shown=None) -> tuple:
        """The value of field ``name`` (``shown`` turns a vocabulary code into words); () if unset."""
        value = getattr(self.info, name)
        return (Text(shown(value) if shown else value),) if value else ()

    def line_change(self, name: str) -> str | None:
        """``inserted``/``deleted`` when field ``name`` is set on one side only (never, here)."""
        return None

    def handling(self) -> list[tuple[tuple, str | None]]:
        """The handling lines, each with its change mark."""
        return [((Text(line),), None) for line in self.info.handling]

    def localized_titles(self) -> list[tuple[str, tuple, str | None]]:
        """``(language, title, change mark)`` of each localized title."""
        return [(language, (Text(title),), None) for language, title in self.info.title_localized]

    def running_status(self) -> tuple:
        """Status and date, as the PDF's running header prints them."""
        status, date = self.inlines("status", sentence), self.inlines("date")
        return (*status, Text(RUNNING_SEPARATOR), *date) if status and date else status + date

    def footer_line(self) -> tuple:
        """Document id, version and date, joined by middle dots."""
        values = [value for value in (self.inlines(name) for name in ("doc_id", "version", "date"))
                  if value]
        return tuple(node for index, value in enumerate(values)
                     for node in ((Text(RUNNING_SEPARATOR),) if index else ()) + value)


def write_header_footer(document, info: DocumentInfo, styles: StyleMap, text_width: int,
                        values: InfoText | None = None, inline: InlineWriter | None = None) -> None:
    """Give the (only) section of ``document`` the termsheet page header and footer
    (``values`` and ``inline``: how the values are marked and written, for a redline)."""
    section = document.sections[0]
    header = _fresh(section.header)
    footer = _fresh(section.footer)
    values = values or InfoText(info)
    inline = inline or InlineWriter(styles)
    inline.where = "metadata"
    labels = labels_for(info.language)

    _marking(inline, header, styles, values)
    line = _two_sided(header, styles["page_header"], text_width, document)
    inline.write(line, values.inlines("running_title"))
    inline.write(line, after_tab(values.running_status()))
    if info.watermark:
        add_watermark(line, info.watermark)

    line = _two_sided(footer, styles["page_footer"], text_width, document)
    inline.write(line, values.footer_line() or (Text(""),))
    inline.run(line, f"\t{labels['page']} ")
    append_field(line, "PAGE", "1")
    inline.run(line, f" {labels['of']} ")
    append_field(line, "NUMPAGES", "1")
    _marking(inline, footer, styles, values)


def _marking(inline: InlineWriter, parent, styles: StyleMap, values: InfoText) -> None:
    marking = values.inlines("marking")
    if marking:
        paragraph = add_paragraph(parent, styles["marking"])
        with inline.changed_paragraph(paragraph, values.line_change("marking")):
            inline.write(paragraph, marking)


def after_tab(content: tuple) -> tuple:
    """Inline ``content`` after a tab (in the first run when it starts with plain text)."""
    if content and isinstance(content[0], Text):
        return (Text("\t" + content[0].text),) + content[1:]
    return (Text("\t"),) + content


def _fresh(header_footer):
    """The ``w:hdr``/``w:ftr`` element of a header or footer of its own: reference.docx's,
    its content (an office's logo and text) kept, ours to follow; else a new, empty one."""
    if not header_footer.is_linked_to_previous:
        return header_footer._element  # reference.docx's own
    header_footer.is_linked_to_previous = False
    element = header_footer._element
    for child in list(element):  # python-docx's template holds an empty paragraph
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
