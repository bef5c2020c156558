"""PDF writer: the print HTML page laid out by WeasyPrint, safely and reproducibly.

``write_pdf(doc, pdf_engine="typst")`` hands the document to the Typst writer instead
(:mod:`termsheet.writers.typst_pdf`, under the same guards, see
:mod:`termsheet.writers.typst_engine`); the rest of this module is the WeasyPrint engine.

``write_pdf`` renders :func:`termsheet.writers.html.render_page` with
``styles/print.css`` and lays it out with WeasyPrint, under four guards:

- **resources**: the only URL fetcher is :class:`termsheet.writers.fetcher.SafeFetcher`
  (``data:`` images and the stylesheet's own ``assets/``); any other URL stops the
  render with ``RenderError(code="unsafe-resource")``;
- **warnings**: anything WeasyPrint logs at WARNING or above is an error
  (``code="render-warning"``), except :data:`ALLOWED_WARNINGS`, each of which
  leaves a notice for the user instead (:func:`take_notices`);
- **glyphs**: every character of the document must be covered, in every face text can
  be set in, by the fonts the stylesheet names, as fontconfig resolves them, before
  layout starts (:mod:`termsheet.writers.glyphs`; ``code="missing-glyph"``, naming the
  character and the field);
- **time**: ``timeout=`` bounds the render (``code="render-timeout"``).

Runaway layouts and the batch layer: ``timeout`` uses ``SIGALRM``, so it works only
in a process's main thread — which is where a ``ProcessPoolExecutor`` or
``multiprocessing`` worker runs its tasks. Pass ``timeout`` slightly below the
batch's own per-file limit: the worker then reports a clean error and stays usable.
Keep killing the worker at the batch limit as well, because a signal cannot
interrupt a long call inside a C library (Pango, HarfBuzz).

Reproducible output: the same document, templates, variant and attachment give the
same bytes. Dates come from ``source_date``, else ``SOURCE_DATE_EPOCH``, else the
document's own date — never the clock, not even inside the embedded fonts; the
PDF ``/ID`` is a hash of the input.
WeasyPrint is imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import logging
import os
import re
from contextlib import contextmanager
from pathlib import Path

from termsheet.alarms import Deadline, can_limit_time, raise_after
from termsheet.document.nodes import Document
from termsheet.errors import RenderError
from termsheet.resources import TemplateSet
from termsheet.writers.extra_css import print_stylesheet
from termsheet.writers.glyphs import check_glyphs, font_families
from termsheet.writers.html import PRINT_CSS, render_page
from termsheet.writers.pdf_inputs import as_datetime, check_attachment, fixed_timestamp
from termsheet.writers.table import check_engine

VARIANTS = {
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True},
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True, "custom_metadata": True},
    "none": {"pdf_variant": None, "pdf_tags": False, "custom_metadata": True},
}
"""Allowed ``variant`` values and the WeasyPrint options they select.

