"""The Comparison of two term sheets, and :func:`compare`, which computes it from the data.

``compare(old, new)`` works on the validated data (two :class:`TermSheet`\\ s),
never on rendered text:

1. every collection (:data:`~termsheet.compare.align.COLLECTIONS`) is aligned item
   by item by its key; only leftovers are paired by similarity (a labelled guess);
2. aligned items are compared field by field: nested objects (location,
   strength, timing, quantity…) field by field, lists of references and
   vocabulary values (providers, members, missions, qualifiers…) as sets, lists
   of objects inside an item (roles, caveats, positions, preconditions) by key,
   text fields with a word diff that also shows invisible differences;
3. each field change gets a direction (:mod:`~termsheet.compare.classify`) and
   each item an overall one.

The result is plain frozen dataclasses that every output writer reads.  Values
in it are JSON-ready (``model_dump(mode="json")``): dates are ISO strings.

Paths are JSON pointers over the data with list items named by key, e.g.
``/commitments/cmt-mnf-support/modality`` or ``/guarantors/us/caveats/other``;
``old_index_path`` and ``new_index_path`` give the same place with list
indices, in OLD's and NEW's data (what :mod:`~termsheet.compare.patch` uses).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated, Any, Union

from pydantic import AfterValidator, BaseModel

from termsheet.compare import classify as cls
from termsheet.compare.align import (
    COLLECTIONS, Collection, Pair, align, nested_key_fields,
)
from termsheet.compare.text import (
    Invisible, TextOp, invisible_differences, looks_identical, word_diff,
)
from termsheet.compare.tokens import tokenize
from termsheet.schema import TermSheet
from termsheet.schema import types as model_types

KINDS = ("added", "removed", "modified", "moved", "moved_and_modified")
"""Kinds of item change, in the order summaries list them."""

PROVENANCE_FIELDS = frozenset({"basis", "source_refs", "notes", "proposed_by"})
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
    paired_by: str | None
    """``id`` or ``similarity`` (a guess; see ``similarity``); None for added/removed."""
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

    @property
    def is_guess(self) -> bool:
        return self.paired_by == "similarity"


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
    old_sheet: TermSheet = field(repr=False, compare=False)
    new_sheet: TermSheet = field(repr=False, compare=False)
    old_numbers: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Id → printed number (``4.2``) in OLD's built Document, when one was given."""
    new_numbers: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

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
        """Printed number of a changed item in OLD's or NEW's Document.

        Tries the item's key, then the ids the builder gives items that have no
        id of their own (``guarantor_us``, ``ratification_us_referendum``,
        ``final_duration``…).
        """
        key = change.old_id if side == "old" else change.new_id
        if key is None:
            return None
        for candidate in (key, *document_ids(change.collection, key)):
            number = self.number(candidate, side)
            if number:
                return number
        return None

    def with_documents(self, old_document=None, new_document=None) -> Comparison:
        """The same comparison, able to give the numbers of the two built Documents."""
        return dataclasses.replace(
            self,
            old_numbers=document_numbers(old_document) if old_document else self.old_numbers,
            new_numbers=document_numbers(new_document) if new_document else self.new_numbers,
        )


_DOCUMENT_IDS = {
    "parties": ("party_{}",),
    "guarantors": ("guarantor_{}",),
    "ratification": ("ratification_{}",),
    "scope": ("sec_scope",),
    "forces": ("forces_strength", "sec_forces"),
    "enforcement": ("sec_response",),
    "duration": ("final_duration",),
    "document": ("sec_parties",),
}


def document_ids(collection: str, key: str) -> tuple[str, ...]:
    """Ids the document builder uses for an item without an id of its own (best effort)."""
    key = key.replace(":", "_")
    return tuple(pattern.format(key) for pattern in _DOCUMENT_IDS.get(collection, ()))


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


# ------------------------------------------------------------ schema introspection

@dataclass(frozen=True)
class _Field:
    name: str
    kind: str
    """``scalar``, ``text``, ``model``, ``list`` (of objects), ``set`` (of scalars) or ``map``."""
    model: type | None = None


def _is_text(metadata) -> bool:
    return any(
        isinstance(m, AfterValidator) and m.func is getattr(model_types, "_check_text", None)
        for m in metadata
    )


