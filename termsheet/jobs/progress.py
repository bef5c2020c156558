"""Stage reports of a long command on one updating line of stderr, on a terminal only.

    with StageLine.for_terminal(sys.stderr, enabled=not quiet) as stage:
        stage("comparing 500 provisions…")

Each report replaces the previous one (carriage return, then erase to the end of
the line); the line is erased when the block ends, so results and messages
printed afterwards start on a clean line. When the stream is not a terminal (a
pipe, a CI log, a test's captured output) nothing is ever written.
"""

from __future__ import annotations

import shutil
from typing import TextIO

ERASE_LINE = "\r\x1b[K"


def is_terminal(stream) -> bool:
    """Whether ``stream`` is an interactive terminal (False for anything that cannot say)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class StageLine:
    """A callable that shows the current stage of a job; a no-op when disabled."""

    def __init__(self, stream: TextIO | None, enabled: bool):
        self.stream = stream
        self.enabled = enabled and stream is not None
        self.shown = False

    @classmethod
    def for_terminal(cls, stream: TextIO, enabled: bool = True) -> StageLine:
        """Reports to ``stream`` when ``enabled`` and ``stream`` is a terminal."""
        return cls(stream, enabled and is_terminal(stream))

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        width = max(shutil.get_terminal_size((80, 24)).columns - 1, 10)
        self._write(ERASE_LINE + _fit(message, width))
        self.shown = True

    def clear(self) -> None:
        """Erase the line, if anything was shown."""
        if self.shown:
            self._write(ERASE_LINE)
            self.shown = False

    def __enter__(self) -> StageLine:
        return self

    def __exit__(self, *_exc) -> None:
        self.clear()

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed terminal never fails the job
            self.enabled = False


def _fit(message: str, width: int) -> str:
    """One line of at most ``width`` characters (control characters dropped)."""
    line = "".join(char for char in message if char.isprintable())
    return line if len(line) <= width else line[: width - 1] + "…"


def quiet_stage(_message: str) -> None:
    """A stage reporter that reports nothing (the default of the jobs)."""
