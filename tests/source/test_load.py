"""The loader: YAML 1.2 text → plain data, positions, and every refusal located."""

from __future__ import annotations

import datetime as dt
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from termsheet.source import characters
from termsheet.source.diagnostics import Span
from termsheet.source.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_INT
from termsheet.source.load import BACKENDS, load_bytes, load_file, load_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def codes(doc) -> list[str]:
    return [p.code for p in doc.problems]


def only_problem(doc):
    assert len(doc.problems) == 1, doc.problems
    return doc.problems[0]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


# -- YAML 1.2 meaning ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("NO", "NO"), ("no", "no"), ("yes", "yes"), ("Yes", "Yes"), ("on", "on"), ("off", "off"),
        ("y", "y"), ("true", True), ("False", False), ("TRUE", True), ("~", None), ("null", None),
        ("", None), ("0", 0), ("-12", -12), ("+3", 3), ("800000", 800000), ("1.5", 1.5),
        ("-0.25", -0.25), ("1.0e3", 1000.0), ("2026-02-02", dt.date(2026, 2, 2)),
        ("1:30", "1:30"), ("PT24H", "PT24H"), ("'0755'", "0755"), ('"1.10"', "1.10"),
        ("'yes'", "yes"), ('"true"', "true"), ("2026-02-02T10:00:00", "2026-02-02T10:00:00"),
        (str(MAX_INT), MAX_INT), (str(-MAX_INT), -MAX_INT), ("a: b", None),
    ],
)
def test_scalars_follow_yaml_1_2(written, value, backend):
    if written == "a: b":  # a nested mapping, for completeness
        doc = load_text("k:\n  a: b\n", backend=backend)
        assert doc.data == {"k": {"a": "b"}}
        return
    doc = load_text(f"k: {written}\n", backend=backend)
    assert doc.ok, doc.problems
    assert doc.data == {"k": value}
    assert type(doc.data["k"]) is type(value)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("0755", "ambiguous-number"), ("00", "ambiguous-number"), ("0x1F", "ambiguous-number"),
        ("0o17", "ambiguous-number"), ("1_000", "ambiguous-number"), ("1e5", "ambiguous-number"),
        (".5", "ambiguous-number"), ("1.", "ambiguous-number"), ("01.5", "ambiguous-number"),
        ("1e400", "non-finite-number"), ("1.0e400", "non-finite-number"),
        ("-1.0e999", "non-finite-number"), (".inf", "non-finite-number"),
        ("-.Inf", "non-finite-number"), (".nan", "non-finite-number"),
        ("9007199254740992", "number-too-large"), ("-9007199254740992", "number-too-large"),
        ("1" * 5000, "number-too-large"), ("2026-02-30", "invalid-date"),
        ("2026-13-01", "invalid-date"),
    ],
)
def test_numbers_readers_disagree_on_are_refused_with_a_location(written, code, backend):
    doc = load_text(f"a: 1\nkey: {written}\n", backend=backend)
    problem = only_problem(doc)
    assert problem.code == code
    assert doc.data is None
    assert (problem.span.line, problem.span.column) == (2, 6)
    assert problem.field == "key"
    assert "Traceback" not in problem.message


def test_keys_are_text_as_written(backend):
    doc = load_text("true: 1\nnull: 2\n'3': 3\nNO: 4\n", backend=backend)
    assert doc.data == {"true": 1, "null": 2, "3": 3, "NO": 4}


def test_data_matches_ruamel_safe_load_on_real_files(backend):
    assert SAMPLES, "the samples folder lost its term files"
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        doc = load_text(text, str(path), backend=backend)
        assert doc.ok, doc.problems
        assert doc.data == YAML(typ="safe", pure=True).load(text), path


# -- encodings, BOM, size -------------------------------------------------------


def test_utf8_bom_at_start_is_accepted_and_positions_are_unchanged():
    plain = load_bytes(b"a: 1\nb: x\n", "f.yaml")
    bom = load_bytes(b"\xef\xbb\xbfa: 1\nb: x\n", "f.yaml")
    assert bom.ok and bom.data == plain.data == {"a": 1, "b": "x"}
    assert bom.positions.span(("b",)) == plain.positions.span(("b",)) == Span(2, 4, 2, 5)


def test_bom_inside_the_file_is_refused():
    problem = only_problem(load_bytes("a: 1\nb: x\ufeffy\n".encode(), "f.yaml"))
    assert problem.code == "invisible-character"
    assert (problem.span.line, problem.span.column) == (2, 5)


