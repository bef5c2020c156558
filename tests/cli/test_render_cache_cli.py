"""`termsheet render` with outputs already current: `PATH: up to date` instead of
`wrote …`, `--force`, `--pdf-engine`, exit statuses and reports as for a render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_YAML, ROOT
from termsheet.jobs.render import DEFAULT_PDF_ENGINE
from termsheet.writers.table import PDF_ENGINES

US = ROOT / "samples" / "us-draft.yaml"
OTHER_PDF_ENGINE = next(engine for engine in PDF_ENGINES if engine != DEFAULT_PDF_ENGINE)
"""The engine that ``--pdf-engine`` has to name (the default is left out)."""


def term_file(folder: Path, name: str = "sheet.yaml", text: str = MINIMAL_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def wrote(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("wrote ")]


@pytest.fixture(autouse=True)
def _no_source_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_second_render_says_up_to_date_and_exits_as_the_first(cli, tmp_path):
    path = term_file(tmp_path / "terms")
    out = tmp_path / "out"
    first = cli("render", path, "--to", "md,html", "--out-dir", out)
    second = cli("render", path, "--to", "md,html", "--out-dir", out)
    assert first[0] == second[0] == 0
    assert len(wrote(first[2])) == 2
    assert wrote(second[2]) == []
    assert second[2].splitlines() == [f"{path}: up to date"]
    assert first[1] == second[1]  # the same report on stdout


def test_force_writes_every_file_again(cli, tmp_path):
    path = term_file(tmp_path / "terms")
    out = tmp_path / "out"
    cli("render", path, "--to", "md", "--out-dir", out)
    status, _out, err = cli("render", path, "--to", "md", "--out-dir", out, "--force")
    assert status == 0
    assert len(wrote(err)) == 1 and "up to date" not in err


def test_another_pdf_engine_renders_again(cli, tmp_path):
    path = term_file(tmp_path / "terms")
    out = tmp_path / "out"
    other = OTHER_PDF_ENGINE
    cli("render", path, "--to", "md", "--out-dir", out)
    status, _out, err = cli("render", path, "--to", "md", "--out-dir", out, "--pdf-engine", other)
    assert status == 0 and len(wrote(err)) == 1
    status, _out, err = cli("render", path, "--to", "md", "--out-dir", out, "--pdf-engine", other)
    assert status == 0 and wrote(err) == [] and "up to date" in err


def test_pdf_engine_option_offers_both_and_shows_the_job_default(cli):
    status, out, _err = cli("render", "--help")
    assert status == 0
    help_text = " ".join(out.split())
    assert "--pdf-engine [typst|weasyprint]" in help_text
    assert f"[default: {DEFAULT_PDF_ENGINE}]" in help_text.split("--pdf-engine", 1)[1]


def test_unknown_pdf_engine_is_a_usage_error(cli, tmp_path):
    path = term_file(tmp_path / "terms")
    status, _out, err = cli("render", path, "--out-dir", tmp_path / "out", "--pdf-engine", "tex")
    assert status == 2 and "tex" in err


def test_invalid_file_reports_its_errors_every_time(cli, tmp_path):
    folder = tmp_path / "terms"
    term_file(folder, "good.yaml")
    term_file(folder, "bad.yaml", MINIMAL_YAML.replace("kind: state", "kind: stat", 1))
    out = tmp_path / "out"
    runs = [cli("render", folder, "--to", "md", "--out-dir", out) for _ in range(2)]
    for status, stdout, _err in runs:
        assert status == 1
        assert "bad.yaml:" in stdout and "error" in stdout
    assert runs[0][1] == runs[1][1]
    assert "good.yaml: up to date" in runs[1][2]
    assert not any(name.startswith(".bad") or name.startswith("bad") for name in
                   (entry.name for entry in out.iterdir()))


def test_up_to_date_file_keeps_its_warnings_and_strict_status(cli, tmp_path):
    path = term_file(tmp_path / "terms", "us-draft.yaml", US.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    first = cli("render", path, "--to", "md", "--out-dir", out)
    second = cli("render", path, "--to", "md", "--out-dir", out)
    assert "warning[W-COUNTERPARTY-VETO]" in first[1]
    assert first[1] == second[1] and first[0] == second[0] == 0
    assert "up to date" in second[2]


def test_json_report_lists_the_outputs_of_an_up_to_date_file(cli, tmp_path):
    path = term_file(tmp_path / "terms")
    out = tmp_path / "out"
    runs = [json.loads(cli("render", path, "--to", "md,html", "--out-dir", out,
                           "--format", "json")[1]) for _ in range(2)]
    assert runs[0]["files"][0]["outputs"] == runs[1]["files"][0]["outputs"]
    assert len(runs[1]["files"][0]["outputs"]) == 2


def test_two_inputs_with_the_same_stem_write_nothing_not_even_a_record(cli, tmp_path):
    first = term_file(tmp_path / "a")
    second = term_file(tmp_path / "b")
    out = tmp_path / "out"
    status, _out, err = cli("render", first, second, "--to", "md", "--out-dir", out)
    assert status == 2 and "same output files" in err
    assert not out.exists() or list(out.iterdir()) == []