``pdf/ua-1`` (default) is tagged for assistive technology; ``pdf/a-3b`` is archival,
also tagged, and may carry the source term file; ``none`` is an untagged plain PDF
(no structure tree: 7–20 % faster). The ``pdf/x-*`` variants are left out: they stamp local time.
Every variant writes the page's other ``<meta>`` names (the authentic languages, the original
of a translation) into the document information dictionary.
"""

FONTTOOLS_NOTICE = ("PDF fonts are subset with fontTools (slower); "
                    "install libharfbuzz-subset0 (Debian/Ubuntu) for faster PDFs")

ALLOWED_WARNINGS: dict[re.Pattern, str] = {
    # Without the HarfBuzz subsetting library, WeasyPrint subsets the embedded fonts
    # with fontTools instead: an equivalent subset (same glyphs), only slower.
    re.compile(r'^Using fontTools instead of HarfBuzz-Subset for font "[^\n]*"\. '
               r'This will be unsupported in future versions of WeasyPrint\. '
               r'Please install HarfBuzz-Subset >= [\d.]+ with your package manager\.\Z'):
        FONTTOOLS_NOTICE,
}
"""WeasyPrint log messages tolerated during a render, each with the notice it leaves.
Every other warning is an error. Add a pattern only with a comment saying why the
warning is harmless."""

_notices: set[str] = set()
"""Notices left in this process and not yet taken by :func:`take_notices`."""

def write_pdf(doc: Document, *, templates: TemplateSet | None = None,
              variant: str = "pdf/ua-1", attachment: tuple[str, bytes] | None = None,
              source_date: str | None = None, timeout: float | None = None,
              pdf_engine: str = "weasyprint") -> bytes:
    """The document as PDF bytes (A4, running marking and "Page X of Y", outline, metadata).

    ``attachment=(filename, data)`` embeds one file, typically the source term file
    for ``variant="pdf/a-3b"``. ``source_date`` (W3C date or date-time) fixes the
    creation date; ``timeout`` (seconds) bounds the render, see the module docstring.
    ``pdf_engine="typst"`` lays the document out with Typst instead
    (:func:`termsheet.writers.typst_pdf.write_pdf_typst`, the same arguments).
    Raises :class:`termsheet.errors.RenderError` for every failure of the render.
    """
    if check_engine(pdf_engine) == "typst":
        from termsheet.writers.typst_pdf import write_pdf_typst

        return write_pdf_typst(doc, templates=templates, variant=variant, attachment=attachment,
                               source_date=source_date, timeout=timeout)
    templates = templates or TemplateSet()
    timestamp = fixed_timestamp(doc, source_date)
    html = render_page(doc, templates=templates, for_print=True, timestamp=timestamp)
    stylesheet, css = print_stylesheet(templates, PRINT_CSS)
    check_glyphs(doc, font_families(css))
    return html_to_pdf(html, stylesheet=stylesheet, variant=variant, attachment=attachment,
                       timestamp=timestamp, timeout=timeout)


def html_to_pdf(html: str, *, stylesheet: Path, variant: str = "pdf/ua-1",
                attachment: tuple[str, bytes] | None = None, timestamp: str,
                timeout: float | None = None) -> bytes:
    """Lay out a print page made from our templates, under every guard of this module.

    For any writer whose page embeds ``stylesheet`` (the file it was read from: its
    ``assets/`` folder is the only one the fetcher serves). The caller has already
    checked the glyphs (:func:`check_glyphs`) and fixed ``timestamp``
    (:func:`fixed_timestamp`), which also dates the attachment.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}; allowed: {', '.join(VARIANTS)}")
    check_attachment(attachment)
    options = dict(VARIANTS[variant], pdf_identifier=_identifier(html, variant, attachment))
    rang: list[int] = []
    try:
        with _deadline(timeout, rang), _weasyprint_warnings() as warnings, _font_dates(timestamp):
            pdf = _lay_out(html, stylesheet, options, attachment, timestamp)
    except Deadline:  # the alarm rang just as the layout ended
        raise _timed_out(timeout) from None
    if rang:  # the alarm rang inside a finaliser, where Python ignores the exception
        raise _timed_out(timeout)
    if warnings:
        raise RenderError("WeasyPrint reported a problem: " + "; ".join(warnings),
                          code="render-warning")
    return pdf


def _lay_out(html: str, stylesheet: Path, options: dict, attachment, timestamp: str) -> bytes:
    """WeasyPrint's layout and PDF output, with failures turned into RenderError."""
    weasyprint = import_weasyprint()
    HTML, Attachment = weasyprint.HTML, weasyprint.Attachment

    from termsheet.writers.fetcher import SafeFetcher, URLRefused

    fetcher = SafeFetcher(stylesheet.parent / "assets")
    attachments = []
    if attachment is not None:
        when = as_datetime(timestamp)
        name, data = attachment
        attachments.append(Attachment(string=data, name=name, url_fetcher=fetcher,
                                      description="Source term file", created=when,
                                      modified=when, relationship="Source"))
    try:
        page = HTML(string=html, base_url=stylesheet.as_uri(), url_fetcher=fetcher)
        return page.write_pdf(attachments=attachments, **options)
    except URLRefused as error:
        raise RenderError(f"rendering with {stylesheet}: {error}", code="unsafe-resource",
                          field=error.url) from None
    except Deadline:
        raise _timed_out() from None


# ------------------------------------------------------------------ import

