"""Semantic lint: rules over a validated :class:`~termsheet.schema.TermSheet`.

The schema (pydantic) checks each field on its own; lint checks what only the
whole document can show — references that must resolve, ids that must be
unique, contradictions between sections, and provenance. Each rule has a stable
code (``E-…`` errors, ``W-…`` warnings) and lives in :mod:`termsheet.source.rules`;
``docs/lint-rules.md`` is generated from the same registry (:func:`rules_markdown`).

Usage::

    findings = lint(sheet)   # every problem, in document order
"""

import difflib

from termsheet.source.diagnostics import Finding
from termsheet.schema import TermSheet
from termsheet.source.rules import RULES, Context, Rule, order_key

__all__ = ["Finding", "RULES", "Rule", "disable_problem", "lint", "rules_markdown"]


def lint(sheet: TermSheet) -> list[Finding]:
    """Every semantic problem in ``sheet``, in document order (rule order within one place)."""
    ctx = Context(sheet)
    findings = [
        Finding(r.code, r.severity, hit.message, tuple(hit.loc), hit.hint, hit.key, hit.within)
        for r in RULES
        for hit in r.check(ctx)
    ]
    findings.sort(key=lambda f: order_key(f.loc))
    return findings


def disable_problem(code: str) -> str | None:
    """Why ``code`` cannot be switched off (configuration, disable comments), or ``None``.

    Only lint warnings can: an error means the term file is wrong, and reading
    and schema problems mean it is not a term file.
    """
    rules = {r.code: r for r in RULES}
    found = rules.get(code)
    if found is None:
        close = difflib.get_close_matches(code.upper(), list(rules), n=1, cutoff=0.7)
        guess = f"; did you mean {close[0]}?" if close else ""
        return (f"unknown lint rule {code}{guess} (only lint warnings, W-…, can be disabled;"
                " see docs/lint-rules.md)")
    if found.severity == "error":
        return f"{code} is an error and cannot be disabled; only lint warnings (W-…) can"
    return None


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown() -> str:
    """The table of every rule (code, severity, rule, why, fix) as Markdown, one line per rule."""
    lines = ["| code | severity | rule | why | fix |", "|---|---|---|---|---|"]
    lines += [f"| `{r.code}` | {r.severity} | {_cell(r.summary)} | {_cell(r.why)} | {_cell(r.fix)} |"
              for r in RULES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates the docs table
    print(rules_markdown(), end="")
