"""`SOURCE_DATE_EPOCH`: checked once, before anything is rendered, for every command and
format; a value no output can hold is a configuration error (exit status 2) naming the
variable (docs/threats.md, case 56)."""

from __future__ import annotations

import datetime as dt
import zipfile

import pypdf
import pytest

from conftest import ROOT
from termsheet.writers import zipnorm

SAMPLES = ROOT / "samples"
MINIMAL = SAMPLES / "minimal.yaml"
OLD, NEW = SAMPLES / "us-draft-v0.2.yaml", SAMPLES / "us-draft.yaml"

UNUSABLE = {
    "after year 9999": "253402300800",
    "after 2107": str(zipnorm.MAX_SOURCE_DATE_EPOCH + 1),
    "beyond any clock": "9" * 30,
    "more digits than int() reads": "9" * 5000,
    "negative": "-5",
    "not a number": "yesterday",
    "a fraction": "1.5",
    "non-ASCII digits": "\u0663",
}


def _assert_configuration_error(status: int, out: str, err: str, out_dir) -> None:
    assert status == 2
    assert "configuration error" in err and "SOURCE_DATE_EPOCH" in err
    assert "internal" not in (out + err) and "Traceback" not in (out + err)
    assert len(err) < 400  # the value is shortened, never echoed whole
    assert not out_dir.exists()


@pytest.mark.parametrize("value", UNUSABLE.values(), ids=UNUSABLE.keys())
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
def test_render_refuses_an_unusable_value_before_rendering(cli, tmp_path, monkeypatch, value, fmt):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out_dir = tmp_path / "out"
    status, out, err = cli("render", MINIMAL, "--to", fmt, "--out-dir", out_dir)
    _assert_configuration_error(status, out, err, out_dir)


@pytest.mark.parametrize("value", UNUSABLE.values(), ids=UNUSABLE.keys())
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "json"])
def test_diff_refuses_an_unusable_value_before_comparing(cli, tmp_path, monkeypatch, value, fmt):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out_dir = tmp_path / "out"
    status, out, err = cli("diff", OLD, NEW, "--to", fmt, "--out-dir", out_dir)
    _assert_configuration_error(status, out, err, out_dir)


@pytest.mark.parametrize("value", UNUSABLE.values(), ids=UNUSABLE.keys())
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md", "json"])
def test_consolidate_refuses_an_unusable_value_before_consolidating(cli, tmp_path, monkeypatch,
                                                                   value, fmt):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out_dir = tmp_path / "out"
    status, out, err = cli("consolidate", OLD, NEW, MINIMAL, "--to", fmt, "--out-dir", out_dir)
    _assert_configuration_error(status, out, err, out_dir)


def test_the_last_usable_second_renders_and_dates_every_output(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(zipnorm.MAX_SOURCE_DATE_EPOCH))
    status, _, err = cli("render", MINIMAL, "--to", "docx,pdf", "--out-dir", tmp_path)
    assert status == 0, err
    with zipfile.ZipFile(tmp_path / "minimal.docx") as docx:
        assert "2107-12-31T23:59:58Z" in docx.read("docProps/core.xml").decode()
        assert {info.date_time for info in docx.infolist()} == {(2107, 12, 31, 23, 59, 58)}
    assert pypdf.PdfReader(tmp_path / "minimal.pdf").metadata.creation_date.year == 2107


def test_the_epoch_reads_as_utc_seconds():
    assert zipnorm.source_date_epoch({}) is None
    assert zipnorm.source_date_epoch({"SOURCE_DATE_EPOCH": " "}) is None
    assert zipnorm.source_date_epoch({"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(
        1970, 1, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(zipnorm.TimestampError, match="SOURCE_DATE_EPOCH"):
        zipnorm.source_date_epoch({"SOURCE_DATE_EPOCH": "253402300800"})
