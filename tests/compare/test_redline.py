"""Redline: OLD and NEW Documents merged with marks, and the DOCX with native tracked changes.

The oracle needs no Word: accepting every change of the redline DOCX must give
exactly the text of NEW's own term sheet DOCX (``write_docx(new)``), paragraph by
paragraph, and rejecting every change OLD's (tests/ooxml_projection.py); the
package must pass the tracked-change lint (unique ids, delText placement, paired
moves). The same holds for the model (`accept_all`/`reject_all`), for the
hand-made pair in tests/redlinefixtures.py, for the samples and for pairs that
hypothesis makes by mutating a Document.
"""

from __future__ import annotations

import dataclasses
import io
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ooxml_projection import comments, lint, paragraph_text, parts, project, q, revision_counts
from redlinefixtures import (
    AUTHOR, DATE, assert_round_trip, every_node_comparison, new_document, old_document,
)
from termsheet.compare.redline import (
    DELETED, INSERTED, MOVED_FROM, MOVED_TO, accept_all, canonical_inlines, diff_inlines, diff_text,
    redline, reject_all,
)
from termsheet.document.transforms import brackets_as_text
from termsheet.document.nodes import (
    Cell, Clause, Deleted, Document, Emphasis, Inserted, LineBreak, ListBlock, Paragraph,
    Reference, Row, Section, Table, Term, Text, walk,
)
from termsheet.writers.docx import write_docx
from termsheet.writers.docx_redline import revision_date, write_docx_redline
from termsheet.writers.revisions import Revisions, mark_paragraph, mark_row

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


# ------------------------------------------------------------------ helpers

