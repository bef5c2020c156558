"""``termsheet render``: validate term files and render them to DOCX, PDF, HTML and Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from termsheet.cli import (
    EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, _isatty, _stderr_console, output_options, print_report,
)


def parse_formats(value: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """``"pdf,docx"`` → ``("pdf", "docx")``; a usage error names any unknown format."""
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in allowed]
    if unknown or not formats:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(allowed)}",
            param_hint="--to")
    return formats


@click.command("render")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", default="docx,pdf,html,md", show_default=True,
              help="Comma-separated formats: docx, pdf, html, md.")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for the rendered files (created if missing).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Folder overriding wording templates, page templates and styles.")
@click.option("--pdf-variant", type=click.Choice(["pdf/ua-1", "pdf/a-3b", "none"]),
              default="pdf/ua-1", show_default=True,
              help="Tagged PDF/UA-1, archival PDF/A-3b with the term file attached, or plain.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
              help="Seconds one file may take before it is stopped.")
@output_options
def render(paths, to, out_dir, templates, pdf_variant, jobs, timeout, fmt, color, quiet,
           verbose) -> int:
    """Validate term files (or folders of them) and render every valid one.

    Invalid files are reported as `termsheet validate` reports them and are not
    rendered; the others still are. A file's formats are published together or
    not at all, and an existing output is replaced only by a complete render.
    """
    from termsheet.render import FORMATS, RenderOptions, source_date_problem
    from termsheet.validate import collect_paths

    formats = parse_formats(to, FORMATS)
    problem = source_date_problem()
    if problem:
        click.echo(f"termsheet: {problem}", err=True)
        return EXIT_USAGE
    files = collect_paths(paths)
    if not files:
        click.echo("termsheet: no term files (*.yaml, *.yml) found", err=True)
        return EXIT_USAGE
    clash = _stem_clash(files)
    if clash:
        click.echo(f"termsheet: {clash}", err=True)
        return EXIT_USAGE
    options = RenderOptions(formats=formats, out_dir=out_dir, templates=templates,
                            pdf_variant=pdf_variant, inputs=tuple(files))
    results = _run_with_progress(files, options, jobs, timeout, enabled=not quiet and fmt != "json")
    status = render_status(results)
    print_report(results, fmt=fmt, color=color, quiet=quiet, verbose=verbose, status=status)
    if not quiet and fmt not in ("json", "github"):
        _echo_outputs(results)
    return status


def render_status(results) -> int:
    """2 when an output could not be written, an input could not be read or termsheet
    met a bug; 1 when an input had errors; else 0 (as ``validate``)."""
    from termsheet.validate import exit_status

    if any(result.output_error for result in results):
        return EXIT_USAGE
    status = exit_status(results)
    if status == EXIT_OK and any(not result.ok for result in results):
        return EXIT_PROBLEMS
    return status


def _stem_clash(files: list[Path]) -> str | None:
    """Two inputs whose outputs would have the same name in the output folder."""
    seen: dict[str, Path] = {}
    for path in files:
        if path.stem in seen:
            return f"{seen[path.stem]} and {path} would write the same output files; render them separately"
        seen[path.stem] = path
    return None


def _run_with_progress(files, options, jobs, timeout, *, enabled: bool):
    from termsheet.batch import render_batch

    if not (enabled and len(files) > 1 and _isatty(sys.stderr)):
        return render_batch(files, options, jobs=jobs, timeout=timeout)
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("rendering", total=len(files))
        return render_batch(files, options, jobs=jobs, timeout=timeout,
                            on_done=lambda _result: progress.advance(task))


def _echo_outputs(results) -> None:
    for result in results:
        for output in result.outputs:
            click.echo(f"wrote {output}", err=True)
