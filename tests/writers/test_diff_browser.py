"""The comparison page in a real browser (Debian's Chromium through Playwright).

Previous/next change (buttons and keys), "hide unchanged", deep links, the filters
of the change list (label, kind, section, party, search) and its links, the page
at 390 and 1280 pixels wide, no console errors, axe without serious or critical
violations, the page without JavaScript and in print. Where Chromium is missing these tests skip — unless
``TERMSHEET_REQUIRE_BROWSER=1`` (CI), where they fail (see ``tests/browser.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import chromium, require_chromium
from termsheet.compare import compare
from termsheet.compare.sidebyside import build_side_by_side, facets
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.diff_html import write_diff_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1400, "height": 900}


def _pair(old_name: str, new_name: str):
    templates = TemplateSet()
    sheets, docs = [], []
    for name in (old_name, new_name):
        result = validate_file(str(ROOT / "samples" / name))
        assert result.sheet is not None
        sheets.append(result.sheet)
        docs.append(build_document(result.sheet, templates=templates, source_file=name))
    comparison = compare(*sheets, old_file=old_name, new_file=new_name,
                         old_document=docs[0], new_document=docs[1])
    return comparison, docs[0], docs[1]


@pytest.fixture(scope="module")
def comparison_page(tmp_path_factory):
    comparison, old_doc, new_doc = _pair("us-draft.yaml", "coalition-draft.yaml")
    path = tmp_path_factory.mktemp("diff") / "comparison.html"
    path.write_text(write_diff_html(comparison, old_doc, new_doc), encoding="utf-8")
    view = build_side_by_side(comparison, old_doc, new_doc)
    return path, view


@pytest.fixture(scope="module")
def same_page(tmp_path_factory):
    comparison, old_doc, new_doc = _pair("us-draft.yaml", "us-draft.yaml")
    path = tmp_path_factory.mktemp("same") / "same.html"
    path.write_text(write_diff_html(comparison, old_doc, new_doc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser():
    with chromium(require_chromium()) as instance:
        yield instance


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type in ("error", "warning")
            and page.problems.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
    yield page
    context.close()


def active_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def in_viewport(page, element_id: str) -> bool:
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""", element_id)


# ------------------------------------------------------------------ navigation

def test_next_and_previous_buttons_move_focus_to_the_changes(page, comparison_page):
    path, view = comparison_page
    anchors = [change.anchor for change in view.changes]
    page.goto(path.as_uri())
    page.click("#next-change")
    assert active_id(page) == anchors[0]
    page.click("#next-change")
    assert active_id(page) == anchors[1]
    assert in_viewport(page, anchors[1])
    assert page.inner_text("#position") == f"Change 2 of {len(anchors)}"
    page.click("#prev-change")
    assert active_id(page) == anchors[0]
    assert page.url.endswith("#" + anchors[0])
    assert page.problems == []


def test_keys_move_focus_to_the_changes(page, comparison_page):
    path, view = comparison_page
    anchors = [change.anchor for change in view.changes]
    page.goto(path.as_uri())
    page.keyboard.press("j")
    assert active_id(page) == anchors[0]
    page.keyboard.press("n")
    page.keyboard.press("j")
    assert active_id(page) == anchors[2]
    page.keyboard.press("k")
    assert active_id(page) == anchors[1]
    page.keyboard.press("p")
    assert active_id(page) == anchors[0]
    page.keyboard.press("p")  # no earlier change: focus stays
    assert active_id(page) == anchors[0]
    assert page.inner_text("#position") == "No earlier changes"
    # from a deep link, the next change is the one after it
    target = view.changes[40].anchor
    page.goto(path.as_uri() + "#" + target)
    page.keyboard.press("j")
    assert active_id(page) == anchors[41]
    # the last change: next stays there
    page.goto(path.as_uri() + "#" + anchors[-1])
    page.keyboard.press("j")
    assert active_id(page) == anchors[-1]
    # a key with a modifier is the browser's, not ours
    page.goto(path.as_uri())
    page.keyboard.press("Control+j")
    assert active_id(page) != anchors[0]
    assert page.problems == []


