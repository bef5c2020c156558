"""Reading a consolidation's files: in worker processes as in one, the numbers of a JSON-only
job equal the built Documents' numbers, and an invalid file drops every build."""

from __future__ import annotations

import shutil
from pathlib import Path

from termsheet.compare.places import nodes_by_path
from termsheet.jobs.consolidate import ConsolidateOptions
from termsheet.jobs.consolidate_inputs import read_inputs
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def _options(tmp_path: Path, *formats: str) -> ConsolidateOptions:
    return ConsolidateOptions(formats=formats, out_dir=tmp_path / "out")


def _numbers(validation) -> dict:
    document = build_document(validation.sheet, templates=TemplateSet(), source_file=validation.path,
                              positions=validation.document.positions)
    return nodes_by_path(document)


def test_json_only_numbers_equal_the_built_documents_on_every_sample(tmp_path):
    read = read_inputs(SAMPLES, _options(tmp_path, "json"), parallel=True)
    for path, validation in zip(SAMPLES, read.validations):
        assert validation.sheet is not None, path
        numbers = read.built(validation)
        assert numbers == _numbers(validation), path.name
        assert any(number for _, number in numbers.values()), path.name


def test_in_workers_as_in_one_process(tmp_path):
    pooled = read_inputs(SAMPLES, _options(tmp_path, "json", "md"), parallel=True)
    alone = read_inputs(SAMPLES, _options(tmp_path, "json", "md"), parallel=False)
    assert [v.path for v in pooled.validations] == [v.path for v in alone.validations]
    for mine, theirs in zip(pooled.validations, alone.validations):
        assert mine.sheet == theirs.sheet
        assert [d.message for d in mine.diagnostics] == [d.message for d in theirs.diagnostics]
        assert pooled.built(mine) == alone.built(theirs)


def test_an_invalid_file_drops_every_build(tmp_path):
    broken = tmp_path / "broken.yaml"
    shutil.copy(SAMPLES[0], broken)
    broken.write_text(broken.read_text(encoding="utf-8").replace("doc_id:", "doc_idd:", 1),
                      encoding="utf-8")
    paths = [SAMPLES[0], broken]
    read = read_inputs(paths, _options(tmp_path, "json"), parallel=True)
    assert read.validations[0].sheet is not None and read.validations[1].sheet is None
    assert read._built == {}
