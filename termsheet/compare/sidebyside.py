"""Side-by-side rows of a comparison: OLD and NEW aligned provision by provision.

    build_side_by_side(comparison, old_doc, new_doc) -> SideBySide

The three side-by-side writers (HTML, PDF, DOCX) read the result of this module
and nothing else, so they show the same rows, numbers, marks and badges.

**Rows.** One row per provision, in the term sheet's section order (NEW's order;
content only OLD has stands where it stood in OLD, as in a redline):

- ``document``: the identity of the two versions (title, version, date…);
- ``section``: a section heading (number and title);
- ``clause``: a numbered clause — its heading and its text;
- ``item``: a provision inside a clause: a table row (a deployment, a guarantor,
  a response step, a party's position…) or a paragraph with an id of its own (a
  related instrument, a termination ground) with the paragraphs that follow it;
- ``text``: text between provisions (a section's introduction, notes after a table);
- ``ghost``: where a moved provision stood in OLD, with a link to its row.

**Alignment** is by id, never by diffing rendered text: sections, clauses,
tables, rows and paragraphs that carry an id are paired by it (anywhere in the
document: a clause that changed section is a move); items the comparison paired
by similarity (a renamed id) are paired the same way; blocks without an id are
paired by position and kind (:func:`termsheet.compare.redline.align`).

**Words.** Each aligned pair of blocks gets the redline's word-level diff
(:func:`termsheet.compare.redline.diff_inlines`): the OLD column holds OLD's
text with the dropped words as ``Deleted``, the NEW column NEW's text with the
added words as ``Inserted``. Cross-references are compared by target, so a
reference that only got a new number is not a change (each column prints its
own number). Inside a change, characters a reader cannot see (a no-break space,
a soft hyphen, a combining accent of a decomposed letter, a changed space) are
:class:`Invisible` nodes, which writers print visibly (``⟨NBSP⟩``).

**Changes.** Every :class:`~termsheet.compare.Change` is attached to the row of
its item (looked up by id, then by the ids the builder gives items without one);
a change of a singleton that spans a section (scope, enforcement) goes to the
section's row, and one with no place in the term sheet (metadata) to the
``document`` row. A row's HTML id is the id of its (first) change, so
``page.html#chg-…`` lands on it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Iterator

from termsheet.compare.classify import DIRECTIONS
from termsheet.compare.comparison import (
    KINDS, PROVENANCE_FIELDS, Change, Comparison, FieldChange, document_ids,
)
from termsheet.compare.redline import align, diff_inlines, diff_text, tokenize
from termsheet.document.nodes import (
    Clause, Deleted, Document, DocumentInfo, Emphasis, Inserted, LineBreak, ListBlock,
    Paragraph, Reference, Row, Section, Table, Term, Text, plain_text, unknown_node,
)

Inlines = tuple

KIND_WORDS = {
    "added": "Added", "removed": "Removed", "modified": "Modified", "moved": "Moved",
    "moved_and_modified": "Moved and modified",
}
"""A change's kind in words, as badges print it."""

INVISIBLE_NAMES = {
    " ": "space", "\n": "line break", "\t": "tab", "\r": "carriage return",
    "\u00a0": "NBSP", "\u202f": "NNBSP", "\u2007": "FIGSP", "\u2009": "THINSP",
    "\u200a": "HAIRSP", "\u2002": "ENSP", "\u2003": "EMSP", "\u3000": "IDSP", "\u00ad": "SHY",
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\ufeff": "BOM",
}
"""Short names of invisible characters for the ``⟨NBSP⟩`` markers (others: ``⟨U+XXXX⟩``)."""

_ANCHOR = re.compile(r"^[a-z][a-z0-9._:~-]*$")
_CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")


# ----------------------------------------------------------------- data structure

@dataclass(frozen=True)
class Invisible:
    """An inline node: a character a reader cannot see, printed as a visible marker."""

    char: str

    @property
    def label(self) -> str:
        """``NBSP``, ``SHY``, ``U+0301``…"""
        return INVISIBLE_NAMES.get(self.char) or f"U+{ord(self.char):04X}"

    @property
    def marker(self) -> str:
        """What the page prints: ``⟨NBSP⟩``."""
        return f"\u27e8{self.label}\u27e9"

    @property
    def description(self) -> str:
        """``U+00A0 NO-BREAK SPACE`` (for a tooltip or a note)."""
        name = unicodedata.name(self.char, "")
        return f"U+{ord(self.char):04X}" + (f" {name}" if name else "")


@dataclass(frozen=True)
class Title:
    """The heading of a clause or section on one side: number, title words, text status."""

    number: str | None
    content: Inlines
    status: str | None = None
    """The text status when not ``agreed`` (``bracketed``…), printed as a tag."""
    status_mark: str | None = None
    """``deleted``/``inserted`` when the status differs between OLD and NEW."""


@dataclass(frozen=True)
class FieldValue:
    """One labelled value on one side: a table cell under its column heading, a metadata field."""

    label: Inlines
    content: Inlines


@dataclass(frozen=True)
class Note:
    """A line of explanation the comparison adds (a moved provision's new place…)."""

    text: str
    target: str | None = None
    """Anchor of the row the note links to."""


@dataclass(frozen=True)
class Segment:
    """One aligned pair of pieces of a row: OLD's piece and NEW's (either may be absent)."""

    old: Title | Paragraph | ListBlock | FieldValue | Note | None
    new: Title | Paragraph | ListBlock | FieldValue | Note | None

    @property
    def differs(self) -> bool:
        return self.old is None or self.new is None or _has_marks(self.old) or _has_marks(self.new)


