"""Side-by-side units: OLD and NEW aligned provision by provision, before changes are attached.

Sections, clauses, tables, rows and paragraphs that carry an id are paired by it
(anywhere in the document: a clause that changed section is a move); items the
comparison paired by similarity (a renamed id) are paired the same way; blocks
without an id are paired by position and kind (:func:`termsheet.compare.sequence.align`).
A moved provision shows both sides where it stands in NEW, and a ghost where it
stood in OLD.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from termsheet.compare.comparison import Comparison
from termsheet.compare.facts import words
from termsheet.compare.places import node_path, nodes_by_path
from termsheet.compare.sequence import Op, align
from termsheet.compare.side_inlines import (
    clip_words, one_sided, pair_inlines, pair_strings, text_inlines,
)
from termsheet.compare.side_rows import FieldValue, Note, Segment, Title
from termsheet.compare.tokens import tokenize
from termsheet.document.nodes import (
    Clause, Document, DocumentInfo, ListBlock, Paragraph, Row, Section, Table, Text, plain_text,
    unknown_node,
)

@dataclass
class Unit:
    """A row in the making: its pieces so far, its place, and (later) its changes and anchor."""

    kind: str
    node_id: str | None
    old_number: str | None
    new_number: str | None
    presence: str
    segments: list = field(default_factory=list)
    context: str | None = None
    moved: bool = False
    parent: Unit | None = None
    ghost_of: str | None = None
    """For ghosts: the node id of the moved item (its row is looked up at the end)."""
    changes: list = field(default_factory=list)
    section: Unit | None = None
    anchor: str = ""
    old_path: str | None = None
    """The YAML path of OLD's node (:func:`~termsheet.compare.places.node_path`); None for
    text between provisions, ghosts and the document row."""
    new_path: str | None = None


def _child_key(node):
    """The id a block is paired by (None: paired by position and kind)."""
    if isinstance(node, Clause):
        return ("clause", node.id)
    if isinstance(node, Table) and node.id:
        return ("table", node.id)
    if isinstance(node, Paragraph) and node.id:
        return ("p", node.id)
    return None


def _child_sig(node):
    """The kind of an id-less block: only blocks of the same kind pair."""
    if isinstance(node, Paragraph):
        return ("p", node.role)
    if isinstance(node, ListBlock):
        return ("list", node.ordered)
    if isinstance(node, Table):
        return ("table", len(node.header))
    return (type(node).__name__,)


def _child_words(node) -> list:
    """A block's words, for pairing id-less blocks by similarity."""
    if isinstance(node, Paragraph):
        return _words(node.content)
    if isinstance(node, ListBlock):
        return [w for item in node.items for w in _words(item)]
    if isinstance(node, Table):
        return [w for row in node.rows for w in _row_words(row)]
    if isinstance(node, Clause):
        return tokenize(node.title)
    return []


def _words(inlines) -> list:
    return [t for t in tokenize(plain_text(inlines)) if not t.isspace()]


def _row_words(row: Row) -> list:
    return [w for cell in row.cells for w in _words(cell.content)]


