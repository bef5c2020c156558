"""Which files to validate: folders searched for term files, ``-`` for standard input,
and paths as messages show them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")

#: The path that stands for standard input (``termsheet validate -``).
STDIN = "-"
#: The name of standard input in messages, unless the caller gives one.
STDIN_NAME = "<stdin>"


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as shown in messages: relative to the current folder when inside it."""
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


def is_stdin(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ``-``, standard input."""
    return os.fspath(path) == STDIN


def collect_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to validate: each file as given, each folder searched recursively.

    Folders contribute ``*.yaml`` and ``*.yml`` files, skipping hidden files
    and folders (``.git``, ``.venv``…) and not following symlinked folders.
    The result is sorted (by path text, ``/``-separated) and free of
    duplicates.  A path that does not exist is kept, so that validating it
    reports ``file-not-found``; ``-`` (standard input) is kept as it is.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if is_stdin(raw):
            found.setdefault(STDIN, path)
        elif path.is_dir():
            for file in _yaml_files(path):
                found.setdefault(_dedupe_key(file), file)
        else:
            found.setdefault(_dedupe_key(path), path)
    return sorted(found.values(), key=lambda p: p.as_posix())


def _dedupe_key(path: Path) -> str:
    """The file ``path`` names, links resolved; the path itself (absolute) where they cannot
    be, as for a symlink loop, which reading the file then reports as its own error."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return str(path.absolute())


def _yaml_files(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(YAML_SUFFIXES):
                continue
            yield Path(root, name)
