"""The pre-commit hook checks term files only (`validate --only-term-files`)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from conftest import MINIMAL_YAML, ROOT
from termsheet.source.termfiles import is_term_file, looks_like_term_file

HOOKS = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
[HOOK] = [hook for hook in HOOKS if hook["id"] == "termsheet-validate"]

MODELINE = "# yaml-language-server: $schema=../schemas/termsheet.schema.json\n"
PRE_COMMIT_CONFIG = """\
repos:
  - repo: https://example.org/termsheet
    rev: v0.1.0
    hooks:
      - id: termsheet-validate
"""
WORKFLOW = """\
name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: termsheet validate terms/
"""


@pytest.mark.parametrize("text", [
    MODELINE + "metadata: {}\n",
    "# yaml-language-server: $schema=https://example.org/x/termsheet.schema.json\nfoo: 1\n",
    "\ufeffschema_version: \"1.0\"\n",
    "# a comment\nmetadata:\n  title: x\nschema_version: 2\n",
    '"schema_version": "1.0"\n',
    "schema_version: [unclosed\n",
], ids=["modeline", "modeline-url", "bom-key", "key-later", "quoted-key", "broken-yaml"])
def test_term_files_are_recognised(text):
    assert looks_like_term_file(text)


@pytest.mark.parametrize("text", [
    PRE_COMMIT_CONFIG,
    WORKFLOW,
    "# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\non: push\n",
    "settings:\n  schema_version: 1\n",
    "my_schema_version: 1\n",
    "",
], ids=["pre-commit", "workflow", "other-modeline", "nested-key", "other-key", "empty"])
def test_other_yaml_is_not_a_term_file(text):
    assert not looks_like_term_file(text)


def test_a_file_that_cannot_be_read_counts_as_a_term_file(tmp_path):
    """So that validating it reports why (file-not-found, file-unreadable)."""
    assert is_term_file(tmp_path / "missing.yaml")
    assert is_term_file(tmp_path)  # a folder: reading fails
    assert is_term_file("-")


def test_hook_definition_validates_term_files_only():
    assert HOOK["entry"] == "termsheet validate --only-term-files"
    assert HOOK["language"] == "python" and HOOK["pass_filenames"] is True
    assert re.search(HOOK["files"], "terms/a.yaml") and re.search(HOOK["files"], "b.yml")


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def test_hook_entry_reports_only_term_files_in_a_repository(tmp_path):
    """As pre-commit runs it: the hook's entry on every tracked file its `files` pattern matches."""
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / "terms").mkdir()
    (repo / ".pre-commit-config.yaml").write_text(PRE_COMMIT_CONFIG)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (repo / "terms" / "broken.yaml").write_text(
        MODELINE + MINIMAL_YAML.replace("beneficiary: ua", "beneficiary: uk"))
    (repo / "terms" / "plain.yaml").write_text(MINIMAL_YAML)  # recognised by schema_version
    (repo / "README.md").write_text("# terms\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    tracked = subprocess.run(["git", "ls-files"], cwd=repo, check=True, capture_output=True,
                             text=True, timeout=60).stdout.split()
    files = [name for name in tracked if re.search(HOOK["files"], name)]
    assert sorted(files) == [".github/workflows/ci.yml", ".pre-commit-config.yaml",
                             "terms/broken.yaml", "terms/plain.yaml"]

    program, *args = shlex.split(HOOK["entry"])
    assert program == "termsheet"  # the console script; run as python -m termsheet here
    proc = subprocess.run([sys.executable, "-m", "termsheet", *args, "--format", "json", *files],
                          cwd=repo, capture_output=True, text=True, timeout=120)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1, proc.stderr
    assert sorted(f["path"] for f in report["files"]) == ["terms/broken.yaml", "terms/plain.yaml"]
    assert {d["file"] for d in report["diagnostics"]} == {"terms/broken.yaml"}
    assert "E-REF-PARTY" in {d["code"] for d in report["diagnostics"]}

    # Without the option every YAML file is taken for a term file (the old hook's noise).
    proc = subprocess.run([sys.executable, "-m", "termsheet", "validate", "--format", "json",
                           *files], cwd=repo, capture_output=True, text=True, timeout=120)
    noisy = {d["file"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert ".pre-commit-config.yaml" in noisy and ".github/workflows/ci.yml" in noisy


def test_only_non_term_files_pass(cli, tmp_path):
    """A commit that touches only other YAML passes the hook."""
    (tmp_path / "ci.yml").write_text(WORKFLOW)
    status, out, err = cli("validate", "--only-term-files", "-v", tmp_path / "ci.yml")
    assert status == 0
    assert "not a term file" in err
