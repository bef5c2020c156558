"""``termsheet render``: validate term files and render them to DOCX, PDF, HTML and Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from termsheet.cli.common import (
    EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, OutDirPath, chosen_edition, config_options,
    echo_notices, isatty, output_options, parse_formats, print_report, project_config,
    stderr_console, template_folder_problems,
)


@click.command("render")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", default="docx,pdf,html,md", show_default=True,
              help="Comma-separated formats: docx, pdf, html, md.")
@click.option("--out-dir", type=OutDirPath(path_type=Path, file_okay=False), required=True,
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
@click.option("--edition", default="internal", show_default=True, metavar="NAME",
              help="internal (notes, basis, citations), circulation (sources as footnotes; no "
                   "notes, basis lines or counterparty positions), or one of the configuration's.")
@config_options
@output_options
def render(paths, to, out_dir, templates, pdf_variant, jobs, timeout, edition, config_file,
           no_config, fmt, color, quiet, verbose) -> int:
    """Validate term files (or folders of them) and render every valid one.

    Invalid files are reported as `termsheet validate` reports them and are not
    rendered; the others still are. A file's formats are published together or
    not at all, and an existing output is replaced only by a complete render.

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
    clash = _stem_clash(files)
    if clash:
        click.echo(f"termsheet: {clash}", err=True)
        return EXIT_USAGE
    options = RenderOptions(formats=formats, out_dir=out_dir, templates=templates,
                            pdf_variant=pdf_variant, inputs=tuple(files), edition=chosen)
    results = _run_with_progress(files, options, jobs, timeout, enabled=not quiet and fmt != "json")
    drop_disabled(results, config)
    status = render_status(results)
    print_report(results, fmt=fmt, color=color, quiet=quiet, verbose=verbose, status=status)
    if not quiet and fmt not in ("json", "github", "sarif"):
        _echo_outputs(results)
    if not quiet:
        echo_notices(notice for result in results for notice in result.notices)
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


def _stem_clash(files: list[Path]) -> str | None:
    """Two inputs whose outputs would have the same name in the output folder."""
    seen: dict[str, Path] = {}
    for path in files:
        if path.stem in seen:
            return f"{seen[path.stem]} and {path} would write the same output files; render them separately"
        seen[path.stem] = path
    return None


def _run_with_progress(files, options, jobs, timeout, *, enabled: bool):
    from termsheet.jobs.batch import render_batch

    if not (enabled and len(files) > 1 and isatty(sys.stderr)):
        return render_batch(files, options, jobs=jobs, timeout=timeout)
    from rich.progress import Progress

    with Progress(transient=True, console=stderr_console()) as progress:
        task = progress.add_task("rendering", total=len(files))
        return render_batch(files, options, jobs=jobs, timeout=timeout,
                            on_done=lambda _result: progress.advance(task))


def _echo_outputs(results) -> None:
    for result in results:
        for output in result.outputs:
            click.echo(f"wrote {output}", err=True)


