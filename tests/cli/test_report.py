"""Diagnostics formatters, the mapping of pydantic errors to positions, and lint findings."""

from __future__ import annotations

import json
import re

import pytest

from termsheet.cli.report import (
    FileSummary, escape_github_data, escape_github_property, format_concise, format_github,
    format_github_annotation, format_json, format_text, github_path, resolve_format,
    summary_line, use_color,
)
from termsheet.source.diagnostics import Diagnostic, Span

SOURCE = "a: 1\nguarantors:\n  - role: bakstop\n"
ROLE = Diagnostic(
    code="literal_error", severity="error",
    message="'bakstop' is not an allowed role. Allowed: lead, co_lead",
    file="s.yaml", span=Span(3, 11, 3, 18), field="guarantors[0].role",
    hint="did you mean 'backstop'?",
)
WARN = Diagnostic("W-X", "warning", "careful", "s.yaml", Span(1, 1, 1, 2), None, None)
FILE_LEVEL = Diagnostic("file-not-found", "error", "no such file", "gone.yaml", None, None, None)


# -- text ---------------------------------------------------------------------


def test_text_format_is_gnu_style_with_caret_and_hint():
    out = format_text([ROLE], {"s.yaml": SOURCE})
    lines = out.splitlines()
    assert lines[0] == ("s.yaml:3:11: error[literal_error] guarantors[0].role: "
                        "'bakstop' is not an allowed role. Allowed: lead, co_lead")
    assert lines[1] == " 3 |   - role: bakstop"
    assert lines[2] == "   |           ^^^^^^^"
    assert lines[3] == "  hint: did you mean 'backstop'?"
    assert "\x1b[" not in out


def test_text_format_colour_only_when_asked():
    assert "\x1b[" in format_text([ROLE], {"s.yaml": SOURCE}, color=True)


def test_text_format_without_source_or_span():
    assert format_text([FILE_LEVEL], {}) == "gone.yaml: error[file-not-found] no such file\n"
    assert format_text([], {}) == ""


def test_multiline_span_underlines_to_end_of_first_line():
    d = Diagnostic("x", "error", "m", "f", Span(1, 4, 3, 2), None, None)
    out = format_text([d], {"f": "ab: cdef\nx\ny\n"}).splitlines()
    assert out[2] == "   |    ^^^^^"


def test_excerpt_shows_invisible_characters_and_keeps_carets_aligned():
    d = Diagnostic("invisible-character", "error", "m", "f", Span(1, 5, 1, 6), None, None)
    out = format_text([d], {"f": "a:\tx\u202ey\n"}).splitlines()
    assert out[1] == " 1 | a: x\ufffdy"
    assert out[2] == "   |     ^"


def test_concise_is_one_line_each():
    out = format_concise([ROLE, WARN])
    assert out.count("\n") == 2
    assert out.splitlines()[1] == "s.yaml:1:1: warning[W-X] careful"


def test_summary_line():
    assert summary_line([FileSummary("a", 0, 0)]) == "1 file passed."
    assert summary_line([FileSummary("a", 0, 0), FileSummary("b", 0, 0)]) == "All 2 files passed."
    assert summary_line([FileSummary("a", 2, 1), FileSummary("b", 0, 0)]) == \
        "Found 2 errors and 1 warning in 1 of 2 files."


# -- json -----------------------------------------------------------------------


def test_json_document():
    doc = json.loads(format_json([ROLE, FILE_LEVEL],
                                 [FileSummary("s.yaml", 1, 0), FileSummary("gone.yaml", 1, 0)],
                                 exit_code=2))
    assert doc["version"] == 1
    assert [f["status"] for f in doc["files"]] == ["error", "error"]
    for d in doc["diagnostics"]:
        for key in ("line", "column", "end_line", "end_column"):
            assert isinstance(d[key], int)
    assert doc["diagnostics"][0]["field"] == "guarantors[0].role"
    assert doc["diagnostics"][1]["line"] == 1
    assert doc["summary"] == {"files": 2, "files_with_errors": 2, "files_with_warnings": 0,
                              "errors": 2, "warnings": 0, "exit_code": 2}


# -- github ---------------------------------------------------------------------


def test_github_escaping():
    assert escape_github_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotation_single_line_has_columns():
    line = format_github_annotation(ROLE)
    assert line == (
        "::error file=s.yaml,line=3,endLine=3,col=11,endColumn=18,"
        "title=literal_error guarantors[0].role::"
        "'bakstop' is not an allowed role. Allowed: lead, co_lead%0Adid you mean 'backstop'?"
    )


def test_github_annotation_multi_line_has_no_columns_and_escapes_properties():
    d = Diagnostic("x", "warning", "100% sure: a,b", "dir,x/f:1.yaml", Span(2, 3, 4, 1), "a.b", None)
    line = format_github_annotation(d)
    assert line.startswith("::warning file=dir%2Cx/f%3A1.yaml,line=2,endLine=4,title=x a.b::")
    assert "col=" not in line and "endColumn=" not in line
    assert line.endswith("::100%25 sure: a,b")


def test_github_paths_are_relative_to_the_workspace(tmp_path, monkeypatch):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(real / "sub")
    for workspace in (real, tmp_path / "link"):  # the workspace may be named through a link
        assert github_path("terms/a.yaml", str(workspace)) == "sub/terms/a.yaml"
        assert github_path(str(real / "sub" / "b.yaml"), str(workspace)) == "sub/b.yaml"
    assert github_path("../..foo.yaml", str(real)) == "..foo.yaml"  # a name, not a parent
    outside = str(tmp_path / "elsewhere.yaml")
    assert github_path(outside, str(real)) == outside
    assert github_path("<stdin>", str(real)) == "<stdin>"
    assert github_path("terms/a.yaml", None) == "terms/a.yaml"
    line = format_github_annotation(ROLE, str(real))
    assert line.startswith("::error file=sub/s.yaml,line=3,")


def test_github_format_prints_annotations_then_the_full_list():
    out = format_github([ROLE, WARN], {"s.yaml": SOURCE})
    lines = out.splitlines()
    assert lines[0].startswith("::error ") and lines[1].startswith("::warning ")
    assert re.search(r"^s\.yaml:3:11: error\[literal_error\]", out, re.M)
    assert "^^^^^^^" in out


# -- colour and format choice ------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "tty", "env", "expected"),
    [
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", True, {"FORCE_COLOR": "0"}, False),
        ("auto", False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ("auto", True, {"TERM": "dumb"}, False),
    ],
)
def test_use_color(mode, tty, env, expected):
    assert use_color(mode, tty, env) is expected


def test_resolve_format():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}) == "json"
