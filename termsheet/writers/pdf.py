"""PDF writer: the print HTML page laid out by WeasyPrint, safely and reproducibly.

``write_pdf`` renders :func:`termsheet.writers.html.render_page` with
``styles/print.css`` and lays it out with WeasyPrint, under four guards:

- **resources**: the only URL fetcher is :class:`termsheet.writers.fetcher.SafeFetcher`
  (``data:`` images and the stylesheet's own ``assets/``); any other URL stops the
  render with ``RenderError(code="unsafe-resource")``;
- **warnings**: anything WeasyPrint logs at WARNING or above is an error
  (``code="render-warning"``), except :data:`ALLOWED_WARNINGS`, each of which
  leaves a notice for the user instead (:func:`take_notices`);
- **glyphs**: every character of the document must be covered by the fonts the
  stylesheet names, as fontconfig resolves them, before layout starts
  (``code="missing-glyph"``, naming the character and the field);
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
import functools
import hashlib
import logging
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path

from termsheet.alarms import Deadline, can_limit_time, raise_after
from termsheet.document.nodes import (
    Clause, Document, Paragraph, Reference, Row, Section, Table, Term, Text, children,
)
from termsheet.errors import RenderError
from termsheet.resources import TemplateSet
from termsheet.writers.extra_css import print_stylesheet
from termsheet.writers.html import PRINT_CSS, render_page

VARIANTS = {
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1", "pdf_tags": True},
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
    "none": {"pdf_variant": None, "pdf_tags": False},
}
"""Allowed ``variant`` values and the WeasyPrint options they select.

``pdf/ua-1`` (default) is tagged for assistive technology; ``pdf/a-3b`` is archival,
also tagged, and may carry the source term file; ``none`` is an untagged plain PDF
(no structure tree: 7–20 % faster). The ``pdf/x-*`` variants are left out: they stamp local time.
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

_FILENAME = re.compile(r"^[^/\\\x00-\x1f\x7f]{1,255}$")


def write_pdf(doc: Document, *, templates: TemplateSet | None = None,
              variant: str = "pdf/ua-1", attachment: tuple[str, bytes] | None = None,
              source_date: str | None = None, timeout: float | None = None) -> bytes:
    """The document as PDF bytes (A4, running marking and "Page X of Y", outline, metadata).

    ``attachment=(filename, data)`` embeds one file, typically the source term file
    for ``variant="pdf/a-3b"``. ``source_date`` (W3C date or date-time) fixes the
    creation date; ``timeout`` (seconds) bounds the render, see the module docstring.
    Raises :class:`termsheet.errors.RenderError` for every failure of the render.
    """
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
    _check_attachment(attachment)
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
        when = _as_datetime(timestamp)
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

def fixed_timestamp(doc: Document, source_date: str | None = None) -> str:
    """The creation date written into the PDF: ``source_date``, ``SOURCE_DATE_EPOCH``, the doc's date."""
    if source_date is not None:
        _as_datetime(source_date)
        return source_date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise RenderError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}",
                              code="render-date") from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return doc.info.date


def _as_datetime(value: str) -> datetime:
    """A W3C date or date-time (``2026-02-02``, ``2026-02-02T10:00:00Z``) as an aware datetime."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise RenderError(f"not a date or date-time: {value!r}", code="render-date") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


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

    stamp = timestampSinceEpoch(_as_datetime(timestamp).timestamp())
    clock = head.timestampNow
    head.timestampNow = lambda: stamp
    try:
        yield
    finally:
        head.timestampNow = clock


def _check_attachment(attachment) -> None:
    if attachment is None:
        return
    if (not isinstance(attachment, tuple) or len(attachment) != 2
            or not isinstance(attachment[0], str) or not isinstance(attachment[1], bytes)):
        raise TypeError("attachment must be a (filename, bytes) tuple")
    name = attachment[0]
    if not _FILENAME.match(name) or name in (".", ".."):
        raise RenderError(f"attachment name {name!r} must be a plain file name",
                          code="render-attachment")


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


# ------------------------------------------------------------------ glyphs

_FONT_DECLARATION = re.compile(r"\b(font|font-family)\s*:\s*([^;}]+)", re.IGNORECASE)
_FONT_SIZE = re.compile(r"^.*?\b[\d.]+(?:pt|px|em|rem|ex|%|mm|cm|in|pc)(?:/\S+)?\s+",
                        re.IGNORECASE)
_SKIPPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
"""Characters that draw no glyph (controls, format characters, line separators)."""


def font_families(css: str) -> tuple[str, ...]:
    """Every family named in the stylesheet's ``font`` and ``font-family`` declarations."""
    families: list[str] = []
    for match in _FONT_DECLARATION.finditer(css):
        prop, value = match.group(1).lower(), match.group(2).strip()
        if prop == "font":
            value = _FONT_SIZE.sub("", value, count=1)
        for name in value.split(","):
            name = name.strip().strip("'\"").strip()
            if name and name.lower() not in ("inherit", "initial", "unset") and name not in families:
                families.append(name)
    return tuple(families)


def check_glyphs(doc: Document, families: tuple[str, ...]) -> None:
    """Raise RenderError naming the first character that no font of ``families`` can draw."""
    coverage = _Coverage.for_families(families)
    chars = set()
    for _, text in document_texts(doc):
        chars.update(text)
    missing = sorted(char for char in chars
                     if unicodedata.category(char) not in _SKIPPED_CATEGORIES
                     and not coverage.has(char))
    if not missing:
        return
    for where, text in document_texts(doc):
        found = [char for char in missing if char in text]
        if found:
            names = ", ".join(_describe(char) for char in found)
            raise RenderError(
                f"{where}: no glyph for {names} in the fonts {', '.join(coverage.families)}",
                code="missing-glyph", field=where)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"U+{ord(char):04X} {name} ({char!r})"


