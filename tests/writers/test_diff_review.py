"""What the side-by-side files tell a reviewer: why each change has its direction, the
header's sentences, the filters' data on the page, and the changes-only files.

The filters are driven in a real browser by ``writers/test_diff_browser.py``.
"""

from __future__ import annotations

import io
import re

import pytest

from sidefixtures import ANNOTATED, CHANGE, annotated, pair
from termsheet.compare.sidebyside import build_side_by_side, facets
from termsheet.writers.diff_docx import write_side_by_side_docx
from termsheet.writers.diff_html import write_side_by_side_html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def view_of(comparison, changes_only=False):
    _, old_doc, new_doc = pair("us-draft-v0.2", "us-draft")
    return build_side_by_side(comparison, old_doc, new_doc, changes_only=changes_only)


@pytest.fixture(scope="module")
def view():
    return view_of(annotated(pair("us-draft-v0.2", "us-draft")[0]))


@pytest.fixture(scope="module")
def html(view):
    return write_side_by_side_html(view)


def row(html: str, anchor: str) -> str:
    match = re.search(rf'<tbody id="{re.escape(anchor)}".*?</tbody>', html, re.S)
    assert match, anchor
    return match.group(0)


def in_order(text: str, *parts: str) -> bool:
    places = [text.find(part) for part in parts]
    return -1 not in places and places == sorted(places)


# ------------------------------------------------------------------ reasons

def test_change_column_gives_the_direction_with_its_reasons(html):
    cell = row(html, CHANGE).split('class="cell-change"')[1]
    why = "Why:</span> " + "; ".join(ANNOTATED["reasons"])
    status = f"Text status reopened:</span> {ANNOTATED['status_reason']}"
    flag = f"New lint warning:</span> {ANNOTATED['flags'][0]}"
    fact = ('modality</span>: will → may <span class="dir dir-weakened">(weakened)</span> '
            f'<span class="fact-reason">— {ANNOTATED["fact_reason"]}</span>')
    assert in_order(cell, "Modified · weakened", why, status, flag, fact)


def test_header_says_what_is_compared_from_whose_side_and_counts_labels(html, view):
    header = html.split("</header>")[0]
    assert view.mode_sentence in header and ANNOTATED["perspective"] in header
    assert f"<strong>Notice:</strong> {ANNOTATED['notices'][0]}" in header
    assert "<caption>By label</caption>" in header
    assert "A change may carry several labels" in header
    assert re.search(r'dir-reopened">Reopened</span></th><td>1</td>', header)


def test_docx_gives_the_same_reasons_and_header(view):
    import docx

    document = docx.Document(io.BytesIO(write_side_by_side_docx(view)))
    text = "\n".join(p.text for p in document.paragraphs)
    for phrase in (view.mode_sentence, ANNOTATED["perspective"], ANNOTATED["notices"][0],
                   "1 reopened", "A change may carry several labels"):
        assert phrase in text, phrase
    cells = [cell.text for table in document.tables for r in table.rows for cell in r.cells]
    cell = next(c for c in cells if ANNOTATED["flags"][0] in c)
    assert in_order(cell, "Modified · weakened", "Why: " + "; ".join(ANNOTATED["reasons"]),
                    "Text status reopened: " + ANNOTATED["status_reason"],
                    "New lint warning: " + ANNOTATED["flags"][0],
                    "modality: will → may (weakened) — " + ANNOTATED["fact_reason"])


# ------------------------------------------------------------------ the filters' data

def test_rows_changes_and_list_entries_carry_what_the_filters_match(html, view):
    choices = facets(view)
    for change in view.changes:
        data = (f'data-labels="{" ".join(change.filter_labels)}" data-kind="{change.kind}" '
                f'data-section="{change.section}" data-parties="{" ".join(change.parties)}"')
        assert html.count(data) >= 2, change.id  # its view in the row and its list entry
    assert len(re.findall(r'<tbody id="[^"]+" class="[^"]+" tabindex="-1" data-section="[^"]+"',
                          html)) == len(view.rows)
    for name, options in (("label", choices.labels), ("kind", choices.kinds),
                          ("section", choices.sections), ("party", choices.parties)):
        select = re.search(rf'<select id="filter-{name}".*?</select>', html, re.S).group(0)
        assert f'<label for="filter-{name}">' in html
        values = re.findall(r'<option value="([^"]*)">', select)
        assert values == [""] + [o.value for o in options]
    assert '<label for="filter-text">' in html and 'type="search" id="filter-text"' in html
    entry = re.search(rf'<li [^>]*><span class="num">[\d.]*</span> <a href="#{CHANGE}">.*?</li>',
                      html, re.S).group(0)
    assert f'<span class="short-reason">{ANNOTATED["fact_reason"]}</span>' in entry


