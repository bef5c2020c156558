"""Plain (unquoted) scalars: the YAML 1.2 core schema, narrowed so that no reader
could take them another way, and which keys YAML readers could take as equal."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from termsheet.source.limits import MAX_INT

_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_TRUE = frozenset(["true", "True", "TRUE"])
_FALSE = frozenset(["false", "False", "FALSE"])
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Forms that a YAML 1.1 or 1.2 reader takes as a number but that we refuse.
_AMBIGUOUS_NUMBER = re.compile(
    r"""[-+]?(?:
        0[0-9]+                                  # leading zero (octal in YAML 1.1)
      | 0[oO][0-7]+ | 0[xX][0-9a-fA-F]+ | 0b[01_]+  # other bases
      | [0-9][0-9_]*_[0-9_]*                     # digit separators (YAML 1.1)
      | (?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?  # other floats
    )\Z""",
    re.VERBOSE,
)
_NON_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_DIGITS = re.compile(r"[-+]?[0-9]+\Z")
_BOOL_11 = {
    **dict.fromkeys(["y", "yes", "true", "on"], True),
    **dict.fromkeys(["n", "no", "false", "off"], False),
}


class ScalarError(Exception):
    """A plain scalar refused: its diagnostic code, message and hint."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def resolve_plain(text: str) -> Any:
    """Type of a plain (unquoted) scalar; raises ``ScalarError`` if ambiguous."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if not (first in "0123456789-+."):
        return text
    if _INT.match(text):
        value = int(text) if len(text) <= 20 else None
        if value is None or abs(value) > MAX_INT:
            shown = text if len(text) <= 24 else text[:20] + "…"
            raise ScalarError(
                "number-too-large",
                f"the integer {shown} is too large",
                f"the limit is ±{MAX_INT:,} so that every JSON reader gets it exactly;"
                " quote it if it is not a number",
            )
        return value
    if _FLOAT.match(text):
        value = float(text)
        if not math.isfinite(value):
            raise ScalarError(
                "non-finite-number",
                f"the number {text} is too large (it would be infinite)",
                "quote it if it is not a number",
            )
        return value
    if _DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ScalarError(
                "invalid-date", f"{text} is not a valid date", "dates are written YYYY-MM-DD"
            ) from None
    if _NON_FINITE.match(text):
        raise ScalarError(
            "non-finite-number",
            f"{text} (infinity or not-a-number) is not allowed",
            "write a finite number, or quote it if it is text",
        )
    if _AMBIGUOUS_NUMBER.match(text):
        if "_" not in text and not text.lstrip("+-").startswith("0") and not math.isfinite(float(text)):
            raise ScalarError(
                "non-finite-number",
                f"the number {text} is too large (it would be infinite)",
                "quote it if it is not a number",
            )
        raise ScalarError(
            "ambiguous-number",
            f"'{text}' is ambiguous: YAML readers disagree whether and how it is a number",
            f'write a plain decimal number, or quote it if it is text: "{text}"',
        )
    return text


def key_identity(text: str, plain: bool) -> Any:
    """What a YAML 1.1 or 1.2 reader could take a key to be (for duplicates)."""
    if not plain:
        return text
    if text[:1].isalpha() and len(text) > 5:  # fast path for ordinary keys
        return text
    low = text.lower()
    if low in _BOOL_11:
        return ("bool", _BOOL_11[low])
    if text in _NULLS:
        return ("null",)
    digits = text.replace("_", "")
    if len(digits) <= 30 and _DIGITS.match(digits):
        return ("number", int(digits))
    return text
