"""The consolidated negotiating text, on the samples and on generated versions.

- one sheet consolidated with itself N times prints exactly as its own term sheet;
- with two versions, a provision's text is bracketed exactly when ``diff`` reports a
  change of it;
- for every version, keeping only its own alternatives gives its own wording of every
  provision it addresses.
"""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from termsheet.compare import compare
from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.compare.consolidate import Input, consolidate
from termsheet.compare.consolidated_text import consolidated_text, without_status_bracket
from termsheet.compose import build
from termsheet.document import nodes as doc
from termsheet.document.transforms import UnresolvedReference, apply_transforms
from termsheet.writers.markdown import write_markdown

from test_compare_properties import SETTINGS, sample, sheet_pairs

FEWER = settings(SETTINGS, max_examples=max(5, SETTINGS.max_examples // 4))
"""Each example builds every version's Document: fewer examples than the data properties."""


def _documents(sheets, files):
    try:
        return [apply_transforms(build(sheet, source_file=file))
                for sheet, file in zip(sheets, files)]
    except UnresolvedReference:  # a mutation dropped a referenced item (lint refuses such files)
        assume(False)


def _text(sheets):
    files = [f"v{number}.yaml" for number in range(len(sheets))]
    result = consolidate([Input(sheet, file) for sheet, file in zip(sheets, files)])
    documents = _documents(sheets, files)
    return result, documents, consolidated_text(result, documents)


def _nodes(document) -> dict[tuple[str, str], object]:
    """(file, YAML path) → the outermost provision node built from it."""
    found = {}

    def visit(node, inside):
        origin = getattr(node, "origin", None)
        if isinstance(node, (doc.Clause, doc.Row, doc.Paragraph)) and origin is not None:
            key = (origin.file, origin.path)
            if key not in inside:
                found.setdefault(key, node)
                inside = inside | {key}
        for child in doc.children(node):
            visit(child, inside)

    visit(document, frozenset())
    return found


def _own_part(node):
    """A clause without the tables of other provisions' rows printed inside it (a trigger's
    response steps): those are judged as their own provisions."""
    if not isinstance(node, doc.Clause) or node.origin is None:
        return node
    path = node.origin.path
    return dataclasses.replace(node, blocks=tuple(
        block for block in node.blocks
        if not (isinstance(block, doc.Table) and any(
            row.origin is not None and not row.origin.path.startswith((path + ".", path + "["))
            and row.origin.path != path for row in block.rows))))


def _unnumbered(node):
    """A node's own data without any number (the consolidated text is numbered again)."""
    node = _own_part(node)
    def strip(data):
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k not in ("number", "label")}
        if isinstance(data, list):
            return [strip(v) for v in data]
        return data
    return strip(doc.to_data(node))


def _inline_runs(node) -> list[tuple]:
    if isinstance(node, doc.Paragraph):
        return [node.content]
    if isinstance(node, doc.ListBlock):
        return list(node.items)
    if isinstance(node, doc.Row):
        return [cell.content for cell in node.cells]
    if isinstance(node, doc.Table):
        return [run for row in node.rows for run in _inline_runs(row)]
    if isinstance(node, doc.Clause):
        return [run for block in node.blocks for run in _inline_runs(block)]
    return []


def _plain(run) -> str:
    """A run's text with each cross-reference as its target (numbers are given again)."""
    parts = []
    for inline in run:
        if isinstance(inline, doc.Reference):
            parts.append(f"<{inline.target}>")
        elif isinstance(inline, doc.Bracket):
            parts.append(_plain(doc.bracket_text(inline)))
        elif hasattr(inline, "children"):
            parts.append(_plain(inline.children))
        else:
            parts.append(doc.plain_text((inline,)))
    return "".join(parts)


def _joined(runs) -> str:
    return " ".join(" ".join(_plain(run).split()) for run in runs if _plain(run).strip())


def _words(node) -> str:
    return _joined(_inline_runs(node))


def _own_words(node, label: str, labels: set[str]) -> str:
    """The words of a consolidated node keeping ``label``'s alternatives only."""
    def keep(run):
        kept = []
        for inline in run:
            holders = set(inline.party.split(", ")) if isinstance(inline, doc.Bracket) \
                and inline.party else set()
            if holders and holders <= labels:
                if label in holders:
                    kept += inline.children
            else:
                kept.append(inline)
        return tuple(kept)

    return _joined(keep(run) for run in _inline_runs(node))


def _item_rows(result):
    return [row for row in result.rows if not COLLECTION_BY_NAME[row.collection].singleton]


# ------------------------------------------------------------------ properties

@FEWER
@given(sheet_pairs(), st.integers(1, 3))
def test_a_sheet_with_itself_prints_as_its_own_term_sheet(pair, copies):
    sheet = pair[0]
    _, documents, text = _text([sheet] * copies)
    assert write_markdown(dataclasses.replace(text, info=documents[0].info)) == \
        write_markdown(documents[0])


@FEWER
@given(sheet_pairs())
def test_bracketed_exactly_where_diff_reports_a_change(pair):
    old, new = pair
    result, documents, text = _text([old, new])
    reported = {(c.collection, c.old_id or c.new_id) for c in compare(old, new).changes
                if c.kind != "moved"}
    printed = _nodes(text)
    originals = [_nodes(document) for document in documents]
    for row in _item_rows(result):
        first = row.cells[0]
        if first.addressed:
            place = ("v0.yaml", first.yaml_path)
            if place not in originals[0]:
                continue  # not printed in this edition
            bracketed = _unnumbered(printed[place]) != _unnumbered(originals[0][place])
            assert bracketed == ((row.collection, first.key) in reported), row.id
        else:
            place = ("v1.yaml", row.cells[1].yaml_path)
            if place in originals[1]:
                assert place in printed, f"{row.id} is missing"
                assert (row.collection, row.cells[1].key) in reported


@FEWER
@given(sheet_pairs(), st.booleans())
def test_each_version_finds_its_own_wording(pair, three):
    sheets = [pair[0], pair[1], pair[0]] if three else list(pair)
    result, documents, text = _text(sheets)
    labels = [version.label for version in result.versions]
    printed = _nodes(text)
    originals = [_nodes(document) for document in documents]
    for row in _item_rows(result):
        shown = next(((f"v{i}.yaml", cell.yaml_path) for i, cell in enumerate(row.cells)
                      if cell.addressed and (f"v{i}.yaml", cell.yaml_path) in printed), None)
        for index, cell in enumerate(row.cells):
            own = originals[index].get((f"v{index}.yaml", cell.yaml_path))
            if not cell.addressed or own is None or shown is None:
                continue
            if row.differs or row.state is not None:
                # its own status bracket gives way to the consolidation's alternatives:
                # [COW: …], not [COW: [Alternative, COW: …]]
                own = without_status_bracket(own, cell.data)
            holder = row.group_of(index).versions[0]
            held = originals[holder].get((f"v{holder}.yaml", row.cells[holder].yaml_path))
            if held is not None and (row.differs or row.state is not None):
                held = without_status_bracket(held, row.cells[holder].data)
            if held is None or _words(_own_part(held)) != _words(_own_part(own)):
                continue  # equal data printed otherwise in another file (a party renamed)
            assert _own_words(_own_part(printed[shown]), labels[index], set(labels)) == \
                _words(_own_part(own)), (row.id, labels[index])


# ------------------------------------------------------------------ the samples

def test_the_samples_consolidated():
    us, cow = sample("us-draft.yaml"), sample("coalition-draft.yaml")
    result, documents, text = _text([us, cow])
    markdown = write_markdown(text)
    assert text.info.title.startswith("Consolidated text: ")
    assert "163 provisions: " in text.info.disclaimer
    assert "[COW: Italy]" in markdown.replace("\\", "")
    assert [section.id for section in text.sections][:3] == \
        [section.id for section in documents[0].sections][:3]
    clause_numbers = [child.number for section in text.sections for child in section.children
                      if isinstance(child, doc.Clause)]
    assert len(clause_numbers) == len(set(clause_numbers))


def test_three_parties_consolidated_without_nested_brackets_and_with_shared_wordings_merged():
    sheets = [sample(f"{name}.yaml") for name in ("us-draft", "coalition-draft", "ukraine-position")]
    result, documents, text = _text(sheets)
    markdown = write_markdown(text).replace("\\", "")
    # a version's own "[Alternative, COW: …]" gives way to the consolidation's "[COW: …]"
    assert "[COW: The arrangement remains in force for 10 years" in markdown
    assert "[COW: [" not in markdown and "]]" not in markdown
    # two versions that word a provision alike share one bracket
    assert "[US, COW: Either participant may terminate" in markdown
    assert text.info.document_type == "Consolidated negotiating text"
    assert text.info.drafting_party == "United States of America, Coalition of the Willing, Ukraine"
    assert not text.info.signatories and text.info.source_file is None
