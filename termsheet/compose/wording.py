"""The Jinja2 environment for wording templates, and the parser of what they say.

Wording templates (``templates/wording/*.j2``) decide *what* a provision says.
They produce plain text: paragraphs separated by blank lines; runs of template
whitespace become one space, so templates can be laid out for reading.

Safety rules (docs/threats.md, cases 19–22):

- User data is passed to templates as **values** and is never compiled as a
  template: a summary containing ``{{ 7*7 }}`` prints literally.
- Every value a template prints goes through ``_finalize``. A string is not
  copied into the template's output at all: it is kept in a per-render slot
  list and the output only holds a marker ``U+E000 <nonce>:<slot> U+E001``;
  the parser puts the slot's text back as `Text` nodes. The nonce is random
  and unknown to whoever wrote the data, so nothing a user writes (brackets,
  braces, private-use characters, newlines) can be read as a marker or as
  layout, and whitespace collapsing never touches user text. The output of a
  macro or ``{% set %}`` block carries the current nonce and passes through as
  template text.
- Inline nodes that are not plain text (a defined `Term`, a cross-`Reference`,
  names with their article, line breaks) come from filters that return
  `Inlines`; they fill a slot the same way (also when joined or glued with ``~``).
- Printing ``None`` or a boolean is an error (guard optional values with
  ``{% if %}``; say in words what a flag means), and `StrictUndefined` makes a
  misspelt name an error: a missing optional value never prints "None" and
  never silently disappears.
- ``autoescape`` is off. That is acceptable ONLY because the output is plain
  text that becomes document nodes, and every writer escapes text for its own
  format (HTML, DOCX XML, Markdown). Never hand this output to a markup
  renderer as it is.
- Templates are code, and a drafting office's ``--templates`` folder is not
  trusted (docs/threats.md, "Trust model"): every template runs in Jinja2's
  `ImmutableSandboxedEnvironment`, so it cannot reach Python internals
  (``cycler.__init__.__globals__``) or change the values it is given; the
  sandbox's `SecurityError` is a template error, located like any other. Its
  files are read by `termsheet.templates_folder` (regular files only, never
  through a symlink).

Templates are found through `TemplateSet`, so a drafting office's
``DIR/wording/x.j2`` replaces the packaged ``x.j2``; each template set is
compiled once and cached (`wording_for`).
"""

from __future__ import annotations

import contextvars
import itertools
import re
import secrets
from typing import Callable, Iterable

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from termsheet.compose.brackets import negotiated
from termsheet.document.nodes import Footnote, Inline, LineBreak, Text
from termsheet.schema.brackets import has_brackets
from termsheet.resources import TemplateSet
from termsheet.templates_folder import FolderLoader, folder_key

Nodes = tuple[Inline, ...]

_OPEN, _CLOSE = "\ue000", "\ue001"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")
_USER_NEWLINE = re.compile(r"\r\n|\r|\n")
_LINE_BREAK = LineBreak()
_NONCE_BASE = secrets.token_hex(8)
_NONCE_COUNT = itertools.count()


class WordingError(ValueError):
    """A wording template is broken: it printed None or a flag, or used an undefined name."""


class Inlines(tuple):
    """Inline nodes a filter hands to a template; printed as nodes, never as their repr."""

    def __str__(self) -> str:
        return _render().slot(self)

    __repr__ = tuple.__repr__


class _Render:
    """One render: the slots its markers point to, and the helpers its filters use."""

    __slots__ = ("helpers", "nonce", "prefix", "slots")

    def __init__(self, helpers: object):
        self.helpers = helpers
        # Random per process, distinct per render: data written beforehand cannot know it.
        self.nonce = f"{_NONCE_BASE}{next(_NONCE_COUNT):x}"
        self.prefix = f"{_OPEN}{self.nonce}:"
        self.slots: list[str | Nodes] = []

    def slot(self, content: str | Nodes) -> str:
        """Keep ``content`` (user text, or inline nodes) aside; return its marker."""
        self.slots.append(content)
        return f"{self.prefix}{len(self.slots) - 1}{_CLOSE}"


_current: contextvars.ContextVar[_Render] = contextvars.ContextVar("termsheet_wording_render")


def _render() -> _Render:
    try:
        return _current.get()
    except LookupError:
        raise WordingError("wording filters and inline nodes only work while a template renders") from None


def current_helpers() -> object:
    """The helpers object of the render in progress (filters use it to resolve ids to names)."""
    return _render().helpers


def user_text(value: str) -> Nodes:
    """Inline nodes for a user's text, exactly as written.

    Outer whitespace is dropped (YAML block scalars end with a newline); each
    line break inside (``\\n``, ``\\r\\n`` or a lone ``\\r``) becomes a `LineBreak`.
    """
    value = value.strip()
    if "\n" not in value and "\r" not in value and not has_brackets(value):
        return (Text(value),) if value else ()
    return _assemble([_User(value)])


