"""The golden-file helper: compares by default, rewrites only with TERMSHEET_UPDATE_GOLDENS."""

from __future__ import annotations

import pytest

from goldens import SWITCH, assert_golden


@pytest.fixture(autouse=True)
def no_switch(monkeypatch):
    monkeypatch.delenv(SWITCH, raising=False)


def test_equal_output_passes(tmp_path):
    golden = tmp_path / "a.txt"
    golden.write_text("same\r\n", encoding="utf-8", newline="")
    assert_golden(golden, "same\r\n")


def test_different_output_fails_and_leaves_the_golden_alone(tmp_path):
    golden = tmp_path / "a.txt"
    golden.write_text("old\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=SWITCH):
        assert_golden(golden, "new\n")
    with pytest.raises(AssertionError):
        assert_golden(golden, "old\r\n")  # line endings count
    assert golden.read_text(encoding="utf-8") == "old\n"


def test_missing_golden_fails(tmp_path):
    with pytest.raises(AssertionError, match="missing golden file"):
        assert_golden(tmp_path / "none.txt", "x")
    assert not (tmp_path / "none.txt").exists()


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_switch_rewrites_the_golden(tmp_path, monkeypatch, value):
    monkeypatch.setenv(SWITCH, value)
    golden = tmp_path / "sub" / "a.txt"
    assert_golden(golden, "new\n")
    assert golden.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize("value", ["", "0", "false", "no"])
def test_switch_off_values_compare(tmp_path, monkeypatch, value):
    monkeypatch.setenv(SWITCH, value)
    golden = tmp_path / "a.txt"
    golden.write_text("old\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        assert_golden(golden, "new\n")
