"""`--format sarif`: one SARIF 2.1.0 log for GitHub code scanning."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import MINIMAL_YAML
from termsheet.source.diagnostics import Diagnostic, Span
from termsheet.cli.sarif import artifact_location, format_sarif

#: An error (E-REF-PARTY at 8:19) and warnings (W-PARTY-UNUSED at 11:10 and 13:10).
ERROR_AND_WARNING = MINIMAL_YAML.replace(
    "parties:\n", "parties:\n  - {id: fr, name: France, kind: state, iso3166: FR}\n",
).replace("drafting_party: us", "drafting_party: xx")
LEVELS = {"error", "warning", "note", "none"}
URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def check_sarif(log: dict) -> None:
    """The parts of the SARIF 2.1.0 schema and of GitHub's upload rules that termsheet uses."""
    assert set(log) == {"$schema", "version", "runs"}
    assert log["version"] == "2.1.0" and log["$schema"].startswith("https://")
    (run,) = log["runs"]
    assert set(run) <= {"tool", "columnKind", "results", "invocations"}
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "termsheet" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert set(rule) <= {"id", "name", "shortDescription", "fullDescription", "help",
                             "helpUri", "defaultConfiguration", "properties"}
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", rule["name"])
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["helpUri"].startswith("https://")
        assert rule["defaultConfiguration"]["level"] in LEVELS
    for result in run["results"]:
        assert set(result) == {"ruleId", "ruleIndex", "level", "message", "locations"}
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in LEVELS and result["message"]["text"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert URI_REFERENCE.fullmatch(artifact["uri"]), artifact["uri"]
        if "uriBaseId" in artifact:
            assert artifact["uriBaseId"] == "%SRCROOT%" and not artifact["uri"].startswith("/")
        else:
            assert artifact["uri"].startswith("file:///")
        region = location["physicalLocation"]["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert all(isinstance(n, int) and n >= 1 for n in region.values())
        assert ((region["endLine"], region["endColumn"])
                >= (region["startLine"], region["startColumn"]))
    for invocation in run.get("invocations", []):
        assert isinstance(invocation["executionSuccessful"], bool)


def run_sarif(cli, *args) -> tuple[int, dict, list[dict]]:
    status, out, _ = cli(*args, "--format", "sarif")
    log = json.loads(out)  # all of stdout is one JSON document
    check_sarif(log)
    return status, log, log["runs"][0]["results"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with terms/bad.yaml (an error and a warning), as the current folder."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "bad.yaml").write_text(ERROR_AND_WARNING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_errors_and_warnings_as_sarif_results(cli, project):
    status, log, results = run_sarif(cli, "validate", "--no-config", "terms")
    assert status == 1
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("E-REF-PARTY", "error"), ("W-PARTY-UNUSED", "warning"), ("W-PARTY-UNUSED", "warning")]
    error, warning, _ = results
    assert warning["message"]["text"].startswith("parties[0].id: party 'fr' (France)")
    assert "\nhint: " in warning["message"]["text"]
    location = error["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "terms/bad.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 8, "startColumn": 19, "endLine": 8,
                                  "endColumn": 21}
    line = ERROR_AND_WARNING.splitlines()[7]
    assert line[18:20] == "xx"  # SARIF columns are 1-based and the end is exclusive, as ours
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert list(rules) == ["E-REF-PARTY", "W-PARTY-UNUSED"]
    assert rules["E-REF-PARTY"]["defaultConfiguration"] == {"level": "error"}
    assert rules["E-REF-PARTY"]["name"] == "RefParty"
    assert "every party reference resolves" in rules["E-REF-PARTY"]["shortDescription"]["text"]
    assert rules["W-PARTY-UNUSED"]["helpUri"].endswith("docs/lint-rules.md")
    assert "\nWhy: " in rules["W-PARTY-UNUSED"]["help"]["text"]
    assert "\nFix: " in rules["W-PARTY-UNUSED"]["help"]["text"]
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]


def test_sarif_ignores_quiet_and_lists_warnings(cli, project):
    _, _, results = run_sarif(cli, "validate", "--no-config", "-q", "terms")
    assert len(results) == 3


def test_schema_and_file_problems(cli, project):
    (project / "terms" / "typo.yaml").write_text(MINIMAL_YAML.replace("  status:", "  staus:"))
    status, log, results = run_sarif(cli, "validate", "--no-config", "terms/typo.yaml",
                                     "missing.yaml")
    assert status == 2
    assert [r["ruleId"] for r in results] == ["file-not-found", "extra_forbidden"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    missing, schema = log["runs"][0]["tool"]["driver"]["rules"]
    assert schema["name"] == "ExtraForbidden" and schema["helpUri"].endswith("#extra_forbidden")
    assert schema["properties"] == {"tags": ["schema"]}
    assert missing["helpUri"].endswith("docs/cli.md#reading-rules")
    assert "Fix: check the path" in missing["help"]["text"]
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": False, "exitCode": 2}]


def test_a_clean_run_is_an_empty_log(cli, project):
    (project / "terms" / "bad.yaml").write_text(MINIMAL_YAML)
    status, log, results = run_sarif(cli, "validate", "terms")
    assert status == 0 and results == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_paths_are_relative_to_the_github_workspace(cli, project, monkeypatch, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "other.yaml"
    outside.write_text(ERROR_AND_WARNING)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project))
    monkeypatch.chdir(project / "terms")
    _, _, results = run_sarif(cli, "validate", "--no-config", "bad.yaml", outside)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"terms/bad.yaml", outside.as_uri()}


def test_artifact_uris_are_encoded():
    assert artifact_location("terms/a b#1.yaml") == {"uri": "terms/a%20b%231.yaml",
                                                     "uriBaseId": "%SRCROOT%"}
    assert artifact_location("<stdin>")["uri"] == "%3Cstdin%3E"
    assert artifact_location(str(Path("/srv/x.yaml")))["uri"] == "file:///srv/x.yaml"


def test_rules_are_listed_once_in_order_of_first_use():
    diagnostics = [Diagnostic(code, severity, "m", "a.yaml", Span(1, 1, 1, 2))
                   for code, severity in [("W-PARTY-UNUSED", "warning"),
                                          ("mixed-script", "warning"),
                                          ("W-PARTY-UNUSED", "warning")]]
    log = json.loads(format_sarif(diagnostics))
    check_sarif(log)
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["W-PARTY-UNUSED",
                                                                        "mixed-script"]
    assert [r["ruleIndex"] for r in run["results"]] == [0, 1, 0]
    assert "invocations" not in run


def test_render_reports_as_sarif(cli, project):
    (project / "terms" / "good.yaml").write_text(MINIMAL_YAML)
    status, _, results = run_sarif(cli, "render", "--no-config", "terms", "--to", "md",
                                   "--out-dir", "out")
    assert status == 1
    assert {r["ruleId"] for r in results} == {"E-REF-PARTY", "W-PARTY-UNUSED"}
    assert (project / "out" / "good.md").is_file() and not (project / "out" / "bad.md").exists()
