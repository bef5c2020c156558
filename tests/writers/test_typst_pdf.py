"""The Typst PDF writer: text reaches Typst as data, never as markup; the layout rules of
the print stylesheet (tables, contents, footnotes, watermark); its own guards.

What every PDF holds, whichever engine lays it out, is tested in test_pdf.py,
test_comparability.py, tests/jobs/test_reproducible.py and test_render_property.py.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import threading
from pathlib import Path

import pypdf
import pytest

from htmlfixtures import hostile_document, sample_document
from test_pdf import page_texts
from termsheet.document.nodes import (
    Cell, Clause, Document, Footnote, Paragraph, Row, Section, Table, Text,
)
from termsheet.errors import MissingGlyphError, RenderError
from termsheet.writers.glyphs import FileCoverage
from termsheet.writers.typst_engine import fonts_folder
from termsheet.writers.typst_pdf import FAMILIES, write_pdf_typst

pytestmark = pytest.mark.slow

TYPST_MARKUP = ('#read("/etc/passwd") $x$ [a] #set page(width: 1cm) ] <top> @top '
                '#{ panic("x") } /* open comment \\ *strong* _em_ = Heading')
"""What Typst would read as code, maths, content blocks, page settings, labels,
references, comments and markup, were a field ever read as Typst markup."""


def squeezed(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text without any whitespace: immune to where lines wrap."""
    return "".join("".join(page_texts(pdf, tmp_path)).split())


def page_sizes(pdf: bytes) -> set[tuple[int, int]]:
    return {tuple(round(float(v)) for v in page.mediabox[2:])
            for page in pypdf.PdfReader(io.BytesIO(pdf)).pages}


# ------------------------------------------------------------------ data, not markup

def test_typst_markup_in_every_field_prints_literally_and_changes_nothing_else(tmp_path):
    marker = "Q" * 12
    plain = write_pdf_typst(hostile_document(" " + marker))
    hostile = write_pdf_typst(hostile_document(" " + TYPST_MARKUP))
    fields = squeezed(plain, tmp_path).count(marker)
    assert fields > 20, "the payload reaches many fields"
    # in full wherever the marker was (a running header's cell may interleave with others)
    assert squeezed(hostile, tmp_path).count("".join(TYPST_MARKUP.split())) >= fields
    assert page_sizes(hostile) == {(595, 842)}
    assert b"root:x:0:0" not in hostile
    document = pypdf.PdfReader(io.BytesIO(hostile))
    assert document.attachments == {}
    assert document.metadata.title.endswith(TYPST_MARKUP)


@pytest.mark.parametrize("text", ["]", "[", "#", "$", "\\", "*", "_", "`", "<", "@", "//"])
def test_a_single_special_character_is_text(tmp_path, text):
    doc = sample_document(title=f"Terms {text} end")
    flat = squeezed(write_pdf_typst(doc), tmp_path)
    assert f"Terms{text}end" in flat


# ---------------------------------------------------------------------- the layout

def long_table_document(rows: int = 90) -> Document:
    """One clause with a table long enough for several pages, rows of several lines."""
    body = tuple(Row((Cell((Text(f"first-{n}"),)),
                      Cell((Text(("words of a long cell " * 6) + f"last-{n}"),))), id=f"row-{n}")
                 for n in range(rows))
    table = Table(header=("Contributor", "Commitment"), rows=body, id="contributions",
                  caption="Contributions", widths=(1, 3))
    clause = Clause(id="contributions-clause", number="1.1", title="Contributions", blocks=(table,))
    doc = sample_document()
    return dataclasses.replace(doc, sections=(Section("commitments", "Commitments", (clause,),
                                                      number="1"),))


def test_a_long_table_repeats_its_header_and_never_splits_a_row(tmp_path):
    pages = page_texts(write_pdf_typst(long_table_document()), tmp_path)
    spanned = [page for page in pages if "first-" in page]
    assert len(spanned) >= 3
    assert all("Contributor" in page and "Commitment" in page for page in spanned)
    for n in range(90):
        [page] = [page for page in spanned if re.search(rf"\bfirst-{n}\b", page)]
        assert re.search(rf"\blast-{n}\b", page), f"row {n} is split across pages"


