"""Align the items of two versions: by stable key first, by text similarity only for leftovers.

Every collection of the term file (COLLECTIONS, in the order the term sheet
prints them) says where its items live in the data and what identifies an item:
its ``id``, or for guarantors their ``party`` and for ratification steps their
``(party, instrument)``.  Singletons (metadata, scope, forces, duration…) are one
item each.

:func:`align` pairs the items of one collection with the one aligner
(:mod:`termsheet.compare.sequence`):

1. by key (a repeated key is told apart by its occurrence: ``us``, ``us#2``);
2. a key pair whose position changed relative to the other pairs is a move.  The
   stable pairs are a longest common subsequence of the two orders (so one
   insertion does not make everything after it "moved"); among equally long
   ones the choice depends only on the keys, so reading the comparison the
   other way round marks the same items as moved;
3. items left unmatched between two stable pairs are paired, in order, by the
   similarity of their content when it reaches :data:`SIMILARITY_THRESHOLD` — a
   guess, labelled ``paired_by="similarity"`` with its score.

Before similarity, two items that no id pairs may be paired by what people say:
by hand (``pairs``, from ``termsheet diff --pair OLD=NEW``), labelled ``hand``;
or by a provision's ``replaces: OLD-ID``, labelled ``replaces``.  Such a pair is
then a key pair like any other (it can be a move).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from termsheet.compare.sequence import Likeness, match
from termsheet.schema.suggest import suggest
from termsheet.schema import (
    Annex, Body, CommandNode, Commitment, Deployment, DocumentMetadata, DurationClause, Enforcement,
    EngagementStep, ForceLimit, Forces, Guarantor, MonitoringMechanism, OpenIssue, Party,
    RatificationStep, RelatedInstrument, ResponseStep, Scope, Source, Termination, TermSheet,
    TerritorialProvision, Trigger,
)

SIMILARITY_THRESHOLD = 0.6
"""Least similarity (difflib ratio of the items' content tokens, 0–1) for pairing leftovers.

Content tokens are the words of an item's text fields plus ``field=value`` for its
other non-default values, leaving out its key and its provenance (basis, sources,
notes, text status).  0.6 pairs an item whose id was renamed and whose text was
edited, and keeps apart two different commitments of the same kind (those share
only their enum values, typically a ratio below 0.35)."""

SIMILARITY_CANDIDATES = 4
"""Leftovers of the other side scored for one leftover in a large gap: the work grows with the
number of leftovers, not with its square (:class:`~termsheet.compare.sequence.Likeness`)."""


@dataclass(frozen=True)
class Collection:
    """One kind of item in a term file and how to find and identify it."""

    name: str
    """Name used in change ids and summaries, e.g. ``commitments``."""
    container: tuple[str, ...]
    """Keys from the root of the data to the list (or, for a singleton, to the object)."""
    model: type
    """The pydantic model of one item."""
    key: tuple[str, ...] = ("id",)
    """Fields whose values identify an item (joined with ``:``); empty for singletons."""
    singleton: bool = False
    """One item (the object at ``container``), not a list."""
    fields: tuple[str, ...] | None = None
    """For singletons: the fields that belong to the item (None: all except ``exclude``)."""
    exclude: tuple[str, ...] = ()
    """For singletons: fields held by other collections (sub-lists)."""
    similarity: bool = True
    """Whether leftover items may be paired by similarity (off where the key *is* the identity)."""
    absent_is_empty: bool = False
    """For singletons: a missing object counts as an empty one (pure containers)."""

    @property
    def pointer(self) -> str:
        """JSON pointer of the list or object, e.g. ``/forces/deployments``."""
        return "".join("/" + part for part in self.container)

    def own_fields(self) -> tuple[str, ...]:
        """The fields of a singleton that this item compares."""
        if self.fields is not None:
            return self.fields
        return tuple(name for name in self.model.model_fields if name not in self.exclude)


COLLECTIONS: tuple[Collection, ...] = (
    Collection("metadata", ("metadata",), DocumentMetadata, (), singleton=True),
    Collection(
        "document", (), TermSheet, (), singleton=True,
        fields=("schema_version", "beneficiary", "counterparties", "mediators"),
    ),
    Collection("parties", ("parties",), Party),
    Collection("guarantors", ("guarantors",), Guarantor, ("party",), similarity=False),
    Collection(
        "scope", ("scope",), Scope, (), singleton=True,
        exclude=("relationship_to_other_instruments",),
    ),
    Collection(
        "related_instruments", ("scope", "relationship_to_other_instruments"), RelatedInstrument,
    ),
    Collection("commitments", ("commitments",), Commitment),
    Collection("force_limits", ("force_limits",), ForceLimit),
    Collection(
        "forces", ("forces",), Forces, (), singleton=True,
        exclude=("command_nodes", "deployments"), absent_is_empty=True,
    ),
    Collection("command_nodes", ("forces", "command_nodes"), CommandNode),
    Collection("deployments", ("forces", "deployments"), Deployment),
    Collection("monitoring", ("monitoring",), MonitoringMechanism),
    Collection("bodies", ("bodies",), Body),
    Collection(
        "enforcement", ("enforcement",), Enforcement, (), singleton=True,
        exclude=("triggers", "responses"), absent_is_empty=True,
    ),
    Collection("triggers", ("enforcement", "triggers"), Trigger),
    Collection("responses", ("enforcement", "responses"), ResponseStep),
    Collection("territorial_provisions", ("territorial_provisions",), TerritorialProvision),
    Collection(
        "duration", ("duration",), DurationClause, (), singleton=True, exclude=("termination",),
    ),
    Collection("terminations", ("duration", "termination"), Termination),
    Collection("ratification", ("ratification",), RatificationStep, ("party", "instrument")),
    Collection("engagement_plan", ("engagement_plan",), EngagementStep),
    Collection("open_issues", ("open_issues",), OpenIssue),
    Collection("sources", ("sources",), Source),
    Collection("annexes", ("annexes",), Annex),
)
"""Every collection, in the order the term sheet prints them (docs/domain.md §Document order)."""

COLLECTION_BY_NAME = {collection.name: collection for collection in COLLECTIONS}

NESTED_KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Guarantor", "roles"): ("domain",),
    ("Guarantor", "caveats"): ("code",),
    ("OpenIssue", "positions"): ("party",),
    ("RatificationStep", "preconditions"): ("kind",),
}
"""Lists of objects inside an item, aligned by these fields (their order is not compared)."""


def nested_key_fields(model_name: str, field: str, item_model: type) -> tuple[str, ...]:
    """Key fields of a list of objects inside an item (``id`` if it has one, else position)."""
    if (model_name, field) in NESTED_KEYS:
        return NESTED_KEYS[(model_name, field)]
    return ("id",) if "id" in item_model.model_fields else ()


def item_keys(items: Sequence[dict], key: tuple[str, ...]) -> list[str]:
    """Each item's key; a repeated one gets ``#2``, ``#3``… by occurrence; no key: ``#1``…"""
    keys, seen = [], {}
    for index, item in enumerate(items):
        if key:
            base = ":".join(str(item.get(name)) for name in key)
        else:
            base = ""
        count = seen.get(base, 0) + 1
        seen[base] = count
        keys.append(base if count == 1 and base else f"{base}#{count}")
    return keys


@dataclass(frozen=True)
class Pair:
    """Two aligned items (or one item present on one side only)."""

    old_index: int | None
    new_index: int | None
    old_key: str | None
    new_key: str | None
    paired_by: str | None = None
    """``id`` (same key), ``hand``, ``replaces``, ``similarity`` (a guess), or None for an
    added or removed item."""
    score: float | None = None
    """Similarity score of a guessed pair."""
    moved: bool = False
    """The item changed position relative to the items present in both versions."""


def align(
    old_items: Sequence[dict],
    new_items: Sequence[dict],
    key: tuple[str, ...],
    *,
    signature: Callable[[dict], tuple[str, ...]] | None = None,
    pairs: Mapping[str, str] | None = None,
) -> list[Pair]:
    """Pair the items of one collection; the result is in document order.

    Document order is NEW's order, with each removed item placed after the
    item that preceded it in OLD.  ``signature`` gives an item's content tokens
    for similarity pairing (None: no similarity pairing).  ``pairs`` maps OLD
    keys to NEW keys paired by hand (keys this collection lacks are ignored);
    then, in a collection keyed by id, an item's ``replaces`` pairs it with the
    other side's item of that id.
    """
    old_keys, new_keys = item_keys(old_items, key), item_keys(new_items, key)
    shared = set(old_keys) & set(new_keys)
    joined = _joined(old_items, new_items, old_keys, new_keys, shared, key, pairs or {})
    old_match = {k: k for k in shared} | {old: old for old, _ in joined.values()}
    new_match = {k: k for k in shared} | {new: old for new, (old, _) in joined.items()}
    likeness = None
    if signature is not None:
        likeness = Likeness(lambda entry: None, lambda entry: signature(entry[1]),
                            threshold=SIMILARITY_THRESHOLD, candidates=SIMILARITY_CANDIDATES,
                            fingerprint=lambda entry: _content(entry[1], key))
    old_entries = [(old_match.get(k), item) for k, item in zip(old_keys, old_items)]
    new_entries = [(new_match.get(k), item) for k, item in zip(new_keys, new_items)]
    result = []
    for m in match(old_entries, new_entries, lambda entry: entry[0], likeness):
        old_key = None if m.old is None else old_keys[m.old]
        new_key = None if m.new is None else new_keys[m.new]
        paired_by = _PAIRED_BY.get(m.by)
        if m.by == "key" and old_key != new_key:
            paired_by = joined[new_key][1]
        result.append(Pair(m.old, m.new, old_key, new_key, paired_by,
                           None if m.score is None else round(m.score, 3), m.moved))
    return sorted(result, key=_document_order(result))


_PAIRED_BY = {"key": "id", "similarity": "similarity"}


UNSIGNED_FIELDS = frozenset({"basis", "source_refs", "notes", "proposed_by", "replaces",
                             "text_status"})
"""Fields an item's content tokens leave out besides its key: its provenance and text status
(:func:`termsheet.compare.fields.signature`; a test keeps the two in step)."""


def _content(item: dict, key: tuple[str, ...]) -> str:
    """An item's data without its key and :data:`UNSIGNED_FIELDS`: equal for two items whose
    content tokens are equal, and much cheaper to compute."""
    return repr(sorted((name, value) for name, value in item.items()
                       if name not in key and name not in UNSIGNED_FIELDS))


def _joined(old_items, new_items, old_keys, new_keys, shared, key, pairs) -> dict[str, tuple]:
    """NEW key → (OLD key, ``hand`` or ``replaces``) for items that no id pairs.

    First the hand pairs, then each NEW item's ``replaces``, then each OLD item's (so
    that reading the comparison the other way round pairs the same items); an item
    already joined is left out of later claims.
    """
    old_free = set(old_keys) - shared
    new_free = set(new_keys) - shared
    joined: dict[str, tuple[str, str]] = {}

    def join(old: str, new: str, how: str) -> None:
        if old in old_free and new in new_free:
            old_free.discard(old)
            new_free.discard(new)
            joined[new] = (old, how)

    for old, new in pairs.items():
        join(old, new, "hand")
    if key == ("id",):
        for new, item in zip(new_keys, new_items):
            if isinstance(item.get("replaces"), str):
                join(item["replaces"], new, "replaces")
        for old, item in zip(old_keys, old_items):
            if isinstance(item.get("replaces"), str):
                join(old, item["replaces"], "replaces")
    return joined


def pair_problems(old: TermSheet, new: TermSheet,
                  pairs: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Why hand pairs (OLD id → NEW id) cannot be made: (OLD id, NEW id, reason) each.

    Both ids must name an item of the same collection, on their side, that no id
    pairs already (a NEW item with OLD's id, or the reverse).
    """
    old_ids, new_ids = item_ids(old), item_ids(new)
    problems = []
    for old_id, new_id in pairs.items():
        reasons = [_unknown(side, ident, ids) for side, ident, ids in
                   (("OLD", old_id, old_ids), ("NEW", new_id, new_ids)) if ident not in ids]
        if not reasons and old_ids[old_id] != new_ids[new_id]:
            reasons.append(f"OLD's {old_id} is one of its {old_ids[old_id]} and NEW's {new_id} "
                           f"one of its {new_ids[new_id]}; only items of one collection pair")
        elif not reasons:
            if new_ids.get(old_id) == old_ids[old_id]:
                reasons.append(f"OLD's {old_id} is already paired by id (NEW has {old_id} too)")
            if old_ids.get(new_id) == new_ids[new_id]:
                reasons.append(f"NEW's {new_id} is already paired by id (OLD has {new_id} too)")
        problems += [(old_id, new_id, reason) for reason in reasons]
    return problems


def item_ids(sheet: TermSheet) -> dict[str, str]:
    """Every id of the collections keyed by id, with the name of its collection."""
    ids: dict[str, str] = {}
    for collection in COLLECTIONS:
        if collection.singleton or collection.key != ("id",):
            continue
        items = sheet
        for part in collection.container:
            items = getattr(items, part, None) if items is not None else None
        for item in items or ():
            ids.setdefault(item.id, collection.name)
    return ids


def _unknown(side: str, ident: str, ids: dict[str, str]) -> str:
    guess = suggest(ident, ids)
    return f"{side} has no item with id {ident}" + (f" (did you mean {guess}?)" if guess else "")


def _document_order(pairs: list[Pair]) -> Callable[[Pair], tuple]:
    """Sort key: NEW's order; a removed item follows the OLD item before it that is still there."""
    new_of_old = {p.old_index: p.new_index for p in pairs if p.old_index is not None}
    anchors: dict[int, int] = {}
    last = -1
    for i in sorted(new_of_old):
        anchors[i] = last
        if new_of_old[i] is not None:
            last = new_of_old[i]

    def order(pair: Pair) -> tuple:
        if pair.new_index is not None:
            return (pair.new_index, 0, 0)
        return (anchors[pair.old_index], 1, pair.old_index)

    return order
