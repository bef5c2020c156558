"""The Consolidation of several versions: the plain frozen dataclasses its outputs read.

A :class:`Consolidation` has one :class:`Row` per provision (every item the
data comparison compares, singletons such as ``duration`` included; the
document header, ``metadata``, is each version's own and is no row), in
document order.  A row has one :class:`Cell` per version — the item's data, or
None where that version does not address it — and the versions holding equal
data grouped (:class:`Group`).  Values are JSON-ready
(``model_dump(mode="json")``).

:func:`termsheet.compare.consolidate.consolidate` computes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from termsheet.compare.comparison import Change, VersionInfo
from termsheet.schema import TermSheet

AGREED = "agreed"
"""Every version holds the same data."""
DISPUTED = "disputed"
"""Every version addresses the provision, not all in the same words."""
PARTIAL = "partial"
"""Some versions, more than one but not all, address it."""
SINGLE_PARTY = "single_party"
"""One version alone addresses it."""
UNADDRESSED = "unaddressed"
"""No version addresses it (only the base or the compromise holds it)."""
STATUSES = (AGREED, DISPUTED, PARTIAL, SINGLE_PARTY, UNADDRESSED)
"""Row statuses, in the order summaries count them."""

UNCHANGED = "unchanged"
"""With a base: every version holds the base's data."""
PROPOSAL = "proposal"
"""With a base: one version changed it, or several changed it identically."""
CONFLICT = "conflict"
"""With a base: several versions changed it differently."""
STATES = (UNCHANGED, PROPOSAL, CONFLICT)
"""Three-way states, in the order summaries count them."""


@dataclass(frozen=True)
class Version:
    """One input file of a consolidation."""

    index: int
    """Its place among the versions (0-based, in the order given); -1 for the base, and
    ``len(versions)`` for the compromise."""
    role: str
    """``version``, ``base`` or ``compromise``."""
    info: VersionInfo
    party: str
    """The drafting party's id (``us``)."""
    code: str
    """The party as brackets print it (``US``)."""
    label: str
    """The column label: the party's code, with the version number when one party tabled
    several versions (``US 0.2.0``)."""
    sheet: TermSheet = field(repr=False, compare=False)


@dataclass(frozen=True)
class Cell:
    """One version's item in a row (``data`` None: that version does not address it)."""

    key: str | None
    """The item's key in that version (``cmt-consult``; the collection name for a singleton)."""
    data: Any
    """The item's data (a singleton's own fields), or None."""
    index: int | None = None
    """The item's index in that version's list (None for a singleton or an absent item)."""
    yaml_path: str | None = None
    """The item's YAML path in that version (``commitments[3]``), None when absent."""
    paired_by: str | None = None
    """How it was aligned with the row: ``id``, ``replaces``, ``hand``, ``similarity``."""
    similarity: float | None = None

    @property
    def addressed(self) -> bool:
        return self.data is not None


@dataclass(frozen=True)
class Group:
    """Versions holding the same data for a provision (equal in the comparison's normal form)."""

    versions: tuple[int, ...]
    """Indices of the versions, in the order given."""
    data: Any


@dataclass(frozen=True)
class Row:
    """One provision across every version."""

    id: str
    """``<collection>/<key>`` (the key of the first version holding it)."""
    collection: str
    key: str
    label: str
    cells: tuple[Cell, ...]
    """One per version, in the order given."""
    groups: tuple[Group, ...]
    """The versions addressing it, grouped by equal data, in order of first appearance."""
    status: str
    """One of :data:`STATUSES`."""
    base: Cell | None = None
    """The base's item (with ``--base``)."""
    state: str | None = None
    """With a base: one of :data:`STATES`; None without."""
    changed: tuple[bool, ...] = ()
    """With a base: whether each version changed the provision (not addressing a provision
    of the base counts as a change)."""
    compromise: Cell | None = None
    """The compromise's item (with ``--compromise``)."""
    changes: tuple[Change | None, ...] = ()
    """Each version's change against the reference (the base, else the first version), with
    directions and reasons; None where it holds the reference's data."""
    compromise_change: Change | None = None

    @property
    def differs(self) -> bool:
        """Whether the versions do not all hold the same data."""
        return self.status != AGREED

    def group_of(self, version: int) -> Group | None:
        """The group holding ``version`` (None: it does not address the provision)."""
        return next((group for group in self.groups if version in group.versions), None)


@dataclass(frozen=True)
class Consolidation:
    """Every provision of several versions, aligned, grouped and judged."""

    versions: tuple[Version, ...]
    rows: tuple[Row, ...]
    base: Version | None = None
    compromise: Version | None = None
    perspective: str = ""
    """Whose protection the directions measure, in one sentence."""

    @property
    def reference(self) -> Version:
        """What directions are read against: the base, else the first version."""
        return self.base if self.base is not None else self.versions[0]

    def counts(self) -> dict[str, int]:
        """Rows by status (every status, zeros included)."""
        found = {status: 0 for status in STATUSES}
        for row in self.rows:
            found[row.status] += 1
        return found

    def state_counts(self) -> dict[str, int] | None:
        """Rows by three-way state (None without a base)."""
        if self.base is None:
            return None
        found = {state: 0 for state in STATES}
        for row in self.rows:
            found[row.state] += 1
        return found

    def row(self, row_id: str) -> Row | None:
        return next((row for row in self.rows if row.id == row_id), None)


STATUS_WORDS = {AGREED: "agreed", DISPUTED: "disputed", PARTIAL: "addressed by some",
                SINGLE_PARTY: "addressed by one", UNADDRESSED: "addressed by none"}
"""How summaries name each status."""
STATE_WORDS = {UNCHANGED: "unchanged", PROPOSAL: "proposals", CONFLICT: "conflicts"}


def convergence_line(consolidation: Consolidation) -> str:
    """``163 provisions: 49 agreed, 68 disputed, …`` (the line that heads every output)."""
    counts = consolidation.counts()
    parts = [f"{counts[status]} {STATUS_WORDS[status]}" for status in STATUSES if counts[status]]
    line = f"{len(consolidation.rows)} provisions: " + ", ".join(parts or ["none"])
    states = consolidation.state_counts()
    if states is not None:
        line += "; against the base: " + ", ".join(f"{states[state]} {STATE_WORDS[state]}"
                                                   for state in STATES)
    return line