@dataclass(frozen=True)
class Fact:
    """One field change in words: ``modality: may → will`` (strengthened)."""

    field: str
    text: str
    direction: str
    provenance: bool = False
    """A basis, source, note or proposer change (printed apart, smaller)."""


@dataclass(frozen=True)
class ChangeView:
    """A Change as the side-by-side shows it."""

    change: Change
    anchor: str
    """The id of the row (or of the extra anchor) the change list links to."""
    number: str | None
    """The provision's number (NEW's; OLD's for a removed one)."""
    old_number: str | None
    new_number: str | None
    badge: str
    """``Modified · strengthened``."""
    title: str
    """What the change list calls the provision: its title, or its row's first words when
    the change's own label is just a key (``fr``, ``term-notice (notice)``)."""
    facts: tuple[Fact, ...]
    notes: tuple[str, ...]
    """Moves, guesses, invisible differences, in words."""

    @property
    def id(self) -> str:
        return self.change.id

    @property
    def kind(self) -> str:
        return self.change.kind

    @property
    def direction(self) -> str:
        return self.change.direction

    @property
    def label(self) -> str:
        return self.change.label

    @property
    def substance(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if not f.provenance)

    @property
    def provenance(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.provenance)


@dataclass(frozen=True)
class SideRow:
    """One row of the side-by-side: a provision on both sides."""

    anchor: str
    """The row's HTML id: its first change's id (``chg-…``), else ``row-<node id>``."""
    kind: str
    """``document``, ``section``, ``clause``, ``item``, ``text`` or ``ghost``."""
    node_id: str | None
    old_number: str | None
    new_number: str | None
    presence: str
    """``both``, ``old`` (only OLD has it) or ``new``."""
    segments: tuple[Segment, ...]
    changes: tuple[ChangeView, ...] = ()
    context: str | None = None
    """What an item row belongs to (its table's caption: "Deployments")."""
    owner: str | None = None
    """Anchor of the change of the clause an item row belongs to, when it has none of its own."""
    owner_number: str | None = None
    """That clause's number."""
    moved: bool = False
    section_changed: bool = False
    """For section rows: whether any row of the section differs (kept when unchanged rows hide)."""

    @property
    def differs(self) -> bool:
        """Whether the two sides differ visibly (renumbering alone does not count)."""
        return self.presence != "both" or any(s.differs for s in self.segments)

    @property
    def changed(self) -> bool:
        """Whether the row stays when unchanged rows are hidden."""
        if self.kind == "section":
            return bool(self.changes) or self.differs or self.section_changed
        return bool(self.changes) or self.differs or self.kind == "ghost"

    @property
    def number(self) -> str | None:
        return self.new_number or self.old_number

    @property
    def renumbered(self) -> bool:
        return bool(self.old_number and self.new_number and self.old_number != self.new_number)

    @property
    def status(self) -> str:
        """A word for the row's state when it carries no change: for badges and classes."""
        if self.kind == "ghost":
            return "ghost"
        if self.changes:
            return "change"
        if self.presence == "old":
            return "only-old"
        if self.presence == "new":
            return "only-new"
        return "differs" if self.differs else "unchanged"


