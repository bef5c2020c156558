"""Positions inside a string value: a character offset in the loaded string → line:column
in the file, for plain, single-quoted, double-quoted, literal (``|``) and folded (``>``)
scalars.

YAML changes a string between the file and the value: quotes go, escapes are decoded
(``\\"``, ``''``), line breaks fold into spaces and indentation goes. The mapper walks
the source of the scalar and the value side by side and pairs each character of the
value with the character of the source it came from; characters of the source that
have no counterpart (quotes, indentation, escape backslashes) are stepped over.
"""

from __future__ import annotations

from termsheet.source.diagnostics import Span


def _index(text: str, line: int, column: int) -> int:
    """The offset in ``text`` of a 1-based ``line`` and ``column``."""
    offset = 0
    for _ in range(line - 1):
        newline = text.find("\n", offset)
        if newline < 0:
            return len(text)
        offset = newline + 1
    return offset + column - 1


def _body_start(raw: str) -> int:
    """Where the characters of the value begin in the source ``raw`` of a scalar."""
    if raw[:1] in "|>":  # block scalar: its content starts on the next line
        newline = raw.find("\n")
        return len(raw) if newline < 0 else newline + 1
    if raw[:1] in "'\"":
        return 1
    return 0


_ESCAPE_LENGTHS = {"x": 4, "u": 6, "U": 10}
_SKIPPED = " \t\r\n'\""
"""Source characters that may have no counterpart in the value: indentation, folded
line breaks, quotes."""


def _pair(raw: str, value: str, limit: int) -> list[int] | None:
    """For each character of ``value`` up to ``limit``, its offset in ``raw``; ``None``
    when the two do not line up."""
    double_quoted = raw[:1] == '"'
    where: list[int] = []
    position = _body_start(raw)
    for char in value[:limit + 1]:
        while position < len(raw):
            found = raw[position]
            if double_quoted and found == "\\":
                if raw[position + 1:position + 2] in ("\n", "\r"):  # an escaped line break
                    position += 2
                    continue
                where.append(position)
                position += _ESCAPE_LENGTHS.get(raw[position + 1:position + 2], 2)
                break
            if found == char or (char.isspace() and found.isspace()):
                where.append(position)
                position += 1
                break
            if found not in _SKIPPED:
                return None
            position += 1
        else:
            return None
    return where


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def span_in_string(text: str, scalar: Span, value: str, start: int, end: int) -> Span | None:
    """The span in the file ``text`` of ``value[start:end]``, where ``value`` is the string
    written at ``scalar``; ``None`` if it cannot be paired up (then point at the scalar)."""
    first = _index(text, scalar.line, scalar.column)
    last = _index(text, scalar.end_line, scalar.end_column)
    raw = text[first:last]
    where = _pair(raw, value, max(end - 1, start))
    if where is None or len(where) <= max(end - 1, start):
        return None
    begin = first + where[start]
    finish = first + where[end - 1] + 1 if end > start else begin
    line, column = _line_column(text, begin)
    end_line, end_column = _line_column(text, finish)
    return Span(line, column, end_line, end_column)
