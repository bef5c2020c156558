"""Semantic lint: every rule fires where it should, and only there.

Each rule is triggered on a mutated copy of ``BASE`` (a small term file that
lints clean), re-validated with ``TermSheet.model_validate``; the test asserts
the code appears at the expected ``loc``.  The samples must lint clean apart
from the warnings they carry on purpose (``DELIBERATE``).
"""

import copy
import fnmatch
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from termsheet.source.lint import RULES, lint, rules_markdown
from termsheet.source.load import load_file, load_text
from termsheet.schema import TermSheet
from termsheet.source.rules import order_key

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))

# Warnings a sample carries on purpose, by file name pattern (anything else is a failure).
DELIBERATE: dict[str, set[str]] = {
    # Russia on the Special Commission, deciding by consensus: the veto the rule is for.
    "us-draft.yaml": {"W-COUNTERPARTY-VETO"},
    "coalition-draft.yaml": set(),
    "us-draft-v0.2.yaml": set(),
    "minimal.yaml": set(),
}

BASE_YAML = """
schema_version: "1.0"
metadata:
  doc_id: test-sheet
  title: Test term sheet
  document_type: term_sheet
  version: "0.2.0"
  supersedes: {doc_id: test-sheet, version: "0.1.0"}
  date: 2026-02-10
  drafting_party: cow
  contributors: [fr]
  status: negotiating_draft
  marking:
    scheme: none
    level: UNCLASSIFIED
    handling: ["ILLUSTRATIVE — NOT A REAL DOCUMENT"]
  illustrative: true
  disclaimer: Made-up test data.
parties:
  - {id: ua, name: Ukraine, kind: state, iso3166: UA}
  - {id: ru, name: Russian Federation, kind: state, iso3166: RU}
  - {id: us, name: United States, kind: state, iso3166: US}
  - {id: fr, name: France, kind: state, iso3166: FR, member_of: [cow]}
  - {id: gb, name: United Kingdom, kind: state, iso3166: GB, member_of: [cow]}
  - {id: de, name: Germany, kind: state, iso3166: DE, member_of: [cow]}
  - {id: ca, name: Canada, kind: state, iso3166: CA, member_of: [cow]}
  - {id: nato, name: NATO, kind: international_organization}
  - {id: cow, name: Coalition of the Willing, kind: coalition}
beneficiary: ua
counterparties: [ru]
mediators: [us]
guarantors:
  - party: us
    roles: [{domain: overall, role: backstop}, {domain: monitoring, role: lead}]
    caveats: [{code: no_ground_combat_troops_in_ukraine, text: No US ground combat troops.}]
  - party: fr
    roles: [{domain: reassurance_force, role: co_lead}]
  - party: gb
    roles: [{domain: reassurance_force, role: co_lead}, {domain: air, role: lead}]
    caveats: [{code: post_ceasefire_only, text: Only after a ceasefire.}]
  - party: de
    tier: broader
    roles: [{domain: financing, role: contributor}, {domain: regeneration, role: lead}]
    caveats: [{code: no_forces_in_ukraine, text: From neighbouring NATO territory.}]
  - party: ca
    roles: [{domain: reassurance_force, role: contributor}]
    caveats: [{code: away_from_contact_line, text: Away from the front line.}]
  - party: nato
    tier: broader
    roles: [{domain: overall, role: observer}]
  - party: cow
    roles: [{domain: reassurance_force, role: contributor}]
scope:
  activation: {event: ceasefire_in_force}
  territorial_scope: {description: Ukraine within its internationally recognised borders.}
commitments:
  - id: cmt-consult
    kind: consultation
    providers: [fr, gb]
    beneficiary: ua
    summary: Consult within 24 hours of a request.
    modality: will
    legal_character: legally_binding_subject_to_ratification
    deadline: PT24H
    deadline_anchor: from_request
    deadline_strictness: hard
  - id: cmt-force-level
    kind: force_level_support
    providers: [cow]
    beneficiary: ua
    summary: Support an army of 800,000 in peacetime.
    modality: will
    legal_character: politically_binding
    quantity: {value: 800000, unit: personnel, qualifier: peacetime_level}
  - id: cmt-reform
    kind: reform
    providers: [ua]
    beneficiary: cow
    summary: Reforms.
    modality: will
    legal_character: politically_binding
  - id: cmt-non-aggression
    kind: non_aggression
    providers: [ru]
    beneficiary: ua
    summary: Non-aggression.
    modality: will
    legal_character: legally_binding
  - id: cmt-snapback
    kind: sanctions_snapback
    providers: [us]
    beneficiary: ua
    summary: Sanctions snap back.
    modality: will
    legal_character: politically_binding
    basis: reported
    source_refs: [src-a, src-low]
force_limits:
  - {id: lim-ua, party: ua, cap: 800000, condition: peacetime}
forces:
  total_strength: {min: 15000, max: 30000}
  command_nodes:
    - id: cmd-hq
      name: MNF-U HQ
      lead: fr
      location: {kind: third_country_headquarters, places: [Paris], country: FR}
    - id: cmd-kyiv
      name: Kyiv HQ
      lead: gb
      location: {kind: ukraine_urban_hub, places: [Kyiv], country: UA}
      parent: cmd-hq
  deployments:
    - id: dep-fr-land
      contributor: fr
      force_type: land
      location: {kind: ukraine_rear_area, country: UA}
      strength: {min: 5000, max: 10000}
      status: conditional
      timing: {anchor: ceasefire_in_force}
      command: cmd-hq
    - id: dep-gb-land
      contributor: gb
      force_type: land
      location: {kind: ukraine_rear_area}
      strength: {min: 5000}
      status: conditional
      timing: {anchor: ceasefire_in_force}
      command: cmd-kyiv
    - id: dep-ca-land
      contributor: ca
      force_type: land
      location: {kind: ukraine_rear_area}
      status: conditional
    - id: dep-de-training
      contributor: de
      force_type: training_mission
      location: {kind: neighbouring_nato_territory, country: PL}
      status: pledged
    - id: dep-us-liaison
      contributor: us
      force_type: liaison
      location: {kind: ukraine_urban_hub}
      status: proposed
      command: cmd-hq
    - id: dep-us-ground
      contributor: us
      force_type: land
      location: {kind: ukraine_rear_area}
      status: ruled_out
    - id: dep-cow-air
      contributor: cow
      force_type: air
      location: {kind: neighbouring_nato_territory}
      status: conditional
monitoring:
  - id: mon-ceasefire
    name: Ceasefire monitoring
    lead: us
    participants: [cow, ua]
    kinds: [technical_remote]
    tasks: [detect, verify, report]
    reporting: {cadence: real_time, recipients: [body-commission, cmd-hq]}
    adjudication_body: body-commission
bodies:
  - id: body-commission
    name: Special Commission
    kind: special_commission
    functions: [adjudicate, attribute]
    chair: us
    members: [us, ua, cow]
    decision_rule: majority
  - id: body-deconfliction
    name: Deconfliction mechanism
    kind: working_group
    functions: [de_escalate]
    members: [us, ua, ru]
    decision_rule: consensus
enforcement:
  triggers:
    - {id: trg-violation, kind: ceasefire_violation, description: A breach., determined_by: body-commission}
    - {id: trg-attack, kind: armed_attack, description: An armed attack., determined_by: body-commission}
    - {id: trg-ua-attack, kind: beneficiary_initiated_attack, description: An attack by Ukraine.}
  responses:
    - id: rsp-warning
      trigger_refs: [trg-violation]
      order: 1
      actors: [body-commission, ua]
      action: diplomatic_warning
      deadline: PT24H
      deadline_anchor: from_breach_detection
      deadline_strictness: hard
    - id: rsp-consult
      trigger_refs: [trg-attack]
      order: 1
      actors: [fr, gb, ua]
      action: consultations
      deadline: PT24H
      deadline_anchor: from_request
      deadline_strictness: hard
    - id: rsp-activation
      trigger_refs: [trg-violation, trg-attack]
      order: 2
      actors: [cow]
      action: coalition_force_activation
      deadline: PT48H
      deadline_anchor: from_breach_detection
      deadline_strictness: hard
    - id: rsp-us
      trigger_refs: [trg-attack]
      order: 3
      actors: [us, cow]
      action: armed_force
      deadline: PT24H
      deadline_anchor: from_previous_step
      deadline_strictness: hard
    - id: rsp-void
      trigger_refs: [trg-ua-attack]
      order: 1
      actors: [us]
      action: suspend_guarantee
duration:
  term: P10Y
  renewal: mutual_written_agreement
  termination:
    - {id: term-notice, kind: notice, notice_period: P6M, channel: diplomatic}
    - {id: term-breach, kind: breach_by_beneficiary, trigger_ref: trg-ua-attack}
ratification:
  - {party: fr, instrument: parliamentary_vote, body: Parlement}
  - {party: gb, instrument: parliamentary_vote}
engagement_plan:
  - {id: eng-russia, step: 1, description: Put the package to Russia., with_party: ru, sequencing: after_allied_agreement}
territorial_provisions:
  - {id: terr-donetsk, area: Donetsk, arrangement: free_economic_zone, requires_referendum: true}
open_issues:
  - id: oi-donbas
    topic: territory
    summary: Donbas.
    status: open
    blocking: true
    positions:
      - {party: ru, stance: opposes, summary: Full withdrawal.}
      - {party: ua, stance: opposes, summary: No withdrawal.}
  - id: oi-duration
    topic: guarantee_duration
    summary: Term.
    status: agreed
    positions:
      - {party: us, stance: supports, summary: Ten years.}
sources:
  - {id: src-a, title: Official text, publisher: Gov, date: 2026-01-06, kind: official_text, reliability: high}
  - {id: src-low, title: Mirror, publisher: Aggregator, date: 2026-01-07, kind: aggregator_or_mirror, reliability: low}
"""

