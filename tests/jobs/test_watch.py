"""The watch loop, driven by batches of changes made up by the test (no file notifications):
a save renders again, a breaking save is reported and keeps the last outputs, HTML is
published before the PDF, a file replaced by an editor is rendered when it is back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from watchfiles import Change

from termsheet.jobs.render import RenderOptions
from termsheet.jobs.serve import WatchSite
from termsheet.jobs.watch import Watch, stages, watched_folders
from termsheet.resources import data_dir

TITLE = 'title: "Minimal Term Sheet (Illustrative)"'


@pytest.fixture
def term_file(tmp_path: Path) -> Path:
    path = tmp_path / "terms" / "minimal.yaml"
    path.parent.mkdir()
    path.write_bytes((data_dir("samples") / "minimal.yaml").read_bytes())
    return path


def edited(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


class Recorder:
    """The ``on_rendered`` callback: every stage, with the outputs as they stood just then."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.events = []

    def __call__(self, rendered) -> None:
        outputs = {path.name: path.read_bytes() for path in sorted(self.out_dir.glob("*.*"))}
        self.events.append((rendered, outputs))


def saves(path: Path, *texts: str | None):
    """The batches of a watch: the start, then one per save of ``texts`` (None: deleted)."""
    yield set()
    for text in texts:
        if text is None:
            path.unlink()
            yield {(Change.deleted, str(path))}
        else:
            path.write_text(text, encoding="utf-8")
            yield {(Change.modified, str(path))}


def run_watch(files, out_dir: Path, batches, formats=("html",)) -> Recorder:
    recorder = Recorder(out_dir)
    options = RenderOptions(formats=formats, out_dir=out_dir, inputs=tuple(files))
    Watch(files, options, recorder).run(batches, threading.Event())
    return recorder


def test_edit_break_and_fix(term_file, tmp_path):
    out = tmp_path / "out"
    renamed = edited(term_file, TITLE, 'title: "Renamed Sheet"')
    broken = edited(term_file, "status: concept", "status: conceptt")
    recorder = run_watch([term_file], out, saves(term_file, renamed, broken, renamed))
    (start, first), (edit, second), (breaking, third), (fix, fourth) = recorder.events

    assert start.result.ok and b"Minimal Term Sheet" in first["minimal.html"]
    assert edit.result.ok and b"Renamed Sheet" in second["minimal.html"]
    assert b"Minimal Term Sheet" not in second["minimal.html"]

    assert not breaking.result.ok and breaking.result.outputs == []
    (error,) = [d for d in breaking.result.diagnostics if d.severity == "error"]
    line = broken.splitlines().index("  status: conceptt") + 1
    assert (error.file, error.span.line, error.span.column) == (
        breaking.result.path, line, len("  status: ") + 1)
    assert "conceptt" in error.message
    assert third == second  # the last good output stays

    assert fix.result.ok and fourth == second
    assert [rendered.first for rendered, _outputs in recorder.events] == [True] * 4


def test_html_is_published_before_the_pdf_is_laid_out(term_file, tmp_path):
    out = tmp_path / "out"
    renamed = edited(term_file, TITLE, 'title: "Renamed Sheet"')
    recorder = run_watch([term_file], out, saves(term_file, renamed), formats=("pdf", "html"))
    assert [(rendered.formats, rendered.first) for rendered, _ in recorder.events] == [
        (("html",), True), (("pdf",), False), (("html",), True), (("pdf",), False)]
    first_pdf = recorder.events[1][1]["minimal.pdf"]
    html_stage = recorder.events[2][1]
    assert b"Renamed Sheet" in html_stage["minimal.html"]
    assert html_stage["minimal.pdf"] == first_pdf  # the PDF comes after
    assert recorder.events[3][1]["minimal.pdf"] != first_pdf
    # the PDF stage repeats no diagnostic of the validation
    assert all(rendered.result.diagnostics == [] for rendered, _ in recorder.events[1::2])


def test_a_breaking_save_stops_before_the_pdf(term_file, tmp_path):
    out = tmp_path / "out"
    broken = edited(term_file, "status: concept", "status: conceptt")
    recorder = run_watch([term_file], out, saves(term_file, broken), formats=("html", "pdf"))
    assert [rendered.formats for rendered, _ in recorder.events] == [("html",), ("pdf",), ("html",)]
    assert not recorder.events[-1][0].result.ok
    assert recorder.events[-1][1] == recorder.events[1][1]


def test_a_file_replaced_by_an_editor_is_rendered_when_it_is_back(term_file, tmp_path):
    out = tmp_path / "out"
    renamed = edited(term_file, TITLE, 'title: "Renamed Sheet"')
    recorder = run_watch([term_file], out, saves(term_file, None, renamed))
    (_start, first), (gone, while_gone), (back, after) = recorder.events
    assert gone.result is None and while_gone == first
    assert back.result.ok and b"Renamed Sheet" in after["minimal.html"]


