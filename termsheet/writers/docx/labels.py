"""Vocabulary codes as the DOCX writer prints them; its own words are in
`termsheet.writers.furniture`, shared with the other writers."""

from __future__ import annotations

from termsheet.schema.vocab import value_words


def words(value: str) -> str:
    """A vocabulary code as words (``negotiating_draft`` → ``negotiating draft``); other text as is
    (the HTML writer's ``label`` filter, so both formats print the same)."""
    return value_words(value)


def sentence(value: str) -> str:
    """`words`, with a capital first letter (for a line of its own: "Negotiating draft")."""
    value = words(value)
    return value[:1].upper() + value[1:]

