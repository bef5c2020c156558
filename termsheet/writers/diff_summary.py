"""A comparison in words: a short terminal summary and a Markdown report with the same facts.

Both list, in document order:

1. which versions are compared, and the counts by kind and by direction;
2. **strength and status**: every field change the domain gives a direction
   (``commitments/cmt-mnf-support modality: may → will  STRENGTHENED``);
3. **other changes of substance**: the other changed fields that are not
   wording or provenance (who determines a trigger, body members, locations…);
4. items added, removed and moved, per collection; wording-only edits; the
   number of items whose only changes are provenance (basis, sources, notes).

The Markdown report adds the word-level diff of every edited text field and
every provenance change.  Labels are words (STRENGTHENED, WEAKENED…); colour,
when asked for, only repeats them.  Text from the term files is shown with any
invisible or control character written as ``⟨U+00A0⟩``; in Markdown it is also
escaped so that it can never become markup or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.compare.classify import DIRECTIONS
from termsheet.compare.comparison import KINDS, PROVENANCE_FIELDS, Change, Comparison, FieldChange
from termsheet.compare.facts import format_field_change, format_value, visible
from termsheet.compare.fields import model_fields

_COLOURS = {
    "strengthened": "32", "weakened": "31", "mixed": "33", "converged": "36", "diverged": "35",
    "added": "32", "removed": "31", "moved": "34", "guess": "33",
}
_MARKS = {"added": "+", "removed": "-", "modified": "~", "moved": ">", "moved_and_modified": ">"}


# ------------------------------------------------------------------ shared facts

def _invisible_note(change: FieldChange) -> str:
    if not change.invisible and not change.looks_identical:
        return ""
    parts = [f"{item.side} has {item.what}" + (f" ×{item.count}" if item.count > 1 else "")
             for item in change.invisible]
    lead = "looks identical but differs: " if change.looks_identical else "invisible: "
    return "  [" + lead + "; ".join(parts) + "]"


def item_ref(comparison: Comparison, change: Change) -> str:
    """``collection/id`` (``old~new`` for a guessed pair), plus printed numbers when known."""
    if change.collection == change.item_id:
        ref = change.collection
    elif change.is_guess:
        ref = f"{change.collection}/{change.old_id}~{change.new_id}"
    else:
        ref = f"{change.collection}/{change.item_id}"
    old_number = comparison.change_number(change, "old")
    new_number = comparison.change_number(change, "new")
    if old_number or new_number:
        if old_number and new_number and old_number != new_number:
            ref += f" (§{old_number} → §{new_number})"
        else:
            ref += f" (§{new_number or old_number})"
    return visible(ref)


def _is_substance(change: FieldChange) -> bool:
    return change.name not in PROVENANCE_FIELDS and change.text is None


def _is_wording(change: FieldChange) -> bool:
    return change.name not in PROVENANCE_FIELDS and change.text is not None


def _directional(comparison: Comparison) -> Iterable[tuple[Change, FieldChange]]:
    for change in comparison.changes:
        for field in change.fields:
            if field.direction != "changed":
                yield change, field


def _other_substance(comparison: Comparison) -> Iterable[tuple[Change, FieldChange]]:
    for change in comparison.changes:
        for field in change.fields:
            if field.direction == "changed" and _is_substance(field):
                yield change, field


def _structural(comparison: Comparison, kind: str) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in comparison.changes:
        if change.kind == kind or (kind == "moved" and change.kind == "moved_and_modified"):
            grouped.setdefault(change.collection, []).append(change)
    return grouped


def _wording_only(comparison: Comparison) -> list[Change]:
    return [c for c in comparison.changes
            if c.fields and any(_is_wording(f) for f in c.fields)
            and not any(_is_substance(f) for f in c.fields)]


def _provenance_only(comparison: Comparison) -> list[Change]:
    return [c for c in comparison.changes
            if c.fields and all(f.name in PROVENANCE_FIELDS for f in c.fields)]


def _counts_line(counts: dict[str, int], order: Iterable[str]) -> str:
    parts = [f"{counts[key]} {key.replace('_', ' ')}" for key in order if counts.get(key)]
    return ", ".join(parts) if parts else "none"


def _side_line(info) -> str:
    return f"{info.doc_id} {info.version} ({info.drafting_party}, {info.date})"


# ------------------------------------------------------------------------ terminal

def _paint(text: str, key: str, color: bool) -> str:
    code = _COLOURS.get(key)
    return f"\x1b[{code}m{text}\x1b[0m" if color and code else text


def write_summary(comparison: Comparison, color: bool = False, max_lines: int | None = None) -> str:
    """A short plain-text summary for a terminal (ANSI colour only when ``color``).

    ``max_lines`` caps the "other changes" section (one line per item; None: no
    cap); the strength-and-status section is never cut.
    """
    lines = [
        f"{visible(_side_line(comparison.old))} → {visible(_side_line(comparison.new))}",
    ]
    if comparison.is_empty():
        lines.append("No differences.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(comparison.changes)} changes: "
                 f"{_counts_line(comparison.counts_by_kind, KINDS)}")
    lines.append(f"Direction: {_counts_line(comparison.counts_by_direction, DIRECTIONS)}")

    directional = list(_directional(comparison))
    if directional:
        lines += ["", "Strength and status:"]
        for change, field in directional:
            label = _paint(field.direction.upper(), field.direction, color)
            lines.append(f"  {item_ref(comparison, change)} {field.field}: "
                         f"{format_field_change(field)}  {label}{_invisible_note(field)}")

    other: dict[str, tuple[Change, list[FieldChange]]] = {}
    for change, field in _other_substance(comparison):
        other.setdefault(change.id, (change, []))[1].append(field)
    if other:
        lines += ["", "Other changes:"]
        items = list(other.values())
        shown = items if max_lines is None else items[:max_lines]
        for change, fields in shown:
            lines.append(f"  {item_ref(comparison, change)}: " + "; ".join(
                f"{field.field} {format_field_change(field, 50)}{_invisible_note(field)}"
                for field in fields))
        if len(shown) < len(items):
            lines.append(f"  … and {len(items) - len(shown)} more items "
                         "(see the JSON or Markdown output)")

    for kind, title in (("added", "Added"), ("removed", "Removed"), ("moved", "Moved")):
        grouped = _structural(comparison, kind)
        if grouped:
            lines += ["", f"{_paint(title, kind, color)}:"]
            for collection, changes in grouped.items():
                ids = ", ".join(visible(_structural_id(c)) for c in changes)
                lines.append(f"  {collection}: {ids}")

    wording = _wording_only(comparison)
    if wording:
        lines += ["", "Wording only:"]
        lines.append("  " + ", ".join(
            f"{item_ref(comparison, c)} ({', '.join(f.field for f in c.fields if _is_wording(f))})"
            for c in wording))
    invisible = [(c, f) for c in comparison.changes for f in c.fields
                 if f.invisible or f.looks_identical]
    if invisible:
        lines += ["", "Invisible differences (shown, not hidden):"]
        for change, field in invisible:
            lines.append(f"  {item_ref(comparison, change)} {field.field}:{_invisible_note(field)}")
    provenance = _provenance_only(comparison)
    if provenance:
        lines += ["", f"Provenance only (basis, sources, notes): {len(provenance)} items"]
    guesses = [c for c in comparison.changes if c.is_guess]
    if guesses:
        lines += ["", _paint("Paired by similarity (a guess):", "guess", color)]
        for change in guesses:
            lines.append(f"  {item_ref(comparison, change)}  score {change.similarity:.2f}")
    return "\n".join(lines) + "\n"


def _structural_id(change: Change) -> str:
    if change.kind in ("moved", "moved_and_modified"):
        return f"{change.item_id} ({change.old_index + 1}→{change.new_index + 1})"
    return change.item_id


# ------------------------------------------------------------------------ Markdown

_MD_SPECIAL = set("\\`*_[]|~")
"""Characters that are Markdown syntax anywhere in a line (the text never starts a line)."""


def md(text) -> str:
    """Text from a term file made safe for Markdown: no markup, no HTML, one line."""
    text = visible(str(text))
    out = []
    for char in text:
        if char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == "&":
            out.append("&amp;")
        elif char in _MD_SPECIAL:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _md_value(change: FieldChange, side: str) -> str:
    value = change.old if side == "old" else change.new
    if change.op == "set":
        value = change.removed if side == "old" else change.added
        sign = "−" if side == "old" else "+"
        return " ".join(sign + md(format_value(v)) for v in value) or "—"
    return md(format_value(value, 120))


def _md_text_diff(change: FieldChange) -> str:
    """Word diff inline: ~~deleted~~ **inserted**; whitespace kept outside the markers."""
    parts = []
    for op in change.text or ():
        old_core, new_core = op.old_text.rstrip(), op.new_text.rstrip()
        tail = (op.new_text[len(new_core):] if op.new else op.old_text[len(old_core):])
        tail = " " if tail else ""
        if op.op == "equal":
            parts.append(md(op.new_text))
        elif op.op == "delete":
            parts.append(f"~~{md(old_core)}~~{tail}")
        elif op.op == "insert":
            parts.append(f"**{md(new_core)}**{tail}")
        else:
            parts.append(f"~~{md(old_core)}~~ **{md(new_core)}**{tail}")
    return "".join(parts).strip()


def write_diff_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown report (GitHub-flavoured tables, ~~deleted~~ **inserted**)."""
    old, new = comparison.old, comparison.new
    out = [
        f"# Comparison: {md(old.doc_id)} {md(old.version)} → {md(new.doc_id)} {md(new.version)}",
        "",
        "| | Old | New |",
        "|---|---|---|",
        f"| Title | {md(old.title)} | {md(new.title)} |",
        f"| Document | {md(old.doc_id)} | {md(new.doc_id)} |",
        f"| Version | {md(old.version)} | {md(new.version)} |",
        f"| Drafting party | {md(old.drafting_party)} | {md(new.drafting_party)} |",
        f"| Date | {md(old.date)} | {md(new.date)} |",
    ]
    if old.file or new.file:
        out.append(f"| File | {md(old.file or '—')} | {md(new.file or '—')} |")
    out += ["", "## Summary", ""]
    if comparison.is_empty():
        out += ["No differences.", ""]
        return "\n".join(out)
    out += [
        f"- **{len(comparison.changes)} changes**: "
        f"{_counts_line(comparison.counts_by_kind, KINDS)}",
        f"- **Direction**: {_counts_line(comparison.counts_by_direction, DIRECTIONS)}",
        "- Deleted text is ~~struck through~~, inserted text is **bold**; "
        "directions are structural labels (strength orders of the domain), not judgements.",
        "",
    ]
    directional = list(_directional(comparison))
    if directional:
        out += ["## Strength and status", "", "| Item | Field | Old | New | Direction |",
                "|---|---|---|---|---|"]
        for change, field in directional:
            out.append(f"| {md(item_ref(comparison, change))} | {md(field.field)} | "
                       f"{_md_value(field, 'old')} | {_md_value(field, 'new')} | "
                       f"**{field.direction.upper()}** |")
        out.append("")
    out += ["## Changes", ""]
    current = None
    for change in comparison.changes:
        if change.collection != current:
            current = change.collection
            out += [f"### {md(current.replace('_', ' ').capitalize())}", ""]
        out += _md_change(comparison, change)
    return "\n".join(out)


