"""Negotiation brackets in every format and edition: the same characters, attributed
("[US: 15 years] [UA: 30 years]"), styled; square brackets never mark a citation and two
closing brackets never touch; comparisons read brackets as text."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pypdf
import pytest
from lxml import etree

from conftest import ROOT
from termsheet.document.nodes import Bracket, Clause, Paragraph, Row, plain_text, walk
from termsheet.jobs.diff import DiffOptions, run_diff
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.editions import CIRCULATION, INTERNAL
from termsheet.source.validate import validate_file, validate_text
from termsheet.writers.docx import write_docx
from termsheet.writers.html import write_html
from termsheet.writers.markdown import write_markdown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CITATION = re.compile(r"\[\d+(\.\d+)+\]")
ALL_SAMPLES = sorted(path.stem for path in (ROOT / "samples").glob("*.yaml"))
EDITIONS = (INTERNAL, CIRCULATION)

MINIMAL = (ROOT / "samples" / "minimal.yaml").read_text(encoding="utf-8")
SHEET = MINIMAL.replace("parties:\n", """parties:
  - id: us
    name: United States of America
    kind: state
""") + """guarantors:
  - party: us
    roles: [{domain: overall, role: backstop}]
commitments:
  - id: cmt-army
    kind: other
    providers: [us]
    beneficiary: ua
    modality: will
    legal_character: politically_binding
    summary: "Support for [[us: 15 years | ua: 30 years]], in [[peacetime]]."
    text_status: TEXT_STATUS
    proposed_by: us
