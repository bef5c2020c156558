"""``termsheet render --edition``: built-in and configured editions, and unknown names."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from conftest import ROOT
from termsheet.cli.app import run

US = ROOT / "samples" / "us-draft.yaml"


def render(*args) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = run([str(a) for a in args])
    return status, err.getvalue()


def test_circulation_edition(tmp_path: Path):
    status, _ = render("render", US, "--to", "md", "--edition", "circulation", "--out-dir", tmp_path,
                       "--no-config", "-q")
    text = (tmp_path / "us-draft.md").read_text(encoding="utf-8")
    assert status == 0 and "Basis:" not in text and "[^1]: " in text


def test_an_office_edition_from_the_configuration(tmp_path: Path):
    config = tmp_path / ".termsheet.toml"
    config.write_text('[editions.press]\nbase = "circulation"\nsources = "none"\n', encoding="utf-8")
    status, err = render("render", US, "--to", "md", "--edition", "press", "--config", config,
                         "--out-dir", tmp_path / "out", "-q")
    text = (tmp_path / "out" / "us-draft.md").read_text(encoding="utf-8")
    assert status == 0, err
    assert "Basis:" not in text and "[^" not in text and "Sources and provenance" not in text


def test_unknown_edition_is_a_usage_error_with_a_suggestion(tmp_path: Path):
    status, err = render("render", US, "--edition", "circulaton", "--out-dir", tmp_path,
                         "--no-config")
    assert status == 2 and "did you mean 'circulation'?" in err
    assert not list(tmp_path.iterdir())


def test_a_wrong_edition_in_the_configuration_is_a_configuration_error(tmp_path: Path):
    config = tmp_path / ".termsheet.toml"
    config.write_text('[editions.internal]\nnotes = false\n', encoding="utf-8")
    status, err = render("render", US, "--to", "md", "--config", config, "--out-dir", tmp_path)
    assert status == 2 and "built-in edition" in err
