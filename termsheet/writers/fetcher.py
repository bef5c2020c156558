"""The only URL fetcher WeasyPrint gets: it fetches almost nothing, on purpose.

WeasyPrint's default fetcher follows ``file://`` and ``http(s)://``, so a stylesheet
or an element it should never have seen could read local files into a PDF.
:class:`SafeFetcher` allows exactly two kinds of URL:

- ``data:`` URLs of raster or SVG images, up to :data:`MAX_DATA_BYTES`;
- images in the ``assets/`` folder next to the stylesheet in use (packaged, or the
  drafting office's ``--templates`` folder), named plainly (``logo.png``), as
  regular files — not symlinks — inside that folder.

Everything else — other ``file://`` paths, ``http(s)://``, relative or ``..`` paths,
percent-encoded paths (``%2e%2e``), hosts in file URLs, query strings, symlinks —
raises :class:`URLRefused`. It derives from WeasyPrint's ``FatalURLFetchingError``,
a ``BaseException``, so WeasyPrint stops the render instead of logging and going
on; the PDF writer turns it into a :class:`termsheet.errors.RenderError`.
"""

from __future__ import annotations

import base64
import os
import re
import stat
from pathlib import Path
from urllib.parse import unquote_to_bytes

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

MAX_DATA_BYTES = 2_000_000
"""Largest resource the fetcher hands out (decoded ``data:`` URL or asset file)."""

ASSET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\.(png|jpe?g|gif|svg)$")
ASSET_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
               "gif": "image/gif", "svg": "image/svg+xml"}
DATA_TYPES = frozenset(ASSET_TYPES.values())


class URLRefused(FatalURLFetchingError):
    """The render asked for a URL outside the allowlist; the render must stop."""

    def __init__(self, url: str, reason: str):
        shown = url if len(url) <= 200 else url[:200] + "…"
        super().__init__(f"refused to fetch {shown!r}: {reason}")
        self.url = url
        self.reason = reason


class SafeFetcher(URLFetcher):
    """A WeasyPrint URL fetcher for ``data:`` images and the stylesheet's own assets.

    ``asset_dir`` is the ``assets/`` folder next to the stylesheet in use, or None
    for no assets at all. Unknown URLs stop the render (:class:`URLRefused`).
    """

    def __init__(self, asset_dir: Path | None = None):
        super().__init__(allowed_protocols=(), fail_on_errors=True)
        self.asset_dir = Path(os.path.abspath(asset_dir)) if asset_dir else None

    def fetch(self, url, headers=None):
        if not isinstance(url, str):
            raise URLRefused(repr(url), "not a text URL")
        if url[:5].lower() == "data:":
            return self._data(url)
        if url[:7].lower() == "file://":
            return self._asset(url)
        raise URLRefused(url, "only data: images and the stylesheet's assets/ files are allowed")

    def _data(self, url: str) -> URLFetcherResponse:
        header, comma, payload = url[5:].partition(",")
        if not comma:
            raise URLRefused(url, "malformed data: URL")
        params = header.split(";")
        media_type = params[0].strip().lower()
        if media_type not in DATA_TYPES:
            raise URLRefused(url, f"data: URLs may carry only {', '.join(sorted(DATA_TYPES))}")
        if len(payload) > 2 * MAX_DATA_BYTES:
            raise URLRefused(url, f"data: URL larger than {MAX_DATA_BYTES} bytes")
        try:
            body = unquote_to_bytes(payload)
            if "base64" in (p.strip().lower() for p in params[1:]):
                body = base64.b64decode(body, validate=True)
        except ValueError as error:
            raise URLRefused(url, f"malformed data: URL ({error})") from None
        if len(body) > MAX_DATA_BYTES:
            raise URLRefused(url, f"data: URL larger than {MAX_DATA_BYTES} bytes")
        return URLFetcherResponse(url, body, {"Content-Type": media_type})

    def _asset(self, url: str) -> URLFetcherResponse:
        if self.asset_dir is None:
            raise URLRefused(url, "local files are not allowed")
        rest = url[7:]
        if not rest.startswith("/"):
            raise URLRefused(url, "file URLs with a host are not allowed")
        if any(char in rest for char in "%?#\\") or "/./" in rest or "/../" in rest:
            raise URLRefused(url, "encoded characters, queries and dot segments are not allowed")
        path = Path(rest)
        if path.parent != self.asset_dir or not ASSET_NAME.match(path.name):
            raise URLRefused(url, f"only plainly named images directly in {self.asset_dir} "
                                  "are allowed")
        body = _read_regular_file(url, self.asset_dir, path.name)
        media_type = ASSET_TYPES[path.suffix[1:].lower()]
        return URLFetcherResponse(url, body, {"Content-Type": media_type})


def _read_regular_file(url: str, folder: Path, name: str) -> bytes:
    """The bytes of ``folder/name``, refusing symlinks (of the file or the folder) and big files."""
    try:
        if folder.is_symlink() or folder.resolve() != folder:
            raise URLRefused(url, "the assets folder may not be or lie under a symlink")
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(folder / name, flags)
    except OSError as error:
        raise URLRefused(url, f"cannot open asset ({error.strerror})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise URLRefused(url, "not a regular file")
        if info.st_size > MAX_DATA_BYTES:
            raise URLRefused(url, f"asset larger than {MAX_DATA_BYTES} bytes")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(MAX_DATA_BYTES + 1)
    finally:
        os.close(descriptor)
