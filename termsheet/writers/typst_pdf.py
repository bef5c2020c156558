"""The Typst PDF writer for term sheets: the document as data, laid out by ``termsheet.typ``.

    write_pdf_typst(doc, variant="pdf/ua-1", attachment=None, source_date=None,
                    timeout=None) -> bytes

It reads the same document model as every other writer and prints what the
WeasyPrint PDF prints (:mod:`termsheet.writers.pdf`): the title block, the
contents with page numbers, sections and clauses under the numbers the model
holds (Typst numbers nothing), tables whose header repeats on every page,
footnotes, the signature block and annexes each on a new page, the watermark,
the running marking and "Page X of Y". Every string reaches Typst as JSON data
(:mod:`termsheet.writers.typst_engine`), never as markup.

Typst's ``document()`` takes a title, authors, keywords and a description only:
the authentic languages and the original of a translation, which the WeasyPrint
PDF writes as custom entries of the document information, are added to the
description (the PDF's ``/Subject``).

The packaged Typst templates are the only ones used: a ``--templates`` folder's
stylesheets style the WeasyPrint PDF alone.
"""

from __future__ import annotations

from termsheet.document.nodes import (
    Clause, Document, DocumentInfo, ListBlock, Paragraph, Row, Section, Table, annexes,
    body_sections, row_lead, unknown_node, walk,
)
from termsheet.errors import RenderError
from termsheet.resources import TemplateSet
from termsheet.schema.vocab import value_words
from termsheet.writers.fonts import SANS, SERIF
from termsheet.writers.furniture import SIGNATURE_LINES, labels_for, signature_for
from termsheet.writers.html import column_headings, column_widths, is_anchored, marked
from termsheet.writers.pdf_inputs import fixed_timestamp
from termsheet.writers.typst_data import inline_data
from termsheet.writers.typst_engine import check_bundled_glyphs, compile_pdf

TEMPLATE = "termsheet.typ"
FAMILIES = (SERIF.metric_twin, SERIF.fallback, SANS.metric_twin, SANS.fallback)
"""The bundled families ``templates/typst/lib.typ`` sets text in: what the glyph check reads."""
BRACKET_RULE_STATUSES = ("bracketed", "alternative", "for_discussion")
"""Clause statuses marked by a rule in the margin (as ``print.css`` marks them)."""
SIGNATURES_ID = "signatures"
"""The label of the signature block, which the contents link to."""


def write_pdf_typst(doc: Document, *, templates: TemplateSet | None = None,
                    variant: str = "pdf/ua-1", attachment: tuple[str, bytes] | None = None,
                    source_date: str | None = None, timeout: float | None = None) -> bytes:
    """The document as PDF bytes laid out by Typst; the arguments are those of
    :func:`termsheet.writers.pdf.write_pdf` (``templates`` is accepted and unused).

    Raises :class:`termsheet.errors.RenderError` for every failure, and
    :class:`termsheet.errors.MissingGlyphError` for a character the bundled fonts lack.
    """
    timestamp = fixed_timestamp(doc, source_date)
    check_bundled_glyphs(doc, families=FAMILIES)
    return compile_pdf(TEMPLATE, document_data(doc), variant=variant, attachment=attachment,
                       timestamp=timestamp, timeout=timeout)


def document_data(doc: Document) -> dict:
    """Everything ``termsheet.typ`` prints, as JSON-ready data."""
    info = doc.info
    labels = labels_for(info.language)
    anchors = _anchors(doc)
    return {
        "lang": info.language.split("-")[0].lower(),
        "metadata": _metadata(info),
        "furniture": _furniture(info, labels),
        "header": _header(info, labels),
        "contents": {"heading": labels["contents"], "entries": _contents(doc, labels)},
        "sections": [_section(section, anchors, labels) for section in body_sections(doc)],
        "signatures": _signatures(info, labels),
        "annexes": [_section(annex, anchors, labels) for annex in annexes(doc)],
        "watermark": info.watermark,
    }


# ------------------------------------------------------------- title block

def _metadata(info: DocumentInfo) -> dict:
    """The PDF's title, author, keywords and description (``/Subject``)."""
    kind, status = value_words(info.document_type), value_words(info.status)
    description = [f"{kind}, version {info.version}, {status}"]
    if info.authentic_languages:
        description.append(f"authentic languages: {info.authentic_languages}")
    if info.translation_of:
        description.append(f"translation of: {info.translation_of}")
    return {"title": info.title, "author": info.drafting_party,
            "keywords": [info.doc_id, kind, status], "description": "; ".join(description)}


def _furniture(info: DocumentInfo, labels: dict[str, str]) -> dict:
    """The strings of the running header and footer (``lib.typ`` ``running``)."""
    return {"marking": info.marking or "", "title": info.running_title,
            "status": f"{value_words(info.status)} · {info.date}",
            "reference": info.running_reference, "page": labels["page"], "of": labels["of"]}


def _header(info: DocumentInfo, labels: dict[str, str]) -> dict:
    """The title block: handling lines, banner, type, title, the facts and the disclaimer."""
    return {
        "handling": list(info.handling),
        "banner": labels["illustrative_banner"] if info.illustrative else None,
        "type": value_words(info.document_type),
        "title": info.title,
        "localized": [{"lang": language, "title": title}
                      for language, title in info.title_localized],
        "facts": [[labels[key], value] for key, value in _facts(info) if value],
        "disclaimer": ({"label": labels["disclaimer"], "text": info.disclaimer}
                       if info.disclaimer else None),
    }


