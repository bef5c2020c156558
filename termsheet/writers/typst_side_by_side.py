"""The side-by-side comparison as a landscape A4 PDF laid out by Typst.

    write_side_by_side_pdf_typst(view, templates=None, variant="pdf/ua-1",
                                 source_date=None, timeout=None) -> bytes

The same view as the WeasyPrint PDF (:mod:`termsheet.writers.diff_pdf`) and the
same parts, in the same order and words (``templates/typst/side-by-side.typ``
prints them as ``templates/html/diff.html.j2`` does): the identity of both
versions, what is compared and from whose side, the notices, the counts by kind
and by label, the change list, the legend, then the table — number, OLD, NEW and
the change (badge, why, text status, new lint warnings, facts, notes) — with its
column headings repeated on every page. The marking runs at the top and bottom
of every page with the documents' reference and "Page X of Y"; the outline lists
the summary parts and the sections.

The view reaches Typst only as data (:func:`side_by_side_data`); the guards are
those of :mod:`termsheet.writers.typst_engine`, and the glyph check covers both
documents and every text the comparison adds (:func:`comparison_texts`) against
the bundled fonts. ``templates`` is accepted for the writers' common signature:
the Typst templates are the packaged ones.
"""

from __future__ import annotations

from termsheet.compare.sidebyside import (
    FieldValue, Invisible, Note, SideBySide, Title, label_words, words,
)
from termsheet.document.nodes import (
    Deleted, Document, Emphasis, Inserted, ListBlock, Origin, Paragraph, Section, Text,
)
from termsheet.resources import TemplateSet
from termsheet.writers.html import label
from termsheet.writers.typst_data import inline_data

TEMPLATE = "side-by-side.typ"
TEMPLATE_SYMBOLS = "→—–·×…“”‘’⟨⟩"
"""Characters the comparison templates print themselves (checked against the fonts too)."""
ROW_LINES_TOGETHER = 40
"""A row estimated at up to this many lines of its OLD or NEW column is kept on one page."""
LINE_CHARACTERS = 60
"""Characters of a line of an OLD or NEW column, for that estimate."""
ROW_STATUS_WORDS = {"only-old": "Only in the old version", "only-new": "Only in the new version",
                    "differs": "Wording differs", "ghost": "Moved", "unchanged": "Unchanged"}
"""A row without a change of its own, in words (as ``diff-rows.html.j2`` says it)."""


def write_side_by_side_pdf_typst(view: SideBySide, *, templates: TemplateSet | None = None,
                                 variant: str = "pdf/ua-1", source_date: str | None = None,
                                 timeout: float | None = None) -> bytes:
    """A built side-by-side view as PDF bytes (landscape A4, tagged, reproducible)."""
    from termsheet.writers.pdf import fixed_timestamp
    from termsheet.writers.typst_engine import check_bundled_glyphs, compile_pdf

    old_doc, new_doc = view.old_document, view.new_document
    later = new_doc if new_doc.info.date >= old_doc.info.date else old_doc
    timestamp = fixed_timestamp(later, source_date)
    check_bundled_glyphs(old_doc, new_doc, comparison_texts(view))
    return compile_pdf(TEMPLATE, side_by_side_data(view), variant=variant,
                       timestamp=timestamp, timeout=timeout)


def comparison_texts(view: SideBySide) -> Document:
    """What the comparison prints besides the two documents, as a Document for the glyph
    check (both PDF engines check it)."""
    paragraphs = [Paragraph((Text(TEMPLATE_SYMBOLS),), origin=Origin("comparison", "templates"))]
    for where, text in view.texts():
        if text:
            paragraphs.append(Paragraph((Text(text),), origin=Origin("comparison", where)))
    section = Section(id="comparison", title="Comparison", children=tuple(paragraphs))
    return Document(info=view.new_document.info, sections=(section,))


# ------------------------------------------------------------------ the data

def side_by_side_data(view: SideBySide) -> dict:
    """Everything the template prints, as JSON-ready data (every string printed as text)."""
    old, new = view.old_info, view.new_info
    printed = printed_anchors(view)
    return {
        "title": view.title, "author": new.drafting_party, "lang": new.language,
        "keywords": [old.doc_id, new.doc_id, "comparison"],
        "furniture": {"marking": marking(view), "reference": _reference(view),
                      "page": "Page", "of": "of"},
        "illustrative": old.illustrative or new.illustrative,
        "parties": view.comparison.mode == "parties",
        "old": _identity(old, view.comparison.old.file),
        "new": _identity(new, view.comparison.new.file),
        "files": bool(view.comparison.old.file or view.comparison.new.file),
        "mode": view.mode_sentence,
        "perspective": view.perspective if view.perspective and not view.empty else "",
        "perspective_said": bool(view.perspective),
        "notices": list(view.notices),
        "empty": view.empty,
        "changes_only": view.changes_only, "omitted": view.omitted,
        "by_kind": [[words(kind).capitalize(), kind, count]
                    for kind, count in view.counts_by_kind],
        "by_label": [[label_words(name), name, count] for name, count in view.counts_by_label],
        "changes": [_list_entry(change, printed) for change in view.changes],
        "rows": [_row(row, printed) for row in view.rows],
    }


def marking(view: SideBySide) -> str:
    """The marking both versions carry, else each in turn (as the HTML page prints it)."""
    old, new = view.old_info.marking, view.new_info.marking
    if not (old or new):
        return ""
    return new if new == old else f"{old or 'none'} (old) / {new or 'none'} (new)"


