"""Validate term files: load → input model (pydantic) → lint, as diagnostics.

Public API (used by the CLI and by ``render`` and ``diff``):

- :func:`validate_file` / :func:`validate_stdin` / :func:`validate_text` →
  :class:`ValidationResult` (:func:`validate_input` takes ``-`` for stdin);
- :func:`collect_paths` expands files and folders into a sorted list of files;
- :func:`exit_status` turns results into the documented exit code.

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
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from termsheet.source.diagnostics import Diagnostic, Finding, Span, format_field, sort_key
from termsheet.source.lint import lint
from termsheet.source.load import LoadedDocument, Loc, PositionMap, load_file, load_stream, load_text
from termsheet.schema import (
    SCHEMA_VERSION, SCHEMA_VERSIONS, Caveat, Commitment, OpenIssue, Precondition, TermSheet,
    Trigger,
)
from termsheet.source.rules.helpers import version_key
from termsheet.schema.suggest import suggest
from termsheet.source.suppress import apply_disable_comments

#: Diagnostic codes that mean "could not read the input" (exit status 2).
ACCESS_CODES = frozenset({"file-not-found", "file-unreadable"})
#: Diagnostic code of a bug in termsheet itself (exit status 2).
INTERNAL_CODE = "internal-error"

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

YAML_SUFFIXES = (".yaml", ".yml")

#: The path that stands for standard input (``termsheet validate -``).
STDIN = "-"
#: The name of standard input in messages, unless the caller gives one.
STDIN_NAME = "<stdin>"


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


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as shown in messages: relative to the current folder when inside it."""
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


def validate_file(path: str | os.PathLike[str], filename: str | None = None) -> ValidationResult:
    """Validate one file on disk.  Never raises for bad input."""
    name = filename if filename is not None else display_path(path)
    start = time.perf_counter()
    document = load_file(path, name)
    return _finish(document, start)