@dataclass(frozen=True)
class SideBySide:
    """Everything the side-by-side writers print."""

    comparison: Comparison
    old_info: DocumentInfo
    new_info: DocumentInfo
    rows: tuple[SideRow, ...]
    changes: tuple[ChangeView, ...]
    """Every change of the comparison once, in page order."""

    @property
    def empty(self) -> bool:
        return self.comparison.is_empty()

    @property
    def counts_by_kind(self) -> list[tuple[str, int]]:
        return [(k, self.comparison.counts_by_kind.get(k, 0)) for k in KINDS]

    @property
    def counts_by_direction(self) -> list[tuple[str, int]]:
        return [(d, self.comparison.counts_by_direction.get(d, 0)) for d in DIRECTIONS]

    @property
    def directional(self) -> tuple[ChangeView, ...]:
        """Changes with a direction other than ``changed`` (strength and status)."""
        return tuple(c for c in self.changes if c.direction != "changed")

    @property
    def title(self) -> str:
        """``Comparison: <old title> (<old version>) → <new title> (<new version>)``."""
        old, new = self.old_info, self.new_info
        return f"Comparison: {old.title} ({old.version}) \u2192 {new.title} ({new.version})"

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, text) for every text the side-by-side prints (for glyph checks)."""
        yield "title", self.title
        for row in self.rows:
            where = f"row {row.anchor}"
            for text in (row.context, row.old_number, row.new_number):
                if text:
                    yield where, text
            for segment in row.segments:
                for piece in (segment.old, segment.new):
                    yield from ((where, t) for t in _piece_texts(piece))
        for change in self.changes:
            where = f"change {change.id}"
            yield where, change.title
            yield where, change.badge
            for fact in change.facts:
                yield where, f"{fact.field}: {fact.text}"
            for note in change.notes:
                yield where, note


# ----------------------------------------------------------------------- entry

def build_side_by_side(comparison: Comparison, old_doc: Document, new_doc: Document) -> SideBySide:
    """The aligned rows of ``comparison`` over the two built, numbered Documents."""
    for side, info, doc in (("old", comparison.old, old_doc), ("new", comparison.new, new_doc)):
        if not isinstance(doc, Document):
            raise TypeError(f"the {side} document is not a Document (got {type(doc).__name__})")
        if (doc.info.doc_id, doc.info.version) != (info.doc_id, info.version):
            raise ValueError(
                f"the {side} document is {doc.info.doc_id} {doc.info.version}, but the "
                f"comparison's {side} side is {info.doc_id} {info.version}")
    return _Builder(comparison, old_doc, new_doc).run()


# ------------------------------------------------------------------ inline helpers

def _has_marks(piece) -> bool:
    if isinstance(piece, Title):
        return piece.status_mark is not None or _marked(piece.content)
    if isinstance(piece, Paragraph):
        return _marked(piece.content)
    if isinstance(piece, ListBlock):
        return any(_marked(item) for item in piece.items)
    if isinstance(piece, FieldValue):
        return _marked(piece.label) or _marked(piece.content)
    return False


def _marked(inlines) -> bool:
    for node in inlines:
        if isinstance(node, (Inserted, Deleted)):
            return True
        if isinstance(node, Emphasis) and _marked(node.children):
            return True
    return False


def _piece_texts(piece) -> Iterator[str]:
    if piece is None:
        return
    if isinstance(piece, Title):
        yield from (t for t in (piece.number, _plain(piece.content), piece.status) if t)
    elif isinstance(piece, Paragraph):
        yield _plain(piece.content)
    elif isinstance(piece, ListBlock):
        yield from (_plain(item) for item in piece.items)
    elif isinstance(piece, FieldValue):
        yield _plain(piece.label)
        yield _plain(piece.content)
    elif isinstance(piece, Note):
        yield piece.text


def _plain(inlines) -> str:
    """Every character an inline sequence prints (markers included)."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Term)):
            out.append(node.text)
        elif isinstance(node, Reference):
            out.append(node.number or node.target)
        elif isinstance(node, Invisible):
            out.append(node.marker)
        elif isinstance(node, (Emphasis, Inserted, Deleted)):
            out.append(_plain(node.children))
    return "".join(out)


def _strip_numbers(inlines) -> tuple[Inlines, list[str | None]]:
    """References without their numbers (compared by target), and the numbers in order."""
    numbers: list[str | None] = []

    def walk(nodes):
        out = []
        for node in nodes:
            if isinstance(node, Reference):
                numbers.append(node.number)
                out.append(Reference(node.target))
            elif isinstance(node, Emphasis):
                out.append(Emphasis(walk(node.children), node.strong))
            else:
                out.append(node)
        return tuple(out)

    return walk(inlines), numbers


def _restore_numbers(inlines, numbers: Iterator) -> Inlines:
    out = []
    for node in inlines:
        if isinstance(node, Reference):
            out.append(Reference(node.target, next(numbers, None)))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_restore_numbers(node.children, numbers), node.strong))
        elif isinstance(node, Inserted):
            out.append(Inserted(_restore_numbers(node.children, numbers)))
        elif isinstance(node, Deleted):
            out.append(Deleted(_restore_numbers(node.children, numbers)))
        else:
            out.append(node)
    return tuple(out)


def _is_invisible(char: str, decomposed: bool) -> bool:
    category = unicodedata.category(char)
    if char == "\u00ad" or category in ("Cf", "Cc", "Zl", "Zp") and char not in "\n\t":
        return True
    if category == "Zs" and char != " ":
        return True
    return decomposed and category in ("Mn", "Me")


def show_invisible(inlines, whole: bool = False) -> Inlines:
    """Inside ``Inserted``/``Deleted`` (or everywhere, with ``whole``), characters a reader cannot
    see become :class:`Invisible` nodes; a change of whitespace only shows every character."""
    out = []
    for node in inlines:
        if isinstance(node, (Inserted, Deleted)):
            space_only = _plain(node.children).isspace()
            children = _visible_text(node.children, all_space=space_only)
            out.append(type(node)(children))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(show_invisible(node.children, whole), node.strong))
        elif whole and isinstance(node, Text):
            out.extend(_split_invisible(node.text, all_space=False))
        else:
            out.append(node)
    return tuple(out)


def _visible_text(nodes, all_space: bool) -> Inlines:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.extend(_split_invisible(node.text, all_space))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_visible_text(node.children, all_space), node.strong))
        else:
            out.append(node)
    return tuple(out)


def _split_invisible(text: str, all_space: bool) -> list:
    decomposed = not unicodedata.is_normalized("NFC", text)
    out: list = []
    run = []
    for char in text:
        if (all_space and char.isspace()) or _is_invisible(char, decomposed):
            if run:
                out.append(Text("".join(run)))
                run = []
            out.append(Invisible(char))
            if char.isspace():
                run.append(" " if char != "\n" else "")  # keep the line breakable after a marker
        else:
            run.append(char)
    if run and "".join(run):
        out.append(Text("".join(run)))
    return out


def _pair_inlines(old: Inlines, new: Inlines) -> tuple[Inlines, Inlines]:
    """OLD's and NEW's inline content with the word diff marked (Deleted in OLD, Inserted in NEW)."""
    old_plain, old_numbers = _strip_numbers(old)
    new_plain, new_numbers = _strip_numbers(new)
    diff = diff_inlines(old_plain, new_plain)
    if not diff.changed:
        return old, new
    old_side = _restore_numbers(diff.old_side, iter(old_numbers))
    new_side = _restore_numbers(diff.new_side, iter(new_numbers))
    return show_invisible(old_side), show_invisible(new_side)


