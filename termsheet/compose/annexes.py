"""The annexes, after the signature block: one lettered section per annex ("Annex A"), its
text in paragraphs (each line of the text is one), then its provenance and note."""

from __future__ import annotations

import re

from termsheet.compose import editions, titles
from termsheet.compose.context import BuildContext
from termsheet.compose.wording import user_text
from termsheet.document.nodes import Paragraph, Section
from termsheet.schema import brackets

ANNEX_WORD = "annex"
"""The titles.j2 key of the word an annex's number starts with ("Annex")."""
_LINE_BREAKS = re.compile(r"\s*[\r\n]\s*")


def sections(ctx: BuildContext) -> tuple[Section, ...]:
    """One section per annex of the sheet, in the order the file lists them."""
    word = titles.title(ctx, ANNEX_WORD) if ctx.sheet.annexes else None
    basis_column = titles.title(ctx, titles.BASIS)
    return tuple(editions.apply(_annex(ctx, annex, index, word), ctx.edition, basis_column)
                 for index, annex in enumerate(ctx.sheet.annexes))


def _annex(ctx: BuildContext, annex, index: int, word: str) -> Section:
    origin = ctx.origin("annexes", index)
    text = [user_text(part) for part in paragraphs(annex.text)]
    blocks = [Paragraph(nodes, origin=origin) for nodes in ctx.bracket(text, annex)]
    return Section(id=annex.id, title=annex.title, children=(*blocks, *ctx.annotations(annex)),
                   origin=origin, annex=word)


def paragraphs(text: str) -> list[str]:
    """``text`` split at its line breaks (blank lines included), unless that would cut a
    negotiation bracket in two. A folded block (``text: >``) with a blank line between
    paragraphs reads as the drafter wrote it."""
    parts = [part for part in _LINE_BREAKS.split(text.strip()) if part]
    if len(parts) > 1 and any(brackets.parse(part)[1] for part in parts):
        return [text]
    return parts or [text]
