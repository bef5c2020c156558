"""The document model as the plain data the Typst templates read.

Inline nodes become small tagged records, ``{"k": kind, …}``, which
``templates/typst/lib.typ`` (``inlines``) prints; every string in them is
printed as text, never read as markup:

- ``t`` text (``s``); a defined term prints as plain text too;
- ``long`` a word of at least :data:`~termsheet.writers.html.LONG_TOKEN_CHARS`
  characters without a space (a URL, a code) inside a text (``s``), which may break
  between any two characters, so that it never runs out of a narrow column;
- ``em`` / ``strong`` emphasis (``c``: the children);
- ``bracket`` negotiation brackets, their opening and closing text included
  (``c``), as every writer prints them (:func:`termsheet.document.nodes.bracket_text`);
- ``ref`` a cross-reference: its number (``s``) and, when the target is printed
  in the same PDF, ``target`` (a link to the label of that id);
- ``br`` a line break; ``fn`` a footnote (``c``: its text);
- ``ins`` / ``del`` the marks of a comparison (``c``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from termsheet.document.nodes import (
    Bracket, Deleted, Emphasis, Footnote, Inserted, LineBreak, Reference, Term, Text,
    bracket_text, unknown_node,
)
from termsheet.writers.html import LONG_TOKEN_CHARS

_LONG_TOKEN = re.compile(r"\S{%d,}" % LONG_TOKEN_CHARS)


def inline_data(nodes: Iterable, anchors: Collection[str] = ()) -> list[dict]:
    """Inline nodes as tagged records; references to an id in ``anchors`` become links."""
    records: list[dict] = []
    for node in nodes:
        if isinstance(node, (Text, Term)):
            records += _text_records(node.text)
        else:
            records.append(_inline(node, anchors))
    return records


def _text_records(text: str) -> list[dict]:
    """A text as ``t`` records, each long word in a ``long`` record of its own."""
    records, last = [], 0
    for match in _LONG_TOKEN.finditer(text):
        if match.start() > last:
            records.append({"k": "t", "s": text[last:match.start()]})
        records.append({"k": "long", "s": match.group(0)})
        last = match.end()
    if last < len(text) or not records:
        records.append({"k": "t", "s": text[last:]})
    return records


def _inline(node, anchors: Collection[str]) -> dict:
    if isinstance(node, Emphasis):
        return {"k": "strong" if node.strong else "em", "c": inline_data(node.children, anchors)}
    if isinstance(node, Bracket):
        return {"k": "bracket", "c": inline_data(bracket_text(node), anchors)}
    if isinstance(node, Reference):
        record = {"k": "ref", "s": node.number or node.target}
        if node.target in anchors:
            record["target"] = node.target
        return record
    if isinstance(node, LineBreak):
        return {"k": "br"}
    if isinstance(node, Footnote):
        return {"k": "fn", "c": inline_data(node.children, anchors)}
    if isinstance(node, Inserted):
        return {"k": "ins", "c": inline_data(node.children, anchors)}
    if isinstance(node, Deleted):
        return {"k": "del", "c": inline_data(node.children, anchors)}
    raise unknown_node("Typst", node)