def test_hide_unchanged_hides_and_restores(page, comparison_page):
    path, view = comparison_page
    page.goto(path.as_uri())
    unchanged = page.locator("tbody.unchanged")
    total = unchanged.count()
    assert total > 20
    assert page.evaluate("[...document.querySelectorAll('tbody.unchanged')]"
                         ".every(e => e.getClientRects().length > 0)")
    toggle = page.locator("#toggle-unchanged")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate("[...document.querySelectorAll('tbody.unchanged')]"
                         ".every(e => e.getClientRects().length === 0)")
    # every change row stays
    assert page.evaluate("[...document.querySelectorAll('[data-change]')]"
                         ".every(e => e.getClientRects().length > 0)")
    # navigation still works while hidden
    page.keyboard.press("j")
    assert active_id(page) == view.changes[0].anchor
    page.keyboard.press("u")  # the key toggles back
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.evaluate("[...document.querySelectorAll('tbody.unchanged')]"
                         ".every(e => e.getClientRects().length > 0)")
    assert page.problems == []


@pytest.mark.parametrize("anchor", [
    "chg-triggers-trg-major-attack", "chg-responses-rsp-us-response", "chg-duration",
    "chg-deployments-dep-us-implementation-presence", "chg-territorial_provisions-terr-donetsk",
])
def test_deep_links_land_on_the_change(page, comparison_page, anchor):
    path, _ = comparison_page
    page.goto(path.as_uri() + "#" + anchor)
    assert active_id(page) == anchor
    assert in_viewport(page, anchor)
    # the row is not hidden under the sticky toolbar and column headings
    assert page.evaluate(
        """id => document.getElementById(id).getBoundingClientRect().top >=
                 document.querySelector('.sbs thead th').getBoundingClientRect().bottom - 1""",
        anchor)
    assert page.problems == []


def test_change_list_links_focus_their_rows(page, comparison_page):
    path, view = comparison_page
    page.goto(path.as_uri())
    change = view.changes[10]
    page.click(f'.all-changes a[href="#{change.anchor}"]')
    page.wait_for_function("id => document.activeElement.id === id", arg=change.anchor)
    assert in_viewport(page, change.anchor)


def test_skip_link_reaches_the_comparison(page, comparison_page):
    path, _ = comparison_page
    page.goto(path.as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-64px"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'comparison'")


# ------------------------------------------------------------------ accessibility

def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. "
            f"{v['nodes'][0]['target']})"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_violations(page, comparison_page):
    path, _ = comparison_page
    page.goto(path.as_uri())
    assert _serious(page) == []
    page.click("#toggle-unchanged")
    page.keyboard.press("j")
    assert _serious(page) == []
    assert page.problems == []


def test_axe_on_a_page_without_differences(page, same_page):
    page.goto(same_page.as_uri())
    assert "No differences." in page.inner_text(".summary")
    assert page.locator("[data-change]").count() == 0
    assert page.is_disabled("#next-change")
    assert _serious(page) == []
    assert page.problems == []


def test_focus_is_visible_on_a_change_row(page, comparison_page):
    path, view = comparison_page
    page.goto(path.as_uri())
    page.keyboard.press("j")
    anchor = view.changes[0].anchor
    background = page.evaluate(
        "id => getComputedStyle(document.querySelector('#' + CSS.escape(id) + ' td')).backgroundColor",
        anchor)
    assert background == "rgb(255, 246, 214)"


# ------------------------------------------------------------------ without script, in print

def test_without_javascript_everything_is_visible(browser, comparison_page):
    path, _ = comparison_page
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert not page.is_visible("#toolbar")
        assert not page.is_visible("#filters")
        assert page.is_visible(".all-changes")
        assert page.evaluate("[...document.querySelectorAll('tbody.row')]"
                             ".every(e => e.getClientRects().length > 0)")
        page.goto(path.as_uri() + "#chg-duration")
        assert in_viewport(page, "chg-duration")
    finally:
        context.close()


def test_print_shows_all_rows_and_no_controls(page, comparison_page):
    path, _ = comparison_page
    page.goto(path.as_uri())
    page.click("#toggle-unchanged")
    page.emulate_media(media="print")
    assert not page.is_visible("#toolbar")
    assert not page.is_visible(".skip-link")
    assert page.evaluate("[...document.querySelectorAll('tbody.unchanged')]"
                         ".every(e => e.getClientRects().length > 0)")


