"""HTML writer: golden page, structure, escaping of every field, template safety rules."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from goldens import GOLDEN, assert_golden
from htmlfixtures import (
    LONG_TOKEN, get_path, hostile_document, redline_document, replace_path, sample_document,
    sample_info, string_fields,
)
from termsheet.document.nodes import (
    Clause, Document, Paragraph, Section, Table, Text, UnknownNode,
)
from termsheet.errors import RenderError
from termsheet.resources import TemplateSet, data_dir
from termsheet.writers.html import render_inline, write_html

TEMPLATES = data_dir("templates")


class Page(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def without_css(html: str) -> str:
    """The page with the stylesheets' text left out (they have tests of their own)."""
    return re.sub(r"(<style[^>]*>).*?(</style>)", r"\1…\2", html, flags=re.S)


# ------------------------------------------------------------------- golden

@pytest.mark.parametrize("name, make", [("sample", sample_document),
                                        ("redline", redline_document)])
def test_golden_page(name, make):
    assert_golden(GOLDEN / "html" / f"{name}.html", without_css(write_html(make())))


# ---------------------------------------------------------------- structure

def test_page_structure():
    html = write_html(sample_document())
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.find("html") == [{"lang": "en"}]
    assert {"charset": "utf-8"} in page.find("meta")
    assert "<title>Security Protocols for Ukraine — Term Sheet (Fixture)</title>" in html
    assert len(page.find("h1")) == 1
    assert '<h2 data-outline="1 Parties and roles"><span class="num">1</span> Parties and roles</h2>' in html
    assert '<h3 data-outline="2.1 Air policing"><span class="num">2.1</span> Air policing</h3>' in html
    section_ids = [a["id"] for a in page.find("section") if "id" in a]
    assert section_ids == ["parties", "guarantors", "beneficiary", "commitments", "air-policing",
                           "reassurance-force", "review-and-duration", "review"]
    assert len(page.find("thead")) == 1 and page.find("th")[0] == {"scope": "col"}
    assert page.find("nav") and page.find("main") and page.find("header")


def test_header_block():
    page = Page(write_html(sample_document()))
    text = "".join(page.text)
    for expected in ("UNCLASSIFIED", "DRAFT — WITHOUT PREJUDICE", "Illustrative — not a real document",
                     "Term sheet", "Supersedes", "0.2.0", "Negotiating draft", "2026-02-02",
                     "United States of America", "Протоколи безпеки для України — умови",
                     "Disclaimer.", "fixture-protocols v0.3.0"):
        assert expected in text
    assert {"class": "title-localized", "lang": "uk"} in page.find("p")
    assert {"class": "title-localized", "lang": "ru"} in page.find("p")


def test_optional_values_never_print_none():
    doc = sample_document(supersedes=None, marking=None, handling=(), illustrative=False,
                          disclaimer=None, negotiation_track=None, title_localized=())
    html = write_html(doc)
    assert "None" not in html
    assert "supersedes" not in html and "Disclaimer" not in html and "Illustrative" not in html


def test_codes_print_as_words():
    html = write_html(sample_document(document_type="term_sheet", status="negotiating_draft"))
    assert "negotiating draft" in html and "negotiating_draft" not in html
    assert "term sheet" in html


def test_self_contained_without_external_resources():
    html = write_html(sample_document())
    page = Page(html)
    assert not page.find("link") and not page.find("img") and not page.find("script")
    for name, attrs in page.tags:
        assert "src" not in attrs
        if "href" in attrs:
            assert re.fullmatch(r"#[a-z][a-z0-9._-]*", attrs["href"]), attrs
    assert "@import" not in html and "url(" not in html


def test_for_print_has_print_css_only_and_the_toc_for_page_numbers():
    html = write_html(sample_document(), for_print=True)
    assert '<nav class="toc"' in html and "target-counter(attr(href url), page)" in html
    assert html.count("<style") == 1 and "@page" in html and 'media="all"' in html


def test_cross_references_link_only_to_existing_ids():
    page = Page(write_html(sample_document()))
    hrefs = {a["href"] for a in page.find("a") if a.get("class") == "xref"}
    assert hrefs == {"#air-policing", "#review"}
    assert "unknown-target" in "".join(page.text)


def test_inserted_and_deleted_carry_words_for_screen_readers():
    html = write_html(sample_document())
    assert ('<del><span class="visually-hidden">deleted: </span>up to 15,000</del>'
            '<ins><span class="visually-hidden">inserted: </span>at least 10,000</ins>') in html
    assert ".visually-hidden" in html


