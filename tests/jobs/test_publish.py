"""Publishing rendered files (docs/threats.md, cases 30-33, 41-43, 47, 48 and 27).

Render in memory, stage each file beside its target, then ``os.replace``; a file's
formats are published together or not at all; an output path that is an input, a
folder or a symlink is refused before anything is rendered; an existing output is
replaced only by a complete, successful render — and a failure half-way through
publishing leaves the earlier files and no temporary files behind.

Most tests render Markdown and HTML only (fast); where a PDF is needed its writer is
replaced by a stub, and ``--jobs 1`` keeps the render in this process so that
monkeypatching reaches it.
"""

from __future__ import annotations

import errno
import os
import signal
import time
from pathlib import Path

import pytest

from conftest import MINIMAL_YAML, ROOT
from termsheet.errors import OutputError, RenderError
from termsheet.jobs.publish import publish
from termsheet.jobs.render_cache import RECORD_SUFFIX, record_name

US = ROOT / "samples" / "us-draft.yaml"
MINIMAL = ROOT / "samples" / "minimal.yaml"
FAKE_PDF = b"%PDF-1.7\n% stub written by test_publish\n%%EOF\n"


# ------------------------------------------------------------------ helpers

def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry of ``folder`` (hidden ones too): name → (bytes, mtime_ns)."""
    if not folder.exists():
        return {}
    result = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink():
            result[entry.name] = (b"-> " + os.readlink(entry).encode(), 0)
        elif entry.is_dir():
            result[entry.name + "/"] = (b"", 0)
        else:
            result[entry.name] = (entry.read_bytes(), entry.stat().st_mtime_ns)
    return result


def leftovers(folder: Path) -> list[str]:
    """Temporary or backup files a publication may leave behind (it must leave none); the
    render cache's records are published files, not leftovers."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith(".") and not p.name.endswith(RECORD_SUFFIX))


def term_file(folder: Path, name: str = "sheet.yaml", *, title: str = "Minimal term sheet",
              doc_id: str = "minimal-case") -> Path:
    path = folder / name
    text = MINIMAL_YAML.replace('title: "Minimal term sheet"', f'title: "{title}"')
    path.write_text(text.replace("doc_id: minimal-case", f"doc_id: {doc_id}"), encoding="utf-8")
    return path


@pytest.fixture
def no_build(monkeypatch):
    """Record every document build: a refused output must be refused before rendering."""
    import termsheet.jobs.render

    calls = []
    real = termsheet.jobs.render.build_document

    def spy(*args, **kwargs):
        calls.append(kwargs.get("source_file"))
        return real(*args, **kwargs)

    monkeypatch.setattr(termsheet.jobs.render, "build_document", spy)
    return calls


@pytest.fixture
def stub_pdf(monkeypatch):
    """A PDF writer that returns fixed bytes at once, and fails for the doc ids in ``fail``."""
    import termsheet.writers.pdf

    fail: set[str] = set()
    calls: list[str] = []

    def write_pdf(document, **_kwargs):
        calls.append(document.info.doc_id)
        if document.info.doc_id in fail:
            raise RenderError("stub: the PDF could not be laid out", code="render-warning")
        return FAKE_PDF

    monkeypatch.setattr(termsheet.writers.pdf, "write_pdf", write_pdf)
    write_pdf.fail = fail
    write_pdf.calls = calls
    return write_pdf


# ------------------------------------------------- case 32: refused output paths

def test_output_equal_to_an_input_is_refused_before_rendering(cli, tmp_path, no_build):
    # A term file may have any name when it is given explicitly: `sheet.md` would be
    # overwritten by its own Markdown rendering in the same folder.
    source = term_file(tmp_path, "sheet.md")
    before = source.read_bytes()
    status, out, err = cli("render", source, "--to", "html,md", "--out-dir", tmp_path)
    assert status == 2
    assert "is one of the input files" in out + err
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.md"]  # no sheet.html either
    assert no_build == []


