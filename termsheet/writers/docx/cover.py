"""The cover page of the redline DOCX: what was compared, how, and how to read the redline.

Title ("Comparison of version 0.3.0 with version 0.4.0"), any notice of the
comparison (prominent, first), the two versions side by side (file, document,
title, version, drafting party by name, date, status), whether they are one
party's versions or two parties' documents, whose protection the directions
measure, the items changed by kind and a table of the counts by label, and a
legend of the marks and comments. A page break follows; the redlined term sheet
starts on the next page.

The cover is not tracked (neither accepted nor rejected with the changes) and
every paragraph of it is in a style whose name starts with ``Comparison Cover``
(`COVER_PREFIX`), added to reference.docx when it lacks them: a reader of the
file (the test oracles, a script) leaves out the leading paragraphs and tables
in those styles to get the term sheet alone.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from termsheet.compare.comparison import Comparison
from termsheet.compare.facts import KIND_WORDS
from termsheet.document.nodes import Document, DocumentInfo
from termsheet.schema.vocab import value_words
from termsheet.writers.docx.added_styles import StyleSpec, add_styles
from termsheet.writers.docx.labels import sentence
from termsheet.writers.docx.roles import StyleMap
from termsheet.writers.docx.runs import (
    P, R, RPR, VAL, SubElement, add_paragraph, append_text, check_text,
    paragraph_properties, w,
)

COVER_PREFIX = "Comparison Cover"
_RED = "B00020"
_RED_BOX = tuple((side, (("val", "single"), ("sz", "12"), ("space", space), ("color", _RED)))
                 for side, space in (("top", "4"), ("left", "6"), ("bottom", "4"), ("right", "6")))
STYLES = (
    StyleSpec("paragraph", "Comparison Cover Title", "ComparisonCoverTitle", "title",
              paragraph=(("spacing", (("before", "0"), ("after", "80"))),)),
    StyleSpec("paragraph", "Comparison Cover Subtitle", "ComparisonCoverSubtitle", "title_localized",
              paragraph=(("spacing", (("after", "240"),)),)),
    StyleSpec("paragraph", "Comparison Cover Heading", "ComparisonCoverHeading", "clause_heading",
              paragraph=(("keepNext", ()), ("spacing", (("before", "240"), ("after", "80"))),
                         ("ind", (("left", "0"), ("hanging", "0"))), ("outlineLvl", (("val", "9"),)))),
    StyleSpec("paragraph", "Comparison Cover Text", "ComparisonCoverText", "body"),
    StyleSpec("paragraph", "Comparison Cover Note", "ComparisonCoverNote", "note"),
    StyleSpec("paragraph", "Comparison Cover Notice", "ComparisonCoverNotice", "body",
              paragraph=(("keepLines", ()), ("pBdr", _RED_BOX), ("shd", (("val", "clear"), ("color", "auto"),
                                                                        ("fill", "FBE9EC"))),
                         ("spacing", (("before", "120"), ("after", "120"))),
                         ("ind", (("left", "113"), ("right", "113")))),
              run=(("b", ()), ("color", (("val", _RED),)))),
    StyleSpec("paragraph", "Comparison Cover Table Header", "ComparisonCoverTableHeader",
              "table_header_compact"),
    StyleSpec("paragraph", "Comparison Cover Table Text", "ComparisonCoverTableText",
              "table_text_compact"),
)
"""The cover's styles, by role: title, subtitle, heading, text, note, notice, table header and text."""

LABEL_ORDER = ("strengthened", "weakened", "mixed", "wording", "settled", "reopened", "converged",
               "diverged", "status", "moved", "lint")
LABEL_WORDS = {
    "strengthened": ("Strengthened", "stronger, as measured above"),
    "weakened": ("Weakened", "weaker, as measured above"),
    "mixed": ("Mixed", "stronger in some respects, weaker in others"),
    "wording": ("Wording only", "the words changed, not what they commit to"),
    "settled": ("Settled", "the text status became agreed"),
    "reopened": ("Reopened", "agreed text is open again"),
    "converged": ("Converged", "the two parties now hold the same text"),
    "diverged": ("Diverged", "the two parties' texts moved apart"),
    "status": ("Status changed", "the text status changed otherwise"),
    "moved": ("Moved", "now at another place in the text"),
    "lint": ("New warnings", "the new text raises a check's warning the old one did not"),
}
"""A label as the counts table names and explains it."""

Piece = tuple[str, str]
"""Text and its look: ``""`` plain, ``b`` bold, ``ins``, ``del``, ``move`` (the legend's samples)."""

LOOKS = {
    "b": (("b", None),),
    "ins": (("u", "single"),),
    "del": (("strike", None),),
    "move": (("u", "double"),),
}
"""Run properties of each look (``w:`` tag, ``w:val``), in schema order."""


# ------------------------------------------------------------------ the words

def party_name(sheet, party_id: str, fallback: str | None) -> str:
    """The name of party ``party_id`` in ``sheet``'s parties, else ``fallback``, else the id."""
    for party in getattr(sheet, "parties", None) or ():
        if party.id == party_id:
            return party.name
    return fallback or party_id


