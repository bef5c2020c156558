"""The rule registry: every lint rule with its stable code, severity and documentation.

A rule is a function ``check(ctx) -> Iterable[Hit]`` registered with :func:`rule`.
The registry is the single source of the documentation table in
``docs/lint-rules.md`` (see :func:`termsheet.source.lint.rules_markdown`) and of
``termsheet explain CODE``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from termsheet.schema.walk import Loc

Severity = Literal["error", "warning"]


class Hit(NamedTuple):
    """One problem found by a rule; the runner adds the rule's code and severity."""

    loc: Loc
    message: str
    hint: str | None = None
    key: bool = False
    within: tuple[int, int] | None = None
    """Character offsets ``(start, end)`` inside the string at ``loc`` (a finding in a text)."""


@dataclass(frozen=True)
class Rule:
    """A registered lint rule."""

    code: str
    severity: Severity
    summary: str
    """What the rule checks, in one line."""
    why: str
    """Why it matters (a real-world anchor), in one line."""
    check: Callable[..., Iterable[Hit]]
    """Called with the rule context (:class:`termsheet.source.rules.context.Context`)."""
    fix: str = ""
    """How to fix a finding, in one line."""


RULES: list[Rule] = []
"""Every rule, in registration order (the order of the documentation table)."""


def rule(code: str, severity: Severity, summary: str, why: str = "—", *, fix: str = ""):
    """Register the decorated function as the check of rule ``code``."""
    expected = "E-" if severity == "error" else "W-"
    if not code.startswith(expected):
        raise ValueError(f"rule {code}: a {severity} code starts with {expected}")
    if any(r.code == code for r in RULES):
        raise ValueError(f"rule {code} registered twice")

    def register(check: Callable[..., Iterable[Hit]]):
        RULES.append(Rule(code, severity, summary, why, check, fix))
        return check

    return register
