"""Comparability: DOCX, PDF, HTML and Markdown say the same thing under the same numbers.

For both drafts the document is built once (`termsheet.jobs.render.build_document`) and
written to every format. Each format is read back the way a person or a tool reads
it — python-docx, pdftotext and the PDF outline, lxml on the HTML, the Markdown
rendered by a CommonMark parser — into one flat reading order:

    ("H", "3.4 Support to the multinational force (bracketed)")   a heading
    ("T", "The United States of America will provide …")          a block of text

and compared with the same sequence derived from the Document: every section and
clause heading with the same number and title, then every paragraph, list item,
table caption and cell, in the same order. Whitespace is normalised; for the PDF,
where lines wrap and tables interleave their cells, texts are matched in order
with whitespace and soft hyphens removed and case folded (the stylesheet sets
subheadings in capitals), and table cells word by word.

Headings carry the clause's text status (`(bracketed)`) in every format.

The PDF is read from both engines (WeasyPrint and Typst): each must say the same.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import docx
import lxml.html
import pypdf
import pytest
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from markdown_it import MarkdownIt

import docx_numbers
from conftest import ROOT
from termsheet.document.nodes import (
    Bracket, Clause, Deleted, Emphasis, Inserted, LineBreak, ListBlock, Paragraph, Reference, Table,
    Term, Text, annexes, body_sections, bracket_text, row_lead,
)
from termsheet.jobs.render import RenderOptions, build_document, write_format
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.html import label
from termsheet.writers.table import PDF_ENGINES

pytestmark = pytest.mark.slow

DRAFTS = ["us-draft", "coalition-draft"]


# ------------------------------------------------------------------- normalising

def norm(text: str) -> str:
    """One line, single spaces, no soft hyphens, compatibility forms folded (ligatures)."""
    text = unicodedata.normalize("NFKC", text.replace("\u00ad", ""))
    return " ".join(text.split())


def squeeze(text: str) -> str:
    """``norm`` without any whitespace, case-folded: immune to line wrapping in the PDF and
    to ``text-transform`` in the print stylesheet (subheadings are set in capitals)."""
    return "".join(norm(text).split()).casefold()


# ------------------------------------------------------- the Document's reading order

def inline_text(nodes) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, (Text, Term)):
            parts.append(node.text)
        elif isinstance(node, Reference):
            parts.append(node.number or node.target)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, (Emphasis, Inserted, Deleted)):
            parts.append(inline_text(node.children))
        elif isinstance(node, Bracket):
            parts.append(inline_text(bracket_text(node)))
        else:
            raise TypeError(f"unexpected inline node {node!r}")
    return "".join(parts)


def clause_heading(clause: Clause, *, status_tag: bool) -> str:
    tag = f" ({label(clause.status)})" if status_tag and clause.status != "agreed" else ""
    return norm(f"{clause.number} {clause.title}{tag}")


def block_items(block) -> list[tuple[str, str]]:
    """("T", text) for a block; table cells are ("C", text) (matched word by word in the PDF)."""
    if isinstance(block, Paragraph):
        return [("T", norm(inline_text(block.content)))]
    if isinstance(block, ListBlock):
        return [("T", norm(inline_text(item))) for item in block.items]
    if isinstance(block, Table):
        items = [("T", norm(block.caption))] if block.caption else []
        items += [("C", norm(heading)) for heading in block.header]
        for row in block.rows:
            items += [("C", norm(inline_text((row_lead(row) if index == 0 else ()) + cell.content)))
                      for index, cell in enumerate(row.cells)]
        return items
    raise TypeError(f"unexpected block {block!r}")


def expected_order(document, *, status_tag: bool = True) -> list[tuple[str, str]]:
    order = []
    for section in document.sections:
        order.append(("H", norm(f"{section.number} {section.title}")))
        for child in section.children:
            if isinstance(child, Clause):
                order.append(("H", clause_heading(child, status_tag=status_tag)))
                for block in child.blocks:
                    order.extend(block_items(block))
            else:
                order.extend(block_items(child))
    return order


def cells_as_text(order):
    """Cells are plain texts in the formats that keep tables whole (DOCX, HTML, Markdown)."""
    return [("T", text) if kind == "C" else (kind, text) for kind, text in order]


def body_only(order):
    """``order`` without the signature block, whose lines each format draws its own way
    (tests/writers/test_drafting_furniture.py checks it); the annexes after it are kept."""
    ends = [index for index, (_, text) in enumerate(order) if text == "Signatures"]
    if not ends:
        return order
    annexes = [index for index, (kind, _) in enumerate(order) if kind == "H" and index > ends[0]]
    return order[:ends[0]] + (order[annexes[0]:] if annexes else [])


def without_empty(order):
    return [(kind, text) for kind, text in order if text]


# --------------------------------------------------------------- reading each format

def docx_order(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    numbers = docx_numbers.labels(document)  # heading numbers are Word's list numbers
    order, started = [], False
    for element in document.element.body.iterchildren():
        tag = element.tag.rpartition("}")[2]
        if tag == "p":
            paragraph = DocxParagraph(element, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            started = started or style == "Heading 1"
            if not started:
                continue
            if style in ("Heading 1", "Heading 2"):
                order.append(("H", norm(docx_numbers.shown_text(paragraph, numbers))))
            else:
                order.append(("T", norm(paragraph.text)))
        elif tag == "tbl" and started:
            table = DocxTable(element, document)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    order.append(("T", norm(cell.text)))
    return body_only(without_empty(order))


def _html_order(root) -> list[tuple[str, str]]:
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    order = []
    for element in root.iter("h2", "h3", "p", "li", "caption", "th", "td"):
        if element.tag == "li" and element.find("p") is not None:
            continue  # a loose list item: its paragraphs are read instead
        kind = "H" if element.tag in ("h2", "h3") else "T"
        order.append((kind, norm(element.text_content())))
    return body_only(without_empty(order))


def html_order(data: bytes) -> list[tuple[str, str]]:
    root = lxml.html.document_fromstring(data.decode("utf-8"))
    [main] = root.xpath("//main")
    return _html_order(main)


def markdown_order(data: bytes) -> list[tuple[str, str]]:
    text = data.decode("utf-8")
    html = MarkdownIt("commonmark").enable("table").render(text)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    # The body starts at the first section heading; the closing rule and marking end it.
    first = root.xpath("./h2")[0]
    for sibling in list(first.itersiblings(preceding=True)):
        root.remove(sibling)
    rules = root.xpath("./hr")
    if rules:
        for sibling in list(rules[-1].itersiblings()):
            root.remove(sibling)
    return _html_order(root)


def pdf_text(data: bytes, tmp_path: Path, info) -> str:
    """The PDF's text in content order, without the running headers and footers and
    without the hyphens that automatic hyphenation adds at line ends."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    # Automatic hyphenation (``hyphens: auto`` in table cells) breaks a word with U+2010.
    text = text.replace("\u2010\n", "")
    footer = re.compile(rf"^{re.escape(info.doc_id)} v{re.escape(info.version)}\b.*Page \d+ of \d+$")
    kept = []
    for page in text.split("\f"):
        lines = page.splitlines()
        while lines and (lines[-1].strip() == (info.marking or "") or footer.match(lines[-1].strip())
                         or not lines[-1].strip()):
            lines.pop()
        kept.append("\n".join(lines))
    return "\n".join(kept)


