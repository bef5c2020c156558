"""Document metadata: what this file is, which version, who drafted it, how it is marked."""

from typing import Annotated

from pydantic import Field

from termsheet.schema.types import (
    Bool, Date, Id, LanguageTag, Model, Ref, ShortText, Text, Version, items,
)
from termsheet.schema.vocab import DocumentStatus, DocumentType, MarkingScheme


class DocumentRef(Model):
    """A pointer to one version of a document."""

    doc_id: Id
    """The `doc_id` of the other document."""
    version: Version
    """Its version, quoted: `"0.2.0"`."""


class TranslationOf(Model):
    """The document this one translates."""

    doc_id: Id
    """The `doc_id` of the original."""
    language: LanguageTag
    """Language of the original."""
    external: Bool = False
    """True when the original is not one of the files being processed together."""


class Marking(Model):
    """Protective marking and handling instructions, printed on every page."""

    scheme: MarkingScheme = "none"
    """Marking scheme: `none`, `us`, `uk`, `nato` or `eu`."""
    level: ShortText | None = None
    """Level, e.g. `UNCLASSIFIED` or `OFFICIAL`. Illustrative files must not carry a classified level."""
    caveats: items(ShortText, max_length=20) = ()
    """Caveats written after the level, e.g. `UK/US EYES ONLY`."""
    handling: items(ShortText, max_length=20) = ()
    """Handling lines, e.g. `DRAFT — WITHOUT PREJUDICE`. Illustrative files need one containing `ILLUSTRATIVE`."""


class DocumentMetadata(Model):
    """Identity, version and status of the document."""

    doc_id: Id
    """Stable id of the document across its versions, e.g. `us-security-protocols`."""
    title: ShortText
    """Title as printed."""
    title_localized: Annotated[
        dict[LanguageTag, ShortText], Field(json_schema_extra={"additionalProperties": False})
    ] = {}
    """Title in other languages, keyed by language tag: `{uk: "…"}`."""
    document_type: DocumentType
    """Kind of document: `term_sheet`, `non_paper`, `framework_draft`, …"""
    version: Version
    """Version of this text, quoted: `"0.3.0"`."""
    supersedes: DocumentRef | None = None
    """The earlier version this one replaces."""
    date: Date
    """Date of this version (`YYYY-MM-DD`); also the fixed timestamp of rendered files."""
    drafting_party: Ref
    """Party that drafted this version (a `parties` id); the author of rendered files and revisions."""
    contributors: items(Ref, max_length=50) = ()
    """Other parties that contributed to the text."""
    status: DocumentStatus
    """Negotiating status: `working_draft`, `negotiating_draft`, `ad_referendum`, `signed`, …"""
    language: LanguageTag = "en"
    """Language of this text (BCP-47)."""
    authentic_languages: items(LanguageTag, max_length=10) = ()
    """Languages in which the final text would be equally authentic."""
    translation_of: TranslationOf | None = None
    """The original, when this file is a translation."""
    marking: Marking = Marking()
    """Protective marking and handling lines."""
    negotiation_track: ShortText | None = None
    """Forum in which the text is negotiated, e.g. a coordination cell or working group."""
    illustrative: Bool = False
    """True for made-up or sample documents; they then need a disclaimer and an ILLUSTRATIVE marking."""
    disclaimer: Text | None = None
    """Statement printed at the top of illustrative documents."""
