"""Diagnostics: what went wrong and where.

A :class:`Diagnostic` names a file, a :class:`Span` (1-based line and column,
end exclusive), the YAML field path and a message for a drafter.  Lint rules
report :class:`Finding` objects (a path into the data instead of a span);
:mod:`termsheet.source.validate` turns them into diagnostics.  How they are
shown is :mod:`termsheet.cli.report`'s concern.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Span:
    """A region of a source file: 1-based lines and columns, end exclusive.

    Columns count Unicode characters (code points), as Python and most
    terminals do.  An empty span (start == end) marks a single position.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        """An empty span at one position (shown as a single caret)."""
        return cls(line, column, line, column)


@dataclass(frozen=True)
class Diagnostic:
    """One problem (or warning) in one file."""

    code: str
    severity: Severity
    message: str
    file: str
    span: Span | None = None
    field: str | None = None
    hint: str | None = None
    omitted: int = 0
    """Non-zero only in the ``… and N more`` diagnostic of :func:`cap_repeats`: N, the
    number of diagnostics of this code not shown."""


@dataclass(frozen=True)
class Finding:
    """A problem reported by a lint rule, located by a path into the YAML data.

    ``loc`` is a path like ``("forces", "deployments", 2, "contributor")``;
    ``key=True`` points at the key itself rather than at its value.
    """

    code: str
    severity: Severity
    message: str
    loc: tuple[str | int, ...]
    hint: str | None = None
    key: bool = False
    within: tuple[int, int] | None = None
    """Character offsets ``(start, end)`` inside the string at ``loc``, if the problem is
    a part of a text."""


# --------------------------------------------------------------------------
# helpers


def make_diagnostic(filename: str, code: str, message: str, span: Span | None = None,
                    hint: str | None = None, severity: Severity = "error",
                    field: str | None = None) -> Diagnostic:
    """A diagnostic for ``filename`` (an error unless ``severity`` says otherwise)."""
    return Diagnostic(code=code, severity=severity, message=message, file=filename,
                      span=span, field=field, hint=hint)


def format_field(loc: Iterable[str | int]) -> str:
    """``("guarantors", 1, "role")`` → ``"guarantors[1].role"``."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            if out:
                out.append(".")
            out.append(str(part))
    return "".join(out)


def sort_key(d: Diagnostic) -> tuple:
    """Order: file, then position (file-level diagnostics first), then code."""
    if d.span is None:
        return (d.file, 0, 0, d.code, d.message)
    return (d.file, d.span.line, d.span.column, d.code, d.message)


def position(d: Diagnostic) -> tuple[int, int, int, int]:
    """Line/column/end for output formats that always need them."""
    if d.span is None:
        return (1, 1, 1, 1)
    s = d.span
    return (s.line, s.column, s.end_line, s.end_column)


# --------------------------------------------------------------------------
# bounded output: however long a line or a value, a report stays small

#: Characters of a source line shown around a column, and of a value quoted in a message.
WINDOW = 80
#: Diagnostics of one code shown per file; the rest are counted in one more diagnostic.
MAX_SHOWN_PER_CODE = 20
#: The longest message or hint shown whole (a safety net behind :func:`shorten`).
MAX_MESSAGE = 1000
#: The longest field path shown whole.
MAX_FIELD = 2 * WINDOW


def shorten(text: str, limit: int = WINDOW) -> str:
    """``text``, or its first ``limit - 1`` characters and ``…`` when it is longer."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def window(line: str, start: int, end: int, width: int = WINDOW) -> tuple[str, int, int]:
    """About ``width`` characters of ``line`` around ``start`` (0-based, ``end`` exclusive).

    Returns the text, marked with ``…`` where it is cut, and ``start``/``end`` moved into
    it (``end`` stops at the cut).  A line of at most ``width`` characters is returned whole.
    """
    if len(line) <= width:
        return line, start, end
    left = max(0, min(start - width // 4, len(line) - width))
    right = min(len(line), left + width)
    head = "…" if left > 0 else ""
    tail = "…" if right < len(line) else ""
    shift = len(head) - left
    return head + line[left:right] + tail, start + shift, min(end, right) + shift


def _bounded(d: Diagnostic) -> Diagnostic:
    """``d`` with a message, hint and field of bounded length (cut in the middle)."""
    message = _cut_middle(d.message, MAX_MESSAGE)
    hint = d.hint and _cut_middle(d.hint, MAX_MESSAGE)
    field = d.field and _cut_middle(d.field, MAX_FIELD)
    if (message, hint, field) == (d.message, d.hint, d.field):
        return d
    return replace(d, message=message, hint=hint, field=field)


def _cut_middle(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[len(text) - half:]


def cap_repeats(diagnostics: Sequence[Diagnostic],
                limit: int = MAX_SHOWN_PER_CODE) -> list[Diagnostic]:
    """The first ``limit`` diagnostics of each code in each file, in their order, each of
    bounded length; the others of a code become one ``… and N more CODE`` diagnostic
    (``omitted`` = N) after them all."""
    shown: list[Diagnostic] = []
    hidden: dict[tuple[str, str], list[Diagnostic]] = {}
    seen: dict[tuple[str, str], int] = {}
    for d in diagnostics:
        key = (d.file, d.code)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= limit or d.omitted:
            shown.append(_bounded(d))
        else:
            hidden.setdefault(key, []).append(d)
    return shown + [_more(group, limit) for group in hidden.values()]


def problem_count(d: Diagnostic) -> int:
    """How many problems ``d`` stands for: itself, or the ``omitted`` ones it counts."""
    return d.omitted or 1


def _more(group: list[Diagnostic], limit: int) -> Diagnostic:
    """One diagnostic standing for ``group`` (diagnostics of one code in one file)."""
    first = group[0]
    count = sum(problem_count(d) for d in group)
    span = first.span
    where = f" (the next at line {span.line}, column {span.column})" if span else ""
    return Diagnostic(code=first.code, severity=first.severity, file=first.file, omitted=count,
                      message=f"… and {count} more {first.code}{where}",
                      hint=f"only the first {limit} of each code are shown per file;"
                           " fix those and run again")
