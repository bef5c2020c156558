"""HTML writer: a standalone, self-contained page for a `Document`.

The page structure lives in Jinja2 templates (``templates/html/``) and the look in
CSS (``templates/styles/``); a drafting office may override either through
``--templates``. This module gives the templates a safe environment:

- autoescape is on for every template, undefined values raise (``StrictUndefined``)
  and printing ``None`` raises too, so a missing value never shows up as "None";
- user data only ever reaches the page as escaped text or as an attribute value
  checked against a strict pattern (:func:`anchor`, :func:`css_ident`,
  :func:`lang_tag`); the templates never mark data safe;
- inline nodes are rendered by a small visitor that raises for unknown node types.

The same page, with ``for_print=True``, is what the PDF writer lays out. A footnote
is a call linked to the numbered list of notes at the end of the page; in print, its
text stays in place as ``<span class="footnote">``, which ``print.css`` floats to the
foot of the page (``float: footnote``).
"""

from __future__ import annotations

import contextvars
import re

from jinja2 import StrictUndefined, TemplateError, TemplateRuntimeError, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from termsheet import __version__
from termsheet.document.nodes import (
    Bracket, bracket_text, Clause, Deleted, Document, Emphasis, Footnote, Inserted, LineBreak, ListBlock, Paragraph,
    Reference, Row, Section, Table, Term, Text, footnotes, unknown_node, walk,
)
from termsheet.errors import RenderError
from termsheet.schema.vocab import value_words
from termsheet.resources import TemplateSet
from termsheet.templates_folder import FolderLoader, per_template_set
from termsheet.writers.furniture import labels_for, signature_for
from termsheet.writers.extra_css import extra_stylesheets, stylesheet_text

PAGE_TEMPLATE = "termsheet.html.j2"
"""The page template, looked up under ``html/`` in the template folders."""
SCREEN_CSS = "styles/screen.css"
PRINT_CSS = "styles/print.css"

_ANCHOR = re.compile(r"^[a-z][a-z0-9._-]*$")
OLD_POSITIONS = ("deleted", "moved_from")
"""Redline marks of content that stood here in the older version: it keeps no anchor,
so that the id (shared with the ``moved_to`` copy) appears once in the page."""
_IDENT = re.compile(r"^[a-z][a-z0-9_-]*$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_PRINT = contextvars.ContextVar("termsheet_html_print", default=False)
"""Whether the page being rendered is for print (footnotes in place) or the screen."""
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?)?)?$")


def write_html(doc: Document, *, templates: TemplateSet | None = None,
               for_print: bool = False) -> str:
    """The document as one self-contained HTML page (inline CSS, no external resources).

    ``for_print`` selects the paged-media stylesheet (``styles/print.css``: the table of
    contents with page numbers, running header and footer, watermark), as the PDF writer
    wants; otherwise the page carries
    ``styles/screen.css`` and ``print.css`` for the browser's print. A drafting office's
    ``styles/extra.css`` follows either (:mod:`termsheet.writers.extra_css`).
    """
    return render_page(doc, templates=templates, for_print=for_print, timestamp=doc.info.date)


def render_page(doc: Document, *, templates: TemplateSet | None, for_print: bool,
                timestamp: str) -> str:
    """:func:`write_html` with the ``dcterms`` timestamp given (the PDF writer fixes it)."""
    templates = templates or TemplateSet()
    if not _DATE.match(timestamp):
        raise RenderError(f"not a W3C date or date-time: {timestamp!r}", code="render-date")
    ids = _check_ids(doc)
    if for_print:
        css = [("all", read_stylesheet(templates, PRINT_CSS))]
    else:
        css = [("screen", read_stylesheet(templates, SCREEN_CSS)),
               ("print", read_stylesheet(templates, PRINT_CSS))]
    css += extra_stylesheets(templates)  # the office's styles/extra.css, after the packaged ones
    env = _environment(templates)
    token = _PRINT.set(for_print)
    try:
        page = env.get_template(PAGE_TEMPLATE)
        return page.render(doc=doc, info=doc.info, labels=labels_for(doc.info.language),
                           for_print=for_print, stylesheets=css,
                           timestamp=timestamp, anchors=ids, generator=f"termsheet {__version__}")
    except TemplateError as error:
        raise page_template_error(error, templates, PAGE_TEMPLATE) from error
    finally:
        _PRINT.reset(token)


