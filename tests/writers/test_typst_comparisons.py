"""The comparison PDFs on both engines: the side-by-side and the N-column document laid
out by Typst say what the WeasyPrint PDFs say, byte for byte the same twice, with user
text printed literally (never read as Typst markup).

Words are compared through the view: every word of every text the side-by-side prints
(:meth:`~termsheet.compare.side_rows.SideBySide.texts`) is looked for in each PDF's text,
read with pdftotext, whitespace removed and case folded (lines wrap differently); both
engines leave out the same words (the facts' own texts of a provenance change, which
both print as the field names only). The view's texts join the pieces of a cell without
a space (``forcesCanada``), so a word with a capital after a small letter is left out of
the comparison. The numbers printed are the same set on both engines, page numbers aside. WeasyPrint prints words for screen readers only
("deleted: ", "inserted: "), which are taken out of its text first.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from termsheet.compare import compare
from termsheet.compare.sidebyside import build_side_by_side
from termsheet.compose import build
from termsheet.document.nodes import Deleted, Inserted
from termsheet.document.transforms import apply_transforms
from termsheet.schema import TermSheet
from termsheet.writers.diff_pdf import write_side_by_side_pdf
from termsheet.writers.table import PDF_ENGINES
from termsheet.writers.typst_side_by_side import marked_data

from columnsfixtures import edited_columns, sample_columns
from samplefixtures import built, sample

INJECTION = '#read("/etc/passwd") $x^2$ [not *markup*] #strong[bold] ] [ \\ // <label> @ref'
SCREEN_READER_ONLY = re.compile(r"(?:inserted|deleted): ")


# ------------------------------------------------------------------ helpers

def pdf_text(data: bytes) -> str:
    """The PDF's text as pdftotext reads it, without "Page X of Y"."""
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return re.sub(r"Page \d+ of \d+", " ", text)


def squeeze(text: str) -> str:
    """No whitespace, no soft hyphens, compatibility forms folded, case folded."""
    text = unicodedata.normalize("NFKC", text.replace("\u00ad", ""))
    return "".join(text.split()).casefold()


GLUED = re.compile(r"[a-zа-яіїє][A-ZА-ЯІЇЄ]")


def view_words(view) -> set[str]:
    """The words of the view's texts, without those glued across two pieces."""
    return {word for _, text in view.texts() for word in re.findall(r"\w+", text)
            if not GLUED.search(word)}


def missing_words(view, text: str) -> set[str]:
    printed = squeeze(SCREEN_READER_ONLY.sub("", text))
    return {word for word in view_words(view) if word.casefold() not in printed}


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,:]\d+)*", text))


def view_of(old_name: str, new_sheet: TermSheet, new_doc):
    old_sheet, old_doc = sample(old_name).sheet, built(old_name)
    comparison = compare(old_sheet, new_sheet, old_file=f"{old_name}.yaml", new_file="new.yaml",
                         old_document=old_doc, new_document=new_doc)
    return build_side_by_side(comparison, old_doc, new_doc)


def edited_view(old_name: str, edit):
    """``old_name`` against a copy whose term-file data ``edit(data)`` changed in place."""
    data = sample(old_name).sheet.model_dump(mode="json")
    edit(data)
    sheet = TermSheet.model_validate(data)
    return view_of(old_name, sheet, apply_transforms(build(sheet, source_file="new.yaml")))


def marked_words(view) -> set[str]:
    """Every word inside an inserted or deleted mark of the view's rows."""
    found: set[str] = set()

    def walk(nodes, inside: bool):
        for node in nodes:
            mark = inside or isinstance(node, (Inserted, Deleted))
            text = getattr(node, "text", None)
            if mark and isinstance(text, str):
                found.update(re.findall(r"\w+", text))
            walk(getattr(node, "children", ()) or (), mark)

    for row in view.rows:
        for segment in row.segments:
            for piece in (segment.old, segment.new):
                for inlines in _piece_inlines(piece):
                    walk(inlines, False)
    return found


def _piece_inlines(piece):
    for name in ("content", "label"):
        value = getattr(piece, name, None)
        if isinstance(value, tuple):
            yield value
    yield from getattr(piece, "items", ()) or ()


# ------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def samples_view():
    return view_of("us-draft", sample("coalition-draft").sheet, built("coalition-draft"))


@pytest.fixture(scope="module")
def typst_samples_pdf(samples_view):
    return write_side_by_side_pdf(samples_view, pdf_engine="typst")


@pytest.fixture(scope="module")
def small_view():
    def edit(data):
        data["parties"][0]["name"] = "Ukraine (Україна)"
        data["metadata"]["disclaimer"] = "Illustrative sample; not a real document."
    return edited_view("minimal", edit)


# ------------------------------------------------------------------ side by side

