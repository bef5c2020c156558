"""Read a term file: YAML 1.2 text → plain data, with positions on demand.

The loader walks ruamel.yaml's *event* stream once and builds plain Python
data itself (``dict``/``list``/``str``/``int``/``float``/``bool``/``None``/
``datetime.date``).  It never builds ruamel node trees or round-trip objects,
never expands an alias, and stops at the first anchor it meets, so an alias
bomb fails in milliseconds.  When the optional C parser (``ruamel.yaml.clib``)
is importable it supplies the events (about 20× faster); the pure-Python
parser is used otherwise, with identical results.

Positions cost little: the loader records the start and end of every key and
value as plain numbers while it walks the events, and
:attr:`LoadedDocument.positions` answers "where is this path?" from them.

Limits and policies (documented in ``docs/cli.md``):

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

import gc
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import ruamel.yaml.events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from termsheet.source.diagnostics import Diagnostic, Severity, Span, format_field

try:  # optional C parser from ruamel.yaml.clib
    from _ruamel_yaml import CParser as _CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    _CParser = None

#: Largest accepted file, in bytes (checked before the file is parsed).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Deepest accepted nesting of mappings and sequences.
MAX_DEPTH = 64
#: Largest accepted integer magnitude (exact in JSON and JavaScript).
MAX_INT = 2**53 - 1
#: Loading stops after this many problems in one file.
MAX_PROBLEMS = 50

#: Parser back-ends: "c" (ruamel.yaml.clib) when available, else "pure".
BACKENDS = ("c", "pure") if _CParser is not None else ("pure",)
DEFAULT_BACKEND = BACKENDS[0]

Loc = tuple[str | int, ...]

# --------------------------------------------------------------------------
# forbidden characters

_FORBIDDEN_RANGES = [
    # C0 and C1 controls (TAB, LF and CR are handled separately), DEL
    (0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F),
    # Unicode category Cf (format: invisible, bidi, joiners, soft hyphen, ...)
    (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
    # line and paragraph separators
    (0x2028, 0x2029),
    # surrogates and non-characters
    (0xD800, 0xDFFF), (0xFDD0, 0xFDEF),
] + [(p * 0x10000 + 0xFFFE, p * 0x10000 + 0xFFFF) for p in range(17)]


def _char_class(ranges: list[tuple[int, int]], extra: str = "") -> re.Pattern[str]:
    parts = [extra]
    for lo, hi in ranges:
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return re.compile("[" + "".join(parts) + "]")


#: Characters refused anywhere in the raw file (TAB, LF, CR are fine).
RAW_FORBIDDEN = _char_class(_FORBIDDEN_RANGES)
#: Characters refused in a string value (also CR: use a line break instead).
STRING_FORBIDDEN = _char_class(_FORBIDDEN_RANGES, re.escape("\r"))


def describe_char(ch: str) -> str:
    """``'\\u202e'`` → ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    cp = ord(ch)
    name = unicodedata.name(ch, "")
    if not name:
        if 0xD800 <= cp <= 0xDFFF:
            name = "lone surrogate"
        elif (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
            name = "non-character"
    return f"U+{cp:04X} {name}".rstrip()


def _char_problem(ch: str) -> tuple[str, str, str]:
    """(code, what, hint) for a forbidden character."""
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return (
            "control-character",
            "a control character",
            "remove it; control characters break DOCX and PDF output",
        )
    if 0xD800 <= cp <= 0xDFFF or (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
        return ("invalid-character", "a character that is not valid text", "remove it")
    return (
        "invisible-character",
        "an invisible or direction-changing character",
        "remove it; such characters can make two different texts look identical",
    )


# --------------------------------------------------------------------------
# scalar resolution (YAML 1.2 core schema, narrowed)

_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_TRUE = frozenset(["true", "True", "TRUE"])
_FALSE = frozenset(["false", "False", "FALSE"])
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Forms that a YAML 1.1 or 1.2 reader takes as a number but that we refuse.
_AMBIGUOUS_NUMBER = re.compile(
    r"""[-+]?(?:
        0[0-9]+                                  # leading zero (octal in YAML 1.1)
      | 0[oO][0-7]+ | 0[xX][0-9a-fA-F]+ | 0b[01_]+  # other bases
      | [0-9][0-9_]*_[0-9_]*                     # digit separators (YAML 1.1)
      | (?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?  # other floats
    )\Z""",
    re.VERBOSE,
)
_NON_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_DIGITS = re.compile(r"[-+]?[0-9]+\Z")
_BOOL_11 = {
    **dict.fromkeys(["y", "yes", "true", "on"], True),
    **dict.fromkeys(["n", "no", "false", "off"], False),
}


class _ScalarError(Exception):
    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def resolve_plain(text: str) -> Any:
    """Type of a plain (unquoted) scalar; raises ``_ScalarError`` if ambiguous."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if not (first in "0123456789-+."):
        return text
    if _INT.match(text):
        value = int(text) if len(text) <= 20 else None
        if value is None or abs(value) > MAX_INT:
            shown = text if len(text) <= 24 else text[:20] + "…"
            raise _ScalarError(
                "number-too-large",
                f"the integer {shown} is too large",
                f"the limit is ±{MAX_INT:,} so that every JSON reader gets it exactly;"
                " quote it if it is not a number",
            )
        return value
    if _FLOAT.match(text):
        value = float(text)
        if not math.isfinite(value):
            raise _ScalarError(
                "non-finite-number",
                f"the number {text} is too large (it would be infinite)",
                "quote it if it is not a number",
            )
        return value
    if _DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _ScalarError(
                "invalid-date", f"{text} is not a valid date", "dates are written YYYY-MM-DD"
            ) from None
    if _NON_FINITE.match(text):
        raise _ScalarError(
            "non-finite-number",
            f"{text} (infinity or not-a-number) is not allowed",
            "write a finite number, or quote it if it is text",
        )
    if _AMBIGUOUS_NUMBER.match(text):
        if "_" not in text and not text.lstrip("+-").startswith("0") and not math.isfinite(float(text)):
            raise _ScalarError(
                "non-finite-number",
                f"the number {text} is too large (it would be infinite)",
                "quote it if it is not a number",
            )
        raise _ScalarError(
            "ambiguous-number",
            f"'{text}' is ambiguous: YAML readers disagree whether and how it is a number",
            f'write a plain decimal number, or quote it if it is text: "{text}"',
        )
    return text


def _key_identity(text: str, plain: bool) -> Any:
    """What a YAML 1.1 or 1.2 reader could take a key to be (for duplicates)."""
    if not plain:
        return text
    if text[:1].isalpha() and len(text) > 5:  # fast path for ordinary keys
        return text
    low = text.lower()
    if low in _BOOL_11:
        return ("bool", _BOOL_11[low])
    if text in _NULLS:
        return ("null",)
    digits = text.replace("_", "")
    if len(digits) <= 30 and _DIGITS.match(digits):
        return ("number", int(digits))
    return text


# --------------------------------------------------------------------------
# results


class PositionMap:
    """Maps data paths (``("guarantors", 1, "role")``) to source spans.

    Internally a node is a tuple ``(line, col, end_line, end_col, key,
    children)`` with 0-based numbers; ``key`` is the ``(line, col, end_line,
    end_col)`` of the mapping key (``None`` for list items and the root);
    ``children`` is a dict for a mapping, a list for a sequence, ``None`` for a
    scalar.  Plain tuples of numbers keep a loaded document cheap to hold
    (the garbage collector does not track them).
    """

    def __init__(self, root: tuple | None) -> None:
        self._root = root

    @staticmethod
    def _child(node: tuple | None, part: str | int) -> tuple | None:
        if node is None:
            return None
        children = node[5]
        if isinstance(children, dict):
            return children.get(part) if isinstance(part, str) else None
        if isinstance(children, list) and type(part) is int:
            return children[part] if 0 <= part < len(children) else None
        return None

    def node(self, loc: Loc) -> tuple | None:
        """The position node at ``loc``, or ``None`` if the path is not there."""
        node = self._root
        for part in loc:
            node = self._child(node, part)
            if node is None:
                return None
        return node

    def deepest(self, loc: Loc) -> tuple[Loc, tuple | None]:
        """The longest prefix of ``loc`` present in the map, and its node."""
        node = self._root
        done: list[str | int] = []
        for part in loc:
            child = self._child(node, part)
            if child is None:
                break
            node = child
            done.append(part)
        return tuple(done), node

    @staticmethod
    def _to_span(t: tuple) -> Span:
        return Span(t[0] + 1, t[1] + 1, t[2] + 1, t[3] + 1)

    def value_span(self, loc: Loc) -> Span | None:
        """Span of the value at ``loc``."""
        node = self.node(loc)
        return None if node is None else self._to_span(node)

    def key_span(self, loc: Loc) -> Span | None:
        """Span of the key of the mapping entry at ``loc`` (``None`` for list items)."""
        node = self.node(loc)
        return None if node is None or node[4] is None else self._to_span(node[4])

    def span(self, loc: Loc, *, key: bool = False) -> Span | None:
        """The key span if ``key`` and there is one, else the value span."""
        node = self.node(loc)
        if node is None:
            return None
        if key and node[4] is not None:
            return self._to_span(node[4])
        return self._to_span(node)

    def head_span(self, loc: Loc) -> Span | None:
        """Where to point at a whole mapping or list (e.g. for a missing key).

        The key that introduces it (``metadata:``) if there is one; for list
        items and the root, the first key inside it; else its value span.
        """
        node = self.node(loc)
        if node is None:
            return None
        if node[4] is not None:
            return self._to_span(node[4])
        children = node[5]
        if isinstance(children, dict) and children:
            first = next(iter(children.values()))
            return self._to_span(first[4] if first[4] is not None else first)
        return self._to_span(node)


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


# --------------------------------------------------------------------------
# reading bytes


def _diag(filename: str, code: str, message: str, span: Span | None = None,
          hint: str | None = None, severity: Severity = "error", fieldpath: str | None = None) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, message=message, file=filename,
                      span=span, field=fieldpath, hint=hint)


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def decode(data: bytes, filename: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 bytes → text; a single leading UTF-8 BOM is dropped."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.startswith(b"\x00\x00\xfe\xff"):
        kind = "UTF-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "UTF-16"
        return None, [_diag(filename, "not-utf8", f"the file is encoded as {kind}, not UTF-8",
                            Span(1, 1, 1, 2), f"save it as UTF-8 ({kind} byte-order mark found)")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_byte(data, exc.start)
        bad = data[exc.start:exc.end].hex(" ").upper()
        return None, [_diag(
            filename, "not-utf8",
            f"the file is not valid UTF-8: byte 0x{bad} at line {line}, column {col}",
            Span(line, col, line, col + 1),
            "save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
        )]


def read_bytes(path: Path, filename: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a file, refusing anything larger than :data:`MAX_FILE_BYTES`."""
    try:
        if path.is_dir():
            return None, [_diag(filename, "file-unreadable", "is a folder, not a file")]
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [_too_large(filename, size)]
        with path.open("rb") as fh:
            return read_stream(fh, filename)
    except FileNotFoundError:
        return None, [_diag(filename, "file-not-found", "no such file")]
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
        return None, [_too_large(filename, len(data), at_least=True)]
    return data, []


def _unreadable(filename: str, exc: OSError) -> Diagnostic:
    return _diag(filename, "file-unreadable", f"cannot read the file: {exc.strerror or exc}")


def _too_large(filename: str, size: int, *, at_least: bool = False) -> Diagnostic:
    amount = f"more than {MAX_FILE_BYTES:,}" if at_least else f"{size:,}"
    return _diag(
        filename, "file-too-large",
        f"the file is too large ({amount} bytes; the limit is {MAX_FILE_BYTES:,} bytes, 2 MiB)",
        Span.point(1, 1), "split the term file; real term files are far smaller",
    )


# --------------------------------------------------------------------------
# public entry points


def load_file(path: str | os.PathLike[str], filename: str | None = None,
              *, backend: str | None = None) -> LoadedDocument:
    """Load a term file from disk.  ``filename`` is the name used in messages."""
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
        return LoadedDocument(filename, None, None, [_too_large(filename, len(data))])
    text, problems = decode(data, filename)
    if text is None:
        return LoadedDocument(filename, None, None, problems)
    return load_text(text, filename, backend=backend)


def load_text(text: str, filename: str = "<string>", *, backend: str | None = None) -> LoadedDocument:
    """Load a term file from text.  Never raises for bad input."""
    backend = backend or DEFAULT_BACKEND
    if backend not in BACKENDS:
        raise ValueError(f"unknown or unavailable YAML backend {backend!r}")
    if text.startswith("\ufeff"):
        text = text[1:]
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FILE_BYTES:
        return LoadedDocument(filename, text, None, [_too_large(filename, size)], backend)
    raw = _raw_character_problems(text, filename)
    if raw:
        return LoadedDocument(filename, text, None, raw, backend)
    builder = _Builder(text, filename)
    # The walk allocates many small objects and frees none: pausing the cyclic
    # garbage collector meanwhile roughly halves the time of a large file.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        builder.run(_events(text, backend))
    except _Stop:
        pass
    except MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(exc, text, filename))
    except YAMLError as exc:  # e.g. ReaderError
        builder.problems.append(_diag(filename, "yaml-syntax", f"YAML error: {exc}", Span.point(1, 1)))
    except RecursionError:  # pragma: no cover - the depth limit comes first
        builder.problems.append(_diag(filename, "too-deep", "the file is nested too deeply",
                                      Span.point(1, 1)))
    finally:
        if gc_was_enabled:
            gc.enable()
    problems = builder.problems
    errors = any(p.severity == "error" for p in problems)
    if errors and backend != "pure":
        # The C scanner places some syntax errors a few columns off; the pure
        # parser is exact. Re-reading costs time only for files that failed.
        return load_text(text, filename, backend="pure")
    data = None if errors else builder.root
    return LoadedDocument(filename, text, data, problems, backend, builder.root_pos)


# --------------------------------------------------------------------------
# raw text checks


def _raw_character_problems(text: str, filename: str) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if RAW_FORBIDDEN.search(text) is None:
        return problems
    line_starts = _line_starts(text)
    for match in RAW_FORBIDDEN.finditer(text):
        ch = match.group()
        line, col = _line_col(line_starts, match.start())
        code, what, hint = _char_problem(ch)
        if ch == "\ufeff":
            what, hint = "a byte-order mark (U+FEFF) inside the file", "remove it; only one at the very start is allowed"
        problems.append(_diag(filename, code, f"{what} ({describe_char(ch)}) in the file",
                              Span(line, col, line, col + 1), hint))
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def _line_col(line_starts: list[int], index: int) -> tuple[int, int]:
    import bisect

    i = bisect.bisect_right(line_starts, index) - 1
    return i + 1, index - line_starts[i] + 1


# --------------------------------------------------------------------------
# events → data


def _events(text: str, backend: str) -> Iterator[Any]:
    if backend == "c":
        parser = _CParser(text)
        try:
            while True:
                event = parser.get_event()
                yield event
                if type(event) is ev.StreamEndEvent:
                    return
        finally:
            parser.dispose()
    else:
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)


