"""A ``--templates`` folder is code from elsewhere: sandboxed, read as regular files only.

docs/threats.md, cases 37–40: a wording template cannot run commands or reach Python
internals; a symlinked or special file (FIFO) in the folder is refused before anything
is rendered; every template, style and configuration error exits with status 2, names
the file, and writes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet
from termsheet.templates_folder import read_template

SAMPLES = ROOT / "samples"
US, US_OLD = SAMPLES / "us-draft.yaml", SAMPLES / "us-draft-v0.2.yaml"
LEGEND = (ROOT / "templates" / "wording" / "legend.j2").read_text(encoding="utf-8")
SECRET = "SECRET-LINE-FROM-OUTSIDE-THE-FOLDER"


@pytest.fixture
def office(tmp_path, monkeypatch):
    """``office(name, text)`` writes ``office/<name>`` in the working folder; returns ``"office"``."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str | bytes) -> str:
        path = tmp_path / "office" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return "office"

    return write


@pytest.fixture
def symlinked(tmp_path, monkeypatch):
    """``symlinked(name)`` makes ``office/<name>`` a symlink to a file outside the folder."""
    monkeypatch.chdir(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")

    def link(name: str) -> str:
        path = tmp_path / "office" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(secret)
        return "office"

    return link


def render(cli, folder: str, to: str = "md,html,pdf,docx"):
    return cli("render", US, "--to", to, "--out-dir", "out", "--templates", folder)


def outputs(tmp_path) -> list[str]:
    out = tmp_path / "out"
    return sorted(path.name for path in out.iterdir()) if out.exists() else []


# ---------------------------------------------------------------- case 37: sandbox

PAYLOADS = {
    "os.system": "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "mutation": "{% if counts.append(1) %}{% endif %}",
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_wording_template_cannot_run_commands_or_reach_python(cli, office, tmp_path, payload):
    folder = office("wording/legend.j2", LEGEND + payload + "\n")
    status, out, err = render(cli, folder, to="md,html")
    assert status == 2
    line = len(LEGEND.splitlines()) + 1
    assert f"office/wording/legend.j2:{line}: refused by the template sandbox: " in out + err
    assert not (tmp_path / "pwned").exists()
    assert outputs(tmp_path) == []
    assert "Traceback" not in out + err and "internal error" not in out + err


def test_the_sandbox_holds_for_diff_too(cli, office, tmp_path):
    folder = office("wording/legend.j2", LEGEND + PAYLOADS["os.system"] + "\n")
    status, out, err = cli("diff", US_OLD, US, "--to", "md,html", "--out-dir", "out",
                           "--templates", folder)
    assert status == 2
    assert "office/wording/legend.j2:" in err and "refused by the template sandbox" in err
    assert not (tmp_path / "pwned").exists()
    assert outputs(tmp_path) == []


# ------------------------------------------------- case 38: symlinks and special files

LINKED = ["wording/legend.j2", "html/termsheet.html.j2", "html/diff.js", "styles/print.css",
          "styles/screen.css", "styles/extra.css", "styles/styles.yaml", "styles/reference.docx"]


@pytest.mark.parametrize("name", LINKED)
def test_a_symlinked_template_or_style_is_refused_before_rendering(cli, symlinked, tmp_path, name):
    status, out, err = render(cli, symlinked(name))
    assert status == 2
    assert f"termsheet: office/{name}: is a symlink; " in err
    assert SECRET not in out + err
    assert outputs(tmp_path) == []


def test_a_symlinked_folder_in_the_templates_folder_is_refused(cli, office, tmp_path):
    office("real/legend.j2", f"{SECRET}\n")
    (tmp_path / "office" / "wording").symlink_to("real")
    status, _, err = render(cli, "office", to="md")
    assert status == 2
    assert "termsheet: office/wording: is a symlink; " in err
    assert outputs(tmp_path) == []


@pytest.mark.parametrize("name", ["wording/legend.j2", "styles/print.css", "styles/reference.docx"])
def test_writers_refuse_a_symlink_even_without_the_folder_check(symlinked, tmp_path, name):
    """The Python API skips the command's check: reading the file refuses the symlink."""
    templates = TemplateSet(tmp_path / symlinked(name))
    with pytest.raises(TemplateConfigError, match="is a symlink") as raised:
        read_template(templates, name)
    assert SECRET not in raised.value.message


def test_a_page_render_refuses_a_symlinked_page_template(symlinked, tmp_path):
    from docfixtures import fixture_document
    from termsheet.writers.html import write_html

    templates = TemplateSet(tmp_path / symlinked("html/termsheet.html.j2"))
    with pytest.raises(TemplateConfigError, match="termsheet.html.j2: is a symlink"):
        write_html(fixture_document(), templates=templates)


def test_a_wording_render_refuses_a_symlink_in_the_path(office, tmp_path):
    from termsheet.compose import build
    from termsheet.source.validate import validate_file

    office("real/legend.j2", f"{SECRET}\n")
    (tmp_path / "office" / "wording").symlink_to("real")
    sheet = validate_file(US).sheet
    with pytest.raises(TemplateConfigError, match="symlinked folder"):
        build(sheet, templates=TemplateSet(tmp_path / "office"), source_file="us-draft.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_the_templates_folder_is_refused_without_waiting(tmp_path):
    (tmp_path / "office" / "styles").mkdir(parents=True)
    os.mkfifo(tmp_path / "office" / "styles" / "print.css")
    done = subprocess.run(
        [sys.executable, "-m", "termsheet", "render", str(US), "--to", "html", "--out-dir", "out",
         "--templates", "office"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "office/styles/print.css: is a FIFO (named pipe)" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_reading_a_fifo_is_refused_at_once(tmp_path):
    (tmp_path / "office" / "wording").mkdir(parents=True)
    os.mkfifo(tmp_path / "office" / "wording" / "legend.j2")
    with pytest.raises(TemplateConfigError, match="is a FIFO"):
        read_template(TemplateSet(tmp_path / "office"), "wording/legend.j2")


# ------------------------------------------- case 39: template and configuration errors

BROKEN = {
    "print.css closing its element": ("styles/print.css", "body { color: red }\n/* </style> */\n",
                                      "office/styles/print.css: a stylesheet may not contain"),
    "diff.js closing its element": ("html/diff.js", "// </script>\n",
                                    "office/html/diff.js: a script may not contain"),
    "reference.docx not a DOCX": ("styles/reference.docx", b"not a zip file",
                                  "office/styles/reference.docx: cannot be opened as a DOCX file"),
    "wording not UTF-8": ("wording/legend.j2", b"caf\xe9\n", "office/wording/legend.j2: not UTF-8"),
}


@pytest.mark.parametrize("name, text, message", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_style_script_or_reference_is_a_configuration_error(cli, office, tmp_path,
                                                                      name, text, message):
    status, _, err = render(cli, office(name, text))
    assert status == 2
    assert f"termsheet: {message}" in err
    assert outputs(tmp_path) == []


def test_an_unknown_name_in_a_wording_template_exits_2_naming_the_line(cli, office, tmp_path):
    folder = office("wording/legend.j2", LEGEND + "{{ no_such_name }}\n")
    status, out, _ = render(cli, folder, to="md")
    assert status == 2
    assert f"office/wording/legend.j2:{len(LEGEND.splitlines()) + 1}: undefined value" in out
    assert outputs(tmp_path) == []


def test_a_template_syntax_error_exits_2_before_rendering(cli, office, tmp_path):
    status, _, err = render(cli, office("wording/legend.j2", "{% if %}\n"))
    assert status == 2
    assert "termsheet: office/wording/legend.j2:1: template syntax error" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["[tool.termsheet\n", "[tool.termsheet]\nbogus = 1\n"])
def test_a_bad_configuration_file_exits_2_and_writes_nothing(cli, tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.toml").write_text(text, encoding="utf-8")
    status, _, err = cli("render", US, "--to", "md", "--out-dir", "out", "--config", "settings.toml")
    assert status == 2
    assert "termsheet: configuration error: settings.toml" in err
    assert not (tmp_path / "out").exists()
