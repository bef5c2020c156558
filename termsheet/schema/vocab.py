"""Controlled vocabularies of the term-file format.

Each vocabulary is a tuple of allowed values. Where the domain gives a strength
order (modality, legal character, deployment status, strictness), the tuple is
written weakest first, so ``index()`` gives the order a comparison needs.
:func:`code_words` reads a code as plain words.
"""

import re
from typing import Literal

MODALITIES = ("proposed", "may", "stands_ready", "intends", "will", "shall")
LEGAL_CHARACTERS = (
    "non_binding",
    "declaration_of_intent",
    "politically_binding",
    "legally_binding_subject_to_ratification",
    "legally_binding",
)
DEPLOYMENT_STATUSES = ("ruled_out", "under_consideration", "proposed", "conditional", "pledged")
STRICTNESSES = ("none", "where_possible", "hard", "immediately")
TEXT_STATUSES = ("bracketed", "alternative", "for_discussion", "agreed")

Modality = Literal[MODALITIES]
LegalCharacter = Literal[LEGAL_CHARACTERS]
DeploymentStatus = Literal[DEPLOYMENT_STATUSES]
Strictness = Literal[STRICTNESSES]
TextStatus = Literal[TEXT_STATUSES]

Basis = Literal["reported", "paraphrased_official", "illustrative", "inferred"]

DocumentType = Literal[
    "term_sheet", "non_paper", "position_paper", "framework_draft", "declaration",
    "declaration_of_intent", "bilateral_agreement", "memorandum", "joint_statement",
]
DocumentStatus = Literal[
    "concept", "working_draft", "negotiating_draft", "ad_referendum", "initialled",
    "agreed_text", "signed", "in_force", "superseded", "withdrawn",
]
MarkingScheme = Literal["none", "us", "uk", "nato", "eu"]
PartyKind = Literal["state", "international_organization", "coalition"]

GuarantorRole = Literal["lead", "co_lead", "backstop", "contributor", "observer"]
Domain = Literal[
    "overall", "monitoring", "reassurance_force", "land", "air", "air_defence", "maritime",
    "regeneration", "logistics", "financing", "sanctions", "intelligence",
]
Tier = Literal["core", "broader"]
CaveatCode = Literal[
    "no_forces_in_ukraine", "no_ground_troops_in_ukraine", "no_ground_combat_troops_in_ukraine",
    "away_from_contact_line", "parliamentary_approval_required", "congressional_approval_sought",
    "post_ceasefire_only", "other",
]

CommitmentKind = Literal[
    "consultation", "intelligence_sharing", "military_assistance", "defence_financing",
    "financial_support", "defence_industrial_cooperation", "training", "force_regeneration",
    "force_level_support", "air_policing", "air_defence", "maritime_security",
    "reassurance_presence", "prepositioning", "ceasefire_monitoring", "logistics_support",
    "armed_response", "sanctions", "sanctions_snapback", "asset_immobilisation",
    "diplomatic_action", "cyber_defence", "reconstruction", "eu_accession_support",
    "nato_accession_support", "non_recognition", "non_aggression", "reform", "other",
]
Phase = Literal["any", "pre_ceasefire", "post_ceasefire", "post_attack"]
QuantityQualifier = Literal["peacetime_cap", "peacetime_level", "minimum", "maximum", "approximate", "exact"]

ForceType = Literal[
    "land", "air", "maritime", "air_defence", "special_operations", "training_mission",
    "logistics", "isr_technical", "engineering_demining", "liaison", "headquarters",
]
Mission = Literal[
    "reassurance", "deterrence", "regeneration_training", "monitoring", "air_policing",
    "maritime_security", "infrastructure_protection", "border_control", "command_and_control",
    "logistics",
]
LOCATIONS_INSIDE_UKRAINE = (
    "ukraine_rear_area", "ukraine_urban_hub", "ukraine_contact_line_zone",
    "demilitarized_zone", "ukraine_airspace", "ukraine_territorial_waters",
)
LocationKind = Literal[
    LOCATIONS_INSIDE_UKRAINE
    + ("black_sea_international_waters", "neighbouring_nato_territory",
       "third_country_headquarters", "remote_or_space_based", "tbd")
]
TimingAnchor = Literal[
    "signature", "ceasefire_in_force", "peace_agreement_in_force", "entry_into_force",
    "ratification_complete",
]
CommandLevel = Literal["strategic", "operational", "tactical"]

