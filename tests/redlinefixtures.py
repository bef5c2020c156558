"""Hand-made Documents for the redline tests: an OLD and a NEW version with every kind of change.

OLD → NEW:
- section ``scope``: clause ``scope.1`` amended ("30 days" → "14 days", a word
  added, emphasis kept); clause ``scope.2`` retitled; ``scope.3`` deleted;
  ``scope.4`` inserted;
- section ``forces``: clauses ``forces.a`` and ``forces.c`` swap places (one is a
  move), ``forces.b`` keeps its text but is renumbered; its table gets a row
  inserted, a row deleted, a cell edited;
- clause ``mon.1`` moves from ``forces`` to ``monitoring`` and is amended;
- section ``old`` deleted, section ``annex`` inserted; a list item added.
"""

from __future__ import annotations

from termsheet.document.nodes import (
    Cell,
    Clause,
    Document,
    DocumentInfo,
    Emphasis,
    LineBreak,
    ListBlock,
    Paragraph,
    Reference,
    Row,
    Section,
    Table,
    Term,
    Text,
)


def info(version: str, date: str, party: str, **more) -> DocumentInfo:
    return DocumentInfo(**{
        "doc_id": "demo", "title": "Security Protocols — Term Sheet", "document_type": "term_sheet",
        "version": version, "date": date, "status": "negotiating_draft", "drafting_party": party,
        "language": "en", "marking": "UNCLASSIFIED", **more,
    })


def p(*content, role="body", id=None) -> Paragraph:
    return Paragraph(content=tuple(Text(c) if isinstance(c, str) else c for c in content), role=role, id=id)


def row(id, *cells) -> Row:
    return Row(cells=tuple(Cell((Text(c),)) for c in cells), id=id)


def old_document() -> Document:
    return Document(info=info("0.2.0", "2026-01-06", "United States of America",
                                   handling=("DRAFT — WITHOUT PREJUDICE", "NOT FOR CIRCULATION")), sections=(
        Section(id="scope", title="Scope", number="1", children=(
            p("This term sheet sets out the draft terms.", role="note"),
            Clause(id="scope.1", title="Response time", number="1.1", blocks=(
                p("Guarantors shall respond within 30 days of a ", Term("Qualifying Attack"), "."),
                p("Consultations ", Emphasis((Text("begin at once"),)), " after notice."),
            )),
            Clause(id="scope.2", title="Territorial scope", number="1.2", blocks=(
                p("Applies to the territory of Ukraine.", ),
            ), status="bracketed"),
            Clause(id="scope.3", title="Sunset", number="1.3", blocks=(
                p("These terms lapse after ten years."),
            )),
        )),
        Section(id="forces", title="Forces", number="2", children=(
            Clause(id="forces.a", title="Reassurance force", number="2.1", status="bracketed", blocks=(
                p("A force of 25,000 troops led by France and the United Kingdom."),
            )),
            Clause(id="forces.b", title="Air policing", number="2.2", blocks=(
                p("See ", Reference("forces.a", "2.1"), " for the ground force."),
                Table(header=("Contributor", "Assets", "Status"), id="forces.b.table", rows=(
                    row("fr", "France", "12 aircraft", "pledged"),
                    row("gb", "United Kingdom", "8 aircraft", "pledged"),
                    row("de", "Germany", "4 aircraft", "considering"),
                ), caption="Air contributions"),
            )),
            Clause(id="forces.c", title="Maritime", number="2.3", blocks=(
                p("Black Sea demining under Türkiye's lead."),
                ListBlock(items=((Text("Odesa corridor"),), (Text("Danube ports"),))),
            )),
            Clause(id="mon.1", title="Monitoring mission", number="2.4", blocks=(
                p("A monitoring mission reports every 7 days.", LineBreak(), "Reports are shared."),
            )),
        )),
        Section(id="old", title="Transitional", number="3", children=(
            Clause(id="old.1", title="Interim arrangements", number="3.1", blocks=(
                p("Interim arrangements apply until entry into force."),
            )),
        )),
        Section(id="monitoring", title="Monitoring", number="4", children=(
            Clause(id="mon.2", title="Special Commission", number="4.1", blocks=(
                p("A ", Term("Special Commission"), " oversees implementation."),
            )),
        )),
    ))


def new_document() -> Document:
    return Document(info=info("0.3.0", "2026-02-02", "Coalition of the Willing", status="revised_draft",
                                   supersedes="demo 0.2.0", handling=("DRAFT — WITHOUT PREJUDICE",)), sections=(
        Section(id="scope", title="Scope", number="1", children=(
            p("This term sheet sets out the draft terms.", role="note"),
            Clause(id="scope.1", title="Response time", number="1.1", blocks=(
                p("Guarantors shall respond promptly, within 14 days of a ", Term("Qualifying Attack"), "."),
                p("Consultations ", Emphasis((Text("begin at once"),)), " after notice."),
            )),
            Clause(id="scope.2", title="Geographic scope", number="1.2", blocks=(
                p("Applies to the territory of Ukraine.", ),
            ), status="for_discussion"),
            Clause(id="scope.4", title="Review", number="1.3", blocks=(
                p("The parties review these terms every two years."),
            ), status="bracketed"),
        )),
        Section(id="forces", title="Forces", number="2", children=(
            Clause(id="forces.c", title="Maritime", number="2.1", blocks=(
                p("Black Sea demining under Türkiye's lead."),
                ListBlock(items=((Text("Odesa corridor"),), (Text("Danube ports"),), (Text("Kerch approaches"),))),
            )),
            Clause(id="forces.a", title="Reassurance force", number="2.2", blocks=(
                p("A force of 25,000 troops led by France and the United Kingdom."),
            )),
            Clause(id="forces.b", title="Air policing", number="2.3", blocks=(
                p("See ", Reference("forces.a", "2.2"), " for the ground force."),
                Table(header=("Contributor", "Assets", "Status"), id="forces.b.table", rows=(
                    row("fr", "France", "12 aircraft", "pledged"),
                    row("pl", "Poland", "6 aircraft", "pledged"),
                    row("de", "Germany", "4 aircraft", "pledged"),
                ), caption="Air contributions"),
            )),
        )),
        Section(id="monitoring", title="Monitoring", number="3", children=(
            Clause(id="mon.1", title="Monitoring mission", number="3.1", blocks=(
                p("An international monitoring mission reports every 3 days.", LineBreak(), "Reports are shared."),
            )),
            Clause(id="mon.2", title="Special Commission", number="3.2", blocks=(
                p("A ", Term("Special Commission"), " oversees implementation."),
            )),
        )),
        Section(id="annex", title="Annex", number="4", children=(
            Clause(id="annex.1", title="Definitions", number="4.1", blocks=(
                p("Terms have the meaning given in the ", Emphasis((Text("Protocol"),), strong=True), "."),
            )),
        )),
    ))
