"""The Comparison of two term sheets: the plain frozen dataclasses every output writer reads.

A :class:`Comparison` lists every :class:`Change` of an item in document order;
a change lists its :class:`FieldChange`\\ s.  Values in it are JSON-ready
(``model_dump(mode="json")``): dates are ISO strings.

Paths are JSON pointers over the data with list items named by key, e.g.
``/commitments/cmt-mnf-support/modality`` or ``/guarantors/us/caveats/other``;
``old_index_path`` and ``new_index_path`` give the same place with list
indices, in OLD's and NEW's data (what :mod:`~termsheet.compare.patch` uses).
A change also knows its item's YAML path on each side (``commitments[3]``), as
the origins of document nodes write it (:mod:`~termsheet.compare.places`).

:func:`termsheet.compare.compute.compare` computes it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from termsheet.compare.places import change_place, nodes_by_path
from termsheet.compare.text import Invisible, TextOp
from termsheet.schema import TermSheet

KINDS = ("added", "removed", "modified", "moved", "moved_and_modified")
"""Kinds of item change, in the order summaries list them."""

PROVENANCE_FIELDS = frozenset({"basis", "source_refs", "notes", "proposed_by", "replaces"})
"""Fields that say where a provision comes from rather than what it says."""


# ------------------------------------------------------------------ data structure

@dataclass(frozen=True)
class FieldChange:
    """One changed field (or one added/removed element of a list inside an item).

    ``op`` says what happened at ``path``:

    - ``replace``: the value changed (either side may be None: a value appeared
      or disappeared; a nested object that appeared or disappeared is one
      ``replace`` with the whole object);
    - ``set``: a list compared as a set changed; ``added``/``removed`` hold the
      elements (``old``/``new`` hold both lists as written);
    - ``add`` / ``remove``: an object in a keyed list inside the item (a caveat,
      a role, a position) or an entry of a mapping (a localized title) appeared or
      disappeared; ``new`` / ``old`` holds it.
    """

    path: str
    """Pointer keyed by id: ``/commitments/cmt-mnf-support/modality``."""
    field: str
    """The field within its item: ``modality``, ``location/kind``, ``caveats/other``."""
    op: str
    old: Any
    new: Any
    direction: str
    """``strengthened``, ``weakened``, ``mixed``, ``wording`` (text only) or ``changed``
    (a field without an order, such as a source's title)."""
    model: str
    """Model class that holds the field (``Commitment``, ``Location``…)."""
    old_index_path: str | None = None
    """Pointer with list indices into OLD's data (for ``add``: where it is inserted)."""
    new_index_path: str | None = None
    """Pointer with list indices into NEW's data (None for ``remove``)."""
    added: tuple = ()
    removed: tuple = ()
    text: tuple[TextOp, ...] | None = None
    """Word-level diff, for text fields."""
    invisible: tuple[Invisible, ...] = ()
    """Invisible characters or Unicode forms on one side only (docs/threats.md, case 35)."""
    looks_identical: bool = False
    """The two texts look the same to a reader: they differ only in invisible characters."""
    reason: str | None = None
    """Why the field has its direction, in words (``United States removed as provider``);
    None for ``wording`` and ``changed``."""

    @property
    def name(self) -> str:
        """Last part of the field path: ``kind`` for ``location/kind``."""
        return self.field.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Change:
    """What happened to one item (a provision, a party, a singleton such as ``duration``)."""

    id: str
    """Stable change id: ``chg-<collection>-<key>`` (``<old>~<new>`` for a guessed pair)."""
    collection: str
    item_id: str
    """NEW's key of the item (OLD's for a removed item)."""
    old_id: str | None
    new_id: str | None
    kind: str
    """``added``, ``removed``, ``modified``, ``moved`` or ``moved_and_modified``."""
    direction: str
    """The item's direction (:mod:`~termsheet.compare.classify`): its fields' directions
    combined, or an added/removed provision's own."""
    paired_by: str | None
    """``id``; ``replaces`` (NEW's item names OLD's id); ``hand`` (``diff --pair``);
    ``similarity`` (a guess; see ``similarity``); None for added/removed."""
    similarity: float | None
    path: str
    """Pointer keyed by id: ``/forces/deployments/dep-fr-land``."""
    old_path: str | None
    """Pointer with the index in OLD's data: ``/forces/deployments/3``."""
    new_path: str | None
    old_index: int | None
    new_index: int | None
    label: str
    """A short human name for the item (its title, name, or the start of its summary)."""
    fields: tuple[FieldChange, ...] = ()
    old_value: Any = None
    """The whole item in OLD (for removed items; also given for the others)."""
    new_value: Any = None
    """The whole item in NEW (for added items; also given for the others)."""
    old_yaml_path: str | None = None
    """The item's YAML path in OLD, as node origins write it: ``commitments[3]``, ``scope``
    (``""``: the term sheet's own fields); None when OLD has no such item."""
    new_yaml_path: str | None = None
    """The item's YAML path in NEW."""
    old_place: int | None = None
    """For a move: the item's place (1-based) among its collection's items as OLD prints them."""
    new_place: int | None = None
    """For a move: its place as NEW prints them."""
    reasons: tuple[str, ...] = ()
    """Why the item has its direction, one sentence per reason (both ways for ``mixed``)."""
    status: str | None = None
    """What happened to the text status: ``settled``, ``reopened`` (one party's versions),
    ``converged`` (two parties now hold the same wording), ``status`` (a status tag changed
    otherwise); None when it did not change."""
    status_reason: str | None = None
    """The status change in words (``the coalition marks this agreed``)."""
    flags: tuple[str, ...] = ()
    """Lint warnings NEW raises on this item that OLD did not (``W-COUNTERPARTY-VETO: …``)."""

    @property
    def is_guess(self) -> bool:
        return self.paired_by in ("similarity",)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label the item carries: its direction (unless it has none), its status
        change, ``moved``, ``lint``.  Summaries count these."""
        labels = [self.direction] if self.direction not in ("changed",) else []
        if self.status:
            labels.append(self.status)
        if self.kind in ("moved", "moved_and_modified"):
            labels.append("moved")
        if self.flags:
            labels.append("lint")
        return tuple(labels)


@dataclass(frozen=True)
class VersionInfo:
    """Which document version one side of the comparison is."""

    doc_id: str
    version: str
    drafting_party: str
    date: str
    title: str
    file: str | None = None


@dataclass(frozen=True)
class Comparison:
    """Everything that differs between OLD and NEW, in document order."""

    old: VersionInfo
    new: VersionInfo
    changes: tuple[Change, ...]
    counts_by_kind: dict[str, int]
    counts_by_direction: dict[str, int]
    counts_by_collection: dict[str, int]
    perspective: str = ""
    """Whose protection the directions measure, in one sentence every output shows."""
    mode: str = "versions"
    """``versions`` (two versions of one party's text) or ``parties`` (two parties' documents)."""
    notices: tuple[str, ...] = ()
    """Warnings every output shows (NEW dated before OLD…)."""
    counts_by_label: dict[str, int] = field(default_factory=dict)
    """Labels counted over the changes (an item may carry several: :attr:`Change.labels`)."""
    old_sheet: TermSheet = field(default=None, repr=False, compare=False)
    new_sheet: TermSheet = field(default=None, repr=False, compare=False)
    old_numbers: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Id → printed number (``4.2``) in OLD's built Document, when one was given."""
    new_numbers: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    old_places: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)
    """YAML path → (node id, printed number) in OLD's built Document
    (:func:`~termsheet.compare.places.nodes_by_path`)."""
    new_places: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)

    def is_empty(self) -> bool:
        """True when the two versions hold the same data (list order of sets aside)."""
        return not self.changes

    def change(self, change_id: str) -> Change | None:
        """The change with this id, or None."""
        return next((c for c in self.changes if c.id == change_id), None)

    def in_collection(self, collection: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.collection == collection)

    def for_item(self, item_id: str) -> Change | None:
        """The change of the item with this key on either side, or None."""
        return next((c for c in self.changes if item_id in (c.old_id, c.new_id)), None)

    def number(self, item_id: str | None, side: str = "new") -> str | None:
        """Printed number of a provision (clause, row…) in OLD's or NEW's Document."""
        numbers = self.old_numbers if side == "old" else self.new_numbers
        return numbers.get(item_id) if item_id else None

    def change_number(self, change: Change, side: str = "new") -> str | None:
        """Printed number of a changed item in OLD's or NEW's Document: the number of the
        node at the change's place (:func:`~termsheet.compare.places.change_place`)."""
        place = change_place(change, side, self.old_places if side == "old" else self.new_places)
        return place[1] if place else None

    def with_documents(self, old_document=None, new_document=None) -> Comparison:
        """The same comparison, able to give the numbers of the two built Documents."""
        old, new = old_document, new_document
        return dataclasses.replace(
            self,
            old_numbers=document_numbers(old) if old else self.old_numbers,
            new_numbers=document_numbers(new) if new else self.new_numbers,
            old_places=nodes_by_path(old) if old else self.old_places,
            new_places=nodes_by_path(new) if new else self.new_places,
        )


def document_numbers(document) -> dict[str, str]:
    """Id → number for every node with an id in a numbered Document.

    A node without a number of its own (a table row, a paragraph) gets the
    number of the clause or section around it.
    """
    from termsheet.document import nodes as doc

    numbers: dict[str, str] = {}

    def visit(node, current):
        number = getattr(node, "number", None) or current
        node_id = getattr(node, "id", None)
        if node_id and number and node_id not in numbers:
            numbers[node_id] = number
        for child in doc.children(node):
            visit(child, number)

    visit(document, None)
    return numbers