# ------------------------------------------------------------------ filters and the change list

SHOWN_ROWS = "[...document.querySelectorAll('tbody.row')].filter(e => e.getClientRects().length)"
SHOWN_ENTRIES = "[...document.querySelectorAll('.all-changes > li')].filter(e => !e.hidden)"


def shown_rows(page) -> list[dict]:
    """The rows on screen: id, kind of row, and the data of each of their changes."""
    return page.evaluate(SHOWN_ROWS + """.map(e => ({
        id: e.id, section: e.classList.contains('kind-section'), text: e.textContent,
        changes: [...e.querySelectorAll('.change-view')].map(v => ({
            labels: v.dataset.labels.split(' '), kind: v.dataset.kind,
            parties: v.dataset.parties.split(' ')}))}))""")


def shown_entries(page) -> list[dict]:
    return page.evaluate(SHOWN_ENTRIES + """.map(e => ({
        href: e.querySelector('a').getAttribute('href'), labels: e.dataset.labels.split(' '),
        parties: e.dataset.parties.split(' ')}))""")


def test_label_filter_hides_rows_and_entries_that_do_not_match(page, comparison_page):
    path, view = comparison_page
    page.goto(path.as_uri())
    total = len(shown_rows(page))
    option = next(o for o in facets(view).labels if o.value == "weakened")
    page.select_option("#filter-label", "weakened")
    rows = shown_rows(page)
    assert 0 < len(rows) < total
    for row in rows:
        assert row["section"] or any("weakened" in c["labels"] for c in row["changes"]), row["id"]
    entries = shown_entries(page)
    assert len(entries) == option.count
    assert all("weakened" in entry["labels"] for entry in entries)
    status = page.inner_text("#filter-status")
    assert status == f"{option.count} of {len(view.changes)} changes shown"
    # a change row without a weakened change is hidden
    other = next(r for r in view.rows if r.changes and r.kind != "section"
                 and not any("weakened" in c.filter_labels for c in r.changes))
    assert not page.is_visible(f"[id='{other.anchor}']")
    page.click("#filter-reset")
    assert len(shown_rows(page)) == total and len(shown_entries(page)) == len(view.changes)
    assert page.problems == []


def test_party_kind_and_section_filters(page, comparison_page):
    path, view = comparison_page
    page.goto(path.as_uri())
    choices = facets(view)
    france = next(o for o in choices.parties if o.value == "fr")
    page.select_option("#filter-party", "fr")
    entries = shown_entries(page)
    assert len(entries) == france.count and all("fr" in e["parties"] for e in entries)
    for row in shown_rows(page):
        assert row["section"] or any("fr" in c["parties"] for c in row["changes"]), row["id"]
    page.select_option("#filter-kind", "added")
    both = [c for c in view.changes if "fr" in c.parties and c.kind == "added"]
    assert len(shown_entries(page)) == len(both)
    page.click("#filter-reset")
    section = choices.sections[2]
    page.select_option("#filter-section", section.value)
    assert len(shown_entries(page)) == section.count
    assert page.evaluate("value => " + SHOWN_ROWS + ".every(e => e.dataset.section === value)",
                         section.value)
    assert page.problems == []


def test_search_narrows_the_rows_to_both_sides_text_and_reasons(page, comparison_page):
    path, view = comparison_page
    page.goto(path.as_uri())
    total = len(shown_rows(page))
    page.fill("#filter-text", "donetsk")
    rows = shown_rows(page)
    assert 0 < len(rows) < total
    assert all(row["section"] or "donetsk" in row["text"].lower() for row in rows)
    # the reasons are searched too: a reason's words find its row
    change = next(c for c in view.changes if c.reasons and c.kind == "modified")
    words = " ".join(change.reasons[0].split()[:4])
    page.fill("#filter-text", words)
    assert page.evaluate("id => document.getElementById(id).closest('tbody')"
                         ".getClientRects().length > 0", change.anchor)
    page.fill("#filter-text", "zzzz-nothing-like-this")
    assert shown_rows(page) == [] and shown_entries(page) == []
    assert page.inner_text("#filter-status") == "No change matches these filters"
    page.keyboard.press("Escape")
    assert len(shown_rows(page)) == total
    # the / key goes to the search box; j and n typed there are text, not navigation
    page.click("h1")
    page.keyboard.press("/")
    assert active_id(page) == "filter-text"
    page.keyboard.type("jn")
    assert page.input_value("#filter-text") == "jn"
    assert page.problems == []


