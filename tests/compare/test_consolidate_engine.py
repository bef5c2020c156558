"""consolidate(): rows, groups, statuses, three-way states and directions on the samples."""

from __future__ import annotations

import pytest

from termsheet.compare import compare
from termsheet.compare.consolidate import Input, consolidate, normal_form, pair_problems
from termsheet.compare.consolidation import (
    AGREED, CONFLICT, DISPUTED, PARTIAL, PROPOSAL, SINGLE_PARTY, UNCHANGED,
)
from termsheet.schema import Commitment, TermSheet

from test_compare_properties import sample

US, COW, US_OLD = "us-draft.yaml", "coalition-draft.yaml", "us-draft-v0.2.yaml"


def _variant(sheet: TermSheet, **changes) -> TermSheet:
    """``sheet`` with commitments edited: id → new summary, or None to drop it."""
    data = sheet.model_dump(mode="json")
    kept = []
    for item in data["commitments"]:
        if item["id"] in changes and changes[item["id"]] is None:
            continue
        if item["id"] in changes:
            item["summary"] = changes[item["id"]]
        kept.append(item)
    data["commitments"] = kept
    return TermSheet.model_validate(data)


def test_one_row_per_provision_in_document_order_without_the_header():
    result = consolidate([sample(US), sample(COW)])
    assert all(row.collection != "metadata" for row in result.rows)
    assert len({row.id for row in result.rows}) == len(result.rows)
    us_commitments = [row.key for row in result.rows
                      if row.collection == "commitments" and row.cells[0].addressed]
    assert us_commitments == [item.id for item in sample(US).commitments]
    collections = [row.collection for row in result.rows]
    assert collections.index("parties") < collections.index("commitments") < \
        collections.index("sources")


def test_statuses_match_what_diff_reports():
    us, cow = sample(US), sample(COW)
    result = consolidate([us, cow])
    reported = {(c.collection, c.item_id) for c in compare(us, cow).changes
                if c.kind != "moved" and c.collection != "metadata"}
    assert {(row.collection, row.key) for row in result.rows if row.differs} == reported
    only_cow = [row for row in result.rows if row.status == SINGLE_PARTY and row.cells[1].addressed]
    assert only_cow and all(not row.cells[0].addressed for row in only_cow)


def test_a_silent_version_is_not_addressed_never_a_deletion():
    us = sample(US)
    silent = _variant(us, **{us.commitments[0].id: None})
    result = consolidate([us, silent, us])
    row = result.row(f"commitments/{us.commitments[0].id}")
    assert row.status == PARTIAL
    assert [cell.addressed for cell in row.cells] == [True, False, True]
    assert [group.versions for group in row.groups] == [(0, 2)]


def test_versions_holding_the_same_wording_are_grouped():
    us = sample(US)
    first = us.commitments[1].id
    changed = _variant(us, **{first: "The guarantors shall consult within 24 hours."})
    result = consolidate([us, changed, changed, us])
    row = result.row(f"commitments/{first}")
    assert row.status == DISPUTED
    assert [group.versions for group in row.groups] == [(0, 3), (1, 2)]
    assert row.groups[1].data["summary"] == "The guarantors shall consult within 24 hours."
    assert sum(1 for r in result.rows if r.status != AGREED) == 1


def test_columns_are_labelled_by_party_and_by_version_when_a_party_tabled_several():
    result = consolidate([Input(sample(US), US), Input(sample(COW), COW),
                          Input(sample(US_OLD), US_OLD)])
    assert [v.label for v in result.versions] == ["US 0.3.0", "COW", "US 0.2.0"]
    assert [v.code for v in result.versions] == ["US", "COW", "US"]
    assert result.versions[1].info.file == COW


def test_three_way_states_against_a_base():
    base = sample(US)
    one, two = base.commitments[0].id, base.commitments[1].id
    mine = _variant(base, **{one: "Mine.", two: "Both changed it alike."})
    theirs = _variant(base, **{one: "Theirs.", two: "Both changed it alike."})
    result = consolidate([mine, theirs, base], base=base)
    assert result.row(f"commitments/{one}").state == CONFLICT
    assert result.row(f"commitments/{two}").state == PROPOSAL
    assert result.row(f"commitments/{two}").changed == (True, True, False)
    assert result.state_counts() == {UNCHANGED: len(result.rows) - 2, PROPOSAL: 1, CONFLICT: 1}
    dropped = consolidate([_variant(base, **{one: None}), base], base=base)
    assert dropped.row(f"commitments/{one}").state == PROPOSAL


def test_directions_come_from_the_comparison_against_the_reference():
    us, cow = sample(US), sample(COW)
    result = consolidate([us, cow])
    by_item = {(c.collection, c.item_id): c for c in compare(us, cow).changes}
    for row in result.rows:
        assert row.changes[0] is None
        change = row.changes[1]
        if change is None:
            continue
        expected = by_item[(row.collection, row.key)]
        assert (change.kind.replace("moved_and_", ""), change.direction, change.reasons) == \
            (expected.kind.replace("moved_and_", ""), expected.direction, expected.reasons)


def test_renamed_items_join_their_row_by_replaces_and_by_hand():
    us = sample(US)
    data = us.model_dump(mode="json")
    old_id = data["commitments"][0]["id"]
    data["commitments"][0]["id"] = "cmt-renamed-by-hand"
    renamed = TermSheet.model_validate(data)
    data["commitments"][0].update(id="cmt-replacing", replaces=old_id)
    replacing = TermSheet.model_validate(data)
    result = consolidate([us, replacing, renamed, renamed],
                         pairs={old_id: "cmt-renamed-by-hand"})
    row = result.row(f"commitments/{old_id}")
    assert [cell.paired_by for cell in row.cells] == ["id", "replaces", "hand", "hand"]
    assert [cell.key for cell in row.cells] == [old_id, "cmt-replacing", "cmt-renamed-by-hand",
                                                "cmt-renamed-by-hand"]
    assert pair_problems([us, renamed], {old_id: "cmt-nowhere"}) == [
        (old_id, "cmt-nowhere", "no file has an item with id cmt-nowhere")]


def test_normal_form_ignores_what_diff_ignores():
    item = sample(US).commitments[0].model_dump(mode="json")
    shuffled = {**item, "providers": list(reversed(item["providers"]))}
    assert normal_form(Commitment, shuffled) == normal_form(Commitment, item)
    assert normal_form(Commitment, {**item, "summary": item["summary"] + "!"}) != \
        normal_form(Commitment, item)


def test_anything_but_validated_sheets_is_refused():
    with pytest.raises(TypeError):
        consolidate([sample(US), sample(US).model_dump(mode="json")])
    with pytest.raises(ValueError):
        consolidate([])
