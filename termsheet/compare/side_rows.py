"""The rows of a side-by-side comparison: what the HTML, PDF and DOCX writers print.

A :class:`SideBySide` holds one :class:`SideRow` per provision; a row holds
:class:`Segment` pairs of pieces (a :class:`Title`, a paragraph, a list, a
:class:`FieldValue`, a :class:`Note`) and the :class:`ChangeView` of each change
attached to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from termsheet.compare.classify import DIRECTIONS
from termsheet.compare.comparison import KINDS, Change, Comparison
from termsheet.compare.facts import Fact
from termsheet.compare.side_inlines import Inlines, has_change_marks, printed_text
from termsheet.document.nodes import Document, DocumentInfo, ListBlock, Paragraph

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
    old_document: Document = field(repr=False, compare=False)
    """OLD's built Document (the PDF writer checks its glyphs)."""
    new_document: Document = field(repr=False, compare=False)

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


def _has_marks(piece) -> bool:
    """Whether a piece shows a change (a marked word or a changed text status)."""
    if isinstance(piece, Title):
        return piece.status_mark is not None or has_change_marks(piece.content)
    if isinstance(piece, Paragraph):
        return has_change_marks(piece.content)
    if isinstance(piece, ListBlock):
        return any(has_change_marks(item) for item in piece.items)
    if isinstance(piece, FieldValue):
        return has_change_marks(piece.label) or has_change_marks(piece.content)
    return False


def _piece_texts(piece) -> Iterator[str]:
    """Every text a piece prints."""
    if piece is None:
        return
    if isinstance(piece, Title):
        yield from (t for t in (piece.number, printed_text(piece.content), piece.status) if t)
    elif isinstance(piece, Paragraph):
        yield printed_text(piece.content)
    elif isinstance(piece, ListBlock):
        yield from (printed_text(item) for item in piece.items)
    elif isinstance(piece, FieldValue):
        yield printed_text(piece.label)
        yield printed_text(piece.content)
    elif isinstance(piece, Note):
        yield piece.text
