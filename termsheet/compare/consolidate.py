"""consolidate(): several validated term sheets → a :class:`~termsheet.compare.consolidation.Consolidation`.

1. **Align** every collection (:data:`~termsheet.compare.align.COLLECTIONS`, the
   header ``metadata`` aside) across all versions with the aligner ``diff`` uses
   (:func:`~termsheet.compare.align.align`: by key, then ``replaces:`` and hand
   pairs, then similarity for leftovers).  The reference (the base, else the first
   version) lays the rows out; each further version is aligned with the rows so
   far: by key, then its leftovers with the rows it does not hold (``replaces:``,
   hand pairs, then similarity gap by gap, as ``diff`` pairs leftovers between
   stable pairs); an item no row holds becomes a new row after the row before it
   in that version.  A version whose keys all name rows needs no aligner at all.
2. **Group** each row's versions by equal data in the comparison's normal form
   (:func:`normal_form`, hashable): two items are equal exactly when ``diff`` reports
   no change between them (their order aside).  Raw equality is tried first, so the
   normal form is computed only where the raw data differ, and once per item.
3. **Status** of each row (:data:`~termsheet.compare.consolidation.STATUSES`) and,
   with a base, its three-way state (unchanged, proposal, conflict).
4. **Directions**: each version's differing items are compared with the
   reference's by the data comparison (``compute``'s item changes, judged by
   :func:`~termsheet.compare.judge.judge_changes` without the lint flags, and without
   the word diffs of changed texts: ``fields.WORD_DETAILS``), so a version holding the
   reference's data (in the normal form: in its group) costs no comparison at all.

The cyclic garbage collector is paused meanwhile (:func:`~termsheet.source.yaml_reader.
paused_gc`): the versions' data and rows are kept, not freed.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from termsheet.compare.align import COLLECTIONS, Collection, Pair, align, item_keys, nested_key_fields
from termsheet.compare.comparison import Change
from termsheet.compare.compute import (
    comparison_mode, label, pair_change, perspective, singleton_changes, version_info,
)
from termsheet.compare.consolidation import (
    AGREED, CONFLICT, DISPUTED, PARTIAL, PROPOSAL, SINGLE_PARTY, UNADDRESSED, UNCHANGED,
    Cell, Consolidation, Group, Row, Version,
)
from termsheet.compare.fields import WORD_DETAILS, escape_pointer, model_fields, signature
from termsheet.compare.judge import judge_changes
from termsheet.schema import TermSheet
from termsheet.schema.brackets import party_code
from termsheet.source.diagnostics import format_field
from termsheet.source.yaml_reader import paused_gc

ROW_COLLECTIONS = tuple(c for c in COLLECTIONS if c.name != "metadata")
"""The collections a consolidation has rows for: every one but the document header."""


@dataclass(frozen=True)
class Input:
    """One file to consolidate: its validated sheet and the name it is reported under."""

    sheet: TermSheet
    file: str | None = None


def consolidate(
    versions: Sequence[Input | TermSheet],
    base: Input | TermSheet | None = None,
    compromise: Input | TermSheet | None = None,
    *,
    pairs: Mapping[str, str] | None = None,
) -> Consolidation:
    """Align, group and judge every provision of ``versions`` (at least one).

    ``base`` is the common ancestor (three-way states); ``compromise`` a version shown
    beside the others and left out of the statuses.  ``pairs`` (id → id) pairs items
    by hand, either way round.  Anything but validated term sheets is a ``TypeError``.
    """
    if not versions:
        raise ValueError("consolidate(): no version to consolidate")
    with paused_gc():
        return _consolidate(versions, base, compromise, pairs or {})


def _consolidate(versions, base, compromise, pairs: Mapping[str, str]) -> Consolidation:
    party_versions = _versions([_input(v) for v in versions])
    base_version = None if base is None else _side(_input(base), "base", -1)
    compromise_version = (None if compromise is None
                          else _side(_input(compromise), "compromise", len(party_versions)))
    # the reference lays the rows out: it is aligned first
    sources = [v for v in (base_version, *party_versions, compromise_version) if v is not None]
    roots = [source.sheet.model_dump(mode="json") for source in sources]
    hand = dict(pairs) | {new: old for old, new in pairs.items()}
    reference = sources[0]
    rows: list[Row] = []
    for collection in ROW_COLLECTIONS:
        for cells in _aligned(collection, roots, hand):
            rows.append(_row(collection, cells, sources, base_version is not None,
                             compromise_version is not None))
    rows = _with_directions(rows, sources, roots, reference)
    return Consolidation(
        versions=tuple(party_versions), rows=tuple(rows), base=base_version,
        compromise=compromise_version, perspective=perspective(reference.sheet),
    )


def _input(value) -> Input:
    found = value if isinstance(value, Input) else Input(value)
    if not isinstance(found.sheet, TermSheet):
        raise TypeError(f"consolidate(): not a validated TermSheet "
                        f"(got {type(found.sheet).__name__})")
    return found


def _side(found: Input, role: str, index: int) -> Version:
    party = found.sheet.metadata.drafting_party
    return Version(index=index, role=role, info=version_info(found.sheet, found.file),
                   party=party, code=party_code(party), label=role, sheet=found.sheet)


def _versions(inputs: list[Input]) -> list[Version]:
    """The versions with their column labels: the party's code, with the version number (and
    if need be the place) when a party tabled several."""
    parties = [found.sheet.metadata.drafting_party for found in inputs]
    labels = []
    for found, party in zip(inputs, parties):
        code = party_code(party)
        labels.append(code if parties.count(party) == 1
                      else f"{code} {found.sheet.metadata.version}")
    labels = [text if labels.count(text) == 1 else f"{text} ({index + 1})"
              for index, text in enumerate(labels)]
    return [Version(index=index, role="version", info=version_info(found.sheet, found.file),
                    party=party, code=party_code(party), label=text, sheet=found.sheet)
            for index, (found, party, text) in enumerate(zip(inputs, parties, labels))]


# ------------------------------------------------------------------ alignment

def _get(data, path: tuple[str, ...]):
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _aligned(collection: Collection, roots: list[dict], hand: Mapping[str, str]
             ) -> list[list[Cell]]:
    """The cells of each row of one collection (one per source, in the order of ``roots``)."""
    if collection.singleton:
        cells = [_singleton_cell(collection, root) for root in roots]
        return [cells] if any(found.addressed for found in cells) else []
    lists = [_get(root, collection.container) or [] for root in roots]
    sig = _remembered(functools.partial(signature, collection.model, key=collection.key)
                      ) if collection.similarity else None
    # each row: its representative item and key, the other keys it was paired under, and
    # source → Cell
    rows: list[dict] = []
    for source, items in enumerate(lists):
        rows = _align_source(collection, rows, source, items, sig, hand)
    return [[row["cells"].get(source, Cell(None, None)) for source in range(len(roots))]
            for row in rows]


def _remembered(function):
    """``function`` of an item, computed once per item object (a row's item is scored against
    the leftovers of every version)."""
    found: dict[int, tuple] = {}

    def remembered(item: dict):
        if id(item) not in found:
            found[id(item)] = (item, function(item))  # the item is kept: its id stays its own
        return found[id(item)][1]
    return remembered


def _singleton_cell(collection: Collection, root: dict) -> Cell:
    obj = root if not collection.container else _get(root, collection.container)
    own = None if obj is None else {name: obj.get(name) for name in collection.own_fields()}
    if collection.absent_is_empty and own is not None and not any(own.values()):
        own = None  # an empty pure container says nothing
    return Cell(collection.name, own, yaml_path=None if own is None
                else format_field(collection.container), paired_by="id")


def _align_source(collection: Collection, rows: list[dict], source: int, items: list[dict],
                  sig, hand: Mapping[str, str]) -> list[dict]:
    """The rows with ``source``'s items placed: on the row of the same key, else on the row
    the aligner pairs it with among the leftovers (``replaces:``, hand pairs, similarity),
    else on a new row after the row of the item before it."""
    keys = item_keys(items, collection.key)
    where = format_field(collection.container)

    def cell(index: int, paired_by: str, score=None) -> Cell:
        return Cell(keys[index], items[index], index, f"{where}[{index}]", paired_by, score)

    by_key = {row["key"]: row for row in rows}
    row_of: dict[int, dict] = {}
    for index, key in enumerate(keys):
        if key in by_key:
            row_of[index] = by_key[key]
            row_of[index]["cells"][source] = cell(index, "id")
    if len(row_of) == len(items):  # every item names a row: no aligner needed
        return rows
    _pair_leftovers(collection, rows, source, items, keys, row_of, sig, hand, cell)
    return _with_new_rows(rows, items, keys, row_of, source, cell)


def _pair_leftovers(collection, rows, source, items, keys, row_of, sig, hand, cell) -> None:
    """Pair the items no key placed with the rows ``source`` does not hold, as ``diff`` pairs
    leftovers: first by ``replaces:`` and hand pairs (and the keys other versions' items
    joined a row under), then by similarity within each gap between placed items."""
    free_items = [index for index in range(len(items)) if index not in row_of]
    held = {id(row) for row in row_of.values()}
    free_rows = [row for row in rows if id(row) not in held]
    if not free_rows:
        return
    aliases = {alias: row["key"] for row in free_rows for alias in row["aliases"]}

    def join(indices: list[int], candidates: list[dict], signature) -> None:
        for pair in align([items[i] for i in indices], [row["item"] for row in candidates],
                          collection.key, signature=signature, pairs={**hand, **aliases}):
            if pair.old_index is None or pair.new_index is None:
                continue
            index, row = indices[pair.old_index], candidates[pair.new_index]
            how = pair.paired_by
            if how == "hand" and keys[index] in aliases:
                how = row["how"].get(keys[index], "hand")
            row_of[index] = row
            row["cells"][source] = cell(index, how, pair.score)
            if keys[index] != row["key"]:
                row["aliases"].add(keys[index])
                row["how"][keys[index]] = how

    join(free_items, free_rows, None)
    if sig is not None:
        for indices, candidates in _gaps(rows, items, row_of):
            join(indices, candidates, sig)


def _gaps(rows: list[dict], items: list[dict], row_of: dict[int, dict]):
    """(unplaced items, rows the source does not hold) of each gap between placed items:
    the gap is named by the row of the placed item before it (-1: the start)."""
    position = {id(row): number for number, row in enumerate(rows)}
    item_gaps: dict[int, list[int]] = {}
    last = -1
    for index in range(len(items)):
        if index in row_of:
            last = position[id(row_of[index])]
        else:
            item_gaps.setdefault(last, []).append(index)
    held = {id(row) for row in row_of.values()}
    row_gaps: dict[int, list[dict]] = {}
    last = -1
    for number, row in enumerate(rows):
        if id(row) in held:
            last = number
        elif last in item_gaps:
            row_gaps.setdefault(last, []).append(row)
    return [(indices, row_gaps[gap]) for gap, indices in item_gaps.items() if gap in row_gaps]


def _with_new_rows(rows, items, keys, row_of, source, cell) -> list[dict]:
    """The rows with a new row for each item still unplaced, after the row of the item
    before it in ``source`` (at the start when none)."""
    after: dict[int, list[dict]] = {}
    anchor = -1
    for index in range(len(items)):
        if index in row_of:
            anchor = id(row_of[index])
            continue
        after.setdefault(anchor, []).append(
            {"key": keys[index], "item": items[index], "aliases": set(), "how": {},
             "cells": {source: cell(index, "id")}})
    placed = list(after.get(-1, ()))
    for row in rows:
        placed.append(row)
        placed.extend(after.get(id(row), ()))
    return placed


# ------------------------------------------------------------------ normal form

def normal_form(model: type, data):
    """``data`` (an item of ``model``, JSON-ready) with what the comparison ignores taken out,
    as a hashable value: the order of lists compared as sets and of keyed lists inside an
    item, and numbers written as floats that are whole.  Two items are equal in this form
    exactly when ``diff`` reports no change of their fields."""
    if not isinstance(data, dict):
        return _frozen(data)
    out = []
    for spec in model_fields(model):
        if spec.name not in data:
            continue
        value = data[spec.name]
        if value is None:
            out.append((spec.name, None))
        elif spec.kind == "set":
            out.append((spec.name, _set_form(value)))
        elif spec.kind == "model":
            out.append((spec.name, normal_form(spec.model, value)))
        elif spec.kind == "list":
            out.append((spec.name, _keyed_list(model, spec, value)))
        else:
            out.append((spec.name, _frozen(_number(value))))
    return tuple(out)


def _set_form(value: list) -> tuple:
    if all(type(member) is str for member in value):  # most sets: ids and codes
        return tuple(sorted(value))
    return tuple(sorted((_frozen(_number(member)) for member in value), key=_sort_key))


def _keyed_list(model: type, spec, value: list) -> tuple:
    items = [normal_form(spec.model, item) for item in value]
    key = nested_key_fields(model.__name__, spec.name, spec.model)
    if not key:
        return tuple(items)  # aligned by position: the order is compared
    return tuple(item for _, item in sorted(zip(item_keys(value, key), items),
                                            key=lambda p: p[0]))


def _frozen(value):
    """A JSON value as an equal hashable one: lists as tuples, mappings as their sorted
    items."""
    if isinstance(value, list):
        return tuple(_frozen(member) for member in value)
    if isinstance(value, dict):
        return ("mapping", tuple(sorted((key, _frozen(member)) for key, member in value.items())))
    return value


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _sort_key(value) -> tuple:
    if type(value) is str:
        return ("str", value)
    return (type(value).__name__, json.dumps(value, sort_keys=True))


@dataclass
class _Grouping:
    """Groups of equal data built cell by cell; normal forms are computed only when needed."""

    model: type
    groups: list[tuple[object, list[int]]] = field(default_factory=list)
    normals: dict[int, object] = field(default_factory=dict)

    def add(self, source: int, data) -> None:
        # equal data are in one group: raw equality first, the normal form once if need be
        for first, members in self.groups:
            if first == data:
                members.append(source)
                return
        form = normal_form(self.model, data) if self.groups else None
        for number, (first, members) in enumerate(self.groups):
            if self.normal(number) == form:
                members.append(source)
                return
        self.groups.append((data, [source]))
        if form is not None:
            self.normals[len(self.groups) - 1] = form

    def normal(self, number: int):
        if number not in self.normals:
            self.normals[number] = normal_form(self.model, self.groups[number][0])
        return self.normals[number]

    def same(self, first, second) -> bool:
        return first == second or (first is not None and second is not None and
                                   normal_form(self.model, first) == normal_form(self.model, second))


# ------------------------------------------------------------------ rows

def _row(collection: Collection, cells: list[Cell], sources: list[Version], has_base: bool,
         has_compromise: bool) -> Row:
    """One row from its cells (one per source: base?, versions…, compromise?)."""
    base = cells[0] if has_base else None
    compromise = cells[-1] if has_compromise else None
    own = cells[1 if has_base else 0: len(cells) - (1 if has_compromise else 0)]
    grouping = _Grouping(collection.model)
    for index, found in enumerate(own):
        if found.addressed:
            grouping.add(index, found.data)
    groups = tuple(Group(tuple(members), data) for data, members in grouping.groups)
    first = next(found for found in cells if found.addressed)
    key = first.key
    row = Row(
        id=f"{collection.name}/{escape_pointer(key)}", collection=collection.name, key=key,
        label=label(collection, key, first.data), cells=tuple(own), groups=groups,
        status=_status(own, groups), base=base, compromise=compromise,
    )
    if base is None:
        return row
    changed = tuple(not grouping.same(base.data, found.data) for found in own)
    return _with_state(row, changed, grouping)


def _status(cells: Sequence[Cell], groups: tuple[Group, ...]) -> str:
    present = sum(1 for found in cells if found.addressed)
    if present == len(cells):
        return AGREED if len(groups) == 1 else DISPUTED
    return {0: UNADDRESSED, 1: SINGLE_PARTY}.get(present, PARTIAL)


def _with_state(row: Row, changed: tuple[bool, ...], grouping: _Grouping) -> Row:
    """The row with its three-way state: who changed the base's provision, and how."""
    changers = [row.cells[index].data for index, did in enumerate(changed) if did]
    if not changers:
        state = UNCHANGED
    elif all(grouping.same(changers[0], other) for other in changers[1:]):
        state = PROPOSAL
    else:
        state = CONFLICT
    return dataclasses.replace(row, changed=changed, state=state)


