"""The consolidate job: validate every version, build their documents, consolidate, write.

Every file goes through the same loader, schema and lint as ``validate``; one
invalid file stops the job with the diagnostics of all (nothing is written).
The outputs of one job are published together or not at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from termsheet.alarms import time_limit
from termsheet.errors import TermsheetError
from termsheet.jobs.consolidate_inputs import read_inputs
from termsheet.jobs.diff import PairError
from termsheet.jobs.progress import quiet_stage
from termsheet.jobs.publish import plan_outputs, prepare_out_dir, publish
from termsheet.jobs.render import DEFAULT_PDF_ENGINE, source_name
from termsheet.resources import TemplateSet
from termsheet.source.editions import INTERNAL, Edition
from termsheet.source.validate import ValidationResult
from termsheet.writers.table import writers_for

OUTPUT_STEM = "consolidated"
"""Base name of the consolidation's files (``consolidated.json``, ``consolidated.pdf``…)."""
COLUMNS_STEM = "consolidated-columns"
"""Base name of the N-column document's files (``consolidated-columns.html``…)."""


def _write_json(subjects: "Subjects") -> bytes:
    from termsheet.writers.consolidate_json import write_consolidate_json
    return write_consolidate_json(subjects.consolidation, subjects.documents).encode("utf-8")


def _term_sheet_writer(fmt: str) -> Callable[["Subjects"], bytes]:
    """The consolidated text written as a term sheet in ``fmt`` (md, html, pdf, docx)."""
    def write(subjects: "Subjects") -> bytes:
        (writer,) = writers_for(fmt)
        return writer.write(subjects.text, {"templates": subjects.templates,
                                            "variant": "pdf/ua-1", "attachment": None,
                                            "timeout": None,  # the job's own alarm runs
                                            "pdf_engine": subjects.pdf_engine})
    return write


def _columns_md(subjects: "Subjects") -> bytes:
    from termsheet.writers.columns_md import write_columns_markdown
    return write_columns_markdown(subjects.columns).encode("utf-8")


def _columns_html(subjects: "Subjects") -> bytes:
    from termsheet.writers.columns_html import write_columns_html
    return write_columns_html(subjects.columns, templates=subjects.templates).encode("utf-8")


def _columns_pdf(subjects: "Subjects") -> bytes:
    from termsheet.writers.columns_html import write_columns_pdf
    return write_columns_pdf(subjects.columns, templates=subjects.templates,
                             pdf_engine=subjects.pdf_engine)


def _columns_docx(subjects: "Subjects") -> bytes:
    from termsheet.writers.columns_docx import write_columns_docx
    return write_columns_docx(subjects.columns, templates=subjects.templates)


WRITERS: dict[str, Callable[["Subjects"], bytes]] = {
    "json": _write_json,
    **{fmt: _term_sheet_writer(fmt) for fmt in ("md", "html", "pdf", "docx")},
}
"""The formats ``consolidate`` writes, and how: the JSON of the consolidation; the consolidated
negotiating text as a term sheet in the other formats."""

COLUMN_WRITERS: dict[str, Callable[["Subjects"], bytes]] = {
    "md": _columns_md, "html": _columns_html, "pdf": _columns_pdf, "docx": _columns_docx,
}
"""The N-column document, written beside the consolidated text in every format but JSON."""


@dataclass(frozen=True)
class ConsolidateOptions:
    """What to consolidate against, what to write and where."""

    formats: tuple[str, ...] = ()
    out_dir: Path | None = None
    base: Path | None = None
    """The common ancestor (``--base``): each provision is then unchanged, a proposal or a
    conflict."""
    compromise: Path | None = None
    """A compromise text shown beside the versions (``--compromise``)."""
    templates: Path | None = None
    edition: Edition = INTERNAL
    pairs: tuple[tuple[str, str], ...] = ()
    """Items paired by hand across the files, (id, id) each (``--pair``)."""
    timeout: float | None = None
    """Seconds the whole job may take before it is stopped, writing nothing (None: no limit)."""
    pdf_engine: str = DEFAULT_PDF_ENGINE
    """The writer that lays out both PDFs (``--pdf-engine``)."""
    progress: Callable[[str], None] = quiet_stage


