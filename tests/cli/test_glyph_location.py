"""A character no font of the stylesheet can draw is reported at the field that holds it
and at the character's own line and column, however the value is written
(docs/threats.md, case 54)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT

US = (ROOT / "samples" / "us-draft.yaml").read_text(encoding="utf-8")
MINIMAL = (ROOT / "samples" / "minimal.yaml").read_text(encoding="utf-8")
FIRST_SUMMARY_LINE = "      verification mechanism relying on satellites, unmanned systems and\n"


def render_json(cli, tmp_path, text: str) -> dict:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    status, out, _ = cli("render", path, "--to", "pdf", "--out-dir", tmp_path / "out",
                         "--format", "json")
    assert status == 1 and not (tmp_path / "out" / "t.pdf").exists()
    (diagnostic,) = [d for d in json.loads(out)["diagnostics"] if d["severity"] == "error"]
    assert diagnostic["code"] == "missing-glyph" and "U+5317" in diagnostic["message"]
    return diagnostic


def where(diagnostic: dict) -> tuple:
    return diagnostic["field"], diagnostic["line"], diagnostic["column"], diagnostic["end_column"]


def test_a_party_name_is_blamed_at_the_character(cli, tmp_path):
    text = MINIMAL.replace("    name: Ukraine", '    name: "Ukraine 北"')
    assert where(render_json(cli, tmp_path, text)) == ("parties[0].name", 23, 20, 21)


def position_of(text: str, written: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``written`` in ``text``."""
    before = text[:text.index(written)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize("written", ["北", "\\u5317"], ids=["raw", "escape"])
def test_a_provision_is_blamed_at_the_characters_own_line(cli, tmp_path, written):
    """The character on the second line of a multi-line value, raw in a folded block or
    as an escape in double quotes: its own line and column, not the provision's start."""
    if written == "北":
        text = US.replace(FIRST_SUMMARY_LINE, FIRST_SUMMARY_LINE.replace("mechanism", "mechanism 北"))
    else:
        summary = ('    summary: "The United States leads a continuous ceasefire monitoring and\n'
                   '      verification mechanism \\u5317 relying on satellites"\n')
        start = US.index("    summary: >\n", US.index("cmt-monitoring-lead"))
        end = US.index("    modality:", start)
        text = US[:start] + summary + US[end:]
    line, column = position_of(text, written)
    assert where(render_json(cli, tmp_path, text)) == (
        "commitments[0].summary", line, column, column + len(written))
