"""The render cache (termsheet.jobs.render_cache): a file whose outputs are current is
validated but not rendered again; any change to what decides the bytes renders it.

Renders run in this process (``jobs=1``) to Markdown and HTML, which are fast; a file
re-rendered gets new output files (publication replaces them), so an unchanged inode
and modification time mean nothing was written.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL_YAML, ROOT
from termsheet.jobs import batch, publish, render_cache
from termsheet.jobs.batch import render_batch
from termsheet.jobs.render import DEFAULT_PDF_ENGINE, RenderOptions
from termsheet.source.editions import CIRCULATION
from termsheet.writers.table import PDF_ENGINES

FORMATS = ("md", "html")


# ------------------------------------------------------------------ helpers

def term_file(folder: Path, name: str = "sheet.yaml", *, title: str = "Minimal term sheet") -> Path:
    path = folder / name
    path.write_text(MINIMAL_YAML.replace('title: "Minimal term sheet"', f'title: "{title}"'),
                    encoding="utf-8")
    return path


def options_for(tmp_path: Path, **changes) -> RenderOptions:
    return dataclasses.replace(RenderOptions(formats=FORMATS, out_dir=tmp_path / "out"), **changes)


def render(paths, options: RenderOptions, **kwargs):
    return render_batch(list(paths), options, jobs=1, cache=True, **kwargs)


def identities(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of ``folder``, hidden ones too: name → (inode, mtime_ns)."""
    return {entry.name: (entry.stat().st_ino, entry.stat().st_mtime_ns)
            for entry in sorted(folder.iterdir())}


def record_of(out_dir: Path, stem: str = "sheet") -> dict:
    return json.loads((out_dir / f".{stem}.termsheet-cache.json").read_text(encoding="utf-8"))


