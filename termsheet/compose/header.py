"""The header of the document: title, version, status, marking and handling."""

from __future__ import annotations

from termsheet.compose import labels
from termsheet.compose.languages import language_name, names_in_words
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
        language_name=language_name(meta.language),
        authentic_languages=names_in_words(meta.authentic_languages) or None,
        translation_of=_translation_of(meta),
        supersedes=_supersedes(meta),
        title_localized=tuple(sorted(meta.title_localized.items())),
        marking=marking_line(meta.marking),
        handling=tuple(meta.marking.handling),
        illustrative=meta.illustrative and ctx.edition.banners,
        disclaimer=meta.disclaimer.strip() if meta.disclaimer and ctx.edition.banners else None,
        negotiation_track=meta.negotiation_track,
        source_file=ctx.file,
        watermark=DRAFT_WATERMARK if ctx.edition.watermark and meta.status in DRAFT_STATUSES else None,
        signatories=_signatories(ctx) if meta.document_type in AGREEMENT_TYPES else (),
    )


DRAFT_STATUSES = ("concept", "working_draft", "negotiating_draft", "ad_referendum")
"""Document statuses whose pages carry the `DRAFT_WATERMARK`."""
DRAFT_WATERMARK = "DRAFT"
AGREEMENT_TYPES = ("term_sheet", "framework_draft", "bilateral_agreement", "declaration",
                   "declaration_of_intent", "memorandum")
"""Document types that parties sign: they end with a signature block (a position paper,
a non-paper or a joint statement never does)."""


def _signatories(ctx: BuildContext) -> tuple[str, ...]:
    """The beneficiary, then each guarantor, by name, each once."""
    sheet = ctx.sheet
    ids = dict.fromkeys([sheet.beneficiary, *(g.party for g in sheet.guarantors)])
    return tuple(ctx.parties[party].name if party in ctx.parties else party for party in ids)


def marking_line(marking: Marking) -> str | None:
    """``LEVEL – CAVEAT – CAVEAT`` (e.g. ``OFFICIAL-SENSITIVE – UK/US EYES ONLY``), or None."""
    parts = [part for part in (marking.level, *marking.caveats) if part]
    return " – ".join(parts) if parts else None


def _translation_of(meta) -> str | None:
    """``us-security-protocols (original in English)``, or None for an original text."""
    original = meta.translation_of
    if original is None:
        return None
    return f"{original.doc_id} (original in {language_name(original.language)})"


def _supersedes(meta) -> str | None:
    if meta.supersedes is None:
        return None
    if meta.supersedes.doc_id == meta.doc_id:
        return f"Version {meta.supersedes.version}"
    return f"{meta.supersedes.doc_id}, version {meta.supersedes.version}"
