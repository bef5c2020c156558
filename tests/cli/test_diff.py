"""`termsheet diff`: outputs in every format, --exit-code, invalid sides, JSON on stdout.

docs/threats.md, case 34: both sides go through the same loader and schema as
`validate`; an invalid side is reported with its diagnostics (exit 1) and never
compared as if it were empty — and then no output file is written.
"""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import lxml.html
import pypdf
import pytest

from conftest import ROOT

US = ROOT / "samples" / "us-draft.yaml"
US_V02 = ROOT / "samples" / "us-draft-v0.2.yaml"
COW = ROOT / "samples" / "coalition-draft.yaml"
MINIMAL = ROOT / "samples" / "minimal.yaml"
STEM = "us-draft--coalition-draft"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def invalid_copy(folder: Path) -> Path:
    """The minimal sample with a misspelt party kind on line 24, column 11."""
    path = folder / "bad.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("    kind: state", "    kind: stat"),
                    encoding="utf-8")
    return path


# --------------------------------------------------------------- outputs per format

def test_json_and_markdown_outputs(cli, tmp_path):
    status, out, err = cli("diff", US, COW, "--to", "json,md", "--out-dir", tmp_path)
    assert status == 0
    assert names(tmp_path) == [f"{STEM}.json", f"{STEM}.md"]
    report = json.loads((tmp_path / f"{STEM}.json").read_text(encoding="utf-8"))
    assert report["version"] == 2
    assert report["old"]["doc_id"] == "us-security-protocols"
    assert report["new"]["doc_id"] == "cow-security-guarantees"
    assert report["summary"]["changes"] > 50
    ids = {change["item_id"] for change in report["changes"]}
    assert {"cmt-consult", "cmt-mnf-support", "trg-major-attack"} <= ids
    markdown = (tmp_path / f"{STEM}.md").read_text(encoding="utf-8")
    assert "cmt-mnf-support" in markdown
    # The summary goes to stdout, the list of written files to stderr.
    assert "us-security-protocols 0.3.0" in out and "cow-security-guarantees 0.4.0" in out
    assert f"wrote {tmp_path / STEM}.json" in err


