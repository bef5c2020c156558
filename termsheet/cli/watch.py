"""``termsheet watch``: render term files again each time they are saved."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import click

from termsheet.cli.common import (
    EXIT_OK, EXIT_USAGE, MACHINE_FORMATS, OutDirPath, chosen_edition, config_options, echo_err,
    echo_notices, layout_files_notice, output_name_clash, output_options, parse_formats,
    pdf_engine_option, pdf_variant_option, print_report, project_config, template_folder_problems,
)


@click.command("watch")
@click.argument("paths", nargs=-1, required=True, metavar="FILE...",
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--to", "to", default="html,pdf", show_default=True,
              help="Comma-separated formats: html, pdf, docx, md (HTML and Markdown are "
                   "published first, PDF and DOCX next).")
@click.option("--out-dir", type=OutDirPath(path_type=Path, file_okay=False), required=True,
              help="Folder for the rendered files (created if missing).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Folder overriding templates and styles; watched too.")
@pdf_variant_option
@pdf_engine_option
@click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
              help="Seconds the PDF layout of one file may take.")
@click.option("--edition", default="internal", show_default=True, metavar="NAME",
              help="internal, circulation, or one of the configuration's editions.")
@click.option("--serve", is_flag=True,
              help="Also show the HTML pages on a local web page (127.0.0.1) that reloads itself.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port of --serve; 0 takes a free one (the address is printed).")
@click.option("--debounce", type=click.IntRange(min=50), default=300, show_default=True,
              help="Milliseconds at most over which the changes of one save are gathered.")
@config_options
@output_options
def watch(paths, to, out_dir, templates, pdf_variant, pdf_engine, timeout, edition, serve, port, debounce,
          config_file, no_config, fmt, color, quiet, verbose) -> int:
    """Render term files, then render them again each time one is saved; Ctrl-C stops.

    Each render is `termsheet render`'s, HTML first and PDF next, with the
    diagnostics printed as `termsheet validate` prints them. An invalid file
    publishes nothing: the last good outputs stay. With --serve, the HTML pages
    are shown on http://127.0.0.1:PORT/, reloaded after every render, with the
    diagnostics over the page while the file is invalid.

    \b
    Examples:
      termsheet watch terms.yaml --out-dir out/
      termsheet watch terms.yaml --to html --out-dir out/ --serve --port 8000
    """
    from termsheet.jobs.render import RenderOptions, source_date_problem
    from termsheet.writers.table import FORMATS

    formats = parse_formats(to, FORMATS)
    if serve and "html" not in formats:
        raise click.BadParameter("--serve shows the HTML pages: add html", param_hint="--to")
    config = project_config(config_file, no_config)
    chosen = chosen_edition(edition, config)
    files = list(dict.fromkeys(paths))
    problem = source_date_problem() or output_name_clash(files, "watch")
    if problem:
        click.echo(f"termsheet: {problem}", err=True)
        return EXIT_USAGE
    if template_folder_problems(templates):
        return EXIT_USAGE
    options = RenderOptions(formats=formats, out_dir=out_dir, templates=templates,
                            pdf_variant=pdf_variant, inputs=tuple(files), timeout=timeout,
                            edition=chosen, pdf_engine=pdf_engine)
    terminal = Terminal(config, fmt=fmt, color=color, quiet=quiet, verbose=verbose)
    if not quiet:
        echo_notices(layout_files_notice(templates, formats, pdf_engine))
    return _run(files, options, terminal, port=port if serve else None, debounce=debounce)


def _run(files: list[Path], options, terminal: Terminal, *, port: int | None,
         debounce: int) -> int:
    """Watch until Ctrl-C (which reaches the command group as ``KeyboardInterrupt``)."""
    from termsheet.jobs.watch import Watch, file_changes

    server = None
    if port is not None:
        server = _start_server(files, options.out_dir, port)
        if server is None:
            return EXIT_USAGE
        terminal.site = server.site
        echo_err(f"serving {server.url} (Ctrl-C to stop)")
    stop = threading.Event()
    echo_err(f"watching {_plural(len(files), 'term file')}; Ctrl-C to stop")
    try:
        Watch(files, options, terminal).run(
            file_changes(files, options.templates, stop, debounce_ms=debounce), stop)
    finally:
        stop.set()
        if server is not None:
            server.stop()
    return EXIT_OK


def _start_server(files: list[Path], out_dir: Path, port: int):
    """The running server of the watched pages, or None (after a message) when the port
    cannot be taken."""
    from termsheet.jobs.serve import WatchServer, WatchSite
    from termsheet.source.paths import display_path

    site = WatchSite(out_dir, {path.stem: display_path(path) for path in files})
    try:
        server = WatchServer(site, port)
    except OSError as error:
        echo_err(f"termsheet: --port {port}: cannot listen on 127.0.0.1 ({error.strerror})")
        return None
    server.start()
    return server


class Terminal:
    """Shows each stage of a render: its diagnostics, the files written; and hands the
    diagnostics to the served pages."""

    def __init__(self, config, *, fmt: str, color: str, quiet: bool, verbose: bool):
        self.config = config
        self.report = {"fmt": fmt, "color": color, "quiet": quiet, "verbose": verbose}
        self.site = None

    def __call__(self, rendered) -> None:
        from termsheet.cli.render import render_status
        from termsheet.source.config import drop_disabled
        from termsheet.source.paths import display_path

        result = rendered.result
        if result is None:
            echo_err(f"termsheet: {display_path(rendered.path)}: missing; its outputs are kept "
                     "until it is back")
            return
        drop_disabled([result], self.config)
        if rendered.first:
            echo_err(f"{time.strftime('%H:%M:%S')} {result.path}")
        if rendered.first or result.diagnostics:
            print_report([result], status=render_status([result]), **self.report)
        if not self.report["quiet"]:
            self._echo_outputs(result)
        if self.site is not None and (rendered.first or not result.ok):
            self.site.update(rendered.path.stem, None if result.ok else _overlay_text(result))

    def _echo_outputs(self, result) -> None:
        if self.report["fmt"] not in MACHINE_FORMATS:
            for output in result.outputs:
                echo_err(f"wrote {output}")
        echo_notices(result.notices)


def _overlay_text(result) -> str:
    """The diagnostics as the terminal shows them, without colour."""
    from termsheet.cli.report import format_text

    return format_text(result.diagnostics, {result.path: result.source})


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
