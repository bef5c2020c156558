"""Comparison of two term sheets: alignment, field changes, directions, and the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsheet.compare import compare
from termsheet.compare.align import align, item_keys
from termsheet.compare.actors import Cast
from termsheet.compare.classify import Scene, combine, judge
from termsheet.compare.comparison import FieldChange
from termsheet.compare.fields import model_fields
from termsheet.compare.text import invisible_differences, looks_identical, word_diff
from termsheet.compare.tokens import tokenize
from termsheet.schema import Commitment, Location, TermSheet

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def load(name: str) -> TermSheet:
    """A sample, validated with the same loader and schema as the CLI uses (docs/threats.md, case 34)."""
    from termsheet.source.validate import validate_file

    result = validate_file(str(SAMPLES / name))
    assert result.sheet is not None, [d.message for d in result.errors]
    return result.sheet


@pytest.fixture(scope="module")
def us() -> TermSheet:
    return load("us-draft.yaml")


@pytest.fixture(scope="module")
def coalition() -> TermSheet:
    return load("coalition-draft.yaml")


@pytest.fixture(scope="module")
def us_to_coalition(us, coalition):
    return compare(us, coalition)


def with_data(sheet: TermSheet, edit) -> TermSheet:
    """A copy of ``sheet`` with ``edit(data)`` applied to its plain data."""
    data = sheet.model_dump(mode="json")
    edit(data)
    return TermSheet.model_validate(data)


def field(comparison, change_id, field_path):
    change = comparison.change(change_id)
    assert change is not None, f"no change {change_id}"
    matches = [f for f in change.fields if f.field == field_path]
    assert matches, f"{change_id} has no change of {field_path}: {[f.field for f in change.fields]}"
    return matches[0]


# ------------------------------------------------------------------------ tokens

@pytest.mark.parametrize("text, token", [
    ("consult within 24 hours to decide", "24 hours "),
    ("The EU's €90bn interest-free loan", "€90bn "),
    ("stay at 800,000 in peacetime", "800,000 "),
    ("The EU's €90bn interest-free loan", "interest-free "),
    ("Line of contact (~1,400 km) and", "~1,400 km"),
    ("covering 2026–27, already agreed", "2026–27"),
    ("decided by the Special Commission after", "Special Commission "),
    ("the Coalition of the Willing and", "Coalition of the Willing "),
    ("a US–Ukraine–Coalition coordination cell", "US–Ukraine–Coalition "),
])
def test_tokens_keep_units_terms_and_names_whole(text, token):
    assert token in tokenize(text)


@pytest.mark.parametrize("text", [
    "", "   ", "  leading and trailing  ", "If Russia attacks Ukraine again, the participants consult.",
    "line\nbreak\tand tab", "24\u00a0hours", "zero\u200bwidth", "Кирилиця — 50/50 «лапки»",
])
def test_tokens_join_back_to_the_text(text):
    assert "".join(tokenize(text)) == text


def test_sentence_start_is_not_part_of_a_name():
    assert tokenize("If Russia attacks")[:2] == ("If ", "Russia ")


def test_word_diff_replaces_a_number_with_its_unit_as_one_token():
    ops = [op for op in word_diff("respond within 24 hours of", "respond within 48 hours of")
           if op.op != "equal"]
    assert [(op.op, op.old_text, op.new_text) for op in ops] == [("replace", "24 hours ", "48 hours ")]


def test_word_diff_reconstructs_both_texts():
    old, new = "The US and Ukraine meet within 24 hours.", "The participants consult within 48 hours."
    ops = word_diff(old, new)
    assert "".join(op.old_text for op in ops) == old
    assert "".join(op.new_text for op in ops) == new


def test_no_break_space_is_a_visible_change():
    ops = word_diff("within 24 hours", "within 24\u00a0hours")
    assert any(op.op != "equal" for op in ops)
    flags = invisible_differences("within 24 hours", "within 24\u00a0hours")
    assert [(f.side, f.what) for f in flags] == [("new", "U+00A0 NO-BREAK SPACE")]
    assert looks_identical("within 24 hours", "within 24\u00a0hours")


def test_unicode_normalisation_difference_is_flagged():
    flags = invisible_differences("caf\u00e9", "cafe\u0301")
    assert ("new", "not NFC-normalized (decomposed characters)") in [(f.side, f.what) for f in flags]
    assert looks_identical("caf\u00e9", "cafe\u0301")


# ------------------------------------------------------------------- directions

CAST = Cast(
    names={"us": "United States", "cow": "Coalition", "fr": "France", "ru": "Russia",
           "ua": "Ukraine", "body-sc": "Special Commission", "body-veto": "Joint Commission"},
    beneficiary="ua", counterparties=frozenset({"ru"}), member_of={"fr": frozenset({"cow"})},
    bodies={"body-sc": (frozenset({"us", "ua"}), "majority"),
            "body-veto": (frozenset({"us", "ru"}), "consensus")},
)


TEXT_FIELDS = ("decision_authority", "title")


def verdict(model, name, old, new, item=None):
    """The verdict on one field change, in a cast with a beneficiary (ua), a counterparty (ru),
    a coalition France belongs to, and two bodies (one where Russia holds a veto)."""
    if isinstance(old, list) or isinstance(new, list):
        added = tuple(v for v in new if v not in old)
        removed = tuple(v for v in old if v not in new)
        change = FieldChange(path=f"/x/{name}", field=name, op="set", old=old, new=new,
                             direction="changed", model=model, added=added, removed=removed)
    else:
        text = () if name in TEXT_FIELDS else None
        change = FieldChange(path=f"/x/{name}", field=name, op="replace", old=old, new=new,
                             direction="changed", model=model, text=text)
    return judge(change, Scene(CAST, CAST, "the body", item, item))


@pytest.mark.parametrize("model, name, old, new, expected", [
    ("Commitment", "modality", "may", "will", "strengthened"),
    ("Commitment", "modality", "shall", "proposed", "weakened"),
    ("Commitment", "legal_character", "politically_binding", "legally_binding", "strengthened"),
    ("ResponseStep", "deadline", None, "PT72H", "strengthened"),
    ("ResponseStep", "deadline", "PT24H", None, "weakened"),
    ("ResponseStep", "deadline", "PT72H", "PT24H", "strengthened"),
    ("ResponseStep", "deadline", "P3D", "PT72H", "changed"),
    ("ResponseStep", "deadline_strictness", "none", "hard", "strengthened"),
    ("ResponseStep", "deadline_strictness", "hard", "immediately", "changed"),
    ("ResponseStep", "deadline_strictness", "hard", "where_possible", "weakened"),
    ("Trigger", "qualifiers", ["significant", "deliberate"], [], "strengthened"),
    ("Trigger", "qualifiers", ["deliberate"], ["deliberate", "sustained"], "weakened"),
    ("Trigger", "qualifiers", ["deliberate"], ["sustained"], "mixed"),
    ("Deployment", "status", "under_consideration", "proposed", "strengthened"),
    ("Deployment", "status", "pledged", "ruled_out", "weakened"),
    ("RatificationStep", "status", "pending", "complete", "strengthened"),
    ("DurationClause", "term", "P15Y", "P10Y", "weakened"),
    ("DurationClause", "term", "P10Y", "P15Y", "strengthened"),
    ("DurationClause", "term", None, "P10Y", "strengthened"),
    # who is bound
    ("Commitment", "providers", ["us"], ["us", "cow"], "strengthened"),
    ("Commitment", "providers", ["us", "cow"], ["cow"], "weakened"),
    ("Commitment", "providers", ["us"], ["fr", "cow"], "mixed"),
    ("Commitment", "providers", ["fr"], ["cow"], "strengthened"),
    ("Commitment", "providers", ["cow"], ["fr"], "weakened"),
    ("ResponseStep", "actors", ["us"], [], "weakened"),
    # who decides
    ("Trigger", "determined_by", "us", "body-sc", "strengthened"),
    ("Trigger", "determined_by", "body-sc", "body-veto", "weakened"),
    ("Trigger", "determined_by", "us", "ua", "strengthened"),
    ("Trigger", "determined_by", "us", "cow", "changed"),
    ("Trigger", "determined_by", "us", "ru", "weakened"),
    ("ResponseStep", "decision_authority", "The President of the United States",
     "A joint decision of the United States and Ukraine", "strengthened"),
    ("ResponseStep", "decision_authority", "The United States", "The Coalition", "wording"),
    ("Body", "members", ["us", "ru"], ["us"], "strengthened"),
    ("Body", "members", ["us"], ["us", "ru"], "weakened"),
    ("Body", "members", ["us", "ru"], ["us", "cow"], "strengthened"),
    ("Body", "members", ["us", "ua"], ["us"], "weakened"),
    # where, when, how
    ("Location", "kind", "neighbouring_nato_territory", "ukraine_rear_area", "strengthened"),
    ("Location", "kind", "ukraine_rear_area", "tbd", "weakened"),
    ("Timing", "anchor", "peace_agreement_in_force", "ceasefire_in_force", "strengthened"),
    ("Trigger", "automatic", False, True, "strengthened"),
    ("Quantity", "qualifier", "exact", "maximum", "weakened"),
    ("Strength", "max", 30000, 15000, "weakened"),
    ("Guarantor", "tier", "broader", "core", "strengthened"),
    ("TerritorialScope", "exclusions", [], ["Crimea"], "weakened"),
    ("TerritorialProvision", "arrangement", "de_facto_recognition", "non_recognition",
     "strengthened"),
    ("EngagementStep", "russia_signatory", False, True, "weakened"),
    # no order
    ("Deployment", "force_type", "land", "air", "changed"),
    ("Source", "title", "A", "B", "wording"),
    ("Deployment", "command", "cmd-a", "cmd-b", "changed"),
])
def test_field_directions(model, name, old, new, expected):
    found = verdict(model, name, old, new)
    assert found.direction == expected
    if expected in ("strengthened", "weakened", "mixed"):
        assert found.reason, "every direction carries its reason"


@pytest.mark.parametrize("old_rule, new_rule, members, expected", [
    ("consensus", "majority", ["us", "ru"], "strengthened"),
    ("majority", "consensus", ["us", "ru"], "weakened"),
    ("not_specified", "consensus", ["us", "ru"], "weakened"),
    ("majority", "consensus", ["us", "ua"], "weakened"),
    ("not_specified", "majority", ["us", "ua"], "changed"),
])
def test_decision_rule_knows_the_veto(old_rule, new_rule, members, expected):
    cast = Cast(names=CAST.names, beneficiary="ua", counterparties=frozenset({"ru"}),
                bodies={"body-x": (frozenset(members), new_rule)})
    old_cast = Cast(names=CAST.names, beneficiary="ua", counterparties=frozenset({"ru"}),
                    bodies={"body-x": (frozenset(members), old_rule)})
    change = FieldChange(path="/bodies/body-x/decision_rule", field="decision_rule", op="replace",
                         old=old_rule, new=new_rule, direction="changed", model="Body")
    item = {"id": "body-x", "members": members}
    assert judge(change, Scene(old_cast, cast, "the body", item, item)).direction == expected


def test_field_directions_mirror():
    """Reading a field change the other way round gives the opposite direction."""
    from termsheet.compare import MIRROR

    cases = [("Commitment", "providers", ["us"], ["fr", "cow"]),
             ("Commitment", "providers", ["fr"], ["cow"]),
             ("Trigger", "determined_by", "us", "body-sc"),
             ("Body", "members", ["us", "ru"], ["us", "cow"]),
             ("Location", "kind", "tbd", "ukraine_rear_area")]
    for model, name, old, new in cases:
        forward, backward = verdict(model, name, old, new), verdict(model, name, new, old)
        assert backward.direction == MIRROR[forward.direction], (model, name)


@pytest.mark.parametrize("directions, expected", [
    (["strengthened", "changed"], "strengthened"),
    (["weakened", "weakened"], "weakened"),
    (["strengthened", "weakened"], "mixed"),
    (["strengthened", "wording"], "strengthened"),
    (["wording", "changed"], "wording"),
    (["mixed", "strengthened"], "mixed"),
    (["changed"], "changed"),
    ([], "changed"),
])
def test_item_direction(directions, expected):
    assert combine(directions) == expected


# --------------------------------------------------------------------- alignment

def test_repeated_keys_are_told_apart_by_occurrence():
    assert item_keys([{"id": "a"}, {"id": "b"}, {"id": "a"}], ("id",)) == ["a", "b", "a#2"]
    assert item_keys([{"party": "us", "instrument": "referendum"}], ("party", "instrument")) == [
        "us:referendum"]


def test_one_insertion_does_not_move_what_follows():
    old = [{"id": x} for x in "abcdef"]
    new = [{"id": "z"}] + old
    assert not any(p.moved for p in align(old, new, ("id",)))


def test_a_moved_item_is_the_only_one_marked():
    old = [{"id": x} for x in "abcdef"]
    new = [{"id": x} for x in "bcdeaf"]
    assert [p.new_key for p in align(old, new, ("id",)) if p.moved] == ["a"]


def test_removed_items_keep_their_place_in_document_order():
    old = [{"id": x} for x in "abcd"]
    new = [{"id": x} for x in "abd"]
    assert [p.old_key or p.new_key for p in align(old, new, ("id",))] == ["a", "b", "c", "d"]


def _signature(item):
    return tuple(item["text"].split())


def test_a_renamed_item_pairs_by_similarity_in_its_place():
    old = [{"id": "a", "text": "x"}, {"id": "old-name", "text": "meet within 24 hours of a request"},
           {"id": "b", "text": "y"}]
    new = [{"id": "a", "text": "x"}, {"id": "new-name", "text": "meet within 48 hours of a request"},
           {"id": "b", "text": "y"}]
    pairs = align(old, new, ("id",), signature=_signature)
    assert [(p.old_key, p.new_key, p.paired_by, p.moved) for p in pairs] == [
        ("a", "a", "id", False), ("old-name", "new-name", "similarity", False),
        ("b", "b", "id", False)]


def test_a_renamed_item_that_also_moved_is_removed_and_added():
    """Similarity pairs only leftovers between the same two stable neighbours: never a move."""
    old = [{"id": "old-name", "text": "meet within 24 hours of a request"},
           {"id": "a", "text": "x"}, {"id": "b", "text": "y"}]
    new = [{"id": "a", "text": "x"}, {"id": "b", "text": "y"},
           {"id": "new-name", "text": "meet within 24 hours of a request"}]
    pairs = align(old, new, ("id",), signature=_signature)
    assert {(p.old_key, p.new_key) for p in pairs if p.paired_by != "id"} == {
        ("old-name", None), (None, "new-name")}


def test_fields_are_compared_as_the_domain_says():
    kinds = {spec.name: spec.kind for spec in model_fields(Commitment)}
    assert kinds["summary"] == "text" and kinds["notes"] == "text"
    assert kinds["providers"] == "set" and kinds["source_refs"] == "set"
    assert kinds["quantity"] == "model" and kinds["modality"] == "scalar"
    assert {spec.name: spec.kind for spec in model_fields(Location)}["options"] == "set"


# ---------------------------------------------------------------- compare(): basics

def test_same_sheet_gives_an_empty_comparison(us):
    comparison = compare(us, us)
    assert comparison.is_empty() and comparison.changes == ()
    assert sum(comparison.counts_by_kind.values()) == 0


def test_only_list_order_of_references_is_not_a_change(us):
    def reorder(data):
        for item in data["commitments"]:
            item["providers"].reverse()
            item["source_refs"].reverse()
        for body in data["bodies"]:
            body["members"].reverse()
    assert compare(us, with_data(us, reorder)).is_empty()


def test_an_invalid_side_is_an_error_not_an_empty_diff(us):
    with pytest.raises(TypeError):
        compare(us, us.model_dump(mode="json"))
    with pytest.raises(TypeError):
        compare(None, us)


def test_renamed_item_is_paired_by_similarity_and_labelled_a_guess(us):
    def rename(data):
        data["commitments"][0]["id"] = "cmt-renamed"
        data["commitments"][0]["summary"] += " Reviewed yearly."
    comparison = compare(us, with_data(us, rename))
    (change,) = comparison.changes
    old_id = us.commitments[0].id
    assert change.paired_by == "similarity" and change.is_guess
    assert change.old_id == old_id and change.new_id == "cmt-renamed"
    assert change.id == f"chg-commitments-{old_id}~cmt-renamed"
    assert 0.6 <= change.similarity < 1
    assert {f.field for f in change.fields} == {"id", "summary"}


def test_unrelated_leftovers_stay_added_and_removed(us):
    def swap(data):
        data["commitments"][0]["id"] = "cmt-other"
        data["commitments"][0]["summary"] = "Something entirely different about shipping lanes."
        data["commitments"][0]["kind"] = "maritime_security"
    kinds = sorted(c.kind for c in compare(us, with_data(us, swap)).changes)
    assert kinds == ["added", "removed"]


def test_move_and_amend(us):
    def move(data):
        item = data["commitments"].pop(0)
        item["modality"] = "shall"
        data["commitments"].append(item)
    comparison = compare(us, with_data(us, move))
    (change,) = comparison.changes
    assert change.kind == "moved_and_modified"
    assert change.old_index == 0 and change.new_index == len(us.commitments) - 1


def test_nested_objects_are_compared_field_by_field(us):
    def edit(data):
        data["forces"]["deployments"][0]["location"]["places"] = ["Lyon"]
    comparison = compare(us, with_data(us, edit))
    (change,) = comparison.changes
    (item,) = change.fields
    dep_id = us.forces.deployments[0].id
    assert item.path == f"/forces/deployments/{dep_id}/location/places"
    assert item.old_index_path == "/forces/deployments/0/location/places"
    assert item.op == "set" and item.added == ("Lyon",)


def test_text_field_change_has_word_ops_and_flags_invisible_characters(us):
    def edit(data):
        data["commitments"][0]["summary"] = data["commitments"][0]["summary"].replace(" ", "\u00a0", 1)
    (change,) = compare(us, with_data(us, edit)).changes
    (item,) = change.fields
    assert item.text is not None and item.looks_identical
    assert item.invisible[0].what == "U+00A0 NO-BREAK SPACE" and item.invisible[0].side == "new"


def test_keyed_lists_inside_items(us):
    def edit(data):
        guarantor = data["guarantors"][0]
        guarantor["caveats"] = guarantor["caveats"][1:]
        guarantor["roles"].append({"domain": "maritime", "role": "observer"})
    (change,) = compare(us, with_data(us, edit)).changes
    ops = {(f.op, f.field.split("/")[0]) for f in change.fields}
    assert ops == {("remove", "caveats"), ("add", "roles")}
    party = us.guarantors[0].party
    assert any(f.path == f"/guarantors/{party}/roles/maritime" for f in change.fields)


def test_singleton_removed_and_added(us):
    without = with_data(us, lambda data: data.update(duration=None))
    comparison = compare(us, without)
    kinds = {(c.collection, c.kind) for c in comparison.changes}
    assert ("duration", "removed") in kinds
    assert ("terminations", "removed") in kinds
    assert {(c.collection, c.kind) for c in compare(without, us).changes} == {
        (collection, "added") for collection, _ in kinds}


def test_document_numbers_can_be_looked_up(us, coalition):
    from termsheet.document import nodes as doc

    def sheet_doc(number):
        clause = doc.Clause(id="cmt-mnf-support", title="t", blocks=(), number=number)
        row = doc.Row(cells=(), id="dep-us-implementation-presence")
        section = doc.Section(id="s", title="S", children=(clause, doc.Table((), (row,))),
                              number="4")
        info = doc.DocumentInfo("d", "t", "term_sheet", "1", "2026-01-01", "draft", "us", "en")
        return doc.Document(info, (section,))
    comparison = compare(us, coalition, old_document=sheet_doc("4.5"), new_document=sheet_doc("4.3"))
    assert comparison.number("cmt-mnf-support", "old") == "4.5"
    assert comparison.number("cmt-mnf-support", "new") == "4.3"
    assert comparison.number("dep-us-implementation-presence") == "4"
    assert comparison.number("nothing") is None


# ------------------------------------------------------------- the sample drafts

def test_us_to_coalition_headlines(us_to_coalition):
    c = us_to_coalition
    modality = field(c, "chg-commitments-cmt-mnf-support", "modality")
    assert (modality.old, modality.new, modality.direction) == ("may", "will", "strengthened")
    mnf = c.change("chg-commitments-cmt-mnf-support")
    assert mnf.status == "status" and "marks this bracketed" in mnf.status_reason

    qualifiers = field(c, "chg-triggers-trg-major-attack", "qualifiers")
    assert qualifiers.new == [] and qualifiers.direction == "strengthened"
    assert set(qualifiers.removed) == {"significant", "deliberate", "sustained",
                                       "across_ceasefire_line"}
    decider = field(c, "chg-triggers-trg-major-attack", "determined_by")
    assert (decider.old, decider.new, decider.direction) == (
        "us", "body-special-commission", "strengthened")
    assert "Special Commission" in decider.reason
    assert decider.path == "/enforcement/triggers/trg-major-attack/determined_by"

    deadline = field(c, "chg-responses-rsp-us-response", "deadline")
    assert (deadline.old, deadline.new, deadline.direction) == (None, "PT72H", "strengthened")
    assert field(c, "chg-responses-rsp-us-response", "deadline_strictness").direction == "strengthened"
    authority = field(c, "chg-responses-rsp-us-response", "decision_authority")
    assert authority.text and authority.direction in ("strengthened", "wording")

    members = field(c, "chg-bodies-body-special-commission", "members")
    assert members.removed == ("ru",) and members.added == ()
    assert members.direction == "strengthened" and "leaves" in members.reason

    dep = "chg-deployments-dep-us-implementation-presence"
    location = field(c, dep, "location/kind")
    assert (location.old, location.new) == ("tbd", "ukraine_rear_area")
    status = field(c, dep, "status")
    assert (status.old, status.new, status.direction) == (
        "under_consideration", "proposed", "strengthened")
    assert c.change(dep).direction == "strengthened"

    term = field(c, "chg-duration", "term")
    assert (term.old, term.new, term.direction) == ("P15Y", "P10Y", "weakened")

    # Russia's involvement and Donbas
    signatory = field(c, "chg-engagement_plan-eng-convey-to-russia", "russia_signatory")
    assert (signatory.old, signatory.new) == (True, False)
    arrangement = field(c, "chg-territorial_provisions-terr-donetsk", "arrangement")
    assert arrangement.old == "free_economic_zone"
    assert c.change("chg-open_issues-oi-donbas") is not None


def test_us_to_coalition_counts_are_consistent(us_to_coalition):
    c = us_to_coalition
    assert sum(c.counts_by_kind.values()) == len(c.changes)
    assert sum(c.counts_by_direction.values()) == len(c.changes)
    assert sum(c.counts_by_collection.values()) == len(c.changes)
    assert len({change.id for change in c.changes}) == len(c.changes)


def test_changes_are_in_document_order(us_to_coalition):
    from termsheet.compare.align import COLLECTIONS

    rank = {collection.name: i for i, collection in enumerate(COLLECTIONS)}
    ranks = [rank[change.collection] for change in us_to_coalition.changes]
    assert ranks == sorted(ranks)


def test_us_draft_versions():
    old, new = load("us-draft-v0.2.yaml"), load("us-draft.yaml")
    comparison = compare(old, new)
    assert not comparison.is_empty()
    assert comparison.change("chg-metadata") is not None
    version = field(comparison, "chg-metadata", "version")
    assert (version.old, version.new) == (old.metadata.version, new.metadata.version)
    assert compare(new, old).counts_by_kind["added"] == comparison.counts_by_kind["removed"]
    modality = field(comparison, "chg-commitments-cmt-mnf-support", "modality")
    assert (modality.old, modality.new, modality.direction) == ("will", "may", "weakened")
    directional = [(change, f) for change in comparison.changes for f in change.fields
                   if f.direction in ("strengthened", "weakened", "mixed")]
    assert directional
    for change, item in directional:
        assert item.reason and change.reasons, item.path


def test_numbers_from_the_built_documents(us, coalition):
    from termsheet.compose import build
    from termsheet.document.transforms import apply_transforms

    comparison = compare(us, coalition, old_document=apply_transforms(build(us)),
                         new_document=apply_transforms(build(coalition)))
    change = comparison.change("chg-commitments-cmt-mnf-support")
    assert comparison.change_number(change, "old") and comparison.change_number(change, "new")
    guarantor = comparison.change("chg-guarantors-us")
    assert comparison.change_number(guarantor, "old")  # found through the builder's id
