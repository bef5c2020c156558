"""The consolidated text with a base (three-way), on generated versions.

- the base and every version alike: the text is the base's own term sheet;
- one version changed: each provision it changed is its proposal (``[Proposal, X: …]``
  or ``[Proposed deletion, X: …]``) and every other provision prints as in the base;
- two versions changing one provision differently: a conflict holding both wordings.
"""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given
from hypothesis import strategies as st

from termsheet.compare.consolidate import Input, consolidate
from termsheet.compare.consolidated_text import consolidated_text
from termsheet.compare.consolidation import CONFLICT, PROPOSAL, UNCHANGED
from termsheet.document import nodes as doc
from termsheet.schema import TermSheet
from termsheet.writers.markdown import write_markdown

from test_compare_properties import SAMPLE_NAMES, sample, sheet_pairs
from test_consolidate_text import FEWER, _documents, _item_rows, _nodes, _unnumbered


def _three_way(base: TermSheet, sheets: list[TermSheet]):
    files = [f"v{number}.yaml" for number in range(len(sheets))]
    result = consolidate([Input(sheet, file) for sheet, file in zip(sheets, files)],
                         base=Input(base, "base.yaml"))
    documents = _documents(sheets, files)
    return result, documents, consolidated_text(result, documents)


def _bracket_parties(node) -> list[str]:
    """The attribution of every bracket in a node, in page order."""
    found = []

    def visit(item):
        if isinstance(item, doc.Bracket):
            found.append(item.party)
        for child in doc.children(item):
            visit(child)

    visit(node)
    return found


@FEWER
@given(sheet_pairs(), st.integers(1, 3))
def test_versions_equal_to_the_base_print_the_base(pair, copies):
    sheet = pair[0]
    _, documents, text = _three_way(sheet, [sheet] * copies)
    assert write_markdown(dataclasses.replace(text, info=documents[0].info)) == \
        write_markdown(documents[0])


@FEWER
@given(sheet_pairs(), st.integers(0, 2))
def test_one_changed_version_makes_proposals_only(pair, place):
    base, changed = pair
    sheets = [base, base]
    sheets.insert(place, changed)
    result, documents, text = _three_way(base, sheets)
    proposer = result.versions[place].label
    ours = {f"Proposal, {proposer}", f"Proposed deletion, {proposer}"}
    printed = _nodes(text)
    originals = [_nodes(document) for document in documents]
    for row in _item_rows(result):
        assert row.state in (UNCHANGED, PROPOSAL), row.id
        assert [index for index, did in enumerate(row.changed) if did] in ([], [place])
        holder = next((index for index, cell in enumerate(row.cells) if cell.addressed), None)
        if holder is None:
            continue
        where = (f"v{holder}.yaml", row.cells[holder].yaml_path)
        if where not in originals[holder]:
            continue  # not printed in this edition
        own = _unnumbered(originals[holder][where])
        shown = _unnumbered(printed[where])
        if row.state == UNCHANGED:
            assert shown == own, row.id
            continue
        added = set(_bracket_parties(printed[where])) - set(_bracket_parties(originals[holder][where]))
        if row.cells[place].addressed and place != holder and \
                (f"v{place}.yaml", row.cells[place].yaml_path) not in originals[place]:
            continue  # the proposal does not print in this edition
        assert added and added <= ours, (row.id, added)


_SUMMARY_WORDS = st.sampled_from(["alpha", "bravo", "charlie", "delta", "echo"])


@FEWER
@given(st.sampled_from(SAMPLE_NAMES), st.data())
def test_two_versions_changing_one_provision_differently_conflict(name, data):
    base = sample(name)
    commitments = base.model_dump(mode="json")["commitments"]
    assume(commitments)
    index = data.draw(st.integers(0, len(commitments) - 1))
    first, second = data.draw(st.lists(_SUMMARY_WORDS, min_size=2, max_size=2, unique=True))

    def with_summary(words: str) -> TermSheet:
        dumped = base.model_dump(mode="json")
        dumped["commitments"][index]["summary"] = f"Replaced summary {words}."
        return TermSheet.model_validate(dumped)

    result, _, text = _three_way(base, [with_summary(first), base, with_summary(second)])
    row = result.row(f"commitments/{commitments[index]['id']}")
    assert row.state == CONFLICT and row.changed == (True, False, True)
    node = _nodes(text)[("v0.yaml", row.cells[0].yaml_path)]
    labels = [version.label for version in result.versions]
    parties = _bracket_parties(node)
    assert labels[0] in parties and labels[2] in parties
    words = doc.plain_text(tuple(inline for run in _runs(node) for inline in run))
    assert f"summary {first}" in words and f"summary {second}" in words
    others = [other for other in result.rows if other is not row]
    assert all(other.state == UNCHANGED for other in others)


def _runs(node) -> list[tuple]:
    """Every run of inline text in a node."""
    if isinstance(node, (doc.Paragraph, doc.Cell)):
        return [node.content]
    if isinstance(node, doc.ListBlock):
        return list(node.items)
    return [run for child in doc.children(node) for run in _runs(child)]
