"""PDF writer: pages, metadata, outline, text, tags, attachments, safety and reproducibility.

The tests of what a PDF holds run against both engines (``pdf_engine``: WeasyPrint and
Typst); those of WeasyPrint's own guards (stylesheets, its warnings, its alarm) against
WeasyPrint only. PDFs are never compared by bytes with a golden file (fonts and library
versions move them); two renders on this machine must be byte-identical, though.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pypdf
import pytest

from htmlfixtures import LONG_TOKEN, hostile_document, redline_document, sample_document, sample_info
from termsheet.writers.furniture import labels_for
from termsheet.document.nodes import Clause, Document, Paragraph, Section, Text
from termsheet.errors import MissingGlyphError, RenderError
from termsheet.resources import TemplateSet, data_dir
from termsheet.writers.glyphs import check_glyphs
from termsheet.writers.pdf import VARIANTS, font_families, write_pdf
from termsheet.writers.table import PDF_ENGINES

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parents[1]
PRINT_CSS = (data_dir("templates") / "styles" / "print.css").read_text(encoding="utf-8")
YAML = "# yaml-language-server: $schema=../schemas/termsheet.schema.json\nmetadata: {}\n".encode()


@pytest.fixture(autouse=True)
def no_weasyprint_logs(caplog):
    """Like WeasyPrint's own tests: a render that logs anything is a failure."""
    caplog.set_level(logging.INFO, logger="weasyprint")
    yield
    logged = [r for r in caplog.records
              if r.name.startswith("weasyprint") and r.name != "weasyprint.progress"]
    assert not logged, [r.getMessage() for r in logged]


@pytest.fixture(scope="module", params=PDF_ENGINES)
def engine(request) -> str:
    """Each PDF engine in turn."""
    return request.param


def render(doc: Document, engine: str, **options) -> bytes:
    return write_pdf(doc, pdf_engine=engine, **options)


@pytest.fixture(scope="module")
def sample_pdf(engine) -> bytes:
    return render(sample_document(), engine)


