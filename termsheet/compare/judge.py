"""Judging each change: directions with reasons, text-status changes, new lint warnings.

:func:`judge_changes` takes the changes :func:`~termsheet.compare.compute.compare`
found and gives each

- every field change its direction and reason (:mod:`~termsheet.compare.classify`);
- the item its direction — its fields' combined, or, for an added or removed
  provision, its own (a new commitment strengthens, a removed one weakens; a new
  caveat-like provision, such as a way to end the guarantee, the other way round);
- what happened to its text status, read per party (:func:`status_of`);
- the lint warnings NEW raises on it that OLD did not.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from termsheet.compare import classify as cls
from termsheet.compare.actors import Cast
from termsheet.compare.align import COLLECTIONS, item_keys
from termsheet.compare.classify import STRENGTHENED, WEAKENED, Scene, Verdict
from termsheet.compare.comparison import PROVENANCE_FIELDS, Change
from termsheet.compare.facts import value_in_words
from termsheet.compare.scales import ARRANGEMENT_RANKS, RELATION_RANKS, SEQUENCING_RANKS
from termsheet.source.lint import lint

PROVISION_WORDS = {
    "guarantors": "guarantor", "commitments": "commitment", "deployments": "deployment",
    "command_nodes": "command node", "monitoring": "monitoring mechanism", "bodies": "body",
    "triggers": "trigger", "responses": "response step", "duration": "duration clause",
}
"""Collections whose new item strengthens and whose removed item weakens, and their names."""

NO_DIRECTION = frozenset({"metadata", "document", "parties", "sources"})
"""Collections whose changes never have a direction: they say who and where from, not what."""

_AGAINST_BENEFICIARY_ACTIONS = frozenset({"suspend_guarantee", "revoke_benefits"})

RECORD_FIELDS = PROVENANCE_FIELDS | {"positions"}
"""Fields that record where a provision comes from or who holds what (an open issue's
positions): labelled ``provenance``, never given a direction."""


def judge_changes(changes, old_sheet, new_sheet, mode: str, *, lint_flags: bool = True
                  ) -> list[Change]:
    """The changes with their directions, reasons, status changes and lint flags (none
    without ``lint_flags``: linting both whole sheets is most of the work)."""
    old_cast, new_cast = Cast.of(old_sheet), Cast.of(new_sheet)
    flags = new_warnings(old_sheet, new_sheet) if lint_flags else {}
    names = (_party_name(old_cast, old_sheet), _party_name(new_cast, new_sheet))
    judged = []
    for change in changes:
        item = (change.new_value if change.new_value is not None else change.old_value) or {}
        if change.collection in _NAMED_BY_PARTS and isinstance(item, dict):
            cast = new_cast if change.new_value is not None else old_cast
            change = dataclasses.replace(change, label=_title(change, item, cast))
        scene = Scene(old_cast, new_cast, change.label, _as_dict(change.old_value),
                      _as_dict(change.new_value))
        status, status_reason = status_of(change, mode, *names)
        change = _judge_one(change, scene, status, status_reason)
        judged.append(dataclasses.replace(
            change, status=status, status_reason=status_reason,
            flags=flags.get((change.collection, change.new_id), ()) if change.new_id else (),
        ))
    return judged


def _as_dict(value) -> dict | None:
    return value if isinstance(value, dict) else None


def _party_name(cast: Cast, sheet) -> str:
    return cast.name(sheet.metadata.drafting_party) if sheet is not None else ""


def _field_verdict(fc, scene: Scene, status: str | None, status_reason: str | None) -> Verdict:
    if fc.name == "text_status":
        return Verdict(status or cls.STATUS_CHANGED, status_reason)
    if fc.model == "OpenIssue" and fc.name == "status":
        return Verdict(cls.STATUS_CHANGED,
                       f"issue: {value_in_words(fc.old)} \u2192 {value_in_words(fc.new)}")
    if fc.name in RECORD_FIELDS or fc.field.split("/", 1)[0] in RECORD_FIELDS:
        return Verdict(cls.PROVENANCE)
    return cls.judge(fc, scene)


def _judge_one(change: Change, scene: Scene, status=None, status_reason=None) -> Change:
    if change.collection in NO_DIRECTION:
        return dataclasses.replace(change, direction=cls.CHANGED, reasons=())
    if change.kind in ("added", "removed"):
        verdict = provision_verdict(change, scene)
        if verdict is None:
            return dataclasses.replace(change, direction=cls.CHANGED, reasons=())
        return dataclasses.replace(change, direction=verdict.direction, reasons=(verdict.reason,))
    fields = []
    for fc in change.fields:
        verdict = _field_verdict(fc, scene, status, status_reason)
        fields.append(dataclasses.replace(fc, direction=verdict.direction, reason=verdict.reason))
    direction = cls.combine(fc.direction for fc in fields)
    reasons = tuple(dict.fromkeys(fc.reason for fc in fields if fc.reason
                                  and fc.direction in (STRENGTHENED, WEAKENED, cls.MIXED)))
    return dataclasses.replace(change, fields=tuple(fields), direction=direction, reasons=reasons)


def provision_verdict(change: Change, scene: Scene) -> Verdict | None:
    """The direction of an added or removed provision (None: it has none)."""
    added = change.kind == "added"
    item = (change.new_value if added else change.old_value) or {}
    cast = scene.new if added else scene.old
    gives = _gives(change.collection, item, cast)
    if gives is None:
        return None
    stronger, what = gives
    if not added:
        stronger = not stronger
    verb = "new" if added else "removed"
    return Verdict(STRENGTHENED if stronger else WEAKENED,
                   f"{verb} {what}: {change.label}")


_NAMED_BY_PARTS = frozenset({"guarantors", "ratification", "deployments"})
"""Collections whose items have no title of their own: named from their parties and kinds."""


def _title(change: Change, item: dict, cast: Cast) -> str:
    """How a reason names an added or removed provision."""
    if change.collection == "guarantors":
        return cast.name(item.get("party"))
    if change.collection == "ratification":
        return f"{cast.name(item.get('party'))}, {value_in_words(item.get('instrument'))}"
    if change.collection == "deployments":
        return (f"{cast.name(item.get('contributor'))}, "
                f"{value_in_words(item.get('force_type'))} ({change.item_id})")
    return change.label


def _gives(collection: str, item: dict, cast: Cast) -> tuple[bool, str] | None:
    """Whether a provision, where it stands, gives the beneficiary more (True) or less (False)
    protection, and what it is called; None when it has no direction."""
    if collection == "deployments" and item.get("status") == "ruled_out":
        return False, "exclusion of a deployment"
    if collection == "triggers" and item.get("kind") == "beneficiary_initiated_attack":
        return False, "ground to void the guarantee"
    if collection == "responses" and item.get("action") in _AGAINST_BENEFICIARY_ACTIONS:
        return False, "measure against the beneficiary"
    if collection == "bodies" and cast.holds_veto(item.get("id"), item.get("members", ()),
                                                  item.get("decision_rule")):
        return False, "body where the counterparty holds a veto"
    if collection == "ratification":
        party = item.get("party")
        if party in cast.counterparties:
            return False, "approval by the counterparty, which conditions the guarantee"
        if party == cast.beneficiary:
            return None
        return True, "approval step binding a guarantor in its law"
    if collection in PROVISION_WORDS:
        return True, PROVISION_WORDS[collection]
    if collection == "terminations":
        return False, "way to end the guarantee"
    if collection == "force_limits":
        on_beneficiary = item.get("party") == cast.beneficiary
        return (not on_beneficiary), f"force limit on {cast.name(item.get('party'))}"
    if collection == "related_instruments":
        rank = RELATION_RANKS.get(item.get("relation"))
        if rank is None or rank == 1:
            return None
        return rank == 2, f"link to another instrument ({value_in_words(item.get('relation'))})"
    if collection == "engagement_plan":
        if item.get("russia_signatory"):
            return False, "step making the counterparty a signatory"
        rank = SEQUENCING_RANKS.get(item.get("sequencing"))
        if rank is None:
            return None
        return rank == 1, f"engagement step ({value_in_words(item.get('sequencing'))})"
    if collection == "open_issues":
        if item.get("status") in ("agreed", "dropped"):
            return None
        return False, "open issue (what it covers is not settled while it is open)"
    if collection == "territorial_provisions":
        rank = ARRANGEMENT_RANKS.get(item.get("arrangement"))
        if rank is None or rank == 1:
            return None
        return rank == 2, f"territorial provision ({value_in_words(item.get('arrangement'))})"
    return None


# ------------------------------------------------------------------ text status

def status_of(change: Change, mode: str, old_party: str, new_party: str) -> tuple[str | None, str | None]:
    """What happened to the item's text status, and the sentence that says it.

    Between versions of one party's text: to ``agreed`` is settled, from ``agreed``
    reopened.  Between two parties' documents a tag is each side's own claim: the
    item has converged when both hold the same wording (whatever their tags say);
    otherwise the change of tag is reported as that party's marking.
    """
    status = next((fc for fc in change.fields if fc.name == "text_status"), None)
    if status is None:
        return None, None
    old, new = status.old or "agreed", status.new or "agreed"
    old_words, new_words = value_in_words(old), value_in_words(new)
    if mode == "parties":
        substantive = [fc for fc in change.fields if fc.name != "text_status"
                       and fc.name not in RECORD_FIELDS]
        if not substantive:
            return cls.CONVERGED, (f"both hold the same wording; {new_party} marks it {new_words}, "
                                   f"{old_party} {old_words}")
        return cls.STATUS_CHANGED, f"{new_party} marks this {new_words} ({old_party}: {old_words})"
    if new == "agreed":
        return cls.SETTLED, f"settled: {old_words} \u2192 agreed"
    if old == "agreed":
        return cls.REOPENED, f"reopened: agreed \u2192 {new_words}"
    return cls.STATUS_CHANGED, f"status: {old_words} \u2192 {new_words}"


# ------------------------------------------------------------------ lint

def new_warnings(old_sheet, new_sheet) -> dict[tuple[str, str], tuple[str, ...]]:
    """(collection, item key) → the lint findings NEW has on that item that OLD's item with
    the same key does not (``W-COUNTERPARTY-VETO: …``)."""
    if old_sheet is None or new_sheet is None:
        return {}
    old_codes = {place: {code for code, _ in found}
                 for place, found in _findings_by_item(old_sheet, lint(old_sheet)).items()}
    flags = {}
    for place, found in _findings_by_item(new_sheet, lint(new_sheet)).items():
        fresh = [f"{code}: {message}" for code, message in found
                 if code not in old_codes.get(place, set())]
        if fresh:
            flags[place] = tuple(dict.fromkeys(fresh))
    return flags


def _findings_by_item(sheet, findings) -> dict[tuple[str, str], list[tuple[str, str]]]:
    data = sheet.model_dump(mode="json")
    keys_of = {}
    found = defaultdict(list)
    for finding in findings:
        place = _item_of(finding.loc, data, keys_of)
        if place is not None:
            found[place].append((finding.code, finding.message))
    return found


def _item_of(loc, data, keys_of) -> tuple[str, str] | None:
    """The (collection, key) a finding's location lies in (None: outside any list item)."""
    for collection in sorted(COLLECTIONS, key=lambda c: -len(c.container)):
        size = len(collection.container)
        if collection.singleton or tuple(loc[:size]) != collection.container:
            continue
        if len(loc) <= size or not isinstance(loc[size], int):
            continue
        if collection.name not in keys_of:
            items = data
            for part in collection.container:
                items = (items or {}).get(part)
            keys_of[collection.name] = item_keys(items or [], collection.key)
        keys = keys_of[collection.name]
        return (collection.name, keys[loc[size]]) if loc[size] < len(keys) else None
    return None
