"""Golden files: compare an output with its stored copy in ``tests/golden/``, or refresh it.

One switch refreshes every golden file::

    TERMSHEET_UPDATE_GOLDENS=1 python -m pytest tests/compose/test_build.py tests/writers/test_markdown.py \\
        tests/writers/test_html.py tests/writers/test_docx.py

then review ``git diff tests/golden`` like any other change. Without the switch a
missing or different golden file fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
"""The folder of golden files."""

SWITCH = "TERMSHEET_UPDATE_GOLDENS"
"""Environment variable that makes :func:`assert_golden` rewrite instead of compare."""


def update_goldens() -> bool:
    """True when ``TERMSHEET_UPDATE_GOLDENS`` is set (to anything but ``0``, ``false`` or ``no``)."""
    return os.environ.get(SWITCH, "").strip().lower() not in ("", "0", "false", "no")


def assert_golden(path: Path, actual: str) -> None:
    """``actual`` equals the golden file at ``path``; with the switch set, write it there first."""
    name = path.relative_to(GOLDEN.parent) if path.is_relative_to(GOLDEN.parent) else path
    if update_goldens():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.is_file(), f"missing golden file {name}; create it with {SWITCH}=1"
    with path.open(encoding="utf-8", newline="") as stream:  # line endings exactly as stored
        expected = stream.read()
    assert actual == expected, (
        f"{name} differs from the output; if the change is intended, rerun with {SWITCH}=1 "
        "and review git diff tests/golden")
