"""Judgements a reviewer can trust: directions with reasons, honest status, labels counted,
moves in print order, new lint warnings — on the samples and on generated term sheets."""

from __future__ import annotations

import copy
import datetime
import functools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termsheet.compare import compare
from termsheet.compare import classify as cls
from termsheet.compare.judge import NO_DIRECTION
from termsheet.schema import TermSheet

ROOT = Path(__file__).resolve().parents[2]
DIRECTED = ("strengthened", "weakened", "mixed")
SAMPLE_PAIRS = [("us-draft.yaml", "coalition-draft.yaml"), ("us-draft-v0.2.yaml", "us-draft.yaml")]


@functools.cache
def loaded(name: str):
    """A sample validated as the CLI validates it, and its built document."""
    from termsheet.compose.wording import TemplateSet
    from termsheet.jobs.render import build_document
    from termsheet.source.validate import validate_file

    result = validate_file(str(ROOT / "samples" / name))
    assert result.sheet is not None, [d.message for d in result.errors]
    document = build_document(result.sheet, templates=TemplateSet(None), source_file=name,
                              positions=result.document.positions)
    return result.sheet, document


def compared(old_name: str, new_name: str):
    (old, old_doc), (new, new_doc) = loaded(old_name), loaded(new_name)
    return compare(old, new, old_document=old_doc, new_document=new_doc)


def undirected_shares(comparison) -> tuple[float, float]:
    """The share of non-text field changes without a direction, and of added or removed
    provisions (outside sources, parties and metadata) without one."""
    fields = [f for c in comparison.changes if c.collection not in NO_DIRECTION
              and c.kind not in ("added", "removed") for f in c.fields
              if f.text is None and f.direction not in (cls.PROVENANCE, *cls.STATUSES)]
    items = [c for c in comparison.changes
             if c.kind in ("added", "removed") and c.collection not in NO_DIRECTION]
    share = lambda found, total: len(found) / len(total) if total else 0.0  # noqa: E731
    return (share([f for f in fields if f.direction == "changed"], fields),
            share([c for c in items if c.direction == "changed"], items))


# ------------------------------------------------------------------ the samples

def test_armed_response_is_not_simply_strengthened():
    change = compared("us-draft.yaml", "coalition-draft.yaml").for_item("cmt-armed-response")
    assert change.direction == "mixed"
    providers = next(f for f in change.fields if f.name == "providers")
    assert providers.direction == "mixed"
    assert "United States of America removed as provider" in providers.reason
    assert any("may \u2192 will" in reason for reason in change.reasons)


def test_contested_territory_is_not_converged():
    comparison = compared("us-draft.yaml", "coalition-draft.yaml")
    assert comparison.mode == "parties"
    for item in ("terr-donetsk", "terr-occupied-areas"):
        change = comparison.for_item(item)
        assert change.status == "status", item
        assert "Coalition of the Willing marks this agreed" in change.status_reason
        assert "converged" not in change.labels


def test_counterparty_leaving_a_body_under_a_new_rule():
    change = compared("us-draft.yaml", "coalition-draft.yaml").for_item("body-special-commission")
    assert change.direction == "strengthened"
    assert "Russian Federation leaves Special Commission" in change.reasons
    assert any("majority instead of consensus" in reason for reason in change.reasons)


@pytest.mark.parametrize("old_name, new_name", SAMPLE_PAIRS + [p[::-1] for p in SAMPLE_PAIRS])
def test_samples_directions_have_reasons_and_few_gaps(old_name, new_name):
    comparison = compared(old_name, new_name)
    fields_share, items_share = undirected_shares(comparison)
    assert fields_share <= 0.10 and items_share <= 0.10, (fields_share, items_share)
    for change in comparison.changes:
        if change.direction in DIRECTED:
            assert change.reasons, change.id
        for item in change.fields:
            if item.direction in DIRECTED:
                assert item.reason, item.path
        if change.status:
            assert change.status_reason, change.id


@pytest.mark.parametrize("old_name, new_name", SAMPLE_PAIRS + [p[::-1] for p in SAMPLE_PAIRS])
def test_no_move_keeps_its_position(old_name, new_name):
    comparison = compared(old_name, new_name)
    for change in comparison.changes:
        if change.kind in ("moved", "moved_and_modified"):
            old_number = comparison.change_number(change, "old")
            new_number = comparison.change_number(change, "new")
            assert old_number != new_number or change.old_place != change.new_place, change.id


def test_labels_are_counted_each():
    comparison = compared("us-draft.yaml", "coalition-draft.yaml")
    counted = {label: 0 for label in cls.LABELS}
    for change in comparison.changes:
        for label in change.labels:
            counted[label] += 1
    assert counted == comparison.counts_by_label
    several = [c for c in comparison.changes if len(c.labels) > 1]
    assert several, "an item strengthened and re-marked carries both labels"
    assert sum(comparison.counts_by_label.values()) > len(
        [c for c in comparison.changes if c.labels])


