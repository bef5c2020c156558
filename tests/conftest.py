"""Shared fixtures: repository paths, a minimal valid term file, and an in-process CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.fixture
def minimal_yaml() -> str:
    return MINIMAL_YAML


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``termsheet ARGS`` in-process: returns ``(status, stdout, stderr)``."""
    from termsheet.cli import run

    for var in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return invoke
