"""A change in words: values, field changes, badges and notes as a reader says them.

Two registers share the same vocabulary:

- one short line for the terminal summary and Markdown (:func:`format_value`,
  :func:`format_field_change`): ``may → will``, ``text edited (+3 −1 words)``;
- the side-by-side's facts (:func:`fact`, :func:`badge`, :func:`change_notes`):
  codes and durations in words (``where possible``, ``24 hours``).

Text from the term files is shown with any invisible or control character
written as ``⟨U+00A0⟩`` (:func:`visible`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from termsheet.compare.comparison import PROVENANCE_FIELDS, Change, FieldChange
from termsheet.compose.labels import duration
from termsheet.schema.types import duration_parts
from termsheet.schema.vocab import is_code, value_words

VALUE_WIDTH = 70
"""Width of a value on one line of the summary."""

KIND_WORDS = {
    "added": "Added", "removed": "Removed", "modified": "Modified", "moved": "Moved",
    "moved_and_modified": "Moved and modified",
}
"""A change's kind in words, as badges print it."""



# ------------------------------------------------------------------ one short line

def visible(text: str) -> str:
    """Text with invisible and control characters written out as ⟨U+XXXX⟩."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char == "\n":
            out.append(" ")
        elif (category in ("Cc", "Cf", "Zl", "Zp", "Mn", "Me") or (category == "Zs" and char != " ")
              or char == "\u00ad"):
            out.append(f"⟨U+{ord(char):04X}⟩")
        else:
            out.append(char)
    return "".join(out)


def shorten(text: str, width: int = VALUE_WIDTH) -> str:
    """``text`` made visible on one line, cut to ``width`` characters with ``…``."""
    text = " ".join(visible(text).split(" "))
    return text if len(text) <= width else text[: width - 1] + "…"


def format_value(value, width: int = VALUE_WIDTH) -> str:
    """A value as one short line: ``—`` for none, lists in brackets, objects as ``k=v``."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return shorten(value, width)
    if isinstance(value, list):
        return shorten("[" + ", ".join(format_value(v, width) for v in value) + "]", width)
    if isinstance(value, dict):
        parts = [f"{k}={format_value(v, width)}" for k, v in value.items()
                 if v not in (None, [], {}, False)]
        return shorten("{" + ", ".join(parts) + "}", width)
    return shorten(str(value), width)


def format_field_change(change: FieldChange, width: int = VALUE_WIDTH) -> str:
    """``old → new`` for a value, ``+a −b`` for a set, ``added``/``removed`` for an element."""
    if change.op == "set":
        parts = [f"+{format_value(v, width)}" for v in change.added]
        parts += [f"−{format_value(v, width)}" for v in change.removed]
        return " ".join(parts)
    if change.op == "add":
        return f"added {format_value(change.new, width)}"
    if change.op == "remove":
        return f"removed {format_value(change.old, width)}"
    if change.text is not None and change.old is not None and change.new is not None:
        inserted = sum(len(op.new) for op in change.text if op.op in ("insert", "replace"))
        deleted = sum(len(op.old) for op in change.text if op.op in ("delete", "replace"))
        return f"text edited (+{inserted} −{deleted} words)"
    return f"{format_value(change.old, width)} → {format_value(change.new, width)}"


# ------------------------------------------------------------------ facts of the side-by-side

@dataclass(frozen=True)
class Fact:
    """One field change in words: ``modality: may → will`` (strengthened)."""

    field: str
    text: str
    direction: str
    provenance: bool = False
    """A basis, source, note or proposer change (printed apart, smaller)."""
    reason: str | None = None
    """Why the field has its direction, in words (None when it has none)."""


def words(value) -> str:
    """A vocabulary code as words; an ISO duration in words; other text as is."""
    if isinstance(value, str) and not is_code(value) and duration_parts(value) is not None:
        return duration(value)
    return value_words(value)


