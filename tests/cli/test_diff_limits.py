"""Big comparisons: `diff --max-pages`, `--timeout` over every stage, the terminal stage line."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time

from conftest import MINIMAL_YAML, ROOT

US = ROOT / "samples" / "us-draft.yaml"
COW = ROOT / "samples" / "coalition-draft.yaml"


def _pair(tmp_path):
    """Two small valid versions that differ in their title."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MINIMAL_YAML, encoding="utf-8")
    new.write_text(MINIMAL_YAML.replace("Minimal term sheet", "Minimal term sheet, revised"),
                   encoding="utf-8")
    return old, new


def _refuse_layout(monkeypatch):
    import termsheet.writers.pdf as pdf
    import termsheet.writers.typst_engine as typst_engine

    def no_layout(*_args, **_kwargs):
        raise AssertionError("the PDF was laid out")

    monkeypatch.setattr(pdf, "html_to_pdf", no_layout)
    monkeypatch.setattr(typst_engine, "compile_pdf", no_layout)


# ------------------------------------------------------------------ --max-pages

def test_a_pdf_past_max_pages_is_refused_before_layout(cli, tmp_path, monkeypatch):
    _refuse_layout(monkeypatch)
    out_dir = tmp_path / "out"
    status, out, err = cli("diff", US, COW, "-q", "--to", "json,pdf", "--out-dir", out_dir,
                           "--max-pages", "5")
    assert status == 1 and out == ""
    assert err.startswith("termsheet: the side-by-side PDF would run to about ")
    assert "more than --max-pages 5" in err and "--changes-only" in err
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_with_changes_only_the_advice_is_to_raise_the_limit(cli, tmp_path, monkeypatch):
    _refuse_layout(monkeypatch)
    status, _, err = cli("diff", US, COW, "-q", "--to", "pdf", "--out-dir", tmp_path / "out",
                         "--changes-only", "--max-pages", "1")
    assert status == 1
    assert "raise --max-pages" in err and "--changes-only leaves" not in err


def test_max_pages_does_not_concern_other_formats(cli, tmp_path):
    status, _, err = cli("diff", US, COW, "-q", "--to", "json", "--out-dir", tmp_path,
                         "--max-pages", "1")
    assert status == 0, err
    assert (tmp_path / "us-draft--coalition-draft.json").is_file()


def test_max_pages_must_be_positive(cli):
    status, _, err = cli("diff", US, COW, "--max-pages", "0")
    assert status == 2 and "--max-pages" in err


# ------------------------------------------------------------------ --timeout

def _stuck_layout(monkeypatch, *, swallow: bool) -> list[str]:
    """The PDF layout never ends; with ``swallow`` it eats the alarm (as a library's
    ``except BaseException`` or finaliser may) and returns a PDF anyway."""
    from termsheet.alarms import Deadline
    import termsheet.writers.pdf as pdf

    entered: list[str] = []

    def stuck(*_args, **_kwargs):
        entered.append("layout")
        try:
            while True:
                time.sleep(0.01)
        except Deadline:
            if not swallow:
                raise
        return b"%PDF-1.7 not finished"

    monkeypatch.setattr(pdf, "html_to_pdf", stuck)
    return entered