def title_text(comparison: Comparison, old_party: str, new_party: str) -> str:
    old, new = comparison.old, comparison.new
    if comparison.mode == "parties":
        return f"Comparison of {_possessive(old_party)} draft with {_possessive(new_party)} draft"
    return f"Comparison of version {old.version} with version {new.version}"


def _possessive(name: str) -> str:
    return f"{name}\u2019" if name.endswith("s") else f"{name}\u2019s"


def mode_text(comparison: Comparison, old_party: str, new_party: str) -> str:
    old, new = comparison.old, comparison.new
    if comparison.mode == "parties":
        return (f"These are two parties\u2019 documents, not two versions of one text: the "
                f"changes show where {_possessive(new_party)} text ({new.version}, {new.date}) "
                f"differs from {_possessive(old_party)} ({old.version}, {old.date}), not edits "
                "one party made to the other\u2019s text.")
    return (f"These are two versions of one party\u2019s text: the changes show how the text "
            f"moved from version {old.version} ({old.date}) to version {new.version} ({new.date}).")


def perspective_text(comparison: Comparison) -> str:
    if comparison.perspective.strip():
        return comparison.perspective.strip()
    return ("Strengthened and weakened are structural labels taken from the strength orders of "
            "the term-sheet format, not political judgements.")


def label_counts(comparison: Comparison) -> list[tuple[str, int]]:
    """``(label, items)`` in the order summaries use; counted from the changes when not given."""
    counts = comparison.counts_by_label or Counter(
        label for change in comparison.changes for label in change.labels)
    known = [label for label in LABEL_ORDER if counts.get(label)]
    return [(label, counts[label]) for label in known + sorted(set(counts) - set(LABEL_ORDER))
            if counts[label]]


def kind_counts(comparison: Comparison) -> str:
    """``3 added, 1 removed, 12 modified`` (kinds in the summaries' order)."""
    counts = comparison.counts_by_kind or Counter(change.kind for change in comparison.changes)
    return ", ".join(f"{count} {KIND_WORDS.get(kind, kind).lower()}"
                     for kind, count in counts.items() if count)


def version_rows(comparison: Comparison, infos: tuple[DocumentInfo | None, DocumentInfo],
                 parties: tuple[str, str]) -> list[tuple[str, str, str]]:
    """The rows of the versions table: ``(field, old, new)``; a row empty on both sides is left out."""
    old, new = comparison.old, comparison.new

    def status(info: DocumentInfo | None) -> str:
        return sentence(info.status) if info and info.status else ""

    rows = [("File", old.file or "", new.file or ""), ("Document", old.doc_id, new.doc_id),
            ("Title", old.title, new.title), ("Version", old.version, new.version),
            ("Drafting party", *parties), ("Date", old.date, new.date),
            ("Status", status(infos[0]), status(infos[1]))]
    return [row for row in rows if row[1] or row[2]]


# ------------------------------------------------------------------ the page

def write_cover(document, doc: Document, comparison: Comparison, styles: StyleMap, width: int, *,
                author: str, date: str) -> None:
    """Put the cover page at the start of ``document``'s body, the term sheet on the next page."""
    ids = add_styles(document, styles, STYLES)
    body = document.element.body
    first = body[0] if len(body) else None
    cover = _Cover(etree.Element(w("body")), ids, styles, width)
    cover.build(doc, comparison, author=author, date=date)
    for index, element in enumerate(cover.parent):
        body.insert(index, element)
    if first is not None and first.tag == P:
        _page_break_before(first)


