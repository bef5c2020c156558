"""DOCX writer: structure, styles, metadata, text fidelity, reproducibility, LibreOffice smoke test.

Goldens (tests/golden/docx/<case>/) hold the package's XML parts pretty-printed;
refresh them with ``TERMSHEET_UPDATE_GOLDENS=1`` (see tests/README.md) and
review the diff.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from docfixtures import fixture_document, info, long_document
from docx_numbers import headings as shown_headings
from goldens import GOLDEN, assert_golden
from termsheet.document.nodes import (
    Clause, Document, LineBreak, Paragraph, Section, Table, Text, UnknownNode,
)
from termsheet.errors import RenderError
from termsheet.resources import TemplateSet
from termsheet.writers import zipnorm
from termsheet.writers.docx import DocumentShapeError, DocxTextError, write_docx
from termsheet.writers.docx.bookmarks import bookmark_names
from termsheet.writers.docx.tables import column_widths, layout, text_width
from termsheet.writers.docx.roles import ROLE_STYLES

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
GOLDEN_PARTS = (
    "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
    "word/_rels/document.xml.rels", "word/document.xml", "word/header1.xml", "word/footer1.xml",
    "word/numbering.xml", "word/settings.xml",
)


@pytest.fixture(scope="module")
def fixture_bytes() -> bytes:
    return write_docx(fixture_document())


@pytest.fixture(scope="module")
def opened(fixture_bytes):
    return docx.Document(io.BytesIO(fixture_bytes))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str):
    return etree.fromstring(parts(data)[name])


def pretty(data: bytes) -> str:
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(data, parser), pretty_print=True, encoding="unicode")


def roundtrip(*inlines, **kwargs) -> str:
    """Write one paragraph of ``inlines`` and read its text back with python-docx."""
    section = Section("s", "t", (Clause("c", "Clause", (Paragraph(tuple(inlines), **kwargs),), "1.1"),), "1")
    document = docx.Document(io.BytesIO(write_docx(Document(info(), (section,)))))
    body = [p for p in document.paragraphs if p.style.name == "Body Text"]
    assert len(body) == 1
    return body[0].text


# ------------------------------------------------------------------ goldens

@pytest.mark.parametrize("name", GOLDEN_PARTS)
def test_golden_parts(fixture_bytes, name):
    actual = pretty(parts(fixture_bytes)[name])
    file_name = name.replace("/", "__") + ("" if name.endswith(".xml") else ".xml")
    assert_golden(GOLDEN / "docx" / "fixture" / file_name, actual)


def test_package_holds_only_expected_parts(fixture_bytes):
    assert sorted(parts(fixture_bytes)) == sorted(GOLDEN_PARTS + ("word/styles.xml", "word/fontTable.xml"))


def test_reference_docx_is_current():
    """templates/styles/reference.docx is what tools/make_reference_docx.py makes."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_reference_docx
    finally:
        sys.path.pop(0)
    committed = (ROOT / "templates" / "styles" / "reference.docx").read_bytes()
    assert make_reference_docx.reference_docx() == committed, "run python tools/make_reference_docx.py"


# ------------------------------------------------------------------ structure

def test_headings_use_word_heading_styles(opened):
    headings = shown_headings(opened)
    assert headings[:3] == [("Heading 1", "1\tParties and roles"), ("Heading 2", "1.1\tParties"),
                            ("Heading 2", "1.2\tGuarantors and caveats")]
    assert ("Heading 2", "3.1\tКороткий виклад") in headings
    for level, name in ((0, "Heading 1"), (1, "Heading 2")):
        outline = opened.styles[name].element.find(f"{W}pPr/{W}outlineLvl")
        assert outline.get(f"{W}val") == str(level)


def test_clause_status_and_change_tags_follow_the_heading(opened):
    headings = [text for _, text in shown_headings(opened, ("Heading 2",))]
    assert "2.2\tArmed response (bracketed)" in headings
    section = Section("s", "S", (Clause("c", "C", (), "1.1", status="for_discussion",
                                        change="moved_from"),), "1")
    opened = docx.Document(io.BytesIO(write_docx(Document(info(), (section,)))))
    assert [text for _, text in shown_headings(opened, ("Heading 2",))] == [
        "1.1\tC (for discussion) (moved from here)"]


