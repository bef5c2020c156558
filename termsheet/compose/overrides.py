"""A drafting office's template folder (``--templates DIR``): checked once, errors located.

:func:`check_folder` runs once per ``render`` or ``diff`` run, before anything
is rendered:

- every entry must be a regular file or a folder: a symlink, a FIFO, a device is
  refused (:mod:`termsheet.templates_folder`), as every file read from the folder is;
- a template, stylesheet, script or reference document must have the name
  and place of a packaged one (``wording/commitment.j2``), or be a helper of
  the office's own whose name starts with ``_`` (``wording/_clauses.j2``).
  A misspelt name would otherwise be ignored and the packaged wording
  printed instead, unnoticed. Other files (images, fonts) are assets;
- every template must compile: a syntax error is reported with its file and line;
- ``styles/styles.yaml`` must name styles of the reference.docx in effect and known
  properties (:mod:`termsheet.compose.style_file`), reported at file:line:column.

Errors met while a template renders are located by
:mod:`termsheet.compose.template_errors`.
"""

from __future__ import annotations

import typing
from pathlib import Path

import jinja2

from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet
from termsheet.compose.style_file import check_style_file
from termsheet.compose.template_errors import describe
from termsheet.schema.suggest import suggest
from termsheet.templates_folder import folder_problems, office_file, regular_files

CHECKED_SUFFIXES = (".j2", ".css", ".js", ".docx")
"""Files that replace a packaged file; other files are assets and are not checked."""


def check_folder(folder: Path) -> list[str]:
    """Every problem of the override folder ``folder``, each as ``FILE[:LINE]: what``."""
    templates = TemplateSet(folder)
    known = known_names(templates)
    problems = folder_problems(Path(folder))
    for relative in _files(templates.override):
        shown = (Path(folder) / relative).as_posix()
        if not relative.endswith(CHECKED_SUFFIXES):
            continue
        if relative not in known and not Path(relative).name.startswith("_"):
            problems.append(_unknown_name(shown, relative, known))
        elif relative.endswith(".j2"):
            problem = _compile_problem(templates, relative, shown)
            if problem:
                problems.append(problem)
    return list(dict.fromkeys(problems + check_style_file(templates)))


def known_names(templates: TemplateSet) -> set[str]:
    """Paths of the packaged files, and of the kind-specific commitment templates."""
    from termsheet.schema.vocab import CommitmentKind

    names = set(_files(templates.default))
    names.update(f"wording/commitment_{kind}.j2" for kind in typing.get_args(CommitmentKind))
    return names


def _files(root: Path | None) -> list[str]:
    """Relative paths of the files under ``root``; hidden files and folders are skipped."""
    if root is None or not root.is_dir():
        return []
    return regular_files(root)


def _unknown_name(shown: str, relative: str, known: set[str]) -> str:
    suffix = Path(relative).suffix
    close = suggest(relative, sorted(name for name in known if name.endswith(suffix)))
    guess = f"did you mean {close}? " if close else ""
    return (f"{shown}: no packaged file has this name, so termsheet would ignore it; {guess}"
            f"(helpers of your own are named _*{suffix})")


def _compile_problem(templates: TemplateSet, relative: str, shown: str) -> str | None:
    """``FILE:LINE: what`` when the template ``relative`` cannot be read or does not compile."""
    try:
        file = office_file(templates, relative)
        if file is None:  # removed since the folder was listed
            return None
        source = file.text()
    except TemplateConfigError as error:
        return error.message
    try:
        if relative.startswith("wording/"):  # compiled: unknown filters are found too
            _wording_environment(templates).compile(source, relative, str(file.path))
        else:  # page templates: syntax only (each page writer adds its own filters)
            jinja2.Environment().parse(source, relative, str(file.path))
    except jinja2.TemplateSyntaxError as error:
        return f"{shown}:{error.lineno}: {describe(error)}"
    return None


def _wording_environment(templates: TemplateSet) -> jinja2.Environment:
    from termsheet.compose.context import FILTERS, GLOBALS
    from termsheet.compose.wording import wording_for

    return wording_for(templates, FILTERS, GLOBALS).environment