def is_stdin(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ``-``, standard input."""
    return os.fspath(path) == STDIN


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
# collecting files


def collect_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to validate: each file as given, each folder searched recursively.

    Folders contribute ``*.yaml`` and ``*.yml`` files, skipping hidden files
    and folders (``.git``, ``.venv``…) and not following symlinked folders.
    The result is sorted (by path text, ``/``-separated) and free of
    duplicates.  A path that does not exist is kept, so that validating it
    reports ``file-not-found``; ``-`` (standard input) is kept as it is.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if is_stdin(raw):
            found.setdefault(STDIN, path)
        elif path.is_dir():
            for file in _walk(path):
                found.setdefault(_dedupe_key(file), file)
        else:
            found.setdefault(_dedupe_key(path), path)
    return sorted(found.values(), key=lambda p: p.as_posix())


def _dedupe_key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:  # pragma: no cover - e.g. a symlink loop
        return str(path.absolute())


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(YAML_SUFFIXES):
                continue
            yield Path(root, name)


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


def finding_to_diagnostic(finding: Finding, document: LoadedDocument) -> Diagnostic:
    """Locate a lint finding in the source."""
    loc = tuple(finding.loc)
    positions = document.positions
    span = positions.span(loc, key=finding.key)
    if span is None:  # path not written in the file (a default value): nearest parent
        found, _node = positions.deepest(loc)
        span = positions.head_span(found) if found else None
    return Diagnostic(
        code=finding.code,
        severity=finding.severity,
        message=finding.message,
        file=document.filename,
        span=span,
        field=format_field(loc) or None,
        hint=finding.hint,
    )


# --------------------------------------------------------------------------
# pydantic errors → diagnostics


def data_path(data: Any, loc: Sequence[Any]) -> tuple[Loc, Any, list[Any]]:
    """Walk a pydantic ``loc`` through the data.

    Returns the path of parts that exist in the data, the value reached, and
    the parts skipped (union tags, model names, or a key that is not there).
    """
    current = data
    path: list[str | int] = []
    skipped: list[Any] = []
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and type(part) is int and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        else:
            skipped.append(part)
    return tuple(path), current, skipped


def map_validation_errors(errors: Sequence[dict], document: LoadedDocument) -> list[Diagnostic]:
    """Turn pydantic errors into located diagnostics, merging those on one span."""
    positions = document.positions
    merged: dict[tuple, list[Diagnostic]] = {}
    for error in errors:
        d = _map_error(error, document.data, positions, document)
        merged.setdefault((d.span, d.field), []).append(d)
    out = [group[0] if len(group) == 1 else _merge(group) for group in merged.values()]
    return _fold_misspelt_keys(out)


def _fold_misspelt_keys(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Report ``staus:`` once, as a misspelling of the missing ``status``.

    pydantic reports an unknown key and a missing required key; when the
    unknown key is a close match of the missing one in the same mapping, the
    missing-key error is dropped and the unknown-key hint names it.
    """
    missing = {}
    for d in diagnostics:
        if d.code == "missing" and d.field:
            parent, _, name = d.field.rpartition(".")
            missing[(parent, name)] = d
    if not missing:
        return diagnostics
    dropped: set[int] = set()
    out = []
    for d in diagnostics:
        if d.code == "extra_forbidden" and d.field:
            parent, _, key = d.field.rpartition(".")
            names = [n for (p, n) in missing if p == parent]
            close = suggest(key, names)
            if close:
                dropped.add(id(missing[(parent, close)]))
                d = Diagnostic(d.code, d.severity, d.message, d.file, d.span, d.field,
                               f"did you mean '{close}'? ('{close}' is required and missing)")
        out.append(d)
    return [d for d in out if id(d) not in dropped]


def _value_at(data: Any, path: Loc) -> Any:
    for part in path:
        data = data[part]
    return data


_EXPECTED_GOT = re.compile(r"expected (.+), got (.+)\Z")


def _merge(group: list[Diagnostic]) -> Diagnostic:
    """One diagnostic for several errors on one span (the branches of a union)."""
    messages: list[str] = []
    for d in group:
        if d.message not in messages:
            messages.append(d.message)
    if len(messages) == 1:
        return group[0]
    first = group[0]
    hint = next((d.hint for d in group if d.hint), None)
    matches = [_EXPECTED_GOT.match(m) for m in messages]
    if all(matches) and len({m.group(2) for m in matches}) == 1:  # type: ignore[union-attr]
        kinds = list(dict.fromkeys(m.group(1) for m in matches))  # type: ignore[union-attr]
        if "a number" in kinds and "a whole number" in kinds:
            kinds.remove("a whole number")
        message = f"expected {' or '.join(kinds)}, got {matches[0].group(2)}"  # type: ignore[union-attr]
    else:
        message = "does not match any accepted form: " + "; or ".join(messages)
    return Diagnostic(
        code=first.code,
        severity="error",
        message=message,
        file=first.file,
        span=first.span,
        field=first.field,
        hint=hint,
    )


_KIND_WORDS = {
    "string": "text", "int": "a whole number", "float": "a number", "bool": "true or false",
    "date": "a date (YYYY-MM-DD)", "dict": "a mapping (key: value lines)",
    "list": "a list", "tuple": "a list", "model": "a mapping (key: value lines)",
}


def describe_value(value: Any) -> str:
    """How a value reads to a drafter: ``text 'abc'``, ``the number 5``, ``a list``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"the text {shown!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


_PATTERNS = {
    r"^[a-z][a-z0-9-]*$": "an id: lowercase letters, digits and '-', starting with a letter"
                          " (e.g. cmt-consult)",
    r"^[A-Z]{2}$": "a two-letter country code in capitals (e.g. FR)",
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "a language tag (e.g. en, uk, en-GB)",
    r"^https?://[^\s<>\"']+$": "a web address starting with http:// or https://",
}


def _pattern_words(pattern: str) -> str | None:
    if pattern in _PATTERNS:
        return _PATTERNS[pattern]
    if pattern.startswith(r"^\d+\.\d+"):
        return 'a version such as "0.3.0" (in quotes)'
    return None


def _map_error(error: dict, data: Any, positions: PositionMap, document: LoadedDocument) -> Diagnostic:
    etype: str = error["type"]
    loc = tuple(error.get("loc", ()))
    ctx = error.get("ctx") or {}
    value = error.get("input")
    msg: str = error.get("msg", "")
    hint: str | None = None
    key_span = False

    if etype == "missing":
        path, _, _ = data_path(data, loc[:-1])
        name = loc[-1] if loc else "?"
        field_path = path + (name,)
        span = positions.head_span(path) or Span.point(1, 1)
        where = format_field(path) or "the top level"
        info = _field_info(path + (name,))
        message = f"missing required key '{name}'"
        hint = f"add `{name}:` to {where}"
        if info is not None and info.description:
            hint += f" ({first_sentence(info.description)})"
        return _make(document, etype, message, span, field_path, hint)

    path, _, skipped = data_path(data, loc)
    name = _last_name(path)
    if etype == "extra_forbidden":
        key_span = True
        bad = path[-1] if path else (skipped[-1] if skipped else "?")
        allowed = _allowed_keys(path[:-1])
        message = f"unknown key '{bad}'"
        if allowed:
            close = suggest(str(bad), sorted(allowed))
            if close:
                hint = f"did you mean '{close}'?"
            else:
                hint = "allowed keys here: " + _list_words(sorted(allowed), limit=14)
    elif etype in ("literal_error", "enum"):
        allowed_values = _literal_values(path) or re.findall(r"'((?:[^'\\]|\\.)*)'", ctx.get("expected", ""))
        what = f"allowed {name}" if name else "allowed value"
        message = f"{_quote(value)} is not an {what}. Allowed: {_list_words(allowed_values, limit=30)}"
        if isinstance(value, str) and allowed_values:
            close = suggest(value, allowed_values)
            hint = f"did you mean '{close}'?" if close else _no_close_value(value, path, allowed_values)
        elif not isinstance(value, str):
            raw = _source_text(document.text, positions.span(path))
            if raw is not None and raw in allowed_values:
                hint = f'put it in quotes: "{raw}"'
    elif etype.endswith("_type") and etype[:-5] in _KIND_WORDS:
        kind = _KIND_WORDS[etype[:-5]]
        message = f"expected {kind}, got {describe_value(value)}"
        hint = _quote_hint(etype, value, path, positions, document)
        if value is None:
            hint = "fill in a value (the key is there, but empty)"
    elif etype == "string_pattern_mismatch":
        words = _pattern_words(str(ctx.get("pattern", "")))
        message = f"{_quote(value)} is not {words}" if words else f"{_quote(value)} does not have the required form ({ctx.get('pattern')})"
        if words and words.startswith("a version") and not isinstance(value, str):
            hint = "write it in quotes"
    elif etype == "string_too_short" and ctx.get("min_length") == 1:
        message = "must not be empty"
        hint = "write the text, or remove the key if it is optional"
    elif etype == "string_too_long":
        message = f"the text is too long: {len(value) if isinstance(value, str) else '?'} characters (at most {ctx.get('max_length')})"
        hint = "shorten it; long explanations belong in `notes`"
    elif etype == "too_long":
        message = f"too many items: {ctx.get('actual_length', '?')} (at most {ctx.get('max_length')})"
    elif etype == "too_short":
        message = f"too few items: {ctx.get('actual_length', '?')} (at least {ctx.get('min_length')})"
    elif etype in ("value_error", "assertion_error"):
        message = re.sub(r"^(Value|Assertion) error, ", "", msg)
    else:
        message = msg[:1].lower() + msg[1:] if msg[:2] != msg[:2].upper() else msg
        message = f"{message} (got {describe_value(value)})" if etype.endswith(("_type", "_parsing")) else message

    if isinstance(_value_at(data, path), (dict, list)) and etype != "extra_forbidden":
        span = positions.head_span(path)  # a whole mapping or list: point at its key
    else:
        span = positions.span(path, key=key_span) if path else None
    if span is None:
        span = positions.head_span(path) or Span.point(1, 1)
    return _make(document, etype, message, span, path, hint)


def _make(document: LoadedDocument, code: str, message: str, span: Span, path: Loc,
          hint: str | None) -> Diagnostic:
    return Diagnostic(code=code, severity="error", message=message, file=document.filename,
                      span=span, field=format_field(path) or None, hint=hint)


def _quote(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if "'" not in value else f'"{value}"'
    return describe_value(value)


_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "etc.", "cf.", "vs.", "no.", "approx."})
_OPENING, _CLOSING = "([{", ")]}"


def first_sentence(text: str) -> str:
    """The first sentence of a field description, whole and without its full stop.

    A sentence ends at ``.``, ``!`` or ``?`` before a space or the end, but not
    after an abbreviation (``e.g.``) nor inside brackets, quotes or `code`.
    """
    text = " ".join(text.split())
    depth, quoted = 0, ""
    for index, char in enumerate(text):
        if quoted:
            quoted = "" if char == quoted else quoted
        elif char in "`\"":
            quoted = char
        elif char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        elif (char in ".!?" and depth == 0 and text[index + 1:index + 2] in ("", " ")
              and text[:index + 1].rsplit(" ", 1)[-1].lower() not in _ABBREVIATIONS):
            return text[:index]
    return text


def _no_close_value(value: str, path: Loc, allowed: Sequence[str]) -> str:
    """The hint when no allowed value is a close spelling of ``value``: no guess, but where
    the model has one, `other` and the field that says what it is, or `notes`."""
    hint = f"no allowed value is a close spelling of {value!r}"
    models = [tp for tp in _types_at(_owner_path(path))[0]
              if isinstance(tp, type) and issubclass(tp, BaseModel)]
    explained_in = next((OTHER_EXPLAINED_IN[m] for m in models if m in OTHER_EXPLAINED_IN), None)
    if "other" in allowed and explained_in:
        return f"{hint}; if none of them fits, write `other` and say what it is in `{explained_in}`"
    if any("notes" in m.model_fields for m in models):
        return f"{hint}; choose the value that fits and explain any nuance in `notes`"
    return f"{hint}; choose one of the values listed"


def _owner_path(path: Loc) -> Loc:
    """The path of the mapping that holds the last key of ``path``."""
    names = [i for i, part in enumerate(path) if isinstance(part, str)]
    return path[:names[-1]] if names else ()


def _list_words(values: Sequence[str], limit: int) -> str:
    values = [str(v) for v in values]
    if len(values) > limit:
        return ", ".join(values[:limit]) + f", … ({len(values) - limit} more)"
    return ", ".join(values)


def _last_name(path: Loc) -> str | None:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _quote_hint(etype: str, value: Any, path: Loc, positions: PositionMap,
                document: LoadedDocument) -> str | None:
    """Suggest adding or removing quotes, from what the drafter actually wrote."""
    span = positions.span(path)
    raw = _source_text(document.text, span)
    if raw is None:
        return None
    if etype == "string_type" and isinstance(value, (int, float, bool, date)) and raw[:1] not in "'\"":
        return f'put it in quotes to keep it as text: "{raw}"'
    if etype in ("int_type", "float_type", "bool_type") and isinstance(value, str) and raw[:1] in "'\"":
        inner = raw[1:-1]
        return f"remove the quotes: {inner}"
    return None


def _source_text(text: str | None, span: Span | None) -> str | None:
    if text is None or span is None or span.line != span.end_line:
        return None
    lines = text.splitlines()
    if not (1 <= span.line <= len(lines)):
        return None
    return lines[span.line - 1][span.column - 1: span.end_column - 1]


# -- the input model's shape (for "did you mean" and allowed values) --------

OTHER_EXPLAINED_IN: dict[type[BaseModel], str] = {
    Caveat: "text", Commitment: "summary", Trigger: "description",
    Precondition: "description", OpenIssue: "summary",
}
"""For each model with an `other` value in a vocabulary: the field that says what it is."""


def _unwrap(tp: Any) -> list[Any]:
    """The concrete types behind Annotated / Optional / Union."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is typing.Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            if arg is not type(None):
                out.extend(_unwrap(arg))
        return out
    import types as _types

    if isinstance(tp, _types.UnionType):
        return [t for arg in tp.__args__ if arg is not type(None) for t in _unwrap(arg)]
    return [tp]


def _step(types_: list[Any], part: str | int) -> tuple[list[Any], list[Any]]:
    """Types reached from ``types_`` by one path part; also the FieldInfos used."""
    out: list[Any] = []
    infos: list[Any] = []
    for tp in types_:
        origin = typing.get_origin(tp)
        if isinstance(part, int):
            if origin in (tuple, list, typing.Tuple, typing.List):  # noqa: UP006
                args = typing.get_args(tp)
                if args:
                    out.extend(_unwrap(args[0]))
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = _fields_by_key(tp)
            if part in fields:
                info = fields[part]
                infos.append(info)
                out.extend(_unwrap(info.annotation))
        elif origin is dict:
            args = typing.get_args(tp)
            if len(args) == 2:
                out.extend(_unwrap(args[1]))
    return out, infos


def _fields_by_key(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info for name, info in model.model_fields.items()}


def _types_at(path: Loc) -> tuple[list[Any], list[Any]]:
    types_: list[Any] = [TermSheet]
    infos: list[Any] = []
    for part in path:
        types_, infos = _step(types_, part)
        if not types_:
            break
    return types_, infos


def _allowed_keys(path: Loc) -> set[str]:
    types_, _ = _types_at(path)
    keys: set[str] = set()
    for tp in types_:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            keys.update(_fields_by_key(tp))
    return keys


def _field_info(path: Loc) -> Any:
    _, infos = _types_at(path)
    return infos[0] if infos else None


def _literal_values(path: Loc) -> list[str]:
    types_, _ = _types_at(path)
    values: list[str] = []
    for tp in types_:
        if typing.get_origin(tp) is typing.Literal:
            values.extend(str(v) for v in typing.get_args(tp))
        elif isinstance(tp, type) and hasattr(tp, "__members__"):  # Enum
            values.extend(str(getattr(m, "value", m)) for m in tp)
    return values