def test_vocabulary_codes_print_as_words():
    data = write_docx(fixture_document(document_type="term_sheet", status="negotiating_draft"))
    opened = docx.Document(io.BytesIO(data))
    texts = [p.text for p in opened.paragraphs]
    assert "Term sheet" in texts and "Status\tNegotiating draft" in texts
    assert opened.core_properties.content_status == "Negotiating draft"
    assert "Negotiating draft" in "".join(xml(data, "word/header1.xml").itertext())


def test_every_role_resolves_to_a_style_in_the_output(opened):
    names = {(s.type.name.lower() if hasattr(s.type, "name") else str(s.type), s.name.lower())
             for s in opened.styles}
    for kind, name in ROLE_STYLES.values():
        assert (kind, name.lower()) in names, name


def test_table_styles_have_grid_lines(opened):
    for name in ("Term Table", "Compact Table"):
        borders = opened.styles[name].element.find(f"{W}tblPr/{W}tblBorders")
        assert borders is not None and len(borders) == 6, name


def test_header_block(opened):
    styled = [(p.style.name, p.text) for p in opened.paragraphs[:16]]
    assert styled[0] == ("Illustrative Banner", "ILLUSTRATIVE")
    assert ("Marking", "UNCLASSIFIED") in styled
    assert ("Handling", "DRAFT — WITHOUT PREJUDICE") in styled
    assert ("Title", info().title) in styled
    assert ("Subtitle", "Протоколи безпеки для України — основні умови") in styled
    assert ("Document Info", "Version\t0.3.0") in styled
    assert ("Document Info", "Drafting party\tUnited States of America") in styled
    assert any(style == "Disclaimer" for style, _ in styled)


def test_localized_title_carries_its_language(fixture_bytes):
    body = xml(fixture_bytes, "word/document.xml")
    runs = body.xpath("//w:r[w:t='Протоколи безпеки для України — основні умови']", namespaces=NS)
    assert runs[0].find(f"{W}rPr/{W}lang").get(f"{W}val") == "uk"


def test_tables_repeat_their_header_row(fixture_bytes, opened):
    body = xml(fixture_bytes, "word/document.xml")
    tables = body.findall(f".//{W}tbl")
    assert len(tables) == 2
    for table in tables:
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
        assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    first = opened.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Party", "Kind", "Roles"]
    assert first.rows[0].cells[0].paragraphs[0].style.name == "Table Header"
    assert first.rows[2].cells[2].text == "backstop (overall)\nlead (monitoring)"
    assert first.style.name == "Term Table"


