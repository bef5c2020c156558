"""The parties a change concerns, the filter choices of the comparison page, changes only."""

from __future__ import annotations

import dataclasses

import pytest

from sidefixtures import pair
from termsheet.compare.side_filters import (
    PARTY_FIELDS, change_parties, changes_only, facets, party_names,
)
from termsheet.compare.sidebyside import Note, build_side_by_side


@pytest.fixture(scope="module")
def versions():
    return build_side_by_side(*pair("us-draft-v0.2", "us-draft"))


@pytest.fixture(scope="module")
def parties():
    return build_side_by_side(*pair("us-draft", "coalition-draft"))


# ------------------------------------------------------------------ parties

def test_parties_of_a_change_come_from_either_version(parties):
    comparison = parties.comparison
    names = party_names(comparison)
    consult = comparison.change("chg-commitments-cmt-consult")
    # the US provided it in OLD; France, the UK and the coalition in NEW
    assert set(change_parties(consult, names)) >= {"us", "fr", "gb", "cow"}
    view = next(c for c in parties.changes if c.id == consult.id)
    assert view.parties == change_parties(consult, names)


def test_party_fields_are_read_at_any_depth_and_only_known_ids_count(parties):
    comparison = parties.comparison
    names = party_names(comparison)
    change = dataclasses.replace(
        comparison.changes[1], collection="open_issues", old_id="x", new_id="x",
        old_value={"positions": [{"party": "ru", "summary": "fr"}], "notes": "gb"},
        new_value={"determined_by": "us", "members": ["ua", "not-a-party"],
                   "timing": {"proposed_by": "eu"}})
    assert change_parties(change, names) == ("ru", "us", "ua", "eu")
    assert {"providers", "contributor", "party", "lead", "chair", "members", "actors",
            "participants", "determined_by", "proposed_by"} == PARTY_FIELDS


def test_a_change_to_a_party_concerns_that_party(parties):
    added = next(c for c in parties.comparison.changes
                 if c.collection == "parties" and c.kind == "added")
    assert added.new_id in change_parties(added, party_names(parties.comparison))


# ------------------------------------------------------------------ facets

def test_facets_count_the_changes_they_select(parties):
    choices = facets(parties)
    changes = parties.changes
    for option in choices.labels:
        assert option.count == sum(option.value in c.filter_labels for c in changes)
    assert {o.value for o in choices.labels} >= {"strengthened", "weakened"}
    assert sum(o.count for o in choices.kinds) == len(changes)
    assert sum(o.count for o in choices.sections) == len(changes)
    assert [o.text for o in choices.sections][:2] == ["Document identity", "1 Parties and roles"]
    names = dict((o.value, o.text) for o in choices.parties)
    assert names["us"] == "United States of America" and names["cow"] == "Coalition of the Willing"
    for option in choices.parties:
        assert option.count == sum(option.value in c.parties for c in changes) > 0


def test_every_change_and_row_knows_its_section(versions):
    sections = {row.anchor for row in versions.rows if row.kind in ("section", "document")}
    assert all(change.section in sections for change in versions.changes)
    assert all(row.section in sections for row in versions.rows)


# ------------------------------------------------------------------ changes only

def test_changes_only_keeps_changes_with_their_headings(versions):
    short = changes_only(versions)
    assert short.changes_only and short.changes == versions.changes
    assert short.omitted == len(versions.rows) - len(short.rows) > 100
    kept = {row.anchor: row for row in short.rows}
    for row in versions.rows:
        if row.changed and row.kind != "section":
            assert row.anchor in kept, row.anchor
    for position, row in enumerate(short.rows):
        if row.kind == "section":
            assert any(r.section == row.anchor for r in short.rows[position + 1:])
        elif not row.changed:  # only provision headings stay unchanged
            assert row.heading_only and row.kind == "clause" and len(row.segments) == 1
            assert row.segments[0].new is not None and row.segments[0].new.number
        if row.parent:
            assert row.parent in kept and list(kept).index(row.parent) < position
        if row.section and row.kind != "document":
            assert row.section in kept


@pytest.mark.parametrize("sides", [("us-draft-v0.2", "us-draft"), ("us-draft", "coalition-draft")])
def test_changes_only_keeps_every_row_a_kept_row_links_to(sides):
    short = build_side_by_side(*pair(*sides), changes_only=True)
    anchors = {row.anchor for row in short.rows} | {c.anchor for c in short.changes}
    links = [row.owner for row in short.rows if row.owner]
    links += [piece.target for row in short.rows for segment in row.segments
              for piece in (segment.old, segment.new) if isinstance(piece, Note) and piece.target]
    assert links and set(links) <= anchors


def test_changes_only_is_an_option_of_the_builder(versions):
    comparison, old_doc, new_doc = pair("us-draft-v0.2", "us-draft")
    built = build_side_by_side(comparison, old_doc, new_doc, changes_only=True)
    assert [row.anchor for row in built.rows] == [row.anchor for row in changes_only(versions).rows]


def test_changes_only_of_identical_versions_is_empty():
    comparison, old_doc, _ = pair("us-draft", "us-draft")
    short = build_side_by_side(comparison, old_doc, old_doc, changes_only=True)
    assert short.rows == () and short.omitted > 0