def _reference(view: SideBySide) -> str:
    old, new = view.old_info, view.new_info
    return f"{old.doc_id} {old.version} \u2192 {new.doc_id} {new.version}"


def _identity(info, file: str | None) -> dict:
    return {"title": info.title, "doc_id": info.doc_id, "version": info.version,
            "date": info.date, "party": info.drafting_party, "status": label(info.status),
            "file": file or "\u2014"}


def printed_anchors(view: SideBySide) -> frozenset[str]:
    """The anchors the PDF holds (a row's, a row's further changes'): links go only there."""
    return frozenset({row.anchor for row in view.rows}
                     | {change.anchor for row in view.rows for change in row.changes[1:]})


def _link(anchor: str | None, printed: frozenset[str]) -> str:
    return anchor if anchor in printed else ""


def _list_entry(change, printed: frozenset[str]) -> dict:
    return {"number": change.number or "", "title": change.title,
            "anchor": _link(change.anchor, printed),
            "badge": change.badge, "kind": change.kind, "short": change.short_reason}


def _row(row, printed: frozenset[str]) -> dict:
    return {
        "anchor": row.anchor, "kind": row.kind, "numbers": _numbers(row),
        "segments": [[_piece(segment.old, row, printed), _piece(segment.new, row, printed)]
                     for segment in row.segments],
        "absent": ("old" if row.presence == "new"
                   else "new" if row.presence == "old" and row.kind != "ghost" else ""),
        "changes": [_change(change) for change in row.changes],
        "status": _row_status(row, printed),
        "together": _row_lines(row) <= ROW_LINES_TOGETHER,
    }


def _row_lines(row) -> int:
    """About how many lines a row's taller text column takes (a longer row may break)."""
    return sum(max(sum(len(text) // LINE_CHARACTERS + 1 for text in side) for side in pair)
               for pair in row.segment_texts())


def _numbers(row) -> list[list[str]]:
    """The number cell's lines, each ``[style, text]``: ``num``, ``was`` or ``context``."""
    if row.kind == "document":
        return [["num", "Doc."]]
    lines = [["num", row.number]] if row.number else []
    if row.renumbered:
        lines.append(["was", f"was {row.old_number}"])
    if row.presence == "old":
        lines.append(["was", "old place" if row.kind == "ghost" else "old number"])
    if row.context:
        lines.append(["context", row.context])
    return lines


def _row_status(row, printed: frozenset[str]) -> dict:
    """What the change cell of a row without a change of its own says."""
    if row.changes or row.status == "unchanged" and not row.heading_only:
        return {}
    if row.heading_only:
        return {"note": "Heading only, for context: the text of this provision is unchanged."}
    status = {"badge": ROW_STATUS_WORDS[row.status]}
    if row.owner:
        status["owner"] = {"anchor": _link(row.owner, printed), "text": row.owner_number or "this provision"}
    return status


def _change(change) -> dict:
    return {
        "anchor": change.anchor, "badge": change.badge, "kind": change.kind,
        "why": "; ".join(change.why),
        "status": change.status_label or "", "status_reason": change.change.status_reason or "",
        "flags": list(change.flags),
        "facts": [_fact(fact, change) for fact in change.substance],
        "provenance": ", ".join(fact.field for fact in change.provenance),
        "notes": list(change.notes),
    }


def _fact(fact, change) -> dict:
    return {"field": fact.field, "text": fact.text,
            "direction": fact.direction if fact.direction != "changed" else "",
            "reason": change.reason_of(fact) or ""}


def _piece(piece, row, printed: frozenset[str]) -> dict | None:
    """One side of a segment as a tagged record (``title``, ``p``, ``list``, ``field``, ``note``)."""
    if piece is None:
        return None
    if isinstance(piece, Title):
        tag = piece.status or ("agreed" if piece.status_mark else None)
        return {"t": "title", "section": row.kind == "section", "number": piece.number or "",
                "c": marked_data(piece.content), "tag": f"({label(tag)})" if tag else "",
                "mark": piece.status_mark or ""}
    if isinstance(piece, Paragraph):
        return {"t": "p", "role": piece.role or "", "c": marked_data(piece.content)}
    if isinstance(piece, ListBlock):
        return {"t": "list", "ordered": piece.ordered,
                "items": [marked_data(item) for item in piece.items]}
    if isinstance(piece, FieldValue):
        return {"t": "field", "label": marked_data(piece.label), "c": marked_data(piece.content)}
    if isinstance(piece, Note):
        return {"t": "note", "s": piece.text, "target": _link(piece.target, printed)}
    raise TypeError(f"the Typst side-by-side cannot print {type(piece).__name__}")


def marked_data(nodes) -> list[dict]:
    """Inline nodes of a comparison as tagged records: :func:`inline_data`'s, with an
    :class:`Invisible` as ``{"k": "inv", "s": "⟨NBSP⟩"}`` at any depth."""
    records = []
    for node in nodes:
        if isinstance(node, Invisible):
            records.append({"k": "inv", "s": node.marker})
        elif isinstance(node, (Inserted, Deleted)):
            records.append({"k": "ins" if isinstance(node, Inserted) else "del",
                            "c": marked_data(node.children)})
        elif isinstance(node, Emphasis):
            records.append({"k": "strong" if node.strong else "em",
                            "c": marked_data(node.children)})
        else:
            records.extend(inline_data((node,)))
    return records
