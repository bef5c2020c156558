"""Final provisions: duration, renewal, termination, ratification, engagement with the counterparty."""

from termsheet.schema.common import Provision
from termsheet.schema.types import Bool, Duration, Id, Int, Model, Ref, ShortText, Text, items
from termsheet.schema.vocab import (
    Channel, PreconditionKind, RatificationInstrument, RatificationStatus, Renewal, Sequencing,
    StartEvent, TerminationKind,
)


class Termination(Provision):
    """One way the arrangement can end."""

    id: Id
    """Stable id, e.g. `term-notice`."""
    kind: TerminationKind
    """`notice`, `event`, `breach_by_beneficiary`, `mutual_consent` or `expiry`."""
    notice_period: Duration | None = None
    """Notice period for `notice`, e.g. `P6M`."""
    channel: Channel | None = None
    """How notice is given."""
    event: ShortText | None = None
    """The event that ends it, for `event`, e.g. "Ukraine's accession to NATO"."""
    effect: ShortText | None = None
    """What happens then, e.g. "merges into NATO arrangements"."""
    trigger_ref: Ref | None = None
    """Trigger whose occurrence ends it, for `breach_by_beneficiary`."""


class ProposedTerm(Model):
    """A term under discussion and the party proposing it, printed ``[US: 15 years]``."""

    term: Duration
    """The term proposed, e.g. `P15Y`."""
    proposed_by: Ref
    """Party proposing it (its id in `parties`)."""


class DurationClause(Provision):
    """How long the arrangement lasts and how it ends."""

    term: Duration | None = None
    """Initial term, e.g. `P15Y`."""
    term_alternatives: items(Duration | ProposedTerm, max_length=10) = ()
    """Other terms under discussion: a duration (`P30Y`), or a duration and the party
    proposing it (`{term: P30Y, proposed_by: ua}`), printed in negotiation brackets."""
    start_event: StartEvent = "entry_into_force"
    """Event the term runs from."""
    renewal: Renewal = "none"
    """`none`, `automatic`, `mutual_written_agreement` or `by_decision_of_parties`."""
    termination: items(Termination, max_length=20) = ()
    """Ways it can end."""


class Precondition(Model):
    """A condition that must hold before a ratification step."""

    kind: PreconditionKind
    """`ceasefire_duration`, `signature`, `ratification_by_other_party` or `other`."""
    min_duration: Duration | None = None
    """Minimum duration, e.g. `P60D` of ceasefire before a referendum."""
    description: ShortText | None = None
    """The condition in words."""


class RatificationStep(Provision):
    """How one party makes the arrangement binding on itself."""

    party: Ref
    """Party that ratifies (steps are paired across versions by party and instrument)."""
    instrument: RatificationInstrument
    """`treaty_ratification`, `congressional_approval`, `parliamentary_vote`, `referendum`, …"""
    body: ShortText | None = None
    """Body that decides, e.g. `Verkhovna Rada`."""
    status: RatificationStatus = "not_started"
    """Progress."""
    preconditions: items(Precondition, max_length=10) = ()
    """Conditions before this step."""


class EngagementStep(Provision):
    """A step in engaging the counterparty."""

    id: Id
    """Stable id, e.g. `eng-convey-to-russia`."""
    step: Int
    """Order of the step."""
    description: Text
    """The step in words."""
    with_party: Ref
    """Party engaged."""
    sequencing: Sequencing
    """Relative to allied agreement: `before_counterparty`, `parallel_to_allied_agreement`, `after_allied_agreement`."""
    russia_signatory: Bool | None = None
    """Whether the counterparty signs the arrangement."""