def outline(data: bytes) -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield norm(item.title)
    return list(walk(pypdf.PdfReader(io.BytesIO(data)).outline))


# ------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module", params=DRAFTS)
def rendered(request):
    path = ROOT / "samples" / f"{request.param}.yaml"
    validation = validate_file(path)
    assert validation.sheet is not None
    templates = TemplateSet()
    document = build_document(validation.sheet, templates=templates, source_file=validation.path,
                              positions=validation.document.positions)
    options = RenderOptions(formats=("docx", "html", "md"), out_dir=Path("unused"))
    source = (path.name, path.read_bytes())
    files = {fmt: write_format(fmt, document, templates=templates, options=options, source=source)
             for fmt in options.formats}
    for engine in PDF_ENGINES:  # the PDF of each engine, as the render job asks for it
        options = RenderOptions(formats=("pdf",), out_dir=Path("unused"), pdf_engine=engine)
        files[pdf_key(engine)] = write_format("pdf", document, templates=templates,
                                              options=options, source=source)
    return document, files


def pdf_key(engine: str) -> str:
    """Where ``rendered`` keeps the PDF laid out by ``engine``."""
    return f"pdf-{engine}"


# ---------------------------------------------------------------------------- tests

def test_document_numbers_are_consecutive_and_unique(rendered):
    document, _ = rendered
    numbers = [section.number for section in annexes(document)]
    assert numbers == [f"Annex {letter}" for letter in "ABCDEFGHIJ"[:len(numbers)]]
    for s_index, section in enumerate(body_sections(document), start=1):
        assert section.number == str(s_index)
        numbers.append(section.number)
        clauses = [child for child in section.children if isinstance(child, Clause)]
        for c_index, clause in enumerate(clauses, start=1):
            assert clause.number == f"{s_index}.{c_index}"
            numbers.append(clause.number)
    assert len(numbers) == len(set(numbers)) > 40