def test_column_widths_fill_the_text_width(fixture_bytes):
    body = xml(fixture_bytes, "word/document.xml")
    for table in body.findall(f".//{W}tbl"):
        grid = [int(c.get(f"{W}w")) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
        assert sum(grid) == 9072
    financing = body.findall(f".//{W}tbl")[1]
    grid = [int(c.get(f"{W}w")) for c in financing.findall(f"{W}tblGrid/{W}gridCol")]
    assert grid == [4536, 2268, 2268]  # widths=(2, 1, 1)


def _table(header, rows, widths=None):
    from termsheet.document.nodes import Cell, Row
    return Table(header=header, rows=tuple(Row(tuple(Cell((Text(c),)) for c in r)) for r in rows),
                 widths=widths)


def test_column_widths_keep_words_whole():
    """A given width narrower than the column's longest word is raised; the others give way."""
    header = ("Step", "Actors", "Action", "Deadline", "Runs from", "Strictness", "Authority", "Basis")
    rows = [("1", "United States", "Consultations on next steps", "24 hours", "A request",
             "Where possible", "Not specified", "Reported [10.2]")]
    shape = layout(_table(header[:6], [r[:6] for r in rows], (1, 3, 4, 2, 2, 2)), 9072)
    assert sum(shape.widths) == 9072 and not shape.compact
    assert shape.widths[5] >= text_width("Strictness", 8.5, bold=True) + 170
    assert shape.widths[3] >= text_width("Deadline", 8.5, bold=True) + 170
    assert shape.widths[2] > shape.widths[0]  # preferences still count


def test_wide_tables_are_set_compact():
    """By column count only: a redline's longer cells must not change the table's styles."""
    header = ("Contributor", "Type", "Mission", "Location", "Strength", "Status", "Timing", "Basis")
    rows = [("Coordination", "surveillance", "Monitoring", "headquarters", "Satellites,",
             "consideration", "agreement", "[Proposed")]
    shape = layout(_table(header, rows, (4, 3, 4, 5, 3, 3, 4, 3)), 9072)
    assert shape.compact and sum(shape.widths) == 9072
    assert all(w >= text_width(word, 7.0) + 90 for w, word in zip(shape.widths, rows[0]))
    section = Section("s", "S", (Clause("c", "C", (_table(header, rows),), "1.1"),), "1")
    opened = docx.Document(io.BytesIO(write_docx(Document(info(), (section,)))))
    assert opened.tables[0].style.name == "Compact Table"
    assert opened.tables[0].rows[1].cells[0].paragraphs[0].style.name == "Table Text Compact"
    six = _table(header[:6], [tuple("x" * 40 for _ in range(6))])
    assert not layout(six, 9072).compact


def test_short_clauses_keep_together():
    short = Clause("c1", "Short", (Paragraph((Text("one"),)), Paragraph((Text("two"),), role="note"),
                                   Paragraph((Text("three"),))), "1.1")
    long = Clause("c2", "Long", (Paragraph((Text("x " * 400),)), Paragraph((Text("y"),))), "1.2")
    body = xml(write_docx(Document(info(), (Section("s", "S", (short, long), "1"),))),
               "word/document.xml").find(f"{W}body")
    kept = {"".join(p.itertext())[:5]: p.find(f"{W}pPr/{W}keepNext") is not None
            for p in body.findall(f"{W}p")}
    assert (kept["one"], kept["two"], kept["three"]) == (True, True, False)
    assert (kept["x x x"], kept["y"]) == (False, False)


def test_short_rows_do_not_split_across_pages():
    from termsheet.writers.docx.tables import keep_together
    rows = [("short", "row"), ("long", "a long sentence that wraps many times. " * 60)]
    section = Section("s", "S", (Clause("c", "C", (_table(("A", "B"), rows),), "1.1"),), "1")
    body = xml(write_docx(Document(info(), (section,))), "word/document.xml")
    trs = body.findall(f".//{W}tr")
    assert [tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs] == [True, True, False]
    shape = layout(_table(("A", "B"), rows), 9072)
    assert keep_together(list(rows[0]), shape) and not keep_together(list(rows[1]), shape)


def test_column_widths_without_preferences_follow_content():
    widths = column_widths(_table(("Code", "Text"), [("a1", "a long sentence " * 20)]), 9072)
    assert sum(widths) == 9072 and widths[1] > 3 * widths[0]
    narrow = column_widths(_table(("A", "B"), [("x", "y")]), 9072)
    assert sum(narrow) == 9072 and abs(narrow[0] - narrow[1]) < 100


def test_space_after_tables_and_between_tables():
    table = _table(("A", "B"), [("x", "y")])
    section = Section("s", "S", (Clause("c", "C", (table, table, Paragraph((Text("after"),))), "1.1"),), "1")
    body = xml(write_docx(Document(info(), (section,))), "word/document.xml").find(f"{W}body")
    kinds = [child.tag.split("}")[1] for child in body]
    assert kinds[-5:] == ["tbl", "p", "tbl", "p", "sectPr"]
    assert body[-2].find(f"{W}pPr/{W}spacing").get(f"{W}before") == "120"


def test_column_widths_that_do_not_fit_the_columns_are_an_error():
    with pytest.raises(DocumentShapeError, match="widths"):
        column_widths(_table(("A", "B"), [("x", "y")], (1, 2, 3)), 9072)


def test_lists_are_numbered_lists_and_ordered_ones_restart(fixture_bytes, opened):
    styles = [p.style.name for p in opened.paragraphs]
    assert styles.count("List Bullet") == 2 and styles.count("List Number") == 3
    assert styles.count("Provenance") == 1
    numbering = xml(fixture_bytes, "word/numbering.xml")
    restarts = numbering.xpath("//w:num[w:lvlOverride/w:startOverride/@w:val='1']", namespaces=NS)
    assert len(restarts) == 1


def _ref_fields(body) -> list[tuple[str, str]]:
    """(instruction, result) of every complex field in ``body``, in document order."""
    fields, instruction, result, state = [], "", "", None
    for element in body.iter(f"{W}fldChar", f"{W}instrText", f"{W}t"):
        if element.tag == f"{W}fldChar":
            kind = element.get(f"{W}fldCharType")
            if kind == "begin":
                instruction, result, state = "", "", "instr"
            elif kind == "separate":
                state = "result"
            else:
                fields.append((instruction.strip(), result))
                state = None
        elif element.tag == f"{W}instrText" and state == "instr":
            instruction += element.text
        elif element.tag == f"{W}t" and state == "result":
            result += element.text
    return fields


def test_references_are_ref_fields_to_bookmarks_with_the_current_number(fixture_bytes):
    body = xml(fixture_bytes, "word/document.xml")
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    refs = [(instruction.split(), result) for instruction, result in _ref_fields(body)
            if instruction.startswith("REF ")]
    assert [(words[1], result) for words, result in refs] == [
        ("commitments", "2"), ("cmt_armed_response", "2.2"), ("cmt_consult", "2.1")]
    assert all(words[2:] == ["\\w", "\\h"] for words, _ in refs)
    assert {words[1] for words, _ in refs} <= bookmarks
    assert not body.findall(f".//{W}hyperlink[@{W}anchor='commitments']")


def test_every_provision_carries_a_bookmark_named_from_its_id(fixture_bytes):
    doc = fixture_document()
    body = xml(fixture_bytes, "word/document.xml")
    names = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert len(names) == len(set(names))
    expected = bookmark_names(doc)
    ids = [node.id for section in doc.sections for node in (section, *section.children)
           if isinstance(node, (Section, Clause))]
    assert {expected[node_id] for node_id in ids} <= set(names)
    assert expected["cmt-armed-response"] == "cmt_armed_response"
    starts = {b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")}
    assert starts == {b.get(f"{W}id") for b in body.iter(f"{W}bookmarkEnd")}


def test_bookmark_names_are_valid_for_word():
    from termsheet.document.nodes import Reference
    from termsheet.writers.docx.bookmarks import bookmark_name
    long_id = "x" * 60
    doc = fixture_document()
    extra = Section("s9", "T", (Paragraph((Reference(long_id, "9"), Reference("a-b", "1"),
                                           Reference("a_b", "2"), Reference("4.3", "3"),
                                           Reference("_hidden", "4"), Reference("A_B", "5"))),), "9")
    names = bookmark_names(dataclasses.replace(doc, sections=doc.sections + (extra,)))
    valid = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
    assert all(valid.fullmatch(name) for name in names.values()), names
    assert len({n.lower() for n in names.values()}) == len(names)
    assert names["a-b"] == "a_b" and names["4.3"] == "p_4_3" and names["_hidden"] == "p__hidden"
    assert names["a_b"] == bookmark_name("a_b", {"a_b"}) != "a_b"  # a clash gets a digest
    digest = hashlib.sha1(long_id.encode()).hexdigest()[:8]
    assert names[long_id] == bookmark_name(long_id) == "x" * 31 + "_" + digest  # 40 characters


def test_heading_paragraphs_carry_word_numbering_not_typed_numbers(fixture_bytes, opened):
    numbering = xml(fixture_bytes, "word/numbering.xml")
    body = xml(fixture_bytes, "word/document.xml")
    heading_list = numbering.xpath("//w:abstractNum[w:name/@w:val='termsheet headings']/@w:abstractNumId",
                                   namespaces=NS)
    heads = [(p, p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")) for p in body.iter(f"{W}p")
             if p.find(f"{W}pPr/{W}pStyle") is not None
             and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in ("Heading1", "Heading2")]
    assert len(heads) > 5
    typed = []
    for paragraph, style in heads:
        num_id = paragraph.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        text = "".join("\t" if t.tag == f"{W}tab" else t.text
                       for t in paragraph.iter(f"{W}t", f"{W}tab"))
        if num_id == "0":  # the fixture's last section is numbered 10, which Word would count as 4
            typed.append(text)
            continue
        level = paragraph.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val")
        assert level == {"Heading1": "0", "Heading2": "1"}[style]
        assert numbering.xpath(f"//w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val",
                               namespaces=NS) == heading_list
        assert not re.match(r"\d", text) and "\t" not in text, text
    assert typed == ["10\tSources", "10.1\tAxios, 2025"]
    levels = numbering.xpath(f"//w:abstractNum[@w:abstractNumId='{heading_list[0]}']/w:lvl",
                             namespaces=NS)
    assert [(lvl.find(f"{W}lvlText").get(f"{W}val"), lvl.find(f"{W}pStyle").get(f"{W}val"))
            for lvl in levels[:2]] == [("%1", "Heading1"), ("%1.%2", "Heading2")]


def test_headings_word_would_number_otherwise_keep_typed_numbers():
    """A number Word's count would not give (here an annex lettered A) is typed, and that
    heading is taken out of Word's list, so the numbers after it still match."""
    sections = (Section("s1", "One", (Clause("c1", "C", (), "1.1"),), "1"),
                Section("annex", "Annex", (Clause("c2", "D", (), "A.1"),), "A"),
                Section("s2", "Two", (Paragraph((Text("x"),)),), "2"))
    opened = docx.Document(io.BytesIO(write_docx(Document(info(), sections))))
    assert [text for _, text in shown_headings(opened)] == [
        "1\tOne", "1.1\tC", "A\tAnnex", "A.1\tD", "2\tTwo"]
    typed = [p for p in opened.paragraphs if p.text.startswith("A") and p.style.name.startswith("Heading")]
    assert all(p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") == "0" for p in typed)


WORD_PARTS = ("word/styles.xml", "word/document.xml", "word/fontTable.xml", "word/numbering.xml",
              "word/header1.xml", "word/footer1.xml", "word/footnotes.xml", "word/theme/theme1.xml")


def test_every_font_named_in_the_docx_is_one_word_ships(fixture_bytes):
    from termsheet.writers.fonts import WORD_FONTS
    named = set()
    for name, data in parts(fixture_bytes).items():
        if name in WORD_PARTS:
            root = etree.fromstring(data)
            for element in root.iter():
                for attribute, value in element.attrib.items():
                    local = attribute.rpartition("}")[2]
                    if local in ("ascii", "hAnsi", "eastAsia", "cs") and element.tag == f"{W}rFonts":
                        named.add(value)
                    elif local == "name" and element.tag == f"{W}font":
                        named.add(value)
                    elif local == "typeface" and value:
                        named.add(value)
                    elif local == "style" and "font-family" in value:  # VML text (a watermark)
                        family = re.search(r"font-family:\s*([^;]+)", value).group(1)
                        named.add(family.strip().strip('"\''))
    assert named and named <= WORD_FONTS, named - WORD_FONTS


def test_inserted_and_deleted_text_are_formatted(fixture_bytes):
    body = xml(fixture_bytes, "word/document.xml")
    styled = {r.findtext(f"{W}t"): r.find(f"{W}rPr/{W}rStyle").get(f"{W}val")
              for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}rStyle") is not None}
    assert styled["shall"] == "DeletedText"
    assert styled["may"] == "InsertedText"
    assert styled["will"] == "Emphasis"
    assert styled["where possible within 24 hours"] == "Strong"
    assert styled["Congress"] == "DefinedTerm"


def test_block_change_marks_format_the_whole_block():
    section = Section("s", "S", (Clause("c", "C", (Paragraph((Text("gone"),), change="deleted"),),
                                        "1.1", change="moved_to"),), "1")
    body = xml(write_docx(Document(info(), (section,))), "word/document.xml")
    run = body.xpath("//w:r[w:t='gone']", namespaces=NS)[0]
    assert run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "DeletedText"
    assert run.find(f"{W}rPr/{W}u") is not None  # the clause's insertion, as direct formatting


def test_marking_and_page_fields_on_every_page(fixture_bytes):
    header = xml(fixture_bytes, "word/header1.xml")
    footer = xml(fixture_bytes, "word/footer1.xml")
    assert "UNCLASSIFIED" in "".join(header.itertext())
    assert "UNCLASSIFIED" in "".join(footer.itertext())
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.xpath("count(//w:fldChar)", namespaces=NS) == 6
    section = xml(fixture_bytes, "word/document.xml").find(f"{W}body/{W}sectPr")
    refs = [(r.tag, r.get(f"{W}type")) for r in section if r.tag.endswith("Reference")]
    assert refs == [(f"{W}headerReference", "default"), (f"{W}footerReference", "default")]
    assert section.find(f"{W}titlePg") is None


def test_page_setup_is_a4(opened):
    section = opened.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)


# ------------------------------------------------------------------ metadata

def test_core_properties_are_all_set_from_the_document(opened):
    props = opened.core_properties
    assert props.title == info().title
    assert props.author == props.last_modified_by == "United States of America"
    assert props.subject == "Term sheet"
    assert props.keywords == "us-security-protocols; Term sheet; Negotiating draft"
    assert props.language == "en"
    assert props.identifier == "us-security-protocols"
    assert props.version == "0.3.0"
    assert props.content_status == "Negotiating draft"
    assert props.revision == 1
    for stamp in (props.created, props.modified, props.last_printed):
        assert stamp.isoformat() == "2026-02-02T00:00:00+00:00"


def test_nothing_machine_specific_leaks(fixture_bytes):
    files = parts(fixture_bytes)
    everything = b"".join(files.values())
    for leak in (b"python-docx", b"2013-12", b"rsid", b"Microsoft", b"attachedTemplate",
                 b"thumbnail", b"customXml", b"custom-properties", os.getcwd().encode()):
        assert leak not in everything, leak
    host = os.uname().nodename.encode()
    if len(host) >= 6:
        assert host not in everything
    assert b"<Application>termsheet</Application>" in files["docProps/app.xml"]


def test_document_language(fixture_bytes):
    styles = xml(fixture_bytes, "word/styles.xml")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en"
    ukrainian = write_docx(fixture_document(language="uk"))
    styles = xml(ukrainian, "word/styles.xml")
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "uk"
    assert not styles.xpath("//w:style//w:lang", namespaces=NS)
    assert docx.Document(io.BytesIO(ukrainian)).core_properties.language == "uk"
    footer = "".join(xml(ukrainian, "word/footer1.xml").itertext())
    assert "Сторінка" in footer


def test_no_none_text_when_optional_fields_are_missing():
    doc = fixture_document(supersedes=None, title_localized=(), marking=None, handling=(),
                           illustrative=False, disclaimer=None, negotiation_track=None)
    data = write_docx(doc)
    for name, content in parts(data).items():
        if name.endswith(".xml"):
            texts = etree.fromstring(content).itertext()
            assert "None" not in " ".join(texts), name
    opened = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in opened.paragraphs]
    assert "Illustrative Banner" not in styles and "Marking" not in styles
    assert "Disclaimer" not in styles
    assert "UNCLASSIFIED" not in "".join(xml(data, "word/footer1.xml").itertext())


# ------------------------------------------------------------------ text fidelity

def test_cyrillic_round_trips(opened):
    texts = [p.text for p in opened.paragraphs]
    assert ("Україна отримує гарантії безпеки від Сполучених Штатів і Коаліції охочих. "
            "Ґрунтовні «умови» — див. 2.1.") in texts


@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("  leading and trailing  ", "  leading and trailing  "),
    ("two  spaces\tand a tab", "two  spaces\tand a tab"),
    ("line\nfeed", "line\nfeed"),
    ("crlf\r\nbecomes one break", "crlf\nbecomes one break"),
    ("lone\rcr", "lone\ncr"),
    ("\n\nblank lines\n\n", "\n\nblank lines\n\n"),
    ("nbsp\u00a0and\u2011hyphen\u00adsoft", "nbsp\u00a0and\u2011hyphen\u00adsoft"),
    ("astral \U0001d400 and emoji \U0001f1fa\U0001f1e6", "astral \U0001d400 and emoji \U0001f1fa\U0001f1e6"),
    ("<xml> & \"quotes\" {{ 7*7 }}", "<xml> & \"quotes\" {{ 7*7 }}"),
    ("None", "None"),
])
def test_text_round_trips(text, expected):
    assert roundtrip(Text(text)) == expected


