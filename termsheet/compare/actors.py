"""Who is who on one side of a comparison: names, memberships, and how a decider ranks.

Directions that depend on *who* — who is bound, who decides — read one side's
term sheet through a :class:`Cast`: the beneficiary, the counterparties, which
party is a member of which, each body's members and decision rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termsheet.schema import TermSheet

VETO_RULES = frozenset({"consensus", "unanimity"})
"""Decision rules under which any one member can block a decision."""

DECIDER_RANKS = {
    "beneficiary": 4, "independent": 3, "guarantor": 2, "veto": 1, "counterparty": 0,
}
"""Who decides, from the beneficiary's side: the beneficiary itself, a body or command the
counterparty cannot block, a guarantor's own discretion, a body where the counterparty holds a
veto, the counterparty."""

DECIDER_WORDS = {
    "beneficiary": "the beneficiary decides",
    "independent": "a body the counterparty cannot block decides",
    "guarantor": "a guarantor decides at its own discretion",
    "veto": "a body where the counterparty holds a veto decides",
    "counterparty": "the counterparty decides",
}


@dataclass(frozen=True)
class Cast:
    """The actors of one term sheet."""

    names: dict[str, str] = field(default_factory=dict)
    """Party, body and command-node id → name."""
    beneficiary: str | None = None
    counterparties: frozenset[str] = frozenset()
    member_of: dict[str, frozenset[str]] = field(default_factory=dict)
    bodies: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)
    """Body id → (members, decision rule)."""
    commands: frozenset[str] = frozenset()
    home_country: str | None = None
    """The beneficiary's ISO 3166 code (``UA``)."""

    @classmethod
    def of(cls, sheet: TermSheet | None) -> Cast:
        """The cast of ``sheet`` (an empty cast for None)."""
        if sheet is None:
            return cls()
        names = {party.id: party.name for party in sheet.parties}
        names.update({body.id: body.name for body in sheet.bodies})
        commands = tuple(sheet.forces.command_nodes) if sheet.forces else ()
        names.update({node.id: node.name for node in commands})
        return cls(
            names=names,
            beneficiary=sheet.beneficiary,
            counterparties=frozenset(sheet.counterparties),
            member_of={party.id: frozenset(party.member_of) for party in sheet.parties},
            bodies={body.id: (frozenset(body.members), body.decision_rule)
                    for body in sheet.bodies},
            commands=frozenset(node.id for node in commands),
            home_country=next((party.iso3166 for party in sheet.parties
                               if party.id == sheet.beneficiary), None),
        )

    def name(self, actor: str | None) -> str:
        """An actor's name (its id when the sheet does not name it)."""
        if actor is None:
            return "nobody"
        return self.names.get(actor, actor)

    def names_of(self, actors) -> str:
        """``France, United Kingdom and Coalition of the Willing``."""
        names = [self.name(actor) for actor in actors]
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]

    def holds_veto(self, body: str, members=None, rule: str | None = None) -> bool:
        """Whether a counterparty sits on ``body`` under a rule that lets it block."""
        known_members, known_rule = self.bodies.get(body, (frozenset(), None))
        members = known_members if members is None else frozenset(members)
        rule = known_rule if rule is None else rule
        return rule in VETO_RULES and bool(members & self.counterparties)

    def decider(self, actor: str | None) -> str | None:
        """The kind of decider ``actor`` is (a key of :data:`DECIDER_RANKS`); None if unknown."""
        if actor is None:
            return None
        if actor == self.beneficiary:
            return "beneficiary"
        if actor in self.counterparties:
            return "counterparty"
        if actor in self.bodies:
            return "veto" if self.holds_veto(actor) else "independent"
        if actor in self.commands:
            return "independent"
        if actor in self.names:
            return "guarantor"
        return None

    def deciders(self, actors) -> str | None:
        """The kind of a joint decision: a counterparty among them can block it; else the
        beneficiary among them decides with them; else the strongest among the others."""
        kinds = [self.decider(actor) for actor in actors]
        kinds = [kind for kind in kinds if kind is not None]
        if not kinds:
            return None
        if len(kinds) > 1 and ("counterparty" in kinds or "veto" in kinds):
            return "veto"
        return max(kinds, key=DECIDER_RANKS.__getitem__)

    def covers(self, outer: str, inner: str) -> bool:
        """Whether ``inner`` is ``outer`` or one of its members (France is in the coalition)."""
        return inner == outer or outer in self.member_of.get(inner, frozenset())

    def mentioned(self, text: str | None) -> tuple[str, ...]:
        """The actors a text names (``President of the United States`` → ``us``)."""
        if not text:
            return ()
        found = []
        lowered = text.casefold()
        for actor, name in self.names.items():
            if any(re.search(rf"\b{re.escape(alias)}\b", lowered) for alias in _aliases(name)):
                found.append(actor)
        return tuple(found)


def _aliases(name: str) -> tuple[str, ...]:
    """How a text may name an actor: its full name, and its name without a trailing
    ``of …`` (``United States`` for ``United States of America``)."""
    name = name.casefold()
    short = re.split(r"\s+of\s+", name, maxsplit=1)[0]
    return (name,) if short == name or len(short) < 4 else (name, short)
