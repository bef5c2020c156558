"""Changes onto side-by-side rows: each change to the row of its item, anchors, labels.

Every :class:`~termsheet.compare.Change` is attached to the row at its place
(:mod:`~termsheet.compare.places`): the row whose node's origin has the item's
YAML path on that side (``commitments[3]``); a change of a singleton goes to the
row that holds the fields it changed (the scope section, the overall-strength
clause), and one with no place in the term sheet (metadata) to the ``document`` row.
A row's HTML id is the id of its (first) change, so ``page.html#chg-…`` lands on it.
"""

from __future__ import annotations

import hashlib
import re

from termsheet.compare.comparison import Change, Comparison
from termsheet.compare.facts import badge, change_notes, fact, words
from termsheet.schema.vocab import is_code
from termsheet.compare.places import change_place
from termsheet.compare.side_builder import Unit
from termsheet.compare.side_filters import change_parties, party_names
from termsheet.compare.side_inlines import Invisible, clip_words
from termsheet.compare.side_rows import (
    ChangeView, FieldValue, Note, Segment, SideBySide, SideRow, Title,
)
from termsheet.document.nodes import (
    Deleted, Document, Emphasis, Inserted, LineBreak, Paragraph, Reference, Term, Text,
)

_ANCHOR = re.compile(r"^[a-z][a-z0-9._:~-]*$")


def safe_anchor(value: str, prefix: str = "row-h") -> str:
    """``value`` if it is a plain anchor (``^[a-z][a-z0-9._:~-]*$``), else a stable hashed one."""
    if _ANCHOR.match(value) and len(value) <= 200:
        return value
    return prefix + hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def attach_changes(comparison: Comparison, units: list[Unit], document_unit: Unit,
                   old_doc: Document, new_doc: Document) -> SideBySide:
    """The side-by-side: the builder's units as rows, each with its changes."""
    _attach(comparison, units, document_unit)
    used = _assign_anchors(units)
    views = _change_views(comparison, units, used)
    by_node = {u.node_id: u for u in units
               if u.node_id and u.kind in ("clause", "item") and u.presence != "old"}
    section_state = _sections_that_differ(units)
    rows = tuple(_row(unit, views[id(unit)], by_node, section_state) for unit in units)
    changes = tuple(view for unit in units for view in views[id(unit)])
    return SideBySide(comparison, old_doc.info, new_doc.info, rows, changes, old_doc, new_doc)


def _attach(comparison: Comparison, units: list[Unit], document_unit: Unit) -> None:
    """Each change onto the unit at its place, by YAML path (the document row when it has none):
    NEW's side, or OLD's for a removed item."""
    by_path = {"old": _units_by_path(units, "old"), "new": _units_by_path(units, "new")}
    for change in comparison.changes:
        side = "new" if change.new_yaml_path is not None else "old"
        unit = change_place(change, side, by_path[side]) or document_unit
        unit.changes.append(change)


def _units_by_path(units: list[Unit], side: str) -> dict[str, Unit]:
    """YAML path of the node on ``side`` → the first unit showing it (sections, clauses, items)."""
    by_path: dict[str, Unit] = {}
    for unit in units:
        path = unit.old_path if side == "old" else unit.new_path
        if path is not None and unit.kind not in ("ghost", "document", "text"):
            by_path.setdefault(path, unit)
    return by_path


def _assign_anchors(units: list[Unit]) -> set[str]:
    """A changed row takes its first change's id; others ``row-<node id>``. Returns those used."""
    used: set[str] = set()
    for position, unit in enumerate(units):
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
    return used


def _change_views(comparison: Comparison, units: list[Unit], used: set[str]) -> dict[int, list]:
    """The views of each unit's changes; a second change of a row gets an anchor of its own."""
    views: dict[int, list[ChangeView]] = {}
    extra_anchors = set(used)
    names = party_names(comparison)
    for unit in units:
        out = []
        for number, change in enumerate(unit.changes):
            anchor = unit.anchor
            if number:
                anchor = safe_anchor(change.id, "chg-h")
                while anchor in extra_anchors:
                    anchor += "-x"
                extra_anchors.add(anchor)
            out.append(_view(comparison, change, unit, anchor, names))
        views[id(unit)] = out
    return views


