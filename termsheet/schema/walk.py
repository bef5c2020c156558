"""The shape of the input model, and a walk over a validated sheet.

Validation, lint rules and comparison all need to know which fields a model
class has and what their annotations hold; this module is the one place that
reads pydantic's field information and Python's ``typing`` for them.

``Loc``
    A path into a term file, as YAML keys and list indexes:
    ``("commitments", 0, "modality")``.

:class:`FieldSpec`
    One field of a model class: ``name`` (the attribute), ``key`` (the YAML
    key: its alias, else its name), ``info`` (pydantic's ``FieldInfo``:
    description, default…), ``core`` (the annotation without ``Annotated``
    and ``Optional``), ``metadata`` (the ``Annotated`` metadata met on the
    way), ``model`` (the model class the field holds, itself or as items, or
    ``None``), ``many`` (a list of items: of objects when ``model`` is set,
    else of plain values) and ``mapping`` (a ``dict``).

:func:`fields` / :func:`fields_by_key`
    The fields of a model class, in declaration order or by YAML key
    (cached per class).

:func:`model_in`, :func:`is_model`, :func:`unwrap`
    The model class inside an annotation (through ``Optional``, ``list``,
    ``tuple``, ``Annotated``); whether a type is a model class; the concrete
    types behind ``Annotated`` / ``Optional`` / ``Union``.

:func:`types_at` / :func:`field_at`
    Following a ``Loc`` through the model classes from a root class: the
    types a value there may have, and the field that holds it.

:func:`walk`
    Every model node of a validated instance with its ``Loc``, in document
    (pre-)order.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

Loc = tuple[str | int, ...]
"""A path into a term file: YAML keys and list indexes."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model class, as the other stages need it."""

    name: str
    """The attribute name."""
    key: str
    """The key written in YAML: the alias, else the name."""
    info: FieldInfo
    core: Any
    """The annotation without ``Annotated`` and ``Optional`` (a ``Union`` of several types stays)."""
    metadata: tuple[Any, ...]
    """Constraints and validators: pydantic's, then those of ``Annotated`` layers inside."""
    model: type[BaseModel] | None
    """The model class the field holds, as its value or as the items of a list."""
    many: bool
    """The value is a list (held as a tuple)."""
    mapping: bool
    """The value is a ``dict``."""


def is_model(tp: Any) -> bool:
    """Whether ``tp`` is a pydantic model class."""
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The first model class inside an annotation (through Optional, list, tuple, Annotated)."""
    if is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None


def _is_union(origin: Any) -> bool:
    return origin is typing.Union or origin is types.UnionType


def unwrap(annotation: Any) -> list[Any]:
    """The concrete types behind Annotated / Optional / Union (``None`` left out)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if _is_union(origin):
        return [tp for arg in typing.get_args(annotation) if arg is not type(None) for tp in unwrap(arg)]
    return [annotation]


def _strip(annotation: Any, metadata: list[Any]) -> Any:
    """``annotation`` without Annotated layers and Optional; their metadata added to ``metadata``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif _is_union(origin):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    metadata = list(info.metadata)
    core = _strip(info.annotation, metadata)
    origin = typing.get_origin(core)
    return FieldSpec(
        name=name, key=info.alias or name, info=info, core=core, metadata=tuple(metadata),
        model=model_in(info.annotation), many=origin in (tuple, list), mapping=origin is dict,
    )


@functools.cache
def fields(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields of a model class, in declaration order."""
    return tuple(_spec(name, info) for name, info in model.model_fields.items())


@functools.cache
def fields_by_key(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """The fields of a model class by YAML key (do not modify the mapping)."""
    return {spec.key: spec for spec in fields(model)}


def _step(types_: list[Any], part: str | int) -> tuple[list[Any], list[FieldSpec]]:
    """The types reached from ``types_`` by one path part, and the fields used."""
    out: list[Any] = []
    used: list[FieldSpec] = []
    for tp in types_:
        origin = typing.get_origin(tp)
        if isinstance(part, int):
            if origin in (tuple, list):
                args = typing.get_args(tp)
                if args:
                    out.extend(unwrap(args[0]))
        elif is_model(tp):
            spec = fields_by_key(tp).get(part)
            if spec is not None:
                used.append(spec)
                out.extend(unwrap(spec.info.annotation))
        elif origin is dict:
            args = typing.get_args(tp)
            if len(args) == 2:
                out.extend(unwrap(args[1]))
    return out, used


def _follow(root: type[BaseModel], loc: Loc) -> tuple[list[Any], list[FieldSpec]]:
    types_: list[Any] = [root]
    used: list[FieldSpec] = []
    for part in loc:
        types_, used = _step(types_, part)
        if not types_:
            break
    return types_, used


def types_at(root: type[BaseModel], loc: Loc) -> list[Any]:
    """The types a value at ``loc`` may have, from model class ``root`` (empty: no such path)."""
    return _follow(root, loc)[0]


def field_at(root: type[BaseModel], loc: Loc) -> FieldSpec | None:
    """The field that holds the value at ``loc`` (whose key ends it), or ``None``."""
    used = _follow(root, loc)[1]
    return used[0] if used else None


def _children(loc: Loc, node: BaseModel) -> Iterator[tuple[Loc, BaseModel]]:
    for spec in fields(type(node)):
        if spec.model is None:
            continue
        value = getattr(node, spec.name)
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield (*loc, spec.key, index), item
        elif isinstance(value, BaseModel):
            yield (*loc, spec.key), value


def walk(node: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """``node`` and every model node inside it, with their locs, in document (pre-)order."""
    pending = [(loc, node)]
    while pending:
        loc, node = pending.pop()
        yield loc, node
        pending.extend(reversed(list(_children(loc, node))))