def test_output_equal_to_another_input_of_the_batch_is_refused(cli, tmp_path, no_build):
    term_file(tmp_path, "a.yaml", doc_id="case-a")
    other = term_file(tmp_path, "b.md", doc_id="case-b")
    # `a.yaml` renders to a.md: harmless. `b.md` renders to b.md: its own input.
    before = other.read_bytes()
    status, out, err = cli("render", tmp_path / "a.yaml", other, "--to", "md",
                           "--out-dir", tmp_path, "--jobs", "1")
    assert status == 2
    assert other.read_bytes() == before
    assert (tmp_path / "a.md").is_file()  # the other file of the batch was still rendered
    assert len(no_build) == 1


def test_output_path_that_is_a_folder_is_refused(cli, tmp_path, no_build):
    out_dir = tmp_path / "out"
    (out_dir / "minimal.html").mkdir(parents=True)
    (out_dir / "minimal.html" / "keep.txt").write_text("mine")
    status, out, err = cli("render", MINIMAL, "--to", "md,html", "--out-dir", out_dir)
    assert status == 2
    assert "is a folder" in out + err
    assert (out_dir / "minimal.html" / "keep.txt").read_text() == "mine"
    assert not (out_dir / "minimal.md").exists()
    assert no_build == []


def test_output_path_that_is_a_symlink_is_refused(cli, tmp_path, no_build):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite")
    (out_dir / "minimal.md").symlink_to(victim)
    status, out, err = cli("render", MINIMAL, "--to", "html,md", "--out-dir", out_dir)
    assert status == 2
    assert "symbolic link" in out + err
    assert victim.read_text() == "do not overwrite"
    assert os.readlink(out_dir / "minimal.md") == str(victim)
    assert not (out_dir / "minimal.html").exists()
    assert no_build == []


def test_a_dangling_symlink_is_refused_too(cli, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "minimal.md").symlink_to(tmp_path / "created-through-the-link.md")
    status, _, _ = cli("render", MINIMAL, "--to", "md", "--out-dir", out_dir)
    assert status == 2
    assert not (tmp_path / "created-through-the-link.md").exists()


def test_out_dir_that_is_a_symlink_is_refused(cli, tmp_path, no_build):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "out").symlink_to(real, target_is_directory=True)
    status, out, err = cli("render", MINIMAL, "--to", "md", "--out-dir", tmp_path / "out")
    assert status == 2
    assert "symbolic link" in out + err
    assert list(real.iterdir()) == []
    assert no_build == []


def test_out_dir_that_is_a_file_is_refused(cli, tmp_path):
    out = tmp_path / "out"
    out.write_text("a file")
    status, out_text, err = cli("render", MINIMAL, "--to", "md", "--out-dir", out)
    assert status == 2
    assert out.read_text() == "a file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --------------------------------------- case 30: interrupted writes leave no trace

@pytest.fixture
def earlier(cli, tmp_path):
    """An output folder holding an earlier good set for the minimal sample (md, html)."""
    out_dir = tmp_path / "out"
    status, _, _ = cli("render", MINIMAL, "--to", "md,html", "--out-dir", out_dir)
    assert status == 0
    old = snapshot(out_dir)
    assert sorted(old) == [record_name("minimal"), "minimal.html", "minimal.md"]
    time.sleep(0.01)  # a rewrite would show in mtime_ns
    return out_dir, old


def failing_on(real, *, call: int, error: BaseException):
    """Wrap ``real`` so that its ``call``-th call raises ``error``."""
    count = {"n": 0}

    def wrapper(*args, **kwargs):
        count["n"] += 1
        if count["n"] == call:
            raise error
        return real(*args, **kwargs)

    wrapper.count = count
    return wrapper


