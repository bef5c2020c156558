"""The watch job: render term files once, then again each time one of them (or the
``--templates`` folder) changes.

Each render is :func:`termsheet.jobs.render.render_file`'s, so outputs and diagnostics
are those of ``termsheet render``; it runs in stages, the quick formats first (HTML is
published before the PDF is laid out). An invalid file publishes nothing, so the last
good outputs stay in place. :class:`Watch` takes its changes as an iterator of batches
(:func:`file_changes` in the command, a list in tests) and stops when its event is set.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from termsheet.jobs.render import RenderOptions, RenderResult, render_file

QUICK_FORMATS = ("html", "md")
"""Published in the first stage; the others (PDF, DOCX) follow in the second."""


def stages(formats: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``formats`` in the order they are published: the quick ones first, then the rest."""
    quick = tuple(fmt for fmt in formats if fmt in QUICK_FORMATS)
    slow = tuple(fmt for fmt in formats if fmt not in QUICK_FORMATS)
    return [stage for stage in (quick, slow) if stage]


@dataclass(frozen=True)
class Rendered:
    """One stage of one file: its result, or None when the file is missing (an editor
    replacing it); ``first`` for the stage that reports the validation."""

    path: Path
    formats: tuple[str, ...]
    result: RenderResult | None
    first: bool


def watch_key(path: Path | str) -> str:
    """How a watched path and a reported change are compared: the absolute path, its folder
    resolved (an editor's rename replaces the file, never its folder)."""
    path = Path(os.path.abspath(path))
    return os.fspath(path.parent.resolve() / path.name)


class Watch:
    """Renders ``files`` with ``options`` and calls ``on_rendered`` after every stage."""

    def __init__(self, files: Iterable[Path], options: RenderOptions,
                 on_rendered: Callable[[Rendered], None]):
        self.files = tuple(files)
        self.options = options
        self.on_rendered = on_rendered
        self.templates_key = watch_key(options.templates) if options.templates else None

    def run(self, changes: Iterable[set[tuple[object, str]]], stop: threading.Event) -> None:
        """Render every file on the first batch of ``changes``, then the files each further
        batch touches, until ``stop`` is set.

        The first batch says that watching has begun (:func:`file_changes` yields it, empty,
        as soon as it watches), so that a save during the first render is not missed.
        """
        for number, batch in enumerate(changes):
            if stop.is_set():
                return
            self.render(self.files if number == 0 else self.touched(batch))

    def touched(self, batch: set[tuple[object, str]]) -> tuple[Path, ...]:
        """The watched files a batch of ``(change, path)`` concerns: all of them when a file of
        the templates folder changed (whose compiled wording is then forgotten)."""
        changed = {watch_key(path) for _change, path in batch}
        if self.templates_key and any(_is_within(key, self.templates_key) for key in changed):
            forget_compiled_templates()
            return self.files
        return tuple(path for path in self.files if watch_key(path) in changed)

    def render(self, files: tuple[Path, ...]) -> None:
        """Each stage for every file in turn (all HTML first); a file stops at its first
        failed stage, or when it is missing."""
        pending = list(files)
        first_results: dict[Path, RenderResult] = {}
        for number, formats in enumerate(stages(self.options.formats)):
            for path in list(pending):
                result = self._render_stage(path, formats, first_results.get(path))
                self.on_rendered(Rendered(path, formats, result, first=number == 0))
                if result is None or not result.ok:
                    pending.remove(path)
                elif number == 0:
                    first_results[path] = result

    def _render_stage(self, path: Path, formats: tuple[str, ...],
                      first: RenderResult | None) -> RenderResult | None:
        if not path.is_file():
            return None
        result = render_file(path, replace(self.options, formats=formats))
        if first is not None:  # the validation was reported with the first stage
            result.diagnostics = [d for d in result.diagnostics if d not in first.diagnostics]
        return result


def _is_within(key: str, folder_key: str) -> bool:
    return key == folder_key or key.startswith(folder_key.rstrip(os.sep) + os.sep)


def forget_compiled_templates() -> None:
    """Drop the wording templates compiled so far, so that edited ones are read again
    (the page templates' environments notice an edited file by themselves)."""
    from termsheet.compose.wording import forget_compiled

    forget_compiled()


def watched_folders(files: Iterable[Path], templates: Path | None) -> list[Path]:
    """The folders to watch: each file's own (so that a file replaced by an editor's rename
    is still seen) and every folder of the templates folder (symlinks not followed)."""
    folders = [Path(watch_key(path)).parent for path in files]
    if templates is not None:
        for top, subfolders, _files in os.walk(templates, followlinks=False):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            folders.append(Path(top).resolve())
    return list(dict.fromkeys(folders))


def file_changes(files: Iterable[Path], templates: Path | None, stop: threading.Event, *,
                 debounce_ms: int) -> Iterator[set[tuple[object, str]]]:
    """Batches of changes to ``files`` and to the templates folder, from the system's file
    notifications (watchfiles): an empty one first, once watching has begun, then one per
    save. Ctrl-C raises ``KeyboardInterrupt``."""
    from watchfiles import watch

    files = tuple(files)
    wanted = {watch_key(path) for path in files}
    templates_key = watch_key(templates) if templates is not None else None

    def relevant(_change, path: str) -> bool:
        key = watch_key(path)
        return key in wanted or bool(templates_key and _is_within(key, templates_key))

    started = False
    # A short timeout makes the first, empty batch come at once; later empty ones are dropped.
    for batch in watch(*watched_folders(files, templates), watch_filter=relevant,
                       recursive=False, debounce=debounce_ms, step=50, rust_timeout=100,
                       yield_on_timeout=True, stop_event=stop, raise_interrupt=True):
        if batch or not started:
            started = True
            yield batch
