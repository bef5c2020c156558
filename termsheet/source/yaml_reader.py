"""The YAML reader: ruamel.yaml's event stream → plain data and a position tree.

It builds ``dict``/``list``/``str``/``int``/``float``/``bool``/``None``/
``datetime.date`` itself, never ruamel node trees, and stops at the first
anchor or alias it meets.  The C parser (``ruamel.yaml.clib``) supplies the
events when it is importable, the pure-Python parser otherwise.

The C parser reads YAML 1.1 plain scalars: inside ``{…}`` or ``[…]`` it refuses
a ``:`` or ``?`` within a plain scalar (``{url: https://example.org/x}``) that
YAML 1.2 allows.  Such a file is read again by the C parser with these
characters masked (:func:`mask_flow_indicators`) and the masks put back in every
value, rather than by the pure parser, which is ten times slower.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from typing import Any

import ruamel.yaml.events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from termsheet.schema.walk import Loc
from termsheet.source.characters import STRING_FORBIDDEN, char_problem, describe_char, mixed_script
from termsheet.source.diagnostics import (
    Diagnostic, Severity, Span, format_field, make_diagnostic, shorten,
)
from termsheet.source.limits import MAX_DEPTH, MAX_PROBLEMS
from termsheet.source.scalars import ScalarError, key_identity, resolve_plain
from termsheet.source.yaml_syntax import syntax_problem

try:  # optional C parser from ruamel.yaml.clib
    from _ruamel_yaml import CParser as _CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    _CParser = None

#: Parser back-ends: "c" (ruamel.yaml.clib) when available, else "pure".
BACKENDS = ("c", "pure") if _CParser is not None else ("pure",)
DEFAULT_BACKEND = BACKENDS[0]


def read_yaml(text: str, filename: str, backend: str) -> tuple[Any, tuple | None, list[Diagnostic]]:
    """Parse ``text``: its data, its position tree, and the problems found on the way.

    With the C parser, a file it refuses only for a ``:`` or ``?`` inside a plain
    scalar of a flow collection is read again with these characters masked."""
    result = _read(text, filename, _events(text, backend))
    if backend == "c" and _failed(result[2]):
        masked = mask_flow_indicators(text)
        if masked is not None:
            retry = _read(text, filename, _unmasked(_events(masked.text, "c"), masked.restore))
            if not _failed(retry[2]):
                return retry
    return result


def _failed(problems: list[Diagnostic]) -> bool:
    return any(p.severity == "error" for p in problems)


def _read(text: str, filename: str, events: Iterator[Any]) -> tuple[Any, tuple | None, list[Diagnostic]]:
    """Build the data and position tree of ``text`` from its ``events``."""
    builder = _Builder(text, filename)
    try:
        with paused_gc():  # the walk allocates many small objects and frees none
            builder.run(events)
    except _Stop:
        pass
    except MarkedYAMLError as exc:
        builder.problems.append(syntax_problem(exc, text, filename))
    except YAMLError as exc:  # e.g. ReaderError
        builder.problems.append(make_diagnostic(filename, "yaml-syntax", f"YAML error: {exc}",
                                                Span.point(1, 1)))
    except RecursionError:  # pragma: no cover - the depth limit comes first
        builder.problems.append(make_diagnostic(filename, "too-deep", "the file is nested too deeply",
                                                Span.point(1, 1)))
    return builder.root, builder.root_pos, builder.problems


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused meanwhile (as it was again after).

    Reading a large file, or consolidating many, allocates millions of small objects that
    are kept: every collection would walk all of them again, for next to no cycles to free
    (those made meanwhile are freed by the first collection after).  Pausing roughly halves
    the time of reading a large file and saves a fifth of a consolidation's."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


# A ``:`` followed by a character that goes on a plain scalar, or a ``?``, after a
# character of a plain scalar (neither a blank, a quote, an indicator nor a flow indicator).
_MASKABLE = re.compile(r"""(?<=[^\s"'\[\]{},:?])(?::(?=[^\s\[\]{},])|\?)""")
_MASK_CANDIDATES = [chr(code) for code in range(0xE000, 0xE100)]  # private use


class Masked:
    """A text with some characters replaced by masks of one character each, so that
    every position stays where it was; ``restore`` puts them back in a string."""

    __slots__ = ("text", "masks")

    def __init__(self, text: str, masks: dict[str, str]) -> None:
        self.text = text
        self.masks = masks  # mask → the character it stands for

    def restore(self, value: str) -> str:
        for mask, original in self.masks.items():
            if mask in value:
                value = value.replace(mask, original)
        return value


def mask_flow_indicators(text: str) -> Masked | None:
    """``text`` with every ``:`` and ``?`` inside a plain scalar masked (None when there is
    none, or no mask is free: neither in the text nor written there as an escape)."""
    if _MASKABLE.search(text) is None:
        return None
    lowered = text.lower()
    free = (ch for ch in _MASK_CANDIDATES if ch not in text and f"{ord(ch):x}" not in lowered)
    masks = dict(zip(free, ":?"))
    if len(masks) < 2:
        return None
    by_original = {original: mask for mask, original in masks.items()}
    masked = _MASKABLE.sub(lambda match: by_original[match.group()], text)
    return Masked(masked, masks)


def _unmasked(events: Iterator[Any], restore: Any) -> Iterator[Any]:
    """The events with the masked characters put back in every scalar."""
    for event in events:
        if type(event) is ev.ScalarEvent:
            event.value = restore(event.value)
        yield event


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


def _path_of(frame: _Frame | None) -> Loc:
    """The path of the value that comes next in ``frame`` (None: the root)."""
    return frame.child_path() if frame is not None else ()


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
        self.problems.append(make_diagnostic(self.filename, code, message, span, hint, severity,
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
                if frame is None and self.root_start is None:
                    self.root_start = _span(event.start_mark, event.start_mark)
                if cls is Alias or event.anchor is not None:
                    self._anchor_or_alias(event, _path_of(frame))  # raises _Stop
                if event.ctag is not None:  # the tag, without making its text
                    self._tag(event, _path_of(frame))
                if cls is Scalar:
                    self._store(frame, self._scalar(event, frame), self._scalar_pos(event))
                else:
                    path = _path_of(frame)
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

    def _key_pos(self, event: Any) -> tuple:
        """Position of a key: ``(line, col, end_line, end_col)``, 0-based."""
        s, e = event.start_mark, event.end_mark
        if e.line > s.line and event.style in ("|", ">"):
            return self._scalar_pos(event)[:4]
        return (s.line, s.column, e.line, e.column)

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
                frame.children[frame.key] = (pos[0], pos[1], pos[2], pos[3],
                                             self._key_pos(frame.key_event), pos[5])
            frame.key = None
            frame.skip = False
        else:
            frame.container.append(value)
            frame.children.append(pos)

    def _anchor_or_alias(self, event: Any, path: Loc) -> None:
        span = _span(event.start_mark, event.end_mark)
        if type(event) is ev.AliasEvent:
            self.problem("yaml-alias", f"aliases are not allowed (found '*{shorten(event.anchor)}')",
                         span, "write the value out in full; text that starts with '*' must be"
                         " in quotes", path=path)
            raise _Stop
        self.problem("yaml-anchor", f"anchors are not allowed (found '&{shorten(event.anchor)}')",
                     Span(span.line, span.column, span.line, span.column + len(event.anchor) + 1),
                     "remove the anchor; write every value out in full", path=path)
        raise _Stop

    def _tag(self, event: Any, path: Loc) -> None:
        s = event.start_mark
        tag = _tag_text(event)
        self.problem("yaml-tag", f"explicit YAML tags are not allowed (found '{shorten(tag)}')",
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
        if event.ctag is not None:
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
        ident = key_identity(text, plain)
        seen = frame.seen
        earlier = seen.get(ident)
        if earlier is None and ident is not text:
            earlier = seen.get(text)
        if earlier is not None:
            first_line, first_text = earlier
            line = event.start_mark.line + 1
            if first_text == text:
                message = f"duplicate key '{shorten(text)}' (first at line {first_line})"
            else:
                message = (f"duplicate key: '{shorten(text)}' means the same as"
                           f" '{shorten(first_text)}' at line {first_line} to YAML readers")
            self.problem("duplicate-key", message, self.scalar_span(event),
                         f"keep one of the two entries (lines {first_line} and {line})",
                         path=path + (text,))
            frame.skip = True
            return
        entry = (event.start_mark.line + 1, text)
        seen[ident] = entry
        if ident is not text:
            seen[text] = entry

    def _scalar(self, event: Any, frame: _Frame | None) -> Any:
        """The value of a scalar in ``frame`` (its path made only for a problem)."""
        text = event.value
        style = event.style
        if not style:  # plain
            if event.ctag is not None:
                return text
            try:
                value = resolve_plain(text)
            except ScalarError as exc:
                self.problem(exc.code, exc.message, self.scalar_span(event), exc.hint,
                             path=_path_of(frame))
                return None
            if type(value) is str and not value.isascii():
                self._check_scripts(value, event, _path_of(frame))
            return value
        if style == '"':
            self._check_string(text, event, _path_of(frame))
        if not text.isascii():
            self._check_scripts(text, event, _path_of(frame))
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
        code, what, hint = char_problem(ch)
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
        """Warn about a word that mixes Latin, Cyrillic and Greek letters (look-alikes)."""
        found = mixed_script(text)
        if found is None:
            return
        word, scripts, minority = found
        raw = self.text[event.start_mark.index:event.end_mark.index]
        i = raw.find(word)
        span = self._raw_offset_span(event, i, len(word)) if i >= 0 else self.scalar_span(event)
        self.problem(
            "mixed-script",
            f"the word '{shorten(word)}' mixes {' and '.join(scripts)} letters"
            f" ({describe_char(minority)}); it can pass for a different word",
            span, "retype the word in one alphabet", severity="warning", path=path)


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
