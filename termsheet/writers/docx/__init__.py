"""DOCX writer: a `Document` → the bytes of a .docx file.

    write_docx(doc, templates=TemplateSet(folder)) -> bytes

Styles and page setup come from ``styles/reference.docx`` of the template set
(a drafting office's ``--templates`` folder first, the packaged file second);
`roles.ROLE_STYLES` maps each semantic role to its style name. The body is built
as lxml elements (`body`), the page header and footer carry the marking and
"Page X of Y" fields (`page`), and the package is stripped of everything
machine-specific, given explicit metadata and zipped reproducibly (`package`):
the same document gives the same bytes in any process on one machine.

Comparison marks in the document model are printed as formatting by
`body.BodyWriter`; `tracked.TrackedBodyWriter` (passed as ``writer=``) writes
them as native tracked changes instead (the redline DOCX), whose `cover` page
and Word `comments` (each change's direction and reason) come from the
comparison; `added_styles` adds their styles to a reference.docx that lacks
them. Other submodules: `runs` (`append_run`, `InlineWriter`), `tables` (column
widths, compact tables, rows kept on one page), `numbering` (headings numbered by
Word), `bookmarks` (a bookmark name per provision id), `package`, `page`, `labels`.
Fonts are those Word ships (`termsheet.writers.fonts`).

Errors are `termsheet.errors.RenderError` subclasses: `DocxTextError` (a
character XML cannot hold, naming the field), `DocumentShapeError` (a builder
bug: unknown paragraph role or change mark, ragged table), `MissingStyle`,
`package.ReferenceDocxError` (an unusable reference.docx).
"""

from __future__ import annotations

from typing import Callable

from termsheet.document.nodes import Document
from termsheet.resources import TemplateSet
from termsheet.writers.docx.body import BodyWriter, DocumentShapeError
from termsheet.writers.docx.bookmarks import bookmark_names
from termsheet.writers.docx.package import (
    Numbering, open_reference, save, set_language, set_properties, style_map, text_width,
)
from termsheet.writers.docx.footnotes import add_footnotes
from termsheet.writers.docx.page import write_header_footer
from termsheet.writers.docx.roles import ROLE_STYLES, MissingStyle
from termsheet.writers.docx.runs import DocxTextError, InlineWriter, w
from termsheet.writers.docx.toc import ask_to_update_fields

__all__ = [
    "write_docx", "render", "ROLE_STYLES", "DocxTextError", "DocumentShapeError", "MissingStyle",
]


def write_docx(doc: Document, *, templates: TemplateSet | None = None) -> bytes:
    """The DOCX file of ``doc``, as bytes."""
    return save(render(doc, templates=templates), doc.info)


def render(doc: Document, *, templates: TemplateSet | None = None,
           writer: Callable[..., BodyWriter] = BodyWriter):
    """``doc`` as an unsaved python-docx `Document` (for writers that add to it before saving).

    ``writer`` makes the body writer from ``(body, styles, numbering, text width, anchors)``."""
    document = open_reference(templates)
    styles = style_map(document)
    width = text_width(document)
    anchors = bookmark_names(doc)
    body = document.element.body
    section = body.find(w("sectPr"))  # the only child left by open_reference
    body.remove(section)
    body_writer = writer(body, styles, Numbering(document), width, anchors)
    body_writer.document(doc)
    body.append(section)
    write_header_footer(document, doc.info, styles, width, *body_writer.page_text(doc))
    ask_to_update_fields(document.settings.element)
    notes = InlineWriter(styles, anchors)
    notes.word_numbered = body_writer.word_numbered
    add_footnotes(document, doc, notes)
    set_language(document, doc.info.language)
    set_properties(document, doc.info)
    return document
