"""The ``termsheet`` command group and its entry point.

Every command is a peer in its own module of this folder (``validate.py``,
``render.py``, ``diff.py`` …), defining a ``click.Command`` named after the
module, and listed in :data:`COMMANDS`. A command's module is imported only
when that command runs (or for ``--help``), so ``termsheet validate`` never
imports the rendering stack. A command returns its exit status as an ``int``;
:func:`run` turns interrupts, usage errors and bugs into the statuses of
:mod:`termsheet.cli.common`, where the shared options and printing helpers live.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import traceback
from collections.abc import Sequence

import click

from termsheet import __version__
from termsheet.cli.common import (
    EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED, EXIT_USAGE, echo_err, silence_stdout,
)
from termsheet.jobs import interrupts

#: Every command: name → "module:attribute".
COMMANDS: dict[str, str] = {
    name: f"termsheet.cli.{name}:{name}"
    for name in ("validate", "render", "diff", "consolidate", "watch", "schema", "new", "samples",
                 "explain", "templates")
}


class TermsheetGroup(click.Group):
    """A group that imports the commands of :data:`COMMANDS` on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, _, attribute = COMMANDS[cmd_name].partition(":")
        return getattr(importlib.import_module(module_name), attribute)


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
        silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug: short message, traceback only on request
        if received:  # not a bug: a library turned the interrupt into another error
            return _stopped(received)
        echo_err(f"termsheet: internal error: {type(exc).__name__}: {exc}")
        if os.environ.get("TERMSHEET_DEBUG"):
            echo_err(traceback.format_exc())
        else:
            echo_err("set TERMSHEET_DEBUG=1 to see the traceback, and please report it")
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
        echo_err("terminated")
        return EXIT_TERMINATED
    echo_err("interrupted" if line_ended else "\ninterrupted")
    return EXIT_INTERRUPTED


