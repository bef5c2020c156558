"""`termsheet validate`, `schema` and `new`: the bad-input corpus, formats, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BADINPUT, MINIMAL_YAML, ROOT
from termsheet.cli.report import escape_github_property
from termsheet.source.limits import MAX_FILE_BYTES
from termsheet.schema.export import SCHEMA_ID, schema_text
from termsheet.source.paths import collect_paths

EXPECTED = json.loads((BADINPUT / "expected.json").read_text(encoding="utf-8"))["files"]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def run_json(cli, *args):
    status, out, err = cli("validate", "--format", "json", *args)
    return status, json.loads(out), err


# -- the bad-input corpus (docs/threats.md, cases 1-18) ---------------------------


def test_corpus_covers_every_reading_and_validating_case():
    cases = {entry["case"] for entry in EXPECTED.values()} | {1}  # case 1 is generated below
    assert set(range(1, 19)) <= cases
    assert sorted(EXPECTED) == sorted(p.name for p in BADINPUT.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input(name, cli):
    expected = EXPECTED[name]
    path = BADINPUT / name
    status, doc, err = run_json(cli, path)
    got = [[d["code"], d["line"], d["column"]] for d in doc["diagnostics"]]
    assert got == expected["diagnostics"]
    assert status == expected["exit"] == doc["summary"]["exit_code"]
    assert "Traceback" not in err and err == ""
    messages = " ".join(d["message"] for d in doc["diagnostics"])
    for text in expected.get("message_contains", []):
        assert text in messages
    if "hint_contains" in expected:
        assert expected["hint_contains"] in " ".join(d["hint"] or "" for d in doc["diagnostics"])
    if "strict_exit" in expected:
        assert cli("validate", "--strict", path)[0] == expected["strict_exit"]
    # The human formats never show a traceback either.
    for fmt in ("text", "concise", "github"):
        status2, out, err = cli("validate", "--format", fmt, path)
        assert status2 == status
        assert "Traceback" not in out + err


def test_case_1_file_too_large_fails_before_parsing(tmp_path, cli):
    big = tmp_path / "big.yaml"
    big.write_bytes(MINIMAL_YAML.encode() + b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    start = time.perf_counter()
    status, doc, _ = run_json(cli, big)
    assert time.perf_counter() - start < 1.0
    assert status == 1
    assert [(d["code"], d["line"], d["column"]) for d in doc["diagnostics"]] == [
        ("file-too-large", 1, 1)]
    assert "2 MiB" in doc["diagnostics"][0]["message"]


def test_billion_laughs_fails_fast_in_a_fresh_process():
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "termsheet", "validate",
                           str(BADINPUT / "08-billion-laughs.yaml")],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    assert "yaml-anchor" in proc.stdout
    assert time.perf_counter() - start < 10  # the whole process, start-up included


def test_the_norway_problem_keeps_text(cli):
    from termsheet.source.validate import validate_file

    sheet = validate_file(BADINPUT / "10-norway-stays-text.yaml").sheet
    assert sheet is not None
    assert [p.iso3166 for p in sheet.parties][-1] == "NO"


# -- samples and formats ------------------------------------------------------------


def test_samples_validate(cli):
    assert SAMPLES, "the samples folder lost its term files"
    status, doc, _ = run_json(cli, ROOT / "samples")
    assert status == 0, doc["diagnostics"]
    assert doc["summary"]["errors"] == 0
    assert len(doc["files"]) == len(SAMPLES)


def test_json_output_is_one_document_and_nothing_else(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_YAML.replace("role", "x").replace("  status:", "  staus:"))
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_YAML)
    status, out, err = cli("validate", "--format", "json", tmp_path)
    doc = json.loads(out)  # the whole of stdout parses
    assert status == 1 and err == ""
    assert doc["version"] == 1
    assert [f["status"] for f in doc["files"]] == ["error", "ok"]
    for d in doc["diagnostics"]:
        assert {"file", "line", "column", "end_line", "end_column", "severity", "code",
                "message", "field", "hint"} <= set(d)


def test_auto_format_is_github_under_actions(cli, tmp_path, monkeypatch):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_YAML.replace("  status:", "  staus:"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    status, out, _ = cli("validate", bad)
    assert status == 1
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={bad},line=9,endLine=9,col=3,endColumn=8,"
                            "title=extra_forbidden metadata.staus::")
    assert f"{bad}:9:3: error[extra_forbidden]" in out  # and the full list after it


def test_text_output_and_summary(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_YAML.replace("  status:", "  staus:"))
    status, out, _ = cli("validate", "--color", "never", bad)
    assert status == 1
    assert "\x1b[" not in out
    assert "^^^^^" in out and "hint: did you mean 'status'?" in out
    assert out.rstrip().endswith("Found 1 error in 1 of 1 file.")
    status, out, _ = cli("validate", "--color", "always", bad)
    assert "\x1b[" in out


def test_strict_quiet_and_verbose(cli, tmp_path):
    warn = tmp_path / "warn.yaml"
    warn.write_text(MINIMAL_YAML.replace('"Minimal term sheet"', "Ukr\u0430ine"))
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_YAML)
    status, out, _ = cli("validate", warn, good)
    assert status == 0 and "warning[mixed-script]" in out
    assert cli("validate", "--strict", warn, good)[0] == 1
    status, out, _ = cli("validate", "-q", warn, good)
    assert status == 0 and out == ""
    status, out, _ = cli("validate", "-v", good)
    assert f"ok      {good.relative_to(Path.cwd()) if good.is_relative_to(Path.cwd()) else good}" in out
    assert "checked 1 file in" in out


def test_exit_2_for_missing_file_and_empty_folder_and_usage(cli, tmp_path):
    status, doc, _ = run_json(cli, tmp_path / "nope.yaml")
    assert status == 2
    assert doc["diagnostics"][0]["code"] == "file-not-found"
    status, _, err = cli("validate", tmp_path)
    assert status == 2 and "no term files" in err
    status, _, err = cli("validate", "--format", "xml", "x.yaml")
    assert status == 2 and "Invalid value" in err
    assert cli("validate")[0] == 2
    assert cli("no-such-command")[0] == 2


def test_missing_file_with_other_problems_still_exits_2(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n")
    status, doc, _ = run_json(cli, bad, tmp_path / "gone.yaml")
    assert status == 2
    assert {d["code"] for d in doc["diagnostics"]} == {"yaml-syntax", "file-not-found"}


# -- standard input and GitHub workspace paths ----------------------------------------


def test_dash_validates_standard_input(cli, stdin):
    stream = stdin(MINIMAL_YAML.encode())
    status, out, err = cli("validate", "-")
    assert (status, out, err) == (0, "1 file passed.\n", "")
    assert stream.reads == 1

    stdin(MINIMAL_YAML.replace("  status:", "  staus:").encode())
    status, out, _ = cli("validate", "--format", "concise", "-")
    assert status == 1
    assert out.startswith("<stdin>:9:3: error[extra_forbidden] metadata.staus: unknown key 'staus'")


def test_stdin_filename_names_standard_input(cli, stdin, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_YAML)
    stdin(MINIMAL_YAML.replace("kind: state", "kind: stat", 1).encode())
    status, doc, _ = run_json(cli, "--stdin-filename", "terms/draft.yaml", "-", good)
    assert status == 1
    assert [f["path"] for f in doc["files"]][0] == "terms/draft.yaml"
    assert [f["status"] for f in doc["files"]] == ["error", "ok"]
    assert {d["file"] for d in doc["diagnostics"]} == {"terms/draft.yaml"}


def test_stdin_filename_without_dash_is_a_usage_error(cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_YAML)
    status, out, err = cli("validate", "--stdin-filename", "x.yaml", good)
    assert status == 2 and out == ""
    assert "--stdin-filename" in err and "'-'" in err


def test_standard_input_keeps_the_size_limit_and_reading_rules(cli, stdin):
    stream = stdin(MINIMAL_YAML.encode() + b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    status, doc, _ = run_json(cli, "-")
    assert status == 1
    [diagnostic] = doc["diagnostics"]
    assert (diagnostic["file"], diagnostic["code"]) == ("<stdin>", "file-too-large")
    assert "more than 2,097,152 bytes" in diagnostic["message"]
    assert stream.reads == 1 and stream.returned == MAX_FILE_BYTES + 1  # never read to the end

    stdin((BADINPUT / "13-misspelt-key.yaml").read_bytes())
    expected = EXPECTED["13-misspelt-key.yaml"]["diagnostics"]
    status, doc, _ = run_json(cli, "-")
    assert [[d["code"], d["line"], d["column"]] for d in doc["diagnostics"]] == expected

    stdin("a: caf\u00e9\n".encode("latin-1"))
    status, doc, _ = run_json(cli, "-")
    assert status == 1 and doc["diagnostics"][0]["code"] == "not-utf8"


def test_dash_reads_a_real_pipe_in_a_fresh_process():
    bad = MINIMAL_YAML.replace("  status:", "  staus:")
    proc = subprocess.run([sys.executable, "-m", "termsheet", "validate", "--format", "concise",
                           "--stdin-filename", "drafts/terms.yaml", "-"],
                          input=bad, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("drafts/terms.yaml:9:3: error[extra_forbidden]")


def test_github_annotation_paths_are_relative_to_the_workspace(cli, monkeypatch, tmp_path):
    workspace = tmp_path / "repo"
    (workspace / "sub" / "terms").mkdir(parents=True)
    bad_text = MINIMAL_YAML.replace("  status:", "  staus:")
    (workspace / "sub" / "terms" / "bad.yaml").write_text(bad_text)
    outside = tmp_path / "outside.yaml"
    outside.write_text(bad_text)
    monkeypatch.chdir(workspace / "sub")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(workspace))
    status, out, _ = cli("validate", "--format", "github", "terms", outside)
    assert status == 1
    files = [line.split(",")[0] for line in out.splitlines() if line.startswith("::error")]
    assert sorted(files) == sorted([f"::error file={escape_github_property(str(outside))}",
                                    "::error file=sub/terms/bad.yaml"])
    assert "terms/bad.yaml:9:3: error[extra_forbidden]" in out  # the text list: as given

    monkeypatch.delenv("GITHUB_WORKSPACE")
    status, out, _ = cli("validate", "--format", "github", "terms")
    assert out.startswith("::error file=terms/bad.yaml,")


def test_collect_paths_is_recursive_sorted_and_deduplicated(tmp_path):
    for rel in ("b/z.yaml", "b/a.yml", "a.yaml", ".hidden/x.yaml", "b/.x.yaml", "b/notes.txt",
                "c/d/e.YAML"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a: 1\n")
    files = collect_paths([tmp_path, tmp_path / "a.yaml", tmp_path / "b/notes.txt"])
    rel = [p.relative_to(tmp_path).as_posix() for p in files]
    assert rel == ["a.yaml", "b/a.yml", "b/notes.txt", "b/z.yaml", "c/d/e.YAML"]


def test_ctrl_c_exits_130_without_traceback(cli, monkeypatch, tmp_path):
    import termsheet.source.validate

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(termsheet.source.validate, "validate_paths", interrupted)
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_YAML)
    status, out, err = cli("validate", good)
    assert status == 130
    assert "Traceback" not in err and "interrupted" in err


def test_internal_error_exits_2_with_a_short_message(cli, monkeypatch, tmp_path):
    import termsheet.source.validate

    def broken(sheet):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(termsheet.source.validate, "lint", broken)
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_YAML)
    status, out, err = cli("validate", good)
    assert status == 2
    assert "internal-error" in out and "rule exploded" in out
    assert "Traceback" not in out + err
    status, out, err = cli("validate", "-v", good)
    assert "Traceback" in err  # -v shows it, on stderr


def test_closed_pipe_is_quiet(tmp_path):
    many = "".join(f"k{i}: 1\nk{i}: 2\n" for i in range(60))
    for i in range(20):
        (tmp_path / f"f{i:02}.yaml").write_text(many)
    proc = subprocess.Popen([sys.executable, "-m", "termsheet", "validate", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    proc.stderr.close()
    assert err == ""
    assert proc.returncode == 1  # the validation result, not a pipe error


def test_validate_never_imports_rendering_libraries():
    code = (
        "import sys\n"
        "from termsheet.cli.app import run\n"
        f"status = run(['validate', '--format', 'json', {str(BADINPUT / '13-misspelt-key.yaml')!r}])\n"
        "bad = [m for m in ('weasyprint', 'docx', 'termsheet.writers', 'jinja2') if m in sys.modules]\n"
        "print('LOADED', bad, status)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "LOADED [] 1", proc.stdout + proc.stderr


def test_python_dash_m_termsheet():
    proc = subprocess.run([sys.executable, "-m", "termsheet", "validate", "--format", "concise",
                           str(BADINPUT / "15-yes-is-not-true.yaml")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "error[bool_type] metadata.illustrative" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "termsheet", "--version"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0 and "termsheet" in proc.stdout


# -- schema --------------------------------------------------------------------------


def test_schema_write_and_check(cli, tmp_path):
    target = tmp_path / "schema.json"
    status, out, _ = cli("schema", "-o", target)
    assert status == 0 and target.exists()
    written = json.loads(target.read_text())
    assert written["$schema"].startswith("https://json-schema.org/")
    assert written["$id"] == SCHEMA_ID
    assert cli("schema", "--check", target)[0] == 0
    target.write_text("{}\n")
    status, out, _ = cli("schema", "--check", target)
    assert status == 1 and "out of date" in out
    status, _, err = cli("schema", "--check", tmp_path / "none.json")
    assert status == 2 and "cannot read" in err and "none.json" in err


def test_schema_writes_to_the_current_folder_by_default(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, _ = cli("schema")
    assert status == 0 and out == "wrote termsheet.schema.json\n"
    assert (tmp_path / "termsheet.schema.json").read_text() == schema_text()
    (tmp_path / "out").mkdir()
    assert cli("schema", "-o", "out")[0] == 0
    assert (tmp_path / "out" / "termsheet.schema.json").read_text() == schema_text()


def test_schema_to_standard_output(cli):
    status, out, _ = cli("schema", "-o", "-")
    assert status == 0 and out == schema_text()


def test_schema_usage_and_write_errors(cli, tmp_path):
    status, _, err = cli("schema", "--check", tmp_path / "a.json", "-o", tmp_path / "b.json")
    assert status == 2 and "give one of them" in err
    blocker = tmp_path / "file"
    blocker.write_text("")
    status, _, err = cli("schema", "-o", blocker / "schema.json")
    assert status == 2 and "cannot write" in err


def test_committed_schema_is_current(cli):
    """schemas/termsheet.schema.json is what the model generates (regenerate: termsheet schema -o schemas/)."""
    status, out, _ = cli("schema", "--check", ROOT / "schemas" / "termsheet.schema.json")
    assert status == 0, out


# -- new -----------------------------------------------------------------------------


def _modeline_ref(path):
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    return first.split("=", 1)[1]


def test_new_points_the_modeline_at_a_schema_above_the_file(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "schemas").mkdir()
    schema = tmp_path / "schemas" / "termsheet.schema.json"
    schema.write_text("{}")
    target = tmp_path / "terms" / "drafts" / "mine.yaml"
    target.parent.mkdir(parents=True)
    assert cli("new", target)[0] == 0
    assert _modeline_ref(target) == "../../schemas/termsheet.schema.json"
    beside = target.parent / "termsheet.schema.json"
    beside.write_text("{}")
    assert cli("new", target.parent / "other.yaml")[0] == 0
    assert _modeline_ref(target.parent / "other.yaml") == "./termsheet.schema.json"


def test_new_uses_the_schema_url_when_no_schema_file_is_near(cli, tmp_path):
    (tmp_path / ".git").mkdir()  # the search stops at the repository root
    target = tmp_path / "mine.yaml"
    assert cli("new", target)[0] == 0
    assert _modeline_ref(target) == SCHEMA_ID
    assert str(ROOT) not in target.read_text()


def test_new_makes_a_given_schema_path_relative(cli, tmp_path):
    target = tmp_path / "drafts" / "mine.yaml"
    target.parent.mkdir()
    assert cli("new", "--schema", tmp_path / "s" / "t.json", target)[0] == 0
    assert _modeline_ref(target) == "../s/t.json"


def test_new_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n")
    status, _, err = cli("new", target)
    assert status == 2 and "already exists" in err
    assert target.read_text() == "keep me\n"
    assert cli("new", tmp_path / "no" / "such" / "dir.yaml")[0] == 2


def test_new_skeleton_lists_what_to_fill_then_validates_once_filled(cli, tmp_path):
    target = tmp_path / "mine.yaml"
    assert cli("new", target)[0] == 0
    status, doc, _ = run_json(cli, target)
    assert status == 1
    assert {d["field"] for d in doc["diagnostics"]} == {
        "metadata.doc_id", "metadata.title", "metadata.date", "metadata.drafting_party",
        "parties[0].id", "parties[0].name", "beneficiary"}
    filled = (target.read_text()
              .replace("  doc_id:            #", "  doc_id: my-draft #")
              .replace("  title:             #", '  title: "My draft" #')
              .replace("  date:              #", "  date: 2026-03-01 #")
              .replace("  drafting_party:    #", "  drafting_party: ua #")
              .replace("  - id:              #", "  - id: ua #")
              .replace("    name:            #", "    name: Ukraine #")
              .replace("beneficiary:         #", "beneficiary: ua #"))
    target.write_text(filled)
    status, doc, _ = run_json(cli, target)
    assert status == 0, doc["diagnostics"]


def test_new_accepts_a_schema_url(cli, tmp_path):
    target = tmp_path / "mine.yaml"
    assert cli("new", "--schema", "https://example.org/s.json", target)[0] == 0
    assert target.read_text().startswith("# yaml-language-server: $schema=https://example.org/s.json\n")
