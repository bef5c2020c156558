"""Side-by-side comparison as DOCX: a landscape table for those who print.

    write_side_by_side_docx(view, templates=None) -> bytes

The same rows as the HTML page and the PDF (:mod:`termsheet.compare.sidebyside`),
as one table ``No. | Old | New | Change`` whose heading row repeats on every
page. Each provision is a group of table rows — one per aligned piece
(heading, paragraph, list item, table field), so that a piece of OLD stands
next to its counterpart in NEW — with its number and its change badge in
vertically merged cells. Marks are fixed run formatting from reference.docx's
character styles (never Word's tracked changes, whose colours each viewer
chooses): deleted words struck through in red, inserted words underlined in
blue. Above the table: the two versions, what is compared and from whose side,
the counts by kind and by label, any notices, a legend in words, and every
change with a short reason. The change column gives each change's badge, why,
any change of text status, new lint warnings, and each field change with its
reason. A changes-only view (``changes_only``) leaves out the unchanged rows.

Built with the DOCX writer's parts (:mod:`termsheet.writers.docx`): the styles of
``styles/reference.docx`` (a drafting office's ``--templates`` folder first), its
run formatting (`runs.InlineWriter`), page header and footer with the marking
and "Page X of Y", explicit metadata, and the reproducible zip (fixed entry
order, times and permissions): the same input gives the same bytes.
"""

from __future__ import annotations

import dataclasses

from termsheet.compare.sidebyside import (
    ChangeView, FieldValue, Invisible, Note, SideBySide, SideRow, Title, build_side_by_side,
    label_words, words,
)
from termsheet.document.nodes import DocumentInfo, ListBlock, Paragraph, plain_text
from termsheet.resources import TemplateSet

COLUMNS = ("No.", "Old", "New", "Change")
WIDTHS = (0.085, 0.34, 0.34, 0.235)
"""Shares of the text width for the four columns."""
MARGIN = 1134
"""Page margins of the landscape page, in twentieths of a point (2 cm)."""
VOID_FILL = "F0F1F3"
SECTION_FILL = "E9EDF2"
KEEP_TOGETHER_CHARS = 1200
"""A provision whose text is at most this long is kept on one page."""

STATUS_WORDS = {
    "only-old": "Only in the old version", "only-new": "Only in the new version",
    "differs": "Wording differs", "ghost": "Moved",
}


def write_diff_docx(comparison, old_doc, new_doc, *, templates: TemplateSet | None = None) -> bytes:
    """The side-by-side comparison of ``old_doc`` and ``new_doc`` as the bytes of a .docx file."""
    return write_side_by_side_docx(build_side_by_side(comparison, old_doc, new_doc),
                                   templates=templates)


def write_side_by_side_docx(view: SideBySide, *, templates: TemplateSet | None = None) -> bytes:
    """A built side-by-side view as the bytes of a .docx file."""
    info = comparison_info(view)
    return write_landscape_table(view, info, short_title(view), view.new_info.language,
                                 SideBySideWriter, templates)


def write_landscape_table(view, info: DocumentInfo, title: str, language: str, make_writer,
                          templates: TemplateSet | None) -> bytes:
    """A landscape .docx of ``view``: ``make_writer(body, styles, width, numbering)`` writes its
    front matter and table; the page header and footer carry ``title``."""
    from termsheet.writers.docx import package
    from termsheet.writers.docx.page import write_header_footer
    from termsheet.writers.docx.runs import w

    document = package.open_reference(templates)
    landscape(document)
    styles = package.style_map(document)
    width = package.text_width(document)
    body = document.element.body
    section = body.find(w("sectPr"))
    body.remove(section)
    writer = make_writer(body, styles, width, package.Numbering(document))
    writer.front(view)
    writer.table(view)
    body.append(section)
    write_header_footer(document, dataclasses.replace(info, title=title), styles, width)
    package.set_language(document, language)
    package.set_properties(document, info)
    return package.save(document, info)


def short_title(view: SideBySide) -> str:
    """``Comparison: <old party> <old version> → <new party> <new version>``."""
    old, new = view.old_info, view.new_info
    return (f"Comparison: {old.drafting_party} {old.version} \u2192 "
            f"{new.drafting_party} {new.version}")


