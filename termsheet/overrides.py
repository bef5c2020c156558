"""A drafting office's template folder (``--templates DIR``): checked once, errors located.

:func:`check_folder` runs once per ``render`` or ``diff`` run, before anything
is rendered:

- a template, stylesheet, script or reference document must have the name
  and place of a packaged one (``wording/commitment.j2``), or be a helper of
  the office's own whose name starts with ``_`` (``wording/_clauses.j2``).
  A misspelt name would otherwise be ignored and the packaged wording
  printed instead, unnoticed. Other files (images, fonts) are assets;
- every template must compile: a syntax error is reported with its file and line.

:func:`template_failure` turns an error met while a template renders (an
undefined name, a printed ``None``) into a message with the template's file and
line: a configuration error when the template is the office's, else the
caller's error type (a packaged template failing is a bug in termsheet).
"""

from __future__ import annotations

import contextlib
import typing
from pathlib import Path
from types import TracebackType

import jinja2

from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet
from termsheet.suggest import suggest

CHECKED_SUFFIXES = (".j2", ".css", ".js", ".docx")
"""Files that replace a packaged file; other files are assets and are not checked."""


def check_folder(folder: Path) -> list[str]:
    """Every problem of the override folder ``folder``, each as ``FILE[:LINE]: what``."""
    templates = TemplateSet(folder)
    known = known_names(templates)
    problems = []
    for relative in _files(templates.override):
        shown = (Path(folder) / relative).as_posix()
        if not relative.endswith(CHECKED_SUFFIXES):
            continue
        if relative not in known and not Path(relative).name.startswith("_"):
            problems.append(_unknown_name(shown, relative, known))
        elif relative.endswith(".j2"):
            problem = _compile_problem(templates, relative)
            if problem:
                problems.append(f"{shown}{problem}")
    return problems


def known_names(templates: TemplateSet) -> set[str]:
    """Paths of the packaged files, and of the kind-specific commitment templates."""
    from termsheet.model.vocab import CommitmentKind

    names = set(_files(templates.default))
    names.update(f"wording/commitment_{kind}.j2" for kind in typing.get_args(CommitmentKind))
    return names


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


def _files(root: Path | None) -> list[str]:
    """Relative paths of the files under ``root``; hidden files and folders are skipped."""
    if root is None or not root.is_dir():
        return []
    return sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def _unknown_name(shown: str, relative: str, known: set[str]) -> str:
    suffix = Path(relative).suffix
    close = suggest(relative, sorted(name for name in known if name.endswith(suffix)))
    guess = f"did you mean {close}? " if close else ""
    return (f"{shown}: no packaged file has this name, so termsheet would ignore it; {guess}"
            f"(helpers of your own are named _*{suffix})")


def _compile_problem(templates: TemplateSet, relative: str) -> str | None:
    """``:LINE: what`` when the template ``relative`` does not compile, else None."""
    path = templates.override / relative
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return f": cannot be read as UTF-8 text: {error}"
    try:
        if relative.startswith("wording/"):  # compiled: unknown filters are found too
            _wording_environment(templates).compile(source, relative, str(path))
        else:  # page templates: syntax only (each page writer adds its own filters)
            jinja2.Environment().parse(source, relative, str(path))
    except jinja2.TemplateSyntaxError as error:
        return f":{error.lineno}: {describe(error)}"
    return None


def _wording_environment(templates: TemplateSet) -> jinja2.Environment:
    from termsheet.build.context import FILTERS, GLOBALS
    from termsheet.wording import wording_for

    return wording_for(templates, FILTERS, GLOBALS).environment
