"""Hand-made documents for the HTML and PDF writer tests.

`sample_document()` exercises every node type of `termsheet.document.nodes` in a
realistic shape; `hostile_document(payload)` puts a payload into every free-text
field, so a test can check that each kind of field is escaped.
"""

from __future__ import annotations

import dataclasses

from termsheet.document.nodes import (
    Cell, Clause, Deleted, Document, DocumentInfo, Emphasis, Inserted, LineBreak, ListBlock,
    Origin, Paragraph, Reference, Row, Section, Table, Term, Text,
)

SOURCE = "samples/fixture.yaml"
LONG_TOKEN = "https://example.org/" + "very-long-unbroken-identifier-" * 8 + "end"


def _origin(path: str, line: int) -> Origin:
    return Origin(SOURCE, path, line, 5)


def _p(*content, role: str = "body", id: str | None = None) -> Paragraph:
    return Paragraph(tuple(Text(c) if isinstance(c, str) else c for c in content), role=role, id=id)


def sample_info(**changes) -> DocumentInfo:
    info = DocumentInfo(
        doc_id="fixture-protocols",
        title="Security Protocols for Ukraine — Term Sheet (Fixture)",
        document_type="Term sheet",
        version="0.3.0",
        date="2026-02-02",
        status="Negotiating draft",
        drafting_party="United States of America",
        language="en",
        supersedes="0.2.0",
        title_localized=(("uk", "Протоколи безпеки для України — умови"),
                         ("ru", "Протоколы безопасности для Украины")),
        marking="UNCLASSIFIED",
        handling=("ILLUSTRATIVE — NOT A REAL DOCUMENT", "DRAFT — WITHOUT PREJUDICE"),
        illustrative=True,
        disclaimer="Made-up fixture for software testing only; it states no government's position.",
        negotiation_track="Coordination cell, Paris (illustrative)",
        source_file=SOURCE,
    )
    return dataclasses.replace(info, **changes)


def sample_document(**info_changes) -> Document:
    """Three sections, every block and inline node type, numbers already assigned."""
    parties = Section(
        id="parties", number="1", title="Parties and roles",
        children=(
            _p("The arrangement is between the parties listed below."),
            Clause(
                id="guarantors", number="1.1", title="Guarantors", origin=_origin("guarantors", 52),
                blocks=(
                    _p("The ", Term("Guarantors"), " are the following states and groupings:"),
                    Table(
                        id="guarantor-table", caption="Guarantors and their roles",
                        header=("Party", "Tier", "Roles", "Caveats"),
                        widths=(3, 2, 4, 5),
                        rows=(
                            Row((Cell((Text("United States of America"),)), Cell((Text("core"),)),
                                 Cell((Text("overall: backstop"), LineBreak(), Text("monitoring: lead"))),
                                 Cell((Text("No US ground combat forces in Ukraine."),))),
                                id="guarantor-us", origin=_origin("guarantors[0]", 53)),
                            Row((Cell((Text("France"),)), Cell((Text("core"),)),
                                 Cell((Text("reassurance force: co-lead"),)),
                                 Cell((Text("Source: "), Text(LONG_TOKEN)))),
                                id="guarantor-fr", origin=_origin("guarantors[1]", 72)),
                        ),
                    ),
                ),
            ),
            Clause(
                id="beneficiary", number="1.2", title="Beneficiary", origin=_origin("beneficiary", 48),
                blocks=(_p("Ukraine is the beneficiary of the guarantees in ",
                           Reference("air-policing", "2.1"), " and ", Reference("review", "3.1"), "."),),
            ),
        ),
    )
    commitments = Section(
        id="commitments", number="2", title="Commitments",
        children=(
            Clause(
                id="air-policing", number="2.1", title="Air policing", origin=_origin("commitments[0]", 117),
                blocks=(
                    Paragraph((Text("The Guarantors "), Emphasis((Text("shall"),), strong=True),
                               Text(" maintain air policing over western Ukraine "),
                               Emphasis((Text("from the first day of the ceasefire"),)),
                               Text(".")), id="air-policing-text", origin=_origin("commitments[0].text", 119)),
                    ListBlock(items=((Text("daily patrols;"),), (Text("quick-reaction alert;"),),
                                     (Text("reporting under "), Reference("review", "3.1"), Text(".")))),
                ),
            ),
            Clause(
                id="reassurance-force", number="2.2", title="Reassurance force", status="bracketed",
                origin=_origin("commitments[1]", 140),
                blocks=(
                    Paragraph((Text("A reassurance force of "), Deleted((Text("up to 15,000"),)),
                               Inserted((Text("at least 10,000"),)), Text(" personnel "),
                               Inserted((Emphasis((Text("may"),)), Text(" deploy"))),
                               Text(" after the ceasefire.")), role="body"),
                    ListBlock(ordered=True, items=((Text("first phase: training missions;"),),
                                                   (Text("second phase: deterrence posture."),))),
                    _p("Figures are subject to force generation.", role="note", id="force-note"),
                ),
            ),
        ),
    )
    review = Section(
        id="review-and-duration", number="3", title="Review and duration",
        children=(
            Clause(
                id="review", number="3.1", title="Review", origin=_origin("duration", 428),
                blocks=(_p("The arrangement is reviewed every 12 months (see ",
                           Reference("air-policing", "2.1"), "; and ", Reference("unknown-target"), ")."),),
            ),
        ),
    )
    return Document(info=sample_info(**info_changes), sections=(parties, commitments, review))


