"""Reproducible output (docs/threats.md, "Reproducible output").

The same term file gives byte-identical DOCX and PDF files on this machine, rendered
in fresh processes with different ``PYTHONHASHSEED``. With ``SOURCE_DATE_EPOCH`` set,
the files are again identical from run to run, and differ from the unset case only in
their timestamps (and in the PDF ``/ID``, a hash of everything that goes into the file,
timestamp included, which a Typst PDF also writes as its XMP ``InstanceID``). The PDF tests run against both engines (WeasyPrint and Typst).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import IndirectObject, StreamObject

from conftest import ROOT
from termsheet.writers.table import PDF_ENGINES

pytestmark = pytest.mark.slow

DRAFTS = ("us-draft", "coalition-draft")
EPOCH = 1700000000  # 2023-11-14T22:13:20Z
EPOCH_W3C = "2023-11-14T22:13:20Z"
EPOCH_PDF = "D:20231114221320Z"
US_DATE = "2026-02-06"  # metadata.date of samples/us-draft.yaml


def render(out_dir: Path, *files: str, seed: int, epoch: int | None = None,
           variant: str = "pdf/ua-1", formats: str = "docx,pdf",
           engine: str = "weasyprint") -> Path:
    """`python -m termsheet render` in a fresh process."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = str(seed)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    done = subprocess.run(
        [sys.executable, "-m", "termsheet", "render", *files, "--to", formats,
         "--pdf-variant", variant, "--pdf-engine", engine, "--out-dir", str(out_dir), "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return out_dir


def render_runs(base: Path, formats: str, engine: str) -> dict[str, Path]:
    """The drafts in two fresh processes, and us-draft twice under ``SOURCE_DATE_EPOCH``."""
    samples = [f"samples/{stem}.yaml" for stem in DRAFTS]
    options = dict(formats=formats, engine=engine)
    return {
        "seed-1": render(base / "seed-1", *samples, seed=1, **options),
        "seed-2": render(base / "seed-2", *samples, seed=2, **options),
        "epoch-3": render(base / "epoch-3", "samples/us-draft.yaml", seed=3, epoch=EPOCH, **options),
        "epoch-4": render(base / "epoch-4", "samples/us-draft.yaml", seed=4, epoch=EPOCH, **options),
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """DOCX and the WeasyPrint PDF."""
    return render_runs(tmp_path_factory.mktemp("reproducible"), "docx,pdf", "weasyprint")


@pytest.fixture(scope="module")
def typst_runs(tmp_path_factory):
    """The Typst PDF."""
    return render_runs(tmp_path_factory.mktemp("reproducible-typst"), "pdf", "typst")


@pytest.fixture(params=PDF_ENGINES)
def pdf_runs(request):
    """The runs holding the PDFs of each engine in turn."""
    return request.getfixturevalue("typst_runs" if request.param == "typst" else "runs")


# ------------------------------------------------------------------- comparing

def plain(value):
    """A pypdf object as plain, comparable Python (references by number, streams decoded)."""
    if isinstance(value, IndirectObject):
        return ("ref", value.idnum, value.generation)
    if isinstance(value, StreamObject):
        return ({str(k): plain(v) for k, v in value.items()}, value.get_data())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return (type(value).__name__, str(value))


def pdf_objects(path: Path) -> dict[int, object]:
    """Every object of the file except the containers (object and xref streams)."""
    reader = pypdf.PdfReader(path)
    objects = {}
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if obj is None:
            continue
        if isinstance(obj, dict) and obj.get("/Type") in ("/ObjStm", "/XRef"):
            continue
        objects[number] = plain(obj)
    return objects


TIMESTAMPS = re.compile(rb"D:\d{8}(\d{6})?Z?|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|\+00:00))?"
                        rb"|<xmpMM:InstanceID>[^<]*<")


def without_timestamps(value):
    return TIMESTAMPS.sub(b"<time>", repr(value).encode("utf-8"))


# ------------------------------------------------------------------------ tests

@pytest.mark.parametrize("stem", DRAFTS)
def test_fresh_processes_with_different_hash_seeds_give_identical_docx(runs, stem):
    assert (runs["seed-1"] / f"{stem}.docx").read_bytes() == \
           (runs["seed-2"] / f"{stem}.docx").read_bytes()


@pytest.mark.parametrize("stem", DRAFTS)
def test_fresh_processes_with_different_hash_seeds_give_identical_pdfs(pdf_runs, stem):
    first = (pdf_runs["seed-1"] / f"{stem}.pdf").read_bytes()
    assert first[:5] == b"%PDF-"
    assert first == (pdf_runs["seed-2"] / f"{stem}.pdf").read_bytes()


def test_source_date_epoch_gives_identical_docx_from_run_to_run(runs):
    assert (runs["epoch-3"] / "us-draft.docx").read_bytes() == \
           (runs["epoch-4"] / "us-draft.docx").read_bytes()


def test_source_date_epoch_gives_identical_pdfs_from_run_to_run(pdf_runs):
    assert (pdf_runs["epoch-3"] / "us-draft.pdf").read_bytes() == \
           (pdf_runs["epoch-4"] / "us-draft.pdf").read_bytes()


def test_source_date_epoch_changes_only_the_docx_timestamps(runs):
    with zipfile.ZipFile(runs["seed-1"] / "us-draft.docx") as plain_zip, \
            zipfile.ZipFile(runs["epoch-3"] / "us-draft.docx") as dated_zip:
        assert plain_zip.namelist() == dated_zip.namelist()
        for name in plain_zip.namelist():
            before, after = plain_zip.read(name), dated_zip.read(name)
            if name == "docProps/core.xml":
                assert without_timestamps(before) == without_timestamps(after)
            else:
                assert before == after, name
        assert {info.date_time for info in plain_zip.infolist()} == {(2026, 2, 6, 0, 0, 0)}
        assert {info.date_time for info in dated_zip.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        for a, b in zip(plain_zip.infolist(), dated_zip.infolist()):
            assert (a.external_attr, a.compress_type, a.create_system) == \
                   (b.external_attr, b.compress_type, b.create_system)


def core_dates(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    return dict(re.findall(r"<(dcterms:created|dcterms:modified|cp:lastPrinted)\b[^>]*>([^<]+)<", core))


def test_docx_core_dates_are_the_document_date_without_source_date_epoch(runs):
    dates = core_dates(runs["seed-1"] / "us-draft.docx")
    assert set(dates.values()) == {f"{US_DATE}T00:00:00Z"}


def test_docx_core_dates_follow_source_date_epoch(runs):
    dates = core_dates(runs["epoch-3"] / "us-draft.docx")
    assert set(dates.values()) == {EPOCH_W3C}


def test_source_date_epoch_changes_only_the_pdf_timestamps(pdf_runs):
    before = pdf_objects(pdf_runs["seed-1"] / "us-draft.pdf")
    after = pdf_objects(pdf_runs["epoch-3"] / "us-draft.pdf")
    assert before.keys() == after.keys()
    changed = [number for number in before if before[number] != after[number]]
    assert changed, "SOURCE_DATE_EPOCH made no difference at all"
    for number in changed:
        assert without_timestamps(before[number]) == without_timestamps(after[number]), number

    plain_pdf = pypdf.PdfReader(pdf_runs["seed-1"] / "us-draft.pdf")
    dated_pdf = pypdf.PdfReader(pdf_runs["epoch-3"] / "us-draft.pdf")
    # WeasyPrint writes a date as the date it is given, Typst at midnight UTC
    assert plain_pdf.metadata["/CreationDate"] == plain_pdf.metadata["/ModDate"]
    assert plain_pdf.metadata["/CreationDate"] in ("D:20260206", "D:20260206000000Z")
    assert dated_pdf.metadata["/CreationDate"] == dated_pdf.metadata["/ModDate"] == EPOCH_PDF
    xmp = dated_pdf.xmp_metadata.stream.get_data().decode("utf-8")
    assert re.search(rf"<xmp:CreateDate>{EPOCH_W3C[:-1]}(Z|\+00:00)</xmp:CreateDate>", xmp)
    assert [page.extract_text() for page in plain_pdf.pages] == \
           [page.extract_text() for page in dated_pdf.pages]


def stamped_dates(path: Path) -> set[str]:
    """Every date a file is stamped with (not dates in its text), as YYYY-MM-DD."""
    if path.suffix == ".pdf":
        reader = pypdf.PdfReader(path)
        stamps = [str(reader.metadata[key]) for key in ("/CreationDate", "/ModDate")]
        xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")
        stamps += re.findall(r"<xmp:(?:CreateDate|ModifyDate)>([^<]+)<", xmp)
        return {re.sub(r"^D:(\d{4})(\d{2})(\d{2}).*", r"\1-\2-\3", s)[:10] for s in stamps}
    with zipfile.ZipFile(path) as package:
        stamps = {"%04d-%02d-%02d" % info.date_time[:3] for info in package.infolist()}
    return stamps | {value[:10] for value in core_dates(path).values()}


def test_every_timestamp_is_the_document_date_or_the_epoch_never_the_clock(runs, typst_runs):
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    own_dates = {"us-draft": US_DATE, "coalition-draft": "2026-02-09"}
    for name, run in [*runs.items(), *typst_runs.items()]:
        for path in (path for path in run.iterdir() if path.suffix in (".docx", ".pdf")):
            stamps = stamped_dates(path)
            allowed = {own_dates[path.stem]} | ({EPOCH_W3C[:10]} if name.startswith("epoch") else set())
            assert stamps <= allowed, (path, stamps)
            assert today not in stamps or today in allowed


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_a3b_with_its_attachment_is_reproducible_too(tmp_path, engine):
    options = dict(variant="pdf/a-3b", formats="pdf", engine=engine)
    first = render(tmp_path / "a", "samples/minimal.yaml", seed=5, **options)
    second = render(tmp_path / "b", "samples/minimal.yaml", seed=6, **options)
    assert (first / "minimal.pdf").read_bytes() == (second / "minimal.pdf").read_bytes()
