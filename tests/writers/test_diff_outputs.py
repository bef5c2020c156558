"""Side-by-side PDF (landscape, tagged, reproducible) and DOCX (landscape table, repeating header)."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from termsheet.compare import compare
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.table import PDF_ENGINES

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Clause numbers of the headline changes, US draft → Coalition draft (NEW's numbers).
HEADLINES = {
    "chg-triggers-trg-major-attack": "6.4",
    "chg-responses-rsp-us-response": "6.4",
    "chg-deployments-dep-us-implementation-presence": "4.3",
    "chg-duration": "8.1",
    "chg-territorial_provisions-terr-donetsk": "7.1",
}

MINIMAL = """\
schema_version: "1.0"
metadata:
  doc_id: minimal-case
  title: "Minimal term sheet"
  document_type: term_sheet
  version: "{version}"
  date: 2026-01-15
  drafting_party: us
  status: working_draft
parties:
  - {{id: ua, name: Ukraine, kind: state, iso3166: UA}}
  - {{id: us, name: "{us}", kind: state, iso3166: US}}
beneficiary: ua
"""


def _load(path: Path, templates=None):
    result = validate_file(str(path))
    assert result.sheet is not None, path
    return result.sheet, build_document(result.sheet, templates=templates or TemplateSet(),
                                        source_file=path.name)


def _pair(old: Path, new: Path):
    old_sheet, old_doc = _load(old)
    new_sheet, new_doc = _load(new)
    comparison = compare(old_sheet, new_sheet, old_file=old.name, new_file=new.name,
                         old_document=old_doc, new_document=new_doc)
    return comparison, old_doc, new_doc


@pytest.fixture(scope="module")
def samples():
    return _pair(ROOT / "samples/us-draft.yaml", ROOT / "samples/coalition-draft.yaml")


@pytest.fixture(scope="module")
def minimal_pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("minimal")
    old = folder / "old.yaml"
    new = folder / "new.yaml"
    old.write_text(MINIMAL.format(version="0.1.0", us="United States"), encoding="utf-8")
    new.write_text(MINIMAL.format(version="0.2.0", us="United States of America"),
                   encoding="utf-8")
    return old, new


# ------------------------------------------------------------------------- PDF

@pytest.fixture(scope="module", params=PDF_ENGINES)
def sample_pdf(samples, request):
    from termsheet.writers.diff_pdf import write_diff_pdf

    return write_diff_pdf(*samples, pdf_engine=request.param)


@pytest.mark.slow
def test_pdf_is_landscape_tagged_and_titled(sample_pdf, samples):
    from pypdf import PdfReader

    comparison = samples[0]
    reader = PdfReader(io.BytesIO(sample_pdf))
    assert len(reader.pages) > 0
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) > float(box.height)  # landscape
        assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4
    title = reader.metadata.title
    assert title.startswith("Comparison: ") and " → " in title
    assert comparison.old.title in title and comparison.new.title in title
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"


@pytest.mark.slow
def test_pdf_text_has_both_sides_and_the_headline_numbers(sample_pdf, samples):
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(sample_pdf)).pages)
    flat = " ".join(text.split())
    for number in set(HEADLINES.values()):
        assert number in flat
    for phrase in ("Modified · strengthened", "Modified · weakened", "Text status converged",
                   samples[0].perspective, "72 hours", "15 years → 10 years", "Qualified armed", "Armed attack",
                   "Part of Donetsk oblast held by Ukraine", "Not in the old version"):
        assert phrase in flat, phrase
    # the print variant has no controls
    assert "Next change" not in flat and "Hide unchanged" not in flat
    # the marking runs on every page, with "Page X of Y"
    pages = PdfReader(io.BytesIO(sample_pdf)).pages
    assert flat.count("UNCLASSIFIED") >= 2 * len(pages)
    assert f"Page {len(pages)} of {len(pages)}" in " ".join(pages[-1].extract_text().split())


@pytest.mark.slow
def test_pdf_outline_lists_the_parts_then_the_sections(sample_pdf, samples):
    from pypdf import PdfReader

    outline = PdfReader(io.BytesIO(sample_pdf)).outline
    parts = [item.title for item in outline if not isinstance(item, list)]
    assert parts == ["Summary", "Changes", "How to read this comparison", "Side by side"]
    # WeasyPrint's bookmark labels keep the words for screen readers ("inserted: ")
    sections = [re.sub(r"(?:inserted|deleted): ", "", item.title) for item in outline[-1]]
    expected = [f"{section.number} {section.title}" for section in samples[2].sections
                if section.number]
    assert list(dict.fromkeys(sections)) == expected  # WeasyPrint lists each side's heading


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_of_hostile_text_prints_it_and_fetches_nothing(tmp_path, engine):
    from pypdf import PdfReader

    from termsheet.writers.diff_pdf import write_diff_pdf

    payload = '<img src=\\"file:///etc/passwd\\"> <a rel=\\"attachment\\" href=\\"file:///etc/passwd\\">x</a>'
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MINIMAL.format(version="0.1.0", us="United States"), encoding="utf-8")
    new.write_text(MINIMAL.format(version="0.2.0", us=payload), encoding="utf-8")
    data = write_diff_pdf(*_pair(old, new), pdf_engine=engine)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert '<img src="file:///etc/passwd">' in text
    assert b"root:x:0:0" not in data and not reader.attachments


# ------------------------------------------------------------------------ DOCX

@pytest.fixture(scope="module")
def sample_docx(samples):
    from termsheet.writers.diff_docx import write_diff_docx

    return write_diff_docx(*samples)


def test_docx_opens_landscape_with_a_repeating_header(sample_docx, samples):
    import docx
    from docx.enum.section import WD_ORIENT

    document = docx.Document(io.BytesIO(sample_docx))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    table = document.tables[-1]
    header = table.rows[0]
    assert [cell.text for cell in header.cells][0] == "No."
    assert header.cells[1].text.startswith("Old: United States of America 0.3.0")
    assert header.cells[2].text.startswith("New: Coalition of the Willing 0.4.0")
    assert header.cells[3].text == "Change"
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert document.core_properties.title.startswith("Comparison: ")
    assert document.core_properties.author == "Coalition of the Willing"


def test_docx_holds_both_sides_marks_and_badges(sample_docx, samples):
    import docx

    comparison = samples[0]
    document = docx.Document(io.BytesIO(sample_docx))
    body = document.element.body
    text = "".join(t.text for t in body.iter(f"{W}t"))
    for phrase in (comparison.old.title, comparison.new.title, "Qualified armed attack",
                   "Modified · strengthened", "Modified · weakened", "15 years → 10 years",
                   "72 hours", "Not in the old version", "Changes", comparison.perspective,
                   "No differences" if comparison.is_empty() else f"{len(comparison.changes)} changes"):
        assert phrase in text, phrase
    styles = {run.get(f"{W}val") for run in body.iter(f"{W}rStyle")}
    assert {"InsertedText", "DeletedText"} <= styles  # fixed underline/strike colours
    assert not list(body.iter(f"{W}ins")) and not list(body.iter(f"{W}del"))  # no tracked changes
    # one group of table rows per provision, with merged number and change cells
    assert list(body.iter(f"{W}vMerge"))


def test_docx_of_identical_versions_says_no_differences(tmp_path, minimal_pair):
    import docx

    from termsheet.writers.diff_docx import write_diff_docx

    old, _ = minimal_pair
    data = write_diff_docx(*_pair(old, old))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "No differences" in text


# ---------------------------------------------------------------- reproducible

_RENDER = textwrap.dedent("""
    import hashlib, sys
    sys.path.insert(0, {tests!r})
    from test_diff_outputs import _pair
    from pathlib import Path
    from termsheet.writers.diff_pdf import write_diff_pdf
    from termsheet.writers.diff_docx import write_diff_docx
    from termsheet.writers.diff_html import write_diff_html
    pair = _pair(Path({old!r}), Path({new!r}))
    for data in (write_diff_pdf(*pair), write_diff_pdf(*pair, pdf_engine="typst"),
                 write_diff_docx(*pair), write_diff_html(*pair).encode()):
        print(hashlib.sha256(data).hexdigest())
""")


@pytest.mark.slow
def test_outputs_are_reproducible_across_processes(minimal_pair):
    old, new = minimal_pair
    script = _RENDER.format(tests=str(Path(__file__).parent), old=str(old), new=str(new))
    digests = []
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        env.pop("SOURCE_DATE_EPOCH", None)
        result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                                text=True, timeout=300, check=True)
        digests.append(result.stdout.split())
    assert digests[0] == digests[1] and len(digests[0]) == 4

    from termsheet.writers.diff_docx import write_diff_docx
    from termsheet.writers.diff_pdf import write_diff_pdf

    pair = _pair(old, new)
    assert hashlib.sha256(write_diff_pdf(*pair, pdf_engine="typst")).hexdigest() == digests[0][1]
    assert hashlib.sha256(write_diff_docx(*pair)).hexdigest() == digests[0][2]