def test_disk_full_while_staging_keeps_the_earlier_files(cli, earlier, monkeypatch):
    out_dir, old = earlier
    monkeypatch.setattr(os, "fsync", failing_on(os.fsync, call=2,
                                                error=OSError(errno.ENOSPC, "No space left on device")))
    status, out, err = cli("render", MINIMAL, "--to", "md,html", "--out-dir", out_dir,
                           "--force")  # the outputs are current: render them again
    assert status == 2
    assert "No space left on device" in out + err
    assert snapshot(out_dir) == old
    assert leftovers(out_dir) == []


def test_failing_replace_half_way_puts_the_earlier_files_back(cli, earlier, monkeypatch):
    out_dir, old = earlier
    monkeypatch.setattr(os, "replace", failing_on(os.replace, call=2,
                                                  error=OSError(errno.EIO, "Input/output error")))
    status, out, err = cli("render", MINIMAL, "--to", "md,html", "--out-dir", out_dir,
                           "--force")  # the outputs are current: render them again
    assert status == 2
    assert snapshot(out_dir) == old  # the first file had been replaced: it is back
    assert leftovers(out_dir) == []


def test_interrupt_half_way_through_publishing_puts_the_earlier_files_back(cli, earlier,
                                                                           monkeypatch):
    out_dir, old = earlier
    monkeypatch.setattr(os, "replace", failing_on(os.replace, call=2, error=KeyboardInterrupt()))
    status, _, err = cli("render", MINIMAL, "--to", "md,html", "--out-dir", out_dir,
                           "--force")  # the outputs are current: render them again
    assert status == 130
    assert "Traceback" not in err
    assert snapshot(out_dir) == old
    assert leftovers(out_dir) == []


def test_writer_failing_midway_keeps_the_earlier_files(cli, earlier, monkeypatch):
    import termsheet.writers.html

    out_dir, old = earlier

    def broken(*_args, **_kwargs):
        raise RenderError("stub: the page template failed", code="template-error")

    monkeypatch.setattr(termsheet.writers.html, "write_html", broken)
    status, out, err = cli("render", MINIMAL, "--to", "md,html", "--out-dir", out_dir,
                           "--force")  # the outputs are current: render them again
    assert status == 1
    assert "template-error" in out
    assert snapshot(out_dir) == old
    assert leftovers(out_dir) == []


def test_a_bug_in_a_writer_is_an_internal_error_of_that_file_only(cli, tmp_path, monkeypatch):
    import termsheet.writers.markdown

    real = termsheet.writers.markdown.write_markdown

    def buggy(document):
        if document.info.doc_id == "minimal-example":
            raise KeyError("stub bug")
        return real(document)

    monkeypatch.setattr(termsheet.writers.markdown, "write_markdown", buggy)
    out_dir = tmp_path / "out"
    status, out, err = cli("render", MINIMAL, term_file(tmp_path), "--to", "md",
                           "--out-dir", out_dir, "--jobs", "1")
    assert status == 2
    assert "internal-error" in out and "KeyError" in out
    assert "Traceback" not in out + err
    assert sorted(p.name for p in out_dir.iterdir()) == [record_name("sheet"), "sheet.md"]


# ----------------------------------------------- case 31: all formats of a file, or none

def test_batch_publishes_all_formats_of_a_file_or_none(cli, tmp_path, stub_pdf):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    # An earlier good set of the US draft, which must survive its failed re-render.
    for suffix in (".docx", ".pdf", ".html", ".md"):
        (out_dir / f"us-draft{suffix}").write_bytes(b"earlier good " + suffix.encode())
    old = snapshot(out_dir)
    stub_pdf.fail.add("us-security-protocols")
    time.sleep(0.01)

    status, out, err = cli("render", MINIMAL, US, "--to", "docx,pdf,html,md",
                           "--out-dir", out_dir, "--jobs", "1")
    assert status == 1
    assert "us-draft.yaml" in out and "stub: the PDF could not be laid out" in out
    now = snapshot(out_dir)
    assert {name: now[name] for name in old} == old  # untouched, not even rewritten
    assert sorted(set(now) - set(old)) == [record_name("minimal"), "minimal.docx",
                                           "minimal.html", "minimal.md", "minimal.pdf"]
    assert (out_dir / "minimal.pdf").read_bytes() == FAKE_PDF
    assert leftovers(out_dir) == []
    assert stub_pdf.calls == ["minimal-example", "us-security-protocols"]


