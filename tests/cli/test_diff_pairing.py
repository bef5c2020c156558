"""`termsheet diff --pair OLD=NEW`, `replaces:` in a term file, and `diff --timeout`."""

from __future__ import annotations

import json
import time

from conftest import ROOT

US = ROOT / "samples" / "us-draft.yaml"
COW = ROOT / "samples" / "coalition-draft.yaml"
STEM = "us-draft--coalition-draft"


def _pairs(stdout: str) -> set[tuple[str, str, str]]:
    report = json.loads(stdout)
    return {(c["old_id"], c["new_id"], c["paired_by"]) for c in report["changes"]
            if c["paired_by"] not in (None, "id")}


def test_pair_pairs_two_items_by_hand(cli, tmp_path):
    status, out, err = cli("diff", US, COW, "--pair", "cmt-reconstruction=cmt-prepositioning",
                           "--format", "json")
    assert status == 0, err
    assert ("cmt-reconstruction", "cmt-prepositioning", "hand") in _pairs(out)
    status, _, err = cli("diff", US, COW, "--pair", "cmt-reconstruction=cmt-prepositioning",
                         "--to", "html", "--out-dir", tmp_path)
    assert status == 0, err
    page = (tmp_path / f"{STEM}.html").read_text(encoding="utf-8")
    assert "Paired by hand (--pair): cmt-reconstruction \u2192 cmt-prepositioning." in page


def test_pair_with_an_unknown_id_is_a_usage_error(cli, tmp_path):
    status, out, err = cli("diff", US, COW, "--pair", "cmt-reconstructoin=cmt-prepositioning",
                           "--to", "json", "--out-dir", tmp_path)
    assert status == 2 and out == ""
    assert err == ("termsheet: --pair cmt-reconstructoin=cmt-prepositioning: OLD has no item "
                   "with id cmt-reconstructoin (did you mean cmt-reconstruction?)\n")
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []
    status, _, err = cli("diff", US, COW, "--pair", "cmt-reconstruction=cmt-nothing-like-it")
    assert status == 2
    assert "NEW has no item with id cmt-nothing-like-it\n" in err


def test_pair_of_an_item_already_paired_by_id_is_a_usage_error(cli):
    status, _, err = cli("diff", US, COW, "--pair", "cmt-consult=cmt-prepositioning")
    assert status == 2
    assert "OLD's cmt-consult is already paired by id (NEW has cmt-consult too)" in err


def test_pair_must_be_old_equals_new_once_per_id(cli):
    status, _, err = cli("diff", US, COW, "--pair", "cmt-reconstruction")
    assert status == 2 and "write OLD=NEW" in err
    status, _, err = cli("diff", US, COW, "--pair", "cmt-reconstruction=cmt-prepositioning",
                         "--pair", "cmt-reconstruction=cmt-non-recognition")
    assert status == 2 and "OLD's cmt-reconstruction is paired twice" in err


def test_replaces_in_the_new_file_pairs_the_renamed_item(cli, tmp_path):
    text = COW.read_text(encoding="utf-8")
    new = tmp_path / "coalition-draft.yaml"
    new.write_text(text.replace("  - id: cmt-prepositioning\n",
                                "  - id: cmt-prepositioning\n    replaces: cmt-reconstruction\n"),
                   encoding="utf-8")
    status, out, err = cli("diff", US, new, "--format", "json")
    assert status == 0, err
    assert ("cmt-reconstruction", "cmt-prepositioning", "replaces") in _pairs(out)


def test_timeout_stops_the_comparison_and_writes_nothing(cli, tmp_path, monkeypatch):
    import termsheet.jobs.diff as job

    def never_done(*_args, **_kwargs):
        while True:  # stopped by the alarm, whatever the speed of the machine
            time.sleep(0.01)

    monkeypatch.setattr(job, "validate_input", never_done)
    status, out, err = cli("diff", US, COW, "--timeout", "0.05", "--to", "json",
                           "--out-dir", tmp_path)
    assert status == 1 and out == ""
    assert err == "termsheet: the comparison took longer than 0.05 s and was stopped\n"
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_timeout_must_be_positive(cli):
    status, _, err = cli("diff", US, COW, "--timeout", "0")
    assert status == 2 and "--timeout" in err