@pytest.fixture(scope="module")
def archival_pdf(engine) -> bytes:
    return render(sample_document(), engine, variant="pdf/a-3b",
                  attachment=("us-draft.yaml", YAML))


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def outline_titles(items, depth=0) -> list[tuple[int, str]]:
    titles = []
    for item in items:
        if isinstance(item, list):
            titles += outline_titles(item, depth + 1)
        else:
            titles.append((depth, item.title))
    return titles


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """pdftotext (poppler) per page, in content-stream order: what a reader copying text gets."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def heading_texts(doc: Document) -> list[tuple[int, str]]:
    expected = []
    for section in doc.sections:
        expected.append((0, f"{section.number} {section.title}"))
        expected += [(1, f"{c.number} {c.title}") for c in section.children if isinstance(c, Clause)]
    return expected


# ------------------------------------------------------------- the document

def test_pages_and_metadata(sample_pdf):
    pdf = reader(sample_pdf)
    assert len(pdf.pages) == 2
    assert [round(float(v)) for v in pdf.pages[0].mediabox[2:]] == [595, 842]  # A4
    meta = pdf.metadata
    assert meta.title == "Security Protocols for Ukraine — Term Sheet (Fixture)"
    assert meta.author == "United States of America"
    assert meta["/Subject"] == "Term sheet, version 0.3.0, Negotiating draft"
    assert "fixture-protocols" in meta["/Keywords"]
    assert meta["/CreationDate"] == meta["/ModDate"]
    assert meta["/CreationDate"].startswith("D:20260202")
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_outline_matches_sections_and_clauses(sample_pdf):
    assert outline_titles(reader(sample_pdf).outline) == all_headings(sample_document())


def test_text_has_numbers_headings_marking_and_page_numbers(sample_pdf, tmp_path):
    pages = page_texts(sample_pdf, tmp_path)
    assert len(pages) == 2
    everything = "\n".join(pages)
    flat = re.sub(r"\s+", " ", everything)  # the hanging numbers are boxes of their own
    for _, heading in heading_texts(sample_document()):
        assert heading in flat
    for number, page in enumerate(pages, start=1):
        assert page.count("UNCLASSIFIED") >= 2, "marking at the top and the bottom of each page"
        assert f"Page {number} of 2" in page
        assert "fixture-protocols v0.3.0" in page
    assert "Протоколи безпеки для України — умови" in pages[0]
    assert "Протоколы безопасности для Украины" in pages[0]
    assert LONG_TOKEN in everything.replace("\n", ""), "the long token wraps, nothing is cut"


def test_nothing_runs_off_the_page(sample_pdf, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(sample_pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) <= 595.28 - 20 / 25.4 * 72 + 1  # A4 minus 20 mm


def test_tagged_by_default_and_untagged_on_request(sample_pdf, engine):
    root = reader(sample_pdf).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid" in reader(sample_pdf).xmp_metadata.stream.get_data()
    plain = reader(render(sample_document(), engine, variant="none")).trailer["/Root"]
    assert "/StructTreeRoot" not in plain


def test_archival_pdf_embeds_exactly_the_source(archival_pdf):
    pdf = reader(archival_pdf)
    assert pdf.attachments == {"us-draft.yaml": [YAML]}
    assert b"pdfaid" in pdf.xmp_metadata.stream.get_data()
    assert "/StructTreeRoot" in pdf.trailer["/Root"]


def test_no_embedded_files_without_attachment(sample_pdf):
    assert reader(sample_pdf).attachments == {}


def test_variant_names_are_checked(engine):
    assert set(VARIANTS) == {"pdf/ua-1", "pdf/a-3b", "none"}
    for bad in ("pdf/x-4", "PDF/UA-1", "pdf/a-3", "", "debug"):
        with pytest.raises(ValueError, match="unknown PDF variant"):
            render(sample_document(), engine, variant=bad)


def test_engine_names_are_checked():
    with pytest.raises(ValueError, match="unknown PDF engine 'latex'; allowed: typst, weasyprint"):
        write_pdf(sample_document(), pdf_engine="latex")


@pytest.mark.parametrize("name", ["../x.yaml", "a/b.yaml", "", "..", "x\n.yaml"])
def test_attachment_names_must_be_plain(name, engine):
    with pytest.raises(RenderError, match="plain file name"):
        render(sample_document(), engine, variant="pdf/a-3b", attachment=(name, YAML))


def test_redline_renders_with_its_marks(tmp_path, engine):
    doc = redline_document()
    pdf = render(doc, engine)
    assert outline_titles(reader(pdf).outline)[:4] == [
        (0, "Contents"), (0, "1 Scope"), (1, "1.1 Response time"), (1, "1.2 Interim arrangements")]
    text = "\n".join(page_texts(pdf, tmp_path))
    assert "(moved from here)" in text and "(inserted)" in text


# ---------------------------------------------------------------- Cyrillic

def ukrainian_document() -> Document:
    info = sample_info(language="uk", title="Протоколи безпеки для України",
                       title_localized=(("en", "Security Protocols for Ukraine"),),
                       drafting_party="Україна", status="робочий проєкт")
    clause = Clause(id="guarantees", number="1.1", title="Гарантії безпеки", blocks=(
        Paragraph((Text("Гаранти надають Україні гарантії безпеки; «ґ», «є», «ї», «і», "
                        "рос.: «ы», «э», «ё»."),)),))
    return Document(info, (Section("obligations", "Зобов’язання", (clause,), number="1"),))


def test_cyrillic_text_keeps_its_glyphs(tmp_path, engine):
    pdf = render(ukrainian_document(), engine)
    text = "\n".join(page_texts(pdf, tmp_path))
    assert "Гаранти надають Україні гарантії безпеки; «ґ», «є», «ї», «і»" in text
    assert "«ы», «э», «ё»" in text
    flat = re.sub(r"\s+", " ", text)  # the hanging numbers are boxes of their own
    assert "1 Зобов’язання" in flat and "1.1 Гарантії безпеки" in flat
    meta = reader(pdf)
    assert meta.metadata.title == "Протоколи безпеки для України"
    assert meta.metadata.author == "Україна"
    assert meta.trailer["/Root"]["/Lang"] == "uk"
    assert outline_titles(meta.outline) == all_headings(ukrainian_document())


# ------------------------------------------------------------------ glyphs

def test_missing_glyph_names_the_character_and_the_field(engine):
    doc = sample_document()
    clause = doc.sections[1].children[0]
    broken = dataclasses.replace(clause, blocks=(
        Paragraph((Text("Signed at 北京"),), origin=clause.origin),))
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(
        doc.sections[1], children=(broken,)),))
    with pytest.raises(RenderError) as caught:
        render(doc, engine)
    message = str(caught.value)
    assert caught.value.code == "missing-glyph"
    assert "U+4E0A" in message or "U+5317" in message
    assert "samples/fixture.yaml:117:5: commitments[0]" in message
    assert "DejaVu" in message


def test_missing_glyph_in_the_header_is_named(engine):
    with pytest.raises(RenderError, match=r"document title: no glyph for U\+0F00 TIBETAN"):
        render(sample_document(title="Terms ༀ"), engine)


def test_a_character_only_a_bold_face_has_is_missing_in_the_other_faces(engine):
    """DejaVu Sans Bold has U+1D5D4, its regular face does not: regular text would take it
    from a font the stylesheet does not name (docs/threats.md, case 55)."""
    with pytest.raises(MissingGlyphError) as caught:
        render(sample_document(title="Terms \U0001D5D4"), engine)
    assert caught.value.characters == ("\U0001D5D4",)
    assert "in the regular, italic and bold italic faces of the fonts" in caught.value.detail


@pytest.mark.parametrize("families, lacking", [
    (("DejaVu Sans",), ("italic", "bold italic")),  # U+0606 is in its regular and bold faces only
    (("Liberation Sans", "DejaVu Sans"), ("italic", "bold italic")),
    (("Liberation Sans",), ("regular", "bold", "italic", "bold italic")),
])
def test_every_face_of_the_named_families_is_checked(families, lacking):
    doc = sample_document(title="Cube root \u0606")
    with pytest.raises(MissingGlyphError) as caught:
        check_glyphs(doc, families)
    assert caught.value.characters == ("\u0606",)
    faces = "" if len(lacking) == 4 else f"the {' and '.join(lacking)} faces of "
    assert f"in {faces}the fonts {', '.join(families)}" in caught.value.detail


def test_font_families_are_read_from_the_stylesheet():
    assert font_families(PRINT_CSS) == (
        "Liberation Sans", "Arial", "DejaVu Sans", "sans-serif",
        "Liberation Serif", "Times New Roman", "DejaVu Serif", "serif")
    assert font_families('p { font: italic bold 12px/30px Georgia, "Liberation Serif" }') == (
        "Georgia", "Liberation Serif")


# -------------------------------------------------------------- safety

PAYLOAD = ('<a rel="attachment" href="file:///etc/passwd">x</a><img src="file:///etc/passwd">'
           '<link rel=stylesheet href="file:///etc/passwd">{{ 7*7 }}')


def test_html_in_data_is_text_not_links_or_files(tmp_path, engine):
    pdf = render(hostile_document(PAYLOAD), engine)
    document = reader(pdf)
    assert document.attachments == {}
    for page in document.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert "/URI" not in action, action
    text = "".join(page_texts(pdf, tmp_path))
    assert 'href="file:///etc/passwd"' in text and "{{ 7*7 }}" in text
    assert b"root:x:0:0" not in pdf


def test_hostile_archival_pdf_has_only_the_requested_attachment(engine):
    pdf = render(hostile_document(PAYLOAD), engine, variant="pdf/a-3b",
                 attachment=("src.yaml", YAML))
    assert reader(pdf).attachments == {"src.yaml": [YAML]}


def override(tmp_path: Path, css: str) -> TemplateSet:
    (tmp_path / "styles").mkdir(exist_ok=True)
    (tmp_path / "styles" / "print.css").write_text(PRINT_CSS + "\n" + css, encoding="utf-8")
    return TemplateSet(tmp_path)


@pytest.mark.parametrize("css", [
    "@import url(file:///etc/passwd);",
    "@import url(http://127.0.0.1:9/x.css);",
    "body { background: url(../../x.png) }",
    "body { background: url(assets/%2e%2e/%2e%2e/x.png) }",
    "body { background: url(file:///etc/passwd) }",
    "@font-face { font-family: X; src: url(file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf) }"
    " h1 { font-family: X }",
    "body { background: url(data:text/css,x) }",
])
def test_user_stylesheet_cannot_fetch_other_files(tmp_path, css):
    if css.startswith("@import"):
        css = css + PRINT_CSS  # @import must come first to be honoured
        (tmp_path / "styles").mkdir()
        (tmp_path / "styles" / "print.css").write_text(css, encoding="utf-8")
        templates = TemplateSet(tmp_path)
    else:
        templates = override(tmp_path, css)
    with pytest.raises(RenderError) as caught:
        write_pdf(sample_document(), templates=templates)
    assert caught.value.code == "unsafe-resource"
    assert "refused to fetch" in str(caught.value)


def test_user_stylesheet_symlinked_asset_is_refused(tmp_path):
    templates = override(tmp_path, "h1 { background: url(assets/logo.png) }")
    (tmp_path / "styles" / "assets").mkdir()
    os.symlink("/etc/passwd", tmp_path / "styles" / "assets" / "logo.png")
    with pytest.raises(RenderError, match="unsafe|refused"):
        write_pdf(sample_document(), templates=templates)


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_user_stylesheet_may_use_its_own_assets(tmp_path):
    templates = override(tmp_path, ".doc-header { background: url(assets/logo.png) no-repeat }")
    (tmp_path / "styles" / "assets").mkdir()
    (tmp_path / "styles" / "assets" / "logo.png").write_bytes(PNG)
    assert reader(write_pdf(sample_document(), templates=templates)).pages


def test_weasyprint_warning_is_an_error(tmp_path, caplog):
    templates = override(tmp_path, "h1 { colour: red; bookmark-level: seven }")
    with pytest.raises(RenderError) as caught:
        write_pdf(sample_document(), templates=templates)
    assert caught.value.code == "render-warning"
    assert "colour" in str(caught.value)
    caplog.clear()  # the warning was expected here


def test_runaway_layout_is_stopped():
    doc = sample_document()
    many = tuple(dataclasses.replace(doc.sections[0], id=f"s{i}", number=str(i),
                                     children=(Paragraph((Text("word " * 400),)),))
                 for i in range(60))
    with pytest.raises(RenderError) as caught:
        write_pdf(dataclasses.replace(doc, sections=many), timeout=0.3)
    assert caught.value.code == "render-timeout"


def test_timeout_needs_the_main_thread():
    errors = []
    thread = threading.Thread(target=lambda: errors.append(
        pytest.raises(ValueError, write_pdf, sample_document(), timeout=5)))
    thread.start()
    thread.join()
    assert errors and "main thread" in str(errors[0].value)


# -------------------------------------------------------- reproducibility

RENDER = """
import sys
sys.path.insert(0, {tests!r})
from htmlfixtures import sample_document
from termsheet.writers.pdf import write_pdf
pdf = write_pdf(sample_document(), variant=sys.argv[1], attachment=("s.yaml", b"a: 1\\n"),
                pdf_engine=sys.argv[2])
