"""A comparison in words: a short terminal summary and a Markdown report with the same facts.

Both list, in document order:

1. which versions are compared, whether they are one party's versions or two
   parties' documents, any notice (NEW dated before OLD), whose protection the
   directions measure, and the counts by kind and by label (an item may carry
   several labels: strengthened in one field, reopened in another);
2. **judgements**: every item with a direction, each reason on its own line
   with its sign (``+`` strengthens, ``−`` weakens, ``±`` both);
3. **status**: every text-status change, read per party (settled, reopened,
   converged, or one side's marking);
4. new lint warnings; other changes of substance without a direction; items
   added, removed and moved; every item whose wording changed; guesses; how many
   items have provenance changes.

The Markdown report adds the word-level diff of every edited text field and
every provenance change.  Labels are words (STRENGTHENED, WEAKENED…); colour,
when asked for, only repeats them.  Text from the term files is shown with any
invisible or control character written as ``⟨U+00A0⟩``; in Markdown it is also
escaped so that it can never become markup or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.compare.classify import LABELS
from termsheet.compare.comparison import KINDS, PROVENANCE_FIELDS, Change, Comparison, FieldChange
from termsheet.compare.facts import SIGNS, format_field_change, format_value, judgements, visible
from termsheet.compare.fields import model_fields

_COLOURS = {
    "strengthened": "32", "weakened": "31", "mixed": "33", "settled": "36", "converged": "36",
    "reopened": "35",
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
            ref += f" ({_cited(old_number)} → {_cited(new_number)})"
        else:
            ref += f" ({_cited(new_number or old_number)})"
    return visible(ref)


def _cited(number: str) -> str:
    """``§4.3`` for a section, clause or row number; an annex's as printed (``Annex A``)."""
    return number if number[:1].isalpha() else f"§{number}"


def _is_substance(change: FieldChange) -> bool:
    return change.name not in PROVENANCE_FIELDS and change.text is None


def _is_wording(change: FieldChange) -> bool:
    return change.name not in PROVENANCE_FIELDS and change.text is not None


def _judged(comparison: Comparison) -> list[Change]:
    return [change for change in comparison.changes if change.direction in SIGNS]


def _other_substance(comparison: Comparison) -> Iterable[tuple[Change, FieldChange]]:
    for change in comparison.changes:
        for field in change.fields:
            if field.direction == "changed" and _is_substance(field):
                yield change, field


def _flagged(comparison: Comparison) -> list[Change]:
    return [change for change in comparison.changes if change.flags]


def _status_changes(comparison: Comparison) -> list[Change]:
    return [change for change in comparison.changes if change.status]


def mode_sentence(comparison: Comparison) -> str:
    """Whether this compares one party's versions or two parties' documents."""
    old_party, new_party = _party(comparison, "old"), _party(comparison, "new")
    if comparison.mode == "parties":
        return (f"Two parties' documents ({old_party}; {new_party}): each side's text status "
                "is its own claim; \u201cconverged\u201d means both hold the same wording.")
    return (f"Two versions of {new_party}'s text: agreed \u2192 bracketed is \u201creopened\u201d, "
            "bracketed \u2192 agreed \u201csettled\u201d.")


def _party(comparison: Comparison, side: str) -> str:
    sheet = comparison.old_sheet if side == "old" else comparison.new_sheet
    info = comparison.old if side == "old" else comparison.new
    if sheet is not None:
        names = {party.id: party.name for party in sheet.parties}
        return names.get(info.drafting_party, info.drafting_party)
    return info.drafting_party


LABELS_NOTE = "an item may carry several labels, so labels add up to more than the changes"


def _structural(comparison: Comparison, kind: str) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in comparison.changes:
        if change.kind == kind or (kind == "moved" and change.kind == "moved_and_modified"):
            grouped.setdefault(change.collection, []).append(change)
    return grouped


def _reworded(comparison: Comparison) -> list[Change]:
    return [c for c in comparison.changes if any(_is_wording(f) for f in c.fields)]


def _with_provenance(comparison: Comparison) -> list[Change]:
    return [c for c in comparison.changes if any(f.name in PROVENANCE_FIELDS for f in c.fields)]


def _counts_line(counts: dict[str, int], order: Iterable[str]) -> str:
    parts = [f"{counts[key]} {key.replace('_', ' ')}" for key in order if counts.get(key)]
    return ", ".join(parts) if parts else "none"


def _undirected_count(comparison: Comparison) -> int:
    return comparison.counts_by_direction.get("changed", 0)