def _only(content: Inlines, side: str) -> Inlines:
    """Content present on one side only: wholly Deleted (OLD) or Inserted (NEW)."""
    if not content:
        return content
    return show_invisible(((Deleted if side == "old" else Inserted)(tuple(content)),))


def _text(value: str | None) -> Inlines:
    return (Text(value),) if value else ()


def _pair_strings(old: str | None, new: str | None) -> tuple[Inlines, Inlines]:
    if (old or "") == (new or ""):
        return _text(old), _text(new)
    diff = diff_text(old or "", new or "")
    return show_invisible(diff.old_side), show_invisible(diff.new_side)


# ------------------------------------------------------------------ facts

def words(value) -> str:
    """A vocabulary code as words; an ISO duration in words; other text as is."""
    if isinstance(value, str):
        if _CODE.match(value):
            return value.replace("_", " ")
        if _DURATION.match(value):
            from termsheet.compose.labels import duration
            return duration(value)
    return value


def format_value(value) -> str:
    """A value as a reader says it: ``—`` for none, codes and durations in words."""
    from termsheet.writers.diff_summary import format_value as short

    if value is None:
        return "\u2014"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return short(words(value), 200)
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value) or "none"
    if isinstance(value, dict):
        parts = [f"{k.replace('_', ' ')}: {format_value(v)}" for k, v in value.items()
                 if v not in (None, [], {}, False, "")]
        return "; ".join(parts) or "\u2014"
    return short(str(value), 200)


def fact(change: FieldChange) -> Fact:
    """One field change in words."""
    from termsheet.writers.diff_summary import format_field_change

    if change.op == "set":
        parts = []
        if change.removed:
            parts.append("removed " + ", ".join(format_value(v) for v in change.removed))
        if change.added:
            parts.append("added " + ", ".join(format_value(v) for v in change.added))
        text = "; ".join(parts)
    elif change.op == "add":
        text = f"added ({format_value(change.new)})"
    elif change.op == "remove":
        text = f"removed ({format_value(change.old)})"
    elif change.text is not None and change.old is not None and change.new is not None:
        text = format_field_change(change)
    else:
        text = f"{format_value(change.old)} \u2192 {format_value(change.new)}"
    if change.looks_identical:
        text += " (looks identical: differs only in invisible characters)"
    return Fact(field=change.field, text=text, direction=change.direction,
                provenance=change.name in PROVENANCE_FIELDS)


def badge(change: Change) -> str:
    """``Modified · strengthened``; the direction is left out when it is just ``changed``."""
    text = KIND_WORDS.get(change.kind, change.kind.replace("_", " "))
    if change.direction != "changed":
        text += f" \u00b7 {change.direction}"
    return text


def change_notes(change: Change, old_number: str | None, new_number: str | None) -> tuple[str, ...]:
    notes = []
    if change.kind in ("moved", "moved_and_modified"):
        if old_number and new_number and old_number != new_number:
            notes.append(f"Moved from {old_number} to {new_number}.")
        elif change.old_index is not None and change.new_index is not None:
            notes.append(f"Moved from position {change.old_index + 1} to {change.new_index + 1} "
                         "in its list.")
    if change.is_guess:
        notes.append(f"Paired by similarity (a guess, score {change.similarity:.2f}): "
                     f"{change.old_id} \u2192 {change.new_id}.")
    for item in change.fields:
        for invisible in item.invisible:
            side = "OLD" if invisible.side == "old" else "NEW"
            count = f" \u00d7{invisible.count}" if invisible.count > 1 else ""
            notes.append(f"{item.field}: {side} has {invisible.what}{count} (shown as \u27e8\u2026\u27e9).")
    return tuple(notes)


# ------------------------------------------------------------------ anchors

def safe_anchor(value: str, prefix: str = "row-h") -> str:
    """``value`` if it is a plain anchor (``^[a-z][a-z0-9._:~-]*$``), else a stable hashed one."""
    if _ANCHOR.match(value) and len(value) <= 200:
        return value
    return prefix + hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# ------------------------------------------------------------------ builder

@dataclass
class _Unit:
    kind: str
    node_id: str | None
    old_number: str | None
    new_number: str | None
    presence: str
    segments: list = field(default_factory=list)
    context: str | None = None
    moved: bool = False
    parent: _Unit | None = None
    ghost_of: str | None = None
    """For ghosts: the node id of the moved item (its row is looked up at the end)."""
    changes: list = field(default_factory=list)
    section: _Unit | None = None
    anchor: str = ""


def _child_key(node):
    if isinstance(node, Clause):
        return ("clause", node.id)
    if isinstance(node, Table) and node.id:
        return ("table", node.id)
    if isinstance(node, Paragraph) and node.id:
        return ("p", node.id)
    return None


def _child_sig(node):
    if isinstance(node, Paragraph):
        return ("p", node.role)
    if isinstance(node, ListBlock):
        return ("list", node.ordered)
    if isinstance(node, Table):
        return ("table", len(node.header))
    return (type(node).__name__,)


def _child_words(node) -> list:
    if isinstance(node, Paragraph):
        return _words(node.content)
    if isinstance(node, ListBlock):
        return [w for item in node.items for w in _words(item)]
    if isinstance(node, Table):
        return [w for row in node.rows for w in _row_words(row)]
    if isinstance(node, Clause):
        return tokenize(node.title)
    return []


