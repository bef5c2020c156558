"""Which rows and changes a reader sees: the parties a change concerns, the choices of the
comparison page's filters, and the changes-only selection.

    change_parties(change, names) -> tuple[str, ...]
    facets(view) -> Facets
    changes_only(view) -> SideBySide

The page filters each change by its labels, its kind, the section it stands in
and the parties it concerns; :func:`facets` lists the choices with their
counts. :func:`changes_only` keeps the rows that show a change, each with its
section heading and the heading of the provision it belongs to, so that the
PDF and DOCX stay short.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from termsheet.compare.comparison import KINDS, Change, Comparison
from termsheet.compare.facts import KIND_WORDS
from termsheet.compare.side_inlines import clip_words, printed_text
from termsheet.compare.side_rows import Note, SideBySide, Title, label_words

PARTY_FIELDS = frozenset({
    "providers", "contributor", "party", "lead", "chair", "members", "actors", "participants",
    "determined_by", "proposed_by",
})
"""Fields that name the parties an item concerns (at any depth of the item)."""


def party_names(comparison: Comparison) -> dict[str, str]:
    """Party id → name, NEW's parties first, then those only OLD has."""
    names: dict[str, str] = {}
    for sheet in (comparison.new_sheet, comparison.old_sheet):
        for party in getattr(sheet, "parties", None) or ():
            names.setdefault(party.id, party.name)
    return names


def change_parties(change: Change, names: dict[str, str]) -> tuple[str, ...]:
    """The known parties the item names in :data:`PARTY_FIELDS`, in either version (a
    change to a party itself concerns that party)."""
    found: list[str] = []

    def add(value) -> None:
        if isinstance(value, str) and value in names and value not in found:
            found.append(value)

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in PARTY_FIELDS:
                    for one in item if isinstance(item, (list, tuple)) else (item,):
                        add(one)
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    if change.collection == "parties":
        add(change.old_id)
        add(change.new_id)
    walk(change.old_value)
    walk(change.new_value)
    return tuple(found)


# ------------------------------------------------------------------ the page's filters

@dataclass(frozen=True)
class Option:
    """One choice of a filter: the value the page matches, its words, how many changes."""

    value: str
    text: str
    count: int


@dataclass(frozen=True)
class Facets:
    """The choices of the page's filters, each with its count of changes."""

    labels: tuple[Option, ...]
    kinds: tuple[Option, ...]
    sections: tuple[Option, ...]
    parties: tuple[Option, ...]


def facets(view: SideBySide) -> Facets:
    """The filter choices that select at least one change, in page order."""
    changes = view.changes
    label_counts: dict[str, int] = {}
    for change in changes:
        for label in change.filter_labels:
            label_counts[label] = label_counts.get(label, 0) + 1
    order = [label for label, _ in view.counts_by_label]
    order += [label for label in label_counts if label not in order]
    labels = tuple(Option(label, label_words(label), label_counts[label])
                   for label in order if label_counts.get(label))
    kinds = tuple(Option(kind, KIND_WORDS.get(kind, kind), count) for kind in KINDS
                  if (count := sum(1 for c in changes if c.kind == kind)))
    sections = []
    for row in view.rows:
        if row.kind in ("section", "document"):
            count = sum(1 for c in changes if c.section == row.anchor)
            if count:
                sections.append(Option(row.anchor, _section_title(row), count))
    names = party_names(view.comparison)
    party_counts = {party: sum(1 for c in changes if party in c.parties) for party in names}
    parties = tuple(Option(party, name, party_counts[party]) for party, name in names.items()
                    if party_counts[party])
    return Facets(labels, kinds, tuple(sections), parties)


def _links(row) -> list[str]:
    """The rows a row links to: where a moved provision went, the change it is part of."""
    targets = [row.owner] if row.owner else []
    for segment in row.segments:
        for piece in (segment.old, segment.new):
            if isinstance(piece, Note) and piece.target:
                targets.append(piece.target)
    return targets


def _section_title(row) -> str:
    """``4 Forces``; ``Document identity`` for the document row."""
    if row.kind == "document":
        return "Document identity"
    piece = row.segments[0].new or row.segments[0].old if row.segments else None
    if isinstance(piece, Title):
        text = " ".join(printed_text(piece.content).split())
        return clip_words(f"{piece.number} {text}" if piece.number else text, 8)
    return row.number or row.anchor


# ------------------------------------------------------------------ changes only

def changes_only(view: SideBySide) -> SideBySide:
    """The view without unchanged rows: each row that shows a change stays, with the
    heading of its section and, for a provision inside a clause, the clause's heading
    (``heading_only``); a section heading stays when a row under it does."""
    rows = view.rows
    kept = {row.anchor for row in rows if row.changed and row.kind != "section"}
    kept |= {row.anchor for row in rows if row.kind == "section" and (row.changes or row.differs)}
    kept |= {target for row in rows if row.anchor in kept for target in _links(row)}
    heads = {row.parent for row in rows
             if row.anchor in kept and row.parent and row.parent not in kept}
    sections = {row.section for row in rows if row.anchor in kept or row.anchor in heads}
    out = []
    for row in rows:
        if row.anchor in kept or (row.kind == "section" and row.anchor in sections):
            out.append(row)
        elif row.anchor in heads:
            out.append(dataclasses.replace(row, segments=row.segments[:1], heading_only=True))
    return dataclasses.replace(view, rows=tuple(out), changes_only=True,
                               omitted=len(rows) - len(out))