def normalized(node):
    """A Document with origins dropped and inline runs canonical, for comparing model content."""
    if isinstance(node, tuple):
        if node and all(isinstance(n, (Text, Emphasis, Term, Reference, LineBreak)) for n in node):
            return tuple(normalized(n) for n in canonical_inlines(node))
        return tuple(normalized(n) for n in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        values = {f.name: normalized(getattr(node, f.name)) for f in dataclasses.fields(node)}
        if "origin" in values:
            values["origin"] = None
        return type(node)(**values)
    return node


@pytest.fixture(scope="module")
def fixture_redline():
    return redline(old_document(), new_document())


@pytest.fixture(scope="module")
def fixture_docx(fixture_redline):
    return write_docx_redline(fixture_redline, author=AUTHOR, date=DATE)


def clause(doc: Document, clause_id: str, change: str | None = "any"):
    found = [n for n in walk(doc) if isinstance(n, Clause) and n.id == clause_id
             and (change == "any" or n.change == change)]
    assert len(found) == 1, (clause_id, change, len(found))
    return found[0]


# --------------------------------------------------------------- tokens, words

def accept_all_inlines(inlines):
    from termsheet.compare.redline import project_inlines
    return project_inlines(inlines, INSERTED)


def test_punctuation_is_a_token_of_its_own():
    d = diff_text("the mediator;", "the mediator; drafting party")
    assert d.merged == (Text("the mediator;"), Inserted((Text(" drafting party"),)))


def test_whitespace_that_changed_between_kept_words_is_marked():
    d = diff_text("a b c", "a b\u00a0c")
    assert canonical_inlines(accept_all_inlines(d.merged)) == (Text("a b\u00a0c"),)
    assert d.changed


def test_word_diff_marks_changed_tokens_deletion_first():
    d = diff_text("respond within 30 days of notice", "respond promptly within 14 days of notice")
    marks = [(type(n).__name__, n.children[0].text.strip()) for n in d.merged if isinstance(n, (Inserted, Deleted))]
    # "within" between two changes, shorter than both, is folded into one replacement
    assert marks == [("Deleted", "within 30 days"), ("Inserted", "promptly within 14 days")]
    d = diff_text("respond within 30 days of notice", "respond within 14 days of notice")
    assert [type(n).__name__ for n in d.merged if isinstance(n, (Inserted, Deleted))] == ["Deleted", "Inserted"]
    assert d.changed and not diff_text("same", "same").changed


def test_word_diff_folds_short_equalities_into_a_replacement():
    d = diff_text("United States of America", "Coalition of the Willing")
    assert d.merged == (Deleted((Text("United States of America"),)),
                        Inserted((Text("Coalition of the Willing"),)))


def test_word_diff_keeps_emphasis_terms_and_references():
    old = (Text("A "), Term("Special Commission"), Text(" meets "), Emphasis((Text("monthly"),)),
           Text(", see "), Reference("c1", "2.1"), Text("."))
    new = (Text("A "), Term("Special Commission"), Text(" meets "), Emphasis((Text("weekly"),)),
           Text(", see "), Reference("c1", "2.2"), Text("."))
    d = diff_inlines(old, new)
    assert Deleted((Emphasis((Text("monthly"),)),)) in d.merged
    assert Inserted((Reference("c1", "2.2"),)) in d.merged and Deleted((Reference("c1", "2.1"),)) in d.merged
    assert Term("Special Commission") in d.merged


EDGE_WHITESPACE_PAIRS = [
    # the space after a replaced word stays in OLD's emphasis (found by hypothesis)
    ((Emphasis((Text("trail "),), strong=True), Term("Special Commission")),
     (Text("the "), Term("Special Commission"))),
    ((Text("the "), Term("Special Commission")),
     (Emphasis((Text("trail "),), strong=True), Term("Special Commission"))),
    ((Text("see "), Emphasis((Text("clause "),)), Reference("c1", "1.1")),
     (Text("see "), Text("article "), Reference("c1", "1.1"))),
    ((Emphasis((Text("b  "),)),), (Text("z "), Emphasis((Text("b  "),), strong=True))),
    # a line break whose emphasis changed, between lines aligned one by one
    ((Text("a"), LineBreak(), Text("b")), (Text("a"), Emphasis((LineBreak(),), strong=True), Text("b"))),
]


@pytest.mark.parametrize("old, new", EDGE_WHITESPACE_PAIRS)
def test_whitespace_at_the_edge_of_emphasis_keeps_each_sides_formatting(old, new):
    from termsheet.compare.redline import project_inlines
    d = diff_inlines(old, new)
    for inlines, keep, want in ((d.merged, INSERTED, new), (d.merged, DELETED, old),
                                (d.new_side, INSERTED, new), (d.old_side, DELETED, old)):
        assert project_inlines(inlines, keep) == canonical_inlines(want)


def test_a_space_after_a_replaced_bold_word_stays_bold_in_the_document():
    def doc(*content):
        return Document(old_document().info, (Section("s", "The", (
            Clause("c", "The", (Paragraph(content),), number="1.1"),), number="1"),))

    old = doc(Emphasis((Text("trail "),), strong=True), Term("Special Commission"))
    new = doc(Text("the "), Term("Special Commission"))
    merged = redline(old, new)
    assert reject_all(merged) == old
    assert accept_all(merged) == new
    assert_round_trip(old, new)


def test_a_redline_of_a_document_with_itself_has_no_marks():
    doc = new_document()
    merged = redline(doc, doc)
    for node in walk(merged):
        assert not isinstance(node, (Inserted, Deleted))
        assert getattr(node, "change", None) is None
        assert getattr(node, "title_marked", None) is None
        assert getattr(node, "number_marked", None) is None
        assert not getattr(node, "item_changes", None)
    assert normalized(accept_all(merged)) == normalized(doc)


# ------------------------------------------------------------------ the model

def test_accept_all_gives_new_and_reject_all_gives_old(fixture_redline):
    assert normalized(accept_all(fixture_redline)) == normalized(new_document())
    assert normalized(reject_all(fixture_redline)) == normalized(old_document())


def test_deleted_and_inserted_clauses_stand_where_they_stood(fixture_redline):
    scope = fixture_redline.sections[0]
    order = [(c.id, c.change) for c in scope.children if isinstance(c, Clause)]
    assert order == [("scope.1", None), ("scope.2", None), ("scope.3", DELETED), ("scope.4", INSERTED)]
    deleted = clause(fixture_redline, "scope.3")
    assert deleted.number == "1.3"  # OLD's number
    assert deleted.blocks[0].change == DELETED


def test_one_move_marks_only_the_moved_clause(fixture_redline):
    forces = fixture_redline.sections[1]
    order = [(c.id, c.change) for c in forces.children]
    assert order == [("forces.c", MOVED_TO), ("forces.a", None), ("forces.b", None),
                     ("forces.c", MOVED_FROM), ("mon.1", MOVED_FROM)]


def test_a_clause_moved_to_another_section_is_a_move_and_keeps_its_amendments(fixture_redline):
    source, target = clause(fixture_redline, "mon.1", MOVED_FROM), clause(fixture_redline, "mon.1", MOVED_TO)
    assert source.number == "2.4" and target.number == "3.1"
    assert Deleted((Text("7 days"),)) in source.blocks[0].content
    assert Inserted((Text("3 days"),)) in target.blocks[0].content
    assert not any(isinstance(n, Inserted) for n in walk(source))
    assert not any(isinstance(n, Deleted) for n in walk(target))


def test_renumbered_clauses_and_changed_titles_are_marked(fixture_redline):
    air = clause(fixture_redline, "forces.b")
    assert air.number == "2.3" and air.number_marked == (Deleted((Text("2.2"),)), Inserted((Text("2.3"),)))
    retitled = clause(fixture_redline, "scope.2")
    assert retitled.title == "Geographic scope"
    assert retitled.title_marked == (Deleted((Text("Territorial"),)), Inserted((Text("Geographic"),)),
                                     Text(" scope"))
    assert retitled.old_status == "bracketed" and retitled.status == "for_discussion"
    assert fixture_redline.sections[2].change == DELETED


def test_table_rows_align_by_id(fixture_redline):
    table = clause(fixture_redline, "forces.b").blocks[1]
    assert isinstance(table, Table) and table.change is None
    assert [(r.id, r.change) for r in table.rows] == [
        ("fr", None), ("gb", DELETED), ("pl", INSERTED), ("de", None)]
    status = table.rows[3].cells[2].content
    assert status == (Deleted((Text("considering"),)), Inserted((Text("pledged"),)))


def test_list_items_are_aligned():
    maritime = clause(redline(old_document(), new_document()), "forces.c", MOVED_TO)
    items = maritime.blocks[1]
    assert isinstance(items, ListBlock)
    assert items.item_changes == (MOVED_TO, MOVED_TO, INSERTED)


def test_redline_refuses_redlines():
    doc = new_document()
    marked = redline(old_document(), doc)
    with pytest.raises(ValueError):
        redline(marked, doc)


# ------------------------------------------------------------ OOXML builders

def test_builders_follow_the_ooxml_revision_markup():
    revisions = Revisions("A", "2026-01-06T00:00:00Z", first_id=7)
    mark = revisions.mark("ins")
    assert mark.tag == q("ins") and mark.get(q("id")) == "7" and mark.get(q("author")) == "A"
    paragraph = etree.SubElement(etree.Element(q("body")), q("p"))
    ppr = etree.SubElement(paragraph, q("pPr"))
    etree.SubElement(ppr, q("pStyle"))
    etree.SubElement(ppr, q("sectPr"))
    mark_paragraph(paragraph, revisions.mark("del"))
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "rPr", "sectPr"]
    assert ppr.find(q("rPr"))[0].tag == q("del")
    row = etree.Element(q("tr"))
    trpr = etree.SubElement(row, q("trPr"))
    etree.SubElement(trpr, q("tblHeader"))
    etree.SubElement(trpr, q("trPrChange"))
    mark_row(row, revisions.mark("ins"))
    assert [etree.QName(c).localname for c in trpr] == ["tblHeader", "ins", "trPrChange"]
    start = revisions.range_start("moveFrom", "move1")
    end = revisions.range_end("moveFrom", start)
    assert start.get(q("name")) == "move1" and end.get(q("id")) == start.get(q("id")) == "10"


