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

`fixture_comparison` is a data comparison of the same two versions, by hand,
with a change on each kind of place (clause, removed clause, moved clause, row,
removed row, section, no place), and `assert_round_trip` the oracle every
redline DOCX test uses: accept all gives NEW's term sheet, reject all OLD's.
"""

from __future__ import annotations

from termsheet.compare.comparison import Change, Comparison, VersionInfo
from termsheet.compare.redline import redline
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
    walk,
)
from termsheet.writers.docx import write_docx
from termsheet.writers.docx_redline import write_docx_redline

from ooxml_projection import lint, project

AUTHOR = "Coalition of the Willing"
DATE = "2026-02-02T00:00:00Z"


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


# ------------------------------------------------------------------ a data comparison

def change(collection: str, item: str, kind: str, direction: str = "changed", *, new_path=None,
           old_path=None, **more) -> Change:
    """A change of item ``item`` at YAML paths ``old_path`` / ``new_path`` (None: not on that side)."""
    return Change(**{
        "id": f"chg-{collection}-{item}", "collection": collection, "item_id": item,
        "old_id": item if old_path is not None else None, "new_id": item if new_path is not None else None,
        "kind": kind, "direction": direction, "paired_by": "id" if old_path and new_path else None,
        "similarity": None, "path": f"/{collection}/{item}", "old_path": None, "new_path": None,
        "old_index": None, "new_index": None, "label": item.replace("-", " ").capitalize(),
        "old_yaml_path": old_path, "new_yaml_path": new_path, **more})


def fixture_comparison(**more) -> Comparison:
    """The data comparison of `old_document` → `new_document` (by hand; ``more`` replaces fields)."""
    changes = (
        change("metadata", "metadata", "modified", old_path="", new_path=""),
        change("commitments", "response", "modified", "weakened", old_path="commitments[0]",
               new_path="commitments[0]", reasons=("deadline: 30 days → 14 days", "United States "
                                                   "removed as provider"),
               status="reopened", status_reason="agreed → bracketed",
               flags=("W-COUNTERPARTY-VETO: a counterparty can veto the response",)),
        change("commitments", "sunset", "removed", "weakened", old_path="commitments[2]",
               reasons=("removed commitment: Sunset",)),
        change("commitments", "review", "added", new_path="commitments[2]"),
        change("commitments", "monitoring", "moved_and_modified", "strengthened",
               old_path="commitments[6]", new_path="commitments[6]",
               reasons=("reports every 3 days instead of 7",), paired_by="similarity",
               similarity=0.82),
        change("guarantors", "gb", "removed", "weakened", old_path="guarantors[1]",
               reasons=("United Kingdom removed as provider",)),
        change("guarantors", "pl", "added", "strengthened", new_path="guarantors[1]"),
        change("scope", "scope", "modified", "mixed", old_path="scope", new_path="scope",
               reasons=("wider territory", "shorter term")),
    )
    old_places = {"": ("demo", None), "commitments[0]": ("scope.1", "1.1"),
                  "commitments[2]": ("scope.3", "1.3"), "commitments[6]": ("mon.1", "2.4"),
                  "guarantors[1]": ("gb", "2.2"), "scope": ("scope", "1")}
    new_places = {"": ("demo", None), "commitments[0]": ("scope.1", "1.1"),
                  "commitments[2]": ("scope.4", "1.3"), "commitments[6]": ("mon.1", "3.1"),
                  "guarantors[1]": ("pl", "2.3"), "scope": ("scope", "1")}
    values = dict(
        old=VersionInfo("demo", "0.2.0", "us", "2026-01-06", "Security Protocols — Term Sheet",
                        "us-draft.yaml"),
        new=VersionInfo("demo", "0.3.0", "cow", "2026-02-02", "Security Protocols — Term Sheet",
                        "coalition-draft.yaml"),
        changes=changes, counts_by_kind={"added": 2, "removed": 2, "modified": 3,
                                         "moved_and_modified": 1},
        counts_by_direction={}, counts_by_collection={},
        perspective="Directions are read from the side of Ukraine, the beneficiary.",
        mode="versions", notices=("NEW is dated before OLD.",),
        counts_by_label={"strengthened": 2, "weakened": 3, "mixed": 1, "reopened": 1, "moved": 1,
                         "lint": 1},
        old_places=old_places, new_places=new_places,
        old_numbers={}, new_numbers={},
    )
    values.update(more)
    return Comparison(**values)


def every_node_comparison(old: Document, new: Document) -> Comparison:
    """A comparison with one change on every node with an id (section, clause, table, row,
    paragraph) of ``old`` or ``new``: modified when both have it, else added or removed."""
    def ids(doc):
        return list(dict.fromkeys(node.id for node in walk(doc) if getattr(node, "id", None)))

    old_ids, new_ids = ids(old), ids(new)
    changes = tuple(
        change("commitments", node_id, "modified" if node_id in old_ids and node_id in new_ids
               else "added" if node_id in new_ids else "removed",
               old_path=node_id if node_id in old_ids else None,
               new_path=node_id if node_id in new_ids else None)
        for node_id in dict.fromkeys(new_ids + old_ids))
    return fixture_comparison(changes=changes, counts_by_kind={}, counts_by_label={},
                              old_places={i: (i, None) for i in old_ids},
                              new_places={i: (i, None) for i in new_ids})


# ------------------------------------------------------------------ the oracle

def assert_round_trip(old: Document, new: Document, docx: bytes | None = None) -> bytes:
    """The redline DOCX of (old, new) accepts to NEW's DOCX text and rejects to OLD's; lint-clean."""
    if docx is None:
        docx = write_docx_redline(redline(old, new), author=AUTHOR, date=DATE)
    problems = lint(docx)
    assert not problems, problems
    for mode, expected in (("accept", write_docx(new)), ("reject", write_docx(old))):
        got, want = project(docx, mode), project(expected, None)
        assert got.keys() == want.keys()
        for part in want:
            assert got[part] == want[part], (mode, part, _first_difference(got[part], want[part]))
    return docx


def _first_difference(got: list, want: list):
    for index, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return index, a, b
    return len(want), got[len(want):], want[len(got):]
