"""``termsheet explain CODE``: print what a diagnostic code means and how to fix it."""

from __future__ import annotations

import click

from termsheet.cli.common import EXIT_OK, EXIT_USAGE, write_stdout


@click.command("explain")
@click.argument("code", required=False)
@click.option("--list", "list_codes", is_flag=True, help="List every code, with its severity.")
def explain(code: str | None, list_codes: bool) -> int:
    """Explain a diagnostic CODE: what it checks, why, and how to fix it.

    CODE is a lint rule (E-ID-DUP, W-DURATION …), a reading code (yaml-alias,
    not-utf8 …) or a schema code (missing, literal_error …); letter case does
    not matter.

    \b
    Examples:
      termsheet explain E-REF-PARTY
      termsheet explain yaml-alias
      termsheet explain --list
    """
    from termsheet.source.explain import find, listing, suggestions

    if list_codes:
        if code is not None:
            raise click.UsageError("give a CODE or --list, not both")
        write_stdout(listing())
        return EXIT_OK
    if code is None:
        raise click.UsageError("give a CODE to explain, or --list to see every code")
    explanation = find(code)
    if explanation is None:
        close = suggestions(code)
        guess = f"; did you mean {' or '.join(close)}?" if close else ""
        click.echo(f"termsheet: unknown code '{code}'{guess} "
                   "(termsheet explain --list shows every code)", err=True)
        return EXIT_USAGE
    write_stdout(explanation.text())
    return EXIT_OK
