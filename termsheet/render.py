"""The render job: validate a term file, build its document once, write every requested format.

Writers are imported only when their format is requested, so that validating
never pays for WeasyPrint or python-docx.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from termsheet.diagnostics import Diagnostic
from termsheet.errors import OutputError, TermsheetError
from termsheet.publish import plan_outputs, prepare_out_dir, publish
from termsheet.resources import TemplateSet
from termsheet.validate import validate_file

FORMATS = ("docx", "pdf", "html", "md")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "none")


@dataclass(frozen=True)
class RenderOptions:
    """What to render and where."""

    formats: tuple[str, ...]
    out_dir: Path
    templates: Path | None = None
    pdf_variant: str = "pdf/ua-1"
    inputs: tuple[Path, ...] = ()
    """Every input of the batch: no output may overwrite one of them."""


@dataclass
class RenderResult:
    """Outcome for one term file, shaped like a validation result for the report formatters."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: str | None = None
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    output_error: bool = False
    """True when the failure was about the output (exit status 2), not the input."""

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def fail(self, error: TermsheetError) -> None:
        """Record ``error`` as a diagnostic of this file."""
        self.output_error = isinstance(error, OutputError)
        self.diagnostics.append(Diagnostic(code=error.code, severity="error", message=error.message,
                                           file=self.path, span=None, field=error.field, hint=None))


def build_document(sheet, *, templates: TemplateSet, source_file: str, positions=None):
    """The numbered, cross-referenced document for a validated term sheet."""
    from termsheet.build import build
    from termsheet.transforms import apply_transforms

    return apply_transforms(
        build(sheet, templates=templates, source_file=source_file, positions=positions)
    )


def write_format(fmt: str, document, *, templates: TemplateSet, options: RenderOptions,
                 source: tuple[str, bytes]) -> bytes:
    """The bytes of ``document`` in format ``fmt``."""
    if fmt == "md":
        from termsheet.writers.markdown import write_markdown
        return write_markdown(document).encode("utf-8")
    if fmt == "html":
        from termsheet.writers.html import write_html
        return write_html(document, templates=templates).encode("utf-8")
    if fmt == "docx":
        from termsheet.writers.docx import write_docx
        return write_docx(document, templates=templates)
    if fmt == "pdf":
        from termsheet.writers.pdf import write_pdf
        attachment = source if options.pdf_variant == "pdf/a-3b" else None
        return write_pdf(document, templates=templates, variant=options.pdf_variant,
                         attachment=attachment)
    raise ValueError(f"unknown format {fmt!r}")


def render_file(path: Path, options: RenderOptions) -> RenderResult:
    """Validate ``path`` and, if it is valid, publish all requested formats (or none)."""
    started = time.perf_counter()
    validation = validate_file(path)
    result = RenderResult(validation.path, list(validation.diagnostics), validation.source)
    if validation.sheet is not None and result.ok:
        try:
            result.outputs = _render_valid(path, validation, options)
        except TermsheetError as error:
            result.fail(error)
    result.seconds = time.perf_counter() - started
    return result


def _render_valid(path: Path, validation, options: RenderOptions) -> list[Path]:
    templates = TemplateSet(options.templates)
    out_dir = prepare_out_dir(options.out_dir)
    targets = plan_outputs(path.stem, out_dir, options.formats, options.inputs or (path,))
    document = build_document(validation.sheet, templates=templates, source_file=validation.path,
                              positions=validation.document.positions)
    source = (path.name, path.read_bytes())
    files = {
        targets[fmt]: write_format(fmt, document, templates=templates, options=options, source=source)
        for fmt in options.formats
    }
    return publish(files)