def test_revision_date_is_an_xsd_datetime():
    assert revision_date("2026-02-02") == "2026-02-02T00:00:00Z"
    assert revision_date("2026-02-02T10:00:00+01:00") == "2026-02-02T10:00:00+01:00"


# ------------------------------------------------------------- the DOCX file

def test_fixture_docx_accepts_to_new_and_rejects_to_old(fixture_docx):
    assert_round_trip(old_document(), new_document(), fixture_docx)


def test_fixture_docx_holds_every_kind_of_revision(fixture_docx):
    counts = revision_counts(fixture_docx)
    for kind in ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart",
                 "paragraph-mark ins", "paragraph-mark del", "paragraph-mark moveFrom",
                 "paragraph-mark moveTo", "row ins", "row del"):
        assert counts.get(kind), kind
    assert counts["moveFromRangeStart"] == counts["moveToRangeStart"] == 2  # forces.c, mon.1


def test_revisions_carry_author_and_date(fixture_docx):
    for root in parts(fixture_docx).values():
        for element in root.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo")):
            assert element.get(q("author")) == AUTHOR and element.get(q("date")) == DATE


def test_default_author_and_date_are_news(fixture_redline):
    data = write_docx_redline(fixture_redline)
    element = next(parts(data)["word/document.xml"].iter(q("ins")))
    assert element.get(q("author")) == "Coalition of the Willing"
    assert element.get(q("date")) == "2026-02-02T00:00:00Z"


