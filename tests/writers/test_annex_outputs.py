"""Annexes in every format: after the signature block, headed "Annex A", on a new page in
PDF and DOCX, in the table of contents, bookmarked in DOCX and in the PDF outline."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree, html

from annexfixtures import document
from termsheet.writers.docx import write_docx
from termsheet.writers.html import write_html
from termsheet.writers.markdown import write_markdown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
HEADING = "Annex A Contributions to the force"


@pytest.fixture(scope="module")
def doc():
    return document()


def test_markdown_prints_the_annexes_after_the_signatures(doc):
    text = write_markdown(doc)
    assert doc.info.signatories
    signatures = text.index("## Signatures")
    assert signatures < text.index(f"## {HEADING}") < text.index("## Annex B Assistance")
    assert "Notifications are renewed every \\[US: six months\\] \\[UA: twelve months\\]." in text


def test_html_prints_the_annexes_after_the_signatures_and_lists_them_in_the_contents(doc):
    page = html.fromstring(write_html(doc))
    main = [h.get("data-outline") for h in page.xpath("//main//h2")]
    assert main.index("Signatures") < main.index(HEADING) == len(main) - 2
    annex = page.get_element_by_id("annex-contributions")
    assert "annex" in annex.get("class").split()
    assert "Each contributing state notifies its forces." in annex.text_content()
    contents = [" ".join(a.text_content().split()) for a in page.xpath("//nav[@class='toc']/ol/li/a")]
    assert contents[-3:] == ["Signatures", HEADING, "Annex B Assistance"]


def test_print_css_starts_each_annex_on_a_new_page(doc):
    assert ".annex { break-before: page; }" in write_html(doc, for_print=True)


@pytest.fixture(scope="module")
def body(doc):
    with zipfile.ZipFile(io.BytesIO(write_docx(doc))) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def shown(paragraph) -> str:
    return "".join("\t" if node.tag == f"{{{W}}}tab" else node.text or ""
                   for node in paragraph.xpath(".//w:r/w:t | .//w:r/w:tab", namespaces=NS))


def test_docx_annex_heading_starts_a_page_after_the_signatures_with_its_bookmark(body):
    paragraphs = body.xpath("//w:body/w:p", namespaces=NS)
    texts = [shown(p) for p in paragraphs]
    at = len(texts) - 1 - texts[::-1].index("Annex A\tContributions to the force")  # not the contents'
    heading = paragraphs[at]
    assert texts.index("Signatures") < at
    assert heading.xpath("w:pPr/w:pageBreakBefore", namespaces=NS)
    assert heading.xpath("w:bookmarkStart/@w:name", namespaces=NS) == ["annex_contributions"]
    assert "Notifications are renewed every [US: six months] [UA: twelve months]." in texts


def test_docx_contents_list_the_annexes(body):
    entries = [shown(p) for p in body.xpath("//w:p[w:pPr/w:pStyle/@w:val='TOC1']", namespaces=NS)]
    assert "Annex A\tContributions to the force" in entries
    assert "Annex B\tAssistance" in entries


@pytest.mark.slow
def test_pdf_outline_and_pages_hold_the_annexes(doc):
    import pypdf
    from termsheet.writers.pdf import write_pdf

    reader = pypdf.PdfReader(io.BytesIO(write_pdf(doc)))
    top = {item.title: reader.get_destination_page_number(item) for item in reader.outline
           if not isinstance(item, list)}
    assert top["Signatures"] < top[HEADING] < top["Annex B Assistance"]
    assert top[HEADING] == len(reader.pages) - 2  # each annex on a page of its own
    assert "Each contributing state notifies its forces." in reader.pages[top[HEADING]].extract_text()