# ------------------------------------------------------------------ directions

def _with_directions(rows: list[Row], sources: list[Version], roots: list[dict],
                     reference: Version) -> list[Row]:
    """Each row with every source's change against the reference, judged with directions."""
    has_base = sources[0].role == "base"
    has_compromise = sources[-1].role == "compromise"
    found: dict[tuple[int, str], Change] = {}
    words_off = WORD_DETAILS.set(False)  # directions only: no word diffs of thousands of texts
    try:
        _judge_sources(rows, sources, roots, reference, has_base, found)
    finally:
        WORD_DETAILS.reset(words_off)
    first = 1 if has_base else 0
    last = len(sources) - (1 if has_compromise else 0)
    result = []
    for row in rows:
        result.append(dataclasses.replace(
            row, changes=tuple(found.get((number, row.id)) for number in range(first, last)),
            compromise_change=found.get((len(sources) - 1, row.id)) if has_compromise else None,
        ))
    return result


def _judge_sources(rows, sources, roots, reference, has_base, found) -> None:
    """Fill ``found`` ((source, row id) → judged change) for every source but the reference."""
    for number in range(1, len(sources)):
        changes = {}
        for row in rows:
            change = _change(row, number, has_base, roots, sources)
            if change is not None:
                changes[row.id] = change
        if not changes:
            continue
        judged = judge_changes(list(changes.values()), reference.sheet, sources[number].sheet,
                               comparison_mode(reference.sheet, sources[number].sheet),
                               lint_flags=False)
        found.update({(number, row_id): change for row_id, change in zip(changes, judged)})