def test_line_break_nodes_round_trip():
    assert roundtrip(Text("a"), LineBreak(), Text("b")) == "a\nb"


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\x0c", "\x1b", "\ufffe", "\ud800"])
def test_characters_xml_cannot_hold_are_a_clear_error(bad):
    with pytest.raises(DocxTextError) as caught:
        roundtrip(Text(f"before{bad}after"))
    assert f"U+{ord(bad):04X}" in str(caught.value)
    assert isinstance(caught.value, RenderError)


def test_bad_character_error_names_the_field():
    section = Section("s", "S", (Clause("c", "C", (Paragraph((Text("x\x0b"),), id="p1",
                                                             origin=fixture_document().sections[1]
                                                             .children[0].origin),), "1.1"),), "1")
    with pytest.raises(DocxTextError, match=r"samples/fixture.yaml:97:5: commitments\[0\]"):
        write_docx(Document(info(), (section,)))
    with pytest.raises(DocxTextError, match="metadata.title"):
        write_docx(fixture_document(title="bad\x07title"))


def test_unknown_nodes_and_roles_are_errors():
    class Strange:
        pass

    with pytest.raises(UnknownNode):
        roundtrip(Strange())
    with pytest.raises(DocumentShapeError, match="role 'sidebar'"):
        roundtrip(Text("x"), role="sidebar")


