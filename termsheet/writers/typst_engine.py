"""The Typst PDF engine: a template of ours compiled with the document as data.

    compile_pdf("termsheet.typ", data, variant="pdf/ua-1", attachment=None,
                timestamp="2026-01-02", timeout=None) -> bytes

Every writer that offers the Typst engine turns its subject (a term sheet's
`Document`, a side-by-side view, the N-column view) into plain JSON-ready data
and names one template of ``templates/typst/``. User text reaches Typst only
as that data, through ``sys.inputs`` (the template reads it with
``json(bytes(sys.inputs.data))``), never as markup: a ``#``, ``$``, ``[`` or
``]`` in a field prints as itself.

The guards of the WeasyPrint engine hold here too:

- **resources**: Typst reads only the packaged ``templates/typst/`` folder (its
  project root) and the fonts bundled in ``templates/fonts/``; it never sees the
  machine's fonts, so the same input gives the same bytes on every machine and no
  system library is needed;
- **warnings**: any warning Typst reports is an error (``code="render-warning"``),
  and a failed compilation is ``code="render-error"``;
- **glyphs**: every character printed must be in the bundled fonts, checked before
  the compilation (:func:`check_bundled_glyphs`, ``code="missing-glyph"``);
- **time**: ``timeout`` bounds the compilation (``code="render-timeout"``), and a job's
  own alarm interrupts it too (the compilation runs in a thread);
- **dates**: the creation date is the ``timestamp`` given (see
  :func:`termsheet.writers.pdf_inputs.fixed_timestamp`), never the clock.

``pdf/ua-1`` (default) is tagged for assistive technology, ``pdf/a-3b`` is
archival and tagged and may carry the source term file, ``none`` is untagged.
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path

from termsheet.errors import RenderError
from termsheet.resources import data_dir
from termsheet.writers.pdf_inputs import as_datetime, check_attachment

STANDARDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "pdf/ua-1": (("ua-1",), True),
    "pdf/a-3b": (("a-3b",), True),
    "none": ((), False),
}
"""Each PDF variant: the PDF standards Typst checks and writes, and whether the PDF is tagged."""


def typst_folder() -> Path:
    """The packaged Typst templates: the only folder a compilation may read."""
    return data_dir("templates") / "typst"


def fonts_folder() -> Path:
    """The fonts bundled with termsheet: the only fonts a Typst PDF uses."""
    return data_dir("templates") / "fonts"


BUNDLED_FAMILIES = ("Liberation Serif", "DejaVu Serif", "Liberation Sans", "DejaVu Sans",
                    "Liberation Mono")
"""The families of ``templates/fonts/`` that the templates print in (``lib.typ``)."""


def check_bundled_glyphs(*documents, families: tuple[str, ...] = BUNDLED_FAMILIES) -> None:
    """Raise :class:`~termsheet.errors.MissingGlyphError` for the first character of
    ``documents`` that the bundled fonts of ``families`` cannot draw."""
    from termsheet.writers.glyphs import FileCoverage, check_coverage

    coverage = FileCoverage.for_families(str(fonts_folder()), families)
    for document in documents:
        check_coverage(document, coverage)


def compile_pdf(template: str, data: dict, *, variant: str = "pdf/ua-1",
                attachment: tuple[str, bytes] | None = None, timestamp: str,
                timeout: float | None = None) -> bytes:
    """Compile ``templates/typst/<template>`` with ``data`` as its input; the PDF bytes.

    ``attachment=(filename, data)`` embeds one UTF-8 text file (the source term
    file), which the template attaches. Raises :class:`RenderError` for every failure.
    """
    if variant not in STANDARDS:
        raise ValueError(f"unknown PDF variant {variant!r}; allowed: {', '.join(STANDARDS)}")
    standards, tagged = STANDARDS[variant]
    inputs = {"data": json.dumps(_with_attachment(data, attachment), ensure_ascii=False,
                                 separators=(",", ":"))}
    compiler, lock = _compiler(template)
    options = dict(sys_inputs=inputs, pdf_standards=list(standards), pdf_tags=tagged,
                   timestamp=_epoch_seconds(timestamp))

    def compile_once():
        with lock:  # a compiler lays out one document at a time
            return compiler.compile_with_warnings(**options)

    pdf, warnings = _run_bounded(compile_once, timeout)
    if warnings:
        raise RenderError("Typst reported a problem: " + "; ".join(_message(w) for w in warnings),
                          code="render-warning")
    return pdf


@functools.lru_cache(maxsize=8)
def _compiler(template: str):
    """One compiler per template and process (fonts are read once, later compilations are
    warm), with the lock that gives it to one compilation at a time."""
    import typst

    path = typst_folder() / template
    if not path.is_file():
        raise RenderError(f"Typst template not found: {template}", code="render-error")
    return (typst.Compiler(str(path), root=str(typst_folder()),
                           font_paths=[str(fonts_folder())], ignore_system_fonts=True),
            threading.Lock())


def _with_attachment(data: dict, attachment: tuple[str, bytes] | None) -> dict:
    """``data`` with the attachment as text, which the template embeds."""
    if attachment is None:
        return data
    check_attachment(attachment)
    name, content = attachment
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise RenderError(f"attachment {name!r} is not UTF-8 text", code="render-attachment") from None
    return {**data, "attachment": {"name": name, "text": text}}


def _epoch_seconds(timestamp: str) -> int:
    """A W3C date or date-time (as :func:`fixed_timestamp` gives it) in seconds since 1970, UTC."""
    return int(as_datetime(timestamp).timestamp())


def _run_bounded(compile_once, timeout: float | None):
    """Run the compilation in a thread, bounded by ``timeout``; its failures as RenderError.

    The thread lets a job's own alarm (``diff --timeout``) interrupt the wait: Typst lays
    out without the GIL, and a wait on a thread can be interrupted where a call into
    Typst cannot. A compiler left busy is dropped, so later compilations start new ones.
    """
    import typst

    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = compile_once()
        except typst.TypstError as error:
            outcome["error"] = RenderError(f"Typst could not lay out the document: {_message(error)}",
                                           code="render-error")
        except Exception as error:  # the binding's own errors (bad font, bad input)
            outcome["error"] = RenderError(f"Typst failed: {error}", code="render-error")

    worker = threading.Thread(target=run, name="typst-compile", daemon=True)
    worker.start()
    try:
        worker.join(timeout)
    except BaseException:  # the job's alarm, Ctrl-C: the layout goes on in its thread
        _compiler.cache_clear()
        raise
    if worker.is_alive():
        _compiler.cache_clear()
        raise RenderError(f"the PDF took longer than {timeout:g} s to lay out",
                          code="render-timeout")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _message(problem) -> str:
    """A Typst error or warning in one line: its message and hints."""
    message = getattr(problem, "message", None) or str(problem)
    hints = getattr(problem, "hints", None) or []
    return " ".join([str(message).strip(), *(f"(hint: {hint})" for hint in hints)])