def _grouped_together(row: Row, number: int, has_base: bool) -> bool:
    """Whether source ``number`` holds the reference's data in the normal form (the reference
    being the first version): the comparison finds no change between them then."""
    if has_base or number >= len(row.cells):
        return False
    group = row.group_of(0)
    return group is not None and number in group.versions


def _cell_of(row: Row, source: int, has_base: bool) -> Cell:
    if has_base:
        if source == 0:
            return row.base
        source -= 1
    if source < len(row.cells):
        return row.cells[source]
    return row.compromise


def _change(row: Row, number: int, has_base: bool, roots: list[dict],
            sources: list[Version]) -> Change | None:
    """Source ``number``'s change of the row's item against the reference's (None: equal)."""
    old, new = _cell_of(row, 0, has_base), _cell_of(row, number, has_base)
    if old.data == new.data or _grouped_together(row, number, has_base):
        return None
    collection = next(c for c in ROW_COLLECTIONS if c.name == row.collection)
    if collection.singleton:
        changes = singleton_changes(collection, roots[0], roots[number])
        return changes[0] if changes else None
    old_items = _get(roots[0], collection.container) or []
    new_items = _get(roots[number], collection.container) or []
    pair = Pair(old.index, new.index, old.key, new.key,
                None if old.data is None or new.data is None else new.paired_by or "id",
                new.similarity)
    return pair_change(collection, collection.pointer, pair, old_items, new_items)



# ------------------------------------------------------------------ hand pairs

def pair_problems(sheets: Sequence[TermSheet], pairs: Mapping[str, str]
                  ) -> list[tuple[str, str, str]]:
    """Why hand pairs (id → id) cannot be made across ``sheets``: (id, id, reason) each.

    Each id must name an item of some file, both of one collection."""
    from termsheet.compare.align import item_ids

    found: dict[str, str] = {}
    for sheet in sheets:
        for ident, collection in item_ids(sheet).items():
            found.setdefault(ident, collection)
    problems = []
    for first, second in pairs.items():
        missing = [ident for ident in (first, second) if ident not in found]
        if missing:
            problems += [(first, second, f"no file has an item with id {ident}")
                         for ident in missing]
        elif found[first] != found[second]:
            problems.append((first, second, f"{first} is one of the {found[first]} and {second} "
                             f"one of the {found[second]}; only items of one collection pair"))
    return problems