def test_timeout_stops_the_pdf_layout_and_writes_nothing(cli, tmp_path, monkeypatch):
    entered = _stuck_layout(monkeypatch, swallow=False)
    old, new = _pair(tmp_path)
    out_dir = tmp_path / "out"
    status, out, err = cli("diff", old, new, "-q", "--to", "json,pdf", "--out-dir", out_dir,
                           "--timeout", "3", "--pdf-engine", "weasyprint")
    assert entered == ["layout"]
    assert status == 1 and out == ""
    assert err == "termsheet: the comparison took longer than 3 s and was stopped\n"
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_an_alarm_swallowed_by_a_library_still_stops_the_job(cli, tmp_path, monkeypatch):
    entered = _stuck_layout(monkeypatch, swallow=True)
    old, new = _pair(tmp_path)
    out_dir = tmp_path / "out"
    status, _, err = cli("diff", old, new, "-q", "--to", "json,pdf", "--out-dir", out_dir,
                         "--timeout", "3", "--pdf-engine", "weasyprint")
    assert entered == ["layout"]
    assert status == 1
    assert err == "termsheet: the comparison took longer than 3 s and was stopped\n"
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_timeout_stops_a_typst_layout_that_never_ends(cli, tmp_path, monkeypatch):
    """Typst lays out in a call the alarm cannot interrupt: the job waits on its thread."""
    import threading

    import termsheet.writers.typst_engine as engine

    entered, release = [], threading.Event()

    class StuckCompiler:
        """Lays out until released, deaf to the alarm as a call into Typst is."""

        def compile_with_warnings(self, **_options):
            from termsheet.alarms import Deadline

            entered.append("layout")
            deadline = time.monotonic() + 20
            while not release.is_set() and time.monotonic() < deadline:
                try:
                    release.wait(0.05)
                except Deadline:
                    pass
            entered.append("finished")
            return b"%PDF-1.7 not finished", []

    engine._compiler.cache_clear()
    monkeypatch.setattr(engine, "_compiler", lambda _template: (StuckCompiler(), threading.Lock()))
    monkeypatch.setattr(engine._compiler, "cache_clear", lambda: None, raising=False)
    old, new = _pair(tmp_path)
    out_dir = tmp_path / "out"
    try:
        status, out, err = cli("diff", old, new, "-q", "--to", "json,pdf", "--out-dir", out_dir,
                               "--timeout", "3", "--pdf-engine", "typst")
        assert entered == ["layout"], "the job waited for the layout to end"
    finally:
        release.set()
    assert status == 1 and out == ""
    assert err == "termsheet: the comparison took longer than 3 s and was stopped\n"
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


# ------------------------------------------------------------------ stage line

def _as_terminal(monkeypatch):
    import termsheet.jobs.progress as progress
    monkeypatch.setattr(progress, "is_terminal", lambda _stream: True)


def test_stages_show_on_one_line_on_a_terminal(cli, tmp_path, monkeypatch):
    _as_terminal(monkeypatch)
    old, new = _pair(tmp_path)
    status, out, err = cli("diff", old, new, "--to", "json,md", "--out-dir", tmp_path / "out")
    assert status == 0
    assert "\r" not in out
    stages = err.split("\r\x1b[K")
    assert stages[0] == ""
    assert [stage.split(" ")[0] for stage in stages[1:6]] == [
        "reading", "building", "pairing", "writing", "writing"]
    assert stages[3].startswith("pairing and comparing ")
    assert stages[4] == "writing old--new.json…"
    assert stages[6] == "publishing the files…"
    assert stages[7].startswith("wrote ")  # the line was erased before the messages


def test_no_stage_line_when_quiet_or_machine_readable(cli, tmp_path, monkeypatch):
    _as_terminal(monkeypatch)
    old, new = _pair(tmp_path)
    for options in (["-q"], ["--format", "json"]):
        status, _, err = cli("diff", old, new, *options, "--to", "md",
                             "--out-dir", tmp_path / "out", "--timeout", "60")
        assert status == 0
        assert "\r" not in err and "\x1b" not in err


def test_no_stage_line_off_a_terminal(cli, tmp_path):
    old, new = _pair(tmp_path)
    status, _, err = cli("diff", old, new, "--to", "md", "--out-dir", tmp_path / "out")
    assert status == 0
    assert "\r" not in err and "\x1b" not in err


def test_stage_line_on_a_real_pseudo_terminal(tmp_path):
    old, new = _pair(tmp_path)
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "termsheet", "diff", str(old), str(new), "--to", "md",
             "--out-dir", str(tmp_path / "out")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, timeout=120, check=False)
        os.close(follower)
        follower = None
        shown = _read_all(leader)
    finally:
        if follower is not None:
            os.close(follower)
        os.close(leader)
    assert process.returncode == 0
    assert b"\r\x1b[Kpairing and comparing " in shown
    last_stage, message = shown.rsplit(b"\r\x1b[K", 1)
    assert last_stage.endswith("publishing the files…".encode())
    assert message.startswith(b"wrote ") and message.endswith(b"old--new.md\r\n")
    assert b"\r" not in process.stdout


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)

