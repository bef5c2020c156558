"""The N-column document of a consolidation: one row per provision, a column per version.

:func:`build_columns` lays a :class:`~termsheet.compare.consolidation.Consolidation`
out as the EU trilogue's "four-column document": each row is a provision, each
column a version in the order given (then the compromise, when given). A cell
holds the text that version prints for the provision — the node built from the
item's YAML path in that version's Document, without the nodes of other
provisions inside it — word-marked against the reference's text (the base, else
the first version) with the side-by-side's word diff
(:func:`~termsheet.compare.side_inlines.pair_inlines`), its printed number
(marked where it differs from the reference's), and its direction and reasons
against the reference. A version silent on a provision shows "not addressed",
never a deletion. Rows are grouped under the section titles of the first
version printing them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from termsheet.compare.consolidation import Cell, Consolidation, Row, convergence_line
from termsheet.compare.facts import value_in_words, words
from termsheet.compare.places import node_path
from termsheet.compare.inline_diff import diff_inlines
from termsheet.compare.side_inlines import Inlines, show_invisible, text_inlines
from termsheet.document import nodes as doc

NOT_ADDRESSED = "not addressed"
"""What a cell of a version silent on the provision says."""


@dataclass(frozen=True)
class Column:
    """One column: a version (or the compromise)."""

    index: int
    """Its place among the columns (0-based)."""
    label: str
    role: str
    """``version`` or ``compromise``."""
    code: str
    doc_id: str
    version: str
    date: str
    file: str | None


@dataclass(frozen=True)
class ColumnCell:
    """One version's text of one provision."""

    column: Column
    addressed: bool
    number: Inlines
    """The printed number (``3.4``, ``4.3(a)``), marked against the reference's."""
    content: Inlines
    """The text, lines separated by line breaks, marked against the reference's text."""
    direction: str | None = None
    """The direction of its change against the reference in words (None: no change)."""
    reasons: tuple[str, ...] = ()
    direction_code: str | None = None
    """The direction as the comparison names it (``strengthened``), for a class name."""

    @property
    def marked(self) -> bool:
        return any(isinstance(node, (doc.Inserted, doc.Deleted))
                   for node in (*self.number, *self.content))


@dataclass(frozen=True)
class ColumnRow:
    """One provision across the columns."""

    id: str
    anchor: str
    label: str
    status: str
    state: str | None
    number: str
    """The reference's number, else the first printed one ("" when none prints it)."""
    cells: tuple[ColumnCell, ...]


@dataclass(frozen=True)
class ColumnSection:
    title: str
    rows: tuple[ColumnRow, ...]


@dataclass(frozen=True)
class ColumnsView:
    """Everything the N-column writers print."""

    consolidation: Consolidation
    columns: tuple[Column, ...]
    sections: tuple[ColumnSection, ...]
    convergence: str
    reference: str
    """The label of what cells are marked against."""
    infos: tuple[doc.DocumentInfo, ...] = ()
    """The columns' document headers (marking, language, illustrative…)."""

    @property
    def rows(self) -> Iterator[ColumnRow]:
        for section in self.sections:
            yield from section.rows

    @property
    def title(self) -> str:
        return "Provisions by version: " + ", ".join(c.label for c in self.columns)


@dataclass(frozen=True)
class _Place:
    """The node built from a YAML path, with its number, section title and table header."""

    node: object
    number: str | None
    section: str | None
    header: tuple[str, ...]


