"""The words every term-sheet writer prints itself: header-block labels, "Contents",
"Signatures", "Page X of Y", change labels.

Everything else printed comes from the document model. One table serves DOCX, HTML,
PDF and Markdown, so the formats agree; labels follow the document's language where a
translation exists here, else English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "illustrative": "ILLUSTRATIVE",
        "illustrative_banner": "Illustrative — not a real document",
        "document": "Document",
        "document_type": "Document type",
        "version": "Version",
        "supersedes": "Supersedes",
        "status": "Status",
        "date": "Date",
        "drafting_party": "Drafting party",
        "negotiation_track": "Negotiation track",
        "language": "Language",
        "authentic_languages": "Authentic languages",
        "translation_of": "Translation of",
        "source_file": "Source file",
        "disclaimer": "Disclaimer",
        "contents": "Contents",
        "signatures": "Signatures",
        "signature_for": "For {party}:",
        "signature": "Signature",
        "name": "Name",
        "title": "Title",
        "notes": "Notes",
        "page": "Page",
        "of": "of",
        "inserted": "inserted",
        "deleted": "deleted",
        "moved_to": "moved here",
        "moved_from": "moved from here",
    },
    "uk": {
        "illustrative": "ІЛЮСТРАТИВНИЙ",
        "illustrative_banner": "Ілюстративний — не справжній документ",
        "document": "Документ",
        "document_type": "Тип документа",
        "version": "Версія",
        "supersedes": "Замінює",
        "status": "Статус",
        "date": "Дата",
        "drafting_party": "Сторона-розробник",
        "negotiation_track": "Переговорний формат",
        "language": "Мова",
        "authentic_languages": "Автентичні мови",
        "translation_of": "Переклад документа",
        "source_file": "Вихідний файл",
        "disclaimer": "Застереження",
        "contents": "Зміст",
        "signatures": "Підписи",
        "signature_for": "За {party}:",
        "signature": "Підпис",
        "name": "Ім’я",
        "title": "Посада",
        "notes": "Примітки",
        "page": "Сторінка",
        "of": "з",
        "inserted": "вставлено",
        "deleted": "вилучено",
        "moved_to": "переміщено сюди",
        "moved_from": "переміщено звідси",
    },
    "fr": {
        "illustrative": "ILLUSTRATIF",
        "illustrative_banner": "Illustratif — pas un document réel",
        "document": "Document",
        "document_type": "Type de document",
        "version": "Version",
        "supersedes": "Remplace",
        "status": "Statut",
        "date": "Date",
        "drafting_party": "Partie rédactrice",
        "negotiation_track": "Cadre de négociation",
        "language": "Langue",
        "authentic_languages": "Langues faisant foi",
        "translation_of": "Traduction de",
        "source_file": "Fichier source",
        "disclaimer": "Avertissement",
        "contents": "Sommaire",
        "signatures": "Signatures",
        "signature_for": "Pour {party} :",
        "signature": "Signature",
        "name": "Nom",
        "title": "Qualité",
        "notes": "Notes",
        "page": "Page",
        "of": "sur",
        "inserted": "inséré",
        "deleted": "supprimé",
        "moved_to": "déplacé ici",
        "moved_from": "déplacé d’ici",
    },
}
"""Labels by primary language subtag; every table has the keys of ``en``."""

SIGNATURE_LINES = ("signature", "name", "title", "date")
"""The keys of the lines under each signatory party of a signature block, in every format."""


def labels_for(language: str | None) -> dict[str, str]:
    """Labels for a BCP-47 tag (``en-GB`` → ``en``), English where none are known."""
    primary = (language or "en").split("-")[0].lower()
    return LABELS.get(primary, LABELS["en"])


def signature_for(labels: dict[str, str], party: str) -> str:
    """The line that opens one party's signature block: ``For Ukraine:``."""
    return labels["signature_for"].replace("{party}", party)
