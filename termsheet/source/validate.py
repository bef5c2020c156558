"""Validate term files: load → input model (pydantic) → lint, as diagnostics.

Public API (used by the CLI and by ``render`` and ``diff``):

- :func:`validate_file` / :func:`validate_stdin` / :func:`validate_text` →
  :class:`ValidationResult` (:func:`validate_input` takes ``-`` for stdin);
- :func:`exit_status` turns results into the documented exit code.

Which files to validate is :mod:`termsheet.source.paths`' concern
(:func:`~termsheet.source.paths.collect_paths`); the wording of pydantic's
errors, :mod:`termsheet.source.model_errors`'.

This module imports neither WeasyPrint nor python-docx.
"""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from termsheet.schema import SCHEMA_VERSION, SCHEMA_VERSIONS, TermSheet
from termsheet.source.diagnostics import Diagnostic, Finding, Span, format_field, sort_key
from termsheet.source.lint import lint
from termsheet.source.load import LoadedDocument, load_file, load_stream, load_text
from termsheet.source.string_spans import span_in_string
from termsheet.source.model_errors import map_validation_errors
from termsheet.source.paths import STDIN_NAME, display_path, is_stdin
from termsheet.source.rules.helpers import version_key
from termsheet.source.suppress import apply_disable_comments

#: Diagnostic codes that mean "could not read the input" (exit status 2).
ACCESS_CODES = frozenset({"file-not-found", "file-unreadable"})
#: Diagnostic code of a bug in termsheet itself (exit status 2).
INTERNAL_CODE = "internal-error"

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@dataclass
class ValidationResult:
    """The outcome of validating one file.

    ``sheet`` is the validated :class:`~termsheet.schema.TermSheet` when the
    file has no errors (warnings allowed), else ``None``.  ``diagnostics`` are
    sorted by position.  ``source`` is the decoded text (``None`` if it could
    not be read).  ``document`` gives the plain data and, through
    ``document.positions``, the source position of every value.
    """

    sheet: TermSheet | None
    diagnostics: list[Diagnostic]
    source: str | None
    path: str = "<string>"
    document: LoadedDocument | None = None
    seconds: float = 0.0
    internal_traceback: str | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors


# --------------------------------------------------------------------------
# entry points


def validate_file(path: str | os.PathLike[str], filename: str | None = None) -> ValidationResult:
    """Validate one file on disk.  Never raises for bad input."""
    name = filename if filename is not None else display_path(path)
    start = time.perf_counter()
    document = load_file(path, name)
    return _finish(document, start)


def validate_stdin(filename: str | None = None) -> ValidationResult:
    """Validate the term file on standard input: read once, with the limits of a file."""
    start = time.perf_counter()
    document = load_stream(sys.stdin.buffer, filename or STDIN_NAME)
    return _finish(document, start)


def validate_input(path: str | os.PathLike[str], stdin_name: str | None = None) -> ValidationResult:
    """:func:`validate_file`, or :func:`validate_stdin` (named ``stdin_name``) for ``-``."""
    return validate_stdin(stdin_name) if is_stdin(path) else validate_file(path)


def validate_text(text: str, filename: str = "<string>") -> ValidationResult:
    """Validate term-file text.  Never raises for bad input."""
    start = time.perf_counter()
    document = load_text(text, filename)
    return _finish(document, start)


def validate_data(document: LoadedDocument) -> ValidationResult:
    """Validate an already loaded document (model and lint)."""
    return _finish(document, time.perf_counter())


def _finish(document: LoadedDocument, start: float) -> ValidationResult:
    diagnostics = list(document.problems)
    sheet: TermSheet | None = None
    tb = None
    if document.ok:
        try:
            sheet, more = _check_model(document)
            diagnostics = apply_disable_comments(diagnostics + more, document)
        except Exception as exc:  # a bug in a validator or a lint rule
            tb = traceback.format_exc()
            diagnostics.append(_internal(document.filename, exc))
            sheet = None
    diagnostics.sort(key=sort_key)
    if any(d.severity == "error" for d in diagnostics):
        sheet = None
    return ValidationResult(
        sheet=sheet,
        diagnostics=diagnostics,
        source=document.text,
        path=document.filename,
        document=document,
        seconds=time.perf_counter() - start,
        internal_traceback=tb,
    )


def _internal(filename: str, exc: BaseException) -> Diagnostic:
    return Diagnostic(
        code=INTERNAL_CODE,
        severity="error",
        message=f"internal error: {type(exc).__name__}: {exc}",
        file=filename,
        span=None,
        field=None,
        hint="this is a bug in termsheet; run with -v for the traceback and report it",
    )