def test_redline_marks_and_moved_clause_anchor_once():
    html = write_html(redline_document())
    page = Page(html)
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    assert ids.count("monitoring-mission") == 1
    assert '<section class="clause status-agreed change-moved_to" id="monitoring-mission">' in html
    assert '<section class="clause status-agreed change-moved_from">' in html
    assert '<tr class="change-deleted">' in html and "(moved from here)" in html


def test_long_token_can_wrap():
    """A long token (a URL) may break anywhere; ordinary words and names never do."""
    html = write_html(sample_document())
    assert f'<span class="long-token">{LONG_TOKEN}</span>' in html
    assert '<span class="long-token">United' not in html
    for css in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S):
        assert re.search(r"\.long-token \{[^}]*overflow-wrap: anywhere", css)
        assert "hyphens: auto" not in css


# ------------------------------------------------------------------ escaping

PAYLOADS = [
    '<a rel="attachment" href="file:///etc/passwd">x</a>',
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="file:///etc/passwd">',
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
    "{{ 7*7 }}{% if true %}yes{% endif %}",
    "</style><style>@import url(file:///etc/passwd);</style>",
    "&amp; &lt;b&gt;",
]


NOT_PRINTED = {("info", "source_file")}
STRING_FIELDS = [path for path in string_fields(sample_document()) if path not in NOT_PRINTED]


def test_every_kind_of_field_is_covered():
    kinds = {path[-1] for path in STRING_FIELDS if isinstance(path[-1], str)}
    assert {"title", "text", "caption", "marking", "disclaimer", "drafting_party", "version",
            "document_type", "negotiation_track", "supersedes"} <= kinds
    assert any("header" in path for path in STRING_FIELDS)
    assert any("handling" in path for path in STRING_FIELDS)


def _ours(page) -> list[str]:
    """The page's tags, leaving out the spans that mark a long token (made by the writer
    around escaped text, never from the text)."""
    return [tag for tag, attrs in page.tags
            if not (tag == "span" and attrs == {"class": "long-token"})]


@pytest.mark.parametrize("path", STRING_FIELDS, ids=lambda p: ".".join(map(str, p)))
def test_html_in_each_field_is_escaped(path):
    doc = sample_document()
    payload = PAYLOADS[0] + PAYLOADS[1] + PAYLOADS[2] + PAYLOADS[3]
    poisoned = replace_path(doc, path, get_path(doc, path) + payload)
    html = write_html(poisoned)
    page = Page(html)
    clean = Page(write_html(doc))
    assert sorted(_ours(page)) == sorted(_ours(clean)), path
    visible = "".join(page.text) + " ".join(v or "" for _, a in page.tags for v in a.values())
    assert payload in visible, f"payload lost from {path}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_everywhere_creates_no_markup(payload):
    html = write_html(hostile_document(payload))
    page = Page(html)
    assert not page.find("img") and not page.find("link") and not page.find("script")
    assert all(a.get("href", "#").startswith("#") for _, a in page.tags)
    assert html.count("<style") == 2
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs)


def test_template_syntax_in_data_prints_literally():
    html = write_html(hostile_document("{{ 7*7 }}"))
    assert "{{ 7*7 }}" in html
    assert "49" not in html


# ------------------------------------------------------------- refusals

def test_bad_id_is_refused():
    doc = sample_document()
    bad = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0],
                                                                 id='x" onclick="y'),))
    with pytest.raises(RenderError, match="anchor"):
        write_html(bad)


def test_duplicate_id_is_refused():
    doc = sample_document()
    with pytest.raises(RenderError, match="appears twice"):
        write_html(dataclasses.replace(doc, sections=doc.sections + doc.sections[:1]))


def test_bad_language_and_role_are_refused():
    with pytest.raises(RenderError, match="language tag"):
        write_html(sample_document(language='en" onload="x'))
    doc = Document(sample_info(), (Section("s", "S", (Paragraph((Text("x"),), role="a b"),)),))
    with pytest.raises(RenderError, match="class name"):
        write_html(doc)


def test_table_rows_must_fit_the_header():
    table = Table(header=("a", "b"), rows=(dataclasses.replace(
        sample_document().sections[0].children[1].blocks[1].rows[0]),))
    doc = Document(sample_info(), (Section("s", "S", (table,)),))
    with pytest.raises(RenderError, match="4 cells for 2 columns"):
        write_html(doc)


@dataclasses.dataclass(frozen=True)
class Strange:
    text: str = "?"


def test_unknown_inline_node_raises():
    with pytest.raises(UnknownNode, match="html writer cannot handle Strange"):
        render_inline((Text("a"), Strange()))


def test_unknown_block_node_raises():
    doc = Document(sample_info(), (Section("s", "S", (Clause("c", "C", (Strange(),)),)),))
    with pytest.raises(UnknownNode, match="Strange"):
        write_html(doc)


