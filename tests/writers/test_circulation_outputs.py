"""The circulation edition in every format: no basis lines, citations, notes or counterparty
positions; sources as numbered footnotes (DOCX: word/footnotes.xml)."""

from __future__ import annotations

import io
import re
import zipfile

import pypdf
import pytest
from lxml import etree

from samplefixtures import SAMPLES, sample
from termsheet.document.nodes import footnotes
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.editions import CIRCULATION
from termsheet.writers.docx import write_docx
from termsheet.writers.html import write_html
from termsheet.writers.markdown import write_markdown

CITATION = re.compile(r"\\?\[\d+\.\d+\\?\]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def circulation(name: str):
    result = sample(name)
    return build_document(result.sheet, templates=TemplateSet(), source_file=f"samples/{name}.yaml",
                          positions=result.document.positions, edition=CIRCULATION)


def assert_circulated(text: str) -> None:
    assert "Basis:" not in text and ">Basis<" not in text
    assert not CITATION.search(text), CITATION.search(text)
    assert "]]" not in text and "Note:" not in text and "Note on " not in text


def counterparty_rows(name: str) -> list[str]:
    return [f"_position_{party}" for party in sample(name).sheet.counterparties]


@pytest.mark.parametrize("name", SAMPLES)
def test_markdown(name):
    doc = circulation(name)
    text = write_markdown(doc)
    assert_circulated(text)
    count = len(footnotes(doc))
    calls = re.findall(r"\[\^(\d+)\](?!:)", text)
    notes = re.findall(r"^\[\^(\d+)\]: ", text, re.MULTILINE)
    assert [int(n) for n in calls] == [int(n) for n in notes] == list(range(1, count + 1))


@pytest.mark.parametrize("name", SAMPLES)
def test_html(name):
    doc = circulation(name)
    page = write_html(doc)
    assert_circulated(page)
    assert not [row for row in counterparty_rows(name) if row + '"' in page]
    count = len(footnotes(doc))
    assert re.findall(r'id="fnref-(\d+)"', page) == [str(n) for n in range(1, count + 1)]
    assert re.findall(r'<li id="fn-(\d+)"', page) == [str(n) for n in range(1, count + 1)]
    printed = write_html(doc, for_print=True)
    assert printed.count('<span class="footnote">') == count and 'id="fn-' not in printed


@pytest.mark.parametrize("name", SAMPLES)
def test_docx_has_real_footnotes(name):
    doc = circulation(name)
    package = zipfile.ZipFile(io.BytesIO(write_docx(doc)))
    body = package.read("word/document.xml")
    calls = [ref.get(W + "id") for ref in etree.fromstring(body).iter(W + "footnoteReference")]
    count = len(footnotes(doc))
    assert calls == [str(n + 1) for n in range(1, count + 1)]
    texts = [body.decode()]
    if count:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
        ids = [note.get(W + "id") for note in notes.iter(W + "footnote")]
        assert ids == ["0", "1", *calls]
        assert "footnotes.xml" in package.read("word/_rels/document.xml.rels").decode()
        assert "/word/footnotes.xml" in package.read("[Content_Types].xml").decode()
        texts.append("".join(notes.itertext()))
    else:
        assert "word/footnotes.xml" not in package.namelist()
    plain = "".join(etree.fromstring(body).itertext())
    assert_circulated(plain + "".join(texts[1:]))


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLES)
def test_pdf(name):
    from termsheet.writers.pdf import write_pdf

    doc = circulation(name)
    reader = pypdf.PdfReader(io.BytesIO(write_pdf(doc)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert_circulated(text)
    notes = footnotes(doc)
    if notes:  # the last footnote's text is at the foot of some page, after its number
        assert f"{len(notes)}. " in text
