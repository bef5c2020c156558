"""Enforcement: triggers, the response ladder, deadlines and who answers."""

from collections.abc import Iterator
from itertools import groupby

from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import hours, missing_ref_hint
from termsheet.source.rules.registry import Hit, rule

_RESPONSES = ("enforcement", "responses")


def _with_deadlines(ctx: Context):
    """Commitments and response steps: everything that carries a deadline."""
    for i, commitment in enumerate(ctx.sheet.commitments):
        yield ("commitments", i), commitment
    for i, step in enumerate(ctx.responses):
        yield (*_RESPONSES, i), step


@rule("E-REF-TRIGGER", "error",
      "response `trigger_refs` and termination `trigger_ref` resolve to triggers",
      "each rung of the ladder answers a declared trigger",
      fix="correct the id, or declare the trigger under enforcement.triggers")
def ref_trigger(ctx: Context) -> Iterator[Hit]:
    index = ctx.trigger_index
    declare = "declare it under enforcement.triggers"
    for i, step in enumerate(ctx.responses):
        for j, ref in enumerate(step.trigger_refs):
            if ref not in index:
                yield Hit((*_RESPONSES, i, "trigger_refs", j),
                          f"'{step.id}' answers trigger '{ref}', which is not declared",
                          missing_ref_hint(ref, "trigger", index, ctx.kind_of(ref), declare))
    for i, termination in enumerate(ctx.terminations):
        ref = termination.trigger_ref
        if ref is not None and ref not in index:
            yield Hit(("duration", "termination", i, "trigger_ref"),
                      f"termination '{termination.id}' names trigger '{ref}', which is not "
                      "declared",
                      missing_ref_hint(ref, "trigger", index, ctx.kind_of(ref), declare))


@rule("E-DEADLINE-ANCHOR", "error", "a deadline has a `deadline_anchor`",
      "Minsk II: T+2 and T+14 days, counted from the ceasefire",
      fix="add deadline_anchor (from_breach_detection, from_request, from_attribution, "
          "from_previous_step …)")
def deadline_anchor(ctx: Context) -> Iterator[Hit]:
    for loc, node in _with_deadlines(ctx):
        if node.deadline is not None and node.deadline_anchor is None:
            yield Hit((*loc, "deadline"),
                      f"the deadline {node.deadline} of '{node.id}' does not say what it runs from",
                      "add deadline_anchor (from_breach_detection, from_request, from_attribution, "
                      "from_previous_step …)")


@rule("E-DEADLINE-MISSING", "error",
      "strictness `hard` or `where_possible` comes with a `deadline`",
      "US BSA 2024: \"where possible within 24 hours\"",
      fix="add a deadline (e.g. PT24H), or set deadline_strictness: none")
def deadline_missing(ctx: Context) -> Iterator[Hit]:
    for loc, node in _with_deadlines(ctx):
        if node.deadline is None and node.deadline_strictness in ("hard", "where_possible"):
            yield Hit((*loc, "deadline_strictness"),
                      f"'{node.id}' has a {node.deadline_strictness} deadline but no deadline",
                      "add deadline (e.g. PT24H), or set deadline_strictness: none")


@rule("W-DEADLINE-STRICTNESS", "warning", "a `deadline` is given with strictness `none`",
      "the diff weighs strictness; `none` with a deadline reads as no commitment to it",
      fix="set deadline_strictness: hard, where_possible or immediately, or remove the deadline")
def deadline_strictness(ctx: Context) -> Iterator[Hit]:
    for loc, node in _with_deadlines(ctx):
        if node.deadline is not None and node.deadline_strictness == "none":
            yield Hit((*loc, "deadline"),
                      f"'{node.id}' has the deadline {node.deadline} but strictness none",
                      "set deadline_strictness: hard, where_possible or immediately")


@rule("W-TRIGGER-NO-RESPONSE", "warning",
      "a trigger is answered by no response step (nor by a termination)",
      "a trigger that sets nothing off is a dead letter",
      fix="add a response step with the trigger in its trigger_refs, or remove the trigger")