def test_batch_without_earlier_files_writes_nothing_for_the_failed_file(cli, tmp_path, stub_pdf):
    out_dir = tmp_path / "out"
    stub_pdf.fail.add("minimal-example")
    status, _, _ = cli("render", MINIMAL, term_file(tmp_path), "--to", "docx,html,md,pdf",
                       "--out-dir", out_dir, "--jobs", "1")
    assert status == 1
    assert sorted(p.name for p in out_dir.iterdir()) == [record_name("sheet"), "sheet.docx",
                                                        "sheet.html", "sheet.md", "sheet.pdf"]


# --------------------------------- case 33: replaced only by a successful render

def test_existing_file_is_replaced_only_by_a_successful_render(cli, tmp_path):
    out_dir = tmp_path / "out"
    source = term_file(tmp_path, title="First title")
    assert cli("render", source, "--to", "md,html", "--out-dir", out_dir)[0] == 0
    first = snapshot(out_dir)
    assert b"First title" in first["sheet.md"][0]

    # An invalid version: reported, not rendered, earlier outputs untouched.
    source.write_text(source.read_text().replace("beneficiary: ua", "beneficiary: ua\nbogus: 1"))
    status, out, _ = cli("render", source, "--to", "md,html", "--out-dir", out_dir)
    assert status == 1 and "extra_forbidden" in out
    assert snapshot(out_dir) == first

    # A valid new version replaces both.
    term_file(tmp_path, title="Second title")
    assert cli("render", source, "--to", "md,html", "--out-dir", out_dir)[0] == 0
    second = snapshot(out_dir)
    assert sorted(second) == sorted(first)
    assert b"Second title" in second["sheet.md"][0] and b"Second title" in second["sheet.html"][0]
    assert leftovers(out_dir) == []


# ------------------------------------------------------ case 27: time limit, one process

