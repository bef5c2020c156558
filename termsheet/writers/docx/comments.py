"""Word comments on the redline: one per change, with its direction, reasons, status and warnings.

    Weakened — United States removed as provider; majority instead of consensus.
    Status: reopened (agreed → bracketed).
    New lint warning: W-COUNTERPARTY-VETO: …
    Modified: Consultations after an attack (3.1; 3.2 in OLD).

Each comment is anchored on the paragraph where its change stands in the redline:
the heading of a section or clause, a paragraph, a table's caption, a row's first
cell. That place is the node of the change's YAML path
(`termsheet.compare.places.change_place`) in NEW, or in OLD for a removed item; a
change with no such node (the term sheet's metadata) is anchored on the title.

The body writer (`tracked.TrackedBodyWriter`) tells `Comments.note` which
paragraph starts each node while it writes them; `Comments.write` then adds
``w:commentRangeStart``/``End`` around the paragraph's content, a
``w:commentReference`` run after it, and ``word/comments.xml`` with its
relationship and content type. The range and reference are not tracked: the
comments stay until deleted (Review › Delete All Comments in Word).

Comment ids are their own sequence, 0, 1, 2… in the order of the changes:
WordprocessingML numbers comments apart from bookmarks and revisions. Author and
date are those of the tracked changes; nothing depends on the clock.
"""

from __future__ import annotations

import dataclasses

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.parts.comments import CommentsPart
from lxml import etree

from termsheet.compare.comparison import Change, Comparison
from termsheet.compare.facts import KIND_WORDS, change_notes
from termsheet.compare.places import change_place
from termsheet.document.nodes import DELETED, MOVED_FROM
from termsheet.schema.vocab import value_words
from termsheet.writers.docx.added_styles import StyleSpec, add_styles
from termsheet.writers.docx.roles import StyleMap
from termsheet.writers.docx.runs import (
    PPR, R, RPR, RSTYLE, VAL, SubElement, add_paragraph, append_text, check_text, w,
)

COMMENT_TEXT, COMMENT_REFERENCE = "annotation text", "annotation reference"
STYLES = (
    StyleSpec("paragraph", COMMENT_TEXT, "CommentText", paragraph=(
        ("spacing", (("after", "60"), ("line", "240"), ("lineRule", "auto"))),),
        run=(("sz", (("val", "18"),)), ("szCs", (("val", "18"),)))),
    StyleSpec("character", COMMENT_REFERENCE, "CommentReference",
              run=(("sz", (("val", "16"),)), ("szCs", (("val", "16"),)))),
)
"""Word's built-in comment styles, added when reference.docx lacks them."""

DIRECTION_WORDS = {
    "strengthened": "Strengthened", "weakened": "Weakened", "mixed": "Mixed",
    "wording": "Wording only", "changed": "No direction",
}
"""A change's direction as the first word of its comment."""

STATUS_WORDS = {"settled": "settled", "reopened": "reopened", "converged": "converged",
                "status": "changed"}

REMOVED_COPIES = (DELETED, MOVED_FROM)

Piece = tuple[str, bool]
"""Text of a comment and whether it is bold."""


# ------------------------------------------------------------------ the words

def comment_paragraphs(change: Change, comparison: Comparison) -> list[list[Piece]]:
    """The comment of ``change``: paragraphs of (text, bold) pieces."""
    direction = DIRECTION_WORDS.get(change.direction) or _capital(value_words(change.direction))
    reasons = [_sentence(r) for r in change.reasons if r.strip()]
    if not reasons:
        reasons = [_sentence(f.reason) for f in change.fields if f.reason and f.reason.strip()]
    first = [(direction, True)]
    if reasons:
        first.append((" \u2014 " + "; ".join(dict.fromkeys(reasons)) + ".", False))
    else:
        first.append((".", False))
    paragraphs = [first]
    if change.status:
        status = STATUS_WORDS.get(change.status, value_words(change.status))
        text = f" {status} ({_sentence(change.status_reason)})." if change.status_reason else f" {status}."
        paragraphs.append([("Status:", True), (text, False)])
    for flag in change.flags:
        paragraphs.append([("New lint warning:", True), (f" {flag}", False)])
    old_number = comparison.change_number(change, "old")
    new_number = comparison.change_number(change, "new")
    if change.is_guess:
        score = f" (score {change.similarity:.2f})" if change.similarity is not None else ""
        paragraphs.append([("A guess:", True), (f" paired with {change.old_id} in OLD by the "
                                                f"similarity of their texts{score}, not by id.", False)])
    # the moves and invisible characters (the guess is said above)
    for note in change_notes(dataclasses.replace(change, paired_by="id"), old_number, new_number):
        paragraphs.append([(note, False)])
    paragraphs.append([(KIND_WORDS.get(change.kind, _capital(value_words(change.kind))) + ":", True),
                       (f" {change.label}{_numbers(change, old_number, new_number)}.", False)])
    return paragraphs


