"""A user's text with negotiation brackets (`termsheet.schema.brackets`) as inline nodes:
each alternative a `Bracket` attributed to its party, alternatives one space apart."""

from __future__ import annotations

import re

from termsheet.document.nodes import Bracket, Inline, LineBreak, Text
from termsheet.schema import brackets

_NEWLINE = re.compile(r"\r\n|\r|\n")


def negotiated(value: str) -> tuple[Inline, ...]:
    """``value`` as nodes: plain text (line breaks as `LineBreak`) and `Bracket` nodes.

    Validation has refused malformed brackets, so every mark here is matched; an
    unmatched one would print as written.
    """
    parts, _problems = brackets.parse(value)
    nodes: list[Inline] = []
    for part in parts:
        if isinstance(part, str):
            nodes.extend(_lines(part))
        else:
            nodes.extend(_alternatives(part))
    return tuple(nodes)


def _alternatives(bracket: brackets.Bracket) -> list[Inline]:
    """``[US: 15 years] [UA: 30 years]``: one `Bracket` per alternative."""
    nodes: list[Inline] = []
    for index, alternative in enumerate(bracket.alternatives):
        if index:
            nodes.append(Text(" "))
        party = brackets.party_code(alternative.party) if alternative.party else None
        nodes.append(Bracket(_lines(alternative.text), party))
    return nodes


def _lines(text: str) -> tuple[Inline, ...]:
    """Text with a `LineBreak` for each line break."""
    nodes: list[Inline] = []
    for number, line in enumerate(_NEWLINE.split(text)):
        if number:
            nodes.append(LineBreak())
        if line:
            nodes.append(Text(line))
    return tuple(nodes)
