"""The fonts of every format, chosen here once.

A DOCX names fonts that Word installs on Windows and macOS, so Word lays it out
with the intended font and never substitutes one. The PDF and HTML stylesheets
name, first, a free font with the same advance widths as that Word font
(Debian's ``fonts-liberation2``), then the Word font itself, then DejaVu (present on
every Debian machine, so a fresh machine still renders, with other line breaks),
then the generic family. The three families cover Latin, Greek and Cyrillic.

The stylesheets in ``templates/styles/`` spell these lists out (CSS has no
includes that WeasyPrint's glyph check reads); a test checks that every
``font-family`` list there is one of `CSS_STACKS`.
"""

from __future__ import annotations

from dataclasses import dataclass


def _css_name(name: str) -> str:
    return f'"{name}"' if " " in name else name


@dataclass(frozen=True)
class FontRole:
    """One kind of type: the Word font of the DOCX and its stand-ins for PDF and HTML."""

    word: str
    """The font a DOCX names: one Word ships."""
    metric_twin: str
    """A free font with the same advance widths (PDF, HTML), so both paginate alike."""
    fallback: str
    """Present on every Debian machine."""
    generic: str

    def css(self) -> str:
        """The CSS ``font-family`` list."""
        return ", ".join(_css_name(name) for name in (self.metric_twin, self.word, self.fallback)) \
            + f", {self.generic}"


SERIF = FontRole("Times New Roman", "Liberation Serif", "DejaVu Serif", "serif")
"""Body text."""
SANS = FontRole("Arial", "Liberation Sans", "DejaVu Sans", "sans-serif")
"""Headings, tables, labels, page header and footer."""
MONO = FontRole("Courier New", "Liberation Mono", "DejaVu Sans Mono", "monospace")
"""Field paths and codes (comparison pages)."""

ROLES = (SERIF, SANS, MONO)

CSS_STACKS = tuple(role.css() for role in ROLES)
"""The only ``font-family`` lists the stylesheets use."""

WORD_FONTS = frozenset({
    "Arial", "Arial Black", "Arial Narrow", "Calibri", "Calibri Light", "Cambria", "Cambria Math",
    "Candara", "Consolas", "Constantia", "Corbel", "Courier New", "Georgia", "Palatino Linotype",
    "Segoe UI", "Segoe UI Symbol", "Symbol", "Tahoma", "Times New Roman", "Trebuchet MS",
    "Verdana", "Wingdings",
})
"""Fonts installed with Word on both Windows and macOS (the ones a DOCX may name)."""

DEBIAN_PACKAGES = ("fonts-liberation2", "fonts-dejavu-core")
"""The Debian packages of the PDF fonts (scripts/install-system-deps.sh installs them)."""