def _sentence(text: str) -> str:
    return " ".join(text.split()).rstrip(".;")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _numbers(change: Change, old: str | None, new: str | None) -> str:
    if change.kind == "removed":
        return f" ({old} in OLD)" if old else ""
    if new and old and old != new:
        return f" ({new}; {old} in OLD)"
    return f" ({new})" if new else ""


def initials(author: str) -> str:
    """``Coalition of the Willing`` → ``CW``: the capitals and digits starting its words."""
    found = "".join(word[0] for word in author.replace(",", " ").split() if word[0].isupper()
                    or word[0].isdigit())
    return (found or author.strip()[:1]).upper()[:4]


# ------------------------------------------------------------------ the places

def change_node(change: Change, comparison: Comparison) -> tuple[str | None, str]:
    """The id of the node where ``change`` stands, and the side it is read on (``new``, ``old``)."""
    for side, places in (("new", comparison.new_places), ("old", comparison.old_places)):
        place = change_place(change, side, places)
        if place and place[0]:
            return place[0], side
    return None, "new"


class Comments:
    """The comments of one redline: where each goes, then the comments part."""

    def __init__(self, comparison: Comparison, *, author: str, date: str):
        self.comparison = comparison
        self.author, self.date = author, date
        self.targets = [(change, *change_node(change, comparison)) for change in comparison.changes]
        self._wanted = {node_id for _, node_id, _ in self.targets if node_id}
        self._paragraphs: dict[str, list] = {}

    def note(self, node_id: str, paragraph, change: str | None) -> None:
        """``paragraph`` is the first of node ``node_id``, a copy marked ``change``."""
        if node_id in self._wanted:
            self._paragraphs.setdefault(node_id, []).append((paragraph, change))

    def paragraph(self, node_id: str | None, side: str):
        """The paragraph to anchor on: NEW's copy of the node (OLD's for a removed item)."""
        copies = self._paragraphs.get(node_id, []) if node_id else []
        wanted = [p for p, change in copies if (change in REMOVED_COPIES) == (side == "old")]
        return (wanted or [p for p, _ in copies] or [None])[0]

    def write(self, document, styles: StyleMap, title) -> None:
        """Anchor every comment (on ``title`` when its node was not written) and add the part."""
        if not self.targets:
            return
        ids = add_styles(document, styles, STYLES)
        reference_style = ids[COMMENT_REFERENCE]
        anchored: dict[int, tuple] = {}
        for number, (change, node_id, side) in enumerate(self.targets):
            paragraph = self.paragraph(node_id, side)
            if paragraph is None:
                paragraph = title
            anchored.setdefault(id(paragraph), (paragraph, []))[1].append(str(number))
        for paragraph, numbers in anchored.values():
            _anchor(paragraph, numbers, reference_style)
        part = CommentsPart.default(document.part.package)
        root = part.element
        for number, (change, _, _) in enumerate(self.targets):
            root.append(self._comment(str(number), change, ids))
        document.part.relate_to(part, RT.COMMENTS)

    def _comment(self, number: str, change: Change, ids: dict[str, str]):
        comment = _element("comment", id=number, author=self.author, date=self.date,
                           initials=initials(self.author))
        where = f"comment on {change.id}"
        for index, pieces in enumerate(comment_paragraphs(change, self.comparison)):
            paragraph = add_paragraph(comment, ids[COMMENT_TEXT])
            if index == 0:
                run = SubElement(paragraph, R)
                SubElement(SubElement(run, RPR), RSTYLE).set(VAL, ids[COMMENT_REFERENCE])
                SubElement(run, w("annotationRef"))
            for text, bold in pieces:
                run = SubElement(paragraph, R)
                if bold:
                    SubElement(SubElement(run, RPR), w("b"))
                append_text(run, check_text(text, where))
        return comment


def _element(tag: str, **attributes):
    element = etree.Element(w(tag))
    for key, value in attributes.items():
        element.set(w(key), value)
    return element


def _anchor(paragraph, numbers: list[str], reference_style: str) -> None:
    """Comment ranges around the whole content of ``paragraph``, then the references."""
    ppr = paragraph.find(PPR)
    at = 1 if ppr is not None and paragraph.index(ppr) == 0 else 0
    for offset, number in enumerate(numbers):
        paragraph.insert(at + offset, _element("commentRangeStart", id=number))
    for number in numbers:
        paragraph.append(_element("commentRangeEnd", id=number))
    for number in numbers:
        run = SubElement(paragraph, R)
        SubElement(SubElement(run, RPR), RSTYLE).set(VAL, reference_style)
        SubElement(run, w("commentReference")).set(w("id"), number)

