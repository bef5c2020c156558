"""Editions: which parts of the apparatus a rendered document shows.

``internal`` (the default) is the full working text: drafting notes, basis
lines, source citations as cross-references to the numbered sources section
("Sources: 10.2, 10.5"; square brackets are kept for unagreed text), every party's
position on open issues, illustrative banners, the "Terms: …" line of each provision
shown in its drafter's words. ``circulation`` is what a
delegation hands over: no notes, no basis lines, no counterparty positions,
no Terms lines, sources as numbered footnotes. A project configuration may define its own
editions (``[editions.NAME]`` tables, see :func:`parse_edition`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

SOURCE_MODES = ("citations", "footnotes", "none")
"""How sources appear: cross-references to the numbered clauses of a sources section,
footnotes, or not at all."""


@dataclass(frozen=True)
class Edition:
    """The parts of the apparatus one edition shows."""

    name: str = "internal"
    notes: bool = True
    """Drafting notes ("Note: …")."""
    basis: bool = True
    """Basis lines ("Basis: reported.") and the Basis column of tables."""
    sources: str = "citations"
    """One of `SOURCE_MODES`."""
    counterparty_positions: bool = True
    """The counterparty's rows in the positions table of an open issue."""
    banners: bool = True
    """The illustrative banner and the disclaimer."""
    open_issues: bool = True
    """The open issues (otherwise their section says they are left out)."""
    watermark: bool = True
    """A diagonal "DRAFT" on every page (PDF, DOCX) while the document's status is a draft."""
    key_terms: bool = True
    """Under a provision shown in its drafter's words, a "Terms: …" line with its structured
    fields (who, modality, what, for whom, when, legal character) for reviewers."""


INTERNAL = Edition()
CIRCULATION = Edition(name="circulation", notes=False, basis=False, sources="footnotes",
                      counterparty_positions=False, key_terms=False)
BUILTIN: dict[str, Edition] = {INTERNAL.name: INTERNAL, CIRCULATION.name: CIRCULATION}

FLAGS = tuple(item.name for item in fields(Edition) if item.name not in ("name", "sources"))
KEYS = ("base", *FLAGS, "sources")
"""The keys of an ``[editions.NAME]`` table."""


def parse_edition(name: str, table: Any, defined: dict[str, Edition]) -> Edition | str:
    """The edition ``name`` of a configuration table, or what is wrong with it.

    ``base`` names the edition it starts from (default ``internal``); the other keys
    (`KEYS`) override it: ``notes``, ``basis``, ``counterparty_positions``, ``banners``,
    ``open_issues``, ``watermark``, ``key_terms`` (true or false) and ``sources`` (one of `SOURCE_MODES`).
    """
    if not isinstance(table, dict):
        return f"'editions.{name}' must be a table"
    for key in table:
        if key not in KEYS:
            return f"unknown key '{key}' in [editions.{name}]; known keys: {', '.join(KEYS)}"
    base_name = table.get("base", INTERNAL.name)
    base = defined.get(base_name) if isinstance(base_name, str) else None
    if base is None:
        return f"'editions.{name}.base' must name an edition: {', '.join(defined)}"
    values: dict[str, Any] = {}
    for key in FLAGS:
        if key in table:
            if not isinstance(table[key], bool):
                return f"'editions.{name}.{key}' must be true or false"
            values[key] = table[key]
    if "sources" in table:
        if table["sources"] not in SOURCE_MODES:
            return f"'editions.{name}.sources' must be one of: {', '.join(SOURCE_MODES)}"
        values["sources"] = table["sources"]
    return replace(base, name=name, **values)
