"""Drafting furniture: lettered table rows alike in every format, the table of contents,
the running header and footer, the DRAFT watermark, a kept reference.docx header, signatures."""

from __future__ import annotations

import dataclasses
import io
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from lxml import etree

from samplefixtures import built
from termsheet.document.nodes import Row, walk
from termsheet.resources import TemplateSet
from termsheet.writers.docx import write_docx
from termsheet.writers.html import write_html
from termsheet.writers.markdown import write_markdown
from termsheet.writers.pdf import write_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "v": "urn:schemas-microsoft-com:vml"}


@pytest.fixture(scope="module")
def document():
    return built("us-draft")


@pytest.fixture(scope="module")
def docx_bytes(document) -> bytes:
    return write_docx(document)


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def shown(paragraph) -> str:
    """A paragraph's text as Word shows it: its runs' text and tabs (field codes left out)."""
    return "".join("\t" if node.tag == f"{{{W}}}tab" else node.text or ""
                   for node in paragraph.xpath(".//w:r/w:t | .//w:r/w:tab", namespaces=NS))


def row_labels(document) -> list[str]:
    return [node.label for node in walk(document) if isinstance(node, Row)]


# ------------------------------------------------------------------ row letters

def test_every_row_has_a_letter_after_its_clause(document):
    numbered = [node.number for node in walk(document) if isinstance(node, Row)]
    assert numbered and all(re.fullmatch(r"\d+\.\d+\(([a-z])\1*\)", n) for n in numbered)
    deployments = next(t for t in walk(document) if getattr(t, "caption", None) == "Deployments")
    assert [row.label for row in deployments.rows][:3] == ["(a)", "(b)", "(c)"]


def test_row_letters_are_the_same_in_markdown_html_and_docx(document, docx_bytes):
    expected = row_labels(document)
    markdown = re.findall(r"^\| \*\*(\([a-z]+\))\*\* ", write_markdown(document), re.M)
    html = re.findall(r'<strong class="row-num">(\([a-z]+\))</strong>', write_html(document))
    body = part(docx_bytes, "word/document.xml")
    docx_labels = [first.xpath("string(.//w:r[1])", namespaces=NS) for first in
                   body.xpath("//w:tbl/w:tr[not(w:trPr/w:tblHeader)]/w:tc[1]", namespaces=NS)]
    assert markdown == html == expected
    assert docx_labels == expected


# ------------------------------------------------------------------ DOCX

def test_docx_has_a_contents_heading_and_a_toc_field_word_updates_on_opening(docx_bytes):
    body = part(docx_bytes, "word/document.xml")
    instructions = [t.text for t in body.iter(f"{{{W}}}instrText")]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instructions
    texts = [shown(p) for p in body.iter(f"{{{W}}}p")]
    start = texts.index("Contents")
    assert texts[start + 1:start + 3] == ["1\tParties and roles", "1.1\tParties"]
    settings = part(docx_bytes, "word/settings.xml")
    assert settings.xpath("w:updateFields/@w:val", namespaces=NS) == ["true"]


def test_docx_header_carries_status_date_and_the_watermark(document, docx_bytes):
    header = part(docx_bytes, "word/header1.xml")
    text = "".join(header.itertext())
    assert f"Negotiating draft \u00b7 {document.info.date}" in text
    assert header.xpath("//v:shape/v:textpath/@string", namespaces=NS) == ["DRAFT"]


def test_no_watermark_when_the_document_is_not_a_draft(document):
    final = dataclasses.replace(document, info=dataclasses.replace(document.info, watermark=None))
    assert not part(write_docx(final), "word/header1.xml").xpath("//v:shape", namespaces=NS)


def test_signature_block_per_signatory(document, docx_bytes):
    texts = [shown(p) for p in part(docx_bytes, "word/document.xml").iter(f"{{{W}}}p")]
    assert document.info.signatories[:2] == ("Ukraine", "United States of America")
    assert "For Ukraine:" in texts and "For United States of America:" in texts
    assert texts[texts.index("For Ukraine:") + 1].startswith("Signature: ___")


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x1d\x35\x57")) + chunk(b"IEND", b""))


def test_a_reference_docx_header_with_a_logo_is_kept(tmp_path, document):
    reference = docx.Document(str(Path(__file__).parents[2] / "templates" / "styles" / "reference.docx"))
    header = reference.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Office of the Legal Adviser"
    header.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()))
    (tmp_path / "styles").mkdir()
    reference.save(str(tmp_path / "styles" / "reference.docx"))

    data = write_docx(document, templates=TemplateSet(tmp_path))
    opened = docx.Document(io.BytesIO(data))
    shown = [p.text for p in opened.sections[0].header.paragraphs]
    assert shown[0] == "Office of the Legal Adviser"
    assert any(f"Negotiating draft \u00b7 {document.info.date}" in line for line in shown)
    header_part = opened.sections[0].header.part
    images = [rel.target_part for rel in header_part.rels.values() if rel.reltype.endswith("/image")]
    assert [image.blob for image in images] == [tiny_png()]


# ------------------------------------------------------------------ PDF and HTML

@pytest.fixture(scope="module")
def pdf_pages(document, tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("pdf") / "us-draft.pdf"
    path.write_bytes(write_pdf(document))
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_pdf_prints_a_table_of_contents_with_page_numbers(pdf_pages):
    contents = "\n".join(pdf_pages[:3])
    assert "Contents" in contents
    entry = re.search(r"4\.3\s+Deployments\s*\.{3,}\s*(\d+)", contents)
    assert entry, "clause, title, dot leader and page number"
    page = int(entry.group(1))
    assert "Deployments" in pdf_pages[page - 1]


def test_pdf_running_header_and_footer_on_every_page(document, pdf_pages):
    total = len(pdf_pages)
    for number, page in enumerate(pdf_pages, start=1):
        assert f"Negotiating draft \u00b7 {document.info.date}" in page
        assert document.info.running_reference in page
        assert f"Page {number} of {total}" in page


def test_pdf_rows_are_lettered_and_signatures_close_the_agreement(pdf_pages):
    everything = "\n".join(pdf_pages)
    assert "(a) France" in everything
    assert "For Ukraine:" in everything


def test_html_contents_links_without_page_numbers(document):
    page = write_html(document)
    nav = page[page.index('<nav class="toc"'):page.index("</nav>")]
    assert '<a href="#sec_forces"><span class="num">4</span> Force posture</a>' in nav
    assert not re.search(r"\.{3,}", nav)


def test_the_contents_list_the_sources_section_but_not_each_source(document, docx_bytes):
    sources = next(s for s in document.sections if s.id == "sec_sources")
    first_source = next(c for c in sources.children if hasattr(c, "blocks"))
    page = write_html(document)
    contents = page[page.index('<nav class="toc"'):page.index("</nav>")]
    assert sources.title in contents and first_source.title not in contents
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml"))
    entries = ["".join(p.itertext()) for p in body.iter(f"{{{W}}}p")
               if p.find(f"{{{W}}}pPr/{{{W}}}pStyle") is not None
               and p.find(f"{{{W}}}pPr/{{{W}}}pStyle").get(f"{{{W}}}val").startswith("TOC")]
    assert any(sources.title in entry for entry in entries)
    assert not any(first_source.title in entry for entry in entries)