class _User(str):
    """A user's string kept in a slot (as opposed to template text, a plain ``str``)."""

    __slots__ = ()


@jinja2.pass_environment
def _finalize(environment, value) -> str:
    # pass_environment keeps Jinja from folding constant output at compile time,
    # when there is no render (and no slot list) yet.
    render = _render()
    if isinstance(value, str):
        if render.prefix in value:
            return value  # output of a macro or {% set %} block of this render: template text
        return render.slot(_User(value))
    if isinstance(value, Inlines):
        return render.slot(value)
    if isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined raises UndefinedError, naming what is undefined
    if value is None:
        raise WordingError("a template printed a missing value (None); guard it with {% if %}")
    if isinstance(value, bool):
        raise WordingError("a template printed a true/false flag; say in words what it means")
    if isinstance(value, (int, float)):
        return render.slot(_User(value))
    raise WordingError(f"a template printed a {type(value).__name__}; print its fields instead")


# ------------------------------------------------------------------ parsing

def parse(text: str, render: _Render) -> list[Nodes]:
    """Paragraphs of inline nodes from a template's output.

    Blank lines separate paragraphs; runs of template whitespace become one
    space and are trimmed at paragraph edges; markers of this render are
    replaced by their slot's content; adjacent text is merged.
    """
    prefix = render.prefix
    slots = render.slots
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(text) if "\n" in text else (text,):
        first, *marked = chunk.split(prefix)
        pieces: list = [first]
        for part in marked:  # "<slot>\ue001<template text up to the next marker>"
            index, _, rest = part.partition(_CLOSE)
            pieces.append(slots[int(index)])
            pieces.append(rest)
        nodes = _assemble(pieces)
        if nodes:
            paragraphs.append(nodes)
    return paragraphs


def _assemble(pieces: list) -> Nodes:
    """Nodes from template text (``str``), user text (`_User`) and inline nodes (tuples).

    Template text has its whitespace runs collapsed to one space and trimmed at
    the edges of the paragraph; user text keeps its inner spacing and gets
    `LineBreak` nodes for its line breaks and `Bracket` nodes for its negotiation
    brackets; adjacent text merges into one `Text`.
    """
    nodes: list[Inline] = []
    run: list[str] = []
    pending = ""  # template text not yet placed: merges across empty slots, trimmed at the end
    started = False
    for piece in pieces:
        kind = type(piece)
        if kind is str:
            pending += piece
            continue
        if kind is _User:
            piece = piece.strip()
        if not piece:
            continue
        if pending:
            text = _SPACE.sub(" ", pending)
            run.append(text if started else text.lstrip())
            pending = ""
        started = True
        if kind is _User and has_brackets(piece):  # negotiation brackets become nodes
            piece, kind = negotiated(piece), tuple
        if kind is _User:
            if "\n" not in piece and "\r" not in piece:
                run.append(piece)
                continue
            for number, line in enumerate(_USER_NEWLINE.split(piece)):
                if number:
                    _flush(nodes, run)
                    nodes.append(_LINE_BREAK)
                run.append(line)
        else:
            for node in piece:
                if type(node) is Text:
                    run.append(node.text)
                else:
                    if type(node) is Footnote:  # a footnote call follows its word directly
                        run[:] = ["".join(run).rstrip()]
                    _flush(nodes, run)
                    nodes.append(node)
    if pending:
        text = _SPACE.sub(" ", pending)
        run.append(text.rstrip() if started else text.strip())
    _flush(nodes, run)
    return tuple(nodes)


def _flush(nodes: list, run: list[str]) -> None:
    if run:
        text = "".join(run)
        if text:
            nodes.append(Text(text))
        run.clear()


def _join_paragraphs(paragraphs: list[Nodes]) -> Nodes:
    """Paragraphs run together into one, separated by a space."""
    pieces: list = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            pieces.append(" ")
        pieces.append(paragraph)
    return _assemble(pieces)


