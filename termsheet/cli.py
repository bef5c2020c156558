"""The ``termsheet`` command line.

This module only parses options, calls library functions, prints, and sets the
exit status (0 ok, 1 problems in the input, 2 usage/file access/internal
error, 130 interrupted, 143 terminated).  The work is done in :mod:`termsheet.validate`,
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
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from termsheet import __version__
from termsheet import interrupts

#: Commands defined in their own modules: name → "module:attribute".
EXTRA_COMMANDS: dict[str, str] = {
    "render": "termsheet.commands.render:render",
    "diff": "termsheet.commands.diff:diff",
    "samples": "termsheet.commands.samples:samples",
    "explain": "termsheet.commands.explain:explain",
}

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process ended by it


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


def config_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--config FILE`` and ``--no-config``, shared by commands that validate term files."""
    decorators = [
        click.option("--config", "config_file", metavar="FILE", default=None,
                     type=click.Path(path_type=Path, dir_okay=False),
                     help="Settings file (.termsheet.toml or pyproject.toml); default: the"
                          " nearest one from the current folder up."),
        click.option("--no-config", is_flag=True, help="Ignore every settings file."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


class ConfigFailure(click.ClickException):
    """A settings file that cannot be used (exit status 2)."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"termsheet: {self.message}", err=True)


def project_config(config_file: Path | None, no_config: bool) -> Any:
    """The :class:`termsheet.config.Config` of this run (see :func:`config_options`)."""
    from termsheet.config import ConfigError, load_config

    if config_file is not None and no_config:
        raise click.UsageError("--config and --no-config cannot be used together")
    try:
        return load_config(config_file, isolated=no_config)
    except ConfigError as error:
        raise ConfigFailure(f"configuration error: {error}") from None


def print_report(results: Sequence[Any], *, fmt: str, color: str, quiet: bool, verbose: bool,
                 status: int) -> None:
    """Print a diagnostics report to stdout (and internal tracebacks with ``-v`` to stderr)."""
    from termsheet.diagnostics import format_report, resolve_format, use_color

    fmt = resolve_format(fmt, os.environ)
    colored = fmt in ("text", "concise") and use_color(color, _isatty(sys.stdout), os.environ)
    text = format_report(results, fmt=fmt, color=colored, quiet=quiet, verbose=verbose,
                         exit_code=status, github_workspace=os.environ.get("GITHUB_WORKSPACE"))
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
    internal error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
    """


# --------------------------------------------------------------------------
# validate


def stdin_filename_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--stdin-filename NAME``: the name of ``-`` (standard input) in messages."""
    return click.option("--stdin-filename", "stdin_name", metavar="NAME", default=None,
                        help="Name of '-' (standard input) in messages; default <stdin>.")(func)


def check_stdin_name(stdin_name: str | None, paths: Sequence[Any]) -> None:
    """A usage error when ``--stdin-filename`` is given but no path is ``-``."""
    if stdin_name is not None and not any(str(path) == "-" for path in paths):
        raise click.UsageError("--stdin-filename names standard input: give '-' as a path too")


@cli.command()
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

    from termsheet.config import drop_disabled
    from termsheet.validate import collect_paths, exit_status, validate_paths

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
    from termsheet.termfiles import is_term_file

    kept = [path for path in files if is_term_file(path)]
    if verbose:
        for path in files:
            if path not in kept:
                click.echo(f"termsheet: skipped {path}: not a term file", err=True)
    return kept


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
    from termsheet import schema as schema_module

    if check is not None:
        if output is not None:
            raise click.UsageError("--check reads a file and -o writes one: give one of them")
        return _check_schema_file(check)
    if output == "-":
        _write_stdout(schema_module.schema_text())
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
    from termsheet.schema import check_schema

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


# --------------------------------------------------------------------------
# new


@cli.command()
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
    received: list[int] = []  # the signals that reached the run
    try:
        with interrupts.stop_on_signals(received):
            status = cli.main(args=list(argv) if argv is not None else None,
                              prog_name="termsheet", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt, interrupts.Terminated) as stop:
        # click turns Ctrl-C into Abort, after ending the terminal's "^C" line
        return _stopped(received, line_ended=isinstance(stop, click.exceptions.Abort))
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug: short message, traceback only on request
        if received:  # not a bug: a library turned the interrupt into another error
            return _stopped(received)
        _echo_err(f"termsheet: internal error: {type(exc).__name__}: {exc}")
        if os.environ.get("TERMSHEET_DEBUG"):
            _echo_err(traceback.format_exc())
        else:
            _echo_err("set TERMSHEET_DEBUG=1 to see the traceback, and please report it")
        return EXIT_USAGE
    if received:  # a library swallowed the interrupt; the command ran to its end
        return _stopped(received)
    if isinstance(status, bool) or not isinstance(status, int):
        return EXIT_OK
    return status


def _stopped(received: list[int], *, line_ended: bool = False) -> int:
    """One line on stderr; exit status 143 after SIGTERM, else 130 (Ctrl-C)."""
    interrupts.keep_exit_status()
    if received[:1] == [signal.SIGTERM]:
        _echo_err("terminated")
        return EXIT_TERMINATED
    _echo_err("interrupted" if line_ended else "\ninterrupted")
    return EXIT_INTERRUPTED


def _echo_err(text: str) -> None:
    try:
        click.echo(text, err=True)
    except (OSError, ValueError):  # pragma: no cover - stderr closed
        pass