class _Stop(Exception):
    """Raised inside the builder to stop reading (too many problems, bomb…)."""


def _span(start: Any, end: Any) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _scalar_span(event: Any, get_lines: Any) -> Span:
    """Span of a scalar; block scalars (``|``, ``>``) are trimmed to their last text."""
    s, e = event.start_mark, event.end_mark
    el, ec = e.line, e.column
    if el > s.line and event.style in ("|", ">"):
        # Block scalars end where the next token starts; trim back to the text.
        lines = get_lines()
        while el > s.line and (ec == 0 or el >= len(lines) or not lines[el][:ec].strip()):
            el -= 1
            ec = len(lines[el].rstrip()) if el < len(lines) else 0
    return Span(s.line + 1, s.column + 1, el + 1, ec + 1)


class _Frame:
    """One open mapping or sequence while walking the events."""

    __slots__ = ("container", "is_map", "key", "key_event", "skip", "path", "children",
                 "start", "seen")

    def __init__(self, is_map: bool, path: Loc, start: Any) -> None:
        self.is_map = is_map
        self.container: Any = {} if is_map else []
        self.key: str | None = None       # current key, None while waiting for one
        self.key_event: Any = None
        self.skip = False                 # current key was refused: drop its value
        self.path = path
        self.children: Any = {} if is_map else []
        self.start = start
        self.seen: dict[Any, tuple[int, str]] = {}  # key identity → (line, text)

    def child_path(self) -> Loc:
        if self.is_map:
            return self.path + (self.key,)
        return self.path + (len(self.container),)


