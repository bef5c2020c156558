"""The builder: TermSheet → Document, through the wording templates.

Goldens: the document model of each sample, as JSON (``to_data``), in
``tests/golden/build/``. After an intended change of wording or structure,
refresh them with ``TERMSHEET_UPDATE_GOLDENS=1`` (see tests/README.md) and
review the diff like any other change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from termsheet.compose import SECTIONS, build, labels
from termsheet.compose.commitments import GROUPS
from termsheet.document.nodes import (
    body_sections,
    Clause, Document, LineBreak, Paragraph, Reference, Row, Table, Term, Text, plain_text, to_data,
    walk,
)
from termsheet.schema import TermSheet, vocab
from termsheet.resources import TemplateSet
from termsheet.document.transforms import apply_transforms
from termsheet.errors import TemplateConfigError

from goldens import GOLDEN, assert_golden
from samplefixtures import SAMPLES, built, sample, sample_data, strip_optional

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ("us-draft", "coalition-draft")


# ------------------------------------------------------------------ helpers

def sheet_from(data: dict) -> TermSheet:
    return TermSheet.model_validate(data)


def document_of(sheet: TermSheet, **options) -> Document:
    return apply_transforms(build(sheet, **options))


def all_text(doc: Document) -> str:
    """Every piece of text the document prints, one per line."""
    parts = [str(value) for value in vars(doc.info).values() if value not in (None, (), False)]
    for node in walk(doc):
        if isinstance(node, (Clause,)):
            parts.append(node.title)
        elif isinstance(node, Table):
            parts.extend(node.header)
            parts.append(node.caption or "")
        elif isinstance(node, (Text, Term)):
            parts.append(node.text)
        elif isinstance(node, Reference):
            parts.append(node.number or "")
    for section in doc.sections:
        parts.append(section.title)
    return "\n".join(parts)


def clause(doc: Document, id: str) -> Clause:
    for node in walk(doc):
        if isinstance(node, Clause) and node.id == id:
            return node
    raise KeyError(id)


def clause_text(doc: Document, id: str, roles=("body",)) -> str:
    """The text of a clause's paragraphs of the given roles (its wording, by default)."""
    return "\n".join(plain_text(block.content) for block in clause(doc, id).blocks
                     if isinstance(block, Paragraph) and block.role in roles)


# ------------------------------------------------------------------ goldens

@pytest.mark.parametrize("name", SAMPLES)
def test_document_model_golden(name):
    data = json.dumps(to_data(built(name)), ensure_ascii=False, indent=1) + "\n"
    assert_golden(GOLDEN / "build" / f"{name}.json", data)


# ------------------------------------------------------- structure, numbers

@pytest.mark.parametrize("name", SAMPLES)
def test_sections_are_fixed(name):
    sections = body_sections(built(name))  # the annexes, if any, follow them
    assert [s.id for s in sections] == [id for id, _ in SECTIONS]
    assert [s.title for s in sections] == [
        "Parties and roles", "Purpose and scope", "Commitments", "Force posture",
        "Monitoring and verification", "Response to violations and attack",
        "Territorial arrangements", "Final provisions", "Open issues", "Sources and provenance"]
    assert [s.number for s in sections] == [str(n) for n in range(1, 11)]
    for section in sections:
        assert section.children, f"section {section.number} is empty"


def test_empty_section_says_it_is_not_addressed():
    doc = built("minimal")
    commitments = doc.sections[2]
    assert [plain_text(p.content) for p in commitments.children] == ["Not addressed in this text."]


def _numbers(doc: Document) -> dict[str, str]:
    numbers = {s.id: s.number for s in doc.sections}
    numbers.update({node.id: node.number for node in walk(doc) if isinstance(node, Clause)})
    return numbers


def test_numbering_same_in_both_drafts_for_every_shared_section():
    us, cow = (_numbers(built(name)) for name in DRAFTS)
    minimal = _numbers(built("minimal"))
    fixed = [id for id in minimal if not id.startswith("sec_")]
    # sections, and the fixed clauses every version has, carry the same numbers everywhere
    for id in [s for s, _ in SECTIONS] + fixed:
        assert us[id] == cow[id] == minimal[id], id