def _analyse(annotation, metadata=()) -> tuple[str, type | None]:
    metadata = list(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return "scalar", None
            annotation = args[0]
        else:
            break
    if origin is tuple or origin is list:
        item = typing.get_args(annotation)[0]
        kind, model = _analyse(item)
        return ("list", model) if kind == "model" else ("set", None)
    if origin is dict:
        return "map", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if annotation is str and _is_text(metadata):
        return "text", None
    return "scalar", None


@functools.cache
def model_fields(model: type) -> tuple[_Field, ...]:
    """How each field of a model is compared, in the order changes are listed (cached per class)."""
    result = []
    for name, info in model.model_fields.items():
        kind, nested = _analyse(info.annotation, info.metadata)
        result.append(_Field(name, kind, nested))
    # what a provision says first; its status and provenance (inherited fields) after
    last = PROVENANCE_FIELDS | {"text_status"}
    return tuple(sorted(result, key=lambda spec: spec.name in last))


def _escape(segment: str) -> str:
    return str(segment).replace("~", "~0").replace("/", "~1")


# ---------------------------------------------------------------- field comparison

@dataclass(frozen=True)
class _Where:
    id_path: str
    old_path: str | None
    new_path: str | None
    field: str

    def child(self, name, old_index=None, new_index=None, *, index_name=None) -> _Where:
        """The place of a field (``name``) or of a list element (key ``name`` at the indices)."""
        old_seg = name if old_index is None else old_index
        new_seg = name if new_index is None else new_index
        return _Where(
            f"{self.id_path}/{_escape(name)}",
            None if self.old_path is None else f"{self.old_path}/{_escape(old_seg)}",
            None if self.new_path is None else f"{self.new_path}/{_escape(new_seg)}",
            f"{self.field}/{name}" if self.field else str(name),
        )


def _scalar_change(model: str, name: str, where: _Where, old, new, text: bool) -> FieldChange:
    both_strings = isinstance(old, str) and isinstance(new, str)
    return FieldChange(
        path=where.id_path, field=where.field, op="replace", old=old, new=new,
        direction=cls.classify(model, name, old, new), model=model,
        old_index_path=where.old_path, new_index_path=where.new_path,
        text=word_diff(old, new) if text else None,
        invisible=invisible_differences(old, new) if both_strings else (),
        looks_identical=looks_identical(old, new),
    )


def _set_change(model: str, name: str, where: _Where, old, new) -> FieldChange | None:
    old_list, new_list = list(old or ()), list(new or ())
    old_count = Counter(_hashable(v) for v in old_list)
    new_count = Counter(_hashable(v) for v in new_list)
    if old_count == new_count:
        return None  # only the order differs: not a change
    removed = tuple(_elements(old_list, old_count - new_count))
    added = tuple(_elements(new_list, new_count - old_count))
    invisible: tuple[Invisible, ...] = ()
    looks_same = False
    for gone in removed:
        for came in added:
            if isinstance(gone, str) and isinstance(came, str):
                invisible += invisible_differences(gone, came)
                looks_same = looks_same or looks_identical(gone, came)
    return FieldChange(
        path=where.id_path, field=where.field, op="set", old=old_list, new=new_list,
        direction=cls.classify(model, name, old_list, new_list), model=model,
        old_index_path=where.old_path, new_index_path=where.new_path,
        added=added, removed=removed, invisible=invisible, looks_identical=looks_same,
    )


def _hashable(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def _elements(values: list, wanted: Counter) -> list:
    """The elements of ``values`` counted in ``wanted``, in the order they are written."""
    wanted = Counter(wanted)
    picked = []
    for value in values:
        key = _hashable(value)
        if wanted[key] > 0:
            wanted[key] -= 1
            picked.append(value)
    return picked


def diff_fields(model: type, old: dict, new: dict, where: _Where, names=None) -> list[FieldChange]:
    """Field changes between two dumps of one model, in field order (recursively)."""
    out: list[FieldChange] = []
    model_name = model.__name__
    for spec in model_fields(model):
        if names is not None and spec.name not in names:
            continue
        old_value, new_value = old.get(spec.name), new.get(spec.name)
        if old_value == new_value:
            continue
        here = where.child(spec.name)
        if spec.kind in ("scalar", "text"):
            out.append(_scalar_change(model_name, spec.name, here, old_value, new_value,
                                      spec.kind == "text"))
        elif spec.kind == "set":
            change = _set_change(model_name, spec.name, here, old_value, new_value)
            if change is not None:
                out.append(change)
        elif spec.kind == "model":
            if old_value is None or new_value is None:
                out.append(_scalar_change(model_name, spec.name, here, old_value, new_value, False))
            else:
                out.extend(diff_fields(spec.model, old_value, new_value, here))
        elif spec.kind == "list":
            out.extend(_diff_keyed_list(model_name, spec, old_value or [], new_value or [], here))
        elif spec.kind == "map":
            out.extend(_diff_map(model_name, spec.name, old_value or {}, new_value or {}, here))
    return out


def _diff_keyed_list(model_name: str, spec: _Field, old_list, new_list, where: _Where):
    key = nested_key_fields(model_name, spec.name, spec.model)
    for pair in align(old_list, new_list, key):
        if pair.old_index is None:
            here = where.child(pair.new_key, pair.new_index, pair.new_index)
            yield FieldChange(
                path=here.id_path, field=here.field, op="add", old=None,
                new=new_list[pair.new_index], direction=cls.CHANGED, model=model_name,
                old_index_path=here.old_path, new_index_path=here.new_path,
            )
        elif pair.new_index is None:
            here = where.child(pair.old_key, pair.old_index, pair.old_index)
            yield FieldChange(
                path=here.id_path, field=here.field, op="remove", old=old_list[pair.old_index],
                new=None, direction=cls.CHANGED, model=model_name,
                old_index_path=here.old_path, new_index_path=None,
            )
        else:
            here = where.child(pair.new_key, pair.old_index, pair.new_index)
            old_item, new_item = old_list[pair.old_index], new_list[pair.new_index]
            if old_item != new_item:
                yield from diff_fields(spec.model, old_item, new_item, here)


def _diff_map(model_name: str, name: str, old_map: dict, new_map: dict, where: _Where):
    for key in sorted(set(old_map) | set(new_map)):
        old_value, new_value = old_map.get(key), new_map.get(key)
        if old_value == new_value:
            continue
        here = where.child(key)
        if key not in old_map:
            op, direction = "add", cls.CHANGED
        elif key not in new_map:
            op, direction = "remove", cls.CHANGED
        else:
            op, direction = "replace", cls.CHANGED
        yield FieldChange(
            path=here.id_path, field=here.field, op=op, old=old_value, new=new_value,
            direction=direction, model=model_name,
            old_index_path=here.old_path, new_index_path=None if op == "remove" else here.new_path,
            text=word_diff(old_value, new_value) if op == "replace" else None,
            invisible=invisible_differences(old_value, new_value) if op == "replace" else (),
            looks_identical=looks_identical(old_value, new_value),
        )


# ------------------------------------------------------------------ item signature

def signature(model: type, data: dict, key: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Content tokens of an item, for similarity pairing of leftovers.

    The words of its text fields and ``field=value`` for its other non-default
    values; its key fields and its provenance are left out.
    """
    tokens: list[str] = []
    _collect_tokens(model, data, key, tokens)
    return tuple(tokens)


def _collect_tokens(model: type, data: dict, skip, tokens: list[str]) -> None:
    fields = model.model_fields
    for spec in model_fields(model):
        if spec.name in skip or spec.name in PROVENANCE_FIELDS or spec.name == "text_status":
            continue
        value = data.get(spec.name)
        if value in (None, (), [], {}, False, ""):
            continue
        default = fields[spec.name].default
        if not isinstance(default, BaseModel) and value == default:
            continue
        if spec.kind == "text":
            tokens.extend(token.strip() for token in tokenize(value))
        elif spec.kind == "scalar":
            tokens.append(f"{spec.name}={value}")
        elif spec.kind == "set":
            tokens.extend(sorted(f"{spec.name}={v}" for v in value))
        elif spec.kind == "model":
            _collect_tokens(spec.model, value, (), tokens)
        elif spec.kind == "list":
            for item in value:
                _collect_tokens(spec.model, item, (), tokens)
        elif spec.kind == "map":
            for k in sorted(value):
                tokens.extend(token.strip() for token in tokenize(str(value[k])))


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
        label=label(collection, collection.name, None), old_value=old_own, new_value=new_own,
    )
    if old_own is None or new_own is None:
        return [Change(kind="added" if old_own is None else "removed", direction=cls.CHANGED,
                       **base)]
    if old_own == new_own:
        return []
    fields = diff_fields(collection.model, old_own, new_own,
                         _Where(pointer, pointer, pointer, ""), names)
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
    path = f"{pointer}/{_escape(key)}"
    fields: list[FieldChange] = []
    if old_item is None:
        kind, direction = "added", cls.CHANGED
    elif new_item is None:
        kind, direction = "removed", cls.CHANGED
    else:
        if old_item != new_item:
            fields = diff_fields(collection.model, old_item, new_item,
                                 _Where(path, old_path, new_path, ""))
        if not fields and not pair.moved:
            return None
        kind = ("moved_and_modified" if fields else "moved") if pair.moved else "modified"
        direction = cls.combine(f.direction for f in fields)
    return Change(
        id=change_id, collection=collection.name, item_id=key, old_id=pair.old_key,
        new_id=pair.new_key, kind=kind, direction=direction, paired_by=pair.paired_by,
        similarity=pair.score, path=path, old_path=old_path, new_path=new_path,
        old_index=pair.old_index, new_index=pair.new_index,
        label=label(collection, key, new_item if new_item is not None else old_item),
        fields=tuple(fields), old_value=old_item, new_value=new_item,
    )


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
        by_direction[change.direction] += 1
        by_collection[change.collection] = by_collection.get(change.collection, 0) + 1
    comparison = Comparison(
        old=_version_info(old, old_file), new=_version_info(new, new_file),
        changes=tuple(changes), counts_by_kind=by_kind, counts_by_direction=by_direction,
        counts_by_collection=by_collection, old_sheet=old, new_sheet=new,
    )
    if old_document is not None or new_document is not None:
        comparison = comparison.with_documents(old_document, new_document)
    return comparison