def test_only_the_saved_file_is_rendered_again(term_file, tmp_path):
    other = term_file.with_name("other.yaml")
    other.write_bytes(term_file.read_bytes())
    out = tmp_path / "out"
    renamed = edited(other, TITLE, 'title: "Other Sheet"')
    recorder = run_watch([term_file, other], out, saves(other, renamed))
    assert [rendered.path.name for rendered, _ in recorder.events] == [
        "minimal.yaml", "other.yaml", "other.yaml"]
    assert b"Other Sheet" in recorder.events[-1][1]["other.html"]


def test_a_change_elsewhere_renders_nothing(term_file, tmp_path):
    out = tmp_path / "out"
    batches = [set(), {(Change.modified, str(term_file.with_name("notes.txt")))}]
    recorder = run_watch([term_file], out, batches)
    assert len(recorder.events) == 1


def test_an_edited_wording_template_is_read_again(term_file, tmp_path):
    templates = tmp_path / "office"
    wording = templates / "wording" / "legend.j2"
    wording.parent.mkdir(parents=True)
    packaged = (data_dir("templates") / "wording" / "legend.j2").read_text(encoding="utf-8")
    wording.write_text(packaged, encoding="utf-8")
    out = tmp_path / "out"

    def batches():
        yield set()
        wording.write_text("Each provision has a basis of its own.\n", encoding="utf-8")
        yield {(Change.modified, str(wording))}

    recorder = Recorder(out)
    options = RenderOptions(formats=("html",), out_dir=out, templates=templates,
                            inputs=(term_file,))
    Watch([term_file], options, recorder).run(batches(), threading.Event())
    before, after = (outputs["minimal.html"] for _rendered, outputs in recorder.events)
    assert b"Each provision has a basis of its own." not in before
    assert b"Each provision has a basis of its own." in after


def test_the_stop_event_ends_the_loop(term_file, tmp_path):
    stop = threading.Event()
    out = tmp_path / "out"
    options = RenderOptions(formats=("html",), out_dir=out, inputs=(term_file,))
    seen = []

    def on_rendered(rendered):
        seen.append(rendered)
        stop.set()

    batches = [set(), {(Change.modified, str(term_file))}]
    Watch([term_file], options, on_rendered).run(batches, stop)
    assert len(seen) == 1


def test_stages_put_the_quick_formats_first():
    assert stages(("pdf", "docx", "html", "md")) == [("html", "md"), ("pdf", "docx")]
    assert stages(("pdf",)) == [("pdf",)]
    assert stages(("html",)) == [("html",)]


def test_the_folders_watched_are_the_files_own_and_the_templates(tmp_path):
    (tmp_path / "office" / "wording").mkdir(parents=True)
    (tmp_path / "office" / ".git").mkdir()
    folders = watched_folders([tmp_path / "a.yaml", tmp_path / "b.yaml"], tmp_path / "office")
    root = tmp_path.resolve()
    assert folders == [root, root / "office", root / "office" / "wording"]


# --------------------------------------------------------------------------
# the served site (the page in a browser: tests/writers/test_watch_browser.py)


def test_a_page_with_no_valid_version_yet_shows_the_diagnostics(tmp_path):
    site = WatchSite(tmp_path, {"terms": "terms.yaml"})
    site.update("terms", "terms.yaml:3:1: error[x] <script>alert(1)</script>")
    page = site.page("terms").decode("utf-8")
    assert "No valid version of terms.yaml yet." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert page.index('id="termsheet-watch-overlay"') < page.index("</body>")
    assert site.version == 1


def test_the_page_is_the_written_file_with_the_script_before_its_body_ends(tmp_path):
    written = "<html><body><p>Text</p></body>\n</html>\n"
    (tmp_path / "terms.html").write_text(written, encoding="utf-8")
    site = WatchSite(tmp_path, {"terms": "terms.yaml"})
    page = site.page("terms").decode("utf-8")
    assert page.startswith("<html><body><p>Text</p><link rel=\"stylesheet\"")
    assert page.endswith('data-version="0" defer></script></body>\n</html>\n')
    assert "termsheet-watch-overlay" not in page
    assert (tmp_path / "terms.html").read_text(encoding="utf-8") == written


def test_only_watched_names_have_pages(tmp_path):
    (tmp_path / "other.html").write_text("<p>other</p>", encoding="utf-8")
    site = WatchSite(tmp_path, {"terms": "terms.yaml"})
    assert site.page("other") is None


def test_a_symlinked_output_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "terms.html").symlink_to(secret)
    page = WatchSite(tmp_path / "out", {"terms": "terms.yaml"}).page("terms")
    assert b"secret" not in page and b"No valid version" in page


def test_a_change_wakes_a_waiting_reload_channel(tmp_path):
    site = WatchSite(tmp_path, {"terms": "terms.yaml"})
    seen = []
    waiter = threading.Thread(target=lambda: seen.append(site.wait_for_change(0, 60)))
    waiter.start()
    site.update("terms", None)
    waiter.join(60)
    assert seen == [1]
