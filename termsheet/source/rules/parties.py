"""Parties and guarantors: who guarantees whom, and who leads each domain."""

from collections.abc import Iterator

from termsheet.source.rules.context import Context
from termsheet.source.rules.registry import Hit, rule


@rule("E-BENEFICIARY-IS-COUNTERPARTY", "error", "the beneficiary is also listed as a counterparty",
      "the guarantees protect the beneficiary against the counterparty",
      fix="remove the beneficiary from counterparties, or correct the beneficiary")
def beneficiary_is_counterparty(ctx: Context) -> Iterator[Hit]:
    for i, party in enumerate(ctx.sheet.counterparties):
        if party == ctx.beneficiary:
            yield Hit(("counterparties", i),
                      f"'{party}' is both the beneficiary and a counterparty")


@rule("E-GUARANTOR-DUP", "error", "a party is listed more than once under `guarantors`",
      "guarantors are paired across versions by party; merge the roles and caveats into one entry",
      fix="merge the entries' roles and caveats into one guarantor entry")
def guarantor_dup(ctx: Context) -> Iterator[Hit]:
    for i, guarantor in enumerate(ctx.sheet.guarantors):
        first = ctx.guarantors[guarantor.party][0]
        if first != i:
            yield Hit(("guarantors", i, "party"),
                      f"'{guarantor.party}' is already a guarantor at guarantors[{first}]",
                      "merge both entries' roles and caveats into one")


@rule("E-GUARANTOR-IS-BENEFICIARY", "error", "the beneficiary is listed as its own guarantor",
      "a guarantee is given to the beneficiary, not by it",
      fix="remove the beneficiary from guarantors; record its own undertakings as commitments "
          "of kind reform")
def guarantor_is_beneficiary(ctx: Context) -> Iterator[Hit]:
    for i, guarantor in enumerate(ctx.sheet.guarantors):
        if guarantor.party == ctx.beneficiary:
            yield Hit(("guarantors", i, "party"),
                      f"'{guarantor.party}' is the beneficiary and cannot guarantee itself",
                      "record the beneficiary's own undertakings as commitments of kind `reform`")


@rule("W-GUARANTOR-IS-COUNTERPARTY", "warning", "a guarantor is also a counterparty",
      "Istanbul 2022 had Russia as a guarantor against itself",
      fix="check the party: remove it from guarantors or from counterparties unless the text "
          "really says so")
def guarantor_is_counterparty(ctx: Context) -> Iterator[Hit]:
    for i, guarantor in enumerate(ctx.sheet.guarantors):
        if guarantor.party in ctx.counterparties:
            yield Hit(("guarantors", i, "party"),
                      f"'{guarantor.party}' guarantees against itself: it is also a counterparty")


@rule("E-MULTI-LEAD", "error",
      "at most one `lead` per domain (use `co_lead` for shared leadership)",
      "France and the UK co-lead the MNF-U; two leads leave command unclear",
      fix="keep one lead per domain; for shared leadership give each party co_lead")
def multi_lead(ctx: Context) -> Iterator[Hit]:
    leads: dict[str, str] = {}
    for i, guarantor in enumerate(ctx.sheet.guarantors):
        for j, role in enumerate(guarantor.roles):
            if role.role != "lead":
                continue
            first = leads.setdefault(role.domain, guarantor.party)
            if first != guarantor.party:
                yield Hit(("guarantors", i, "roles", j, "role"),
                          f"'{guarantor.party}' and '{first}' both lead the {role.domain} domain",
                          "use co_lead for shared leadership")


@rule("W-ROLE-DUP", "warning", "a guarantor holds more than one role in the same domain",
      "one role per domain keeps the roles table unambiguous",
      fix="keep the one role that applies in that domain")
def role_dup(ctx: Context) -> Iterator[Hit]:
    for i, guarantor in enumerate(ctx.sheet.guarantors):
        seen: dict[str, str] = {}
        for j, role in enumerate(guarantor.roles):
            if role.domain in seen:
                yield Hit(("guarantors", i, "roles", j, "domain"),
                          f"'{guarantor.party}' already has the role {seen[role.domain]} in the "
                          f"{role.domain} domain (now also {role.role})",
                          "keep the one role that applies")
            else:
                seen[role.domain] = role.role
