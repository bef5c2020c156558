"""How diagnostics are shown: text, concise, JSON, GitHub annotations, SARIF.

Pure functions returning ``str``:

- :func:`format_text`    GNU ``file:line:col: error[code] field: message``,
  the source line with a caret underline, and the hint;
- :func:`format_concise` one line per diagnostic;
- :func:`format_json`    one JSON document with ``"version": 1``;
- :func:`format_github`  GitHub Actions workflow commands (``::error ...``);
- :func:`termsheet.cli.sarif.format_sarif` a SARIF 2.1.0 log (code scanning);
- :func:`format_report`  the whole standard output of a run in one of these.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from termsheet.cli.sarif import format_sarif, github_path
from termsheet.source.diagnostics import Diagnostic, cap_repeats, position, problem_count, window

#: Version of the ``--format json`` document layout.
JSON_FORMAT_VERSION = 1

@dataclass(frozen=True)
class FileSummary:
    """Per-file result, for the JSON document and the summary line."""

    path: str
    errors: int
    warnings: int
    seconds: float | None = None
    outputs: tuple[str, ...] | None = None
    """Files written for this input (``render``); ``None`` for commands that write none."""

    @property
    def status(self) -> str:
        if self.errors:
            return "error"
        if self.warnings:
            return "warning"
        return "ok"


def summarize(files: Sequence[str], diagnostics: Sequence[Diagnostic]) -> list[FileSummary]:
    """Count errors and warnings per file, in the order of ``files``."""
    counts = {f: [0, 0] for f in files}
    for d in diagnostics:
        c = counts.setdefault(d.file, [0, 0])
        c[0 if d.severity == "error" else 1] += 1
    return [FileSummary(f, e, w) for f, (e, w) in counts.items()]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(files: Sequence[FileSummary]) -> str:
    """``Found 3 errors and 1 warning in 2 of 5 files.`` / ``All 5 files passed.``"""
    errors = sum(f.errors for f in files)
    warnings = sum(f.warnings for f in files)
    bad = sum(1 for f in files if f.errors or f.warnings)
    n = len(files)
    if not errors and not warnings:
        return f"All {_plural(n, 'file')} passed." if n != 1 else "1 file passed."
    parts = []
    if errors:
        parts.append(_plural(errors, "error"))
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return f"Found {' and '.join(parts)} in {bad} of {_plural(n, 'file')}."


# --------------------------------------------------------------------------
# text


_STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
    "caret_error": "\x1b[31m",
    "caret_warning": "\x1b[33m",
    "hint": "\x1b[36m",
    "reset": "\x1b[0m",
}


def _style(text: str, style: str, color: bool) -> str:
    if not color:
        return text
    return f"{_STYLES[style]}{text}{_STYLES['reset']}"


def _show_char(ch: str) -> str:
    """Make tabs and invisible characters visible in a source excerpt."""
    if ch == "\t":
        return " "
    if ch.isprintable() or ch == " ":
        return ch
    return "\N{REPLACEMENT CHARACTER}"


def _excerpt(d: Diagnostic, lines: Sequence[str], color: bool) -> list[str]:
    """The source line of the diagnostic with a caret underline."""
    span = d.span
    if span is None or not (1 <= span.line <= len(lines)):
        return []
    raw = lines[span.line - 1].rstrip("\r\n")
    start = max(span.column - 1, 0)
    end = span.end_column - 1 if span.end_line == span.line else len(raw)
    raw, start, end = window(raw, start, max(end, start + 1))
    # Keep one character per column so the caret lines up.
    shown = "".join(_show_char(c) for c in raw)
    width = len(str(span.line))
    gutter = " " * width
    caret_style = "caret_error" if d.severity == "error" else "caret_warning"
    carets = " " * start + "^" * (end - start)
    return [
        f" {_style(str(span.line), 'dim', color)} {_style('|', 'dim', color)} {shown}",
        f" {gutter} {_style('|', 'dim', color)} {_style(carets, caret_style, color)}",
    ]


def format_header(d: Diagnostic, color: bool = False) -> str:
    """``file:line:col: error[code] field: message``."""
    where = d.file
    if d.span is not None:
        where = f"{d.file}:{d.span.line}:{d.span.column}"
    sev = _style(f"{d.severity}[{d.code}]", d.severity, color)
    field = f"{d.field}: " if d.field else ""
    return f"{_style(where, 'bold', color)}: {sev} {field}{d.message}"


def format_text(
    diagnostics: Iterable[Diagnostic],
    sources: Mapping[str, str | None] | None = None,
    *,
    color: bool = False,
) -> str:
    """Human-readable report: header, source excerpt with carets, hint."""
    sources = sources or {}
    split_cache: dict[str, list[str]] = {}
    blocks: list[str] = []
    for d in diagnostics:
        lines_out = [format_header(d, color)]
        text = sources.get(d.file)
        if text is not None:
            if d.file not in split_cache:
                split_cache[d.file] = text.splitlines()
            lines_out.extend(_excerpt(d, split_cache[d.file], color))
        if d.hint:
            lines_out.append(f"  {_style('hint:', 'hint', color)} {d.hint}")
        blocks.append("\n".join(lines_out))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def format_concise(diagnostics: Iterable[Diagnostic], *, color: bool = False) -> str:
    """One line per diagnostic (no excerpt, no hint)."""
    out = [format_header(d, color) for d in diagnostics]
    return "\n".join(out) + ("\n" if out else "")


# --------------------------------------------------------------------------
# json


def diagnostic_to_dict(d: Diagnostic) -> dict:
    """A diagnostic as a JSON object; line/column/end_* are always present."""
    line, column, end_line, end_column = position(d)
    return {
        "file": d.file,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "severity": d.severity,
        "code": d.code,
        "field": d.field,
        "message": d.message,
        "hint": d.hint,
        **({"omitted": d.omitted} if d.omitted else {}),
    }


def format_json(
    diagnostics: Sequence[Diagnostic],
    files: Sequence[FileSummary],
    *,
    exit_code: int | None = None,
) -> str:
    """One JSON document: ``{"version", "files", "diagnostics", "summary"}``."""
    errors = sum(problem_count(d) for d in diagnostics if d.severity == "error")
    warnings = sum(problem_count(d) for d in diagnostics) - errors
    doc = {
        "version": JSON_FORMAT_VERSION,
        "files": [
            {
                "path": f.path,
                "status": f.status,
                "errors": f.errors,
                "warnings": f.warnings,
                **({"seconds": round(f.seconds, 6)} if f.seconds is not None else {}),
                **({"outputs": list(f.outputs)} if f.outputs is not None else {}),
            }
            for f in files
        ],
        "diagnostics": [diagnostic_to_dict(d) for d in diagnostics],
        "summary": {
            "files": len(files),
            "files_with_errors": sum(1 for f in files if f.errors),
            "files_with_warnings": sum(1 for f in files if f.warnings and not f.errors),
            "errors": errors,
            "warnings": warnings,
            **({"exit_code": exit_code} if exit_code is not None else {}),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------
# github


def escape_github_data(text: str) -> str:
    """Escape a workflow-command message (the part after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_github_property(text: str) -> str:
    """Escape a workflow-command property value (``file=``, ``title=``)."""
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github_annotation(d: Diagnostic, workspace: str | None = None) -> str:
    """``::error file=P,line=L,endLine=L2,col=C,endColumn=C2,title=T::MSG``.

    ``col``/``endColumn`` are given only when the span is on one line, as
    GitHub ignores or misplaces them otherwise.  ``P`` is relative to
    ``workspace`` when given (see :func:`github_path`).
    """
    line, column, end_line, end_column = position(d)
    path = github_path(d.file, workspace)
    props = [f"file={escape_github_property(path)}", f"line={line}", f"endLine={end_line}"]
    if line == end_line:
        props.append(f"col={column}")
        props.append(f"endColumn={max(end_column, column)}")
    title = f"{d.code}" + (f" {d.field}" if d.field else "")
    props.append(f"title={escape_github_property(title)}")
    message = d.message + (f"\n{d.hint}" if d.hint else "")
    return f"::{d.severity} {','.join(props)}::{escape_github_data(message)}"


def format_github(
    diagnostics: Sequence[Diagnostic],
    sources: Mapping[str, str | None] | None = None,
    *,
    workspace: str | None = None,
) -> str:
    """Annotations for every diagnostic, then the full plain-text list.

    GitHub shows at most 10 annotations of a kind per step; the text list
    after them keeps every problem visible in the log.
    """
    out = [format_github_annotation(d, workspace) for d in diagnostics]
    sources = sources or {}
    escaped = [github_safe(d) for d in diagnostics]
    text = format_text(escaped, {github_safe_path(d.file): sources.get(d.file) for d in diagnostics},
                       color=False)
    return "\n".join(out) + ("\n" if out else "") + (("\n" + text) if text else "")


def github_safe(d: Diagnostic) -> Diagnostic:
    """``d`` with every text escaped so that no part of a line it prints can start a
    workflow command: the file name as a property value, the rest as a message."""
    return replace(d, file=github_safe_path(d.file), message=escape_github_data(d.message),
                   field=d.field and escape_github_data(d.field),
                   hint=d.hint and escape_github_data(d.hint))


def github_safe_path(path: str) -> str:
    """A file name in the text lines of the GitHub format: escaped as in ``file=``, so
    that neither a line break nor a leading ``::`` in it can forge a workflow command."""
    return escape_github_property(path)


# --------------------------------------------------------------------------
# choosing a format and colour; whole reports

FORMATS = ("auto", "text", "concise", "json", "github", "sarif")
COLOR_MODES = ("auto", "always", "never")


def resolve_format(fmt: str, environ: Mapping[str, str]) -> str:
    """``auto`` → ``github`` under GitHub Actions (``GITHUB_ACTIONS=true``), else ``text``."""
    if fmt != "auto":
        return fmt
    return "github" if environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"


def use_color(mode: str, isatty: bool, environ: Mapping[str, str]) -> bool:
    """Whether to colour output.

    ``always``/``never`` win; then a non-empty ``NO_COLOR`` turns colour off,
    a non-empty ``FORCE_COLOR`` (other than ``0``/``false``) turns it on, and
    otherwise colour is used on a terminal (not ``TERM=dumb``).
    """
    if mode == "always":
        return True
    if mode == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    force = environ.get("FORCE_COLOR")
    if force:
        return force.lower() not in ("0", "false")
    return isatty and environ.get("TERM") != "dumb"


def _outputs(result) -> tuple[str, ...] | None:
    """The files a result wrote, when its command writes files (``render``)."""
    outputs = getattr(result, "outputs", None)
    return None if outputs is None else tuple(str(path) for path in outputs)


def format_report(
    results: Sequence,
    *,
    fmt: str,
    color: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    exit_code: int | None = None,
    github_workspace: str | None = None,
) -> str:
    """The whole stdout of a validation run.

    ``results`` are objects with ``path``, ``diagnostics``, ``source`` and
    ``seconds`` (e.g. :class:`termsheet.source.validate.ValidationResult`), and
    ``outputs`` when they wrote files (listed by the JSON format).
    ``quiet`` shows errors only (no warnings, no summary); ``verbose`` also
    lists files that passed, with timings.  The JSON and SARIF formats ignore
    both.  ``github_workspace`` makes GitHub annotation and SARIF paths
    relative to it.
    """
    diagnostics = [d for r in results for d in cap_repeats(r.diagnostics)]
    files = [
        FileSummary(r.path, sum(1 for d in r.diagnostics if d.severity == "error"),
                    sum(1 for d in r.diagnostics if d.severity == "warning"), r.seconds,
                    _outputs(r))
        for r in results
    ]
    if fmt == "json":
        return format_json(diagnostics, files, exit_code=exit_code)
    if fmt == "sarif":
        return format_sarif(diagnostics, exit_code=exit_code, workspace=github_workspace)
    shown = [d for d in diagnostics if d.severity == "error"] if quiet else diagnostics
    sources = {r.path: r.source for r in results}
    if fmt == "github":
        out = format_github(shown, sources, workspace=github_workspace)
    elif fmt == "concise":
        out = format_concise(shown, color=color)
    else:
        out = format_text(shown, sources, color=color)
    if verbose:
        lines = []
        for f in files:
            took = f" ({f.seconds * 1000:.0f} ms)" if f.seconds is not None else ""
            path = github_safe_path(f.path) if fmt == "github" else f.path
            lines.append(f"{f.status:7} {path}{took}")
        total = sum(f.seconds or 0 for f in files)
        lines.append(f"checked {_plural(len(files), 'file')} in {total * 1000:.0f} ms")
        out = (out + "\n" if out else "") + "\n".join(lines) + "\n"
    if not quiet:
        out = (out + "\n" if out else "") + summary_line(files) + "\n"
    return out
