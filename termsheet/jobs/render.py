"""The render job: validate a term file, build its document once, write every requested format.

Each format's writer comes from the table of writers (`termsheet.writers.table`),
which imports a writer only when its format is requested, so that validating
never pays for WeasyPrint or python-docx.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from termsheet.source.diagnostics import Diagnostic
from termsheet.source.editions import INTERNAL, Edition
from termsheet.errors import MissingGlyphError, OutputError, TemplateConfigError, TermsheetError
from termsheet.source.load import LoadedDocument, load_bytes
from termsheet.source.locate import locate_character
from termsheet.source.reading import read_bytes
from termsheet.jobs.publish import plan_outputs, prepare_out_dir, publish
from termsheet.jobs.render_cache import current_outputs, file_key, job_key, record_file
from termsheet.resources import TemplateSet
from termsheet.source.paths import display_path
from termsheet.source.validate import INTERNAL_CODE, ValidationResult, validate_data
from termsheet.writers.table import writers_for

PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "none")

DEFAULT_PDF_ENGINE = "typst"
"""The writer that lays out PDFs unless ``--pdf-engine`` names another."""


@dataclass(frozen=True)
class RenderOptions:
    """What to render and where."""

    formats: tuple[str, ...]
    out_dir: Path
    templates: Path | None = None
    pdf_variant: str = "pdf/ua-1"
    inputs: tuple[Path, ...] = ()
    """Every input of the batch: no output may overwrite one of them."""
    timeout: float | None = None
    """Seconds the PDF layout of one file may take (None: no limit); see :func:`write_format`."""
    edition: Edition = INTERNAL
    """What apparatus the documents show (`termsheet.source.editions`)."""
    pdf_engine: str = DEFAULT_PDF_ENGINE
    """The writer that lays out PDFs (offered to the writers as ``pdf_engine``)."""

    def output_settings(self) -> dict[str, object]:
        """Every option that changes the bytes of an output (part of the render cache's
        key); the PDF/A-3b attachment follows from the variant and the input."""
        return {"formats": sorted(self.formats), "pdf_variant": self.pdf_variant,
                "pdf_engine": self.pdf_engine, "edition": dataclasses.asdict(self.edition)}


@dataclass
class RenderResult:
    """Outcome for one term file, shaped like a validation result for the report formatters."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: str | None = None
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    output_error: bool = False
    """True when the failure was about the output or the ``--templates`` folder (exit
    status 2), not the input."""
    internal_traceback: str | None = field(default=None, repr=False)
    """The traceback of a bug met while rendering (printed with ``-v``)."""
    notices: list[str] = field(default_factory=list)
    """Hints about how the outputs were made (e.g. a slower PDF font subsetter), not problems."""
    up_to_date: bool = False
    """True when ``outputs`` were already current and nothing was rendered or written."""

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def fail(self, error: TermsheetError) -> None:
        """Record ``error`` as a diagnostic of this file."""
        self.output_error = isinstance(error, (OutputError, TemplateConfigError))
        self.diagnostics.append(Diagnostic(code=error.code, severity="error", message=error.message,
                                           file=self.path, span=None, field=error.field, hint=None))

    def fail_internal(self, error: BaseException) -> None:
        """Record a bug met while rendering as an ``internal-error`` diagnostic (exit status 2)."""
        self.internal_traceback = traceback.format_exc()
        self.diagnostics.append(Diagnostic(
            code=INTERNAL_CODE, severity="error",
            message=f"internal error while rendering: {type(error).__name__}: {error}",
            file=self.path, span=None, field=None,
            hint="this is a bug in termsheet; run with -v for the traceback and report it"))


def source_date_problem(environ=os.environ) -> str | None:
    """Why ``SOURCE_DATE_EPOCH`` cannot be used as the timestamp of the outputs, or None.

    Checked once before a render, so that a malformed value is one configuration error
    (exit status 2) rather than a failure of every file in a different writer.
    """
    from termsheet.writers.zipnorm import TimestampError, source_date_epoch

    try:
        source_date_epoch(environ)
    except TimestampError as error:
        return f"configuration error: {error}"
    return None


def missing_glyph(error: MissingGlyphError, document: LoadedDocument, file: str) -> Diagnostic:
    """The error at the character's own line and column in the term file, in the field
    that holds it; where the document printed it when the file does not hold it (a
    wording template's text)."""
    places = [place for char in error.characters if (place := locate_character(document, char))]
    if not places:
        return Diagnostic(code=error.code, severity="error", message=error.message, file=file,
                          field=error.field)
    field, span = min(places, key=lambda place: (place[1].line, place[1].column))
    return Diagnostic(code=error.code, severity="error", message=error.detail, file=file,
                      span=span, field=field)


def source_name(path: str | os.PathLike[str]) -> str:
    """How circulated documents name a term file: its file name only, never a folder of
    the user's machine, so that outputs do not depend on where or from where it was read."""
    return Path(path).name or os.fspath(path)


