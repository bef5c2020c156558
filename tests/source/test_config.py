"""Switching lint warnings off: project settings (.termsheet.toml, pyproject.toml) and
disable comments in term files."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import MINIMAL_YAML
from termsheet.source.config import Config, ConfigError, find_config, load_config
from termsheet.source.suppress import INVALID_CODE, comments
from termsheet.source.validate import validate_text

#: One unused party (W-PARTY-UNUSED) per line, at lines 11 and 12.
UNUSED = "  - {id: fr, name: France, kind: state, iso3166: FR}\n"
GERMANY = "  - {id: de, name: Germany, kind: state, iso3166: DE}\n"
TWO_UNUSED = MINIMAL_YAML.replace("parties:\n", "parties:\n" + UNUSED + GERMANY)


def codes(result) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in result.diagnostics]


def with_comment(line: int, comment: str, text: str = TWO_UNUSED) -> str:
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + "  " + comment + "\n"
    return "".join(lines)


def write_project(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "terms").mkdir(exist_ok=True)
    (tmp_path / "terms" / "a.yaml").write_text(TWO_UNUSED, encoding="utf-8")


def test_the_fixture_has_two_warnings():
    assert codes(validate_text(TWO_UNUSED)) == [("W-PARTY-UNUSED", 11), ("W-PARTY-UNUSED", 12)]


# -- disable comments --------------------------------------------------------


def test_disable_comment_switches_a_warning_off_on_its_line():
    result = validate_text(with_comment(11, "# termsheet: disable=W-PARTY-UNUSED"))
    assert codes(result) == [("W-PARTY-UNUSED", 12)]


def test_disable_next_line_and_a_note_after_a_second_hash():
    text = TWO_UNUSED.replace(
        UNUSED, "  # termsheet: disable-next-line=W-PARTY-UNUSED, W-ROLE-DUP  # kept on purpose\n"
        + UNUSED)
    assert codes(validate_text(text)) == [("W-PARTY-UNUSED", 13)]


def test_hash_inside_a_quoted_string_is_not_a_comment():
    for quoted in ('"France # termsheet: disable=W-PARTY-UNUSED"',
                   "'France # termsheet: disable=W-PARTY-UNUSED'"):
        text = TWO_UNUSED.replace("name: France", f"name: {quoted}")
        assert codes(validate_text(text)) == [("W-PARTY-UNUSED", 11), ("W-PARTY-UNUSED", 12)]


def test_hash_inside_a_block_scalar_is_not_a_comment():
    text = TWO_UNUSED + ("notes: |\n"
                         "  # termsheet: disable-next-line=W-PARTY-UNUSED\n"
                         "  text\n")
    assert [c.text for c in comments(text)] == []
    text = TWO_UNUSED.replace("beneficiary: ua\n", "notes: |  # termsheet: disable=W-NOPE\n"
                              "  # termsheet: disable=W-PARTY-UNUSED\n  text\nbeneficiary: ua\n")
    assert [(c.line, c.text) for c in comments(text)] == [(15, "# termsheet: disable=W-NOPE")]


def test_comments_are_found_after_every_kind_of_token():
    text = ("%YAML 1.2  # directive\n"
            "--- # start\n"
            "a: [1, 2]  # flow\n"
            "b: 'x # not' # after quotes\n"
            "c: >-\n"
            "    folded\n"
            "  # less indented: a comment\n"
            "d: plain#text # plain\n")
    assert [(c.line, c.column, c.text) for c in comments(text)] == [
        (1, 12, "# directive"), (2, 5, "# start"), (3, 12, "# flow"), (4, 14, "# after quotes"),
        (7, 3, "# less indented: a comment"), (8, 15, "# plain")]


def test_the_pure_python_scanner_finds_the_same_comments(monkeypatch):
    text = with_comment(11, "# termsheet: disable=W-PARTY-UNUSED") + 'notes: "a # b"  # end\n'
    found = comments(text)
    monkeypatch.setitem(sys.modules, "_ruamel_yaml", None)  # no C scanner: import fails
    assert comments(text) == found
    assert [c.text for c in found] == ["# termsheet: disable=W-PARTY-UNUSED", "# end"]


@pytest.mark.parametrize("comment, message", [
    ("# termsheet: disable=W-PARTY-UNUSD", "W-PARTY-UNUSD; did you mean W-PARTY-UNUSED?"),
    ("# termsheet: disable=E-REF-PARTY", "E-REF-PARTY is an error and cannot be disabled"),
    ("# termsheet: disable=mixed-script", "unknown lint rule mixed-script"),
    ("# termsheet: disabel=W-PARTY-UNUSED", "unknown directive 'disabel'; did you mean 'disable'?"),
    ("# termsheet: disable=", "names no rule code"),
    ("# termsheet: switch it off", "not a disable comment"),
])
def test_a_bad_disable_comment_is_a_warning_at_the_comment(comment, message):
    result = validate_text(with_comment(11, comment), "a.yaml")
    bad = [d for d in result.diagnostics if d.code == INVALID_CODE]
    assert len(bad) == 1 and message in bad[0].message
    assert bad[0].severity == "warning" and bad[0].span.line == 11
    assert bad[0].span.column > len(UNUSED)  # in the comment, after the value
    assert ("W-PARTY-UNUSED", 11) in codes(result)  # nothing was switched off


def test_the_bad_code_itself_is_underlined():
    text = with_comment(11, "# termsheet: disable=W-PARTY-UNUSED,W-NOPE")
    (bad,) = [d for d in validate_text(text).diagnostics if d.code == INVALID_CODE]
    line = text.splitlines()[10]
    assert line[bad.span.column - 1:bad.span.end_column - 1] == "W-NOPE"
    assert codes(validate_text(text)) == [(INVALID_CODE, 11), ("W-PARTY-UNUSED", 12)]


def test_errors_and_schema_problems_stay_whatever_the_comments_say():
    text = with_comment(13, "# termsheet: disable=E-REF-PARTY",
                        MINIMAL_YAML.replace("beneficiary: ua", "beneficiary: xx"))
    assert {d.code for d in validate_text(text).errors} == {"E-REF-PARTY"}


# -- finding and reading settings ---------------------------------------------


def test_settings_are_found_walking_up_and_dot_file_wins(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None or not find_config(deep).is_relative_to(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.termsheet]\ndisable = ["W-PARTY-UNUSED"]\n')
    # a pyproject.toml without [tool.termsheet] is passed over
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(deep) == tmp_path / "pyproject.toml"
    assert load_config(start=deep).disable == {"W-PARTY-UNUSED"}
    (tmp_path / ".termsheet.toml").write_text("strict = true\n")
    assert find_config(deep) == tmp_path / ".termsheet.toml"
    assert load_config(start=deep) == Config(frozenset(), True, tmp_path / ".termsheet.toml")
    (tmp_path / "a" / ".termsheet.toml").write_text("")
    assert load_config(start=deep) == Config(path=tmp_path / "a" / ".termsheet.toml")
    assert load_config(start=deep, isolated=True) == Config()


@pytest.mark.parametrize("text, message", [
    ('disable = ["W-PARTY-UNUSED"\n', "invalid TOML"),
    ('disable = "W-PARTY-UNUSED"\n', "'disable' must be a list of rule codes"),
    ('disable = ["W-PARTY-UNUSD"]\n', "unknown lint rule W-PARTY-UNUSD; did you mean W-PARTY-"),
    ('disable = ["E-ID-DUP"]\n', "E-ID-DUP is an error and cannot be disabled"),
    ("strict = 1\n", "'strict' must be true or false"),
    ("disabled = []\n", "unknown key 'disabled'; did you mean 'disable'?"),
])
def test_bad_settings_are_a_configuration_error(tmp_path, text, message):
    (tmp_path / ".termsheet.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(start=tmp_path)
    assert message in caught.value.message
    assert caught.value.path == tmp_path / ".termsheet.toml"


def test_toml_syntax_errors_give_line_and_column(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.termsheet]\nstrict = true\ndisable = [W-X]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.column) == (3, 12)
    assert str(caught.value).endswith(f"pyproject.toml:3:12: {caught.value.message}")


def test_explicit_pyproject_needs_the_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"has no \[tool.termsheet\] table"):
        load_config(path)
    (tmp_path / "settings.toml").write_text("[tool.termsheet]\nstrict = true\n")
    with pytest.raises(ConfigError, match="unknown key 'tool'"):
        load_config(tmp_path / "settings.toml")


# -- the command line ---------------------------------------------------------


def test_cli_uses_the_nearest_settings(cli, tmp_path, monkeypatch):
    write_project(tmp_path, "pyproject.toml", '[tool.termsheet]\ndisable = ["W-PARTY-UNUSED"]\n')
    monkeypatch.chdir(tmp_path / "terms")
    status, out, _ = cli("validate", "--format", "json", "--strict", "a.yaml")
    assert status == 0 and json.loads(out)["diagnostics"] == []
    status, out, _ = cli("validate", "--format", "json", "--strict", "--no-config", "a.yaml")
    assert status == 1 and len(json.loads(out)["diagnostics"]) == 2


def test_strict_from_settings_and_no_strict_on_the_command_line(cli, tmp_path, monkeypatch):
    write_project(tmp_path, ".termsheet.toml", "strict = true\n")
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "-q", "terms")[0] == 1
    assert cli("validate", "-q", "--no-strict", "terms")[0] == 0


def test_cli_config_option(cli, tmp_path, monkeypatch):
    write_project(tmp_path, "custom.toml", 'disable = ["W-PARTY-UNUSED"]\nstrict = true\n')
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "-q", "terms")[0] == 0
    assert cli("validate", "-q", "--config", "custom.toml", "terms")[0] == 0
    status, _, err = cli("validate", "--config", "missing.toml", "terms")
    assert status == 2 and err == "termsheet: configuration error: missing.toml: no such file\n"
    status, _, err = cli("validate", "--config", "custom.toml", "--no-config", "terms")
    assert status == 2 and "--config and --no-config cannot be used together" in err


@pytest.mark.parametrize("command", [("validate",), ("render", "--to", "md", "--out-dir", "out"),
                                     ("diff", "terms/a.yaml")])
def test_a_bad_settings_file_stops_every_command_with_exit_2(cli, tmp_path, monkeypatch, command):
    write_project(tmp_path, ".termsheet.toml", "strict = true\ndisable = [\n")
    monkeypatch.chdir(tmp_path)
    status, out, err = cli(*command, "terms/a.yaml")
    assert status == 2 and out == ""
    assert err.startswith("termsheet: configuration error: .termsheet.toml:3:")
    assert "invalid TOML" in err
    assert not (tmp_path / "out").exists()


def test_render_and_diff_honour_the_settings(cli, tmp_path, monkeypatch):
    write_project(tmp_path, ".termsheet.toml", 'disable = ["W-PARTY-UNUSED"]\n')
    monkeypatch.chdir(tmp_path)
    status, out, _ = cli("render", "terms/a.yaml", "--to", "md", "--out-dir", "out",
                         "--format", "json")
    assert status == 0 and json.loads(out)["diagnostics"] == []
    assert (tmp_path / "out" / "a.md").is_file()
    status, out, _ = cli("diff", "terms/a.yaml", "terms/a.yaml", "--format", "sarif")
    assert status == 0 and json.loads(out)["runs"][0]["results"] == []
    status, out, _ = cli("diff", "terms/a.yaml", "terms/a.yaml", "--format", "sarif", "--no-config")
    assert [r["ruleId"] for r in json.loads(out)["runs"][0]["results"]] == ["W-PARTY-UNUSED"] * 4
