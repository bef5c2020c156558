"""The N-column document of a consolidation as an HTML page and as a landscape PDF.

    write_columns_html(view, templates=None) -> str
    write_columns_pdf(view, templates=None, variant="pdf/ua-1", timeout=None,
                      pdf_engine="weasyprint") -> bytes

The view is :func:`termsheet.compare.columns.build_columns`'s. The page
(``templates/html/columns.html.j2``) has the versions compared (column label,
party, document, version, date, file), the convergence line, a legend, then one
table: a sticky heading row with the version labels, a ``<tbody>`` per section
and a row per provision (its number and label, a cell per version with its
number, direction and marked text — "not addressed" where the version is
silent — and its status). A small script (``templates/html/columns.js``) shows
the filters: columns by version, rows by status; without it every column and
row is shown. Below 48rem a row's cells stack, each under its version's label.

Safety as for the comparison page (:mod:`termsheet.writers.diff_html`): the
same sandboxed, autoescaping, strict environment and filters, the stylesheets
and the script are template files checked so that they cannot close their
element, and a Content-Security-Policy allows only them (by SHA-256 hash).

The PDF is the same page for print (no script, no filters,
``styles/columns-print.css``: A4 landscape, heading row repeated on each page,
the marking and "Page X of Y" in the margins, the sections as the outline),
laid out by :func:`termsheet.writers.pdf.html_to_pdf` after the glyph check;
``pdf_engine="typst"`` lays the same view out with Typst instead
(:mod:`termsheet.writers.typst_columns`).
"""

from __future__ import annotations

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from termsheet import __version__
from termsheet.compare.columns import NOT_ADDRESSED, ColumnsView
from termsheet.compare.consolidation import STATUS_WORDS, STATUSES
from termsheet.compare.side_inlines import printed_text
from termsheet.document.nodes import Document, DocumentInfo, Origin, Paragraph, Section, Text
from termsheet.resources import TemplateSet
from termsheet.templates_folder import per_template_set
from termsheet.writers.diff_html import anchor, csp_source, read_script, render_marked
from termsheet.writers.extra_css import extra_stylesheets
from termsheet.writers.html import (
    css_ident, lang_tag, page_environment, page_template_error, read_stylesheet,
)

PAGE_TEMPLATE = "columns.html.j2"
SCREEN_CSS = "styles/columns.css"
PRINT_CSS = "styles/columns-print.css"
SCRIPT = "html/columns.js"
TEMPLATE_SYMBOLS = "—“”’·"
"""Characters the template prints itself (checked against the PDF's fonts too)."""


def write_columns_html(view: ColumnsView, *, templates: TemplateSet | None = None) -> str:
    """The N-column document as one self-contained HTML page."""
    return render_columns_page(view, templates=templates, for_print=False)


def write_columns_pdf(view: ColumnsView, *, templates: TemplateSet | None = None,
                      variant: str = "pdf/ua-1", source_date: str | None = None,
                      timeout: float | None = None, pdf_engine: str = "weasyprint") -> bytes:
    """The N-column document as PDF bytes (landscape A4, tagged, reproducible), laid out by
    ``pdf_engine`` (``weasyprint`` or ``typst``)."""
    from termsheet.writers import pdf
    from termsheet.writers.table import check_engine
    from termsheet.writers.extra_css import print_stylesheet

    templates = templates or TemplateSet()
    texts = _texts_document(view)
    timestamp = pdf.fixed_timestamp(texts, source_date)
    if check_engine(pdf_engine) == "typst":
        from termsheet.writers.typst_columns import write_columns_pdf_typst

        return write_columns_pdf_typst(view, texts, timestamp=timestamp, variant=variant,
                                       timeout=timeout)
    html = render_columns_page(view, templates=templates, for_print=True, timestamp=timestamp)
    stylesheet, css = print_stylesheet(templates, PRINT_CSS)
    pdf.check_glyphs(texts, pdf.font_families(css))
    return pdf.html_to_pdf(html, stylesheet=stylesheet, variant=variant, timestamp=timestamp,
                           timeout=timeout)


def render_columns_page(view: ColumnsView, *, templates: TemplateSet | None, for_print: bool,
                        timestamp: str | None = None) -> str:
    """The page; ``for_print`` gives the PDF variant (no script, no filters, print CSS only)."""
    templates = templates or TemplateSet()
    if for_print:
        css = [("all", read_stylesheet(templates, PRINT_CSS))]
        script = Markup("")
    else:
        css = [("screen", read_stylesheet(templates, SCREEN_CSS)),
               ("print", read_stylesheet(templates, PRINT_CSS))]
        script = read_script(templates, SCRIPT)
    css += extra_stylesheets(templates)
    info = _info(view)
    counts = view.consolidation.counts()
    try:
        return _environment(templates).get_template(PAGE_TEMPLATE).render(
            view=view, for_print=for_print, stylesheets=css, script=script,
            script_hash=csp_source(script), style_hashes=[csp_source(text) for _, text in css],
            timestamp=timestamp or info.date, generator=f"termsheet {__version__}",
            language=info.language, marking=info.marking, illustrative=info.illustrative,
            not_addressed=NOT_ADDRESSED,
            statuses=[(status, counts[status]) for status in STATUSES if counts[status]])
    except TemplateError as error:
        raise page_template_error(error, templates, PAGE_TEMPLATE) from error


def columns_info(view: ColumnsView) -> DocumentInfo:
    """The N-column document's own identity: its title, the latest date, the first version's
    language, the markings of the versions (one, or each in turn)."""
    return _info(view)


def _info(view: ColumnsView) -> DocumentInfo:
    infos = view.infos
    markings = list(dict.fromkeys(info.marking for info in infos if info.marking))
    return DocumentInfo(
        doc_id=" / ".join(dict.fromkeys(column.doc_id for column in view.columns)),
        title=view.title, document_type="consolidation", version="",
        date=max(column.date for column in view.columns), status="N-column document",
        drafting_party=", ".join(dict.fromkeys(column.code for column in view.columns)),
        language=infos[0].language if infos else "en",
        marking=" / ".join(markings) or None,
        illustrative=any(info.illustrative for info in infos),
    )


def _texts_document(view: ColumnsView) -> Document:
    """Everything the page prints, as a Document for the glyph check."""
    texts = [TEMPLATE_SYMBOLS, view.title, view.convergence, NOT_ADDRESSED,
             view.consolidation.perspective, *STATUS_WORDS.values()]
    for column in view.columns:
        texts += [column.label, column.code, column.doc_id, column.version, column.date,
                  column.file or ""]
    for section in view.sections:
        texts.append(section.title)
        for row in section.rows:
            texts += [row.number, row.label, row.state or ""]
            for cell in row.cells:
                texts += [printed_text(cell.number), printed_text(cell.content),
                          cell.direction or "", *cell.reasons]
    paragraphs = tuple(Paragraph((Text(text),), origin=Origin("consolidation", "columns"))
                       for text in texts if text)
    return Document(info=_info(view), sections=(Section("columns", "Columns", paragraphs),))


def _status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status)


@per_template_set
def _environment(templates: TemplateSet) -> ImmutableSandboxedEnvironment:
    env = page_environment(templates, "columns-html")
    env.filters.update(marked=render_marked, anchor=anchor, css_ident=css_ident,
                       lang_tag=lang_tag, status_words=_status_words)
    return env