@pytest.mark.slow
def test_runaway_layout_is_stopped_in_a_single_process_run(cli, tmp_path, monkeypatch):
    """`--timeout` also bounds a render without a worker pool (one file or --jobs 1)."""
    import weasyprint

    def endless(self, *args, **kwargs):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.05)
        raise AssertionError("the time limit did not stop the layout")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", endless)
    out_dir = tmp_path / "out"
    started = time.monotonic()
    status, out, _ = cli("render", MINIMAL, "--to", "md,pdf", "--out-dir", out_dir, "--timeout", "1",
                         "--pdf-engine", "weasyprint")
    assert time.monotonic() - started < 30
    assert status == 1
    assert "render-timeout" in out
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_malformed_source_date_epoch_is_a_configuration_error(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    status, _, err = cli("render", MINIMAL, "--to", "md,docx", "--out-dir", tmp_path / "out")
    assert status == 2
    assert "SOURCE_DATE_EPOCH" in err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------ publish() on its own

def test_publish_writes_every_file_with_plain_permissions(tmp_path):
    files = {tmp_path / "a.md": b"a", tmp_path / "b.html": b"b"}
    assert publish(files) == list(files)
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert oct((tmp_path / "b.html").stat().st_mode & 0o777) == "0o644"
    assert leftovers(tmp_path) == []


def test_publish_rolls_back_new_and_replaced_files(tmp_path, monkeypatch):
    (tmp_path / "b.html").write_bytes(b"old b")
    files = {tmp_path / "a.md": b"new a", tmp_path / "b.html": b"new b", tmp_path / "c.pdf": b"c"}
    monkeypatch.setattr(os, "replace", failing_on(os.replace, call=3,
                                                  error=OSError(errno.EIO, "I/O error")))
    with pytest.raises(OutputError) as caught:
        publish(files)
    assert "c.pdf" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html"]  # a.md did not exist before
    assert (tmp_path / "b.html").read_bytes() == b"old b"


def test_publish_keeps_a_copy_where_hard_links_are_not_supported(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_bytes(b"old a")
    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(
        OSError(errno.EPERM, "Operation not permitted")))
    monkeypatch.setattr(os, "replace", failing_on(os.replace, call=2,
                                                  error=OSError(errno.EIO, "I/O error")))
    with pytest.raises(OutputError):
        publish({tmp_path / "a.md": b"new a", tmp_path / "b.md": b"new b"})
    assert (tmp_path / "a.md").read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


# ------------------------------- case 41: the output folder swapped while rendering

def swap_for_a_symlink(out_dir: Path, elsewhere: Path) -> Path:
    """Move ``out_dir`` aside, put a symbolic link to ``elsewhere`` in its place; returns
    where the folder that was checked is now."""
    checked = out_dir.with_name(out_dir.name + "-checked")
    out_dir.rename(checked)
    out_dir.symlink_to(elsewhere, target_is_directory=True)
    return checked


def test_out_dir_swapped_for_a_symlink_while_rendering_is_refused(cli, tmp_path, monkeypatch):
    import termsheet.jobs.render

    out_dir, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    real_build = termsheet.jobs.render.build_document
    checked = []

    def swap_then_build(*args, **kwargs):  # after the folder was checked, before publishing
        checked.append(swap_for_a_symlink(out_dir, elsewhere))
        return real_build(*args, **kwargs)

    monkeypatch.setattr(termsheet.jobs.render, "build_document", swap_then_build)
    status, out, err = cli("render", MINIMAL, "--to", "md,html", "--out-dir", out_dir)
    assert status == 2
    assert "the output folder was moved or replaced while rendering" in out + err
    assert list(elsewhere.iterdir()) == []
    assert list(checked[0].iterdir()) == []


def test_out_dir_swapped_while_publishing_still_gets_every_file(tmp_path, monkeypatch):
    from termsheet.jobs.publish import prepare_out_dir

    out_dir, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    real_replace = os.replace
    checked = []

    def swap_then_replace(*args, **kwargs):  # after publishing's own check
        if not checked:
            checked.append(swap_for_a_symlink(out_dir, elsewhere))
        return real_replace(*args, **kwargs)

    with prepare_out_dir(out_dir) as folder:
        monkeypatch.setattr(os, "replace", swap_then_replace)
        publish({out_dir / "a.md": b"a", out_dir / "b.html": b"b"}, folder)
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in checked[0].iterdir()) == ["a.md", "b.html"]


# ----------------------------------------------- cases 42 and 43: names of the outputs

@pytest.mark.parametrize("command", [("render", MINIMAL, "--to", "md"),
                                     ("diff", MINIMAL, US, "--to", "md")])
