"""Scalar types and the base class shared by every input model.

Strings are strict (no number or boolean becomes a string) and refuse
characters that would make two texts look identical when they are not:
control characters, lone surrogates, non-characters, bidirectional overrides
and zero-width characters.
"""

import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import (
    AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints,
    WithJsonSchema,
)

MAX_TEXT = 4000
"""Longest free-text field, in characters."""
MAX_LIST = 500
"""Longest list in a term file."""

_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters (tab, LF, CR allowed)
    "\ud800-\udfff"  # lone surrogates
    "\ufdd0-\ufdef\ufffe\uffff"  # non-characters
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"  # zero-width, bidi
    "]"
)


def describe_char(char: str) -> str:
    """Name a character so that a drafter can find it: ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def find_forbidden_char(text: str) -> int | None:
    """Index of the first character a term file may not contain, or None."""
    found = _FORBIDDEN_CHARS.search(text)
    return found.start() if found else None


def _check_text(text: str) -> str:
    if not text.strip():
        raise ValueError("is blank (only spaces or line breaks); write the text, or remove"
                         " the key if it is optional")
    index = find_forbidden_char(text)
    if index is not None:
        raise ValueError(
            f"contains the invisible or control character {describe_char(text[index])} "
            f"at character {index + 1}; remove it or write it visibly"
        )
    return text


Text = Annotated[
    str, Strict(), StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(_check_text)
]
"""Free text: a summary, a note, a description."""

ShortText = Annotated[
    str, Strict(), StringConstraints(min_length=1, max_length=300), AfterValidator(_check_text)
]
"""A name, a title, a place, a label."""

Id = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
"""A stable identifier: a lowercase slug, the same for the same concept in every version."""

Ref = Id
"""A reference to an id declared elsewhere in the file."""

Int = Annotated[int, Strict(), Field(ge=0, le=10**15)]
"""A non-negative whole number (strengths, counts, money in units)."""

Number = (
    Annotated[int, Strict(), Field(ge=0, le=10**15)]
    | Annotated[float, Strict(), Field(ge=0, le=1e15, allow_inf_nan=False)]
)
"""A finite non-negative number."""

Bool = Annotated[bool, Strict()]
"""``true`` or ``false`` only; YAML 1.2 never reads ``yes`` as a boolean."""

Version = Annotated[
    str, Strict(),
    StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?(-[0-9A-Za-z.-]+)?$", max_length=40),
]
"""A version string such as ``"0.3.0"`` (always quoted in YAML)."""

LanguageTag = Annotated[
    str, Strict(), StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)
]
"""A BCP-47 language tag such as ``en``, ``uk`` or ``en-GB``."""

CountryCode = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code in capitals."""

Url = Annotated[str, Strict(), StringConstraints(pattern=r"^https?://[^\s<>\x22']+$", max_length=2000)]
"""A web address of a source (http or https only)."""

_DURATION = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$"
)
DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")
"""The parts of an ISO-8601 duration, in the order they are written."""
_HOURS_PER_UNIT = (365.25 * 24, 30.4375 * 24, 7 * 24, 24, 1, 1 / 60, 1 / 3600)


def duration_parts(value: str) -> tuple[int | None, ...] | None:
    """The amounts of an ISO-8601 duration, one per :data:`DURATION_UNITS` (``None``: not
    written); ``None`` when ``value`` is not a duration.  ``P1Y6M`` → ``(1, 6, None, …)``."""
    match = _DURATION.match(value)
    if match is None:
        return None
    return tuple(None if part is None else int(part) for part in match.groups())


def duration_hours(value: str) -> float:
    """Length of an ISO-8601 duration in hours (years and months as their mean length)."""
    parts = duration_parts(value)
    if parts is None:
        raise ValueError(f"{value!r} is not an ISO-8601 duration")
    return sum((amount or 0) * unit for amount, unit in zip(parts, _HOURS_PER_UNIT))


def _check_duration(value: str) -> str:
    if not _DURATION.match(value):
        raise ValueError(
            f"{value!r} is not an ISO-8601 duration; write e.g. PT24H (24 hours), P6M (6 months), P15Y"
        )
    return value


Duration = Annotated[
    str, Strict(), StringConstraints(max_length=40), AfterValidator(_check_duration),
    WithJsonSchema({"type": "string", "maxLength": 40, "pattern": _DURATION.pattern}),
]
"""An ISO-8601 duration such as ``PT24H``, ``P6M`` or ``P15Y``."""


def _parse_date(value: object) -> object:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date), Strict()]
"""A calendar date, ``YYYY-MM-DD``."""


class Model(BaseModel):
    """Base of every input model: immutable, unknown keys rejected, docstrings as descriptions."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        validate_default=False,
        regex_engine="python-re",
    )


def items(item_type, *, max_length: int = MAX_LIST):
    """A list (held as a tuple, so it cannot change) of at most ``max_length`` items."""
    return Annotated[tuple[item_type, ...], Field(max_length=max_length)]
