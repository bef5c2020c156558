"""Editions: the circulation edition drops the apparatus a delegation does not circulate."""

from __future__ import annotations

import re

import pytest

from samplefixtures import SAMPLES, built, sample
from termsheet.compose import build
from termsheet.document.nodes import Footnote, Paragraph, Row, Table, footnotes, plain_text, walk
from termsheet.document.transforms import apply_transforms
from termsheet.source.editions import CIRCULATION, INTERNAL, Edition, parse_edition

CITATION = re.compile(r"\[\d+\.\d+\]")


def edition_of(name: str, edition: Edition):
    result = sample(name)
    return apply_transforms(build(result.sheet, source_file=f"samples/{name}.yaml",
                                  positions=result.document.positions, edition=edition))


def texts(doc) -> str:
    """Every text of the document, footnotes included."""
    parts = [plain_text((node,)) for node in walk(doc) if not isinstance(node, Footnote)
             and type(node).__name__ in ("Text", "Term", "Reference")]
    return "\n".join(parts)


@pytest.mark.parametrize("name", SAMPLES)
def test_circulation_has_no_apparatus(name):
    doc = edition_of(name, CIRCULATION)
    text = texts(doc)
    assert "Basis:" not in text and not CITATION.search(text) and "]]" not in text
    roles = {node.role for node in walk(doc) if isinstance(node, Paragraph)}
    assert "note" not in roles and "provenance" not in roles
    assert all(table.header[-1] != "Basis" for table in walk(doc) if isinstance(table, Table))
    assert "sec_sources" not in [section.id for section in doc.sections]
    counterparties = sample(name).sheet.counterparties
    rows = [row.id or "" for row in walk(doc) if isinstance(row, Row)]
    assert not [row for row in rows for party in counterparties if row.endswith(f"_position_{party}")]


@pytest.mark.parametrize("name", SAMPLES)
def test_footnotes_are_numbered_in_document_order(name):
    doc = edition_of(name, CIRCULATION)
    numbers = [note.number for note in footnotes(doc)]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = any(item.source_refs for item in sample(name).sheet.commitments)
    assert bool(numbers) == cited
    assert not footnotes(built(name))  # the internal edition cites by clause number


def _before_footnotes(nodes) -> list[str]:
    """The text just before each footnote call in an inline sequence."""
    return [nodes[i - 1].text for i, node in enumerate(nodes)
            if isinstance(node, Footnote) and i and type(nodes[i - 1]).__name__ == "Text"]


@pytest.mark.parametrize("name", SAMPLES)
def test_a_footnote_call_follows_its_word(name):
    doc = edition_of(name, CIRCULATION)
    sequences = [node.content for node in walk(doc) if hasattr(node, "content")
                 and isinstance(getattr(node, "content"), tuple)]
    before = [text for nodes in sequences for text in _before_footnotes(nodes)]
    assert before or not footnotes(doc)
    assert not [text for text in before if text != text.rstrip()]


def test_internal_edition_is_the_default():
    assert edition_of("us-draft", INTERNAL) == built("us-draft")


def test_an_office_edition_overrides_its_base():
    edition = parse_edition("press", {"base": "circulation", "sources": "none", "banners": False,
                                      "open_issues": False}, {"internal": INTERNAL,
                                                              "circulation": CIRCULATION})
    assert isinstance(edition, Edition) and edition.notes is False
    doc = edition_of("us-draft", edition)
    assert not footnotes(doc) and not doc.info.illustrative and doc.info.disclaimer is None
    issues = next(section for section in doc.sections if section.id == "sec_issues")
    assert plain_text(issues.children[0].content) == "Not included in this edition."


@pytest.mark.parametrize("table, problem", [
    ({"notes": "no"}, "must be true or false"),
    ({"sources": "endnotes"}, "must be one of"),
    ({"base": "nope"}, "must name an edition"),
    ({"basis_lines": False}, "unknown key"),
])
def test_a_wrong_edition_table_says_what_is_wrong(table, problem):
    assert problem in parse_edition("x", table, {"internal": INTERNAL})
