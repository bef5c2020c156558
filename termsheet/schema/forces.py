"""Force posture: command structure and deployments."""

from termsheet.schema.common import Provenance, Provision
from termsheet.schema.types import CountryCode, Duration, Id, Int, Model, Ref, ShortText, items
from termsheet.schema.vocab import (
    CommandLevel, DeploymentStatus, ForceType, LocationKind, Mission, TimingAnchor,
)


class Location(Model):
    """Where forces or a headquarters are located."""

    kind: LocationKind
    """Kind of location; the first six kinds (`ukraine_*`, `demilitarized_zone`) are inside Ukraine."""
    places: items(ShortText, max_length=50) = ()
    """Named places, e.g. `Paris`, `Odesa`."""
    country: CountryCode | None = None
    """Country of the places (ISO 3166-1 alpha-2)."""
    options: items(LocationKind, max_length=11) = ()
    """Candidate location kinds while `kind` is `tbd`."""
    overflight: ShortText | None = None
    """Airspace patrolled from the location, e.g. `western Ukraine`."""
    min_distance_from_contact_line_km: Int | None = None
    """Minimum distance from the line of contact, in kilometres."""


class Strength(Provenance):
    """Size of a force: a range, a text, or both."""

    min: Int | None = None
    """Smallest number."""
    max: Int | None = None
    """Largest number."""
    unit: ShortText = "personnel"
    """What is counted: `personnel`, `aircraft`, `ships`, …"""
    text: ShortText | None = None
    """The strength in words, e.g. "several thousand"."""


class Timing(Model):
    """When a deployment happens, relative to an event."""

    anchor: TimingAnchor
    """Event the timing runs from."""
    offset: Duration | None = None
    """Time after the event, e.g. `P7D`."""


class CommandNode(Provision):
    """A headquarters or coordination node."""

    id: Id
    """Stable id, e.g. `cmd-mnf-hq`."""
    name: ShortText
    """Name as printed."""
    lead: Ref
    """Party that leads the node."""
    location: Location
    """Where it sits."""
    level: CommandLevel = "operational"
    """`strategic`, `operational` or `tactical`."""
    parent: Ref | None = None
    """Id of the node this one reports to."""
    rotation: ShortText | None = None
    """Rotation of the lead, e.g. "rotates to London after 12 months"."""


class Deployment(Provision):
    """Forces a contributor deploys (or rules out deploying)."""

    id: Id
    """Stable id, e.g. `dep-fr-land`."""
    contributor: Ref
    """Guarantor that provides the forces (a `parties` id declared as guarantor)."""
    force_type: ForceType
    """`land`, `air`, `maritime`, `liaison`, `isr_technical`, …"""
    missions: items(Mission, max_length=10) = ()
    """Missions (compared as a set)."""
    location: Location
    """Where the forces deploy."""
    strength: Strength | None = None
    """How many."""
    status: DeploymentStatus
    """Weakest first: ruled_out, under_consideration, proposed, conditional, pledged."""
    timing: Timing | None = None
    """When, relative to an event."""
    command: Ref | None = None
    """Command node the forces report to."""


class Forces(Model):
    """Force posture of the arrangement."""

    total_strength: Strength | None = None
    """Overall size of the multinational force."""
    command_nodes: items(CommandNode, max_length=100) = ()
    """Headquarters and coordination nodes."""
    deployments: items(Deployment) = ()
    """Deployments by contributor."""
