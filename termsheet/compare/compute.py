"""compare(): two validated term sheets → a :class:`~termsheet.compare.comparison.Comparison`.

``compare(old, new)`` works on the validated data, never on rendered text:

1. every collection (:data:`~termsheet.compare.align.COLLECTIONS`) is aligned item
   by item by its key; only leftovers are paired by similarity (a labelled guess);
2. aligned items are compared field by field (:mod:`~termsheet.compare.fields`);
3. a pair whose place changed relative to the other shared items, in the order
   the built documents print them, is a move;
4. each change is judged (:mod:`~termsheet.compare.judge`): directions with their
   reasons, text-status changes read per party, new lint warnings.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping

from termsheet.compare import classify as cls
from termsheet.compare.actors import Cast
from termsheet.compare.align import COLLECTIONS, Collection, Pair, align
from termsheet.compare.comparison import KINDS, Change, Comparison, FieldChange, VersionInfo
from termsheet.compare.fields import Where, diff_fields, escape_pointer, signature
from termsheet.compare.judge import judge_changes
from termsheet.compare.places import positions_by_path
from termsheet.compare.sequence import heaviest_chain
from termsheet.schema import TermSheet
from termsheet.document.transforms import brackets_as_text
from termsheet.schema.brackets import printed
from termsheet.source.diagnostics import format_field

_LABEL_FIELDS = ("title", "name", "instrument", "area", "event")
_LABEL_TEXT_FIELDS = ("summary", "description", "text", "details", "purpose")


def label(collection: Collection, key: str, data: dict | None) -> str:
    """A short human name for an item."""
    if collection.singleton:
        return collection.name.replace("_", " ")
    if not data:
        return key
    for name in _LABEL_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and value:
            return value
    for name in _LABEL_TEXT_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and value:
            words = printed(value).split()
            return " ".join(words[:10]) + (" …" if len(words) > 10 else "")
    for name in ("kind", "action", "arrangement", "topic"):
        if isinstance(data.get(name), str):
            return f"{key} ({data[name]})"
    return key


# ------------------------------------------------------------------------ compare()

def _get(data: dict | None, path: tuple[str, ...]):
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def version_info(sheet: TermSheet, file: str | None) -> VersionInfo:
    """The header of one side of a comparison: the sheet's metadata and its file."""
    meta = sheet.metadata
    return VersionInfo(
        doc_id=meta.doc_id, version=meta.version, drafting_party=meta.drafting_party,
        date=meta.date.isoformat(), title=meta.title, file=file,
    )


def singleton_changes(collection: Collection, old_root: dict, new_root: dict) -> list[Change]:
    """The change of a singleton part (scope, duration…) between two sheets' data, if any."""
    names = collection.own_fields()
    old_obj = old_root if not collection.container else _get(old_root, collection.container)
    new_obj = new_root if not collection.container else _get(new_root, collection.container)
    if collection.absent_is_empty:
        old_obj, new_obj = old_obj or {}, new_obj or {}
    if old_obj is None and new_obj is None:
        return []
    old_own = None if old_obj is None else {n: old_obj.get(n) for n in names}
    new_own = None if new_obj is None else {n: new_obj.get(n) for n in names}
    pointer = collection.pointer
    base = dict(
        id=f"chg-{collection.name}", collection=collection.name, item_id=collection.name,
        old_id=None if old_own is None else collection.name,
        new_id=None if new_own is None else collection.name,
        paired_by=None if old_own is None or new_own is None else "id", similarity=None,
        path=pointer, old_path=None if old_own is None else pointer,
        new_path=None if new_own is None else pointer, old_index=None, new_index=None,
        old_yaml_path=None if old_own is None else format_field(collection.container),
        new_yaml_path=None if new_own is None else format_field(collection.container),
        label=label(collection, collection.name, None), old_value=old_own, new_value=new_own,
    )
    if old_own is None or new_own is None:
        return [Change(kind="added" if old_own is None else "removed", direction=cls.CHANGED,
                       **base)]
    if old_own == new_own:
        return []
    fields = diff_fields(collection.model, old_own, new_own,
                         Where(pointer, pointer, pointer, ""), names)
    if not fields:
        return []
    return [Change(kind="modified", direction=cls.CHANGED,
                   fields=tuple(fields), **base)]