def test_the_parties_filter_names_the_parties(view):
    choices = facets(view)
    assert ("us", "United States of America") in [(o.value, o.text) for o in choices.parties]


# ------------------------------------------------------------------ changes only

def test_changes_only_page_has_no_unchanged_rows_but_its_headings():
    short = view_of(pair("us-draft-v0.2", "us-draft")[0], changes_only=True)
    page = write_side_by_side_html(short)
    classes = re.findall(r'<tbody id="[^"]+" class="([^"]+)"', page)
    assert len(classes) == len(short.rows)
    for names in classes:
        if "unchanged" in names.split():
            assert "kind-section" in names or "heading-only" in names, names
    assert "Heading only, for context" in page
    assert f"<strong>Changes only:</strong> {short.omitted} rows without a change" in page


def test_changes_only_docx_has_no_unchanged_rows_but_keeps_headings():
    import docx

    full = view_of(pair("us-draft-v0.2", "us-draft")[0])
    short = view_of(pair("us-draft-v0.2", "us-draft")[0], changes_only=True)
    document = docx.Document(io.BytesIO(write_side_by_side_docx(short)))
    table = document.tables[-1]
    numbers = [tr for tr in table._tbl.iter(f"{W}tr")][1:]
    # one group of table rows per view row (its first <tr> restarts the merged number cell)
    starts = [tr for tr in numbers if tr.find(f"{W}tc/{W}tcPr/{W}vMerge") is None
              or tr.find(f"{W}tc/{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"]
    assert len(starts) == len(short.rows) < len(full.rows)
    text = "".join(t.text for t in table._tbl.iter(f"{W}t"))
    unchanged = [r for r in full.rows if not r.changed and r.kind not in ("section", "clause")]
    for gone in unchanged[:20]:
        assert gone.anchor not in {r.anchor for r in short.rows}
    for heading in ("3 Commitments", "4 Force posture", "Heading only, for context"):
        assert heading in text.replace("  ", " "), heading
    assert "Changes only:" in "\n".join(p.text for p in document.paragraphs)


def test_changes_only_of_identical_versions_renders():
    comparison, old_doc, _ = pair("us-draft", "us-draft")
    short = build_side_by_side(comparison, old_doc, old_doc, changes_only=True)
    page = write_side_by_side_html(short)
    assert "No differences." in page and "<tbody id=" not in page
    write_side_by_side_docx(short)


# ------------------------------------------------------------------ PDF

def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.slow
def test_changes_only_pdf_is_at_most_a_third_of_the_full_one():
    from termsheet.writers.diff_pdf import write_side_by_side_pdf

    comparison = pair("us-draft-v0.2", "us-draft")[0]
    full = pdf_pages(write_side_by_side_pdf(view_of(comparison)))
    short = pdf_pages(write_side_by_side_pdf(view_of(comparison, changes_only=True)))
    assert len(short) * 3 <= len(full), (len(short), len(full))
    text = " ".join(" ".join(page.split()) for page in short)
    assert "Changes only:" in text and "Heading only, for context" in text
    assert "3 Commitments" in text and "3.4 Support to the multinational force" in text


@pytest.mark.slow
def test_pdf_gives_the_reasons_and_the_header(view):
    from termsheet.writers.diff_pdf import write_side_by_side_pdf

    text = " ".join(" ".join(page.split())
                    for page in pdf_pages(write_side_by_side_pdf(view, source_date="2026-02-06")))
    for phrase in (ANNOTATED["perspective"], ANNOTATED["notices"][0], ANNOTATED["reasons"][0],
                   ANNOTATED["status_reason"], ANNOTATED["fact_reason"], "W-TEST-FLAG",
                   "A change may carry several labels", "Text status reopened"):
        assert phrase in text, phrase