BASE: dict = load_text(BASE_YAML, "base.yaml").data

MINIMAL: dict = {
    "schema_version": "1.0",
    "metadata": {"doc_id": "minimal", "title": "Minimal", "document_type": "term_sheet",
                 "version": "0.1.0", "date": "2026-01-01", "drafting_party": "ua",
                 "status": "concept"},
    "parties": [{"id": "ua", "name": "Ukraine", "kind": "state"}],
    "beneficiary": "ua",
}


def lint_data(data: dict):
    return lint(TermSheet.model_validate(data))


def mutated(mutate: Callable[[dict], object]) -> list:
    data = copy.deepcopy(BASE)
    mutate(data)
    return lint_data(data)


def describe(findings) -> str:
    return "\n".join(f"  {f.code} {f.loc}: {f.message}" for f in findings) or "  (none)"


# -- helpers to write mutations as one-liners ------------------------------------------


def at(data, *path):
    for part in path:
        data = data[part]
    return data


def put(*path_and_value):
    *path, key, value = path_and_value

    def mutate(d):
        at(d, *path)[key] = copy.deepcopy(value)
    return mutate


def drop(*path):
    *path, key = path

    def mutate(d):
        del at(d, *path)[key]
    return mutate


def append(*path_and_value):
    *path, value = path_and_value

    def mutate(d):
        at(d, *path).append(copy.deepcopy(value))
    return mutate