def _words(inlines) -> list:
    return [t for t in tokenize(plain_text(inlines)) if not t.isspace()]


def _row_words(row: Row) -> list:
    return [w for cell in row.cells for w in _words(cell.content)]


class _Builder:
    def __init__(self, comparison: Comparison, old: Document, new: Document):
        self.comparison = comparison
        self.old, self.new = old, new
        self.renames = self._renames()
        self.old_clauses = {self.okey(c.id): c for s in old.sections for c in s.children
                            if isinstance(c, Clause)}
        self.new_clauses = {c.id: c for s in new.sections for c in s.children
                            if isinstance(c, Clause)}
        self.units: list[_Unit] = []

    def _renames(self) -> dict[str, str]:
        """OLD ids → NEW ids of the items the comparison paired by similarity."""
        renames = {}
        for change in self.comparison.changes:
            if change.is_guess and change.old_id and change.new_id:
                olds = (change.old_id, *document_ids(change.collection, change.old_id))
                news = (change.new_id, *document_ids(change.collection, change.new_id))
                renames.update(zip(olds, news))
        return renames

    def okey(self, node_id):
        return self.renames.get(node_id, node_id) if node_id else node_id

    def okey_of(self, node):
        key = _child_key(node)
        return (key[0], self.okey(key[1])) if key else None

    def add(self, unit: _Unit) -> _Unit:
        self.units.append(unit)
        return unit

    # -------------------------------------------------------------- run

    def run(self) -> SideBySide:
        self.document_unit = self.add(self.document_row())
        for op in align(self.old.sections, self.new.sections, key=lambda s: self.okey(s.id),
                        sig=lambda s: None, words=lambda s: []):
            if op.kind == "same":
                self.section(op.old, op.new)
            elif op.kind in ("del", "move_from"):
                self.section(op.old, None)
            else:
                self.section(None, op.new)
        return self.finish()

    def document_row(self) -> _Unit:
        old, new = self.old.info, self.new.info
        unit = _Unit("document", None, None, None, "both")
        fields = (
            ("Title", old.title, new.title),
            ("Document", old.doc_id, new.doc_id),
            ("Type", words(old.document_type), words(new.document_type)),
            ("Version", old.version, new.version),
            ("Supersedes", old.supersedes, new.supersedes),
            ("Status", words(old.status), words(new.status)),
            ("Date", old.date, new.date),
            ("Drafting party", old.drafting_party, new.drafting_party),
            ("Negotiation track", old.negotiation_track, new.negotiation_track),
            ("Language", old.language, new.language),
            ("Marking", old.marking, new.marking),
            ("Handling", "; ".join(old.handling), "; ".join(new.handling)),
            ("Localized titles", _localized(old), _localized(new)),
            ("Illustrative", "yes" if old.illustrative else "no",
             "yes" if new.illustrative else "no"),
            ("Disclaimer", old.disclaimer, new.disclaimer),
        )
        for label, a, b in fields:
            if not a and not b:
                continue
            left, right = _pair_strings(a, b)
            unit.segments.append(Segment(
                FieldValue((Text(label),), left) if a else None,
                FieldValue((Text(label),), right) if b else None))
        return unit

    # -------------------------------------------------------------- sections

    def section(self, old: Section | None, new: Section | None) -> None:
        presence = "both" if old and new else ("old" if old else "new")
        node = new or old
        unit = self.add(_Unit("section", node.id, old.number if old else None,
                              new.number if new else None, presence))
        unit.segments.append(self.title_segment(old, new))
        self.current_section = unit
        if old and new:
            ops = align(old.children, new.children, key=self.okey_of, sig=_child_sig,
                        words=_child_words)
        elif old:
            ops = [_Op("del", old=c) for c in old.children]
        else:
            ops = [_Op("ins", new=c) for c in new.children]
        text: _Unit | None = None
        for op in ops:
            node = op.new if op.new is not None else op.old
            if isinstance(node, Clause):
                text = None
                if op.kind == "same":
                    self.clause(op.old, op.new, unit)
                elif op.kind in ("del", "move_from"):
                    if self.okey(op.old.id) in self.new_clauses:
                        self.ghost(op.old, unit)
                    else:
                        self.clause(op.old, None, unit)
                else:
                    partner = self.old_clauses.get(op.new.id)
                    self.clause(partner, op.new, unit, moved=partner is not None)
                continue
            if text is None:
                text = self.add(_Unit("text", f"{node_id(unit)}-text-{len(self.units)}",
                                      unit.old_number, unit.new_number, presence, section=unit))
            self.block_segments(op, text)

    def title_segment(self, old, new) -> Segment:
        old_title, new_title = _pair_strings(old.title if old else None, new.title if new else None)
        if old is None:
            new_title = _only(new_title, "new")
        if new is None:
            old_title = _only(old_title, "old")
        old_status = getattr(old, "status", "agreed") if old else None
        new_status = getattr(new, "status", "agreed") if new else None
        mark = old and new and old_status != new_status
        return Segment(
            Title(old.number, old_title, _status(old_status), "deleted" if mark else None)
            if old else None,
            Title(new.number, new_title, _status(new_status), "inserted" if mark else None)
            if new else None)

    # -------------------------------------------------------------- clauses

    def clause(self, old: Clause | None, new: Clause | None, section: _Unit,
               moved: bool = False) -> None:
        presence = "both" if old and new else ("old" if old else "new")
        node = new or old
        head = self.add(_Unit("clause", node.id, old.number if old else None,
                              new.number if new else None, presence, moved=moved,
                              section=section))
        head.segments.append(self.title_segment(old, new))
        old_groups = self.groups(old.blocks, self.okey) if old else []
        new_groups = self.groups(new.blocks, lambda i: i) if new else []
        if old and new:
            ops = align(old_groups, new_groups, key=lambda g: g[0], sig=lambda g: g[0][0],
                        words=lambda g: [])
        elif old:
            ops = [_Op("del", old=g) for g in old_groups]
        else:
            ops = [_Op("ins", new=g) for g in new_groups]
        moved_from = {op.old[0]: op.old for op in ops if op.kind == "move_from"}
        extra = 0
        for op in ops:
            if op.kind == "move_from":
                if op.old[0][0] == "p":
                    self.add(_Unit("ghost", None, head.old_number, None, "old", parent=head,
                                   section=section, ghost_of=op.old[0][1],
                                   segments=[Segment(_ghost_note(op.old[1][0]), None)]))
                    continue
                op = _Op("del", old=op.old)
            elif op.kind == "move_to":
                partner = moved_from.get(op.new[0])
                op = _Op("moved" if partner else "ins", old=partner, new=op.new)
            key = (op.new or op.old)[0]
            old_blocks = op.old[1] if op.old else []
            new_blocks = op.new[1] if op.new else []
            if key[0] == "table":
                self.table_units(_Op(op.kind, old=old_blocks[0] if old_blocks else None,
                                     new=new_blocks[0] if new_blocks else None), head, section)
                continue
            if key[0] == "head":
                unit = head
            elif key[0] == "p":
                unit = self.add(_Unit("item", key[1], head.old_number, head.new_number,
                                      _presence(op), parent=head, section=section,
                                      moved=op.kind == "moved"))
            else:
                extra += 1
                unit = self.add(_Unit("text", f"{node_id(head)}-more-{extra}", head.old_number,
                                      head.new_number, _presence(op), parent=head,
                                      section=section))
            if old_blocks and new_blocks:
                inner = align(old_blocks, new_blocks, key=self.okey_of, sig=_child_sig,
                              words=_child_words)
            else:
                inner = [_Op("del", old=b) for b in old_blocks] + [_Op("ins", new=b) for b in new_blocks]
            for block_op in inner:
                self.block_segments(block_op, unit)

    @staticmethod
    def groups(blocks, key) -> list[tuple[tuple, list]]:
        """A clause's blocks in groups: the head (before any provision), each paragraph with an id
        and the id-less blocks after it, each table, and the id-less blocks after a table."""
        out: list[tuple[tuple, list]] = [(("head",), [])]
        tables = 0
        for block in blocks:
            if isinstance(block, Table):
                tables += 1
                table_key = ("table", key(block.id) if block.id else f"#{tables}")
                out.append((table_key, [block]))
                out.append((("after", table_key), []))
            elif isinstance(block, Paragraph) and block.id:
                out.append((("p", key(block.id)), [block]))
            else:
                out[-1][1].append(block)
        return [group for group in out if group[1] or group[0] == ("head",)]

    def pair_moves(self, ops) -> list:
        """Moves inside one clause or table: the NEW place shows both sides, the OLD place a ghost."""
        sources = {self.okey_of(op.old): op.old for op in ops if op.kind == "move_from"}
        out = []
        for op in ops:
            if op.kind == "move_from":
                out.append(_Op("ghost", old=op.old))
            elif op.kind == "move_to":
                out.append(_Op("moved", old=sources.get(_child_key(op.new)), new=op.new))
            else:
                out.append(op)
        return out

    def ghost(self, old: Clause, section: _Unit) -> None:
        self.add(_Unit("ghost", None, old.number, None, "old", section=section,
                       ghost_of=self.okey(old.id), segments=[Segment(_ghost_note(old), None)]))

    # -------------------------------------------------------------- blocks

    def block_segments(self, op, unit: _Unit) -> None:
        old, new = op.old, op.new
        if old is not None and new is not None:
            if isinstance(new, Paragraph):
                left, right = _pair_inlines(old.content, new.content)
                unit.segments.append(Segment(replace(old, content=left),
                                             replace(new, content=right)))
            elif isinstance(new, ListBlock):
                unit.segments.extend(self.list_segments(old, new))
            else:
                raise unknown_node("side-by-side", new)
        elif old is not None:
            unit.segments.append(Segment(_whole(old, "old"), None))
        else:
            unit.segments.append(Segment(None, _whole(new, "new")))

    def list_segments(self, old: ListBlock, new: ListBlock) -> list[Segment]:
        """One segment per list item, so that an item lines up with its counterpart."""
        segments = []
        for op in align(old.items, new.items, key=lambda i: None, sig=lambda i: 0, words=_words):
            if op.kind == "same":
                left, right = _pair_inlines(op.old, op.new)
                segments.append(Segment(ListBlock((left,), old.ordered),
                                        ListBlock((right,), new.ordered)))
            elif op.old is not None:
                segments.append(Segment(ListBlock((_only(op.old, "old"),), old.ordered), None))
            else:
                segments.append(Segment(None, ListBlock((_only(op.new, "new"),), new.ordered)))
        return segments

    def table_units(self, op, head: _Unit, section: _Unit) -> None:
        old, new = op.old, op.new
        if old is not None and new is not None and len(old.header) != len(new.header):
            self.table_units(_Op("del", old=old), head, section)
            self.table_units(_Op("ins", new=new), head, section)
            return
        table = new or old
        context_old, context_new = (old.caption if old else None), (new.caption if new else None)
        context = context_new or context_old or "Table"
        if old is not None and new is not None:
            headers = [_pair_strings(a, b) for a, b in zip(old.header, new.header)]
            rows = align(old.rows, new.rows, key=lambda r: self.okey(r.id),
                         sig=lambda r: len(r.cells), words=_row_words)
            rows = self.pair_row_moves(rows)
        elif old is not None:
            headers = [(_text(h), ()) for h in old.header]
            rows = [_Op("del", old=r) for r in old.rows]
        else:
            headers = [((), _text(h)) for h in new.header]
            rows = [_Op("ins", new=r) for r in new.rows]
        for index, rop in enumerate(rows):
            row = rop.new if rop.new is not None else rop.old
            if rop.kind == "ghost":
                self.add(_Unit("ghost", None, head.old_number, None, "old", parent=head,
                               section=section, context=context, ghost_of=self.okey(row.id),
                               segments=[Segment(_ghost_note_row(rop.old, old), None)]))
                continue
            node = row.id or f"{table.id or node_id(head)}-row-{index + 1}"
            unit = self.add(_Unit("item", node, head.old_number, head.new_number,
                                  _presence(rop), context=context, parent=head, section=section,
                                  moved=rop.kind == "moved"))
            for column, (label_old, label_new) in enumerate(headers):
                a = rop.old.cells[column].content if rop.old is not None else None
                b = rop.new.cells[column].content if rop.new is not None else None
                if a is not None and b is not None:
                    left, right = _pair_inlines(a, b)
                elif a is not None:
                    left, right = _only(a, "old"), None
                else:
                    left, right = None, _only(b, "new")
                unit.segments.append(Segment(
                    FieldValue(label_old, left) if left is not None else None,
                    FieldValue(label_new, right) if right is not None else None))

    def pair_row_moves(self, ops) -> list:
        sources = {self.okey(op.old.id): op.old for op in ops if op.kind == "move_from"}
        out = []
        for op in ops:
            if op.kind == "move_from":
                out.append(_Op("ghost", old=op.old))
            elif op.kind == "move_to":
                out.append(_Op("moved", old=sources.get(op.new.id), new=op.new))
            else:
                out.append(op)
        return out

    # -------------------------------------------------------------- changes

    def finish(self) -> SideBySide:
        index_new: dict[str, _Unit] = {}
        index_old: dict[str, _Unit] = {}
        for unit in self.units:
            if unit.kind in ("ghost", "document", "text") or not unit.node_id:
                continue
            if unit.presence in ("both", "new"):
                index_new.setdefault(unit.node_id, unit)
            else:
                index_old.setdefault(unit.node_id, unit)
        for change in self.comparison.changes:
            unit = self.unit_for(change, index_new, index_old) or self.document_unit
            unit.changes.append(change)
        # anchors: a changed row takes its first change's id; others row-<node id>
        used: set[str] = set()
        for position, unit in enumerate(self.units):
            if unit.changes:
                unit.anchor = safe_anchor(unit.changes[0].id, "chg-h")
            else:
                base = {"document": "row-document"}.get(unit.kind) or (
                    f"row-{unit.node_id}" if unit.node_id and unit.kind != "ghost"
                    else f"row-{unit.kind}-{position}")
                unit.anchor = safe_anchor(base)
            while unit.anchor in used:
                unit.anchor = f"{unit.anchor}-{position}"
            used.add(unit.anchor)
        by_node = {u.node_id: u for u in self.units
                   if u.node_id and u.kind in ("clause", "item") and u.presence != "old"}
        views: dict[int, list[ChangeView]] = {}
        extra_anchors = set(used)
        for unit in self.units:
            out = []
            for number, change in enumerate(unit.changes):
                anchor = unit.anchor
                if number:
                    anchor = safe_anchor(change.id, "chg-h")
                    while anchor in extra_anchors:
                        anchor += "-x"
                    extra_anchors.add(anchor)
                out.append(self.view(change, unit, anchor))
            views[id(unit)] = out
        # section rows know whether anything below them differs
        rows = []
        section_state: dict[int, bool] = {}
        for unit in self.units:
            if unit.section is not None:
                differs = bool(unit.changes) or unit.kind == "ghost" or unit.presence != "both" \
                    or any(s.differs for s in unit.segments)
                section_state[id(unit.section)] = section_state.get(id(unit.section), False) or differs
        for unit in self.units:
            owner = owner_number = None
            parent = unit.parent
            if parent is not None and not unit.changes and parent.changes:
                owner = parent.anchor
                owner_number = parent.new_number or parent.old_number
            segments = tuple(unit.segments)
            if unit.kind == "ghost":
                target = by_node.get(unit.ghost_of)
                note = segments[0].old
                place = target.new_number if target else None
                if place and place == unit.old_number and target.kind == "item":
                    text = f"{note.text}: moved within {place} (the table or list is reordered)."
                elif place:
                    text = f"{note.text}: moved to {place}."
                else:
                    text = f"{note.text}: moved."
                segments = (Segment(Note(text, target.anchor if target else None), None),)
            rows.append(SideRow(
                anchor=unit.anchor, kind=unit.kind, node_id=unit.node_id,
                old_number=unit.old_number, new_number=unit.new_number, presence=unit.presence,
                segments=segments, changes=tuple(views[id(unit)]), context=unit.context,
                owner=owner, owner_number=owner_number, moved=unit.moved,
                section_changed=section_state.get(id(unit), False)))
        changes = tuple(view for unit in self.units for view in views[id(unit)])
        return SideBySide(self.comparison, self.old.info, self.new.info, tuple(rows), changes)

    def unit_for(self, change: Change, index_new, index_old) -> _Unit | None:
        if change.new_id is not None:
            key, index = change.new_id, index_new
        else:
            key, index = change.old_id, index_old
        if key is None:
            return None
        for candidate in (key, *document_ids(change.collection, key)):
            unit = index.get(candidate)
            if unit is not None:
                return unit
        return None

    def view(self, change: Change, unit: _Unit, anchor: str) -> ChangeView:
        old_number = self.comparison.change_number(change, "old") or (
            unit.old_number if change.old_id is not None else None)
        new_number = self.comparison.change_number(change, "new") or (
            unit.new_number if change.new_id is not None else None)
        return ChangeView(
            change=change, anchor=anchor, number=new_number or old_number,
            old_number=old_number, new_number=new_number, badge=badge(change),
            title=_display_label(change, unit),
            facts=tuple(fact(f) for f in change.fields),
            notes=change_notes(change, old_number, new_number))


