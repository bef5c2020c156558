"""Merge two built Documents into one redline Document.

``redline(old, new)`` returns NEW's term sheet with the OLD→NEW changes marked,
in the format-neutral document model, so every redline writer (DOCX with native
tracked changes, HTML/PDF with ``<ins>``/``<del>``, fixed-colour variants) reads
the same result.

How the two versions are aligned (never by diffing rendered text):

- sections by ``id``; clauses by ``id`` (anywhere in the document: a clause that
  changed section is a move); tables by ``id``; table rows by row ``id``.
  Among the ids both versions share, the longest common subsequence stays in
  place; a shared id outside it is a *move*, so one insertion never marks
  everything after it as moved;
- blocks without an id (paragraphs, lists, id-less tables and rows) are paired
  by position and role inside the gaps between aligned neighbours, preferring
  pairs with similar text;
- inside an aligned pair, inline text gets a word-level diff
  (:func:`diff_inlines`): a word with its punctuation, a number with its unit,
  a defined term and a cross-reference are one token each.

What the result contains:

- ``change="inserted"`` / ``"deleted"`` on clauses, paragraphs and rows (and on
  :class:`RedlineSection`, :class:`RedlineTable` and the items of
  :class:`RedlineList`, which the base model cannot mark);
- a deleted clause stands where it stood in OLD relative to its neighbours:
  after the OLD neighbour it followed and before the content NEW put in its
  place (deletions come before insertions);
- a moved clause appears twice: ``moved_from`` at its OLD place with OLD's text,
  and ``moved_to`` at its NEW place with NEW's text. When the clause was also
  amended, the words NEW dropped are ``Deleted`` inside the ``moved_from`` copy
  and the words NEW added are ``Inserted`` inside the ``moved_to`` copy, so that
  accepting everything drops the ``moved_from`` copy and keeps ``moved_to``
  (= NEW) and rejecting everything does the opposite (= OLD). Rows in a moved
  clause, and rows moved inside a table, carry ``moved_from``/``moved_to`` too;
- numbers: NEW's numbering throughout; a deleted or ``moved_from`` clause keeps
  the number it had in OLD (that is how the other side knew it). Where a kept
  clause or section was renumbered, ``number_marked`` holds the change
  (``Deleted("4.2")``, ``Inserted("4.3")``) so that rejecting all changes gives
  back OLD's numbers exactly. Cross-references are tokens, so a reference whose
  number changed is marked the same way;
- a changed heading (clause or section title, table header or caption) keeps
  NEW's plain string in the base field (any writer prints something sensible)
  and carries the word diff in ``title_marked`` / ``header_marked`` /
  ``caption_marked``;
- ``info`` is NEW's; OLD's is kept in :class:`RedlineDocument` ``old_info``.

:func:`accept_all` and :func:`reject_all` project a redline Document back onto
plain Documents; ``accept_all(redline(a, b))`` has b's content and
``reject_all(redline(a, b))`` a's (origins aside: kept nodes carry NEW's).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, Hashable, Sequence

from termsheet.document.nodes import (
    Block,
    Cell,
    Clause,
    Deleted,
    Document,
    DocumentInfo,
    Emphasis,
    Inline,
    Inserted,
    LineBreak,
    ListBlock,
    Paragraph,
    Reference,
    Row,
    Section,
    Table,
    Term,
    Text,
    unknown_node,
)

INSERTED = "inserted"
DELETED = "deleted"
MOVED_FROM = "moved_from"
MOVED_TO = "moved_to"
CHANGES = (INSERTED, DELETED, MOVED_FROM, MOVED_TO)

#: Changes whose content exists only in OLD (dropped when all changes are accepted).
OLD_ONLY = (DELETED, MOVED_FROM)
#: Changes whose content exists only in NEW (dropped when all changes are rejected).
NEW_ONLY = (INSERTED, MOVED_TO)

Inlines = tuple[Inline, ...]


# ------------------------------------------------------ redline-only node types

@dataclass(frozen=True)
class RedlineDocument(Document):
    """A redline: NEW's info and marked sections; OLD's info for writers that show both."""

    old_info: DocumentInfo | None = None


@dataclass(frozen=True)
class RedlineSection(Section):
    """A section of a redline: the base model has no change mark on sections."""

    change: str | None = None
    title_marked: Inlines | None = None
    """The title with ``Inserted``/``Deleted`` words, when OLD's title differs."""
    number_marked: Inlines | None = None
    """``(Deleted(old), Inserted(new))`` when the section was renumbered."""