def _facts(info: DocumentInfo) -> list[tuple[str, str | None]]:
    """The title block's label keys and values, in the order of the HTML page."""
    return [("version", info.version), ("supersedes", info.supersedes),
            ("status", value_words(info.status)), ("date", info.date),
            ("drafting_party", info.drafting_party),
            ("language", info.language_name or info.language),
            ("authentic_languages", info.authentic_languages),
            ("translation_of", info.translation_of),
            ("negotiation_track", info.negotiation_track),
            ("document", info.running_reference)]


def _signatures(info: DocumentInfo, labels: dict[str, str]) -> dict | None:
    """The signature block: one party per signatory, each with its lines."""
    if not info.signatories:
        return None
    return {"id": SIGNATURES_ID, "heading": labels["signatures"],
            "parties": [{"for": signature_for(labels, party),
                         "lines": [labels[key] for key in SIGNATURE_LINES]}
                        for party in info.signatories]}


# ---------------------------------------------------------------- contents

def _contents(doc: Document, labels: dict[str, str]) -> list[dict]:
    """The contents entries: sections (with their clauses unless a section lists none),
    the signature block, then the annexes, as the HTML page lists them."""
    entries = []
    for section in body_sections(doc):
        if not is_anchored(section):
            continue
        entries.append(_entry(section, 1))
        if section.contents_clauses:
            entries += [_entry(child, 2) for child in section.children
                        if isinstance(child, Clause) and is_anchored(child)]
    if doc.info.signatories:
        entries.append({"level": 1, "number": "", "title": labels["signatures"],
                        "target": SIGNATURES_ID, "annex": False})
    entries += [_entry(annex, 1) for annex in annexes(doc) if is_anchored(annex)]
    return entries


def _entry(node: Section | Clause, level: int) -> dict:
    return {"level": level, "number": node.number or "", "title": node.title, "target": node.id,
            "annex": _is_annex(node)}


def _is_annex(node: Section | Clause) -> bool:
    """An annex, numbered with a word (``Annex A``): its number goes before its title rather
    than in the numbers' column."""
    return isinstance(node, Section) and node.annex is not None


# ---------------------------------------------------------------- the body

def _anchors(doc: Document) -> frozenset[str]:
    """The ids the PDF labels, which references link to."""
    return frozenset(node.id for node in walk(doc)
                     if isinstance(node, (Section, Clause, Paragraph, Table, Row))
                     and is_anchored(node))


def _heading(node: Section | Clause, anchors, labels: dict[str, str]) -> dict:
    """A heading: its outline text, number and title as inline records, and its tags."""
    tags = []
    if isinstance(node, Clause) and node.status != "agreed":
        tags.append(f"({value_words(node.status)})")
    if node.change:
        tags.append(f"({labels[node.change]})")
    return {"id": node.id if is_anchored(node) else None,
            "outline": " ".join(filter(None, (node.number, node.title))),
            "number": inline_data(marked(node, "number"), anchors),
            "title": inline_data(marked(node, "title"), anchors),
            "tags": " ".join(tags), "change": node.change, "annex": _is_annex(node)}


def _section(section: Section, anchors, labels: dict[str, str]) -> dict:
    return {"heading": _heading(section, anchors, labels),
            "children": [_clause(child, anchors, labels) if isinstance(child, Clause)
                         else _block(child, anchors) for child in section.children]}


def _clause(clause: Clause, anchors, labels: dict[str, str]) -> dict:
    return {"k": "clause", "heading": _heading(clause, anchors, labels),
            "rule": clause.status in BRACKET_RULE_STATUSES,
            "blocks": [_block(block, anchors) for block in clause.blocks]}


def _block(block, anchors) -> dict:
    if isinstance(block, Paragraph):
        return {"k": "p", "role": block.role, "id": _label(block), "change": block.change,
                "c": inline_data(block.content, anchors)}
    if isinstance(block, ListBlock):
        changes = list(block.item_changes) + [None] * (len(block.items) - len(block.item_changes))
        return {"k": "list", "ordered": block.ordered, "changes": changes,
                "items": [inline_data(item, anchors) for item in block.items]}
    if isinstance(block, Table):
        return _table(block, anchors)
    raise unknown_node("Typst", block)


def _table(table: Table, anchors) -> dict:
    """A table: its columns as fractions, header, rows (a row's label before its first cell)."""
    widths = [float(width.rstrip("%")) for width in column_widths(table)]
    return {"k": "table", "id": _label(table), "change": table.change,
            "caption": inline_data(marked(table, "caption"), anchors),
            "header": [inline_data(cell, anchors) for cell in column_headings(table)],
            "widths": widths, "wide": len(table.header) > 6,
            "rows": [_row(row, table, anchors) for row in table.rows]}


def _row(row: Row, table: Table, anchors) -> dict:
    if len(row.cells) != len(table.header):
        raise RenderError(f"table {table.id or table.caption!r}: a row has {len(row.cells)} "
                          f"cells for {len(table.header)} columns", code="render-table")
    cells = [inline_data(cell.content, anchors) for cell in row.cells]
    if cells:
        cells[0] = inline_data(row_lead(row), anchors) + cells[0]
    return {"id": _label(row), "change": row.change, "cells": cells}


def _label(node: Paragraph | Table | Row) -> str | None:
    """The id a block carries as a label in the PDF (None: no label)."""
    return node.id if is_anchored(node) else None
