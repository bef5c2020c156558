"""Words for the controlled vocabularies, durations, numbers and amounts.

Every enum value of the term-file format has its words here, written to be
used inside a sentence (lower case unless a proper noun); `cap` capitalises
them for table cells and headings. A value missing from a table falls back to
its spelling with spaces for underscores, so a new vocabulary value never
prints an underscore.
"""

from __future__ import annotations

from termsheet.schema.types import DURATION_UNITS, duration_parts
from termsheet.schema.vocab import code_words

WORDS: dict[str, dict[str, str]] = {
    "document_type": {
        "term_sheet": "term sheet", "non_paper": "non-paper", "position_paper": "position paper",
        "framework_draft": "framework draft", "declaration": "declaration",
        "declaration_of_intent": "declaration of intent",
        "bilateral_agreement": "bilateral agreement", "memorandum": "memorandum",
        "joint_statement": "joint statement",
    },
    "document_status": {
        "concept": "concept", "working_draft": "working draft",
        "negotiating_draft": "negotiating draft", "ad_referendum": "agreed ad referendum",
        "initialled": "initialled", "agreed_text": "agreed text", "signed": "signed",
        "in_force": "in force", "superseded": "superseded", "withdrawn": "withdrawn",
    },
    "party_kind": {
        "state": "state", "international_organization": "international organisation",
        "coalition": "coalition",
    },
    "role": {
        "lead": "lead", "co_lead": "co-lead", "backstop": "backstop",
        "contributor": "contributor", "observer": "observer",
    },
    "domain": {
        "overall": "overall", "monitoring": "monitoring", "reassurance_force": "reassurance force",
        "land": "land", "air": "air", "air_defence": "air defence", "maritime": "maritime",
        "regeneration": "force regeneration", "logistics": "logistics", "financing": "financing",
        "sanctions": "sanctions", "intelligence": "intelligence",
    },
    "tier": {"core": "core", "broader": "broader"},
    "modality": {
        "proposed": "proposed", "may": "may", "stands_ready": "stands ready",
        "intends": "intends", "will": "will", "shall": "shall",
    },
    "legal_character": {
        "non_binding": "not binding",
        "declaration_of_intent": "a declaration of intent",
        "politically_binding": "politically binding",
        "legally_binding_subject_to_ratification":
            "legally binding, subject to national ratification procedures",
        "legally_binding": "legally binding",
    },
    "phase": {
        "any": "at any time", "pre_ceasefire": "before a ceasefire",
        "post_ceasefire": "once a ceasefire is in force",
        "post_attack": "in the event of a renewed armed attack",
    },
    "commitment_kind": {
        "consultation": "consultations", "intelligence_sharing": "intelligence sharing",
        "military_assistance": "military assistance", "defence_financing": "defence financing",
        "financial_support": "financial support",
        "defence_industrial_cooperation": "defence industrial cooperation",
        "training": "training", "force_regeneration": "force regeneration",
        "force_level_support": "force level", "air_policing": "air policing",
        "air_defence": "air defence", "maritime_security": "maritime security",
        "reassurance_presence": "reassurance presence", "prepositioning": "prepositioning",
        "ceasefire_monitoring": "ceasefire monitoring", "logistics_support": "logistic support",
        "armed_response": "armed response", "sanctions": "sanctions",
        "sanctions_snapback": "reinstatement of sanctions",
        "asset_immobilisation": "immobilisation of assets",
        "diplomatic_action": "diplomatic action", "cyber_defence": "cyber defence",
        "reconstruction": "reconstruction", "eu_accession_support": "EU accession",
        "nato_accession_support": "NATO accession", "non_recognition": "non-recognition",
        "non_aggression": "non-aggression", "reform": "reforms", "other": "other commitment",
    },
    "quantity_qualifier": {
        "peacetime_cap": "peacetime ceiling", "peacetime_level": "peacetime level",
        "minimum": "minimum", "maximum": "maximum", "approximate": "approximate",
        "exact": "exact",
    },
    "force_type": {
        "land": "land forces", "air": "air forces", "maritime": "maritime forces",
        "air_defence": "air defence", "special_operations": "special operations forces",
        "training_mission": "training mission", "logistics": "logistics",
        "isr_technical": "technical surveillance (ISR)",
        "engineering_demining": "engineering and demining", "liaison": "liaison",
        "headquarters": "headquarters",
    },
    "mission": {
        "reassurance": "reassurance", "deterrence": "deterrence",
        "regeneration_training": "regeneration and training", "monitoring": "monitoring",
        "air_policing": "air policing", "maritime_security": "maritime security",
        "infrastructure_protection": "protection of infrastructure",
        "border_control": "border control", "command_and_control": "command and control",
        "logistics": "logistics",
    },
    "location": {
        "ukraine_rear_area": "rear area inside Ukraine",
        "ukraine_urban_hub": "urban hub inside Ukraine",
        "ukraine_contact_line_zone": "zone of the line of contact",
        "demilitarized_zone": "demilitarised zone",
        "ukraine_airspace": "Ukrainian airspace",
        "ukraine_territorial_waters": "Ukrainian territorial waters",
        "black_sea_international_waters": "international waters of the Black Sea",
        "neighbouring_nato_territory": "neighbouring NATO territory",
        "third_country_headquarters": "headquarters in a third country",
        "remote_or_space_based": "remote or space-based",
        "tbd": "to be determined",
    },
    "deployment_status": {
        "pledged": "pledged", "conditional": "conditional", "proposed": "proposed",
        "under_consideration": "under consideration", "ruled_out": "ruled out",
    },
    "timing_anchor": {
        "signature": "signature", "ceasefire_in_force": "the entry into force of the ceasefire",
        "peace_agreement_in_force": "the entry into force of the peace agreement",
        "entry_into_force": "the entry into force of this arrangement",
        "ratification_complete": "the completion of ratification",
    },
    "command_level": {"strategic": "strategic", "operational": "operational", "tactical": "tactical"},
    "monitoring_kind": {
        "technical_remote": "remote technical means",
        "on_site_observers": "observers on the ground",
        "armed_verification_force": "an armed verification force",
        "joint_commission": "a joint commission",
        "liaison_coordination_centre": "a liaison and coordination centre",
        "early_warning_system": "an early-warning system", "hotline": "a hotline",
    },
    "monitoring_task": {
        "detect": "detect", "verify": "verify", "investigate": "investigate",
        "attribute": "attribute responsibility", "report": "report",
        "adjudicate": "adjudicate", "recommend_remedies": "recommend remedies",
        "de_escalate": "de-escalate", "facilitate_dialogue": "facilitate dialogue",
        "early_warning": "give early warning",
    },
    "cadence": {
        "real_time": "in real time", "daily": "daily", "weekly": "weekly",
        "monthly": "monthly", "on_request": "on request", "on_incident": "on each incident",
    },
    "body_kind": {
        "special_commission": "special commission", "peace_council": "peace council",
        "joint_monitoring_commission": "joint monitoring commission",
        "coordination_cell": "coordination cell", "working_group": "working group",
        "contact_group": "contact group",
    },
    "body_function": {
        "adjudicate": "adjudicate breaches", "attribute": "attribute responsibility",
        "recommend_remedies": "recommend remedies",
        "oversee_implementation": "oversee implementation", "coordinate": "coordinate",
        "deconflict": "deconflict", "de_escalate": "de-escalate", "report": "report",
        "facilitate_dialogue": "facilitate dialogue",
    },
    "decision_rule": {
        "consensus": "by consensus", "unanimity": "unanimously", "majority": "by majority",
        "qualified_majority": "by qualified majority",
        "chair_decides": "by decision of the chair",
        "lead_nation_decides": "by decision of the lead nation",
        "not_specified": "by a rule not yet specified",
    },
    "trigger_kind": {
        "armed_attack": "armed attack", "threat_of_armed_attack": "threat of armed attack",
        "qualified_armed_attack": "qualified armed attack",
        "ceasefire_violation": "ceasefire violation",
        "persistent_ceasefire_violation": "persistent ceasefire violation",
        "attack_on_guarantor_forces": "attack on guarantor forces",
        "air_or_missile_strike": "air or missile strike",
        "hybrid_or_cyber_attack": "hybrid or cyber attack",
        "maritime_interdiction": "maritime interdiction",
        "beneficiary_initiated_attack": "attack initiated by the beneficiary",
        "non_withdrawal": "failure to withdraw", "other": "other trigger",
    },
    "qualifier": {
        "significant": "significant", "deliberate": "deliberate", "sustained": "sustained",
        "across_ceasefire_line": "across the ceasefire line", "armed": "armed",
        "unprovoked": "unprovoked", "large_scale": "large-scale", "attributed": "attributed",
        "repeated": "repeated",
    },
    "action": {
        "consultations": "consultations", "diplomatic_warning": "diplomatic warning",
        "attribution_finding": "finding on attribution", "self_defence": "self-defence",
        "coalition_force_activation": "activation of the coalition force",
        "reinforcement": "reinforcement", "intelligence_support": "intelligence support",
        "logistics_support": "logistic support", "air_support": "air support",
        "armed_force": "armed force", "sanctions_snapback": "reinstatement of sanctions",
        "additional_sanctions": "additional sanctions",
        "additional_military_assistance": "additional military assistance",
        "unsc_referral": "referral to the UN Security Council",
        "revoke_benefits": "withdrawal of the benefits of the settlement",
        "suspend_guarantee": "suspension of the guarantee",
    },
    "deadline_anchor": {
        "from_breach_detection": "detection of the breach", "from_request": "a request",
        "from_attribution": "attribution", "from_previous_step": "the previous step",
        "from_signature": "signature", "from_ceasefire": "the ceasefire",
    },
    "strictness": {
        "hard": "hard deadline", "where_possible": "where possible",
        "immediately": "immediately", "none": "not specified",
    },
    "start_event": {
        "signature": "signature", "ceasefire_in_force": "the entry into force of the ceasefire",
        "peace_agreement_in_force": "the entry into force of the peace agreement",
        "entry_into_force": "its entry into force",
        "ratification_complete": "the completion of ratification",
    },
    "renewal": {
        "none": "no renewal", "automatic": "automatic renewal",
        "mutual_written_agreement": "renewal by mutual written agreement",
        "by_decision_of_parties": "renewal by decision of the participants",
    },
    "termination_kind": {
        "notice": "notice", "event": "event", "breach_by_beneficiary": "breach by the beneficiary",
        "mutual_consent": "mutual consent", "expiry": "expiry",
    },
    "channel": {
        "diplomatic": "through diplomatic channels", "written_notice": "in writing",
        "depositary": "to the depositary",
    },
    "instrument": {
        "treaty_ratification": "treaty ratification",
        "congressional_approval": "congressional approval",
        "executive_agreement": "executive agreement (no legislative approval)",
        "parliamentary_vote": "parliamentary vote", "referendum": "referendum",
        "none": "no ratification required",
    },
    "ratification_status": {
        "not_started": "not started", "pending": "pending", "in_progress": "in progress",
        "complete": "complete", "not_required": "not required",
    },
    "precondition": {
        "ceasefire_duration": "ceasefire in force for at least", "signature": "signature",
        "ratification_by_other_party": "ratification by the other party", "other": "other",
    },
    "sequencing": {
        "before_counterparty": "before engaging the counterparty",
        "parallel_to_allied_agreement": "in parallel with agreement among the allies",
        "after_allied_agreement": "after agreement among the allies",
    },
    "relation": {
        "complements": "complements", "coordinates_with": "is coordinated with",
        "in_addition_to": "is in addition to", "implements": "implements",
        "supersedes": "supersedes", "subordinate_to": "is subordinate to",
        "merges_into": "is to merge into",
    },
    "relation_proposed": {  # after "proposes that this arrangement": the base verb
        "complements": "complement", "coordinates_with": "be coordinated with",
        "in_addition_to": "be in addition to", "implements": "implement",
        "supersedes": "supersede", "subordinate_to": "be subordinate to",
        "merges_into": "merge into",
    },
    "arrangement": {
        "line_of_contact_frozen": "line of contact frozen",
        "demilitarized_zone": "demilitarised zone", "free_economic_zone": "free economic zone",
        "withdrawal_by_beneficiary": "withdrawal by the beneficiary",
        "withdrawal_by_counterparty": "withdrawal by the counterparty",
        "de_facto_recognition": "de facto recognition", "non_recognition": "non-recognition",
        "decision_reserved_to_beneficiary": "decision reserved to the beneficiary",
        "international_administration": "international administration",
    },
    "topic": {
        "territory": "territory", "nuclear_plant": "nuclear power plant",
        "foreign_troop_presence": "presence of foreign troops",
        "us_role": "role of the United States", "guarantee_duration": "duration of the guarantee",
        "guarantee_trigger": "trigger of the guarantee", "russia_consent": "consent of Russia",
        "nato_membership": "NATO membership", "force_cap": "ceiling on armed forces",
        "frozen_assets": "frozen assets", "sanctions_relief": "sanctions relief",
        "elections_referendum": "elections and referendum",
        "monitoring_composition": "composition of monitoring", "other": "other issue",
    },
    "issue_status": {
        "open": "open", "narrowing": "narrowing", "agreed_in_principle": "agreed in principle",
        "agreed": "agreed", "parked": "parked", "dropped": "dropped",
    },
    "stance": {
        "supports": "supports", "opposes": "opposes", "conditional": "conditional",
        "proposes": "proposes", "proposes_alternative": "proposes an alternative",
        "undecided": "undecided", "unknown": "unknown",
    },
    "basis": {
        "reported": "reported", "paraphrased_official": "paraphrased official text",
        "illustrative": "illustrative", "inferred": "inferred",
    },
    "source_kind": {
        "official_text": "official text", "official_summary": "official summary",
        "leaked_draft_reported": "reported leaked draft", "press_report": "press report",
        "aggregator_or_mirror": "aggregator or mirror", "state_media": "state media",
        "analysis": "analysis", "reference_work": "reference work",
    },
    "reliability": {"high": "high", "medium": "medium", "low": "low"},
    "caveat": {
        "no_forces_in_ukraine": "no forces in Ukraine",
        "no_ground_troops_in_ukraine": "no ground troops in Ukraine",
        "no_ground_combat_troops_in_ukraine": "no ground combat troops in Ukraine",
        "away_from_contact_line": "away from the line of contact",
        "parliamentary_approval_required": "parliamentary approval required",
        "congressional_approval_sought": "congressional approval sought",
        "post_ceasefire_only": "after a ceasefire only", "other": "other",
    },
    "text_status": {
        "agreed": "agreed", "bracketed": "bracketed", "alternative": "alternative",
        "for_discussion": "for discussion",
    },
}

