"""``termsheet consolidate``: several parties' versions of a term sheet, provision by provision."""

from __future__ import annotations

from pathlib import Path

import click

from termsheet.cli.common import (
    EXIT_OK, EXIT_USAGE, OutDirPath, chosen_edition, config_options, echo_notices,
    layout_files_notice, output_options, parse_formats, parse_pairs, pdf_engine_option,
    project_config, report_invalid, run_comparison_job, template_folder_problems, write_stdout,
)



@click.command("consolidate")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--base", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The common ancestor (the last agreed round): each provision is then "
                   "unchanged, a proposal (changed by one party) or a conflict.")
@click.option("--compromise", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="A compromise text, shown beside the versions and left out of the statuses.")
@click.option("--to", "to", default=None,
              help="Comma-separated outputs: json (who holds which wording of each provision); "
                   "md, html, pdf, docx (the consolidated negotiating text).")
@click.option("--out-dir", type=OutDirPath(path_type=Path, file_okay=False), default=None,
              help="Folder for the consolidation's files (needed with --to).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Folder overriding wording templates, page templates and styles.")
@click.option("--edition", default="internal", show_default=True, metavar="NAME",
              help="The edition the provisions are numbered and worded in (as render's).")
@click.option("--pair", "pairs", metavar="ID=ID", multiple=True,
              help="Pair the item with the first id in one file with the item with the second "
                   "in another (a renamed item); repeatable.")
@click.option("--max-lines", type=click.IntRange(min=0), default=40, show_default=True,
              help="Most provisions listed under each status in the terminal summary.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300,
              show_default=True,
              help="Seconds the whole consolidation, writing the files included, may take.")
@pdf_engine_option
@config_options
@output_options
def consolidate(files, base, compromise, to, out_dir, templates, edition, pairs, max_lines,
                timeout, pdf_engine, config_file, no_config, fmt, color, quiet, verbose) -> int:
    """Consolidate FILES, versions of one term sheet tabled by different parties (or rounds).

    Provisions are aligned by their stable ids as in `termsheet diff` (then
    `replaces:`, --pair, similarity); each is agreed (the same in every version),
    disputed (worded differently), or addressed by only some versions — a version
    that does not address a provision is silent on it, never deleting it.

    \b
    Examples:
      termsheet consolidate us-draft.yaml coalition-draft.yaml
      termsheet consolidate us.yaml cow.yaml ua.yaml --to json,pdf,docx --out-dir out/
      termsheet consolidate us.yaml cow.yaml --base agreed-round.yaml --to json --out-dir out/
    """
    from termsheet.jobs.consolidate import WRITERS, ConsolidateOptions, run_consolidate
    from termsheet.jobs.render import source_date_problem
    from termsheet.source.config import drop_disabled

    if len(files) < 2:
        raise click.UsageError("give at least two term files to consolidate")
    config = project_config(config_file, no_config)
    formats = parse_formats(to, tuple(WRITERS)) if to else ()
    if formats and out_dir is None:
        raise click.UsageError("--to needs --out-dir")
    problem = source_date_problem() if formats else None
    if problem:
        click.echo(f"termsheet: {problem}", err=True)
        return EXIT_USAGE
    chosen = chosen_edition(edition, config)
    if template_folder_problems(templates):
        return EXIT_USAGE
    unreadable = _unreadable(files, base, compromise)
    if unreadable:
        click.echo(f"termsheet: {unreadable}", err=True)
        return EXIT_USAGE
    options = dict(formats=formats, out_dir=out_dir, base=base, compromise=compromise,
                   templates=templates, edition=chosen, pairs=parse_pairs(pairs), timeout=timeout,
                   pdf_engine=pdf_engine)
    result, failed = run_comparison_job(
        lambda stage: run_consolidate(list(files), ConsolidateOptions(**options, progress=stage)),
        fmt, quiet)
    if failed is not None:
        return failed
    if result.consolidation is None:
        return report_invalid(result.validations, config, fmt=fmt, color=color, quiet=quiet,
                              verbose=verbose)
    drop_disabled(result.validations, config)
    _print(result.consolidation, fmt=fmt, quiet=quiet, max_lines=max_lines)
    if not quiet:
        for output in result.outputs:
            click.echo(f"wrote {output}", err=True)
        echo_notices(layout_files_notice(templates, formats, pdf_engine))
    return EXIT_OK


def _unreadable(files, base, compromise) -> str | None:
    """``PATH: why`` for a file that cannot be read; ``-`` (standard input) is refused."""
    from termsheet.source.reading import access_problem

    for path in (*files, base, compromise):
        if path is None:
            continue
        if str(path) == "-":
            return "consolidate does not read standard input (-); give the term files' paths"
        problem = access_problem(path)
        if problem is not None:
            return f"{path}: {problem.reason}"
    return None


def _print(consolidation, *, fmt: str, quiet: bool, max_lines: int) -> None:
    if fmt == "json":
        from termsheet.writers.consolidate_json import write_consolidate_json
        write_stdout(write_consolidate_json(consolidation))
        return
    if not quiet:
        from termsheet.writers.consolidate_summary import write_consolidate_summary
        write_stdout(write_consolidate_summary(consolidation, max_lines=max_lines))
