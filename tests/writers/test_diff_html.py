"""The side-by-side comparison page: structure, counts, links, escaping, invisible differences.

The page is driven in a real browser by ``writers/test_diff_browser.py``; these tests read
the HTML text (and the shared rows of ``termsheet.compare.sidebyside``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from termsheet.compare import compare
from termsheet.compare.fields import model_fields
from termsheet.compare.sidebyside import Invisible, badge, build_side_by_side
from termsheet.schema import TermSheet
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.diff_html import write_diff_html

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = TemplateSet()


def load(name: str) -> TermSheet:
    result = validate_file(str(ROOT / "samples" / name))
    assert result.sheet is not None, name
    return result.sheet


def document(sheet: TermSheet, name: str = "samples/x.yaml"):
    return build_document(sheet, templates=TEMPLATES, source_file=name)


def page(old: TermSheet, new: TermSheet) -> tuple[str, object]:
    old_doc, new_doc = document(old, "old.yaml"), document(new, "new.yaml")
    comparison = compare(old, new, old_file="old.yaml", new_file="new.yaml",
                         old_document=old_doc, new_document=new_doc)
    return write_diff_html(comparison, old_doc, new_doc), comparison


class Page(HTMLParser):
    """Every element as (tag, attributes), the text, and the ids."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)

    def ids(self) -> dict[str, tuple[str, dict]]:
        return {attrs["id"]: (tag, attrs) for tag, attrs in self.elements if "id" in attrs}

    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def us():
    return load("us-draft.yaml")


@pytest.fixture(scope="module")
def coalition():
    return load("coalition-draft.yaml")


@pytest.fixture(scope="module")
def us_vs_coalition(us, coalition):
    return page(us, coalition)


def edited(sheet: TermSheet, edit) -> TermSheet:
    data = sheet.model_dump(mode="json")
    edit(data)
    return TermSheet.model_validate(data)


# ------------------------------------------------------------------ structure

def test_page_is_self_contained_and_offline(us_vs_coalition):
    html, _ = us_vs_coalition
    parsed = Page(html)
    tags = {tag for tag, _ in parsed.elements}
    assert not tags & {"link", "img", "iframe", "object", "embed", "base", "form", "textarea"}
    for tag, attrs in parsed.elements:
        assert "src" not in attrs, tag
        if tag in ("input", "select", "button"):  # the filters and the toolbar: nothing to submit
            assert not {"name", "form", "formaction"} & set(attrs), (tag, attrs)
            assert tag != "input" or attrs["type"] == "search"
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#"), href  # in-page links only
    assert not re.search(r"@import|url\(", html)
    assert html.count("<script>") == 1 and "<style" in html


def test_content_security_policy_allows_only_the_page_script_and_styles(us_vs_coalition):
    html, _ = us_vs_coalition
    parsed = Page(html)
    csp = next(attrs["content"] for tag, attrs in parsed.elements
               if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe" not in csp
    script = "".join(parsed.scripts)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in csp
    styles = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    assert len(styles) == 2
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
              for s in styles]
    assert f"style-src {' '.join(hashes)};" in csp


def test_landmarks_language_skip_link_and_title(us_vs_coalition, us, coalition):
    html, comparison = us_vs_coalition
    parsed = Page(html)
    html_tag = next(attrs for tag, attrs in parsed.elements if tag == "html")
    assert html_tag["lang"] == "en"
    tags = [tag for tag, _ in parsed.elements]
    assert {"header", "nav", "main", "footer"} <= set(tags)
    assert tags.count("main") == 1 and tags.count("h1") == 1
    skip = next(attrs for tag, attrs in parsed.elements if attrs.get("class") == "skip-link")
    assert skip["href"] == "#comparison" and "comparison" in parsed.ids()
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.startswith("Comparison: ") and " → " in title
    text = parsed.all_text()
    for side in (comparison.old, comparison.new):
        for value in (side.title, side.version, side.date, side.doc_id):
            assert value in text
    assert us.metadata.title in text and coalition.metadata.title in text
    assert "United States of America" in text and "Coalition of the Willing" in text