# ------------------------------------------------------------------ reproducibility

RENDER = """
import sys
from docfixtures import fixture_document
from termsheet.writers.docx import write_docx
sys.stdout.buffer.write(write_docx(fixture_document()))
"""


def render_in_fresh_process(seed: str, **env) -> bytes:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(PYTHONHASHSEED=seed,
                       PYTHONPATH=os.pathsep.join([str(ROOT), str(Path(__file__).resolve().parents[1])]), **env)
    return subprocess.run([sys.executable, "-c", RENDER], env=environment, cwd=ROOT,
                          capture_output=True, check=True).stdout


def test_same_document_same_bytes_in_fresh_processes(fixture_bytes):
    first = render_in_fresh_process("1")
    second = render_in_fresh_process("2024")
    assert first == second
    if "SOURCE_DATE_EPOCH" not in os.environ:
        assert first == fixture_bytes


def test_zip_is_normalized(fixture_bytes):
    with zipfile.ZipFile(io.BytesIO(fixture_bytes)) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])
    for entry in infos:
        assert entry.date_time == (2026, 2, 2, 0, 0, 0)
        assert entry.external_attr >> 16 == 0o100644
        assert entry.create_system == 3
        assert entry.compress_type == zipfile.ZIP_DEFLATED
        assert entry.extra == b"" and entry.comment == b""


