"""A comparison pairs annexes by id, calls a change of their text a wording change, and cites
the annex's letter in every comparison output."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from annexfixtures import SHEET, document, validated
from termsheet.compare import compare

NEW = (SHEET.replace("Each contributing state notifies its forces.",
                     "Each contributing state notifies its forces in writing.")
       .replace("  - id: annex-assistance", "  - id: annex-training\n    title: Training\n"
                "    text: Training is given as the parties agree.\n  - id: annex-assistance"))


def comparison():
    return compare(validated(SHEET).sheet, validated(NEW).sheet,
                   old_document=document(SHEET), new_document=document(NEW))


def annex_changes(result):
    return {change.item_id: change for change in result.changes if change.collection == "annexes"}


def test_annexes_pair_by_id_and_a_text_edit_is_a_wording_change():
    changes = annex_changes(comparison())
    assert set(changes) == {"annex-contributions", "annex-training"}
    edited = changes["annex-contributions"]
    assert (edited.kind, edited.paired_by, edited.direction) == ("modified", "id", "wording")
    assert [field.name for field in edited.fields] == ["text"]
    assert changes["annex-training"].kind == "added"


def test_a_change_cites_the_annex_letter_on_each_side():
    result = comparison()
    changes = annex_changes(result)
    assert result.change_number(changes["annex-contributions"], "old") == "Annex A"
    assert result.change_number(changes["annex-training"], "new") == "Annex B"
    # the annex after the inserted one is lettered anew, and still paired by id
    assert "annex-assistance" not in changes


@pytest.fixture
def outputs(cli, tmp_path):
    (tmp_path / "old.yaml").write_text(SHEET, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    status, out, err = cli("diff", tmp_path / "old.yaml", tmp_path / "new.yaml",
                           "--to", "md,json,html,docx", "--out-dir", tmp_path / "out")
    assert status in (0, 1), err
    return out, {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()}


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_every_comparison_output_shows_the_annex_changes_with_their_letters(outputs):
    summary, files = outputs
    assert "annexes/annex-contributions (Annex A)" in summary
    assert "§Annex" not in summary
    markdown = files["old--new.md"].decode("utf-8")
    assert "annexes/annex-contributions (Annex A)" in markdown and "(Annex B)" in markdown
    data = json.loads(files["old--new.json"])
    cited = {c["item_id"]: c["new_number"] for c in data["changes"] if c["collection"] == "annexes"}
    assert cited == {"annex-contributions": "Annex A", "annex-training": "Annex B"}
    page = files["old--new.html"].decode("utf-8")
    assert "Annex A" in page and "in writing" in page and "Training" in page
    for name in ("old--new-side-by-side.docx", "old--new-redline.docx"):
        text = docx_text(files[name])
        assert "Annex A" in text and "in writing" in text and "Training is given" in text, name
