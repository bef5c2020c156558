"""Inline content of the side-by-side: the word diff of two texts, and what a reader cannot see.

Each aligned pair of texts gets the redline's word-level diff: OLD's text with the
dropped words as ``Deleted``, NEW's with the added words as ``Inserted``.
Cross-references are compared by target, so a reference that only got a new
number is not a change (each side prints its own number).  Inside a change,
characters a reader cannot see (a no-break space, a soft hyphen, a combining
accent of a decomposed letter, a changed space) become :class:`Invisible` nodes,
which writers print visibly (``⟨NBSP⟩``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator

from termsheet.compare.redline import diff_inlines, diff_text
from termsheet.document.nodes import Deleted, Emphasis, Inserted, Reference, Term, Text

Inlines = tuple

INVISIBLE_NAMES = {
    " ": "space", "\n": "line break", "\t": "tab", "\r": "carriage return",
    "\u00a0": "NBSP", "\u202f": "NNBSP", "\u2007": "FIGSP", "\u2009": "THINSP",
    "\u200a": "HAIRSP", "\u2002": "ENSP", "\u2003": "EMSP", "\u3000": "IDSP", "\u00ad": "SHY",
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\ufeff": "BOM",
}
"""Short names of invisible characters for the ``⟨NBSP⟩`` markers (others: ``⟨U+XXXX⟩``)."""


@dataclass(frozen=True)
class Invisible:
    """An inline node: a character a reader cannot see, printed as a visible marker."""

    char: str

    @property
    def label(self) -> str:
        """``NBSP``, ``SHY``, ``U+0301``…"""
        return INVISIBLE_NAMES.get(self.char) or f"U+{ord(self.char):04X}"

    @property
    def marker(self) -> str:
        """What the page prints: ``⟨NBSP⟩``."""
        return f"\u27e8{self.label}\u27e9"

    @property
    def description(self) -> str:
        """``U+00A0 NO-BREAK SPACE`` (for a tooltip or a note)."""
        name = unicodedata.name(self.char, "")
        return f"U+{ord(self.char):04X}" + (f" {name}" if name else "")


def has_change_marks(inlines) -> bool:
    """Whether inline content holds an ``Inserted`` or ``Deleted`` mark."""
    for node in inlines:
        if isinstance(node, (Inserted, Deleted)):
            return True
        if isinstance(node, Emphasis) and has_change_marks(node.children):
            return True
    return False


def printed_text(inlines) -> str:
    """Every character an inline sequence prints (markers included)."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Term)):
            out.append(node.text)
        elif isinstance(node, Reference):
            out.append(node.number or node.target)
        elif isinstance(node, Invisible):
            out.append(node.marker)
        elif isinstance(node, (Emphasis, Inserted, Deleted)):
            out.append(printed_text(node.children))
    return "".join(out)


def _strip_numbers(inlines) -> tuple[Inlines, list[str | None]]:
    """References without their numbers (compared by target), and the numbers in order."""
    numbers: list[str | None] = []

    def walk(nodes):
        out = []
        for node in nodes:
            if isinstance(node, Reference):
                numbers.append(node.number)
                out.append(Reference(node.target))
            elif isinstance(node, Emphasis):
                out.append(Emphasis(walk(node.children), node.strong))
            else:
                out.append(node)
        return tuple(out)

    return walk(inlines), numbers


def _restore_numbers(inlines, numbers: Iterator) -> Inlines:
    out = []
    for node in inlines:
        if isinstance(node, Reference):
            out.append(Reference(node.target, next(numbers, None)))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_restore_numbers(node.children, numbers), node.strong))
        elif isinstance(node, Inserted):
            out.append(Inserted(_restore_numbers(node.children, numbers)))
        elif isinstance(node, Deleted):
            out.append(Deleted(_restore_numbers(node.children, numbers)))
        else:
            out.append(node)
    return tuple(out)


def _is_invisible(char: str, decomposed: bool) -> bool:
    category = unicodedata.category(char)
    if char == "\u00ad" or category in ("Cf", "Cc", "Zl", "Zp") and char not in "\n\t":
        return True
    if category == "Zs" and char != " ":
        return True
    return decomposed and category in ("Mn", "Me")


def show_invisible(inlines, whole: bool = False) -> Inlines:
    """Inside ``Inserted``/``Deleted`` (or everywhere, with ``whole``), characters a reader cannot
    see become :class:`Invisible` nodes; a change of whitespace only shows every character."""
    out = []
    for node in inlines:
        if isinstance(node, (Inserted, Deleted)):
            space_only = printed_text(node.children).isspace()
            children = _visible_text(node.children, all_space=space_only)
            out.append(type(node)(children))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(show_invisible(node.children, whole), node.strong))
        elif whole and isinstance(node, Text):
            out.extend(_split_invisible(node.text, all_space=False))
        else:
            out.append(node)
    return tuple(out)


def _visible_text(nodes, all_space: bool) -> Inlines:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.extend(_split_invisible(node.text, all_space))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_visible_text(node.children, all_space), node.strong))
        else:
            out.append(node)
    return tuple(out)


def _split_invisible(text: str, all_space: bool) -> list:
    decomposed = not unicodedata.is_normalized("NFC", text)
    out: list = []
    run = []
    for char in text:
        if (all_space and char.isspace()) or _is_invisible(char, decomposed):
            if run:
                out.append(Text("".join(run)))
                run = []
            out.append(Invisible(char))
            if char.isspace():
                run.append(" " if char != "\n" else "")  # keep the line breakable after a marker
        else:
            run.append(char)
    if run and "".join(run):
        out.append(Text("".join(run)))
    return out


def pair_inlines(old: Inlines, new: Inlines) -> tuple[Inlines, Inlines]:
    """OLD's and NEW's inline content with the word diff marked (Deleted in OLD, Inserted in NEW)."""
    old_plain, old_numbers = _strip_numbers(old)
    new_plain, new_numbers = _strip_numbers(new)
    diff = diff_inlines(old_plain, new_plain)
    if not diff.changed:
        return old, new
    old_side = _restore_numbers(diff.old_side, iter(old_numbers))
    new_side = _restore_numbers(diff.new_side, iter(new_numbers))
    return show_invisible(old_side), show_invisible(new_side)


def one_sided(content: Inlines, side: str) -> Inlines:
    """Content present on one side only: wholly Deleted (OLD) or Inserted (NEW)."""
    if not content:
        return content
    return show_invisible(((Deleted if side == "old" else Inserted)(tuple(content)),))


def text_inlines(value: str | None) -> Inlines:
    """A plain string as inline content (none for an empty one)."""
    return (Text(value),) if value else ()


def pair_strings(old: str | None, new: str | None) -> tuple[Inlines, Inlines]:
    """Two plain strings with the word diff marked, as :func:`pair_inlines` does."""
    if (old or "") == (new or ""):
        return text_inlines(old), text_inlines(new)
    diff = diff_text(old or "", new or "")
    return show_invisible(diff.old_side), show_invisible(diff.new_side)


def clip_words(text: str, count: int = 10) -> str:
    """The first ``count`` words of ``text``, with ``…`` when there are more."""
    parts = text.split()
    return " ".join(parts[:count]) + (" \u2026" if len(parts) > count else "")
