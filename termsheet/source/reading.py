"""Reading a term file's bytes: the size limit, UTF-8 decoding, files that cannot be read."""

from __future__ import annotations

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
    """Read a file, refusing anything larger than :data:`MAX_FILE_BYTES`."""
    try:
        if path.is_dir():
            return None, [make_diagnostic(filename, "file-unreadable", "is a folder, not a file")]
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [too_large(filename, size)]
        with path.open("rb") as fh:
            return read_stream(fh, filename)
    except FileNotFoundError:
        return None, [make_diagnostic(filename, "file-not-found", "no such file")]
    except OSError as exc:
        return None, [_unreadable(filename, exc)]


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