sys.stdout.buffer.write(pdf)
"""


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3b"])
def test_two_fresh_processes_give_identical_bytes(variant, engine):
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        outputs.append(subprocess.run(
            [sys.executable, "-c", RENDER.format(tests=str(TESTS)), variant, engine],
            env=env, check=True, capture_output=True).stdout)
    assert outputs[0][:5] == b"%PDF-"
    assert outputs[0] == outputs[1]


def test_dates_come_from_the_document_or_source_date_epoch(monkeypatch, sample_pdf, engine):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    pdf = render(sample_document(), engine)
    assert reader(pdf).metadata["/CreationDate"].startswith("D:20260101000000")
    assert pdf != sample_pdf
    explicit = render(sample_document(), engine, source_date="2025-12-24")
    assert reader(explicit).metadata["/CreationDate"].startswith("D:20251224")
    with pytest.raises(RenderError, match="date"):
        render(sample_document(), engine, source_date="yesterday")


def test_identifier_follows_the_input(sample_pdf, engine):
    """WeasyPrint hashes the input into both parts of the ``/ID``; Typst keeps the first,
    permanent part for a title and author, and changes the second with the content."""
    other = render(sample_document(version="0.3.1"), engine)
    first, second = (reader(pdf).trailer["/ID"][-1] for pdf in (sample_pdf, other))
    assert first != second


# ----------------------------------------------------------- real samples

def built_sample(name: str) -> Document:
    from termsheet.jobs.render import build_document
    from termsheet.source.validate import validate_file

    result = validate_file(data_dir("samples") / f"{name}.yaml")
    assert result.sheet is not None, result.diagnostics
    return build_document(result.sheet, templates=TemplateSet(), source_file=f"samples/{name}.yaml",
                          positions=result.document.positions)


def all_headings(doc: Document) -> list[tuple[int, str]]:
    """(depth, "number title") of every section and clause, as the outline should list them,
    after the contents and before the signature block of an agreement."""
    labels = labels_for(doc.info.language)
    headings = [(0, labels["contents"])]
    for section in doc.sections:
        headings.append((0, " ".join(filter(None, (section.number, section.title)))))
        headings += [(1, " ".join(filter(None, (c.number, c.title))))
                     for c in section.children if isinstance(c, Clause)]
    return headings + ([(0, labels["signatures"])] if doc.info.signatories else [])


def test_us_sample_renders_with_outline_text_and_source(tmp_path, engine):
    doc = built_sample("us-draft")
    source = (data_dir("samples") / "us-draft.yaml").read_bytes()
    pdf = render(doc, engine, variant="pdf/a-3b", attachment=("us-draft.yaml", source))
    document = reader(pdf)
    assert len(document.pages) > 10
    assert outline_titles(document.outline) == all_headings(doc)
    assert document.attachments == {"us-draft.yaml": [source]}
    assert document.metadata.title == doc.info.title
    pages = page_texts(pdf, tmp_path)
    flat = re.sub(r"\s+", " ", "\n".join(pages))
    for _, heading in all_headings(doc):
        assert heading in flat
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
