"""`--pdf-engine` on every command that writes PDFs: the engine named lays out each PDF
the command writes, and a templates folder that only WeasyPrint reads is pointed out."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT
from termsheet.cli import common
from termsheet.writers import table

SAMPLES = ROOT / "samples"
MINIMAL = SAMPLES / "minimal.yaml"



def test_the_command_line_offers_the_engines_the_writers_have():
    assert common.PDF_ENGINES == table.PDF_ENGINES


def laid_out_by(pdf: Path) -> str:
    """``typst`` or ``weasyprint``: the engine a PDF's metadata names."""
    info = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).metadata
    names = f"{info.get('/Creator', '')} {info.get('/Producer', '')}".lower()
    engines = [engine for engine in ("typst", "weasyprint") if engine in names]
    assert len(engines) == 1, names
    return engines[0]


def layout_note(err: str) -> list[str]:
    return [line for line in err.splitlines() if "does not read" in line]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["typst", "weasyprint"])
def test_diff_and_consolidate_lay_out_every_pdf_with_the_engine_named(cli, tmp_path, engine):
    old, new = SAMPLES / "us-draft-v0.2.yaml", SAMPLES / "us-draft.yaml"
    status, _out, _err = cli("diff", old, new, "--to", "pdf", "--pdf-engine", engine,
                             "--out-dir", tmp_path / "diff", "-q")
    assert status == 0
    [side_by_side] = (tmp_path / "diff").glob("*.pdf")
    assert laid_out_by(side_by_side) == engine
    status, _out, _err = cli("consolidate", MINIMAL, MINIMAL, "--to", "pdf",
                             "--pdf-engine", engine, "--out-dir", tmp_path / "cons", "-q")
    assert status == 0
    pdfs = sorted((tmp_path / "cons").glob("*.pdf"))
    assert [pdf.name for pdf in pdfs] == ["consolidated-columns.pdf", "consolidated.pdf"]
    assert {laid_out_by(pdf) for pdf in pdfs} == {engine}


def test_an_unknown_engine_is_a_usage_error_naming_the_engines(cli, tmp_path):
    for command in (("diff", MINIMAL, MINIMAL), ("consolidate", MINIMAL, MINIMAL)):
        status, _out, err = cli(*command, "--to", "pdf", "--out-dir", tmp_path / "out",
                                "--pdf-engine", "latex")
        assert status == 2 and "'typst'" in err and "'weasyprint'" in err
    assert not (tmp_path / "out").exists()


def office_folder(tmp_path: Path, *files: str) -> Path:
    folder = tmp_path / "office"
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("/* the office's own */\n", encoding="utf-8")
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.slow
def test_a_templates_folder_with_stylesheets_gets_a_note_with_typst(cli, tmp_path):
    office = office_folder(tmp_path, "styles/extra.css")
    status, _out, err = cli("render", MINIMAL, "--to", "pdf", "--pdf-engine", "typst",
                            "--templates", office, "--out-dir", tmp_path / "out")
    assert status == 0
    [note] = layout_note(err)
    assert str(office) in note and "--pdf-engine weasyprint" in note
    assert laid_out_by(tmp_path / "out" / "minimal.pdf") == "typst"


@pytest.mark.slow
def test_no_note_without_stylesheets_without_pdf_with_weasyprint_or_quiet(cli, tmp_path):
    wording_only = office_folder(tmp_path, "wording/.keep")
    styled = office_folder(tmp_path / "styled", "styles/extra.css")
    runs = [
        ("--to", "pdf", "--pdf-engine", "typst", "--templates", wording_only),
        ("--to", "md", "--pdf-engine", "typst", "--templates", styled),
        ("--to", "pdf", "--pdf-engine", "weasyprint", "--templates", styled),
        ("--to", "pdf", "--pdf-engine", "typst", "--templates", styled, "-q"),
    ]
    for number, options in enumerate(runs):
        status, _out, err = cli("render", MINIMAL, *options, "--out-dir", tmp_path / f"o{number}")
        assert status == 0, err
        assert layout_note(err) == [], options