def _md_change(comparison: Comparison, change: Change) -> list[str]:
    kind = change.kind.replace("_", " ")
    head = f"#### {_MARKS[change.kind]} {md(item_ref(comparison, change))}"
    if change.label != change.item_id and change.label != change.collection.replace("_", " "):
        head += f" — {md(change.label)}"
    facts = [kind.upper()]
    if change.direction != "changed":
        facts.append(change.direction.upper())
    if change.is_guess:
        facts.append(f"paired by similarity (a guess, score {change.similarity:.2f})")
    if change.kind in ("moved", "moved_and_modified"):
        facts.append(f"position {change.old_index + 1} → {change.new_index + 1}")
    lines = [head, "", f"*{', '.join(facts)}*", ""]
    if change.kind in ("added", "removed"):
        value = change.new_value if change.kind == "added" else change.old_value
        if isinstance(value, dict):
            model = COLLECTION_BY_NAME[change.collection].model
            order = [spec.name for spec in model_fields(model)]
            keys = sorted(value, key=lambda k: order.index(k) if k in order else len(order))
            lines += [f"- {md(k)}: {md(format_value(value[k], 120))}" for k in keys
                      if value[k] not in (None, [], {}, False)]
            lines.append("")
        return lines
    if not change.fields:
        return lines
    lines += ["| Field | Old | New | Direction |", "|---|---|---|---|"]
    texts = []
    for field in change.fields:
        if field.text is not None and field.old is not None and field.new is not None:
            texts.append(field)
            shown = f"text edited{md(_invisible_note(field))}"
            lines.append(f"| {md(field.field)} | {shown} | see below | {field.direction} |")
            continue
        lines.append(f"| {md(field.field)} | {_md_value(field, 'old')} | {_md_value(field, 'new')}"
                     f"{md(_invisible_note(field))} | {field.direction} |")
    lines.append("")
    for field in texts:
        lines += [f"**{md(field.field)}**: {_md_text_diff(field)}", ""]
    return lines
