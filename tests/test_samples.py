"""The shipped samples: valid, well-formed, and different exactly where the drafts differ.

The US and Coalition drafts and the Ukrainian position paper are paired by item id;
the tests pin the headline differences a reviewer expects the diff to show
(docs/domain.md §Direction), the differences between the two US versions, and
Ukraine's positions against both drafts. The exported JSON Schema is
cross-checked with an independent validator (check-jsonschema).
"""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from termsheet.schema import TermSheet

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"
SCHEMA = ROOT / "schemas" / "termsheet.schema.json"
MODELINE = "# yaml-language-server: $schema=../schemas/termsheet.schema.json"

US = SAMPLES_DIR / "us-draft.yaml"
US_V02 = SAMPLES_DIR / "us-draft-v0.2.yaml"
COW = SAMPLES_DIR / "coalition-draft.yaml"
UA = SAMPLES_DIR / "ukraine-position.yaml"
MINIMAL = SAMPLES_DIR / "minimal.yaml"
SAMPLES = [US, US_V02, COW, UA, MINIMAL]
DRAFTS = [US, US_V02, COW, UA]

MIN_PROVISION_IDS = 40
MAX_SAMPLE_BYTES = 64 * 1024

# Ids the headline differences hang on: each must exist in both drafts.
HEADLINE_IDS = {
    "dep-us-implementation-presence",  # role and location of US forces
    "cmt-mnf-support",  # Paris draft -> final wording
    "trg-major-attack",  # qualifiers and who decides
    "rsp-us-response",  # deadline and decision authority
    "rsp-consult",
    "rsp-attribution",
    "body-special-commission",  # Russia on the adjudicating body
    "eng-convey-to-russia",  # sequencing and signature
    "terr-donetsk",  # free economic zone vs decision reserved to Ukraine
    "oi-donbas",
    "oi-us-troop-role",
}


def _data(path: Path) -> dict:
    with path.open(encoding="utf-8") as stream:
        return YAML(typ="safe", pure=True).load(stream)


_SHEETS: dict[Path, TermSheet] = {}


def sheet(path: Path) -> TermSheet:
    if path not in _SHEETS:
        _SHEETS[path] = TermSheet.model_validate(_data(path))
    return _SHEETS[path]


def provision_lists(ts: TermSheet) -> dict[str, tuple]:
    """Every collection of identified provisions (parties and sources excluded)."""
    scope = ts.scope
    forces = ts.forces
    enforcement = ts.enforcement
    return {
        "relationship_to_other_instruments": scope.relationship_to_other_instruments if scope else (),
        "commitments": ts.commitments,
        "force_limits": ts.force_limits,
        "command_nodes": forces.command_nodes if forces else (),
        "deployments": forces.deployments if forces else (),
        "monitoring": ts.monitoring,
        "bodies": ts.bodies,
        "triggers": enforcement.triggers if enforcement else (),
        "responses": enforcement.responses if enforcement else (),
        "termination": ts.duration.termination if ts.duration else (),
        "engagement_plan": ts.engagement_plan,
        "territorial_provisions": ts.territorial_provisions,
        "open_issues": ts.open_issues,
    }


def provision_ids(ts: TermSheet) -> list[str]:
    return [item.id for items in provision_lists(ts).values() for item in items]


def all_ids(ts: TermSheet) -> list[str]:
    return provision_ids(ts) + [p.id for p in ts.parties] + [s.id for s in ts.sources]


def by_id(ts: TermSheet) -> dict:
    return {item.id: item for items in provision_lists(ts).values() for item in items}


def provisions(ts: TermSheet):
    """Every item that carries provenance (basis, source_refs), identified or not."""
    stack = [ts]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):
            stack.extend(node)
        elif hasattr(type(node), "model_fields"):
            if "basis" in type(node).model_fields:
                yield node
            stack.extend(getattr(node, name) for name in type(node).model_fields)


# -- every sample ----------------------------------------------------------------------


