"""``termsheet watch`` as a drafter runs it: a real process, real file notifications, saves
made as editors make them (a new file renamed over the old one), then Ctrl-C or SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from termsheet.resources import data_dir

WAIT_SECONDS = 90  # a bound for a slow machine, not a measure: every wait polls
POLL_SECONDS = 0.05


def wait_for(condition, what: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"watch ended (status {process.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {WAIT_SECONDS} s")
        time.sleep(POLL_SECONDS)


def save(path: Path, text: str) -> None:
    """Save as most editors do: write a new file, rename it over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


class Watching:
    """``termsheet watch minimal.yaml --to html --out-dir out`` in ``folder``, its own
    process group (as a terminal's job), stdout and stderr in files."""

    def __init__(self, folder: Path, *args: str):
        self.folder = folder
        self.term_file = folder / "minimal.yaml"
        self.term_file.write_bytes((data_dir("samples") / "minimal.yaml").read_bytes())
        self.html = folder / "out" / "minimal.html"
        self.stdout, self.stderr = folder / "stdout.txt", folder / "stderr.txt"
        with self.stdout.open("wb") as out, self.stderr.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "termsheet", "watch", "minimal.yaml", "--to", "html",
                 "--out-dir", "out", "--debounce", "50", *args],
                cwd=folder, stdout=out, stderr=err, start_new_session=True,
                env={**os.environ, "NO_COLOR": "1"})

    def wait_for(self, condition, what: str) -> None:
        wait_for(condition, what, self.process)

    def stop(self, signum: int) -> int:
        os.killpg(self.process.pid, signum)
        try:
            return self.process.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            pytest.fail(f"watch still running {WAIT_SECONDS} s after signal {signum}")

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def watching(tmp_path):
    started = []

    def start(*args: str) -> Watching:
        started.append(Watching(tmp_path, *args))
        return started[-1]

    yield start
    for process in started:
        process.close()


def test_a_save_renders_again_and_a_breaking_one_is_reported(watching):
    run = watching()
    original = run.term_file.read_text(encoding="utf-8")
    run.wait_for(lambda: "Minimal Term Sheet" in read(run.html), "first render")

    save(run.term_file, original.replace("Minimal Term Sheet", "Renamed Sheet"))
    run.wait_for(lambda: "Renamed Sheet" in read(run.html), "render of the saved file")

    broken = original.replace("Minimal Term Sheet", "Broken Sheet").replace(
        "status: concept", "status: conceptt")
    save(run.term_file, broken)
    line = broken.splitlines().index("  status: conceptt") + 1
    where = f"minimal.yaml:{line}:11: error[literal_error]"
    run.wait_for(lambda: where in read(run.stdout), "diagnostic of the breaking save")
    assert "Renamed Sheet" in read(run.html)  # the last good output stays

    save(run.term_file, original.replace("Minimal Term Sheet", "Fixed Sheet"))
    run.wait_for(lambda: "Fixed Sheet" in read(run.html), "render of the fixed file")

    assert run.stop(signal.SIGINT) == 130
    err = read(run.stderr)
    assert "interrupted" in err and "Traceback" not in err
    assert sorted(path.name for path in run.html.parent.iterdir()
                  if not path.name.startswith(".")) == ["minimal.html"]


def test_sigterm_ends_the_watch_with_143(watching):
    run = watching()
    run.wait_for(run.html.exists, "first render")
    assert run.stop(signal.SIGTERM) == 143
    err = read(run.stderr)
    assert "terminated" in err and "Traceback" not in err


def test_serve_needs_html(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("minimal.yaml").write_bytes((data_dir("samples") / "minimal.yaml").read_bytes())
    status, _out, err = cli("watch", "minimal.yaml", "--to", "pdf", "--out-dir", "out", "--serve")
    assert status == 2 and "--serve shows the HTML pages" in err
    assert not Path("out").exists()


def test_a_port_in_use_is_a_usage_error(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("minimal.yaml").write_bytes((data_dir("samples") / "minimal.yaml").read_bytes())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, _out, err = cli("watch", "minimal.yaml", "--to", "html", "--out-dir", "out",
                                "--serve", "--port", port)
    assert status == 2
    assert f"--port {port}: cannot listen on 127.0.0.1" in err
    assert not Path("out").exists()


def test_two_files_with_one_name_are_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("a", "b"):
        Path(folder).mkdir()
        (Path(folder) / "terms.yaml").write_bytes(
            (data_dir("samples") / "minimal.yaml").read_bytes())
    status, _out, err = cli("watch", "a/terms.yaml", "b/terms.yaml", "--out-dir", "out")
    assert status == 2
    assert "a/terms.yaml and b/terms.yaml would write the same output files" in err