def test_counts_match_the_comparison(us_vs_coalition):
    html, comparison = us_vs_coalition
    kinds = dict(re.findall(r'<span class="badge kind-([a-z_]+)">[^<]*</span></th><td>(\d+)</td>',
                            html))
    labels = dict(re.findall(r'<span class="dir dir-([a-z_-]+)">[^<]*</span></th><td>(\d+)</td>',
                             html))
    assert {k: int(v) for k, v in kinds.items()} == comparison.counts_by_kind
    expected = {label: sum(label in c.labels for c in comparison.changes)
                for label in comparison.counts_by_label}
    expected["no-direction"] = sum(c.direction == "changed" for c in comparison.changes)
    assert {k: int(v) for k, v in labels.items()} == expected
    assert "A change may carry several labels" in html
    assert f"{len(comparison.changes)} changes" in Page(html).all_text()


def test_every_change_is_listed_and_has_its_row(us_vs_coalition):
    html, comparison = us_vs_coalition
    parsed = Page(html)
    ids = parsed.ids()
    listed = re.search(r'<ol class="all-changes">(.*?)</ol>', html, re.S).group(1)
    targets = re.findall(r'href="#([^"]+)"', listed)
    assert len(targets) == len(comparison.changes) == len(set(targets))
    marked = {attrs["data-change"]: attrs["id"] for _, attrs in parsed.elements
              if "data-change" in attrs}
    assert set(marked) == {change.id for change in comparison.changes}
    for change in comparison.changes:
        anchor = marked[change.id]
        assert anchor in targets
        tag, attrs = ids[anchor]
        assert tag in ("tbody", "div") and attrs["tabindex"] == "-1"
    # a change that is the row's own is its id: the deep link is the change id itself
    for key in ("chg-triggers-trg-major-attack", "chg-responses-rsp-us-response",
                "chg-deployments-dep-us-implementation-presence", "chg-duration",
                "chg-territorial_provisions-terr-donetsk"):
        assert ids[key][0] == "tbody" and f'href="#{key}"' in listed
    # every link in the page lands on an element of the page
    for _, attrs in parsed.elements:
        if attrs.get("href", "").startswith("#"):
            assert attrs["href"][1:] in ids


def test_ids_are_unique(us_vs_coalition):
    html, _ = us_vs_coalition
    ids = [attrs["id"] for _, attrs in Page(html).elements if "id" in attrs]
    assert len(ids) == len(set(ids))


def test_rows_follow_the_term_sheet_with_both_numbers(us_vs_coalition):
    html, comparison = us_vs_coalition
    rows = re.findall(r'<tbody id="([^"]+)"', html)
    position = {anchor: index for index, anchor in enumerate(rows)}
    # section order of the term sheet
    sections = [position[f"row-{s}"] for s in ("sec_parties", "sec_commitments", "sec_forces",
                                                 "sec_monitoring")]
    assert sections == sorted(sections)
    assert position["chg-scope"] < position["row-sec_commitments"]
    # renumbered clause: new number, and the old one
    body = _row(html, "chg-triggers-trg-major-attack")
    assert '<span class="num">6.4</span>' in body and "was 6.3" in body


def test_badges_and_facts_in_words(us_vs_coalition):
    html, comparison = us_vs_coalition
    for change in comparison.changes:
        assert badge(change) in html
    major = _row(html, "chg-triggers-trg-major-attack")
    assert badge(comparison.change("chg-triggers-trg-major-attack")) in major
    assert re.search(r"qualifiers</span>: removed significant, deliberate, sustained", major)
    response = _row(html, "chg-responses-rsp-us-response")
    assert "deadline</span>: — → 72 hours" in response
    assert "deadline_strictness</span>: none → hard" in response
    duration = _row(html, "chg-duration")
    assert "term</span>: 15 years → 10 years" in duration
    presence = _row(html, "chg-deployments-dep-us-implementation-presence")
    assert "location/kind</span>: tbd → ukraine rear area" in presence


