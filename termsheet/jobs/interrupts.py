"""Stopping cleanly on Ctrl-C (SIGINT) and SIGTERM.

termsheet stops at once when interrupted, except where stopping half-way would
leave a half-written output: there the signal is held until the block ends
(:func:`deferred`). In the main process Ctrl-C raises ``KeyboardInterrupt`` and
SIGTERM raises :class:`Terminated` (:func:`stop_on_signals`). The worker processes
of a batch ignore Ctrl-C, which a terminal sends them too, and end on SIGTERM,
which the main process sends them (:func:`worker_signals`).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_HAVE_MASKS = hasattr(signal, "pthread_sigmask")


class Terminated(BaseException):
    """SIGTERM reached the main process (a CI cancelling a job): stop as on Ctrl-C.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception``
    swallows it.
    """


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def stop_on_signals(received: list[int]):
    """For the block, Ctrl-C raises ``KeyboardInterrupt`` and SIGTERM :class:`Terminated`.

    Each signal is also appended to ``received``: some libraries turn the exception
    into another error (pydantic does while it builds a model), and the caller can
    still tell that the run was interrupted. Main thread only; elsewhere nothing changes.
    """
    if not _in_main_thread():
        yield
        return

    def stop(signum, _frame):
        received.append(signum)
        raise KeyboardInterrupt if signum == signal.SIGINT else Terminated

    previous = {signum: signal.signal(signum, stop) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def keep_exit_status() -> None:
    """Exit with the status passed to ``sys.exit`` even after a caught ``KeyboardInterrupt``.

    CPython remembers a ``KeyboardInterrupt`` that escaped code run by ``exec`` of a
    string (``dataclasses`` builds methods that way) and then ends the process by
    SIGINT at exit, whatever the status. Running a string resets that memory.
    """
    exec("")  # noqa: S102 - an empty string, to reset the interpreter's flag


@contextmanager
def deferred():
    """Hold SIGINT and SIGTERM until the block ends, then act on them as usual.

    Both signals are blocked (``pthread_sigmask``) before the handlers are swapped and
    until they are restored, so that a signal arriving at any moment, the swapping
    included, acts once, after the block. Python handles signals in the main thread
    only; in another thread the block runs unprotected (and no signal interrupts it there).
    """
    if not _in_main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    mask = _block(SIGNALS)
    try:
        for signum in SIGNALS:
            previous[signum] = signal.signal(signum, lambda signum, _frame: received.append(signum))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _restore(mask)  # a signal held by the mask acts now, through the restored handler
        for signum in dict.fromkeys(received):
            signal.raise_signal(signum)


def _block(signals) -> set | None:
    """Block ``signals`` in this thread; the previous mask (None where masks do not exist)."""
    return signal.pthread_sigmask(signal.SIG_BLOCK, signals) if _HAVE_MASKS else None


def _restore(mask: set | None) -> None:
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


@contextmanager
def held_for_children():
    """:func:`deferred`, and processes started in the block begin with both signals blocked.

    Child processes inherit the blocked signals; a worker unblocks them in
    :func:`worker_signals`, once Ctrl-C is ignored, so an interrupt during its
    start-up neither stops it half-way nor prints a traceback.
    """
    with deferred():  # which blocks them in this thread; children inherit the mask
        yield


def worker_signals() -> None:
    """In a worker process: ignore Ctrl-C (the main process stops the batch), end on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _HAVE_MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