MODAL_VERBS = {
    # modality: (singular subject, plural subject). A template that can say "It is proposed
    # that …" uses PROPOSAL_VERBS instead; "would" keeps a plain subject-verb sentence readable.
    "proposed": ("would", "would"),
    "may": ("may", "may"),
    "stands_ready": ("stands ready to", "stand ready to"),
    "intends": ("intends to", "intend to"),
    "will": ("will", "will"),
    "shall": ("shall", "shall"),
}


PROPOSAL_VERBS = {
    # modality: (singular, plural) after "proposes that <subject>": the base form, no "will"
    "proposed": ("", ""),
    "may": ("may", "may"),
    "stands_ready": ("stand ready to", "stand ready to"),
    "intends": ("state its intention to", "state their intention to"),
    "will": ("", ""),
    "shall": ("", ""),
}

VOICES = {"position_paper": "position", "non_paper": "proposal"}
"""How a document type speaks: a position paper states its drafting party's proposals
("Ukraine proposes that …"), a non-paper proposes without naming anyone ("It is proposed
that …"); every other type is an ``agreement`` text ("… will provide …")."""


def voice(document_type: str) -> str:
    """``agreement``, ``position`` or ``proposal`` (`VOICES`)."""
    return VOICES.get(document_type, "agreement")


