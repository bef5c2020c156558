"""The ``termsheet`` command line.

This module only parses options, calls library functions, prints, and sets the
exit status (0 ok, 1 problems in the input, 2 usage/file access/internal
error, 130 interrupted).  The work is done in :mod:`termsheet.validate`,
:mod:`termsheet.diagnostics`, :mod:`termsheet.schema` and
:mod:`termsheet.scaffold`.

Adding a command in its own module
----------------------------------
``render`` and ``diff`` live in ``termsheet/commands/render.py`` and
``termsheet/commands/diff.py``, each defining a ``click.Command`` named after
the module (``render = click.command("render")(...)``).  They are listed in
:data:`EXTRA_COMMANDS` and imported only when that command runs (or for
``--help``), so ``termsheet validate`` never imports them — nor WeasyPrint or
python-docx.  A command module returns its exit status as an ``int`` from the
command function (``main`` passes it to ``sys.exit``).  Shared options and
output helpers: :func:`output_options`, :func:`print_report` here, and
:func:`termsheet.diagnostics.format_report`.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from termsheet import __version__

#: Commands defined in their own modules: name → "module:attribute".
EXTRA_COMMANDS: dict[str, str] = {
    "render": "termsheet.commands.render:render",
    "diff": "termsheet.commands.diff:diff",
}

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class TermsheetGroup(click.Group):
    """A group that imports the commands of :data:`EXTRA_COMMANDS` on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = set(super().list_commands(ctx))
        names.update(name for name in EXTRA_COMMANDS if _module_exists(EXTRA_COMMANDS[name]))
        return sorted(names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None or cmd_name not in EXTRA_COMMANDS:
            return command
        target = EXTRA_COMMANDS[cmd_name]
        if not _module_exists(target):
            return None
        module_name, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module_name), attribute)


def _module_exists(target: str) -> bool:
    module_name = target.partition(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:  # the parent package does not exist yet
        return False


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format``, ``--color``, ``-q`` and ``-v``, shared by commands that report diagnostics."""
    from termsheet.diagnostics import COLOR_MODES, FORMATS

    decorators = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto",
                     show_default=True,
                     help="Output format; auto = github under GitHub Actions, else text."),
        click.option("--color", "color", type=click.Choice(COLOR_MODES), default="auto",
                     show_default=True,
                     help="Colour the text output; auto honours NO_COLOR and FORCE_COLOR."),
        click.option("-q", "--quiet", is_flag=True, help="Show errors only."),
        click.option("-v", "--verbose", is_flag=True,
                     help="Also list files that passed, with timings."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def print_report(results: Sequence[Any], *, fmt: str, color: str, quiet: bool, verbose: bool,
                 status: int) -> None:
    """Print a diagnostics report to stdout (and internal tracebacks with ``-v`` to stderr)."""
    from termsheet.diagnostics import format_report, resolve_format, use_color

    fmt = resolve_format(fmt, os.environ)
    colored = fmt in ("text", "concise") and use_color(color, _isatty(sys.stdout), os.environ)
    text = format_report(results, fmt=fmt, color=colored, quiet=quiet, verbose=verbose,
                         exit_code=status)
    if verbose:
        for result in results:
            tb = getattr(result, "internal_traceback", None)
            if tb:
                click.echo(tb, err=True)
    _write_stdout(text)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a file descriptor
        pass


# --------------------------------------------------------------------------
# the group


@click.group(cls=TermsheetGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="termsheet")
def cli() -> None:
    """Validate term files; render term sheets; compare versions.

    Exit status: 0 ok, 1 problems in the input files, 2 usage, file access or
    internal error, 130 interrupted.
    """


# --------------------------------------------------------------------------
# validate


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit status 1).")
@output_options
def validate(paths: tuple[Path, ...], strict: bool, fmt: str, color: str, quiet: bool,
             verbose: bool) -> int:
    """Validate term files, or folders of them (*.yaml, *.yml, recursively)."""
    from termsheet.validate import collect_paths, exit_status, validate_paths

    files = collect_paths(paths)
    if not files:
        click.echo("termsheet: no term files (*.yaml, *.yml) found in "
                   + ", ".join(str(p) for p in paths), err=True)
        return EXIT_USAGE
    results = _with_progress(files, validate_paths, enabled=not quiet and fmt != "json")
    status = exit_status(results, strict=strict)
    print_report(results, fmt=fmt, color=color, quiet=quiet, verbose=verbose, status=status)
    return status


def _with_progress(files: list[Path], run: Callable[..., list[Any]], *, enabled: bool) -> list[Any]:
    """Run ``run(files, on_done)`` with a progress bar on stderr for long batches on a terminal."""
    if not (enabled and len(files) >= 20 and _isatty(sys.stderr)):
        return run(files)
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("validating", total=len(files))
        return run(files, lambda _result: progress.advance(task))


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


# --------------------------------------------------------------------------
# schema


@cli.command()
@click.option("--check", is_flag=True,
              help="Do not write; exit 1 if the committed schema is out of date.")
@click.option("--path", "path", type=click.Path(path_type=Path), default=None,
              help="Schema file (default: schemas/termsheet.schema.json).")
def schema(check: bool, path: Path | None) -> int:
    """Write (or check) the JSON Schema of term files, for editors and CI."""
    from termsheet import schema as schema_module

    target = Path(path) if path is not None else Path(schema_module.SCHEMA_PATH)
    if check:
        if schema_module.check_schema(target):
            click.echo(f"{target}: up to date")
            return EXIT_OK
        click.echo(f"{target}: out of date; run `termsheet schema` and commit the result")
        return EXIT_PROBLEMS
    schema_module.write_schema(target)
    click.echo(f"wrote {target}")
    return EXIT_OK


# --------------------------------------------------------------------------
# new


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--schema", "schema_ref", default=None,
              help="Schema path or URL for the editor modeline"
                   " (default: the packaged schemas/termsheet.schema.json).")
def new(file: Path, schema_ref: str | None) -> int:
    """Create a commented skeleton term file (never overwrites a file)."""
    from termsheet.scaffold import write_new

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


# --------------------------------------------------------------------------
# entry point


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: run the CLI and exit with its status."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # pragma: no cover - replaced streams
            pass
    sys.exit(run(argv))


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit status (no ``sys.exit``)."""
    try:
        status = cli.main(args=list(argv) if argv is not None else None, prog_name="termsheet",
                          standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _echo_err("\ninterrupted")
        return EXIT_INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug: short message, traceback only on request
        _echo_err(f"termsheet: internal error: {type(exc).__name__}: {exc}")
        if os.environ.get("TERMSHEET_DEBUG"):
            _echo_err(traceback.format_exc())
        else:
            _echo_err("set TERMSHEET_DEBUG=1 to see the traceback, and please report it")
        return EXIT_USAGE
    if isinstance(status, bool) or not isinstance(status, int):
        return EXIT_OK
    return status


def _echo_err(text: str) -> None:
    try:
        click.echo(text, err=True)
    except (OSError, ValueError):  # pragma: no cover - stderr closed
        pass
