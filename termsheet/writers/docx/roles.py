"""The one table from semantic roles to DOCX style names, and its resolution against a reference.docx.

The writer speaks in roles (``section_heading``, ``note``, ``inserted``…); the
look of each role lives in reference.docx under the style *name* given here.
Names, not ids, are looked up: Word in another language keeps the name of a
built-in style (``heading 1``) but may change its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from termsheet.errors import RenderError

# role → (style type, style name as Word shows it)
ROLE_STYLES: dict[str, tuple[str, str]] = {
    # front matter
    "title": ("paragraph", "Title"),
    "title_localized": ("paragraph", "Subtitle"),
    "document_type": ("paragraph", "Subtitle"),
    "document_info": ("paragraph", "Document Info"),
    "illustrative": ("paragraph", "Illustrative Banner"),
    "marking": ("paragraph", "Marking"),
    "handling": ("paragraph", "Handling"),
    "disclaimer": ("paragraph", "Disclaimer"),
    # body
    "section_heading": ("paragraph", "Heading 1"),
    "clause_heading": ("paragraph", "Heading 2"),
    "subheading": ("paragraph", "Heading 3"),
    "body": ("paragraph", "Body Text"),
    "note": ("paragraph", "Note"),
    "provenance": ("paragraph", "Provenance"),
    "list_bullet": ("paragraph", "List Bullet"),
    "list_number": ("paragraph", "List Number"),
    "caption": ("paragraph", "Caption"),
    "table_header": ("paragraph", "Table Header"),
    "table_text": ("paragraph", "Table Text"),
    "table": ("table", "Term Table"),
    "table_header_compact": ("paragraph", "Table Header Compact"),
    "table_text_compact": ("paragraph", "Table Text Compact"),
    "table_compact": ("table", "Compact Table"),
    # page header and footer
    "page_header": ("paragraph", "Header"),
    "page_footer": ("paragraph", "Footer"),
    # inline
    "emphasis": ("character", "Emphasis"),
    "strong": ("character", "Strong"),
    "term": ("character", "Defined Term"),
    "bracket": ("character", "Negotiation Bracket"),
    "reference": ("character", "Cross Reference"),
    "label": ("character", "Info Label"),
    "tag": ("character", "Status Tag"),
    "inserted": ("character", "Inserted Text"),
    "deleted": ("character", "Deleted Text"),
}

PARAGRAPH_ROLES = frozenset({
    "body", "note", "provenance", "disclaimer", "subheading", "caption", "marking", "handling",
    "illustrative",
})
"""Roles a `Paragraph` of the document model may carry (``Paragraph.role``)."""

CHANGE_ROLES: dict[str, str] = {
    "inserted": "inserted",
    "moved_to": "inserted",
    "deleted": "deleted",
    "moved_from": "deleted",
}
"""A block's comparison mark (``change``) → the inline role its text is printed with."""

CHARACTER_PRIORITY = ("deleted", "inserted", "reference", "term", "bracket", "tag", "label",
                      "strong", "emphasis")
"""When inline roles nest, the first of these present gives the run its character style;
the others are applied as direct formatting (`DIRECT_FORMATTING`)."""

DIRECT_FORMATTING: dict[str, tuple[tuple[str, str | None], ...]] = {
    "emphasis": (("i", None),),
    "strong": (("b", None),),
    "label": (("b", None),),
    "inserted": (("color", "1F4E9F"), ("u", "single")),
    "deleted": (("strike", None), ("color", "B00020")),
}
"""Direct run properties (``w:`` tag, ``w:val``) standing in for a nested role's character style."""


class MissingStyle(RenderError):
    """The reference.docx lacks a style the writer needs (after falling back to the packaged one)."""

    code = "docx-style"


@dataclass(frozen=True)
class StyleMap:
    """Style ids of every role in one reference.docx."""

    ids: dict[str, str]
    """role → styleId."""

    @classmethod
    def resolve(cls, names_to_ids: dict[tuple[str, str], str]) -> "StyleMap":
        """Resolve every role through ``(type, lower-case name) → styleId`` of a styles part."""
        ids, missing = {}, []
        for role, (kind, name) in ROLE_STYLES.items():
            style_id = names_to_ids.get((kind, name.lower()))
            if style_id is None:
                missing.append(f"{name} ({kind})")
            else:
                ids[role] = style_id
        if missing:
            raise MissingStyle("reference.docx lacks the styles " + ", ".join(missing))
        return cls(ids)

    def __getitem__(self, role: str) -> str:
        return self.ids[role]