def test_source_date_epoch_sets_entry_times_and_core_dates():
    data = render_in_fresh_process("0", SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01T00:00:00Z
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    # one timestamp for the whole file, as the PDF writer does
    assert docx.Document(io.BytesIO(data)).core_properties.created.date().isoformat() == "2026-01-01"


def test_fixed_timestamp():
    assert zipnorm.fixed_timestamp("2026-02-02", environ={}).isoformat() == "2026-02-02T00:00:00+00:00"
    stamp = zipnorm.fixed_timestamp("2026-02-02", environ={"SOURCE_DATE_EPOCH": "0"})
    assert zipnorm.dos_date_time(stamp) == (1980, 1, 1, 0, 0, 0)  # clamped to the zip epoch
    with pytest.raises(zipnorm.TimestampError):
        zipnorm.fixed_timestamp("2026-02-02", environ={"SOURCE_DATE_EPOCH": "yesterday"})
    with pytest.raises(zipnorm.TimestampError):
        zipnorm.fixed_timestamp("02/02/2026", environ={})


def test_normalize_zip_is_idempotent_and_order_independent():
    when = zipnorm.midnight_utc("2026-02-02")
    forward = zipnorm.write_zip({"b.xml": b"b", "[Content_Types].xml": b"t", "a.xml": b"a"}, when)
    backward = zipnorm.write_zip({"a.xml": b"a", "b.xml": b"b", "[Content_Types].xml": b"t"}, when)
    assert forward == backward == zipnorm.normalize_zip(forward, when)


# ------------------------------------------------------------------ reference.docx override

@pytest.fixture
def office_templates(tmp_path) -> TemplateSet:
    """A drafting office's folder whose reference.docx is a typical Word file (python-docx's own
    template: thumbnail, custom XML, author "python-docx", 2013 dates, none of our styles)."""
    template = Path(docx.__file__).parent / "templates" / "default.docx"
    (tmp_path / "styles").mkdir()
    shutil.copy(template, tmp_path / "styles" / "reference.docx")
    return TemplateSet(tmp_path)


def test_override_reference_is_used_and_stripped(office_templates):
    data = write_docx(fixture_document(), templates=office_templates)
    files = parts(data)
    assert not [n for n in files if "customXml" in n or "thumbnail" in n or "custom.xml" in n]
    assert b"python-docx" not in b"".join(files.values())
    assert b"<Application>termsheet</Application>" in files["docProps/app.xml"]
    opened = docx.Document(io.BytesIO(data))
    styles = {s.name for s in opened.styles}
    assert {"Marking", "Illustrative Banner", "Term Table", "Inserted Text"} <= styles  # copied in
    assert [p.style.name for p in opened.paragraphs][:2] == ["Illustrative Banner", "Marking"]
    numbering = xml(data, "word/numbering.xml")
    assert numbering.xpath("//w:abstractNum/w:name/@w:val", namespaces=NS)[-3:] == [
        "termsheet bullet", "termsheet number", "termsheet headings"]
    assert [text for _, text in shown_headings(opened)][:2] == ["1\tParties and roles", "1.1\tParties"]
    assert opened.core_properties.author == "United States of America"


def test_unusable_reference_is_a_render_error(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "reference.docx").write_bytes(b"not a zip")
    with pytest.raises(RenderError, match="reference.docx"):
        write_docx(fixture_document(), templates=TemplateSet(tmp_path))


# ------------------------------------------------------------------ real samples

SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def build_sample(path: Path) -> Document:
    from termsheet.jobs.render import build_document
    from termsheet.source.validate import validate_file

    result = validate_file(path)
    assert result.sheet is not None, [d.message for d in result.diagnostics]
    return build_document(result.sheet, templates=TemplateSet(), source_file=str(path),
                          positions=result.document.positions if result.document else None)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_render_without_loss(path):
    from termsheet.document.nodes import ListBlock, Row, plain_text, row_lead, walk
    doc = build_sample(path)
    data = write_docx(doc)
    opened = docx.Document(io.BytesIO(data))
    texts = [p.text for p in opened.paragraphs]
    cells = [c.text for t in opened.tables for row in t.rows for c in row.cells]
    for node in walk(doc):
        if isinstance(node, Paragraph):
            assert plain_text(node.content) in texts
        elif isinstance(node, ListBlock):
            assert all(plain_text(item) in texts for item in node.items)
        elif isinstance(node, Row):  # the first cell led by the row's letter, "(a) "
            for index, cell in enumerate(node.cells):
                lead = plain_text(row_lead(node)) if index == 0 else ""
                assert lead + plain_text(cell.content) in cells
    headings = [text for _, text in shown_headings(opened)]
    expected = []
    for section in doc.sections:
        expected.append(f"{section.number}\t{section.title}" if section.number else section.title)
        expected += [f"{c.number}\t{c.title}" if c.number else c.title
                     for c in section.children if isinstance(c, Clause)]
    status_tags = re.compile(r"( \((bracketed|alternative|for discussion)\))+$")
    assert [status_tags.sub("", h) for h in headings] == expected
    body = xml(data, "word/document.xml")
    for table in body.iter(f"{W}tbl"):
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


# ------------------------------------------------------------------ performance

def test_long_document_renders_fast():
    doc = long_document()
    write_docx(doc)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        write_docx(doc)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.15 * 3  # target 150 ms; slack for a busy shared machine


# ------------------------------------------------------------------ LibreOffice

@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_to_pdf(tmp_path, fixture_bytes):
    source = tmp_path / "fixture.docx"
    source.write_bytes(fixture_bytes)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "fixture.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        pages = [page for page in text.split("\f") if page.strip()]
        assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
        assert all(page.count("UNCLASSIFIED") >= 2 for page in pages if page.strip())
        assert "Короткий виклад" in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed")
def test_a_word_processor_numbers_the_headings_and_updates_the_references(tmp_path, fixture_bytes):
    """LibreOffice computes the heading numbers from the list and recomputes every REF field
    from its bookmark: a stale stored result ("99.9") prints as the heading's number again."""
    files = parts(fixture_bytes)
    ref = files["word/document.xml"].index(b"REF cmt_armed_response")
    stale = files["word/document.xml"][ref:].replace(b"<w:t>2.2</w:t>", b"<w:t>99.9</w:t>", 1)
    files["word/document.xml"] = files["word/document.xml"][:ref] + stale
    source = tmp_path / "stale.docx"
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    text = subprocess.run(["pdftotext", str(tmp_path / "stale.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert "99.9" not in text
    for number, title in (("1", "Parties and roles"), ("1.2", "Guarantors and caveats"),
                          ("2.2", "Armed response (bracketed)")):
        assert f"{number} {title}" in " ".join(lines) or (number in lines and title in lines)