def document_texts(doc: Document):
    """Pairs (where, text) for every piece of text the page prints, in document order."""
    info = doc.info
    for item in fields(info):
        value = getattr(info, item.name)
        if isinstance(value, str):
            yield f"document {item.name}", value
        elif item.name == "handling":
            for index, line in enumerate(value):
                yield f"document handling[{index}]", line
        elif item.name == "title_localized":
            for language, title in value:
                yield f"document title_localized[{language}]", title
    for section in doc.sections:
        yield from _texts(section, "document")


def _texts(node, place: str):
    if isinstance(node, (Section, Clause)):
        place = _place(node)
        yield place, " ".join(filter(None, (node.number, node.title, getattr(node, "status", ""))))
    elif isinstance(node, (Paragraph, Row)) and node.origin is not None:
        place = _place(node)
    elif isinstance(node, Table):
        yield place, " ".join(node.header) + " " + (node.caption or "")
    elif isinstance(node, (Text, Term)):
        yield place, node.text
    elif isinstance(node, Reference):
        yield place, node.number or node.target
    for child in children(node):
        yield from _texts(child, place)


def _place(node) -> str:
    kind = type(node).__name__.lower()
    origin = node.origin if hasattr(node, "origin") else None
    label = f"{kind} {node.id}" if getattr(node, "id", None) else kind
    if origin is None:
        return label
    position = ":".join(str(part) for part in (origin.file, origin.line, origin.column) if part)
    return f"{position}: {origin.path} ({label})"


class _Coverage:
    """Which characters the fonts of some families cover, asked of fontconfig itself
    (the library Pango uses to pick fonts), so that no fallback font is ever needed."""

    def __init__(self, families: tuple[str, ...], charsets: list):
        self.families = families
        self._charsets = charsets

    @classmethod
    @functools.lru_cache(maxsize=16)
    def for_families(cls, families: tuple[str, ...]) -> _Coverage:
        fc = _fontconfig()
        resolved: list[str] = []
        charsets = []
        for family in families:
            name = _resolve_family(fc, family)
            if name and name not in resolved:
                resolved.append(name)
                charsets.extend(_family_charsets(fc, name))
        if not charsets:
            raise RenderError(f"no installed font matches {', '.join(families) or 'the stylesheet'}",
                              code="missing-glyph")
        return cls(tuple(resolved), charsets)

    def has(self, char: str) -> bool:
        has_char = _fontconfig().FcCharSetHasChar
        code = ord(char)
        return any(has_char(charset, code) for charset in self._charsets)


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int),
                ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.lru_cache(maxsize=1)
def _fontconfig():
    try:
        fc = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        fc = ctypes.CDLL(ctypes.util.find_library("fontconfig") or "libfontconfig.so")
    void_p, char_p = ctypes.c_void_p, ctypes.c_char_p
    signatures = {
        "FcPatternCreate": ([], void_p),
        "FcPatternDestroy": ([void_p], None),
        "FcPatternAddString": ([void_p, char_p, char_p], ctypes.c_int),
        "FcPatternGetString": ([void_p, char_p, ctypes.c_int, ctypes.POINTER(char_p)], ctypes.c_int),
        "FcPatternGetCharSet": ([void_p, char_p, ctypes.c_int, ctypes.POINTER(void_p)], ctypes.c_int),
        "FcConfigSubstitute": ([void_p, void_p, ctypes.c_int], ctypes.c_int),
        "FcDefaultSubstitute": ([void_p], None),
        "FcFontMatch": ([void_p, void_p, ctypes.POINTER(ctypes.c_int)], void_p),
        "FcObjectSetCreate": ([], void_p),
        "FcObjectSetAdd": ([void_p, char_p], ctypes.c_int),
        "FcFontList": ([void_p, void_p, void_p], ctypes.POINTER(_FcFontSet)),
        "FcCharSetHasChar": ([void_p, ctypes.c_uint32], ctypes.c_int),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(fc, name)
        function.argtypes, function.restype = arguments, result
    return fc


def _resolve_family(fc, family: str) -> str | None:
    """The installed family fontconfig picks for ``family`` (``serif`` → ``DejaVu Serif``)."""
    pattern = fc.FcPatternCreate()
    try:
        fc.FcPatternAddString(pattern, b"family", family.encode("utf-8"))
        fc.FcConfigSubstitute(None, pattern, 0)  # FcMatchPattern
        fc.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = fc.FcFontMatch(None, pattern, ctypes.byref(result))
    finally:
        fc.FcPatternDestroy(pattern)
    if not match:
        return None
    try:
        name = ctypes.c_char_p()
        if fc.FcPatternGetString(match, b"family", 0, ctypes.byref(name)) != 0:
            return None
        return name.value.decode("utf-8")
    finally:
        fc.FcPatternDestroy(match)


def _family_charsets(fc, family: str) -> list:
    """The character sets of every face of ``family`` (kept alive for the process)."""
    pattern = fc.FcPatternCreate()
    objects = fc.FcObjectSetCreate()
    fc.FcPatternAddString(pattern, b"family", family.encode("utf-8"))
    fc.FcObjectSetAdd(objects, b"charset")
    font_set = fc.FcFontList(None, pattern, objects)
    fc.FcPatternDestroy(pattern)
    charsets = []
    for index in range(font_set.contents.nfont if font_set else 0):
        charset = ctypes.c_void_p()
        if fc.FcPatternGetCharSet(font_set.contents.fonts[index], b"charset", 0,
                                  ctypes.byref(charset)) == 0:
            charsets.append(charset)
    return charsets
