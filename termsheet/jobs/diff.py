"""The diff job: validate both versions, build both documents, compare, write the outputs.

Both sides go through the same loader, schema and lint as ``validate``; an
invalid side stops the job with its diagnostics (never an empty comparison).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from termsheet.errors import TermsheetError
from termsheet.jobs.publish import plan_outputs, prepare_out_dir, publish
from termsheet.jobs.render import build_document, source_name
from termsheet.resources import TemplateSet
from termsheet.source.paths import is_stdin
from termsheet.source.validate import ValidationResult, validate_input

DIFF_FORMATS = ("html", "pdf", "docx", "json", "md")


@dataclass(frozen=True)
class DiffOptions:
    """What to write and where."""

    formats: tuple[str, ...]
    out_dir: Path | None
    templates: Path | None = None
    stdin_name: str | None = None
    """Name of a ``-`` side (standard input) in messages and output file names."""


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


SUFFIXES = {"docx": ("-redline", "-side-by-side")}
"""File-name suffixes of formats that write more than one file (others write one, no suffix)."""


def _write_outputs(comparison, old_doc, new_doc, old_path, new_path, options,
                   templates) -> dict[Path, bytes]:
    out_dir = prepare_out_dir(options.out_dir)
    stem = output_stem(old_path, new_path, options.stdin_name)
    inputs = [path for path in (old_path, new_path) if not is_stdin(path)]
    # Every target is checked before anything is rendered (an input, a folder, a symlink).
    targets = {
        (fmt, suffix): plan_outputs(stem + suffix, out_dir, [fmt], inputs)[fmt]
        for fmt in options.formats for suffix in SUFFIXES.get(fmt, ("",))
    }
    files: dict[Path, bytes] = {}
    for fmt in options.formats:
        for suffix, content in _render(fmt, comparison, old_doc, new_doc, templates):
            files[targets[fmt, suffix]] = content
    return files


def _render(fmt, comparison, old_doc, new_doc, templates):
    """``(file-name suffix, bytes)`` pairs for one requested format."""
    if fmt == "json":
        from termsheet.writers.diff_json import write_diff_json
        yield "", write_diff_json(comparison).encode("utf-8")
    elif fmt == "md":
        from termsheet.writers.diff_summary import write_diff_markdown
        yield "", write_diff_markdown(comparison).encode("utf-8")
    elif fmt == "html":
        from termsheet.writers.diff_html import write_diff_html
        yield "", write_diff_html(comparison, old_doc, new_doc, templates=templates).encode("utf-8")
    elif fmt == "pdf":
        from termsheet.writers.diff_pdf import write_diff_pdf
        yield "", write_diff_pdf(comparison, old_doc, new_doc, templates=templates)
    elif fmt == "docx":
        from termsheet.compare.redline import redline
        from termsheet.writers.diff_docx import write_diff_docx
        from termsheet.writers.docx_redline import write_docx_redline
        yield "-redline", write_docx_redline(redline(old_doc, new_doc), templates=templates)
        yield "-side-by-side", write_diff_docx(comparison, old_doc, new_doc, templates=templates)
    else:
        raise TermsheetError(f"unknown comparison format {fmt!r}")
