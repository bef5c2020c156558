"""The table of writers, the side-by-side view computed once per diff job, and each
data change matched to its side-by-side row by the YAML path of its item."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from termsheet.compare import compare
from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.compare.sidebyside import build_side_by_side
from termsheet.document import nodes as doc
from termsheet.errors import TermsheetError
from termsheet.jobs.diff import DiffOptions, run_diff
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_input
from termsheet.writers.table import (
    COMPARISON_WRITERS, DIFF_FORMATS, FORMATS, TERM_SHEET_WRITERS, writers_for,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PAIRS = [("us-draft", "coalition-draft"), ("coalition-draft", "us-draft"),
         ("us-draft", "us-draft-v0.2"), ("minimal", "us-draft"), ("us-draft", "minimal")]


# ------------------------------------------------------------------ the table

def test_formats_come_from_the_table():
    assert FORMATS == ("docx", "pdf", "html", "md") == tuple(TERM_SHEET_WRITERS)
    assert DIFF_FORMATS == ("html", "pdf", "docx", "json", "md") == tuple(COMPARISON_WRITERS)


def test_comparison_docx_writes_a_redline_and_a_side_by_side():
    writers = writers_for("docx", "comparison")
    assert [(w.suffix, w.reads) for w in writers] == [("-redline", "redline"),
                                                      ("-side-by-side", "side_by_side")]
    assert all(len(writers_for(fmt, "comparison")) == 1 for fmt in ("html", "pdf", "json", "md"))


@pytest.mark.parametrize("kind, table", [("term sheet", TERM_SHEET_WRITERS),
                                         ("comparison", COMPARISON_WRITERS)])
def test_every_entry_names_a_function_that_exists(kind, table):
    for fmt, writers in table.items():
        for writer in writers:
            assert writer.produces in ("text", "bytes"), (kind, fmt)
            assert callable(writer.load()), (kind, fmt, writer.function)


@pytest.mark.parametrize("kind", ["term sheet", "comparison"])
def test_an_unknown_format_is_one_clear_error(kind):
    with pytest.raises(TermsheetError) as caught:
        writers_for("odt", kind)
    assert caught.value.code == "unknown-format"
    assert "'odt'" in caught.value.message and "html" in caught.value.message


def test_looking_formats_up_imports_no_writer():
    code = ("import sys; from termsheet.writers.table import writers_for, FORMATS, DIFF_FORMATS\n"
            "[writers_for(f) for f in FORMATS]; [writers_for(f, 'comparison') for f in DIFF_FORMATS]\n"
            "heavy = [m for m in ('weasyprint', 'docx', 'termsheet.writers.pdf',\n"
            "         'termsheet.writers.docx') if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ one view per job

def test_the_side_by_side_view_is_built_once_per_job(tmp_path, monkeypatch):
    from termsheet.compare import sidebyside

    calls = []
    real = sidebyside.build_side_by_side

    def counting(*args, **options):
        calls.append(args)
        return real(*args, **options)

    monkeypatch.setattr(sidebyside, "build_side_by_side", counting)
    result = run_diff(SAMPLES / "us-draft.yaml", SAMPLES / "coalition-draft.yaml",
                      DiffOptions(("html", "docx", "json"), tmp_path))
    assert len(calls) == 1
    assert sorted(p.name for p in result.outputs) == [
        "us-draft--coalition-draft-redline.docx", "us-draft--coalition-draft-side-by-side.docx",
        "us-draft--coalition-draft.html", "us-draft--coalition-draft.json"]


# ------------------------------------------------------------------ changes by YAML path

def _documents(old_name: str, new_name: str):
    validations = [validate_input(SAMPLES / f"{name}.yaml", None) for name in (old_name, new_name)]
    templates = TemplateSet()
    old_doc, new_doc = (build_document(v.sheet, templates=templates, source_file=v.path,
                                       positions=v.document.positions) for v in validations)
    return validations[0].sheet, validations[1].sheet, old_doc, new_doc


def _paths_by_id(document) -> dict[str, str]:
    """Node id → YAML path of its origin, for every node with both."""
    found: dict[str, str] = {}

    def visit(node):
        origin = getattr(node, "origin", None)
        if getattr(node, "id", None) and origin is not None:
            found.setdefault(node.id, origin.path)
        for child in doc.children(node):
            visit(child)

    visit(document)
    return found


@pytest.mark.parametrize("old_name, new_name", PAIRS)
def test_each_change_sits_on_the_row_of_its_item(old_name, new_name):
    old, new, old_doc, new_doc = _documents(old_name, new_name)
    comparison = compare(old, new, old_document=old_doc, new_document=new_doc)
    view = build_side_by_side(comparison, old_doc, new_doc)
    old_paths, new_paths = _paths_by_id(old_doc), _paths_by_id(new_doc)
    checked = 0
    for row in view.rows:
        for change in (view.change for view in row.changes):
            if COLLECTION_BY_NAME[change.collection].singleton:
                continue
            if change.new_yaml_path is not None:
                assert new_paths.get(row.node_id) == change.new_yaml_path, change.id
            else:
                assert old_paths.get(row.node_id) == change.old_yaml_path, change.id
            if change.old_yaml_path is not None and row.node_id in old_paths:
                assert old_paths[row.node_id] == change.old_yaml_path, change.id
            checked += 1
    assert checked == sum(not COLLECTION_BY_NAME[c.collection].singleton
                          for c in comparison.changes)


def test_singletons_sit_on_the_rows_that_hold_their_fields():
    old, new, old_doc, new_doc = _documents("us-draft", "coalition-draft")
    comparison = compare(old, new, old_document=old_doc, new_document=new_doc)
    rows = {view.change.id: row for row in build_side_by_side(comparison, old_doc, new_doc).rows
            for view in row.changes}
    assert rows["chg-scope"].node_id == "sec_scope"
    assert rows["chg-forces"].node_id == "forces_strength"  # its one field: total_strength
    assert rows["chg-duration"].node_id == "final_duration"
    assert rows["chg-metadata"].kind == "document"


def test_a_removed_singleton_sits_on_the_row_of_its_old_place():
    old, new, old_doc, new_doc = _documents("us-draft", "minimal")
    comparison = compare(old, new, old_document=old_doc, new_document=new_doc)
    rows = {view.change.id: row for row in build_side_by_side(comparison, old_doc, new_doc).rows
            for view in row.changes}
    assert comparison.change("chg-scope").kind == "removed"
    assert rows["chg-scope"].node_id == "sec_scope"
    assert rows["chg-duration"].node_id == "final_duration"


def test_an_item_paired_by_similarity_is_one_row_under_its_new_id():
    sheet = validate_input(SAMPLES / "us-draft.yaml", None).sheet
    commitments = list(sheet.commitments)
    commitments[-1] = commitments[-1].model_copy(update={"id": commitments[-1].id + "-renamed"})
    renamed = sheet.model_copy(update={"commitments": tuple(commitments)})
    templates = TemplateSet()
    old_doc = build_document(sheet, templates=templates, source_file="old.yaml")
    new_doc = build_document(renamed, templates=templates, source_file="new.yaml")
    comparison = compare(sheet, renamed, old_document=old_doc, new_document=new_doc)
    (change,) = comparison.changes
    assert change.is_guess and change.old_yaml_path == change.new_yaml_path == "commitments[22]"
    view = build_side_by_side(comparison, old_doc, new_doc)
    (row,) = [row for row in view.rows if row.changes]
    assert (row.node_id, row.presence) == (commitments[-1].id, "both")
    assert not [row for row in view.rows if row.kind == "ghost"]
    assert comparison.change_number(change, "old") == comparison.change_number(change, "new")
