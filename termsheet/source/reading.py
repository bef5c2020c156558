"""Reading a term file's bytes: the size limit, UTF-8 decoding, files that cannot be read."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from termsheet.source.diagnostics import Diagnostic, Span, make_diagnostic
from termsheet.source.limits import MAX_FILE_BYTES


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def decode(data: bytes, filename: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 bytes → text; a single leading UTF-8 BOM is dropped."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.startswith(b"\x00\x00\xfe\xff"):
        kind = "UTF-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "UTF-16"
        return None, [make_diagnostic(
            filename, "not-utf8", f"the file is encoded as {kind}, not UTF-8",
            Span(1, 1, 1, 2), f"save it as UTF-8 ({kind} byte-order mark found)")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_byte(data, exc.start)
        bad = data[exc.start:exc.end].hex(" ").upper()
        return None, [make_diagnostic(
            filename, "not-utf8",
            f"the file is not valid UTF-8: byte 0x{bad} at line {line}, column {col}",
            Span(line, col, line, col + 1),
            "save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
        )]


def read_bytes(path: Path, filename: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a file, refusing anything larger than :data:`MAX_FILE_BYTES` and anything that
    is not a regular file (see :func:`open_regular`)."""
    try:
        stream = open_regular(path)
    except Unreadable as error:
        return None, [make_diagnostic(filename, error.code, error.reason)]
    with stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_FILE_BYTES:
            return None, [too_large(filename, size)]
        return read_stream(stream, filename)


class Unreadable(Exception):
    """A path termsheet does not read: ``code`` (``file-not-found`` or ``file-unreadable``)
    and ``reason``, the words of the message (``no such file``, ``permission denied`` …)."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(
    os, "O_CLOEXEC", 0)

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))

#: Paths that name a descriptor this process was given: the pipe of a shell's process
#: substitution ``<(…)`` (``/dev/fd/63``). They are read like standard input.
_PASSED_DESCRIPTORS = ("/dev/fd/", "/proc/self/fd/")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading, never blocking: a regular file, or a pipe passed as
    ``/dev/fd/N``. A folder, a FIFO, a device or a socket is refused before it is opened
    (and again after, should the path change meanwhile); raises :class:`Unreadable`."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISFIFO(mode) and _is_passed_descriptor(path):
            return open(path, "rb")  # noqa: SIM115 - the caller closes it
        _refuse_unless_regular(mode)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _access_error(error) from None
    try:
        _refuse_unless_regular(os.fstat(descriptor).st_mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def access_problem(path: str | os.PathLike[str]) -> Unreadable | None:
    """Why ``path`` cannot be read as a term file or a settings file, or None; reads nothing."""
    try:
        open_regular(path).close()
    except Unreadable as error:
        return error
    return None


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise Unreadable("file-unreadable", "is a folder, not a file")
    for test, kind in _KINDS:
        if test(mode):
            raise Unreadable("file-unreadable", f"not a regular file ({kind}); not read")
    if not stat.S_ISREG(mode):
        raise Unreadable("file-unreadable", "not a regular file; not read")


def _is_passed_descriptor(path: str | os.PathLike[str]) -> bool:
    text = os.fspath(path)
    return text == "/dev/stdin" or text.startswith(_PASSED_DESCRIPTORS)


def _access_error(error: OSError) -> Unreadable:
    """The words for an error of ``stat`` or ``open``."""
    if error.errno == errno.ENOENT:
        return Unreadable("file-not-found", "no such file")
    if error.errno == errno.ENOTDIR:
        return Unreadable("file-not-found", "no such file (a part of the path is not a folder)")
    if error.errno == errno.ELOOP:
        return Unreadable("file-unreadable", "symlink loop (a symbolic link leads back to itself)")
    if error.errno in (errno.EACCES, errno.EPERM):
        return Unreadable("file-unreadable", "permission denied")
    return Unreadable("file-unreadable", f"cannot read the file: {error.strerror or error}")


def read_stream(stream: BinaryIO, filename: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a binary stream once (a file, a pipe, standard input), refusing more than
    :data:`MAX_FILE_BYTES`: at most one byte over the limit is read."""
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [_unreadable(filename, exc)]
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(filename, len(data), at_least=True)]
    return data, []


def _unreadable(filename: str, exc: OSError) -> Diagnostic:
    return make_diagnostic(filename, "file-unreadable", f"cannot read the file: {exc.strerror or exc}")


def too_large(filename: str, size: int, *, at_least: bool = False) -> Diagnostic:
    """The ``file-too-large`` error."""
    amount = f"more than {MAX_FILE_BYTES:,}" if at_least else f"{size:,}"
    return make_diagnostic(
        filename, "file-too-large",
        f"the file is too large ({amount} bytes; the limit is {MAX_FILE_BYTES:,} bytes, 2 MiB)",
        Span.point(1, 1), "split the term file; real term files are far smaller",
    )