def comparison_info(view: SideBySide) -> DocumentInfo:
    """The file's own identity: title "Comparison: … → …", NEW's party and language, the later date."""
    old, new = view.old_info, view.new_info
    if old.marking == new.marking:
        marking = new.marking
    elif old.marking or new.marking:
        marking = f"{old.marking or 'none'} (old) / {new.marking or 'none'} (new)"
    else:
        marking = None
    return DocumentInfo(
        doc_id=f"{old.doc_id} {old.version} \u2192 {new.doc_id} {new.version}",
        title=view.title,
        document_type="comparison",
        version="",
        date=max(old.date, new.date),
        status="side-by-side comparison",
        drafting_party=new.drafting_party,
        language=new.language,
        marking=marking,
        illustrative=old.illustrative or new.illustrative,
    )


def landscape(document) -> None:
    """Turn the reference's page landscape (width and height swapped) with 2 cm margins."""
    from termsheet.writers.docx.runs import SubElement, w

    section = document.element.body.find(w("sectPr"))
    size = section.find(w("pgSz"))
    if size is None:
        size = SubElement(section, w("pgSz"))
        size.set(w("w"), "11906")
        size.set(w("h"), "16838")
    width, height = int(size.get(w("w"), "11906")), int(size.get(w("h"), "16838"))
    size.set(w("w"), str(max(width, height)))
    size.set(w("h"), str(min(width, height)))
    size.set(w("orient"), "landscape")
    margins = section.find(w("pgMar"))
    if margins is None:
        margins = SubElement(section, w("pgMar"))
    for side in ("top", "right", "bottom", "left"):
        margins.set(w(side), str(MARGIN))
    for side, value in (("header", "567"), ("footer", "567"), ("gutter", "0")):
        margins.set(w(side), value)


# ----------------------------------------------------------------------- writer

