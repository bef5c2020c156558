"""A time limit on a block of code in the main thread (``SIGALRM``, POSIX)."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class Deadline(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` on the way
    (inside WeasyPrint, say) swallows it."""


def can_limit_time() -> bool:
    """Whether this thread can set an alarm: the main thread of a POSIX process."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def raise_after(seconds: float, on_ring=None):
    """Raise :class:`Deadline` in the block after ``seconds``; ``on_ring()`` is called first.

    Only where :func:`can_limit_time`; the previous handler is restored after the block.
    """
    def alarm(_signum, _frame):
        if on_ring is not None:
            on_ring()
        raise Deadline

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float | None, rang: list[int]):
    """Stop a whole job's block (diff, consolidate) after ``seconds`` and note it in
    ``rang``; where no alarm can be set (:func:`can_limit_time`), or with None, no limit.
    Files are published inside the block all or none, so a job stopped while publishing
    leaves the earlier files."""
    if not seconds or not can_limit_time():
        yield
        return
    with raise_after(seconds, on_ring=lambda: rang.append(1)):
        yield
