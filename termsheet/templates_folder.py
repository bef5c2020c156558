"""Reading the files of a template folder: regular files only, never through a symlink.

A ``--templates`` folder is code, and it travels between offices as term files do
(docs/threats.md, "Trust model"). Every file termsheet takes from it — wording and
page templates, stylesheets, the comparison's script, ``extra.css``, ``styles.yaml``,
``reference.docx`` — is read here, and refused (a `TemplateConfigError`, exit status 2,
naming the file as the user names it) when it, or a folder on its way inside the
template folder, is a symlink, or when it is not a regular file (a FIFO, a device, a
socket). The file is opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked again with
``fstat``, so that a FIFO cannot make the render wait for a writer.

The packaged templates are part of the installed package and are read as they are.

:func:`folder_problems` lists the same refusals for the whole folder, so that the
check run before rendering (`termsheet.compose.overrides`) reports them all at once;
:class:`FolderLoader` is the Jinja2 loader of the template environments.
"""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, TypeVar

import jinja2
from jinja2.loaders import split_template_path

from termsheet.errors import RenderError, TemplateConfigError
from termsheet.resources import TemplateSet

T = TypeVar("T")

MAX_TEMPLATE_FILE_BYTES = 20 * 1024 * 1024
"""Largest file read from a template folder (a reference.docx with a logo fits easily)."""

REFUSED = "templates and styles must be regular files, not symlinks, inside the folder"
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))


@dataclass(frozen=True)
class TemplateFile:
    """One file of a template set, read whole."""

    relative: str
    """Its path in the template set, e.g. ``styles/print.css``."""
    path: Path
    """Where it was read."""
    shown: str
    """How messages name it: as the user named the folder (``office/styles/print.css``), or
    the packaged file's relative path."""
    data: bytes
    from_office: bool
    """Whether it comes from the drafting office's folder (else it is packaged)."""
    mtime_ns: int
    """Its modification time when read (Jinja2 reloads a template whose time changed)."""

    def problem(self, what: str, *, code: str) -> RenderError:
        """``SHOWN: what`` as a configuration error (`TemplateConfigError`, exit status 2) for
        the office's file; for a packaged one, a `RenderError` (a bug in termsheet)."""
        kind = TemplateConfigError if self.from_office else RenderError
        return kind(f"{self.shown}: {what}", code=code)

    def text(self) -> str:
        """The file as UTF-8 text; an office's file that is not UTF-8 is a `TemplateConfigError`."""
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError as error:
            if not self.from_office:
                raise
            raise TemplateConfigError(f"{self.shown}: not UTF-8 text ({error.reason} at byte "
                                      f"{error.start})") from None


def read_template(templates: TemplateSet, relative: str, *,
                  max_bytes: int = MAX_TEMPLATE_FILE_BYTES) -> TemplateFile:
    """The file ``relative``: the office's when its folder has an entry of that name (which
    must then be a regular file reached without symlinks), else the packaged one.
    FileNotFoundError when neither has it."""
    found = office_file(templates, relative, max_bytes=max_bytes)
    if found is not None:
        return found
    path = templates.default / relative
    try:
        data = path.read_bytes()
        mtime_ns = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise FileNotFoundError(f"template file not found: {relative}") from None
    return TemplateFile(relative, path, relative, data, False, mtime_ns)


def office_file(templates: TemplateSet, relative: str, *,
                max_bytes: int = MAX_TEMPLATE_FILE_BYTES) -> TemplateFile | None:
    """The office's file ``relative``, read safely; None when its folder has no such entry."""
    if templates.override is None:
        return None
    parts = PurePosixPath(relative).parts
    path = templates.override.joinpath(*parts)
    shown = (templates.given.joinpath(*parts) if templates.given else path).as_posix()
    if not _present(templates.override, parts, shown):
        return None
    data, mtime_ns = read_regular_file(path, shown, max_bytes)
    return TemplateFile(relative, path, shown, data, True, mtime_ns)


