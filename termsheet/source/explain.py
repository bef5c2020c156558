"""``termsheet explain CODE``: what a diagnostic code means and how to fix it.

Three kinds of codes, each documented where it is defined:

- lint rules (``E-…``, ``W-…``): the rule registry (:mod:`termsheet.source.rules.registry`);
- reading and file codes (``yaml-alias``, ``file-not-found`` …): :data:`READING_CODES`
  below, the same rules as the "Reading rules" table of ``docs/cli.md``;
- schema codes (``missing``, ``literal_error`` …): pydantic's error types, with
  the message template pydantic ships.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass

PYDANTIC_ERRORS_URL = "https://docs.pydantic.dev/latest/errors/validation_errors/"
READING_RULES_URL = "https://github.com/termsheet/termsheet/blob/main/docs/cli.md#reading-rules"

#: Reading and file-access codes: code → (severity, what it means, how to fix).
READING_CODES: dict[str, tuple[str, str, str]] = {
    "file-too-large": ("error", "the file is larger than 2 MiB (2,097,152 bytes); it is refused "
                       "before it is read", "split the document, or shorten it"),
    "not-utf8": ("error", "the file is not UTF-8 (UTF-16 and UTF-32 are refused; one byte-order "
                 "mark at the start is accepted)", "save the file as UTF-8"),
    "control-character": ("error", "a control character (other than tab and line breaks), raw "
                          "or written as an escape such as \"\\x1b\"", "remove it"),
    "invisible-character": ("error", "an invisible or direction-changing character (bidi "
                            "controls, zero-width characters, soft hyphen, U+2028/U+2029 …), "
                            "raw or escaped", "remove it, or retype the text around it"),
    "invalid-character": ("error", "a lone surrogate or a non-character (U+FFFE, U+FFFF, "
                          "U+FDD0–U+FDEF …)", "remove it"),
    "mixed-script": ("warning", "a word mixes Latin, Cyrillic or Greek letters, so it can pass "
                     "for a different word", "retype the word in one alphabet"),
    "empty-file": ("error", "the file is empty, or holds only comments and blank lines",
                   "write the term file's keys (termsheet new FILE makes a skeleton)"),
    "not-a-mapping": ("error", "the top of the file is not a mapping of `key: value` lines",
                      "start the file with keys such as schema_version: and metadata:"),
    "multiple-documents": ("error", "the file holds more than one YAML document (a second `---`)",
                           "keep one document per file"),
    "duplicate-key": ("error", "a key appears twice in one mapping (also keys YAML readers take "
                      "as equal: yes/true/on, no/false/off, 1/01)",
                      "keep one of the two entries; the message cites both lines"),
    "yaml-anchor": ("error", "a YAML anchor (`&name`); anchors are never expanded",
                    "write the value out in full"),
    "yaml-alias": ("error", "a YAML alias (`*name`); aliases are never expanded",
                   "write the value out in full"),
    "yaml-merge-key": ("error", "a YAML merge key (`<<`)", "write the merged keys out in full"),
    "yaml-tag": ("error", "an explicit YAML tag (`!!str`, `!custom` …) or a %TAG directive",
                 "remove the tag; quote the value if it is text"),
    "yaml-directive": ("error", "a %YAML directive other than %YAML 1.2",
                       "remove the directive, or write %YAML 1.2"),
    "yaml-complex-key": ("error", "a mapping key that is not plain text (`? [a, b]`)",
                         "use a text key"),
    "empty-key": ("error", "a mapping entry without a key", "write the key before the colon"),
    "too-deep": ("error", "nesting deeper than 64 levels of mappings and lists",
                 "flatten the structure"),
    "number-too-large": ("error", "an integer beyond ±9,007,199,254,740,991 (2^53 − 1)",
                         "use a smaller number, or quote it if it is text"),
    "ambiguous-number": ("error", "a number that YAML readers read differently: leading zeros "
                         "(0755), other bases (0x1F), digit separators (1_000), 1e5, .5, 1.",
                         "write a plain decimal, or quote the value if it is text"),
    "non-finite-number": ("error", "infinity or not-a-number (.inf, .nan, 1e400)",
                          "write a finite number"),
    "invalid-date": ("error", "a date-shaped value that is not a real date (2026-02-30)",
                     "write a real date, YYYY-MM-DD"),
    "yaml-syntax": ("error", "a YAML syntax error (a tab in the indentation, an unquoted `: ` "
                    "inside a value, an unclosed quote or bracket …)",
                    "follow the hint at the reported line and column"),
    "schema-version": ("error", "schema_version names a format version this termsheet does not "
                       "read", "follow the hint: upgrade termsheet, or move the file to the "
                       "current format version"),
    "file-not-found": ("error", "a named file does not exist (exit status 2)",
                       "check the path"),
    "file-unreadable": ("error", "a named file cannot be read, or is a folder (exit status 2)",
                        "check the path and its permissions"),
    "internal-error": ("error", "a bug in termsheet met while checking the file (exit status 2)",
                       "report it with the traceback (`termsheet validate -v` prints it)"),
}


@dataclass(frozen=True)
class Explanation:
    """The documentation of one code."""

    code: str
    kind: str
    severity: str
    summary: str
    why: str | None = None
    fix: str | None = None
    see: str | None = None

    def text(self) -> str:
        """The explanation as printed by ``termsheet explain``."""
        label = "What it checks" if self.kind == "lint rule" else "What it reports"
        lines = [f"{self.code} ({self.severity}, {self.kind})", "", f"{label}: {self.summary}"]
        if self.why:
            lines.append(f"Why: {self.why}")
        if self.fix:
            lines.append(f"How to fix: {self.fix}")
        if self.see:
            lines.append(f"See: {self.see}")
        return "\n".join(lines) + "\n"


def lint_explanations() -> list[Explanation]:
    """Every lint rule, in registry order."""
    from termsheet.source.rules import RULES

    return [Explanation(r.code, "lint rule", r.severity, r.summary, r.why, r.fix) for r in RULES]


def reading_explanations() -> list[Explanation]:
    """Every reading and file-access code."""
    return [Explanation(code, "reading rule", severity, what, None, fix, READING_RULES_URL)
            for code, (severity, what, fix) in READING_CODES.items()]


def schema_explanations() -> list[Explanation]:
    """Every pydantic error type, which ``validate`` reports as a schema code."""
    return [Explanation(code, "schema error", "error",
                        f'pydantic says "{template}"' if template else "pydantic error type",
                        "the schema checks each field against the term-file model, the model "
                        "`termsheet schema` exports for editors",
                        "follow the message and hint at the reported field",
                        PYDANTIC_ERRORS_URL + "#" + code)
            for code, template in _pydantic_error_types().items()]


def _pydantic_error_types() -> dict[str, str]:
    """pydantic's error types, each with its message template ("" where unknown)."""
    from pydantic_core import core_schema

    types = dict.fromkeys(typing.get_args(core_schema.ErrorType), "")
    try:  # the templates come from a function pydantic-core does not export
        from pydantic_core._pydantic_core import list_all_errors

        types.update((e["type"], e["message_template_python"]) for e in list_all_errors()
                     if e["type"] in types)
    except (ImportError, KeyError, TypeError):
        pass
    return types


