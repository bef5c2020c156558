"""An outline build (structure and titles, no sentence rendered) numbers every provision as
the full build does: the consolidation's JSON takes its numbers from it."""

from __future__ import annotations

import pytest

from termsheet.compare.comparison import document_numbers
from termsheet.compose import build
from termsheet.document.nodes import plain_text, walk
from termsheet.document.transforms import apply_transforms
from termsheet.source.editions import BUILTIN

from samplefixtures import SAMPLES, sample


@pytest.mark.parametrize("edition", sorted(BUILTIN))
@pytest.mark.parametrize("name", [*SAMPLES, "us-draft-v0.2"])
def test_an_outline_numbers_every_provision_as_the_full_build(name, edition):
    sheet = sample(name).sheet
    full = apply_transforms(build(sheet, edition=BUILTIN[edition]))
    outline = apply_transforms(build(sheet, edition=BUILTIN[edition], outline=True))
    assert document_numbers(outline) == document_numbers(full)
    assert [s.title for s in outline.sections] == [s.title for s in full.sections]


def test_an_outline_renders_no_sentence_of_the_wording_templates():
    sheet = sample("us-draft").sheet
    texts = {kind: " ".join(plain_text(node.content) for node in walk(document)
                            if hasattr(node, "content"))
             for kind, document in (("full", build(sheet)), ("outline", build(sheet, outline=True)))}
    for said in ("Terms: given by", "The guarantees take effect", "Ukraine is the beneficiary"):
        assert said in texts["full"] and said not in texts["outline"]
