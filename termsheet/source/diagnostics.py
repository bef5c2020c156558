"""Diagnostics: what went wrong and where.

A :class:`Diagnostic` names a file, a :class:`Span` (1-based line and column,
end exclusive), the YAML field path and a message for a drafter.  Lint rules
report :class:`Finding` objects (a path into the data instead of a span);
:mod:`termsheet.source.validate` turns them into diagnostics.  How they are
shown is :mod:`termsheet.cli.report`'s concern.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
