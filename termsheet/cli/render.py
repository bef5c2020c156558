"""``termsheet render``: validate term files and render them to DOCX, PDF, HTML and Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from termsheet.cli.common import (
    EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, OutDirPath, chosen_edition, config_options, echo_notices,
    isatty, layout_files_notice, output_name_clash, output_options, parse_formats,
    pdf_engine_option, pdf_variant_option, print_report, project_config, stderr_console,
    template_folder_problems,
)


@click.command("render")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", default="docx,pdf,html,md", show_default=True,
              help="Comma-separated formats: docx, pdf, html, md.")
@click.option("--out-dir", type=OutDirPath(path_type=Path, file_okay=False), required=True,
              help="Folder for the rendered files (created if missing).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Folder overriding wording templates, page templates and styles.")
@pdf_variant_option
@pdf_engine_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
              help="Seconds one file may take before it is stopped.")
@click.option("--edition", default="internal", show_default=True, metavar="NAME",
              help="internal (notes, basis, citations), circulation (sources as footnotes; no "
                   "notes, basis lines or counterparty positions), or one of the configuration's.")
@click.option("--force", is_flag=True,
              help="Render every file, also those whose outputs are up to date.")
@config_options
@output_options
def render(paths, to, out_dir, templates, pdf_variant, pdf_engine, jobs, timeout, edition, force,
           config_file, no_config, fmt, color, quiet, verbose) -> int:
    """Validate term files (or folders of them) and render every valid one.

    Invalid files are reported as `termsheet validate` reports them and are not
    rendered; the others still are. A file's formats are published together or
    not at all, and an existing output is replaced only by a complete render.
    A file whose outputs are up to date (same input, templates, options and
    versions; recorded in a hidden .NAME.termsheet-cache.json beside them) is
    validated but not rendered again, unless --force is given.

    \b
    Examples:
      termsheet render samples/ --out-dir out/
      termsheet render terms.yaml --to pdf,docx --out-dir out/ -q
      termsheet render terms/ --to html --out-dir site/ --templates office/
      termsheet render terms.yaml --out-dir out/ --format json > report.json
      termsheet render terms.yaml --edition circulation --to pdf,docx --out-dir out/
    """
    from termsheet.source.config import drop_disabled
    from termsheet.jobs.render import RenderOptions, source_date_problem
    from termsheet.source.paths import collect_paths, is_stdin
    from termsheet.writers.table import FORMATS

    if any(is_stdin(path) for path in paths):
        raise click.UsageError("render does not read standard input (-); give the term file's path")
    formats = parse_formats(to, FORMATS)
    config = project_config(config_file, no_config)
    chosen = chosen_edition(edition, config)
    problem = source_date_problem()
    if problem:
        click.echo(f"termsheet: {problem}", err=True)
        return EXIT_USAGE
    if template_folder_problems(templates):
        return EXIT_USAGE
    files = collect_paths(paths)
    if not files:
        click.echo("termsheet: no term files (*.yaml, *.yml) found", err=True)
        return EXIT_USAGE
    clash = output_name_clash(files, "render")
    if clash:
        click.echo(f"termsheet: {clash}", err=True)
        return EXIT_USAGE
    options = RenderOptions(formats=formats, out_dir=out_dir, templates=templates,
                            pdf_variant=pdf_variant, inputs=tuple(files), edition=chosen,
                            pdf_engine=pdf_engine)
    results = _run_with_progress(files, options, jobs, timeout, force=force,
                                 enabled=not quiet and fmt != "json")
    drop_disabled(results, config)
    status = render_status(results)
    print_report(results, fmt=fmt, color=color, quiet=quiet, verbose=verbose, status=status)
    if not quiet and fmt not in ("json", "github", "sarif"):
        _echo_outputs(results)
    if not quiet:
        echo_notices([*(notice for result in results for notice in result.notices),
                      *layout_files_notice(templates, formats, pdf_engine)])
    return status


def render_status(results) -> int:
    """2 when an output could not be written, an input could not be read or termsheet
    met a bug; 1 when an input had errors; else 0 (as ``validate``)."""
    from termsheet.source.validate import exit_status

    if any(result.output_error for result in results):
        return EXIT_USAGE
    status = exit_status(results)
    if status == EXIT_OK and any(not result.ok for result in results):
        return EXIT_PROBLEMS
    return status


def _run_with_progress(files, options, jobs, timeout, *, force: bool, enabled: bool):
    from termsheet.jobs.batch import render_batch

    if not (enabled and len(files) > 1 and isatty(sys.stderr)):
        return render_batch(files, options, jobs=jobs, timeout=timeout, cache=True, force=force)
    from rich.progress import Progress

    with Progress(transient=True, console=stderr_console()) as progress:
        task = progress.add_task("rendering", total=len(files))
        return render_batch(files, options, jobs=jobs, timeout=timeout, cache=True, force=force,
                            on_done=lambda _result: progress.advance(task))


def _echo_outputs(results) -> None:
    for result in results:
        if result.up_to_date:
            click.echo(f"{result.path}: up to date", err=True)
            continue
        for output in result.outputs:
            click.echo(f"wrote {output}", err=True)