def _view(comparison: Comparison, change: Change, unit: Unit, anchor: str,
          names: dict[str, str]) -> ChangeView:
    old_number = comparison.change_number(change, "old") or (
        unit.old_number if change.old_id is not None else None)
    new_number = comparison.change_number(change, "new") or (
        unit.new_number if change.new_id is not None else None)
    return ChangeView(
        change=change, anchor=anchor, number=new_number or old_number,
        old_number=old_number, new_number=new_number, badge=badge(change),
        title=_display_label(change, unit),
        facts=tuple(fact(f) for f in change.fields),
        notes=change_notes(change, old_number, new_number),
        section=_section_anchor(unit), parties=change_parties(change, names))


def _section_anchor(unit: Unit) -> str | None:
    """The anchor of the section row a unit stands under (a section's or the document's own)."""
    if unit.kind in ("section", "document"):
        return unit.anchor
    return unit.section.anchor if unit.section is not None else None


def _sections_that_differ(units: list[Unit]) -> dict[int, bool]:
    """For each section unit (by id()), whether any row below it differs."""
    state: dict[int, bool] = {}
    for unit in units:
        if unit.section is not None:
            differs = bool(unit.changes) or unit.kind == "ghost" or unit.presence != "both" \
                or any(s.differs for s in unit.segments)
            state[id(unit.section)] = state.get(id(unit.section), False) or differs
    return state


def _row(unit: Unit, views: list[ChangeView], by_node: dict, section_state: dict) -> SideRow:
    owner = owner_number = None
    parent = unit.parent
    if parent is not None and not unit.changes and parent.changes:
        owner = parent.anchor
        owner_number = parent.new_number or parent.old_number
    segments = tuple(unit.segments)
    if unit.kind == "ghost":
        segments = (_ghost_segment(unit, by_node.get(unit.ghost_of)),)
    return SideRow(
        anchor=unit.anchor, kind=unit.kind, node_id=unit.node_id,
        old_number=unit.old_number, new_number=unit.new_number, presence=unit.presence,
        segments=segments, changes=tuple(views), context=unit.context,
        owner=owner, owner_number=owner_number, moved=unit.moved,
        section_changed=section_state.get(id(unit), False), section=_section_anchor(unit),
        parent=parent.anchor if parent is not None else None)


def _ghost_segment(unit: Unit, target: Unit | None) -> Segment:
    """Where a moved provision stood in OLD: a note saying where it went, linked to its row."""
    note = unit.segments[0].old
    place = target.new_number if target else None
    if place and place == unit.old_number and target.kind == "item":
        text = f"{note.text}: moved within {place} (the table or list is reordered)."
    elif place:
        text = f"{note.text}: moved to {place}."
    else:
        text = f"{note.text}: moved."
    return Segment(Note(text, target.anchor if target else None), None)


# ------------------------------------------------------------------ labels

def _display_label(change: Change, unit: Unit) -> str:
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
              or is_code(label))
    if keyish:
        return _unit_label(unit) or label
    return label


def _unit_label(unit: Unit) -> str | None:
    """A short name for a row: its title, its first two table cells, or its first words."""
    for segment in unit.segments:
        piece = segment.new if segment.new is not None else segment.old
        if isinstance(piece, Title):
            return clip_words(_plain_side(piece.content))
        if isinstance(piece, FieldValue):
            values = [s.new if s.new is not None else s.old for s in unit.segments[:2]]
            first = clip_words(_plain_side(values[0].content).strip("[]"))
            if len(values) > 1 and isinstance(values[1], FieldValue):
                second = _plain_side(values[1].content).strip("[]")
                if second and (len(second) <= 40 or len(first) <= 3):
                    return f"{first} \u2014 {clip_words(second, 6)}"
            return first
        if isinstance(piece, Paragraph):
            return clip_words(_plain_side(piece.content))
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
