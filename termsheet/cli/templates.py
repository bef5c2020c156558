"""``termsheet templates export DIR``: write the packaged templates and styles to start from."""

from __future__ import annotations

from pathlib import Path

import click

from termsheet.cli.common import EXIT_OK, EXIT_USAGE


@click.group("templates")
def templates() -> None:
    """Work with a drafting office's --templates folder."""


@templates.command("export")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite files that already exist in DIR.")
def export(folder: Path, force: bool) -> int:
    """Write the packaged templates and styles into DIR (created if missing).

    DIR gets wording/ (wording templates), html/ (page templates) and styles/
    (the stylesheets, reference.docx, and the commented examples extra.css and
    styles.yaml, which change nothing until edited). Used as --templates DIR,
    it renders exactly as the defaults; edit or delete files from there.
    Existing files are left alone unless --force is given.

    Exit status: 0 written, 2 files exist (without --force) or cannot be written.

    \b
    Examples:
      termsheet templates export office
      termsheet render terms.yaml --out-dir out --templates office
    """
    from termsheet.jobs.template_export import FilesExist, export_templates

    try:
        written = export_templates(folder, force=force)
    except FilesExist as exc:
        names = ", ".join(str(path) for path in exc.paths[:5])
        more = f" and {len(exc.paths) - 5} more" if len(exc.paths) > 5 else ""
        click.echo(f"termsheet: not overwriting existing files: {names}{more}; "
                   "use --force to overwrite", err=True)
        return EXIT_USAGE
    except OSError as exc:
        where = exc.filename or folder
        click.echo(f"termsheet: cannot write {where}: {exc.strerror or exc}", err=True)
        return EXIT_USAGE
    click.echo(f"wrote {len(written)} files to {folder}; "
               f"next: termsheet render FILE --out-dir out --templates {folder}")
    return EXIT_OK