def test_change_list_links_jump_to_rows_while_filtered(page, comparison_page):
    path, view = comparison_page
    page.goto(path.as_uri())
    page.select_option("#filter-label", "strengthened")
    entry = shown_entries(page)[-1]
    page.click(f'.all-changes a[href="{entry["href"]}"]')
    anchor = entry["href"][1:]
    page.wait_for_function("id => document.activeElement.id === id", arg=anchor)
    assert in_viewport(page, anchor)
    # previous change skips the rows the filter hides
    page.keyboard.press("k")
    assert page.evaluate("""() => {
        const row = document.activeElement.closest('tbody');
        return row.getClientRects().length > 0 && [...row.querySelectorAll('.change-view')]
            .some(v => v.dataset.labels.split(' ').includes('strengthened')); }""")
    # a deep link to a change the filters hide clears them
    shown = {r.anchor for r in view.rows
             if any("strengthened" in d.filter_labels for d in r.changes)}
    hidden = next(c for c in view.changes
                  if "strengthened" not in c.filter_labels and c.anchor not in shown)
    page.goto(path.as_uri() + "#" + hidden.anchor)
    assert active_id(page) == hidden.anchor and in_viewport(page, hidden.anchor)
    assert page.input_value("#filter-label") == ""
    assert page.problems == []


# ------------------------------------------------------------------ widths

def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_no_sideways_scrolling(browser, comparison_page, width):
    path, view = comparison_page
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert overflow(page) == 0
        page.evaluate("document.getElementById('panel-box').open = true")
        assert overflow(page) == 0
        page.goto(path.as_uri() + "#chg-triggers-trg-major-attack")
        assert overflow(page) == 0
        assert page.evaluate("document.body.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_phone_folds_the_change_list_above_the_table(browser, comparison_page):
    path, view = comparison_page
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert not page.is_visible(".all-changes") and not page.is_visible("#filters")
        panel = page.locator("#panel-box summary").bounding_box()
        table = page.locator("table.sbs").bounding_box()
        assert panel["y"] + panel["height"] <= table["y"]
        page.focus("#panel-box summary")
        page.keyboard.press("Enter")  # the fold opens from the keyboard
        assert page.is_visible("#filter-label") and page.is_visible(".all-changes")
        # old and new stand side by side under the number, the change below them
        cells = page.evaluate("""id => [...document.getElementById(id).querySelector('tr')
                                 .children].map(c => c.getBoundingClientRect().toJSON())""",
                              "chg-duration")
        number, old, new, change = cells
        assert number["bottom"] <= old["top"] + 1 and abs(old["top"] - new["top"]) < 1
        assert old["right"] <= new["left"] + 1 and change["top"] >= old["bottom"] - 1
        assert _serious(page) == []
        # a deep link lands below the sticky toolbar and column headings
        page.goto(path.as_uri() + "#chg-triggers-trg-major-attack")
        assert page.evaluate("""id => document.getElementById(id).getBoundingClientRect().top >=
            document.querySelector('.sbs thead').getBoundingClientRect().bottom - 1""",
                             "chg-triggers-trg-major-attack")
    finally:
        context.close()


def test_wide_screen_puts_the_change_list_beside_the_table(page, comparison_page):
    path, _ = comparison_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path.as_uri())
    panel = page.locator("#change-panel").bounding_box()
    table = page.locator("table.sbs").bounding_box()
    assert panel["x"] + panel["width"] <= table["x"] and page.is_visible("#filter-label")
    # folding the list gives the table the whole width
    page.click("#panel-box summary")
    assert page.locator("table.sbs").bounding_box()["width"] > table["width"] + 200
    assert page.problems == []