def words(value: str, vocabulary: str) -> str:
    """The words for ``value`` of ``vocabulary`` (``co_lead`` → ``co-lead``)."""
    table = WORDS.get(vocabulary)
    if table is None:
        raise KeyError(f"no vocabulary named {vocabulary!r}")
    return table.get(value) or code_words(value)


def cap(text: str) -> str:
    """``text`` with its first letter in capitals (``co-lead`` → ``Co-lead``)."""
    return text[:1].upper() + text[1:]


def modal_verb(modality: str, plural: bool, proposal: bool = False) -> str:
    """The verb phrase for a modality: ``stands_ready`` → ``stands ready to``; in a proposal
    ("It is proposed that the participants …"), the subjunctive: ``stand ready to``, or
    nothing for ``will`` (the action's base verb follows)."""
    table = PROPOSAL_VERBS if proposal else MODAL_VERBS
    singular, many = table.get(modality, (code_words(modality),) * 2)
    return many if plural else singular


# ----------------------------------------------------------------- durations

def duration(value: str) -> str:
    """An ISO-8601 duration in words: ``PT24H`` → ``24 hours``, ``P1Y6M`` → ``1 year and 6 months``."""
    parts = duration_parts(value)
    if parts is None:
        return value
    words = [
        f"{amount} {unit}{'' if amount == 1 else 's'}"
        for amount, unit in zip(parts, DURATION_UNITS)
        if amount
    ]
    if not words:
        return "no delay"
    return join(words)


def is_zero_duration(value: str) -> bool:
    """True for ``P0D``, ``PT0H`` and the like."""
    parts = duration_parts(value)
    return parts is not None and not any(parts)


# ----------------------------------------------------------- numbers, money

_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def number(value: int | float) -> str:
    """A number with thousands separators: ``800000`` → ``800,000``; ``2.5`` stays ``2.5``."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isascii() and unit.isalpha() and unit.isupper()


def amount(value: int | float, unit: str) -> str:
    """An amount with its unit: ``EUR 90 billion``, ``800,000 personnel``, ``35 aircraft``."""
    if _is_currency(unit):
        for scale, name in _SCALES:
            if value >= scale:
                scaled = value / scale
                text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
                return f"{unit} {text} {name}"
        return f"{unit} {number(value)}"
    return f"{number(value)} {unit}"


def join(items, conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (no serial comma, as in British drafting)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
