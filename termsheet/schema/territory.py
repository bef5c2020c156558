"""Territorial provisions and the list of open issues."""

from termsheet.schema.common import Provenance, Provision
from termsheet.schema.types import Bool, Id, Ref, ShortText, Text, items
from termsheet.schema.vocab import IssueStatus, IssueTopic, Stance, TerritorialArrangement


class TerritorialProvision(Provision):
    """An arrangement for one area."""

    id: Id
    """Stable id, e.g. `terr-donetsk`."""
    area: ShortText
    """The area in words."""
    arrangement: TerritorialArrangement
    """`line_of_contact_frozen`, `demilitarized_zone`, `free_economic_zone`, …"""
    details: Text | None = None
    """Further details. Disputed words go in negotiation brackets: `[[words]]`, `[[us: 15 years | ua: 30 years]]` (docs/brackets.md)."""
    requires_referendum: Bool | None = None
    """Whether the arrangement needs a referendum in Ukraine."""


class Position(Provenance):
    """One party's position on an open issue."""

    party: Ref
    """Party holding the position (positions are paired across versions by party)."""
    stance: Stance
    """`supports`, `opposes`, `conditional`, `proposes`, `proposes_alternative`, `undecided`, `unknown`."""
    summary: Text
    """The position in words."""


class OpenIssue(Provision):
    """An issue still to be settled, with each party's position."""

    id: Id
    """Stable id, e.g. `oi-donbas`."""
    topic: IssueTopic
    """`territory`, `us_role`, `russia_consent`, `guarantee_duration`, …"""
    title: ShortText | None = None
    """Short heading; derived from `topic` when omitted."""
    summary: Text
    """The question at issue."""
    status: IssueStatus
    """`open`, `narrowing`, `agreed_in_principle`, `agreed`, `parked` or `dropped`."""
    blocking: Bool = False
    """True when the text cannot be signed while the issue is open."""
    positions: items(Position, max_length=50) = ()
    """Positions of the parties."""
