"""The annexes of a term file become lettered sections after the numbered ones: title, text in
paragraphs, negotiation brackets, provenance and note, as the edition shows them."""

from __future__ import annotations

from annexfixtures import document
from termsheet.compose.annexes import paragraphs
from termsheet.document.nodes import Bracket, Paragraph, plain_text
from termsheet.source.editions import CIRCULATION


def annex_sections(doc):
    return [section for section in doc.sections if section.annex is not None]


def texts(section, role: str = "body") -> list[str]:
    return [plain_text(child.content) for child in section.children
            if isinstance(child, Paragraph) and child.role == role]


def test_annexes_follow_the_numbered_sections_lettered_in_file_order():
    doc = document()
    assert [(s.id, s.number, s.title) for s in doc.sections[-3:]] == [
        ("sec_sources", "10", "Sources and provenance"),
        ("annex-contributions", "Annex A", "Contributions to the force"),
        ("annex-assistance", "Annex B", "Assistance")]
    assert {s.annex for s in annex_sections(doc)} == {"Annex"}


def test_an_annex_text_prints_one_paragraph_per_line_with_its_brackets():
    contributions, _ = annex_sections(document())
    assert texts(contributions) == [
        "Each contributing state notifies its forces.",
        "Notifications are renewed every [US: six months] [UA: twelve months]."]
    brackets = [node for node in contributions.children[1].content if isinstance(node, Bracket)]
    assert [b.party for b in brackets] == ["US", "UA"]
    assert {p.origin.path for p in contributions.children if p.role == "body"} == {"annexes[0]"}


def test_an_annex_carries_its_provenance_and_note_and_text_status():
    contributions, assistance = annex_sections(document())
    assert texts(contributions, "provenance") == ["Basis: illustrative."]
    assert texts(contributions, "note") == ["Note: Wording proposed at the last round."]
    assert texts(assistance) == ["[US: Assistance is given as the parties agree.]"]


def test_the_circulation_edition_leaves_out_basis_lines_and_notes():
    contributions, _ = annex_sections(document(edition=CIRCULATION))
    assert texts(contributions, "provenance") == texts(contributions, "note") == []
    assert len(texts(contributions)) == 2


def test_a_file_without_annexes_has_none():
    from conftest import MINIMAL_YAML
    assert annex_sections(document(MINIMAL_YAML)) == []


def test_a_bracket_across_a_line_break_keeps_the_text_in_one_paragraph():
    assert paragraphs("One [[us: a\nb]] two.") == ["One [[us: a\nb]] two."]
    assert paragraphs("One.\n\n  Two.\n") == ["One.", "Two."]
