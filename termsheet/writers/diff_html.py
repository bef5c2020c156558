"""Side-by-side comparison page: one self-contained, offline HTML file.

    write_side_by_side_html(view, templates=None) -> str

The rows come from :func:`termsheet.compare.sidebyside.build_side_by_side`,
computed once by the diff job and shared with the PDF and DOCX side-by-side
writers; this module only prints them (``write_diff_html(comparison, old_doc,
new_doc)`` builds the view itself, for one file on its own). The page
(``templates/html/diff.html.j2``) has, in order: the identity of both versions,
what is compared and from whose side, any notices, the counts by kind and by
label; the change list (number, name, badge and short reason of each change,
linked to ``#chg-…``) with its filters, beside the table on a wide screen and
folded above it on a narrow one; a legend in words; the side-by-side table (OLD
left, NEW right, one ``<tbody>`` per provision). A small inline script
(``templates/html/diff.js``) adds previous/next change (buttons and the keys
j/n, k/p), "hide unchanged" (a toggle button, key u), the filters (label, kind,
section, party, and a search of both versions and the reasons; key /) and focus
on deep links; without it the filters are absent, every row is shown and every
link still works.

Safety, as for the term-sheet page (:mod:`termsheet.writers.html`): the same
sandboxed, autoescaping, strict Jinja2 environment settings; data reaches the
page only as escaped text or through the `anchor`/`css_ident`/`lang_tag`
filters; the stylesheet and the script are template files checked so that they
cannot close their element. A Content-Security-Policy meta tag allows no
resource at all and only the page's own stylesheets and script (by their SHA-256
hashes).
"""

from __future__ import annotations

import base64
import hashlib
import re

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from termsheet import __version__
from termsheet.compare.sidebyside import (
    FieldValue, Invisible, Note, SideBySide, Title, build_side_by_side, facets, label_words,
    words,
)
from termsheet.document.nodes import (
    Deleted, Emphasis, Inserted, ListBlock, Paragraph,
)
from termsheet.errors import RenderError
from termsheet.resources import TemplateSet
from termsheet.templates_folder import per_template_set, read_template
from termsheet.writers.html import (
    css_ident, label, lang_tag, page_environment, page_template_error, read_stylesheet,
    render_inline,
)
from termsheet.writers.extra_css import extra_stylesheets

PAGE_TEMPLATE = "diff.html.j2"
"""The page template, looked up under ``html/`` in the template folders."""
SCREEN_CSS = "styles/diff.css"
PRINT_CSS = "styles/diff-print.css"
SCRIPT = "html/diff.js"

_ANCHOR = re.compile(r"^[a-z][a-z0-9._:~-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?)?)?$")


def write_diff_html(comparison, old_doc, new_doc, *, templates: TemplateSet | None = None) -> str:
    """The side-by-side comparison of ``old_doc`` and ``new_doc`` as one HTML page."""
    return write_side_by_side_html(build_side_by_side(comparison, old_doc, new_doc),
                                   templates=templates)


def write_side_by_side_html(view: SideBySide, *, templates: TemplateSet | None = None) -> str:
    """A built side-by-side view as one HTML page."""
    return render_diff_page(view, templates=templates, for_print=False,
                            timestamp=_later(view.old_info.date, view.new_info.date))


