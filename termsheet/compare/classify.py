"""Direction of a change: does it strengthen or weaken a commitment, or converge the texts?

The labels are structural, taken from the domain's strength orders
(docs/domain.md §Direction), never political judgements:

============================  ===========================================================
field                          direction
============================  ===========================================================
``modality``                   enum order: proposed < may < stands_ready < intends < will < shall
``legal_character``            enum order: non_binding < … < legally_binding
``deadline``                   shorter, or appearing = strengthened; disappearing = weakened
``deadline_strictness``        none < where_possible < hard ≈ immediately
trigger ``qualifiers``         fewer (a subset) = strengthened; more (a superset) = weakened
deployment ``status``          ruled_out < under_consideration < proposed < conditional < pledged
``text_status``                to ``agreed`` = converged; from ``agreed`` = diverged
duration ``term``              longer = strengthened
anything else                  changed (including providers, members, actors, determined_by)
============================  ===========================================================

Every rule is antisymmetric: swapping old and new mirrors the label
(strengthened ↔ weakened, converged ↔ diverged, changed stays changed).
"""

from __future__ import annotations

from collections.abc import Iterable

from termsheet.schema.types import duration_hours
from termsheet.schema.vocab import DEPLOYMENT_STATUSES, LEGAL_CHARACTERS, MODALITIES

STRENGTHENED = "strengthened"
WEAKENED = "weakened"
MIXED = "mixed"
CONVERGED = "converged"
DIVERGED = "diverged"
CHANGED = "changed"
WORDING = "wording"

DIRECTIONS = (STRENGTHENED, WEAKENED, MIXED, WORDING, CHANGED)
"""Every direction, in the order summaries list them (``changed``: no direction)."""

SETTLED = "settled"
REOPENED = "reopened"
STATUS_CHANGED = "status"
STATUSES = (SETTLED, REOPENED, CONVERGED, STATUS_CHANGED)
"""What can happen to a text status (:attr:`~termsheet.compare.comparison.Change.status`)."""

LABELS = (STRENGTHENED, WEAKENED, MIXED, WORDING, *STATUSES, "moved", "lint")
"""Every label a change can carry, in the order summaries count them."""

MIRROR = {
    STRENGTHENED: WEAKENED, WEAKENED: STRENGTHENED, CONVERGED: DIVERGED, DIVERGED: CONVERGED,
    MIXED: MIXED, CHANGED: CHANGED,
}
"""The label of the same change read the other way round (NEW → OLD)."""

STRICTNESS_RANK = {"none": 0, "where_possible": 1, "hard": 2, "immediately": 2}
"""Deadline strictness: none < where_possible < hard ≈ immediately."""


def _by_order(order: tuple[str, ...], old, new) -> str:
    if old in order and new in order and old != new:
        return STRENGTHENED if order.index(new) > order.index(old) else WEAKENED
    return CHANGED


def _rank(ranks: dict[str, int], old, new) -> str:
    if old in ranks and new in ranks and ranks[old] != ranks[new]:
        return STRENGTHENED if ranks[new] > ranks[old] else WEAKENED
    return CHANGED


def _deadline(old, new) -> str:
    if old is None and new is not None:
        return STRENGTHENED
    if old is not None and new is None:
        return WEAKENED
    try:
        old_hours, new_hours = duration_hours(old), duration_hours(new)
    except (TypeError, ValueError):
        return CHANGED
    if new_hours == old_hours:
        return CHANGED
    return STRENGTHENED if new_hours < old_hours else WEAKENED


def _term(old, new) -> str:
    try:
        old_hours, new_hours = duration_hours(old), duration_hours(new)
    except (TypeError, ValueError):
        return CHANGED  # a term appearing or disappearing has no direction of its own
    if new_hours == old_hours:
        return CHANGED
    return STRENGTHENED if new_hours > old_hours else WEAKENED


def _qualifiers(old, new) -> str:
    old_set, new_set = set(old or ()), set(new or ())
    if old_set == new_set:
        return CHANGED
    if new_set < old_set:
        return STRENGTHENED  # fewer qualifiers: a lower threshold
    if new_set > old_set:
        return WEAKENED
    return CHANGED


def _text_status(old, new) -> str:
    if old == new:
        return CHANGED
    if new == "agreed":
        return CONVERGED
    if old == "agreed":
        return DIVERGED
    return CHANGED


_BY_FIELD = {
    "modality": lambda old, new: _by_order(MODALITIES, old, new),
    "legal_character": lambda old, new: _by_order(LEGAL_CHARACTERS, old, new),
    "deadline": _deadline,
    "deadline_strictness": lambda old, new: _rank(STRICTNESS_RANK, old, new),
    "text_status": _text_status,
}
_BY_MODEL_FIELD = {
    ("Deployment", "status"): lambda old, new: _by_order(DEPLOYMENT_STATUSES, old, new),
    ("Trigger", "qualifiers"): _qualifiers,
    ("DurationClause", "term"): _term,
}


def classify(model: str, field: str, old, new) -> str:
    """Direction of one field's change from ``old`` to ``new`` in a ``model`` (class name)."""
    rule = _BY_MODEL_FIELD.get((model, field)) or _BY_FIELD.get(field)
    return rule(old, new) if rule else CHANGED


def has_rule(model: str, field: str) -> bool:
    """Whether the domain gives this field a direction."""
    return (model, field) in _BY_MODEL_FIELD or field in _BY_FIELD


def combine(directions: Iterable[str]) -> str:
    """An item's direction from its field changes.

    Strength comes first: strengthened if every strength-bearing change
    strengthens, weakened if every one weakens, mixed if both occur.  Without
    any, converged or diverged when the text status moved, else changed.
    """
    seen = set(directions)
    strong, weak = STRENGTHENED in seen or MIXED in seen, WEAKENED in seen or MIXED in seen
    if strong and weak:
        return MIXED
    if strong:
        return STRENGTHENED
    if weak:
        return WEAKENED
    if CONVERGED in seen and DIVERGED not in seen:
        return CONVERGED
    if DIVERGED in seen and CONVERGED not in seen:
        return DIVERGED
    return CHANGED
