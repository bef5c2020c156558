"""The N-column page in a real browser (Debian's Chromium through Playwright): the column
and status filters, the page without JavaScript, no sideways scroll at 390 pixels.
Where Chromium is missing these tests skip — unless ``TERMSHEET_REQUIRE_BROWSER=1``
(CI), where they fail (see ``tests/browser.py``)."""

from __future__ import annotations

import pytest

from browser import chromium, require_chromium
from termsheet.writers.columns_html import write_columns_html

from columnsfixtures import sample_columns

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def columns_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "columns.html"
    path.write_text(write_columns_html(sample_columns()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser():
    with chromium(require_chromium()) as instance:
        yield instance


def _open(browser, path, width: int, javascript: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type in ("error", "warning")
            and page.problems.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
    page.goto(path.as_uri())
    return context, page


def _visible(page, selector: str) -> int:
    return page.evaluate("""selector => Array.from(document.querySelectorAll(selector))
        .filter(element => element.getClientRects().length > 0).length""", selector)


def test_hiding_a_party_hides_its_column(browser, columns_page):
    context, page = _open(browser, columns_page, 1280)
    rows = len(sample_columns().consolidation.rows)
    assert _visible(page, "td[data-column='1']") == rows
    page.uncheck("input[data-column='1']")
    assert _visible(page, "td[data-column='1']") == 0
    assert _visible(page, "th[data-column='1']") == 0
    assert _visible(page, "td[data-column='0']") == rows
    page.check("input[data-column='1']")
    assert _visible(page, "td[data-column='1']") == rows
    assert page.problems == []
    context.close()


@pytest.mark.parametrize("status", ["disputed", "partial", "single_party", "agreed"])
def test_the_status_filter_shows_only_matching_rows(browser, columns_page, status):
    context, page = _open(browser, columns_page, 1280)
    expected = sample_columns().consolidation.counts()[status]
    page.select_option("#filter-status", status)
    assert _visible(page, "tr.provision") == expected
    assert _visible(page, f"tr.provision[data-status='{status}']") == expected
    assert page.inner_text("#filter-count") == f"{expected} provisions shown"
    page.select_option("#filter-status", "")
    assert _visible(page, "tr.provision") == len(sample_columns().consolidation.rows)
    assert page.problems == []
    context.close()


def test_without_javascript_everything_is_shown_and_the_filters_are_hidden(browser, columns_page):
    context, page = _open(browser, columns_page, 1280, javascript=False)
    assert _visible(page, "tr.provision") == len(sample_columns().consolidation.rows)
    assert _visible(page, "#filters") == 0
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_sideways_scroll(browser, columns_page, width):
    context, page = _open(browser, columns_page, width)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    if width == 390:  # cells stack, each under its version's label
        assert _visible(page, ".cell-label") == 3 * len(sample_columns().consolidation.rows)
        assert _visible(page, "thead th") == 0
    context.close()
