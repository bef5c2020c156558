"""The rows of a side-by-side comparison: what the HTML, PDF and DOCX writers print.

A :class:`SideBySide` holds one :class:`SideRow` per provision; a row holds
:class:`Segment` pairs of pieces (a :class:`Title`, a paragraph, a list, a
:class:`FieldValue`, a :class:`Note`) and the :class:`ChangeView` of each change
attached to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from termsheet.compare.classify import LABELS
from termsheet.compare.comparison import KINDS, Change, Comparison
from termsheet.compare.facts import Fact
from termsheet.compare.side_inlines import Inlines, clip_words, has_change_marks, printed_text
from termsheet.document.nodes import Document, DocumentInfo, ListBlock, Paragraph

NO_DIRECTION = "no-direction"
"""The filter label of a change without a direction (``changed``)."""

LABEL_WORDS = {
    "strengthened": "Strengthened", "weakened": "Weakened", "mixed": "Mixed",
    "wording": "Wording only", "settled": "Settled", "reopened": "Reopened",
    "converged": "Converged", "status": "Text status changed", "moved": "Moved",
    "lint": "New lint warning", NO_DIRECTION: "No direction",
}
"""A label in words, as the counts and the filters print it."""


STATUS_WORDS = {"settled": "settled", "reopened": "reopened", "converged": "converged",
                "status": "changed"}
"""What happened to a text status, after the words "Text status"."""


def label_words(label: str) -> str:
    """``Wording only`` for ``wording``; an unknown label with its underscores as spaces."""
    return LABEL_WORDS.get(label) or label.replace("_", " ").capitalize()


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
    section: str | None = None
    """Anchor of the section row the change stands under (the document row's own anchor)."""
    parties: tuple[str, ...] = ()
    """Ids of the parties the item concerns, in either version
    (:func:`~termsheet.compare.side_filters.change_parties`)."""

    @property
    def id(self) -> str:
        return self.change.id

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.change.reasons

    @property
    def flags(self) -> tuple[str, ...]:
        """Lint warnings NEW raises on the item that OLD did not."""
        return self.change.flags

    @property
    def labels(self) -> tuple[str, ...]:
        return self.change.labels

    @property
    def filter_labels(self) -> tuple[str, ...]:
        """The labels the page filters by: the change's labels, or ``no-direction``."""
        labels = self.change.labels
        return labels + (NO_DIRECTION,) if self.direction == "changed" else labels

    @property
    def why(self) -> tuple[str, ...]:
        """The item's reasons that no fact line already says (by its reason or its words)."""
        said = set()
        for fact in self.substance:
            said.add(_plain(f"{fact.field}: {fact.text}"))
            if fact.reason:
                said.add(_plain(fact.reason))
        return tuple(r for r in self.change.reasons if _plain(r) not in said)

    def reason_of(self, fact: Fact) -> str | None:
        """The reason printed beside a fact: None when it only repeats the fact."""
        if not fact.reason:
            return None
        names = (fact.field, fact.field.split("/")[-1])
        restated = {_plain(f"{name}: {fact.text}") for name in names}
        return None if _plain(fact.reason) in restated else fact.reason

    @property
    def status_label(self) -> str | None:
        """``Text status settled``, ``… reopened``, ``… converged`` or ``… changed``."""
        status = self.change.status
        if not status:
            return None
        return "Text status " + STATUS_WORDS.get(status, status.replace("_", " "))

    @property
    def status_text(self) -> str | None:
        """The text-status change in words: ``Text status settled: …``."""
        label, reason = self.status_label, self.change.status_reason
        return f"{label}: {reason}" if label and reason else label

    @property
    def short_reason(self) -> str:
        """One line for the change list: the first reason, else what changed."""
        change = self.change
        first = (change.reasons[:1] or ((change.status_reason,) if change.status_reason else ())
                 or change.flags[:1])
        if first:
            return clip_words(first[0], 14)
        if self.substance:
            fact = self.substance[0]
            more = len(self.substance) - 1
            text = f"{fact.field}: {fact.text}" + (f" (and {more} more)" if more else "")
            return clip_words(text, 14)
        if self.provenance:
            return "Provenance: " + ", ".join(f.field for f in self.provenance) + " changed"
        return clip_words(self.notes[0], 14) if self.notes else ""

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
    section: str | None = None
    """Anchor of the section row the row stands under (a section row's and the document
    row's own)."""
    parent: str | None = None
    """Anchor of the clause row an item row belongs to."""
    heading_only: bool = False
    """Only the heading is shown, for context
    (:func:`~termsheet.compare.side_filters.changes_only`)."""

    @property
    def differs(self) -> bool:
        """Whether the two sides differ visibly (renumbering alone does not count)."""
        return self.presence != "both" or any(s.differs for s in self.segments)

    def segment_texts(self) -> Iterator[tuple[list[str], list[str]]]:
        """For each segment, every text its OLD piece prints and every text its NEW piece prints."""
        for segment in self.segments:
            yield list(_piece_texts(segment.old)), list(_piece_texts(segment.new))

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
    changes_only: bool = False
    """Unchanged rows are left out (:func:`~termsheet.compare.side_filters.changes_only`)."""
    omitted: int = 0
    """How many rows were left out."""

    @property
    def empty(self) -> bool:
        return self.comparison.is_empty()

    @property
    def perspective(self) -> str:
        """Whose protection the directions measure, in one sentence."""
        return self.comparison.perspective

    @property
    def notices(self) -> tuple[str, ...]:
        return self.comparison.notices

    @property
    def mode_sentence(self) -> str:
        """What is compared: one party's two versions, or two parties' documents."""
        old, new = self.old_info, self.new_info
        old_date, new_date = (_unbroken(info.date) for info in (old, new))
        if self.comparison.mode == "parties":
            return (f"Two parties\u2019 documents side by side: {old.drafting_party}\u2019s "
                    f"version {old.version} of {old_date} on the left, "
                    f"{new.drafting_party}\u2019s version {new.version} of {new_date} "
                    "on the right.")
        party = (old.drafting_party if old.drafting_party == new.drafting_party
                 else f"{old.drafting_party} and {new.drafting_party}")
        return (f"Two versions drafted by one party, {party}, side by side: version "
                f"{old.version} of {old_date} on the left, version {new.version} of "
                f"{new_date} on the right.")

    @property
    def counts_by_label(self) -> list[tuple[str, int]]:
        """Every label with its count (an item may carry several), then ``no-direction``."""
        counts = dict(self.comparison.counts_by_label)
        if not counts and self.changes:
            for change in self.changes:
                for label in change.labels:
                    counts[label] = counts.get(label, 0) + 1
        order = list(LABELS) + [label for label in counts if label not in LABELS]
        rows = [(label, counts.get(label, 0)) for label in order]
        rows.append((NO_DIRECTION, sum(1 for c in self.changes if c.direction == "changed")))
        return rows

    @property
    def counts_by_kind(self) -> list[tuple[str, int]]:
        return [(k, self.comparison.counts_by_kind.get(k, 0)) for k in KINDS]

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
                if fact.reason:
                    yield where, fact.reason
            for text in (*change.reasons, change.status_text, *change.flags, *change.notes,
                         change.short_reason):
                if text:
                    yield where, text
        for text in (self.perspective, self.mode_sentence, *self.notices):
            if text:
                yield "header", text


def _plain(text: str) -> str:
    """Text reduced to its letters and digits, to tell whether two lines say the same."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _unbroken(date: str) -> str:
    """A date that a line never breaks (non-breaking hyphens)."""
    return date.replace("-", "\u2011")


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