def both(*mutations):
    def mutate(d):
        for m in mutations:
            m(d)
    return mutate


DEP = ("forces", "deployments")
RSP = ("enforcement", "responses")
TRG = ("enforcement", "triggers")
IT = {"id": "it", "name": "Italy", "kind": "state", "iso3166": "IT"}

# (code, mutation, expected loc)
CASES: list[tuple[str, Callable, tuple]] = [
    # metadata
    ("E-ILLUSTRATIVE-MARKING", put("metadata", "marking", "handling", ["DRAFT"]),
     ("metadata", "marking", "handling")),
    ("E-ILLUSTRATIVE-MARKING", drop("metadata", "marking"), ("metadata", "illustrative")),
    ("E-ILLUSTRATIVE-DISCLAIMER", drop("metadata", "disclaimer"), ("metadata", "illustrative")),
    ("E-ILLUSTRATIVE-CLASSIFIED",
     both(put("metadata", "marking", "scheme", "uk"), put("metadata", "marking", "level", "SECRET")),
     ("metadata", "marking", "level")),
    ("E-ILLUSTRATIVE-CLASSIFIED", put("metadata", "marking", "caveats", ["UK/US EYES ONLY"]),
     ("metadata", "marking", "caveats", 0)),
    ("W-ILLUSTRATIVE-FLAG",
     both(put("metadata", "illustrative", False), drop("metadata", "disclaimer")),
     ("metadata", "marking", "handling", 0)),
    ("E-VERSION", put("metadata", "supersedes", "version", "0.10.0"),
     ("metadata", "supersedes", "version")),
    ("E-VERSION", put("metadata", "supersedes", "version", "0.2.0"),
     ("metadata", "supersedes", "version")),
    ("E-VERSION", put("metadata", "supersedes", "doc_id", "other-sheet"),
     ("metadata", "supersedes", "doc_id")),
    ("W-TRANSLATION-LANGUAGE", put("metadata", "translation_of", {"doc_id": "orig", "language": "en"}),
     ("metadata", "translation_of", "language")),
    # ids and party references
    ("E-ID-DUP", put(*DEP, 1, "id", "cmt-consult"), (*DEP, 1, "id")),
    ("E-ID-DUP", put("bodies", 1, "id", "ua"), ("bodies", 1, "id")),
    ("W-REPLACES-IN-USE", put(*DEP, 1, "replaces", "cmt-consult"), (*DEP, 1, "replaces")),
    ("E-REF-PARTY", put(*DEP, 0, "contributor", "fra"), (*DEP, 0, "contributor")),
    ("E-REF-ACTOR", put(*RSP, 0, "actors", 1, "body-nope"), (*RSP, 0, "actors", 1)),
    ("E-REF-ACTOR", put(*TRG, 0, "determined_by", "xx"), (*TRG, 0, "determined_by")),
    ("E-REF-ACTOR", put("monitoring", 0, "reporting", "recipients", 1, "cmd-nope"),
     ("monitoring", 0, "reporting", "recipients", 1)),
    ("W-PARTY-UNUSED", append("parties", IT), ("parties", 9, "id")),
    ("W-REPEATED-ENTRY", put("commitments", 0, "providers", ["fr", "gb", "fr"]),
     ("commitments", 0, "providers", 2)),
    ("W-BRACKETED-NO-PROPOSER", put("commitments", 0, "text_status", "bracketed"),
     ("commitments", 0, "text_status")),
    ("W-BRACKETED-NO-PROPOSER", put(*DEP, 2, "text_status", "alternative"),
     (*DEP, 2, "text_status")),
    # parties and guarantors
    ("E-BENEFICIARY-IS-COUNTERPARTY", put("counterparties", ["ru", "ua"]), ("counterparties", 1)),
    ("E-GUARANTOR-DUP", append("guarantors", {"party": "fr"}), ("guarantors", 7, "party")),
    ("E-GUARANTOR-IS-BENEFICIARY", append("guarantors", {"party": "ua"}), ("guarantors", 7, "party")),
    ("W-GUARANTOR-IS-COUNTERPARTY", append("guarantors", {"party": "ru"}), ("guarantors", 7, "party")),
    ("E-MULTI-LEAD",
     both(put("guarantors", 1, "roles", 0, "role", "lead"), put("guarantors", 2, "roles", 0, "role", "lead")),
     ("guarantors", 2, "roles", 0, "role")),
    ("W-ROLE-DUP", append("guarantors", 0, "roles", {"domain": "monitoring", "role": "contributor"}),
     ("guarantors", 0, "roles", 2, "domain")),
    # commitments
    ("E-COMMIT-PROVIDER", append("commitments", 0, "providers", "ua"), ("commitments", 0, "providers", 2)),
    ("E-COMMIT-PROVIDER", put("commitments", 4, "providers", ["us", "ru"]),
     ("commitments", 4, "providers", 1)),
    ("W-OBSERVER-COMMITS", append("commitments", 0, "providers", "nato"),
     ("commitments", 0, "providers", 2)),
    ("W-RATIFICATION-MISSING", put("ratification", []), ("commitments", 0, "legal_character")),
    ("W-AMBIGUOUS-FORCE-CAP", put("force_limits", 0, "cap", 600000),
     ("commitments", 1, "quantity", "value")),
    # forces
    ("E-DEPLOY-GUARANTOR", both(append("parties", IT), put(*DEP, 2, "contributor", "it")),
     (*DEP, 2, "contributor")),
    ("E-DEPLOY-OBSERVER", put(*DEP, 6, "contributor", "nato"), (*DEP, 6, "contributor")),
    ("E-CAVEAT-VIOLATION", put(*DEP, 3, "location", {"kind": "ukraine_rear_area"}),
     (*DEP, 3, "location", "kind")),
    ("E-CAVEAT-VIOLATION", put(*DEP, 2, "location", {"kind": "ukraine_contact_line_zone"}),
     (*DEP, 2, "location", "kind")),
    ("E-CAVEAT-VIOLATION", put(*DEP, 5, "status", "proposed"), (*DEP, 5, "location", "kind")),
    ("E-CAVEAT-VIOLATION", put(*DEP, 1, "timing", {"anchor": "signature"}),
     (*DEP, 1, "timing", "anchor")),
    ("W-DEPLOY-BEFORE-CEASEFIRE", put(*DEP, 0, "timing", {"anchor": "signature"}),
     (*DEP, 0, "timing", "anchor")),
    ("W-DEPLOY-BEFORE-CEASEFIRE", put("scope", "activation", {"event": "signature"}), (*DEP, 2)),
    ("W-LOCATION-TBD", put(*DEP, 6, "location", {"kind": "tbd"}), (*DEP, 6, "location", "kind")),
    ("W-LOCATION-COUNTRY", put(*DEP, 3, "location", "country", "UA"),
     (*DEP, 3, "location", "country")),
    ("E-REF-COMMAND", put(*DEP, 0, "command", "cmd-nope"), (*DEP, 0, "command")),
    ("E-REF-COMMAND", put("forces", "command_nodes", 1, "parent", "cmd-nope"),
     ("forces", "command_nodes", 1, "parent")),
    ("E-REF-COMMAND", put("forces", "command_nodes", 0, "parent", "cmd-kyiv"),
     ("forces", "command_nodes", 0, "parent")),
    ("E-REF-COMMAND", put("forces", "command_nodes", 0, "parent", "cmd-hq"),
     ("forces", "command_nodes", 0, "parent")),
    ("E-STRENGTH-RANGE", put(*DEP, 0, "strength", {"min": 10, "max": 5}), (*DEP, 0, "strength", "min")),
    ("E-STRENGTH-RANGE", put("forces", "total_strength", "min", 40000),
     ("forces", "total_strength", "min")),
    ("W-STRENGTH-EXCEEDS", put("forces", "total_strength", {"max": 8000}),
     ("forces", "total_strength", "max")),
    ("W-DOMAIN-LEAD-MISSING",
     append(*DEP, {"id": "dep-de-logistics", "contributor": "de", "force_type": "logistics",
                   "location": {"kind": "neighbouring_nato_territory"}, "status": "pledged"}),
     (*DEP, 7, "force_type")),
    # monitoring
    ("E-REF-BODY", put("monitoring", 0, "adjudication_body", "us"), ("monitoring", 0, "adjudication_body")),
    ("W-MON-LEAD-ROLE", put("monitoring", 0, "lead", "fr"), ("monitoring", 0, "lead")),
    ("W-COUNTERPARTY-VETO",
     both(append("bodies", 0, "members", "ru"), put("bodies", 0, "decision_rule", "consensus")),
     ("bodies", 0, "members", 3)),
    ("W-COUNTERPARTY-VETO", put(*RSP, 1, "additional_actions", ["unsc_referral"]),
     (*RSP, 1, "additional_actions", 0)),
    ("E-NO-MONITORING", put("monitoring", []), (*TRG, 0, "kind")),
    # enforcement
    ("E-REF-TRIGGER", put(*RSP, 0, "trigger_refs", ["trg-nope"]), (*RSP, 0, "trigger_refs", 0)),
    ("E-REF-TRIGGER", put("duration", "termination", 1, "trigger_ref", "trg-nope"),
     ("duration", "termination", 1, "trigger_ref")),
    ("E-DEADLINE-ANCHOR", drop(*RSP, 0, "deadline_anchor"), (*RSP, 0, "deadline")),
    ("E-DEADLINE-ANCHOR", drop("commitments", 0, "deadline_anchor"), ("commitments", 0, "deadline")),
    ("E-DEADLINE-MISSING", drop(*RSP, 1, "deadline"), (*RSP, 1, "deadline_strictness")),
    ("W-DEADLINE-STRICTNESS", put(*RSP, 0, "deadline_strictness", "none"), (*RSP, 0, "deadline")),
    ("W-TRIGGER-NO-RESPONSE",
     append(*TRG, {"id": "trg-extra", "kind": "other", "description": "Other."}), (*TRG, 3, "id")),
    ("E-LADDER-ORDER", put(*RSP, 2, "deadline", "PT12H"), (*RSP, 2, "deadline")),
    ("E-LADDER-ORDER", put(*RSP, 3, "deadline_anchor", "from_breach_detection"), (*RSP, 3, "deadline")),
    ("W-BENEFICIARY-TRIGGER",
     both(put(*RSP, 4, "action", "consultations"), drop("duration", "termination", 1, "trigger_ref")),
     (*TRG, 2, "kind")),
    ("W-BACKSTOP-UNLINKED", both(put(*RSP, 3, "actors", ["cow"]), put(*RSP, 4, "actors", ["fr"])),
     ("guarantors", 0, "roles", 0, "role")),
    # final provisions
    ("E-NOTICE", put("duration", "termination", 0, "notice_period", "P10Y"),
     ("duration", "termination", 0, "notice_period")),
    ("E-NOTICE", drop("duration", "termination", 0, "notice_period"), ("duration", "termination", 0)),
    ("W-DURATION", both(drop("duration", "term"), drop("duration", "renewal")), ("duration",)),
    ("W-DURATION", both(drop("duration"), put(*RSP, 4, "action", "suspend_guarantee")), ("commitments",)),
    ("E-RATIFICATION-DUP", append("ratification", {"party": "fr", "instrument": "parliamentary_vote"}),
     ("ratification", 2, "instrument")),
    # territory and open issues
    ("W-FEZ-REFERENDUM", put("territorial_provisions", 0, "requires_referendum", False),
     ("territorial_provisions", 0, "requires_referendum")),
    ("W-FEZ-REFERENDUM", drop("territorial_provisions", 0, "requires_referendum"),
     ("territorial_provisions", 0)),
    ("W-ISSUE-AGREED-WITH-OPPOSITION", put("open_issues", 1, "positions", 0, "stance", "opposes"),
     ("open_issues", 1, "positions", 0, "stance")),
    ("E-BLOCKING-ISSUE", put("metadata", "status", "signed"), ("open_issues", 0, "status")),
    ("E-POSITION-DUP",
     append("open_issues", 0, "positions", {"party": "ru", "stance": "proposes", "summary": "Again."}),
     ("open_issues", 0, "positions", 2, "party")),
    # provenance
    ("E-REF-SOURCE", put("commitments", 4, "source_refs", ["src-a", "src-nope"]),
     ("commitments", 4, "source_refs", 1)),
    ("E-REF-SOURCE", put("guarantors", 0, "caveats", 0, "source_refs", ["src-x"]),
     ("guarantors", 0, "caveats", 0, "source_refs", 0)),
    ("E-REPORTED-NO-SOURCE", put("commitments", 0, "basis", "reported"), ("commitments", 0, "basis")),
    ("E-REPORTED-NO-SOURCE", put("open_issues", 0, "positions", 1, "basis", "reported"),
     ("open_issues", 0, "positions", 1, "basis")),
    ("W-LOW-RELIABILITY-ONLY", put("commitments", 4, "source_refs", ["src-low"]),
     ("commitments", 4, "source_refs")),
    ("W-SOURCE-UNUSED", put("commitments", 4, "source_refs", ["src-a"]), ("sources", 1, "id")),
    ("W-SOURCE-AFTER-DOC", put("sources", 0, "date", "2026-03-01"), ("sources", 0, "date")),
    # negotiation brackets
    ("E-BRACKET", put("commitments", 1, "summary", "An army of [[cow: 800,000 | zz: 600,000]]."),
     ("commitments", 1, "summary")),
    ("E-BRACKET", put("metadata", "title", "A [[disputed]] title"), ("metadata", "title")),
]


