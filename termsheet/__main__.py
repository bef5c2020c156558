"""Allow ``python -m termsheet``; :func:`main` is also the ``termsheet`` command."""

import signal
import sys

from termsheet.jobs.interrupts import keep_exit_status, stop_on_signals


def main() -> None:
    """Run the command line; a Ctrl-C or SIGTERM while it is being imported ends it quietly."""
    received: list[int] = []
    try:
        with stop_on_signals(received):
            from termsheet.cli.app import main as cli_main
    except BaseException:  # the interrupt itself, or an error that an import made of it
        if not received:
            raise
        keep_exit_status()
        sys.stderr.write("\ninterrupted\n" if received[0] == signal.SIGINT else "terminated\n")
        sys.exit(128 + received[0])
    cli_main()


if __name__ == "__main__":
    main()
