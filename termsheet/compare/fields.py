"""Two items compared field by field, and an item's content tokens.

:func:`model_fields` says how each field of a model is compared: nested objects
(location, strength, timing, quantity…) field by field, lists of references and
vocabulary values (providers, members, missions, qualifiers…) as sets, lists of
objects inside an item (roles, caveats, positions, preconditions) by key, text
fields with a word diff that also shows invisible differences.  Directions are
given afterwards, knowing both sides (:mod:`~termsheet.compare.judge`).

:func:`signature` gives an item's content tokens, for pairing leftovers by similarity.
"""

from __future__ import annotations

import functools
import typing
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from pydantic import AfterValidator, BaseModel

from termsheet.compare import classify as cls
from termsheet.compare.align import align, nested_key_fields
from termsheet.compare.comparison import PROVENANCE_FIELDS, FieldChange
from termsheet.compare.text import Invisible, invisible_differences, looks_identical, word_diff
from termsheet.schema.brackets import printed
from termsheet.compare.tokens import tokenize
from termsheet.schema import types as model_types
from termsheet.schema.walk import FieldSpec, is_model, unwrap
from termsheet.schema.walk import fields as schema_fields


# ------------------------------------------------------------ schema introspection

@dataclass(frozen=True)
class _Field:
    """A field of a model and how it is compared."""

    name: str
    kind: str
    """``scalar``, ``text``, ``model``, ``list`` (of objects), ``set`` (of scalars) or ``map``."""
    model: type | None = None
    default: Any = None
    """The field's default value (left out of an item's content tokens)."""


def _is_text(metadata) -> bool:
    return any(
        isinstance(m, AfterValidator) and m.func is getattr(model_types, "_check_text", None)
        for m in metadata
    )


def _compared_as(spec: FieldSpec) -> tuple[str, type | None]:
    """How a field is compared, and the model of its value or items (if any)."""
    if spec.many:
        item = unwrap(typing.get_args(spec.core)[0])
        return ("list", item[0]) if len(item) == 1 and is_model(item[0]) else ("set", None)
    if spec.mapping:
        return "map", None
    if is_model(spec.core):
        return "model", spec.core
    if spec.core is str and _is_text(spec.metadata):
        return "text", None
    return "scalar", None


@functools.cache
def model_fields(model: type) -> tuple[_Field, ...]:
    """How each field of a model is compared, in the order changes are listed (cached per class)."""
    result = [_Field(spec.name, *_compared_as(spec), spec.info.default)
              for spec in schema_fields(model)]
    # what a provision says first; its status and provenance (inherited fields) after
    last = PROVENANCE_FIELDS | {"text_status"}
    return tuple(sorted(result, key=lambda spec: spec.name in last))


def escape_pointer(segment: str) -> str:
    """A key as one JSON-pointer segment (``~`` and ``/`` escaped)."""
    return str(segment).replace("~", "~0").replace("/", "~1")


# ---------------------------------------------------------------- field comparison

@dataclass(frozen=True)
class Where:
    """The place of a field: its id path, its index paths in OLD and NEW, and its field name."""

    id_path: str
    old_path: str | None
    new_path: str | None
    field: str

    def child(self, name, old_index=None, new_index=None, *, index_name=None) -> Where:
        """The place of a field (``name``) or of a list element (key ``name`` at the indices)."""
        old_seg = name if old_index is None else old_index
        new_seg = name if new_index is None else new_index
        return Where(
            f"{self.id_path}/{escape_pointer(name)}",
            None if self.old_path is None else f"{self.old_path}/{escape_pointer(old_seg)}",
            None if self.new_path is None else f"{self.new_path}/{escape_pointer(new_seg)}",
            f"{self.field}/{name}" if self.field else str(name),
        )


WORD_DETAILS: ContextVar[bool] = ContextVar("word_details", default=True)
"""Whether a changed text carries its word diff, invisible differences and look-alike check
(off: ``text`` is empty but not None, so it is still judged a change of wording)."""


def _scalar_change(model: str, name: str, where: Where, old, new, text: bool) -> FieldChange:
    both_strings = isinstance(old, str) and isinstance(new, str)
    if text and not WORD_DETAILS.get():
        return FieldChange(path=where.id_path, field=where.field, op="replace", old=old, new=new,
                           direction=cls.CHANGED, model=model, old_index_path=where.old_path,
                           new_index_path=where.new_path, text=())
    return FieldChange(
        path=where.id_path, field=where.field, op="replace", old=old, new=new,
        direction=cls.CHANGED, model=model,
        old_index_path=where.old_path, new_index_path=where.new_path,
        # negotiation brackets are read as they print: "[US: 15 years]"
        text=word_diff(printed(old), printed(new)) if text else None,
        invisible=invisible_differences(old, new) if both_strings else (),
        looks_identical=looks_identical(old, new),
    )


def _set_change(model: str, name: str, where: Where, old, new) -> FieldChange | None:
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
        direction=cls.CHANGED, model=model,
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


def diff_fields(model: type, old: dict, new: dict, where: Where, names=None) -> list[FieldChange]:
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


def _diff_keyed_list(model_name: str, spec: _Field, old_list, new_list, where: Where):
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


def _diff_map(model_name: str, name: str, old_map: dict, new_map: dict, where: Where):
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
    for spec in model_fields(model):
        if spec.name in skip or spec.name in PROVENANCE_FIELDS or spec.name == "text_status":
            continue
        value = data.get(spec.name)
        if value in (None, (), [], {}, False, ""):
            continue
        if not isinstance(spec.default, BaseModel) and value == spec.default:
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