def test_word_marks_are_announced_and_never_colour_alone(us_vs_coalition):
    html, _ = us_vs_coalition
    ins = re.findall(r"<ins>(.{0,60})", html)
    dels = re.findall(r"<del>(.{0,60})", html)
    assert ins and dels
    assert all(x.startswith('<span class="visually-hidden">inserted: </span>') for x in ins)
    assert all(x.startswith('<span class="visually-hidden">deleted: </span>') for x in dels)
    css = (ROOT / "templates/styles/diff.css").read_text()
    assert re.search(r"\bins \{[^}]*text-decoration: underline", css)
    assert re.search(r"\bdel \{[^}]*text-decoration: line-through", css)
    legend = re.search(r'<div class="legend">(.*?)</div>', html, re.S).group(1)
    assert "struck through" in legend and "underlined" in legend and "strengthened" in legend


def test_controls_and_keys_are_documented_and_hidden_without_script(us_vs_coalition):
    html, _ = us_vs_coalition
    toolbar = re.search(r'<nav class="toolbar"[^>]*>(.*?)</nav>', html, re.S)
    assert toolbar and "hidden" in re.search(r'<nav class="toolbar"[^>]*>', html).group(0)
    assert 'aria-pressed="false"' in toolbar.group(1)
    for key in ("j", "n", "k", "p", "u", "/"):
        assert f"<kbd>{key}</kbd>" in html
    filters = re.search(r'<div class="filters"[^>]*>', html).group(0)
    assert "hidden" in filters  # shown by the script
    assert '<html lang="en" class="no-js">' in html


def test_print_stylesheet_shows_every_row_and_no_controls(us_vs_coalition):
    html, _ = us_vs_coalition
    print_css = re.search(r'<style media="print">(.*?)</style>', html, re.S).group(1)
    assert re.search(r"\.toolbar[^{]*\{\s*display: none", print_css)
    assert ".hide-unchanged .unchanged { display: table-row-group; }" in print_css
    assert "size: A4 landscape" in print_css


def test_same_input_same_page(us, coalition):
    assert page(us, coalition)[0] == page(us, coalition)[0]


# ------------------------------------------------------------------ no differences

def test_identical_versions_say_no_differences(us):
    html, comparison = page(us, us)
    assert comparison.is_empty()
    parsed = Page(html)
    assert "No differences." in parsed.all_text()
    assert not any("data-change" in attrs for _, attrs in parsed.elements)
    assert 'class="change-panel"' not in html and 'id="filters"' not in html
    assert not re.search(r"<(ins|del)>", html.split("<main")[1].split('<table class="sbs">')[1])
    rows = re.findall(r'<tbody id="[^"]+" class="([^"]+)"', html)
    assert rows and all("unchanged" in row for row in rows)


# ------------------------------------------------------------------ escaping

def _poison(model, data: dict, payload: str) -> None:
    """Put ``payload`` into every free-text field of ``data`` (a dump of ``model``)."""
    for spec in model_fields(model):
        value = data.get(spec.name)
        if value is None:
            continue
        if spec.kind == "text":
            data[spec.name] = payload
        elif spec.kind == "model" and isinstance(value, dict):
            _poison(spec.model, value, payload)
        elif spec.kind == "list" and spec.model is not None:
            for item in value:
                _poison(spec.model, item, payload)
        elif spec.kind == "map" and isinstance(value, dict):
            for key in value:
                value[key] = payload


def hostile(sheet: TermSheet, side: str) -> TermSheet:
    payload = (f'{side}<script>alert("{side}")</script><img src=x onerror=alert(1)> '
               f"& \"q\" 'a' {{{{ 7*7 }}}} {{% if 1 %}}{side}-if{{% endif %}} "
               f"</td></tr></tbody></table><a href=javascript:x>{side}</a>")
    return edited(sheet, lambda data: _poison(TermSheet, data, payload))