def test_a_new_lint_warning_is_flagged_on_its_provision():
    forward = compared("us-draft-v0.2.yaml", "us-draft.yaml")
    body = forward.for_item("body-special-commission")
    assert any(flag.startswith("W-COUNTERPARTY-VETO") for flag in body.flags)
    assert "lint" in body.labels and body.direction == "weakened"
    assert not compared("us-draft.yaml", "us-draft-v0.2.yaml").for_item(
        "body-special-commission").flags


# ------------------------------------------------------------------ status and notices

def _with(sheet: TermSheet, edit) -> TermSheet:
    data = copy.deepcopy(sheet.model_dump(mode="json"))
    edit(data)
    return TermSheet.model_validate(data)


def _mark(item_id: str, status: str):
    def edit(data):
        for commitment in data["commitments"]:
            if commitment["id"] == item_id:
                commitment["text_status"] = status
    return edit


def test_one_party_versions_are_settled_or_reopened():
    sheet, _ = loaded("us-draft.yaml")
    agreed = next(c.id for c in sheet.commitments if c.text_status == "agreed")
    bracketed = _with(sheet, _mark(agreed, "bracketed"))
    forward, backward = compare(sheet, bracketed), compare(bracketed, sheet)
    assert forward.mode == "versions"
    assert forward.for_item(agreed).status == "reopened"
    assert backward.for_item(agreed).status == "settled"


def test_two_parties_converge_only_on_the_same_wording():
    sheet, _ = loaded("us-draft.yaml")
    agreed = next(c.id for c in sheet.commitments if c.text_status == "agreed")

    def other_party(data):
        data["metadata"]["drafting_party"] = "gb"

    theirs = _with(sheet, lambda data: (other_party(data), _mark(agreed, "bracketed")(data)))
    change = compare(theirs, sheet).for_item(agreed)
    assert change.status == "converged" and "same wording" in change.status_reason

    def reword(data):
        other_party(data)
        _mark(agreed, "bracketed")(data)
        for commitment in data["commitments"]:
            if commitment["id"] == agreed:
                commitment["summary"] = (commitment.get("summary") or "") + " Reworded."

    change = compare(_with(sheet, reword), sheet).for_item(agreed)
    assert change.status == "status" and "marks this agreed" in change.status_reason


def test_new_dated_before_old_is_a_notice():
    sheet, _ = loaded("us-draft.yaml")
    earlier = _with(sheet, lambda data: data["metadata"].__setitem__(
        "date", (sheet.metadata.date - datetime.timedelta(days=30)).isoformat()))
    assert compare(sheet, earlier).notices and "dated before" in compare(sheet, earlier).notices[0]
    assert not compare(earlier, sheet).notices


# ------------------------------------------------------------------ properties

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _guarantors_and_commitments():
    sheet, _ = loaded("coalition-draft.yaml")
    guarantors = sorted(g.party for g in sheet.guarantors
                        if not all(r.role == "observer" for r in g.roles))
    return sheet, guarantors, [c.id for c in sheet.commitments]


@SETTINGS
@given(st.data())
def test_adding_a_provider_never_weakens(data):
    sheet, guarantors, commitments = _guarantors_and_commitments()
    item = data.draw(st.sampled_from(commitments))
    current = set(next(c for c in sheet.commitments if c.id == item).providers)
    candidates = [g for g in guarantors if g not in current]
    if not candidates:
        return
    added = data.draw(st.sampled_from(candidates))

    def edit(raw):
        for commitment in raw["commitments"]:
            if commitment["id"] == item:
                commitment["providers"].append(added)

    more = _with(sheet, edit)
    forward = compare(sheet, more).for_item(item)
    providers = next(f for f in forward.fields if f.name == "providers")
    assert providers.direction == "strengthened" and forward.direction == "strengthened"
    backward = compare(more, sheet).for_item(item)
    assert backward.direction == "weakened"
    assert re.search("removed as provider", next(
        f for f in backward.fields if f.name == "providers").reason)


@SETTINGS
@given(st.data())
def test_removing_a_provider_never_strengthens(data):
    sheet, _, _ = _guarantors_and_commitments()
    with_several = [c.id for c in sheet.commitments if len(c.providers) > 1]
    item = data.draw(st.sampled_from(with_several))
    providers = next(c for c in sheet.commitments if c.id == item).providers
    dropped = data.draw(st.sampled_from(sorted(providers)))

    def edit(raw):
        for commitment in raw["commitments"]:
            if commitment["id"] == item:
                commitment["providers"] = [p for p in commitment["providers"] if p != dropped]

    change = compare(sheet, _with(sheet, edit)).for_item(item)
    assert change.direction == "weakened"


def test_directions_table_documents_every_rule():
    text = (ROOT / "docs" / "directions.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    for model, field in cls._BY_MODEL_FIELD:
        assert any(model in line and f"`{field}`" in line for line in lines), (model, field)
    for field in cls._BY_FIELD:
        assert f"`{field}`" in text, field
