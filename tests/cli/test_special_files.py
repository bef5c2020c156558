"""Paths that are not regular files (docs/threats.md, cases 45 and 46).

A FIFO, a device, a folder, a symbolic link that leads back to itself or a file
that cannot be opened is refused before anything is read from it: a file-access
error (exit status 2) naming the path and saying what it is, while every other
file of the run is still validated or rendered. Standard input (``-``) and the
pipes a shell passes as ``/dev/fd/N`` are still read.

A regression would block on a FIFO: the commands run in a separate process with a
time limit, and the tests in this process under an alarm (:func:`hang_guard`), so
that it shows as a failure instead of a test run that never ends.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_YAML, ROOT, output_names
from termsheet.source.load import load_file

HANG_GUARD = 120  # seconds; the refusal itself is immediate


def run_termsheet(*args, cwd: Path) -> tuple[int, str, str]:
    """``termsheet ARGS`` in a new process group, all of it killed if it blocks."""
    process = subprocess.Popen([sys.executable, "-m", "termsheet", *map(str, args)], cwd=cwd,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the workers of a pool too
        process.communicate()
        pytest.fail(f"termsheet {' '.join(map(str, args))} blocked")
    return process.returncode, out, err


class Blocked(Exception):
    """The test blocked on a FIFO."""


@pytest.fixture(autouse=True)
def hang_guard():
    """Interrupt a test blocked on a FIFO after HANG_GUARD seconds (POSIX alarm)."""
    def ring(_signum, _frame):
        raise Blocked  # not an OSError, which the code under test may catch

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(HANG_GUARD)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder with a valid term file, a FIFO and a symlink loop, all named *.yaml."""
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "good.yaml").write_text(MINIMAL_YAML, encoding="utf-8")
    os.mkfifo(terms / "fifo.yaml")
    (terms / "loop.yaml").symlink_to("loop.yaml")
    return terms


# ------------------------------------------------- case 45: not a regular file

@pytest.mark.parametrize("make, code, reason", [
    (lambda p: os.mkfifo(p), "file-unreadable", "not a regular file (a FIFO); not read"),
    (lambda p: p.symlink_to("/dev/zero"), "file-unreadable",
     "not a regular file (a character device); not read"),
    (lambda p: p.symlink_to(p.name), "file-unreadable",
     "symlink loop (a symbolic link leads back to itself)"),
    (lambda p: p.mkdir(), "file-unreadable", "is a folder, not a file"),
    (lambda p: None, "file-not-found", "no such file"),
])
def test_what_is_not_a_regular_file_is_refused_with_its_kind(tmp_path, make, code, reason):
    path = tmp_path / "terms.yaml"
    make(path)
    from termsheet.source.reading import access_problem

    document = load_file(path)
    assert [(p.code, p.message) for p in document.problems] == [(code, reason)]
    assert access_problem(path).reason == reason


def test_a_file_that_cannot_be_opened_says_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "terms.yaml"
    path.write_text(MINIMAL_YAML, encoding="utf-8")
    real_open = os.open

    def denied(target, *args, **kwargs):
        if os.fspath(target) == os.fspath(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert [(p.code, p.message) for p in load_file(path).problems] == [
        ("file-unreadable", "permission denied")]


def test_a_device_is_refused_unread(monkeypatch):
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda target, *a, **k: opened.append(target)
                        or real_open(target, *a, **k))
    assert load_file("/dev/zero").problems[0].message == (
        "not a regular file (a character device); not read")
    assert opened == []


def test_a_fifo_term_file_is_refused_by_validate_render_and_diff(folder, tmp_path):
    fifo = folder / "fifo.yaml"
    good = folder / "good.yaml"
    for args in (("validate", fifo), ("render", fifo, "--to", "md", "--out-dir", tmp_path / "o"),
                 ("diff", fifo, good), ("diff", good, fifo)):
        status, out, err = run_termsheet(*args, cwd=tmp_path)
        assert status == 2, (args, err)
        assert "not a regular file (a FIFO)" in out + err
        assert "terms/fifo.yaml" in out + err


def test_a_fifo_in_a_parallel_render_is_a_file_access_error_not_a_timeout(folder, tmp_path):
    status, out, err = run_termsheet("render", folder, "--to", "md", "--out-dir", tmp_path / "out",
                                     "--jobs", "2", "--timeout", "30", "--format", "json",
                                     cwd=tmp_path)
    assert status == 2, err
    codes = {d["file"]: d["code"] for d in json.loads(out)["diagnostics"]}
    assert codes == {"terms/fifo.yaml": "file-unreadable", "terms/loop.yaml": "file-unreadable"}
    assert output_names(tmp_path / "out") == ["good.md"]


def test_a_fifo_given_as_settings_file_is_refused(cli, tmp_path):
    os.mkfifo(tmp_path / "settings.toml")
    (tmp_path / "good.yaml").write_text(MINIMAL_YAML, encoding="utf-8")
    status, _, err = cli("validate", tmp_path / "good.yaml", "--config", tmp_path / "settings.toml")
    assert status == 2
    assert "settings.toml: not a regular file (a FIFO); not read" in err


def test_only_term_files_does_not_open_a_fifo(cli, folder):
    status, out, _ = cli("validate", "--only-term-files", folder / "fifo.yaml")
    assert status == 2 and "not a regular file (a FIFO)" in out


@pytest.mark.parametrize("side, reason", [
    ("/dev/zero", "not a regular file (a character device); not read"),
    ("loop.yaml", "symlink loop (a symbolic link leads back to itself)"),
    ("fifo.yaml", "not a regular file (a FIFO); not read"),
    ("missing.yaml", "no such file"),
])
def test_a_diff_side_that_is_not_a_regular_file_names_what_it_is(cli, folder, side, reason):
    path = side if side.startswith("/") else folder / side
    for old, new in ((path, folder / "good.yaml"), (folder / "good.yaml", path)):
        status, out, err = cli("diff", old, new)
        assert (status, out) == (2, "")
        assert err == f"termsheet: {path}: {reason}\n"


def test_standard_input_is_still_read(cli, stdin):
    stdin(MINIMAL_YAML.encode())
    status, out, _ = cli("validate", "-")
    assert status == 0, out


# ---------------------------------------------- case 46: a symlink loop in a folder

def test_a_symlink_loop_in_a_folder_is_one_files_error(cli, folder):
    os.unlink(folder / "fifo.yaml")
    status, out, err = cli("validate", folder, "--format", "json")
    assert status == 2
    assert "internal error" not in out + err
    report = json.loads(out)
    assert {Path(f["path"]).name: f["status"] for f in report["files"]} == {
        "good.yaml": "ok", "loop.yaml": "error"}
    assert [(d["code"], d["message"]) for d in report["diagnostics"]] == [
        ("file-unreadable", "symlink loop (a symbolic link leads back to itself)")]


def test_render_of_a_folder_with_a_symlink_loop_renders_the_other_files(cli, folder, tmp_path):
    os.unlink(folder / "fifo.yaml")
    status, out, err = cli("render", folder, "--to", "md", "--out-dir", tmp_path / "out",
                           "--jobs", "1")
    assert status == 2
    assert "internal error" not in out + err
    assert "loop.yaml: error[file-unreadable] symlink loop" in out
    assert output_names(tmp_path / "out") == ["good.md"]
