"""The safe URL fetcher: data: images and the stylesheet's own assets, nothing else."""

from __future__ import annotations

import base64
import os

import pytest

from termsheet.writers.fetcher import MAX_DATA_BYTES, SafeFetcher, URLRefused

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture
def assets(tmp_path):
    folder = tmp_path / "styles" / "assets"
    folder.mkdir(parents=True)
    (folder / "logo.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(b"secret")
    (folder / "notes.txt").write_text("not an image")
    return folder


def refused(fetcher, url) -> URLRefused:
    with pytest.raises(URLRefused) as caught:
        fetcher(url)
    assert caught.value.url == url
    return caught.value


def test_refusal_stops_weasyprint():
    from weasyprint.urls import FatalURLFetchingError

    assert issubclass(URLRefused, FatalURLFetchingError)
    assert not issubclass(URLRefused, Exception)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://evil.example/share/x.png",
    "http://example.org/x.css",
    "https://example.org/logo.png",
    "ftp://example.org/x",
    "javascript:alert(1)",
    "about:blank",
    "../../x",
    "logo.png",
    "/etc/passwd",
    "//example.org/x.png",
])
def test_other_urls_are_refused_without_assets(url):
    refused(SafeFetcher(None), url)


def test_plain_asset_is_served(assets):
    response = SafeFetcher(assets)(f"file://{assets}/logo.png")
    assert response.read() == PNG
    assert response.content_type == "image/png"


@pytest.mark.parametrize("suffix", [
    "/../secret.png",
    "/%2e%2e/secret.png",
    "/%2E%2E/secret.png",
    "/./logo.png",
    "/logo%2epng",
    "/logo.png?x=1",
    "/logo.png#frag",
    "/sub/logo.png",
    "/notes.txt",
    "/.hidden.png",
    "/missing.png",
    "\\..\\secret.png",
])
def test_asset_tricks_are_refused(assets, suffix):
    refused(SafeFetcher(assets), f"file://{assets}{suffix}")


def test_files_outside_the_assets_folder_are_refused(assets):
    fetcher = SafeFetcher(assets)
    refused(fetcher, f"file://{assets.parent.parent}/secret.png")
    refused(fetcher, "file:///etc/passwd")
    refused(fetcher, f"http://localhost{assets}/logo.png")


def test_symlinked_asset_is_refused(assets):
    os.symlink(assets.parent.parent / "secret.png", assets / "link.png")
    error = refused(SafeFetcher(assets), f"file://{assets}/link.png")
    assert "cannot open" in error.reason


def test_symlinked_assets_folder_is_refused(assets, tmp_path):
    link = tmp_path / "linked"
    link.mkdir()
    os.symlink(assets, link / "assets")
    refused(SafeFetcher(link / "assets"), f"file://{link}/assets/logo.png")


def test_fifo_and_folders_are_refused(assets):
    os.mkfifo(assets / "pipe.png")
    (assets / "dir.png").mkdir()
    fetcher = SafeFetcher(assets)
    refused(fetcher, f"file://{assets}/pipe.png")
    refused(fetcher, f"file://{assets}/dir.png")


def test_data_images_are_allowed():
    fetcher = SafeFetcher(None)
    url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert fetcher(url).read() == PNG
    assert fetcher("data:image/svg+xml,%3Csvg%2F%3E").read() == b"<svg/>"


@pytest.mark.parametrize("url", [
    "data:text/html,<a href=file:///etc/passwd>x</a>",
    "data:text/css,@import url(file:///etc/passwd);",
    "data:,plain",
    "data:image/png;base64,!!!notbase64",
    "data:image/png",
])
def test_other_data_urls_are_refused(url):
    refused(SafeFetcher(None), url)


def test_huge_data_url_is_refused():
    url = "data:image/png;base64," + "A" * (4 * MAX_DATA_BYTES)
    error = refused(SafeFetcher(None), url)
    assert "larger" in error.reason
    assert len(str(error)) < 400
