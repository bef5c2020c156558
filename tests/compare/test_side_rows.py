"""A change as the side-by-side says it: reasons, text status, lint, the header's sentences."""

from __future__ import annotations

import dataclasses

import pytest

from sidefixtures import ANNOTATED, CHANGE, annotated, pair
from termsheet.compare.side_rows import NO_DIRECTION, label_words
from termsheet.compare.sidebyside import build_side_by_side


def view_of(comparison):
    _, old_doc, new_doc = pair("us-draft-v0.2", "us-draft")
    return build_side_by_side(comparison, old_doc, new_doc)


@pytest.fixture(scope="module")
def comparison():
    return pair("us-draft-v0.2", "us-draft")[0]


@pytest.fixture(scope="module")
def view(comparison):
    return view_of(annotated(comparison))


def the_change(view):
    return next(c for c in view.changes if c.id == CHANGE)


def test_reasons_status_and_flags_of_a_change(view):
    change = the_change(view)
    assert change.reasons[0] == ANNOTATED["fact_reason"]
    # the modality's reason is printed beside the modality, the others under the badge
    assert change.why == ANNOTATED["reasons"]
    modality = next(f for f in change.substance if f.field == "modality")
    assert change.reason_of(modality) == ANNOTATED["fact_reason"]
    assert change.status_label == "Text status reopened"
    assert change.status_text == f"Text status reopened: {ANNOTATED['status_reason']}"
    assert change.flags == ANNOTATED["flags"]
    assert change.labels == ("weakened", "reopened", "lint")
    assert change.short_reason == ANNOTATED["fact_reason"]


def test_a_reason_that_only_restates_its_fact_is_not_repeated(view):
    change = the_change(view)
    modality = next(f for f in change.substance if f.field == "modality")
    same = dataclasses.replace(modality, reason=f"{modality.field.replace('_', ' ')}: "
                                                f"{modality.text.upper()}")
    assert change.reason_of(same) is None
    plain = dataclasses.replace(change, facts=(same,),
                                change=dataclasses.replace(change.change, reasons=(same.reason,)))
    assert plain.why == ()


def test_a_change_without_reasons_is_summed_up_by_its_first_fact(comparison):
    view = view_of(comparison)
    consult = next(c for c in view.changes if c.substance and not c.reasons)
    fact = consult.substance[0]
    assert consult.short_reason.startswith(f"{fact.field}: ")
    assert consult.why == () and consult.status_label is None
    nothing = dataclasses.replace(consult, facts=(), notes=())
    assert nothing.short_reason == ""


def test_a_change_without_direction_is_filtered_as_such(view):
    plain = next(c for c in view.changes if c.direction == "changed")
    assert plain.filter_labels[-1] == NO_DIRECTION
    assert NO_DIRECTION not in the_change(view).filter_labels
    assert label_words(NO_DIRECTION) == "No direction"
    assert label_words("wording") == "Wording only" and label_words("new_thing") == "New thing"


def test_the_header_says_what_is_compared_and_from_whose_side(view, comparison):
    assert view.perspective == ANNOTATED["perspective"]
    assert view.notices == ANNOTATED["notices"]
    sentence = view.mode_sentence
    assert sentence.startswith("Two versions drafted by one party, United States of America")
    assert "0.2.0 of 2026\u201101\u201116 on the left" in sentence  # dates never break
    parties = view_of(annotated(comparison, mode="parties"))
    assert parties.mode_sentence.startswith("Two parties\u2019 documents side by side: "
                                            "United States of America\u2019s version 0.2.0")


def test_counts_by_label_add_no_direction(view, comparison):
    counts = dict(view.counts_by_label)
    assert counts["weakened"] >= 1 and counts["reopened"] == 1 and counts["lint"] >= 1
    assert counts[NO_DIRECTION] == sum(c.direction == "changed" for c in view.changes)
    # without the comparison's own counts, they are counted from the labels
    bare = view_of(dataclasses.replace(annotated(comparison), counts_by_label={}))
    assert dict(bare.counts_by_label)["reopened"] == 1


def test_every_added_text_is_given_to_the_glyph_check(view):
    texts = {text for _, text in view.texts()}
    for text in (*ANNOTATED["reasons"], *ANNOTATED["flags"], ANNOTATED["perspective"],
                 *ANNOTATED["notices"], view.mode_sentence, the_change(view).status_text):
        assert text in texts
