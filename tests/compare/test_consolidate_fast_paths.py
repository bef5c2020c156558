"""The consolidation's shortcuts give what the long way gives: the JSON text of
``json.dumps``, the numbers of a full build, the groups of the normal form."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termsheet.compare.consolidate import normal_form
from termsheet.compare.places import nodes_by_path
from termsheet.jobs.consolidate_inputs import Plan, _built
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.schema import Commitment
from termsheet.source.validate import validate_file
from termsheet.source.yaml_reader import paused_gc
from termsheet.writers.consolidate_json import _beyond_ascii, indented_json

ROOT = Path(__file__).resolve().parents[2]

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63) | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_indented_json_is_the_text_of_json_dumps(value):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2,
                                              allow_nan=False)


@given(st.text(st.characters(blacklist_categories=())))
def test_the_characters_beyond_ascii_are_found_in_any_text(text):
    assert _beyond_ascii(text) == {char for char in text if not char.isascii()}


def test_indented_json_takes_what_json_dumps_takes_and_refuses_what_it_refuses():
    value = {"t": (1, "a"), 2: None, 1.5: True, False: [], None: {}}
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
    for wrong in (float("nan"), [float("inf")], {"a": {1, 2}}, {(1,): 2}):
        with pytest.raises((ValueError, TypeError)):
            json.dumps(wrong, allow_nan=False)
        with pytest.raises((ValueError, TypeError)):
            indented_json(wrong)


@pytest.mark.parametrize("name", ["us-draft", "coalition-draft", "ukraine-position"])
def test_the_numbers_of_a_json_only_job_are_those_of_the_full_build(name):
    validation = validate_file(ROOT / "samples" / f"{name}.yaml")
    full = build_document(validation.sheet, templates=TemplateSet(None),
                          source_file=validation.path, positions=validation.document.positions)
    numbers = _built(validation, Plan(build=True, numbers_only=True))
    assert numbers and numbers == nodes_by_path(full)


def test_sets_of_text_are_equal_in_the_normal_form_in_any_order():
    item = {"id": "c", "summary": "s", "providers": ["us", "gb", "fr"],
            "source_refs": ["b\u00e9", "a\"", "be"]}
    shuffled = {**item, "providers": ["fr", "us", "gb"], "source_refs": ["be", "a\"", "b\u00e9"]}
    assert normal_form(Commitment, shuffled) == normal_form(Commitment, item)
    assert normal_form(Commitment, {**item, "providers": ["us", "gb"]}) != \
        normal_form(Commitment, item)


def test_the_garbage_collector_runs_again_after_a_pause_as_it_ran_before():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError
    assert gc.isenabled()
