"""pydantic's validation errors as diagnostics a drafter can act on.

Each error is located in the source (the key or value it concerns), worded
without pydantic's vocabulary, and given a hint where one helps: the close
spelling of a key or value, quotes to add or remove, the allowed values.
Errors of one span are merged (the branches of a union).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from termsheet.schema import Caveat, Commitment, OpenIssue, Precondition, TermSheet, Trigger
from termsheet.schema.suggest import suggest
from termsheet.schema.walk import Loc, field_at, fields_by_key, is_model, types_at
from termsheet.source.diagnostics import Diagnostic, Span, format_field, shorten
from termsheet.source.load import LoadedDocument
from termsheet.source.positions import PositionMap


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
        return f"the text {shorten(value, 60)!r}"
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


def _missing_key(loc: tuple, data: Any, positions: PositionMap, document: LoadedDocument) -> Diagnostic:
    """A required key that is not there: pointed at the mapping that lacks it."""
    path, _, _ = data_path(data, loc[:-1])
    name = loc[-1] if loc else "?"
    span = positions.head_span(path) or Span.point(1, 1)
    where = format_field(path) or "the top level"
    spec = field_at(TermSheet, path + (name,))
    hint = f"add `{name}:` to {where}"
    if spec is not None and spec.info.description:
        hint += f" ({first_sentence(spec.info.description)})"
    return _make(document, "missing", f"missing required key '{name}'", span, path + (name,), hint)


def _map_error(error: dict, data: Any, positions: PositionMap, document: LoadedDocument) -> Diagnostic:
    """One pydantic error as a located diagnostic in a drafter's words."""
    etype: str = error["type"]
    loc = tuple(error.get("loc", ()))
    ctx = error.get("ctx") or {}
    value = error.get("input")
    msg: str = error.get("msg", "")
    hint: str | None = None
    key_span = False

    if etype == "missing":
        return _missing_key(loc, data, positions, document)

    path, _, skipped = data_path(data, loc)
    name = _last_name(path)
    if etype == "extra_forbidden":
        key_span = True
        bad = path[-1] if path else (skipped[-1] if skipped else "?")
        allowed = _allowed_keys(path[:-1])
        message = f"unknown key '{shorten(str(bad))}'"
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
    """A value in a message: text in quotes, shortened to :data:`~termsheet.source.diagnostics.WINDOW`."""
    if isinstance(value, str):
        value = shorten(value)
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
    hint = f"no allowed value is a close spelling of {shorten(value)!r}"
    models = [tp for tp in types_at(TermSheet, _owner_path(path)) if is_model(tp)]
    explained_in = next((OTHER_EXPLAINED_IN[m] for m in models if m in OTHER_EXPLAINED_IN), None)
    if "other" in allowed and explained_in:
        return f"{hint}; if none of them fits, write `other` and say what it is in `{explained_in}`"
    if any("notes" in fields_by_key(m) for m in models):
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
        return f'put it in quotes to keep it as text: "{shorten(raw)}"'
    if etype in ("int_type", "float_type", "bool_type") and isinstance(value, str) and raw[:1] in "'\"":
        inner = raw[1:-1]
        return f"remove the quotes: {shorten(inner)}"
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


def _allowed_keys(path: Loc) -> set[str]:
    """The keys the mapping at ``path`` may hold."""
    keys: set[str] = set()
    for tp in types_at(TermSheet, path):
        if is_model(tp):
            keys.update(fields_by_key(tp))
    return keys


def _literal_values(path: Loc) -> list[str]:
    """The values a vocabulary field at ``path`` allows."""
    values: list[str] = []
    for tp in types_at(TermSheet, path):
        if typing.get_origin(tp) is typing.Literal:
            values.extend(str(v) for v in typing.get_args(tp))
        elif isinstance(tp, type) and hasattr(tp, "__members__"):  # Enum
            values.extend(str(getattr(m, "value", m)) for m in tp)
    return values