class _Builder:
    """Consumes events and builds plain data and the position tree."""

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.problems: list[Diagnostic] = []
        self.root: Any = None
        self.root_pos: tuple | None = None
        self.root_start: Span | None = None
        self._lines: list[str] | None = None

    # -- problems ----------------------------------------------------------

    def problem(self, code: str, message: str, span: Span | None, hint: str | None = None,
                severity: Severity = "error", path: Loc = ()) -> None:
        self.problems.append(_diag(self.filename, code, message, span, hint, severity,
                                   format_field(path) or None))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    # -- spans ---------------------------------------------------------------

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def scalar_span(self, event: Any) -> Span:
        return _scalar_span(event, lambda: self.lines)

    # -- the walk ------------------------------------------------------------

    def run(self, events: Iterator[Any]) -> None:
        """Consume all events; problems go to ``self.problems``."""
        Scalar, MapStart, SeqStart, Alias = (
            ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent, ev.AliasEvent)
        MapEnd, SeqEnd = ev.MappingEndEvent, ev.SequenceEndEvent
        stack: list[_Frame] = []
        documents = 0
        for event in events:
            cls = type(event)
            if cls is Scalar or cls is MapStart or cls is SeqStart or cls is Alias:
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    self._key(frame, event)
                    continue
                path = frame.child_path() if frame is not None else ()
                if frame is None and self.root_start is None:
                    self.root_start = _span(event.start_mark, event.start_mark)
                if cls is Alias or event.anchor is not None:
                    self._anchor_or_alias(event, path)  # raises _Stop
                if event.tag is not None:
                    self._tag(event, path)
                if cls is Scalar:
                    value = self._scalar(event, path)
                    self._store(frame, value, self._scalar_pos(event))
                else:
                    if len(stack) >= MAX_DEPTH:
                        self.problem(
                            "too-deep", f"the data is nested more than {MAX_DEPTH} levels deep",
                            _span(event.start_mark, event.end_mark),
                            "term files need only a few levels; check the indentation",
                            path=path[:6])
                        raise _Stop
                    stack.append(_Frame(cls is MapStart, path, event))
            elif cls is MapEnd or cls is SeqEnd:
                frame = stack.pop()
                self._store(stack[-1] if stack else None, frame.container,
                            self._container_pos(frame, event))
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem(
                        "multiple-documents", "the file holds more than one YAML document",
                        _span(event.start_mark, event.end_mark),
                        "a term file holds one document; remove this '---' and what follows,"
                        " or move it to a file of its own")
                    raise _Stop
                self._directives(event)
            elif cls is ev.StreamEndEvent:
                self._check_root(documents)

    def _check_root(self, documents: int) -> None:
        if self.problems:
            return
        if documents == 0:
            self.problem("empty-file", "the file is empty (only blank lines or comments)",
                         Span.point(1, 1), "start from `termsheet new FILE`")
        elif self.root is None:
            self.problem("empty-file", "the document is empty", self.root_start or Span.point(1, 1),
                         "start from `termsheet new FILE`")
        elif not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            self.problem("not-a-mapping",
                         f"the file holds {kind}; a term file is a mapping of keys"
                         " (schema_version:, metadata:, …)",
                         self.root_start or Span.point(1, 1), "start from `termsheet new FILE`")

    def _directives(self, event: Any) -> None:
        version = getattr(event, "version", None)
        if version is None and not getattr(event, "tags", None):
            return
        where = _span(event.start_mark, event.start_mark)
        for i, line in enumerate(self.lines[: event.end_mark.line + 1]):
            if line.startswith("%"):
                where = Span(i + 1, 1, i + 1, len(line.rstrip()) + 1)
                break
        if version is not None and tuple(version) != (1, 2):
            self.problem(
                "yaml-directive",
                f"%YAML {'.'.join(map(str, version))} is not supported; term files are YAML 1.2",
                where, "remove the %YAML line")
        if getattr(event, "tags", None):
            self.problem("yaml-tag", "%TAG directives are not allowed", where, "remove the %TAG line")

    def _scalar_pos(self, event: Any) -> tuple:
        """Position node of a scalar: ``(line, col, end_line, end_col, None, None)``, 0-based."""
        s, e = event.start_mark, event.end_mark
        if e.line > s.line and event.style in ("|", ">"):
            span = self.scalar_span(event)
            return (s.line, s.column, span.end_line - 1, span.end_column - 1, None, None)
        return (s.line, s.column, e.line, e.column, None, None)

    def _container_pos(self, frame: _Frame, end: Any) -> tuple:
        """Position node of a mapping or list; a block one ends with its last value."""
        start = frame.start.start_mark
        children = frame.children
        if getattr(frame.start, "flow_style", False):
            el, ec = end.end_mark.line, end.end_mark.column
        elif children:
            last = next(reversed(children.values())) if frame.is_map else children[-1]
            el, ec = last[2], last[3]
        else:
            el, ec = start.line, start.column
        return (start.line, start.column, el, ec, None, children)

    def _store(self, frame: _Frame | None, value: Any, pos: tuple) -> None:
        if frame is None:
            self.root = value
            self.root_pos = pos
        elif frame.is_map:
            if not frame.skip:
                frame.container[frame.key] = value
                frame.children[frame.key] = pos[:4] + (self._scalar_pos(frame.key_event)[:4], pos[5])
            frame.key = None
            frame.skip = False
        else:
            frame.container.append(value)
            frame.children.append(pos)

    def _anchor_or_alias(self, event: Any, path: Loc) -> None:
        span = _span(event.start_mark, event.end_mark)
        if type(event) is ev.AliasEvent:
            self.problem("yaml-alias", f"aliases are not allowed (found '*{event.anchor}')",
                         span, "write the value out in full; text that starts with '*' must be"
                         " in quotes", path=path)
            raise _Stop
        self.problem("yaml-anchor", f"anchors are not allowed (found '&{event.anchor}')",
                     Span(span.line, span.column, span.line, span.column + len(event.anchor) + 1),
                     "remove the anchor; write every value out in full", path=path)
        raise _Stop

    def _tag(self, event: Any, path: Loc) -> None:
        s = event.start_mark
        tag = _tag_text(event)
        self.problem("yaml-tag", f"explicit YAML tags are not allowed (found '{tag}')",
                     Span(s.line + 1, s.column + 1, s.line + 1, s.column + 1 + len(tag)),
                     "remove the tag and write the value itself (in quotes if it is text)",
                     path=path)

    def _key(self, frame: _Frame, event: Any) -> None:
        """Handle the event in key position of a mapping."""
        path = frame.path
        if type(event) is not ev.ScalarEvent:
            what = "an alias" if type(event) is ev.AliasEvent else "a list or mapping"
            self.problem("yaml-complex-key", f"a mapping key must be text, not {what}",
                         _span(event.start_mark, event.end_mark),
                         "write a plain key such as `title:`", path=path)
            raise _Stop
        if event.anchor is not None:
            self._anchor_or_alias(event, path)
        text = event.value
        plain = not event.style
        frame.key, frame.key_event, frame.skip = text, event, False
        if event.tag is not None:
            self._tag(event, path)
        if plain and (text == "<<" or text == ""):
            if text == "<<":
                self.problem("yaml-merge-key", "merge keys ('<<') are not allowed",
                             self.scalar_span(event), "write the keys out in full", path=path)
            else:
                self.problem("empty-key", "a mapping entry has no key", self.scalar_span(event),
                             path=path)
            frame.skip = True
            return
        if event.style == '"':
            self._check_string(text, event, path, key=True)
        # Keys YAML readers could take as equal share an identity ("yes", "true", "on").
        ident = _key_identity(text, plain)
        seen = frame.seen
        earlier = seen.get(ident)
        if earlier is None and ident is not text:
            earlier = seen.get(text)
        if earlier is not None:
            first_line, first_text = earlier
            line = event.start_mark.line + 1
            if first_text == text:
                message = f"duplicate key '{text}' (first at line {first_line})"
            else:
                message = (f"duplicate key: '{text}' means the same as '{first_text}'"
                           f" at line {first_line} to YAML readers")
            self.problem("duplicate-key", message, self.scalar_span(event),
                         f"keep one of the two entries (lines {first_line} and {line})",
                         path=path + (text,))
            frame.skip = True
            return
        entry = (event.start_mark.line + 1, text)
        seen[ident] = entry
        if ident is not text:
            seen[text] = entry

    def _scalar(self, event: Any, path: Loc) -> Any:
        text = event.value
        style = event.style
        if not style:  # plain
            if event.tag is not None:
                return text
            try:
                value = resolve_plain(text)
            except _ScalarError as exc:
                self.problem(exc.code, exc.message, self.scalar_span(event), exc.hint, path=path)
                return None
            if type(value) is str and not value.isascii():
                self._check_scripts(value, event, path)
            return value
        if style == '"':
            self._check_string(text, event, path)
        if not text.isascii():
            self._check_scripts(text, event, path)
        return text

    # -- string content --------------------------------------------------

    def _check_string(self, text: str, event: Any, path: Loc, key: bool = False) -> None:
        """Refuse forbidden characters written as escapes in a double-quoted scalar."""
        if text.isascii() and text.isprintable():
            return
        match = STRING_FORBIDDEN.search(text)
        if match is None:
            return
        ch = match.group()
        code, what, hint = _char_problem(ch)
        if ch == "\r":
            code, what, hint = ("control-character", "a carriage return",
                                "use a real line break (a block scalar `|`) instead of \\r")
        span = self._escape_span(event, ch) or self.scalar_span(event)
        where = "key" if key else "text"
        self.problem(code, f"the {where} contains {what} ({describe_char(ch)}) written as an escape",
                     span, hint, path=path)

    def _raw_offset_span(self, event: Any, offset: int, length: int) -> Span:
        """Span of ``length`` characters at ``offset`` into the event's source."""
        start = event.start_mark
        before = self.text[start.index:start.index + offset]
        nl = before.rfind("\n")
        line = start.line + before.count("\n")
        col = start.column + offset if nl < 0 else offset - nl - 1
        return Span(line + 1, col + 1, line + 1, col + 1 + length)

    def _escape_span(self, event: Any, ch: str) -> Span | None:
        raw = self.text[event.start_mark.index:event.end_mark.index]
        for m in _ESCAPE.finditer(raw):
            if _decode_escape(m.group()) == ch:
                return self._raw_offset_span(event, m.start(), len(m.group()))
        return None

    def _check_scripts(self, text: str, event: Any, path: Loc) -> None:
        """Warn about words that mix Latin, Cyrillic and Greek letters (look-alikes)."""
        for m in _WORD.finditer(text):
            word = m.group()
            if word.isascii():
                continue
            counts: dict[str, list[str]] = {}
            for ch in word:
                script = _script(ch)
                if script:
                    counts.setdefault(script, []).append(ch)
            if len(counts) > 1:
                minority = min(counts.values(), key=len)[0]
                raw = self.text[event.start_mark.index:event.end_mark.index]
                i = raw.find(word)
                span = self._raw_offset_span(event, i, len(word)) if i >= 0 else self.scalar_span(event)
                self.problem(
                    "mixed-script",
                    f"the word '{word}' mixes {' and '.join(sorted(counts))} letters"
                    f" ({describe_char(minority)}); it can pass for a different word",
                    span, "retype the word in one alphabet", severity="warning", path=path)
                return


