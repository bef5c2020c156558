"""``termsheet schema``: write or check the JSON Schema of term files."""

from __future__ import annotations

from pathlib import Path

import click

from termsheet.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, write_stdout


@click.command("schema")
@click.option("-o", "--output", "output", metavar="PATH", default=None,
              help="Write the schema to PATH (a folder: PATH/termsheet.schema.json;"
                   " -: standard output). Default: ./termsheet.schema.json.")
@click.option("--check", "check", metavar="FILE", default=None,
              type=click.Path(path_type=Path, dir_okay=False),
              help="Write nothing; exit 0 if FILE is current, 1 if it is out of date,"
                   " 2 if it is missing or unreadable.")
def schema(output: str | None, check: Path | None) -> int:
    """Write (or check) the JSON Schema of term files, for editors and CI.

    Writes termsheet.schema.json to the current folder unless -o says where;
    never into the installed package.

    \b
    Examples:
      termsheet schema
      termsheet schema -o schemas/termsheet.schema.json
      termsheet schema -o - | less
      termsheet schema --check schemas/termsheet.schema.json
    """
    from termsheet.schema import export as schema_module

    if check is not None:
        if output is not None:
            raise click.UsageError("--check reads a file and -o writes one: give one of them")
        return _check_schema_file(check)
    if output == "-":
        write_stdout(schema_module.schema_text())
        return EXIT_OK
    target = Path(output) if output is not None else Path(schema_module.SCHEMA_FILENAME)
    if target.is_dir():
        target = target / schema_module.SCHEMA_FILENAME
    try:
        schema_module.write_schema(target)
    except OSError as exc:
        click.echo(f"termsheet: cannot write {target}: {exc.strerror or exc}", err=True)
        return EXIT_USAGE
    click.echo(f"wrote {target}")
    return EXIT_OK


def _check_schema_file(path: Path) -> int:
    """``schema --check``: 0 current, 1 out of date, 2 missing or unreadable."""
    from termsheet.schema.export import check_schema

    try:
        current = check_schema(path)
    except UnicodeDecodeError:
        current = False
    except OSError as exc:
        click.echo(f"termsheet: cannot read {path}: {exc.strerror or exc}", err=True)
        return EXIT_USAGE
    if current:
        click.echo(f"{path}: up to date")
        return EXIT_OK
    click.echo(f"{path}: out of date; regenerate it with `termsheet schema -o {path}`")
    return EXIT_PROBLEMS
