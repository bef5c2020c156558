"""Section titles, table captions and column headers come from the wording template titles.j2:
an office that overrides it renames them in every format."""

from __future__ import annotations

import io
import re

import docx
import pytest

import docx_numbers
from conftest import ROOT

US = ROOT / "samples" / "us-draft.yaml"
TITLES = (ROOT / "templates" / "wording" / "titles.j2").read_text(encoding="utf-8")


@pytest.fixture
def renamed(cli, tmp_path, monkeypatch):
    """us-draft rendered to DOCX, HTML and Markdown with "Force posture" renamed
    "Posture of the forces" and the "Strength" column "Headcount"."""
    monkeypatch.chdir(tmp_path)
    wording = tmp_path / "office" / "wording"
    wording.mkdir(parents=True)
    text = TITLES.replace('"sec_forces": "Force posture"', '"sec_forces": "Posture of the forces"')
    text = text.replace('"deployment.strength": "Strength"', '"deployment.strength": "Headcount"')
    assert text.count("Posture of the forces") == text.count("Headcount") == 1
    (wording / "titles.j2").write_text(text, encoding="utf-8")
    status, out, err = cli("render", US, "--to", "docx,html,md", "--out-dir", "out",
                           "--templates", "office")
    assert status == 0, out + err
    return {fmt: (tmp_path / "out" / f"us-draft.{fmt}").read_bytes() for fmt in ("docx", "html", "md")}


def test_an_overridden_title_is_printed_in_every_format(renamed):
    opened = docx.Document(io.BytesIO(renamed["docx"]))
    headings = [text for _, text in docx_numbers.headings(opened)]
    assert "4\tPosture of the forces" in headings and "4\tForce posture" not in headings
    headers = [cell.text for table in opened.tables for cell in table.rows[0].cells]
    assert "Headcount" in headers and "Strength" not in headers

    html = renamed["html"].decode()
    assert re.search(r"<h2[^>]*>.*Posture of the forces.*</h2>", html, re.S)
    assert ">Headcount</th>" in html and ">Strength</th>" not in html and "Force posture" not in html

    markdown = renamed["md"].decode()
    assert "## 4 Posture of the forces" in markdown and "Force posture" not in markdown
    assert "| Headcount |" in markdown


def test_every_section_title_comes_from_the_template():
    from termsheet.compose import SECTIONS
    for section_id, _ in SECTIONS:
        assert f'"{section_id}": "' in TITLES