def build_columns(consolidation: Consolidation, documents: Sequence[doc.Document],
                  base_document: doc.Document | None = None) -> ColumnsView:
    """The N-column view of ``consolidation``; ``documents`` are the versions' built Documents
    in the order given, then the compromise's; ``base_document`` the base's (with ``--base``)."""
    sides = list(consolidation.versions)
    if consolidation.compromise is not None:
        sides.append(consolidation.compromise)
    columns = tuple(_column(number, side) for number, side in enumerate(sides))
    owned = [_owned_paths(consolidation, number) for number in range(len(sides))]
    places = [_places(document) for document in documents]
    reference = None
    if consolidation.base is not None and base_document is not None:
        reference = (_places(base_document), _owned_paths(consolidation, -1))
    sections: list[tuple[str, list[ColumnRow]]] = []
    for row in consolidation.rows:
        cells = _row_cells(row, consolidation)
        found = [places[n].get(cell.yaml_path) if cell.addressed and n < len(places) else None
                 for n, cell in enumerate(cells)]
        texts = [_cell_text(place, cell, owned[n]) if place else ()
                 for n, (place, cell) in enumerate(zip(found, cells))]
        ref_place, ref_text = _reference(row, reference, found, texts)
        title = next((p.section for p in (ref_place, *found) if p and p.section), "")
        column_cells = tuple(
            _cell(columns[n], cells[n], found[n], texts[n], ref_place, ref_text,
                  _change(row, n, consolidation))
            for n in range(len(columns)))
        number = next((p.number for p in (ref_place, *found) if p and p.number), "")
        entry = ColumnRow(row.id, "row-" + _anchor(row.id), row.label, row.status, row.state,
                          number or "", column_cells)
        if not sections or sections[-1][0] != title:
            sections.append((title, []))
        sections[-1][1].append(entry)
    return ColumnsView(consolidation, columns,
                       tuple(ColumnSection(title, tuple(rows)) for title, rows in sections),
                       convergence_line(consolidation),
                       "base" if consolidation.base is not None else columns[0].label,
                       tuple(document.info for document in documents))


def _column(number: int, side) -> Column:
    info = side.info
    return Column(number, side.label if side.role == "version" else "Compromise", side.role,
                  side.code, info.doc_id, info.version, info.date, info.file)


def _row_cells(row: Row, consolidation: Consolidation) -> tuple[Cell, ...]:
    if consolidation.compromise is None:
        return row.cells
    return (*row.cells, row.compromise or Cell(None, None))


def _change(row: Row, number: int, consolidation: Consolidation):
    if number < len(row.changes):
        return row.changes[number]
    return row.compromise_change if number == len(consolidation.versions) else None


def _reference(row: Row, reference, found, texts) -> tuple[_Place | None, Inlines | None]:
    """The reference's place and text for ``row`` (None: the reference does not hold it)."""
    if reference is None:
        return found[0], (texts[0] if found[0] else None)
    places, owned = reference
    if row.base is None or not row.base.addressed:
        return None, None
    place = places.get(row.base.yaml_path)
    return place, (_cell_text(place, row.base, owned) if place else None)


def _cell(column: Column, cell: Cell, place: _Place | None, text: Inlines,
          ref_place: _Place | None, ref_text: Inlines | None, change) -> ColumnCell:
    if not cell.addressed:
        return ColumnCell(column, False, (), ())
    number = text_inlines(place.number if place else None)
    content = text
    if ref_place is not None and ref_place is not place:
        number = _marked(text_inlines(ref_place.number), number)
        content = _marked(ref_text, text)
    direction = _direction(change)
    reasons = tuple(change.reasons) if change is not None else ()
    code = (change.direction or "changed") if change is not None else None
    return ColumnCell(column, True, number, content, direction, reasons, code)


def _marked(reference: Inlines, text: Inlines) -> Inlines:
    """``text`` with the words the reference has and it lacks as Deleted, before the words it
    has and the reference lacks as Inserted (the side-by-side's word diff, in one column)."""
    diff = diff_inlines(reference, text)
    return show_invisible(diff.merged) if diff.changed else text


def _direction(change) -> str | None:
    """A change in words: its direction, ``added``/``removed`` first when it is one."""
    if change is None:
        return None
    parts = [change.kind] if change.kind in ("added", "removed") else []
    if change.direction and change.direction != "changed" or not parts:
        parts.append(words(change.direction or "changed"))
    return ", ".join(parts)