def test_every_bundled_sample_is_listed_here():
    """A sample added to or removed from samples/ cannot slip past these tests."""
    assert sorted(SAMPLES_DIR.glob("*.yaml")) == sorted(SAMPLES)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_validates_against_the_model(path):
    sheet(path)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_begins_with_the_schema_modeline(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE
    assert (path.parent / MODELINE.split("$schema=", 1)[1]).resolve() == SCHEMA.resolve()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_has_no_anchors_aliases_or_tags(path):
    with path.open(encoding="utf-8") as stream:
        for event in YAML().parse(stream):
            assert not isinstance(event, AliasEvent), event
            if isinstance(event, (ScalarEvent, CollectionStartEvent)):
                assert event.anchor is None, event
                assert event.tag is None, event


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_is_marked_illustrative(path):
    meta = sheet(path).metadata
    assert meta.illustrative is True
    assert meta.disclaimer
    assert any("ILLUSTRATIVE" in line for line in meta.marking.handling)
    assert meta.marking.scheme == "none"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_stays_small(path):
    assert path.stat().st_size < MAX_SAMPLE_BYTES


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_has_no_lint_errors(path):
    from termsheet.source.validate import validate_file

    result = validate_file(path)
    assert result.errors == [], [f"{d.code}: {d.message}" for d in result.errors]


# -- the drafts ------------------------------------------------------------------------


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_draft_has_enough_identified_provisions(path):
    assert len(provision_ids(sheet(path))) >= MIN_PROVISION_IDS


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_ids_are_unique_per_file(path):
    ids = all_ids(sheet(path))
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_draft_fills_every_section(path):
    ts = sheet(path)
    meta = ts.metadata
    assert meta.title_localized.get("uk")
    assert any("\u0400" <= ch <= "\u04ff" for ch in meta.title_localized["uk"])
    assert ts.counterparties and ts.mediators and ts.guarantors
    assert any(g.caveats for g in ts.guarantors)
    assert ts.scope.purpose and ts.scope.relationship_to_other_instruments
    assert ts.force_limits and ts.forces.command_nodes and ts.forces.deployments
    assert any(node.rotation for node in ts.forces.command_nodes)
    assert ts.monitoring and ts.bodies
    assert ts.enforcement.triggers and ts.enforcement.responses
    assert ts.duration.term and ts.duration.renewal != "none" and ts.duration.termination
    assert ts.ratification and ts.engagement_plan
    assert ts.territorial_provisions and ts.open_issues and ts.sources
    assert all(len(issue.positions) >= 2 for issue in ts.open_issues)


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_draft_covers_many_kinds_of_commitment(path):
    kinds = {c.kind for c in sheet(path).commitments}
    assert {
        "consultation", "armed_response", "intelligence_sharing", "ceasefire_monitoring",
        "logistics_support", "air_defence", "air_policing", "maritime_security",
        "force_level_support", "financial_support", "sanctions_snapback",
        "asset_immobilisation", "training", "defence_industrial_cooperation",
        "eu_accession_support", "reform", "non_aggression",
    } <= kinds


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_provenance_is_honest(path):
    ts = sheet(path)
    source_ids = {s.id for s in ts.sources}
    for item in provisions(ts):
        assert set(item.source_refs) <= source_ids, item
        if item.basis == "reported":
            assert item.source_refs, item


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_bracketed_text_says_who_proposed_it(path):
    ts = sheet(path)
    parties = {p.id for p in ts.parties}
    bracketed = [p for p in provisions(ts) if getattr(p, "text_status", "agreed") in ("bracketed", "alternative")]
    assert bracketed
    for item in bracketed:
        assert item.proposed_by in parties, item


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_ladder_deadlines_never_shorten(path):
    from termsheet.schema.types import duration_hours

    ts = sheet(path)
    for trigger in ts.enforcement.triggers:
        steps = sorted((r for r in ts.enforcement.responses if trigger.id in r.trigger_refs),
                       key=lambda r: r.order)
        hours = [duration_hours(r.deadline) for r in steps if r.deadline]
        assert hours == sorted(hours), trigger.id


def test_shared_sources_and_parties_are_identical_across_drafts():
    seen: dict[tuple[str, str], object] = {}
    for path in DRAFTS:
        ts = sheet(path)
        for kind, items in (("source", ts.sources), ("party", ts.parties)):
            for item in items:
                first = seen.setdefault((kind, item.id), item)
                assert first == item, f"{kind} {item.id} differs in {path.name}"


# -- US draft versus Coalition draft ---------------------------------------------------


def _pair(item_id: str):
    return by_id(sheet(US))[item_id], by_id(sheet(COW))[item_id]


def test_shared_ids_cover_every_headline_difference():
    shared = set(provision_ids(sheet(US))) & set(provision_ids(sheet(COW)))
    assert HEADLINE_IDS <= shared
    assert len(shared) >= MIN_PROVISION_IDS


def test_drafts_have_added_removed_and_moved_items():
    us, cow = provision_lists(sheet(US)), provision_lists(sheet(COW))
    us_ids, cow_ids = set(provision_ids(sheet(US))), set(provision_ids(sheet(COW)))
    assert us_ids - cow_ids, "some items only in the US draft"
    assert cow_ids - us_ids, "some items only in the Coalition draft"
    moved = False
    for name in us:
        a = [i.id for i in us[name] if i.id in cow_ids]
        b = [i.id for i in cow[name] if i.id in us_ids]
        moved |= a != b
    assert moved, "at least one shared item sits at a different position"


def test_us_forces_role_and_location_differ():
    us, cow = _pair("dep-us-implementation-presence")
    assert us.location.kind == "tbd" and len(us.location.options) >= 2
    assert us.status == "under_consideration"
    assert cow.location.kind == "ukraine_rear_area"
    assert cow.status == "proposed"


def test_mnf_support_is_weaker_in_the_us_draft():
    us, cow = _pair("cmt-mnf-support")
    assert (us.modality, us.text_status) == ("may", "agreed")
    assert "proposed us support" in us.summary.lower()
    assert (cow.modality, cow.text_status, cow.proposed_by) == ("will", "bracketed", "cow")
    assert "if it is attacked" in cow.summary


def test_trigger_qualifiers_and_who_decides_differ():
    us, cow = _pair("trg-major-attack")
    assert set(us.qualifiers) == {"significant", "deliberate", "sustained", "across_ceasefire_line"}
    assert us.determined_by == "us"
    assert cow.qualifiers == ()
    assert cow.determined_by == "body-special-commission"


def test_us_response_deadline_differs():
    us, cow = _pair("rsp-us-response")
    assert us.deadline is None and us.deadline_strictness == "none"
    assert "President" in us.decision_authority
    assert (cow.deadline, cow.deadline_strictness) == ("PT72H", "hard")
    assert "President" not in cow.decision_authority


def test_coalition_ladder_is_24_48_72_hours_hard():
    responses = by_id(sheet(COW))
    ladder = [responses[i] for i in ("rsp-attribution", "rsp-coalition-activation", "rsp-us-response")]
    assert [r.order for r in ladder] == [1, 2, 3]
    assert [r.deadline for r in ladder] == ["PT24H", "PT48H", "PT72H"]
    assert {r.deadline_strictness for r in ladder} == {"hard"}
    assert {r.deadline_anchor for r in ladder} == {"from_breach_detection"}


def test_consultation_is_24_hours_in_both_drafts():
    us, cow = _pair("cmt-consult")
    assert (us.deadline, us.deadline_strictness) == ("PT24H", "where_possible")
    assert (cow.deadline, cow.deadline_strictness) == ("PT24H", "hard")


def test_russia_involvement_differs():
    us, cow = _pair("eng-convey-to-russia")
    assert (us.sequencing, us.russia_signatory) == ("parallel_to_allied_agreement", True)
    assert (cow.sequencing, cow.russia_signatory) == ("after_allied_agreement", False)
    us_body, cow_body = _pair("body-special-commission")
    assert "ru" in us_body.members
    assert "ru" not in cow_body.members
    assert any(r.party == "ru" for r in sheet(US).ratification)
    assert not any(r.party == "ru" for r in sheet(COW).ratification)


def test_duration_differs_and_coalition_term_is_illustrative():
    us, cow = sheet(US).duration, sheet(COW).duration
    assert us.term == "P15Y" and us.basis == "reported"
    assert cow.term == "P10Y" and cow.term_alternatives
    assert cow.basis == "illustrative"


def test_donbas_arrangement_differs():
    us, cow = _pair("terr-donetsk")
    assert us.arrangement == "free_economic_zone" and us.requires_referendum is True
    assert us.text_status == "bracketed" and us.proposed_by == "us"
    assert cow.arrangement == "decision_reserved_to_beneficiary"
    assert by_id(sheet(US))["oi-donbas"].blocking and by_id(sheet(COW))["oi-donbas"].blocking


# -- two versions of the US draft ------------------------------------------------------


def test_us_versions_form_a_chain():
    old, new = sheet(US_V02).metadata, sheet(US).metadata
    assert old.doc_id == new.doc_id
    assert (old.version, new.version) == ("0.2.0", "0.3.0")
    assert new.supersedes.doc_id == old.doc_id and new.supersedes.version == old.version
    assert old.date < new.date


def test_us_versions_differ_in_a_handful_of_places():
    old, new = by_id(sheet(US_V02)), by_id(sheet(US))
    assert (old["cmt-mnf-support"].modality, new["cmt-mnf-support"].modality) == ("will", "may")
    assert "if it is attacked" in old["cmt-mnf-support"].summary
    assert (old["rsp-consult"].deadline, new["rsp-consult"].deadline) == ("PT72H", "PT24H")
    assert (old["dep-us-implementation-presence"].status,
            new["dep-us-implementation-presence"].status) == ("proposed", "under_consideration")
    assert "body-joint-monitoring-commission" in old and "body-joint-monitoring-commission" not in new
    assert "eng-trilateral-wg" not in old and "eng-trilateral-wg" in new
    assert len(set(old) ^ set(new)) <= 4


# -- the Ukrainian position paper against both drafts --------------------------------


def _three(item_id: str):
    return tuple(by_id(sheet(path)).get(item_id) for path in (US, COW, UA))


def test_ukraine_paper_is_an_illustrative_position_paper():
    meta = sheet(UA).metadata
    assert (meta.document_type, meta.drafting_party, meta.status) == (
        "position_paper", "ua", "working_draft")
    assert meta.doc_id not in {sheet(US).metadata.doc_id, sheet(COW).metadata.doc_id}
    assert "not a document of the Government of Ukraine" in " ".join(meta.disclaimer.split())


def test_ukraine_ids_line_up_with_both_drafts():
    """Same concept, same id: the paper shares the headline ids, agrees word for word with
    each draft somewhere, differs elsewhere, leaves some out and adds asks of its own."""
    us, cow, ua = (by_id(sheet(path)) for path in (US, COW, UA))
    assert HEADLINE_IDS - {"oi-us-troop-role"} <= set(ua)
    assert len(set(ua) & set(us)) >= MIN_PROVISION_IDS
    assert len(set(ua) & set(cow)) >= MIN_PROVISION_IDS
    assert {"cmt-training", "cmt-monitoring-lead"} <= {i for i in ua if ua[i] == us.get(i)}
    assert {"cmt-reassurance", "body-special-commission"} <= {i for i in ua if ua[i] == cow.get(i)}
    assert {"dep-us-ground-combat", "term-notice"} <= (set(us) | set(cow)) - set(ua)
    assert {"cmt-ua-air-defence", "trg-mass-strike", "oi-ratification"} <= set(ua) - set(us) - set(cow)


def test_ukraine_asks_for_a_longer_term():
    us, cow, ua = (sheet(path).duration for path in (US, COW, UA))
    assert (us.term, cow.term, ua.term) == ("P15Y", "P10Y", "P30Y")
    assert [(t.term, t.proposed_by) for t in ua.term_alternatives] == [("P50Y", "ua")]
    assert ua.basis == "reported" and "src-us15y-2025" in ua.source_refs


def test_ukraine_response_is_automatic_on_attribution():
    us, cow, ua = _three("trg-major-attack")
    assert ua.automatic and not us.automatic and not cow.automatic
    assert ua.qualifiers == () and ua.determined_by == "body-special-commission"
    us, cow, ua = _three("rsp-us-response")
    assert "President" in us.decision_authority and ua.decision_authority is None
    assert (ua.deadline, ua.deadline_anchor, ua.deadline_strictness) == (
        "PT24H", "from_attribution", "hard")
    assert cow.deadline == "PT72H"


def test_ukraine_consultations_are_binding_within_24_hours():
    us, cow, ua = _three("cmt-consult")
    assert {us.deadline, cow.deadline, ua.deadline} == {"PT24H"}
    assert ua.deadline_strictness == "hard"
    assert ua.legal_character == "legally_binding_subject_to_ratification"
    assert set(ua.providers) >= {"us", "cow"}


def test_ukraine_territory_only_by_referendum_and_never_recognised():
    us, cow, ua = _three("terr-donetsk")
    assert ua.arrangement not in {us.arrangement, cow.arrangement}
    assert ua.requires_referendum is True
    assert _three("terr-occupied-areas")[2].arrangement == "non_recognition"
    steps = {(r.party, r.instrument): r for r in sheet(UA).ratification}
    assert ("us", "congressional_approval") in steps
    referendum = steps["ua", "referendum"]
    assert [p.min_duration for p in referendum.preconditions] == ["P60D"]
    assert not any(r.party == "ru" for r in sheet(UA).ratification)


def test_ukraine_keeps_russia_off_the_guarantees():
    us, cow, ua = _three("eng-convey-to-russia")
    assert (ua.sequencing, ua.russia_signatory) == ("after_allied_agreement", False)
    assert "ru" not in _three("body-special-commission")[2].members


# -- the exported JSON Schema under an independent validator ---------------------------


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec("check_jsonschema") is not None:
        command = [sys.executable, "-m", "check_jsonschema"]
    elif shutil.which("check-jsonschema"):
        command = [shutil.which("check-jsonschema")]
    else:
        pytest.fail("check-jsonschema, a test dependency, is not installed (pip install -e '.[test]')",
                    pytrace=False)
    return subprocess.run([*command, "--schemafile", str(SCHEMA), *args],
                          capture_output=True, text=True, timeout=120)


# check-jsonschema uses ECMA-262 regexes in unicode mode, as editors do.
REGEX_VARIANT = ()


def test_exported_schema_accepts_every_sample():
    result = _check_jsonschema(*REGEX_VARIANT, *map(str, SAMPLES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_exported_schema_rejects_an_unknown_key(tmp_path):
    text = US.read_text(encoding="utf-8")
    cases = {
        "root.yaml": text.replace("\nbeneficiary: ua\n", "\nbeneficiary: ua\nbeneficiery: ua\n", 1),
        "nested.yaml": text.replace("    modality: may\n", "    modality: may\n    also: armed_force\n", 1),
    }
    for name, mutated in cases.items():
        assert mutated != text
        copy = tmp_path / name
        copy.write_text(mutated, encoding="utf-8")
        result = _check_jsonschema(*REGEX_VARIANT, str(copy))
        assert result.returncode != 0, name
        assert "Additional properties are not allowed" in result.stdout + result.stderr, name


def test_exported_schema_rejects_a_malformed_duration(tmp_path):
    copy = tmp_path / "duration.yaml"
    copy.write_text(US.read_text(encoding="utf-8").replace("term: P15Y", "term: 15 years", 1),
                    encoding="utf-8")
    result = _check_jsonschema(str(copy))
    assert result.returncode != 0
