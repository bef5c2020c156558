"""Semantic lint: rules over a validated :class:`~termsheet.model.TermSheet`.

The schema (pydantic) checks each field on its own; lint checks what only the
whole document can show — references that must resolve, ids that must be
unique, contradictions between sections, and provenance. Each rule has a stable
code (``E-…`` errors, ``W-…`` warnings) and lives in :mod:`termsheet.rules`;
``docs/lint-rules.md`` is generated from the same registry (:func:`rules_markdown`).

Usage::

    findings = lint(sheet)   # every problem, in document order
"""

from termsheet.diagnostics import Finding
from termsheet.model import TermSheet
from termsheet.rules import RULES, Context, Rule, order_key

__all__ = ["Finding", "RULES", "Rule", "lint", "rules_markdown"]


def lint(sheet: TermSheet) -> list[Finding]:
    """Every semantic problem in ``sheet``, in document order (rule order within one place)."""
    ctx = Context(sheet)
    findings = [
        Finding(r.code, r.severity, hit.message, tuple(hit.loc), hit.hint, hit.key)
        for r in RULES
        for hit in r.check(ctx)
    ]
    findings.sort(key=lambda f: order_key(f.loc))
    return findings


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown() -> str:
    """The table of every rule (code, severity, rule, why) as Markdown, one line per rule."""
    lines = ["| code | severity | rule | why |", "|---|---|---|---|"]
    lines += [f"| `{r.code}` | {r.severity} | {_cell(r.summary)} | {_cell(r.why)} |" for r in RULES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates the docs table
    print(rules_markdown(), end="")
