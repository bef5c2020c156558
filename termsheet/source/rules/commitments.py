"""Commitments: who may give them, ratification, and force-level figures."""

from collections.abc import Iterator

from termsheet.source.rules.context import Context
from termsheet.source.rules.registry import Hit, rule


def _provider_allowed(ctx: Context, kind: str, provider: str) -> bool:
    if provider in ctx.guarantors:
        return True
    if kind == "non_aggression":
        return provider in ctx.counterparties or provider == ctx.beneficiary
    if kind == "reform":
        return provider == ctx.beneficiary
    return False


@rule("E-COMMIT-PROVIDER", "error",
      "commitment providers are declared guarantors (except a counterparty or the beneficiary for "
      "`non_aggression`, the beneficiary for `reform`)",
      "20-point plan: Russia legislates non-aggression; Ukraine commits to reforms",
      fix="declare the provider under guarantors, or remove it from the commitment's providers")
def commit_provider(ctx: Context) -> Iterator[Hit]:
    for i, commitment in enumerate(ctx.sheet.commitments):
        for j, provider in enumerate(commitment.providers):
            if provider in ctx.parties and not _provider_allowed(ctx, commitment.kind, provider):
                yield Hit(("commitments", i, "providers", j),
                          f"'{provider}' provides '{commitment.id}' ({commitment.kind}) but "
                          "is not a guarantor",
                          f"declare '{provider}' under guarantors, or remove it from the providers")


@rule("W-OBSERVER-COMMITS", "warning", "a commitment provider holds only `observer` roles",
      "an observer that commits is no longer an observer",
      fix="give the provider a contributor role, or drop it from the providers")
def observer_commits(ctx: Context) -> Iterator[Hit]:
    for i, commitment in enumerate(ctx.sheet.commitments):
        for j, provider in enumerate(commitment.providers):
            if ctx.observer_only(provider):
                yield Hit(("commitments", i, "providers", j),
                          f"'{provider}' provides '{commitment.id}' but its only guarantor role is "
                          "observer",
                          f"give '{provider}' a contributor role, or drop it from the providers")


@rule("W-RATIFICATION-MISSING", "warning",
      "a commitment is `legally_binding_subject_to_ratification` but none of its providers has a "
      "ratification step", "Berlin/Paris texts: binding \"subject to national procedures\"",
      fix="add a ratification entry (party, instrument) for at least one provider, or change "
          "legal_character")
def ratification_missing(ctx: Context) -> Iterator[Hit]:
    ratifying = {step.party for step in ctx.sheet.ratification}
    for i, commitment in enumerate(ctx.sheet.commitments):
        if commitment.legal_character != "legally_binding_subject_to_ratification":
            continue
        if not ratifying.intersection(commitment.providers):
            providers = ", ".join(commitment.providers)
            yield Hit(("commitments", i, "legal_character"),
                      f"'{commitment.id}' is binding subject to ratification, but no ratification "
                      f"step is listed for its providers ({providers})",
                      "add a ratification entry (party, instrument) for at least one provider")


@rule("W-AMBIGUOUS-FORCE-CAP", "warning",
      "a `force_level_support` quantity differs from the `force_limits` cap on the same party",
      "28-point plan 600,000 versus 800,000 in the E3, Berlin and 20-point texts",
      fix="use one figure, or record the disagreement as an open issue")
def ambiguous_force_cap(ctx: Context) -> Iterator[Hit]:
    caps: dict[str, list] = {}
    for i, limit in enumerate(ctx.sheet.force_limits):
        caps.setdefault(limit.party, []).append((i, limit))
    for i, commitment in enumerate(ctx.sheet.commitments):
        quantity = commitment.quantity
        if commitment.kind != "force_level_support" or quantity is None \
                or quantity.unit != "personnel":
            continue
        for k, limit in caps.get(commitment.beneficiary, ()):
            if limit.cap != quantity.value:
                yield Hit(("commitments", i, "quantity", "value"),
                          f"'{commitment.id}' supports a force of {quantity.value:,} but "
                          f"force limit '{limit.id}' caps '{limit.party}' at {limit.cap:,}",
                          "use one figure, or record the disagreement as an open issue")