@pytest.fixture(scope="module")
def hostile_page(us):
    return page(hostile(us, "OLD"), hostile(us, "NEW"))


def test_hostile_text_from_both_sides_is_escaped_everywhere(hostile_page):
    html, comparison = hostile_page
    assert not comparison.is_empty()
    parsed = Page(html)
    tags = [tag for tag, _ in parsed.elements]
    assert tags.count("script") == 1 and "img" not in tags
    for tag, attrs in parsed.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not attrs.get("href", "#").lower().startswith("javascript")
    text = parsed.all_text()
    for side in ("OLD", "NEW"):
        assert f'{side}<script>alert("{side}")</script><img src=x onerror=alert(1)>' in text
        assert f"{{% if 1 %}}{side}-if{{% endif %}}" in text
    assert "{{ 7*7 }}" in text and "{{ 7*7 }}" in html
    # the markup survives: every table row group is closed where the template closes it
    assert html.count("<tbody") == html.count("</tbody>")


def test_hostile_text_reaches_every_kind_of_field(hostile_page):
    """The payload shows up in titles, paragraphs, table fields and the change facts."""
    html, _ = hostile_page
    escaped = "OLD(</del>)?&lt;script&gt;"  # the word diff marks only the differing word
    assert re.search(r'<p class="title">[^\n]*' + escaped, html)
    assert re.search(r'<p class="p-body">[^\n]*' + escaped, html)
    assert re.search(r'<p class="field-value">[^\n]*' + escaped, html)
    assert "NEW&lt;script&gt;" in html.split('<nav class="change-panel"')[1]


def test_templates_never_mark_data_safe():
    for path in (ROOT / "templates" / "html").glob("diff*"):
        text = path.read_text()
        assert not re.search(r"\|\s*safe\b|Markup|autoescape\s+false|\|\s*e\b", text), path


# ------------------------------------------------------------------ invisible differences

def test_invisible_differences_are_shown(us):
    def nbsp(data):
        commitment = next(c for c in data["commitments"] if c["id"] == "cmt-mnf-support")
        commitment["summary"] = commitment["summary"].replace(" ", "\u00a0", 1)

    new = edited(us, nbsp)
    html, comparison = page(us, new)
    change = comparison.change("chg-commitments-cmt-mnf-support")
    assert change is not None and change.fields[0].invisible
    row = _row(html, "chg-commitments-cmt-mnf-support")
    assert '<abbr class="invisible" title="U+00A0 NO-BREAK SPACE">⟨NBSP⟩</abbr>' in row
    assert "NEW has U+00A0 NO-BREAK SPACE" in row


def test_show_invisible_marks_decomposed_and_space_changes(us):
    from termsheet.compare.sidebyside import show_invisible
    from termsheet.document.nodes import Deleted, Inserted, Text

    marked = show_invisible((Inserted((Text("Cafe\u0301 a\u00adb"),)), Deleted((Text(" "),))))
    inserted, deleted = marked
    labels = [n.label for n in inserted.children if isinstance(n, Invisible)]
    assert labels == ["U+0301", "SHY"]
    assert [n.label for n in deleted.children if isinstance(n, Invisible)] == ["space"]


def test_documents_must_match_the_comparison(us, coalition):
    us_doc, coalition_doc = document(us), document(coalition)
    comparison = compare(us, coalition)
    with pytest.raises(ValueError, match="old document"):
        build_side_by_side(comparison, coalition_doc, us_doc)


# ------------------------------------------------------------------ helpers

def _row(html: str, anchor: str) -> str:
    match = re.search(rf'<tbody id="{re.escape(anchor)}".*?</tbody>', html, re.S)
    assert match, anchor
    return match.group(0)


# ------------------------------------------------------------------ alignment cases

