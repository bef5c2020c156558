"""A comparison cites a changed table row by its clause and letter (``4.3(h)``), in every output."""

from __future__ import annotations

import json
import re

from conftest import ROOT

OLD = ROOT / "samples" / "us-draft-v0.2.yaml"
NEW = ROOT / "samples" / "us-draft.yaml"
STEM = "us-draft-v0.2--us-draft"
ROW_PLACE = re.compile(r"\d+\.\d+\(([a-z])\1*\)")
ROW_COLLECTIONS = {"deployments", "responses", "command_nodes", "guarantors"}


def test_changed_rows_are_cited_by_letter_in_json_markdown_and_html(cli, tmp_path):
    status, out, err = cli("diff", OLD, NEW, "--to", "json,md,html", "--out-dir", tmp_path)
    assert status == 0, out + err
    report = json.loads((tmp_path / f"{STEM}.json").read_text(encoding="utf-8"))
    rows = [c for c in report["changes"] if c["collection"] in ROW_COLLECTIONS]
    assert rows, "the samples differ in table rows"
    for change in rows:
        for side in ("old_number", "new_number"):
            assert change[side] is None or ROW_PLACE.fullmatch(change[side]), change
    cited = {n for c in rows for n in (c["old_number"], c["new_number"]) if n}
    markdown = (tmp_path / f"{STEM}.md").read_text(encoding="utf-8")
    page = (tmp_path / f"{STEM}.html").read_text(encoding="utf-8")
    for number in cited:
        assert f"§{number}" in markdown
        assert number in page