def render_diff_page(view: SideBySide, *, templates: TemplateSet | None, for_print: bool,
                     timestamp: str) -> str:
    """The page for a built side-by-side; ``for_print`` gives the PDF variant (no script,
    no controls, the paged-media stylesheet only)."""
    templates = templates or TemplateSet()
    if not _DATE.match(timestamp):
        raise RenderError(f"not a W3C date or date-time: {timestamp!r}", code="render-date")
    if for_print:
        css = [("all", read_stylesheet(templates, PRINT_CSS))]
        script = Markup("")
    else:
        css = [("screen", read_stylesheet(templates, SCREEN_CSS)),
               ("print", read_stylesheet(templates, PRINT_CSS))]
        script = read_script(templates)
    css += extra_stylesheets(templates)  # after the packaged ones; hashed into the CSP below
    env = _environment(templates)
    try:
        page = env.get_template(PAGE_TEMPLATE)
        return page.render(
            view=view, old=view.old_info, new=view.new_info, comparison=view.comparison,
            facets=facets(view), for_print=for_print, stylesheets=css, script=script,
            script_hash=csp_source(script), style_hashes=[csp_source(text) for _, text in css],
            timestamp=timestamp, generator=f"termsheet {__version__}",
            old_lang=view.old_info.language if view.old_info.language != view.new_info.language
            else None)
    except TemplateError as error:
        raise page_template_error(error, templates, PAGE_TEMPLATE) from error


def read_script(templates: TemplateSet, relative: str = SCRIPT) -> Markup:
    """The page script (a template file, never data), refused if it could close ``<script>``."""
    file = read_template(templates, relative)
    text = file.text()
    if re.search(r"</script|<!--|<script", text, re.IGNORECASE):
        raise file.problem("a script may not contain '</script', '<script' or '<!--'",
                           code="unsafe-script")
    return Markup(text)


def csp_source(text: str) -> str:
    """A Content-Security-Policy source for an inline element's exact text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(str(text).encode("utf-8")).digest()).decode()


def _later(a: str, b: str) -> str:
    return max(a, b)


# ------------------------------------------------------------------ inline visitor

def render_marked(nodes) -> Markup:
    """Inline nodes of a side-by-side column as escaped HTML.

    ``Inserted``/``Deleted`` become ``<ins>``/``<del>`` that start with a
    visually hidden "inserted:"/"deleted:" (screen readers do not announce the
    elements); an :class:`Invisible` becomes a visible ``⟨NBSP⟩`` marker naming
    the character. Cross-references print their number without a link (the
    page's anchors are rows, not the term sheet's provisions).
    """
    return Markup("").join(_marked(node) for node in nodes)


def _marked(node) -> Markup:
    if isinstance(node, Inserted):
        return Markup('<ins><span class="visually-hidden">inserted: </span>{}</ins>').format(
            render_marked(node.children))
    if isinstance(node, Deleted):
        return Markup('<del><span class="visually-hidden">deleted: </span>{}</del>').format(
            render_marked(node.children))
    if isinstance(node, Invisible):
        return Markup('<abbr class="invisible" title="{}">{}</abbr>').format(
            node.description, node.marker)
    if isinstance(node, Emphasis):
        tag = Markup("strong") if node.strong else Markup("em")
        return Markup("<{0}>{1}</{0}>").format(tag, render_marked(node.children))
    return render_inline((node,))


# ------------------------------------------------------------- attribute filters

def anchor(value: str) -> str:
    """A row id or ``#fragment``: only ``^[a-z][a-z0-9._:~-]*$`` passes (change ids have ``:``
    and ``~``; none of these characters means anything in an attribute or a fragment)."""
    if not isinstance(value, str) or not _ANCHOR.match(value):
        raise RenderError(f"id {value!r} cannot be used as an HTML anchor", code="render-id")
    return value


_TESTS = {
    "title_piece": lambda p: isinstance(p, Title),
    "paragraph": lambda p: isinstance(p, Paragraph),
    "listblock": lambda p: isinstance(p, ListBlock),
    "field_value": lambda p: isinstance(p, FieldValue),
    "note": lambda p: isinstance(p, Note),
}


@per_template_set
def _environment(templates: TemplateSet) -> ImmutableSandboxedEnvironment:
    """The comparison page's environment (the term-sheet page's settings, its own filters)."""
    env = page_environment(templates, "diff-html")
    env.filters.update(marked=render_marked, anchor=anchor, css_ident=css_ident,
                       lang_tag=lang_tag, label=label, words=words, label_words=label_words)
    env.tests.update(_TESTS)
    return env
