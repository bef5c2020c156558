"""Diagnostics located in the term file: pydantic's errors and lint findings, at file:line:column."""

from __future__ import annotations

from termsheet.source.diagnostics import Diagnostic, Finding, Span, format_field
from termsheet.source.validate import validate_text


def test_format_field():
    assert format_field(("guarantors", 1, "role")) == "guarantors[1].role"
    assert format_field(("a", 0, 2, "b")) == "a[0][2].b"
    assert format_field(()) == ""


def test_finding_contract():
    f = Finding("E-ID-DUP", "error", "dup", ("parties", 1, "id"))
    assert f.hint is None and f.key is False


BASE = """\
schema_version: "1.0"
metadata:
  doc_id: case
  title: "A term sheet"
  document_type: term_sheet
  version: "0.1.0"
  date: 2026-01-15
  drafting_party: us
  status: working_draft
parties:
  - {id: ua, name: Ukraine, kind: state}
  - {id: us, name: United States of America, kind: state}
beneficiary: ua
guarantors:
  - party: us
    roles:
      - {domain: monitoring, role: lead}
"""


def errors_of(text: str) -> list[Diagnostic]:
    result = validate_text(text, "t.yaml")
    return [d for d in result.diagnostics if d.severity == "error"]


def test_base_is_valid():
    result = validate_text(BASE, "t.yaml")
    assert result.ok and result.sheet is not None, result.diagnostics


def test_literal_error_lists_allowed_values_and_suggests():
    [d] = errors_of(BASE.replace("role: lead", "role: bakstop"))
    assert d.code == "literal_error"
    assert d.field == "guarantors[0].roles[0].role"
    assert d.span == Span(17, 36, 17, 43)
    assert d.message.startswith("'bakstop' is not an allowed role. Allowed: lead, co_lead, backstop")
    assert d.hint == "did you mean 'backstop'?"


def test_extra_key_points_at_the_key_with_did_you_mean():
    [d] = errors_of(BASE.replace("    roles:", "    rolse:"))
    assert (d.code, d.field) == ("extra_forbidden", "guarantors[0].rolse")
    assert d.span == Span(16, 5, 16, 10)
    assert d.hint == "did you mean 'roles'?"


def test_extra_key_without_close_match_lists_allowed_keys():
    [d] = errors_of(BASE + "zzz: 1\n")
    assert d.code == "extra_forbidden"
    assert "allowed keys here:" in d.hint and "metadata" in d.hint


def test_missing_key_points_at_parent_and_names_key():
    [d] = errors_of(BASE.replace("  document_type: term_sheet\n", ""))
    assert d.code == "missing"
    assert d.field == "metadata.document_type"
    assert d.span == Span(2, 1, 2, 9)  # the `metadata:` key
    assert "'document_type'" in d.message
    assert d.hint.startswith("add `document_type:` to metadata")


def test_missing_key_in_list_item_points_at_the_item():
    [d] = errors_of(BASE.replace("  - {id: us, name: United States of America, kind: state}",
                                 "  - {id: us, kind: state}"))
    assert (d.code, d.field) == ("missing", "parties[1].name")
    assert d.span.line == 12


def test_misspelt_required_key_is_one_diagnostic():
    [d] = errors_of(BASE.replace("  status:", "  staus:"))
    assert d.code == "extra_forbidden"
    assert "did you mean 'status'?" in d.hint


def test_unquoted_version_suggests_quotes():
    [d] = errors_of(BASE.replace('version: "0.1.0"', "version: 1.10"))
    assert d.code == "string_type"
    assert d.message == "expected text, got the number 1.1"
    assert d.hint == 'put it in quotes to keep it as text: "1.10"'


def test_quoted_number_suggests_removing_quotes_and_union_errors_merge():
    text = BASE + "force_limits:\n  - {id: cap-ua, party: ua, cap: \"800000\"}\n"
    [d] = errors_of(text)
    assert d.message == "expected a number, got the text '800000'"
    assert d.hint == "remove the quotes: 800000"


def test_yes_is_not_a_boolean():
    [d] = errors_of(BASE.replace("  status: working_draft", "  status: working_draft\n  illustrative: yes"))
    assert d.code == "bool_type"
    assert "'yes'" in d.message


def test_container_errors_point_at_the_key():
    text = BASE + "force_limits:\n" + "".join(
        f"  - {{id: cap-{i}, party: ua, cap: {i}}}\n" for i in range(21))
    [d] = errors_of(text)
    assert d.code == "too_long"
    assert d.span == Span(18, 1, 18, 13)


def test_schema_version_number_suggests_quotes():
    [d] = errors_of(BASE.replace('schema_version: "1.0"', "schema_version: 1.0"))
    assert d.code == "literal_error"
    assert d.hint == 'put it in quotes: "1.0"'


def test_empty_value_asks_to_fill_it_in():
    [d] = errors_of(BASE.replace('title: "A term sheet"', "title:"))
    assert d.code == "string_type"
    assert "null" in d.message and "fill in" in d.hint


def test_every_error_is_reported_at_once_sorted_by_position():
    text = (BASE.replace("role: lead", "role: bakstop")
            .replace("  status:", "  staus:")
            .replace('version: "0.1.0"', "version: 2"))
    ds = errors_of(text)
    assert [d.code for d in ds] == ["string_type", "extra_forbidden", "literal_error"]
    assert [d.span.line for d in ds] == sorted(d.span.line for d in ds)


def test_lint_findings_are_located():
    text = BASE.replace("beneficiary: ua", "beneficiary: uk")
    ds = validate_text(text, "t.yaml").diagnostics
    refs = [d for d in ds if d.code == "E-REF-PARTY"]
    assert refs and refs[0].span == Span(13, 14, 13, 16)
    assert refs[0].field == "beneficiary"


def test_validation_result_has_no_sheet_when_there_are_errors():
    result = validate_text(BASE.replace("role: lead", "role: x"), "t.yaml")
    assert result.sheet is None and not result.ok
    assert result.source is not None and result.document is not None


def test_blank_text_is_refused_at_the_field():
    """docs/threats.md, case 50: a title, a name or any text of spaces only is an error there."""
    text = (BASE.replace('title: "A term sheet"', 'title: "   "')
            .replace("name: Ukraine", 'name: " "')
            + 'commitments:\n  - id: cmt-a\n    title: " \\t\\n "\n    summary: x\n')
    blank = [(d.field, d.span.line, d.span.column) for d in errors_of(text) if "blank" in d.message]
    assert ("metadata.title", 4, 10) in blank
    assert ("parties[0].name", 11, 20) in blank
    assert any(field == "commitments[0].title" for field, _, _ in blank)
