"""Where a character of a loaded term file is: the field that holds it and its own
line and column, for problems found after validation (a character no font can draw)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from termsheet.schema.walk import Loc
from termsheet.source.diagnostics import Span, format_field
from termsheet.source.load import LoadedDocument

_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")


def locate_character(document: LoadedDocument, char: str) -> tuple[str, Span] | None:
    """The field of the first value (in file order) that holds ``char``, and the span of
    ``char`` where it is written: raw, or as an escape (``\\U0001F600``) in quotes.
    The value's own span when neither is found; None when no value holds it."""
    if document.data is None or document.text is None:
        return None
    for path, value in _strings(document.data, ()):
        if char in value:
            span = document.positions.value_span(path)
            if span is not None:
                return format_field(path), _char_span(document.text, span, char)
    return None


def _strings(data: Any, path: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


def _char_span(text: str, value: Span, char: str) -> Span:
    """The span of ``char`` inside the value written at ``value``."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:value.line - 1]) + value.column - 1
    end = sum(len(line) for line in lines[:value.end_line - 1]) + value.end_column - 1
    raw = text[start:end]
    offset, length = raw.find(char), 1
    if offset < 0:
        offset, length = _escape_of(raw, char)
    if offset < 0:
        return value
    before = raw[:offset]
    line = value.line + before.count("\n")
    column = (value.column + offset) if "\n" not in before else offset - before.rfind("\n")
    return Span(line, column, line, column + length)


def _escape_of(raw: str, char: str) -> tuple[int, int]:
    """Offset and length of the first escape in ``raw`` that writes ``char``; (-1, 0) if none."""
    for match in _ESCAPE.finditer(raw):
        digits = next(group for group in match.groups() if group)
        if int(digits, 16) == ord(char):
            return match.start(), len(match.group())
    return -1, 0
