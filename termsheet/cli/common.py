"""What every command shares: exit statuses, common options, printing.

Exit statuses (docs/cli.md, "Exit codes"): 0 ok, 1 problems in the input files,
2 usage, configuration, file access or internal error, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM).
"""

from __future__ import annotations

import difflib
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process ended by it


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format``, ``--color``, ``-q`` and ``-v``, shared by commands that report diagnostics."""
    from termsheet.cli.report import COLOR_MODES, FORMATS

    decorators = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto",
                     show_default=True,
                     help="Output format; auto = github under GitHub Actions, else text."),
        click.option("--color", "color", type=click.Choice(COLOR_MODES), default="auto",
                     show_default=True,
                     help="Colour the text output; auto honours NO_COLOR and FORCE_COLOR."),
        click.option("-q", "--quiet", is_flag=True, help="Show errors only."),
        click.option("-v", "--verbose", is_flag=True,
                     help="Also list files that passed, with timings."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def config_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--config FILE`` and ``--no-config``, shared by commands that validate term files."""
    decorators = [
        click.option("--config", "config_file", metavar="FILE", default=None,
                     type=click.Path(path_type=Path, dir_okay=False),
                     help="Settings file (.termsheet.toml or pyproject.toml); default: the"
                          " nearest one from the current folder up."),
        click.option("--no-config", is_flag=True, help="Ignore every settings file."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


PDF_ENGINES = ("typst", "weasyprint")
"""The choices of ``--pdf-engine``: `termsheet.writers.table.PDF_ENGINES`, written out so
that a command that writes no PDF does not import the writers (a test keeps them equal)."""


def pdf_variant_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--pdf-variant``, shared by commands that render term sheets."""
    return click.option("--pdf-variant", type=click.Choice(["pdf/ua-1", "pdf/a-3b", "none"]),
                        default="pdf/ua-1", show_default=True,
                        help="Tagged PDF/UA-1, archival PDF/A-3b with the term file attached, "
                             "or plain.")(func)


def pdf_engine_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--pdf-engine``, shared by commands that write PDFs: the writer that lays them out
    (default: the render job's ``DEFAULT_PDF_ENGINE``)."""
    # The default is read when the option is left out, so that listing the commands does
    # not import the render job; the help names it (tests/cli/test_render_cache_cli.py checks).
    return click.option("--pdf-engine", type=click.Choice(PDF_ENGINES), default=_default_pdf_engine,
                        help="The engine that lays out PDFs.  [default: typst]")(func)


def _default_pdf_engine() -> str:
    from termsheet.jobs.render import DEFAULT_PDF_ENGINE

    return DEFAULT_PDF_ENGINE


def output_name_clash(files: list[Path], verb: str) -> str | None:
    """Two term files whose outputs would have the same names in the output folder (the
    outputs are named after the file's stem), as a message; ``verb`` names the command."""
    stems = Counter(path.stem for path in files)
    clashing = [str(path) for path in files if stems[path.stem] > 1]
    if clashing:
        return f"{' and '.join(clashing)} would write the same output files; {verb} them separately"
    return None


class OutDirPath(click.Path):
    """The ``--out-dir`` folder: an empty value is a usage error, not the current folder
    (give ``.`` for that)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and value == "":
            self.fail("an empty folder name; give . for the current folder", param, ctx)
        return super().convert(value, param, ctx)


class ConfigFailure(click.ClickException):
    """A settings file that cannot be used (exit status 2)."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"termsheet: {self.message}", err=True)


def project_config(config_file: Path | None, no_config: bool) -> Any:
    """The :class:`termsheet.source.config.Config` of this run (see :func:`config_options`)."""
    from termsheet.source.config import ConfigError, load_config

    if config_file is not None and no_config:
        raise click.UsageError("--config and --no-config cannot be used together")
    try:
        return load_config(config_file, isolated=no_config)
    except ConfigError as error:
        raise ConfigFailure(f"configuration error: {error}") from None


def print_report(results: Sequence[Any], *, fmt: str, color: str, quiet: bool, verbose: bool,
                 status: int) -> None:
    """Print a diagnostics report to stdout (and internal tracebacks with ``-v`` to stderr)."""
    from termsheet.cli.report import format_report, resolve_format, use_color

    fmt = resolve_format(fmt, os.environ)
    colored = fmt in ("text", "concise") and use_color(color, isatty(sys.stdout), os.environ)
    text = format_report(results, fmt=fmt, color=colored, quiet=quiet, verbose=verbose,
                         exit_code=status, github_workspace=os.environ.get("GITHUB_WORKSPACE"))
    if verbose:
        for result in results:
            tb = getattr(result, "internal_traceback", None)
            if tb:
                click.echo(tb, err=True)
    write_stdout(text)


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a file descriptor
        pass


def stdin_filename_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--stdin-filename NAME``: the name of ``-`` (standard input) in messages."""
    return click.option("--stdin-filename", "stdin_name", metavar="NAME", default=None,
                        help="Name of '-' (standard input) in messages; default <stdin>.")(func)


def check_stdin_name(stdin_name: str | None, paths: Sequence[Any]) -> None:
    """A usage error when ``--stdin-filename`` is given but no path is ``-``."""
    if stdin_name is not None and not any(str(path) == "-" for path in paths):
        raise click.UsageError("--stdin-filename names standard input: give '-' as a path too")


def parse_formats(value: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """``"pdf,docx"`` → ``("pdf", "docx")``; a usage error names any unknown format
    (with ``did you mean pdf?`` for a near miss such as ``pfd``)."""
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in allowed]
    if unknown or not formats:
        named = ", ".join(_with_guess(fmt, allowed) for fmt in unknown) or "(none)"
        raise click.BadParameter(f"unknown format {named}; choose from {','.join(allowed)}",
                                 param_hint="--to")
    return formats


def _with_guess(name: str, allowed: tuple[str, ...]) -> str:
    """``pfd`` → ``pfd (did you mean pdf?)``; a name with no close match stays as it is."""
    close = difflib.get_close_matches(name, allowed, n=1)
    return f"{name} (did you mean {close[0]}?)" if close else name


def template_folder_problems(folder: Path | None) -> bool:
    """Check the ``--templates`` folder once, before anything is rendered, and print each
    problem; True when there is one (a configuration error, exit status 2)."""
    if folder is None:
        return False
    from termsheet.compose.overrides import check_folder
    from termsheet.resources import TemplateSet
    from termsheet.writers.office_files import office_file_problems

    # Names, entries (no symlinks, no FIFOs), templates, styles.yaml; then the files the
    # writers take whole: stylesheets, extra.css, the script, reference.docx.
    problems = check_folder(folder) + office_file_problems(TemplateSet(folder))
    for problem in dict.fromkeys(problems):
        click.echo(f"termsheet: {problem}", err=True)
    return bool(problems)


def echo_notices(notices) -> None:
    """Each distinct notice once per run, on standard error (stdout may carry JSON)."""
    for notice in dict.fromkeys(notices):
        click.echo(f"termsheet: note: {notice}", err=True)


def layout_files_notice(templates: Path | None, formats: Sequence[str],
                        pdf_engine: str) -> list[str]:
    """A note when a ``--templates`` folder has page templates or stylesheets, which lay
    out the HTML pages and WeasyPrint's PDFs, while Typst lays out the PDFs."""
    if templates is None or pdf_engine != "typst" or "pdf" not in formats:
        return []
    layout = [*templates.glob("html/*.j2"), *templates.glob("styles/*.css")]
    if not layout:
        return []
    return [f"the Typst PDF engine does not read {templates}'s page templates and stylesheets "
            "(html/*.j2, styles/*.css); they shape the HTML pages. Add --pdf-engine weasyprint "
            "to lay out the PDFs with them"]


def echo_err(text: str) -> None:
    try:
        click.echo(text, err=True)
    except (OSError, ValueError):  # pragma: no cover - stderr closed
        pass


def stderr_console() -> Any:
    """A rich console on standard error, for progress bars."""
    from rich.console import Console

    return Console(stderr=True)


MACHINE_FORMATS = ("json", "sarif", "github")
"""``--format`` values whose stdout a program reads: no stage line beside them."""


def shows_progress(fmt: str, quiet: bool) -> bool:
    """Whether the job's stages are shown (on a terminal only, see StageLine.for_terminal)."""
    return not quiet and fmt not in MACHINE_FORMATS


def parse_pairs(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``--pair OLD=NEW`` values as (OLD id, NEW id); a malformed or repeated one is a usage error."""
    pairs: list[tuple[str, str]] = []
    for value in values:
        old_id, sep, new_id = value.partition("=")
        old_id, new_id = old_id.strip(), new_id.strip()
        if not sep or not old_id or not new_id:
            raise click.BadParameter(f"{value!r}: write OLD=NEW, two ids (cmt-a=cmt-b)",
                                     param_hint="--pair")
        for side, ident, index in (("OLD", old_id, 0), ("NEW", new_id, 1)):
            if any(pair[index] == ident for pair in pairs):
                raise click.BadParameter(f"{side}'s {ident} is paired twice", param_hint="--pair")
        pairs.append((old_id, new_id))
    return tuple(pairs)


def chosen_edition(name: str, config):
    """The edition ``name`` (built in or from the configuration); a usage error otherwise."""
    from termsheet.schema.suggest import suggest
    from termsheet.source.config import editions

    known = editions(config)
    if name in known:
        return known[name]
    close = suggest(name, known)
    hint = f"; did you mean '{close}'?" if close else ""
    raise click.BadParameter(f"unknown edition '{name}'{hint} (known: {', '.join(known)})",
                             param_hint="'--edition'")


def run_comparison_job(run: Callable[[Any], Any], fmt: str, quiet: bool) -> tuple[Any, int | None]:
    """Run a comparison job (``run(progress)``: diff or consolidate) with the stage line on a
    terminal; its errors as one message each. Returns (result, None), or (None, exit status):
    2 for a hand pair that cannot be made, an output folder or template folder refused; 1 for
    any other error of the job."""
    from termsheet.errors import OutputError, TemplateConfigError, TermsheetError
    from termsheet.jobs.diff import PairError
    from termsheet.jobs.progress import StageLine

    try:
        with StageLine.for_terminal(sys.stderr, enabled=shows_progress(fmt, quiet)) as stage:
            return run(stage), None
    except PairError as error:
        for first, second, reason in error.problems:
            click.echo(f"termsheet: --pair {first}={second}: {reason}", err=True)
        return None, EXIT_USAGE
    except (OutputError, TemplateConfigError) as error:
        click.echo(f"termsheet: {error.message}", err=True)
        return None, EXIT_USAGE
    except TermsheetError as error:
        click.echo(f"termsheet: {error.message}", err=True)
        return None, EXIT_PROBLEMS


def report_invalid(validations, config, *, fmt: str, color: str, quiet: bool,
                   verbose: bool) -> int:
    """Report the diagnostics of a comparison job whose inputs were not all valid (project
    settings applied); its exit status, 1 at least."""
    from termsheet.source.config import drop_disabled
    from termsheet.source.validate import exit_status

    drop_disabled(validations, config)
    status = exit_status(validations) or EXIT_PROBLEMS
    print_report(validations, fmt=fmt, color=color, quiet=quiet, verbose=verbose, status=status)
    return status
