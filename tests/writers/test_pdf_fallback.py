"""PDFs without the HarfBuzz subsetting library: WeasyPrint subsets fonts with fontTools.

WeasyPrint warns when it falls back to fontTools; that one warning is tolerated (the
subset is equivalent, only slower) and leaves one notice per run on stderr. Every
other WeasyPrint warning still fails the render.

The end-to-end tests hide the library from fresh processes in two real ways: an
empty ``libharfbuzz-subset.so.0`` first on ``LD_LIBRARY_PATH`` (the loader finds it
first and fails to load it; always available on Linux), and, where a mount namespace
is allowed, an empty file bind-mounted over the installed library.
"""

from __future__ import annotations

import ctypes
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from conftest import output_names
from htmlfixtures import sample_document
from termsheet.errors import RenderError
from termsheet.resources import TemplateSet, data_dir
from termsheet.writers.pdf import (
    FONTTOOLS_NOTICE, _weasyprint_warnings, import_weasyprint, take_notices, write_pdf,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTE = f"termsheet: note: {FONTTOOLS_NOTICE}"
LIBRARY = "libharfbuzz-subset.so.0"
# WeasyPrint 70's message (weasyprint/pdf/fonts.py), as logged for one font.
FALLBACK_WARNING = (
    'Using fontTools instead of HarfBuzz-Subset for font "DejaVu Sans". This will be '
    'unsupported in future versions of WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 '
    'with your package manager.')


# ------------------------------------------------------------- in-process

@pytest.fixture
def fonttools_subsetting(monkeypatch):
    """WeasyPrint in this process behaves as if the subsetting library were missing."""
    import_weasyprint()
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    take_notices()  # start from none


def test_fonttools_warning_is_tolerated_and_leaves_one_notice(fonttools_subsetting, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    pdf = write_pdf(sample_document())
    assert pdf.startswith(b"%PDF-")
    assert any("Using fontTools instead" in r.getMessage() for r in caplog.records)  # it did fall back
    assert take_notices() == [FONTTOOLS_NOTICE]
    assert take_notices() == []  # taken once


def test_fonttools_subset_fonts_are_not_dated_by_the_clock(fonttools_subsetting, monkeypatch):
    from fontTools.misc import timeTools

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # fontTools' own override
    pdfs = []
    for now in (1_000_000_000.0, 2_000_000_000.0):
        monkeypatch.setattr(timeTools.time, "time", lambda now=now: now)
        pdfs.append(write_pdf(sample_document()))
    monkeypatch.undo()
    assert pdfs[0] == pdfs[1]


def test_other_warning_still_fails_the_render(fonttools_subsetting, tmp_path):
    css = (data_dir("templates") / "styles" / "print.css").read_text(encoding="utf-8")
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "print.css").write_text(css + "\nh1 { colour: red }", encoding="utf-8")
    with pytest.raises(RenderError) as caught:
        write_pdf(sample_document(), templates=TemplateSet(tmp_path))
    assert caught.value.code == "render-warning"
    assert "colour" in caught.value.message
    assert "fontTools" not in caught.value.message


@pytest.mark.parametrize("message", [
    'Unable to subset "DejaVu Sans" with fontTools',
    'Using fontTools instead of HarfBuzz-Subset for font "DejaVu Sans". Something else failed.',
    FALLBACK_WARNING + " Then a glyph was lost.",
    "Ignored `colour: red` at 1:6, unknown property.",
])
def test_only_the_exact_fallback_warning_is_tolerated(message):
    take_notices()
    logger = logging.getLogger("weasyprint")
    with _weasyprint_warnings() as errors:
        logger.warning(FALLBACK_WARNING)
        logger.warning(message)
    assert errors == [message]
    assert take_notices() == [FONTTOOLS_NOTICE]


# ------------------------------------------------------------- fresh processes

def termsheet(*args, prefix=(), env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "termsheet", *map(str, args)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def stub_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose loader finds an empty ``libharfbuzz-subset.so.0`` first."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the LD_LIBRARY_PATH stub needs the Linux dynamic loader")
    folder = tmp_path / "stub-lib"
    folder.mkdir()
    (folder / LIBRARY).write_bytes(b"")
    search = [str(folder), os.environ.get("LD_LIBRARY_PATH", "")]
    return {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(filter(None, search))}


def installed_library() -> str | None:
    """The file the loader maps for the subsetting library, or None if not installed."""
    try:
        ctypes.CDLL(LIBRARY)
    except OSError:
        return None
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            if LIBRARY.removesuffix(".0") in line:
                return os.path.realpath(line.split()[-1])
    return None


def unmount_prefix() -> list[str]:
    """A command prefix hiding the installed library behind an empty bind mount."""
    library = installed_library() if sys.platform.startswith("linux") else None
    if library is None or not (shutil.which("unshare") and shutil.which("mount")):
        pytest.skip("needs Linux, unshare, mount and an installed HarfBuzz subsetting library")
    for flags in ("-m", "-rm"):  # as root; else in a user namespace
        prefix = ["unshare", flags, "sh", "-c", 'mount --bind /dev/null "$0" && exec "$@"', library]
        if subprocess.run([*prefix, "true"], capture_output=True, timeout=60).returncode == 0:
            return prefix
    pytest.skip("mount namespaces are not allowed here")


def two_term_files(tmp_path: Path) -> list[Path]:
    files = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for path in files:
        shutil.copyfile(ROOT / "samples" / "minimal.yaml", path)
    return files


def assert_subset_fonts(pdf_path: Path) -> None:
    """A readable PDF whose every font is embedded and subset (few glyphs drawn)."""
    from fontTools.ttLib import TTFont

    reader = pypdf.PdfReader(pdf_path)
    assert reader.pages
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            for descendant in ref.get_object().get("/DescendantFonts", [ref]):
                font = descendant.get_object()
                fonts[str(font["/BaseFont"])] = font["/FontDescriptor"]["/FontFile2"].get_data()
    assert fonts
    for name, data in fonts.items():
        program = TTFont(io.BytesIO(data))
        drawn = [glyph for glyph in program.getGlyphOrder()
                 if program["glyf"][glyph].numberOfContours != 0]
        assert name[7:8] == "+" and 0 < len(drawn) < 300, (name, len(drawn))  # DejaVu: ~3000+


@pytest.mark.parametrize("mechanism", ["ld-library-path", "bind-mount"])
def test_batch_renders_pdfs_without_the_subsetting_library(tmp_path, mechanism):
    if mechanism == "ld-library-path":
        prefix, env = (), stub_env(tmp_path)
    else:
        prefix, env = unmount_prefix(), None
    out = tmp_path / "out"
    done = termsheet("render", *two_term_files(tmp_path), "--to", "pdf", "--out-dir", out,
                     "--jobs", "2", "--pdf-engine", "weasyprint", prefix=prefix, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(NOTE) == 1, done.stderr  # once per run, not once per file
    assert "fontTools" not in done.stdout
    assert output_names(out) == ["a.pdf", "b.pdf"]
    for pdf in out.glob("*.pdf"):
        assert_subset_fonts(pdf)


def test_diff_pdf_without_the_subsetting_library(tmp_path):
    old, new = two_term_files(tmp_path)
    out = tmp_path / "out"
    done = termsheet("diff", old, new, "--to", "pdf", "--out-dir", out, "--format", "json",
                     "--pdf-engine", "weasyprint", env=stub_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(NOTE) == 1, done.stderr
    json.loads(done.stdout)  # the notice stays off stdout
    assert_subset_fonts(out / "a--b.pdf")


def test_quiet_render_shows_no_notice_and_is_reproducible(tmp_path):
    env = stub_env(tmp_path)
    env.pop("SOURCE_DATE_EPOCH", None)
    pdfs = []
    for run in ("1", "2"):
        out = tmp_path / run
        done = termsheet("render", "samples/minimal.yaml", "--to", "pdf", "--out-dir", out, "-q",
                         "--pdf-engine", "weasyprint", env={**env, "PYTHONHASHSEED": run})
        assert done.returncode == 0, done.stderr
        assert done.stderr == "" and done.stdout == ""
        assert_subset_fonts(out / "minimal.pdf")
        pdfs.append((out / "minimal.pdf").read_bytes())
    assert pdfs[0] == pdfs[1]