def test_ids_are_unique_and_above_the_bookmarks(fixture_docx):
    body = parts(fixture_docx)["word/document.xml"]
    bookmarks = [int(b.get(q("id"))) for b in body.iter(q("bookmarkStart"))]
    revisions = [int(e.get(q("id"))) for e in body.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo"))]
    assert bookmarks and revisions and min(revisions) > max(bookmarks)
    assert not lint(fixture_docx)


def test_no_private_use_character_in_the_package(fixture_docx):
    private_use = re.compile("[\ue000-\uf8ff\U000F0000-\U0010FFFD]")
    with zipfile.ZipFile(io.BytesIO(fixture_docx)) as archive:
        for name in archive.namelist():
            assert not private_use.search(archive.read(name).decode("utf-8", "replace")), name


def test_changes_in_headings_header_block_and_page_header_are_tracked(fixture_docx):
    found = parts(fixture_docx)
    body = found["word/document.xml"]
    deleted = {"".join(d.itertext()) for d in body.iter(q("del"))}
    inserted = {"".join(i.itertext()) for i in body.iter(q("ins"))}
    assert {"0.2.0", "2026-01-06", "Territorial", "2.2", " (bracketed)"} <= deleted
    assert {"0.3.0", "2026-02-02", "Geographic", "2.3"} <= inserted
    footer = found["word/footer1.xml"]
    assert {"".join(i.itertext()) for i in footer.iter(q("ins"))} >= {"0.3.0", "2026-02-02"}


def test_deleted_paragraphs_keep_their_element_and_mark_the_paragraph_mark(fixture_docx):
    body = parts(fixture_docx)["word/document.xml"]
    sunset = [p for p in body.iter(q("p")) if "Sunset" in paragraph_text(p, "reject")]
    assert len(sunset) == 2  # its entry in the table of contents, and its heading
    for paragraph in sunset:
        assert paragraph.find(f"{q('pPr')}/{q('rPr')}/{q('del')}") is not None
        assert paragraph_text(paragraph, "accept") == ""


def test_moves_are_named_pairs(fixture_docx):
    body = parts(fixture_docx)["word/document.xml"]
    starts = {kind: sorted(e.get(q("name")) for e in body.iter(q(f"{kind}RangeStart")))
              for kind in ("moveFrom", "moveTo")}
    assert starts["moveFrom"] == starts["moveTo"] and len(starts["moveFrom"]) == 2


def test_same_redline_same_bytes(fixture_redline, fixture_docx):
    assert write_docx_redline(fixture_redline, author=AUTHOR, date=DATE) == fixture_docx
    again = write_docx_redline(redline(old_document(), new_document()), author=AUTHOR, date=DATE)
    assert again == fixture_docx


def test_identical_versions_give_a_docx_without_revisions():
    doc = new_document()
    data = write_docx_redline(redline(doc, doc), author=AUTHOR, date=DATE)
    assert revision_counts(data) == {}
    assert project(data, None) == project(write_docx(doc), None)


# --------------------------------------------------------- generated pairs

WORDS = ("the", "Guarantors", "shall", "may", "respond", "within", "30 days", "14 days", "a",
         "force", "of", "25,000 troops", "Ukraine,", "France.", "monitoring", "mission", "(draft)",
         "€5 billion", "per", "year;", "and", "not", "–", "Türkiye", "Київ", "a\tb", "line\nbreak",
         " lead", "trail ", "two  spaces")


def _words(rng: random.Random, low=1, high=12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _inlines(rng: random.Random, ids: list[str]) -> tuple:
    out = []
    for _ in range(rng.randint(1, 4)):
        pick = rng.random()
        if pick < 0.6:
            out.append(Text(_words(rng) + " "))
        elif pick < 0.7:
            out.append(Emphasis((Text(_words(rng, 1, 3)),), strong=rng.random() < 0.5))
        elif pick < 0.8:
            out.append(Term(rng.choice(("Special Commission", "Qualifying Attack"))))
        elif pick < 0.9 and ids:
            out.append(Reference(rng.choice(ids)))
        else:
            out.append(LineBreak())
    return tuple(out)


def _block(rng: random.Random, ids: list[str], counter: list[int]):
    pick = rng.random()
    if pick < 0.6:
        return Paragraph(_inlines(rng, ids), role=rng.choice(("body", "body", "note")))
    if pick < 0.8:
        return ListBlock(tuple(_inlines(rng, ids) for _ in range(rng.randint(1, 4))),
                         ordered=rng.random() < 0.3)
    counter[0] += 1
    columns = rng.choice((2, 2, 2, 3))
    return Table(header=("Party", "Assets", "Status")[:columns], id=f"t{counter[0]}", rows=tuple(
        _row(rng, counter, columns) for _ in range(rng.randint(1, 4))),
        caption=_words(rng, 1, 3) if rng.random() < 0.3 else None)


def _row(rng: random.Random, counter: list[int], columns: int = 2) -> Row:
    counter[0] += 1
    cells = [Cell((Text(_words(rng, 1, 2)),))]
    for _ in range(columns - 1):
        cells.append(Cell((Text(_words(rng, 0, 4)),) if rng.random() < 0.9 else ()))
    return Row(tuple(cells), id=f"r{counter[0]}")


def _document(rng: random.Random, counter: list[int]) -> Document:
    sections = []
    ids = [f"c{i}" for i in range(counter[0], counter[0] + 12)]
    for s in range(rng.randint(1, 3)):
        children = [Paragraph(_inlines(rng, ids), role="note")] if rng.random() < 0.3 else []
        for _ in range(rng.randint(1, 4)):
            counter[0] += 1
            children.append(Clause(f"c{counter[0]}", _words(rng, 1, 3).capitalize(),
                                   tuple(_block(rng, ids, counter) for _ in range(rng.randint(0, 3))),
                                   status=rng.choice(("agreed", "agreed", "bracketed"))))
        sections.append(Section(f"s{counter[0]}", _words(rng, 1, 2).capitalize(), tuple(children)))
    return Document(info=old_document().info, sections=tuple(sections))


def _mutate(rng: random.Random, doc: Document, counter: list[int]) -> Document:
    """NEW from OLD: a few random edits of every kind the redline handles."""
    sections = [list(s.children) for s in doc.sections]
    heads = [(s.id, s.title) for s in doc.sections]
    all_ids = [c.id for s in sections for c in s if isinstance(c, Clause)]
    for _ in range(rng.randint(1, 6)):
        op = rng.choice(("edit", "edit", "insert", "delete", "move", "retitle", "rows", "blocks",
                         "status", "section"))
        si = rng.randrange(len(sections))
        clauses = sections[si]
        if op == "section" and rng.random() < 0.5 and len(sections) > 1:
            if rng.random() < 0.5:
                del sections[si], heads[si]
            else:  # move a whole section
                moved, head = sections.pop(si), heads.pop(si)
                at = rng.randint(0, len(sections))
                sections.insert(at, moved)
                heads.insert(at, head)
            continue
        if op == "section":
            counter[0] += 1
            sections.insert(si, [])
            heads.insert(si, (f"s{counter[0]}", "New section"))
            clauses = sections[si]
            op = "insert"
        if op == "insert" or not clauses:
            counter[0] += 1
            clauses.insert(rng.randint(0, len(clauses)), Clause(
                f"c{counter[0]}", "Inserted clause", (_block(rng, all_ids, counter),)))
            continue
        ci = rng.randrange(len(clauses))
        target = clauses[ci]
        if not isinstance(target, Clause):  # a section's own paragraph
            if op == "delete":
                del clauses[ci]
            else:
                clauses[ci] = _edit_block(rng, target, all_ids, counter, "edit")
            continue
        if op == "delete":
            del clauses[ci]
        elif op == "move":
            del clauses[ci]
            dest = sections[rng.randrange(len(sections))]
            dest.insert(rng.randint(0, len(dest)), target)
        elif op == "retitle":
            clauses[ci] = dataclasses.replace(target, title=_words(rng, 1, 3))
        elif op == "status":
            clauses[ci] = dataclasses.replace(target, status=rng.choice(("agreed", "bracketed", "for_discussion")))
        elif op == "blocks":
            blocks = list(target.blocks)
            if blocks and rng.random() < 0.5:
                del blocks[rng.randrange(len(blocks))]
            else:
                blocks.insert(rng.randint(0, len(blocks)), _block(rng, all_ids, counter))
            clauses[ci] = dataclasses.replace(target, blocks=tuple(blocks))
        else:
            clauses[ci] = dataclasses.replace(target, blocks=tuple(
                _edit_block(rng, b, all_ids, counter, op) for b in target.blocks))
    new_sections = tuple(Section(sid, title, tuple(children)) for (sid, title), children in zip(heads, sections))
    info = dataclasses.replace(doc.info, version="0.9.0", date="2026-03-01", drafting_party="Ukraine")
    for name in ("supersedes", "disclaimer", "negotiation_track", "marking"):
        if rng.random() < 0.3:
            info = dataclasses.replace(info, **{name: rng.choice((None, _words(rng, 1, 4)))})
    if rng.random() < 0.3:
        info = dataclasses.replace(info, handling=tuple(_words(rng, 1, 3) for _ in range(rng.randint(0, 3))),
                                   status=rng.choice(("negotiating_draft", "agreed_text")))
    if rng.random() < 0.2:
        info = dataclasses.replace(info, title_localized=(("uk", _words(rng, 1, 4)),))
    return Document(info=info, sections=new_sections)


def _edit_block(rng: random.Random, block, ids, counter, op):
    if rng.random() < 0.4:
        return block
    if isinstance(block, Paragraph) and op == "edit":
        content = list(block.content)
        content[rng.randrange(len(content))] = Text(_words(rng) + " ")
        return dataclasses.replace(block, content=tuple(content))
    if isinstance(block, ListBlock) and op == "edit":
        items = list(block.items)
        if rng.random() < 0.5:
            items.insert(rng.randint(0, len(items)), _inlines(rng, ids))
        elif len(items) > 1:
            del items[rng.randrange(len(items))]
        return dataclasses.replace(block, items=tuple(items))
    if isinstance(block, Table):
        rows = list(block.rows)
        pick = rng.random()
        if pick < 0.3:
            rows.insert(rng.randint(0, len(rows)), _row(rng, counter, len(block.header)))
        elif pick < 0.5 and len(rows) > 1:
            del rows[rng.randrange(len(rows))]
        elif pick < 0.7 and len(rows) > 1:
            row = rows.pop(rng.randrange(len(rows)))
            rows.insert(rng.randint(0, len(rows)), row)
        else:
            i = rng.randrange(len(rows))
            cells = list(rows[i].cells)
            cells[rng.randrange(1, len(cells))] = Cell((Text(_words(rng)),))
            rows[i] = dataclasses.replace(rows[i], cells=tuple(cells))
        return dataclasses.replace(block, rows=tuple(rows))
    return block


def number(doc: Document) -> Document:
    """A small stand-in for the numbering transform: sections 1…, clauses 1.1…, references filled."""
    numbers = {}
    sections = []
    for si, section in enumerate(doc.sections, 1):
        numbers[section.id] = str(si)
        children = []
        ci = 0
        for child in section.children:
            if isinstance(child, Clause):
                ci += 1
                numbers[child.id] = f"{si}.{ci}"
                child = dataclasses.replace(child, number=f"{si}.{ci}")
            children.append(child)
        sections.append(dataclasses.replace(section, number=str(si), children=tuple(children)))

    def fill(node):
        if isinstance(node, Reference):
            return Reference(node.target, numbers.get(node.target))
        if isinstance(node, tuple):
            return tuple(fill(n) for n in node)
        if dataclasses.is_dataclass(node) and not isinstance(node, (Text, Term, LineBreak)):
            return type(node)(**{f.name: fill(getattr(node, f.name)) for f in dataclasses.fields(node)})
        return node

    return fill(Document(doc.info, tuple(sections)))


@st.composite
def document_pairs(draw):
    rng = draw(st.randoms(use_true_random=False))
    counter = [0]
    old = _document(rng, counter)
    new = _mutate(rng, old, counter)
    return number(old), number(new)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_pairs())
def test_generated_pairs_round_trip_in_the_model(pair):
    old, new = pair
    merged = redline(old, new)
    assert normalized(accept_all(merged)) == normalized(new)
    assert normalized(reject_all(merged)) == normalized(old)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_pairs())
