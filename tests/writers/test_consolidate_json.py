"""The consolidation's JSON: layout, groups by party, numbers, determinism, escaping."""

from __future__ import annotations

import json

from termsheet.compare.consolidate import Input, consolidate
from termsheet.schema import TermSheet
from termsheet.writers.consolidate_json import consolidation_to_data, write_consolidate_json

from samplefixtures import built, sample


def _inputs(*names):
    return [Input(sample(name).sheet, f"{name}.yaml") for name in names]


def test_layout_summary_first_and_counts_add_up():
    data = consolidation_to_data(consolidate(_inputs("us-draft", "coalition-draft")))
    assert list(data) == ["version", "kind", "summary", "versions", "base", "compromise",
                          "reference", "perspective", "provisions"]
    assert data["version"] == 1 and data["kind"] == "consolidation"
    summary = data["summary"]
    assert sum(summary["by_status"].values()) == summary["provisions"] == len(data["provisions"])
    assert summary["by_state"] is None
    assert data["versions"][1] == {
        "label": "COW", "party": "cow", "code": "COW", "doc_id": "cow-security-guarantees",
        "version": "0.4.0", "date": data["versions"][1]["date"],
        "title": data["versions"][1]["title"], "file": "coalition-draft.yaml"}


def test_each_wording_with_the_parties_holding_it_and_its_numbers():
    result = consolidate(_inputs("us-draft", "coalition-draft", "us-draft"))
    documents = [built("us-draft"), built("coalition-draft"), built("us-draft")]
    data = consolidation_to_data(result, documents)
    row = next(p for p in data["provisions"] if p["id"] == "commitments/cmt-mnf-support")
    assert row["status"] == "disputed"
    assert [group["parties"] for group in row["groups"]] == [["US"], ["COW"]]
    twice = ["US 0.3.0 (1)", "US 0.3.0 (3)"]  # one party, one version number: told by place
    assert [group["versions"] for group in row["groups"]] == [twice, ["COW"]]
    us_item = next(c for c in sample("us-draft").sheet.commitments if c.id == "cmt-mnf-support")
    assert row["groups"][0]["data"] == us_item.model_dump(mode="json")
    assert row["groups"][0]["numbers"]["US 0.3.0 (1)"].startswith("3.")
    [direction] = row["directions"]
    assert direction["version"] == "COW" and direction["direction"] and direction["fields"]
    only_cow = next(p for p in data["provisions"] if p["status"] == "single_party")
    assert only_cow["not_addressed"] == twice
    assert only_cow["directions"][0]["kind"] == "added"


def test_the_same_consolidation_gives_the_same_bytes():
    inputs = _inputs("us-draft", "coalition-draft")
    assert write_consolidate_json(consolidate(inputs)) == write_consolidate_json(consolidate(inputs))


def test_invisible_characters_are_escaped():
    sheet = sample("us-draft").sheet
    data = sheet.model_dump(mode="json")
    data["commitments"][0]["summary"] = "within\u00a024 hours"
    text = write_consolidate_json(consolidate([sheet, TermSheet.model_validate(data)]))
    assert "within\\u00a024 hours" in text
    json.loads(text)