@pytest.mark.parametrize("load", [lambda text: load_bytes(text.encode(), "f.yaml"),
                                  lambda text: load_text(text, "f.yaml")], ids=["bytes", "text"])
def test_a_second_bom_at_the_start_is_refused_not_dropped(load):
    problem = only_problem(load("\ufeff\ufeffa: 1\n"))
    assert problem.code == "invisible-character" and "byte-order mark" in problem.message
    assert (problem.span.line, problem.span.column) == (1, 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused(encoding):
    data = "a: 1\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    problem = only_problem(load_bytes(data, "f.yaml"))
    assert problem.code == "not-utf8"
    assert "UTF-16" in problem.message or "UTF-32" in problem.message


def test_invalid_utf8_points_at_the_first_bad_byte():
    # line 2 is "b: été " then the byte 0xFF: column 8 (columns count characters)
    problem = only_problem(load_bytes(b"a: 1\nb: \xc3\xa9t\xc3\xa9 \xff\n", "f"))
    assert problem.code == "not-utf8"
    assert (problem.span.line, problem.span.column) == (2, 8)
    assert "0xFF" in problem.message


def test_size_limit_is_checked_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    start = time.perf_counter()
    doc = load_file(big)
    assert time.perf_counter() - start < 0.5
    assert codes(doc) == ["file-too-large"]
    assert doc.text is None
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"a: 1\n" + b"#" * (MAX_FILE_BYTES - 6) + b"\n")
    assert load_file(exact).ok


def test_missing_file_and_folder(tmp_path):
    assert codes(load_file(tmp_path / "nope.yaml")) == ["file-not-found"]
    assert codes(load_file(tmp_path)) == ["file-unreadable"]


def test_crlf_line_endings(backend):
    doc = load_text("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: z\r\n", backend=backend)
    assert doc.data == {"a": 1, "b": "x\ny\n", "c": "z"}
    assert doc.positions.span(("c",)) == Span(5, 4, 5, 5)


# -- characters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: x\x1by\n", "control-character", 1, 5),
        ("a: x\n# note \x07\n", "control-character", 2, 8),
        ("a: x\x7fy\n", "control-character", 1, 5),
        ("a: x\x85y\n", "control-character", 1, 5),
        ("a: abc\u202edef\n", "invisible-character", 1, 7),
        ("a: ok\nb: x\u200by\n", "invisible-character", 2, 5),
        ("a: x\u2066y\n", "invisible-character", 1, 5),
        ("a: x\u00ady\n", "invisible-character", 1, 5),
        ("# \u202e in a comment too\na: 1\n", "invisible-character", 1, 3),
        ("a: x\u2028y\n", "invisible-character", 1, 5),
        ("a: x\ufffey\n", "invalid-character", 1, 5),
    ],
)
def test_raw_forbidden_characters_are_located(text, code, line, column, backend):
    problem = only_problem(load_text(text, backend=backend))
    assert problem.code == code
    assert (problem.span.line, problem.span.column) == (line, column)
    assert "U+" in problem.message


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\a", "control-character"), ("\\e", "control-character"), ("\\x1b", "control-character"),
        ("\\0", "control-character"), ("\\r", "control-character"), ("\\N", "control-character"),
        ("\\u202E", "invisible-character"), ("\\u200b", "invisible-character"),
        ("\\U0000FEFF", "invisible-character"), ("\\L", "invisible-character"),
        ("\\uFFFE", "invalid-character"),
    ],
)
def test_escaped_forbidden_characters_are_located_at_the_escape(escape, code, backend):
    doc = load_text(f'a: 1\nb:\n  c: "ok \\\\ {escape} end"\n', backend=backend)
    problem = only_problem(doc)
    assert problem.code == code
    assert problem.field == "b.c"
    assert problem.span.line == 3
    assert problem.span.column == 13
    assert problem.span.end_column == 13 + len(escape)


def test_lone_surrogate_escape_is_refused(backend):
    doc = load_text('a: "x \\ud800 y"\n', backend=backend)
    problem = only_problem(doc)
    assert problem.code == "invalid-character"
    assert problem.span.line == 1


def test_tabs_and_newlines_in_strings_are_fine(backend):
    doc = load_text('a: "col1\\tcol2\\nnext"\nb: |\n  x\ty\n', backend=backend)
    assert doc.ok
    assert doc.data == {"a": "col1\tcol2\nnext", "b": "x\ty\n"}


