"""Monitoring and adjudication: who leads, who decides, and whether a counterparty can block."""

from collections.abc import Iterator

from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import missing_ref_hint
from termsheet.source.rules.registry import Hit, rule

CEASEFIRE_TRIGGERS = frozenset({"ceasefire_violation", "persistent_ceasefire_violation"})
UNSC_PERMANENT = frozenset({"CN", "FR", "GB", "RU", "US"})


@rule("E-REF-BODY", "error", "a monitoring mechanism's `adjudication_body` resolves to `bodies`",
      "OSCE SMM lesson: observation without a body that attributes and remedies",
      fix="correct the id, or declare the body under bodies")
def ref_body(ctx: Context) -> Iterator[Hit]:
    for i, mechanism in enumerate(ctx.monitoring):
        ref = mechanism.adjudication_body
        if ref is not None and ref not in ctx.body_index:
            yield Hit(("monitoring", i, "adjudication_body"),
                      f"adjudication body '{ref}' of '{mechanism.id}' is not a declared body",
                      missing_ref_hint(ref, "body", ctx.body_index, ctx.kind_of(ref),
                                       "declare it under bodies"))


@rule("W-MON-LEAD-ROLE", "warning",
      "a monitoring mechanism's lead has no role in the `monitoring` domain",
      "the US leads monitoring: the roles table and the mechanism must agree",
      fix="add {domain: monitoring, role: lead} (or co_lead) to the lead's guarantor entry")
def mon_lead_role(ctx: Context) -> Iterator[Hit]:
    for i, mechanism in enumerate(ctx.monitoring):
        lead = mechanism.lead
        if lead not in ctx.parties:
            continue
        if not any(r.domain == "monitoring" for r in ctx.roles(lead)):
            yield Hit(("monitoring", i, "lead"),
                      f"'{lead}' leads '{mechanism.id}' but has no role in the monitoring domain",
                      f"add {{domain: monitoring, role: lead}} to guarantor '{lead}'")


def _adjudicating_bodies(ctx: Context) -> set[str]:
    named = {m.adjudication_body for m in ctx.monitoring if m.adjudication_body}
    return named | {b.id for b in ctx.bodies if {"adjudicate", "attribute"} & set(b.functions)}


def _holds_unsc_veto(ctx: Context, party_id: str) -> bool:
    index = ctx.parties.get(party_id)
    if index is None:
        return False
    party = ctx.sheet.parties[index]
    code = party.iso3166 or (party_id.upper() if party.kind == "state" else None)
    return code in UNSC_PERMANENT


@rule("W-COUNTERPARTY-VETO", "warning",
      "a counterparty can block: it sits on an adjudicating body that decides by consensus or "
      "unanimity, or a response step refers to the UN Security Council where it holds a veto",
      "Budapest 1994: UNSC referral against a permanent member; Russia in the Special Commission",
      fix="decide by majority or qualified_majority, leave the counterparty out, or add a step "
          "that does not depend on the Security Council")
def counterparty_veto(ctx: Context) -> Iterator[Hit]:
    adjudicating = _adjudicating_bodies(ctx)
    for i, body in enumerate(ctx.bodies):
        if body.id not in adjudicating or body.decision_rule not in ("consensus", "unanimity"):
            continue
        seats = [(("bodies", i, "chair"), body.chair)] if body.chair else []
        seats += [(("bodies", i, "members", j), p) for j, p in enumerate(body.members)]
        for loc, party in seats:
            if party in ctx.counterparties:
                yield Hit(loc, f"counterparty '{party}' sits on '{body.id}', which adjudicates "
                          f"breaches by {body.decision_rule}: it can veto findings against itself",
                          "decide by majority or qualified_majority, or leave the counterparty out")
    vetoes = sorted(p for p in ctx.counterparties if _holds_unsc_veto(ctx, p))
    if not vetoes:
        return
    for i, step in enumerate(ctx.responses):
        actions = [(("action",), step.action)]
        actions += [(("additional_actions", k), a) for k, a in enumerate(step.additional_actions)]
        for where, action in actions:
            if action == "unsc_referral":
                yield Hit(("enforcement", "responses", i, *where),
                          f"'{step.id}' refers the matter to the UN Security Council, where "
                          f"counterparty {', '.join(vetoes)} holds a veto",
                          "add a step that does not depend on the Security Council")


@rule("E-NO-MONITORING", "error",
      "ceasefire-violation triggers exist but no monitoring mechanism does",
      "a breach must be detected before it can trigger anything",
      fix="add a mechanism under monitoring")
def no_monitoring(ctx: Context) -> Iterator[Hit]:
    if ctx.monitoring:
        return
    for i, trigger in enumerate(ctx.triggers):
        if trigger.kind in CEASEFIRE_TRIGGERS:
            yield Hit(("enforcement", "triggers", i, "kind"),
                      f"trigger '{trigger.id}' ({trigger.kind}) needs a monitoring mechanism, and "
                      "none is declared", "add a mechanism under monitoring")