def all_explanations() -> list[Explanation]:
    """Lint rules, reading codes, then schema codes."""
    return lint_explanations() + reading_explanations() + schema_explanations()


def find(code: str) -> Explanation | None:
    """The explanation of ``code`` (letter case ignored), or None."""
    wanted = code.strip().casefold()
    for explanation in lint_explanations() + reading_explanations():
        if explanation.code.casefold() == wanted:
            return explanation
    for explanation in schema_explanations():
        if explanation.code.casefold() == wanted:
            return explanation
    return None


def suggestions(code: str, limit: int = 3) -> list[str]:
    """Known codes close to ``code``, best first."""
    codes = {e.code.casefold(): e.code for e in all_explanations()}
    close = difflib.get_close_matches(code.strip().casefold(), codes, n=limit, cutoff=0.6)
    return [codes[c] for c in close]


def listing() -> str:
    """Every code, one a line, grouped by kind: code, severity, what it checks."""
    groups = [("Lint rules", lint_explanations()),
              ("Reading and file codes", reading_explanations()),
              ("Schema codes (pydantic error types)", schema_explanations())]
    out = []
    for title, explanations in groups:
        width = max(len(e.code) for e in explanations)
        out.append(f"{title}:")
        for e in explanations:
            out.append(f"  {e.code:<{width}}  {e.severity:<7}  {e.summary}")
        out.append("")
    return "\n".join(out)
