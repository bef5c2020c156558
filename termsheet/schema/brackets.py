"""Negotiation brackets inside a text field: the inline syntax, parsed once.

A drafter marks disputed words in any text field:

- ``[[disputed words]]`` — a plain bracket, printed ``[disputed words]``;
- ``[[us: 15 years]]`` — words proposed by the party ``us``, printed ``[US: 15 years]``;
- ``[[us: 15 years | ua: 30 years]]`` — alternatives, each in its own bracket:
  ``[US: 15 years] [UA: 30 years]``.

A party is named by its id (the ``parties`` list) followed by a colon at the start
of an alternative. Square brackets in print are kept for unagreed text only.

:func:`parse` splits a string into plain text and `Bracket` parts and lists what is
wrong with the syntax, each problem with its character offsets in the string
(validation turns them into line:column positions in the file). Whether a party id
exists is for validation, which knows the parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "[["
CLOSE = "]]"
SEPARATOR = "|"
_PARTY = re.compile(r"[ \t]*([a-z][a-z0-9-]*)[ \t]*:(?![/\d])")
"""``us:`` at the start of an alternative (not ``http://`` and not a time like ``10:30``)."""
_MARK = re.compile(r"\[\[|\]\]")


@dataclass(frozen=True)
class Alternative:
    """One bracketed text, with the party that proposes it (its id) if one is named."""

    party: str | None
    text: str
    start: int
    """Offset of the alternative (its party id, or its text) in the whole string."""
    end: int
    party_end: int | None = None
    """Offset just after the party id (``None`` when no party is named)."""


@dataclass(frozen=True)
class Bracket:
    """A ``[[…]]`` segment: one or more alternatives."""

    alternatives: tuple[Alternative, ...]
    start: int
    """Offset of ``[[``."""
    end: int
    """Offset just after ``]]``."""


@dataclass(frozen=True)
class BracketProblem:
    """What is wrong with the bracket syntax, at offsets ``start``–``end`` of the string."""

    message: str
    start: int
    end: int
    hint: str | None = None


Part = str | Bracket


def has_brackets(text: str) -> bool:
    """True if ``text`` holds a bracket mark (so needs parsing at all)."""
    return OPEN in text or CLOSE in text


def parse(text: str) -> tuple[tuple[Part, ...], tuple[BracketProblem, ...]]:
    """``text`` as plain strings and brackets, and the syntax problems found.

    With problems, the parts are still usable: an unmatched mark stays plain text.
    """
    if not has_brackets(text):
        return ((text,) if text else ()), ()
    parts: list[Part] = []
    problems: list[BracketProblem] = []
    opened: int | None = None
    last = 0  # end of the text already placed in parts
    for match in _MARK.finditer(text):
        position = match.start()
        if match.group() == OPEN:
            if opened is not None:
                problems.append(BracketProblem(
                    "a bracket opens inside another one (brackets do not nest)",
                    position, position + 2,
                    "close the first bracket with ]] before opening another"))
                continue
            opened = position
            continue
        if opened is None:
            problems.append(BracketProblem(
                "']]' closes a bracket that was never opened", position, position + 2,
                "open the disputed words with [[ or remove the ]]"))
            continue
        if opened > last:
            parts.append(text[last:opened])
        bracket, found = _bracket(text, opened, position + 2)
        parts.append(bracket)
        problems.extend(found)
        last = position + 2
        opened = None
    if opened is not None:
        problems.append(BracketProblem(
            "'[[' opens a bracket that is never closed", opened, opened + 2,
            "close the disputed words with ]]"))
    if last < len(text):
        parts.append(text[last:])
    return tuple(parts), tuple(problems)


def _bracket(text: str, start: int, end: int) -> tuple[Bracket, list[BracketProblem]]:
    """The bracket ``text[start:end]`` (``[[…]]``) and the problems of its alternatives."""
    alternatives: list[Alternative] = []
    problems: list[BracketProblem] = []
    offset = start + 2
    pieces = text[start + 2:end - 2].split(SEPARATOR)
    for index, piece in enumerate(pieces):
        alternative = _alternative(piece, offset)
        if not alternative.text:
            problems.append(BracketProblem(
                "an alternative in this bracket is empty",
                *_empty_span(alternative, offset, len(piece), index, (start, end), len(pieces)),
                "write the disputed words, or remove the empty alternative and its '|'"))
        alternatives.append(alternative)
        offset += len(piece) + 1
    seen: dict[str, Alternative] = {}
    for alternative in alternatives:
        if alternative.party is None:
            continue
        if alternative.party in seen:
            problems.append(BracketProblem(
                f"the party '{alternative.party}' proposes two alternatives in one bracket",
                alternative.start, alternative.party_end or alternative.end,
                "give each party one alternative; merge the two or attribute one to another party"))
        seen[alternative.party] = alternative
    return Bracket(tuple(alternatives), start, end), problems


def _empty_span(alternative: Alternative, offset: int, length: int, index: int,
                bracket: tuple[int, int], count: int) -> tuple[int, int]:
    """Where to point at an empty alternative: its party id, the '|' next to it, or the
    whole bracket when it is the only one."""
    if alternative.party is not None:
        return alternative.start, alternative.party_end or alternative.end
    if count == 1:
        return bracket
    if index:  # the '|' before it
        return offset - 1, offset + length
    return offset, offset + length + 1  # up to and including the '|' after it


def _alternative(piece: str, offset: int) -> Alternative:
    """One ``party: text`` (or plain ``text``) written at ``offset``."""
    match = _PARTY.match(piece)
    if match is None:
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        return Alternative(None, stripped, offset + lead, offset + lead + len(stripped))
    body = piece[match.end():]
    return Alternative(match.group(1), body.strip(), offset + match.start(1),
                       offset + len(piece.rstrip()), offset + match.end(1))


def party_code(party: str) -> str:
    """How a party id is printed inside a bracket: ``us`` → ``US``."""
    return party.upper()


def printed(text: str | None) -> str | None:
    """``text`` as every format prints it: ``[[us: 15 years | ua: 30 years]]`` →
    ``[US: 15 years] [UA: 30 years]`` (what a comparison reads); None stays None."""
    if text is None or not has_brackets(text):
        return text
    parts, _problems = parse(text)
    return "".join(part if isinstance(part, str) else _printed(part) for part in parts)


def _printed(bracket: Bracket) -> str:
    return " ".join(f"[{party_code(alternative.party)}: {alternative.text}]" if alternative.party
                    else f"[{alternative.text}]" for alternative in bracket.alternatives)
