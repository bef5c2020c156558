"""Where a change stands in a built Document, found by the YAML paths of the nodes' origins.

Every node built from the term file carries ``origin.path``, the YAML path of
what it shows (``commitments[3]``, ``forces.deployments[2]``); a
:class:`~termsheet.compare.comparison.Change` knows the path of its item on each
side (``old_yaml_path``, ``new_yaml_path``). A change's *place* on one side is
the node with the deepest origin path that holds everything the change touches
there (first in page order among equals):

- a list item: the item itself, else the nearest node around it;
- a singleton (``scope``, ``forces``, ``duration``…): the fields that changed
  (``forces.total_strength``: the overall-strength clause; the purpose and the
  activation of ``scope``: the scope section), else the whole object. The term
  sheet's own fields (``beneficiary``, ``counterparties``…) are at the root.

A section has no origin of its own: its path is the common path of its
children's origins (``scope``; the root for a section built from several parts
of the file, such as the parties section). A path never reaches the root by
going up: the root holds only what is at the root.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TypeVar

from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.document import nodes as doc

T = TypeVar("T")

_STEP = re.compile(r"[.\[]")


def holds(outer: str, inner: str) -> bool:
    """Whether the YAML path ``outer`` is ``inner`` or one of its parents (the root holds only itself)."""
    return inner == outer or (bool(outer) and inner.startswith((outer + ".", outer + "[")))


def path_and_parents(path: str) -> list[str]:
    """``open_issues[0].positions[1]`` and its parents, deepest first, down to ``open_issues``."""
    return [path] + [path[:match.start()] for match in reversed(list(_STEP.finditer(path)))
                     if match.start() > 0]


def common_path(paths: list[str]) -> str:
    """The deepest path that holds every one of ``paths`` (the root when nothing else does)."""
    for candidate in path_and_parents(paths[0]):
        if all(holds(candidate, path) for path in paths[1:]):
            return candidate
    return ""


def node_path(node) -> str | None:
    """A node's YAML path: its origin's, or for a section the common path of its children's."""
    if isinstance(node, doc.Section):
        paths = [child.origin.path for child in node.children
                 if getattr(child, "origin", None) is not None]
        return common_path(paths) if paths else None
    origin = getattr(node, "origin", None)
    return origin.path if origin is not None else None


def touched_paths(change, side: str) -> tuple[tuple[str, ...], ...]:
    """What ``change`` touches on ``side`` ("old" or "new"), most precise first: for a
    changed singleton its fields, then its item; for anything else its item. Empty when
    the item is not on that side."""
    item = change.old_yaml_path if side == "old" else change.new_yaml_path
    if item is None:
        return ()
    fields = tuple(dict.fromkeys(_field_path(item, f.field) for f in change.fields))
    if COLLECTION_BY_NAME[change.collection].singleton and fields:
        return (fields, (item,))
    return ((item,),)


def _field_path(item: str, field: str) -> str:
    """The YAML path of a singleton's own field: ``scope`` + ``activation/conditions`` → ``scope.activation``."""
    name = field.split("/", 1)[0]
    return f"{item}.{name}" if item else name


def find_place(alternatives: tuple[tuple[str, ...], ...], by_path: Mapping[str, T]) -> T | None:
    """The entry of ``by_path`` at the deepest path holding every path of the first
    alternative that has one; None when no alternative has."""
    for paths in alternatives:
        for candidate in path_and_parents(paths[0]):
            if candidate in by_path and all(holds(candidate, path) for path in paths[1:]):
                return by_path[candidate]
    return None


def change_place(change, side: str, by_path: Mapping[str, T]) -> T | None:
    """The entry of ``by_path`` (YAML path → node, row…) where ``change`` stands on ``side``."""
    return find_place(touched_paths(change, side), by_path)


def nodes_by_path(document: doc.Document) -> dict[str, tuple[str | None, str | None]]:
    """YAML path → (node id, printed number) of the first node in page order built from it.

    A node without a number of its own (a table row, a paragraph) has the number of
    the clause or section around it.
    """
    found: dict[str, tuple[str | None, str | None]] = {}
    for node, number in _walk(document, None):
        path = node_path(node)
        if path is not None and path not in found:
            found[path] = (getattr(node, "id", None), number)
    return found


def positions_by_path(document: doc.Document) -> dict[str, int]:
    """YAML path → place in page order of the first node built from it (what moves compare)."""
    found: dict[str, int] = {}
    for position, (node, _) in enumerate(_walk(document, None)):
        path = node_path(node)
        if path is not None and path not in found:
            found[path] = position
    return found


def _walk(node, number: str | None) -> Iterator[tuple[object, str | None]]:
    number = getattr(node, "number", None) or number
    yield node, number
    for child in doc.children(node):
        yield from _walk(child, number)
