"""``termsheet diff``: compare two versions of a term sheet."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from termsheet.cli.common import (
    EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, OutDirPath, check_stdin_name, config_options, echo_notices,
    isatty, layout_files_notice, output_options, parse_formats, parse_pairs, pdf_engine_option,
    print_report, project_config, report_invalid, run_comparison_job, stdin_filename_option,
    template_folder_problems, write_stdout,
)

DEFAULT_MAX_PAGES = 250
"""Default ``--max-pages``: at most about 1.1 GB of memory (100 MB and 4 MB a page) and
3–5 minutes of layout on a 2-core machine."""

@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--to", "to", default=None,
              help="Comma-separated outputs: html, pdf, docx (redline and side-by-side), json, md.")
@click.option("--out-dir", type=OutDirPath(path_type=Path, file_okay=False), default=None,
              help="Folder for the comparison files (needed with --to).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Folder overriding wording templates, page templates and styles.")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when the versions differ, 0 when they do not (as git diff).")
@click.option("--max-lines", type=click.IntRange(min=0), default=40, show_default=True,
              help="Most 'other changes' lines in the terminal summary.")
@click.option("--author", metavar="NAME", default=None,
              help="Author of the redline's tracked changes and comments "
                   "(default: NEW's drafting party).")
@click.option("--changes-only", is_flag=True,
              help="Side-by-side html, pdf and docx without unchanged rows (headings kept).")
@click.option("--pair", "pairs", metavar="OLD=NEW", multiple=True,
              help="Pair OLD's item with id OLD and NEW's with id NEW (a renamed item); "
                   "repeatable.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300,
              show_default=True,
              help="Seconds the whole comparison, writing the files included, may take.")
@click.option("--max-pages", type=click.IntRange(min=1), default=DEFAULT_MAX_PAGES,
              show_default=True,
              help="Most pages of the side-by-side PDF (estimated before its layout).")
@pdf_engine_option
@stdin_filename_option
@config_options
@output_options
def diff(old, new, to, out_dir, templates, exit_code, max_lines, author, changes_only, pairs,
         timeout, max_pages, pdf_engine, stdin_name, config_file, no_config, fmt, color, quiet,
         verbose) -> int:
    """Compare OLD with NEW: a summary here, and side-by-side, redline and JSON files with --to.

    Items are paired by their stable ids; each change is labelled added, removed,
    modified or moved, and strengthened, weakened or changed where the domain
    defines a direction. A renamed item is paired by its `replaces: OLD-ID`, by
    --pair, or else by similarity (a guess). OLD or NEW (not both) may be - for
    standard input.

    \b
    Examples:
      termsheet diff old.yaml new.yaml
      termsheet diff old.yaml new.yaml --to html,pdf --out-dir out/
      termsheet diff old.yaml new.yaml --to pdf --changes-only --out-dir out/
      termsheet diff old.yaml new.yaml --to docx --out-dir out/ --author "Legal Adviser, UA"
      termsheet diff old.yaml new.yaml --exit-code -q
      termsheet diff old.yaml new.yaml --pair cmt-consult=cmt-consultations
      termsheet diff <(git show HEAD~1:terms.yaml) terms.yaml
      git show main:terms.yaml | termsheet diff - terms.yaml
    """
    from termsheet.source.config import drop_disabled
    from termsheet.jobs.diff import DiffOptions, run_diff
    from termsheet.jobs.render import source_date_problem
    from termsheet.writers.table import DIFF_FORMATS

    _check_sides(old, new, stdin_name)
    hand_pairs = parse_pairs(pairs)
    config = project_config(config_file, no_config)
    formats = parse_formats(to, DIFF_FORMATS) if to else ()
    if formats and out_dir is None:
        raise click.UsageError("--to needs --out-dir")
    problem = source_date_problem() if formats else None
    if problem:
        click.echo(f"termsheet: {problem}", err=True)
        return EXIT_USAGE
    if template_folder_problems(templates):
        return EXIT_USAGE
    unreadable = _unreadable_side(old, new)
    if unreadable:
        click.echo(f"termsheet: {unreadable}", err=True)
        return EXIT_USAGE
    author = _author(author)
    result, failed = run_comparison_job(
        lambda stage: run_diff(old, new, DiffOptions(
            formats, out_dir, templates, stdin_name, author, changes_only=changes_only,
            pairs=hand_pairs, timeout=timeout, max_pages=max_pages, pdf_engine=pdf_engine,
            progress=stage)),
        fmt, quiet)
    if failed is not None:
        return failed
    if result.comparison is None:
        return report_invalid(result.validations, config, fmt=fmt, color=color, quiet=quiet,
                              verbose=verbose)
    drop_disabled(result.validations, config)
    status = EXIT_PROBLEMS if exit_code and not result.comparison.is_empty() else EXIT_OK
    if fmt == "sarif":  # the warnings of both versions; the comparison is in the --to files
        print_report(result.validations, fmt=fmt, color=color, quiet=quiet, verbose=verbose,
                     status=status)
    else:
        _print_comparison(result.comparison, fmt=fmt, color=color, quiet=quiet,
                          max_lines=max_lines)
    if not quiet:
        for output in result.outputs:
            click.echo(f"wrote {output}", err=True)
        echo_notices([*result.notices, *layout_files_notice(templates, formats, pdf_engine)])
    return status


def _check_sides(old: Path, new: Path, stdin_name: str | None) -> None:
    """Usage errors: both sides ``-`` (standard input can be read only once)."""
    if str(old) == "-" and str(new) == "-":
        raise click.UsageError("only one of OLD and NEW can be - (standard input)")
    check_stdin_name(stdin_name, (old, new))


def _unreadable_side(old: Path, new: Path) -> str | None:
    """``PATH: why`` for a side that cannot be read (missing, a folder, a FIFO, a device, a
    symlink loop, no permission); a pipe such as /dev/fd/63 can; ``-`` is not checked."""
    from termsheet.source.reading import access_problem

    for path in (old, new):
        problem = None if str(path) == "-" else access_problem(path)
        if problem is not None:
            return f"{path}: {problem.reason}"
    return None


def _print_comparison(comparison, *, fmt, color, quiet, max_lines) -> None:
    from termsheet.cli.report import use_color

    if fmt == "json":
        from termsheet.writers.diff_json import write_diff_json
        write_stdout(write_diff_json(comparison))
        return
    if quiet:
        return
    from termsheet.writers.diff_summary import write_summary

    colored = use_color(color, isatty(sys.stdout), os.environ)
    write_stdout(write_summary(comparison, color=colored, max_lines=max_lines))


def _author(name: str | None) -> str | None:
    """``--author``: a name of printable text, or a usage error."""
    if name is None:
        return None
    name = name.strip()
    if not name or not name.isprintable() or len(name) > 200:
        raise click.BadParameter("give a name of 1 to 200 printable characters",
                                 param_hint="--author")
    return name