def _case_id(case) -> str:
    return f"{case[0]}:{'.'.join(map(str, case[2]))}"


def test_base_is_clean():
    findings = lint_data(BASE)
    assert findings == [], describe(findings)


def test_minimal_is_clean():
    findings = lint_data(MINIMAL)
    assert findings == [], describe(findings)


@pytest.mark.parametrize(("code", "mutate", "loc"), CASES, ids=[_case_id(c) for c in CASES])
def test_rule_fires_at_loc(code, mutate, loc):
    findings = mutated(mutate)
    assert any(f.code == code and f.loc == loc for f in findings), \
        f"expected {code} at {loc}, got:\n{describe(findings)}"
    severity = {r.code: r.severity for r in RULES}[code]
    for f in findings:
        if f.code == code:
            assert f.severity == severity
            assert f.message and f.message[0] != " "


def test_every_rule_has_a_case():
    assert {r.code for r in RULES} - {c[0] for c in CASES} == set()


def test_at_least_25_rules_with_unique_well_formed_codes():
    codes = [r.code for r in RULES]
    assert len(codes) >= 25
    assert len(codes) == len(set(codes))
    for r in RULES:
        assert re.fullmatch(r"[EW]-[A-Z0-9]+(-[A-Z0-9]+)*", r.code)
        assert r.code[0] == ("E" if r.severity == "error" else "W")
        assert r.summary and r.why