def test_every_unicode_format_character_is_refused():
    """The forbidden set covers category Cf of this Python's Unicode database."""
    missing = [
        f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cf", "Cs", "Cc", "Zl", "Zp")
        and chr(cp) not in "\t\n\r" and not characters.RAW_FORBIDDEN.match(chr(cp))
    ]
    assert missing == []


def test_mixed_script_words_warn_but_load(backend):
    doc = load_text("title: Security for Ukr\u0430ine\nuk: \u041a\u0438\u0457\u0432 and Kyiv\n",
                    backend=backend)
    assert doc.ok
    problem = only_problem(doc)
    assert (problem.code, problem.severity) == ("mixed-script", "warning")
    assert problem.span == Span(1, 21, 1, 28)
    assert "U+0430" in problem.message


# -- structure ---------------------------------------------------------------


def test_empty_and_comment_only_files(backend):
    for text in ("", "\n\n", "# only a comment\n", "---\n", "~\n", "---\n...\n"):
        doc = load_text(text, backend=backend)
        assert codes(doc) == ["empty-file"], text
        assert doc.data is None


@pytest.mark.parametrize(("text", "what"), [("- a\n- b\n", "a list"), ("hello\n", "a single value")])
def test_root_must_be_a_mapping(text, what, backend):
    problem = only_problem(load_text(text, backend=backend))
    assert problem.code == "not-a-mapping"
    assert what in problem.message


def test_several_documents(backend):
    problem = only_problem(load_text("a: 1\n---\nb: 2\n", backend=backend))
    assert problem.code == "multiple-documents"
    assert problem.span.line == 2
    assert codes(load_text("---\na: 1\n...\n", backend=backend)) == []


@pytest.mark.parametrize(
    ("text", "line", "first"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1),
        ("m:\n  yes: 1\n  true: 2\n", 3, 2),
        ("m:\n  True: 1\n  on: 2\n", 3, 2),
        ("m:\n  '1': 1\n  1: 2\n", 3, 2),
        ("m:\n  1: 1\n  01: 2\n", 3, 2),
        ("m:\n  x: 1\n  \"x\": 2\n", 3, 2),
        ("m: {a: 1, a: 2}\n", 1, 1),
    ],
)
def test_duplicate_keys_cite_both_lines(text, line, first, backend):
    problem = only_problem(load_text(text, backend=backend))
    assert problem.code == "duplicate-key"
    assert problem.span.line == line
    assert f"line {first}" in problem.message
    assert f"lines {first} and {line}" in problem.hint


def test_huge_numeric_keys_do_not_crash(backend):
    doc = load_text("m:\n  " + "1" * 50 + ": 1\n  " + "1" * 50 + ": 2\n", backend=backend)
    assert codes(doc) == ["duplicate-key"]
    doc = load_text("m:\n  " + "1" * 5000 + ": 1\n", backend=backend)  # too long for a key
    assert codes(doc) and not doc.ok


def test_all_duplicates_are_reported(backend):
    doc = load_text("a: 1\na: 2\nb: 1\nb: 2\n", backend=backend)
    assert codes(doc) == ["duplicate-key", "duplicate-key"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: &x 1\n", "yaml-anchor"),
        ("a: 1\nb: *x\n", "yaml-alias"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "yaml-anchor"),
        ("c:\n  <<: {b: 1}\n", "yaml-merge-key"),
        ("a: !!str 5\n", "yaml-tag"),
        ("a: !!set {x, y}\n", "yaml-tag"),
        ("a: !custom 5\n", "yaml-tag"),
        ("a: ! 5\n", "yaml-tag"),
        ("a: !!python/object/apply:os.system ['true']\n", "yaml-tag"),
        ("!!map {a: 1}\n", "yaml-tag"),
        ("? [a, b]\n: 1\n", "yaml-complex-key"),
        ("%YAML 1.1\n---\na: yes\n", "yaml-directive"),
        ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", "yaml-tag"),
    ],
)
def test_anchors_aliases_merge_keys_tags_and_directives_are_refused(text, code, backend):
    doc = load_text(text, backend=backend)
    assert code in codes(doc)
    assert doc.data is None


