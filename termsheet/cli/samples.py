"""``termsheet samples DIR``: copy the bundled sample term files, with the schema beside them."""

from __future__ import annotations

from pathlib import Path

import click

from termsheet.cli.common import EXIT_OK, EXIT_USAGE


@click.command("samples")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite files that already exist in DIR.")
def samples(folder: Path, force: bool) -> int:
    """Copy the bundled sample term files into DIR (created if missing).

    DIR also gets termsheet.schema.json, and each sample's first line points
    at it (# yaml-language-server: $schema=./termsheet.schema.json), so an
    editor completes and checks fields offline. Existing files are left alone
    unless --force is given.

    \b
    Examples:
      termsheet samples s
      termsheet samples s && termsheet validate s && termsheet render s --to pdf,docx --out-dir o
      termsheet samples --force s
    """
    from termsheet.jobs.samples import FilesExist, copy_samples

    try:
        written = copy_samples(folder, force=force)
    except FilesExist as exc:
        names = ", ".join(str(path) for path in exc.paths)
        click.echo(f"termsheet: not overwriting existing files: {names}; use --force to overwrite",
                   err=True)
        return EXIT_USAGE
    except OSError as exc:
        where = exc.filename or folder
        click.echo(f"termsheet: cannot write {where}: {exc.strerror or exc}", err=True)
        return EXIT_USAGE
    click.echo(f"wrote {len(written)} files to {folder}; next: termsheet validate {folder}")
    return EXIT_OK
