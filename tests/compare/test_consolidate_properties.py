"""Property tests of consolidate() on generated versions (mutated samples, as diff's tests).

- a sheet consolidated with itself N times is agreed on every provision;
- with two versions, a provision differs exactly when ``diff`` reports a change of it
  (a move aside: a consolidation follows the first version's order);
- with three, two versions share a group exactly when ``diff`` between them reports
  no change of that provision.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from termsheet.compare import compare
from termsheet.compare.consolidate import consolidate
from termsheet.compare.consolidation import AGREED

from test_compare_properties import SETTINGS, sheet_pairs


def _reported(old, new) -> set[tuple[str, str]]:
    """The provisions ``diff`` reports changed (by both sides' keys), moves and header aside."""
    found = set()
    for change in compare(old, new).changes:
        if change.kind != "moved" and change.collection != "metadata":
            found |= {(change.collection, key) for key in (change.old_id, change.new_id) if key}
    return found


@SETTINGS
@given(sheet_pairs(), st.integers(1, 4))
def test_a_sheet_with_itself_is_agreed_everywhere(pair, copies):
    sheet = pair[0]
    result = consolidate([sheet] * copies)
    assert result.rows and all(row.status == AGREED for row in result.rows)
    assert all(len(row.groups) == 1 and row.groups[0].versions == tuple(range(copies))
               for row in result.rows)
    assert all(change is None for row in result.rows for change in row.changes)


@SETTINGS
@given(sheet_pairs())
def test_two_versions_differ_exactly_where_diff_reports_a_change(pair):
    old, new = pair
    result = consolidate([old, new])
    differing = set()
    for row in result.rows:
        keys = {cell.key for cell in row.cells if cell.addressed}
        if row.differs:
            differing |= {(row.collection, key) for key in keys}
    assert differing == _reported(old, new)


@SETTINGS
@given(sheet_pairs(), sheet_pairs())
def test_groups_are_the_versions_diff_finds_equal(first, second):
    versions = [first[0], first[1], second[1]]
    if len({sheet.metadata.doc_id for sheet in versions}) > 1:
        versions = [first[0], first[1], first[0]]
    result = consolidate(versions)
    reported = {(i, j): _reported(versions[i], versions[j]) for i in range(3) for j in range(3)
                if i < j}
    for row in result.rows:
        for (i, j), changed in reported.items():
            cells = row.cells[i], row.cells[j]
            if not all(cell.addressed for cell in cells):
                continue
            same_group = row.group_of(i) is row.group_of(j)
            keys = {(row.collection, cell.key) for cell in cells}
            assert same_group == (not keys & changed), (row.id, i, j)
