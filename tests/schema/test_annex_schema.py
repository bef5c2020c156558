"""Annexes in a term file: the schema's fields, and every problem located at file:line:column."""

from __future__ import annotations

import pytest

from annexfixtures import SHEET, validated
from termsheet.schema import Annex


def problems(text: str, code: str | None = None) -> list:
    return [d for d in validated(text).diagnostics if code is None or d.code == code]


def line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


def test_a_valid_annex_reads_into_the_model():
    result = validated()
    assert problems(SHEET) == []
    first, second = result.sheet.annexes
    assert isinstance(first, Annex)
    assert (first.id, first.title, first.basis) == ("annex-contributions", "Contributions to the force",
                                                    "illustrative")
    assert "[[us: six months | ua: twelve months]]" in first.text
    assert first.notes == "Wording proposed at the last round."
    assert (second.text_status, second.proposed_by) == ("bracketed", "us")


@pytest.mark.parametrize("broken, fragment", [
    ("    title: Assistance\n", "  - id: annex-assistance"),
    ("    text: Assistance is given as the parties agree.\n", "  - id: annex-assistance"),
])
def test_a_missing_required_field_is_located_at_its_annex(broken, fragment):
    text = SHEET.replace(broken, "")
    found = problems(text)
    assert found and validated(text).sheet is None
    assert found[0].span.line == line_of(text, fragment)
    assert "annexes[1]" in (found[0].field or "") + found[0].message


def test_an_unknown_key_in_an_annex_is_located_at_the_key():
    text = SHEET.replace("    title: Assistance\n", "    title: Assistance\n    paragraph: 2\n")
    (found,) = problems(text)
    assert found.span.line == line_of(text, "    paragraph: 2")
    assert validated(text).sheet is None


def test_a_blank_annex_text_is_refused():
    text = SHEET.replace("text: Assistance is given as the parties agree.", 'text: "   "')
    found = problems(text)
    assert found and "blank" in found[0].message
    assert found[0].span.line == line_of(text, 'text: "   "')


def test_an_annex_id_must_be_unique_across_the_file():
    text = SHEET.replace("id: annex-assistance", "id: ua")
    (found,) = problems(text, "E-ID-DUP")
    assert found.span.line == line_of(text, "id: ua\n    title: Assistance")


def test_a_bracket_naming_an_undeclared_party_is_located_inside_the_annex_text():
    text = SHEET.replace("ua: twelve months", "gb: twelve months")
    (found,) = problems(text, "E-BRACKET")
    line = line_of(text, "gb: twelve")
    assert (found.span.line, found.span.column) == (line, text.splitlines()[line - 1].index("gb") + 1)


def test_the_proposer_of_a_bracketed_annex_must_be_a_declared_party():
    text = SHEET.replace("proposed_by: us", "proposed_by: gb")
    (found,) = problems(text, "E-REF-PARTY")
    assert found.span.line == line_of(text, "proposed_by: gb")


def test_at_most_twenty_six_annexes_one_letter_each():
    many = "".join(f"  - {{id: annex-{n}, title: T{n}, text: Text {n}.}}\n" for n in range(27))
    text = SHEET[:SHEET.index("annexes:")] + "annexes:\n" + many
    found = problems(text)
    assert found and validated(text).sheet is None
    assert found[0].span.line == line_of(text, "annexes:")
