"""``termsheet watch --serve`` in a real browser (Debian's Chromium through Playwright): the
page shows the document, reloads itself after a save, shows the diagnostics over it while
the file is invalid; the server answers only for the watched pages, on 127.0.0.1 only.
Where Chromium is missing the browser tests skip — unless ``TERMSHEET_REQUIRE_BROWSER=1``
(CI), where they fail (see ``tests/browser.py``)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import chromium, require_chromium
from termsheet.resources import data_dir

pytestmark = pytest.mark.browser

WAIT_SECONDS = 90  # a bound for a slow machine; every wait polls
WAIT_MS = WAIT_SECONDS * 1000


def save(path: Path, text: str) -> None:
    """Save as most editors do: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class Served:
    """``termsheet watch minimal.yaml --to html --out-dir out --serve`` in ``folder``."""

    def __init__(self, folder: Path):
        self.term_file = folder / "minimal.yaml"
        self.original = (data_dir("samples") / "minimal.yaml").read_text(encoding="utf-8")
        self.term_file.write_text(self.original, encoding="utf-8")
        self.html = folder / "out" / "minimal.html"
        self.stderr = folder / "stderr.txt"
        with self.stderr.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "termsheet", "watch", "minimal.yaml", "--to", "html",
                 "--out-dir", "out", "--serve", "--debounce", "50"],
                cwd=folder, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        self.url = self._wait_for_url()
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            found = re.search(r"serving (http://\S+/)", self.stderr.read_text(encoding="utf-8"))
            if found and self.html.exists():
                return found.group(1)
            time.sleep(0.05)
        self.close()
        pytest.fail(f"no page served: {self.stderr.read_text(encoding='utf-8')}")

    def get(self, path: str, host: str = "127.0.0.1") -> http.client.HTTPResponse:
        """A raw request for ``path`` exactly as written (no client-side normalising)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT_SECONDS)
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", f"{host}:{self.port}")
        connection.endheaders()
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def served(tmp_path):
    watch = Served(tmp_path)
    yield watch
    watch.close()


@pytest.fixture(scope="module")
def browser():
    with chromium(require_chromium()) as instance:
        yield instance


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type in ("error", "warning")
            and page.problems.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
    page.goto(served.url + "minimal.html")
    yield page
    context.close()


def test_the_page_shows_the_document_and_reloads_after_a_save(page, served):
    assert page.title() == "Minimal Term Sheet (Illustrative)"
    assert page.locator("#termsheet-watch-overlay").count() == 0
    save(served.term_file, served.original.replace("Minimal Term Sheet", "Renamed Sheet"))
    page.get_by_role("heading", name="Renamed Sheet (Illustrative)").wait_for(timeout=WAIT_MS)
    assert page.title() == "Renamed Sheet (Illustrative)"
    assert page.problems == []  # the page's styles and script pass the Content-Security-Policy


def test_a_breaking_save_shows_the_diagnostics_over_the_last_good_page(page, served):
    broken = served.original.replace("status: concept", 'status: "<b>concept</b>"')
    line = broken.splitlines().index('  status: "<b>concept</b>"') + 1
    save(served.term_file, broken)
    overlay = page.locator("#termsheet-watch-overlay")
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    text = overlay.inner_text()
    assert f"minimal.yaml:{line}:11: error[literal_error] metadata.status:" in text
    assert "'<b>concept</b>' is not an allowed status" in text  # shown as text, not markup
    assert overlay.locator("b").count() == 0
    assert page.title() == "Minimal Term Sheet (Illustrative)"  # the last good page beneath

    save(served.term_file, served.original.replace("Minimal Term Sheet", "Fixed Sheet"))
    page.get_by_role("heading", name="Fixed Sheet (Illustrative)").wait_for(timeout=WAIT_MS)
    assert overlay.count() == 0
    assert page.problems == []


def test_the_index_lists_the_watched_documents(page, served):
    page.goto(served.url)
    link = page.get_by_role("link", name="minimal.yaml")
    assert link.get_attribute("href") == "/minimal.html"
    link.click()
    page.wait_for_url(served.url + "minimal.html")
    assert page.problems == []


def test_the_written_file_has_no_script(served):
    assert b"_watch" not in served.html.read_bytes()
    assert b"/_watch/watch-reload.js" in served.get("/minimal.html").body


@pytest.mark.parametrize("path", [
    "/../minimal.yaml", "/%2e%2e/minimal.yaml", "/minimal.yaml", "/out/minimal.html",
    "/minimal.pdf", "/stderr.txt", "/_watch/../minimal.html/..", "/%2e%2e%2fout%2fminimal.html",
    "/_watch/", "/other.html", "//etc/passwd",
])
def test_the_server_refuses_everything_else(served, path):
    response = served.get(path)
    assert response.status == 404
    assert b"Minimal" not in response.body


def test_the_responses_carry_security_headers(served):
    response = served.get("/minimal.html")
    policy = response.getheader("Content-Security-Policy")
    assert "script-src 'self';" in policy and "default-src 'none'" in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    script = served.get("/_watch/watch-reload.js")
    assert script.status == 200 and script.getheader("Content-Type").startswith("text/javascript")


def test_another_host_name_is_refused(served):
    assert served.get("/minimal.html", host="attacker.example").status == 421


def test_the_server_listens_on_127_0_0_1_only(served):
    assert served.url.startswith("http://127.0.0.1:")
    with socket.create_connection(("127.0.0.1", served.port), timeout=WAIT_SECONDS):
        pass
    with pytest.raises(ConnectionRefusedError):  # another loopback address: not bound
        socket.create_connection(("127.0.0.2", served.port), timeout=WAIT_SECONDS).close()
