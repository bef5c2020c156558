"""Build the format-neutral `Document` of a validated term sheet.

The document always has the same ten sections, in the order real texts use
(docs/domain.md §Document order), with the same numbers in every version, so that two versions
can be laid side by side; an empty section says what empty.j2 says ("Not addressed in
this text."), in every document type. Each section
has its own module here; wording comes from ``templates/wording`` through
`termsheet.compose.wording`; enum values are put into words by `labels`.

``build`` returns the tree without numbers; `termsheet.document.transforms.apply_transforms`
numbers it and resolves its cross-references before any writer sees it.
"""

from __future__ import annotations

from typing import Callable, Iterable

from termsheet.compose import (
    annexes, commitments, editions, final, forces, header, issues, monitoring, parties, response, scope,
    sources, territory, titles,
)
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Document, Paragraph, Section, Text
from termsheet.schema import TermSheet
from termsheet.resources import TemplateSet
from termsheet.source.editions import INTERNAL, Edition

SECTIONS: tuple[tuple[str, Callable[[BuildContext], Iterable]], ...] = (
    ("sec_parties", parties.children),
    ("sec_scope", scope.children),
    ("sec_commitments", commitments.children),
    ("sec_forces", forces.children),
    ("sec_monitoring", monitoring.children),
    ("sec_response", response.children),
    ("sec_territory", territory.children),
    ("sec_final", final.children),
    ("sec_issues", issues.children),
    ("sec_sources", sources.children),
)
"""Section id and builder, in document order. Ids and order never change; titles come from the
wording template titles.j2 (`titles`)."""

LEFT_OUT = Paragraph((Text("Not included in this edition."),))


UNLISTED_CLAUSES = frozenset({"sec_sources"})
"""Sections whose clauses the table of contents leaves out: a list of press sources is
looked up, not read through."""

def build(sheet: TermSheet, *, templates: TemplateSet | None = None,
          source_file: str | None = None, positions=None,
          edition: Edition = INTERNAL, outline: bool = False) -> Document:
    """The document of ``sheet``, not yet numbered.

    ``outline`` builds the structure and titles alone, no sentence rendered: the same
    sections, clauses, rows and numbers, for an output that needs only where each provision
    stands.
    ``edition`` chooses the apparatus shown (`termsheet.source.editions`); an edition
    that does not cite sources by number leaves out the last section, Sources.
    ``templates`` chooses the wording (a user folder before the packaged one);
    ``source_file`` and ``positions`` (a callable ``loc -> (line, column) | None``,
    or the loader's position map) fill each node's `Origin`.
    """
    ctx = BuildContext(sheet, templates, source_file, positions, edition, outline)
    basis_column = titles.title(ctx, titles.BASIS)
    sections = tuple(
        editions.apply(Section(id=id, title=titles.title(ctx, id),
                               children=_children(ctx, id, children),
                               contents_clauses=id not in UNLISTED_CLAUSES), edition, basis_column)
        for id, children in SECTIONS
        if id != "sec_sources" or edition.sources == "citations"
    )
    return Document(info=header.info(ctx), sections=sections + annexes.sections(ctx))


def _children(ctx: BuildContext, id: str, children) -> tuple:
    if id == "sec_issues" and not ctx.edition.open_issues:
        return (LEFT_OUT,)
    return tuple(children(ctx)) or (ctx.empty(),)


__all__ = ["SECTIONS", "build"]
