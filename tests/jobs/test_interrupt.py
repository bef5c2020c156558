"""Ctrl-C at random moments of a parallel folder render.

Each trial starts ``termsheet render FOLDER --jobs 2`` in its own process group,
sends SIGINT to the whole group (as a terminal does) after a random delay —
from interpreter start-up through worker start-up to the last PDF — and checks
what a user would find: exit status 130 within seconds, no traceback, and an
output folder holding only complete documents, every format of a term sheet
or none of them.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from termsheet.resources import data_dir
from termsheet.jobs.render_cache import RECORD_SUFFIX, record_name

pytestmark = pytest.mark.slow

TRIALS = 20
FORMATS = (".pdf", ".docx", ".html", ".md")
EXIT_TIMEOUT = 60  # seconds; a hang fails the trial long before CI's limit
GROUP_GONE_TIMEOUT = 10


def sample_folder(folder: Path, copies: int = 2) -> Path:
    """Several copies of every bundled sample, so a render lasts several seconds."""
    folder.mkdir()
    for sample in sorted(data_dir("samples").glob("*.yaml")):
        for copy in range(1, copies + 1):
            (folder / f"{sample.stem}-{copy}.yaml").write_bytes(sample.read_bytes())
    return folder


def interrupt_render(source: Path, out_dir: Path, delay: float) -> tuple[int | None, str]:
    """Run a folder render, SIGINT its process group after ``delay`` seconds.

    Returns (exit status, stderr); the status is None when the render ended
    before the signal could be sent.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "termsheet", "render", str(source),
         "--out-dir", str(out_dir), "--jobs", "2", "-q"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(delay)
    if process.poll() is not None:
        process.stderr.read()
        return None, ""
    os.killpg(process.pid, signal.SIGINT)
    try:
        _, err = process.communicate(timeout=EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"render still running {EXIT_TIMEOUT} s after Ctrl-C (delay {delay:.2f} s)")
    assert_group_gone(process.pid)
    return process.returncode, err.decode("utf-8", "replace")


def assert_group_gone(pgid: int) -> None:
    """No worker of the interrupted render outlives it."""
    deadline = time.monotonic() + GROUP_GONE_TIMEOUT
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(pgid, signal.SIGKILL)
    pytest.fail("a worker process outlived the interrupted render")


def assert_nothing_half_written(out_dir: Path) -> None:
    if not out_dir.exists():
        return
    names = sorted(p.name for p in out_dir.iterdir())
    records = [n for n in names if n.startswith(".") and n.endswith(RECORD_SUFFIX)]
    assert not [n for n in names if n.startswith(".") and n not in records], \
        f"temporary files left: {names}"
    by_stem: dict[str, set[str]] = {}
    for name in set(names) - set(records):
        path = out_dir / name
        by_stem.setdefault(path.stem, set()).add(path.suffix)
        assert_complete(path)
    for stem, suffixes in by_stem.items():
        assert suffixes == set(FORMATS), f"{stem}: only {sorted(suffixes)} written"
    # a render cache record is published with its file's outputs, never alone
    assert sorted(records) == sorted(record_name(stem) for stem in by_stem), names


def assert_complete(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path.name
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path.name
            assert "word/document.xml" in archive.namelist(), path.name
    else:
        assert data.strip(), f"{path.name} is empty"


def test_ctrl_c_at_random_moments_leaves_nothing_half_written(tmp_path):
    source = sample_folder(tmp_path / "terms")
    rng = random.Random(20261206)
    interrupted = 0
    for trial in range(TRIALS):
        delay = rng.uniform(0.05, 4.0)
        out_dir = tmp_path / f"out-{trial}"
        status, err = interrupt_render(source, out_dir, delay)
        assert_nothing_half_written(out_dir)
        if status is None:
            continue
        interrupted += 1
        context = f"trial {trial}, delay {delay:.2f} s"
        assert status == 130, f"{context}: exit {status}\n{err}"
        for text in ("Traceback", "Exception in initializer", "KeyboardInterrupt"):
            assert text not in err, f"{context}: {text!r} in stderr\n{err}"
    assert interrupted >= TRIALS * 3 // 4, f"only {interrupted} of {TRIALS} renders were interrupted"