MonitoringKind = Literal[
    "technical_remote", "on_site_observers", "armed_verification_force", "joint_commission",
    "liaison_coordination_centre", "early_warning_system", "hotline",
]
MonitoringTask = Literal[
    "detect", "verify", "investigate", "attribute", "report", "adjudicate",
    "recommend_remedies", "de_escalate", "facilitate_dialogue", "early_warning",
]
ReportingCadence = Literal["real_time", "daily", "weekly", "monthly", "on_request", "on_incident"]
BodyKind = Literal[
    "special_commission", "peace_council", "joint_monitoring_commission", "coordination_cell",
    "working_group", "contact_group",
]
BodyFunction = Literal[
    "adjudicate", "attribute", "recommend_remedies", "oversee_implementation", "coordinate",
    "deconflict", "de_escalate", "report", "facilitate_dialogue",
]
DecisionRule = Literal[
    "consensus", "unanimity", "majority", "qualified_majority", "chair_decides",
    "lead_nation_decides", "not_specified",
]

TriggerKind = Literal[
    "armed_attack", "threat_of_armed_attack", "qualified_armed_attack", "ceasefire_violation",
    "persistent_ceasefire_violation", "attack_on_guarantor_forces", "air_or_missile_strike",
    "hybrid_or_cyber_attack", "maritime_interdiction", "beneficiary_initiated_attack",
    "non_withdrawal", "other",
]
TriggerQualifier = Literal[
    "significant", "deliberate", "sustained", "across_ceasefire_line", "armed",
    "unprovoked", "large_scale", "attributed", "repeated",
]
ResponseAction = Literal[
    "consultations", "diplomatic_warning", "attribution_finding", "self_defence",
    "coalition_force_activation", "reinforcement", "intelligence_support", "logistics_support",
    "air_support", "armed_force", "sanctions_snapback", "additional_sanctions",
    "additional_military_assistance", "unsc_referral", "revoke_benefits", "suspend_guarantee",
]
DeadlineAnchor = Literal[
    "from_breach_detection", "from_request", "from_attribution", "from_previous_step",
    "from_signature", "from_ceasefire",
]

StartEvent = TimingAnchor
Renewal = Literal["none", "automatic", "mutual_written_agreement", "by_decision_of_parties"]
TerminationKind = Literal["notice", "event", "breach_by_beneficiary", "mutual_consent", "expiry"]
Channel = Literal["diplomatic", "written_notice", "depositary"]
RatificationInstrument = Literal[
    "treaty_ratification", "congressional_approval", "executive_agreement",
    "parliamentary_vote", "referendum", "none",
]
RatificationStatus = Literal["not_started", "pending", "in_progress", "complete", "not_required"]
PreconditionKind = Literal["ceasefire_duration", "signature", "ratification_by_other_party", "other"]
Sequencing = Literal["before_counterparty", "parallel_to_allied_agreement", "after_allied_agreement"]
InstrumentRelation = Literal[
    "complements", "coordinates_with", "in_addition_to", "implements", "supersedes",
    "subordinate_to", "merges_into",
]

TerritorialArrangement = Literal[
    "line_of_contact_frozen", "demilitarized_zone", "free_economic_zone",
    "withdrawal_by_beneficiary", "withdrawal_by_counterparty", "de_facto_recognition",
    "non_recognition", "decision_reserved_to_beneficiary", "international_administration",
]
IssueTopic = Literal[
    "territory", "nuclear_plant", "foreign_troop_presence", "us_role", "guarantee_duration",
    "guarantee_trigger", "russia_consent", "nato_membership", "force_cap", "frozen_assets",
    "sanctions_relief", "elections_referendum", "monitoring_composition", "other",
]
IssueStatus = Literal["open", "narrowing", "agreed_in_principle", "agreed", "parked", "dropped"]
Stance = Literal[
    "supports", "opposes", "conditional", "proposes", "proposes_alternative", "undecided", "unknown",
]
SourceKind = Literal[
    "official_text", "official_summary", "leaked_draft_reported", "press_report",
    "aggregator_or_mirror", "state_media", "analysis", "reference_work",
]
Reliability = Literal["high", "medium", "low"]


def code_words(code: str) -> str:
    """A code as plain words, underscores read as spaces: ``stands_ready`` → ``stands ready``.

    For vocabulary values and keys that have no words of their own.
    """
    return code.replace("_", " ")


_CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


def is_code(value: str) -> bool:
    """Whether ``value`` looks like a vocabulary code: lower-case words joined by ``_``."""
    return _CODE.match(value) is not None


def value_words(value):
    """A value as printed: a vocabulary code as words (``negotiating_draft`` →
    ``negotiating draft``), anything else as it is."""
    return code_words(value) if isinstance(value, str) and is_code(value) else value
