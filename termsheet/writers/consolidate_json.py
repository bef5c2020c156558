"""The consolidation as versioned JSON: who holds which wording of every provision.

Layout (``"version": 1``, documented in docs/consolidate.md)::

    {"version": 1, "kind": "consolidation",
     "summary": {"provisions": N, "by_status": {...}, "by_state": {...} | null,
                 "by_collection": {collection: {status: n}}},
     "versions": [{"label", "party", "code", "doc_id", "version", "date", "title", "file"}],
     "base": {...} | null, "compromise": {...} | null,
     "reference": label of what directions are read against,
     "perspective": "...",
     "provisions": [
       {"id", "collection", "container", "singleton", "key", "label", "status",
        "state", "changed_by",                      (with a base)
        "groups": [{"versions": [labels], "parties": [codes], "numbers": {label: number},
                    "data": {...}}],
        "not_addressed": [labels],
        "paired": [{"version", "key", "paired_by", "similarity"}],  (other keys only)
        "base": {"key", "data"} | null, "compromise": {"key", "data", "number"} | null,
        "directions": [{"version", "kind", "direction", "reasons", "status",
                        "status_reason", "fields": [{"field", "op", "direction", "reason"}]}]}]}

The summary comes first.  ``numbers`` are given only when the versions' built
Documents were passed.  The output is deterministic (the same consolidation gives
the same bytes); invisible characters are escaped as in the diff's JSON.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence

from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.compare.comparison import Change
from termsheet.compare.consolidation import STATUSES, Cell, Consolidation, Row, Version
from termsheet.compare.places import nodes_by_path
from termsheet.source.yaml_reader import paused_gc
from termsheet.writers.diff_json import INVISIBLE, escape_invisible

FORMAT_VERSION = 1
"""Version of the JSON layout; bumped on any incompatible change."""


def _version(version: Version | None) -> dict | None:
    if version is None:
        return None
    info = version.info
    return {"label": version.label, "party": version.party, "code": version.code,
            "doc_id": info.doc_id, "version": info.version, "date": info.date,
            "title": info.title, "file": info.file}


def _summary(consolidation: Consolidation) -> dict:
    by_collection: dict[str, dict[str, int]] = {}
    for row in consolidation.rows:
        counts = by_collection.setdefault(row.collection, {})
        counts[row.status] = counts.get(row.status, 0) + 1
    return {"provisions": len(consolidation.rows), "by_status": consolidation.counts(),
            "by_state": consolidation.state_counts(),
            "by_collection": {name: {status: counts[status] for status in STATUSES
                                     if status in counts}
                              for name, counts in by_collection.items()}}


def _direction(label: str, change: Change) -> dict:
    return {"version": label, "kind": change.kind, "direction": change.direction,
            "reasons": list(change.reasons), "status": change.status,
            "status_reason": change.status_reason,
            "fields": [{"field": fc.field, "op": fc.op, "direction": fc.direction,
                        "reason": fc.reason} for fc in change.fields]}


class _Numbers:
    """Each version's printed numbers by YAML path (empty without Documents)."""

    def __init__(self, documents: Sequence | None):
        self.places = [document if isinstance(document, Mapping) else nodes_by_path(document)
                       for document in documents or ()]

    def of(self, version: int, found: Cell) -> str | None:
        if version >= len(self.places) or found.yaml_path is None:
            return None
        return self.places[version].get(found.yaml_path, (None, None))[1]


def row_to_data(row: Row, consolidation: Consolidation, numbers: _Numbers | None = None) -> dict:
    """One provision as JSON-ready data."""
    numbers = numbers or _Numbers(None)
    versions = consolidation.versions
    collection = COLLECTION_BY_NAME[row.collection]
    groups = []
    for group in row.groups:
        entry = {"versions": [versions[i].label for i in group.versions],
                 "parties": list(dict.fromkeys(versions[i].code for i in group.versions))}
        if numbers.places:
            entry["numbers"] = {versions[i].label: numbers.of(i, row.cells[i])
                                for i in group.versions}
        entry["data"] = group.data
        groups.append(entry)
    data = {
        "id": row.id, "collection": row.collection, "container": collection.pointer,
        "singleton": collection.singleton, "key": row.key, "label": row.label,
        "status": row.status,
    }
    if consolidation.base is not None:
        data["state"] = row.state
        data["changed_by"] = [versions[i].label for i, did in enumerate(row.changed) if did]
    data["groups"] = groups
    data["not_addressed"] = [versions[i].label for i, found in enumerate(row.cells)
                             if not found.addressed]
    data["paired"] = [{"version": versions[i].label, "key": found.key,
                       "paired_by": found.paired_by, "similarity": found.similarity}
                      for i, found in enumerate(row.cells)
                      if found.addressed and (found.key != row.key or found.paired_by != "id")]
    data["base"] = (None if row.base is None or not row.base.addressed
                    else {"key": row.base.key, "data": row.base.data})
    data["compromise"] = (None if row.compromise is None or not row.compromise.addressed
                          else {"key": row.compromise.key, "data": row.compromise.data,
                                "number": numbers.of(len(versions), row.compromise)})
    directions = [_direction(versions[i].label, change)
                  for i, change in enumerate(row.changes) if change is not None]
    if row.compromise_change is not None:
        directions.append(_direction("compromise", row.compromise_change))
    data["directions"] = directions
    return data