_NO_KEY = object()  # mapping frame waiting for a key
_SKIP = object()    # key refused: drop its value
_WORD = re.compile(r"\w+")
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SHORT_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
                  "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def _decode_escape(esc: str) -> str | None:
    body = esc[1:]
    if body[:1] in ("x", "u", "U") and len(body) > 1:
        try:
            return chr(int(body[1:], 16))
        except ValueError:
            return None
    return _SHORT_ESCAPES.get(body)


def _tag_text(event: Any) -> str:
    tag = event.tag or ""
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:"):]
    return tag


_SCRIPT_CACHE: dict[str, str | None] = {}


def _script(ch: str) -> str | None:
    """'Latin', 'Cyrillic' or 'Greek' for a letter (other scripts: None)."""
    try:
        return _SCRIPT_CACHE[ch]
    except KeyError:
        pass
    name = unicodedata.name(ch, "")
    script = None
    for candidate in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(candidate):
            script = candidate.capitalize()
            break
    _SCRIPT_CACHE[ch] = script
    return script


# --------------------------------------------------------------------------
# syntax errors


def _syntax_problem(exc: MarkedYAMLError, text: str, filename: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "end of stream" in problem and exc.context_mark is not None and "quoted" in (exc.context or ""):
        # Point at the opening quote, not past the end of the file.
        ctx = exc.context_mark
        return _diag(filename, "yaml-syntax", "YAML syntax error: this quoted text is never closed",
                     Span(ctx.line + 1, ctx.column + 1, ctx.line + 1, ctx.column + 2),
                     "add the closing quote")
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    else:
        line, col = 1, 1
    lines = text.splitlines()
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    message = f"YAML syntax error: {problem}"
    code = "yaml-syntax"
    if "invalid Unicode character escape" in problem:
        code = "invalid-character"
        message = "an escape in this quoted text is not a valid character (e.g. a lone surrogate)"
    ctx = exc.context_mark
    if exc.context and ctx is not None and (ctx.line, ctx.column) != (line - 1, col - 1):
        message += f" ({exc.context} that starts at line {ctx.line + 1}, column {ctx.column + 1})"
    hint = _syntax_hint(problem, exc.context or "", src, col, lines, line)
    end = col + 1 if col <= len(src) else col
    return _diag(filename, code, message, Span(line, col, line, end), hint)


def _syntax_hint(problem: str, context: str, src: str, col: int, lines: list[str], line: int) -> str | None:
    leading = src[: len(src) - len(src.lstrip(" \t"))]
    prev = lines[line - 2] if line >= 2 else ""
    if "\t" in leading or "'\\t'" in problem or ("\t" in src[col - 1: col] and "token" in problem):
        return "indent with spaces, not tabs (YAML does not allow tabs in indentation)"
    if "mapping values are not allowed" in problem:
        m = re.match(r"^(\s*(?:- )?[^\s:#'\"][^:#]*?):\s+(.*?)\s*$", src)
        if m and ": " in m.group(2) and not m.group(2).startswith(("'", '"')):
            value = m.group(2).replace("\\", "\\\\").replace('"', '\\"')
            return f'a value containing ": " must be quoted: {m.group(1).strip()}: "{value}"'
        return 'a value containing ": " must be quoted, e.g. title: "Note: text"'
    if "end of stream" in problem and "quoted scalar" in context:
        return "a quote is never closed; add the closing quote"
    if "expected alphabetic or numeric character" in problem or "alias" in context:
        return "'*' and '&' at the start of a value mean alias/anchor in YAML; quote the value"
    if "cannot start any token" in problem:
        ch = src[col - 1: col]
        if ch in ("@", "`"):
            return f"'{ch}' cannot start a value in YAML; quote the value"
        return "quote the value"
    if "\t" in prev[: len(prev) - len(prev.lstrip(" \t"))]:
        return "indent with spaces, not tabs (YAML does not allow tabs in indentation)"
    if "block end" in problem or "expected ':'" in problem or "expected key" in problem:
        return "check the indentation of this line and the one before it; text with ': ' or '#' needs quotes"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a list or mapping in brackets is not closed"
    return None