def _anchor(row_id: str) -> str:
    """A row id as an HTML anchor: lower case, ``/`` and other characters as ``-``."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-"
                   for c in row_id.lower())


# ------------------------------------------------------------------ a cell's text

def _owned_paths(consolidation: Consolidation, number: int) -> frozenset[str]:
    """The YAML paths of every provision in one version (-1: the base; past the versions:
    the compromise) — a node at such a path is that provision's, not its container's."""
    paths = set()
    for row in consolidation.rows:
        if number == -1:
            cell = row.base
        elif number < len(row.cells):
            cell = row.cells[number]
        else:
            cell = row.compromise
        if cell is not None and cell.yaml_path is not None:
            paths.add(cell.yaml_path)
    return frozenset(paths)


def _places(document: doc.Document) -> dict[str, _Place]:
    """YAML path → the first node built from it, in page order."""
    found: dict[str, _Place] = {}

    def walk(node, number, section, header):
        number = getattr(node, "number", None) or number
        if isinstance(node, doc.Section):
            section = node.title
        if isinstance(node, doc.Table):
            header = node.header
        path = node_path(node)
        if path is not None and path not in found:
            found[path] = _Place(node, number, section, header)
        for child in doc.children(node):
            walk(child, number, section, header)

    for top in document.sections:
        walk(top, None, None, ())
    return found


def _cell_text(place: _Place, cell: Cell, owned: frozenset[str]) -> Inlines:
    """What a cell prints: the node's own lines; for the sheet's own fields (the item at the
    root, which no section prints alone), the first section's title and those fields, because
    the rest of that section's prose is built from other rows' provisions."""
    if cell.yaml_path != "" or not isinstance(cell.data, dict):
        return _text(place, owned)
    lines = [(doc.Emphasis((doc.Text(place.node.title),), strong=True),)]
    for name, value in cell.data.items():
        label = name.replace("_", " ").capitalize()
        lines.append((doc.Emphasis((doc.Text(f"{label}:"),)), doc.Text(" "),
                      doc.Text(value_in_words(value))))
    return _joined(lines)


def _text(place: _Place, owned: frozenset[str]) -> Inlines:
    """The lines a node prints, other provisions' nodes inside it left out."""
    return _joined(_lines(place.node, place.header, owned, node_path(place.node)))


def _joined(lines) -> Inlines:
    """Lines as one run of inlines with line breaks between them."""
    out: list = []
    for line in lines:
        if out:
            out.append(doc.LineBreak())
        out.extend(line)
    return tuple(out)


def _lines(node, header: tuple[str, ...], owned: frozenset[str], own: str | None
           ) -> Iterator[Inlines]:
    path = node_path(node)
    if path is not None and path != own and path in owned:
        return
    if isinstance(node, (doc.Section, doc.Clause)):
        yield (doc.Emphasis((doc.Text(node.title),), strong=True),)
        for child in doc.children(node):
            yield from _lines(child, header, owned, own)
    elif isinstance(node, doc.Paragraph):
        yield _plain(node.content)
    elif isinstance(node, doc.ListBlock):
        for item in node.items:
            yield (doc.Text("\u2022 "), *_plain(item))
    elif isinstance(node, doc.Table):
        for row in node.rows:
            yield from _lines(row, node.header, owned, own)
    elif isinstance(node, doc.Row):
        for label, cell in zip(header, node.cells):
            content = _plain(cell.content)
            if content:
                yield (doc.Emphasis((doc.Text(f"{label}:"),)), doc.Text(" "), *content)


def _plain(inlines) -> Inlines:
    """Inline content the word diff reads: brackets as the text they print, no footnotes."""
    out = []
    for node in inlines:
        if isinstance(node, doc.Bracket):
            out.extend(_plain(doc.bracket_text(node)))
        elif isinstance(node, doc.Footnote):
            continue
        elif isinstance(node, doc.Emphasis):
            out.append(doc.Emphasis(_plain(node.children), node.strong))
        else:
            out.append(node)
    return tuple(out)
