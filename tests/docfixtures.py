"""Hand-made `Document` fixtures that exercise every node type of the document model.

They stand in for the builder's output in writer tests: numbers are filled in,
as the numbering transform would leave them. `fixture_document()` is small and
stable (golden tests); `long_document()` is about the size of a real term sheet
(performance tests).
"""

from __future__ import annotations

from termsheet.document.nodes import (
    Cell, Clause, Deleted, Document, DocumentInfo, Emphasis, Inserted, LineBreak, ListBlock,
    Origin, Paragraph, Reference, Row, Section, Table, Term, Text,
)

SOURCE = "samples/fixture.yaml"


def info(**changes) -> DocumentInfo:
    values = dict(
        doc_id="us-security-protocols",
        title="Security Protocols for Ukraine — Term Sheet (ILLUSTRATIVE US DRAFT)",
        document_type="Term sheet",
        version="0.3.0",
        date="2026-02-02",
        status="Negotiating draft",
        drafting_party="United States of America",
        language="en",
        supersedes="us-security-protocols 0.2.0",
        title_localized=(("uk", "Протоколи безпеки для України — основні умови"),),
        marking="UNCLASSIFIED",
        handling=("ILLUSTRATIVE — NOT A REAL DOCUMENT", "DRAFT — WITHOUT PREJUDICE"),
        illustrative=True,
        disclaimer=("Made-up sample built from public reporting for software testing only. "
                    "It is not a US government document and does not state any government's "
                    "position."),
        negotiation_track="US–Ukraine–Coalition coordination cell, Paris (illustrative)",
        source_file=SOURCE,
    )
    values.update(changes)
    return DocumentInfo(**values)


def origin(path: str, line: int) -> Origin:
    return Origin(SOURCE, path, line, 5)


def fixture_document(**info_changes) -> Document:
    """A small term sheet with every inline and block node type."""
    parties = Section(
        id="sec-parties", number="1", title="Parties and roles",
        children=(
            Paragraph((Text("This section lists the parties and their roles."),)),
            Clause(
                id="parties", number="1.1", title="Parties", origin=origin("parties", 30),
                blocks=(
                    Table(
                        header=("Party", "Kind", "Roles"),
                        caption="Parties to the arrangement",
                        id="tbl-parties",
                        rows=(
                            Row((Cell((Text("Ukraine"),)), Cell((Text("state"),)),
                                 Cell((Term("Beneficiary"),))), id="ua", origin=origin("parties[0]", 31)),
                            Row((Cell((Text("United States of America"),)), Cell((Text("state"),)),
                                 Cell((Text("backstop (overall)"), LineBreak(),
                                       Text("lead (monitoring)")))),
                                id="us", origin=origin("parties[1]", 32)),
                            Row((Cell((Text("Coalition of the Willing"),)), Cell((Text("coalition"),)),
                                 Cell((Text("contributor"),))), id="cow", origin=origin("parties[8]", 39)),
                        ),
                    ),
                ),
            ),
            Clause(
                id="guarantors", number="1.2", title="Guarantors and caveats",
                origin=origin("guarantors", 50),
                blocks=(
                    Paragraph((Text("The guarantors give the commitments in "), Reference("commitments", "2"),
                               Text(", subject to these caveats:"))),
                    ListBlock(items=(
                        (Text("No US ground combat forces in Ukraine."),),
                        (Text("Guarantee to be put to the US "), Term("Congress"), Text("."),),
                    )),
                    Paragraph((Text("Basis: reported. Sources: "), Reference("src-axios", "[10.1]"),
                               Text(".")), role="provenance"),
                    Paragraph((Text("Note: the caveats are as reported."),), role="note"),
                ),
            ),
        ),
    )
    commitments = Section(
        id="commitments", number="2", title="Commitments",
        children=(
            Clause(
                id="cmt-consult", number="2.1", title="Consultation", origin=origin("commitments[0]", 97),
                blocks=(
                    Paragraph((
                        Text("If Ukraine is attacked, the United States "), Emphasis((Text("will"),)),
                        Text(" consult Ukraine at the most senior levels, "),
                        Emphasis((Text("where possible within 24 hours"),), strong=True),
                        Text(", and act under "), Reference("cmt-armed-response", "2.2"), Text("."),
                    ), id="cmt-consult.text", origin=origin("commitments[0].summary", 101)),
                ),
            ),
            Clause(
                id="cmt-armed-response", number="2.2", title="Armed response",
                origin=origin("commitments[1]", 110), status="bracketed",
                blocks=(
                    Paragraph((
                        Text("[After consulting Ukraine, NATO and European partners, the President "
                             "decides the response, which "),
                        Deleted((Text("shall"),)), Inserted((Text("may"),)),
                        Text(" include:]"),
                    )),
                    ListBlock(ordered=True, items=(
                        (Text("armed force;"),),
                        (Text("intelligence and logistics;"),),
                        (Text("economic or diplomatic measures."),),
                    )),
                    Paragraph((Text("Text with\ta tab, two  spaces and"), LineBreak(),
                               Text("a line break; a literal\nnewline too."),)),
                ),
            ),
            Clause(
                id="cmt-financing", number="2.3", title="Financing", origin=origin("commitments[8]", 190),
                blocks=(
                    Table(
                        header=("Provider", "Amount", "Period"),
                        widths=(2, 1, 1),
                        rows=(
                            Row((Cell((Text("European Union"),)), Cell((Text("€90bn"),)),
                                 Cell((Text("2026–27"),))), id="fin-eu"),
                        ),
                    ),
                ),
            ),
        ),
    )
    annex = Section(
        id="annex-uk", number="3", title="Annex: Ukrainian summary",
        children=(
            Clause(
                id="annex-summary", number="3.1", title="Короткий виклад",
                blocks=(
                    Paragraph((Text("Україна отримує гарантії безпеки від Сполучених Штатів і "
                                    "Коаліції охочих. Ґрунтовні «умови» — див. "),
                               Reference("cmt-consult", "2.1"), Text("."))),
                ),
            ),
        ),
    )
    sources = Section(
        id="sources", number="10", title="Sources",
        children=(
            Clause(id="src-axios", number="10.1", title="Axios, 2025", blocks=(
                Paragraph((Text("Axios report on the US guarantee (illustrative)."),)),)),
        ),
    )
    return Document(info=info(**info_changes), sections=(parties, commitments, annex, sources))