# ------------------------------------------------------------ templates

TEMPLATE_FILES = sorted((TEMPLATES / "html").glob("*.j2"))


def test_templates_never_mark_data_safe():
    assert TEMPLATE_FILES
    for path in TEMPLATE_FILES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|Markup|autoescape\s+false|\|\s*e\b", text), path


def test_template_attributes_are_quoted_and_urls_allowlisted():
    for path in TEMPLATE_FILES:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        markup = re.sub(r"\{%.*?%\}", "", text, flags=re.S)
        markup = re.sub(r'"[^"]*"', '""', re.sub(r"\{\{.*?\}\}", "X", markup, flags=re.S))
        for tag in re.findall(r"<[a-zA-Z][^<>]*>", markup):
            assert not re.search(r"\s[a-zA-Z-]+=(?!\"\")", tag), f"unquoted attribute {tag} in {path}"
        for name, value in re.findall(r"\s(href|src|style)=\"([^\"]*)\"", text):
            assert name != "src", path
            if name == "href":
                assert re.fullmatch(r"#(\{\{ [a-z_.]+ \| anchor \}\}|[a-z][a-z0-9-]*)", value), value
            if name == "style":
                assert value == "width: {{ width }}", value


def test_user_template_override_and_fallback(tmp_path):
    (tmp_path / "html").mkdir()
    page = (TEMPLATES / "html" / "termsheet.html.j2").read_text(encoding="utf-8")
    (tmp_path / "html" / "termsheet.html.j2").write_text(
        page.replace("<main>", '<main class="office">'), encoding="utf-8")
    html = write_html(sample_document(), templates=TemplateSet(tmp_path))
    assert '<main class="office">' in html and "@page" in html


def test_user_template_errors_are_render_errors(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "termsheet.html.j2").write_text("{{ info.nonexistent }}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"termsheet.html.j2"):
        write_html(sample_document(), templates=TemplateSet(tmp_path))
    (tmp_path / "html" / "termsheet.html.j2").write_text("{{ info.supersedes }}", encoding="utf-8")
    with pytest.raises(RenderError, match="None"):
        write_html(sample_document(supersedes=None), templates=TemplateSet(tmp_path))


def test_user_template_cannot_reach_python_internals(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "termsheet.html.j2").write_text(
        "{{ info.__class__.__init__.__globals__ }}", encoding="utf-8")
    with pytest.raises(Exception):
        write_html(sample_document(), templates=TemplateSet(tmp_path))


def test_stylesheet_that_closes_the_style_element_is_refused(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "screen.css").write_text(
        "p{}</style><img src=x>", encoding="utf-8")
    with pytest.raises(RenderError, match="</style"):
        write_html(sample_document(), templates=TemplateSet(tmp_path))


@pytest.mark.parametrize("name", ["us-draft", "coalition-draft", "minimal"])
def test_samples_render(name):
    from termsheet.jobs.render import build_document
    from termsheet.source.validate import validate_file

    result = validate_file(data_dir("samples") / f"{name}.yaml")
    doc = build_document(result.sheet, templates=TemplateSet(), source_file=f"samples/{name}.yaml",
                         positions=result.document.positions)
    page = Page(write_html(doc))
    assert page.find("html") == [{"lang": doc.info.language}]
    clause_ids = {c.id for s in doc.sections for c in s.children if isinstance(c, Clause)}
    assert clause_ids <= {a.get("id") for a in page.find("section")}
    assert "None" not in "".join(page.text)


# ------------------------------------------------------------------- browser

@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (skips naming what is missing; fails in CI, see tests/browser.py)."""
    from browser import chromium, require_chromium

    with chromium(require_chromium()) as launched:
        yield launched


@pytest.mark.browser
@pytest.mark.parametrize("make", [sample_document, redline_document,
                                  lambda: hostile_document(PAYLOADS[0])])
def test_page_in_a_browser(browser, tmp_path, make):
    from axe_playwright_python.sync_playwright import Axe

    path = tmp_path / "page.html"
    path.write_text(write_html(make()), encoding="utf-8")
    requests = []
    for width in (420, 1200):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(path.as_uri())
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"horizontal overflow at {width}px"
        hidden = page.evaluate("Array.from(document.querySelectorAll('.visually-hidden'))"
                               ".map(e => e.getBoundingClientRect().width)")
        assert all(w <= 1 for w in hidden)
        broken = page.evaluate("Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
                               ".filter(a => !document.getElementById(a.hash.slice(1))).length")
        assert broken == 0
        if width == 1200:
            result = Axe().run(page)
            assert result.violations_count == 0, result.generate_report()
        page.close()
    assert requests == [path.as_uri()] * 2, "the page loads nothing but itself"