def _present(root: Path, parts: tuple[str, ...], shown: str) -> bool:
    """Whether ``root/parts`` exists, looking at each step without following it: a
    symlink on the way is refused, a missing step means the file is not there."""
    current = root
    for index, part in enumerate(parts):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return False
        last = index == len(parts) - 1
        if stat.S_ISLNK(mode):
            what = "is a symlink" if last else f"lies in a symlinked folder ({part})"
            raise TemplateConfigError(f"{shown}: {what}; {REFUSED}", code="unsafe-template-file")
        if not last and not stat.S_ISDIR(mode):
            return False
    return True


def read_regular_file(path: Path, shown: str, max_bytes: int) -> tuple[bytes, int]:
    """The bytes and modification time of ``path``: a regular file opened without following
    a symlink and without waiting on a FIFO, at most ``max_bytes``; else `TemplateConfigError`."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if os.path.islink(path):
            raise TemplateConfigError(f"{shown}: is a symlink; {REFUSED}",
                                      code="unsafe-template-file") from None
        raise TemplateConfigError(f"{shown}: cannot be read ({error.strerror})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateConfigError(f"{shown}: is {_kind(info.st_mode)}; {REFUSED}",
                                      code="unsafe-template-file")
        if info.st_size > max_bytes:
            raise TemplateConfigError(f"{shown}: larger than {max_bytes:,} bytes",
                                      code="unsafe-template-file")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise TemplateConfigError(f"{shown}: cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise TemplateConfigError(f"{shown}: larger than {max_bytes:,} bytes",
                                  code="unsafe-template-file")
    return data, info.st_mtime_ns


def folder_problems(folder: Path) -> list[str]:
    """``FOLDER/PATH: what`` for every symlink and every entry that is neither a regular
    file nor a folder in the template folder ``folder`` (hidden entries are skipped)."""
    problems = []
    for path, mode in _entries(Path(folder)):
        shown = path.as_posix()
        if stat.S_ISLNK(mode):
            problems.append(f"{shown}: is a symlink; {REFUSED}")
        elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            problems.append(f"{shown}: is {_kind(mode)}; {REFUSED}")
    return problems


def regular_files(folder: Path) -> list[str]:
    """Relative paths of the regular files under ``folder``, symlinks not followed and
    hidden entries skipped, sorted."""
    root = Path(folder)
    return sorted(path.relative_to(root).as_posix() for path, mode in _entries(root)
                  if stat.S_ISREG(mode))


def _entries(folder: Path):
    """``(path, lstat mode)`` of every entry under ``folder``, depth first, without
    following symlinks; hidden entries are skipped."""
    try:
        children = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in children:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        yield path, mode
        if stat.S_ISDIR(mode):
            yield from _entries(path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def folder_key(templates: TemplateSet) -> tuple[Path | None, ...]:
    """What tells two template sets apart, messages included: for caching their environments."""
    return (templates.given, *templates.roots())


def per_template_set(build: Callable[[TemplateSet], T]) -> Callable[[TemplateSet], T]:
    """``build`` called once per template set (by :func:`folder_key`) and its result reused:
    each process compiles a set's templates once."""
    built: dict[tuple[Path | None, ...], T] = {}

    @functools.wraps(build)
    def cached(templates: TemplateSet) -> T:
        key = folder_key(templates)
        if key not in built:
            built[key] = build(templates)
        return built[key]

    return cached


class FolderLoader(jinja2.BaseLoader):
    """Loads ``<subfolder>/<name>`` of a template set through :func:`read_template`: the
    office's file when it has one (refused if it is a symlink or not a regular file), else
    the packaged one. Jinja2 reloads a file whose modification time changed."""

    def __init__(self, templates: TemplateSet, subfolder: str):
        self.templates = templates
        self.subfolder = subfolder

    def get_source(self, environment, template) -> tuple[str, str, Callable[[], bool]]:
        parts = split_template_path(template)  # refuses "..", so no path leaves the roots
        try:
            file = read_template(self.templates, "/".join([self.subfolder, *parts]))
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        path, mtime_ns = file.path, file.mtime_ns
        return file.text(), str(path), lambda: _mtime_ns(path) == mtime_ns

    def list_templates(self) -> list[str]:
        names = set()
        for root in self.templates.roots():
            names.update(regular_files(root / self.subfolder))
        return sorted(names)


def _mtime_ns(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return None
