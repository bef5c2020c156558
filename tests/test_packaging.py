"""An installed wheel is a complete tool: samples, schema, licence, pinned dependencies.

The wheel test builds the wheel, installs it with ``--no-deps`` into a venv that
sees this environment's packages, and runs the commands a new user would, in
an empty folder, checking that the installed package is never written to.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT
from termsheet.schema.export import SCHEMA_ID, schema_text

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.is_file())
LOCAL_MODELINE = "# yaml-language-server: $schema=./termsheet.schema.json"


# -- termsheet samples DIR -----------------------------------------------------------


def test_samples_copies_every_sample_with_a_local_schema(cli, tmp_path):
    target = tmp_path / "new" / "s"
    status, out, err = cli("samples", target)
    assert status == 0, err
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [p.name for p in SAMPLES] + ["termsheet.schema.json"])
    assert (target / "termsheet.schema.json").read_text(encoding="utf-8") == schema_text()
    for source in SAMPLES:
        original = source.read_text(encoding="utf-8")
        copied = (target / source.name).read_text(encoding="utf-8")
        if source.suffix == ".yaml":
            assert copied.splitlines()[0] == LOCAL_MODELINE
            assert copied.partition("\n")[2] == original.partition("\n")[2]
        else:
            assert copied == original


def test_copied_samples_validate(cli, tmp_path):
    assert cli("samples", tmp_path / "s")[0] == 0
    status, out, _ = cli("validate", "--format", "json", tmp_path / "s")
    report = json.loads(out)
    assert status == 0 and report["summary"]["errors"] == 0
    assert report["summary"]["files"] == len([p for p in SAMPLES if p.suffix == ".yaml"])


def test_samples_never_overwrites_without_force(cli, tmp_path):
    target = tmp_path / "s"
    target.mkdir()
    (target / "minimal.yaml").write_text("mine\n")
    status, out, err = cli("samples", target)
    assert status == 2 and out == ""
    assert "minimal.yaml" in err and "--force" in err
    assert sorted(p.name for p in target.iterdir()) == ["minimal.yaml"]  # nothing written
    assert (target / "minimal.yaml").read_text() == "mine\n"
    assert cli("samples", "--force", target)[0] == 0
    assert (target / "minimal.yaml").read_text(encoding="utf-8").startswith(LOCAL_MODELINE)


def test_samples_reports_a_folder_it_cannot_make(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    status, _, err = cli("samples", blocker / "s")
    assert status == 2 and "cannot write" in err


# -- licence, metadata and pins -------------------------------------------------------


def test_license_is_the_apache_2_text():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_schema_id_is_the_published_schema_url():
    assert PYPROJECT["project"]["urls"]["Schema"] == SCHEMA_ID
    assert set(PYPROJECT["project"]["urls"]) >= {"Homepage", "Documentation", "Source", "Issues"}


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: not an exact pin: {line}"
            pins[canonicalize_name(name)] = version
    return pins


def test_constraints_pin_every_dependency_within_its_range():
    pins = _pins()
    project = PYPROJECT["project"]
    for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"constraints.txt does not pin {requirement.name}"
        assert requirement.specifier.contains(pins[name]), \
            f"{requirement.name}=={pins[name]} is outside {requirement.specifier}"
        assert "==" not in str(requirement.specifier), f"pyproject pins {spec}: use a range"


def test_readme_and_ci_install_with_the_constraints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ('sh scripts/install-system-deps.sh && python -m pip install -e ".[test]" '
                    "-c constraints.txt && python -m pytest")
    assert test_command in readme and ci.rstrip().endswith(test_command)
    assert "python -m pip install -e . -c constraints.txt && termsheet validate samples/" in readme


# -- the wheel, installed ----------------------------------------------------------------


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.slow
def test_the_installed_wheel_is_a_complete_tool(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                    "-w", str(wheels)], check=True, capture_output=True, timeout=600)
    [wheel] = wheels.glob("termsheet-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, timeout=300)
    bindir = venv / "bin"
    subprocess.run([bindir / "python", "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    work = tmp_path / "empty"
    work.mkdir()

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run(list(args), cwd=work, env=env, capture_output=True, text=True,
                              timeout=600)
        if ok:
            assert proc.returncode == 0, f"{args}: {proc.stdout}{proc.stderr}"
        return proc

    where = run("python", "-c", "import termsheet; print(termsheet.__file__)").stdout.strip()
    package = Path(where).parent
    assert package.is_relative_to(venv), f"imported {where}, not the installed wheel"
    assert (package / "_data" / "samples" / "minimal.yaml").is_file()
    before = _tree_digest(package)

    run("termsheet", "samples", "s")
    run("termsheet", "validate", "s")
    run("termsheet", "validate", "--only-term-files", "s/minimal.yaml", "s/README.md")
    run("termsheet", "render", "s/minimal.yaml", "--to", "pdf,docx", "--out-dir", "o")
    assert (work / "o" / "minimal.pdf").read_bytes().startswith(b"%PDF-")
    assert (work / "o" / "minimal.docx").read_bytes().startswith(b"PK")
    run("termsheet", "schema")
    assert (work / "termsheet.schema.json").read_text(encoding="utf-8") == schema_text()
    assert run("termsheet", "schema", "-o", "-").stdout == schema_text()
    run("termsheet", "new", "draft.yaml")
    assert (work / "draft.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=./termsheet.schema.json\n")
    assert "How to fix:" in run("termsheet", "explain", "E-ID-DUP").stdout
    assert _tree_digest(package) == before, "a command wrote into the installed package"