class SideBySideWriter:
    def __init__(self, body, styles, width: int, numbering):
        from termsheet.writers.docx.runs import InlineWriter

        class Inline(InlineWriter):
            """The DOCX writer's runs, plus visible markers for invisible characters."""

            def __init__(self, styles):
                super().__init__(styles)
                self._dispatch[Invisible] = self.invisible

            def invisible(self, parent, node: Invisible, roles):
                self.run(parent, node.marker, roles + ("tag",))

        self.body = body
        self.styles = styles
        self.width = width
        self.numbering = numbering
        self.inline = Inline(styles)
        self.widths = [int(width * share) for share in WIDTHS]
        self.widths[-1] = width - sum(self.widths[:-1])

    # ------------------------------------------------------------ helpers

    def paragraph(self, parent, role: str):
        from termsheet.writers.docx.runs import add_paragraph

        return add_paragraph(parent, self.styles[role])

    def line(self, role: str, text: str, roles=()):
        paragraph = self.paragraph(self.body, role)
        self.inline.run(paragraph, text, roles)
        return paragraph

    def bullet(self, role: str = "list_bullet"):
        from termsheet.writers.docx.runs import SubElement, paragraph_properties, w

        paragraph = self.paragraph(self.body, role)
        numbering = SubElement(paragraph_properties(paragraph), w("numPr"))
        SubElement(numbering, w("ilvl")).set(w("val"), "0")
        SubElement(numbering, w("numId")).set(w("val"), self.numbering.bullets())
        return paragraph

    # ------------------------------------------------------------ front matter

    def front(self, view: SideBySide) -> None:
        old, new = view.old_info, view.new_info
        self.inline.where = "comparison"
        if old.illustrative or new.illustrative:
            self.line("illustrative", "ILLUSTRATIVE \u2014 NOT A REAL DOCUMENT")
        self.line("title", short_title(view))
        self.line("document_type", "Side-by-side comparison of two "
                  + ("parties\u2019 documents" if view.comparison.mode == "parties" else "versions"))
        for side, info, file in (("Old (left column)", old, view.comparison.old.file),
                                 ("New (right column)", new, view.comparison.new.file)):
            paragraph = self.paragraph(self.body, "document_info")
            self.inline.run(paragraph, side, ("label",))
            text = (f"\t{info.title} \u2014 {info.doc_id} {info.version}, {info.date}, "
                    f"{info.drafting_party}, {words(info.status)}")
            if file:
                text += f" ({file})"
            self.inline.run(paragraph, text)
        self.line("body", view.mode_sentence)
        if view.empty:
            self.line("body", "No differences: the two versions hold the same data.", ("strong",))
        else:
            if view.perspective:
                self.line("body", view.perspective, ("emphasis",))
            total = len(view.changes)
            paragraph = self.paragraph(self.body, "body")
            self.inline.run(paragraph, f"{total} change{'s' if total != 1 else ''}: ", ("strong",))
            self.inline.run(paragraph, _counts(view.counts_by_kind) + ".")
            paragraph = self.paragraph(self.body, "body")
            self.inline.run(paragraph, "Labels: ", ("strong",))
            self.inline.run(paragraph, _counts((label_words(label).lower(), count)
                                               for label, count in view.counts_by_label)
                            + ". A change may carry several labels (a direction, a change of "
                              "text status, moved, a new lint warning), so the labels can add "
                              "up to more than the changes.")
            if view.changes_only:
                paragraph = self.paragraph(self.body, "body")
                self.inline.run(paragraph, "Changes only: ", ("strong",))
                self.inline.run(paragraph, f"{view.omitted} row{'s' if view.omitted != 1 else ''} "
                                           "without a change left out; each change keeps its "
                                           "section heading and the heading of its provision.")
        for notice in view.notices:
            paragraph = self.paragraph(self.body, "body")
            self.inline.run(paragraph, "Notice: ", ("strong",))
            self.inline.run(paragraph, notice)
        self.legend()
        if view.changes:
            self.line("subheading", "Changes")
            for change in view.changes:
                paragraph = self.bullet()
                if change.number:
                    self.inline.run(paragraph, f"{change.number} ", ("strong",))
                self.inline.run(paragraph, f"{change.title} \u2014 {change.badge}")
                if change.short_reason:
                    self.inline.run(paragraph, f": {change.short_reason}")

    def legend(self) -> None:
        paragraph = self.paragraph(self.body, "note")
        self.inline.run(paragraph, "How to read it. ", ("strong",))
        self.inline.run(paragraph, "One row per provision, in the order of the new version, "
                                   "with the old number where it differs; the old version on "
                                   "the left, the new one on the right. ")
        self.inline.run(paragraph, "Deleted words", ("deleted",))
        self.inline.run(paragraph, " are struck through (red); ")
        self.inline.run(paragraph, "inserted words", ("inserted",))
        self.inline.run(paragraph, " are underlined (blue). The last column names each change "
                                   "in words: its kind and, where the rules give one, its "
                                   "direction (strengthened, weakened, mixed or wording only), "
                                   "then why, any change of text status and any new lint "
                                   "warning: structural labels, not judgements. Characters a "
                                   "reader cannot see are shown as markers such as "
                                   "\u27e8NBSP\u27e9.")

    # ------------------------------------------------------------ the table

    def fixed_table(self):
        """A new table at the end of the body, in the table style, as wide as the text, its
        columns fixed; the table and its ``w:tblPr`` (the caller adds to both)."""
        from termsheet.writers.docx.runs import SubElement, w

        table = SubElement(self.body, w("tbl"))
        properties = SubElement(table, w("tblPr"))
        SubElement(properties, w("tblStyle")).set(w("val"), self.styles["table"])
        size = SubElement(properties, w("tblW"))
        size.set(w("w"), str(self.width))
        size.set(w("type"), "dxa")
        SubElement(properties, w("tblLayout")).set(w("type"), "fixed")
        return table, properties

    def table(self, view: SideBySide) -> None:
        from termsheet.writers.docx.runs import SubElement, w

        table, properties = self.fixed_table()
        look = SubElement(properties, w("tblLook"))
        for key, value in (("val", "0620"), ("firstRow", "1"), ("lastRow", "0"),
                           ("firstColumn", "0"), ("lastColumn", "0"), ("noHBand", "1"),
                           ("noVBand", "1")):
            look.set(w(key), value)
        SubElement(properties, w("tblCaption")).set(w("val"), "Side-by-side comparison")
        grid = SubElement(table, w("tblGrid"))
        for width in self.widths:
            SubElement(grid, w("gridCol")).set(w("w"), str(width))

        old, new = view.old_info, view.new_info
        header = SubElement(table, w("tr"))
        row_properties = SubElement(header, w("trPr"))
        SubElement(row_properties, w("cantSplit"))
        SubElement(row_properties, w("tblHeader"))
        headings = ("No.", f"Old: {old.drafting_party} {old.version} ({old.date})",
                    f"New: {new.drafting_party} {new.version} ({new.date})", "Change")
        for index, text in enumerate(headings):
            paragraph = self.cell(header, index, "table_header")
            self.inline.run(paragraph, text)
        for row in view.rows:
            self.row(table, row)

    def cell(self, tr, index: int, role: str = "table_text", merge: str | None = None,
             fill: str | None = None, open_sides: tuple[str, ...] = ()):
        """A new cell of column ``index`` in ``tr``; its first paragraph."""
        from termsheet.writers.docx.runs import SubElement, add_paragraph, w

        tc = SubElement(tr, w("tc"))
        properties = SubElement(tc, w("tcPr"))
        width = SubElement(properties, w("tcW"))
        width.set(w("w"), str(self.widths[index]))
        width.set(w("type"), "dxa")
        if merge is not None:
            element = SubElement(properties, w("vMerge"))
            if merge == "restart":
                element.set(w("val"), "restart")
        if open_sides:  # no rule between the pieces of one provision
            borders = SubElement(properties, w("tcBorders"))
            for side in ("top", "bottom"):
                if side in open_sides:
                    SubElement(borders, w(side)).set(w("val"), "nil")
        if fill:
            shading = SubElement(properties, w("shd"))
            shading.set(w("val"), "clear")
            shading.set(w("color"), "auto")
            shading.set(w("fill"), fill)
        return add_paragraph(tc, self.styles[role])

    def row(self, table, row: SideRow) -> None:
        from termsheet.writers.docx.runs import SubElement, paragraph_properties, w

        self.inline.where = f"comparison row {row.anchor}"
        segments = row.segments
        many = len(segments) > 1
        keep = _text_size(row) <= KEEP_TOGETHER_CHARS
        fill = SECTION_FILL if row.kind == "section" else None
        rows = []
        for index, segment in enumerate(segments):
            tr = SubElement(table, w("tr"))
            rows.append(tr)
            if keep or _segment_size(segment) < 600:
                SubElement(SubElement(tr, w("trPr")), w("cantSplit"))
            merge = ("restart" if index == 0 else "continue") if many else None
            number = self.cell(tr, 0, merge=merge, fill=fill)
            if index == 0:
                self.numbers(number, row)
            open_sides = tuple(side for side, inner in (("top", index > 0),
                                                        ("bottom", index < len(segments) - 1))
                               if inner)
            for column, piece in ((1, segment.old), (2, segment.new)):
                paragraph = self.cell(tr, column, fill=VOID_FILL if piece is None else fill,
                                      open_sides=open_sides)
                if piece is None:
                    if (index == 0 and row.kind != "ghost"
                            and row.presence != ("old" if column == 1 else "new")):
                        absent = "Not in the old version" if column == 1 else "Not in the new version"
                        self.inline.run(paragraph, absent, ("emphasis",))
                    continue
                self.piece(paragraph, piece)
            change = self.cell(tr, 3, merge=merge, fill=fill)
            if index == 0:
                self.change_cell(change, row)
        if row.kind == "section" or row.heading_only:  # a heading stays with what follows it
            rows_to_keep = rows
        elif keep and len(rows) > 1:  # keep a short provision on one page
            rows_to_keep = rows[:-1]
        else:
            rows_to_keep = []
        if rows_to_keep:
            for tr in rows_to_keep:
                for paragraph in tr.iter(w("p")):
                    properties = paragraph_properties(paragraph)
                    properties.insert(1, properties.makeelement(w("keepNext")))

    def numbers(self, paragraph, row: SideRow) -> None:
        if row.kind == "document":
            self.inline.run(paragraph, "Doc.", ("strong",))
            return
        if row.number:
            self.inline.run(paragraph, row.number, ("strong",))
        notes = []
        if row.renumbered:
            notes.append(f"was {row.old_number}")
        if row.presence == "old":
            notes.append("old place" if row.kind == "ghost" else "old number")
        if row.context:
            notes.append(row.context)
        for note in notes:
            self.inline.line_break(paragraph, None, ())
            self.inline.run(paragraph, note, ("emphasis",))

    def piece(self, paragraph, piece) -> None:
        """One side of one segment, starting in ``paragraph`` (more paragraphs follow it)."""
        tc = paragraph.getparent()
        if isinstance(piece, Title):
            if piece.number:
                self.inline.run(paragraph, piece.number + "  ", ("strong",))
            self.inline.write(paragraph, piece.content, ("strong",))
            tag = piece.status or ("agreed" if piece.status_mark else None)
            if tag:
                mark = {"deleted": ("deleted",), "inserted": ("inserted",)}.get(piece.status_mark, ())
                self.inline.run(paragraph, f" ({words(tag)})", ("tag",) + mark)
        elif isinstance(piece, Paragraph):
            roles = {"subheading": ("strong",), "note": ("emphasis",)}.get(piece.role, ())
            self.inline.write(paragraph, piece.content, roles)
        elif isinstance(piece, ListBlock):
            for index, item in enumerate(piece.items):
                target = paragraph if index == 0 else self.paragraph(tc, "table_text")
                self.inline.run(target, "\u2022 ")
                self.inline.write(target, item)
        elif isinstance(piece, FieldValue):
            self.inline.write(paragraph, piece.label, ("label",))
            self.inline.run(paragraph, ": ", ("label",))
            self.inline.write(paragraph, piece.content)
        elif isinstance(piece, Note):
            self.inline.run(paragraph, piece.text, ("emphasis",))
        else:
            from termsheet.document.nodes import unknown_node
            raise unknown_node("diff-docx", piece)

    def change_cell(self, paragraph, row: SideRow) -> None:
        tc = paragraph.getparent()
        if not row.changes:
            if row.heading_only:
                self.inline.run(paragraph, "Heading only, for context: the text of this "
                                           "provision is unchanged.", ("emphasis",))
            elif row.status in STATUS_WORDS:
                self.inline.run(paragraph, STATUS_WORDS[row.status], ("label",))
                if row.owner_number:
                    self.inline.line_break(paragraph, None, ())
                    self.inline.run(paragraph, f"Part of the change to {row.owner_number}.",
                                    ("emphasis",))
            return
        first = True
        for change in row.changes:
            target = paragraph if first else self.paragraph(tc, "table_text")
            first = False
            self.change(tc, target, change)

    def change(self, tc, paragraph, change: ChangeView) -> None:
        self.inline.run(paragraph, change.badge, ("strong",))
        lines = []
        if change.why:
            lines.append(("Why: ", "; ".join(change.why)))
        if change.status_label:
            lines.append((change.status_label + (": " if change.change.status_reason else ""),
                          change.change.status_reason or ""))
        lines += [("New lint warning: ", flag) for flag in change.flags]
        for label, text in lines:
            line = self.paragraph(tc, "table_text")
            self.inline.run(line, label, ("strong",))
            self.inline.run(line, text)
        for fact in change.substance:
            line = self.paragraph(tc, "table_text")
            self.inline.run(line, "\u2022 ")
            self.inline.run(line, fact.field, ("label",))
            self.inline.run(line, f": {fact.text}")
            if fact.direction != "changed":
                self.inline.run(line, f" ({fact.direction})", ("strong",))
            reason = change.reason_of(fact)
            if reason:
                self.inline.run(line, f" \u2014 {reason}")
        if change.provenance:
            line = self.paragraph(tc, "table_text")
            self.inline.run(line, "Provenance: " + ", ".join(f.field for f in change.provenance)
                            + " changed.", ("emphasis",))
        for note in change.notes:
            line = self.paragraph(tc, "table_text")
            self.inline.run(line, note, ("emphasis",))


def _counts(counts) -> str:
    parts = [f"{count} {key.replace('_', ' ')}" for key, count in counts if count]
    return ", ".join(parts) if parts else "none"


def _segment_size(segment) -> int:
    size = 0
    for piece in (segment.old, segment.new):
        if isinstance(piece, (Title, Paragraph)):
            size = max(size, len(plain_text(piece.content)))
        elif isinstance(piece, FieldValue):
            size = max(size, len(plain_text(piece.content)))
        elif isinstance(piece, ListBlock):
            size = max(size, sum(len(plain_text(item)) for item in piece.items))
        elif isinstance(piece, Note):
            size = max(size, len(piece.text))
    return size


def _text_size(row: SideRow) -> int:
    return sum(_segment_size(segment) for segment in row.segments)