def consolidation_to_data(consolidation: Consolidation, documents: Sequence | None = None
                          ) -> dict:
    """The whole consolidation as JSON-ready data (the layout in the module docstring).

    ``documents``: the versions' built, numbered Documents in the order given (then the
    compromise's), or each one's numbers by YAML path already taken from it
    (:func:`~termsheet.compare.places.nodes_by_path`), for the printed numbers of each
    wording."""
    numbers = _Numbers(documents)
    return {
        "version": FORMAT_VERSION,
        "kind": "consolidation",
        "summary": _summary(consolidation),
        "versions": [_version(version) for version in consolidation.versions],
        "base": _version(consolidation.base),
        "compromise": _version(consolidation.compromise),
        "reference": consolidation.reference.label,
        "perspective": consolidation.perspective,
        "provisions": [row_to_data(row, consolidation, numbers) for row in consolidation.rows],
    }


def write_consolidate_json(consolidation: Consolidation, documents: Sequence | None = None
                           ) -> str:
    """The consolidation as a JSON document (UTF-8 text, invisible characters escaped)."""
    with paused_gc():
        return _escaped(indented_json(consolidation_to_data(consolidation, documents))) + "\n"


def _escaped(text: str) -> str:
    """``text`` with invisible characters escaped; looked for among its distinct characters
    beyond ASCII first, since a large consolidation rarely has any."""
    if not any(INVISIBLE.match(char) or unicodedata.combining(char)
               for char in _beyond_ascii(text)):
        return text
    return escape_invisible(text)


_ASCII_BYTES = bytes(range(128))


def _beyond_ascii(text: str) -> set[str]:
    """The distinct characters of ``text`` beyond ASCII: its UTF-8 bytes with the ASCII ones
    dropped hold whole characters (ten times faster than a set of every character)."""
    if text.isascii():
        return set()
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(data.decode("utf-8", "surrogatepass"))


_encode_string = json.encoder.encode_basestring  # the C encoder's, as ensure_ascii=False uses


def indented_json(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)``, the same text:
    the standard library encodes an indented document in Python generators, three times
    slower than these few functions appending to one list."""
    chunks: list[str] = []
    _encode(value, "\n", chunks.append)
    return "".join(chunks)


def _encode(value, newline: str, out) -> None:
    """Append ``value`` encoded; ``newline`` is a line break and the indentation of its line.

    Objects and arrays have a loop each, values that are text no call of their own: one
    loop for both, or a call per text, costs half as much time again."""
    kind = type(value)
    if kind is dict:
        if not value:
            out("{}")
            return
        inner = newline + "  "
        separator, comma = "{" + inner, "," + inner
        for key, item in value.items():
            head = f"{separator}{_encode_string(key if type(key) is str else _key_text(key))}: "
            if type(item) is str:
                out(head + _encode_string(item))
            else:
                out(head)
                _encode(item, inner, out)
            separator = comma
        out(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out("[]")
            return
        inner = newline + "  "
        comma = "," + inner
        if all(type(item) is str for item in value):  # labels, codes, reasons: one chunk
            out(f"[{inner}{comma.join(map(_encode_string, value))}{newline}]")
            return
        out("[" + inner)
        _encode(value[0], inner, out)
        for item in value[1:]:
            out(comma)
            _encode(item, inner, out)
        out(newline + "]")
    elif kind is str:
        out(_encode_string(value))
    elif isinstance(value, (dict, list, tuple)) and not isinstance(value, (str, int, float)):
        _encode(dict(value) if isinstance(value, dict) else list(value), newline, out)
    else:
        out(_scalar_text(value))


def _scalar_text(value) -> str:
    """A value that is no container, as ``json`` writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key_text(key) -> str:
    """A mapping key that is not ``str``, as ``json`` turns it into one."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return _scalar_text(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
