"""The diff job: validate both versions, build both documents, compare, write the outputs.

Both sides go through the same loader, schema and lint as ``validate``; an
invalid side stops the job with its diagnostics (never an empty comparison).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from termsheet.jobs.publish import plan_outputs, prepare_out_dir, publish
from termsheet.jobs.render import build_document, source_name
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

    A path ``-`` is standard input, read once (at most one side may be ``-``).
    """
    from termsheet.compare import compare

    validations = [validate_input(path, options.stdin_name) for path in (old_path, new_path)]
    result = DiffResult(validations)
    if any(v.sheet is None for v in validations):
        return result
    templates = TemplateSet(options.templates)
    old_doc, new_doc = (
        build_document(v.sheet, templates=templates, source_file=v.path,
                       positions=v.document.positions)
        for v in validations
    )
    result.comparison = compare(validations[0].sheet, validations[1].sheet,
                                old_file=source_name(validations[0].path),
                                new_file=source_name(validations[1].path),
                                old_document=old_doc, new_document=new_doc)
    if options.out_dir is not None and options.formats:
        files = _write_outputs(result.comparison, old_doc, new_doc, old_path, new_path,
                               options, templates)
        result.outputs = publish(files)
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

    def __init__(self, comparison, old_doc, new_doc):
        self.comparison = comparison
        self.old_doc, self.new_doc = old_doc, new_doc

    @functools.cached_property
    def side_by_side(self):
        """The rows shared by the HTML, PDF and DOCX side-by-side files."""
        from termsheet.compare.sidebyside import build_side_by_side
        return build_side_by_side(self.comparison, self.old_doc, self.new_doc)

    @functools.cached_property
    def redline(self):
        """The two documents merged with change marks (the tracked-changes DOCX)."""
        from termsheet.compare.redline import redline
        return redline(self.old_doc, self.new_doc)


def _write_outputs(comparison, old_doc, new_doc, old_path, new_path, options,
                   templates) -> dict[Path, bytes]:
    out_dir = prepare_out_dir(options.out_dir)
    stem = output_stem(old_path, new_path, options.stdin_name)
    inputs = [path for path in (old_path, new_path) if not is_stdin(path)]
    writers = {fmt: writers_for(fmt, "comparison") for fmt in options.formats}
    # Every target is checked before anything is rendered (an input, a folder, a symlink).
    targets = {
        writer: plan_outputs(stem + writer.suffix, out_dir, [fmt], inputs)[fmt]
        for fmt in options.formats for writer in writers[fmt]
    }
    subjects = Subjects(comparison, old_doc, new_doc)
    writer_options = {"templates": templates, "author": options.author}
    return {target: writer.write(getattr(subjects, writer.reads), writer_options)
            for writer, target in targets.items()}
