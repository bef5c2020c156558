"""Messages: whole hints from field descriptions, "did you mean" only for what was meant,
and format versions named with what to do about them."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from conftest import ROOT
from termsheet.schema import SCHEMA_VERSION, TermSheet
from termsheet.schema.suggest import SYNONYMS, distance, suggest
from termsheet.source.model_errors import OTHER_EXPLAINED_IN, first_sentence
from termsheet.source.validate import validate_text

US_TEXT = (ROOT / "samples" / "us-draft.yaml").read_text(encoding="utf-8")


def errors_after(old: str, new: str) -> list:
    assert old in US_TEXT, old
    result = validate_text(US_TEXT.replace(old, new, 1), "t.yaml")
    return result.errors


def all_models() -> list[type[BaseModel]]:
    """Every input model reachable from the root."""
    found: list[type[BaseModel]] = []

    def visit(tp) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in found:
                return
            found.append(tp)
            for info in tp.model_fields.values():
                visit(info.annotation)
        for arg in typing.get_args(tp):
            visit(arg)

    visit(TermSheet)
    return found


ALL_FIELDS = [(model, name, info) for model in all_models()
              for name, info in model.model_fields.items()]


# ------------------------------------------------------------------ hints

def test_every_field_has_a_description():
    assert len(ALL_FIELDS) > 150
    assert [f"{m.__name__}.{n}" for m, n, info in ALL_FIELDS if not info.description] == []


@pytest.mark.parametrize("model, name, info", ALL_FIELDS,
                         ids=[f"{m.__name__}.{n}" for m, n, _ in ALL_FIELDS])
def test_hint_from_a_description_is_never_cut_short(model, name, info):
    hint = first_sentence(info.description)
    assert hint and not hint.endswith((".", ",", ":", ";"))
    assert not re.search(r"\b(e\.g|i\.e|etc|cf|vs)\.?$", hint), hint
    for opening, closing in ("()", "[]", "{}"):
        assert hint.count(opening) == hint.count(closing), hint
    assert hint.count("`") % 2 == 0 and hint.count('"') % 2 == 0, hint


@pytest.mark.parametrize("text, first", [
    ("Stable id, e.g. `rel-bsa-2024`.", "Stable id, e.g. `rel-bsa-2024`"),
    ("Level, e.g. `OFFICIAL`. Illustrative files must not be classified.", "Level, e.g. `OFFICIAL`"),
    ("What it is: title, version.", "What it is: title, version"),
    ('The event, e.g. "Ukraine\'s accession to NATO".', 'The event, e.g. "Ukraine\'s accession to NATO"'),
    ("Qualifiers (fewer = stronger. See below) apply. More.", "Qualifiers (fewer = stronger. See below) apply"),
    ("A version such as `1.0.2`, i.e. quoted", "A version such as `1.0.2`, i.e. quoted"),
])
def test_first_sentence(text, first):
    assert first_sentence(text) == first


def test_missing_id_hint_is_whole():
    [d] = errors_after("    - id: trg-ceasefire-violation\n      kind:", "    - kind:")
    assert d.code == "missing" and d.field == "enforcement.triggers[0].id"
    assert d.hint == "add `id:` to enforcement.triggers[0] (Stable id, e.g. `trg-major-attack`)"


# ------------------------------------------------------------------ did you mean

RELATIONS = ["complements", "coordinates_with", "in_addition_to", "implements", "supersedes",
             "subordinate_to", "merges_into"]


def test_a_shared_suffix_is_not_a_suggestion():
    assert suggest("bridge_to", RELATIONS) is None
    [d] = errors_after("relation: complements", "relation: bridge_to")
    assert d.code == "literal_error" and "Allowed: complements, coordinates_with" in d.message
    assert "subordinate_to" not in d.hint and "did you mean" not in d.hint
    assert d.hint == ("no allowed value is a close spelling of 'bridge_to'; "
                      "choose the value that fits and explain any nuance in `notes`")


def test_a_typo_still_gets_its_word():
    [d] = errors_after("role: backstop", "role: bakstop")
    assert d.hint == "did you mean 'backstop'?"


@pytest.mark.parametrize("written, meant", [
    ("leader", "lead"), ("Co-Lead", "co_lead"), ("co lead", "co_lead"), ("LEAD", "lead"),
    ("contributer", "contributor"), ("obsrever", "observer"),
])
def test_synonyms_spellings_and_swapped_letters(written, meant):
    assert suggest(written, ["lead", "co_lead", "backstop", "contributor", "observer"]) == meant


@pytest.mark.parametrize("written, candidates", [
    ("ux", ["ua", "us"]),            # too short to guess
    ("abc", ["abd", "abe"]),         # two equally close: no guess
    ("leader", ["co_lead"]),         # a synonym only where its value is allowed
    ("binding", ["non_binding", "politically_binding"]),
])
def test_no_guess(written, candidates):
    assert suggest(written, candidates) is None


def test_distance_counts_a_swap_as_one_edit():
    assert distance("bakstop", "backstop") == 1
    assert distance("obsrever", "observer") == 1
    assert distance("bridge_to", "subordinate_to") > 2


def test_synonyms_point_at_vocabulary_values():
    from termsheet.schema import vocab

    values = set()
    for name in dir(vocab):
        values.update(str(v) for v in typing.get_args(getattr(vocab, name)))
    assert {value for value in SYNONYMS.values() if value not in values} == set()


def test_without_a_close_value_the_hint_points_at_other_and_its_field():
    [d] = errors_after("kind: armed_response", "kind: security_pact")
    assert d.hint == ("no allowed value is a close spelling of 'security_pact'; "
                      "if none of them fits, write `other` and say what it is in `summary`")


def test_every_vocabulary_with_other_says_where_to_explain_it():
    with_other = set()
    for model, name, info in ALL_FIELDS:
        values = [v for tp in [info.annotation, *typing.get_args(info.annotation)]
                  for v in typing.get_args(tp) if typing.get_origin(tp) is typing.Literal]
        if "other" in values:
            with_other.add(model)
    assert with_other == set(OTHER_EXPLAINED_IN)
    for model, field in OTHER_EXPLAINED_IN.items():
        assert field in model.model_fields


def test_misspelt_key():
    [d] = errors_after("    roles:", "    rolse:")
    assert d.hint == "did you mean 'roles'?"


# ------------------------------------------------------------------ format versions

VERSION_LINE = US_TEXT[:US_TEXT.index("schema_version:")].count("\n") + 1


def version_error(written: str):
    [d] = errors_after(f'schema_version: "{SCHEMA_VERSION}"', f"schema_version: {written}")
    assert (d.code, d.field, d.span.line) == ("schema-version", "schema_version", VERSION_LINE)
    return d


def test_older_version_names_the_supported_ones_and_how_to_move():
    d = version_error('"0.9"')
    assert d.message == "schema_version '0.9' is not supported; this termsheet reads 1.0"
    assert "docs/versions.md" in d.hint and 'set schema_version: "1.0"' in d.hint


def test_newer_version_says_to_upgrade_termsheet():
    d = version_error('"2.0"')
    assert d.message == "schema_version '2.0' is newer than this termsheet knows; this termsheet reads 1.0"
    assert d.hint.startswith("upgrade termsheet")


def test_unquoted_older_version_and_a_word():
    assert version_error("0.9").message.startswith("schema_version '0.9' is not supported")
    assert "is not a format version" in version_error('"latest"').message


def test_the_supported_versions_come_from_one_constant(monkeypatch):
    import termsheet.source.validate as validate

    monkeypatch.setattr(validate, "SCHEMA_VERSIONS", ("1.0", "1.1", "1.2"))
    monkeypatch.setattr(validate, "SCHEMA_VERSION", "1.2")
    assert version_error('"0.9"').message.endswith("this termsheet reads 1.0, 1.1 and 1.2")


def test_unquoted_current_version_still_gets_the_quotes_hint():
    errors = errors_after(f'schema_version: "{SCHEMA_VERSION}"', f"schema_version: {SCHEMA_VERSION}")
    assert [(d.code, d.hint) for d in errors] == [("literal_error", f'put it in quotes: "{SCHEMA_VERSION}"')]
