"""Word-level diff of inline nodes (a paragraph, a cell, a title), for the redline.

Text is split by the one tokenizer (:func:`termsheet.compare.tokens.tokenize`:
a number with its unit or a name is one token, punctuation is a token of its
own) and the tokens are matched on :func:`~termsheet.compare.tokens.token_key`
with the opcodes of the JSON change list's word diff
(:func:`termsheet.compare.text.word_opcodes`), so both mark the same words. A
defined term, a cross-reference and a line break are one token each; emphasis
is part of a token's key, so a word that became italic is a change.

A token keeps its trailing whitespace; where two matched tokens differ only in
that whitespace (a space that became a line break or a no-break space) the
whitespace itself is marked, so that accepting and rejecting the marks give
each side's text exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable

from termsheet.compare.text import word_opcodes
from termsheet.compare.tokens import token_key, tokenize
from termsheet.document.nodes import (
    DELETED, INSERTED, Deleted, Emphasis, Inline, Inserted, LineBreak, Reference, Term, Text,
    unknown_node,
)

Inlines = tuple[Inline, ...]


@dataclass(frozen=True)
class InlineDiff:
    """A word diff in three views: merged, OLD side (kept + Deleted), NEW side (kept + Inserted)."""

    merged: Inlines
    old_side: Inlines
    new_side: Inlines
    changed: bool


@dataclass(frozen=True)
class _Token:
    key: Hashable
    leaf: Inline
    ctx: tuple
    """The Emphasis nesting around the leaf, outermost first: ``(("em", strong), …)``."""

    @property
    def text(self) -> str:
        """The token as a reader sees it."""
        return "\n" if isinstance(self.leaf, LineBreak) else _leaf_text(self.leaf)


def diff_inlines(old: Inlines, new: Inlines) -> InlineDiff:
    """Word-level diff of two inline sequences (deleted words before inserted ones)."""
    if old == new:
        return InlineDiff(tuple(new), tuple(old), tuple(new), False)
    a, b = inline_tokens(old), inline_tokens(new)
    views = _Views()
    opcodes = _line_opcodes(a, b)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            for old_token, new_token in zip(a[i1:i2], b[j1:j2]):
                views.equal(old_token, new_token)
        else:
            views.change(a[i1:i2], b[j1:j2])
    return views.result()


def _line_opcodes(a: list[_Token], b: list[_Token]) -> list[tuple]:
    """The word opcodes of two token lists; when both have as many line breaks, line by line
    (a cell or paragraph whose lines hold separate fields: each field's diff as the change list's)."""
    breaks_a = [i for i, t in enumerate(a) if isinstance(t.leaf, LineBreak)]
    breaks_b = [j for j, t in enumerate(b) if isinstance(t.leaf, LineBreak)]
    if not breaks_a or len(breaks_a) != len(breaks_b):
        return _opcodes(a, b, 0, 0)
    ops: list[tuple] = []
    start_a = start_b = 0
    for end_a, end_b in zip(breaks_a + [len(a)], breaks_b + [len(b)]):
        ops += _opcodes(a[start_a:end_a], b[start_b:end_b], start_a, start_b)
        if end_a < len(a):  # a break whose emphasis changed is a change, not kept text
            tag = "equal" if a[end_a].key == b[end_b].key else "replace"
            ops.append((tag, end_a, end_a + 1, end_b, end_b + 1))
        start_a, start_b = end_a + 1, end_b + 1
    return ops


def _opcodes(a: list[_Token], b: list[_Token], at_a: int, at_b: int) -> list[tuple]:
    """`word_opcodes` of two token lists, with positions shifted by ``at_a``/``at_b``."""
    if not a and not b:
        return []
    if not a or not b:
        return [("insert" if b else "delete", at_a, at_a + len(a), at_b, at_b + len(b))]
    opcodes = word_opcodes([t.key for t in a], [t.key for t in b], [t.text for t in a], [t.text for t in b])
    return [(tag, i1 + at_a, i2 + at_a, j1 + at_b, j2 + at_b) for tag, i1, i2, j1, j2 in opcodes]


def diff_text(old: str, new: str) -> InlineDiff:
    """Word-level diff of two plain strings (titles, headers, captions)."""
    return diff_inlines((Text(old),) if old else (), (Text(new),) if new else ())


def inline_words(inlines: Inlines) -> tuple[str, ...]:
    """The words of inline nodes, emphasis aside (for similarity: which paragraphs are alike)."""
    words = (token_key(_leaf_text(t.leaf)) if not isinstance(t.leaf, LineBreak) else "\n"
             for t in inline_tokens(inlines))
    return tuple(word for word in words if word)


def inline_tokens(inlines: Inlines, ctx: tuple = ()) -> list[_Token]:
    """The tokens of inline nodes, in order."""
    out: list[_Token] = []
    for node in inlines:
        if isinstance(node, Text):
            out.extend(_Token((ctx, token_key(t)), Text(t), ctx) for t in tokenize(node.text))
        elif isinstance(node, Term):
            out.append(_Token((ctx, "term", node.text), node, ctx))
        elif isinstance(node, Reference):
            out.append(_Token((ctx, "ref", node.target, node.number), node, ctx))
        elif isinstance(node, LineBreak):
            out.append(_Token((ctx, "br"), node, ctx))
        elif isinstance(node, Emphasis):
            out.extend(inline_tokens(node.children, ctx + (("em", node.strong),)))
        elif isinstance(node, (Inserted, Deleted)):
            raise ValueError("redline() compares plain term sheets, not redlines")
        else:
            raise unknown_node("redline", node)
    return out


def _leaf_text(leaf: Inline) -> str:
    if isinstance(leaf, (Text, Term)):
        return leaf.text
    if isinstance(leaf, Reference):
        return leaf.number or leaf.target
    return ""


class _Views:
    """Collects (mark, context, leaf) triples for the merged view and each side."""

    def __init__(self):
        self.merged: list[tuple] = []
        self.old_side: list[tuple] = []
        self.new_side: list[tuple] = []
        self.changed = False

    def equal(self, old: _Token, new: _Token) -> None:
        if old.leaf == new.leaf:
            self.merged.append((None, new.ctx, new.leaf))
            self.old_side.append((None, old.ctx, old.leaf))
            self.new_side.append((None, new.ctx, new.leaf))
            return
        core = old.leaf.text.rstrip()  # the same token with other whitespace after it
        old_space, new_space = old.leaf.text[len(core):], new.leaf.text[len(core):]
        if core:
            for view in (self.merged, self.old_side, self.new_side):
                view.append((None, new.ctx, Text(core)))
        self.change([_Token(None, Text(old_space), old.ctx)] if old_space else [],
                    [_Token(None, Text(new_space), new.ctx)] if new_space else [])

    def change(self, old: list[_Token], new: list[_Token]) -> None:
        self.changed = True
        old, new, space = _shared_trailing_space(old, new)
        deleted = [(DELETED, t.ctx, t.leaf) for t in old]
        inserted = [(INSERTED, t.ctx, t.leaf) for t in new]
        self.merged += deleted + inserted
        self.old_side += deleted
        self.new_side += inserted
        if space:
            for view in (self.merged, self.old_side, self.new_side):
                view.append((None, new[-1].ctx, Text(space)))

    def result(self) -> InlineDiff:
        return InlineDiff(_assemble(self.merged), _assemble(self.old_side), _assemble(self.new_side),
                          self.changed)


def _shared_trailing_space(old: list[_Token], new: list[_Token]) -> tuple[list, list, str]:
    """A replacement whose two sides end with the same whitespace, with that whitespace taken out
    (it is kept text: "[Territorial] [Geographic] scope", not "[Territorial ][Geographic ]scope").

    Only when both sides' last tokens have the same emphasis: the kept space takes one context, and
    a bold space in OLD and a plain one in NEW are not the same text.
    """
    if not old or not new or not isinstance(old[-1].leaf, Text) or not isinstance(new[-1].leaf, Text):
        return old, new, ""
    if old[-1].ctx != new[-1].ctx:
        return old, new, ""
    old_text, new_text = old[-1].leaf.text, new[-1].leaf.text
    space = old_text[len(old_text.rstrip()):]
    if not space or not new_text.endswith(space) or not old_text.strip() or not new_text.strip():
        return old, new, ""
    return (old[:-1] + [_Token(None, Text(old_text[:-len(space)]), old[-1].ctx)],
            new[:-1] + [_Token(None, Text(new_text[:-len(space)]), new[-1].ctx)], space)


def _assemble(items: list[tuple]) -> Inlines:
    """Inline nodes from (mark, context, leaf) triples: marked runs wrapped, emphasis nested."""
    out: list[Inline] = []
    i = 0
    while i < len(items):
        mark = items[i][0]
        group = []
        while i < len(items) and items[i][0] == mark:
            group.append(items[i][1:])
            i += 1
        nested = tuple(_nest(group))
        if mark == INSERTED:
            out.append(Inserted(nested))
        elif mark == DELETED:
            out.append(Deleted(nested))
        else:
            out.extend(nested)
    return tuple(out)


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
