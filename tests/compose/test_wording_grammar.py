"""The grammar of the wording templates: every vocabulary value a prose template can
receive, with singular and plural providers, in each voice (a term sheet, a non-paper,
a position paper), rendered and read for the mistakes generated prose makes.

Also: one text per provision (the drafter's summary, or the sentence built from the
fields, never both) and a position paper read as its drafting party's proposals.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from termsheet.compose import build
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Clause, Footnote, Paragraph, plain_text, walk
from termsheet.document.transforms import apply_transforms
from termsheet.schema import TermSheet, vocab
from termsheet.source.editions import CIRCULATION, INTERNAL
from termsheet.source.validate import validate_file

from samplefixtures import sample

POSITION_PAPER = Path(__file__).parent / "data" / "position-paper.yaml"
DOCUMENT_TYPES = ("term_sheet", "non_paper", "position_paper")
SINGULAR, PLURAL = ["us"], ["us", "eu"]
SUBJECTS = {"us": "the United States of America",
            "us,eu": "the United States of America and the European Union"}


def values(literal) -> tuple[str, ...]:
    return literal.__args__


def nth(literal, index: int) -> str:
    """The values of a vocabulary taken in turn, so every value comes up."""
    options = values(literal)
    return options[index % len(options)]


# ------------------------------------------------------------------ fixtures

def sheet(document_type: str) -> TermSheet:
    """A term sheet with every kind of prose provision, each vocabulary value in turn."""
    data = {
        "schema_version": "1.0",
        "metadata": {"doc_id": "grammar", "title": "Grammar", "document_type": document_type,
                     "version": "0.1.0", "date": "2026-01-01", "drafting_party": "ua",
                     "status": "concept"},
        "parties": [{"id": "ua", "name": "Ukraine", "kind": "state"},
                    {"id": "us", "name": "United States of America", "kind": "state"},
                    {"id": "eu", "name": "European Union", "kind": "international_organization"},
                    {"id": "ru", "name": "Russian Federation", "kind": "state"}],
        "beneficiary": "ua",
        "counterparties": ["ru"],
        "guarantors": [{"party": "us", "tier": "core"}, {"party": "eu", "tier": "core"}],
        "scope": {"activation": {"event": "signature"},
                  "territorial_scope": {"description": "Ukraine."},
                  "relationship_to_other_instruments": [
                      {"id": f"rel-{index}", "instrument": "The Charter",
                       "relation": relation}
                      for index, relation in enumerate(values(vocab.InstrumentRelation))]},
        "commitments": [commitment(index, kind, modality, providers)
                        for index, (kind, modality, providers) in enumerate(itertools.product(
                            values(vocab.CommitmentKind), values(vocab.Modality),
                            (SINGULAR, PLURAL)))],
        "force_limits": [{"id": "lim", "party": "ua", "cap": 800000, "condition": "peacetime"}],
        "monitoring": [{"id": f"mon-{index}", "name": f"Mechanism {index}", "lead": "us",
                        "participants": ["eu"], "kinds": [kind],
                        "tasks": [nth(vocab.MonitoringTask, index)],
                        "reporting": {"cadence": nth(vocab.ReportingCadence, index),
                                      "recipients": ["ua"]}}
                       for index, kind in enumerate(values(vocab.MonitoringKind) * 2)],
        "bodies": [{"id": f"body-{index}", "name": f"Board {index}", "kind": kind,
                    "chair": "us", "members": ["us", "eu"][: 1 + index % 2],
                    "functions": [nth(vocab.BodyFunction, index)],
                    "decision_rule": nth(vocab.DecisionRule, index)}
                   for index, kind in enumerate(values(vocab.BodyKind) * 2)],
        "enforcement": {"triggers": [{"id": f"trg-{index}", "kind": kind, "description": "An attack.",
                                      "qualifiers": [nth(vocab.TriggerQualifier, index)],
                                      "determined_by": "us" if index % 2 else None,
                                      "automatic": bool(index % 2)}
                                     for index, kind in enumerate(values(vocab.TriggerKind))]},
        "territorial_provisions": [
            {"id": f"terr-{index}", "area": "Area", "arrangement": arrangement,
             "requires_referendum": (True, False, None)[index % 3]}
            for index, arrangement in enumerate(values(vocab.TerritorialArrangement))],
        "duration": {"term": "P15Y", "term_alternatives": ["P30Y"], "renewal": "automatic",
                     "termination": [{"id": f"t-{index}", "kind": kind, "channel": channel}
                                     for index, (kind, channel) in enumerate(itertools.product(
                                         values(vocab.TerminationKind), values(vocab.Channel)))]},
        "engagement_plan": [{"id": f"eng-{index}", "step": index + 1, "description": "Talk.",
                             "with_party": "us", "sequencing": sequencing,
                             "russia_signatory": bool(index % 2)}
                            for index, sequencing in enumerate(values(vocab.Sequencing))],
        "open_issues": [{"id": f"oi-{index}", "topic": nth(vocab.IssueTopic, index),
                         "summary": "What is open.", "status": status,
                         "blocking": bool(index % 2)}
                        for index, status in enumerate(values(vocab.IssueStatus) * 2)],
    }
    return TermSheet.model_validate(data)


def commitment(index: int, kind: str, modality: str, providers: list[str]) -> dict:
    return {"id": f"c-{index}", "kind": kind, "providers": providers,
            "beneficiary": None if kind in ("reform", "non_aggression") else "ua",
            "summary": "The drafter's words.", "modality": modality,
            "legal_character": nth(vocab.LegalCharacter, index), "phase": nth(vocab.Phase, index),
            "deadline": "PT24H" if index % 3 else None,
            "deadline_anchor": nth(vocab.DeadlineAnchor, index),
            "deadline_strictness": nth(vocab.Strictness, index),
            "quantity": {"value": 100, "unit": "EUR",
                         "qualifier": nth(vocab.QuantityQualifier, index)} if index % 4 == 0 else None}


def paragraphs(ctx: BuildContext, template, **values) -> list[str]:
    return [plain_text(nodes) for nodes in ctx.say(template, **values)]


def rendered(document_type: str, key_terms: bool = True):
    """(what, providers, text) for every prose paragraph the templates say about the sheet:
    commitments without a summary (the sentence built from their fields), their Terms line,
    and every other prose template."""
    terms = sheet(document_type)
    ctx = BuildContext(terms, None, None)
    for c in terms.commitments:
        bare = c.model_copy(update={"summary": None})
        names = [f"commitment_{c.kind}.j2", "commitment.j2"]
        for text in paragraphs(ctx, names, c=bare, key_terms=key_terms):
            yield f"commitment {c.kind} {c.modality}", c.providers, text
        (line,) = ctx.wording.macros("terms.j2", ("commitment",), ctx, c)
        yield f"terms {c.kind}", (), plain_text(line)
    for p in terms.territorial_provisions:
        for text in paragraphs(ctx, "territorial_provision.j2", p=p, key_terms=key_terms):
            yield f"territorial {p.arrangement}", (), text
        (line,) = ctx.wording.macros("terms.j2", ("territorial_provision",), ctx, p)
        yield f"terms {p.arrangement}", (), plain_text(line)
    for t in terms.enforcement.triggers:
        for text in paragraphs(ctx, "trigger.j2", t=t, key_terms=key_terms):
            yield f"trigger {t.kind}", (), text
        (line,) = ctx.wording.macros("terms.j2", ("trigger",), ctx, t)
        yield f"terms {t.kind}", (), plain_text(line)
    simple = [("force_limit.j2", "limit", terms.force_limits), ("monitoring.j2", "m", terms.monitoring),
              ("body.j2", "b", terms.bodies),
              ("open_issue.j2", "issue", terms.open_issues),
              ("engagement_step.j2", "e", terms.engagement_plan),
              ("related_instrument.j2", "item", terms.scope.relationship_to_other_instruments)]
    for template, name, items in simple:
        for item in items:
            for text in paragraphs(ctx, template, **{name: item}):
                yield template, (), text
    for t in terms.duration.termination:
        for text in paragraphs(ctx, "termination.j2", t=t, term=terms.duration.term):
            yield f"termination {t.kind}", (), text
    for template, values_ in (("duration.j2", {"d": terms.duration}),
                              ("parties.j2", {"sheet": terms, "guarantors": ["us", "eu"]}),
                              ("activation.j2", {"activation": terms.scope.activation}),
                              ("empty.j2", {})):
        for text in paragraphs(ctx, template, **values_):
            yield template, (), text


# ------------------------------------------------------------------ checks

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ENDS_LIST = ("activation.j2",)  # "… subject to the following conditions:" leads into a list


def problems(text: str, providers, document_type: str, what: str) -> list[str]:
    found = []
    if re.search(r"\b(is|are) proposed to\b", text):
        found.append("'proposed to'")
    doubled = re.search(r"\b(\w+) \1\b", text, re.IGNORECASE)
    if doubled:
        found.append(f"doubled word {doubled.group(0)!r}")
    if re.search(r"\bNone\b", text):
        found.append("None")
    if re.search(r"\(\s*\)", text):
        found.append("empty parentheses")
    if re.search(r" [.,;:)]", text):
        found.append("space before punctuation")
    if "  " in text or text != text.strip():
        found.append("stray spaces")
    if not text.endswith(".") and not (what in _ENDS_LIST and text.endswith(":")):
        found.append("no full stop at the end")
    for sentence in _SENTENCE_END.split(text):
        if sentence and not (sentence[0].isupper() or sentence[0].isdigit()):
            found.append(f"sentence starts in lower case: {sentence[:30]!r}")
    if providers:
        found += agreement_problems(text, providers, document_type)
    return found


def agreement_problems(text: str, providers, document_type: str) -> list[str]:
    """The verb after the providers: plural for several; the base form in a proposal."""
    subject = SUBJECTS[",".join(providers)]
    match = re.search(re.escape(subject) + r" (\w+)", text, re.IGNORECASE)
    if match is None:
        return [f"providers {subject!r} not named"]
    verb = match.group(1)
    proposal = document_type != "term_sheet" or text.startswith("It is proposed that")
    if (len(providers) > 1 or proposal) and verb.endswith("s"):
        return [f"verb {verb!r} does not agree with {subject!r}"]
    return []


@pytest.mark.parametrize("key_terms", [True, False], ids=["internal", "circulation"])
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_vocabulary_value_reads_well(document_type, key_terms):
    failures = [f"{what}: {found}: {text}"
                for what, providers, text in rendered(document_type, key_terms)
                for found in [problems(text, providers, document_type, what)] if found]
    assert not failures, "\n".join(failures[:20])


def test_the_checks_catch_what_they_look_for():
    bad = {
        "The United States of America is proposed to refrain from attack.": "'proposed to'",
        "The the force deploys.": "doubled word",
        "The term is None.": "None",
        "The force () deploys.": "empty parentheses",
        "The force deploys .": "space before punctuation",
        "The force  deploys.": "stray spaces",
        "The force deploys": "no full stop",
        "The force deploys. it stays.": "lower case",
    }
    for text, message in bad.items():
        assert any(message in found for found in problems(text, (), "term_sheet", "x")), text
    assert problems("The United States of America and the European Union stands ready to act.",
                    PLURAL, "term_sheet", "x")
    assert problems("Ukraine proposes that the United States of America provides support.",
                    SINGULAR, "position_paper", "x")


def test_every_vocabulary_value_is_rendered():
    """Each commitment kind and modality appears with singular and plural providers."""
    seen = {(what, len(providers)) for what, providers, _ in rendered("term_sheet")
            if what.startswith("commitment ")}
    expected = {(f"commitment {kind} {modality}", count)
                for kind in values(vocab.CommitmentKind) for modality in values(vocab.Modality)
                for count in (1, 2)}
    assert expected <= seen


# ----------------------------------------------------- one text per provision

def clause(doc, id: str) -> Clause:
    return next(node for node in walk(doc) if isinstance(node, Clause) and node.id == id)


def texts(doc, id: str) -> list[tuple[str, str]]:
    return [(block.role, plain_text(block.content)) for block in clause(doc, id).blocks
            if isinstance(block, Paragraph)]


def test_a_summary_is_the_text_and_the_terms_show_in_the_internal_edition():
    result = sample("us-draft")
    commitment = next(c for c in result.sheet.commitments if c.id == "cmt-mnf-support")
    internal = texts(apply_transforms(build(result.sheet, edition=INTERNAL)), commitment.id)
    assert internal[0] == ("body", commitment.summary.strip())
    assert internal[1] == ("provenance", "Terms: given by the United States of America · may · "
                           "logistic support · for the Coalition of the Willing · once a ceasefire "
                           "is in force · politically binding.")
    assert not any("may provide logistic support" in text for _, text in internal)


def test_the_circulation_edition_keeps_the_legal_character_without_a_terms_line():
    result = sample("us-draft")
    doc = apply_transforms(build(result.sheet, edition=CIRCULATION))
    shown = texts(doc, "cmt-mnf-support")
    assert shown[0][1].endswith("as the President decides. This commitment is politically binding.")
    assert not any(text.startswith("Terms:") for _, text in shown)


def test_without_details_the_built_sentence_is_the_text_and_no_terms_line_repeats_it():
    doc = apply_transforms(build(validate_file(POSITION_PAPER, filename="p.yaml").sheet))
    assert texts(doc, "terr-spit")[0] == (
        "body", "Ukraine proposes that this area become a demilitarised zone.")
    assert not any(text.startswith("Terms:") for _, text in texts(doc, "terr-spit"))


# --------------------------------------------------------------- position paper

def test_a_position_paper_states_its_drafting_party_proposals():
    doc = apply_transforms(build(validate_file(POSITION_PAPER, filename="p.yaml").sheet))
    assert texts(doc, "lim-ua")[0][1] == (
        "Ukraine proposes that the strength of the armed forces of Ukraine be limited to "
        "800,000 personnel.")
    issue = " ".join(text for _, text in texts(doc, "oi-duration"))
    assert "Ukraine regards this issue as blocking." in issue
    assert "cannot be signed" not in issue
    assert doc.info.signatories == ()


@pytest.mark.parametrize("document_type, opening", [
    ("position_paper", "Ukraine proposes that the United States of America and the European "
                       "Union provide air defence support to Ukraine"),
    ("non_paper", "It is proposed that the United States of America and the European Union "
                  "provide air defence support to Ukraine"),
    ("term_sheet", "The United States of America and the European Union will provide air "
                   "defence support to Ukraine"),
])
def test_built_commitment_sentences_speak_in_the_document_voice(document_type, opening):
    said = [text for what, providers, text in rendered(document_type)
            if what == "commitment air_defence will" and len(providers) == 2]
    assert said and said[0].startswith(opening)
    if document_type != "term_sheet":
        assert not re.search(r"\b(will|shall)\b", " ".join(said))


def test_an_office_edition_can_show_or_hide_the_terms_line():
    from termsheet.source.editions import BUILTIN, parse_edition

    assert INTERNAL.key_terms and not CIRCULATION.key_terms
    edition = parse_edition("review", {"base": "circulation", "key_terms": True}, dict(BUILTIN))
    assert edition.key_terms and not edition.notes
    assert parse_edition("bad", {"key_terms": "yes"}, dict(BUILTIN)) == (
        "'editions.bad.key_terms' must be true or false")
    doc = apply_transforms(build(sample("us-draft").sheet, edition=edition))
    shown = texts(doc, "cmt-mnf-support")
    assert shown[1][1].startswith("Terms: given by the United States of America")
    assert shown[0][1].endswith("as the President decides.")
    text, terms = clause(doc, "cmt-mnf-support").blocks[:2]
    assert isinstance(text.content[-1], Footnote)  # the sources close the text, not the Terms line
    assert not any(isinstance(node, Footnote) for node in terms.content)
