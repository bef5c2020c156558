"""The header of the document: title, version, status, marking and handling."""

from __future__ import annotations

from termsheet.compose import labels
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import DocumentInfo
from termsheet.schema import Marking


def info(ctx: BuildContext) -> DocumentInfo:
    """What the header block, page headers and file properties print."""
    meta = ctx.sheet.metadata
    drafter = ctx.parties.get(meta.drafting_party)
    return DocumentInfo(
        doc_id=meta.doc_id,
        title=meta.title,
        document_type=labels.cap(labels.words(meta.document_type, "document_type")),
        version=meta.version,
        date=meta.date.isoformat(),
        status=labels.cap(labels.words(meta.status, "document_status")),
        drafting_party=drafter.name if drafter else meta.drafting_party,
        language=meta.language,
        supersedes=_supersedes(meta),
        title_localized=tuple(sorted(meta.title_localized.items())),
        marking=marking_line(meta.marking),
        handling=tuple(meta.marking.handling),
        illustrative=meta.illustrative and ctx.edition.banners,
        disclaimer=meta.disclaimer.strip() if meta.disclaimer and ctx.edition.banners else None,
        negotiation_track=meta.negotiation_track,
        source_file=ctx.file,
    )


def marking_line(marking: Marking) -> str | None:
    """``LEVEL – CAVEAT – CAVEAT`` (e.g. ``OFFICIAL-SENSITIVE – UK/US EYES ONLY``), or None."""
    parts = [part for part in (marking.level, *marking.caveats) if part]
    return " – ".join(parts) if parts else None


def _supersedes(meta) -> str | None:
    if meta.supersedes is None:
        return None
    if meta.supersedes.doc_id == meta.doc_id:
        return f"Version {meta.supersedes.version}"
    return f"{meta.supersedes.doc_id}, version {meta.supersedes.version}"