@pytest.fixture
def rendered(tmp_path, monkeypatch):
    """A term file rendered once: (path, options, the output folder's identities)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = term_file(tmp_path)
    options = options_for(tmp_path)
    (result,) = render([path], options)
    assert result.ok and not result.up_to_date
    return path, options, identities(options.out_dir)


def rendered_again(rendered, **kwargs):
    path, options, before = rendered
    (result,) = render([path], options, **kwargs)
    assert result.ok, result.diagnostics
    return result, before, identities(options.out_dir)


# ------------------------------------------------------------------ skipping

def test_second_render_writes_nothing_and_names_the_current_outputs(rendered):
    result, before, after = rendered_again(rendered)
    assert result.up_to_date
    assert after == before
    out_dir = rendered[1].out_dir
    assert result.outputs == [out_dir / "sheet.md", out_dir / "sheet.html"]


def test_the_record_holds_the_hash_of_every_output(rendered):
    import hashlib

    out_dir = rendered[1].out_dir
    record = record_of(out_dir)
    assert record["outputs"] == {
        name: hashlib.sha256((out_dir / name).read_bytes()).hexdigest()
        for name in ("sheet.md", "sheet.html")}


def test_changed_input_is_rendered_again(rendered):
    path, options, before = rendered
    term_file(path.parent, title="Changed title")
    result, _before, after = rendered_again(rendered)
    assert not result.up_to_date
    assert after["sheet.md"] != before["sheet.md"]
    assert "Changed title" in (options.out_dir / "sheet.md").read_text(encoding="utf-8")


def test_without_the_cache_a_batch_renders_everything_and_records_nothing(tmp_path):
    path = term_file(tmp_path)
    options = options_for(tmp_path)
    for _ in range(2):
        (result,) = render_batch([path], options, jobs=1)
        assert result.ok and not result.up_to_date
    assert sorted(entry.name for entry in options.out_dir.iterdir()) == ["sheet.html", "sheet.md"]


def test_force_renders_again(rendered):
    result, before, after = rendered_again(rendered, force=True)
    assert not result.up_to_date
    assert after["sheet.md"] != before["sheet.md"]
    assert after["sheet.html"] != before["sheet.html"]


@pytest.mark.parametrize("change", [
    {"formats": ("md",)},
    {"formats": ("md", "html", "docx")},
    {"pdf_variant": "pdf/a-3b"},
    {"pdf_engine": next(e for e in PDF_ENGINES if e != DEFAULT_PDF_ENGINE)},
    {"edition": CIRCULATION},
], ids=["fewer-formats", "more-formats", "pdf-variant", "pdf-engine", "edition"])
def test_another_option_renders_again(rendered, change):
    path, options, before = rendered
    (result,) = render([path], dataclasses.replace(options, **change))
    assert result.ok and not result.up_to_date
    assert identities(options.out_dir)["sheet.md"] != before["sheet.md"]


def test_source_date_epoch_is_part_of_the_key(rendered, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result, before, after = rendered_again(rendered)
    assert not result.up_to_date
    assert after["sheet.md"] != before["sheet.md"]


def test_another_library_version_renders_again(rendered, monkeypatch):
    versions = render_cache.library_versions()
    monkeypatch.setattr(render_cache, "library_versions",
                        lambda: {**versions, "jinja2": "0.0-other"})
    assert not rendered_again(rendered)[0].up_to_date


def test_another_termsheet_version_renders_again(rendered, monkeypatch):
    monkeypatch.setattr(render_cache, "__version__", "0.0-other")
    assert not rendered_again(rendered)[0].up_to_date


@pytest.mark.parametrize("harm", ["deleted", "edited", "malformed record", "record removed"])
def test_missing_or_edited_output_or_record_renders_again(rendered, harm):
    path, options, _before = rendered
    out_dir = options.out_dir
    expected = (out_dir / "sheet.html").read_bytes()
    if harm == "deleted":
        (out_dir / "sheet.html").unlink()
    elif harm == "edited":
        (out_dir / "sheet.html").write_bytes(expected.replace(b"Minimal", b"Edited!"))
    elif harm == "malformed record":
        (out_dir / ".sheet.termsheet-cache.json").write_text("{not json", encoding="utf-8")
    else:
        (out_dir / ".sheet.termsheet-cache.json").unlink()
    (result,) = render([path], options)
    assert result.ok and not result.up_to_date
    assert (out_dir / "sheet.html").read_bytes() == expected
    assert set(record_of(out_dir)["outputs"]) == {"sheet.md", "sheet.html"}


def test_output_replaced_by_a_symlink_is_not_current(rendered, tmp_path):
    path, options, _before = rendered
    target = options.out_dir / "sheet.md"
    elsewhere = tmp_path / "elsewhere.md"
    shutil.move(target, elsewhere)
    target.symlink_to(elsewhere)  # the same bytes, reached through a link
    (result,) = render([path], options)
    assert not result.up_to_date and result.output_error
    assert "symbolic link" in result.diagnostics[-1].message


def test_changed_template_in_the_templates_folder_renders_again(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    office = tmp_path / "office"
    (office / "styles").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "styles" / "extra.css", office / "styles" / "extra.css")
    path = term_file(tmp_path)
    options = options_for(tmp_path, templates=office, formats=("html",))
    assert not render([path], options)[0].up_to_date
    assert render([path], options)[0].up_to_date
    with (office / "styles" / "extra.css").open("a", encoding="utf-8") as stream:
        stream.write("\n.provision { letter-spacing: 0.01em; }\n")
    (result,) = render([path], options)
    assert result.ok and not result.up_to_date
    assert "letter-spacing: 0.01em" in (options.out_dir / "sheet.html").read_text(encoding="utf-8")


def test_a_new_file_in_the_templates_folder_changes_the_key(tmp_path):
    office = tmp_path / "office"
    (office / "wording").mkdir(parents=True)
    before = render_cache.job_key({}, office)
    (office / "wording" / "unused.j2").write_text("{# not used #}\n", encoding="utf-8")
    assert render_cache.job_key({}, office) != before
    assert render_cache.job_key({}, office) != render_cache.job_key({}, None)


# ------------------------------------------------------------------ diagnostics

def test_an_up_to_date_file_still_reports_its_warnings(tmp_path):
    path = tmp_path / "us-draft.yaml"
    shutil.copy(ROOT / "samples" / "us-draft.yaml", path)
    options = options_for(tmp_path, formats=("md",))
    (first,) = render([path], options)
    (second,) = render([path], options)
    assert second.up_to_date
    assert first.diagnostics, "the sample is expected to carry a lint warning"
    assert [(d.code, d.span) for d in second.diagnostics] == [
        (d.code, d.span) for d in first.diagnostics]


def test_an_invalid_file_is_never_taken_as_current(rendered):
    path, options, before = rendered
    path.write_text(MINIMAL_YAML.replace("kind: state", "kind: stat"), encoding="utf-8")
    for _ in range(2):
        (result,) = render([path], options)
        assert not result.ok and not result.up_to_date
        assert any(d.severity == "error" for d in result.diagnostics)
        assert result.outputs == []
    assert identities(options.out_dir) == before


# ------------------------------------------------------------------ failures

def test_a_failed_writer_leaves_no_record(tmp_path, monkeypatch):
    from termsheet.errors import RenderError
    from termsheet.jobs import render as render_job

    def failing(fmt, *args, **kwargs):
        raise RenderError("the writer failed")

    monkeypatch.setattr(render_job, "write_format", failing)
    path = term_file(tmp_path)
    options = options_for(tmp_path)
    (result,) = render([path], options)
    assert not result.ok
    assert list(options.out_dir.iterdir()) == []


def test_a_failed_writer_after_a_change_keeps_the_file_stale(rendered, monkeypatch):
    from termsheet.errors import RenderError
    from termsheet.jobs import render as render_job

    path, options, before = rendered
    term_file(path.parent, title="Changed title")
    with monkeypatch.context() as patch:
        patch.setattr(render_job, "write_format",
                      lambda *a, **k: (_ for _ in ()).throw(RenderError("the writer failed")))
        (failed,) = render([path], options)
    assert not failed.ok
    assert identities(options.out_dir) == before  # nothing published, the old record kept
    (result,) = render([path], options)
    assert result.ok and not result.up_to_date
    assert "Changed title" in (options.out_dir / "sheet.md").read_text(encoding="utf-8")


def test_a_publication_failing_at_the_record_publishes_nothing(tmp_path, monkeypatch):
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):
        if str(target).endswith(render_cache.RECORD_SUFFIX):
            raise OSError(5, "Input/output error")
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(publish.os, "replace", replace)
    path = term_file(tmp_path)
    options = options_for(tmp_path)
    (result,) = render([path], options)
    assert result.output_error
    assert list(options.out_dir.iterdir()) == []  # outputs rolled back with the record


# ------------------------------------------------------------------ batches

def test_batch_decides_before_starting_workers_and_renders_only_the_stale(tmp_path, monkeypatch):
    paths = [term_file(tmp_path, f"sheet-{i}.yaml", title=f"Sheet {i}") for i in range(3)]
    options = options_for(tmp_path)
    render(paths, options)
    term_file(tmp_path, "sheet-1.yaml", title="Sheet 1 changed")

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one stale file")

    monkeypatch.setattr(batch, "_render_in_pool", no_pool)
    done = []
    results = render_batch(paths, options, jobs=2, cache=True, on_done=done.append)
    assert [result.up_to_date for result in results] == [True, False, True]
    assert sorted(result.path for result in done) == sorted(result.path for result in results)
    assert "Sheet 1 changed" in (options.out_dir / "sheet-1.md").read_text(encoding="utf-8")


def test_two_stale_files_still_go_to_the_pool(tmp_path):
    paths = [term_file(tmp_path, f"sheet-{i}.yaml", title=f"Sheet {i}") for i in range(3)]
    options = options_for(tmp_path)
    render(paths, options)
    for i in (0, 2):
        term_file(tmp_path, f"sheet-{i}.yaml", title=f"Sheet {i} changed")
    results = render_batch(paths, options, jobs=2, cache=True)
    assert [result.up_to_date for result in results] == [False, True, False]
    assert all(result.ok for result in results)
    for i in (0, 2):
        text = (options.out_dir / f"sheet-{i}.md").read_text(encoding="utf-8")
        assert f"Sheet {i} changed" in text
    assert all(record_of(options.out_dir, f"sheet-{i}") for i in range(3))


def test_each_input_has_its_own_record(tmp_path):
    paths = [term_file(tmp_path, "a.yaml", title="A"), term_file(tmp_path, "b.yaml", title="B")]
    options = options_for(tmp_path)
    render(paths, options)
    records = [record_of(options.out_dir, stem) for stem in ("a", "b")]
    assert records[0]["key"] != records[1]["key"]
    assert set(records[0]["outputs"]) == {"a.md", "a.html"}
    assert set(records[1]["outputs"]) == {"b.md", "b.html"}


def test_same_bytes_under_another_name_is_another_key():
    job = "0" * 64
    assert render_cache.file_key(job, "a.yaml", b"x") != render_cache.file_key(job, "b.yaml", b"x")
    assert render_cache.file_key(job, "a.yaml", b"x") == render_cache.file_key(job, "a.yaml", b"x")


def test_a_stem_too_long_for_a_record_is_rendered_every_time(tmp_path):
    stem = "s" * (publish.NAME_MAX - len(".html"))
    assert render_cache.record_name(stem) is None
    path = term_file(tmp_path, f"{stem}.yaml")
    options = options_for(tmp_path)
    for _ in range(2):
        (result,) = render([path], options)
        assert result.ok and not result.up_to_date
    assert sorted(entry.name for entry in options.out_dir.iterdir()) == [
        f"{stem}.html", f"{stem}.md"]
