"""A bad ``styles/styles.yaml`` is a configuration error (exit 2) at file:line:column, found before rendering."""

from __future__ import annotations

import pytest

from conftest import ROOT

US = ROOT / "samples" / "us-draft.yaml"


@pytest.mark.parametrize("text, where, what", [
    ("Heading 1:\n  colr: '#000000'\n", "2:3", "unknown property 'colr'; did you mean colour?"),
    ("Heading 1:\n  size: big\n", "2:9", "size must be a number of points"),
    ("Heading 1:\n  colour: '#12345'\n", "2:11", 'colour must be an RGB colour such as "#1F3864"'),
    ("Heading 1:\n  bold: yes please\n", "2:9", "bold must be true or false"),
    ("Normal:\n  size: 11\nHeadng 1:\n  size: 16\n", "3:1",
     "the reference.docx in use has no style 'Headng 1'; did you mean 'heading 1'?"),
    ("Emphasis:\n  space_after: 6\n", "1:1", "space_after apply to paragraph styles; 'Emphasis' is a character style"),
    ("Heading 1: 16\n", "1:12", "style 'Heading 1' needs a mapping of properties"),
    ("- Heading 1\n", "1:1", "styles.yaml is a mapping of style names to properties"),
    ("Heading 1:\n  size: [16\n", "3:1", "YAML syntax error"),
])
def test_a_bad_style_file_is_a_located_configuration_error(cli, tmp_path, monkeypatch, text, where, what):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "office" / "styles").mkdir(parents=True)
    (tmp_path / "office" / "styles" / "styles.yaml").write_text(text, encoding="utf-8")
    status, out, err = cli("render", US, "--to", "md", "--out-dir", "out", "--templates", "office")
    assert status == 2, out + err
    assert f"termsheet: office/styles/styles.yaml:{where}: {what}" in err
    assert not (tmp_path / "out").exists()


def test_a_good_style_file_passes_the_check(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "office" / "styles").mkdir(parents=True)
    (tmp_path / "office" / "styles" / "styles.yaml").write_text(
        "heading 1:\n  size: 16\n  color: '1f3864'\nNormal: {space_after: 6, line_spacing: 1.15}\n",
        encoding="utf-8")
    status, _, err = cli("render", US, "--to", "docx", "--out-dir", "out", "--templates", "office", "-q")
    assert status == 0, err
    assert (tmp_path / "out" / "us-draft.docx").is_file()