class Wording:
    """Renders the wording templates of one template set into paragraphs of inline nodes."""

    environment_class: type[jinja2.Environment] = ImmutableSandboxedEnvironment
    """Templates are code from a folder termsheet does not trust: always sandboxed
    (``benchmarks/bench_wording_sandbox.py`` measures what that costs)."""

    def __init__(self, templates: TemplateSet, filters: dict[str, Callable] | None = None,
                 globals: dict[str, Callable] | None = None):
        self.environment = self.environment_class(
            loader=FolderLoader(templates, "wording"),
            undefined=jinja2.StrictUndefined,
            # Plain-text output that every writer escapes for its format (module docstring).
            autoescape=False,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            cache_size=-1,
        )
        self.environment.filters.update(filters or {})
        self.environment.filters["join_and"] = join_and
        self.environment.globals.update(globals or {})
        self.templates = templates
        self._templates: dict[str | tuple[str, ...], jinja2.Template] = {}

    def paragraphs(self, names: str | Iterable[str], helpers: object, **values) -> list[Nodes]:
        """Render the first of ``names`` that exists; its paragraphs as inline nodes."""
        render = _Render(helpers)
        token = _current.set(render)
        try:
            text = self._template(names).render(**values)
        except (jinja2.TemplateError, WordingError) as error:
            raise self._failure(error, names) from error
        finally:
            _current.reset(token)
        return parse(text, render)

    def inline(self, names: str | Iterable[str], helpers: object, **values) -> Nodes:
        """Render a template that says one paragraph (several are joined by a space)."""
        return _join_paragraphs(self.paragraphs(names, helpers, **values))

    def macros(self, name: str, macros: Iterable[str], helpers: object, *args) -> list[Nodes]:
        """Call each of ``macros`` of template ``name`` with ``args`` (e.g. the cells of one
        table row); the text of each, as inline nodes."""
        render = _Render(helpers)
        token = _current.set(render)
        results = []
        try:
            module = self._template(name).module
            for macro in macros:
                function = getattr(module, macro, None)
                if function is None:
                    raise WordingError(f"wording template {name} has no macro {macro!r}")
                results.append(_join_paragraphs(parse(function(*args), render)))
        except (jinja2.TemplateError, WordingError) as error:
            raise self._failure(error, name) from error
        finally:
            _current.reset(token)
        return results

    def _failure(self, error: Exception, names: str | Iterable[str]) -> Exception:
        """``error`` located in its template: a configuration error for a template of the
        drafting office's folder, a `WordingError` (a bug) for a packaged one."""
        from termsheet.compose.template_errors import template_failure

        key = names if isinstance(names, str) else tuple(names)
        loaded = self._templates.get(key)
        fallback = loaded.filename if loaded is not None and loaded.filename else (
            f"wording/{key if isinstance(key, str) else ', '.join(key)}")
        return template_failure(error, self.templates, WordingError, fallback)

    def _template(self, names: str | Iterable[str]) -> jinja2.Template:
        key = names if isinstance(names, str) else tuple(names)
        template = self._templates.get(key)
        if template is None:
            if isinstance(key, str):
                template = self.environment.get_template(key)
            else:
                template = self.environment.select_template(list(key))
            self._templates[key] = template
        return template


@jinja2.pass_context
def join_and(context, items, separator: str | None = None, conjunction: str = "and") -> Inlines:
    """Join strings or inline nodes: ``a, b and c``; with a separator, ``a<sep>b<sep>c``."""
    items = [item for item in items if item is not None]
    pieces: list = []
    for index, item in enumerate(items):
        if index:
            if separator is not None:
                pieces.append((Text(separator),))
            elif index == len(items) - 1:
                pieces.append((Text(f" {conjunction} "),))
            else:
                pieces.append((Text(", "),))
        pieces.append(item if isinstance(item, tuple) else _User(str(item)))
    return Inlines(_assemble(pieces))


class OutlineWording:
    """A `Wording` that says nothing but titles (``titles.j2``): a build that only numbers
    the provisions, for outputs that need no text (where each provision stands, not what it
    says), without rendering a sentence. The numbers are those of a full build: what is
    numbered, and in which order, never depends on the wording."""

    def __init__(self, wording: Wording, titles: str):
        self.wording, self.titles = wording, titles

    def paragraphs(self, names, helpers: object, **values) -> list[Nodes]:
        return [()]

    def inline(self, names, helpers: object, **values) -> Nodes:
        return ()

    def macros(self, name: str, macros: Iterable[str], helpers: object, *args) -> list[Nodes]:
        if name == self.titles:
            return self.wording.macros(name, macros, helpers, *args)
        return [() for _ in macros]


_CACHE: dict[tuple, Wording] = {}


def forget_compiled() -> None:
    """Drop every template set compiled so far, so that edited templates are read again."""
    _CACHE.clear()


def wording_for(templates: TemplateSet, filters: dict[str, Callable],
                globals: dict[str, Callable] | None = None) -> Wording:
    """The `Wording` of a template set, compiled once per set of folders and reused."""
    key = (folder_key(templates), tuple(sorted(filters)), tuple(sorted(globals or {})))
    wording = _CACHE.get(key)
    if wording is None:
        wording = _CACHE[key] = Wording(templates, filters, globals)
    return wording