def _list_changes(collection: Collection, old_root: dict, new_root: dict, places,
                  hand: Mapping[str, str] | None = None) -> list[Change]:
    old_items = _get(old_root, collection.container) or []
    new_items = _get(new_root, collection.container) or []
    if old_items == new_items:
        return []
    model = collection.model
    sig = functools.partial(signature, model, key=collection.key) if collection.similarity else None
    pointer = collection.pointer
    changes = []
    pairs, moved_places = _moves_in_print(
        collection, align(old_items, new_items, collection.key, signature=sig, pairs=hand), places)
    for pair in pairs:
        change = pair_change(collection, pointer, pair, old_items, new_items,
                             moved_places.get(_pair_identity(pair), (None, None)))
        if change is not None:
            changes.append(change)
    return changes


def pair_change(collection, pointer, pair: Pair, old_items, new_items,
                moved_places=(None, None)) -> Change | None:
    """The change between the two items of an aligned ``pair`` (None when they are equal)."""
    old_item = None if pair.old_index is None else old_items[pair.old_index]
    new_item = None if pair.new_index is None else new_items[pair.new_index]
    key = pair.new_key if pair.new_key is not None else pair.old_key
    change_id = f"chg-{collection.name}-{key}"
    if pair.paired_by == "similarity":
        change_id = f"chg-{collection.name}-{pair.old_key}~{pair.new_key}"
    old_path = None if pair.old_index is None else f"{pointer}/{pair.old_index}"
    new_path = None if pair.new_index is None else f"{pointer}/{pair.new_index}"
    path = f"{pointer}/{escape_pointer(key)}"
    fields: list[FieldChange] = []
    if old_item is None:
        kind, direction = "added", cls.CHANGED
    elif new_item is None:
        kind, direction = "removed", cls.CHANGED
    else:
        if old_item != new_item:
            fields = diff_fields(collection.model, old_item, new_item,
                                 Where(path, old_path, new_path, ""))
        if not fields and not pair.moved:
            return None
        kind = ("moved_and_modified" if fields else "moved") if pair.moved else "modified"
        direction = cls.CHANGED
    return Change(
        id=change_id, collection=collection.name, item_id=key, old_id=pair.old_key,
        new_id=pair.new_key, kind=kind, direction=direction, paired_by=pair.paired_by,
        similarity=pair.score, path=path, old_path=old_path, new_path=new_path,
        old_index=pair.old_index, new_index=pair.new_index,
        old_place=moved_places[0], new_place=moved_places[1],
        old_yaml_path=_item_yaml_path(collection, pair.old_index),
        new_yaml_path=_item_yaml_path(collection, pair.new_index),
        label=label(collection, key, new_item if new_item is not None else old_item),
        fields=tuple(fields), old_value=old_item, new_value=new_item,
    )


def _moves_in_print(collection: Collection, pairs: list[Pair], places):
    """The pairs with ``moved`` decided by the order the documents print them (YAML list
    order where no document was given), and each moved pair's places on both sides.

    The pairs that keep their relative order are a longest common subsequence of the two
    orders; among equally long ones, the one keeping most items at their place (their
    rank among all the collection's items), then one chosen by the keys alone (so the
    comparison read the other way round moves the same items).  The others are moves —
    except, in print, one whose place among all the collection's items is the same on
    both sides: a move never keeps its position.  ``places`` holds each side's YAML path
    → place in page order, or None.  An item not printed on a side cannot be seen to move.
    """
    def printed(side: int, index: int) -> int | None:
        if places is None:
            return index
        return places[side].get(_item_yaml_path(collection, index))

    def ranks(side: int, indices) -> dict[int, int]:
        seen = sorted((p, i) for i in indices if (p := printed(side, i)) is not None)
        return {index: rank for rank, (_, index) in enumerate(seen, start=1)}

    old_rank = ranks(0, {p.old_index for p in pairs if p.old_index is not None})
    new_rank = ranks(1, {p.new_index for p in pairs if p.new_index is not None})
    shared = sorted((old_rank[p.old_index], new_rank[p.new_index], _pair_identity(p))
                    for p in pairs if p.old_index in old_rank and p.new_index in new_rank)
    kept = _kept_in_order(shared)
    moved_places = {key: (old, new) for old, new, key in shared if key not in kept
                    and (places is None or old != new)}
    return ([dataclasses.replace(pair, moved=_pair_identity(pair) in moved_places)
             for pair in pairs], moved_places)


def _kept_in_order(shared: list[tuple[int, int, tuple]]) -> set[tuple]:
    """The keys of a longest run of ``shared`` (old place, new place, key — in old order)
    increasing in new place; ties go to the run keeping more items at the same place, then
    to the keys' sorted ranks."""
    n = len(shared)
    key_rank = {key: rank for rank, key in enumerate(sorted(key for _, _, key in shared))}
    weights = [(1 << (3 * n + 2)) + ((old == new) << (2 * n + 1)) + (1 << key_rank[key])
               for old, new, key in shared]
    chain = heaviest_chain([new for _, new, _ in shared], weights)
    return {shared[k][2] for k in chain}


