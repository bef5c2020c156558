"""The N-column document's writers: HTML (escaping, filters' markup, no script needed),
Markdown tables, the landscape DOCX table, the landscape PDF with its outline."""

from __future__ import annotations

import io
import re

import pytest

from termsheet.writers.columns_docx import write_columns_docx
from termsheet.writers.columns_html import write_columns_html, write_columns_pdf
from termsheet.writers.columns_md import write_columns_markdown
from termsheet.writers.table import PDF_ENGINES

from columnsfixtures import edited_columns, sample_columns

HOSTILE = '<script>alert("x")</script> | *bold* <img src=x onerror=alert(1)> & [link](http://x)'


def _hostile(data):
    data["commitments"][0]["title"] = HOSTILE
    data["commitments"][0]["summary"] = HOSTILE


@pytest.fixture(scope="module")
def hostile():
    return edited_columns(_hostile)


def test_html_escapes_user_text(hostile):
    html = write_columns_html(hostile)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert len(re.findall(r"<script>", html)) == 1  # the page's own script only


def test_html_has_a_column_per_version_and_a_row_per_provision():
    view = sample_columns()
    html = write_columns_html(view)
    assert len(re.findall(r'<tr class="provision ', html)) == len(view.consolidation.rows)
    assert len(re.findall(r'<th scope="col" class="col-version"', html)) == 3
    assert html.count(">not addressed<") == sum(not cell.addressed for row in view.rows
                                                for cell in row.cells)
    assert view.convergence in html
    assert '<form class="filters" id="filters" role="search" aria-label="Filter the table" hidden>' in html
    assert "Content-Security-Policy" in html


def test_markdown_is_a_pipe_table_per_section_with_user_text_escaped(hostile):
    text = write_columns_markdown(hostile)
    row = next(line for line in text.splitlines() if "alert" in line and line.startswith("| **"))
    tags = set(re.findall(r"(?<!\\)<[^>]*>", text))
    assert tags <= {"<br>", "<ins>", "</ins>", "<del>", "</del>"}, tags
    assert "\\<script\\>" in row and "\\|" in row and "\\*bold\\*" in row
    cells = re.split(r"(?<!\\)\|", row.strip())[1:-1]
    assert len(cells) == 4  # No. | us-draft | edited | Status
    view = sample_columns()
    text = write_columns_markdown(view)
    assert text.count("\n| No. | US | COW | UA | Status |\n") == len(view.sections)
    assert len([line for line in text.splitlines() if line.startswith("| **")]) == len(
        view.consolidation.rows)


def test_docx_is_landscape_with_a_table_row_per_provision():
    from docx import Document

    view = sample_columns()
    document = Document(io.BytesIO(write_columns_docx(view)))
    section = document.sections[0]
    assert section.page_width > section.page_height
    (table,) = document.tables
    assert len(table.rows) == len(view.consolidation.rows) + 1
    assert [cell.text for cell in table.rows[0].cells] == ["No.", "US", "COW", "UA", "Status"]
    assert "not addressed" in {cell.text for row in table.rows for cell in row.cells}


def test_docx_bytes_are_reproducible():
    view = sample_columns()
    assert write_columns_docx(view) == write_columns_docx(view)


@pytest.mark.slow
@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_has_landscape_pages_and_an_outline_by_section(engine):
    from pypdf import PdfReader

    view = sample_columns()
    data = write_columns_pdf(view, pdf_engine=engine)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 1
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == [section.title for section in view.sections]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {pages}" in text
        assert text.count("UNCLASSIFIED") == 1  # the marking once, at the top


def test_the_job_writes_the_columns_beside_the_consolidated_text(tmp_path):
    from termsheet.jobs.consolidate import ConsolidateOptions, run_consolidate

    from conftest import ROOT

    samples = ROOT / "samples"
    options = ConsolidateOptions(formats=("json", "md", "html"), out_dir=tmp_path,
                                 base=samples / "us-draft-v0.2.yaml",
                                 compromise=samples / "ukraine-position.yaml")
    result = run_consolidate([samples / "us-draft.yaml", samples / "coalition-draft.yaml"],
                             options)
    assert sorted(path.name for path in result.outputs) == [
        "consolidated-columns.html", "consolidated-columns.md", "consolidated.html",
        "consolidated.json", "consolidated.md"]
    text = (tmp_path / "consolidated-columns.md").read_text("utf-8")
    assert "| No. | US | COW | Compromise | Status |" in text
    assert "Each cell is marked against the base" in text
    assert "(proposal)" in text or "(conflict)" in text