def test_references_point_at_numbered_nodes(rendered):
    document, _ = rendered
    numbers = {}
    for section in document.sections:
        numbers[section.id] = section.number
        for child in section.children:
            if isinstance(child, Clause):
                numbers[child.id] = child.number

    def references(nodes):
        for node in nodes:
            if isinstance(node, Reference):
                yield node
            elif isinstance(node, (Emphasis, Inserted, Deleted)):
                yield from references(node.children)

    found = 0
    for section in document.sections:
        for child in section.children:
            blocks = child.blocks if isinstance(child, Clause) else (child,)
            for block in blocks:
                inline_lists = ([block.content] if isinstance(block, Paragraph) else
                                list(block.items) if isinstance(block, ListBlock) else
                                [cell.content for row in block.rows for cell in row.cells])
                for nodes in inline_lists:
                    for reference in references(nodes):
                        found += 1
                        assert reference.number, reference
                        if reference.target in numbers:
                            assert reference.number == numbers[reference.target]
    assert found > 20


def test_docx_has_the_same_headings_and_texts(rendered):
    document, files = rendered
    assert docx_order(files["docx"]) == without_empty(cells_as_text(expected_order(document)))


def test_html_has_the_same_headings_and_texts(rendered):
    document, files = rendered
    assert html_order(files["html"]) == without_empty(cells_as_text(expected_order(document)))


def test_html_headings_carry_number_and_title_in_their_parts(rendered):
    document, files = rendered
    root = lxml.html.document_fromstring(files["html"].decode("utf-8"))
    furniture = {"Contents", "Signatures"}  # unnumbered headings before and after the body
    found = [(h.get("data-outline"), norm(h.find("span").text_content()))
             for h in root.xpath("//main//h2 | //main//h3") if h.get("data-outline") not in furniture]
    expected = []
    for section in document.sections:
        expected.append((f"{section.number} {section.title}", section.number))
        expected += [(f"{c.number} {c.title}", c.number)
                     for c in section.children if isinstance(c, Clause)]
    assert found == expected


def test_markdown_has_the_same_headings_and_texts(rendered):
    document, files = rendered
    expected = without_empty(cells_as_text(expected_order(document)))
    assert markdown_order(files["md"]) == expected


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_outline_has_the_same_numbers_and_headings(rendered, engine):
    document, files = rendered
    expected = []
    for section in body_sections(document):
        expected.append(norm(f"{section.number} {section.title}"))
        expected += [norm(f"{c.number} {c.title}") for c in section.children
                     if isinstance(c, Clause)]
    signatures = ["Signatures"] if document.info.signatories else []
    after = [norm(f"{annex.number} {annex.title}") for annex in annexes(document)]
    assert outline(files[pdf_key(engine)]) == ["Contents", *expected, *signatures, *after]


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_text_has_the_same_headings_and_texts_in_order(rendered, tmp_path, engine):
    document, files = rendered
    text = squeeze(pdf_text(files[pdf_key(engine)], tmp_path, document.info))
    position, table_start, problems = 0, 0, []
    for kind, expected in without_empty(expected_order(document)):
        if kind == "C":
            # Cells of one row share lines; each word must still be there, in the table.
            missing = [word for word in expected.split() if squeeze(word) not in text[table_start:]]
            if missing:
                problems.append(f"table cell {expected!r}: missing {missing}")
            continue
        found = text.find(squeeze(expected), position)
        if found < 0:
            problems.append(f"{kind} {expected!r} not found after offset {position}")
            continue
        position = table_start = found + len(squeeze(expected))
        if kind == "H":
            table_start = position
    assert not problems, "\n".join(problems[:20])


def test_every_format_shows_each_clause_status_the_same_way(rendered, tmp_path):
    """A clause that is not agreed is marked in every heading-bearing format alike."""
    document, files = rendered
    tagged = [clause_heading(c, status_tag=True)
              for s in document.sections for c in s.children
              if isinstance(c, Clause) and c.status != "agreed"]
    assert tagged, "the drafts have bracketed or alternative clauses"
    status_tags = tuple({f" ({label(c.status)})" for s in document.sections for c in s.children
                         if isinstance(c, Clause) and c.status != "agreed"})
    headings = {
        "docx": [t for k, t in docx_order(files["docx"]) if k == "H"],
        "html": [t for k, t in html_order(files["html"]) if k == "H"],
        "md": [t for k, t in markdown_order(files["md"]) if k == "H"],
    }
    for fmt, found in headings.items():
        assert [h for h in found if h.endswith(status_tags)] == tagged, fmt
    for engine in PDF_ENGINES:
        pdf = squeeze(pdf_text(files[pdf_key(engine)], tmp_path, document.info))
        assert all(squeeze(heading) in pdf for heading in tagged), engine
