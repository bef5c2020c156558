"""The diff job: validate both versions, build both documents, compare, write the outputs.

Both sides go through the same loader, schema and lint as ``validate``; an
invalid side stops the job with its diagnostics (never an empty comparison).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from termsheet.alarms import Deadline, time_limit
from termsheet.errors import TermsheetError

from termsheet.jobs.publish import plan_outputs, prepare_out_dir, publish
from termsheet.jobs.render import DEFAULT_PDF_ENGINE, build_document, source_name
from termsheet.jobs.progress import quiet_stage
from termsheet.resources import TemplateSet
from termsheet.source.paths import is_stdin
from termsheet.source.validate import ValidationResult, validate_input
from termsheet.writers.table import writers_for


@dataclass(frozen=True)
class DiffOptions:
    """What to write and where."""

    formats: tuple[str, ...]
    out_dir: Path | None
    templates: Path | None = None
    stdin_name: str | None = None
    """Name of a ``-`` side (standard input) in messages and output file names."""
    author: str | None = None
    """Author of the redline's tracked changes (default: NEW's drafting party)."""
    changes_only: bool = False
    """Side-by-side files without the unchanged rows (section and provision headings kept)."""
    pairs: tuple[tuple[str, str], ...] = ()
    """Items paired by hand, (OLD id, NEW id) each (``--pair``)."""
    timeout: float | None = None
    """Seconds the whole job may take before it is stopped, writing nothing (None: no limit)."""
    pdf_engine: str = DEFAULT_PDF_ENGINE
    """The writer that lays out the side-by-side PDF (``--pdf-engine``)."""
    max_pages: int | None = None
    """Most pages the side-by-side PDF may have (estimated before layout; None: no limit)."""
    progress: Callable[[str], None] = quiet_stage
    """Told each stage of the job as it starts (``"comparing 500 provisions…"``)."""


class PairError(TermsheetError):
    """A hand pair (``--pair OLD=NEW``) that cannot be made: an unknown id, or one already
    paired by id (a usage error, exit status 2)."""

    code = "diff-pair"

    def __init__(self, problems: list[tuple[str, str, str]]):
        super().__init__("; ".join(f"cannot pair {old} with {new}: {reason}"
                                   for old, new, reason in problems))
        self.problems = problems


@dataclass
class DiffResult:
    """The validations of both sides, the comparison (when both are valid) and the written files."""

    validations: list[ValidationResult]
    comparison: object | None = None
    outputs: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Hints about how the outputs were made (e.g. a slower PDF font subsetter), not problems."""


def run_diff(old_path: Path, new_path: Path, options: DiffOptions) -> DiffResult:
    """Compare ``old_path`` with ``new_path`` and publish every requested output (or none).

    A path ``-`` is standard input, read once (at most one side may be ``-``).  A job
    that takes longer than ``options.timeout`` stops with a ``diff-timeout`` error and
    writes nothing; hand pairs that cannot be made are a :class:`PairError`.
    """
    rang: list[int] = []
    try:
        with time_limit(options.timeout, rang):
            return _run_diff(old_path, new_path, options, rang)
    except BaseException:
        if rang:  # also when a library turned the alarm into another error
            raise TermsheetError(f"the comparison took longer than {options.timeout:g} s and "
                                 "was stopped", code="diff-timeout") from None
        raise


def _run_diff(old_path: Path, new_path: Path, options: DiffOptions,
              rang: list[int]) -> DiffResult:
    from termsheet.compare import compare
    from termsheet.compare.align import pair_problems
    from termsheet.document.transforms import brackets_as_text

    options.progress("reading and validating both versions…")
    validations = [validate_input(path, options.stdin_name) for path in (old_path, new_path)]
    result = DiffResult(validations)
    if any(v.sheet is None for v in validations):
        return result
    problems = pair_problems(validations[0].sheet, validations[1].sheet, dict(options.pairs))
    if problems:
        raise PairError(problems)
    templates = TemplateSet(options.templates)
    options.progress("building both documents…")
    old_doc, new_doc = (  # negotiation brackets are compared as the text they print
        brackets_as_text(build_document(v.sheet, templates=templates, source_file=v.path,
                                        positions=v.document.positions))
        for v in validations
    )
    options.progress(f"pairing and comparing {_provisions(old_doc, new_doc)} provisions…")
    result.comparison = compare(validations[0].sheet, validations[1].sheet,
                                old_file=source_name(validations[0].path),
                                new_file=source_name(validations[1].path),
                                old_document=old_doc, new_document=new_doc,
                                pairs=dict(options.pairs))
    if options.out_dir is not None and options.formats:
        result.outputs = _publish_outputs(result.comparison, old_doc, new_doc, old_path,
                                          new_path, options, templates, rang)
    if "pdf" in options.formats:
        from termsheet.writers.pdf import take_notices
        result.notices = take_notices()
    return result


