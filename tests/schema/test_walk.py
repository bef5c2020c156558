"""The one walker over the input model: fields, annotations, paths and nodes."""

from __future__ import annotations

from termsheet.schema import Commitment, Guarantor, TermSheet
from termsheet.schema.walk import field_at, fields, fields_by_key, is_model, model_in, types_at, walk

from samplefixtures import sample


def test_fields_keep_declaration_order_and_yaml_keys():
    specs = fields(TermSheet)
    assert [spec.name for spec in specs] == list(TermSheet.model_fields)
    assert set(fields_by_key(TermSheet)) == {spec.key for spec in specs}


def test_a_list_of_objects_names_its_item_model():
    spec = fields_by_key(TermSheet)["commitments"]
    assert spec.many and spec.model is Commitment and not spec.mapping


def test_a_list_of_plain_values_has_no_model():
    plain = [spec for spec in fields(Guarantor) if spec.many and spec.model is None]
    assert plain, "Guarantor has a list of plain values (codes or ids)"


def test_model_in_looks_through_optional_and_tuples():
    assert model_in(Commitment | None) is Commitment
    assert model_in(tuple[Commitment, ...]) is Commitment
    assert model_in(str | None) is None
    assert is_model(Commitment) and not is_model(str)


def test_a_path_leads_to_the_field_that_holds_it():
    assert field_at(TermSheet, ("commitments", 0, "id")).name == "id"
    assert Commitment in types_at(TermSheet, ("commitments", 0))
    assert field_at(TermSheet, ("no_such_key",)) is None


def test_walk_visits_every_commitment_at_its_path():
    sheet = sample("us-draft").sheet
    locs = [loc for loc, node in walk(sheet) if isinstance(node, Commitment)]
    assert locs == [("commitments", index) for index in range(len(sheet.commitments))]
    assert next(iter(walk(sheet))) == ((), sheet)