def value_in_words(value) -> str:
    """A value as a reader says it: ``—`` for none, codes and durations in words."""
    if value is None:
        return "\u2014"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return shorten(words(value), 200)
    if isinstance(value, (list, tuple)):
        return ", ".join(value_in_words(v) for v in value) or "none"
    if isinstance(value, dict):
        parts = [f"{k.replace('_', ' ')}: {value_in_words(v)}" for k, v in value.items()
                 if v not in (None, [], {}, False, "")]
        return "; ".join(parts) or "\u2014"
    return shorten(str(value), 200)


def fact(change: FieldChange) -> Fact:
    """One field change in words."""
    if change.op == "set":
        parts = []
        if change.removed:
            parts.append("removed " + ", ".join(value_in_words(v) for v in change.removed))
        if change.added:
            parts.append("added " + ", ".join(value_in_words(v) for v in change.added))
        text = "; ".join(parts)
    elif change.op == "add":
        text = f"added ({value_in_words(change.new)})"
    elif change.op == "remove":
        text = f"removed ({value_in_words(change.old)})"
    elif change.text is not None and change.old is not None and change.new is not None:
        text = format_field_change(change)
    else:
        text = f"{value_in_words(change.old)} \u2192 {value_in_words(change.new)}"
    if change.looks_identical:
        text += " (looks identical: differs only in invisible characters)"
    return Fact(field=change.field, text=text, direction=change.direction,
                provenance=change.name in PROVENANCE_FIELDS, reason=change.reason)


SIGNS = {"strengthened": "+", "weakened": "\u2212", "mixed": "\u00b1"}
"""A direction as one sign, beside its reason (colour only ever repeats it)."""


def judgements(change: Change) -> list[tuple[str, str]]:
    """(direction, reason) for each reason of the item's direction: its fields' for a
    modified item, its own for an added or removed one."""
    found = [(f.direction, f.reason) for f in change.fields
             if f.reason and f.direction in SIGNS]
    if not found and change.reasons and change.direction in SIGNS:
        found = [(change.direction, reason) for reason in change.reasons]
    return list(dict.fromkeys(found))


def badge(change: Change) -> str:
    """``Modified · strengthened``; the direction is left out when it is just ``changed``."""
    text = KIND_WORDS.get(change.kind, change.kind.replace("_", " "))
    if change.direction != "changed":
        text += f" \u00b7 {change.direction}"
    return text


def change_notes(change: Change, old_number: str | None, new_number: str | None) -> tuple[str, ...]:
    """Moves, guesses and invisible differences of a change, in sentences."""
    notes = []
    if change.kind in ("moved", "moved_and_modified"):
        if old_number and new_number and old_number != new_number:
            notes.append(f"Moved from {old_number} to {new_number}.")
        elif change.old_place is not None and change.new_place is not None:
            within = f" within {new_number}" if new_number else ""
            notes.append(f"Moved{within}: from place {change.old_place} to {change.new_place} "
                         "in its list.")
    if change.is_guess:
        notes.append(f"Paired by similarity (a guess, score {change.similarity:.2f}): "
                     f"{change.old_id} \u2192 {change.new_id}.")
    elif change.paired_by == "replaces":  # NEW's item names OLD's id, or OLD's names NEW's
        claim = (change.new_value or {}).get("replaces")
        named = change.old_id if claim == change.old_id else change.new_id
        notes.append(f"Paired by `replaces: {named}`: {change.old_id} \u2192 {change.new_id}.")
    elif change.paired_by == "hand":
        notes.append(f"Paired by hand (--pair): {change.old_id} \u2192 {change.new_id}.")
    for item in change.fields:
        for invisible in item.invisible:
            side = "OLD" if invisible.side == "old" else "NEW"
            count = f" \u00d7{invisible.count}" if invisible.count > 1 else ""
            notes.append(f"{item.field}: {side} has {invisible.what}{count} (shown as \u27e8\u2026\u27e9).")
    return tuple(notes)
