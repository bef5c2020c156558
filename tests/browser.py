"""Launch Debian's Chromium through Playwright for Python — never a downloaded browser.

    with chromium() as browser:
        page = browser.new_page()

``find_chromium()`` gives the executable (``$TERMSHEET_CHROMIUM``, ``chromium`` on the
PATH, ``/usr/bin/chromium``) or None. Tests call :func:`require_chromium`: where
Chromium or Playwright is missing it skips with the reason, unless
``TERMSHEET_REQUIRE_BROWSER=1`` (set by CI), where a missing browser is a failure.
``scripts/make_screenshots.py`` uses the same launcher.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

LAUNCH_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
)
"""Flags for a headless Chromium in a container, offline (no update or sync traffic)."""


def find_chromium() -> str | None:
    """Path of a Chromium executable on this machine, or None."""
    candidates = [os.environ.get("TERMSHEET_CHROMIUM"), shutil.which("chromium"),
                  shutil.which("chromium-browser"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_required() -> bool:
    """True where a missing browser must fail rather than skip (CI)."""
    return os.environ.get("TERMSHEET_REQUIRE_BROWSER", "").strip() not in ("", "0", "false", "no")


def missing_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if find_chromium() is None:
        return ("Chromium not found (apt-get install -y chromium, or set TERMSHEET_CHROMIUM); "
                "never use `playwright install`")
    return None


def require_chromium() -> str:
    """The Chromium path; otherwise skip the test, or fail it when a browser is required."""
    import pytest

    reason = missing_reason()
    if reason is None:
        return find_chromium()
    if browser_required():
        pytest.fail(f"TERMSHEET_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def chromium(executable: str | None = None):
    """A headless Chromium (Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    executable = executable or find_chromium()
    if executable is None:
        raise RuntimeError(missing_reason() or "Chromium not found")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS),
                                             headless=True)
        try:
            yield browser
        finally:
            browser.close()