def _pair_identity(pair: Pair) -> tuple[str, ...]:
    """The same for a pair read either way round (so moves do not depend on which side is OLD)."""
    return tuple(sorted((str(pair.old_key), str(pair.new_key))))


def _item_yaml_path(collection: Collection, index: int | None) -> str | None:
    """``commitments[3]``: where a list item stands in one side's data (None: not there)."""
    return None if index is None else format_field((*collection.container, index))


def compare(
    old: TermSheet,
    new: TermSheet,
    *,
    old_file: str | None = None,
    new_file: str | None = None,
    old_document=None,
    new_document=None,
    pairs: Mapping[str, str] | None = None,
) -> Comparison:
    """Compare two validated term sheets; the result lists every change in document order.

    ``old_file``/``new_file`` are recorded for the outputs.  ``old_document`` /
    ``new_document`` (built, numbered :class:`~termsheet.document.nodes.Document`\\ s)
    let writers look a provision's number up with :meth:`Comparison.number`.
    ``pairs`` (OLD id → NEW id) pairs items by hand (``paired_by="hand"``).
    Both sides must be validated term sheets: anything else is a ``TypeError``
    (an invalid side is an error, never an empty diff).
    """
    for side, sheet in (("old", old), ("new", new)):
        if not isinstance(sheet, TermSheet):
            raise TypeError(f"compare(): the {side} side is not a validated TermSheet "
                            f"(got {type(sheet).__name__})")
    old_root = old.model_dump(mode="json")
    new_root = new.model_dump(mode="json")
    # negotiation brackets are compared as the text they print
    old_document, new_document = (None if doc is None else brackets_as_text(doc)
                                  for doc in (old_document, new_document))
    places = None
    if old_document is not None and new_document is not None:
        places = (positions_by_path(old_document), positions_by_path(new_document))
    changes: list[Change] = []
    for collection in COLLECTIONS:
        if collection.singleton:
            changes.extend(singleton_changes(collection, old_root, new_root))
        else:
            changes.extend(_list_changes(collection, old_root, new_root, places, pairs))
    mode = comparison_mode(old, new)
    changes = judge_changes(changes, old, new, mode)
    by_kind = {kind: 0 for kind in KINDS}
    by_direction = {direction: 0 for direction in cls.DIRECTIONS}
    by_label = {label: 0 for label in cls.LABELS}
    by_collection: dict[str, int] = {}
    for change in changes:
        by_kind[change.kind] += 1
        by_direction[change.direction] += 1
        for change_label in change.labels:
            by_label[change_label] += 1
        by_collection[change.collection] = by_collection.get(change.collection, 0) + 1
    comparison = Comparison(
        old=version_info(old, old_file), new=version_info(new, new_file),
        changes=tuple(changes), counts_by_kind=by_kind, counts_by_direction=by_direction,
        counts_by_collection=by_collection, perspective=perspective(new), mode=mode,
        notices=notices(old, new), counts_by_label=by_label, old_sheet=old, new_sheet=new,
    )
    if old_document is not None or new_document is not None:
        comparison = comparison.with_documents(old_document, new_document)
    return comparison


def comparison_mode(old: TermSheet, new: TermSheet) -> str:
    """``versions`` when one party drafted both texts, ``parties`` when two parties did."""
    same = old.metadata.drafting_party == new.metadata.drafting_party
    return "versions" if same else "parties"


def perspective(sheet: TermSheet) -> str:
    """Whose protection the directions measure, in one sentence."""
    beneficiary = Cast.of(sheet).name(sheet.beneficiary)
    return (f"Directions are read from the side of {beneficiary}, the beneficiary: "
            f"\u201cstrengthened\u201d means more protection for {beneficiary}, "
            f"\u201cweakened\u201d less, by the documented rules of structure, "
            "not a judgement of any party's position.")


def notices(old: TermSheet, new: TermSheet) -> tuple[str, ...]:
    """Warnings every output shows: NEW dated before OLD."""
    found = []
    if new.metadata.date < old.metadata.date:
        found.append(f"NEW ({new.metadata.date.isoformat()}) is dated before OLD "
                     f"({old.metadata.date.isoformat()}): check that the files are in the "
                     "right order; every direction reads from OLD to NEW.")
    return tuple(found)
