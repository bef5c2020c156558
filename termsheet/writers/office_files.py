"""The checks of a drafting office's files that the writers read, run before rendering.

`termsheet.compose.overrides` checks the folder's names, entries and templates; this
module reads, as the writers will, each file of the office's folder that a writer takes
whole: the stylesheets (they may not close their ``<style>`` element), ``extra.css``
(:mod:`termsheet.writers.extra_css`), the comparison's script (it may not close its
``<script>``) and ``reference.docx`` (python-docx must open it). Each problem is a
configuration error found before anything is rendered, so nothing is written.
"""

from __future__ import annotations

import os

from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet

STYLESHEETS = ("styles/screen.css", "styles/print.css", "styles/diff.css",
               "styles/diff-print.css")
SCRIPT = "html/diff.js"
REFERENCE = "styles/reference.docx"


def office_file_problems(templates: TemplateSet) -> list[str]:
    """Every problem of the office's stylesheets, script and reference.docx, as ``FILE[:LINE]: what``."""
    problems = []
    for check in _checks(templates):
        try:
            check()
        except TemplateConfigError as error:
            problems.append(error.message)
    return problems


def _checks(templates: TemplateSet):
    """One call per file to check; each raises `TemplateConfigError` for a problem."""
    from termsheet.writers.extra_css import extra_css_text, stylesheet_text

    yield lambda: extra_css_text(templates)
    for relative in STYLESHEETS:
        if _has(templates, relative):
            yield lambda relative=relative: stylesheet_text(templates, relative)
    if _has(templates, SCRIPT):
        from termsheet.writers.diff_html import read_script

        yield lambda: read_script(templates)
    if _has(templates, REFERENCE):
        from termsheet.writers.docx.package import read_reference

        yield lambda: read_reference(templates)


def _has(templates: TemplateSet, relative: str) -> bool:
    """Whether the office's folder has an entry ``relative`` (reading it refuses symlinks)."""
    return templates.override is not None and os.path.lexists(templates.override / relative)