@dataclass(frozen=True)
class RedlineClause(Clause):
    """A clause of a redline, with its title and number changes."""

    title_marked: Inlines | None = None
    """The title with ``Inserted``/``Deleted`` words, when OLD's title differs."""
    number_marked: Inlines | None = None
    """``(Deleted(old), Inserted(new))`` when the clause was renumbered."""
    old_status: str | None = None
    """OLD's text status, when it differs from ``status`` (NEW's)."""


@dataclass(frozen=True)
class RedlineTable(Table):
    """A table of a redline: whole-table marks and header/caption changes."""

    change: str | None = None
    """Set when the whole table (header row included) is inserted, deleted or moved."""
    header_marked: tuple[Inlines, ...] | None = None
    caption_marked: Inlines | None = None


@dataclass(frozen=True)
class RedlineList(ListBlock):
    """A list of a redline: one change mark per item (None for a kept item)."""

    item_changes: tuple[str | None, ...] = ()


# ------------------------------------------------------------------ entry point

def redline(old: Document, new: Document) -> RedlineDocument:
    """NEW's term sheet with OLD→NEW changes marked (see the module docstring)."""
    return _Redliner(old, new).run()


# ------------------------------------------------------------- word-level diff

_UNIT = re.compile(
    r"(?:days?|hours?|weeks?|months?|years?|minutes?|seconds?|km|kilomet(?:re|er)s?|"
    r"miles?|nm|nautical|met(?:re|er)s?|m|per|cent|percent|%|troops|personnel|soldiers|"
    r"aircraft|ships|vessels|brigades?|battalions?|billion|million|thousand|bn|mn|m|k|"
    r"EUR|USD|GBP|euros?|dollars?|pounds?|hryvnias?|UAH)[^\w\s]*",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"[(\[]?(?:[€$£]|US\$)?\d(?:[\d,.\u00a0\u202f]*\d)?%?")
_WORDS = re.compile(r"\s+|\S+")


def tokenize(text: str) -> list[str]:
    """Words with their punctuation, whitespace runs, and a number with its unit as one token.

    ``"within 30 days, or"`` → ``["within", " ", "30 days,", " ", "or"]``.
    """
    raw = _WORDS.findall(text)
    tokens: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        if _NUMBER.fullmatch(token):
            while i + 2 < len(raw) and raw[i + 1].isspace() and _UNIT.fullmatch(raw[i + 2]):
                token += raw[i + 1] + raw[i + 2]
                i += 2
        tokens.append(token)
        i += 1
    return tokens


@dataclass(frozen=True)
class _Token:
    key: Hashable
    leaf: Inline
    ctx: tuple


def _tokens(inlines: Inlines, ctx: tuple = ()) -> list[_Token]:
    out: list[_Token] = []
    for node in inlines:
        if isinstance(node, Text):
            out.extend(_Token((ctx, "t", t), Text(t), ctx) for t in tokenize(node.text))
        elif isinstance(node, Term):
            out.append(_Token((ctx, "term", node.text), node, ctx))
        elif isinstance(node, Reference):
            out.append(_Token((ctx, "ref", node.target, node.number), node, ctx))
        elif isinstance(node, LineBreak):
            out.append(_Token((ctx, "br"), node, ctx))
        elif isinstance(node, Emphasis):
            out.extend(_tokens(node.children, ctx + (("em", node.strong),)))
        elif isinstance(node, (Inserted, Deleted)):
            raise ValueError("redline() compares plain term sheets, not redlines")
        else:
            raise unknown_node("redline", node)
    return out


