"""`termsheet consolidate`: the terminal summary, JSON files, --base, invalid inputs, usage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT

US = ROOT / "samples" / "us-draft.yaml"
US_V02 = ROOT / "samples" / "us-draft-v0.2.yaml"
COW = ROOT / "samples" / "coalition-draft.yaml"
MINIMAL = ROOT / "samples" / "minimal.yaml"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_summary_on_the_terminal(cli):
    status, out, err = cli("consolidate", US, COW, "--max-lines", "3")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "Consolidation of US (us-draft.yaml, 0.3.0), COW (coalition-draft.yaml, 0.4.0)"
    assert lines[1].startswith("163 provisions: ") and " agreed, " in lines[1]
    assert "Disputed:" in lines and "Addressed by one version only:" in lines
    assert "  parties/it: Italy — COW (not addressed: US)" in out


def test_json_file_with_a_base(cli, tmp_path):
    status, out, err = cli("consolidate", US, COW, "--base", US_V02, "--to", "json",
                           "--out-dir", tmp_path)
    assert status == 0, err
    assert names(tmp_path) == ["consolidated.json"]
    assert f"wrote {tmp_path / 'consolidated.json'}" in err
    data = json.loads((tmp_path / "consolidated.json").read_text("utf-8"))
    assert list(data)[:3] == ["version", "kind", "summary"]
    assert data["base"]["version"] == "0.2.0" and data["reference"] == "base"
    states = data["summary"]["by_state"]
    assert sum(states.values()) == data["summary"]["provisions"] == len(data["provisions"])
    consult = next(p for p in data["provisions"] if p["id"] == "commitments/cmt-consult")
    assert consult["state"] in ("proposal", "conflict") and consult["changed_by"]
    assert all(group["numbers"] for group in consult["groups"])


def test_the_consolidated_text_in_every_term_sheet_format(cli, tmp_path):
    status, out, err = cli("consolidate", US, COW, US_V02, "--to", "md,html,docx,json",
                           "--out-dir", tmp_path, "-q")
    assert status == 0, err
    assert names(tmp_path) == ["consolidated-columns.docx", "consolidated-columns.html",
                               "consolidated-columns.md", "consolidated.docx",
                               "consolidated.html", "consolidated.json", "consolidated.md"]
    markdown = (tmp_path / "consolidated.md").read_text("utf-8").replace("\\", "")
    assert "# Consolidated text: " in markdown
    assert "[COW: Italy]" in markdown
    assert "[US 0.3.0, US 0.2.0: " in markdown
    html = (tmp_path / "consolidated.html").read_text("utf-8")
    assert "[US 0.3.0, US 0.2.0: " in html and "Consolidated text: " in html


def test_a_compromise_is_shown_beside_the_versions(cli, tmp_path):
    status, _, err = cli("consolidate", US, COW, "--compromise", US_V02, "--to", "json",
                         "--out-dir", tmp_path)
    assert status == 0, err
    data = json.loads((tmp_path / "consolidated.json").read_text("utf-8"))
    assert data["compromise"]["version"] == "0.2.0" and data["reference"] == "US"
    assert [v["label"] for v in data["versions"]] == ["US", "COW"]
    consult = next(p for p in data["provisions"] if p["id"] == "commitments/cmt-consult")
    assert consult["compromise"]["number"] and consult["status"] == "disputed"
    assert [d["version"] for d in consult["directions"]] == ["COW", "compromise"]


def test_json_on_stdout(cli):
    status, out, _ = cli("consolidate", US, COW, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert [v["label"] for v in data["versions"]] == ["US", "COW"]


def test_an_invalid_file_is_reported_and_nothing_is_written(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text("utf-8").replace("    kind: state", "    kind: stat"),
                   encoding="utf-8")
    out_dir = tmp_path / "out"
    status, out, err = cli("consolidate", US, bad, COW, "--to", "json", "--out-dir", out_dir)
    assert status == 1
    assert f"{bad}:24:11: error[literal_error] parties[0].kind" in out
    assert "provisions" not in out
    assert names(out_dir) == []
    assert "Traceback" not in out + err


@pytest.mark.parametrize("args, message", [
    (("--to", "json"), "--to needs --out-dir"),
    (("--to", "jsn", "--out-dir", "x"), "did you mean json?"),
    (("--pair", "cmt-a"), "write OLD=NEW"),
])
def test_usage_errors(cli, tmp_path, args, message):
    status, out, err = cli("consolidate", US, COW, *args)
    assert status == 2
    assert message in err
    assert names(tmp_path) == []


def test_one_file_a_missing_file_and_standard_input_are_usage_errors(cli, tmp_path):
    assert cli("consolidate", US)[0] == 2
    status, _, err = cli("consolidate", US, tmp_path / "nowhere.yaml")
    assert status == 2 and "nowhere.yaml" in err
    status, _, err = cli("consolidate", US, "-")
    assert status == 2 and "standard input" in err


def test_a_pair_naming_no_item_is_a_usage_error(cli):
    status, _, err = cli("consolidate", US, COW, "--pair", "cmt-consult=cmt-nowhere")
    assert status == 2
    assert "--pair cmt-consult=cmt-nowhere: no file has an item with id cmt-nowhere" in err