# -- party references: every field that names a party -----------------------------


PARTY_REF_SITES = [
    ("metadata", "drafting_party"),
    ("metadata", "contributors", 0),
    ("parties", 3, "member_of", 0),
    ("beneficiary",),
    ("counterparties", 0),
    ("mediators", 0),
    ("guarantors", 1, "party"),
    ("commitments", 0, "providers", 1),
    ("commitments", 0, "beneficiary"),
    ("commitments", 0, "proposed_by"),
    ("force_limits", 0, "party"),
    ("forces", "command_nodes", 0, "lead"),
    (*DEP, 0, "contributor"),
    (*DEP, 0, "proposed_by"),
    ("monitoring", 0, "lead"),
    ("monitoring", 0, "participants", 0),
    ("bodies", 0, "chair"),
    ("bodies", 0, "members", 1),
    (*TRG, 0, "proposed_by"),
    ("ratification", 0, "party"),
    ("engagement_plan", 0, "with_party"),
    ("open_issues", 0, "positions", 1, "party"),
    ("open_issues", 0, "proposed_by"),
    ("duration", "term_alternatives", 0, "proposed_by"),
]


@pytest.mark.parametrize("loc", PARTY_REF_SITES, ids=lambda loc: ".".join(map(str, loc)))
def test_party_reference_must_resolve(loc):
    if loc[:2] == ("duration", "term_alternatives"):
        findings = mutated(put("duration", "term_alternatives", [{"term": "P15Y", "proposed_by": "zz"}]))
    else:
        findings = mutated(put(*loc, "zz"))
    hits = [f for f in findings if f.code == "E-REF-PARTY"]
    assert [f.loc for f in hits] == [loc], describe(findings)
    assert "'zz'" in hits[0].message


