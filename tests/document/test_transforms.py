"""Transforms: numbering and cross-references, run once before any writer."""

from __future__ import annotations

import pytest

from termsheet.document.nodes import (
    Cell, Clause, Document, DocumentInfo, Emphasis, Inserted, ListBlock, Paragraph, Reference, Row,
    Section, Table, Text, walk,
)
from termsheet.document.transforms import (
    PASSES, UnresolvedReference, apply_transforms, number, number_footnotes, numbers,
    resolve_references,
)

INFO = DocumentInfo(doc_id="d", title="T", document_type="Term sheet", version="1.0",
                    date="2026-01-01", status="Concept", drafting_party="P", language="en")


def doc(*sections: Section) -> Document:
    return Document(INFO, sections)


def clause(id: str, *blocks) -> Clause:
    return Clause(id=id, title=id, blocks=tuple(blocks))


def test_sections_and_clauses_are_numbered_in_order():
    result = number(doc(
        Section("a", "A", (Paragraph((Text("intro"),), role="subheading"), clause("a1"),
                           Paragraph((Text("group"),), role="subheading"), clause("a2"))),
        Section("b", "B", (Paragraph((Text("No provisions."),)),)),
        Section("c", "C", (clause("c1"),)),
    ))
    assert [s.number for s in result.sections] == ["1", "2", "3"]
    assert numbers(result) == {"a": "1", "a1": "1.1", "a2": "1.2", "b": "2", "c": "3", "c1": "3.1"}


def test_references_everywhere_are_resolved():
    ref = Reference("target")
    source = doc(
        Section("s", "S", (
            clause("first",
                   Paragraph((Text("see "), ref)),
                   ListBlock(((ref,), (Emphasis((ref,)),))),
                   Table(("h",), (Row((Cell((Inserted((ref,)),)),)),))),
            clause("target"),
        )),
    )
    result = apply_transforms(source)
    refs = [node for node in walk(result) if isinstance(node, Reference)]
    assert len(refs) == 4 and {r.number for r in refs} == {"1.2"}
    # the input is not changed
    assert all(node.number is None for node in walk(source) if isinstance(node, Reference))


def test_reference_to_a_section():
    result = apply_transforms(doc(Section("s", "S", (clause("c", Paragraph((Reference("s"),))),))))
    assert next(n for n in walk(result) if isinstance(n, Reference)).number == "1"


def test_unresolved_reference_names_its_target():
    source = doc(Section("s", "S", (clause("c", Paragraph((Reference("src-missing"),))),)))
    with pytest.raises(UnresolvedReference, match="src-missing") as caught:
        apply_transforms(source)
    assert caught.value.target == "src-missing"


def test_passes_run_in_order_and_are_idempotent():
    assert PASSES == (number, resolve_references, number_footnotes)
    source = doc(Section("s", "S", (clause("c", Paragraph((Reference("c"),))),)))
    once = apply_transforms(source)
    assert apply_transforms(once) == once


def test_writers_get_numbers_for_every_sample():
    from samplefixtures import SAMPLES, built

    for name in SAMPLES:
        document = built(name)
        assert all(s.number for s in document.sections)
        assert all(n.number for n in walk(document) if isinstance(n, (Clause, Reference)))