def _check_rows(view, comparison) -> None:
    """Invariants of the side-by-side rows: every change once, unique anchors, no empty row."""
    anchors = [row.anchor for row in view.rows]
    assert len(anchors) == len(set(anchors))
    assert sorted(c.id for c in view.changes) == sorted(c.id for c in comparison.changes)
    extra = {c.anchor for row in view.rows for c in row.changes[1:]}
    for change in view.changes:
        assert change.anchor in set(anchors) | extra
    assert all(row.segments for row in view.rows)


def test_renamed_item_is_one_row_marked_as_a_guess(us):
    def rename(data):
        commitment = next(c for c in data["commitments"] if c["id"] == "cmt-mnf-support")
        commitment["id"] = "cmt-mnf-support-renamed"
        commitment["summary"] = commitment["summary"].replace("the", "this", 1)

    new = edited(us, rename)
    old_doc, new_doc = document(us), document(new)
    comparison = compare(us, new, old_document=old_doc, new_document=new_doc)
    guess = next(c for c in comparison.changes if c.is_guess)
    view = build_side_by_side(comparison, old_doc, new_doc)
    _check_rows(view, comparison)
    row = next(r for r in view.rows if r.changes and r.changes[0].id == guess.id)
    assert row.presence == "both" and row.kind == "clause"
    assert any("Paired by similarity" in note for note in row.changes[0].notes)
    assert not any(r.node_id == "cmt-mnf-support" and r.presence == "old" for r in view.rows)


def test_removed_section_and_moved_clause(us):
    def edit(data):
        data["territorial_provisions"] = []
        data["commitments"].append(data["commitments"].pop(0))  # first commitment moves last

    new = edited(us, edit)
    old_doc, new_doc = document(us), document(new)
    comparison = compare(us, new, old_document=old_doc, new_document=new_doc)
    view = build_side_by_side(comparison, old_doc, new_doc)
    _check_rows(view, comparison)
    section = next(r for r in view.rows if r.node_id == "sec_territory")
    assert section.kind == "section" and section.changed  # the builder keeps "Not addressed in this text."
    removed = [r for r in view.rows if r.node_id and r.node_id.startswith("terr-")]
    assert removed and all(r.presence == "old" and r.changes[0].badge.startswith("Removed")
                           for r in removed)
    moved = next(r for r in view.rows if r.node_id == "cmt-monitoring-lead"
                 and r.kind == "clause")
    assert moved.moved and moved.presence == "both" and moved.renumbered
    ghost = next(r for r in view.rows if r.kind == "ghost" and r.old_number == "3.1")
    note = ghost.segments[0].old
    assert note.target == moved.anchor and f"moved to {moved.new_number}" in note.text
    html = write_diff_html(comparison, old_doc, new_doc)
    assert f'href="#{moved.anchor}">Go to its new place</a>' in html


def test_generated_thousand_provision_pair():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_diff", ROOT / "benchmarks/bench_diff.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    old, new = bench.generate_pair(1000)
    old_doc, new_doc = document(old, "old"), document(new, "new")
    comparison = compare(old, new, old_document=old_doc, new_document=new_doc)
    view = build_side_by_side(comparison, old_doc, new_doc)
    _check_rows(view, comparison)
    html = write_diff_html(comparison, old_doc, new_doc)
    assert html.count('data-change="') == len(comparison.changes)


# ------------------------------------------------------------------ browser-test helper

def test_missing_browser_skips_unless_required(monkeypatch):
    import browser

    monkeypatch.setattr(browser, "find_chromium", lambda: None)
    monkeypatch.delenv("TERMSHEET_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found"):
        browser.require_chromium()
    monkeypatch.setenv("TERMSHEET_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="TERMSHEET_REQUIRE_BROWSER"):
        browser.require_chromium()
    monkeypatch.setenv("TERMSHEET_REQUIRE_BROWSER", "0")
    with pytest.raises(pytest.skip.Exception):
        browser.require_chromium()