@dataclass(frozen=True)
class _Op:
    kind: str
    old: object = None
    new: object = None


def node_id(unit: _Unit) -> str:
    return unit.node_id or unit.kind


def _presence(op) -> str:
    if op.old is not None and op.new is not None:
        return "both"
    return "old" if op.old is not None else "new"


def _status(status: str | None) -> str | None:
    return status if status and status != "agreed" else None


def _localized(info: DocumentInfo) -> str:
    return "; ".join(f"{title} ({language})" for language, title in info.title_localized)


def _whole(block, side: str):
    """A block present on one side only, all its text marked."""
    if isinstance(block, Paragraph):
        return replace(block, content=_only(block.content, side))
    if isinstance(block, ListBlock):
        return ListBlock(tuple(_only(item, side) for item in block.items), block.ordered)
    raise unknown_node("side-by-side", block)


def _display_label(change: Change, unit: _Unit) -> str:
    """The change's label, unless it is only a key: then the row's own words."""
    label = change.label
    if unit.kind == "document":
        return "Document identity"
    if unit.kind in ("clause", "section"):
        return _unit_label(unit) or label
    coded = re.fullmatch(re.escape(change.item_id) + r" \(([a-z0-9_]+)\)", label)
    if coded:  # "rsp-consult (consultations)": the kind in words
        return words(coded.group(1)).replace("_", " ").capitalize()
    keyish = (label in (change.item_id, change.item_id.split(":")[-1], change.collection,
                        change.collection.replace("_", " "))
              or _CODE.match(label) is not None)
    if keyish:
        return _unit_label(unit) or label
    return label


