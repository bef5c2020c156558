"""``termsheet watch --serve``: the rendered HTML pages on a local web server that reloads
them when they change.

The server listens on 127.0.0.1 only and answers a handful of addresses: the index of
the watched documents (``/``), each document's page (``/<name>.html``, read from the
output folder, never through a symlink), the page's script and stylesheet
(``/_watch/…``) and the reload channel (``/_watch/events``, Server-Sent Events carrying
a version number). Nothing else of the output folder or the disk is served. The page
gets the script (a file, so the Content-Security-Policy allows no inline script) and,
while its term file is invalid, the diagnostics laid over the last good document, as
escaped text; the written file is never changed.
"""

from __future__ import annotations

import html
import os
import re
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from termsheet.resources import data_dir

HOST = "127.0.0.1"
ASSETS = {"/_watch/watch-reload.js": ("watch-reload.js", "text/javascript; charset=utf-8"),
          "/_watch/watch-overlay.css": ("watch-overlay.css", "text/css; charset=utf-8")}
EVENTS = "/_watch/events"
KEEPALIVE_SECONDS = 15.0
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class PageState:
    """What the site knows of one watched document."""

    source: str
    """The term file as messages name it."""
    problems: str | None = None
    """The diagnostics to show over the page (plain text), or None when it rendered."""


class WatchSite:
    """The documents served and a version number that grows with every change of them.

    Shared between the watch loop (:meth:`update`) and the server's threads.
    """

    def __init__(self, out_dir: Path, sources: dict[str, str]):
        self.out_dir = Path(out_dir)
        self.pages = {stem: PageState(source) for stem, source in sources.items()}
        self.version = 0
        self.closed = False
        self._changed = threading.Condition()

    def update(self, stem: str, problems: str | None) -> None:
        """Record a new render of ``stem`` (``problems``: the diagnostics, when it failed)."""
        with self._changed:
            self.pages[stem].problems = problems
            self.version += 1
            self._changed.notify_all()

    def close(self) -> None:
        """Release every waiting reload channel."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """The version once it differs from ``seen`` or ``timeout`` seconds passed."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version

    def page(self, stem: str) -> bytes | None:
        """The page of ``stem`` as served: the last good HTML with the script and, while the
        term file is invalid, the diagnostics; None for a name that is not a watched one."""
        state = self.pages.get(stem)
        if state is None:
            return None
        with self._changed:
            version, problems = self.version, state.problems
        document = self._read_output(f"{stem}.html")
        if document is None:
            document = _placeholder(state.source)
        return _inject(document, _additions(version, state.source, problems)).encode("utf-8")

    def index(self) -> bytes:
        """The list of the watched documents, each with its state."""
        with self._changed:
            version = self.version
            rows = [(stem, state.source, state.problems is None) for stem, state in self.pages.items()]
        items = "".join(
            f'<li><a href="/{quote(stem)}.html">{html.escape(source)}</a>'
            f'{"" if ok else " <strong>(invalid)</strong>"}</li>'
            for stem, source, ok in rows)
        page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>termsheet watch</title></head><body><h1>Watched term files</h1>"
                f"<ul>{items}</ul></body></html>")
        return _inject(page, _additions(version, None, None)).encode("utf-8")

    def _read_output(self, name: str) -> str | None:
        try:
            descriptor = os.open(self.out_dir / name, _READ_FLAGS)
        except OSError:
            return None
        with os.fdopen(descriptor, "rb") as stream:
            return stream.read().decode("utf-8", "replace")


def _placeholder(source: str) -> str:
    title = html.escape(source)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head><body><p>No valid version of {title} yet.</p></body></html>")


def _additions(version: int, source: str | None, problems: str | None) -> str:
    """The stylesheet, the reload script and the diagnostics overlay added to a page."""
    parts = ['<link rel="stylesheet" href="/_watch/watch-overlay.css">',
             f'<script src="/_watch/watch-reload.js" id="termsheet-watch" '
             f'data-version="{version}" defer></script>']
    if problems is not None:
        parts.append(
            '<div id="termsheet-watch-overlay" role="alert"><div class="termsheet-watch-panel">'
            f'<p class="termsheet-watch-title">{html.escape(source or "")} is invalid; '
            "the last good version is shown underneath</p>"
            f"<pre>{html.escape(problems)}</pre></div></div>")
    return "".join(parts)


def _inject(page: str, additions: str) -> str:
    """``page`` with ``additions`` just before its last ``</body>`` (or at its end)."""
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + additions
    at = ends[-1].start()
    return page[:at] + additions + page[at:]


class _Handler(BaseHTTPRequestHandler):
    server: WatchServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        if not self._local_host():
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, b"unknown host\n", "text/plain",
                              send_body)
        path = urlsplit(self.path).path
        site = self.server.site
        if path == EVENTS and send_body:
            return self._stream_versions(site)
        if path == "/favicon.ico":  # what browsers ask for: nothing, without an error
            return self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", send_body)
        if path in ASSETS:
            name, kind = ASSETS[path]
            body = (data_dir("templates") / "html" / name).read_bytes()
            return self._send(HTTPStatus.OK, body, kind, send_body)
        body = site.index() if path == "/" else _document(site, path)
        if body is None:
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", send_body)
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", send_body)

    def _local_host(self) -> bool:
        """Refuse a ``Host`` other than this server's (a DNS rebinding attempt)."""
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def _send(self, status: HTTPStatus, body: bytes, kind: str, send_body: bool) -> None:
        self.send_response(status)
        self._headers(kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _headers(self, kind: str) -> None:
        self.send_header("Content-Type", kind)
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)

    def _stream_versions(self, site: WatchSite) -> None:
        """Server-Sent Events: the version now, then each new one, until the client leaves."""
        self.send_response(HTTPStatus.OK)
        self._headers("text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while not site.closed:
                version = site.wait_for_change(seen, KEEPALIVE_SECONDS)
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": \n\n")
                self.wfile.flush()
                seen = version
        except OSError:  # the page went away
            pass

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's name
        """Quiet: the terminal is for the diagnostics."""


def _document(site: WatchSite, path: str) -> bytes | None:
    """The page for ``/<name>.html``; None for any other address."""
    name = unquote(path[1:]) if path.startswith("/") else ""
    if "/" in name or "\\" in name or not name.endswith(".html"):
        return None
    return site.page(name[:-len(".html")])


class WatchServer(ThreadingHTTPServer):
    """The local server of a :class:`WatchSite`, on 127.0.0.1; ``port`` 0 takes a free one."""

    daemon_threads = True

    def __init__(self, site: WatchSite, port: int = 0):
        self.site = site
        super().__init__((HOST, port), _Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def start(self) -> threading.Thread:
        """Serve in a background thread."""
        thread = threading.Thread(target=self.serve_forever, name="termsheet-watch-server",
                                  daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """Stop serving, release the reload channels and close the socket."""
        self.site.close()
        self.shutdown()
        self.server_close()