class Builder:
    """Walks the two documents section by section and collects their aligned units."""

    def __init__(self, comparison: Comparison, old: Document, new: Document):
        self.comparison = comparison
        self.old, self.new = old, new
        self.renames = self._renames()
        self.old_clauses = {self.okey(c.id): c for s in old.sections for c in s.children
                            if isinstance(c, Clause)}
        self.new_clauses = {c.id: c for s in new.sections for c in s.children
                            if isinstance(c, Clause)}
        self.units: list[Unit] = []

    def _renames(self) -> dict[str, str]:
        """OLD ids → NEW ids of the nodes of the items the comparison paired under different
        ids — by similarity, ``replaces`` or by hand (each side's node found by the item's
        YAML path on that side)."""
        old_nodes, new_nodes = nodes_by_path(self.old), nodes_by_path(self.new)
        renames = {}
        for change in self.comparison.changes:
            if change.old_id and change.new_id and change.old_id != change.new_id:
                old_id = old_nodes.get(change.old_yaml_path, (None,))[0]
                new_id = new_nodes.get(change.new_yaml_path, (None,))[0]
                if old_id and new_id:
                    renames[old_id] = new_id
        return renames

    def okey(self, node_id):
        return self.renames.get(node_id, node_id) if node_id else node_id

    def okey_of(self, node):
        key = _child_key(node)
        return (key[0], self.okey(key[1])) if key else None

    def add(self, unit: Unit) -> Unit:
        self.units.append(unit)
        return unit

    # -------------------------------------------------------------- run

    def run(self) -> list[Unit]:
        """Every unit, in page order (the first is the document row)."""
        self.document_unit = self.add(self.document_row())
        for op in align(self.old.sections, self.new.sections, key=lambda s: self.okey(s.id),
                        sig=lambda s: None, words=lambda s: []):
            if op.kind == "same":
                self.section(op.old, op.new)
            elif op.kind in ("del", "move_from"):
                self.section(op.old, None)
            else:
                self.section(None, op.new)
        return self.units

    def document_row(self) -> Unit:
        old, new = self.old.info, self.new.info
        unit = Unit("document", None, None, None, "both")
        fields = (
            ("Title", old.title, new.title),
            ("Document", old.doc_id, new.doc_id),
            ("Type", words(old.document_type), words(new.document_type)),
            ("Version", old.version, new.version),
            ("Supersedes", old.supersedes, new.supersedes),
            ("Status", words(old.status), words(new.status)),
            ("Date", old.date, new.date),
            ("Drafting party", old.drafting_party, new.drafting_party),
            ("Negotiation track", old.negotiation_track, new.negotiation_track),
            ("Language", old.language, new.language),
            ("Marking", old.marking, new.marking),
            ("Handling", "; ".join(old.handling), "; ".join(new.handling)),
            ("Localized titles", _localized(old), _localized(new)),
            ("Illustrative", "yes" if old.illustrative else "no",
             "yes" if new.illustrative else "no"),
            ("Disclaimer", old.disclaimer, new.disclaimer),
        )
        for label, a, b in fields:
            if not a and not b:
                continue
            left, right = pair_strings(a, b)
            unit.segments.append(Segment(
                FieldValue((Text(label),), left) if a else None,
                FieldValue((Text(label),), right) if b else None))
        return unit

    # -------------------------------------------------------------- sections

    def section(self, old: Section | None, new: Section | None) -> None:
        presence = "both" if old and new else ("old" if old else "new")
        node = new or old
        unit = self.add(Unit("section", node.id, old.number if old else None,
                              new.number if new else None, presence, **_paths(old, new)))
        unit.segments.append(self.title_segment(old, new))
        self.current_section = unit
        if old and new:
            ops = align(old.children, new.children, key=self.okey_of, sig=_child_sig,
                        words=_child_words)
        elif old:
            ops = [Op("del", old=c) for c in old.children]
        else:
            ops = [Op("ins", new=c) for c in new.children]
        text: Unit | None = None
        for op in ops:
            node = op.new if op.new is not None else op.old
            if isinstance(node, Clause):
                text = None
                if op.kind == "same":
                    self.clause(op.old, op.new, unit)
                elif op.kind in ("del", "move_from"):
                    if self.okey(op.old.id) in self.new_clauses:
                        self.ghost(op.old, unit)
                    else:
                        self.clause(op.old, None, unit)
                else:
                    partner = self.old_clauses.get(op.new.id)
                    self.clause(partner, op.new, unit, moved=partner is not None)
                continue
            if text is None:
                text = self.add(Unit("text", f"{node_id(unit)}-text-{len(self.units)}",
                                      unit.old_number, unit.new_number, presence, section=unit))
            self.block_segments(op, text)

    def title_segment(self, old, new) -> Segment:
        old_title, new_title = pair_strings(old.title if old else None, new.title if new else None)
        if old is None:
            new_title = one_sided(new_title, "new")
        if new is None:
            old_title = one_sided(old_title, "old")
        old_status = getattr(old, "status", "agreed") if old else None
        new_status = getattr(new, "status", "agreed") if new else None
        mark = old and new and old_status != new_status
        return Segment(
            Title(old.number, old_title, _status(old_status), "deleted" if mark else None)
            if old else None,
            Title(new.number, new_title, _status(new_status), "inserted" if mark else None)
            if new else None)

    # -------------------------------------------------------------- clauses

    def clause(self, old: Clause | None, new: Clause | None, section: Unit,
               moved: bool = False) -> None:
        presence = "both" if old and new else ("old" if old else "new")
        node = new or old
        head = self.add(Unit("clause", node.id, old.number if old else None,
                              new.number if new else None, presence, moved=moved,
                              section=section, **_paths(old, new)))
        head.segments.append(self.title_segment(old, new))
        old_groups = self.groups(old.blocks, self.okey) if old else []
        new_groups = self.groups(new.blocks, lambda i: i) if new else []
        if old and new:
            ops = align(old_groups, new_groups, key=lambda g: g[0], sig=lambda g: g[0][0],
                        words=lambda g: [])
        elif old:
            ops = [Op("del", old=g) for g in old_groups]
        else:
            ops = [Op("ins", new=g) for g in new_groups]
        moved_from = {op.old[0]: op.old for op in ops if op.kind == "move_from"}
        extra = 0
        for op in ops:
            if op.kind == "move_from":
                if op.old[0][0] == "p":
                    self.add(Unit("ghost", None, head.old_number, None, "old", parent=head,
                                   section=section, ghost_of=op.old[0][1],
                                   segments=[Segment(_ghost_note(op.old[1][0]), None)]))
                    continue
                op = Op("del", old=op.old)
            elif op.kind == "move_to":
                partner = moved_from.get(op.new[0])
                op = Op("moved" if partner else "ins", old=partner, new=op.new)
            key = (op.new or op.old)[0]
            old_blocks = op.old[1] if op.old else []
            new_blocks = op.new[1] if op.new else []
            if key[0] == "table":
                self.table_units(Op(op.kind, old=old_blocks[0] if old_blocks else None,
                                     new=new_blocks[0] if new_blocks else None), head, section)
                continue
            if key[0] == "head":
                unit = head
            elif key[0] == "p":
                unit = self.add(Unit("item", key[1], head.old_number, head.new_number,
                                      _presence(op), parent=head, section=section,
                                      moved=op.kind == "moved",
                                      **_paths(_first(old_blocks), _first(new_blocks))))
            else:
                extra += 1
                unit = self.add(Unit("text", f"{node_id(head)}-more-{extra}", head.old_number,
                                      head.new_number, _presence(op), parent=head,
                                      section=section))
            if old_blocks and new_blocks:
                inner = align(old_blocks, new_blocks, key=self.okey_of, sig=_child_sig,
                              words=_child_words)
            else:
                inner = [Op("del", old=b) for b in old_blocks] + [Op("ins", new=b) for b in new_blocks]
            for block_op in inner:
                self.block_segments(block_op, unit)

    @staticmethod
    def groups(blocks, key) -> list[tuple[tuple, list]]:
        """A clause's blocks in groups: the head (before any provision), each paragraph with an id
        and the id-less blocks after it, each table, and the id-less blocks after a table."""
        out: list[tuple[tuple, list]] = [(("head",), [])]
        tables = 0
        for block in blocks:
            if isinstance(block, Table):
                tables += 1
                table_key = ("table", key(block.id) if block.id else f"#{tables}")
                out.append((table_key, [block]))
                out.append((("after", table_key), []))
            elif isinstance(block, Paragraph) and block.id:
                out.append((("p", key(block.id)), [block]))
            else:
                out[-1][1].append(block)
        return [group for group in out if group[1] or group[0] == ("head",)]

    def pair_moves(self, ops) -> list:
        """Moves inside one clause or table: the NEW place shows both sides, the OLD place a ghost."""
        sources = {self.okey_of(op.old): op.old for op in ops if op.kind == "move_from"}
        out = []
        for op in ops:
            if op.kind == "move_from":
                out.append(Op("ghost", old=op.old))
            elif op.kind == "move_to":
                out.append(Op("moved", old=sources.get(_child_key(op.new)), new=op.new))
            else:
                out.append(op)
        return out

    def ghost(self, old: Clause, section: Unit) -> None:
        self.add(Unit("ghost", None, old.number, None, "old", section=section,
                       ghost_of=self.okey(old.id), segments=[Segment(_ghost_note(old), None)]))

    # -------------------------------------------------------------- blocks

    def block_segments(self, op, unit: Unit) -> None:
        old, new = op.old, op.new
        if old is not None and new is not None:
            if isinstance(new, Paragraph):
                left, right = pair_inlines(old.content, new.content)
                unit.segments.append(Segment(replace(old, content=left),
                                             replace(new, content=right)))
            elif isinstance(new, ListBlock):
                unit.segments.extend(self.list_segments(old, new))
            else:
                raise unknown_node("side-by-side", new)
        elif old is not None:
            unit.segments.append(Segment(_whole(old, "old"), None))
        else:
            unit.segments.append(Segment(None, _whole(new, "new")))

    def list_segments(self, old: ListBlock, new: ListBlock) -> list[Segment]:
        """One segment per list item, so that an item lines up with its counterpart."""
        segments = []
        for op in align(old.items, new.items, key=lambda i: None, sig=lambda i: 0, words=_words):
            if op.kind == "same":
                left, right = pair_inlines(op.old, op.new)
                segments.append(Segment(ListBlock((left,), old.ordered),
                                        ListBlock((right,), new.ordered)))
            elif op.old is not None:
                segments.append(Segment(ListBlock((one_sided(op.old, "old"),), old.ordered), None))
            else:
                segments.append(Segment(None, ListBlock((one_sided(op.new, "new"),), new.ordered)))
        return segments

    def table_units(self, op, head: Unit, section: Unit) -> None:
        old, new = op.old, op.new
        if old is not None and new is not None and len(old.header) != len(new.header):
            self.table_units(Op("del", old=old), head, section)
            self.table_units(Op("ins", new=new), head, section)
            return
        table = new or old
        context_old, context_new = (old.caption if old else None), (new.caption if new else None)
        context = context_new or context_old or "Table"
        if old is not None and new is not None:
            headers = [pair_strings(a, b) for a, b in zip(old.header, new.header)]
            rows = align(old.rows, new.rows, key=lambda r: self.okey(r.id),
                         sig=lambda r: len(r.cells), words=_row_words)
            rows = self.pair_row_moves(rows)
        elif old is not None:
            headers = [(text_inlines(h), ()) for h in old.header]
            rows = [Op("del", old=r) for r in old.rows]
        else:
            headers = [((), text_inlines(h)) for h in new.header]
            rows = [Op("ins", new=r) for r in new.rows]
        for index, rop in enumerate(rows):
            row = rop.new if rop.new is not None else rop.old
            if rop.kind == "ghost":
                self.add(Unit("ghost", None, head.old_number, None, "old", parent=head,
                               section=section, context=context, ghost_of=self.okey(row.id),
                               segments=[Segment(_ghost_note_row(rop.old, old), None)]))
                continue
            node = row.id or f"{table.id or node_id(head)}-row-{index + 1}"
            unit = self.add(Unit("item", node, _row_number(rop.old, head.old_number),
                                  _row_number(rop.new, head.new_number),
                                  _presence(rop), context=context, parent=head, section=section,
                                  moved=rop.kind == "moved", **_paths(rop.old, rop.new)))
            for column, (label_old, label_new) in enumerate(headers):
                a = rop.old.cells[column].content if rop.old is not None else None
                b = rop.new.cells[column].content if rop.new is not None else None
                if a is not None and b is not None:
                    left, right = pair_inlines(a, b)
                elif a is not None:
                    left, right = one_sided(a, "old"), None
                else:
                    left, right = None, one_sided(b, "new")
                unit.segments.append(Segment(
                    FieldValue(label_old, left) if left is not None else None,
                    FieldValue(label_new, right) if right is not None else None))

    def pair_row_moves(self, ops) -> list:
        sources = {self.okey(op.old.id): op.old for op in ops if op.kind == "move_from"}
        out = []
        for op in ops:
            if op.kind == "move_from":
                out.append(Op("ghost", old=op.old))
            elif op.kind == "move_to":
                out.append(Op("moved", old=sources.get(op.new.id), new=op.new))
            else:
                out.append(op)
        return out


