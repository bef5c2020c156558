"""The comparison as versioned JSON: a change list over schema paths, for trackers and CI.

Layout (``"version": 2``)::

    {"version": 2,
     "old": {"doc_id", "version", "drafting_party", "date", "title", "file"},
     "new": {...},
     "mode": "versions" | "parties", "perspective": "...", "notices": [...],
     "summary": {"changes": N, "by_kind": {...}, "by_direction": {...}, "by_label": {...},
                 "by_collection": {...}},
     "changes": [
       {"id", "collection", "container", "singleton", "item_id", "old_id", "new_id",
        "kind", "direction", "reasons", "status", "status_reason", "flags", "labels",
        "paired_by", "similarity", "label",
        "path", "old_path", "new_path", "old_index", "new_index",
        "old_place", "new_place",                (moves only: places in print order)
        "old_number", "new_number",              (only when Documents were attached)
        "old_value" (removed items) / "new_value" (added items),
        "fields": [{"path", "field", "op", "old", "new", "direction", "reason",
                    "old_index_path", "new_index_path",
                    "added", "removed",           (op "set" only)
                    "text": [{"op", "old", "new"}],  (text fields only)
                    "invisible": [{"side", "what", "count"}], "looks_identical"}]}]}

Directions and labels are explained in docs/directions.md; ``by_label`` counts labels
(an item may carry several), ``by_direction`` counts items once each.

Changes are in document order (the order of the term sheet, NEW's order
within a collection).  The output is deterministic: the same comparison gives
the same bytes.  Invisible characters (no-break spaces, zero-width and bidi
characters, combining marks) are written as ``\\uXXXX`` escapes so that they
stay visible in any viewer; all other text is written as UTF-8.
"""

from __future__ import annotations

import json
import re
import unicodedata

from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.compare.comparison import Change, Comparison, FieldChange, VersionInfo

FORMAT_VERSION = 2
"""Version of the JSON layout; bumped on any incompatible change."""

INVISIBLE = re.compile(
    "[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]"
    "|[\U000e0000-\U000e0fff]"
)


def _side(info: VersionInfo) -> dict:
    return {
        "doc_id": info.doc_id, "version": info.version, "drafting_party": info.drafting_party,
        "date": info.date, "title": info.title, "file": info.file,
    }


def field_to_data(change: FieldChange) -> dict:
    """One field change as JSON-ready data."""
    data = {
        "path": change.path, "field": change.field, "op": change.op,
        "old": change.old, "new": change.new, "direction": change.direction,
        "reason": change.reason, "old_index_path": change.old_index_path, "new_index_path": change.new_index_path,
    }
    if change.op == "set":
        data["added"] = list(change.added)
        data["removed"] = list(change.removed)
    if change.text is not None:
        data["text"] = [{"op": op.op, "old": op.old_text, "new": op.new_text} for op in change.text]
    if change.invisible:
        data["invisible"] = [
            {"side": item.side, "what": item.what, "count": item.count} for item in change.invisible
        ]
    if change.looks_identical:
        data["looks_identical"] = True
    return data


def change_to_data(change: Change, comparison: Comparison | None = None) -> dict:
    """One item change as JSON-ready data."""
    collection = COLLECTION_BY_NAME[change.collection]
    data = {
        "id": change.id, "collection": change.collection, "container": collection.pointer,
        "singleton": collection.singleton, "item_id": change.item_id,
        "old_id": change.old_id, "new_id": change.new_id, "kind": change.kind,
        "direction": change.direction, "reasons": list(change.reasons),
        "status": change.status, "status_reason": change.status_reason,
        "flags": list(change.flags), "labels": list(change.labels),
        "paired_by": change.paired_by,
        "similarity": change.similarity, "label": change.label, "path": change.path,
        "old_path": change.old_path, "new_path": change.new_path,
        "old_index": change.old_index, "new_index": change.new_index,
    }
    if change.old_place is not None or change.new_place is not None:
        data["old_place"], data["new_place"] = change.old_place, change.new_place
    if comparison is not None and (comparison.old_numbers or comparison.new_numbers):
        data["old_number"] = comparison.change_number(change, "old")
        data["new_number"] = comparison.change_number(change, "new")
    if change.kind == "removed":
        data["old_value"] = change.old_value
    if change.kind == "added":
        data["new_value"] = change.new_value
    data["fields"] = [field_to_data(item) for item in change.fields]
    return data


def comparison_to_data(comparison: Comparison) -> dict:
    """The whole comparison as JSON-ready data (the layout in the module docstring)."""
    return {
        "version": FORMAT_VERSION,
        "old": _side(comparison.old),
        "new": _side(comparison.new),
        "mode": comparison.mode,
        "perspective": comparison.perspective,
        "notices": list(comparison.notices),
        "summary": {
            "changes": len(comparison.changes),
            "by_kind": dict(comparison.counts_by_kind),
            "by_direction": dict(comparison.counts_by_direction),
            "by_label": dict(comparison.counts_by_label),
            "by_collection": dict(comparison.counts_by_collection),
        },
        "changes": [change_to_data(change, comparison) for change in comparison.changes],
    }


def escape_invisible(text: str) -> str:
    """``text`` with every invisible character (:data:`INVISIBLE`) as a JSON escape."""
    def escape(match: re.Match) -> str:
        return json.dumps(match.group(0))[1:-1]  # "\u00a0", or a surrogate pair

    text = INVISIBLE.sub(escape, text)
    # combining marks: escape them too, so NFC and NFD texts never print the same
    return "".join(
        json.dumps(char)[1:-1] if not char.isascii() and unicodedata.category(char) in ("Mn", "Me")
        else char
        for char in text
    ) if any(unicodedata.combining(char) for char in text) else text


def write_diff_json(comparison: Comparison) -> str:
    """The comparison as a JSON document (UTF-8 text, invisible characters escaped)."""
    text = json.dumps(comparison_to_data(comparison), ensure_ascii=False, indent=2,
                      allow_nan=False)
    return escape_invisible(text) + "\n"
