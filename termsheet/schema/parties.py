"""Parties to the arrangement and the guarantors' roles and caveats."""

from termsheet.schema.common import Provenance
from termsheet.schema.types import CountryCode, Id, Model, Ref, ShortText, Text, items
from termsheet.schema.vocab import CaveatCode, Domain, GuarantorRole, PartyKind, Tier


class Party(Model):
    """A state, an international organisation or a coalition."""

    id: Id
    """Lowercase ISO-3166 alpha-2 code for a state (`ua`, `us`), a short slug otherwise (`eu`, `cow`)."""
    name: ShortText
    """Full name as printed."""
    kind: PartyKind
    """`state`, `international_organization` or `coalition`."""
    iso3166: CountryCode | None = None
    """ISO 3166-1 alpha-2 code of a state, in capitals."""
    member_of: items(Ref, max_length=50) = ()
    """Organisations or coalitions this party belongs to (party ids)."""


class RoleAssignment(Model):
    """A guarantor's role in one domain."""

    domain: Domain
    """Domain: `overall`, `monitoring`, `reassurance_force`, `air`, `maritime`, `financing`, …"""
    role: GuarantorRole
    """`lead`, `co_lead`, `backstop`, `contributor` or `observer`. At most one lead per domain."""


class Caveat(Provenance):
    """A national limit on what a guarantor will do."""

    code: CaveatCode
    """Machine-checkable caveat, e.g. `no_forces_in_ukraine` or `away_from_contact_line`."""
    text: Text
    """The caveat in words."""


class Guarantor(Provenance):
    """A party that gives guarantees, with its roles per domain and its caveats."""

    party: Ref
    """The guarantor (a `parties` id). Guarantors are paired across versions by this party."""
    tier: Tier = "core"
    """`core` (military commitments) or `broader` (non-military)."""
    roles: items(RoleAssignment, max_length=20) = ()
    """Roles per domain."""
    caveats: items(Caveat, max_length=20) = ()
    """National caveats."""
