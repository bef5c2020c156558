"""Table rows numbered after their clause (``4.3(a)``), cited by references and kept by redline projections."""

from __future__ import annotations

from termsheet.document.changes import accept_all, reject_all
from termsheet.document.nodes import (
    INSERTED, Cell, Clause, Document, DocumentInfo, Paragraph, Reference, Row, Section, Table,
    Text, row_lead, walk,
)
from termsheet.document.transforms import apply_transforms, row_letter

INFO = DocumentInfo(doc_id="d", title="T", document_type="Term sheet", version="1.0",
                    date="2026-01-01", status="Concept", drafting_party="P", language="en")


def table(*ids: str) -> Table:
    return Table(("Who",), tuple(Row((Cell((Text(i),)),), id=i) for i in ids))


def document(*blocks) -> Document:
    clause = Clause(id="c", title="C", blocks=blocks)
    return Document(INFO, (Section("s1", "S1", (clause,)), Section("s2", "S2", (table("loose"),))))


def rows(doc: Document) -> dict[str, str]:
    return {node.id: node.number for node in walk(doc) if isinstance(node, Row)}


def test_rows_are_lettered_through_all_tables_of_a_clause():
    result = apply_transforms(document(table("x", "y"), table("z")))
    assert rows(result) == {"x": "1.1(a)", "y": "1.1(b)", "z": "1.1(c)", "loose": "2(a)"}


def test_a_row_prints_its_letter_before_its_first_cell():
    row = Row((Cell((Text("France"),)),), number="4.3(b)")
    assert row.label == "(b)"
    assert [n.text for n in row_lead(row)[0].children] == ["(b)"]
    assert row_lead(Row((Cell(()),))) == ()


def test_a_reference_to_a_row_cites_clause_and_letter():
    ref = Paragraph((Text("see "), Reference("y")))
    result = apply_transforms(document(table("x", "y"), ref))
    reference = next(node for node in walk(result) if isinstance(node, Reference))
    assert reference.number == "1.1(b)"


def test_letters_after_z_double_as_legal_drafting_does():
    assert [row_letter(i) for i in (0, 25, 26, 27, 52)] == ["a", "z", "aa", "bb", "aaa"]


def test_projections_of_a_redline_letter_each_side_again():
    old = apply_transforms(document(table("x", "y")))
    new = apply_transforms(document(table("w", "x", "y")))
    merged_rows = (Row((Cell((Text("w"),)),), id="w", change=INSERTED, number="1.1(a)"),
                   *[r for r in walk(old) if isinstance(r, Row) and r.id in ("x", "y")])
    clause = Clause(id="c", title="C", number="1.1", blocks=(Table(("Who",), merged_rows),))
    merged = Document(INFO, (Section("s1", "S1", (clause,), number="1"),))
    assert rows(accept_all(merged)) == {"w": "1.1(a)", "x": "1.1(b)", "y": "1.1(c)"}
    assert rows(reject_all(merged)) == {"x": "1.1(a)", "y": "1.1(b)"}
    assert rows(new)["y"] == "1.1(c)"
