"""Shared fixtures: repository paths, a minimal valid term file, and an in-process CLI runner."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

pytest.register_assert_rewrite("goldens")  # golden mismatches show pytest's diff

ROOT = Path(__file__).resolve().parent.parent
BADINPUT = Path(__file__).resolve().parent / "badinput"

#: A small valid term file (lints clean).
MINIMAL_YAML = """\
schema_version: "1.0"
metadata:
  doc_id: minimal-case
  title: "Minimal term sheet"
  document_type: term_sheet
  version: "0.1.0"
  date: 2026-01-15
  drafting_party: us
  status: working_draft
parties:
  - {id: ua, name: Ukraine, kind: state, iso3166: UA}
  - {id: us, name: United States of America, kind: state, iso3166: US}
beneficiary: ua
"""


def output_names(folder: Path) -> list[str]:
    """The files of an output folder, sorted, without the render cache's hidden records
    (``.STEM.termsheet-cache.json``, see termsheet/jobs/render_cache.py); [] when the
    folder does not exist."""
    from termsheet.jobs.render_cache import RECORD_SUFFIX

    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if not (p.name.startswith(".") and p.name.endswith(RECORD_SUFFIX)))


@pytest.fixture
def minimal_yaml() -> str:
    return MINIMAL_YAML


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``termsheet ARGS`` in-process: returns ``(status, stdout, stderr)``."""
    from termsheet.cli.app import run

    for var in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


class CountingStdin(io.BytesIO):
    """Standard input that counts its reads and the bytes they returned."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads = 0
        self.returned = 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads += 1
        chunk = super().read(size)
        self.returned += len(chunk)
        return chunk


@pytest.fixture
def stdin(monkeypatch):
    """``stdin(data)`` replaces standard input with ``data`` and returns the stream."""

    def feed(data: bytes) -> CountingStdin:
        stream = CountingStdin(data)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream, encoding="utf-8"))
        return stream

    return feed
