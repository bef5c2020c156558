"""Side-by-side views of the samples, and a comparison with known reasons, statuses and flags.

    pair("us-draft-v0.2", "us-draft") -> (comparison, old_doc, new_doc)
    annotated(comparison) -> the same comparison with the values of ANNOTATED

The judgement layer fills reasons, statuses, flags, notices and the perspective;
tests of the views set known values with ``dataclasses.replace`` so that they do
not depend on how the rules word them.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from samplefixtures import built, sample
from termsheet.compare import compare

CHANGE = "chg-commitments-cmt-mnf-support"
"""The change of US draft 0.2 → 0.3 that :func:`annotated` annotates."""

ANNOTATED = {
    "reasons": ("The support is no longer firm", "Text only this side sees"),
    "status": "reopened",
    "status_reason": "the United States of America marks this bracketed again",
    "flags": ("W-TEST-FLAG: a warning only the new version raises",),
    "fact_reason": "the commitment is looser: will → may",
    "perspective": "Directions are read from the side of Ukraine, the beneficiary.",
    "notices": ("The new version is dated before the old one.",),
}


@lru_cache(maxsize=None)
def pair(old: str, new: str):
    """The comparison of two samples with their numbered documents."""
    old_doc, new_doc = built(old), built(new)
    comparison = compare(sample(old).sheet, sample(new).sheet, old_file=f"{old}.yaml",
                         new_file=f"{new}.yaml", old_document=old_doc, new_document=new_doc)
    return comparison, old_doc, new_doc


def annotated(comparison, mode: str = "versions"):
    """``comparison`` with :data:`ANNOTATED` on :data:`CHANGE` (the first reason is its
    modality's), the perspective, a notice and ``mode``."""

    def edit(change):
        if change.id != CHANGE:
            return change
        fields = tuple(
            dataclasses.replace(f, reason=ANNOTATED["fact_reason"], direction="weakened")
            if f.field == "modality" else f for f in change.fields)
        return dataclasses.replace(
            change, fields=fields, direction="weakened",
            reasons=(ANNOTATED["fact_reason"],) + ANNOTATED["reasons"],
            status=ANNOTATED["status"], status_reason=ANNOTATED["status_reason"],
            flags=ANNOTATED["flags"])

    changes = tuple(edit(change) for change in comparison.changes)
    assert any(change.id == CHANGE for change in changes)
    counts = {label: sum(label in c.labels for c in changes)
              for label in (*comparison.counts_by_label, "reopened", "lint")}
    return dataclasses.replace(comparison, changes=changes, mode=mode, counts_by_label=counts,
                               perspective=ANNOTATED["perspective"],
                               notices=ANNOTATED["notices"])