def import_weasyprint():
    """``import weasyprint``, without the ~0.25 s its library probing costs on Linux.

    While loading Pango, HarfBuzz, fontconfig and GObject, WeasyPrint (through cffi)
    calls ``ctypes.util.find_library`` for several candidate names per library; each
    call spawns ``ldconfig -p`` and, for the names that do not exist, ``gcc`` and
    ``ld`` too. During the import only, ``find_library`` answers from one parse of
    the ``ldconfig -p`` cache (the same match ctypes makes), then from the
    directories of ``LD_LIBRARY_PATH``; a name found in neither is missing, as it
    would be for ctypes' own search on a glibc system. Without ``ldconfig`` the
    standard search is used unchanged.
    """
    import sys
    module = sys.modules.get("weasyprint")
    if module is not None:
        return module
    cache = _ldconfig_cache()
    if cache is None:
        import weasyprint
        return weasyprint
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return _cached_library(cache, name)

    ctypes.util.find_library = find_library
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = original
    return weasyprint


def _ldconfig_cache() -> dict[str, str] | None:
    """``soname -> path`` for this machine's ABI from ``ldconfig -p``; None if unavailable."""
    import struct
    import subprocess
    import sys
    if not sys.platform.startswith("linux"):
        return None
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")
    try:
        done = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              env={"LC_ALL": "C", "LANG": "C"}, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    entries: dict[str, str] = {}
    for match in re.finditer(r"^\s+(\S+)\s+\(([^)]*)\)\s+=>\s+(\S+)\s*$",
                             os.fsdecode(done.stdout), re.MULTILINE):
        soname, flags, path = match.groups()
        if flags.startswith(abi) and soname not in entries:
            entries[soname] = path
    return entries or None


def _cached_library(cache: dict[str, str], name: str) -> str | None:
    """What ``ctypes.util.find_library(name)`` finds, answered from ``cache``."""
    prefix = f"lib{name}."
    for soname in cache:  # ldconfig's order, as ctypes takes the first match
        if soname.startswith(prefix):
            return soname
    for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep)):
        try:
            names = sorted(entry for entry in os.listdir(folder) if entry.startswith(prefix + "so"))
        except OSError:
            continue
        if names:
            return os.path.join(folder, names[0])
    return None


def _timed_out(seconds: float | None = None) -> RenderError:
    limit = f" ({seconds:g} s)" if seconds else ""
    return RenderError(f"rendering the PDF took longer than its time limit{limit} and was stopped",
                       code="render-timeout")


# ------------------------------------------------------------ reproducibility

def _identifier(html: str, variant: str, attachment) -> bytes:
    """The PDF ``/ID``: a hash of everything that goes into the file."""
    digest = hashlib.sha256(variant.encode() + b"\0" + html.encode("utf-8"))
    if attachment is not None:
        digest.update(b"\0" + attachment[0].encode("utf-8") + b"\0" + attachment[1])
    return digest.hexdigest()[:32].encode("ascii")


@contextmanager
def _font_dates(timestamp: str):
    """Fonts that fontTools rewrites during the block are dated ``timestamp``, not now.

    fontTools stamps a font it saves with the clock; WeasyPrint saves through it the
    fonts it subsets without HarfBuzz, and a few others (emoji, bitmap fonts).
    """
    from fontTools.misc.timeTools import timestampSinceEpoch
    from fontTools.ttLib.tables import _h_e_a_d as head

    stamp = timestampSinceEpoch(as_datetime(timestamp).timestamp())
    clock = head.timestampNow
    head.timestampNow = lambda: stamp
    try:
        yield
    finally:
        head.timestampNow = clock


# ------------------------------------------------------------------ guards

@contextmanager
def _deadline(seconds: float | None, rang: list[int]):
    """Raise :class:`~termsheet.alarms.Deadline` in the main thread after ``seconds``
    (None: no limit), noting in ``rang`` that it rang."""
    if seconds is None:
        yield
        return
    if seconds <= 0:
        raise ValueError("timeout must be positive")
    if not can_limit_time():
        raise ValueError("write_pdf(timeout=...) needs the main thread of a process (POSIX); "
                         "run it in a worker process")
    with raise_after(seconds, on_ring=lambda: rang.append(1)):
        yield


def take_notices() -> list[str]:
    """The notices left by tolerated warnings in this process since the last call."""
    notices = sorted(_notices)
    _notices.clear()
    return notices


class _Collector(logging.Handler):
    """Keeps WeasyPrint's warnings; a tolerated one only leaves its notice."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        notice = next((notice for pattern, notice in ALLOWED_WARNINGS.items()
                       if pattern.search(message)), None)
        if notice is None:
            self.messages.append(message)
        else:
            _notices.add(notice)


@contextmanager
def _weasyprint_warnings():
    """Collect what the ``weasyprint`` logger reports at WARNING or above during the block."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    level = logger.level
    logger.addHandler(collector)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