def test_json_file_and_json_on_stdout_are_the_same_document(cli, tmp_path):
    status, out, _ = cli("diff", US, COW, "--to", "json", "--out-dir", tmp_path, "--format", "json")
    assert status == 0
    assert json.loads(out) == json.loads((tmp_path / f"{STEM}.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_html_pdf_and_docx_outputs(cli, tmp_path):
    status, out, err = cli("diff", US, COW, "--to", "html,pdf,docx", "--out-dir", tmp_path)
    assert status == 0, out + err
    assert names(tmp_path) == [f"{STEM}-redline.docx", f"{STEM}-side-by-side.docx",
                               f"{STEM}.html", f"{STEM}.pdf"]

    page = lxml.html.document_fromstring((tmp_path / f"{STEM}.html").read_text(encoding="utf-8"))
    assert page.xpath("//title") and "Ukraine" in page.text_content()
    assert not page.xpath("//script[@src] | //link[@rel='stylesheet'][@href]")  # self-contained

    pdf = pypdf.PdfReader(tmp_path / f"{STEM}.pdf")
    assert len(pdf.pages) > 1
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Consultations after an attack or threat" in text

    redline = docx.Document(tmp_path / f"{STEM}-redline.docx")
    body = redline.element.body
    assert body.find(f".//{W_NS}ins") is not None and body.find(f".//{W_NS}del") is not None
    side_by_side = docx.Document(tmp_path / f"{STEM}-side-by-side.docx")
    assert side_by_side.tables, "a side-by-side comparison is laid out as a table"
    for name in (f"{STEM}-redline.docx", f"{STEM}-side-by-side.docx"):
        with zipfile.ZipFile(tmp_path / name) as package:
            assert package.testzip() is None


@pytest.mark.slow
def test_diff_outputs_are_reproducible(cli, tmp_path):
    for run in ("a", "b"):
        assert cli("diff", US_V02, US, "--to", "docx,json,md", "--out-dir", tmp_path / run)[0] == 0
    for name in names(tmp_path / "a"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# ------------------------------------------------------------------- --exit-code

def test_comparing_a_file_with_itself_shows_no_differences(cli, tmp_path):
    status, out, _ = cli("diff", US, US, "--exit-code")
    assert status == 0
    assert "No differences" in out
    status, _, _ = cli("diff", US, US, "--to", "json", "--out-dir", tmp_path)
    assert status == 0
    report = json.loads((tmp_path / "us-draft--us-draft.json").read_text(encoding="utf-8"))
    assert report["summary"]["changes"] == 0 and report["changes"] == []


def test_a_copy_with_another_name_shows_no_differences(cli, tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(US.read_bytes())
    status, out, _ = cli("diff", US, copy, "--exit-code")
    assert (status, "No differences" in out) == (0, True)


def test_exit_code_reports_differences_like_git_diff(cli):
    assert cli("diff", US, COW, "--exit-code")[0] == 1
    assert cli("diff", US, COW)[0] == 0
    assert cli("diff", US, COW, "--exit-code", "-q")[0] == 1


# --------------------------------------------------------------- invalid inputs

@pytest.mark.parametrize("side", ["old", "new"])
def test_invalid_side_is_reported_and_nothing_is_written(cli, tmp_path, side):
    bad = invalid_copy(tmp_path)
    old, new = (bad, US) if side == "old" else (US, bad)
    out_dir = tmp_path / "out"
    status, out, err = cli("diff", old, new, "--to", "json,md", "--out-dir", out_dir, "--exit-code")
    assert status == 1
    assert f"{bad}:24:11: error[literal_error] parties[0].kind" in out
    assert "No differences" not in out and "changes" not in out
    assert names(out_dir) == []
    assert "Traceback" not in out + err


def test_invalid_side_with_json_format_is_a_validation_report(cli, tmp_path):
    bad = invalid_copy(tmp_path)
    status, out, _ = cli("diff", bad, US, "--format", "json")
    assert status == 1
    report = json.loads(out)
    assert report["version"] == 1
    [diagnostic] = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert (diagnostic["line"], diagnostic["column"]) == (24, 11)


def test_empty_side_is_an_error_not_an_empty_agreement(cli, tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing here\n", encoding="utf-8")
    status, out, _ = cli("diff", empty, US, "--exit-code")
    assert status == 1
    assert "empty.yaml" in out and "No differences" not in out


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("diff", US, tmp_path / "absent.yaml")[0] == 2
    assert cli("diff", US, COW, "--to", "json")[0] == 2  # --to needs --out-dir
    status, _, err = cli("diff", US, COW, "--to", "json,odt", "--out-dir", tmp_path / "out")
    assert status == 2 and "odt" in err
    assert not (tmp_path / "out").exists()


def test_misspelt_output_format_gets_a_suggestion(cli, tmp_path):
    status, out, err = cli("diff", US, COW, "--to", "pfd", "--out-dir", tmp_path / "out")
    assert status == 2 and out == ""
    assert "unknown format pfd (did you mean pdf?)" in err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------- standard input and pipes

def test_dash_reads_the_new_side_from_standard_input(cli, stdin, tmp_path):
    stream = stdin(US.read_bytes())
    status, out, err = cli("diff", US_V02, "-", "--to", "json", "--out-dir", tmp_path)
    assert status == 0, err
    assert stream.reads == 1
    assert "us-security-protocols 0.2.0" in out and "us-security-protocols 0.3.0" in out
    assert names(tmp_path) == ["us-draft-v0.2--stdin.json"]
    report = json.loads((tmp_path / "us-draft-v0.2--stdin.json").read_text(encoding="utf-8"))
    assert report["new"]["file"] == "<stdin>" and report["new"]["version"] == "0.3.0"


def test_stdin_filename_names_the_dash_side_and_its_outputs(cli, stdin, tmp_path):
    stdin(US_V02.read_bytes())
    status, _, err = cli("diff", "-", US, "--stdin-filename", "drafts/us-draft-v0.2.yaml",
                         "--to", "json", "--out-dir", tmp_path)
    assert status == 0, err
    assert names(tmp_path) == ["us-draft-v0.2--us-draft.json"]
    report = json.loads((tmp_path / "us-draft-v0.2--us-draft.json").read_text(encoding="utf-8"))
    assert Path(report["old"]["file"]).name == "us-draft-v0.2.yaml"


def test_invalid_standard_input_side_is_reported_under_its_name(cli, stdin, tmp_path):
    stdin(invalid_copy(tmp_path).read_bytes())
    status, out, _ = cli("diff", MINIMAL, "-", "--format", "concise")
    assert status == 1
    assert out.startswith("<stdin>:24:11: error[literal_error]")


def test_both_sides_from_standard_input_is_a_usage_error(cli, stdin, tmp_path):
    stream = stdin(MINIMAL.read_bytes())
    status, out, err = cli("diff", "-", "-")
    assert status == 2 and out == ""
    assert "only one of OLD and NEW can be -" in err
    assert stream.reads == 0
    status, _, err = cli("diff", MINIMAL, MINIMAL, "--stdin-filename", "x.yaml")
    assert status == 2 and "--stdin-filename" in err


def test_a_side_from_a_pipe_as_with_process_substitution(tmp_path):
    """`termsheet diff <(git show HEAD~1:terms.yaml) terms.yaml`: the shell passes /dev/fd/N."""
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "termsheet", "diff", f"/dev/fd/{read_end}", str(US),
         "--format", "json"],
        pass_fds=(read_end,), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(read_end)
    with os.fdopen(write_end, "wb") as pipe:  # larger than a pipe buffer: written while read
        pipe.write(US_V02.read_bytes())
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["old"]["version"] == "0.2.0" and report["new"]["version"] == "0.3.0"
    assert report["summary"]["changes"] > 0


def test_quiet_diff_prints_nothing_but_writes_its_files(cli, tmp_path):
    status, out, err = cli("diff", US_V02, US, "-q", "--exit-code", "--to", "json,md",
                           "--out-dir", tmp_path)
    assert (status, out, err) == (1, "", "")
    assert names(tmp_path) == ["us-draft-v0.2--us-draft.json", "us-draft-v0.2--us-draft.md"]


def test_output_paths_are_refused_before_rendering(cli, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (out_dir / f"{STEM}.md").symlink_to(victim)
    status, _, err = cli("diff", US, COW, "--to", "json,md", "--out-dir", out_dir)
    assert status == 2 and "symbolic link" in err
    assert victim.read_text() == "keep"
    assert names(out_dir) == [f"{STEM}.md"]  # the JSON file was not written either

    link = tmp_path / "linked-out"
    link.symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real").mkdir()
    assert cli("diff", US, COW, "--to", "json", "--out-dir", link)[0] == 2
    assert names(tmp_path / "real") == []


# ----------------------------------------------------------- two versions, one draft

def test_us_draft_v02_to_v03(cli, tmp_path):
    status, out, _ = cli("diff", US_V02, US, "--to", "json,md", "--out-dir", tmp_path)
    assert status == 0
    assert "us-security-protocols 0.2.0" in out and "us-security-protocols 0.3.0" in out
    report = json.loads((tmp_path / "us-draft-v0.2--us-draft.json").read_text(encoding="utf-8"))
    assert report["old"]["version"] == "0.2.0" and report["new"]["version"] == "0.3.0"
    assert 0 < report["summary"]["changes"] < 50
    assert names(tmp_path) == ["us-draft-v0.2--us-draft.json", "us-draft-v0.2--us-draft.md"]
    assert cli("diff", US_V02, US, "--exit-code")[0] == 1
    assert cli("diff", US, US_V02, "--exit-code")[0] == 1


# ----------------------------------------------------------------------- --format json

def test_format_json_prints_one_document_with_a_version(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "termsheet", "diff", "samples/us-draft-v0.2.yaml",
         "samples/us-draft.yaml", "--format", "json", "--to", "md", "--out-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # one document, nothing else on stdout
    assert report["version"] == 2
    assert {"old", "new", "summary", "changes"} <= report.keys()
    assert "wrote" in done.stderr and "Traceback" not in done.stderr


def test_format_json_without_differences(cli):
    status, out, _ = cli("diff", MINIMAL, MINIMAL, "--format", "json", "--exit-code")
    assert status == 0
    report = json.loads(out)
    assert report["version"] == 2 and report["summary"]["changes"] == 0


def _revision_authors(docx_path: Path) -> set[str]:
    """Every ``w:author`` of the tracked changes, in the body, headers and footers."""
    authors = set()
    with zipfile.ZipFile(docx_path) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                authors.update(re.findall(r'w:author="([^"]*)"', package.read(name).decode("utf-8")))
    return authors


def test_author_names_every_tracked_change_of_the_redline(cli, tmp_path):
    status, _, err = cli("diff", US, COW, "--to", "docx", "--out-dir", tmp_path / "default", "-q")
    assert status == 0, err
    assert _revision_authors(tmp_path / "default" / f"{STEM}-redline.docx") == {
        "Coalition of the Willing"}  # NEW's drafting party
    status, _, err = cli("diff", US, COW, "--to", "docx", "--out-dir", tmp_path / "own",
                         "--author", "Legal Adviser, UA", "-q")
    assert status == 0, err
    assert _revision_authors(tmp_path / "own" / f"{STEM}-redline.docx") == {
        "Legal Adviser, UA"}


@pytest.mark.parametrize("author", ["", "   ", "tab\there"])
def test_an_empty_or_unprintable_author_is_a_usage_error_and_writes_nothing(cli, tmp_path, author):
    status, _, err = cli("diff", US, COW, "--to", "docx", "--out-dir", tmp_path / "out",
                         "--author", author)
    assert status == 2 and "--author" in err
    assert not (tmp_path / "out").exists()


def test_changes_only_shortens_the_side_by_side_files_only(cli, tmp_path):
    stem = "us-draft-v0.2--us-draft"
    for folder, extra in (("full", ()), ("short", ("--changes-only",))):
        status, _, err = cli("diff", US_V02, US, "--to", "html,docx,json", "--out-dir",
                             tmp_path / folder, "-q", *extra)
        assert status == 0, err

    def rows(folder):
        page = (tmp_path / folder / f"{stem}.html").read_text(encoding="utf-8")
        return page.count('<tbody id="'), page

    (full, _), (short, page) = rows("full"), rows("short")
    assert short < full / 3 and "<strong>Changes only:</strong>" in page
    for name in (f"{stem}.json", f"{stem}-redline.docx"):  # the other files are the same
        assert (tmp_path / "full" / name).read_bytes() == (tmp_path / "short" / name).read_bytes()
    side = docx.Document(str(tmp_path / "short" / f"{stem}-side-by-side.docx"))
    assert "Changes only:" in "\n".join(p.text for p in side.paragraphs)
