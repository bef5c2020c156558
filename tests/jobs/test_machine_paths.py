"""Circulated documents carry no path of the user's machine.

A term file given by an absolute path, from another working folder, must give
the same bytes as when it is rendered (or compared) from its own folder: the
documents name it by its file name only. Every output is searched: raw bytes,
each DOCX part, and each PDF's text, metadata, attachments and decompressed streams.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import StreamObject

from conftest import ROOT
from termsheet.jobs.render_cache import record_name

pytestmark = pytest.mark.slow

FOLDER = "Private-Folder-7f3a"
OLD, NEW = "us-draft-v0.2.yaml", "us-draft.yaml"


def searchable(path: Path) -> bytes:
    """Everything a reader of ``path`` could see, as bytes."""
    data = path.read_bytes()
    parts = [data]
    if path.suffix == ".docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    elif path.suffix == ".pdf":
        reader = pypdf.PdfReader(io.BytesIO(data))
        parts += [page.extract_text().encode("utf-8") for page in reader.pages]
        parts.append(repr(dict(reader.metadata or {})).encode("utf-8"))
        for name, contents in reader.attachments.items():
            parts += [name.encode("utf-8"), *contents]
        for number in range(1, int(reader.trailer["/Size"])):
            try:
                obj = reader.get_object(number)
            except Exception:  # a free entry of the cross-reference table
                continue
            if isinstance(obj, StreamObject):
                parts.append(obj.get_data())
            elif obj is not None:
                parts.append(repr(obj).encode("utf-8"))
    return b"\n".join(parts)


def run_from(cli, monkeypatch, cwd: Path, old: str | Path, new: str | Path, out: Path) -> dict:
    """Render ``new`` (with PDF/A-3b, which attaches the term file) and compare ``old`` with
    ``new``, from the working folder ``cwd``; the outputs by file name."""
    monkeypatch.chdir(cwd)
    status, _, err = cli("render", new, "--to", "docx,pdf,html,md", "--pdf-variant", "pdf/a-3b",
                         "--out-dir", out, "-q")
    assert status == 0, err
    status, _, err = cli("diff", old, new, "--to", "html,pdf,docx,json,md", "--out-dir", out, "-q")
    assert status == 0, err
    return {path.name: path for path in sorted(out.iterdir())}


def test_outputs_name_the_file_only_and_do_not_depend_on_the_working_folder(
        cli, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / FOLDER
    folder.mkdir()
    for name in (OLD, NEW):
        shutil.copy(ROOT / "samples" / name, folder / name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    own = run_from(cli, monkeypatch, folder, OLD, NEW, tmp_path / "own")
    absolute = run_from(cli, monkeypatch, elsewhere, folder / OLD, folder / NEW, tmp_path / "abs")

    assert sorted(absolute) == sorted(own) and len(own) == 11, sorted(own)
    assert record_name("us-draft") in own  # the render cache's record, checked as the rest
    for name, path in absolute.items():
        seen = searchable(path)
        for needle in (FOLDER, str(tmp_path)):
            assert needle.encode("utf-8") not in seen, f"{name} contains {needle}"
            assert needle.encode("utf-16-be") not in seen, f"{name} contains {needle} (UTF-16)"
        assert path.read_bytes() == own[name].read_bytes(), f"{name} depends on the working folder"
    assert b"Source file:** us-draft.yaml" in absolute["us-draft.md"].read_bytes()
    assert b'"file": "us-draft.yaml"' in absolute[f"{Path(OLD).stem}--us-draft.json"].read_bytes()
