"""The stage line: one updating line on a terminal, nothing anywhere else."""

from __future__ import annotations

import io
import os
import shutil

from termsheet.jobs.progress import StageLine


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_stage_is_cut_to_the_terminal_width(monkeypatch):
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *_a: os.terminal_size((20, 5)))
    stream = io.StringIO()
    with StageLine(stream, enabled=True) as stage:
        stage("pairing and comparing 5000 provisions\nnow")
    assert stream.getvalue() == "\r\x1b[Kpairing and compar…\r\x1b[K"


def test_each_stage_replaces_the_last_and_the_line_is_erased_at_the_end():
    stream = _Terminal()
    with StageLine.for_terminal(stream) as stage:
        stage("comparing…")
        stage("writing…")
    assert stream.getvalue() == "\r\x1b[Kcomparing…\r\x1b[Kwriting…\r\x1b[K"


def test_nothing_is_written_off_a_terminal_or_when_disabled():
    for stream, enabled in ((io.StringIO(), True), (_Terminal(), False)):
        with StageLine.for_terminal(stream, enabled=enabled) as stage:
            stage("comparing…")
        assert stream.getvalue() == ""


def test_a_closed_terminal_does_not_fail_the_job():
    stream = _Terminal()
    stage = StageLine.for_terminal(stream)
    stream.close()
    stage("comparing…")
    stage.clear()
    assert not stage.enabled
