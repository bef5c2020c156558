"""``termsheet new``: a commented skeleton term file."""

from __future__ import annotations

from pathlib import Path

import click

from termsheet.cli.common import EXIT_OK, EXIT_USAGE


@click.command("new")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--schema", "schema_ref", default=None,
              help="Schema path or URL for the editor modeline (default: a"
                   " termsheet.schema.json beside or above FILE, else the schema's URL).")
def new(file: Path, schema_ref: str | None) -> int:
    """Create a commented skeleton term file (never overwrites a file).

    \b
    Examples:
      termsheet new terms/draft.yaml
      termsheet new draft.yaml --schema https://example.org/termsheet.schema.json
    """
    from termsheet.jobs.scaffold import write_new

    try:
        write_new(file, schema_ref)
    except FileExistsError:
        click.echo(f"termsheet: {file} already exists; not overwriting it", err=True)
        return EXIT_USAGE
    except OSError as exc:
        click.echo(f"termsheet: cannot write {file}: {exc.strerror or exc}", err=True)
        return EXIT_USAGE
    click.echo(f"created {file}; fill in the empty values, then run: termsheet validate {file}")
    return EXIT_OK
