"""Errors met while a template renders, located in the template's file and line.

:func:`template_failure` turns such an error (an undefined name, a printed
``None``, a syntax error) into ``FILE:LINE: what``: a configuration error when
the template is a drafting office's override, else the caller's error type (a
packaged template failing is a bug in termsheet).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError

from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet


def template_failure(error: Exception, templates: TemplateSet, bug: type[Exception],
                     fallback: str | Path) -> Exception:
    """``error`` as ``FILE:LINE: what``: a `TemplateConfigError` when the file is in the
    override folder, else ``bug``. ``fallback`` is the template's file (or name) for an
    error raised outside the template's own code (no template frame)."""
    frames = _template_frames(error) or [(str(fallback), None)]
    # Blame the office's template (the innermost of its frames) even when the error
    # surfaced inside a packaged macro it called with a wrong value.
    own = [(shown, line) for path, line in frames if (shown := templates.overridden(path))]
    if own:
        shown, line = own[-1]
        return TemplateConfigError(f"{shown}{f':{line}' if line else ''}: {describe(error)}")
    path, line = frames[-1]
    with contextlib.suppress(ValueError):
        path = Path(path).relative_to(templates.default).as_posix()
    return bug(f"{path}{f':{line}' if line else ''}: {describe(error)}")


def describe(error: Exception) -> str:
    """What went wrong, in a few words and Jinja2's own message."""
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"template syntax error: {message}"
    if isinstance(error, jinja2.UndefinedError):
        return f"undefined value: {message}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template not found: {message}"
    if isinstance(error, SecurityError):
        return f"refused by the template sandbox: {message}"
    return message


def _template_frames(error: BaseException) -> list[tuple[str, int | None]]:
    """The template files and lines of ``error``, outermost first: its own place for a
    syntax error, else the template frames of its traceback (Jinja2 names them so)."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return [(error.filename, error.lineno)]
    frames = []
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            frames.append((filename, tb.tb_lineno))
        tb = tb.tb_next
    return frames