def test_generated_pairs_round_trip_in_docx(pair):
    old, new = pair
    assert_round_trip(old, new)
    # with a cover page and a comment on every node with an id
    comparison = every_node_comparison(old, new)
    data = write_docx_redline(redline(old, new), author=AUTHOR, date=DATE, comparison=comparison)
    assert_round_trip(old, new, data)
    assert len(comments(data)) == len(comparison.changes)


# ------------------------------------------------------------------ samples

def _sample(name: str) -> Document:
    from termsheet.jobs.render import build_document
    from termsheet.resources import TemplateSet
    from termsheet.source.validate import validate_file

    path = SAMPLES / name
    result = validate_file(path)
    assert result.sheet is not None, [d.message for d in result.diagnostics]
    return build_document(result.sheet, templates=TemplateSet(), source_file=str(path))


SAMPLE_PAIRS = [("us-draft.yaml", "coalition-draft.yaml"), ("us-draft-v0.2.yaml", "us-draft.yaml")]


@pytest.mark.parametrize("old_name, new_name", SAMPLE_PAIRS)
def test_samples_round_trip(old_name, new_name):
    old, new = _sample(old_name), _sample(new_name)
    merged = redline(old, new)
    # a redline compares negotiation brackets as the text they print
    assert normalized(accept_all(merged)) == normalized(brackets_as_text(new))
    assert normalized(reject_all(merged)) == normalized(brackets_as_text(old))
    data = write_docx_redline(merged, author=new.info.drafting_party, date=new.info.date)
    assert_round_trip(old, new, data)
    assert revision_counts(data)


