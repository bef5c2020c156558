"""The redline DOCX's cover page and comments (the tracked changes: tests/compare/test_redline.py).

The oracles of `ooxml_projection` leave the cover out, so accepting every change
still gives NEW's term sheet and rejecting every change OLD's, cover and comments
present; `lint` checks the comments as Word reads them.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from ooxml_projection import comments, cover, cover_style_ids, lint, parts, q, story_parts
from redlinefixtures import (
    AUTHOR, DATE, assert_round_trip, change, fixture_comparison, new_document, old_document,
)
from termsheet.compare.redline import redline
from termsheet.writers.docx_redline import write_docx_redline

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def merged():
    return redline(old_document(), new_document())


@pytest.fixture(scope="module")
def docx(merged):
    return write_docx_redline(merged, author=AUTHOR, date=DATE, comparison=fixture_comparison())


def by_label(docx_bytes: bytes) -> dict[str, dict]:
    """Each comment by the last line of its text (``Modified: Response (1.1).``)."""
    return {c["text"].splitlines()[-1]: c for c in comments(docx_bytes)}


# ------------------------------------------------------------------ the cover

def test_accept_and_reject_still_give_new_and_old(docx):
    assert_round_trip(old_document(), new_document(), docx)


def test_the_cover_names_both_versions_the_comparison_and_its_notices(docx):
    text = cover(docx)
    assert text[0] == "Comparison of version 0.2.0 with version 0.3.0"
    assert "Notice: NEW is dated before OLD." in text
    table = text[text.index("File"):text.index("Status") + 3]
    assert table == ["File", "us-draft.yaml", "coalition-draft.yaml", "Document", "demo", "demo",
                     "Title", "Security Protocols — Term Sheet", "Security Protocols — Term Sheet",
                     "Version", "0.2.0", "0.3.0",
                     # drafting parties by name (the Documents' names when no sheets are given)
                     "Drafting party", "United States of America", "Coalition of the Willing",
                     "Date", "2026-01-06", "2026-02-02", "Status", "Negotiating draft", "Revised draft"]
    assert any(line.startswith("These are two versions of one party’s text") for line in text)
    assert "Perspective. Directions are read from the side of Ukraine, the beneficiary." in text


def test_the_cover_counts_items_by_kind_and_by_label(docx):
    text = cover(docx)
    assert "8 items changed: 2 added, 2 removed, 3 modified, 1 moved and modified." in text
    start = text.index("Label")
    assert text[start:start + 3] == ["Label", "Items", "Meaning"]
    rows = text[start + 3:start + 3 + 6 * 3]
    assert rows[0::3] == ["Strengthened", "Weakened", "Mixed", "Reopened", "Moved", "New warnings"]
    assert rows[1::3] == ["2", "3", "1", "1", "1", "1"]
    assert any("An item may carry several labels" in line for line in text)


def test_the_label_counts_fall_back_on_the_changes_labels(merged):
    comparison = fixture_comparison(counts_by_label={})
    text = cover(write_docx_redline(merged, author=AUTHOR, date=DATE, comparison=comparison))
    start = text.index("Label") + 3
    counted = dict(zip(text[start:start + 18:3], text[start + 1:start + 18:3]))
    assert counted == {"Strengthened": "2", "Weakened": "3", "Mixed": "1", "Reopened": "1",
                       "Moved": "1", "New warnings": "1"}


def test_the_parties_mode_and_party_names_from_the_sheets(merged):
    class Party:
        def __init__(self, id, name):
            self.id, self.name = id, name

    class Sheet:
        parties = (Party("us", "United States"), Party("cow", "Coalition of the Willing"))

    comparison = fixture_comparison(mode="parties", old_sheet=Sheet(), new_sheet=Sheet())
    text = cover(write_docx_redline(merged, author=AUTHOR, date=DATE, comparison=comparison))
    assert text[0] == "Comparison of United States’ draft with Coalition of the Willing’s draft"
    assert any(line.startswith("These are two parties’ documents") for line in text)
    assert "United States" in text


def test_the_cover_is_untracked_and_the_term_sheet_starts_on_a_new_page(docx):
    ids = cover_style_ids(docx)
    blocks = [b for b in parts(docx)["word/document.xml"].find(q("body")) if b.tag in (q("p"), q("tbl"))]
    styles = [{p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) for p in
               ([b] if b.tag == q("p") else b.iter(q("p")))} for b in blocks]
    count = next(i for i, found in enumerate(styles) if not found <= ids)
    assert count > 10 and all(not found <= ids for found in styles[count:])
    for block in blocks[:count]:
        assert block.find(f".//{q('ins')}") is None and block.find(f".//{q('del')}") is None
    assert blocks[count].find(f"{q('pPr')}/{q('pageBreakBefore')}") is not None
    assert "How to read the redline" in cover(docx)


def test_without_a_comparison_there_is_neither_cover_nor_comments(merged):
    data = write_docx_redline(merged, author=AUTHOR, date=DATE)
    assert cover(data) == [] and comments(data) == []
    assert "word/comments.xml" not in parts(data)


def test_identical_versions_say_so_and_have_no_comments():
    doc = new_document()
    comparison = fixture_comparison(changes=(), counts_by_kind={}, counts_by_label={}, notices=())
    data = write_docx_redline(redline(doc, doc), author=AUTHOR, date=DATE, comparison=comparison)
    assert "No differences: the two versions hold the same terms." in cover(data)
    assert comments(data) == [] and not lint(data)


# ------------------------------------------------------------------ the comments

def test_one_comment_per_change_lint_clean(docx):
    assert not lint(docx)
    found = comments(docx)
    assert [c["id"] for c in found] == [str(n) for n in range(len(fixture_comparison().changes))]
    assert all(c["anchor"] for c in found)  # every one anchored on text


def test_a_comment_gives_direction_reasons_status_warnings_and_the_item(docx):
    text = by_label(docx)["Modified: Response (1.1)."]["text"].splitlines()
    assert text == [
        "Weakened — deadline: 30 days → 14 days; United States removed as provider.",
        "Status: reopened (agreed → bracketed).",
        "New lint warning: W-COUNTERPARTY-VETO: a counterparty can veto the response",
        "Modified: Response (1.1).",
    ]


def test_a_change_without_reason_or_direction_still_reads(docx):
    assert by_label(docx)["Added: Review (1.3)."]["text"].splitlines() == [
        "No direction.", "Added: Review (1.3)."]


def test_a_guessed_pairing_says_it_is_a_guess(docx):
    text = by_label(docx)["Moved and modified: Monitoring (3.1; 2.4 in OLD)."]["text"]
    assert text.splitlines()[:2] == [
        "Strengthened — reports every 3 days instead of 7.",
        "A guess: paired with monitoring in OLD by the similarity of their texts (score 0.82), "
        "not by id."]
    assert text.count("similarity") == 1


def test_comments_stand_on_the_provision_they_describe(docx):
    anchors = {label: c["anchor"] for label, c in by_label(docx).items()}
    assert anchors["Modified: Response (1.1)."] == "1.1Response time"
    assert anchors["Removed: Sunset (1.3 in OLD)."] == "1.3Sunset"  # the deleted heading
    assert anchors["Added: Review (1.3)."].startswith("1.3Review")
    assert anchors["Moved and modified: Monitoring (3.1; 2.4 in OLD)."] == "3.1Monitoring mission"
    assert anchors["Removed: Gb (2.2 in OLD)."] == "United Kingdom"  # the deleted row's first cell
    assert anchors["Added: Pl (2.3)."] == "Poland"
    assert anchors["Modified: Scope (1)."] == "1Scope"  # the section heading
    assert anchors["Modified: Metadata."] == "Security Protocols — Term Sheet"  # no place: the title


def test_every_comment_is_in_the_body_with_its_range_and_reference(docx):
    body = parts(docx)["word/document.xml"]
    for kind in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(int(e.get(q("id"))) for e in body.iter(q(kind))) == list(range(8)), kind
    for name, root in story_parts(docx).items():
        if name != "document":
            assert root.find(f".//{q('commentReference')}") is None


def test_the_comment_author_and_date_are_the_revisions(merged):
    data = write_docx_redline(merged, author="Legal Adviser, UA", date="2026-03-01",
                              comparison=fixture_comparison())
    assert {(c["author"], c["date"], c["initials"]) for c in comments(data)} == {
        ("Legal Adviser, UA", "2026-03-01T00:00:00Z", "LAU")}
    default = write_docx_redline(merged, comparison=fixture_comparison())
    assert {(c["author"], c["date"]) for c in comments(default)} == {
        ("Coalition of the Willing", "2026-02-02T00:00:00Z")}


def test_comment_ids_are_their_own_sequence(docx):
    """Comments number 0, 1, 2… apart from bookmarks and revisions (ECMA-376 §17.13.4.2)."""
    body = parts(docx)["word/document.xml"]
    revisions = [int(e.get(q("id"))) for e in body.iter(q("ins"), q("del"))]
    assert min(revisions) > 0
    assert [c["id"] for c in comments(docx)][:3] == ["0", "1", "2"]


def test_a_moved_clause_is_commented_at_its_new_place_only(merged):
    comparison = fixture_comparison(changes=(
        change("commitments", "monitoring", "moved", old_path="commitments[6]",
               new_path="commitments[6]"),))
    data = write_docx_redline(merged, author=AUTHOR, date=DATE, comparison=comparison)
    assert not lint(data)
    assert [c["anchor"] for c in comments(data)] == ["3.1Monitoring mission"]


def test_same_input_same_bytes(merged, docx):
    assert write_docx_redline(merged, author=AUTHOR, date=DATE, comparison=fixture_comparison()) == docx
    again = redline(old_document(), new_document())
    assert write_docx_redline(again, author=AUTHOR, date=DATE, comparison=fixture_comparison()) == docx


def test_the_reason_of_a_field_stands_in_when_the_change_has_none(merged):
    from termsheet.compare.comparison import FieldChange

    field = FieldChange(path="/commitments/response/modality", field="modality", op="replace",
                        old="will", new="may", direction="weakened", model="Commitment",
                        reason="modality: will → may")
    comparison = fixture_comparison(changes=(dataclasses.replace(
        fixture_comparison().changes[1], reasons=(), status=None, flags=(), fields=(field,)),))
    data = write_docx_redline(merged, author=AUTHOR, date=DATE, comparison=comparison)
    assert comments(data)[0]["text"].splitlines()[0] == "Weakened — modality: will → may."


# ------------------------------------------------------------------ the samples

def _sample_comparison(old_name: str, new_name: str):
    from termsheet.compare import compare
    from termsheet.jobs.render import build_document, source_name
    from termsheet.resources import TemplateSet
    from termsheet.source.validate import validate_input

    validations = [validate_input(SAMPLES / name, None) for name in (old_name, new_name)]
    documents = [build_document(v.sheet, templates=TemplateSet(), source_file=v.path,
                                positions=v.document.positions) for v in validations]
    comparison = compare(validations[0].sheet, validations[1].sheet,
                         old_file=source_name(validations[0].path),
                         new_file=source_name(validations[1].path),
                         old_document=documents[0], new_document=documents[1])
    return comparison, documents


@pytest.mark.parametrize("old_name, new_name", [("us-draft.yaml", "coalition-draft.yaml"),
                                                ("us-draft-v0.2.yaml", "us-draft.yaml")])
def test_samples_have_a_cover_and_one_anchored_comment_per_change(old_name, new_name):
    comparison, (old, new) = _sample_comparison(old_name, new_name)
    data = write_docx_redline(redline(old, new), comparison=comparison)
    assert_round_trip(old, new, data)
    found = comments(data)
    assert len(found) == len(comparison.changes) > 0
    assert all(c["anchor"] and c["text"] for c in found)
    text = cover(data)
    assert f"{len(comparison.changes)} items changed" in " ".join(text)
    assert new.info.drafting_party in text and old.info.drafting_party in text


# ------------------------------------------------------------------ LibreOffice

@pytest.mark.slow
def test_libreoffice_opens_the_redline_and_keeps_its_comments(tmp_path, docx):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "redline.docx"
    source.write_bytes(docx)
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", export, "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "redline.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    reader = pypdf.PdfReader(pdf)
    notes = [annotation.get_object() for page in reader.pages
             for annotation in page.get("/Annots") or ()
             if annotation.get_object().get("/Subtype") == "/Text"]
    assert len(notes) == len(fixture_comparison().changes)
    assert any(note.get("/Contents", "").startswith("Weakened — deadline") for note in notes)
    first_page = " ".join(reader.pages[0].extract_text().split())
    assert "Comparison of version 0.2.0 with version 0.3.0" in first_page
    assert "Response time" not in first_page  # the term sheet starts on the next page


def test_the_diff_job_gives_the_redline_its_comparison(tmp_path):
    from termsheet.jobs.diff import DiffOptions, run_diff

    result = run_diff(SAMPLES / "us-draft-v0.2.yaml", SAMPLES / "us-draft.yaml",
                      DiffOptions(("docx",), tmp_path, author="Legal Adviser, UA"))
    data = (tmp_path / "us-draft-v0.2--us-draft-redline.docx").read_bytes()
    assert cover(data)[0] == "Comparison of version 0.2.0 with version 0.3.0"
    assert len(comments(data)) == len(result.comparison.changes)
    assert {c["author"] for c in comments(data)} == {"Legal Adviser, UA"}
