"""The few words the DOCX writer prints itself: header-block labels, "Page X of Y", the banner.

Everything else printed comes from the document model. Labels follow the
document's language where a translation exists here, else English.
"""

from __future__ import annotations

from termsheet.schema.vocab import value_words


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
        "inserted": "inserted",
        "deleted": "deleted",
        "moved_to": "moved here",
        "moved_from": "moved from here",
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
        "inserted": "вставлено",
        "deleted": "вилучено",
        "moved_to": "переміщено сюди",
        "moved_from": "переміщено звідси",
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
        "inserted": "inséré",
        "deleted": "supprimé",
        "moved_to": "déplacé ici",
        "moved_from": "déplacé d’ici",
    },
}




def words(value: str) -> str:
    """A vocabulary code as words (``negotiating_draft`` → ``negotiating draft``); other text as is
    (the HTML writer's ``label`` filter, so both formats print the same)."""
    return value_words(value)


def sentence(value: str) -> str:
    """`words`, with a capital first letter (for a line of its own: "Negotiating draft")."""
    value = words(value)
    return value[:1].upper() + value[1:]


def labels_for(language: str) -> dict[str, str]:
    """Labels for a BCP-47 tag (``en-GB`` → ``en``), English where none are known."""
    primary = (language or "en").split("-")[0].lower()
    return LABELS.get(primary, LABELS["en"])