FREE_TEXT_SKIP = {"id", "target", "language", "role", "status", "date", "change", "path", "file"}
"""Fields whose values are constrained codes (checked by the writer), not free text."""


def string_fields(value, path: tuple = ()):
    """Paths (field names and indexes) of every free-text string in a document tree."""
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if field.name not in FREE_TEXT_SKIP:
                yield from string_fields(getattr(value, field.name), path + (field.name,))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if index == 0 and len(path) >= 2 and path[-2] == "title_localized":
                continue  # the language tag of a localized title
            yield from string_fields(item, path + (index,))
    elif isinstance(value, str):
        yield path


def get_path(value, path: tuple):
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def replace_path(value, path: tuple, new):
    """``value`` with the string at ``path`` replaced by ``new``."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(value)
        items[head] = replace_path(items[head], rest, new)
        return tuple(items)
    return dataclasses.replace(value, **{head: replace_path(getattr(value, head), rest, new)})


def hostile_document(payload: str) -> Document:
    """`sample_document()` with ``payload`` appended to every free-text string."""
    doc = sample_document()
    for path in string_fields(doc):
        doc = replace_path(doc, path, get_path(doc, path) + payload)
    return doc


def redline_document() -> Document:
    """A small redline: change marks on a clause, a paragraph, a row; a moved clause twice."""
    moved = Clause(id="monitoring-mission", number="2.2", title="Monitoring mission",
                   blocks=(_p("A mission reports every 7 days."),), change="moved_from")
    return Document(info=sample_info(), sections=(
        Section(id="scope", number="1", title="Scope", children=(
            Clause(id="response-time", number="1.1", title="Response time", blocks=(
                Paragraph((Text("Guarantors respond within "), Deleted((Text("30"),)),
                           Inserted((Text("14"),)), Text(" days."))),
                Paragraph((Text("Consultations begin at once."),), change="inserted"),
                Table(header=("Contributor", "Assets"), id="air-contributions", rows=(
                    Row((Cell((Text("France"),)), Cell((Text("12 aircraft"),))), id="fr"),
                    Row((Cell((Text("Germany"),)), Cell((Text("4 aircraft"),))), id="de",
                        change="deleted"),
                )),
            )),
            Clause(id="interim", number="1.2", title="Interim arrangements", change="deleted",
                   blocks=(_p("Interim arrangements apply until entry into force."),)),
            moved,
            Clause(id="review", number="1.3", title="Review", change="inserted", status="bracketed",
                   blocks=(_p("The parties review these terms every two years."),)),
        )),
        Section(id="monitoring", number="2", title="Monitoring", children=(
            dataclasses.replace(moved, number="2.1", change="moved_to",
                                blocks=(_p("A mission reports every 3 days, see ",
                                           Reference("monitoring-mission", "2.1"), "."),)),
        )),
    ))
