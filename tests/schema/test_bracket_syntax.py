"""The negotiation-bracket syntax: parts, offsets of each problem, and the printed form."""

from __future__ import annotations

import pytest

from termsheet.schema.brackets import Bracket, parse, printed


def test_plain_text_has_no_parts_to_parse():
    assert parse("No brackets [here].") == (("No brackets [here].",), ())


def test_alternatives_with_their_parties_and_offsets():
    text = "For [[us: 15 years | ua: 30 years]]."
    parts, problems = parse(text)
    assert problems == ()
    before, bracket, after = parts
    assert (before, after) == ("For ", ".")
    assert isinstance(bracket, Bracket) and text[bracket.start:bracket.end] == "[[us: 15 years | ua: 30 years]]"
    assert [(a.party, a.text, text[a.start:a.party_end]) for a in bracket.alternatives] == [
        ("us", "15 years", "us"), ("ua", "30 years", "ua")]


@pytest.mark.parametrize(("text", "where", "message"), [
    ("a [[b", "[[", "never closed"),
    ("a ]] b", "]]", "never opened"),
    ("[[a [[b]] c", "[[b", "do not nest"),
    ("[[]]", "[[]]", "empty"),
    ("[[a |]]", "|", "empty"),
    ("[[us: a | us: b]]", "us: b", "two alternatives"),
])
def test_each_problem_has_its_offsets(text, where, message):
    _, problems = parse(text)
    [problem] = [p for p in problems if message in p.message]
    assert text.rfind(where[:2]) <= problem.start < problem.end <= len(text)
    assert text[problem.start:problem.end] in where


@pytest.mark.parametrize(("text", "shown"), [
    ("[[us: 15 years | ua: 30 years]] years", "[US: 15 years] [UA: 30 years] years"),
    ("in [[peacetime]]", "in [peacetime]"),
    ("at http://example.org and 10:30 [[cow: now]]", "at http://example.org and 10:30 [COW: now]"),
    (None, None),
])
def test_printed_form(text, shown):
    assert printed(text) == shown