def build_document(sheet, *, templates: TemplateSet, source_file: str, positions=None,
                   edition: Edition = INTERNAL, outline: bool = False):
    """The numbered, cross-referenced document for a validated term sheet in ``edition``
    (``source_file`` is shown by :func:`source_name`; ``outline``: structure and numbers
    only, see :func:`termsheet.compose.build`)."""
    from termsheet.compose import build
    from termsheet.document.transforms import apply_transforms

    return apply_transforms(
        build(sheet, templates=templates, source_file=source_name(source_file), positions=positions,
              edition=edition, outline=outline)
    )


def write_format(fmt: str, document, *, templates: TemplateSet, options: RenderOptions,
                 source: tuple[str, bytes]) -> bytes:
    """The bytes of ``document`` in format ``fmt`` (its writer from the table of writers)."""
    (writer,) = writers_for(fmt)
    return writer.write(document, _writer_options(templates, options, source))


def _writer_options(templates: TemplateSet, options: RenderOptions,
                    source: tuple[str, bytes]) -> dict[str, object]:
    """Every option a term-sheet writer may take; each takes the ones its table entry names."""
    # The layout's own alarm works only in a process's main thread.
    in_main = threading.current_thread() is threading.main_thread()
    return {
        "templates": templates,
        "variant": options.pdf_variant,
        "attachment": source if options.pdf_variant == "pdf/a-3b" else None,
        "timeout": options.timeout if in_main else None,
        "pdf_engine": options.pdf_engine,
    }


def render_job_key(options: RenderOptions) -> str:
    """The render cache's key of a job: everything but the inputs that decides its
    outputs (see `termsheet.jobs.render_cache`)."""
    return job_key(options.output_settings(), options.templates)


def render_file(path: Path, options: RenderOptions, job: str | None = None) -> RenderResult:
    """Validate ``path`` and, if it is valid, publish all requested formats (or none); with
    ``job`` (:func:`render_job_key`), the render cache's record of them too.

    The file is read once: the bytes validated are the bytes rendered and, for PDF/A-3b,
    the bytes attached — even if the file changes meanwhile.
    """
    started = time.perf_counter()
    path = Path(path)
    name = display_path(path)
    data, problems = read_bytes(path, name)
    result, validation = _validated(name, data, problems)
    if validation.sheet is not None and result.ok:
        try:
            result.outputs = _render_valid(path, validation, options, data, job)
        except MissingGlyphError as error:
            result.diagnostics.append(missing_glyph(error, validation.document, result.path))
        except TermsheetError as error:
            result.fail(error)
        except Exception as error:  # a bug: report it for this file, keep the batch going
            result.fail_internal(error)
        if "pdf" in options.formats:
            from termsheet.writers.pdf import take_notices
            result.notices = take_notices()
    result.seconds = time.perf_counter() - started
    return result


def up_to_date_result(path: Path, options: RenderOptions, job: str) -> RenderResult | None:
    """The result of ``path`` when its outputs are current for the job ``job``
    (:func:`render_job_key`): validated again for its warnings, nothing rendered or
    written. None when the file must be rendered."""
    started = time.perf_counter()
    path = Path(path)
    name = display_path(path)
    data, problems = read_bytes(path, name)
    if data is None:
        return None
    outputs = current_outputs(options.out_dir, path.stem, file_key(job, path.name, data),
                              options.formats, options.inputs or (path,))
    if outputs is None:
        return None
    result, _validation = _validated(name, data, problems)
    if not result.ok:
        return None
    result.outputs, result.up_to_date = outputs, True
    result.seconds = time.perf_counter() - started
    return result


def _validated(name: str, data: bytes | None, problems) -> tuple[RenderResult, ValidationResult]:
    """The validation of a term file's bytes (or of why they could not be read), and the
    render result that starts from its diagnostics."""
    document = (load_bytes(data, name) if data is not None
                else LoadedDocument(name, None, None, problems))
    validation = validate_data(document)
    result = RenderResult(validation.path, list(validation.diagnostics), validation.source)
    result.internal_traceback = validation.internal_traceback
    return result, validation


def _render_valid(path: Path, validation, options: RenderOptions, data: bytes,
                  job: str | None) -> list[Path]:
    templates = TemplateSet(options.templates)
    with prepare_out_dir(options.out_dir) as folder:  # open until published: see publish.py
        targets = plan_outputs(path.stem, folder, options.formats, options.inputs or (path,))
        document = build_document(validation.sheet, templates=templates,
                                  source_file=validation.path,
                                  positions=validation.document.positions, edition=options.edition)
        source = (path.name, data)
        files = {
            targets[fmt]: write_format(fmt, document, templates=templates, options=options,
                                       source=source)
            for fmt in options.formats
        }
        record = {} if job is None else record_file(folder, path.stem,
                                                    file_key(job, path.name, data), files)
        publish({**files, **record}, folder)
        return list(files)
