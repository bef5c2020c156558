"""A drafting office's ``--templates`` folder: checked before rendering, errors located.

A broken or misnamed override is a configuration error (exit status 2) that names
the template's file and line as the user wrote the folder, for ``render`` and ``diff``.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from termsheet.compose.overrides import check_folder

SAMPLES = ROOT / "samples"
US, US_OLD = SAMPLES / "us-draft.yaml", SAMPLES / "us-draft-v0.2.yaml"
COMMITMENT = (ROOT / "templates" / "wording" / "commitment.j2").read_text(encoding="utf-8")
QUANTITY_LINE = "{% if c.quantity %}{{ say.quantity(c.quantity) }}{% endif %}"
SUMMARY_LINE = "{{ c.summary }}{% if not key_terms %} {{ say.legal_character(c) }}{% endif %}"


@pytest.fixture
def office(tmp_path, monkeypatch):
    """``office(name, text)`` writes ``office/<name>`` in the working folder; returns ``"office"``."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str) -> str:
        path = tmp_path / "office" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return "office"

    return write


def commitment_line(line: str = QUANTITY_LINE) -> int:
    return COMMITMENT.splitlines().index(line) + 1


def render(cli, templates: str, out: str = "out"):
    return cli("render", US, "--to", "md", "--out-dir", out, "--templates", templates)


def test_syntax_error_is_a_configuration_error_with_file_and_line(cli, office, tmp_path):
    folder = office("wording/commitment.j2", COMMITMENT.replace(QUANTITY_LINE, "{% if c.quantity %}{{ x }"))
    status, out, err = render(cli, folder)
    assert status == 2
    assert f"termsheet: office/wording/commitment.j2:{commitment_line()}: template syntax error: " in err
    assert "internal error" not in out + err
    assert not (tmp_path / "out").exists()  # found before anything was rendered


def test_syntax_error_in_a_page_template_is_found_before_rendering(cli, office, tmp_path):
    folder = office("html/termsheet.html.j2", "<p>\n\n{{ info.title }\n</p>\n")
    status, _, err = cli("render", US, "--to", "md", "--out-dir", "out", "--templates", folder)
    assert status == 2
    assert "office/html/termsheet.html.j2:3: template syntax error: " in err
    assert not (tmp_path / "out").exists()


def test_misspelt_override_name_is_refused_with_a_suggestion(cli, office, tmp_path):
    folder = office("wording/comitment.j2", COMMITMENT)
    status, _, err = render(cli, folder)
    assert status == 2
    assert "office/wording/comitment.j2: no packaged file has this name" in err
    assert "did you mean wording/commitment.j2?" in err
    assert not (tmp_path / "out").exists()


def test_stray_template_without_a_close_name_is_refused(cli, office):
    status, _, err = render(cli, office("html/page.html.j2", "<p></p>"))
    assert status == 2
    assert "office/html/page.html.j2: no packaged file has this name" in err
    assert "did you mean" not in err


def test_helpers_assets_and_kind_templates_are_accepted(cli, office, tmp_path):
    office("wording/_office.j2", "{% macro signed() %}Signed for the office.{% endmacro %}")
    office("wording/commitment_training.j2", "{{ c.summary }}")
    office("styles/assets/logo.svg", "<svg/>")
    office("README.md", "Our templates.")
    folder = office("wording/force_limit.j2",
                    '{% import "_office.j2" as office %}{{ limit.party | actor(start=True) }}. '
                    "{{ office.signed() }}")
    status, _, err = render(cli, folder)
    assert status == 0, err
    assert "Ukraine. Signed for the office." in (tmp_path / "out" / "us-draft.md").read_text("utf-8")


def test_undefined_value_is_reported_at_the_office_template_line(cli, office):
    # The error surfaces inside a packaged macro; the office's call is what to fix.
    broken = SUMMARY_LINE + " {{ say.quantity(c.quantiti) }}"
    folder = office("wording/commitment.j2", COMMITMENT.replace(SUMMARY_LINE, broken))
    status, out, err = render(cli, folder)
    assert status == 2
    assert f"office/wording/commitment.j2:{commitment_line(SUMMARY_LINE)}: undefined value: " in out + err
    assert "quantiti" in out + err and "internal error" not in out + err


def test_diff_checks_the_templates_folder_too(cli, office, tmp_path):
    folder = office("wording/comitment.j2", COMMITMENT)
    status, _, err = cli("diff", US_OLD, US, "--templates", folder, "-q")
    assert status == 2 and "office/wording/comitment.j2: no packaged file" in err


def test_diff_reports_an_undefined_value_in_a_page_template(cli, office, tmp_path):
    page = (ROOT / "templates" / "html" / "diff.html.j2").read_text(encoding="utf-8")
    assert "{{ comparison.old.file" in page
    folder = office("html/diff.html.j2", page.replace("{{ comparison.old.file", "{{ comparison.old.fiel"))
    line = next(n for n, text in enumerate(page.splitlines(), 1) if "{{ comparison.old.file" in text)
    status, _, err = cli("diff", US_OLD, US, "--templates", folder, "--to", "html",
                         "--out-dir", "out", "-q")
    assert status == 2
    assert f"termsheet: office/html/diff.html.j2:{line}: undefined value: " in err
    assert list((tmp_path / "out").iterdir()) == []  # nothing published


def test_a_copy_of_the_packaged_templates_has_no_problems(tmp_path):
    shutil.copytree(ROOT / "templates", tmp_path / "copy")
    assert check_folder(tmp_path / "copy") == []
