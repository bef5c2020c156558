"""Negotiation brackets in texts: every problem of rule E-BRACKET is reported at its own
line and column inside the string, in plain, quoted and block scalars."""

from __future__ import annotations

import pytest

from conftest import ROOT
from termsheet.source.validate import validate_text

MINIMAL = (ROOT / "samples" / "minimal.yaml").read_text(encoding="utf-8")

SHEET = MINIMAL.replace("""parties:
""", """parties:
  - id: us
    name: United States of America
    kind: state
""") + """commitments:
  - id: cmt-army
    kind: force_level_support
    providers: [us]
    beneficiary: ua
    modality: will
    legal_character: politically_binding
    summary: SUMMARY
"""


def bracket_errors(summary: str, text: str = SHEET) -> tuple[str, list]:
    """The file with ``summary`` written as the commitment's summary, and its E-BRACKET errors."""
    source = text.replace("SUMMARY", summary)
    result = validate_text(source, "t.yaml")
    return source, [d for d in result.diagnostics if d.code == "E-BRACKET"]


def position_of(source: str, fragment: str, occurrence: int = 0,
                after: str = "summary:") -> tuple[int, int, int]:
    """Line, column and end column (1-based) of the ``occurrence``-th ``fragment`` (counted
    from 0) after the key ``after`` in the file."""
    index = source.index(after) - 1
    for _ in range(occurrence + 1):
        index = source.index(fragment, index + 1)
    line = source.count("\n", 0, index) + 1
    column = index - source.rfind("\n", 0, index)
    return line, column, column + len(fragment)


CASES = [
    pytest.param("Support [[at once]] and [[later", "[[", 1, "never closed", id="plain-unclosed"),
    pytest.param("Support at once]] and later", "]]", 0, "never opened", id="plain-stray-close"),
    pytest.param("'It''s [[a [[b]] c'", "[[", 1, "do not nest", id="single-quoted-nested"),
    pytest.param('"An \\"army\\" of [[us: 800,000 | zz: 600,000]]."', "zz", 0,
                 "party 'zz'", id="double-quoted-unknown-party"),
    pytest.param('"\\u00e9t\\u00e9 [[]] x"', "[[]]", 0, "empty", id="double-quoted-escapes-empty"),
    pytest.param("|\n      First line.\n        An army of [[us: 800,000 | us: 600,000]].",
                 "us", 1, "two alternatives", id="literal-block-same-party"),
    pytest.param(">\n      An army\n      of [[us: 800,000 |  ]] in peacetime.", "|  ", 0,
                 "empty", id="folded-block-empty-alternative"),
]


@pytest.mark.parametrize(("summary", "fragment", "occurrence", "message"), CASES)
def test_each_bracket_problem_is_located_inside_the_string(summary, fragment, occurrence, message):
    source, errors = bracket_errors(summary)
    assert len(errors) == 1, errors
    [error] = errors
    line, column, end_column = position_of(source, fragment, occurrence)
    assert (error.span.line, error.span.column, error.span.end_line, error.span.end_column) == \
        (line, column, line, end_column)
    assert message in error.message
    assert error.field == "commitments[0].summary"


def test_well_formed_brackets_are_valid():
    _, errors = bracket_errors("'An army of [[us: 800,000 | ua: 600,000]] in [[peacetime]].'")
    assert errors == []


def test_brackets_in_a_title_are_refused_where_they_are_written():
    source = SHEET.replace("SUMMARY", "An army.").replace(
        'title: "Minimal Term Sheet (Illustrative)"', 'title: "Minimal [[Term]] Sheet"')
    errors = [d for d in validate_text(source, "t.yaml").diagnostics if d.code == "E-BRACKET"]
    [error] = errors
    line, column, end_column = position_of(source, "[[", after="title:")
    assert (error.span.line, error.span.column, error.span.end_column) == (line, column, column + 2)
    assert "names or titles" in error.message


def test_a_proposed_term_names_a_declared_party():
    source = SHEET.replace("SUMMARY", "An army.") + """duration:
  term: P10Y
  term_alternatives:
    - {term: P15Y, proposed_by: zz}
"""
    errors = [d for d in validate_text(source, "t.yaml").diagnostics if d.code == "E-REF-PARTY"]
    assert [e.field for e in errors] == ["duration.term_alternatives[0].proposed_by"]