WORDS = ("the guarantors will consult at the most senior levels and decide together on "
         "measures including intelligence logistics sanctions and financial support within "
         "agreed deadlines subject to national procedures").split()


def long_document(sections: int = 8, clauses: int = 8, tables: int = 4) -> Document:
    """About an 11-page term sheet: 60+ clauses, several tables, lists, notes and a Cyrillic annex."""
    built = []
    table_every = max(1, sections * clauses // max(tables, 1))
    counter = 0
    for s in range(1, sections + 1):
        children = [Paragraph((Text(f"Introduction to section {s}."),))]
        for c in range(1, clauses + 1):
            counter += 1
            sentence = " ".join(WORDS[(counter + i) % len(WORDS)] for i in range(45)).capitalize()
            blocks = [
                Paragraph((Text(sentence + ". "), Term("Special Commission"), Text(" acts under "),
                           Reference(f"c-{s}-{max(1, c - 1)}", f"{s}.{max(1, c - 1)}"), Text("."))),
            ]
            if c % 3 == 0:
                blocks.append(ListBlock(items=tuple((Text(f"Item {i}: " + sentence[:60]),)
                                                    for i in range(3)), ordered=c % 2 == 0))
            if c % 4 == 0:
                blocks.append(Paragraph((Text("Drafting note: " + sentence[:120]),), role="note"))
            if counter % table_every == 0:
                blocks.append(Table(
                    header=("Party", "Role", "Commitment"),
                    caption=f"Table for clause {s}.{c}",
                    rows=tuple(Row((Cell((Text(f"Party {r}"),)), Cell((Text("contributor"),)),
                                    Cell((Text(sentence[: 40 + r * 7]),))), id=f"r-{s}-{c}-{r}")
                               for r in range(8)),
                ))
            children.append(Clause(id=f"c-{s}-{c}", number=f"{s}.{c}", title=f"Clause {s}.{c} title",
                                   blocks=tuple(blocks), origin=origin(f"commitments[{counter}]", counter)))
        built.append(Section(id=f"s-{s}", number=str(s), title=f"Section {s}", children=tuple(children)))
    built.append(Section(id="annex", number=str(sections + 1), title="Annex", children=(
        Clause(id="annex-1", number=f"{sections + 1}.1", title="Короткий виклад", blocks=tuple(
            Paragraph((Text("Україна отримує гарантії безпеки від Сполучених Штатів і Коаліції охочих. " * 4),))
            for _ in range(6))),
    )))
    return Document(info=info(), sections=tuple(built))