def _side_line(info, party: str) -> str:
    return f"{info.doc_id} {info.version} ({party}, {info.date})"


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
        f"{visible(_side_line(comparison.old, _party(comparison, 'old')))} → "
        f"{visible(_side_line(comparison.new, _party(comparison, 'new')))}",
    ]
    if comparison.is_empty():
        lines.append("No differences.")
        return "\n".join(lines) + "\n"
    lines.append(mode_sentence(comparison))
    lines += [_paint(f"NOTICE: {notice}", "weakened", color) for notice in comparison.notices]
    if comparison.perspective:
        lines.append(comparison.perspective)
    lines.append(f"{len(comparison.changes)} changes: "
                 f"{_counts_line(comparison.counts_by_kind, KINDS)}")
    lines.append(f"Labels ({LABELS_NOTE}): {_counts_line(comparison.counts_by_label, LABELS)}; "
                 f"{_undirected_count(comparison)} changes have no direction")

    judged = _judged(comparison)
    if judged:
        lines += ["", "Judgements (+ strengthens, \u2212 weakens, \u00b1 both):"]
        for change in judged:
            label = _paint(change.direction.upper(), change.direction, color)
            lines.append(f"  {item_ref(comparison, change)}  {label}")
            lines += [f"      {SIGNS[direction]} {visible(reason)}"
                      for direction, reason in judgements(change)]
    statuses = _status_changes(comparison)
    if statuses:
        lines += ["", "Text status:"]
        for change in statuses:
            label = _paint(change.status.upper(), change.status, color)
            lines.append(f"  {item_ref(comparison, change)}  {label}: "
                         f"{visible(change.status_reason or '')}")
    flagged = _flagged(comparison)
    if flagged:
        lines += ["", "New lint warnings in NEW:"]
        for change in flagged:
            lines += [f"  {item_ref(comparison, change)}  {visible(flag)}" for flag in change.flags]

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

    wording = _reworded(comparison)
    if wording:
        lines += ["", "Wording changed:"]
        lines.append("  " + ", ".join(
            f"{item_ref(comparison, c)} ({', '.join(f.field for f in c.fields if _is_wording(f))})"
            for c in wording))
    invisible = [(c, f) for c in comparison.changes for f in c.fields
                 if f.invisible or f.looks_identical]
    if invisible:
        lines += ["", "Invisible differences (shown, not hidden):"]
        for change, field in invisible:
            lines.append(f"  {item_ref(comparison, change)} {field.field}:{_invisible_note(field)}")
    provenance = _with_provenance(comparison)
    if provenance:
        lines += ["", f"Provenance changed (basis, sources, notes, proposer): {len(provenance)} "
                      "items (see the JSON or Markdown output)"]
    guesses = [c for c in comparison.changes if c.is_guess]
    if guesses:
        lines += ["", _paint("Paired by similarity (a guess):", "guess", color)]
        for change in guesses:
            lines.append(f"  {item_ref(comparison, change)}  score {change.similarity:.2f}")
    return "\n".join(lines) + "\n"


def _structural_id(change: Change) -> str:
    if change.kind in ("moved", "moved_and_modified") and change.old_place is not None:
        return f"{change.item_id} (place {change.old_place}→{change.new_place})"
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


def _md_sign(direction: str) -> str:
    """A direction's sign, escaped so that ``+`` never starts a Markdown list."""
    return "\\" + SIGNS[direction] if SIGNS[direction] == "+" else SIGNS[direction]


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
        f"| Drafting party | {md(_party(comparison, 'old'))} | {md(_party(comparison, 'new'))} |",
        f"| Date | {md(old.date)} | {md(new.date)} |",
    ]
    if old.file or new.file:
        out.append(f"| File | {md(old.file or '—')} | {md(new.file or '—')} |")
    out += ["", "## Summary", ""]
    if comparison.is_empty():
        out += ["No differences.", ""]
        return "\n".join(out)
    out += [f"> **Notice:** {md(notice)}" for notice in comparison.notices]
    out += [
        f"- {md(mode_sentence(comparison))}",
        f"- {md(comparison.perspective)}" if comparison.perspective else "",
        f"- **{len(comparison.changes)} changes**: "
        f"{_counts_line(comparison.counts_by_kind, KINDS)}",
        f"- **Labels** ({LABELS_NOTE}): {_counts_line(comparison.counts_by_label, LABELS)}; "
        f"{_undirected_count(comparison)} changes have no direction",
        "- Deleted text is ~~struck through~~, inserted text is **bold**.",
        "",
    ]
    judged = _judged(comparison)
    if judged:
        out += ["## Judgements", "", "| Item | Direction | Why | Status |", "|---|---|---|---|"]
        for change in judged:
            why = "<br>".join(f"{_md_sign(d)} {md(r)}" for d, r in judgements(change))
            status = md(change.status_reason) if change.status else ""
            out.append(f"| {md(item_ref(comparison, change))} | **{change.direction.upper()}** | "
                       f"{why} | {status} |")
        out.append("")
    others = [c for c in _status_changes(comparison) if c.direction not in SIGNS]
    if others:
        out += ["## Text status", ""]
        out += [f"- {md(item_ref(comparison, c))}: **{c.status}** \u2014 {md(c.status_reason or '')}"
                for c in others]
        out.append("")
    flagged = _flagged(comparison)
    if flagged:
        out += ["## New lint warnings in NEW", ""]
        out += [f"- {md(item_ref(comparison, c))}: {md(flag)}" for c in flagged for flag in c.flags]
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
    if change.status:
        facts.append(f"{change.status}: {md(change.status_reason or '')}")
    if change.is_guess:
        facts.append(f"paired by similarity (a guess, score {change.similarity:.2f})")
    if change.kind in ("moved", "moved_and_modified") and change.old_place is not None:
        facts.append(f"place {change.old_place} → {change.new_place}")
    lines = [head, "", f"*{', '.join(facts)}*", ""]
    lines += [f"- {_md_sign(d)} {md(r)}" for d, r in judgements(change)]
    lines += [f"- lint: {md(flag)}" for flag in change.flags]
    if lines[-1] != "":
        lines.append("")
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
    lines += ["| Field | Old | New | Direction | Why |", "|---|---|---|---|---|"]
    texts = []
    for field in change.fields:
        if field.text is not None and field.old is not None and field.new is not None:
            texts.append(field)
            shown = f"text edited{md(_invisible_note(field))}"
            lines.append(f"| {md(field.field)} | {shown} | see below | {field.direction} | "
                         f"{md(field.reason or '')} |")
            continue
        lines.append(f"| {md(field.field)} | {_md_value(field, 'old')} | {_md_value(field, 'new')}"
                     f"{md(_invisible_note(field))} | {field.direction} | {md(field.reason or '')} |")
    lines.append("")
    for field in texts:
        lines += [f"**{md(field.field)}**: {_md_text_diff(field)}", ""]
    return lines
