"""``styles/extra.css`` of a drafting office's ``--templates`` folder: CSS added, not replaced.

The packaged stylesheets (or the office's whole-file replacements) come first; the
office's ``extra.css`` follows them on every page — term sheets and comparisons, screen,
the browser's print and the PDF — so one rule changes one thing. Rules for paper only go
in ``@media print { … }``. An ``extra.css`` with no rules (comments only, as
``termsheet templates export`` writes it) adds nothing, so the page stays byte-identical.

It is read from the office's folder only, under the guards of the other template files
(:mod:`termsheet.templates_folder`) and more, since it is meant to be small and edited by hand:

- a regular file, not a symlink, at most :data:`MAX_BYTES`, UTF-8;
- nothing that could close the ``<style>`` element (``</style``, ``<!--``);
- no ``@import`` and no URL but ``data:`` images and plainly named images in the
  stylesheet folder's ``assets/`` (``url(assets/logo.png)``), checked on the CSS tokens
  (escapes resolved), so no page ever fetches anything remote.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet
from termsheet.templates_folder import TemplateFile, office_file, read_template

EXTRA_CSS = "styles/extra.css"
MAX_BYTES = 200_000
_ASSET_URL = re.compile(r"^assets/[A-Za-z0-9][A-Za-z0-9_-]*\.(png|jpe?g|gif|svg)$")
_URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set"})
"""CSS functions whose string arguments are URLs."""
_COMMENTS = re.compile(r"/\*.*?\*/", re.DOTALL)


def extra_stylesheets(templates: TemplateSet) -> list[tuple[str, Markup]]:
    """``[("all", css)]`` when the office's folder has an ``extra.css`` with rules, else ``[]``."""
    css = extra_css_text(templates)
    return [("all", Markup(css))] if css else []


def extra_css_text(templates: TemplateSet) -> str:
    """The checked text of the office's ``extra.css``; ``""`` when there is none or it has no rules."""
    file = office_file(templates, EXTRA_CSS, max_bytes=MAX_BYTES)
    if file is None:
        return ""
    css = file.text()
    if not _COMMENTS.sub("", css).strip():
        return ""
    check_css(css, file.shown)
    return css


def stylesheet_text(templates: TemplateSet, relative: str) -> tuple[TemplateFile, str]:
    """The stylesheet ``relative`` (the office's, else the packaged one) and its CSS, refused
    if it could close the ``<style>`` element it is put in and start markup of its own."""
    file = read_template(templates, relative)
    css = file.text()
    if _closes_style(css):
        raise file.problem(_CLOSES_STYLE, code="unsafe-stylesheet")
    return file, css


def print_stylesheet(templates: TemplateSet, relative: str) -> tuple[Path, str]:
    """For a PDF: the stylesheet file whose folder's ``assets/`` the fetcher serves, and the CSS
    whose fonts must cover the text. ``relative`` (the office's or packaged) alone, or followed
    by the office's ``extra.css``, whose folder then serves the assets."""
    file, css = stylesheet_text(templates, relative)
    extra = extra_css_text(templates)
    if not extra:
        return file.path, css
    return templates.override / EXTRA_CSS, css + "\n" + extra


def check_css(css: str, shown: str) -> None:
    """Raise `TemplateConfigError` (``FILE:LINE: what``) for markup, ``@import`` or a refused URL."""
    if _closes_style(css):
        raise TemplateConfigError(f"{shown}: {_CLOSES_STYLE}", code="unsafe-stylesheet")
    import tinycss2

    for token in _tokens(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)):
        if token.type == "at-rule" and token.lower_at_keyword == "import":
            raise _refused(shown, token, "@import is not allowed; put the rules in this file")
        if token.type == "error":
            raise _refused(shown, token, f"CSS syntax error: {token.message}")
        urls = []
        if token.type == "url":
            urls = [token.value]
        elif token.type == "function" and token.lower_name in _URL_FUNCTIONS:
            urls = [arg.value for arg in token.arguments if arg.type == "string"]
        for url in urls:
            if not (url[:5].lower() == "data:" or _ASSET_URL.match(url)):
                raise _refused(shown, token, f"URL {url[:80]!r} is not allowed; use a data: image "
                                             "or assets/NAME.png (an image in styles/assets/)")


_CLOSES_STYLE = "a stylesheet may not contain '</style' or '<!--'"


def _closes_style(css: str) -> bool:
    return bool(re.search(r"</style", css, re.IGNORECASE)) or "<!--" in css


def _tokens(nodes):
    """Every node and token of a parsed stylesheet, depth first."""
    for node in nodes:
        yield node
        for attribute in ("prelude", "content", "arguments"):
            children = getattr(node, attribute, None)
            if isinstance(children, list):
                yield from _tokens(children)


def _refused(shown: str, token, what: str) -> TemplateConfigError:
    return TemplateConfigError(f"{shown}:{token.source_line}:{token.source_column}: {what}",
                               code="unsafe-stylesheet")

