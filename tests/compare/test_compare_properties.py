"""Property tests of the comparison on generated pairs (mutated sample data).

- ``diff(a, a)`` is empty;
- ``diff(b, a)`` mirrors ``diff(a, b)`` (added ↔ removed, old ↔ new,
  strengthened ↔ weakened, settled ↔ reopened, each reason present both ways);
- applying the JSON change list of ``diff(a, b)`` to ``a``'s data gives ``b``'s
  data, modulo the exceptions documented in :mod:`termsheet.compare.patch`;
- the JSON is deterministic and parses.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from termsheet.compare import MIRROR, apply_changes, compare, patch_normal_form
from termsheet.compare.align import COLLECTIONS
from termsheet.compare.fields import model_fields
from termsheet.compare.patch import PatchError
from termsheet.schema import TermSheet
from termsheet.writers.diff_json import write_diff_json

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_NAMES = tuple(sorted(path.name for path in (ROOT / "samples").glob("*.yaml")))
"""Every bundled sample: each one is a required input of these tests."""


@functools.cache
def sample(name: str) -> TermSheet:
    """A bundled sample, validated as the CLI validates it; one that stops validating fails."""
    from termsheet.source.validate import validate_file

    result = validate_file(str(ROOT / "samples" / name))
    assert result.sheet is not None, (
        f"samples/{name} does not validate: {[d.message for d in result.errors]}")
    return result.sheet

LISTS = [c for c in COLLECTIONS if not c.singleton]
SETTINGS = settings(
    max_examples=int(os.environ.get("TERMSHEET_HYPOTHESIS_EXAMPLES", "60")),  # more: set it
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# ---------------------------------------------------------------- data helpers

def _get(data, path):
    for part in path:
        if data is None:
            return None
        data = data.get(part)
    return data


def _literal_values(model, name):
    annotation = model.model_fields[name].annotation
    for _ in range(3):
        if typing.get_origin(annotation) is typing.Literal:
            return typing.get_args(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return ()
        annotation = args[0]
    return ()


def _set_item_values(model, name):
    annotation = model.model_fields[name].annotation
    args = typing.get_args(annotation)
    if args and typing.get_origin(args[0]) is typing.Literal:
        return typing.get_args(args[0])
    return ()


def _non_empty(data):
    return [c for c in LISTS if _get(data, c.container)]


# ----------------------------------------------------------------- mutations

def _enum(draw, data):
    collection = draw(st.sampled_from(_non_empty(data)))
    items = _get(data, collection.container)
    item = items[draw(st.integers(0, len(items) - 1))]
    names = [s.name for s in model_fields(collection.model)
             if s.kind == "scalar" and len(_literal_values(collection.model, s.name)) > 1]
    if not names:
        return
    name = draw(st.sampled_from(names))
    item[name] = draw(st.sampled_from(_literal_values(collection.model, name)))


def _text(draw, data):
    collection = draw(st.sampled_from(_non_empty(data)))
    items = _get(data, collection.container)
    item = items[draw(st.integers(0, len(items) - 1))]
    names = [s.name for s in model_fields(collection.model)
             if s.kind == "text" and isinstance(item.get(s.name), str)]
    if not names:
        return
    name = draw(st.sampled_from(names))
    words = item[name].split(" ")
    at = draw(st.integers(0, len(words)))
    how = draw(st.sampled_from(["insert", "delete", "replace", "nbsp", "number"]))
    if how == "insert":
        words.insert(at, draw(st.sampled_from(["promptly", "all", "Special Commission", "€5bn"])))
    elif how == "delete" and len(words) > 1:
        del words[min(at, len(words) - 1)]
    elif how == "replace":
        words[min(at, len(words) - 1)] = draw(st.sampled_from(["shall", "may", "48 hours"]))
    elif how == "number":
        words.insert(at, draw(st.sampled_from(["24 hours", "800,000", "72h"])))
    item[name] = " ".join(words)
    if how == "nbsp" and " " in item[name]:
        item[name] = item[name].replace(" ", "\u00a0", 1)


def _set(draw, data):
    collection = draw(st.sampled_from(_non_empty(data)))
    items = _get(data, collection.container)
    item = items[draw(st.integers(0, len(items) - 1))]
    names = [s.name for s in model_fields(collection.model) if s.kind == "set"]
    if not names:
        return
    name = draw(st.sampled_from(names))
    values = list(item.get(name) or [])
    how = draw(st.sampled_from(["add", "remove", "shuffle"]))
    if how == "add":
        choices = _set_item_values(collection.model, name)
        new = draw(st.sampled_from(choices)) if choices else draw(st.sampled_from(
            ["us", "ua", "cow", "zz-added", "src-new"]))
        if name in ("term_alternatives",):
            new = "P20Y"
        if name in ("places", "exclusions", "conditions", "handling"):
            new = "Somewhere new"
        values.append(new)
    elif how == "remove" and values:
        values.pop(draw(st.integers(0, len(values) - 1)))
    else:
        values = draw(st.permutations(values))
    item[name] = list(values)


def _drop(draw, data):
    collection = draw(st.sampled_from(_non_empty(data)))
    items = _get(data, collection.container)
    items.pop(draw(st.integers(0, len(items) - 1)))


def _add(draw, data):
    choices = [c for c in _non_empty(data) if c.key == ("id",)]
    collection = draw(st.sampled_from(choices))
    items = _get(data, collection.container)
    item = copy.deepcopy(items[draw(st.integers(0, len(items) - 1))])
    item["id"] = f"{item['id'][:40]}-new{draw(st.integers(0, 99))}"
    for name in ("summary", "description", "name", "title"):
        if isinstance(item.get(name), str) and draw(st.booleans()):
            item[name] = "A brand new provision on an unrelated matter entirely"
    items.insert(draw(st.integers(0, len(items))), item)


def _move(draw, data):
    collection = draw(st.sampled_from(_non_empty(data)))
    items = _get(data, collection.container)
    item = items.pop(draw(st.integers(0, len(items) - 1)))
    items.insert(draw(st.integers(0, len(items))), item)


def _rename(draw, data):
    choices = [c for c in _non_empty(data) if c.key == ("id",)]
    collection = draw(st.sampled_from(choices))
    items = _get(data, collection.container)
    item = items[draw(st.integers(0, len(items) - 1))]
    item["id"] = item["id"][:40] + "-renamed"


def _nested(draw, data):
    guarantors = data.get("guarantors") or []
    issues = data.get("open_issues") or []
    how = draw(st.sampled_from(["caveat", "role", "position", "add-role"]))
    if how in ("caveat", "role", "add-role") and guarantors:
        guarantor = guarantors[draw(st.integers(0, len(guarantors) - 1))]
        if how == "add-role":
            guarantor["roles"].append({"domain": draw(st.sampled_from(["maritime", "land", "air"])),
                                       "role": "observer"})
        else:
            key = "caveats" if how == "caveat" else "roles"
            if guarantor[key]:
                guarantor[key].pop(draw(st.integers(0, len(guarantor[key]) - 1)))
    elif issues:
        issue = issues[draw(st.integers(0, len(issues) - 1))]
        if issue["positions"] and draw(st.booleans()):
            issue["positions"][0]["stance"] = draw(st.sampled_from(["supports", "opposes"]))
        elif issue["positions"]:
            issue["positions"].pop()


def _deadline(draw, data):
    responses = _get(data, ("enforcement", "responses")) or []
    if not responses:
        return
    step = responses[draw(st.integers(0, len(responses) - 1))]
    if step.get("deadline") and draw(st.booleans()):
        step["deadline"], step["deadline_anchor"], step["deadline_strictness"] = None, None, "none"
    else:
        step["deadline"] = draw(st.sampled_from(["PT24H", "PT48H", "P3D"]))
        step["deadline_anchor"] = "from_request"
        step["deadline_strictness"] = draw(st.sampled_from(["hard", "where_possible"]))


def _singleton(draw, data):
    how = draw(st.sampled_from(["duration", "scope", "term", "strength", "beneficiary"]))
    if how in ("duration", "scope"):
        data[how] = None
    elif how == "term" and data.get("duration"):
        data["duration"]["term"] = draw(st.sampled_from(["P5Y", "P20Y", None]))
    elif how == "strength" and data.get("forces"):
        data["forces"]["total_strength"] = {"min": 1000, "max": 5000, "unit": "personnel"}
    elif how == "beneficiary":
        data["counterparties"] = list(reversed(data.get("counterparties") or [])) + ["zz"]


MUTATIONS = [_enum, _text, _set, _drop, _add, _move, _rename, _nested, _deadline, _singleton]


@st.composite
def sheet_pairs(draw):
    """(old, new): a sample and a mutated copy (1–5 mutations), in either order."""
    base = sample(draw(st.sampled_from(SAMPLE_NAMES)))
    data = base.model_dump(mode="json")
    for _ in range(draw(st.integers(1, 5))):
        mutation = draw(st.sampled_from(MUTATIONS))
        if mutation in (_enum, _text, _set, _drop, _move) and not _non_empty(data):
            continue
        if mutation in (_add, _rename) and not [c for c in _non_empty(data) if c.key == ("id",)]:
            continue
        mutation(draw, data)
    try:
        mutated = TermSheet.model_validate(data)
    except ValidationError:
        assume(False)
    return (mutated, base) if draw(st.booleans()) else (base, mutated)


# -------------------------------------------------------------------- properties

@SETTINGS
@given(sheet_pairs())
def test_a_sheet_against_itself_is_empty(pair):
    for sheet in pair:
        comparison = compare(sheet, sheet)
        assert comparison.is_empty()
        assert json.loads(write_diff_json(comparison))["changes"] == []


@SETTINGS
@given(sheet_pairs())
def test_patch_reproduces_new(pair):
    old, new = pair
    diff = write_diff_json(compare(old, new))
    patched = apply_changes(old.model_dump(mode="json"), diff)
    assert patch_normal_form(patched) == patch_normal_form(new)


@SETTINGS
@given(sheet_pairs())
def test_reverse_comparison_is_the_mirror(pair):
    a, b = pair
    assert_mirror(compare(a, b), compare(b, a))


@SETTINGS
@given(sheet_pairs())
def test_json_is_deterministic(pair):
    a, b = pair
    first, second = write_diff_json(compare(a, b)), write_diff_json(compare(a, b))
    assert first == second
    data = json.loads(first)
    assert data["version"] == 2 and data["summary"]["changes"] == len(data["changes"])


KIND_MIRROR = {"added": "removed", "removed": "added", "modified": "modified",
               "moved": "moved", "moved_and_modified": "moved_and_modified"}
OP_MIRROR = {"add": "remove", "remove": "add", "replace": "replace", "set": "set"}


def _item_key(change):
    return change.collection, frozenset(k for k in (change.old_id, change.new_id) if k)


def assert_mirror(forward, backward):
    """``backward`` (b → a) says the same as ``forward`` (a → b), read the other way round."""
    back = {_item_key(change): change for change in backward.changes}
    assert len(back) == len(backward.changes) == len(forward.changes)
    for change in forward.changes:
        other = back[_item_key(change)]
        assert other.kind == KIND_MIRROR[change.kind], change.id
        assert (other.old_id, other.new_id) == (change.new_id, change.old_id)
        assert (other.old_index, other.new_index) == (change.new_index, change.old_index)
        assert other.direction == MIRROR[change.direction], change.id
        assert other.status == (MIRROR[change.status] if change.status else None), change.id
        assert bool(other.reasons) == bool(change.reasons), change.id
        assert (other.old_place, other.new_place) == (change.new_place, change.old_place)
        assert other.paired_by == change.paired_by and other.similarity == change.similarity
        assert other.old_value == change.new_value and other.new_value == change.old_value
        fields = {f.field: f for f in other.fields}
        assert len(fields) == len(other.fields) == len(change.fields), change.id
        for item in change.fields:
            mirrored = fields[item.field]
            assert mirrored.op == OP_MIRROR[item.op], item.path
            assert (mirrored.old, mirrored.new) == (item.new, item.old), item.path
            assert (mirrored.added, mirrored.removed) == (item.removed, item.added), item.path
            assert mirrored.direction == MIRROR[item.direction], item.path
            assert mirrored.looks_identical == item.looks_identical
            assert sorted((i.side, i.what, i.count) for i in mirrored.invisible) == sorted(
                ({"old": "new", "new": "old"}[i.side], i.what, i.count) for i in item.invisible)
    for side in ("by_kind", "by_direction"):
        forward_counts = getattr(forward, f"counts_{side}")
        backward_counts = getattr(backward, f"counts_{side}")
        mirror = KIND_MIRROR if side == "by_kind" else MIRROR
        assert {mirror[k]: v for k, v in forward_counts.items()} == backward_counts


def test_samples_mirror_and_patch():
    """The same properties on the real sample pairs (no mutation)."""
    assert len(SAMPLE_NAMES) >= 2, "the samples folder lost its term files"
    for first in SAMPLE_NAMES:
        for second in SAMPLE_NAMES:
            a, b = sample(first), sample(second)
            forward = compare(a, b)
            assert_mirror(forward, compare(b, a))
            patched = apply_changes(a.model_dump(mode="json"), write_diff_json(forward))
            assert patch_normal_form(patched) == patch_normal_form(b)


def test_patch_applies_to_the_loaded_yaml_data_too():
    """OLD's data as loaded from YAML (defaults omitted) patches to NEW as well."""
    from termsheet.source.validate import validate_file

    loaded = validate_file(str(ROOT / "samples" / "us-draft.yaml")).document.data
    raw = json.loads(json.dumps(loaded, default=str))
    diff = write_diff_json(compare(sample("us-draft.yaml"), sample("coalition-draft.yaml")))
    patched = apply_changes(raw, diff)
    assert patch_normal_form(patched) == patch_normal_form(sample("coalition-draft.yaml"))


def test_patch_exact_when_new_has_no_ignored_differences():
    old = sample("us-draft.yaml")
    data = old.model_dump(mode="json")
    data["commitments"][0]["modality"] = "shall"
    data["commitments"].append(data["commitments"].pop(1))
    data["bodies"].pop()
    new = TermSheet.model_validate(data)
    patched = apply_changes(old.model_dump(mode="json"), write_diff_json(compare(old, new)))
    assert patched == new.model_dump(mode="json")


def test_patch_refuses_a_diff_for_other_data():
    diff = write_diff_json(compare(sample("us-draft.yaml"), sample("coalition-draft.yaml")))
    with pytest.raises(PatchError):
        apply_changes(sample("minimal.yaml").model_dump(mode="json"), diff)
