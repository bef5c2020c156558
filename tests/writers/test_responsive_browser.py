"""The term sheet and comparison pages at phone, tablet and desktop widths, in Chromium.

No sideways scrolling of the page at 390, 768 and 1,440 pixels (the bottom marking bar
included), no word of a table broken inside (names and codes stay whole: the columns
follow their content, or the rows stack as labelled cells), and no automatic
hyphenation in table cells on screen or in print. Skips without Chromium unless
``TERMSHEET_REQUIRE_BROWSER=1`` (see ``tests/browser.py``).
"""

from __future__ import annotations

import pytest

from browser import chromium, require_chromium
from samplefixtures import SAMPLES, built, sample
from termsheet.compare import compare
from termsheet.writers.diff_html import write_diff_html
from termsheet.writers.html import write_html

pytestmark = pytest.mark.browser

WIDTHS = (390, 768, 1440)
PAGES = tuple(f"termsheet-{name}" for name in SAMPLES) + ("comparison",)

# Every word of every shown table cell, as a DOM range, that a line break splits. A
# "word" is a run between spaces, hyphens and slashes; URLs are left out (a long link
# has to break somewhere). Column headings a stacked table hides are left out too.
BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const cell of document.querySelectorAll('td, th')) {
    if (!cell.getClientRects().length) continue;
    const head = cell.closest('thead');
    if (head && getComputedStyle(head).position === 'absolute') continue;
    const nodes = [], starts = [];
    let text = '';
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.ELEMENT_NODE) {  // a line break or a block ends the word
        if (n.tagName === 'BR' || !getComputedStyle(n).display.startsWith('inline')) text += '\n';
      } else if (!n.parentElement.closest('.visually-hidden')) {
        nodes.push(n); starts.push(text.length); text += n.data;
      }
    }
    const at = offset => {
      let i = starts.length - 1;
      while (i > 0 && starts[i] > offset) i--;
      return [nodes[i], offset - starts[i]];
    };
    for (const token of text.matchAll(/\S+/g)) {
      if (/:\/\/|^www\.|\//.test(token[0])) continue;
      for (const word of token[0].matchAll(/[^\-\u2010\u2011\u2013\u2014]+/g)) {
        const start = token.index + word.index, end = start + word[0].length;
        const range = document.createRange();
        range.setStart(...at(start));
        const [last, offset] = at(end - 1);
        range.setEnd(last, offset + 1);
        // pieces in different fonts sit at different heights on one line: a new line
        // starts only below the pieces before it
        const rects = [...range.getClientRects()].filter(r => r.width > 0)
                                                   .sort((a, b) => a.top - b.top);
        let lines = 0, bottom = -Infinity;
        for (const r of rects) {
          if (r.top >= bottom - 1) lines++;
          bottom = Math.max(bottom, r.bottom);
        }
        if (lines > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""

HYPHENATED = """() => [...document.querySelectorAll('td, th, td *, th *')]
    .filter(e => getComputedStyle(e).hyphens === 'auto')
    .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("responsive")
    paths = {}
    for name in SAMPLES:
        path = folder / f"{name}.html"
        path.write_text(write_html(built(name)), encoding="utf-8")
        paths[f"termsheet-{name}"] = path
    old, new = sample("us-draft"), sample("coalition-draft")
    comparison = compare(old.sheet, new.sheet, old_file="us-draft.yaml",
                         new_file="coalition-draft.yaml", old_document=built("us-draft"),
                         new_document=built("coalition-draft"))
    path = folder / "comparison.html"
    path.write_text(write_diff_html(comparison, built("us-draft"), built("coalition-draft")),
                    encoding="utf-8")
    paths["comparison"] = path
    return paths


@pytest.fixture(scope="module")
def browser():
    with chromium(require_chromium()) as instance:
        yield instance


@pytest.fixture
def open_page(browser, pages):
    contexts = []

    def opener(name: str, width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(pages[name].as_uri())
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_the_page_never_scrolls_sideways(open_page, name, width):
    page = open_page(name, width)
    # a page that hid its overflow would pass the width check below without fixing it
    assert page.evaluate("[document.documentElement, document.body].map(e => "
                         "getComputedStyle(e).overflowX)") == ["visible", "visible"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("document.body.scrollWidth <= window.innerWidth")
    # the marking bars, top and bottom, stay inside the window
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    bars = page.evaluate("[...document.querySelectorAll('.marking')].map(e => "
                         "e.getBoundingClientRect().toJSON())")
    for bar in bars:
        assert bar["left"] >= 0 and bar["right"] <= width
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [p for p in PAGES if p.startswith("termsheet-")])
def test_table_words_are_never_broken_on_a_term_sheet(open_page, name, width):
    page = open_page(name, width)
    assert page.evaluate(BROKEN_WORDS) == []


def test_comparison_words_are_not_broken_on_a_phone(open_page):
    page = open_page("comparison", 390)
    assert page.evaluate(BROKEN_WORDS) == []
    # old and new side by side: each column still wide enough for a line of words
    widths = page.evaluate("[...document.querySelectorAll('.sbs td.old, .sbs td.new')]"
                           ".filter(e => e.getClientRects().length)"
                           ".map(e => e.getBoundingClientRect().width)")
    assert widths and min(widths) >= 150


def test_a_phone_stacks_each_row_as_labelled_cells(open_page):
    page = open_page("termsheet-us-draft", 390)
    table = page.locator("table.grid").first
    cells = page.evaluate("""() => {
        const table = document.querySelector('table.grid');
        const box = table.getBoundingClientRect();
        const headings = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
        return [...table.querySelectorAll('tbody tr')].flatMap(row => [...row.cells].map((cell, i) => ({
            label: cell.dataset.label, heading: headings[i],
            shown: getComputedStyle(cell, '::before').content,
            full: Math.abs(cell.getBoundingClientRect().width - box.width) < 3 }))); }""")
    assert cells
    for cell in cells:
        assert cell["label"] == cell["heading"] and cell["label"] in cell["shown"]
        assert cell["full"]
    # screen readers keep the table: its headings, rows and cells, without the labels
    tree = table.aria_snapshot()
    assert "columnheader" in tree and "- cell " in tree
    assert '- cell "(a) Ukraine"' in tree


def test_a_wide_screen_keeps_tables_as_grids(open_page):
    page = open_page("termsheet-us-draft", 1440)
    assert page.evaluate("[...document.querySelectorAll('table.grid')]"
                         ".every(t => getComputedStyle(t).display === 'table')")
    assert page.evaluate("[...document.querySelectorAll('table.grid')].every(t => "
                         "t.getBoundingClientRect().width <= t.parentElement.clientWidth)")


@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("name", ["termsheet-us-draft", "comparison"])
def test_table_cells_are_never_hyphenated(open_page, name, media):
    page = open_page(name, 1440)
    page.emulate_media(media=media)
    assert page.evaluate(HYPHENATED) == []
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate(HYPHENATED) == []
