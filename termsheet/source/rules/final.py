"""Final provisions: duration, termination and ratification."""

from collections.abc import Iterator

from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import hours
from termsheet.source.rules.registry import Hit, rule


@rule("E-NOTICE", "error", "a `notice` termination has a `notice_period`, shorter than the term",
      "US BSA 2024: six months' notice on a ten-year term",
      fix="add a notice_period (e.g. P6M) shorter than the term")
def notice(ctx: Context) -> Iterator[Hit]:
    duration = ctx.sheet.duration
    if duration is None:
        return
    term = hours(duration.term)
    for i, termination in enumerate(duration.termination):
        if termination.kind != "notice":
            continue
        loc = ("duration", "termination", i)
        if termination.notice_period is None:
            yield Hit(loc, f"notice termination '{termination.id}' has no notice_period",
                      "add notice_period, e.g. P6M")
        elif term is not None and hours(termination.notice_period) >= term:
            yield Hit((*loc, "notice_period"),
                      f"the notice period {termination.notice_period} of '{termination.id}' is not "
                      f"shorter than the term {duration.term}",
                      "shorten the notice period or check the term")


@rule("W-DURATION", "warning",
      "the document has commitments but neither a term nor a renewal rule (or no `duration` "
      "at all)",
      "Budapest 1994 had no term; the 2024 agreements run ten years",
      fix="add duration with a term (e.g. P10Y) or a renewal rule")
def duration_missing(ctx: Context) -> Iterator[Hit]:
    duration = ctx.sheet.duration
    if duration is None:
        if ctx.sheet.commitments:
            yield Hit(("commitments",), "the document has commitments but no duration section",
                      "add duration: {term: P10Y, renewal: mutual_written_agreement}", key=True)
    elif duration.term is None and duration.renewal == "none":
        yield Hit(("duration",), "the duration gives neither a term nor a renewal rule",
                  "add term (e.g. P10Y) or renewal", key=True)


@rule("E-RATIFICATION-DUP", "error", "two ratification steps have the same party and instrument",
      "ratification steps are paired across versions by party and instrument",
      fix="merge the two ratification steps")
def ratification_dup(ctx: Context) -> Iterator[Hit]:
    seen: dict[tuple[str, str], int] = {}
    for i, step in enumerate(ctx.sheet.ratification):
        key = (step.party, step.instrument)
        if key in seen:
            yield Hit(("ratification", i, "instrument"),
                      f"'{step.party}' already has a {step.instrument} step at "
                      f"ratification[{seen[key]}]",
                      "merge the two steps")
        else:
            seen[key] = i
