"""compare(): two validated term sheets → a :class:`~termsheet.compare.comparison.Comparison`.

``compare(old, new)`` works on the validated data, never on rendered text:

1. every collection (:data:`~termsheet.compare.align.COLLECTIONS`) is aligned item
   by item by its key; only leftovers are paired by similarity (a labelled guess);
2. aligned items are compared field by field (:mod:`~termsheet.compare.fields`);
3. each field change gets a direction (:mod:`~termsheet.compare.classify`) and
   each item an overall one.
"""

from __future__ import annotations

import functools

from termsheet.compare import classify as cls
from termsheet.compare.align import COLLECTIONS, Collection, Pair, align
from termsheet.compare.comparison import KINDS, Change, Comparison, FieldChange, VersionInfo
from termsheet.compare.fields import Where, diff_fields, escape_pointer, signature
from termsheet.schema import TermSheet
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
            words = value.split()
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


def _version_info(sheet: TermSheet, file: str | None) -> VersionInfo:
    meta = sheet.metadata
    return VersionInfo(
        doc_id=meta.doc_id, version=meta.version, drafting_party=meta.drafting_party,
        date=meta.date.isoformat(), title=meta.title, file=file,
    )


def _singleton_changes(collection: Collection, old_root: dict, new_root: dict) -> list[Change]:
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
    return [Change(kind="modified", direction=cls.combine(f.direction for f in fields),
                   fields=tuple(fields), **base)]


def _list_changes(collection: Collection, old_root: dict, new_root: dict) -> list[Change]:
    old_items = _get(old_root, collection.container) or []
    new_items = _get(new_root, collection.container) or []
    if old_items == new_items:
        return []
    model = collection.model
    sig = functools.partial(signature, model, key=collection.key) if collection.similarity else None
    pointer = collection.pointer
    changes = []
    for pair in align(old_items, new_items, collection.key, signature=sig):
        change = _pair_change(collection, pointer, pair, old_items, new_items)
        if change is not None:
            changes.append(change)
    return changes


def _pair_change(collection, pointer, pair: Pair, old_items, new_items) -> Change | None:
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
        direction = cls.combine(f.direction for f in fields)
    return Change(
        id=change_id, collection=collection.name, item_id=key, old_id=pair.old_key,
        new_id=pair.new_key, kind=kind, direction=direction, paired_by=pair.paired_by,
        similarity=pair.score, path=path, old_path=old_path, new_path=new_path,
        old_index=pair.old_index, new_index=pair.new_index,
        old_yaml_path=_item_yaml_path(collection, pair.old_index),
        new_yaml_path=_item_yaml_path(collection, pair.new_index),
        label=label(collection, key, new_item if new_item is not None else old_item),
        fields=tuple(fields), old_value=old_item, new_value=new_item,
    )


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
) -> Comparison:
    """Compare two validated term sheets; the result lists every change in document order.

    ``old_file``/``new_file`` are recorded for the outputs.  ``old_document`` /
    ``new_document`` (built, numbered :class:`~termsheet.document.nodes.Document`\\ s)
    let writers look a provision's number up with :meth:`Comparison.number`.
    Both sides must be validated term sheets: anything else is a ``TypeError``
    (an invalid side is an error, never an empty diff).
    """
    for side, sheet in (("old", old), ("new", new)):
        if not isinstance(sheet, TermSheet):
            raise TypeError(f"compare(): the {side} side is not a validated TermSheet "
                            f"(got {type(sheet).__name__})")
    old_root = old.model_dump(mode="json")
    new_root = new.model_dump(mode="json")
    changes: list[Change] = []
    for collection in COLLECTIONS:
        if collection.singleton:
            changes.extend(_singleton_changes(collection, old_root, new_root))
        else:
            changes.extend(_list_changes(collection, old_root, new_root))
    by_kind = {kind: 0 for kind in KINDS}
    by_direction = {direction: 0 for direction in cls.DIRECTIONS}
    by_collection: dict[str, int] = {}
    for change in changes:
        by_kind[change.kind] += 1
        by_direction[change.direction] = by_direction.get(change.direction, 0) + 1
        by_collection[change.collection] = by_collection.get(change.collection, 0) + 1
    comparison = Comparison(
        old=_version_info(old, old_file), new=_version_info(new, new_file),
        changes=tuple(changes), counts_by_kind=by_kind, counts_by_direction=by_direction,
        counts_by_collection=by_collection, old_sheet=old, new_sheet=new,
    )
    if old_document is not None or new_document is not None:
        comparison = comparison.with_documents(old_document, new_document)
    return comparison
