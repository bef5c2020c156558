"""The domain's scales: which value of a field gives the beneficiary more protection.

Each scale maps a vocabulary value to its rank (higher is stronger); values left
out have no rank.  :mod:`~termsheet.compare.classify` reads them, and
docs/directions.md prints them.
"""

from termsheet.schema.vocab import LOCATIONS_INSIDE_UKRAINE

LOCATION_RANKS = {
    **{kind: 3 for kind in LOCATIONS_INSIDE_UKRAINE},
    "black_sea_international_waters": 2, "neighbouring_nato_territory": 2,
    "third_country_headquarters": 1, "remote_or_space_based": 1, "tbd": 0,
}
"""Where forces stand: inside Ukraine, nearby, far away, not decided."""

TIMING_RANKS = {"signature": 4, "ceasefire_in_force": 3, "peace_agreement_in_force": 2,
                "ratification_complete": 1, "entry_into_force": 0}
"""When something starts: earlier is stronger."""

DEADLINE_ANCHOR_RANKS = {"from_breach_detection": 3, "from_request": 2, "from_attribution": 1,
                         "from_previous_step": 1}
"""When a deadline's clock starts: at the breach is earliest."""

STRICTNESS_RANKS = {"none": 0, "where_possible": 1, "hard": 2, "immediately": 2}
ROLE_RANKS = {"observer": 0, "contributor": 1, "backstop": 2, "co_lead": 3, "lead": 4}
TIER_RANKS = {"broader": 0, "core": 1}
PHASE_RANKS = {"pre_ceasefire": 0, "post_ceasefire": 0, "post_attack": 0, "any": 1}
QUALIFIER_RANKS = {"maximum": 0, "peacetime_cap": 0, "approximate": 1, "exact": 2,
                   "peacetime_level": 2, "minimum": 3}
"""A quantity's qualifier: a ceiling is weaker than an estimate, an estimate than a pledge."""
CADENCE_RANKS = {"on_request": 0, "monthly": 1, "weekly": 2, "on_incident": 3, "daily": 4,
                 "real_time": 5}
RENEWAL_RANKS = {"none": 0, "by_decision_of_parties": 1, "mutual_written_agreement": 1,
                 "automatic": 2}
TERMINATION_RANKS = {"notice": 0, "breach_by_beneficiary": 1, "event": 1, "expiry": 2,
                     "mutual_consent": 3}
"""How the guarantee can end: by one party's notice is the easiest exit."""
INSTRUMENT_RANKS = {"none": 0, "executive_agreement": 1, "parliamentary_vote": 2,
                    "referendum": 2, "congressional_approval": 2, "treaty_ratification": 3}
RATIFICATION_STATUS_RANKS = {"not_started": 0, "pending": 1, "in_progress": 2, "complete": 3}
TRIGGER_KIND_RANKS = {"qualified_armed_attack": 0, "armed_attack": 1, "threat_of_armed_attack": 2,
                      "persistent_ceasefire_violation": 0, "ceasefire_violation": 1}
"""Trigger kinds that widen one another (a qualified armed attack < an armed attack < its threat)."""
ACTION_RANKS = {
    "consultations": 0, "attribution_finding": 1, "diplomatic_warning": 2, "unsc_referral": 2,
    "sanctions_snapback": 2, "additional_sanctions": 2, "intelligence_support": 3,
    "logistics_support": 3, "additional_military_assistance": 3, "reinforcement": 4,
    "coalition_force_activation": 5, "air_support": 5, "self_defence": 5, "armed_force": 6,
}
"""Responses by how far they go (measures against the beneficiary have no rank)."""
ARRANGEMENT_RANKS = {
    "de_facto_recognition": 0, "withdrawal_by_beneficiary": 0, "free_economic_zone": 0,
    "line_of_contact_frozen": 1, "demilitarized_zone": 1, "international_administration": 1,
    "non_recognition": 2, "decision_reserved_to_beneficiary": 2, "withdrawal_by_counterparty": 2,
}
"""Territorial arrangements, by how much they keep the beneficiary's claim and choice."""
RELATION_RANKS = {"subordinate_to": 0, "merges_into": 0, "coordinates_with": 1, "complements": 1,
                  "implements": 2, "in_addition_to": 2}
"""How this text stands to another instrument: adding to it or carrying it out binds more than
coordinating with it; being subordinate to it or merging into it binds least."""
SEQUENCING_RANKS = {"parallel_to_allied_agreement": 0, "before_counterparty": 1,
                    "after_allied_agreement": 1}
"""When a step engages a party: the allies agreeing before the counterparty is engaged is
stronger than negotiating with the counterparty in parallel."""

DECISION_RULE_RANKS = {"unanimity": 0, "consensus": 1, "qualified_majority": 2, "majority": 3,
                       "chair_decides": 3, "lead_nation_decides": 3}
"""Decision rules, hardest to block last (``not_specified`` has no rank)."""