def test_an_empty_out_dir_is_a_usage_error(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(*command, "--out-dir", "")
    assert status == 2
    assert "--out-dir" in err and "empty" in err
    assert list(tmp_path.iterdir()) == []


def test_a_250_character_file_name_is_published(cli, tmp_path):
    stem = "x" * 245
    source = term_file(tmp_path, f"{stem}.yaml")
    status, out, err = cli("render", source, "--to", "md,html", "--out-dir", tmp_path / "out")
    assert status == 0, out + err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{stem}.html", f"{stem}.md"]


def test_an_output_name_longer_than_file_systems_allow_is_refused_before_rendering(
        cli, tmp_path, no_build):
    source = term_file(tmp_path, "x" * 251 + ".y")  # x….md fits in 255 bytes, x….html does not
    status, out, err = cli("render", source, "--to", "md,html", "--out-dir", tmp_path / "out")
    assert status == 2
    assert "the file name is longer than 255 bytes" in out + err
    assert no_build == []
    assert list((tmp_path / "out").iterdir()) == []


# ------------------------ cases 47 and 48: interrupted at any step of publishing

PUBLISHING_CALLS = ("open", "stat", "fsync", "link", "replace")
"""The system calls a publication makes; the tests below stop it after each in turn."""

EARLIER = {"a.md": b"earlier a", "b.html": b"earlier b"}
NEW = {"a.md": b"new a", "b.html": b"new b", "c.pdf": b"new c"}


def after_each_call(monkeypatch, at: int, act) -> dict[str, int]:
    """Make ``act()`` happen just after the ``at``-th publishing call; returns the count."""
    count = {"n": 0}
    for name in PUBLISHING_CALLS:
        def wrapper(*args, _real=getattr(os, name), **kwargs):
            result = _real(*args, **kwargs)
            count["n"] += 1
            if count["n"] == at:
                act()
            return result
        monkeypatch.setattr(os, name, wrapper)
    return count


def folder_with_earlier_files(folder: Path) -> Path:
    folder.mkdir()
    for name, content in EARLIER.items():
        (folder / name).write_bytes(content)
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def publishing_steps(folder: Path, monkeypatch) -> int:
    count = after_each_call(monkeypatch, 0, lambda: None)
    publish({folder / name: content for name, content in NEW.items()})
    monkeypatch.undo()
    return count["n"]


def test_an_exception_at_any_step_of_publishing_leaves_the_earlier_files_only(tmp_path,
                                                                               monkeypatch):
    """As the time limit's alarm does: an exception just after any call of the publication."""
    from termsheet.alarms import Deadline

    steps = publishing_steps(folder_with_earlier_files(tmp_path / "count"), monkeypatch)
    assert steps >= 10
    for at in range(1, steps + 1):
        folder = folder_with_earlier_files(tmp_path / f"at-{at}")
        before = snapshot(folder)
        after_each_call(monkeypatch, at, lambda: (_ for _ in ()).throw(Deadline()))
        with pytest.raises(Deadline):
            publish({folder / name: content for name, content in NEW.items()})
        monkeypatch.undo()
        assert (at, snapshot(folder)) == (at, before)
        assert (at, leftovers(folder)) == (at, [])


def test_a_signal_at_any_step_of_publishing_acts_once_it_is_complete(tmp_path, monkeypatch):
    from termsheet.jobs.interrupts import Terminated, stop_on_signals

    steps = publishing_steps(folder_with_earlier_files(tmp_path / "count"), monkeypatch)
    outcomes = []
    for at in range(1, steps + 1):
        folder = folder_with_earlier_files(tmp_path / f"at-{at}")
        received: list[int] = []
        with pytest.raises(Terminated), stop_on_signals(received):
            after_each_call(monkeypatch, at, lambda: os.kill(os.getpid(), signal.SIGTERM))
            try:
                publish({folder / name: content for name, content in NEW.items()})
            finally:
                monkeypatch.undo()
        assert received == [signal.SIGTERM]
        assert (at, leftovers(folder)) == (at, [])
        outcomes.append("new" if contents(folder) == NEW else
                        "earlier" if contents(folder) == EARLIER else f"mixed at {at}")
    # Only a signal before the publication began (opening the folder) stops it.
    assert outcomes == ["earlier"] * outcomes.count("earlier") + ["new"] * outcomes.count("new")
    assert outcomes.count("new") >= steps - 2


def test_a_signal_while_the_handlers_are_swapped_is_held_too(monkeypatch):
    from termsheet.jobs.interrupts import Terminated, deferred, stop_on_signals

    real_signal = signal.signal
    swaps = []

    def swap_then_signal(signum, handler):
        previous = real_signal(signum, handler)
        swaps.append(signum)
        if len(swaps) == 1:  # one of the two handlers is swapped, the other not yet
            os.kill(os.getpid(), signal.SIGTERM)
        return previous

    done = []
    received: list[int] = []
    with pytest.raises(Terminated), stop_on_signals(received):
        monkeypatch.setattr(signal, "signal", swap_then_signal)
        try:
            with deferred():
                done.append("the block ran")
        finally:
            monkeypatch.undo()
    assert done == ["the block ran"]
    assert received == [signal.SIGTERM]
