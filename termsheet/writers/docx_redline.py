"""Redline DOCX: a redline Document → a .docx with native tracked changes (Word's Accept/Reject).

    write_docx_redline(redline(old, new), author="Coalition of the Willing",
                       date="2026-02-02") -> bytes

The layout is the ordinary DOCX writer's (`termsheet.writers.docx`): same
styles, headings, tables, page header and footer as the term sheets
themselves, so accepting every change gives NEW's term sheet and rejecting every
change gives OLD's, paragraph for paragraph. The marks of the redline Document
are written as tracked changes while the body is laid out, in one pass
(`termsheet.writers.docx.tracked`):

- inserted/deleted words: ``w:ins``/``w:del`` runs (``w:delText``);
- inserted/deleted clause, paragraph, list item: every run and the paragraph
  mark marked; a deleted clause shows OLD's number;
- inserted/deleted table row (and every row of an inserted/deleted table,
  header row included): ``w:trPr`` mark and every cell paragraph marked;
- moved clause (same id, new place): a move pair named ``moveN``. The OLD copy
  is ``w:moveFrom`` inside ``w:moveFromRangeStart``/``End`` (its heading is the
  first paragraph of the range, its last paragraph the last); the NEW copy is
  the ``moveTo`` mirror. Words the move also dropped are ``w:del`` inside the
  moveFrom range, words it added ``w:ins`` inside the moveTo range, so
  accept/reject stay exact. Tables inside a moved clause, and rows moved within
  a table, are written as deleted + inserted rows (Word has no row moves);
- a renumbered clause or section: the old number deleted, the new inserted;
- a changed title, text-status tag or header-block value (version, date,
  drafting party…, in the body and in the page header and footer): its words;
- a moved section's heading is a move pair of its own; its clauses are moves.

Not tracked: a flip of ``illustrative`` (the writer's fixed banner label) and a
change of the document language (the writer's labels); the file's metadata
(core properties) is NEW's.

Given the data comparison of the two versions, the file also has:

- a cover page (`termsheet.writers.docx.cover`), untracked, in styles named
  ``Comparison Cover …``: the versions compared, the kind of comparison, the
  perspective, every notice, the counts by label and a legend; the term sheet
  starts on the next page;
- one Word comment per change (`termsheet.writers.docx.comments`) on the
  paragraph where it stands: its direction and reasons, its status change, new
  lint warnings, whether its pairing is a guess.
"""

from __future__ import annotations

import functools

from termsheet.document.nodes import Document
from termsheet.resources import TemplateSet


def write_docx_redline(doc: Document, *, author: str | None = None, date: str | None = None,
                       templates: TemplateSet | None = None, comparison=None) -> bytes:
    """The DOCX of a redline Document (from `termsheet.compare.redline.redline`), with native
    tracked changes by ``author`` (default: NEW's drafting party) dated ``date`` (default:
    NEW's document date; an ISO date becomes midnight UTC, ``2026-02-02T00:00:00Z``).

    Given the data ``comparison`` of the same two versions
    (`termsheet.compare.comparison.Comparison`), the file starts with a cover page and
    carries one comment per change, by the same author on the same date."""
    from termsheet.writers.docx import package, render
    from termsheet.writers.docx.comments import Comments
    from termsheet.writers.docx.cover import write_cover
    from termsheet.writers.docx.tracked import TrackedBodyWriter

    author = author if author is not None else doc.info.drafting_party
    when = revision_date(date if date is not None else doc.info.date)
    comments = Comments(comparison, author=author, date=when) if comparison is not None else None
    writer = functools.partial(TrackedBodyWriter, author=author, date=when, comments=comments)
    document = render(doc, templates=templates, writer=writer)
    if comparison is not None:
        styles, width = package.style_map(document), package.text_width(document)
        comments.write(document, styles, _title_paragraph(document, styles))
        write_cover(document, doc, comparison, styles, width, author=author,
                    date=date if date is not None else doc.info.date)
    return package.save(document, doc.info)


def _title_paragraph(document, styles):
    """The term sheet's title paragraph (else its first paragraph): where comments with no
    provision of their own (the metadata's) are anchored."""
    from termsheet.writers.docx.runs import P, PPR, PSTYLE, VAL, add_paragraph

    body = document.element.body
    paragraphs = list(body.iterchildren(P))
    for paragraph in paragraphs:
        style = paragraph.find(f"{PPR}/{PSTYLE}")
        if style is not None and style.get(VAL) == styles["title"]:
            return paragraph
    if paragraphs:
        return paragraphs[0]
    paragraph = add_paragraph(body, styles["body"])
    body.insert(0, paragraph)
    return paragraph


def revision_date(date: str) -> str:
    """``date`` as an xsd:dateTime for ``w:date``: an ISO date becomes midnight UTC."""
    date = date.strip()
    if "T" in date:
        return date
    from termsheet.writers.zipnorm import midnight_utc
    return midnight_utc(date).strftime("%Y-%m-%dT%H:%M:%SZ")
