"""Provenance: sources resolve, reported statements cite them, and sources are plausible."""

from collections.abc import Iterator

from termsheet.schema import Provenance
from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import missing_ref_hint
from termsheet.source.rules.registry import Hit, rule


def _provenances(ctx: Context):
    for loc, node in ctx.nodes:
        if isinstance(node, Provenance):
            yield loc, node


@rule("E-REF-SOURCE", "error", "every `source_refs` entry resolves to `sources`",
      "provenance must be checkable",
      fix="correct the id, or declare the source under sources")
def ref_source(ctx: Context) -> Iterator[Hit]:
    for loc, node in _provenances(ctx):
        for j, ref in enumerate(node.source_refs):
            if ref not in ctx.sources:
                yield Hit((*loc, "source_refs", j), f"source '{ref}' is not declared",
                          missing_ref_hint(ref, "source", ctx.sources, ctx.kind_of(ref),
                                           "declare it under sources"))


@rule("E-REPORTED-NO-SOURCE", "error", "`basis: reported` cites at least one source",
      "a reported fact without a source cannot be checked",
      fix="add source_refs, or set basis: illustrative or inferred")
def reported_no_source(ctx: Context) -> Iterator[Hit]:
    for loc, node in _provenances(ctx):
        if node.basis == "reported" and not node.source_refs:
            yield Hit((*loc, "basis"), f"{ctx.describe(loc, node)} is reported but cites no source",
                      "add source_refs, or set basis: illustrative or inferred")


@rule("W-LOW-RELIABILITY-ONLY", "warning",
      "a `reported` statement rests only on sources rated `low`",
      "aggregators and state media are used only where better sources agree",
      fix="add a medium- or high-reliability source, or set basis: inferred")
def low_reliability_only(ctx: Context) -> Iterator[Hit]:
    for loc, node in _provenances(ctx):
        if node.basis != "reported":
            continue
        cited = [ctx.sources[r] for r in node.source_refs if r in ctx.sources]
        if cited and all(s.reliability == "low" for s in cited):
            names = ", ".join(s.id for s in cited)
            yield Hit((*loc, "source_refs"),
                      f"{ctx.describe(loc, node)} is reported only by low-reliability sources "
                      f"({names})",
                      "add a medium- or high-reliability source, or set basis: inferred")


@rule("W-SOURCE-UNUSED", "warning", "a declared source is cited nowhere",
      "a source list that supports nothing is noise",
      fix="cite the source in source_refs where it applies, or remove it")
def source_unused(ctx: Context) -> Iterator[Hit]:
    cited = {ref for _, node in _provenances(ctx) for ref in node.source_refs}
    for i, source in enumerate(ctx.sheet.sources):
        if source.id not in cited:
            yield Hit(("sources", i, "id"), f"source '{source.id}' is never cited",
                      "cite it in source_refs where it applies, or remove it")


@rule("W-SOURCE-AFTER-DOC", "warning", "a source is dated after the document's own date",
      "a text cannot rest on reporting published after it",
      fix="check the source's date or the document's date")
def source_after_doc(ctx: Context) -> Iterator[Hit]:
    date = ctx.sheet.metadata.date
    for i, source in enumerate(ctx.sheet.sources):
        if source.date is not None and source.date > date:
            yield Hit(("sources", i, "date"),
                      f"source '{source.id}' is dated {source.date}, after the document "
                      f"({date})", "check the source's date or the document's date")