def test_ref_hints_name_what_the_id_is_and_near_misses():
    [hit] = [f for f in mutated(put(*DEP, 0, "contributor", "fra")) if f.code == "E-REF-PARTY"]
    assert hit.hint == "did you mean 'fr'?"
    [hit] = [f for f in mutated(put("bodies", 0, "chair", "cmd-hq")) if f.code == "E-REF-PARTY"]
    assert "command node, not a party" in hit.hint
    [hit] = [f for f in mutated(put("monitoring", 0, "adjudication_body", "us")) if f.code == "E-REF-BODY"]
    assert "party, not a body" in hit.hint


def test_unresolved_contributor_is_reported_once():
    findings = mutated(put(*DEP, 0, "contributor", "zz"))
    at_loc = [f.code for f in findings if f.loc == (*DEP, 0, "contributor")]
    assert at_loc == ["E-REF-PARTY"]


# -- contradictions and their exemptions ---------------------------------------------


def test_id_dup_names_the_first_and_reports_each_repeat():
    findings = mutated(both(put(*DEP, 1, "id", "cmt-consult"), put("bodies", 0, "id", "cmt-consult")))
    dups = [f for f in findings if f.code == "E-ID-DUP"]
    assert [f.loc for f in dups] == [(*DEP, 1, "id"), ("bodies", 0, "id")]
    assert all("commitments[0].id" in f.message for f in dups)