@pytest.mark.slow
def test_both_engines_print_the_same_words_and_numbers(samples_view):
    texts = {engine: pdf_text(write_side_by_side_pdf(samples_view, pdf_engine=engine))
             for engine in PDF_ENGINES}
    typst, weasyprint = texts["typst"], SCREEN_READER_ONLY.sub("", texts["weasyprint"])
    assert numbers(typst) == numbers(weasyprint)
    missing = missing_words(samples_view, typst)
    assert missing == missing_words(samples_view, weasyprint)
    assert len(missing) < len(view_words(samples_view)) / 100
    for phrase in ("Modified · strengthened", "15 years → 10 years", "Not in the old version",
                   "Part of Donetsk oblast held by Ukraine", samples_view.perspective):
        assert squeeze(phrase) in squeeze(typst), phrase


def test_typst_side_by_side_is_landscape_tagged_titled_and_paged(samples_view, typst_samples_pdf):
    reader = PdfReader(io.BytesIO(typst_samples_pdf))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    assert reader.metadata.title == samples_view.title
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {pages}" in text
        assert text.count("UNCLASSIFIED") >= 2  # the marking at the top and the bottom


def test_typst_column_headings_repeat_on_every_page(samples_view, typst_samples_pdf):
    reader = PdfReader(io.BytesIO(typst_samples_pdf))
    old, new = samples_view.old_info, samples_view.new_info
    headings = (f"No. Old: {old.drafting_party} {old.version} ({old.date}) "
                f"New: {new.drafting_party} {new.version} ({new.date}) Change")
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    first = next(number for number, text in enumerate(texts) if headings in text)
    assert first < len(texts) / 4  # after the cover part
    assert all(headings in text for text in texts[first:])


def test_typst_bytes_are_the_same_twice(small_view):
    first = write_side_by_side_pdf(small_view, pdf_engine="typst", source_date="2026-02-01")
    assert first == write_side_by_side_pdf(small_view, pdf_engine="typst",
                                           source_date="2026-02-01")
    assert b"2026" in first and first != write_side_by_side_pdf(
        small_view, pdf_engine="typst", source_date="2027-02-01")


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_provision_text_that_looks_like_typst_prints_literally(engine):
    def edit(data):
        data["parties"][0]["name"] = INJECTION
        data["metadata"]["disclaimer"] = INJECTION
    data = write_side_by_side_pdf(edited_view("minimal", edit), pdf_engine=engine)
    text = " ".join(pdf_text(data).split())
    assert INJECTION in text
    assert b"root:x:0:0" not in data and not PdfReader(io.BytesIO(data)).attachments


def test_an_unknown_engine_is_refused(small_view):
    with pytest.raises(ValueError, match="unknown PDF engine 'latex'"):
        write_side_by_side_pdf(small_view, pdf_engine="latex")


def test_a_character_the_bundled_fonts_lack_is_refused_before_layout():
    from termsheet.errors import MissingGlyphError

    def edit(data):
        data["parties"][0]["name"] = "Ukraine \u4e2d"
    with pytest.raises(MissingGlyphError, match="U\\+4E2D"):
        write_side_by_side_pdf(edited_view("minimal", edit), pdf_engine="typst")


def test_invisible_characters_become_markers_at_any_depth():
    from termsheet.compare.sidebyside import Invisible
    from termsheet.document.nodes import Emphasis, Text

    nodes = (Inserted((Emphasis((Text("a"), Invisible("\u00a0"))),)),)
    assert marked_data(nodes) == [{"k": "ins", "c": [{"k": "em", "c": [
        {"k": "t", "s": "a"}, {"k": "inv", "s": "\u27e8NBSP\u27e9"}]}]}]


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщюяє#$[]",
               min_size=1, max_size=8)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.lists(WORD, min_size=1, max_size=4).map(" ".join),
       disclaimer=st.lists(WORD, min_size=1, max_size=6).map(" ".join))
def test_every_changed_word_of_a_generated_pair_is_in_the_typst_pdf(name, disclaimer):
    def edit(data):
        data["parties"][0]["name"] = name
        data["metadata"]["disclaimer"] = disclaimer
    view = edited_view("minimal", edit)
    printed = squeeze(pdf_text(write_side_by_side_pdf(view, pdf_engine="typst")))
    for word in marked_words(view):
        assert word.casefold() in printed, word


# ------------------------------------------------------------------ N columns

def test_typst_columns_repeat_the_heading_row_on_every_page():
    from termsheet.writers.columns_html import write_columns_pdf

    view = sample_columns()
    reader = PdfReader(io.BytesIO(write_columns_pdf(view, pdf_engine="typst")))
    heading = f"No. {' '.join(column.label for column in view.columns)} Status"
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert heading in " ".join(page.extract_text().split())


def test_typst_columns_print_user_text_literally_the_same_bytes_twice():
    from termsheet.writers.columns_html import write_columns_pdf

    def edit(data):
        data["commitments"][0]["title"] = INJECTION
    view = edited_columns(edit)
    data = write_columns_pdf(view, pdf_engine="typst")
    assert INJECTION in " ".join(pdf_text(data).split())
    assert b"root:x:0:0" not in data
    assert data == write_columns_pdf(view, pdf_engine="typst")
