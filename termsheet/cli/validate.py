"""``termsheet validate``: check term files against the schema and the lint rules."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from termsheet.cli.common import (
    EXIT_USAGE, check_stdin_name, config_options, isatty, output_options, print_report,
    project_config, stderr_console, stdin_filename_option,
)


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--strict/--no-strict", default=None,
              help="Warnings fail too (exit status 1); default: `strict` in the settings, else off.")
@stdin_filename_option
@click.option("--only-term-files", is_flag=True,
              help="Skip files that are not term files (no termsheet schema modeline and no"
                   " top-level schema_version: key), e.g. in a pre-commit hook.")
@config_options
@output_options
def validate(paths: tuple[Path, ...], strict: bool | None, stdin_name: str | None,
             only_term_files: bool, config_file: Path | None, no_config: bool, fmt: str,
             color: str, quiet: bool, verbose: bool) -> int:
    """Validate term files, or folders of them (*.yaml, *.yml, recursively).

    A PATH of - reads one term file from standard input.

    \b
    Examples:
      termsheet validate samples/
      termsheet validate --strict -q terms.yaml
      termsheet validate --format json terms/ > report.json
      git show HEAD:terms.yaml | termsheet validate --stdin-filename terms.yaml -
      termsheet validate --only-term-files $(git ls-files '*.yaml' '*.yml')
    """
    from functools import partial

    from termsheet.source.config import drop_disabled
    from termsheet.source.paths import collect_paths
    from termsheet.source.validate import exit_status, validate_paths

    check_stdin_name(stdin_name, paths)
    config = project_config(config_file, no_config)
    files = collect_paths(paths)
    if not files:
        click.echo("termsheet: no term files (*.yaml, *.yml) found in "
                   + ", ".join(str(p) for p in paths), err=True)
        return EXIT_USAGE
    if only_term_files:
        files = _term_files_only(files, verbose=verbose)
    results = _with_progress(files, partial(validate_paths, stdin_name=stdin_name),
                             enabled=not quiet and fmt != "json")
    drop_disabled(results, config)
    status = exit_status(results, strict=bool(config.strict if strict is None else strict))
    print_report(results, fmt=fmt, color=color, quiet=quiet, verbose=verbose, status=status)
    return status


def _term_files_only(files: list[Path], *, verbose: bool) -> list[Path]:
    """``validate --only-term-files``: the term files among ``files``; ``-v`` lists the others."""
    from termsheet.source.termfiles import is_term_file

    kept = [path for path in files if is_term_file(path)]
    if verbose:
        for path in files:
            if path not in kept:
                click.echo(f"termsheet: skipped {path}: not a term file", err=True)
    return kept


def _with_progress(files: list[Path], run: Callable[..., list[Any]], *, enabled: bool) -> list[Any]:
    """Run ``run(files, on_done)`` with a progress bar on stderr for long batches on a terminal."""
    if not (enabled and len(files) >= 20 and isatty(sys.stderr)):
        return run(files)
    from rich.progress import Progress

    with Progress(transient=True, console=stderr_console()) as progress:
        task = progress.add_task("validating", total=len(files))
        return run(files, lambda _result: progress.advance(task))
