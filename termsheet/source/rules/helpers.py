"""Small helpers shared by the rule modules: wording of references, hints, durations, versions."""

import re
from collections.abc import Iterable

from termsheet.source.diagnostics import format_field
from termsheet.schema.types import duration_hours
from termsheet.schema.suggest import suggest

__all__ = ["format_field", "hours", "missing_ref_hint", "version_key"]


def hours(duration: str | None) -> float | None:
    """Length of an ISO-8601 duration in hours, or None."""
    return None if duration is None else duration_hours(duration)


def missing_ref_hint(ref: str, wanted: str, candidates: Iterable[str], actual: str | None,
                     declare: str) -> str:
    """A hint for an unresolved reference: what it names, a near match, or where to declare it."""
    if actual is not None:
        return f"'{ref}' is a {actual}, not a {wanted}; {declare}"
    close = suggest(ref, candidates)
    if close:
        return f"did you mean '{close}'?"
    return declare


_VERSION = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$")


def version_key(version: str) -> tuple:
    """A sort key comparing versions numerically, semver style (1.10.0 > 1.9.0 > 1.9.0-rc.1)."""
    match = _VERSION.match(version)
    if match is None:
        return ((0, 0, 0), (0,))
    major, minor, patch, pre = match.groups()
    core = (int(major), int(minor), int(patch or 0))
    if pre is None:
        return (core, (1,))
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return (core, (0, parts))
