"""Safe publication of rendered files: checked paths, atomic writes, all formats or none.

Rendering happens in memory. Only when every requested format of a file has
been produced are the results written, each to a temporary file in the target
folder and then moved into place with ``os.replace``. An earlier good output is
therefore replaced only by a complete new one, and never half-written.

The output folder is opened once, before rendering, without following a symbolic
link (:func:`prepare_out_dir`); every check, temporary file, backup and rename goes
through that descriptor. Replacing the folder by a symbolic link while a file
renders therefore redirects nothing: the publication notices and refuses.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from termsheet.errors import OutputError
from termsheet.jobs.interrupts import deferred

EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md", "json": ".json"}

NAME_MAX = 255
"""Longest file name, in bytes, that common file systems (ext4, XFS, APFS, NTFS) allow."""

_FOLDER_FLAGS = (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0))
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))
_NEW_FILE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                   | getattr(os, "O_CLOEXEC", 0))


class OutputFolder:
    """The output folder, open: ``path`` for messages, ``descriptor`` for every file operation.

    A context manager; the descriptor is closed at the end of the ``with`` block.
    """

    def __init__(self, path: Path, descriptor: int):
        self.path = path
        self.descriptor = descriptor
        self.identity = _identity(os.fstat(descriptor))

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        if self.descriptor >= 0:
            os.close(self.descriptor)
            self.descriptor = -1

    def entry(self, name: str) -> os.stat_result | None:
        """What stands at ``name`` in the folder (a link is not followed), or None."""
        try:
            return os.stat(name, dir_fd=self.descriptor, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def read(self, name: str) -> bytes:
        """The bytes of the regular file ``name`` in the folder, read without following a
        symbolic link or waiting on a FIFO; OSError for anything else."""
        with os.fdopen(os.open(name, _READ_FLAGS, dir_fd=self.descriptor), "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise OSError(errno.EINVAL, "not a regular file", name)
            return stream.read()

    def check_still_in_place(self) -> None:
        """Refuse to publish when ``path`` no longer names the folder that was opened."""
        try:
            now = _identity(os.stat(self.path, follow_symlinks=False))
        except OSError:
            now = None
        if now != self.identity:
            raise OutputError(f"{self.path}: the output folder was moved or replaced while "
                              "rendering; nothing was written")


def prepare_out_dir(out_dir: Path) -> OutputFolder:
    """Create the output folder if needed and open it; refuse a symlink or a file in its place."""
    if out_dir.is_symlink():
        raise _symlinked_folder(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise _not_a_folder(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the output folder "
                          f"({error.strerror})") from error
    return open_folder(out_dir)


def open_folder(folder: Path) -> OutputFolder:
    """Open an existing folder without following a symbolic link in its place."""
    try:
        return OutputFolder(folder, os.open(folder, _FOLDER_FLAGS))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _symlinked_folder(folder) from None
        if error.errno == errno.ENOTDIR:
            raise _not_a_folder(folder) from None
        raise OutputError(f"{folder}: cannot open the output folder ({error.strerror})") from None


def plan_outputs(stem: str, folder: OutputFolder, formats, inputs) -> dict[str, Path]:
    """Target path per format; refuse names too long, and targets that are inputs, folders
    or symlinks."""
    protected = {identity for identity in map(_identity_of, inputs) if identity is not None}
    targets = {}
    for fmt in formats:
        name = f"{stem}{EXTENSIONS[fmt]}"
        target = folder.path / name
        if len(os.fsencode(name)) > NAME_MAX:
            raise OutputError(f"{target}: the file name is longer than {NAME_MAX} bytes, the most "
                              "a file system allows; give the input a shorter name")
        entry = folder.entry(name)
        if entry is not None and stat.S_ISLNK(entry.st_mode):
            raise OutputError(f"{target}: is a symbolic link; refusing to write through it")
        if entry is not None and stat.S_ISDIR(entry.st_mode):
            raise OutputError(f"{target}: is a folder; refusing to replace it")
        if entry is not None and _identity(entry) in protected:
            raise OutputError(f"{target}: is one of the input files; refusing to overwrite it")
        targets[fmt] = target
    return targets


def publish(files: dict[Path, bytes], folder: OutputFolder | None = None) -> list[Path]:
    """Write every file atomically into ``folder``; if any cannot be written, none is replaced.

    Each file is staged beside its target first. Only then are the targets replaced,
    one ``os.replace`` each; an earlier version of each target is kept (as a hard link)
    until all of them are in place, so that a failure half-way puts the earlier files
    back and removes the new ones that had no earlier version. Ctrl-C and SIGTERM
    wait until the publication is complete (or undone), which takes moments; no
    temporary or backup file is left at any point. Without ``folder``, the files'
    common folder is opened here.
    """
    if folder is None:
        parents = {target.parent for target in files}
        if len(parents) > 1:
            raise ValueError("publish() writes into one folder at a time")
        with open_folder(parents.pop() if parents else Path(".")) as opened:
            return publish(files, opened)
    folder.check_still_in_place()
    with deferred():
        _Publication(folder).run(files)
    return list(files)


class _Publication:
    """One publication's steps, and what each has left in the folder.

    Every name is recorded *before* the file is made, so that whatever stops the
    publication, at any step, the clean-up finds everything it made.
    """

    def __init__(self, folder: OutputFolder):
        self.folder = folder
        self.made: list[str] = []  # temporary and backup names
        self.replaced: list[tuple[str, str | None]] = []  # (target name, its backup)

    def run(self, files: dict[Path, bytes]) -> None:
        current: Path | None = None
        try:
            staged = []
            for current, content in files.items():
                staged.append((self._stage(content), current))
            for temporary, current in staged:
                self._replace(temporary, current.name)
        except BaseException as error:
            self._roll_back()
            self._remove_made()
            if isinstance(error, OSError):
                raise OutputError(f"cannot write {current or 'the output'}: "
                                  f"{error.strerror or error}; no output of this file was "
                                  "changed") from error
            raise
        self._remove_made()  # the backups; the temporaries are in place

    def _new_name(self, suffix: str) -> str:
        """A fresh hidden name of fixed length (whatever the target's), recorded as made."""
        name = f".termsheet-{secrets.token_hex(8)}{suffix}"
        self.made.append(name)
        return name

    def _create(self, suffix: str) -> tuple[str, int]:
        """A new, empty, exclusively created file: its name and an open descriptor."""
        for _ in range(100):
            name = self._new_name(suffix)
            try:
                return name, os.open(name, _NEW_FILE_FLAGS, 0o600, dir_fd=self.folder.descriptor)
            except FileExistsError:
                self.made.remove(name)  # someone else's
        raise FileExistsError(errno.EEXIST, "cannot name a temporary file", str(self.folder.path))

    def _stage(self, content: bytes, suffix: str = ".tmp") -> str:
        """Write ``content`` to a new temporary file in the folder and return its name."""
        name, descriptor = self._create(suffix)
        with os.fdopen(descriptor, "wb") as stream:
            os.fchmod(descriptor, 0o644)
            stream.write(content)
            stream.flush()
            os.fsync(descriptor)
        return name

    def _replace(self, temporary: str, target: str) -> None:
        """Move ``temporary`` to ``target``, keeping what stood there for a roll-back."""
        backup = self._keep_earlier(target)
        # Recorded first: rolling back a replace that was not done changes nothing.
        self.replaced.append((target, backup))
        fd = self.folder.descriptor
        os.replace(temporary, target, src_dir_fd=fd, dst_dir_fd=fd)

    def _keep_earlier(self, target: str) -> str | None:
        """A hard link to the file now at ``target`` (None when there is none)."""
        if self.folder.entry(target) is None:
            return None
        fd = self.folder.descriptor
        for _ in range(100):
            backup = self._new_name(".bak")
            try:
                os.link(target, backup, src_dir_fd=fd, dst_dir_fd=fd, follow_symlinks=False)
                return backup
            except FileExistsError:
                self.made.remove(backup)
            except OSError:  # a file system without hard links: keep a copy instead
                self.made.remove(backup)
                return self._stage(self.folder.read(target), ".bak")
        raise FileExistsError(errno.EEXIST, "cannot name a backup file", target)

    def _roll_back(self) -> None:
        """Put back what stood at each replaced target before this publication."""
        fd = self.folder.descriptor
        for target, backup in reversed(self.replaced):
            try:
                if backup is None:
                    os.unlink(target, dir_fd=fd)
                else:
                    os.replace(backup, target, src_dir_fd=fd, dst_dir_fd=fd)
            except OSError:
                pass

    def _remove_made(self) -> None:
        for name in self.made:
            try:
                os.unlink(name, dir_fd=self.folder.descriptor)
            except OSError:
                pass


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def _identity_of(path) -> tuple[int, int] | None:
    """The file an input path names (links followed), or None when it cannot be reached."""
    try:
        return _identity(os.stat(path))
    except (OSError, ValueError):
        return None


def _symlinked_folder(folder: Path) -> OutputError:
    return OutputError(f"{folder}: the output folder is a symbolic link; give a real folder")


def _not_a_folder(folder: Path) -> OutputError:
    return OutputError(f"{folder}: exists and is not a folder")
