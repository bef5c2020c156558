"""Territorial provisions and open issues."""

from collections.abc import Iterator

from termsheet.source.rules.context import Context
from termsheet.source.rules.registry import Hit, rule

RESOLVED = frozenset({"agreed", "dropped"})


@rule("W-FEZ-REFERENDUM", "warning",
      "a `free_economic_zone` provision is not flagged `requires_referendum: true`",
      "Zelensky: a free economic zone in Donbas only by referendum",
      fix="set requires_referendum: true, or explain in notes why none is needed")
def fez_referendum(ctx: Context) -> Iterator[Hit]:
    for i, provision in enumerate(ctx.sheet.territorial_provisions):
        if provision.arrangement != "free_economic_zone" or provision.requires_referendum:
            continue
        loc = ("territorial_provisions", i)
        if provision.requires_referendum is False:
            loc = (*loc, "requires_referendum")
        yield Hit(loc, f"'{provision.id}' creates a free economic zone without a referendum",
                  "set requires_referendum: true, or explain in notes why none is needed")


@rule("W-ISSUE-AGREED-WITH-OPPOSITION", "warning",
      "an issue marked `agreed` still records a party that `opposes`",
      "an agreed issue with a standing objection is not agreed",
      fix="update the party's position, or set the issue back to narrowing")
def issue_agreed_with_opposition(ctx: Context) -> Iterator[Hit]:
    for i, issue in enumerate(ctx.sheet.open_issues):
        if issue.status != "agreed":
            continue
        for j, position in enumerate(issue.positions):
            if position.stance == "opposes":
                yield Hit(("open_issues", i, "positions", j, "stance"),
                          f"issue '{issue.id}' is agreed, but '{position.party}' still opposes",
                          "update the position, or set the issue back to narrowing")


@rule("E-BLOCKING-ISSUE", "error",
      "the document is `signed` or `in_force` while a blocking issue is unresolved (not agreed or "
      "dropped)", "Donbas: the text cannot be signed while the issue is open",
      fix="resolve the issue (agreed or dropped), or set the document status back (e.g. "
          "agreed_text)")
def blocking_issue(ctx: Context) -> Iterator[Hit]:
    status = ctx.sheet.metadata.status
    if status not in ("signed", "in_force"):
        return
    for i, issue in enumerate(ctx.sheet.open_issues):
        if issue.blocking and issue.status not in RESOLVED:
            yield Hit(("open_issues", i, "status"),
                      f"the document is {status} but blocking issue '{issue.id}' is {issue.status}",
                      "resolve the issue, or set the document status back (e.g. agreed_text)")


@rule("E-POSITION-DUP", "error", "an open issue records two positions of the same party",
      "positions are paired across versions by party",
      fix="merge the party's two positions into one")
def position_dup(ctx: Context) -> Iterator[Hit]:
    for i, issue in enumerate(ctx.sheet.open_issues):
        seen: dict[str, int] = {}
        for j, position in enumerate(issue.positions):
            if position.party in seen:
                yield Hit(("open_issues", i, "positions", j, "party"),
                          f"'{position.party}' already has a position on '{issue.id}' at "
                          f"positions[{seen[position.party]}]", "merge the two positions")
            else:
                seen[position.party] = j
