"""Direction of a field change, with its reason: does the beneficiary get more protection or less?

Directions describe the *structural* strength of the protection the beneficiary
gets, by the documented rules of docs/directions.md, never a party's politics.
Each rule reads one field change (and the two sides' casts: who is who) and
gives a :class:`Verdict` — a direction and the reason in words — or None when
the field has no order or side.  :func:`judge` applies the rules;
:func:`combine` gives an item's direction from its fields'.

Every rule is antisymmetric: reading the comparison the other way round gives
the opposite direction (strengthened ↔ weakened; mixed stays mixed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from termsheet.compare.actors import DECIDER_RANKS, DECIDER_WORDS, Cast
from termsheet.compare.comparison import FieldChange
from termsheet.compare.facts import value_in_words
from termsheet.schema.types import duration_hours
from termsheet.compare.scales import (
    ACTION_RANKS, ARRANGEMENT_RANKS, CADENCE_RANKS, DEADLINE_ANCHOR_RANKS, DECISION_RULE_RANKS,
    INSTRUMENT_RANKS, LOCATION_RANKS, PHASE_RANKS, QUALIFIER_RANKS, RATIFICATION_STATUS_RANKS,
    RELATION_RANKS, RENEWAL_RANKS, ROLE_RANKS, SEQUENCING_RANKS, STRICTNESS_RANKS,
    TERMINATION_RANKS, TIER_RANKS, TIMING_RANKS, TRIGGER_KIND_RANKS,
)
from termsheet.schema.vocab import DEPLOYMENT_STATUSES, LEGAL_CHARACTERS, MODALITIES

STRENGTHENED = "strengthened"
WEAKENED = "weakened"
MIXED = "mixed"
WORDING = "wording"
CHANGED = "changed"

DIRECTIONS = (STRENGTHENED, WEAKENED, MIXED, WORDING, CHANGED)
"""Every direction, in the order summaries list them (``changed``: no direction)."""

SETTLED = "settled"
REOPENED = "reopened"
CONVERGED = "converged"
STATUS_CHANGED = "status"
STATUSES = (SETTLED, REOPENED, CONVERGED, STATUS_CHANGED)
"""What can happen to a text status (:attr:`~termsheet.compare.comparison.Change.status`)."""

PROVENANCE = "provenance"
"""The label of a field that says where a provision comes from or who holds it (basis,
sources, notes, proposer, an open issue's positions), never a direction."""

LABELS = (STRENGTHENED, WEAKENED, MIXED, WORDING, *STATUSES, "moved", "lint")
"""Every label a change can carry, in the order summaries count them."""

MIRROR = {STRENGTHENED: WEAKENED, WEAKENED: STRENGTHENED, MIXED: MIXED, WORDING: WORDING,
          CHANGED: CHANGED, SETTLED: REOPENED, REOPENED: SETTLED, CONVERGED: CONVERGED,
          STATUS_CHANGED: STATUS_CHANGED, "provenance": "provenance"}
"""The label of the same change read the other way round (NEW → OLD)."""


@dataclass(frozen=True)
class Verdict:
    """A direction and why."""

    direction: str
    reason: str | None = None


@dataclass(frozen=True)
class Scene:
    """What a rule may look at besides the field change: who is who on each side, and the
    item the field belongs to."""

    old: Cast
    new: Cast
    label: str = ""
    """The item's name (``Special Commission``)."""
    old_item: dict | None = None
    new_item: dict | None = None


Rule = Callable[[FieldChange, Scene], "Verdict | None"]


def _way(stronger: bool) -> str:
    return STRENGTHENED if stronger else WEAKENED


def _w(value) -> str:
    return value_in_words(value)


# ------------------------------------------------------------------ rule makers

def ranked(ranks: dict, what: str, *, appear: bool | None = None) -> Rule:
    """A value on a scale (higher is stronger).  ``appear``: whether a value appearing
    strengthens (True), weakens (False) or has no direction (None); disappearing mirrors it."""

    def rule(fc: FieldChange, scene: Scene) -> Verdict | None:
        old, new = fc.old, fc.new
        if _in(ranks, old) and _in(ranks, new) and ranks[old] != ranks[new]:
            return Verdict(_way(ranks[new] > ranks[old]), f"{what}: {_w(old)} \u2192 {_w(new)}")
        if appear is not None and old is None and new is not None:
            return Verdict(_way(appear), f"{what} now stated: {_w(new)}")
        if appear is not None and new is None and old is not None:
            return Verdict(_way(not appear), f"{what} no longer stated (was {_w(old)})")
        return None

    return rule


def _in(ranks: dict, value) -> bool:
    return isinstance(value, (str, int, float)) and value in ranks


def order(values: tuple, what: str, *, appear: bool | None = None) -> Rule:
    """A vocabulary written weakest first."""
    return ranked({value: rank for rank, value in enumerate(values)}, what, appear=appear)


def amount(what: str, *, more_is_stronger: bool = True, appear: bool | None = True) -> Rule:
    """A number (a strength, a cap): more or less of it."""

    def rule(fc: FieldChange, scene: Scene) -> Verdict | None:
        old, new = fc.old, fc.new
        if isinstance(old, (int, float)) and isinstance(new, (int, float)) and old != new:
            return Verdict(_way((new > old) == more_is_stronger),
                           f"{what}: {_w(old)} \u2192 {_w(new)}")
        return ranked({}, what, appear=appear)(fc, scene)

    return rule


def span(what: str, *, shorter_is_stronger: bool, appear: bool | None) -> Rule:
    """An ISO-8601 duration (a deadline, a term, a notice period)."""

    def rule(fc: FieldChange, scene: Scene) -> Verdict | None:
        try:
            old_hours, new_hours = duration_hours(fc.old), duration_hours(fc.new)
        except (TypeError, ValueError):
            return ranked({}, what, appear=appear)(fc, scene)
        if old_hours == new_hours:
            return None
        return Verdict(_way((new_hours < old_hours) == shorter_is_stronger),
                       f"{what}: {_w(fc.old)} \u2192 {_w(fc.new)}")

    return rule


def flag(true_words: str, false_words: str, *, yes_is_stronger: bool = True) -> Rule:
    """A yes/no (None counts as no)."""

    def rule(fc: FieldChange, scene: Scene) -> Verdict | None:
        old, new = bool(fc.old), bool(fc.new)
        if old == new:
            return None
        return Verdict(_way(new == yes_is_stronger), true_words if new else false_words)

    return rule


def _both_ways(parts: list[Verdict]) -> Verdict | None:
    """One verdict from several parts of one field: one way, or mixed naming both."""
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    directions = {part.direction for part in parts}
    direction = directions.pop() if len(directions) == 1 else MIXED
    return Verdict(direction, "; ".join(part.reason for part in parts if part.reason))


def grows(what: str, *, more_is_stronger: bool = True) -> Rule:
    """A set of values where each one added gives more (missions, tasks) — or, with
    ``more_is_stronger=False``, less (qualifiers, conditions, exclusions)."""

    def rule(fc: FieldChange, scene: Scene) -> Verdict | None:
        added, removed = _set_sides(fc)
        parts = []
        if added:
            parts.append(Verdict(_way(more_is_stronger),
                                 f"{what} added: {', '.join(_w(v) for v in added)}"))
        if removed:
            parts.append(Verdict(_way(not more_is_stronger),
                                 f"{what} removed: {', '.join(_w(v) for v in removed)}"))
        return _both_ways(parts)

    return rule


def _set_sides(fc: FieldChange) -> tuple[tuple, tuple]:
    if fc.op == "set":
        return fc.added, fc.removed
    added = () if fc.new is None else (fc.new,)
    removed = () if fc.old is None else (fc.old,)
    return added, removed


def bound(role: str) -> Rule:
    """Who is bound (providers, actors, participants, a contributor): adding one strengthens,
    removing one weakens.  A replacement is stronger when each party removed is a member of a
    party added (the coalition instead of France), weaker when each party added is a member of
    one removed, else mixed."""

    def rule(fc: FieldChange, scene: Scene) -> Verdict | None:
        added, removed = _set_sides(fc)
        added_names, removed_names = scene.new.names_of(added), scene.old.names_of(removed)
        if added and not removed:
            return Verdict(STRENGTHENED, f"{added_names} added as {_plural(role, added)}")
        if removed and not added:
            return Verdict(WEAKENED, f"{removed_names} removed as {_plural(role, removed)}")
        if not added:
            return None
        def covers(outer: str, inner: str) -> bool:
            return scene.old.covers(outer, inner) or scene.new.covers(outer, inner)

        if all(any(covers(a, r) for a in added) for r in removed):
            return Verdict(STRENGTHENED, f"{role}: {removed_names} replaced by {added_names}, "
                                         "which includes it")
        if all(any(covers(r, a) for r in removed) for a in added):
            return Verdict(WEAKENED, f"{role}: {removed_names} narrowed to {added_names}")
        return Verdict(MIXED, f"{removed_names} removed as {_plural(role, removed)}; "
                              f"{added_names} added")

    return rule


def _plural(role: str, parties) -> str:
    return role if len(parties) == 1 else role + "s"


def decided_by(what: str, *, appear_strengthens: bool | None = None) -> Rule:
    """Who decides (an actor id), ranked by :data:`~termsheet.compare.actors.DECIDER_RANKS`.
    A decider appearing strengthens when ``appear_strengthens``; by default it strengthens
    when it is the beneficiary or a body the counterparty cannot block, and weakens when
    the counterparty can block it."""

    def rule(fc: FieldChange, scene: Scene) -> Verdict | None:
        old_name, new_name = scene.old.name(fc.old), scene.new.name(fc.new)
        if fc.old is not None and fc.new is not None:
            return _decider_verdict(what, scene.old.decider(fc.old), scene.new.decider(fc.new),
                                    old_name, new_name)
        appearing = fc.old is None
        kind = scene.new.decider(fc.new) if appearing else scene.old.decider(fc.old)
        stronger = appear_strengthens
        if stronger is None and kind is not None and kind != "guarantor":
            stronger = DECIDER_RANKS[kind] > DECIDER_RANKS["guarantor"]
        if stronger is None:
            return None
        if appearing:
            return Verdict(_way(stronger), f"{what}: now {new_name}")
        return Verdict(_way(not stronger), f"{what}: no longer {old_name}")

    return rule


def _decider_verdict(what, old_kind, new_kind, old_name, new_name) -> Verdict | None:
    if old_kind is None or new_kind is None or DECIDER_RANKS[old_kind] == DECIDER_RANKS[new_kind]:
        return None
    return Verdict(_way(DECIDER_RANKS[new_kind] > DECIDER_RANKS[old_kind]),
                   f"{what} moves from {old_name} to {new_name} ({DECIDER_WORDS[new_kind]})")


def _decision_authority(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A decision authority written in words: ranked by the actors it names."""
    old_actors, new_actors = scene.old.mentioned(fc.old), scene.new.mentioned(fc.new)
    if not old_actors or not new_actors or set(old_actors) == set(new_actors):
        return None
    return _decider_verdict("the decision", scene.old.deciders(old_actors),
                            scene.new.deciders(new_actors), scene.old.names_of(old_actors),
                            scene.new.names_of(new_actors))


def _members(fc: FieldChange, scene: Scene) -> Verdict | None:
    """Body members: the counterparty leaving strengthens, joining weakens; anyone else
    joining strengthens, leaving weakens."""
    body = scene.label or "the body"
    parts = []
    for party in fc.removed:
        leaves = f"{scene.old.name(party)} leaves {body}"
        parts.append(Verdict(_way(party in scene.old.counterparties), leaves))
    for party in fc.added:
        joins = f"{scene.new.name(party)} joins {body}"
        parts.append(Verdict(_way(party not in scene.new.counterparties), joins))
    return _both_ways(parts)




def _decision_rule(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A body's decision rule: whether the counterparty, sitting on it, can block a decision
    comes first; otherwise the rule's rank."""
    old_body, new_body = (scene.old_item or {}).get("id"), (scene.new_item or {}).get("id")
    old_veto = bool(old_body) and scene.old.holds_veto(old_body, rule=fc.old)
    new_veto = bool(new_body) and scene.new.holds_veto(new_body, rule=fc.new)
    change = f"{_w(fc.new)} instead of {_w(fc.old)}"
    if old_veto != new_veto:
        if new_veto:
            return Verdict(WEAKENED, f"{change}: the counterparty, a member, can block a decision")
        return Verdict(STRENGTHENED, f"{change}: the counterparty can no longer block a decision")
    verdict = ranked(DECISION_RULE_RANKS, "decision rule")(fc, scene)
    return Verdict(verdict.direction, change) if verdict else None


def _beneficiary(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A commitment's beneficiary: towards the term sheet's beneficiary strengthens."""
    old_is, new_is = fc.old == scene.old.beneficiary, fc.new == scene.new.beneficiary
    if old_is == new_is:
        return None
    return Verdict(_way(new_is), f"beneficiary: {scene.old.name(fc.old)} \u2192 "
                                 f"{scene.new.name(fc.new)}")


def _capped_party(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A force limit's cap: a higher cap on the beneficiary strengthens, on anyone else weakens."""
    parties = {(item or {}).get("party") for item in (scene.old_item, scene.new_item) if item}
    if len(parties) != 1:
        return None  # the limit moved to another party: no order between the two caps
    on_beneficiary = parties.pop() in (scene.old.beneficiary, scene.new.beneficiary)
    rule = amount("force cap", more_is_stronger=on_beneficiary, appear=not on_beneficiary)
    return rule(fc, scene)


def _roles(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A guarantor's roles: a role added strengthens, one removed weakens."""
    item = fc.new if fc.op == "add" else fc.old
    what = f"{_w(item.get('role'))} in {_w(item.get('domain'))}"
    return Verdict(STRENGTHENED, f"role added: {what}") if fc.op == "add" else \
        Verdict(WEAKENED, f"role removed: {what}")


def _caveats(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A guarantor's caveats: a new caveat weakens, one lifted strengthens."""
    item = fc.new if fc.op == "add" else fc.old
    what = _w(item.get("code"))
    return Verdict(WEAKENED, f"caveat added: {what}") if fc.op == "add" else \
        Verdict(STRENGTHENED, f"caveat lifted: {what}")


def _preconditions(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A ratification precondition: a new one weakens, one dropped strengthens."""
    item = fc.new if fc.op == "add" else fc.old
    what = _w(item.get("kind"))
    return Verdict(WEAKENED, f"precondition added: {what}") if fc.op == "add" else \
        Verdict(STRENGTHENED, f"precondition dropped: {what}")


def _location_kind(fc: FieldChange, scene: Scene) -> Verdict | None:
    return ranked(LOCATION_RANKS, "location")(fc, scene)


def _options(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A location's options: dropped because the location was decided (kind no longer tbd)."""
    old_kind = ((scene.old_item or {}).get("location") or {}).get("kind")
    new_kind = ((scene.new_item or {}).get("location") or {}).get("kind")
    if old_kind == "tbd" and new_kind not in (None, "tbd"):
        return Verdict(STRENGTHENED, f"location decided among the options: {_w(new_kind)}")
    if new_kind == "tbd" and old_kind not in (None, "tbd"):
        return Verdict(WEAKENED, f"location reopened to options (was {_w(old_kind)})")
    return _option_range(fc)


def _option_range(fc: FieldChange) -> Verdict | None:
    """Options of a location still to be decided: the best and the worst option on offer."""
    old = [LOCATION_RANKS[o] for o in fc.old or () if o in LOCATION_RANKS]
    new = [LOCATION_RANKS[o] for o in fc.new or () if o in LOCATION_RANKS]
    if not old or not new:
        return None
    parts = []
    if max(new) != max(old):
        parts.append(Verdict(_way(max(new) > max(old)), "the best location on offer changes"))
    if min(new) != min(old):
        parts.append(Verdict(_way(min(new) > min(old)), "the weakest location on offer changes"))
    verdict = _both_ways(parts)
    if verdict is None:
        return None
    added = ", ".join(_w(o) for o in fc.added)
    removed = ", ".join(_w(o) for o in fc.removed)
    what = "; ".join(part for part in (added and f"options added: {added}",
                                       removed and f"options removed: {removed}") if part)
    return Verdict(verdict.direction, f"{what} ({verdict.reason})")


def _ladder_order(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A response step's place in the ladder: an earlier step comes sooner."""
    if not isinstance(fc.old, int) or not isinstance(fc.new, int) or fc.old == fc.new:
        return None
    return Verdict(_way(fc.new < fc.old), f"step in the ladder: {fc.old} \u2192 {fc.new}")


def _country(fc: FieldChange, scene: Scene) -> Verdict | None:
    """A deployment's country: into the beneficiary's country strengthens."""
    home = {scene.old.home_country, scene.new.home_country} - {None}
    if not home or (fc.old in home) == (fc.new in home):
        return None
    return Verdict(_way(fc.new in home), f"country: {_w(fc.old)} \u2192 {_w(fc.new)}")


# ------------------------------------------------------------------ the table

_BY_FIELD: dict[str, Rule] = {
    "modality": order(MODALITIES, "modality"),
    "legal_character": order(LEGAL_CHARACTERS, "legal character"),
    "deadline": span("deadline", shorter_is_stronger=True, appear=True),
    "deadline_strictness": ranked(STRICTNESS_RANKS, "deadline strictness"),
    "deadline_anchor": ranked(DEADLINE_ANCHOR_RANKS, "deadline counted", appear=True),
}
"""Rules for a field of that name in any model."""

_BY_MODEL_FIELD: dict[tuple[str, str], Rule] = {
    ("Commitment", "providers"): bound("provider"),
    ("Commitment", "beneficiary"): _beneficiary,
    ("Commitment", "phase"): ranked(PHASE_RANKS, "phase"),
    ("Commitment", "quantity"): ranked({}, "quantity", appear=True),
    ("Quantity", "value"): amount("amount"),
    ("Quantity", "qualifier"): ranked(QUALIFIER_RANKS, "amount"),
    ("ForceLimit", "cap"): _capped_party,
    ("Strength", "min"): amount("strength at least"),
    ("Strength", "max"): amount("strength up to"),
    ("Forces", "total_strength"): ranked({}, "overall strength", appear=True),
    ("Deployment", "contributor"): bound("contributor"),
    ("Deployment", "missions"): grows("missions"),
    ("Deployment", "status"): order(DEPLOYMENT_STATUSES, "status"),
    ("Deployment", "strength"): ranked({}, "strength", appear=True),
    ("Deployment", "timing"): ranked({}, "timing", appear=True),
    ("Location", "kind"): _location_kind,
    ("Location", "country"): _country,
    ("Location", "places"): grows("places"),
    ("Location", "options"): _options,
    ("Location", "min_distance_from_contact_line_km"):
        amount("distance from the contact line", more_is_stronger=False, appear=False),
    ("Timing", "anchor"): ranked(TIMING_RANKS, "starts", appear=True),
    ("Timing", "offset"): span("delay", shorter_is_stronger=True, appear=False),
    ("Activation", "event"): ranked(TIMING_RANKS, "activated", appear=None),
    ("Activation", "conditions"): grows("activation conditions", more_is_stronger=False),
    ("TerritorialScope", "exclusions"): grows("exclusions from the territory covered",
                                              more_is_stronger=False),
    ("MonitoringMechanism", "lead"): decided_by("the lead"),
    ("MonitoringMechanism", "participants"): bound("participant"),
    ("MonitoringMechanism", "kinds"): grows("monitoring means"),
    ("MonitoringMechanism", "tasks"): grows("monitoring tasks"),
    ("MonitoringMechanism", "adjudication_body"): decided_by("adjudication",
                                                             appear_strengthens=True),
    ("MonitoringMechanism", "freedom_of_movement_guarantee"):
        flag("monitors' freedom of movement guaranteed", "monitors' freedom of movement no "
             "longer guaranteed"),
    ("Reporting", "cadence"): ranked(CADENCE_RANKS, "reporting"),
    ("Reporting", "recipients"): grows("report recipients"),
    ("Body", "functions"): grows("functions"),
    ("Body", "members"): _members,
    ("Body", "decision_rule"): _decision_rule,
    ("Body", "chair"): decided_by("the chair"),
    ("Trigger", "kind"): ranked(TRIGGER_KIND_RANKS, "trigger"),
    ("Trigger", "qualifiers"): grows("qualifiers (conditions before the trigger applies)",
                                     more_is_stronger=False),
    ("Trigger", "determined_by"): decided_by("the determination"),
    ("Trigger", "automatic"): flag("the response becomes automatic",
                                   "the response is no longer automatic"),
    ("ResponseStep", "trigger_refs"): grows("triggers answered"),
    ("ResponseStep", "order"): _ladder_order,
    ("ResponseStep", "actors"): bound("actor"),
    ("ResponseStep", "action"): ranked(ACTION_RANKS, "action"),
    ("ResponseStep", "additional_actions"): grows("additional actions"),
    ("ResponseStep", "decision_authority"): _decision_authority,
    ("DurationClause", "term"): span("term", shorter_is_stronger=False, appear=True),
    ("DurationClause", "start_event"): ranked(TIMING_RANKS, "starts"),
    ("DurationClause", "renewal"): ranked(RENEWAL_RANKS, "renewal"),
    ("Termination", "kind"): ranked(TERMINATION_RANKS, "termination"),
    ("Termination", "notice_period"): span("notice period", shorter_is_stronger=False,
                                           appear=True),
    ("Guarantor", "tier"): ranked(TIER_RANKS, "tier"),
    ("Guarantor", "roles"): _roles,
    ("RoleAssignment", "role"): ranked(ROLE_RANKS, "role"),
    ("Guarantor", "caveats"): _caveats,
    ("RatificationStep", "instrument"): ranked(INSTRUMENT_RANKS, "approval by"),
    ("RatificationStep", "status"): ranked(RATIFICATION_STATUS_RANKS, "approval"),
    ("RatificationStep", "preconditions"): _preconditions,
    ("Precondition", "min_duration"): span("precondition lasting", shorter_is_stronger=True,
                                           appear=False),
    ("RelatedInstrument", "relation"): ranked(RELATION_RANKS, "relation"),
    ("EngagementStep", "sequencing"): ranked(SEQUENCING_RANKS, "counterparty engaged"),
    ("EngagementStep", "russia_signatory"):
        flag("the counterparty signs: its consent conditions the guarantee",
             "the counterparty does not sign: its consent no longer conditions the guarantee",
             yes_is_stronger=False),
    ("TerritorialProvision", "arrangement"): ranked(ARRANGEMENT_RANKS, "arrangement"),
    ("TerritorialProvision", "requires_referendum"):
        flag("a referendum is required", "a referendum is no longer required"),
}
"""Rules for one model's field (for a keyed list inside an item: the list's name)."""


def rule_for(model: str, name: str) -> Rule | None:
    """The rule for field ``name`` of ``model``, or None when it has no direction."""
    return _BY_MODEL_FIELD.get((model, name)) or _BY_FIELD.get(name)


def field_name(fc: FieldChange) -> str:
    """The name the rules know a field change by: the field, or for an element added to or
    removed from a keyed list inside an item, the list (``roles`` for ``roles/air``)."""
    if fc.op in ("add", "remove") and "/" in fc.field:
        return fc.field.rsplit("/", 2)[-2]
    return fc.name


def judge(fc: FieldChange, scene: Scene) -> Verdict:
    """The direction of one field change, with its reason."""
    rule = rule_for(fc.model, field_name(fc))
    verdict = rule(fc, scene) if rule else None
    if verdict is not None:
        return verdict
    return Verdict(WORDING if fc.text is not None else CHANGED)


def combine(directions: Iterable[str]) -> str:
    """An item's direction from its parts': all one way → that way; both ways → mixed;
    only text → wording; nothing with a direction → changed."""
    seen = set(directions)
    stronger = STRENGTHENED in seen or MIXED in seen
    weaker = WEAKENED in seen or MIXED in seen
    if stronger and weaker:
        return MIXED
    if stronger:
        return STRENGTHENED
    if weaker:
        return WEAKENED
    return WORDING if WORDING in seen else CHANGED
