"""Annexes are lettered Annex A, Annex B… apart from the numbered sections, and a
cross-reference to one prints its letter."""

from __future__ import annotations

from termsheet.document.nodes import (
    Document, Paragraph, Reference, Section, Text, annexes, body_sections, walk,
)
from termsheet.document.transforms import annex_number, apply_transforms

from docfixtures import info


def section(id: str, annex: str | None = None, *content) -> Section:
    return Section(id=id, title=id.title(), children=(Paragraph(content or (Text("Text."),)),),
                   annex=annex)


def numbered() -> Document:
    doc = Document(info=info(), sections=(
        section("first", None, Text("See "), Reference("contributions"), Text(".")),
        section("second"),
        section("contributions", "Annex"),
        section("assistance", "Annex", Text("Unlike "), Reference("second"), Text(".")),
    ))
    return apply_transforms(doc)


def test_sections_count_on_without_the_annexes_and_annexes_are_lettered():
    doc = numbered()
    assert [s.number for s in doc.sections] == ["1", "2", "Annex A", "Annex B"]


def test_the_annex_word_comes_from_the_section():
    doc = apply_transforms(Document(info=info(), sections=(section("a", "Anhang"),)))
    assert doc.sections[0].number == "Anhang A"


def test_a_reference_to_an_annex_prints_its_letter():
    refs = [node.number for node in walk(numbered()) if isinstance(node, Reference)]
    assert refs == ["Annex A", "2"]


def test_writers_split_the_sections_at_the_signature_block():
    doc = numbered()
    assert [s.id for s in body_sections(doc)] == ["first", "second"]
    assert [s.id for s in annexes(doc)] == ["contributions", "assistance"]


def test_annex_letters_run_through_the_alphabet():
    assert [annex_number("Annex", index) for index in (0, 1, 25)] == ["Annex A", "Annex B", "Annex Z"]
