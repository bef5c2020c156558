"""Disable comments: switch lint warnings off for one line of a term file.

- ``key: value  # termsheet: disable=W-A, W-B`` switches the codes off for the
  problems reported on that line;
- ``# termsheet: disable-next-line=W-A`` switches them off on the next line.

Text after a second ``#`` is a free note (``# termsheet: disable=W-A  # why``).
Comments are found from the YAML scanner's tokens, so a ``#`` inside a quoted
or block scalar is text, never a comment.  A malformed directive, an unknown
code or an error code is reported as the warning :data:`INVALID_CODE` at the
comment, never ignored silently.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from termsheet.source.diagnostics import Diagnostic, Span
from termsheet.source.lint import disable_problem

if TYPE_CHECKING:
    from termsheet.source.load import LoadedDocument

#: Code of the warning about a disable comment that switches nothing off.
INVALID_CODE = "invalid-disable-comment"
#: Directive → which line it applies to, relative to the comment's line.
DIRECTIVES = {"disable": 0, "disable-next-line": 1}

_CANDIDATE = re.compile(r"#[ \t]*termsheet[ \t]*:")
_DIRECTIVE = re.compile(r"#[ \t]*termsheet[ \t]*:[ \t]*(?P<body>[^#]*)")
_BODY = re.compile(r"(?P<name>[A-Za-z-]+)[ \t]*=(?P<codes>.*)")
_CODE = re.compile(r"[^,\s]+")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]*[ \t]+(#.*)")


@dataclass(frozen=True)
class Comment:
    """A YAML comment: 1-based line and column of its ``#``, and its text up to the line end."""

    line: int
    column: int
    text: str


def apply_disable_comments(diagnostics: list[Diagnostic],
                           document: LoadedDocument) -> list[Diagnostic]:
    """``diagnostics`` less those switched off by disable comments, plus warnings about
    invalid disable comments.  Only a parsed document is scanned for comments."""
    text = document.text
    if text is None or document.data is None or _CANDIDATE.search(text) is None:
        return diagnostics
    disabled, problems = disable_directives(text, document.filename)
    kept = [d for d in diagnostics
            if d.span is None or d.code not in disabled.get(d.span.line, ())]
    return kept + problems


def disable_directives(text: str, filename: str) -> tuple[dict[int, set[str]], list[Diagnostic]]:
    """The codes switched off on each line (1-based), and a warning per invalid directive."""
    disabled: dict[int, set[str]] = {}
    problems: list[Diagnostic] = []
    for comment in comments(text):
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        body = _BODY.fullmatch(match.group("body").rstrip())
        if body is None or body.group("name") not in DIRECTIVES:
            problems.append(_problem(filename, comment, 0, len(comment.text.rstrip()),
                                     _malformed(body.group("name") if body else None)))
            continue
        line = comment.line + DIRECTIVES[body.group("name")]
        offset = match.start("body") + body.start("codes")
        codes = list(_CODE.finditer(body.group("codes")))
        if not codes:
            problems.append(_problem(filename, comment, 0, offset,
                                     "the disable comment names no rule code"))
        for code in codes:
            problem = disable_problem(code.group())
            if problem:
                problems.append(_problem(filename, comment, offset + code.start(),
                                         offset + code.end(), problem))
            else:
                disabled.setdefault(line, set()).add(code.group())
    return disabled, problems


def _malformed(name: str | None) -> str:
    close = difflib.get_close_matches(name, list(DIRECTIVES), n=1) if name else []
    if close:
        return f"unknown directive '{name}'; did you mean '{close[0]}'?"
    return ("not a disable comment; write `# termsheet: disable=W-CODE`"
            " or `# termsheet: disable-next-line=W-CODE`")


def _problem(filename: str, comment: Comment, start: int, end: int, message: str) -> Diagnostic:
    span = Span(comment.line, comment.column + start, comment.line, comment.column + end)
    return Diagnostic(code=INVALID_CODE, severity="warning", message=message, file=filename,
                      span=span, hint="see `Disabling lint warnings` in docs/cli.md")


# --------------------------------------------------------------------------
# finding comments


def comments(text: str) -> list[Comment]:
    """Every comment in ``text`` (a YAML document the loader accepted), in order.

    Between two tokens of the YAML scanner there is only white space and
    comments; a block scalar's header line (``key: |  # note``) may end with a
    comment inside its token.
    """
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    found: list[Comment] = []
    position = 0
    for start, end, block in _token_spans(text):
        if start > position:
            found.extend(_gap_comments(text, position, start, line_starts))
        if block:
            header = _BLOCK_HEADER_COMMENT.match(text, start, _line_end(text, start))
            if header:
                found.append(_comment(text, header.start(1), line_starts))
        position = max(position, end)
    found.extend(_gap_comments(text, position, len(text), line_starts))
    return found


def _gap_comments(text: str, start: int, end: int, line_starts: list[int]) -> Iterator[Comment]:
    index = text.find("#", start, end)
    while index >= 0:
        comment = _comment(text, index, line_starts)
        yield comment
        index = text.find("#", index + len(comment.text), end)


def _comment(text: str, index: int, line_starts: list[int]) -> Comment:
    line = bisect.bisect_right(line_starts, index) - 1
    return Comment(line + 1, index - line_starts[line] + 1, text[index:_line_end(text, index)])


def _line_end(text: str, index: int) -> int:
    ends = [i for i in (text.find("\n", index), text.find("\r", index)) if i >= 0]
    return min(ends) if ends else len(text)


def _token_spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_block_scalar)`` character offsets of each token of ``text``."""
    for token in _tokens(text):
        start, end = token.start_mark.index, token.end_mark.index
        yield start, end, getattr(token, "style", None) in ("|", ">")


def _tokens(text: str) -> Iterator[Any]:
    """The scanner's tokens: from the C scanner (ruamel.yaml.clib) when available."""
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    except ImportError:  # the optional C extension is not installed
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).scan(text)
        return
    parser = CParser(text)
    try:
        while True:
            token = parser.get_token()
            if token is None:
                return
            yield token
    finally:
        parser.dispose()
