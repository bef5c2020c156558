"""The JSON change list and the redline mark the same words.

For every edited text field of the bundled sample pairs, the word operations of
the JSON change list (``fields[].text``: the tokens each non-equal op deletes and
inserts) must equal the redline's marks for that field: the ``Deleted`` and
``Inserted`` text of the redline document model inside the field's value, in
the node whose ``Origin.path`` is the field's YAML path (or its nearest
ancestor: the clause or row of the provision).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termsheet.compare import compare
from termsheet.compare.redline import redline
from termsheet.document.nodes import (
    DELETED, INSERTED, NEW_ONLY, OLD_ONLY, Cell, Clause, Deleted, Emphasis, Inserted, LineBreak,
    ListBlock, Paragraph, Reference, Row, Term, Text, walk,
)
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.diff_json import comparison_to_data

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PAIRS = [("us-draft", "coalition-draft"), ("coalition-draft", "us-draft"),
         ("us-draft", "us-draft-v0.2"), ("us-draft-v0.2", "us-draft")]


def load(name: str):
    result = validate_file(SAMPLES / f"{name}.yaml")
    document = build_document(result.sheet, templates=TemplateSet(), source_file=f"{name}.yaml",
                              positions=result.document.positions)
    return result.sheet, document


def words(text: str) -> str:
    return " ".join(text.split())


def chunks(pieces: list[str]) -> list[str]:
    """Changed spans as words, whitespace-only spans left out."""
    return [words(p) for p in pieces if p.strip()]


# ----------------------------------------------------------- the JSON side

def json_fields(comparison) -> list[dict]:
    """Every field change with a word diff, with its YAML paths on both sides."""
    found = []
    for change in comparison_to_data(comparison)["changes"]:
        for field in change.get("fields", ()):
            if field.get("text") and isinstance(field.get("old"), str) and isinstance(field.get("new"), str):
                found.append(field)
    return found


def json_marks(field: dict) -> tuple[list[str], list[str]]:
    ops = [op for op in field["text"] if op["op"] != "equal"]
    return chunks([op["old"] for op in ops]), chunks([op["new"] for op in ops])


def yaml_path(pointer: str) -> str:
    """``/commitments/3/summary`` → ``commitments[3].summary`` (as `Origin.path` writes it)."""
    out = ""
    for part in pointer.strip("/").split("/"):
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


# -------------------------------------------------------- the redline side

def segments(inlines, mark=None) -> list[tuple[str | None, str, bool]]:
    """``(mark, text, is a defined term)`` pieces of merged inline nodes, as a reader sees them."""
    out = []
    for node in inlines:
        if isinstance(node, Inserted):
            out += segments(node.children, INSERTED)
        elif isinstance(node, Deleted):
            out += segments(node.children, DELETED)
        elif isinstance(node, Emphasis):
            out += segments(node.children, mark)
        elif isinstance(node, (Text, Term)):
            out.append((mark, node.text, isinstance(node, Term)))
        elif isinstance(node, Reference):
            out.append((mark, node.number or node.target, False))
        elif isinstance(node, LineBreak):
            out.append((mark, "\n", False))
    return out


TERM_CHANGED = "a defined term changed"
"""A defined term is one token of the redline (a `Term` node holds no marks): not comparable."""


def marks_within(pieces, old_value: str, new_value: str):
    """The deleted and inserted spans inside the field's value, None if the value is not here,
    or `TERM_CHANGED`."""
    old_text = "".join(t for m, t, _ in pieces if m != INSERTED)
    new_text = "".join(t for m, t, _ in pieces if m != DELETED)
    old_start, new_start = old_text.find(old_value), new_text.find(new_value)
    if old_start < 0 or new_start < 0:
        return None
    regions = {DELETED: (old_start, old_start + len(old_value)),
               INSERTED: (new_start, new_start + len(new_value))}
    spans = {DELETED: [], INSERTED: []}
    at = {DELETED: 0, INSERTED: 0}  # position in OLD's text, in NEW's text
    last = None
    for mark, text, is_term in pieces:
        if mark is not None:
            start, end = regions[mark]
            inside = text[max(start - at[mark], 0):max(end - at[mark], 0)]
            if inside and is_term:
                return TERM_CHANGED
            if inside:
                _extend(spans[mark], inside, last == mark)
        for side in (DELETED, INSERTED):
            if mark in (None, side):
                at[side] += len(text)
        last = mark
    return chunks(spans[DELETED]), chunks(spans[INSERTED])


def _extend(spans: list[str], text: str, continues: bool) -> None:
    if continues and spans:
        spans[-1] += text
    else:
        spans.append(text)


def texts_of(node) -> list[tuple]:
    """Every inline sequence of a redline node (paragraphs, list items, cells)."""
    found = []
    for child in walk(node):
        if isinstance(child, Paragraph):
            found.append(child.content)
        elif isinstance(child, ListBlock):
            found.extend(child.items)
        elif isinstance(child, Cell):
            found.append(child.content)
    return found


def owners(merged, path: str, old_side: bool) -> list:
    """Redline nodes whose origin is ``path`` or its nearest ancestor (kept nodes carry NEW's)."""
    candidates = [n for n in walk(merged) if isinstance(n, (Clause, Paragraph, Row))
                  and n.origin is not None and n.change not in (NEW_ONLY if old_side else OLD_ONLY)]
    while path:
        here = [n for n in candidates if n.origin.path == path]
        if here:
            return here
        path = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path) if re.search(r"[.\[]", path) else ""
    return []


def redline_marks(merged, field: dict):
    for node in owners(merged, yaml_path(field["new_index_path"]), old_side=False):
        for inlines in texts_of(node):
            found = marks_within(segments(inlines), field["old"], field["new"])
            if found == TERM_CHANGED or (found is not None and (found[0] or found[1])):
                return found
    return None


# --------------------------------------------------------------- the tests

@pytest.fixture(scope="module", params=PAIRS, ids=lambda pair: "→".join(pair))
def pair(request):
    (old_sheet, old_doc), (new_sheet, new_doc) = load(request.param[0]), load(request.param[1])
    comparison = compare(old_sheet, new_sheet, old_document=old_doc, new_document=new_doc)
    return comparison, redline(old_doc, new_doc)


def agreement(comparison, merged) -> tuple[int, list]:
    checked, disagreements = 0, []
    for field in json_fields(comparison):
        found = redline_marks(merged, field)
        if found is None or found == TERM_CHANGED:
            continue  # not printed verbatim (a vocabulary code, a templated sentence), or a term
        checked += 1
        if found != json_marks(field):
            disagreements.append((field["path"], json_marks(field), found))
    return checked, disagreements


def test_json_word_ops_and_redline_marks_agree(pair):
    comparison, merged = pair
    checked, disagreements = agreement(comparison, merged)
    assert checked >= 2, checked  # edited text fields printed verbatim
    assert disagreements == []


def test_the_agreement_check_catches_a_difference(pair, monkeypatch):
    """Perturb the JSON side (one more deleted word per field): the check must fail."""
    comparison, merged = pair
    original = json_marks

    def perturbed(field):
        deleted, inserted = original(field)
        return deleted + ["extra"], inserted

    monkeypatch.setitem(globals(), "json_marks", perturbed)
    checked, disagreements = agreement(comparison, merged)
    assert checked and len(disagreements) == checked
