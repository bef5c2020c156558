"""YAML syntax errors as diagnostics: where the parser stopped, in words, with a likely fix."""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

from termsheet.source.diagnostics import Diagnostic, Span, make_diagnostic, shorten


def syntax_problem(exc: MarkedYAMLError, text: str, filename: str) -> Diagnostic:
    """The ``yaml-syntax`` error for a parser exception, located, with a hint when one helps."""
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "end of stream" in problem and exc.context_mark is not None and "quoted" in (exc.context or ""):
        # Point at the opening quote, not past the end of the file.
        ctx = exc.context_mark
        return make_diagnostic(filename, "yaml-syntax", "YAML syntax error: this quoted text is never closed",
                               Span(ctx.line + 1, ctx.column + 1, ctx.line + 1, ctx.column + 2),
                               "add the closing quote")
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    else:
        line, col = 1, 1
    lines = text.splitlines()
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    message = f"YAML syntax error: {problem}"
    code = "yaml-syntax"
    if "invalid Unicode character escape" in problem:
        code = "invalid-character"
        message = "an escape in this quoted text is not a valid character (e.g. a lone surrogate)"
    ctx = exc.context_mark
    if exc.context and ctx is not None and (ctx.line, ctx.column) != (line - 1, col - 1):
        message += f" ({exc.context} that starts at line {ctx.line + 1}, column {ctx.column + 1})"
    hint = _syntax_hint(problem, exc.context or "", src, col, lines, line)
    end = col + 1 if col <= len(src) else col
    return make_diagnostic(filename, code, message, Span(line, col, line, end), hint)


def _syntax_hint(problem: str, context: str, src: str, col: int, lines: list[str], line: int) -> str | None:
    leading = src[: len(src) - len(src.lstrip(" \t"))]
    prev = lines[line - 2] if line >= 2 else ""
    if "\t" in leading or "'\\t'" in problem or ("\t" in src[col - 1: col] and "token" in problem):
        return "indent with spaces, not tabs (YAML does not allow tabs in indentation)"
    if "mapping values are not allowed" in problem:
        m = re.match(r"^(\s*(?:- )?[^\s:#'\"][^:#]*?):\s+(.*?)\s*$", src)
        if m and ": " in m.group(2) and not m.group(2).startswith(("'", '"')):
            value = shorten(m.group(2)).replace("\\", "\\\\").replace('"', '\\"')
            return f'a value containing ": " must be quoted: {shorten(m.group(1).strip())}: "{value}"'
        return 'a value containing ": " must be quoted, e.g. title: "Note: text"'
    if "end of stream" in problem and "quoted scalar" in context:
        return "a quote is never closed; add the closing quote"
    if "expected alphabetic or numeric character" in problem or "alias" in context:
        return "'*' and '&' at the start of a value mean alias/anchor in YAML; quote the value"
    if "cannot start any token" in problem:
        ch = src[col - 1: col]
        if ch in ("@", "`"):
            return f"'{ch}' cannot start a value in YAML; quote the value"
        return "quote the value"
    if "\t" in prev[: len(prev) - len(prev.lstrip(" \t"))]:
        return "indent with spaces, not tabs (YAML does not allow tabs in indentation)"
    if "block end" in problem or "expected ':'" in problem or "expected key" in problem:
        return "check the indentation of this line and the one before it; text with ': ' or '#' needs quotes"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a list or mapping in brackets is not closed"
    return None