def test_the_contents_give_the_page_of_each_heading(tmp_path):
    pages = page_texts(write_pdf_typst(long_table_document()), tmp_path)
    entry = re.search(r"1\.1\s+Contributions\s*\.{3,}\s*(\d+)", pages[0])
    assert entry, pages[0]
    heading_page = next(number for number, page in enumerate(pages, start=1)
                        if number > 1 and re.search(r"^1\.1\s*Contributions$", page, re.M))
    assert int(entry.group(1)) == heading_page


def test_a_long_number_keeps_its_line_in_the_contents_and_the_heading(tmp_path):
    annex = Section("contributions-annex", "Contributions to the Force",
                    (Paragraph((Text("Each contributing state notifies its forces."),)),),
                    number="Annex A", annex="Annex")
    doc = long_table_document()
    doc = dataclasses.replace(doc, sections=(*doc.sections, annex))
    pages = page_texts(write_pdf_typst(doc), tmp_path)
    assert re.search(r"^Annex A\s+Contributions to the Force\s*\.{3,}\s*\d+$", pages[0], re.M), pages[0]
    assert re.search(r"^Annex A\s+Contributions to the Force$", pages[-1], re.M), pages[-1]


def test_footnotes_stand_at_the_foot_of_their_page(tmp_path):
    note = Footnote((Text("Reported by the monitoring mission."),), number=1)
    clause = Clause(id="review", number="1.1", title="Review",
                    blocks=(Paragraph((Text("Reviewed every year."), note,
                                       Text(" Then renewed."))),))
    doc = dataclasses.replace(sample_document(), sections=(
        Section("review-section", "Review", (clause,), number="1"),))
    pages = page_texts(write_pdf_typst(doc), tmp_path)
    [page] = [page for page in pages if "Reviewed every year" in page]
    assert "Reviewedeveryyear.1Thenrenewed." in "".join(page.split())
    _, _, foot = page.partition("Then renewed.")
    assert "".join(foot.split()).startswith("1Reportedbythemonitoringmission.fixture-protocols")


def watermarks(pdf: bytes) -> list[bool]:
    """Whether each page has a line "DRAFT" (pypdf reads the diagonal text pdftotext leaves out)."""
    return ["DRAFT" in page.extract_text().splitlines()
            for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_watermark_is_on_every_page_when_the_document_has_one():
    assert watermarks(write_pdf_typst(sample_document(watermark="DRAFT"))) == [True, True]
    assert watermarks(write_pdf_typst(sample_document(watermark=None))) == [False, False]


def test_the_language_of_the_text_is_the_pdf_language():
    for language in ("en", "uk", "fr-CA"):
        pdf = pypdf.PdfReader(io.BytesIO(write_pdf_typst(sample_document(language=language))))
        assert pdf.trailer["/Root"]["/Lang"] == language.split("-")[0]


# ------------------------------------------------------------------------- guards

def test_the_glyph_check_reads_the_bundled_fonts():
    coverage = FileCoverage.for_families(str(fonts_folder()), FAMILIES)
    assert coverage.families == FAMILIES
    assert coverage.styles_without("Ж") == ()
    with pytest.raises(MissingGlyphError) as caught:
        write_pdf_typst(sample_document(title="Signed at 北京"))
    assert caught.value.characters[0] in "北京"


def test_a_runaway_layout_is_stopped_in_any_thread():
    doc = sample_document()
    many = tuple(dataclasses.replace(doc.sections[0], id=f"s{i}", number=str(i),
                                     children=(Paragraph((Text("word " * 400),)),))
                 for i in range(300))
    errors: list[RenderError] = []

    def render() -> None:
        with pytest.raises(RenderError) as caught:
            write_pdf_typst(dataclasses.replace(doc, sections=many), timeout=0.05)
        errors.append(caught.value)

    worker = threading.Thread(target=render)
    worker.start()
    worker.join()
    assert [error.code for error in errors] == ["render-timeout"]
    # the stopped layout goes on in its thread; the next PDF does not wait for it
    assert write_pdf_typst(sample_document()).startswith(b"%PDF-")


def test_the_typst_engine_does_not_import_weasyprint():
    script = ("import sys; sys.path.insert(0, 'tests'); from htmlfixtures import sample_document; "
              "from termsheet.writers.pdf import write_pdf; "
              "assert write_pdf(sample_document(), pdf_engine='typst').startswith(b'%PDF-'); "
              "print('weasyprint' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "False"
