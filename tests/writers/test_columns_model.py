"""The N-column view model: a cell per version, marked against the first, with numbers."""

from __future__ import annotations

from termsheet.compare.columns import build_columns
from termsheet.compare.consolidate import Input, consolidate
from termsheet.compare.side_inlines import has_change_marks, printed_text
from termsheet.document.nodes import Deleted, Inserted

from columnsfixtures import edited_columns, row, sample_columns
from samplefixtures import built, sample


def _marks(inlines, kind) -> list[str]:
    return [printed_text(node.children) for node in inlines if isinstance(node, kind)]


def test_a_column_per_version_in_the_order_given_and_every_provision_once():
    view = sample_columns()
    assert [column.label for column in view.columns] == ["US", "COW", "UA"]
    rows = list(view.rows)
    assert [r.id for r in rows] == [r.id for r in view.consolidation.rows]
    assert all(len(r.cells) == 3 for r in rows)
    assert view.convergence.startswith(f"{len(rows)} provisions: ")


def test_a_provision_only_some_address_is_not_addressed_in_the_others():
    found = row(sample_columns(), "commitments/cmt-humanitarian")
    assert found.status == "single_party"
    us, cow, ua = found.cells
    assert not us.addressed and not cow.addressed
    assert us.content == () and us.number == () and not us.marked
    assert ua.addressed and "Prisoners, civilians and children" in printed_text(ua.content)
    assert printed_text(ua.number) == "3.25"
    assert ua.direction.startswith("added")


def test_agreed_rows_printing_the_same_words_have_no_marks():
    view = sample_columns()
    found = row(view, "sources/src-20pt-2025")
    assert found.status == "agreed"
    assert not any(has_change_marks(cell.content) for cell in found.cells)
    assert all(cell.direction is None for cell in found.cells)
    texts = {printed_text(cell.content) for cell in found.cells}
    assert len(texts) == 1


def test_a_changed_number_shows_as_inserted_and_deleted_words():
    found = row(sample_columns(), "commitments/cmt-consult")
    us, cow, ua = found.cells
    assert printed_text(us.number) == "3.2" and not us.marked  # the reference itself
    assert _marks(cow.number, Inserted) == ["3.1"]
    assert _marks(cow.number, Deleted) == ["3.2"]
    assert printed_text(ua.number) == "3.2" and not has_change_marks(ua.number)
    assert found.number == "3.2"


def test_a_changed_word_is_marked_against_the_reference():
    def edit(data):
        data["commitments"][0]["summary"] = data["commitments"][0]["summary"].replace(
            "continuous", "permanent")

    found = row(edited_columns(edit), "commitments/cmt-monitoring-lead")
    first, second = found.cells
    assert not has_change_marks(first.content)
    assert _marks(second.content, Inserted) == ["permanent"]
    assert _marks(second.content, Deleted) == ["continuous"]
    assert found.status == "disputed" and second.direction is not None


def test_other_provisions_inside_a_clause_are_left_to_their_own_rows():
    found = row(sample_columns(), "scope/scope")
    text = printed_text(found.cells[0].content)
    instrument = row(sample_columns(), "related_instruments/rel-bilateral-agreements")
    own = printed_text(instrument.cells[0].content)
    assert own and own not in text


def test_rows_are_grouped_under_their_section_titles():
    view = sample_columns()
    titles = [section.title for section in view.sections]
    assert titles[:3] == ["Parties and roles", "Purpose and scope", "Commitments"]
    assert len(titles) == len(set(titles))


def test_with_a_base_cells_are_marked_against_the_base():
    names = ("us-draft", "coalition-draft")
    base = sample("us-draft-v0.2")
    result = consolidate([Input(sample(n).sheet, f"{n}.yaml") for n in names],
                         Input(base.sheet, "us-draft-v0.2.yaml"))
    view = build_columns(result, [built(n) for n in names], built("us-draft-v0.2"))
    assert view.reference == "base"
    changed = [r for r in view.rows if r.state == "proposal" and r.cells[0].addressed
               and r.cells[0].marked]
    assert changed, "the first version's own changes to the base are marked"


def test_the_sheets_own_fields_print_as_fields_and_agree_only_when_their_words_do():
    # Section 1's prose also lists every guarantor, which the three samples name
    # differently; the row of the sheet's own fields prints those fields only, so an
    # agreed row never shows words that differ.
    found = row(sample_columns(), "document/document")
    assert found.status == "agreed"
    texts = [printed_text(cell.content) for cell in found.cells]
    assert len(set(texts)) == 1
    assert "Beneficiary: ua" in texts[0] and "The guarantors are" not in texts[0]
    assert not any(has_change_marks(cell.content) for cell in found.cells)
