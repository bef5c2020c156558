"""Output of a comparison: the versioned JSON, the terminal summary and the Markdown report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termsheet.compare import compare
from termsheet.schema import TermSheet
from termsheet.writers.diff_json import write_diff_json
from termsheet.writers.diff_summary import md, write_diff_markdown, write_summary

ROOT = Path(__file__).resolve().parents[2]


def load(name: str) -> TermSheet:
    from termsheet.source.validate import validate_file

    result = validate_file(str(ROOT / "samples" / name))
    assert result.sheet is not None
    return result.sheet


@pytest.fixture(scope="module")
def us():
    return load("us-draft.yaml")


@pytest.fixture(scope="module")
def comparison(us):
    return compare(us, load("coalition-draft.yaml"),
                   old_file="samples/us-draft.yaml", new_file="samples/coalition-draft.yaml")


def edited(sheet: TermSheet, edit) -> TermSheet:
    data = sheet.model_dump(mode="json")
    edit(data)
    return TermSheet.model_validate(data)


# -------------------------------------------------------------------------- JSON

def test_json_layout(comparison):
    data = json.loads(write_diff_json(comparison))
    assert data["version"] == 2
    assert data["old"] == {
        "doc_id": comparison.old.doc_id, "version": comparison.old.version,
        "drafting_party": "us", "date": comparison.old.date, "title": comparison.old.title,
        "file": "samples/us-draft.yaml"}
    assert data["new"]["drafting_party"] == comparison.new.drafting_party
    assert data["summary"]["changes"] == len(data["changes"]) == len(comparison.changes)
    assert sum(data["summary"]["by_kind"].values()) == len(data["changes"])
    assert [c["id"] for c in data["changes"]] == [c.id for c in comparison.changes]


def test_json_change_entry(comparison):
    data = json.loads(write_diff_json(comparison))
    change = next(c for c in data["changes"] if c["id"] == "chg-commitments-cmt-mnf-support")
    assert change["collection"] == "commitments" and change["container"] == "/commitments"
    assert change["kind"] == "modified" and change["paired_by"] == "id"
    assert change["direction"] == "strengthened"
    assert change["reasons"] == ["modality: may \u2192 will"] and "strengthened" in change["labels"]
    assert change["status"] == "status" and "marks this bracketed" in change["status_reason"]
    modality = next(f for f in change["fields"] if f["field"] == "modality")
    assert modality == {
        "path": "/commitments/cmt-mnf-support/modality", "field": "modality", "op": "replace",
        "old": "may", "new": "will", "direction": "strengthened",
        "reason": "modality: may \u2192 will",
        "old_index_path": f"{change['old_path']}/modality",
        "new_index_path": f"{change['new_path']}/modality"}
    summary = next(f for f in change["fields"] if f["field"] == "summary")
    assert "".join(op["old"] for op in summary["text"]) == summary["old"]
    assert "".join(op["new"] for op in summary["text"]) == summary["new"]


def test_json_added_and_removed_items_carry_their_value(comparison):
    data = json.loads(write_diff_json(comparison))
    added = next(c for c in data["changes"] if c["kind"] == "added")
    removed = next(c for c in data["changes"] if c["kind"] == "removed")
    assert added["new_value"] and "old_value" not in added
    assert removed["old_value"] and "new_value" not in removed


def test_json_is_deterministic_and_document_ordered(comparison, us):
    assert write_diff_json(comparison) == write_diff_json(compare(us, comparison.new_sheet,
        old_file="samples/us-draft.yaml", new_file="samples/coalition-draft.yaml"))


def test_json_escapes_invisible_characters(us):
    def nbsp(data):
        data["commitments"][0]["summary"] = "24\u00a0hours\u200b"
    text = write_diff_json(compare(edited(us, lambda d: None), _unchecked(us, nbsp)))
    assert "\u00a0" not in text and "\u200b" not in text
    assert "\\u00a0" in text and "\\u200b" in text
    data = json.loads(text)
    (change,) = data["changes"]
    (item,) = change["fields"]
    assert item["new"] == "24\u00a0hours\u200b"
    assert {"side": "new", "what": "U+00A0 NO-BREAK SPACE", "count": 1} in item["invisible"]


def _unchecked(sheet: TermSheet, edit) -> TermSheet:
    """A copy with an edit the validator would refuse (zero-width): tests the writer on its own."""
    commitment = sheet.commitments[0]
    data = sheet.model_dump(mode="json")
    edit(data)
    commitments = (commitment.model_construct(**{**commitment.__dict__,
                                                 "summary": data["commitments"][0]["summary"]}),)
    return sheet.model_copy(update={"commitments": commitments + sheet.commitments[1:]})


def test_json_for_identical_sheets(us):
    data = json.loads(write_diff_json(compare(us, us)))
    assert data["changes"] == [] and data["summary"]["changes"] == 0


# ----------------------------------------------------------------------- summary

def test_summary_headlines(comparison):
    text = write_summary(comparison)
    assert "Two parties' documents" in text and "side of Ukraine" in text
    assert "commitments/cmt-mnf-support  STRENGTHENED\n      + modality: may \u2192 will" in text
    assert ("commitments/cmt-armed-response  MIXED\n      \u00b1 United States of America "
            "removed as provider") in text
    assert "+ qualifiers (conditions before the trigger applies) removed: significant" in text
    assert "+ deadline now stated: 72 hours" in text
    assert "\u2212 term: 15 years \u2192 10 years" in text
    assert "the determination moves from United States of America to Special Commission" in text
    assert "+ Russian Federation leaves Special Commission" in text
    assert "+ location: tbd \u2192 ukraine rear area" in text
    assert "territorial_provisions/terr-donetsk  STATUS: Coalition of the Willing marks this agreed" in text
    assert f"{len(comparison.changes)} changes:" in text
    labels = ", ".join(f"{n} {label}" for label, n in comparison.counts_by_label.items() if n)
    assert f"Labels (an item may carry several labels, so labels add up to more than the changes): {labels}" in text
    assert "\x1b[" not in text


def test_summary_colour_only_when_asked(comparison):
    coloured = write_summary(comparison, color=True)
    assert "\x1b[32mSTRENGTHENED\x1b[0m" in coloured
    assert "STRENGTHENED" in write_summary(comparison, color=False)


def test_summary_cap(comparison):
    text = write_summary(comparison, max_lines=3)
    assert "more items (see the JSON or Markdown output)" in text
    assert "STRENGTHENED" in text  # the strength section is never cut


def test_summary_of_no_differences(us):
    assert write_summary(compare(us, us)).endswith("No differences.\n")


def test_summary_shows_invisible_differences(us):
    def nbsp(data):
        data["commitments"][0]["summary"] = data["commitments"][0]["summary"].replace(" ", "\u00a0", 1)
    text = write_summary(compare(us, edited(us, nbsp)))
    assert "looks identical but differs: new has U+00A0 NO-BREAK SPACE" in text
    assert "\u00a0" not in text


# ---------------------------------------------------------------------- Markdown

def test_markdown_has_the_same_facts(comparison):
    text = write_diff_markdown(comparison)
    assert text.startswith("# Comparison: ")
    assert "| commitments/cmt-mnf-support | **STRENGTHENED** | \\+ modality: may \u2192 will |" in text
    assert "| duration | **MIXED** | \u2212 term: 15 years \u2192 10 years<br>" in text
    assert "#### ~ triggers/trg-major-attack" in text
    assert ("| determined\\_by | us | body-special-commission | strengthened | the determination "
            "moves from United States of America to Special Commission") in text
    assert "~~" in text and "**" in text


def test_markdown_escapes_data(us):
    def hostile(data):
        data["commitments"][0]["summary"] = "<script>alert(1)</script> | **bold** [x](http://e)"
    text = write_diff_markdown(compare(us, edited(us, hostile)))
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "\\| \\*\\*bold\\*\\* \\[x\\]" in text


def test_md_escape():
    assert md("a_b*c|d<e>&`~[") == "a\\_b\\*c\\|d&lt;e&gt;&amp;\\`\\~\\["
    assert md("x\u00a0y") == "x⟨U+00A0⟩y"