def _opcodes(a: list[_Token], b: list[_Token]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher opcodes, with whitespace-only equal runs between changes absorbed."""
    matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
    ops = [list(op) for op in matcher.get_opcodes()]
    merged: list[list] = []
    for k, op in enumerate(ops):
        tag, i1, i2, j1, j2 = op
        blank = tag == "equal" and all(isinstance(t.leaf, Text) and t.leaf.text.isspace() for t in a[i1:i2])
        if blank and 0 < k < len(ops) - 1 and merged and merged[-1][0] != "equal" and ops[k + 1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
            continue
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
            continue
        merged.append(op)
    return _absorb_short_equalities(merged, a, b)


def _chars(tokens: list[_Token]) -> int:
    return sum(len(getattr(t.leaf, "text", None) or getattr(t.leaf, "number", None) or " ") for t in tokens)


def _absorb_short_equalities(ops: list[list], a: list[_Token], b: list[_Token]) -> list[tuple]:
    """Fold a one-word equality shorter than the changes on both sides into them (diff-match-patch's
    semantic cleanup): "[United States] of [America]" → "[United States of America]"."""
    changed = True
    while changed:
        changed = False
        for k in range(1, len(ops) - 1):
            tag, i1, i2, j1, j2 = ops[k]
            if tag != "equal" or ops[k - 1][0] == "equal" or ops[k + 1][0] == "equal":
                continue
            words = [t for t in a[i1:i2] if not (isinstance(t.leaf, Text) and t.leaf.text.isspace())]
            size = _chars(a[i1:i2])
            before = max(_chars(a[ops[k - 1][1]:ops[k - 1][2]]), _chars(b[ops[k - 1][3]:ops[k - 1][4]]))
            after = max(_chars(a[ops[k + 1][1]:ops[k + 1][2]]), _chars(b[ops[k + 1][3]:ops[k + 1][4]]))
            if len(words) <= 1 and size < before and size < after:
                ops[k - 1:k + 2] = [["replace", ops[k - 1][1], ops[k + 1][2], ops[k - 1][3], ops[k + 1][4]]]
                changed = True
                break
    return [tuple(op) for op in ops]


def _nest(items: list[tuple[tuple, Inline]]) -> list[Inline]:
    """Rebuild Emphasis nesting from (context, leaf) pairs; adjacent Text leaves are joined."""
    out: list[Inline] = []
    i = 0
    while i < len(items):
        ctx, leaf = items[i]
        if not ctx:
            if isinstance(leaf, Text) and out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + leaf.text)
            else:
                out.append(leaf)
            i += 1
            continue
        head = ctx[0]
        group = []
        while i < len(items) and items[i][0][:1] == (head,):
            group.append((items[i][0][1:], items[i][1]))
            i += 1
        out.append(Emphasis(children=tuple(_nest(group)), strong=head[1]))
    return out


def _assemble(items: list[tuple[str | None, _Token]]) -> Inlines:
    out: list[Inline] = []
    i = 0
    while i < len(items):
        mark = items[i][0]
        group = []
        while i < len(items) and items[i][0] == mark:
            group.append((items[i][1].ctx, items[i][1].leaf))
            i += 1
        nested = tuple(_nest(group))
        if mark == INSERTED:
            out.append(Inserted(nested))
        elif mark == DELETED:
            out.append(Deleted(nested))
        else:
            out.extend(nested)
    return tuple(out)


@dataclass(frozen=True)
class InlineDiff:
    """A word diff in three views: merged, OLD side (kept + Deleted), NEW side (kept + Inserted)."""

    merged: Inlines
    old_side: Inlines
    new_side: Inlines
    changed: bool


def diff_inlines(old: Inlines, new: Inlines) -> InlineDiff:
    """Word-level diff of two inline sequences (deleted words before inserted ones)."""
    if old == new:
        return InlineDiff(tuple(new), tuple(old), tuple(new), False)
    a, b = _tokens(old), _tokens(new)
    merged: list[tuple[str | None, _Token]] = []
    old_side: list[tuple[str | None, _Token]] = []
    new_side: list[tuple[str | None, _Token]] = []
    changed = False
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            merged += [(None, t) for t in b[j1:j2]]
            old_side += [(None, t) for t in a[i1:i2]]
            new_side += [(None, t) for t in b[j1:j2]]
            continue
        changed = True
        merged += [(DELETED, t) for t in a[i1:i2]] + [(INSERTED, t) for t in b[j1:j2]]
        old_side += [(DELETED, t) for t in a[i1:i2]]
        new_side += [(INSERTED, t) for t in b[j1:j2]]
    return InlineDiff(_assemble(merged), _assemble(old_side), _assemble(new_side), changed)


def diff_text(old: str, new: str) -> InlineDiff:
    """Word-level diff of two plain strings (titles, headers, captions)."""
    return diff_inlines((Text(old),) if old else (), (Text(new),) if new else ())


def _words(inlines: Inlines) -> list[Hashable]:
    return [t.key for t in _tokens(inlines) if not (isinstance(t.leaf, Text) and t.leaf.text.isspace())]


def _similarity(a: list, b: list) -> float:
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 or matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio() / 2
    return matcher.ratio()


# ------------------------------------------------------------ sequence alignment

@dataclass(frozen=True)
class Op:
    """One step of an alignment: ``same`` (paired), ``ins``, ``del``, ``move_from`` or ``move_to``."""

    kind: str
    old: object = None
    new: object = None


def _lcs_pairs(old_keys: list, new_keys: list) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of two lists of unique keys."""
    new_index = {k: j for j, k in enumerate(new_keys) if k is not None}
    seq = [(i, new_index[k]) for i, k in enumerate(old_keys) if k is not None and k in new_index]
    # longest increasing subsequence of the NEW positions, in OLD order (patience sorting)
    tails: list[int] = []
    tails_at: list[int] = []
    back: list[int] = [-1] * len(seq)
    for n, (_, j) in enumerate(seq):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tails_at.append(n)
        else:
            tails[pos] = j
            tails_at[pos] = n
        back[n] = tails_at[pos - 1] if pos else -1
    pairs = []
    n = tails_at[-1] if tails_at else -1
    while n >= 0:
        pairs.append(seq[n])
        n = back[n]
    return pairs[::-1]


_DP_LIMIT = 40_000


def _pair_unkeyed(old: list, new: list, sig: Callable, words: Callable) -> list[tuple[int, int]]:
    """Pair id-less items of a gap: same signature, in order, preferring similar text."""
    n, m = len(old), len(new)
    if not n or not m:
        return []
    so, sn = [sig(x) for x in old], [sig(y) for y in new]
    if n * m > _DP_LIMIT:
        matcher = SequenceMatcher(None, so, sn, autojunk=False)
        return [(b.a + k, b.b + k) for b in matcher.get_matching_blocks() for k in range(b.size)]
    if so == sn and all(x == y or _similarity(words(x), words(y)) >= 0.5 for x, y in zip(old, new)):
        return [(i, i) for i in range(n)]  # same shape, each pair alike: by position
    wo, wn = [words(x) for x in old], [words(y) for y in new]
    gain = {(i, j): 0.2 + _similarity(wo[i], wn[j]) for i in range(n) for j in range(m) if so[i] == sn[j]}
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if (i, j) in gain:
                best = max(best, gain[i, j] + score[i + 1][j + 1])
            score[i][j] = best
    pairs = []
    i = j = 0
    while i < n and j < m:
        if (i, j) in gain and score[i][j] == gain[i, j] + score[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def align(old: Sequence, new: Sequence, key: Callable, sig: Callable, words: Callable) -> list[Op]:
    """Align two sequences: by key (LCS stays, other shared keys move), then id-less items by position.

    ``key(item)`` is a hashable id or None; ``sig(item)`` groups id-less items that may
    pair (type and role); ``words(item)`` gives tokens for similarity. The ops come in
    output order: NEW's order, with OLD-only items where they stood relative to their
    neighbours, deletions before insertions.
    """
    old_keys = [key(x) for x in old]
    new_keys = [key(y) for y in new]
    shared = set(k for k in old_keys if k is not None) & set(k for k in new_keys if k is not None)
    anchors = _lcs_pairs([k if k in shared else None for k in old_keys],
                         [k if k in shared else None for k in new_keys])
    ops: list[Op] = []
    pi = pj = 0
    for ai, aj in anchors + [(len(old), len(new))]:
        ops += _gap(old[pi:ai], new[pj:aj], old_keys[pi:ai], new_keys[pj:aj], shared, sig, words)
        if ai < len(old):
            ops.append(Op("same", old[ai], new[aj]))
        pi, pj = ai + 1, aj + 1
    return ops


def _gap(old, new, old_keys, new_keys, shared, sig, words) -> list[Op]:
    uo = [i for i, k in enumerate(old_keys) if k is None]
    un = [j for j, k in enumerate(new_keys) if k is None]
    pairs = [(uo[a], un[b]) for a, b in _pair_unkeyed([old[i] for i in uo], [new[j] for j in un], sig, words)]
    ops: list[Op] = []
    pi = pj = 0
    for i, j in pairs + [(len(old), len(new))]:
        for k in range(pi, i):
            ops.append(Op("move_from" if old_keys[k] in shared else "del", old=old[k]))
        for k in range(pj, j):
            ops.append(Op("move_to" if new_keys[k] in shared else "ins", new=new[k]))
        if i < len(old):
            ops.append(Op("same", old[i], new[j]))
        pi, pj = i + 1, j + 1
    return ops


# ------------------------------------------------------------- block helpers

def _block_key(block) -> Hashable | None:
    if isinstance(block, Clause):
        return ("clause", block.id)
    if isinstance(block, Table) and block.id:
        return ("table", block.id)
    if isinstance(block, Paragraph) and block.id:
        return ("p", block.id)
    return None


def _block_sig(block) -> Hashable:
    if isinstance(block, Paragraph):
        return ("p", block.role)
    if isinstance(block, ListBlock):
        return ("list", block.ordered)
    if isinstance(block, Table):
        return ("table", len(block.header))
    return (type(block).__name__,)


def _block_words(block) -> list:
    if isinstance(block, Paragraph):
        return _words(block.content)
    if isinstance(block, ListBlock):
        return [w for item in block.items for w in _words(item)]
    if isinstance(block, Table):
        return [w for row in block.rows for w in _row_words(row)]
    return []


def _row_words(row: Row) -> list:
    return [w for cell in row.cells for w in _words(cell.content)]


def _base(node, cls, **changes):
    """A copy of ``node`` as the plain model class ``cls`` (redline-only fields dropped)."""
    values = {f.name: getattr(node, f.name) for f in dataclasses.fields(cls)}
    values.update(changes)
    return cls(**values)


def _mark_all(content: Inlines, change: str) -> Inlines:
    """Content of a wholly inserted/deleted paragraph: wrapped, so inline marks agree with the block mark."""
    if not content:
        return content
    if change in OLD_ONLY:
        return (Deleted(content),) if change == DELETED else content
    return (Inserted(content),) if change == INSERTED else content


def _whole(block, change: str):
    """A block that exists on one side only, marked as a whole (``change`` in CHANGES)."""
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, content=_mark_all(block.content, change), change=change)
    if isinstance(block, ListBlock):
        return RedlineList(items=tuple(_mark_all(item, change) for item in block.items),
                           ordered=block.ordered, item_changes=(change,) * len(block.items))
    if isinstance(block, Table):
        rows = tuple(_whole_row(row, change) for row in block.rows)
        return RedlineTable(**{**_fields(block, Table), "rows": rows, "change": change})
    if isinstance(block, Clause):
        return _whole_clause(block, change)
    raise unknown_node("redline", block)


def _whole_row(row: Row, change: str) -> Row:
    cells = tuple(Cell(_mark_all(cell.content, change)) for cell in row.cells)
    return dataclasses.replace(row, cells=cells, change=change)


def _whole_clause(clause: Clause, change: str) -> RedlineClause:
    blocks = tuple(_whole(block, change) for block in clause.blocks)
    return RedlineClause(**{**_fields(clause, Clause), "blocks": blocks, "change": change})


def _fields(node, cls) -> dict:
    return {f.name: getattr(node, f.name) for f in dataclasses.fields(cls)}


# --------------------------------------------------------------- the merger

class _Redliner:
    def __init__(self, old: Document, new: Document):
        self.old, self.new = old, new
        self.old_clauses = {c.id: c for s in old.sections for c in s.children if isinstance(c, Clause)}
        self.new_clauses = {c.id: c for s in new.sections for c in s.children if isinstance(c, Clause)}

    def run(self) -> RedlineDocument:
        ops = align(self.old.sections, self.new.sections, key=lambda s: s.id,
                    sig=lambda s: None, words=lambda s: [])
        sections = []
        for op in ops:
            if op.kind == "same":
                sections.append(self.section(op.old, op.new))
            elif op.kind in ("del", "move_from"):
                change = DELETED if op.kind == "del" else MOVED_FROM
                sections.append(self.lone_section(op.old, change, side="old"))
            else:
                change = INSERTED if op.kind == "ins" else MOVED_TO
                sections.append(self.lone_section(op.new, change, side="new"))
        return RedlineDocument(info=self.new.info, sections=tuple(sections), old_info=self.old.info)

    # sections ------------------------------------------------------------

    def section(self, old: Section, new: Section) -> RedlineSection:
        title = diff_text(old.title, new.title)
        children = self.children(old.children, new.children)
        return RedlineSection(
            id=new.id, title=new.title, children=children, number=new.number,
            title_marked=title.merged if title.changed else None,
            number_marked=_number_change(old.number, new.number),
        )

    def lone_section(self, section: Section, change: str, side: str) -> RedlineSection:
        """A section on one side only (or moved): its heading is marked, its clauses may be moves."""
        children = []
        for child in section.children:
            if isinstance(child, Clause):
                children.append(self.lone_clause(child, side))
            else:
                children.append(_whole(child, DELETED if side == "old" else INSERTED))
        return RedlineSection(id=section.id, title=section.title, children=tuple(children),
                              number=section.number, change=change)

    def lone_clause(self, clause: Clause, side: str) -> RedlineClause:
        """A clause without a partner in this section: deleted/inserted, or a move if the other side has it."""
        if side == "old":
            partner = self.new_clauses.get(clause.id)
            return self.moved(clause, partner)[0] if partner else _whole_clause(clause, DELETED)
        partner = self.old_clauses.get(clause.id)
        return self.moved(partner, clause)[1] if partner else _whole_clause(clause, INSERTED)

    def children(self, old: Sequence, new: Sequence) -> tuple:
        out = []
        for op in _compatible(align(old, new, _block_key, _block_sig, _block_words)):
            if op.kind == "same":
                out.append(self.clause(op.old, op.new) if isinstance(op.new, Clause) else self.block(op.old, op.new))
            elif op.kind in ("del", "move_from"):
                out.append(self.lone_clause(op.old, "old") if isinstance(op.old, Clause)
                           else _whole(op.old, DELETED))
            else:
                out.append(self.lone_clause(op.new, "new") if isinstance(op.new, Clause)
                           else _whole(op.new, INSERTED))
        return tuple(out)

    # clauses ------------------------------------------------------------

    def clause(self, old: Clause, new: Clause) -> RedlineClause:
        title = diff_text(old.title, new.title)
        return RedlineClause(
            **_fields(new, Clause) | {"blocks": self.children(old.blocks, new.blocks)},
            title_marked=title.merged if title.changed else None,
            number_marked=_number_change(old.number, new.number),
            old_status=old.status if old.status != new.status else None,
        )

    def moved(self, old: Clause, new: Clause) -> tuple[RedlineClause, RedlineClause]:
        """The two halves of a moved clause: OLD's text at the OLD place, NEW's at the NEW place."""
        title = diff_text(old.title, new.title)
        old_blocks, new_blocks = _split_blocks(old.blocks, new.blocks)
        source = RedlineClause(**_fields(old, Clause) | {"blocks": old_blocks, "change": MOVED_FROM},
                               title_marked=title.old_side if title.changed else None)
        target = RedlineClause(**_fields(new, Clause) | {"blocks": new_blocks, "change": MOVED_TO},
                               title_marked=title.new_side if title.changed else None,
                               old_status=old.status if old.status != new.status else None)
        return source, target

    # blocks ------------------------------------------------------------

    def block(self, old, new):
        if isinstance(new, Paragraph):
            d = diff_inlines(old.content, new.content)
            return dataclasses.replace(new, content=d.merged)
        if isinstance(new, ListBlock):
            items, changes = [], []
            for op in align(old.items, new.items, key=lambda i: None, sig=lambda i: 0, words=_words):
                if op.kind == "same":
                    items.append(diff_inlines(op.old, op.new).merged)
                    changes.append(None)
                elif op.kind == "del":
                    items.append(_mark_all(op.old, DELETED))
                    changes.append(DELETED)
                else:
                    items.append(_mark_all(op.new, INSERTED))
                    changes.append(INSERTED)
            return RedlineList(items=tuple(items), ordered=new.ordered, item_changes=tuple(changes))
        if isinstance(new, Table):
            return _table(old, new)
        raise unknown_node("redline", new)


def _compatible(ops: list[Op]) -> list[Op]:
    """Split pairs that cannot be diffed in place (a table whose columns changed, blocks of other types)."""
    out = []
    for op in ops:
        if op.kind == "same" and (type(op.old) is not type(op.new) or (
                isinstance(op.new, Table) and len(op.old.header) != len(op.new.header))):
            out += [Op("del", old=op.old), Op("ins", new=op.new)]
        else:
            out.append(op)
    return out


def _number_change(old: str | None, new: str | None) -> Inlines | None:
    if old == new:
        return None
    return tuple(node for node in (Deleted((Text(old),)) if old else None,
                                   Inserted((Text(new),)) if new else None) if node)


def _table(old: Table, new: Table) -> Block | tuple:
    header = [diff_text(a, b) for a, b in zip(old.header, new.header)]
    caption = diff_text(old.caption or "", new.caption or "")
    rows = []
    for op in align(old.rows, new.rows, key=lambda r: r.id, sig=lambda r: len(r.cells), words=_row_words):
        if op.kind == "same":
            cells = tuple(Cell(diff_inlines(a.content, b.content).merged) for a, b in zip(op.old.cells, op.new.cells))
            rows.append(dataclasses.replace(op.new, cells=cells))
        elif op.kind in ("move_from", "move_to"):
            partner = _partner(op, old.rows, new.rows)
            d = [diff_inlines(a.content, b.content) for a, b in zip(partner[0].cells, partner[1].cells)]
            if op.kind == "move_from":
                rows.append(dataclasses.replace(op.old, cells=tuple(Cell(x.old_side) for x in d), change=MOVED_FROM))
            else:
                rows.append(dataclasses.replace(op.new, cells=tuple(Cell(x.new_side) for x in d), change=MOVED_TO))
        elif op.kind == "del":
            rows.append(_whole_row(op.old, DELETED))
        else:
            rows.append(_whole_row(op.new, INSERTED))
    return RedlineTable(
        **_fields(new, Table) | {"rows": tuple(rows)},
        header_marked=tuple(h.merged for h in header) if any(h.changed for h in header) else None,
        caption_marked=caption.merged if caption.changed else None,
    )


def _partner(op: Op, old_rows, new_rows) -> tuple[Row, Row]:
    if op.kind == "move_from":
        return op.old, next(r for r in new_rows if r.id == op.old.id)
    return next(r for r in old_rows if r.id == op.new.id), op.new


def _split_blocks(old: Sequence, new: Sequence) -> tuple[tuple, tuple]:
    """The blocks of a moved clause, as the ``moved_from`` half and the ``moved_to`` half."""
    old_out, new_out = [], []
    for op in _compatible(align(old, new, _block_key, _block_sig, _block_words)):
        if op.kind == "same":
            a, b = _split_block(op.old, op.new)
            old_out.append(a)
            new_out.append(b)
        elif op.old is not None:
            old_out.append(_whole(op.old, DELETED if op.kind == "del" else MOVED_FROM))
        else:
            new_out.append(_whole(op.new, INSERTED if op.kind == "ins" else MOVED_TO))
    return tuple(old_out), tuple(new_out)


def _split_block(old, new):
    if isinstance(new, Paragraph):
        d = diff_inlines(old.content, new.content)
        return (dataclasses.replace(old, content=d.old_side, change=MOVED_FROM),
                dataclasses.replace(new, content=d.new_side, change=MOVED_TO))
    if isinstance(new, ListBlock):
        ops = align(old.items, new.items, key=lambda i: None, sig=lambda i: 0, words=_words)
        oi, oc, ni, nc = [], [], [], []
        for op in ops:
            if op.kind == "same":
                d = diff_inlines(op.old, op.new)
                oi.append(d.old_side), oc.append(MOVED_FROM), ni.append(d.new_side), nc.append(MOVED_TO)
            elif op.kind == "del":
                oi.append(_mark_all(op.old, DELETED)), oc.append(DELETED)
            else:
                ni.append(_mark_all(op.new, INSERTED)), nc.append(INSERTED)
        return (RedlineList(items=tuple(oi), ordered=old.ordered, item_changes=tuple(oc)),
                RedlineList(items=tuple(ni), ordered=new.ordered, item_changes=tuple(nc)))
    if isinstance(new, Table):
        merged = _table(old, new)
        old_rows = tuple(_row_side(r, "old") for r in merged.rows if r.change not in NEW_ONLY)
        new_rows = tuple(_row_side(r, "new") for r in merged.rows if r.change not in OLD_ONLY)
        header = merged.header_marked
        caption = merged.caption_marked
        return (RedlineTable(**_fields(old, Table) | {"rows": old_rows}, change=MOVED_FROM,
                             header_marked=tuple(_side(h, "old") for h in header) if header else None,
                             caption_marked=_side(caption, "old") if caption else None),
                RedlineTable(**_fields(new, Table) | {"rows": new_rows}, change=MOVED_TO,
                             header_marked=tuple(_side(h, "new") for h in header) if header else None,
                             caption_marked=_side(caption, "new") if caption else None))
    raise unknown_node("redline", new)


def _row_side(row: Row, side: str) -> Row:
    if row.change is not None:
        return row
    cells = tuple(Cell(_side(c.content, side)) for c in row.cells)
    return dataclasses.replace(row, cells=cells, change=MOVED_FROM if side == "old" else MOVED_TO)


def _side(inlines: Inlines, side: str) -> Inlines:
    """One side of merged inline marks: OLD keeps Deleted (drops Inserted), NEW the reverse."""
    drop, keep = (Inserted, Deleted) if side == "old" else (Deleted, Inserted)
    out = []
    for node in inlines:
        if isinstance(node, drop):
            continue
        out.append(node)
    return tuple(out)


# ------------------------------------------------------- accept / reject views

def accept_all(doc: Document) -> Document:
    """The plain Document left when every change of a redline is accepted (NEW)."""
    return _project(doc, keep=INSERTED, drop_changes=OLD_ONLY)


def reject_all(doc: Document) -> Document:
    """The plain Document left when every change of a redline is rejected (OLD)."""
    return _project(doc, keep=DELETED, drop_changes=NEW_ONLY)


def project_inlines(inlines: Inlines, keep: str) -> Inlines:
    """Inline nodes with ``Inserted`` (keep=INSERTED) or ``Deleted`` (keep=DELETED) unwrapped, the other dropped."""
    keep_cls, drop_cls = (Inserted, Deleted) if keep == INSERTED else (Deleted, Inserted)
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, drop_cls):
            continue
        if isinstance(node, keep_cls):
            out.extend(project_inlines(node.children, keep))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(project_inlines(node.children, keep), node.strong))
        else:
            out.append(node)
    return canonical_inlines(out)


