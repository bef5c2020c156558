"""Ids and party references: unique ids, resolvable party refs, repeated list entries, proposers."""

from collections.abc import Iterator
from functools import cache

from termsheet import schema as m
from termsheet.schema.common import Provision
from termsheet.schema.walk import fields
from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import format_field, missing_ref_hint
from termsheet.source.rules.registry import Hit, rule

_PARTY_FIELDS: dict[type, tuple[str, ...]] = {
    m.TermSheet: ("beneficiary", "counterparties", "mediators"),
    m.DocumentMetadata: ("drafting_party", "contributors"),
    m.Party: ("member_of",),
    m.Guarantor: ("party",),
    m.Commitment: ("providers", "beneficiary"),
    m.ForceLimit: ("party",),
    m.CommandNode: ("lead",),
    m.Deployment: ("contributor",),
    m.MonitoringMechanism: ("lead", "participants"),
    m.Body: ("chair", "members"),
    m.RatificationStep: ("party",),
    m.EngagementStep: ("with_party",),
    m.Position: ("party",),
    m.ProposedTerm: ("proposed_by",),
}
for _cls in vars(m).values():
    if isinstance(_cls, type) and issubclass(_cls, Provision) and _cls is not Provision:
        _PARTY_FIELDS[_cls] = (*_PARTY_FIELDS.get(_cls, ()), "proposed_by")
PARTY_FIELDS = _PARTY_FIELDS
"""Fields, by model class, that must name a declared party."""

ACTOR_FIELDS: dict[type, tuple[str, ...]] = {
    m.Trigger: ("determined_by",),
    m.Reporting: ("recipients",),
    m.ResponseStep: ("actors",),
}
"""Fields, by model class, that may name a party, a body or a command node."""


@rule("E-ID-DUP", "error",
      "ids are unique across the whole document (every collection, parties included)",
      "versions and drafts are paired by id; a repeated id makes the pairing ambiguous",
      fix="give each entry its own id; ids are unique across all collections, parties included")
def id_dup(ctx: Context) -> Iterator[Hit]:
    first: dict[str, tuple] = {}
    for loc, node in ctx.nodes:
        if "id" not in type(node).model_fields:
            continue
        ident = node.id
        if ident in first:
            yield Hit((*loc, "id"), f"id '{ident}' is already used at {format_field(first[ident])}",
                      "give each entry its own id; ids are unique across all collections")
        else:
            first[ident] = (*loc, "id")


@rule("W-REPLACES-IN-USE", "warning",
      "a provision's `replaces` names an id that this file still uses",
      "a comparison pairs an id still in use with itself, so the renamed provision is not "
      "paired with its earlier version",
      fix="remove replaces, or correct it to the provision's id in the earlier version")
def replaces_in_use(ctx: Context) -> Iterator[Hit]:
    used: dict[str, tuple] = {}
    for loc, node in ctx.nodes:
        if "id" in type(node).model_fields:
            used.setdefault(node.id, (*loc, "id"))
    for loc, node in ctx.nodes:
        if isinstance(node, Provision) and node.replaces in used:
            yield Hit((*loc, "replaces"),
                      f"replaces: '{node.replaces}' names an id this file still uses "
                      f"(at {format_field(used[node.replaces])})",
                      "remove replaces, or write the id this provision had in the earlier version")


@rule("E-REF-PARTY", "error",
      "every party reference resolves to `parties` (drafting party, contributors, beneficiary, "
      "counterparties, mediators, guarantors, providers, leads, chairs, members, participants, "
      "positions, ratification, engagement, force limits, member_of, proposed_by)",
      "every party named in the text must be declared once",
      fix="correct the id, or declare the party under parties ({id: …, name: …, kind: …})")
def ref_party(ctx: Context) -> Iterator[Hit]:
    for loc, ref in ctx.refs(PARTY_FIELDS):
        if ref not in ctx.parties:
            yield Hit(loc, f"'{ref}' is not a declared party",
                      missing_ref_hint(ref, "party", ctx.parties, ctx.kind_of(ref),
                                       f"add {{id: {ref}, name: …, kind: …}} under parties"))


@rule("E-REF-ACTOR", "error",
      "response actors, trigger `determined_by` and report recipients resolve to a party, body or "
      "command node", "someone identifiable must act, decide and receive reports",
      fix="correct the id, or declare it under parties, bodies or forces.command_nodes")
def ref_actor(ctx: Context) -> Iterator[Hit]:
    for loc, ref in ctx.refs(ACTOR_FIELDS):
        if ref not in ctx.actor_ids:
            yield Hit(loc, f"'{ref}' is not a declared party, body or command node",
                      missing_ref_hint(ref, "party, body or command node", ctx.actor_ids,
                                       ctx.kind_of(ref), "declare it under parties, bodies or "
                                       "forces.command_nodes"))


@rule("W-PARTY-UNUSED", "warning", "a declared party is referenced nowhere in the document",
      "a stray party is usually a typo or a leftover from an earlier draft",
      fix="remove the party, or name it where it plays a part (guarantors, providers, members …)")
def party_unused(ctx: Context) -> Iterator[Hit]:
    used = {ref for _, ref in ctx.refs(PARTY_FIELDS)}
    used.update(ref for _, ref in ctx.refs(ACTOR_FIELDS))
    for i, party in enumerate(ctx.sheet.parties):
        if party.id not in used and ctx.parties.get(party.id) == i:
            yield Hit(("parties", i, "id"),
                      f"party '{party.id}' ({party.name}) is never referenced",
                      "remove it, or name it where it plays a part (guarantors, providers, "
                      "members …)")


@cache
def _str_list_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields of ``cls`` that hold a list of plain values (ids, codes…)."""
    return tuple(spec.name for spec in fields(cls) if spec.many and spec.model is None)


@rule("W-REPEATED-ENTRY", "warning",
      "a list names the same value twice (providers, members, actors, source_refs, missions …)",
      "these lists are compared as sets; a repeat is a slip and hides nothing",
      fix="remove the repeated value")
def repeated_entry(ctx: Context) -> Iterator[Hit]:
    for loc, node in ctx.nodes:
        for name in _str_list_fields(type(node)):
            seen: dict[str, int] = {}
            for i, value in enumerate(getattr(node, name)):
                if value in seen:
                    yield Hit((*loc, name, i), f"'{value}' is listed twice in {name} "
                              f"(first at {format_field((*loc, name, seen[value]))})",
                              "remove the repeat")
                else:
                    seen[value] = i


@rule("W-BRACKETED-NO-PROPOSER", "warning",
      "a `bracketed` or `alternative` provision does not say who proposed it (`proposed_by`)",
      "bracketed text is printed with its proposer, as in negotiating texts",
      fix="add proposed_by: <party id> to the provision")
def bracketed_no_proposer(ctx: Context) -> Iterator[Hit]:
    for loc, node in ctx.nodes:
        if isinstance(node, Provision) and node.text_status in ("bracketed", "alternative") \
                and node.proposed_by is None:
            yield Hit((*loc, "text_status"),
                      f"{ctx.describe(loc, node)} is {node.text_status} but does not say who "
                      "proposed the text",
                      "add proposed_by: <party id>")