def _check_model(document: LoadedDocument) -> tuple[TermSheet | None, list[Diagnostic]]:
    unsupported = schema_version_problem(document)
    if unsupported is not None:  # the rest of the file follows another format: not checked
        return None, [unsupported]
    try:
        sheet = TermSheet.model_validate(document.data)
    except ValidationError as exc:
        return None, map_validation_errors(exc.errors(include_url=False), document)
    findings = lint(sheet)
    return sheet, [finding_to_diagnostic(f, document) for f in findings]


def schema_version_problem(document: LoadedDocument) -> Diagnostic | None:
    """A ``schema-version`` error when the file names a format version this release
    does not read."""
    value = document.data.get("schema_version") if isinstance(document.data, dict) else None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None  # missing or of the wrong kind: the schema reports it
    version = str(value)
    if version in SCHEMA_VERSIONS:
        return None  # an unquoted 1.0: the schema asks for quotes
    reads = f"this termsheet reads {_and_list(SCHEMA_VERSIONS)}"
    if not _VERSION_FORM.match(version):
        message = f"schema_version {version!r} is not a format version; {reads}"
        hint = f'write schema_version: "{SCHEMA_VERSION}"'
    elif version_key(version) > version_key(SCHEMA_VERSION):
        message = f"schema_version {version!r} is newer than this termsheet knows; {reads}"
        hint = ("upgrade termsheet (pip install --upgrade termsheet) to read this file, "
                f"or ask for it in format {SCHEMA_VERSION}")
    else:
        message = f"schema_version {version!r} is not supported; {reads}"
        hint = (f'move the file to {SCHEMA_VERSION}: follow "Format versions" in the '
                f'termsheet documentation (docs/versions.md), set schema_version: '
                f'"{SCHEMA_VERSION}" and validate again')
    span = document.positions.span(("schema_version",)) or Span.point(1, 1)
    return Diagnostic(code="schema-version", severity="error", message=message,
                      file=document.filename, span=span, field="schema_version", hint=hint)


_VERSION_FORM = re.compile(r"^\d+\.\d+(\.\d+)?$")


def _and_list(words: Sequence[str]) -> str:
    """``1.0``, ``1.0 and 1.1``, ``1.0, 1.1 and 1.2``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"


def validate_paths(
    paths: Iterable[str | os.PathLike[str]],
    on_done: typing.Callable[[ValidationResult], None] | None = None,
    *,
    stdin_name: str | None = None,
) -> list[ValidationResult]:
    """Validate each file in order (``-``: standard input, named ``stdin_name``);
    ``on_done`` is called after each (progress)."""
    results = []
    for path in paths:
        result = validate_input(path, stdin_name)
        results.append(result)
        if on_done is not None:
            on_done(result)
    return results


# --------------------------------------------------------------------------
# exit status


def exit_status(results: Sequence[ValidationResult], *, strict: bool = False) -> int:
    """0 ok; 1 problems in the input (warnings too with ``strict``); 2 access or internal error."""
    status = EXIT_OK
    for result in results:
        for d in result.diagnostics:
            if d.code in ACCESS_CODES or d.code == INTERNAL_CODE:
                return EXIT_USAGE
            if d.severity == "error" or strict:
                status = EXIT_PROBLEMS
    return status


# --------------------------------------------------------------------------
# lint findings → diagnostics


def _span_within(document: LoadedDocument, loc: tuple, scalar: Span,
                 within: tuple[int, int]) -> Span | None:
    """The span of characters ``within`` of the string at ``loc`` written at ``scalar``."""
    value = document.data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(value, str) or document.text is None:
        return None
    return span_in_string(document.text, scalar, value, *within)


def finding_to_diagnostic(finding: Finding, document: LoadedDocument) -> Diagnostic:
    """Locate a lint finding in the source."""
    loc = tuple(finding.loc)
    positions = document.positions
    span = positions.span(loc, key=finding.key)
    if span is None:  # path not written in the file (a default value): nearest parent
        found, _node = positions.deepest(loc)
        span = positions.head_span(found) if found else None
    elif finding.within is not None:
        span = _span_within(document, loc, span, finding.within) or span
    return Diagnostic(
        code=finding.code,
        severity=finding.severity,
        message=finding.message,
        file=document.filename,
        span=span,
        field=format_field(loc) or None,
        hint=finding.hint,
    )
