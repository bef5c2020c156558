"""Read a term file: YAML 1.2 text → plain data, with positions on demand.

The loader walks ruamel.yaml's *event* stream once and builds plain Python
data itself (``dict``/``list``/``str``/``int``/``float``/``bool``/``None``/
``datetime.date``).  It never builds ruamel node trees or round-trip objects,
never expands an alias, and stops at the first anchor it meets, so an alias
bomb fails in milliseconds.  When the optional C parser (``ruamel.yaml.clib``)
is importable it supplies the events (about 20× faster); the pure-Python
parser is used otherwise, with identical results.  A plain scalar holding ``:``
or ``?`` inside ``{…}`` or ``[…]`` (``{url: https://example.org/x}``), which the
C parser refuses as YAML 1.1 does, is read by the C parser too, with these
characters masked (:func:`~termsheet.source.yaml_reader.mask_flow_indicators`);
:attr:`LoadedDocument.backend` names the parser that read the file.

Positions cost little: the loader records the start and end of every key and
value as plain numbers while it walks the events, and
:attr:`LoadedDocument.positions` answers "where is this path?" from them.

The stages of loading, one module each: :mod:`~termsheet.source.reading`
(bytes, size, UTF-8), :mod:`~termsheet.source.characters` (forbidden
characters, look-alike letters), :mod:`~termsheet.source.yaml_reader` (events
→ data), :mod:`~termsheet.source.scalars` (what a plain scalar means, which
keys are equal), :mod:`~termsheet.source.yaml_syntax` (syntax errors) and
:mod:`~termsheet.source.positions` (the position map).

Limits (:mod:`~termsheet.source.limits`) and policies (documented in ``docs/cli.md``):

- :data:`MAX_FILE_BYTES` (2 MiB), checked before reading or parsing;
- UTF-8 only.  One UTF-8 byte-order mark at the very start is accepted and
  ignored; UTF-16/UTF-32 files and a BOM anywhere else are errors;
- raw control characters, and invisible or direction-changing characters
  (Unicode category Cf: bidi overrides, zero-width spaces and joiners, soft
  hyphen, …), lone surrogates, non-characters (U+FFFE …) and line/paragraph
  separators are errors wherever they appear: raw in the file (even in a
  comment) or written as an escape in a double-quoted string;
- exactly one YAML document; no anchors, aliases, merge keys or tags (not even
  ``!!str``); no ``%YAML``/``%TAG`` directives except ``%YAML 1.2``;
- plain (unquoted) scalars follow the YAML 1.2 core schema, narrowed so that
  no reader could take them another way: ``null``/``~``/empty, ``true``/
  ``false`` (any capitalisation the schema allows), decimal integers,
  decimal fractions, and ``YYYY-MM-DD`` dates.  ``yes``/``no``/``on``/``off``
  stay text.  Numbers another YAML reader would read differently (``0755``,
  ``0x1F``, ``1e5``, ``.5``, ``1_000``), non-finite numbers (``.inf``,
  ``.nan``, ``1e400``) and integers beyond ±(2**53 − 1) are errors;
- mapping keys are text, taken as written (``true:`` is the key "true");
  keys that YAML readers could treat as equal (``yes``/``true``/``on``,
  ``1``/``01``) count as duplicates;
- nesting deeper than :data:`MAX_DEPTH` is an error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from termsheet.source.characters import raw_character_problems
from termsheet.source.diagnostics import Diagnostic
from termsheet.source.limits import MAX_FILE_BYTES
from termsheet.source.positions import PositionMap
from termsheet.source.reading import decode, read_bytes, read_stream, too_large
from termsheet.source.yaml_reader import BACKENDS, DEFAULT_BACKEND, read_yaml


@dataclass
class LoadedDocument:
    """The outcome of loading one file.

    ``data`` is ``None`` when loading failed; ``problems`` then holds at least
    one error.  ``text`` is the decoded source (``None`` if it could not be
    read or decoded).
    """

    filename: str
    text: str | None
    data: Any = None
    problems: list[Diagnostic] = field(default_factory=list)
    backend: str = DEFAULT_BACKEND

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(p.severity == "error" for p in self.problems)

    _positions: tuple | None = field(default=None, repr=False)

    @property
    def positions(self) -> PositionMap:
        """Where each value and key of ``data`` is in ``text``."""
        return PositionMap(self._positions if self.data is not None else None)


def load_file(path: str | os.PathLike[str], filename: str | None = None,
              *, backend: str | None = None) -> LoadedDocument:
    """Load a term file from disk.  ``filename`` is the name used in messages.

    Only a regular file is read (or a shell's pipe, ``/dev/fd/N``): a FIFO, a device,
    a folder or a symlink loop is a file-access error, before anything is read
    (:func:`~termsheet.source.reading.open_regular`)."""
    path = Path(path)
    name = filename if filename is not None else str(path)
    data, problems = read_bytes(path, name)
    if data is None:
        return LoadedDocument(name, None, None, problems)
    return load_bytes(data, name, backend=backend)


def load_stream(stream: BinaryIO, filename: str, *, backend: str | None = None) -> LoadedDocument:
    """Load a term file from a binary stream (standard input, a pipe), read exactly once."""
    data, problems = read_stream(stream, filename)
    if data is None:
        return LoadedDocument(filename, None, None, problems)
    return load_bytes(data, filename, backend=backend)


def load_bytes(data: bytes, filename: str, *, backend: str | None = None) -> LoadedDocument:
    """Load a term file from bytes (size limit, UTF-8 check, then parse)."""
    if len(data) > MAX_FILE_BYTES:
        return LoadedDocument(filename, None, None, [too_large(filename, len(data))])
    text, problems = decode(data, filename)
    if text is None:
        return LoadedDocument(filename, None, None, problems)
    return _parse(text, filename, backend)  # decode() dropped the one BOM allowed


def load_text(text: str, filename: str = "<string>", *, backend: str | None = None) -> LoadedDocument:
    """Load a term file from text (one leading BOM is dropped).  Never raises for bad input."""
    return _parse(text[1:] if text.startswith("\ufeff") else text, filename, backend)


def _parse(text: str, filename: str, backend: str | None) -> LoadedDocument:
    """Check and parse decoded text; any BOM left in it is refused where it is."""
    backend = backend or DEFAULT_BACKEND
    if backend not in BACKENDS:
        raise ValueError(f"unknown or unavailable YAML backend {backend!r}")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FILE_BYTES:
        return LoadedDocument(filename, text, None, [too_large(filename, size)], backend)
    raw = raw_character_problems(text, filename)
    if raw:
        return LoadedDocument(filename, text, None, raw, backend)
    root, root_pos, problems = read_yaml(text, filename, backend)
    errors = any(p.severity == "error" for p in problems)
    if errors and backend != "pure":
        # The C scanner places some syntax errors a few columns off; the pure
        # parser is exact. Re-reading costs time only for files that failed.
        return _parse(text, filename, "pure")
    data = None if errors else root
    return LoadedDocument(filename, text, data, problems, backend, root_pos)