def test_text_starting_with_a_star_gets_a_quoting_hint(backend):
    problem = only_problem(load_text("a: *bold* text\n", backend=backend))
    assert problem.code in ("yaml-alias", "yaml-syntax")
    assert "quote" in problem.hint
    assert problem.span.line == 1  # the C parser reports the column after the name


def test_yaml_1_2_directive_is_accepted(backend):
    assert load_text("%YAML 1.2\n---\na: yes\n", backend=backend).data == {"a": "yes"}


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ",".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [9, 30])
def test_alias_bombs_fail_in_milliseconds(levels, backend):
    text = _bomb(levels, 10)
    start = time.perf_counter()
    doc = load_text(text, backend=backend)
    elapsed = time.perf_counter() - start
    assert codes(doc) == ["yaml-anchor"]
    assert elapsed < 0.1, elapsed


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_a_located_error(style, backend):
    depth = MAX_DEPTH + 50
    if style == "flow":
        text = "a: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "x\n"
    problem = only_problem(load_text(text, backend=backend))
    assert problem.code == "too-deep"
    assert problem.span.line >= 1


def test_nesting_up_to_the_limit_is_fine(backend):
    depth = MAX_DEPTH - 1
    text = "a: " + "[" * depth + "]" * depth + "\n"
    assert load_text(text, backend=backend).ok


# -- syntax errors -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("a:\n\tb: 1\n", 2, 1, "tabs"),
        ("a:\n  b: 1\n\tc: 2\n", 3, 1, "tabs"),
        ("title: Note: this\n", 1, 12, 'title: "Note: this"'),
        ('a: "abc\nb: 1\n', 1, 4, "closing quote"),
        ("a: [1, 2\n", 2, 1, "not closed"),
        ("a: @x\n", 1, 4, "quote"),
    ],
)
def test_syntax_errors_have_position_and_hint(text, line, column, hint, backend):
    problem = only_problem(load_text(text, backend=backend))
    assert problem.code == "yaml-syntax"
    assert (problem.span.line, problem.span.column) == (line, column)
    assert hint in (problem.hint or "")


# -- positions ---------------------------------------------------------------

POSITIONS_YAML = """\
# comment
meta:
  title: "Quoted"
  tags: [a, bb]
items:
  - id: one
    text: |
      line one
      line two

  - {id: two, n: 2}
last: plain
"""


def test_positions(backend):
    doc = load_text(POSITIONS_YAML, backend=backend)
    assert doc.ok
    pos = doc.positions
    assert pos.span(("meta", "title")) == Span(3, 10, 3, 18)
    assert pos.span(("meta", "title"), key=True) == Span(3, 3, 3, 8)
    assert pos.span(("meta", "tags", 1)) == Span(4, 13, 4, 15)
    assert pos.span(("meta", "tags")) == Span(4, 9, 4, 16)
    assert pos.span(("items", 0, "text")) == Span(7, 11, 9, 15)  # block scalar, trimmed
    assert pos.span(("items", 1, "n")) == Span(11, 18, 11, 19)
    assert pos.span(("items", 1)) == Span(11, 5, 11, 20)
    assert pos.span(("last",)) == Span(12, 7, 12, 12)
    assert pos.span(("items", 5)) is None
    assert pos.span(("nope",)) is None
    assert pos.span(("items", 0), key=True) == pos.span(("items", 0))  # list items have no key
    assert pos.head_span(("meta",)) == Span(2, 1, 2, 5)
    assert pos.head_span(("items", 1)) == Span(11, 6, 11, 8)  # first key of the item
    assert pos.deepest(("items", 0, "missing", "x"))[0] == ("items", 0)


def test_positions_identical_across_backends():
    assert BACKENDS == ("c", "pure"), "ruamel.yaml.clib (C parser), a dependency, is not installed"
    for name in ("c", "pure"):
        doc = load_text(POSITIONS_YAML, backend=name)
        assert doc.positions.span(("items", 0, "text")) == Span(7, 11, 9, 15)


# -- robustness ----------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab:-[]{}#&*!|>'\"\\ \n\t,?%@`0123456789.eE+~") + ["\u202e", "\x00", "é"]),
    max_size=80,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_loader_never_raises(text):
    for name in BACKENDS:
        doc = load_text(text, "fuzz.yaml", backend=name)
        assert doc.ok or any(p.severity == "error" for p in doc.problems)
        if doc.ok:
            assert isinstance(doc.data, dict)
            doc.positions  # computing positions never raises either