def footnote_list(doc: Document, anchors=frozenset()) -> Markup:
    """The numbered notes of a screen page (nothing in print, or without footnotes)."""
    notes = footnotes(doc)
    if not notes or _PRINT.get():
        return Markup("")
    items = Markup("").join(
        Markup('<li id="fn-{0}" value="{0}">{1} <a class="footnote-back" href="#fnref-{0}" '
               'aria-label="Back to the text">↩</a></li>\n').format(
            note.number, render_inline(note.children, anchors))
        for note in notes)
    return Markup('<section class="footnotes" aria-labelledby="notes-heading">\n'
                  '<h2 id="notes-heading">{}</h2>\n<ol>\n{}</ol>\n</section>\n').format(
                      labels_for(doc.info.language)["notes"], items)


def read_stylesheet(templates: TemplateSet, relative: str) -> Markup:
    """The CSS file ``relative`` (user folder first), ready to sit inside a ``<style>`` element.

    A stylesheet is part of the templates, never data; it is refused if it could
    close the ``<style>`` element and start markup of its own
    (:func:`termsheet.writers.extra_css.stylesheet_text`).
    """
    _file, css = stylesheet_text(templates, relative)
    return Markup(css)


# ------------------------------------------------------------------ inline visitor

def render_inline(nodes, anchors: frozenset[str] = frozenset()) -> Markup:
    """Inline nodes as escaped HTML; a reference links only to an id present in the page."""
    return Markup("").join(_inline(node, anchors) for node in nodes)


LONG_TOKEN_CHARS = 30
"""A word at least this long without a space (a URL, a code) may break anywhere: it is
wrapped in ``<span class="long-token">`` so that only it does, never a name in a table."""

_LONG_TOKEN = re.compile(r"\S{%d,}" % LONG_TOKEN_CHARS)


def _text(text: str) -> Markup:
    """Escaped text, each long token marked so that CSS may break it anywhere."""
    out, last = [], 0
    for match in _LONG_TOKEN.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup('<span class="long-token">{}</span>').format(match.group(0)))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _inline(node, anchors) -> Markup:
    if isinstance(node, Text):
        return _text(node.text)
    if isinstance(node, Term):
        return Markup('<span class="term">{}</span>').format(node.text)
    if isinstance(node, Emphasis):
        tag = Markup("strong") if node.strong else Markup("em")
        return Markup("<{0}>{1}</{0}>").format(tag, render_inline(node.children, anchors))
    if isinstance(node, Bracket):
        return Markup('<span class="bracket">{}</span>').format(
            render_inline(bracket_text(node), anchors))
    if isinstance(node, Reference):
        label = node.number or node.target
        if node.target in anchors:
            return Markup('<a class="xref" href="#{}">{}</a>').format(node.target, label)
        return Markup('<span class="xref">{}</span>').format(label)
    if isinstance(node, LineBreak):
        return Markup("<br>")
    if isinstance(node, Footnote):
        if _PRINT.get():
            return Markup('<span class="footnote">{}</span>').format(
                render_inline(node.children, anchors))
        return Markup('<sup class="footnote-call"><a href="#fn-{0}" id="fnref-{0}" '
                      'role="doc-noteref">{0}</a></sup>').format(node.number)
    if isinstance(node, Inserted):
        return Markup('<ins><span class="visually-hidden">inserted: </span>{}</ins>').format(
            render_inline(node.children, anchors))
    if isinstance(node, Deleted):
        return Markup('<del><span class="visually-hidden">deleted: </span>{}</del>').format(
            render_inline(node.children, anchors))
    raise unknown_node("html", node)


# ------------------------------------------------------------- attribute filters

def anchor(value: str) -> str:
    """``value`` as an ``id``/``#fragment``: only ids matching ``^[a-z][a-z0-9._-]*$`` pass.

    That is the input model's id pattern plus ``.`` and ``_`` for composite ids; none
    of these characters means anything in an attribute or a URL fragment.
    """
    if not isinstance(value, str) or not _ANCHOR.match(value):
        raise RenderError(f"id {value!r} cannot be used as an HTML anchor", code="render-id")
    return value


def css_ident(value: str) -> str:
    """``value`` (a role or status) as part of a class name; anything unusual is refused."""
    if not isinstance(value, str) or not _IDENT.match(value):
        raise RenderError(f"{value!r} cannot be used in a class name", code="render-class")
    return value


def lang_tag(value: str) -> str:
    """``value`` as a ``lang`` attribute: a BCP-47 tag as the input model allows."""
    if not isinstance(value, str) or not _LANG.match(value):
        raise RenderError(f"{value!r} is not a language tag", code="render-lang")
    return value


def label(value: str) -> str:
    """A vocabulary code as words (``negotiating_draft`` → ``negotiating draft``); other text as is."""
    return value_words(value)


MARKED_FIELDS = {"title": "title_marked", "number": "number_marked", "caption": "caption_marked"}
"""Heading and caption fields, and the field holding their comparison marks."""


