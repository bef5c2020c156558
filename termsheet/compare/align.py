"""Align the items of two versions: by stable key first, by text similarity only for leftovers.

Every collection of the term file (COLLECTIONS, in the order the term sheet
prints them) says where its items live in the data and what identifies an item:
its ``id``, or for guarantors their ``party`` and for ratification steps their
``(party, instrument)``.  Singletons (metadata, scope, forces, duration…) are one
item each.

:func:`align` pairs the items of one collection:

1. by key (a repeated key is told apart by its occurrence: ``us``, ``us#2``);
2. items left unmatched on both sides are paired by the similarity of their
   content when it reaches :data:`SIMILARITY_THRESHOLD` — a guess, labelled
   ``paired_by="similarity"`` with its score;
3. a pair whose position changed relative to the other pairs is a move.  The
   stable pairs are a longest common subsequence of the two orders (so one
   insertion does not make everything after it "moved"); among equally long
   ones the choice depends only on the keys, so reading the comparison the
   other way round marks the same items as moved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from termsheet.compare.tokens import similarity
from termsheet.schema import (
    Body, CommandNode, Commitment, Deployment, DocumentMetadata, DurationClause, Enforcement,
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

MAX_SIMILARITY_CANDIDATES = 250_000
"""Above this many (removed × added) candidate pairs in one collection, no similarity pairing
is attempted (the leftovers stay added and removed) so that huge inputs stay fast."""


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
    """``id`` (same key), ``similarity`` (a guess), or None for an added or removed item."""
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
) -> list[Pair]:
    """Pair the items of one collection; the result is in document order.

    Document order is NEW's order, with each removed item placed after the
    item that preceded it in OLD.  ``signature`` gives an item's content tokens
    for similarity pairing (None: no similarity pairing).
    """
    old_keys, new_keys = item_keys(old_items, key), item_keys(new_items, key)
    new_position = {k: j for j, k in enumerate(new_keys)}
    matched: list[tuple[int, int, float | None]] = []
    old_left = []
    for i, k in enumerate(old_keys):
        j = new_position.pop(k, None)
        if j is None:
            old_left.append(i)
        else:
            matched.append((i, j, None))
    new_left = sorted(new_position.values())
    if signature is not None and old_left and new_left:
        guessed = _pair_by_similarity(old_left, new_left, old_items, new_items, old_keys, new_keys,
                                      signature)
        taken_old = {i for i, _, _ in guessed}
        taken_new = {j for _, j, _ in guessed}
        old_left = [i for i in old_left if i not in taken_old]
        new_left = [j for j in new_left if j not in taken_new]
        matched.extend(guessed)
    moved = _moved(matched, old_keys, new_keys)
    pairs = []
    for i, j, score in matched:
        pairs.append(Pair(
            i, j, old_keys[i], new_keys[j], "id" if score is None else "similarity", score,
            (i, j) in moved,
        ))
    pairs.extend(Pair(i, None, old_keys[i], None) for i in old_left)
    pairs.extend(Pair(None, j, None, new_keys[j]) for j in new_left)
    return sorted(pairs, key=_document_order(pairs))


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


def _pair_by_similarity(old_left, new_left, old_items, new_items, old_keys, new_keys, signature):
    """Greedy pairing of leftovers, best score first; ties broken by the keys, not by the sides."""
    if len(old_left) * len(new_left) > MAX_SIMILARITY_CANDIDATES:
        return []
    old_tokens = {i: signature(old_items[i]) for i in old_left}
    new_tokens = {j: signature(new_items[j]) for j in new_left}
    old_bags = {i: _bag(tokens) for i, tokens in old_tokens.items()}
    new_bags = {j: _bag(tokens) for j, tokens in new_tokens.items()}
    candidates = []
    for i in old_left:
        bag_i, size_i = old_bags[i], len(old_tokens[i])
        for j in new_left:
            size = size_i + len(new_tokens[j])
            if not size or 2 * min(size_i, size - size_i) / size < SIMILARITY_THRESHOLD:
                continue
            if 2 * len(bag_i & new_bags[j]) / size < SIMILARITY_THRESHOLD:
                continue  # the multiset overlap bounds the ratio from above
            score = similarity(old_tokens[i], new_tokens[j])
            if score >= SIMILARITY_THRESHOLD:
                candidates.append((-score, tuple(sorted((old_keys[i], new_keys[j]))), i, j, score))
    candidates.sort(key=lambda c: c[:2])
    taken_old, taken_new, guessed = set(), set(), []
    for _, _, i, j, score in candidates:
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            guessed.append((i, j, round(score, 3)))
    return guessed


def _bag(tokens: tuple[str, ...]) -> frozenset:
    """Tokens numbered by occurrence, so that set intersection counts a multiset overlap."""
    seen: dict[str, int] = {}
    bag = []
    for token in tokens:
        seen[token] = seen.get(token, 0) + 1
        bag.append((token, seen[token]))
    return frozenset(bag)


def _moved(matched, old_keys, new_keys) -> set[tuple[int, int]]:
    """The matched pairs outside the kept common subsequence of the two orders.

    The kept pairs form the longest sequence in the same relative order on both
    sides; among equally long ones, the one with the greatest sum of 2**rank
    (rank: the pair's keys in sorted order) — a unique choice that does not depend
    on which version is called old.
    """
    by_old = sorted(matched)
    news = [j for _, j, _ in by_old]
    if all(a < b for a, b in zip(news, news[1:])):
        return set()
    n = len(by_old)
    ranks = {pair: r for r, pair in enumerate(
        sorted(by_old, key=lambda p: tuple(sorted((old_keys[p[0]], new_keys[p[1]]))))
    )}
    base = 1 << n
    weights = [base + (1 << ranks[pair]) for pair in by_old]
    order = sorted(range(n), key=lambda k: news[k])
    slot = {k: s + 1 for s, k in enumerate(order)}  # 1-based Fenwick positions by NEW index
    tree_value = [0] * (n + 1)
    tree_item = [-1] * (n + 1)
    best = [0] * n
    previous = [-1] * n
    for k in range(n):  # in OLD order
        position, value, item = slot[k] - 1, 0, -1
        while position > 0:  # best chain ending at a smaller NEW index
            if tree_value[position] > value:
                value, item = tree_value[position], tree_item[position]
            position -= position & -position
        best[k], previous[k] = value + weights[k], item
        position = slot[k]
        while position <= n:
            if best[k] > tree_value[position]:
                tree_value[position], tree_item[position] = best[k], k
            position += position & -position
    end = max(range(n), key=lambda k: best[k])
    kept = set()
    while end != -1:
        kept.add(end)
        end = previous[end]
    return {(by_old[k][0], by_old[k][1]) for k in range(n) if k not in kept}