def node_id(unit: Unit) -> str:
    """A unit's node id, or its kind when it has none."""
    return unit.node_id or unit.kind


def _paths(old, new) -> dict[str, str | None]:
    """The YAML paths of a unit's OLD and NEW nodes (either may be missing)."""
    return {"old_path": node_path(old) if old is not None else None,
            "new_path": node_path(new) if new is not None else None}


def _first(blocks: list):
    return blocks[0] if blocks else None


def _presence(op) -> str:
    if op.old is not None and op.new is not None:
        return "both"
    return "old" if op.old is not None else "new"


def _status(status: str | None) -> str | None:
    return status if status and status != "agreed" else None


def _localized(info: DocumentInfo) -> str:
    return "; ".join(f"{title} ({language})" for language, title in info.title_localized)


def _whole(block, side: str):
    """A block present on one side only, all its text marked."""
    if isinstance(block, Paragraph):
        return replace(block, content=one_sided(block.content, side))
    if isinstance(block, ListBlock):
        return ListBlock(tuple(one_sided(item, side) for item in block.items), block.ordered)
    raise unknown_node("side-by-side", block)


def _ghost_note(node) -> Note:
    """Where a moved provision stood in OLD: its old number and title (the place is added later)."""
    if isinstance(node, Clause):
        return Note(f"{node.number} {node.title}" if node.number else node.title)
    if isinstance(node, Paragraph):
        return Note(clip_words(" ".join(plain_text(node.content).split()), 8))
    return Note("This provision")


def _row_number(row: Row | None, clause_number: str | None) -> str | None:
    """A row's own citation (``4.3(b)``), else (a row not on this side) its clause's number."""
    return (row.number if row is not None else None) or clause_number


def _ghost_note_row(row: Row, table: Table | None) -> Note:
    first = plain_text(row.cells[0].content) if row.cells else ""
    return Note(first.split("\n")[0][:80] or (row.id or "This row"))
