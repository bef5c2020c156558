"""The few words the DOCX writer prints itself: header-block labels, "Page X of Y", the banner.

Everything else printed comes from the document model. Labels follow the
document's language where a translation exists here, else English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "illustrative": "ILLUSTRATIVE",
        "document": "Document",
        "version": "Version",
        "supersedes": "Supersedes",
        "status": "Status",
        "date": "Date",
        "drafting_party": "Drafting party",
        "negotiation_track": "Negotiation track",
        "page": "Page",
        "of": "of",
    },
    "uk": {
        "illustrative": "ІЛЮСТРАТИВНИЙ",
        "document": "Документ",
        "version": "Версія",
        "supersedes": "Замінює",
        "status": "Статус",
        "date": "Дата",
        "drafting_party": "Сторона-розробник",
        "negotiation_track": "Переговорний формат",
        "page": "Сторінка",
        "of": "з",
    },
    "fr": {
        "illustrative": "ILLUSTRATIF",
        "document": "Document",
        "version": "Version",
        "supersedes": "Remplace",
        "status": "Statut",
        "date": "Date",
        "drafting_party": "Partie rédactrice",
        "negotiation_track": "Cadre de négociation",
        "page": "Page",
        "of": "sur",
    },
}


def labels_for(language: str) -> dict[str, str]:
    """Labels for a BCP-47 tag (``en-GB`` → ``en``), English where none are known."""
    primary = (language or "en").split("-")[0].lower()
    return LABELS.get(primary, LABELS["en"])
