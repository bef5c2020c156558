"""Apply a JSON change list (``write_diff_json``'s ``changes``) to OLD's plain data.

``apply_changes(old_data, diff)`` turns OLD's data into NEW's.  ``old_data`` is
the plain data of the OLD term sheet — ``sheet.model_dump(mode="json")``, or the
mapping loaded from its YAML file (omitted defaults are created where needed).
The change list must have been computed from that same OLD version: the patch
uses the ``old_index_path``/``old_path`` pointers (list indices into OLD) and
refuses (:class:`PatchError`) when they do not fit.

What it reproduces exactly: every scalar and text value, nested objects, added,
removed and guessed (similarity-paired, renamed) items, and the order of the
items of every collection (commitments, deployments, triggers…), moves included.

What it does **not** reproduce — the differences the comparison itself ignores,
so that ``patch_normal_form(apply_changes(old, diff(old, new))) ==
patch_normal_form(new)`` holds, and plain equality holds whenever NEW has none
of these differences:

1. **Order inside lists compared as sets** (providers, members, participants,
   actors, missions, qualifiers, trigger_refs, kinds, tasks, functions,
   additional_actions, source_refs, counterparties, mediators, contributors,
   authentic_languages, places, options, exclusions, conditions, handling,
   recipients, member_of, term_alternatives): an order-only change is not a
   change; when elements change, the patch removes the removed ones and appends
   the added ones after the kept ones.
2. **Order of objects inside an item** (a guarantor's roles and caveats, an
   issue's positions, a ratification step's preconditions): aligned by key and
   not compared for order; an added one is inserted at NEW's index among the
   kept ones, which keep OLD's relative order.
3. **An absent ``forces`` or ``enforcement`` section is the same as an empty
   one** (``null`` versus ``{"triggers": [], "responses": []}``).
4. **Numbers equal in value** (``800000`` versus ``800000.0``) are not a change.

:func:`patch_normal_form` states these exceptions as code: it sorts the lists of
1 and 2, turns an empty ``forces``/``enforcement`` into None and integral floats
into ints.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping

from termsheet.compare.align import COLLECTIONS, NESTED_KEYS, item_keys, nested_key_fields
from termsheet.compare.fields import model_fields
from termsheet.schema import TermSheet


class PatchError(ValueError):
    """The change list does not fit the data it is applied to."""


# ------------------------------------------------------------------ JSON pointers

def _parts(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise PatchError(f"not a JSON pointer: {pointer!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def _step(container, part: str, create_next: str | None = None):
    """The child ``part`` of ``container``; with ``create_next``, make a missing one."""
    if isinstance(container, list):
        try:
            return container[int(part)]
        except (ValueError, IndexError):
            raise PatchError(f"no list index {part!r} (list of {len(container)})") from None
    if not isinstance(container, dict):
        raise PatchError(f"cannot go into {type(container).__name__} at {part!r}")
    value = container.get(part)
    if value is None and create_next is not None:
        value = [] if create_next.isdigit() else {}
        container[part] = value
    return value


def _parent(data, pointer: str, *, create: bool = True):
    parts = _parts(pointer)
    if not parts:
        raise PatchError("cannot replace the whole document")
    node = data
    for part, following in zip(parts[:-1], parts[1:]):
        node = _step(node, part, following if create else None)
    return node, parts[-1]


def _set(data, pointer: str, value) -> None:
    parent, last = _parent(data, pointer)
    if isinstance(parent, list):
        parent[int(last)] = value
    elif isinstance(parent, dict):
        parent[last] = value
    else:
        raise PatchError(f"cannot set {pointer}")


def _get(data, pointer: str, default=None):
    node = data
    for part in _parts(pointer):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return default
        if node is None:
            return default
    return node


# --------------------------------------------------------------------- the patch

def _load(changes_json) -> list[dict]:
    if isinstance(changes_json, (str, bytes)):
        changes_json = json.loads(changes_json)
    if isinstance(changes_json, Mapping):
        if changes_json.get("version") not in (None, 1, 2):
            raise PatchError(f"unsupported diff version {changes_json.get('version')!r}")
        changes_json = changes_json["changes"]
    return list(changes_json)


def apply_changes(old_data: dict, changes_json) -> dict:
    """NEW's data from OLD's plain data and a change list (JSON text, JSON document or its list).

    ``old_data`` is not modified.  See the module docstring for what is and is
    not reproduced.
    """
    changes = _load(changes_json)
    data = copy.deepcopy(dict(old_data))
    _apply_fields(data, [f for c in changes if c["kind"] in ("modified", "moved_and_modified")
                         for f in c["fields"]])
    for change in changes:  # singletons that appear: create them before their sub-lists
        if change["singleton"] and change["kind"] == "added":
            existing = _get(data, change["container"]) or {}
            _set(data, change["container"], {**copy.deepcopy(change["new_value"]), **{
                k: v for k, v in existing.items() if k not in change["new_value"]}})
    by_collection: dict[str, list[dict]] = {}
    for change in changes:
        if not change["singleton"]:
            by_collection.setdefault(change["collection"], []).append(change)
    for collection in COLLECTIONS:
        if collection.name in by_collection:
            _apply_collection(data, collection.pointer, by_collection.pop(collection.name))
    if by_collection:
        raise PatchError(f"unknown collections: {', '.join(sorted(by_collection))}")
    for change in changes:
        if change["singleton"] and change["kind"] == "removed":
            _set(data, change["container"], None)
    return data


def _apply_fields(data: dict, fields: list[dict]) -> None:
    inserts, deletes = [], []
    for item in fields:
        op, pointer = item["op"], item["old_index_path"]
        if op == "replace":
            _set(data, pointer, copy.deepcopy(item["new"]))
        elif op == "set":
            current = list(_get(data, pointer, []) or [])
            for element in item["removed"]:
                try:
                    current.remove(element)
                except ValueError:
                    raise PatchError(f"{pointer}: {element!r} is not there to remove") from None
            current.extend(copy.deepcopy(item["added"]))
            _set(data, pointer, current)
        elif op == "add":
            inserts.append(item)
        elif op == "remove":
            deletes.append(item)
        else:
            raise PatchError(f"unknown op {op!r} at {item.get('path')}")
    # removals last index first, then insertions first index first, so indices stay valid
    for item in sorted(deletes, key=lambda f: _index_key(f["old_index_path"]), reverse=True):
        parent, last = _parent(data, item["old_index_path"])
        if isinstance(parent, list):
            del parent[int(last)]
        elif isinstance(parent, dict):
            parent.pop(last, None)
    for item in sorted(inserts, key=lambda f: _index_key(f["old_index_path"])):
        parent, last = _parent(data, item["old_index_path"])
        value = copy.deepcopy(item["new"])
        if isinstance(parent, list):
            parent.insert(int(last), value)
        elif isinstance(parent, dict):
            parent[last] = value


def _index_key(pointer: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _parts(pointer))


def _apply_collection(data: dict, pointer: str, changes: list[dict]) -> None:
    items = list(_get(data, pointer, []) or [])
    removed, moved, placed = set(), set(), {}
    for change in changes:
        kind = change["kind"]
        if kind == "removed":
            removed.add(_checked_index(change["old_index"], items, change))
        elif kind == "added":
            placed[change["new_index"]] = copy.deepcopy(change["new_value"])
        elif kind in ("moved", "moved_and_modified"):
            old_index = _checked_index(change["old_index"], items, change)
            moved.add(old_index)
            placed[change["new_index"]] = items[old_index]
    if not removed and not placed:
        return
    stable = iter([item for i, item in enumerate(items) if i not in removed and i not in moved])
    total = len(items) - len(removed) - len(moved) + len(placed)
    result = []
    for index in range(total):
        if index in placed:
            result.append(placed.pop(index))
        else:
            try:
                result.append(next(stable))
            except StopIteration:
                raise PatchError(f"{pointer}: the change list does not fit this data") from None
    if placed or next(stable, None) is not None:
        raise PatchError(f"{pointer}: the change list does not fit this data")
    _set(data, pointer, result)


def _checked_index(index, items, change) -> int:
    if not isinstance(index, int) or not 0 <= index < len(items):
        raise PatchError(f"{change['id']}: no item {index!r} in {change['container']}")
    return index


# ------------------------------------------------------------------- normal form

def patch_normal_form(data) -> dict:
    """Plain data with the differences the patch does not reproduce taken out.

    Validates ``data`` (a :class:`TermSheet` or its plain data), dumps it, sorts
    the set-like lists and the keyed lists inside items, turns an empty
    ``forces``/``enforcement`` into None and integral floats into ints.
    """
    sheet = data if isinstance(data, TermSheet) else TermSheet.model_validate(data)
    dumped = sheet.model_dump(mode="json")
    for collection in COLLECTIONS:
        if collection.absent_is_empty:
            value = _get(dumped, collection.pointer)
            if value is not None and not any(value.values()):
                _set(dumped, collection.pointer, None)
    return _normal(TermSheet, dumped)


def _normal(model: type, data):
    if data is None:
        return None
    out = {}
    for spec in model_fields(model):
        value = data.get(spec.name)
        if spec.kind == "set" and value is not None:
            value = sorted((_number(v) for v in value), key=_sort_key)
        elif spec.kind == "model" and value is not None:
            value = _normal(spec.model, value)
        elif spec.kind == "list" and value is not None:
            value = [_normal(spec.model, item) for item in value]
            if (model.__name__, spec.name) in NESTED_KEYS:
                key = nested_key_fields(model.__name__, spec.name, spec.model)
                value = [item for _, item in sorted(zip(item_keys(value, key), value),
                                                    key=lambda pair: pair[0])]
        else:
            value = _number(value)
        out[spec.name] = value
    return out


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sort_key(value):
    return (type(value).__name__, json.dumps(value, sort_keys=True))


__all__ = ["PatchError", "apply_changes", "patch_normal_form"]
