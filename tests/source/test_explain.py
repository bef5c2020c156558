"""`termsheet explain CODE`: lint rules, reading codes and schema codes, from the package itself."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT
from termsheet.source.explain import READING_CODES
from termsheet.source.rules import RULES


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_lint_rule_is_explained(cli, rule):
    status, out, _ = cli("explain", rule.code)
    assert status == 0
    assert out.splitlines()[0] == f"{rule.code} ({rule.severity}, lint rule)"
    assert f"What it checks: {rule.summary}" in out
    assert f"Why: {rule.why}" in out
    assert f"How to fix: {rule.fix}" in out


def test_letter_case_does_not_matter(cli):
    assert cli("explain", "e-ref-party")[1] == cli("explain", "E-REF-PARTY")[1]


def test_reading_and_schema_codes_are_explained(cli):
    status, out, _ = cli("explain", "yaml-alias")
    assert status == 0 and out.startswith("yaml-alias (error, reading rule)")
    assert "How to fix: write the value out in full" in out
    status, out, _ = cli("explain", "mixed-script")
    assert status == 0 and "(warning, reading rule)" in out
    status, out, _ = cli("explain", "extra_forbidden")
    assert status == 0 and out.startswith("extra_forbidden (error, schema error)")
    assert "#extra_forbidden" in out


def test_every_reading_code_in_the_docs_is_explained():
    """The reading-rules table of docs/cli.md and the packaged table name the same codes."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text.split("## Reading rules", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| ")][1:]
    documented = {code for line in table
                  for code in re.findall(r"`([a-z0-9-]+)`", line.rsplit("|", 2)[1])}
    assert documented, "no codes found in the Reading rules table"
    assert documented <= set(READING_CODES)
    for code in ("file-not-found", "file-unreadable"):
        assert code in section and code in READING_CODES


def test_unknown_code_suggests_close_ones(cli):
    status, out, err = cli("explain", "E-ID-DUPE")
    assert status == 2 and out == ""
    assert "unknown code 'E-ID-DUPE'" in err and "did you mean E-ID-DUP" in err
    status, _, err = cli("explain", "qqqq")
    assert status == 2 and "did you mean" not in err and "--list" in err


def test_list_names_every_code(cli):
    status, out, _ = cli("explain", "--list")
    assert status == 0
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("  ")}
    assert {r.code for r in RULES} <= listed
    assert set(READING_CODES) <= listed
    assert {"missing", "extra_forbidden", "literal_error"} <= listed


def test_usage_errors(cli):
    assert cli("explain")[0] == 2
    assert cli("explain", "--list", "E-ID-DUP")[0] == 2


def test_explain_does_not_load_the_renderers():
    code = ("import sys; from termsheet.cli.app import run; run(['explain', 'E-ID-DUP']); "
            "print(sorted(m for m in ('weasyprint', 'docx', 'jinja2') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