def canonical_inlines(inlines) -> Inlines:
    """Inline nodes with adjacent Text nodes joined, adjacent equal Emphasis merged, empty Text dropped."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Emphasis):
            node = Emphasis(canonical_inlines(node.children), node.strong)
            if out and isinstance(out[-1], Emphasis) and out[-1].strong == node.strong:
                node = Emphasis(canonical_inlines(out.pop().children + node.children), node.strong)
        elif isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                node = Text(out.pop().text + node.text)
        out.append(node)
    return tuple(out)


def _string(marked: Inlines | None, plain: str | None, keep: str) -> str | None:
    if marked is None:
        return plain
    text = "".join(n.text for n in project_inlines(marked, keep) if isinstance(n, Text))
    return text if text or plain is not None else None


def _project(doc: Document, keep: str, drop_changes: tuple) -> Document:
    sections = []
    for section in doc.sections:
        if getattr(section, "change", None) in drop_changes:
            continue
        children = tuple(_project_child(c, keep, drop_changes) for c in section.children
                         if _change_of(c) not in drop_changes)
        sections.append(Section(
            id=section.id,
            title=_string(getattr(section, "title_marked", None), section.title, keep),
            children=children,
            number=_string(getattr(section, "number_marked", None), section.number, keep),
        ))
    info = doc.info
    if keep == DELETED and getattr(doc, "old_info", None) is not None:
        info = doc.old_info
    return Document(info=info, sections=tuple(sections))


def _change_of(node) -> str | None:
    changes = getattr(node, "item_changes", None)
    if changes and len(set(changes)) == 1:  # a list wholly inserted, deleted or moved
        return changes[0]
    return getattr(node, "change", None)


def _project_child(node, keep: str, drop: tuple):
    if isinstance(node, Clause):
        status = node.status
        if keep == DELETED and getattr(node, "old_status", None):
            status = node.old_status
        return _base(node, Clause,
                     title=_string(getattr(node, "title_marked", None), node.title, keep),
                     number=_string(getattr(node, "number_marked", None), node.number, keep),
                     blocks=tuple(_project_child(b, keep, drop) for b in node.blocks if _change_of(b) not in drop),
                     status=status, change=None)
    if isinstance(node, Paragraph):
        return dataclasses.replace(node, content=project_inlines(node.content, keep), change=None)
    if isinstance(node, ListBlock):
        changes = getattr(node, "item_changes", ()) or (None,) * len(node.items)
        items = tuple(project_inlines(item, keep) for item, ch in zip(node.items, changes) if ch not in drop)
        return ListBlock(items=items, ordered=node.ordered)
    if isinstance(node, Table):
        header_marked = getattr(node, "header_marked", None)
        header = node.header
        if header_marked is not None:
            header = tuple(_string(h, "", keep) for h in header_marked)
        rows = tuple(dataclasses.replace(
            row, cells=tuple(Cell(project_inlines(c.content, keep)) for c in row.cells), change=None)
            for row in node.rows if row.change not in drop)
        return _base(node, Table, header=header, rows=rows,
                     caption=_string(getattr(node, "caption_marked", None), node.caption, keep))
    raise unknown_node("redline", node)