def test_ruled_out_deployment_is_exempt_from_caveats_and_observer_rule():
    findings = mutated(both(put(*DEP, 3, "location", {"kind": "ukraine_rear_area"}),
                            put(*DEP, 3, "status", "ruled_out"),
                            put(*DEP, 6, "contributor", "nato"), put(*DEP, 6, "status", "ruled_out")))
    assert not {"E-CAVEAT-VIOLATION", "E-DEPLOY-OBSERVER"} & {f.code for f in findings}, describe(findings)


def test_non_combat_forces_respect_no_ground_combat_caveat():
    # dep-us-liaison (a liaison team in Kyiv) is in BASE; air forces over Ukraine do not break
    # a no-ground-troops caveat either.
    assert "E-CAVEAT-VIOLATION" not in {f.code for f in mutated(
        put(*DEP, 3, "force_type", "air"))}
    findings = mutated(both(
        put("guarantors", 3, "caveats", 0, "code", "no_ground_troops_in_ukraine"),
        put(*DEP, 3, "force_type", "air"), put(*DEP, 3, "location", {"kind": "ukraine_airspace"})))
    assert "E-CAVEAT-VIOLATION" not in {f.code for f in findings}, describe(findings)


def test_caveat_message_names_deployment_and_caveat():
    [hit] = [f for f in mutated(put(*DEP, 3, "location", {"kind": "ukraine_rear_area"}))
             if f.code == "E-CAVEAT-VIOLATION"]
    assert "dep-de-training" in hit.message and "no_forces_in_ukraine" in hit.message
    assert "guarantors[3].caveats[0]" in hit.message


def test_co_leads_are_not_multiple_leads():
    findings = mutated(put("guarantors", 1, "roles", 0, "role", "lead"))
    assert "E-MULTI-LEAD" not in {f.code for f in findings}
    [hit] = [f for f in mutated(both(put("guarantors", 1, "roles", 0, "role", "lead"),
                                     put("guarantors", 2, "roles", 0, "role", "lead")))
             if f.code == "E-MULTI-LEAD"]
    assert hit.hint == "use co_lead for shared leadership"


def test_versions_compare_numerically():
    findings = mutated(both(put("metadata", "version", "0.10.0"),
                            put("metadata", "supersedes", "version", "0.9.0")))
    assert "E-VERSION" not in {f.code for f in findings}
    findings = mutated(both(put("metadata", "version", "1.0.0"),
                            put("metadata", "supersedes", "version", "1.0.0-rc.2")))
    assert "E-VERSION" not in {f.code for f in findings}


def test_ladder_parallel_steps_and_cumulative_deadlines_are_fine():
    # BASE: rsp-us is PT24H from the previous step after 48h, i.e. 72h in all.
    findings = mutated(append(*RSP, {"id": "rsp-parallel", "trigger_refs": ["trg-attack"], "order": 2,
                                     "actors": ["gb"], "action": "additional_sanctions",
                                     "deadline": "PT36H", "deadline_anchor": "from_attribution",
                                     "deadline_strictness": "hard"}))
    assert "E-LADDER-ORDER" not in {f.code for f in findings}, describe(findings)


def test_ladder_message_names_both_steps():
    [hit] = [f for f in mutated(put(*RSP, 2, "deadline", "PT12H")) if f.code == "E-LADDER-ORDER"]
    assert "rsp-activation" in hit.message and "PT24H" in hit.message


def test_termination_satisfies_beneficiary_trigger():
    findings = mutated(put(*RSP, 4, "action", "consultations"))  # term-breach still ends it
    assert "W-BENEFICIARY-TRIGGER" not in {f.code for f in findings}


def test_blocking_issue_resolved_or_not_blocking_is_fine():
    for mutate in (put("open_issues", 0, "status", "agreed"), put("open_issues", 0, "blocking", False)):
        findings = mutated(both(put("metadata", "status", "in_force"), mutate))
        assert "E-BLOCKING-ISSUE" not in {f.code for f in findings}


