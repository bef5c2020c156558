"""Run the render job over many files, on every core, with a time limit per file."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, TimeoutError as FutureTimeout
from pathlib import Path
from typing import Callable, Iterable

from termsheet.errors import RenderError, TermsheetError
from termsheet.jobs.interrupts import deferred, held_for_children, worker_signals
from termsheet.jobs.render import (
    RenderOptions, RenderResult, render_file, render_job_key, up_to_date_result,
)

DEFAULT_TIMEOUT = 300.0
"""Seconds one file may take before the batch gives up on it (a runaway layout)."""

WORKER_SHARE = 0.9
"""Part of the limit a worker's own PDF alarm gets: it should fire (a clean error, no
output, the worker stays usable) before the batch gives up on the file and kills it."""

STOP_GRACE = 5.0
"""Seconds a stopped worker may take to end. It holds SIGTERM only while it starts up
or publishes a file (see :mod:`termsheet.jobs.interrupts`); after that it is killed."""


def worker_count(files: int) -> int:
    """Processes to use: one per core, never more than there are files."""
    return max(1, min(files, os.cpu_count() or 1))


def render_batch(paths: list[Path], options: RenderOptions, *, jobs: int | None = None,
                 timeout: float = DEFAULT_TIMEOUT,
                 on_done: Callable[[RenderResult], None] | None = None,
                 cache: bool = False, force: bool = False) -> list[RenderResult]:
    """Render every path; results come back in the order of ``paths``.

    With ``cache``, a file whose outputs are already current is only validated (unless
    ``force``), and every render leaves its record (`termsheet.jobs.render_cache`).
    Which files are current is decided here, before any worker starts, so that a batch
    with one changed file renders it in this process.
    In one process the PDF layout's own alarm enforces ``timeout``; in a pool the
    worker's alarm fires a little earlier and the batch stops waiting at ``timeout``.
    """
    job = _job_key(options) if cache else None
    current = [None if force or job is None else _current(path, options, job, on_done)
               for path in paths]
    stale = [path for path, result in zip(paths, current) if result is None]
    rendered = iter(_render(stale, options, job, jobs, timeout, on_done))
    return [next(rendered) if result is None else result for result in current]


def _job_key(options: RenderOptions) -> str | None:
    """The job's cache key; None when a template file cannot be read (then nothing is
    taken as current nor recorded, and each file's render reports the problem)."""
    try:
        return render_job_key(options)
    except (TermsheetError, OSError):
        return None


def _current(path: Path, options: RenderOptions, job: str, on_done) -> RenderResult | None:
    result = up_to_date_result(path, options, job)
    return None if result is None else _report(result, on_done)


def _render(paths, options, job, jobs, timeout, on_done) -> list[RenderResult]:
    if not paths:
        return []
    jobs = worker_count(len(paths)) if jobs is None else max(1, jobs)
    if jobs == 1 or len(paths) == 1:
        options = dataclasses.replace(options, timeout=timeout)
        return [_report(render_file(path, options, job), on_done) for path in paths]
    options = dataclasses.replace(options, timeout=timeout * WORKER_SHARE if timeout else None)
    return _render_in_pool(paths, options, job, jobs, timeout, on_done)


def _render_in_pool(paths, options, job, jobs, timeout, on_done) -> list[RenderResult]:
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_warm_up,
                               initargs=(options.formats, options.pdf_engine))
    finished = False
    try:
        with held_for_children():  # the workers start here, with the first submissions
            futures = [pool.submit(render_file, path, options, job) for path in paths]
        results = [_report(_collect(path, future, timeout), on_done)
                   for path, future in zip(paths, futures)]
        finished = all(future.done() for future in futures)  # else a file timed out
        return results
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted, or a timed-out file's worker may still be running
            _stop_workers(pool)


def map_in_pool(function: Callable, items: list, jobs: int) -> list:
    """``function(item)`` for every item in a pool of ``jobs`` worker processes (``function``
    defined at a module's top level), the results in the order of ``items``. The workers
    ignore Ctrl-C; an interrupt, the job's alarm or a failing item stops them all."""
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=worker_signals)
    finished = False
    try:
        with held_for_children():  # the workers start here, with the first submissions
            futures = [pool.submit(function, item) for item in items]
        results = [future.result() for future in futures]
        finished = True
        return results
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop_workers(pool)


def _collect(path: Path, future, timeout: float) -> RenderResult:
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        message = f"rendering took longer than {timeout:.0f} s and was stopped"
        result = RenderResult(str(path))
        result.fail(RenderError(message, code="render-timeout"))
        return result
    except Exception as error:  # a worker died (BrokenProcessPool) or could not run the task
        result = RenderResult(str(path))
        result.fail_internal(error)
        return result


def _warm_up(formats: Iterable[str], pdf_engine: str) -> None:
    """Set up a worker's signals; import the heavy writers before the first file arrives."""
    worker_signals()
    if "pdf" in formats and pdf_engine == "weasyprint":
        from termsheet.writers.pdf import import_weasyprint
        import_weasyprint()  # without its slow library probing
    elif "pdf" in formats:
        import typst  # noqa: F401
    if "docx" in formats:
        import docx  # noqa: F401


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now: SIGTERM, then SIGKILL for any still running after STOP_GRACE."""
    with deferred():  # a second Ctrl-C does not cut this short
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                process.kill()


def _report(result: RenderResult, on_done) -> RenderResult:
    if on_done is not None:
        on_done(result)
    return result