def marked(node: Section | Clause | Table, field: str) -> tuple:
    """Inline nodes for ``field`` (title, number, caption) of ``node``: its comparison marks
    when a comparison set them, else the plain text."""
    changed = getattr(node, MARKED_FIELDS[field])
    if changed:
        return changed
    plain = getattr(node, field)
    return (Text(plain),) if plain else ()


def column_headings(table: Table) -> list[tuple]:
    """The header cells of ``table`` as inline nodes (a redline's marked header if set)."""
    if table.header_marked:
        return list(table.header_marked)
    return [(Text(heading),) for heading in table.header]


def is_anchored(node: Section | Clause | Paragraph | Table | Row) -> bool:
    """Whether ``node`` carries its id as an anchor in the page (not an old position)."""
    return node.id is not None and node.change not in OLD_POSITIONS


def column_widths(table: Table) -> list[str]:
    """Percentages for the table's columns (equal when it gives none).

    The only data-derived value in a ``style`` attribute: numbers we format ourselves.
    """
    count = len(table.header)
    widths = table.widths or (1,) * count
    if len(widths) != count or not all(
            type(width) is int and width > 0 for width in widths):
        raise RenderError(f"table {table.id or table.caption!r}: widths {widths!r} do not fit "
                          f"its {count} columns", code="render-table")
    total = sum(widths)
    return [f"{100 * width / total:.2f}%" for width in widths]


# --------------------------------------------------------------------- checks

def _check_ids(doc: Document) -> frozenset[str]:
    """Every id the page will carry: each must be a valid anchor and appear once.

    Also checks that table rows have as many cells as the header (no cell may be lost).
    """
    seen: set[str] = set()
    for node in walk(doc):
        if isinstance(node, Table):
            for row in node.rows:
                if len(row.cells) != len(node.header):
                    raise RenderError(
                        f"table {node.id or node.caption!r}: a row has {len(row.cells)} cells "
                        f"for {len(node.header)} columns", code="render-table")
        node_id = getattr(node, "id", None)
        if isinstance(node, (Section, Clause, Paragraph, Table, Row)) and is_anchored(node):
            anchor(node_id)
            if node_id in seen:
                raise RenderError(f"id {node_id!r} appears twice in the document",
                                  code="render-id")
            seen.add(node_id)
    return frozenset(seen)


def _no_none(value):
    """Jinja ``finalize``: printing ``None`` is a template bug, never an empty string."""
    if value is None:
        raise TemplateRuntimeError("a template printed a missing value (None); guard it with {% if %}")
    return value


def _raise_unknown(node, writer: str = "html"):
    raise unknown_node(writer, node)


def page_template_error(error: TemplateError, templates: TemplateSet, page: str) -> Exception:
    """An error met while a page template renders, with the template's file and line: a
    configuration error for the drafting office's own template, else a `RenderError`."""
    from termsheet.compose.template_errors import template_failure

    return template_failure(error, templates, _page_bug, f"html/{page}")


def _page_bug(message: str) -> RenderError:
    return RenderError(f"HTML template {message}", code="template-error")


# ---------------------------------------------------------------- environment

_TESTS = {
    "clause": lambda node: isinstance(node, Clause),
    "paragraph": lambda node: isinstance(node, Paragraph),
    "listblock": lambda node: isinstance(node, ListBlock),
    "table": lambda node: isinstance(node, Table),
    "anchored": is_anchored,
    "annex": lambda node: isinstance(node, Section) and node.annex is not None,
    "with_footnotes": lambda doc: isinstance(doc, Document) and bool(footnotes(doc)),
}


def page_environment(templates: TemplateSet, writer: str) -> ImmutableSandboxedEnvironment:
    """A sandboxed, autoescaping, strict environment over ``html/`` of the template set (the
    office's files read as regular files only, never through a symlink).

    Shared by every HTML page writer; ``writer`` names it in unknown-node errors.
    """
    env = ImmutableSandboxedEnvironment(
        loader=FolderLoader(templates, "html"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"),
                                     default_for_string=True, default=True),
        undefined=StrictUndefined,
        finalize=_no_none,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.globals.update(unknown_node=lambda node: _raise_unknown(node, writer))
    return env


@per_template_set
def _environment(templates: TemplateSet) -> ImmutableSandboxedEnvironment:
    """The term-sheet page's environment, built once per template set, so each process
    compiles the page templates once (Jinja2 still notices an edited template file).
    """
    env = page_environment(templates, "html")
    env.filters.update(inline=_inline_filter, anchor=anchor, css_ident=css_ident,
                       lang_tag=lang_tag, label=label, marked=marked,
                       column_headings=column_headings, column_widths=column_widths,
                       footnote_list=footnote_list, signature_for=signature_for)
    env.tests.update(_TESTS)
    return env


def _inline_filter(nodes, anchors=frozenset()) -> Markup:
    return render_inline(nodes, anchors)