def test_clause_numbers_run_within_their_section():
    for name in SAMPLES:
        for section in built(name).sections:
            clauses = [c for c in section.children if isinstance(c, Clause)]
            assert [c.number for c in clauses] == [f"{section.number}.{n}"
                                                   for n in range(1, len(clauses) + 1)]


@pytest.mark.parametrize("name", SAMPLES)
def test_ids_are_unique(name):
    ids = [node.id for node in walk(built(name)) if getattr(node, "id", None)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def _provision_ids(sheet: TermSheet) -> set[str]:
    forces, enforcement, duration = sheet.forces, sheet.enforcement, sheet.duration
    items = [*sheet.commitments, *sheet.force_limits, *sheet.monitoring, *sheet.bodies,
             *sheet.territorial_provisions, *sheet.open_issues, *sheet.sources,
             *sheet.engagement_plan]
    if forces:
        items += [*forces.command_nodes, *forces.deployments]
    if enforcement:
        items += [*enforcement.triggers, *enforcement.responses]
    if duration:
        items += duration.termination
    if sheet.scope:
        items += sheet.scope.relationship_to_other_instruments
    return {item.id for item in items}


@pytest.mark.parametrize("name", SAMPLES)
def test_every_provision_keeps_its_id_and_origin(name):
    doc = built(name)
    nodes = {node.id: node for node in walk(doc)
             if isinstance(node, (Clause, Paragraph, Row)) and node.id}
    for id in _provision_ids(sample(name).sheet):
        assert id in nodes, f"{id} is missing from the document"
        origin = nodes[id].origin
        assert origin is not None and origin.file == f"samples/{name}.yaml", id
        assert origin.line and origin.column, id


def test_origin_paths_point_at_the_yaml():
    doc = built("us-draft")
    sheet = sample("us-draft").sheet
    index = next(i for i, c in enumerate(sheet.commitments) if c.id == "cmt-consult")
    assert clause(doc, "cmt-consult").origin.path == f"commitments[{index}]"
    row = next(n for n in walk(doc) if isinstance(n, Row) and n.id == "rsp-consult")
    assert row.origin.path.startswith("enforcement.responses[")
    text = (ROOT / "samples" / "us-draft.yaml").read_text("utf-8").splitlines()
    origin = clause(doc, "cmt-consult").origin
    assert "cmt-consult" in text[origin.line - 1]


def test_positions_callable_is_accepted():
    sheet = sample("minimal").sheet
    doc = build(sheet, source_file="x.yaml", positions=lambda loc: (7, 3) if loc == ("parties",) else None)
    parties = clause(doc, "parties_list")
    assert (parties.origin.file, parties.origin.path, parties.origin.line, parties.origin.column) \
        == ("x.yaml", "parties", 7, 3)
    assert clause(doc, "scope_purpose").origin.line is None


def test_commitments_grouped_in_domain_order():
    doc = built("coalition-draft")
    section = doc.sections[2]
    headings = [plain_text(c.content) for c in section.children
                if isinstance(c, Paragraph) and c.role == "subheading"]
    order = [title for title, _ in GROUPS] + ["Force limits"]
    assert headings == [title for title in order if title in headings]
    assert headings[0] == "Defence and security" and headings[-1] == "Force limits"
    kinds = {c.id: c.kind for c in sample("coalition-draft").sheet.commitments}
    group_of = {kind: title for title, group_kinds in GROUPS for kind in group_kinds}
    current = None
    for child in section.children:
        if isinstance(child, Paragraph):
            current = plain_text(child.content)
        elif child.id in kinds:
            assert group_of[kinds[child.id]] == current, child.id


# ------------------------------------------------------------------ header

def test_header_info():
    info = built("us-draft").info
    assert info.title.startswith("Security Protocols for Ukraine")
    assert info.document_type == "Term sheet"
    assert info.status == "Negotiating draft"
    assert info.drafting_party == "United States of America"
    assert info.supersedes == "Version 0.2.0"
    assert info.marking == "UNCLASSIFIED"
    assert "ILLUSTRATIVE — NOT A REAL DOCUMENT" in info.handling
    assert info.illustrative and info.disclaimer and not info.disclaimer.endswith("\n")
    assert info.source_file == "samples/us-draft.yaml"


def test_marking_line_joins_level_and_caveats():
    data = sample_data("minimal")
    data["metadata"]["marking"] = {"scheme": "uk", "level": "OFFICIAL-SENSITIVE",
                                   "caveats": ["UK/US EYES ONLY"], "handling": ["ILLUSTRATIVE"]}
    info = build(sheet_from(data)).info
    assert info.marking == "OFFICIAL-SENSITIVE – UK/US EYES ONLY"


def test_cyrillic_title_localized_preserved():
    info = built("us-draft").info
    localized = dict(info.title_localized)
    original = sample("us-draft").sheet.metadata.title_localized["uk"]
    assert localized["uk"] == original
    assert "Протоколи безпеки для України" in localized["uk"]


# ------------------------------------------------------------------ wording

def without_summaries(sheet: TermSheet) -> TermSheet:
    """``sheet`` with its commitments' summaries taken out (the sentence built from their
    fields is then their text)."""
    commitments = tuple(c.model_copy(update={"summary": None}) for c in sheet.commitments)
    return sheet.model_copy(update={"commitments": commitments})


def test_consultation_reads_like_a_consultation_clause():
    text = clause_text(document_of(without_summaries(sample("us-draft").sheet)), "cmt-consult")
    assert ("the United States of America will consult Ukraine, where possible within "
            "24 hours of a request.") in text
    assert "This commitment is politically binding." in text


@pytest.mark.parametrize("modality, plural, verb", [
    ("may", False, "may"), ("stands_ready", False, "stands ready to"),
    ("stands_ready", True, "stand ready to"), ("intends", False, "intends to"),
    ("intends", True, "intend to"), ("will", True, "will"), ("shall", False, "shall"),
])
def test_modality_verbs(modality, plural, verb):
    data = sample_data("us-draft")
    commitment = next(c for c in data["commitments"] if c["id"] == "cmt-intel")
    commitment["modality"] = modality
    commitment["providers"] = ["us", "eu"] if plural else ["us"]
    text = clause_text(document_of(without_summaries(sheet_from(data))), "cmt-intel")
    subject = "The United States of America and the European Union" if plural else \
        "The United States of America"
    assert f"{subject} {verb} share intelligence with Ukraine" in text


@pytest.mark.parametrize("plural", [False, True])
def test_a_proposed_commitment_reads_as_a_proposal(plural):
    data = sample_data("us-draft")
    commitment = next(c for c in data["commitments"] if c["id"] == "cmt-intel")
    commitment["modality"] = "proposed"
    commitment["providers"] = ["us", "eu"] if plural else ["us"]
    text = clause_text(document_of(without_summaries(sheet_from(data))), "cmt-intel")
    subject = "the United States of America and the European Union" if plural else \
        "the United States of America"
    assert text.startswith(f"It is proposed that {subject} share intelligence with Ukraine")
    assert "proposed to" not in text


@pytest.mark.parametrize("value, words", [
    ("PT24H", "24 hours"), ("PT1H", "1 hour"), ("P6M", "6 months"), ("P15Y", "15 years"),
    ("P1Y6M", "1 year and 6 months"), ("P60D", "60 days"), ("PT1H30M", "1 hour and 30 minutes"),
    ("P2W", "2 weeks"), ("P0D", "no delay"),
])
def test_durations_in_words(value, words):
    assert labels.duration(value) == words


def test_enum_values_in_words():
    assert labels.words("co_lead", "role") == "co-lead"
    assert labels.words("ukraine_rear_area", "location") == "rear area inside Ukraine"
    assert labels.words("where_possible", "strictness") == "where possible"


_VOCABULARIES = {
    "role": vocab.GuarantorRole, "domain": vocab.Domain, "tier": vocab.Tier,
    "caveat": vocab.CaveatCode, "commitment_kind": vocab.CommitmentKind, "phase": vocab.Phase,
    "modality": vocab.Modality, "legal_character": vocab.LegalCharacter,
    "quantity_qualifier": vocab.QuantityQualifier, "force_type": vocab.ForceType,
    "mission": vocab.Mission, "location": vocab.LocationKind,
    "deployment_status": vocab.DeploymentStatus, "timing_anchor": vocab.TimingAnchor,
    "command_level": vocab.CommandLevel, "monitoring_kind": vocab.MonitoringKind,
    "monitoring_task": vocab.MonitoringTask, "cadence": vocab.ReportingCadence,
    "body_kind": vocab.BodyKind, "body_function": vocab.BodyFunction,
    "decision_rule": vocab.DecisionRule, "trigger_kind": vocab.TriggerKind,
    "qualifier": vocab.TriggerQualifier, "action": vocab.ResponseAction,
    "deadline_anchor": vocab.DeadlineAnchor, "strictness": vocab.Strictness,
    "start_event": vocab.StartEvent, "renewal": vocab.Renewal,
    "termination_kind": vocab.TerminationKind, "channel": vocab.Channel,
    "instrument": vocab.RatificationInstrument, "ratification_status": vocab.RatificationStatus,
    "precondition": vocab.PreconditionKind, "sequencing": vocab.Sequencing,
    "relation": vocab.InstrumentRelation, "arrangement": vocab.TerritorialArrangement,
    "topic": vocab.IssueTopic, "issue_status": vocab.IssueStatus, "stance": vocab.Stance,
    "basis": vocab.Basis, "source_kind": vocab.SourceKind, "reliability": vocab.Reliability,
    "document_type": vocab.DocumentType, "document_status": vocab.DocumentStatus,
    "party_kind": vocab.PartyKind, "text_status": vocab.TextStatus,
}


@pytest.mark.parametrize("vocabulary", sorted(_VOCABULARIES))
def test_every_vocabulary_value_has_words(vocabulary):
    values = _VOCABULARIES[vocabulary].__args__
    missing = [value for value in values if value not in labels.WORDS[vocabulary]]
    assert not missing, f"{vocabulary}: no words for {missing}"
    assert all("_" not in labels.words(value, vocabulary) for value in values)


def test_bracketed_text_is_printed_in_brackets_with_its_proposer():
    text = clause_text(built("us-draft"), "cmt-air-support")
    assert text.startswith("[US: Possible US air support to the multinational force")
    assert text.rstrip().endswith("Scope not decided.]")
    assert clause(built("us-draft"), "cmt-air-support").status == "bracketed"


def test_alternative_and_for_discussion_are_labelled():
    doc = built("us-draft")
    assert clause_text(doc, "terr-north-withdrawal").startswith("[For discussion, UA: ")
    data = sample_data("minimal")
    data["duration"] = {"term": "P10Y", "text_status": "alternative", "proposed_by": "ua"}
    text = clause_text(document_of(sheet_from(data)), "final_duration")
    assert text.startswith("[Alternative, UA: The arrangement remains in force for 10 years")
    assert "Proposed by" not in text


def test_bracketed_table_row():
    doc = built("us-draft")
    row = next(n for n in walk(doc) if isinstance(n, Row) and n.id == "dep-us-implementation-presence")
    assert plain_text(row.cells[0].content).startswith("[US: United States of America")
    assert plain_text(row.cells[-1].content).endswith("]")
    assert "Proposed by" not in plain_text(row.cells[-1].content)


def test_names_printed_instead_of_ids():
    doc = built("us-draft")
    text = all_text(doc)
    sheet = sample("us-draft").sheet
    prose = "\n".join(plain_text(p.content) for p in walk(doc) if isinstance(p, Paragraph))
    words = set(re.findall(r"[\w-]+", prose))
    ids = {party.id for party in sheet.parties if len(party.id) > 2}
    ids |= {item.id for item in (*sheet.bodies, *sheet.monitoring, *sheet.forces.command_nodes,
                                 *sheet.enforcement.triggers, *sheet.sources)}
    assert not ids & words
    assert "Special Commission" in text
    terms = [n.text for n in walk(doc) if isinstance(n, Term)]
    assert "Special Commission" in terms


def test_sources_are_cross_references_to_source_clauses():
    doc = built("us-draft")
    numbers = {c.id: c.number for c in walk(doc) if isinstance(c, Clause)}
    consult = clause(doc, "cmt-consult")
    refs = [n for b in consult.blocks if isinstance(b, Paragraph) for n in b.content
            if isinstance(n, Reference)]
    assert refs and all(r.target.startswith("src-") for r in refs)
    assert all(r.number == numbers[r.target] and r.number.startswith("10.") for r in refs)
    provenance = [b for b in consult.blocks if isinstance(b, Paragraph) and b.role == "provenance"]
    assert plain_text(provenance[-1].content) == f"Basis: reported. Source: {refs[0].number}."


def test_notes_are_note_paragraphs():
    consult = clause(built("us-draft"), "cmt-consult")
    notes = [b for b in consult.blocks if isinstance(b, Paragraph) and b.role == "note"]
    assert len(notes) == 1 and plain_text(notes[0].content).startswith("Note: Same wording")


def test_ladder_table_per_trigger():
    doc = built("coalition-draft")
    trigger = clause(doc, "trg-major-attack")
    table = next(b for b in trigger.blocks if isinstance(b, Table))
    assert table.header == ("Actors", "Action", "Deadline", "Runs from", "Strictness",
                            "Authority", "Basis")
    deadlines = [plain_text(row.cells[2].content) for row in table.rows]
    assert deadlines[:3] == ["24 hours", "48 hours", "72 hours"]
    by_id = {step.id: step.order for step in sample("coalition-draft").sheet.enforcement.responses}
    orders = [by_id[row.id] for row in table.rows if row.id]
    assert orders == sorted(orders)  # the rows follow the steps' order; letters number them


def test_shared_response_step_keeps_its_id_once():
    doc = built("coalition-draft")
    ids = [row.id for row in walk(doc) if isinstance(row, Row) and row.id == "rsp-us-response"]
    assert ids == ["rsp-us-response"]


def test_deployments_table_columns():
    doc = built("us-draft")
    table = next(b for b in clause(doc, "forces_deployments").blocks if isinstance(b, Table))
    assert table.header[:7] == ("Contributor", "Type", "Mission", "Location", "Strength", "Status",
                                "Timing")
    rows = {row.id: [plain_text(c.content) for c in row.cells] for row in table.rows}
    assert rows["dep-us-ground-combat"][5] == "Ruled out"
    assert rows["dep-fr-land"][3].startswith("Rear area inside Ukraine")


def test_termination_refers_to_the_trigger_clause():
    doc = built("us-draft")
    number = clause(doc, "trg-beneficiary-attack").number
    assert f"as set out in {number}." in clause_text(doc, "final_termination")


# ------------------------------------------------------------ user data safety

TEMPLATE_CODE = "{{ 7*7 }} {% raw %}x{% endraw %} {# c #} \ue000{{ 1 }}\ue001"


def test_user_data_is_never_rendered_as_a_template():
    data = sample_data("us-draft")
    data["commitments"][0]["summary"] = TEMPLATE_CODE
    data["commitments"][0]["title"] = TEMPLATE_CODE
    data["commitments"][0]["notes"] = TEMPLATE_CODE
    data["parties"][0]["name"] = "Ukraine {{ 7*7 }}"
    data["territorial_provisions"][0]["area"] = "{% raw %}"
    doc = document_of(sheet_from(data))
    text = all_text(doc)
    assert text.count(TEMPLATE_CODE) >= 3
    assert "Ukraine {{ 7*7 }}" in text and "{% raw %}" in text
    assert not re.search(r"\b49\b", text)


def test_private_use_characters_cannot_forge_markers():
    data = sample_data("minimal")
    forged = "\ue0000123456789abcdef0:0\ue001 \ue000" + "a" * 16 + ":1\ue001"
    data["scope"] = {"purpose": forged, "activation": {"event": "signature"},
                     "territorial_scope": {"description": forged}}
    doc = document_of(sheet_from(data))
    assert clause_text(doc, "scope_purpose") == forged
    assert clause_text(doc, "scope_territory").startswith(forged)


def test_user_line_breaks_become_line_breaks():
    data = sample_data("minimal")
    data["scope"] = {"purpose": "First line\nsecond line\r\nthird\rfourth\n",
                     "activation": {"event": "signature"},
                     "territorial_scope": {"description": "All of it."}}
    paragraph = clause(document_of(sheet_from(data)), "scope_purpose").blocks[0]
    assert paragraph.content == (Text("First line"), LineBreak(), Text("second line"), LineBreak(),
                                 Text("third"), LineBreak(), Text("fourth"))


def _optional_free(data):
    """The sample with every optional field it can lose removed (see test_properties)."""
    return strip_optional(data, TermSheet)


@pytest.mark.parametrize("name", SAMPLES)
def test_no_none_and_no_codes_with_optionals_missing(name):
    for doc in (built(name), document_of(sheet_from(_optional_free(sample_data(name))))):
        text = all_text(doc)
        assert "None" not in text
        assert "Undefined" not in text
        prose = "\n".join(plain_text(p.content) for p in walk(doc) if isinstance(p, Paragraph))
        prose = "\n".join(line for line in prose.splitlines() if "http" not in line)
        assert "_" not in prose


def test_sparse_provisions_build():
    """Every kind of provision with only its required fields."""
    data = sample_data("minimal")
    data["parties"] += [{"id": "us", "name": "United States", "kind": "state"}]
    data["scope"] = {"activation": {"event": "signature"},
                     "territorial_scope": {"description": "Ukraine."}}
    data["commitments"] = [
        {"id": f"c-{kind.replace('_', '-')}", "kind": kind, "providers": ["us"],
         "beneficiary": "ua", "summary": "Summary.", "modality": "will",
         "legal_character": "politically_binding"}
        for kind in vocab.CommitmentKind.__args__]
    data["commitments"].append(  # a beneficiary may be left out for non-aggression and reform
        {"id": "c-no-beneficiary", "kind": "non_aggression", "providers": ["us"],
         "summary": "Summary.", "modality": "shall", "legal_character": "legally_binding"})
    data["force_limits"] = [{"id": "lim", "party": "ua", "cap": 1}]
    data["forces"] = {"total_strength": {}, "command_nodes": [
        {"id": "cmd", "name": "HQ", "lead": "us", "location": {"kind": "tbd"}}],
        "deployments": [{"id": "dep", "contributor": "us", "force_type": "land",
                         "location": {"kind": "tbd"}, "status": "proposed"}]}
    data["monitoring"] = [{"id": "mon", "name": "Mechanism", "lead": "us"}]
    data["bodies"] = [{"id": "body", "name": "Board", "kind": "peace_council"}]
    data["enforcement"] = {"triggers": [{"id": "trg", "kind": "armed_attack", "description": "D."}],
                           "responses": [{"id": "rsp", "trigger_refs": ["trg"], "order": 1,
                                          "actors": [], "action": "consultations"},
                                         {"id": "rsp-x", "trigger_refs": ["nowhere"], "order": 1,
                                          "actors": ["us"], "action": "armed_force"}]}
    data["duration"] = {"termination": [{"id": f"t-{k.replace('_', '-')}", "kind": k}
                                        for k in vocab.TerminationKind.__args__]}
    data["ratification"] = [{"party": "ua", "instrument": "referendum",
                             "preconditions": [{"kind": "ceasefire_duration"}]}]
    data["engagement_plan"] = [{"id": "eng", "step": 1, "description": "D.", "with_party": "us",
                                "sequencing": "before_counterparty"}]
    data["territorial_provisions"] = [{"id": f"terr-{a.replace('_', '-')}", "area": "Area",
                                       "arrangement": a}
                                      for a in vocab.TerritorialArrangement.__args__]
    data["open_issues"] = [{"id": "oi", "topic": "other", "summary": "S.", "status": "open"}]
    data["sources"] = [{"id": "src", "title": "T", "publisher": "P", "kind": "analysis",
                        "reliability": "low"}]
    doc = document_of(sheet_from(data))
    text = all_text(doc)
    assert "None" not in text
    assert "the aggressor" in text  # no counterparty named
    assert "Response steps without a listed trigger" in text  # nothing silently dropped
    assert clause_text(doc, "c-no-beneficiary") == "Summary."
    assert clause_text(doc, "c-no-beneficiary", roles=("provenance",)).startswith(
        "Terms: given by the United States · shall · non-aggression · legally binding.")
    bare = clause_text(document_of(without_summaries(sheet_from(data))), "c-no-beneficiary")
    assert bare.startswith("The United States shall refrain from any armed attack on Ukraine.")
    prose = "\n".join(plain_text(p.content) for p in walk(doc) if isinstance(p, Paragraph))
    assert "_" not in prose


# ---------------------------------------------------------- template override

def test_templates_override_one_template(tmp_path):
    (tmp_path / "wording").mkdir()
    (tmp_path / "wording" / "force_limit.j2").write_text(
        "OVERRIDDEN: {{ limit.party | actor }} may keep {{ limit.cap | number }} {{ '{{ 7*7 }}' }}.",
        encoding="utf-8")
    doc = document_of(sample("us-draft").sheet, templates=TemplateSet(tmp_path))
    text = clause_text(doc, "lim-ua-peacetime")
    assert text.startswith("OVERRIDDEN: Ukraine may keep 800,000 {{ 7*7 }}.")
    # everything else falls back to the packaged wording
    assert clause_text(doc, "cmt-consult") == clause_text(built("us-draft"), "cmt-consult")


def test_kind_specific_commitment_template_can_be_added(tmp_path):
    (tmp_path / "wording").mkdir()
    (tmp_path / "wording" / "commitment_intelligence_sharing.j2").write_text(
        "{{ c.providers | actors(start=True) }} {{ c.modality | verb(c.providers) }} share "
        "intelligence.\n\n{{ c.summary }}\n", encoding="utf-8")
    doc = document_of(sample("us-draft").sheet, templates=TemplateSet(tmp_path))
    assert clause_text(doc, "cmt-intel").startswith(
        "The United States of America will share intelligence.\nThe United States shares")


@pytest.mark.parametrize("source, message", [
    ("{{ limit.condition }} {{ limit.nothing }}", "nothing"),
    ("{{ none }}", "None"),
    ("{{ true }}", "flag"),
])
def test_broken_templates_fail_loudly(tmp_path, source, message):
    (tmp_path / "wording").mkdir()
    (tmp_path / "wording" / "force_limit.j2").write_text(source, encoding="utf-8")
    data = sample_data("us-draft")
    with pytest.raises(TemplateConfigError, match=message) as caught:
        build(sheet_from(data), templates=TemplateSet(tmp_path))
    assert caught.value.message.startswith(f"{(tmp_path / 'wording' / 'force_limit.j2').as_posix()}:1: ")


def test_missing_optional_printed_unguarded_is_an_error(tmp_path):
    (tmp_path / "wording").mkdir()
    (tmp_path / "wording" / "force_limit.j2").write_text("{{ limit.condition }}", encoding="utf-8")
    data = sample_data("us-draft")
    del data["force_limits"][0]["condition"]
    with pytest.raises(TemplateConfigError, match="None"):
        build(sheet_from(data), templates=TemplateSet(tmp_path))


def test_build_does_not_change_its_input():
    sheet = sample("us-draft").sheet
    before = sheet.model_dump()
    build(sheet)
    assert sheet.model_dump() == before


def test_wording_templates_never_mark_data_safe():
    for path in (ROOT / "templates" / "wording").glob("*.j2"):
        text = path.read_text("utf-8")
        assert not re.search(r"\|\s*safe\b|Markup|autoescape", text), path.name