def _unit_label(unit: _Unit) -> str | None:
    """A short name for a row: its title, its first two table cells, or its first words."""
    for segment in unit.segments:
        piece = segment.new if segment.new is not None else segment.old
        if isinstance(piece, Title):
            return _clip(_plain_side(piece.content))
        if isinstance(piece, FieldValue):
            values = [s.new if s.new is not None else s.old for s in unit.segments[:2]]
            first = _clip(_plain_side(values[0].content).strip("[]"))
            if len(values) > 1 and isinstance(values[1], FieldValue):
                second = _plain_side(values[1].content).strip("[]")
                if second and (len(second) <= 40 or len(first) <= 3):
                    return f"{first} \u2014 {_clip(second, 6)}"
            return first
        if isinstance(piece, Paragraph):
            return _clip(_plain_side(piece.content))
    return None


def _plain_side(inlines) -> str:
    """The text of one side as its reader sees it (markers as the characters they stand for)."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Term)):
            out.append(node.text)
        elif isinstance(node, Reference):
            out.append(node.number or node.target)
        elif isinstance(node, Invisible):
            out.append(" " if node.char.isspace() else "")
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, (Emphasis, Inserted, Deleted)):
            out.append(_plain_side(node.children))
    first_line = "".join(out).strip().split("\n")[0]
    return " ".join(first_line.split())


def _clip(text: str, words_: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words_]) + (" \u2026" if len(parts) > words_ else "")


def _ghost_note(node) -> Note:
    """Where a moved provision stood in OLD: its old number and title (the place is added later)."""
    if isinstance(node, Clause):
        return Note(f"{node.number} {node.title}" if node.number else node.title)
    if isinstance(node, Paragraph):
        return Note(_clip(" ".join(plain_text(node.content).split()), 8))
    return Note("This provision")


def _ghost_note_row(row: Row, table: Table | None) -> Note:
    first = plain_text(row.cells[0].content) if row.cells else ""
    return Note(first.split("\n")[0][:80] or (row.id or "This row"))


__all__ = [
    "Invisible", "Title", "FieldValue", "Note", "Segment", "Fact", "ChangeView", "SideRow",
    "SideBySide", "build_side_by_side", "show_invisible", "safe_anchor", "format_value", "fact",
    "badge", "words", "KIND_WORDS", "INVISIBLE_NAMES",
]