def test_non_adjudicating_body_with_counterparty_and_consensus_is_fine():
    assert "W-COUNTERPARTY-VETO" not in {f.code for f in lint_data(BASE)}
    findings = mutated(put("counterparties", []))  # no counterparty: no veto from UNSC either
    assert "W-COUNTERPARTY-VETO" not in {f.code for f in findings}


def test_bracketed_with_proposer_is_fine():
    findings = mutated(both(put("commitments", 0, "text_status", "bracketed"),
                            put("commitments", 0, "proposed_by", "fr")))
    assert "W-BRACKETED-NO-PROPOSER" not in {f.code for f in findings}


def test_tbd_location_with_options_is_fine():
    findings = mutated(put(*DEP, 6, "location", {"kind": "tbd", "options": ["ukraine_rear_area"]}))
    assert not {"W-LOCATION-TBD", "E-CAVEAT-VIOLATION"} & {f.code for f in findings}


# -- whole-run behaviour --------------------------------------------------------------


def _tolerant(mutation):
    def mutate(d):
        try:
            mutation(d)
        except (KeyError, IndexError, TypeError):  # an earlier mutation removed its target
            pass
    return mutate


def test_every_problem_is_reported_in_one_run_in_document_order():
    first_per_code = {}
    for code, mutation, _ in CASES:
        first_per_code.setdefault(code, _tolerant(mutation))
    mutations = list(first_per_code.values())
    findings = mutated(both(*mutations))
    codes = {f.code for f in findings}
    assert len(codes) >= 35, describe(findings)
    keys = [order_key(f.loc) for f in findings]
    assert keys == sorted(keys)
    assert findings == mutated(both(*mutations))  # deterministic


def test_document_order_follows_the_model():
    assert order_key(("metadata", "status")) < order_key(("parties", 0, "id"))
    assert order_key(("forces", "command_nodes", 5)) < order_key(("forces", "deployments", 0))
    assert order_key(("commitments", 2, "id")) < order_key(("commitments", 10, "id"))


def test_missing_sections_do_not_crash():
    data = copy.deepcopy(MINIMAL)
    data["scope"] = None
    data["forces"] = {"deployments": [{"id": "dep-x", "contributor": "ua", "force_type": "land",
                                       "location": {"kind": "ukraine_rear_area"}, "status": "pledged"}]}
    data["enforcement"] = {"triggers": [{"id": "trg-x", "kind": "ceasefire_violation",
                                         "description": "A breach."}]}
    data["commitments"] = [{"id": "cmt-x", "kind": "other", "providers": ["ua"], "beneficiary": "ua",
                            "summary": "x", "modality": "may", "legal_character": "non_binding"}]
    codes = {f.code for f in lint_data(data)}
    assert {"E-NO-MONITORING", "W-TRIGGER-NO-RESPONSE", "E-DEPLOY-GUARANTOR",
            "W-DEPLOY-BEFORE-CEASEFIRE", "W-DURATION", "E-COMMIT-PROVIDER"} <= codes


# -- the samples ------------------------------------------------------------------------


def _deliberate(name: str) -> set[str]:
    return set().union(*(codes for pattern, codes in DELIBERATE.items()
                         if fnmatch.fnmatch(name, pattern)))


def test_there_are_samples():
    assert {"us-draft.yaml", "coalition-draft.yaml", "minimal.yaml"} <= {p.name for p in SAMPLES}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_triggers_only_deliberate_warnings(path):
    loaded = load_file(path)
    assert loaded.ok, loaded.problems
    findings = lint_data(loaded.data)
    allowed = _deliberate(path.name)
    unexpected = [f for f in findings if f.code not in allowed or f.severity == "error"]
    assert unexpected == [], describe(unexpected)


def test_deliberate_warnings_still_fire():
    """A deliberate warning that no longer fires should be removed from DELIBERATE."""
    for path in SAMPLES:
        codes = {f.code for f in lint_data(load_file(path).data)}
        assert _deliberate(path.name) <= codes, path.name


# -- documentation -----------------------------------------------------------------------


def test_docs_table_is_generated_from_the_registry():
    text = (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in text.splitlines() if line.startswith("|")) + "\n"
    assert table == rules_markdown(), \
        "docs/lint-rules.md is out of date: regenerate the table with python -m termsheet.source.lint"


def test_every_rule_says_how_to_fix_it():
    """`termsheet explain CODE` and the docs table print it."""
    assert [r.code for r in RULES if not r.fix.strip()] == []


def test_every_rule_is_documented():
    text = (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    missing = [r.code for r in RULES if f"| `{r.code}` | {r.severity} |" not in text]
    assert missing == []
