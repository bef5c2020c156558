"""The language of a text, its authentic languages and the original it translates appear on the
title block of every format and in the PDF and DOCX file properties (issue: languages)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from termsheet.compose import build
from termsheet.compose.languages import language_name, names_in_words
from termsheet.document.transforms import apply_transforms
from termsheet.schema import TermSheet
from termsheet.writers.docx import write_docx
from termsheet.writers.html import write_html
from termsheet.writers.markdown import write_markdown

from samplefixtures import sample_data


def translated_document(language: str = "en"):
    """The coalition draft (authentic in English, French and Ukrainian) marked as a
    translation of a French original."""
    data = sample_data("coalition-draft")
    data["metadata"]["language"] = language
    data["metadata"]["translation_of"] = {"doc_id": "coalition-original", "language": "fr"}
    return apply_transforms(build(TermSheet.model_validate(data)))


def test_language_tags_in_words():
    assert language_name("uk") == "Ukrainian"
    assert language_name("en-GB") == "English (GB)"
    assert language_name("tlh") == "tlh"  # no name: the tag itself
    assert names_in_words(["en", "fr", "uk"]) == "English, French and Ukrainian"
    assert names_in_words(["en"]) == "English"
    assert names_in_words([]) == ""


def test_the_title_block_names_the_languages_in_markdown():
    text = write_markdown(translated_document())
    assert "- **Language:** English" in text
    assert "- **Authentic languages:** English, French and Ukrainian" in text
    assert "- **Translation of:** coalition-original (original in French)" in text


def test_the_title_block_names_the_languages_in_html():
    page = write_html(translated_document())
    assert "<dt>Authentic languages</dt><dd>English, French and Ukrainian</dd>" in page
    assert "<dt>Translation of</dt><dd>coalition-original (original in French)</dd>" in page
    assert '<meta name="authentic-languages" content="English, French and Ukrainian">' in page


def docx_texts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    # label and value sit in two runs, a tab between them (a w:tab element, no text)
    return "\n".join("".join(p.itertext()) for p in body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"))


def test_the_docx_title_block_and_custom_properties_name_the_languages():
    data = write_docx(translated_document())
    lines = docx_texts(data).splitlines()
    assert "Authentic languagesEnglish, French and Ukrainian" in lines
    assert "Translation ofcoalition-original (original in French)" in lines
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        custom = etree.fromstring(package.read("docProps/custom.xml"))
        rels = package.read("_rels/.rels").decode()
    values = {p.get("name"): "".join(p.itertext()) for p in custom}
    assert values == {"Authentic languages": "English, French and Ukrainian",
                      "Translation of": "coalition-original (original in French)"}
    assert "relationships/custom-properties" in rels


def test_a_docx_without_languages_to_state_has_no_custom_properties():
    data = sample_data("minimal")
    data["metadata"].pop("authentic_languages", None)
    data["metadata"].pop("translation_of", None)
    docx = write_docx(apply_transforms(build(TermSheet.model_validate(data))))
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert "docProps/custom.xml" not in package.namelist()


def test_labels_follow_the_language_of_the_text_in_every_format():
    doc = translated_document(language="uk")
    assert "- **Автентичні мови:** English, French and Ukrainian" in write_markdown(doc)
    assert "<dt>Автентичні мови</dt>" in write_html(doc)
    assert "Автентичні мовиEnglish, French and Ukrainian" in docx_texts(write_docx(doc))


@pytest.mark.slow
def test_the_pdf_information_names_the_languages():
    from pypdf import PdfReader

    from termsheet.writers.pdf import write_pdf

    info = PdfReader(io.BytesIO(write_pdf(translated_document()))).metadata
    assert info["/authenticlanguages"] == "English, French and Ukrainian"
    assert info["/translationof"] == "coalition-original (original in French)"
    assert "/viewport" not in info


@pytest.mark.slow
def test_the_typst_pdf_names_the_languages_in_its_description_and_title_block():
    """Typst's document properties have no custom entries: the languages join the description."""
    from pypdf import PdfReader

    from termsheet.writers.pdf import write_pdf

    pdf = PdfReader(io.BytesIO(write_pdf(translated_document(language="uk"), pdf_engine="typst")))
    assert pdf.metadata["/Subject"].endswith(
        "; authentic languages: English, French and Ukrainian"
        "; translation of: coalition-original (original in French)")
    assert pdf.trailer["/Root"]["/Lang"] == "uk"
    title_page = " ".join(pdf.pages[0].extract_text().split())
    assert "Автентичні мови: English, French and Ukrainian" in title_page
