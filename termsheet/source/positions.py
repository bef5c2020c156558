"""The position map: where each key and value of the loaded data is in the source."""

from __future__ import annotations

from termsheet.schema.walk import Loc
from termsheet.source.diagnostics import Span


class PositionMap:
    """Maps data paths (``("guarantors", 1, "role")``) to source spans.

    Internally a node is a tuple ``(line, col, end_line, end_col, key,
    children)`` with 0-based numbers; ``key`` is the ``(line, col, end_line,
    end_col)`` of the mapping key (``None`` for list items and the root);
    ``children`` is a dict for a mapping, a list for a sequence, ``None`` for a
    scalar.  Plain tuples of numbers keep a loaded document cheap to hold
    (the garbage collector does not track them).
    """

    def __init__(self, root: tuple | None) -> None:
        self._root = root

    @staticmethod
    def _child(node: tuple | None, part: str | int) -> tuple | None:
        if node is None:
            return None
        children = node[5]
        if isinstance(children, dict):
            return children.get(part) if isinstance(part, str) else None
        if isinstance(children, list) and type(part) is int:
            return children[part] if 0 <= part < len(children) else None
        return None

    def node(self, loc: Loc) -> tuple | None:
        """The position node at ``loc``, or ``None`` if the path is not there."""
        node = self._root
        for part in loc:
            node = self._child(node, part)
            if node is None:
                return None
        return node

    def deepest(self, loc: Loc) -> tuple[Loc, tuple | None]:
        """The longest prefix of ``loc`` present in the map, and its node."""
        node = self._root
        done: list[str | int] = []
        for part in loc:
            child = self._child(node, part)
            if child is None:
                break
            node = child
            done.append(part)
        return tuple(done), node

    @staticmethod
    def _to_span(t: tuple) -> Span:
        return Span(t[0] + 1, t[1] + 1, t[2] + 1, t[3] + 1)

    def value_span(self, loc: Loc) -> Span | None:
        """Span of the value at ``loc``."""
        node = self.node(loc)
        return None if node is None else self._to_span(node)

    def key_span(self, loc: Loc) -> Span | None:
        """Span of the key of the mapping entry at ``loc`` (``None`` for list items)."""
        node = self.node(loc)
        return None if node is None or node[4] is None else self._to_span(node[4])

    def span(self, loc: Loc, *, key: bool = False) -> Span | None:
        """The key span if ``key`` and there is one, else the value span."""
        node = self.node(loc)
        if node is None:
            return None
        if key and node[4] is not None:
            return self._to_span(node[4])
        return self._to_span(node)

    def head_span(self, loc: Loc) -> Span | None:
        """Where to point at a whole mapping or list (e.g. for a missing key).

        The key that introduces it (``metadata:``) if there is one; for list
        items and the root, the first key inside it; else its value span.
        """
        node = self.node(loc)
        if node is None:
            return None
        if node[4] is not None:
            return self._to_span(node[4])
        children = node[5]
        if isinstance(children, dict) and children:
            first = next(iter(children.values()))
            return self._to_span(first[4] if first[4] is not None else first)
        return self._to_span(node)
