"""``termsheet templates export DIR``: the packaged templates written out, never over existing files."""

from __future__ import annotations

import pytest

from conftest import ROOT, output_names
from termsheet.jobs.template_export import ENGINE_FOLDERS

TEMPLATES = ROOT / "templates"
SAMPLES = ROOT / "samples"


def packaged() -> dict[str, bytes]:
    return {path.relative_to(TEMPLATES).as_posix(): path.read_bytes()
            for path in TEMPLATES.rglob("*") if path.is_file()
            and not any(part.startswith((".", "__")) for part in path.relative_to(TEMPLATES).parts)
            and path.relative_to(TEMPLATES).parts[0] not in ENGINE_FOLDERS}


def exported(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def outputs(folder) -> dict[str, bytes]:
    """The rendered files of an output folder (the render cache's record, whose key covers
    the templates folder in effect, left out)."""
    return {name: (folder / name).read_bytes() for name in output_names(folder)}


def test_export_writes_every_packaged_file_with_the_examples(cli, tmp_path):
    status, out, err = cli("templates", "export", tmp_path / "office")
    assert status == 0, err
    files = exported(tmp_path / "office")
    assert files == packaged()
    assert {"wording/commitment.j2", "html/termsheet.html.j2", "styles/print.css",
            "styles/reference.docx", "styles/extra.css", "styles/styles.yaml"} <= set(files)
    assert "wrote" in out


def test_export_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "office" / "styles" / "print.css"
    target.parent.mkdir(parents=True)
    target.write_text("/* ours */\n", encoding="utf-8")
    status, _, err = cli("templates", "export", tmp_path / "office")
    assert status == 2
    assert "not overwriting existing files" in err and "print.css" in err and "--force" in err
    assert exported(tmp_path / "office") == {"styles/print.css": b"/* ours */\n"}  # nothing written

    status, _, err = cli("templates", "export", "--force", tmp_path / "office")
    assert status == 0, err
    assert exported(tmp_path / "office") == packaged()


@pytest.mark.parametrize("formats", ["md,html,docx"])
def test_an_exported_folder_renders_byte_identically(cli, tmp_path, formats):
    assert cli("templates", "export", tmp_path / "office")[0] == 0
    for out, extra in (("default", ()), ("custom", ("--templates", tmp_path / "office"))):
        status, _, err = cli("render", SAMPLES / "us-draft.yaml", "--to", formats,
                             "--out-dir", tmp_path / out, "-q", *extra)
        assert status == 0, err
    assert outputs(tmp_path / "default") == outputs(tmp_path / "custom")
    assert len(outputs(tmp_path / "default")) == len(formats.split(","))


def test_an_exported_folder_compares_byte_identically(cli, tmp_path):
    assert cli("templates", "export", tmp_path / "office")[0] == 0
    old, new = SAMPLES / "us-draft-v0.2.yaml", SAMPLES / "us-draft.yaml"
    for out, extra in (("default", ()), ("custom", ("--templates", tmp_path / "office"))):
        status, _, err = cli("diff", old, new, "--to", "html,docx", "--out-dir", tmp_path / out, *extra)
        assert status in (0, 1), err
    assert exported(tmp_path / "default") == exported(tmp_path / "custom")
    assert exported(tmp_path / "default")


@pytest.mark.slow
def test_an_exported_folder_renders_the_same_pdf(cli, tmp_path):
    test_an_exported_folder_renders_byte_identically(cli, tmp_path, "pdf")