@dataclass
class ConsolidateResult:
    """The validations of every file, the consolidation (when all are valid) and the files."""

    validations: list[ValidationResult]
    consolidation: object | None = None
    outputs: list[Path] = field(default_factory=list)


class Subjects:
    """What the writers read: the consolidation, each file's built Document (the versions in
    the order given, then the compromise's) and the consolidated text, made once per job and
    only when a format reads it."""

    def __init__(self, consolidation, documents: tuple, templates: TemplateSet,
                 base_document=None, pdf_engine: str = DEFAULT_PDF_ENGINE):
        self.consolidation, self.documents, self.templates = consolidation, documents, templates
        self.pdf_engine = pdf_engine
        self.base_document = base_document
        """The base's built Document (with ``--base``): what the N-column cells are marked
        against."""

    @functools.cached_property
    def text(self):
        """The consolidated negotiating text (a term-sheet Document)."""
        from termsheet.compare.consolidated_text import consolidated_text
        return consolidated_text(self.consolidation,
                                 self.documents[:len(self.consolidation.versions)])

    @functools.cached_property
    def columns(self):
        """The N-column view (a column per version, then the compromise's)."""
        from termsheet.compare.columns import build_columns
        return build_columns(self.consolidation, self.documents, self.base_document)


def run_consolidate(paths: list[Path], options: ConsolidateOptions) -> ConsolidateResult:
    """Consolidate the term files ``paths`` and publish every requested output (or none).

    A job that takes longer than ``options.timeout`` stops with a ``consolidate-timeout``
    error and writes nothing; hand pairs that cannot be made are a :class:`PairError`.
    """
    rang: list[int] = []
    try:
        with time_limit(options.timeout, rang):
            return _run(paths, options)
    except BaseException:
        if rang:
            raise TermsheetError(f"the consolidation took longer than {options.timeout:g} s "
                                 "and was stopped", code="consolidate-timeout") from None
        raise


def _run(paths: list[Path], options: ConsolidateOptions) -> ConsolidateResult:
    from termsheet.compare.consolidate import Input, consolidate, pair_problems

    extra = [path for path in (options.base, options.compromise) if path is not None]
    options.progress(f"reading and validating {len(paths) + len(extra)} files…")
    read = read_inputs([*paths, *extra], options)
    validations = read.validations
    result = ConsolidateResult(validations)
    if any(v.sheet is None for v in validations):
        return result
    problems = pair_problems([v.sheet for v in validations], dict(options.pairs))
    if problems:
        raise PairError(problems)
    inputs = [Input(v.sheet, source_name(v.path)) for v in validations]
    base = inputs[len(paths)] if options.base is not None else None
    compromise = inputs[-1] if options.compromise is not None else None
    options.progress("aligning and grouping the provisions…")
    result.consolidation = consolidate(inputs[:len(paths)], base, compromise,
                                       pairs=dict(options.pairs))
    if options.out_dir is not None and options.formats:
        templates = TemplateSet(options.templates)
        options.progress("building the documents…")
        shown = validations[:len(paths)] + ([validations[-1]] if compromise else [])
        built = read.built
        documents = tuple(built(v) for v in shown)
        base_document = built(validations[len(paths)]) if base is not None else None
        subjects = Subjects(result.consolidation, documents, templates, base_document,
                            options.pdf_engine)
        result.outputs = _publish(subjects, paths + extra, options)
    return result


def _publish(subjects: Subjects, inputs: list[Path], options: ConsolidateOptions) -> list[Path]:
    with prepare_out_dir(options.out_dir) as folder:
        targets = [(target, WRITERS[fmt]) for fmt, target
                   in plan_outputs(OUTPUT_STEM, folder, options.formats, inputs).items()]
        columns = [fmt for fmt in options.formats if fmt in COLUMN_WRITERS]
        targets += [(target, COLUMN_WRITERS[fmt]) for fmt, target
                    in plan_outputs(COLUMNS_STEM, folder, columns, inputs).items()]
        files = {}
        for target, writer in targets:
            options.progress(f"writing {target.name}…")
            files[target] = writer(subjects)
        options.progress("publishing the files…")
        return publish(files, folder)