"""
SAID = "[US: 15 years] [UA: 30 years], in [peacetime]."


def document(text_status: str = "agreed", text: str = SHEET, edition=INTERNAL):
    result = validate_text(text.replace("TEXT_STATUS", text_status), "t.yaml")
    assert result.sheet is not None, [str(d) for d in result.errors]
    return build_document(result.sheet, templates=TemplateSet(), source_file="t.yaml",
                          positions=result.document.positions, edition=edition)


def sample_document(name: str, edition):
    result = validate_file(ROOT / "samples" / f"{name}.yaml", filename=f"samples/{name}.yaml")
    return build_document(result.sheet, templates=TemplateSet(), source_file=result.path,
                          positions=result.document.positions, edition=edition)


def unescaped_markdown(text: str) -> str:
    return re.sub(r"\\([\[\]])", r"\1", text)


def docx_text(data: bytes) -> str:
    package = zipfile.ZipFile(io.BytesIO(data))
    parts = [name for name in package.namelist() if name in ("word/document.xml", "word/footnotes.xml")]
    return "\n".join("".join(etree.fromstring(package.read(name)).itertext()) for name in parts)


def html_text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def assert_brackets_only_for_unagreed_text(text: str) -> None:
    assert "]]" not in text and "[[" not in text
    assert not CITATION.search(text), CITATION.search(text)
    assert "Proposed by" not in text


# ------------------------------------------------------------- the same in every format

def test_inline_brackets_are_bracket_nodes_attributed_by_party_code():
    doc = document()
    brackets = [node for node in walk(doc) if isinstance(node, Bracket)]
    assert [(node.party, plain_text(node.children)) for node in brackets] == [
        ("US", "15 years"), ("UA", "30 years"), (None, "peacetime")]


def test_markdown_prints_the_brackets():
    assert SAID in unescaped_markdown(write_markdown(document()))


def test_html_prints_the_brackets_in_a_styled_span():
    page = write_html(document())
    assert '<span class="bracket">[US: 15 years]</span> <span class="bracket">[UA: 30 years]</span>' in page
    assert SAID in html_text(page)
    css = (ROOT / "templates" / "styles" / "print.css").read_text(encoding="utf-8")
    assert ".bracket {" in css


def test_docx_prints_the_brackets_in_their_character_style():
    data = write_docx(document())
    assert SAID in docx_text(data)
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    styled = ["".join(run.itertext()) for run in body.iter(W + "r")
              if any(style.get(W + "val") == "NegotiationBracket" for style in run.iter(W + "rStyle"))]
    assert "".join(styled) == "[US: 15 years][UA: 30 years][peacetime]"


def test_pdf_prints_the_brackets():
    from termsheet.writers.pdf import write_pdf

    reader = pypdf.PdfReader(io.BytesIO(write_pdf(document())))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert SAID in text


# --------------------------------------------------------------- whole provisions

def test_a_bracketed_provision_names_its_proposer_inside_the_bracket():
    text = unescaped_markdown(write_markdown(document("bracketed")))
    assert f"\n\n[US: Support for {SAID}]\n\n" in text  # the provision's one text, bracketed


def test_closing_brackets_never_touch():
    text = SHEET.replace('"Support for [[us: 15 years | ua: 30 years]], in [[peacetime]]."',
                         '"Support for [[us: 15 years | ua: 30 years]]"')
    said = unescaped_markdown(write_markdown(document("alternative", text)))
    assert "\n\n[Alternative, US: Support for [US: 15 years] [UA: 30 years] ]\n\n" in said
    assert "]]" not in said


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.name)
@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_every_clause_and_row_of_the_samples_closes_its_brackets(name, edition):
    doc = sample_document(name, edition)
    for node in walk(doc):
        if isinstance(node, Row):
            text = " ".join(plain_text(cell.content) for cell in node.cells)
        elif isinstance(node, Clause):
            text = " ".join(plain_text(block.content) for block in node.blocks
                            if isinstance(block, Paragraph))
        else:
            continue
        assert text.count("[") == text.count("]"), text


def test_terms_proposed_by_parties_are_attributed():
    doc = sample_document("coalition-draft", INTERNAL)
    text = unescaped_markdown(write_markdown(doc))
    assert "Other terms under discussion: [US: 15] [UA: 30 or 50] years." in text


# ------------------------------------------------- every output of every sample

@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.name)
@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_sample_outputs_keep_square_brackets_for_unagreed_text(name, edition):
    doc = sample_document(name, edition)
    assert_brackets_only_for_unagreed_text(unescaped_markdown(write_markdown(doc)))
    assert_brackets_only_for_unagreed_text(html_text(write_html(doc)))
    assert_brackets_only_for_unagreed_text(docx_text(write_docx(doc)))


@pytest.mark.slow
@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.name)
@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_sample_pdfs_keep_square_brackets_for_unagreed_text(name, edition):
    from termsheet.writers.pdf import write_pdf

    reader = pypdf.PdfReader(io.BytesIO(write_pdf(sample_document(name, edition))))
    assert_brackets_only_for_unagreed_text("\n".join(page.extract_text() for page in reader.pages))


# ----------------------------------------------------------------- comparisons

def test_a_comparison_reads_brackets_as_text(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(SHEET.replace("TEXT_STATUS", "agreed"), encoding="utf-8")
    new.write_text(SHEET.replace("TEXT_STATUS", "agreed").replace("us: 15 years", "us: 20 years"),
                   encoding="utf-8")
    result = run_diff(old, new, DiffOptions(("json", "html", "docx"), tmp_path / "out"))
    assert len(result.outputs) == 4
    report = json.loads((tmp_path / "out" / "old--new.json").read_text(encoding="utf-8"))
    [change] = [c for c in report["changes"] if c["item_id"] == "cmt-army"]
    assert change["label"] == SAID.replace("15", "20").join(["Support for ", ""])
    [summary] = [f for f in change["fields"] if f["field"] == "summary"]
    assert [(op["op"], op["old"], op["new"]) for op in summary["text"]] == [
        ("equal", "Support for [US: ", "Support for [US: "),
        ("replace", "15 years", "20 years"),
        ("equal", "] [UA: 30 years], in [peacetime].", "] [UA: 30 years], in [peacetime]."),
    ]
    redline = docx_text((tmp_path / "out" / "old--new-redline.docx").read_bytes())
    assert "Support for [US: 15 years20 years] [UA: 30 years]" in redline  # deleted, inserted
    page = (tmp_path / "out" / "old--new.html").read_text(encoding="utf-8")
    assert "[[" not in page and "]]" not in page  # the JSON keeps the values as written


def test_a_redline_of_documents_with_brackets_marks_their_text():
    from termsheet.compare.redline import redline
    from termsheet.document.nodes import Deleted, Inserted

    old = document()
    new = document(text=SHEET.replace("us: 15 years", "us: 20 years"))
    marked = redline(old, new)
    changes = [plain_text(node.children) for node in walk(marked) if isinstance(node, (Inserted, Deleted))]
    assert changes == ["15 years", "20 years"]