def trigger_no_response(ctx: Context) -> Iterator[Hit]:
    answered = {ref for step in ctx.responses for ref in step.trigger_refs}
    answered.update(t.trigger_ref for t in ctx.terminations if t.trigger_ref)
    for i, trigger in enumerate(ctx.triggers):
        if trigger.id not in answered:
            yield Hit(("enforcement", "triggers", i, "id"),
                      f"no response step answers trigger '{trigger.id}'",
                      f"add a response with trigger_refs: [{trigger.id}], or remove the trigger")


def _effective_deadlines(steps) -> list:
    """(order, index, step, hours) for a trigger's steps; from_previous_step deadlines cumulate."""
    out, best = [], 0.0
    for order, group in groupby(sorted(steps, key=lambda s: (s[1].order, s[0])),
                                key=lambda s: s[1].order):
        group_best = best
        for index, step in group:
            length = hours(step.deadline)
            if length is not None and step.deadline_anchor == "from_previous_step":
                length += best
            out.append((order, index, step, length))
            if length is not None:
                group_best = max(group_best, length)
        best = group_best
    return out


@rule("E-LADDER-ORDER", "error",
      "deadlines never shorten as `order` rises for the same trigger (from_previous_step counts "
      "cumulatively)",
      "the reported 24h / 48h / 72h ladder",
      fix="later rungs take at least as long: check the steps' order or their deadlines")
def ladder_order(ctx: Context) -> Iterator[Hit]:
    reported: set[int] = set()
    for trigger in ctx.triggers:
        steps = [(i, s) for i, s in enumerate(ctx.responses) if trigger.id in s.trigger_refs]
        longest: tuple[float, object] | None = None
        for order, group in groupby(_effective_deadlines(steps), key=lambda e: e[0]):
            group = list(group)
            for _, index, step, length in group:
                if length is not None and longest is not None and length < longest[0] \
                        and index not in reported:
                    reported.add(index)
                    earlier = longest[1]
                    yield Hit((*_RESPONSES, index, "deadline"),
                              f"step {step.order} '{step.id}' of trigger '{trigger.id}' has a "
                              f"shorter deadline ({step.deadline}) than earlier step "
                              f"{earlier.order} '{earlier.id}' ({earlier.deadline})",
                              "later rungs of the ladder take at least as long; check the order "
                              "or the deadlines")
            for _, _, step, length in group:
                if length is not None and (longest is None or length > longest[0]):
                    longest = (length, step)


@rule("W-BENEFICIARY-TRIGGER", "warning",
      "a `beneficiary_initiated_attack` trigger leads to no `suspend_guarantee` step and no "
      "termination",
      "28- and 20-point plans: an attack by Ukraine voids the guarantee",
      fix="add a response step with action suspend_guarantee, or a termination of kind "
          "breach_by_beneficiary with this trigger_ref")
def beneficiary_trigger(ctx: Context) -> Iterator[Hit]:
    ending = {t.trigger_ref for t in ctx.terminations if t.trigger_ref}
    for step in ctx.responses:
        if step.action == "suspend_guarantee" or "suspend_guarantee" in step.additional_actions:
            ending.update(step.trigger_refs)
    for i, trigger in enumerate(ctx.triggers):
        if trigger.kind == "beneficiary_initiated_attack" and trigger.id not in ending:
            yield Hit(("enforcement", "triggers", i, "kind"),
                      f"trigger '{trigger.id}' (an attack by the beneficiary) neither suspends nor "
                      "ends the guarantee", "add a response step with action suspend_guarantee, or "
                      "a termination of kind breach_by_beneficiary with this trigger_ref")


@rule("W-BACKSTOP-UNLINKED", "warning",
      "a guarantor with a `backstop` role acts in no response step",
      "the US \"backstop\" must be something a breach can trigger",
      fix="name the backstop guarantor among the actors of a response step")
def backstop_unlinked(ctx: Context) -> Iterator[Hit]:
    acting = {actor for step in ctx.responses for actor in step.actors}
    for i, guarantor in enumerate(ctx.sheet.guarantors):
        if guarantor.party in acting:
            continue
        for j, role in enumerate(guarantor.roles):
            if role.role == "backstop":
                yield Hit(("guarantors", i, "roles", j, "role"),
                          f"'{guarantor.party}' is the {role.domain} backstop but acts in no "
                          "response step",
                          f"name '{guarantor.party}' among the actors of a response")
                break
