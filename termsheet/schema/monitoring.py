"""Ceasefire monitoring and verification, and the bodies that decide on breaches."""

from termsheet.schema.common import Provision
from termsheet.schema.types import Bool, Id, Model, Ref, ShortText, Text, items
from termsheet.schema.vocab import (
    BodyFunction, BodyKind, DecisionRule, MonitoringKind, MonitoringTask, ReportingCadence,
)


class Area(Model):
    """Area a mechanism covers."""

    description: Text
    """The area in words."""


class Reporting(Model):
    """How a mechanism reports."""

    cadence: ReportingCadence
    """`real_time`, `daily`, `weekly`, `monthly`, `on_request` or `on_incident`."""
    recipients: items(Ref, max_length=50) = ()
    """Parties, bodies or command nodes that receive reports."""


class MonitoringMechanism(Provision):
    """A mechanism that detects and verifies breaches."""

    id: Id
    """Stable id, e.g. `mon-ceasefire`."""
    name: ShortText
    """Name as printed."""
    lead: Ref
    """Party that leads it."""
    participants: items(Ref, max_length=50) = ()
    """Other participating parties (compared as a set)."""
    kinds: items(MonitoringKind, max_length=10) = ()
    """Means: `technical_remote`, `on_site_observers`, `hotline`, …"""
    tasks: items(MonitoringTask, max_length=10) = ()
    """Tasks: `detect`, `verify`, `attribute`, `report`, …"""
    area: Area | None = None
    """Area covered."""
    reporting: Reporting | None = None
    """Reporting cadence and recipients."""
    adjudication_body: Ref | None = None
    """Body that attributes breaches and decides remedies (a `bodies` id)."""
    freedom_of_movement_guarantee: Bool = False
    """Whether monitors are guaranteed freedom of movement."""


class Body(Provision):
    """A governance body: commission, council, coordination cell."""

    id: Id
    """Stable id, e.g. `body-special-commission`."""
    name: ShortText
    """Name as printed."""
    kind: BodyKind
    """`special_commission`, `peace_council`, `coordination_cell`, …"""
    functions: items(BodyFunction, max_length=10) = ()
    """What it does: `adjudicate`, `attribute`, `coordinate`, …"""
    chair: Ref | None = None
    """Party that chairs it."""
    members: items(Ref, max_length=60) = ()
    """Member parties (compared as a set)."""
    decision_rule: DecisionRule = "not_specified"
    """`consensus`, `unanimity`, `majority`, `chair_decides`, …"""
