"""However long a line or a value, and however often one problem repeats, a report stays
small in every format (docs/threats.md, cases 51 and 52); the GitHub format escapes every
file name and message so that none can forge a workflow command (case 53)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from termsheet.source.diagnostics import MAX_SHOWN_PER_CODE, WINDOW, window

MINIMAL = (ROOT / "samples" / "minimal.yaml").read_text(encoding="utf-8")
FORMATS = ("text", "concise", "json", "github", "sarif")


def one_long_line_with_control_characters(path, size=1_950_000, count=50):
    """A file of ``size`` bytes whose second line holds ``count`` raw control characters."""
    head = 'schema_version: "1.0"\ntitle: "'
    body = ["x"] * (size - len(head) - 2)
    step = len(body) // (count + 1)
    for i in range(1, count + 1):
        body[i * step] = "\x01"
    path.write_text(head + "".join(body) + '"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_line_with_many_control_characters_gives_a_small_report(cli, tmp_path, fmt):
    path = one_long_line_with_control_characters(tmp_path / "long.yaml")
    status, out, err = cli("validate", "--format", fmt, path)
    assert status == 1 and err == ""
    assert len(out.encode()) < 40_000  # 146 MB before lines were windowed and repeats capped
    assert max(len(line) for line in out.splitlines()) < 1_200


def test_repeats_of_one_code_are_capped_and_counted(cli, tmp_path):
    path = one_long_line_with_control_characters(tmp_path / "long.yaml")
    _, out, _ = cli("validate", "--format", "json", path)
    doc = json.loads(out)
    shown = [d for d in doc["diagnostics"] if "omitted" not in d]
    (more,) = [d for d in doc["diagnostics"] if "omitted" in d]
    assert len(shown) == MAX_SHOWN_PER_CODE
    assert more["code"] == "control-character" and more["omitted"] == 30
    assert more["message"].startswith("… and 30 more control-character")
    assert doc["summary"]["errors"] == doc["files"][0]["errors"] == 50


def test_the_text_excerpt_is_a_window_around_the_column(cli, tmp_path):
    path = one_long_line_with_control_characters(tmp_path / "long.yaml")
    _, out, _ = cli("validate", "--format", "text", path)
    source, carets = out.splitlines()[1:3]
    assert source.startswith(" 2 | …") and source.endswith("…")
    assert carets.index("^") == source.index("\N{REPLACEMENT CHARACTER}")


def test_window_keeps_short_lines_and_marks_cuts():
    assert window("short", 1, 3) == ("short", 1, 3)
    line = "a" * 500 + "B" + "c" * 500
    shown, start, end = window(line, 500, 501)
    assert shown[0] == shown[-1] == "…" and len(shown) == WINDOW + 2
    assert shown[start:end] == "B"
    shown, start, end = window(line, 0, 1000)  # a long span ends at the cut
    assert shown.endswith("…") and (start, end) == (0, WINDOW)


BIG = "a" * 1_000_000
LONG_VALUES = {
    "unknown value": MINIMAL.replace("status: concept", f"status: {BIG}"),
    "quoted boolean": MINIMAL.replace("illustrative: true", f'illustrative: "{BIG}"'),
    "unquoted colon": MINIMAL.replace('title: "Minimal Term Sheet (Illustrative)"', f"title: x: {BIG}"),
    "mixed script": MINIMAL.replace('title: "Minimal Term Sheet (Illustrative)"',
                                    f"title: {BIG}\N{CYRILLIC SMALL LETTER A}"),
    "unknown key": MINIMAL.replace("  illustrative: true", f"  {'k' * 1000}: 1\n  illustrative: true"),
    "anchor": MINIMAL.replace("status: concept", f"status: &{BIG} concept"),
}


@pytest.mark.parametrize("text", LONG_VALUES.values(), ids=LONG_VALUES.keys())
def test_messages_quote_long_values_shortened(cli, tmp_path, text):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    _, out, _ = cli("validate", "--format", "json", path)
    diagnostics = json.loads(out)["diagnostics"]
    assert diagnostics
    for d in diagnostics:
        for part in (d["message"], d["hint"] or "", d["field"] or ""):
            assert len(part) < 400, part[:200]


FORGED = "::error file=forged.yaml,line=1::forged"


def _workflow_commands(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.lstrip().startswith("::")]


def test_github_format_escapes_a_file_name_that_holds_a_workflow_command(cli, tmp_path):
    path = tmp_path / f"x\n{FORGED}\n.yaml"
    path.write_text("title: [\n", encoding="utf-8")
    _, out, _ = cli("validate", "--format", "github", "-v", path)
    commands = _workflow_commands(out)
    assert len(commands) == 1 and "forged.yaml%2Cline=1%3A%3Aforged" in commands[0]
    assert not any(line.lstrip().startswith(FORGED) for line in out.splitlines())


def test_github_format_escapes_messages_and_hints_in_the_plain_list(cli, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(MINIMAL.replace("status: concept", f'status: "it\'s\\n{FORGED}"'), encoding="utf-8")
    status, out, _ = cli("validate", "--format", "github", path)
    assert status == 1
    commands = _workflow_commands(out)
    assert len(commands) == 1 and commands[0].startswith("::error file=")
    assert "%0A::error" in out  # the forged line is kept as text, escaped
