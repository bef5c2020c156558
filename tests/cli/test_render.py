"""`termsheet render`: formats, batches with invalid files, exit codes, template
overrides, hostile stylesheets, the PDF/A-3b attachment and the JSON report.

The CLI runs in-process through `termsheet.cli.app.run` (the `cli` fixture), except
for the end-to-end checks that run `python -m termsheet` in a fresh process.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT, output_names
from termsheet.cli.app import run

SAMPLES = ROOT / "samples"
MINIMAL = SAMPLES / "minimal.yaml"
US = SAMPLES / "us-draft.yaml"
SAMPLE_STEMS = sorted(p.stem for p in SAMPLES.glob("*.yaml"))
FORMATS = ("docx", "pdf", "html", "md")


def run_quietly(*args) -> tuple[int, str, str]:
    """`termsheet ARGS` in-process, outside any function-scoped fixture."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = run([str(a) for a in args])
    return status, out.getvalue(), err.getvalue()


names = output_names


def invalid_copy(folder: Path, name: str = "bad.yaml") -> Path:
    """The minimal sample with a misspelt party kind on line 24, column 11."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.splitlines()[23] == "    kind: state"
    path = folder / name
    path.write_text(text.replace("    kind: state", "    kind: stat"), encoding="utf-8")
    return path


# ----------------------------------------------------------- every sample, every format

@pytest.fixture(scope="module")
def rendered_samples(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("render") / "out"
    status, out, err = run_quietly("render", SAMPLES, "--to", "docx,pdf,html,md",
                                   "--out-dir", out_dir)
    return status, out, err, out_dir


@pytest.mark.slow
def test_render_samples_folder_to_every_format(rendered_samples):
    status, out, err, out_dir = rendered_samples
    assert status == 0, out + err
    assert names(out_dir) == sorted(f"{stem}.{fmt}" for stem in SAMPLE_STEMS for fmt in FORMATS)
    for stem in SAMPLE_STEMS:
        assert f"wrote {out_dir / stem}.pdf" in err
    assert "Traceback" not in out + err


@pytest.mark.slow
@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_each_rendered_file_is_a_complete_document_of_its_format(rendered_samples, stem):
    out_dir = rendered_samples[3]
    docx_path, pdf_path = out_dir / f"{stem}.docx", out_dir / f"{stem}.pdf"
    with zipfile.ZipFile(docx_path) as package:
        assert package.testzip() is None
        assert "word/document.xml" in package.namelist()
    pdf = pypdf.PdfReader(pdf_path)
    assert len(pdf.pages) >= 1
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"]  # default variant: tagged PDF/UA-1
    assert pdf.attachments == {}
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True)
    assert "PDF version" in info.stdout
    html = (out_dir / f"{stem}.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    markdown = (out_dir / f"{stem}.md").read_text(encoding="utf-8")
    assert "\n# " in markdown and markdown.endswith("\n")


# ------------------------------------------------------- invalid files and exit codes

def test_invalid_file_is_reported_and_not_rendered_while_the_others_are(cli, tmp_path):
    folder = tmp_path / "terms"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "minimal.yaml")
    bad = invalid_copy(folder)
    out_dir = tmp_path / "out"
    status, out, err = cli("render", folder, "--to", "md,html", "--out-dir", out_dir)
    assert status == 1
    assert f"{bad}:24:11: error[literal_error] parties[0].kind" in out
    assert names(out_dir) == ["minimal.html", "minimal.md"]
    assert "Traceback" not in out + err


def test_invalid_file_in_a_worker_pool_batch(cli, tmp_path):
    folder = tmp_path / "terms"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "a.yaml")
    invalid_copy(folder, "b.yaml")
    shutil.copy(MINIMAL, folder / "c.yaml")
    out_dir = tmp_path / "out"
    status, out, _ = cli("render", folder, "--to", "md", "--out-dir", out_dir, "--jobs", "2")
    assert status == 1
    assert "b.yaml:24:11: error[literal_error]" in out
    assert names(out_dir) == ["a.md", "c.md"]


def test_json_report_parses_and_is_all_of_stdout(cli, tmp_path):
    folder = tmp_path / "terms"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "minimal.yaml")
    invalid_copy(folder)
    status, out, err = cli("render", folder, "--to", "md", "--out-dir", tmp_path / "out",
                           "--format", "json")
    assert status == 1
    report = json.loads(out)
    assert report["version"] == 1
    assert [(Path(f["path"]).name, f["status"]) for f in report["files"]] == [
        ("bad.yaml", "error"), ("minimal.yaml", "ok")]
    [diagnostic] = report["diagnostics"]
    assert (diagnostic["line"], diagnostic["column"], diagnostic["code"]) == (24, 11, "literal_error")
    assert report["summary"]["exit_code"] == 1
    assert "wrote" not in out


def test_json_report_of_a_clean_run(cli, tmp_path):
    status, out, _ = cli("render", MINIMAL, "--to", "md", "--out-dir", tmp_path, "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert report["version"] == 1 and report["summary"]["exit_code"] == 0
    assert names(tmp_path) == ["minimal.md"]


def test_json_report_lists_the_files_written_for_each_input(cli, tmp_path):
    folder = tmp_path / "terms"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "minimal.yaml")
    invalid_copy(folder)
    out_dir = tmp_path / "out"
    status, out, err = cli("render", folder, "--to", "md,html", "--out-dir", out_dir,
                           "--format", "json")
    assert status == 1 and "wrote" not in err
    report = json.loads(out)
    outputs = {Path(f["path"]).name: f["outputs"] for f in report["files"]}
    assert outputs == {"bad.yaml": [],
                       "minimal.yaml": [str(out_dir / "minimal.md"), str(out_dir / "minimal.html")]}
    assert all(Path(path).is_file() for path in outputs["minimal.yaml"])


def test_quiet_render_prints_nothing_when_all_is_well(cli, tmp_path):
    status, out, err = cli("render", MINIMAL, "--to", "md", "--out-dir", tmp_path, "-q")
    assert (status, out, err) == (0, "", "")
    assert names(tmp_path) == ["minimal.md"]


def test_misspelt_format_gets_a_suggestion(cli, tmp_path):
    status, out, err = cli("render", MINIMAL, "--to", "html,pfd", "--out-dir", tmp_path / "out")
    assert status == 2 and out == ""
    assert "unknown format pfd (did you mean pdf?); choose from docx,pdf,html,md" in err
    assert not (tmp_path / "out").exists()


def test_render_does_not_read_standard_input(cli, stdin, tmp_path):
    stream = stdin(MINIMAL.read_bytes())
    status, out, err = cli("render", "-", "--to", "md", "--out-dir", tmp_path / "out")
    assert status == 2 and out == ""
    assert "render does not read standard input" in err
    assert stream.reads == 0 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("to", ["odt", "pdf,rtf", "", ","])
def test_unknown_format_is_a_usage_error(cli, tmp_path, to):
    status, out, err = cli("render", MINIMAL, "--to", to, "--out-dir", tmp_path / "out")
    assert status == 2
    assert "--to" in err and "choose from docx,pdf,html,md" in err
    assert not (tmp_path / "out").exists()


def test_missing_input_exits_2(cli, tmp_path):
    status, out, _ = cli("render", tmp_path / "absent.yaml", "--to", "md", "--out-dir", tmp_path)
    assert status == 2
    assert "file-not-found" in out


def test_missing_input_beside_an_invalid_one_still_exits_2(cli, tmp_path):
    bad = invalid_copy(tmp_path)
    status, _, _ = cli("render", bad, tmp_path / "absent.yaml", "--to", "md",
                       "--out-dir", tmp_path / "out", "--jobs", "1")
    assert status == 2


def test_folder_without_term_files_and_missing_templates_folder(cli, tmp_path):
    assert cli("render", tmp_path, "--out-dir", tmp_path / "out")[0] == 2
    status, _, err = cli("render", MINIMAL, "--to", "md", "--out-dir", tmp_path / "out",
                         "--templates", tmp_path / "nowhere")
    assert status == 2 and "--templates" in err


def test_two_inputs_with_the_same_name_are_refused(cli, tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(MINIMAL, tmp_path / sub / "sheet.yaml")
    status, _, err = cli("render", tmp_path / "a", tmp_path / "b", "--to", "md",
                         "--out-dir", tmp_path / "out")
    assert status == 2
    assert "same output files" in err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------- --templates

FORCE_LIMIT_OVERRIDE = """\
{#- A drafting office's own wording of a force ceiling. -#}
CUSTOM WORDING: {{ limit.party | actor(start=True) }} keeps at most {{ limit.cap | number }} troops.
"""


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_templates_override_one_wording_and_the_rest_falls_back(cli, tmp_path, fmt):
    templates = tmp_path / "office"
    (templates / "wording").mkdir(parents=True)
    (templates / "wording" / "force_limit.j2").write_text(FORCE_LIMIT_OVERRIDE, encoding="utf-8")
    assert cli("render", US, "--to", fmt, "--out-dir", tmp_path / "default")[0] == 0
    assert cli("render", US, "--to", fmt, "--out-dir", tmp_path / "office-out",
               "--templates", templates)[0] == 0
    before = (tmp_path / "default" / f"us-draft.{fmt}").read_text(encoding="utf-8")
    after = (tmp_path / "office-out" / f"us-draft.{fmt}").read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert len(removed) == len(added) == 1, (removed, added)
    assert "The strength of the armed forces of Ukraine is limited to 800,000 personnel" in removed[0]
    assert "CUSTOM WORDING: Ukraine keeps at most 800,000 troops." in added[0]


def test_templates_folder_without_overrides_changes_nothing(cli, tmp_path):
    (tmp_path / "office" / "wording").mkdir(parents=True)
    assert cli("render", US, "--to", "md", "--out-dir", tmp_path / "a")[0] == 0
    assert cli("render", US, "--to", "md", "--out-dir", tmp_path / "b",
               "--templates", tmp_path / "office")[0] == 0
    assert (tmp_path / "a" / "us-draft.md").read_bytes() == (tmp_path / "b" / "us-draft.md").read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/evil.css",
    "../../../../../../etc/passwd",
    "assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
])
def test_hostile_print_css_stops_the_pdf_and_writes_nothing_for_the_file(cli, tmp_path, url):
    templates = tmp_path / "office"
    (templates / "styles").mkdir(parents=True)
    default_css = (ROOT / "templates" / "styles" / "print.css").read_text(encoding="utf-8")
    (templates / "styles" / "print.css").write_text(f"@import url({url});\n{default_css}",
                                                    encoding="utf-8")
    out_dir = tmp_path / "out"
    status, out, err = cli("render", MINIMAL, "--to", "docx,pdf,html,md", "--out-dir", out_dir,
                           "--templates", templates, "--pdf-engine", "weasyprint")
    assert status != 0
    assert "error[unsafe-resource]" in out
    assert names(out_dir) == []
    assert "root:" not in out + err


# ------------------------------------------------------------------ PDF variants

@pytest.mark.slow
def test_pdf_a3b_embeds_exactly_the_source_yaml(cli, tmp_path):
    status, out, err = cli("render", MINIMAL, "--to", "pdf", "--pdf-variant", "pdf/a-3b",
                           "--out-dir", tmp_path)
    assert status == 0, out + err
    pdf = pypdf.PdfReader(tmp_path / "minimal.pdf")
    assert pdf.attachments == {"minimal.yaml": [MINIMAL.read_bytes()]}
    xmp = pdf.xmp_metadata.stream.get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    # WeasyPrint 70 lists the one file specification twice in /AF (pdf/pdfa.py collects
    # it from /EmbeddedFiles and again from its scan of /Filespec objects).
    [spec] = {ref.idnum: ref.get_object() for ref in pdf.trailer["/Root"]["/AF"]}.values()
    assert spec["/AFRelationship"] == "/Source" and spec["/UF"] == "minimal.yaml"


@pytest.mark.slow
def test_pdf_a3b_attachment_is_what_was_validated_even_if_the_file_changes(cli, tmp_path,
                                                                            monkeypatch):
    """The term file is read once: a change between validation and layout is not attached."""
    import termsheet.jobs.render

    source = tmp_path / "sheet.yaml"
    shutil.copy(MINIMAL, source)
    original = source.read_bytes()
    real = termsheet.jobs.render.build_document

    def build_then_tamper(*args, **kwargs):
        source.write_bytes(original.replace(b"Minimal Term Sheet", b"Tampered Term Sheet"))
        return real(*args, **kwargs)

    monkeypatch.setattr(termsheet.jobs.render, "build_document", build_then_tamper)
    assert cli("render", source, "--to", "pdf", "--pdf-variant", "pdf/a-3b",
               "--out-dir", tmp_path / "out")[0] == 0
    pdf = pypdf.PdfReader(tmp_path / "out" / "sheet.pdf")
    assert pdf.attachments["sheet.yaml"] == [original]


@pytest.mark.slow
def test_plain_pdf_variant_is_untagged(cli, tmp_path):
    assert cli("render", MINIMAL, "--to", "pdf", "--pdf-variant", "none", "--out-dir", tmp_path)[0] == 0
    pdf = pypdf.PdfReader(tmp_path / "minimal.pdf")
    assert "/StructTreeRoot" not in pdf.trailer["/Root"]
    assert pdf.attachments == {}


def test_unknown_pdf_variant_is_a_usage_error(cli, tmp_path):
    status, _, err = cli("render", MINIMAL, "--to", "pdf", "--pdf-variant", "pdf/x-4",
                         "--out-dir", tmp_path)
    assert status == 2 and "--pdf-variant" in err


# ------------------------------------------------------------- end to end, fresh process

def termsheet_process(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "termsheet", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=600)


def test_python_dash_m_termsheet_render(tmp_path):
    done = termsheet_process("render", "samples/minimal.yaml", "--to", "md,html",
                             "--out-dir", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1 file passed.\n"  # the report on stdout, progress on stderr
    assert f"wrote {tmp_path / 'minimal.md'}" in done.stderr
    assert names(tmp_path) == ["minimal.html", "minimal.md"]


def test_python_dash_m_termsheet_render_invalid_and_json(tmp_path):
    bad = invalid_copy(tmp_path)
    done = termsheet_process("render", bad, "samples/minimal.yaml", "--to", "md",
                             "--out-dir", tmp_path / "out", "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["version"] == 1 and report["summary"]["files_with_errors"] == 1
    assert "Traceback" not in done.stderr
    assert names(tmp_path / "out") == ["minimal.md"]


def test_render_does_not_import_weasyprint_for_markdown_only(tmp_path):
    code = ("import sys; from termsheet.cli.app import run; "
            "status = run(['render', 'samples/minimal.yaml', '--to', 'md', '--out-dir', sys.argv[1], '-q']); "
            "assert status == 0, status; "
            "print(sorted(m for m in ('weasyprint', 'docx') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