class _Cover:
    def __init__(self, parent, ids: dict[str, str], styles: StyleMap, width: int):
        self.parent, self.ids, self.styles, self.width = parent, ids, styles, width
        self._after_table = False

    def build(self, doc: Document, comparison: Comparison, *, author: str, date: str) -> None:
        old, new = comparison.old, comparison.new
        parties = (party_name(comparison.old_sheet, old.drafting_party,
                              doc.old_info.drafting_party if doc.old_info else None),
                   party_name(comparison.new_sheet, new.drafting_party, doc.info.drafting_party))
        self.line("Title", [(title_text(comparison, *parties), "")])
        self.line("Subtitle", [(new.title, "")])
        for notice in comparison.notices:
            self.line("Notice", [("Notice: ", ""), (notice, "")])
        self.line("Heading", [("Documents compared", "")])
        self.table(("", "Old", "New"), version_rows(comparison, (doc.old_info, doc.info), parties),
                   (0.2, 0.4, 0.4))
        self.line("Text", [(mode_text(comparison, *parties), "")])
        self.line("Text", [("Perspective. ", "b"), (perspective_text(comparison), "")])
        self.changes(comparison)
        self.legend(author, date)

    def changes(self, comparison: Comparison) -> None:
        self.line("Heading", [("Changes", "")])
        if comparison.is_empty():
            self.line("Text", [("No differences: the two versions hold the same terms.", "b")])
            return
        total = len(comparison.changes)
        self.line("Text", [(f"{total} item{'s' if total != 1 else ''} changed: ", "b"),
                           (kind_counts(comparison) + ".", "")])
        counts = label_counts(comparison)
        if counts:
            rows = [(LABEL_WORDS.get(label, (sentence(value_words(label)), ""))[0], str(count),
                     LABEL_WORDS.get(label, ("", ""))[1]) for label, count in counts]
            self.table(("Label", "Items", "Meaning"), rows, (0.25, 0.12, 0.63))
        self.line("Note", [("An item may carry several labels (for example weakened and moved), "
                            "so the counts can add up to more than the items changed; an item "
                            "with no direction and no other label is counted in none.", "")])

    def legend(self, author: str, date: str) -> None:
        self.line("Heading", [("How to read the redline", "")])
        self.line("Text", [(f"The following pages are the new text with every difference from the "
                            f"old one as a Word tracked change by {author}, dated {_day(date)}. "
                            "Accepting all changes gives the new text; rejecting all gives the "
                            "old one.", "")])
        self.table(("Mark", "Meaning"), [
            ([("inserted words", "ins")], "inserted in the new text (underlined)"),
            ([("deleted words", "del")], "deleted from the old text (struck through)"),
            ([("moved text", "move")], "moved: double-underlined at its new place, struck "
                                       "through twice at its old one"),
        ], (0.3, 0.7))
        self.line("Text", [("Comments. ", "b"), (
            "Each changed item carries one comment, on its heading or first line: its direction "
            "and the reasons for it, any change of its text status and any new warning of the "
            "term-sheet checks. An item paired with the old text by similarity rather than by "
            "its id says it is a guess. Word and LibreOffice colour the marks by author; the "
            "colours carry no meaning. This page is not part of either text and is not a "
            "tracked change.", "")])

    # -------------------------------------------------------------- elements

    def line(self, role: str, pieces: list[Piece], parent=None):
        paragraph = add_paragraph(self.parent if parent is None else parent,
                                  self.ids[f"{COVER_PREFIX} {role}"])
        if parent is None and self._after_table:  # a paragraph after a table: 6 pt apart
            SubElement(paragraph_properties(paragraph), w("spacing")).set(w("before"), "120")
        if parent is None:
            self._after_table = False
        for text, look in pieces:
            run = SubElement(paragraph, R)
            if look in LOOKS:
                rpr = SubElement(run, RPR)
                for tag, value in LOOKS[look]:
                    element = SubElement(rpr, w(tag))
                    if value is not None:
                        element.set(VAL, value)
            append_text(run, check_text(text, "cover page"))
        return paragraph

    def table(self, header: tuple[str, ...], rows, shares: tuple[float, ...]) -> None:
        widths = [int(self.width * share) for share in shares]
        table = SubElement(self.parent, w("tbl"))
        properties = SubElement(table, w("tblPr"))
        SubElement(properties, w("tblStyle")).set(VAL, self.styles["table_compact"])
        table_width = SubElement(properties, w("tblW"))
        table_width.set(w("w"), str(sum(widths)))
        table_width.set(w("type"), "dxa")
        SubElement(properties, w("tblLayout")).set(w("type"), "fixed")
        look = SubElement(properties, w("tblLook"))
        for key, value in (("val", "0020"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                           ("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):
            look.set(w(key), value)
        grid = SubElement(table, w("tblGrid"))
        for width in widths:
            SubElement(grid, w("gridCol")).set(w("w"), str(width))
        self.row(table, [[(text, "")] for text in header], widths, "Table Header", header=True)
        for row in rows:
            self.row(table, [cell if isinstance(cell, list) else [(cell, "")] for cell in row],
                     widths, "Table Text")
        self._after_table = True

    def row(self, table, cells: list[list[Piece]], widths: list[int], role: str,
            header: bool = False) -> None:
        tr = SubElement(table, w("tr"))
        row_properties = SubElement(tr, w("trPr"))
        SubElement(row_properties, w("cantSplit"))
        if header:
            SubElement(row_properties, w("tblHeader"))
        for pieces, width in zip(cells, widths):
            tc = SubElement(tr, w("tc"))
            cell_width = SubElement(SubElement(tc, w("tcPr")), w("tcW"))
            cell_width.set(w("w"), str(width))
            cell_width.set(w("type"), "dxa")
            self.line(role, pieces, parent=tc)


def _day(date: str) -> str:
    """``2026-02-02T00:00:00Z`` → ``2026-02-02``: a revision date at midnight UTC as a day."""
    return date[:10] if date.endswith("T00:00:00Z") else date


_BEFORE_PAGE_BREAK = tuple(w(tag) for tag in ("pStyle", "keepNext", "keepLines"))


def _page_break_before(paragraph) -> None:
    """Start ``paragraph`` on a new page (``w:pageBreakBefore`` in schema order)."""
    ppr = paragraph_properties(paragraph)
    if ppr.find(w("pageBreakBefore")) is not None:
        return
    at = sum(1 for child in ppr if child.tag in _BEFORE_PAGE_BREAK)
    ppr.insert(at, etree.Element(w("pageBreakBefore")))