def output_stem(old_path: Path, new_path: Path, stdin_name: str | None = None) -> str:
    """Base name of the comparison files: ``us-draft--coalition-draft``.

    A ``-`` side is named after the stem of ``stdin_name``, or ``stdin``.
    """
    return f"{_stem(old_path, stdin_name)}--{_stem(new_path, stdin_name)}"


def _stem(path: Path, stdin_name: str | None) -> str:
    if is_stdin(path):
        return (Path(stdin_name).stem if stdin_name else "") or "stdin"
    return path.stem


class Subjects:
    """What the comparison writers read, each computed once per job and only when a
    requested format reads it (see `termsheet.writers.table.Writer.reads`)."""

    def __init__(self, comparison, old_doc, new_doc, changes_only: bool = False):
        self.comparison = comparison
        self.old_doc, self.new_doc = old_doc, new_doc
        self.changes_only = changes_only

    @functools.cached_property
    def side_by_side(self):
        """The rows shared by the HTML, PDF and DOCX side-by-side files."""
        from termsheet.compare.sidebyside import build_side_by_side
        return build_side_by_side(self.comparison, self.old_doc, self.new_doc,
                                  changes_only=self.changes_only)

    @functools.cached_property
    def redline(self):
        """The two documents merged with change marks (the tracked-changes DOCX)."""
        from termsheet.compare.redline import redline
        return redline(self.old_doc, self.new_doc)


def _publish_outputs(comparison, old_doc, new_doc, old_path, new_path, options,
                     templates, rang: list[int]) -> list[Path]:
    stem = output_stem(old_path, new_path, options.stdin_name)
    inputs = [path for path in (old_path, new_path) if not is_stdin(path)]
    writers = {fmt: writers_for(fmt, "comparison") for fmt in options.formats}
    with prepare_out_dir(options.out_dir) as folder:  # open until published: see publish.py
        # Every target is checked before anything is rendered (an input, a folder, a symlink).
        targets = {
            writer: plan_outputs(stem + writer.suffix, folder, [fmt], inputs)[fmt]
            for fmt in options.formats for writer in writers[fmt]
        }
        subjects = Subjects(comparison, old_doc, new_doc, options.changes_only)
        writer_options = {"templates": templates, "author": options.author,
                          "comparison": comparison, "pdf_engine": options.pdf_engine}
        pages = _side_by_side_pages(subjects, options) if "pdf" in options.formats else None
        files = {}
        for writer, target in targets.items():
            options.progress(_writing(target, pages))
            files[target] = writer.write(getattr(subjects, writer.reads), writer_options)
        if rang:  # the alarm rang where a library swallowed it: still too late
            raise Deadline
        options.progress("publishing the files…")
        return publish(files, folder)


class ComparisonTooBig(TermsheetError):
    """The side-by-side PDF would run past ``--max-pages`` (exit status 1, nothing written)."""

    code = "diff-too-big"


def _side_by_side_pages(subjects: Subjects, options: DiffOptions) -> int:
    """The estimated pages of the side-by-side PDF, refused above ``options.max_pages``
    before anything is laid out (the layout's time and memory grow with its pages)."""
    from termsheet.writers.diff_pdf import estimate_pages

    options.progress("building the side-by-side view…")
    pages = estimate_pages(subjects.side_by_side, options.pdf_engine)
    if options.max_pages is not None and pages > options.max_pages:
        advice = ("raise --max-pages, or write html, docx or json instead" if options.changes_only
                  else "--changes-only leaves out the unchanged rows; or raise --max-pages")
        raise ComparisonTooBig(
            f"the side-by-side PDF would run to about {pages} pages, more than --max-pages "
            f"{options.max_pages} (its layout's time and memory grow with each page): {advice}")
    return pages


def _writing(target: Path, pages: int | None) -> str:
    if target.suffix == ".pdf":
        return f"writing {target.name} (page layout, about {pages} pages)…"
    return f"writing {target.name}…"


def _provisions(old_doc, new_doc) -> int:
    """How many numbered provisions (clauses and rows) the larger document has."""
    from termsheet.document.nodes import Clause, Row, children

    def count(node) -> int:
        own = 1 if isinstance(node, (Clause, Row)) else 0
        return own + sum(count(child) for child in children(node))

    return max(sum(count(section) for section in doc.sections) for doc in (old_doc, new_doc))