# --------------------------------------------------------------- LibreOffice

@pytest.mark.slow
def test_libreoffice_opens_the_redline(tmp_path, fixture_docx):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "redline.docx"
    source.write_bytes(fixture_docx)
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "redline.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        # LibreOffice prints tracked changes: both the deleted and the inserted words are on the page
        for word in ("Territorial", "Geographic", "Sunset", "Review", "Interim arrangements"):
            assert word in text, word


# ------------------------------------------------------- the oracle itself

def _rewrite_document_xml(docx: bytes, change) -> bytes:
    """``docx`` with word/document.xml passed through ``change(root)``."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(name, data)
    return out.getvalue()


def test_the_oracle_catches_an_unmarked_insertion(fixture_docx):
    def unwrap_first_insertion(root):
        ins = next(e for e in root.iter(q("ins")) if e.getparent().tag != q("rPr"))
        for run in list(ins):
            ins.addprevious(run)
        ins.getparent().remove(ins)

    broken = _rewrite_document_xml(fixture_docx, unwrap_first_insertion)
    assert not lint(broken)
    with pytest.raises(AssertionError):
        assert_round_trip(old_document(), new_document(), broken)


def test_the_lint_catches_broken_markup(fixture_docx):
    def break_it(root):
        deleted = next(root.iter(q("delText")))
        deleted.tag = q("t")
        ids = [e for e in root.iter(q("ins"))]
        ids[1].set(q("id"), ids[0].get(q("id")))
        start = next(root.iter(q("moveToRangeStart")))
        start.getparent().remove(start)

    problems = " | ".join(lint(_rewrite_document_xml(fixture_docx, break_it)))
    assert "w:t inside a deletion" in problems
    assert "already used" in problems
    assert "moveTo range" in problems and "1 moveFrom and 0 moveTo" in problems


def test_file_metadata_is_news(fixture_docx):
    core = zipfile.ZipFile(io.BytesIO(fixture_docx)).read("docProps/core.xml").decode()
    assert "<dc:title>Security Protocols — Term Sheet</dc:title>" in core
    assert "<dc:creator>Coalition of the Willing</dc:creator>" in core
    assert "0.3.0" in core and "0.2.0" not in core


def test_a_moved_clause_whose_status_changed_round_trips_in_docx():
    """The old status tag is not written as a deletion inside the moved-to copy, where
    rejecting the move would leave it behind, glued to the next heading."""
    fixture = old_document()
    forces = fixture.sections[1]
    *kept, last = forces.children
    last = dataclasses.replace(last, status="bracketed")
    moved = dataclasses.replace(last, status="agreed")

    def with_forces(*children):
        return number(dataclasses.replace(fixture, sections=(
            fixture.sections[0], dataclasses.replace(forces, children=children),
            *fixture.sections[2:])))

    old, new = with_forces(*kept, last), with_forces(moved, *kept)
    merged = redline(old, new)
    target = clause(merged, last.id, MOVED_TO)
    assert target.status == moved.status and target.old_status == last.status
    assert_round_trip(old, new)
