"""Enforcement: what triggers a response and the ladder of response steps."""

from termsheet.schema.common import Provision
from termsheet.schema.types import Bool, Duration, Id, Int, Model, Ref, ShortText, Text, items
from termsheet.schema.vocab import (
    DeadlineAnchor, ResponseAction, Strictness, TriggerKind, TriggerQualifier,
)


class Trigger(Provision):
    """An event that sets off the response ladder."""

    id: Id
    """Stable id, e.g. `trg-major-attack`."""
    kind: TriggerKind
    """`armed_attack`, `qualified_armed_attack`, `ceasefire_violation`, …"""
    description: Text
    """The trigger in words. Disputed words go in negotiation brackets: `[[words]]`, `[[us: 15 years | ua: 30 years]]` (docs/brackets.md)."""
    qualifiers: items(TriggerQualifier, max_length=10) = ()
    """Qualifiers that raise the threshold (fewer = stronger guarantee)."""
    determined_by: Ref | None = None
    """Party, body or command node that determines the trigger has occurred."""
    automatic: Bool = False
    """True when the response follows without a further decision."""


class ResponseStep(Provision):
    """One rung of the response ladder."""

    id: Id
    """Stable id, e.g. `rsp-consult`."""
    trigger_refs: items(Ref, max_length=20)
    """Triggers this step answers."""
    order: Int
    """Position on the ladder for its triggers (1 = first)."""
    actors: items(Ref, max_length=50)
    """Parties, bodies or command nodes that act (compared as a set)."""
    action: ResponseAction
    """Main action: `consultations`, `diplomatic_warning`, `armed_force`, …"""
    additional_actions: items(ResponseAction, max_length=16) = ()
    """Further actions taken at this step."""
    description: Text | None = None
    """The step in words, when the action alone does not say enough."""
    decision_authority: ShortText | None = None
    """Who decides, e.g. "President of the United States, after consultations"."""
    deadline: Duration | None = None
    """ISO-8601 deadline, e.g. `PT24H`."""
    deadline_anchor: DeadlineAnchor | None = None
    """What the deadline runs from; required with a deadline."""
    deadline_strictness: Strictness = "none"
    """`hard`, `where_possible`, `immediately` or `none`."""


class Enforcement(Model):
    """Triggers and response steps."""

    triggers: items(Trigger, max_length=100) = ()
    """Events that set off a response."""
    responses: items(ResponseStep) = ()
    """Response steps, ordered per trigger by `order`."""
