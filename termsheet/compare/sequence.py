"""The one aligner of two sequences: by stable key, then moves, then likeness.

1. Items whose key both sides have are paired by it (a key repeated on one side
   pairs by occurrence: the second ``a`` with the second ``a``).
2. The key pairs that keep their relative order are a longest common subsequence
   of the two orders, so one insertion does not make everything after it
   "moved"; among equally long ones the choice depends only on the keys, so
   reading the two sides the other way round marks the same items moved.  The
   other key pairs are moves.
3. Between two consecutive stable pairs (a gap), the items without a key are
   paired by :class:`Likeness`: the same signature, in order, best total
   similarity (:func:`termsheet.compare.tokens.similarity`).  A small gap
   scores every pair.  In a large one, items with the same content on both
   sides pair without scoring, and each other item is scored only against a
   few candidates: its neighbours at the same relative place and the items of
   the other side that share most of its uncommon pairs of neighbouring
   tokens (an inverted index).  The work grows with the number of items, not
   with its square; the best pairs in order then come from a chain over the
   candidates.

:func:`match` gives the pairs (and the items left on one side);
:func:`align` gives the steps of a redline in output order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from termsheet.compare.tokens import similarity

ALIKE = 0.5
"""Similarity from which two items at the same place of equally shaped gaps pair by position."""


@dataclass(frozen=True)
class Likeness:
    """How the items without a key are paired inside a gap."""

    signature: Callable[[object], Hashable]
    """Only items with equal signatures (kind, role…) may pair."""
    words: Callable[[object], Sequence[str]]
    """An item's tokens, compared by :func:`~termsheet.compare.tokens.similarity`."""
    threshold: float = 0.0
    """Least similarity for a pair."""
    bonus: float = 0.0
    """Gain of any pair on top of its similarity (above 0: more pairs are preferred)."""
    candidates: int = 8
    """Items of the other side scored for one item of a large gap (one where (old × new)
    exceeds ``candidates`` × (old + new)); a small gap scores every pair."""
    fingerprint: Callable[[object], Hashable] | None = None
    """A cheap stand-in for an item's words: equal fingerprints mean equal words, so a large
    gap pairs such items without computing their words (None: the words themselves)."""


@dataclass(frozen=True)
class Match:
    """Two paired items, or an item present on one side only (indices into the sequences)."""

    old: int | None
    new: int | None
    by: str | None = None
    """``key``, ``similarity``, or None for an item on one side only."""
    score: float | None = None
    """Similarity of a pair made by likeness."""
    moved: bool = False
    """A key pair outside the stable common subsequence."""


@dataclass(frozen=True)
class Op:
    """One step of an alignment: ``same`` (paired), ``ins``, ``del``, ``move_from`` or ``move_to``."""

    kind: str
    old: object = None
    new: object = None


@dataclass(frozen=True)
class _Occurrence:
    """A key seen again on the same side: its ``count``-th occurrence."""

    key: Hashable
    count: int


# ------------------------------------------------------------------ entry points

def match(old: Sequence, new: Sequence, key: Callable[[object], Hashable | None],
          likeness: Likeness | None = None) -> list[Match]:
    """Pair the items of two sequences; the result is sorted by (OLD index, NEW index).

    ``key(item)`` is an item's stable key, or None for an item without one (only
    those are paired by ``likeness``; None: they stay on their side).
    """
    found = {(m.old, m.new): m for _, m in _steps(old, new, key, likeness)}
    return sorted(found.values(), key=lambda m: (_none_last(m.old), _none_last(m.new)))


def align(old: Sequence, new: Sequence, key: Callable, sig: Callable, words: Callable) -> list[Op]:
    """Align two sequences for a redline; the ops come in output order.

    ``key(item)`` is a hashable id or None; ``sig(item)`` groups id-less items that
    may pair (type and role); ``words(item)`` gives their tokens for similarity.
    Output order is NEW's order, with OLD-only items where they stood relative to
    their neighbours, deletions before insertions; a moved item is ``move_from``
    where it stood in OLD and ``move_to`` where it stands in NEW.
    """
    likeness = Likeness(sig, words, bonus=0.2)
    ops = []
    for kind, m in _steps(old, new, key, likeness):
        if kind == "pair":
            ops.append(Op("same", old[m.old], new[m.new]))
        elif kind == "old_only":
            ops.append(Op("move_from" if m.moved else "del", old=old[m.old]))
        else:
            ops.append(Op("move_to" if m.moved else "ins", new=new[m.new]))
    return ops


def _none_last(index: int | None) -> tuple[int, int]:
    return (1, 0) if index is None else (0, index)


# ------------------------------------------------------------------ the walk

def _steps(old, new, key, likeness) -> list[tuple[str, Match]]:
    """The alignment in output order: ``pair``, ``old_only`` and ``new_only`` steps.

    A moved pair appears twice: as ``old_only`` where it stood and ``new_only``
    where it stands (both carrying the whole pair, marked moved).
    """
    old_keys, new_keys = _unique([key(x) for x in old]), _unique([key(y) for y in new])
    keyed = _key_pairs(old_keys, new_keys)
    stable = _stable(keyed, old_keys)
    moved_old = {i: Match(i, j, "key", moved=True) for i, j in keyed if (i, j) not in stable}
    moved_new = {m.new: m for m in moved_old.values()}
    steps: list[tuple[str, Match]] = []
    start_old = start_new = 0
    for i, j in sorted(stable) + [(len(old), len(new))]:
        olds = [k for k in range(start_old, i) if old_keys[k] is None]
        news = [k for k in range(start_new, j) if new_keys[k] is None]
        alike = _pair_alike(olds, news, old, new, likeness) if likeness else []
        steps += _gap_steps(range(start_old, i), range(start_new, j), alike, moved_old, moved_new)
        if i < len(old):
            steps.append(("pair", Match(i, j, "key")))
        start_old, start_new = i + 1, j + 1
    return steps


def _gap_steps(olds: range, news: range, alike, moved_old, moved_new) -> list[tuple[str, Match]]:
    """One gap: before each likeness pair, the OLD items then the NEW items that precede it."""
    steps: list[tuple[str, Match]] = []
    at_old, at_new = olds.start, news.start
    for i, j, score in alike + [(olds.stop, news.stop, None)]:
        steps += [("old_only", moved_old.get(k, Match(k, None))) for k in range(at_old, i)]
        steps += [("new_only", moved_new.get(k, Match(None, k))) for k in range(at_new, j)]
        if i < olds.stop:
            steps.append(("pair", Match(i, j, "similarity", score)))
        at_old, at_new = i + 1, j + 1
    return steps


def _unique(keys: list) -> list:
    """Keys with a repeated one told apart by its occurrence."""
    seen: dict = {}
    out = []
    for k in keys:
        if k is None:
            out.append(None)
            continue
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else _Occurrence(k, seen[k]))
    return out


def _key_pairs(old_keys: list, new_keys: list) -> list[tuple[int, int]]:
    """(OLD index, NEW index) of the keys both sides have, in OLD order."""
    new_at = {k: j for j, k in enumerate(new_keys) if k is not None}
    return [(i, new_at[k]) for i, k in enumerate(old_keys) if k is not None and k in new_at]


# ------------------------------------------------------------------ stable pairs

def _stable(pairs: list[tuple[int, int]], old_keys: list) -> set[tuple[int, int]]:
    """The pairs of a longest common subsequence of the two orders (``pairs`` in OLD order).

    Among equally long ones, the one with the greatest sum of 2**rank (rank: the
    pair's key in sorted order): a unique choice that does not depend on which
    side is called old.
    """
    news = [j for _, j in pairs]
    if all(a < b for a, b in zip(news, news[1:])):
        return set(pairs)
    n = len(pairs)
    ranks = _ranks([old_keys[i] for i, _ in pairs])
    weights = [(1 << n) + (1 << rank) for rank in ranks]
    return {pairs[k] for k in heaviest_chain(news, weights)}


def heaviest_chain(values: list[int], weights: list[int]) -> list[int]:
    """The indices of the increasing subsequence of ``values`` with the greatest total weight
    (weights above any sum of smaller ones make it a longest one first), in O(n log n)."""
    n = len(values)
    if n == 0:
        return []
    slot = {k: s + 1 for s, k in enumerate(sorted(range(n), key=lambda k: values[k]))}
    tree_value, tree_item = [0] * (n + 1), [-1] * (n + 1)
    best, previous = [0] * n, [-1] * n
    for k in range(n):  # best chain ending at a smaller value (Fenwick tree of maxima)
        position, value, item = slot[k] - 1, 0, -1
        while position > 0:
            if tree_value[position] > value:
                value, item = tree_value[position], tree_item[position]
            position -= position & -position
        best[k], previous[k] = value + weights[k], item
        position = slot[k]
        while position <= n:
            if best[k] > tree_value[position]:
                tree_value[position], tree_item[position] = best[k], k
            position += position & -position
    end, chain = max(range(n), key=lambda k: best[k]), []
    while end != -1:
        chain.append(end)
        end = previous[end]
    return chain[::-1]


def _ranks(keys: list) -> list[int]:
    """Each key's place in the sorted keys (repr order where the keys do not compare)."""
    try:
        order = sorted(range(len(keys)), key=lambda k: _natural(keys[k]))
    except TypeError:
        order = sorted(range(len(keys)), key=lambda k: repr(_natural(keys[k])))
    ranks = [0] * len(keys)
    for rank, k in enumerate(order):
        ranks[k] = rank
    return ranks


def _natural(key) -> tuple:
    return (key.key, key.count) if isinstance(key, _Occurrence) else (key, 1)


# ------------------------------------------------------------------ likeness

def _pair_alike(olds: list[int], news: list[int], old, new, likeness: Likeness):
    """Pair id-less items of a gap: same signature, in order, best total likeness.

    Returns (OLD index, NEW index, similarity) in order.  The best pairing is
    computed with the sides in a canonical order, so it does not depend on which
    side is called old.
    """
    if not olds or not news:
        return []
    a = _Side([old[i] for i in olds], likeness)
    b = _Side([new[j] for j in news], likeness)
    flipped = _flip(a, b, likeness)
    first, second = (b, a) if flipped else (a, b)
    pairs = _pairing(first, second, likeness)
    if flipped:
        pairs = [(j, i, score) for i, j, score in pairs]
    return [(olds[i], news[j], score) for i, j, score in pairs]


class _Side:
    """The id-less items of one side of a gap, with their signatures and (lazily) words."""

    def __init__(self, items: list, likeness: Likeness):
        self.items = items
        self.sigs = [likeness.signature(item) for item in items]
        self._words = likeness.words
        self._fingerprint = likeness.fingerprint
        self._cache: dict[int, tuple] = {}
        self._prints: dict[int, Hashable] = {}
        self._bags: dict[int, frozenset] = {}
        self._shingles: dict[int, tuple] = {}

    def words(self, index: int) -> tuple:
        """The tokens of an item (computed once)."""
        if index not in self._cache:
            self._cache[index] = tuple(self._words(self.items[index]))
        return self._cache[index]

    def bag(self, index: int) -> frozenset:
        """The tokens of an item as a multiset (computed once)."""
        if index not in self._bags:
            self._bags[index] = _bag(self.words(index))
        return self._bags[index]

    def shingles(self, index: int) -> tuple:
        """The distinct pairs of neighbouring tokens of an item (its token, if it has one)."""
        if index not in self._shingles:
            words = self.words(index)
            self._shingles[index] = (
                words if len(words) < 2 else tuple(dict.fromkeys(zip(words, words[1:]))))
        return self._shingles[index]

    def fingerprint(self, index: int) -> Hashable:
        """The item's fingerprint (:attr:`Likeness.fingerprint`, computed once)."""
        if self._fingerprint is None:
            return self.words(index)
        if index not in self._prints:
            self._prints[index] = self._fingerprint(self.items[index])
        return self._prints[index]

    def identity(self, index: int, large: bool) -> str:
        """A text of an item that orders the two sides of a gap the same way whichever is
        called old (from its fingerprint in a large gap)."""
        return repr((self.sigs[index], self.fingerprint(index) if large else self.words(index)))


def _flip(a: _Side, b: _Side, likeness: Likeness) -> bool:
    """Whether to compute with ``b`` first (sides in canonical order)."""
    n = len(a.items)
    if n != len(b.items):
        return n > len(b.items)
    large = n * n > likeness.candidates * 2 * n
    for k in range(n):
        first, second = a.identity(k, large), b.identity(k, large)
        if first != second:
            return first > second
    return False


def _pairing(a: _Side, b: _Side, likeness: Likeness) -> list[tuple[int, int, float]]:
    """The best pairing of two sides of a gap, as (index in ``a``, index in ``b``, similarity).

    A small gap scores every pair of the same signature; a larger one scores only
    the candidates of :func:`_candidates`, at most a few per item.
    """
    n, m = len(a.items), len(b.items)
    scores = _Scores(a, b)
    if a.sigs == b.sigs:
        least = max(likeness.threshold, ALIKE)
        if all(scores(i, i) >= least for i in range(n)):
            return [(i, i, scores(i, i)) for i in range(n)]  # same shape, each pair alike
    if n * m <= likeness.candidates * (n + m):
        pairs = ((i, j) for i in range(n) for j in range(m))
        return _best_in_order(a, b, _gains(a, b, pairs, scores, likeness))
    gains = _gains(a, b, sorted(_candidates(a, b, likeness.candidates)), scores, likeness)
    return _best_chain(gains, m)


class _Scores:
    """Similarity of two items of a gap, each pair scored once."""

    def __init__(self, a: _Side, b: _Side):
        self.a, self.b = a, b
        self._known: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int) -> float:
        if (i, j) not in self._known:
            alike = self.alike(i, j)
            self._known[i, j] = 1.0 if alike else similarity(self.a.words(i), self.b.words(j))
        return self._known[i, j]

    def alike(self, i: int, j: int) -> bool:
        """Whether two items are equal, or have equal fingerprints (similarity 1)."""
        a, b = self.a, self.b
        return a.items[i] == b.items[j] or a.fingerprint(i) == b.fingerprint(j)


def _gains(a: _Side, b: _Side, pairs, scores: _Scores, likeness: Likeness) -> dict:
    """(gain, similarity) of each of ``pairs`` that may be made: same signature, similar enough."""
    gains = {}
    for i, j in pairs:
        if a.sigs[i] != b.sigs[j]:
            continue
        if not scores.alike(i, j) and not _may_reach(a, i, b, j, likeness.threshold):
            continue
        score = scores(i, j)
        if score >= likeness.threshold:
            gains[i, j] = (likeness.bonus + score, score)
    return gains


def _may_reach(a: _Side, i: int, b: _Side, j: int, threshold: float) -> bool:
    """Whether the similarity of two items can reach ``threshold`` (cheap upper bounds)."""
    if threshold <= 0:
        return True
    first, second = a.words(i), b.words(j)
    size = len(first) + len(second)
    if not size:
        return True
    if 2 * min(len(first), len(second)) / size < threshold:
        return False
    return 2 * len(a.bag(i) & b.bag(j)) / size >= threshold


def _bag(tokens: tuple) -> frozenset:
    """Tokens numbered by occurrence, so that set intersection counts a multiset overlap."""
    seen: dict = {}
    bag = []
    for token in tokens:
        seen[token] = seen.get(token, 0) + 1
        bag.append((token, seen[token]))
    return frozenset(bag)


# ------------------------------------------------------------------ candidates

def _candidates(a: _Side, b: _Side, per_item: int) -> set[tuple[int, int]]:
    """The pairs of a large gap worth scoring: same signature, and alike or near.

    Per signature: every pair when the group is small.  Else an item whose
    fingerprint is found once on each side pairs with its twin; the others get
    their neighbours at the same relative place among the others (:func:`_near`)
    and the ``per_item`` others of the other side that share most uncommon token
    pairs with them (:func:`_sharing`), taken from both sides.  Every rule reads
    both sides alike, so the candidates do not depend on which side is called old.
    """
    groups_a, groups_b = _groups(a.sigs), _groups(b.sigs)
    found: set[tuple[int, int]] = set()
    for sig, olds in groups_a.items():
        news = groups_b.get(sig)
        if not news:
            continue
        if len(olds) * len(news) > per_item * (len(olds) + len(news)):
            twins = _twins(a, olds, b, news)
            found.update(twins)
            paired_old, paired_new = {i for i, _ in twins}, {j for _, j in twins}
            olds = [i for i in olds if i not in paired_old]
            news = [j for j in news if j not in paired_new]
        if len(olds) * len(news) <= per_item * (len(olds) + len(news)):
            found.update((i, j) for i in olds for j in news)
            continue
        found.update(_near(olds, news))
        found.update(_sharing(a, olds, b, news, per_item))
        found.update((i, j) for j, i in _sharing(b, news, a, olds, per_item))
    return found


def _twins(a: _Side, olds: list[int], b: _Side, news: list[int]) -> list[tuple[int, int]]:
    """Pairs of items whose fingerprint is found once on each side."""
    seen: dict = {}
    for side, indices in ((0, olds), (1, news)):
        owner = a if side == 0 else b
        for index in indices:
            seen.setdefault(owner.fingerprint(index), ([], []))[side].append(index)
    return [(o[0], n[0]) for o, n in seen.values() if len(o) == 1 and len(n) == 1]


def _groups(sigs: list) -> dict:
    groups: dict = {}
    for index, sig in enumerate(sigs):
        groups.setdefault(sig, []).append(index)
    return groups


def _near(olds: list[int], news: list[int]):
    """Pairs at about the same relative place: ``|u·q − v·p| ≤ max(p, q)`` (p, q: group sizes)."""
    p, q = len(olds), len(news)
    reach = max(p, q)
    for u, i in enumerate(olds):
        low = max(0, -(-(u * q - reach) // p))
        for v in range(low, min(q - 1, (u * q + reach) // p) + 1):
            yield i, news[v]


RARE = 12
"""Token pairs of an item looked up in the other side: its rarest ones that the other side has."""

COMMON = 32
"""A token pair found in more items of a group than this is too common to look up."""

_WEIGHT = 720_720
"""The weight of a token pair found in one item (divisible by 1 to 16)."""


def _sharing(a: _Side, olds: list[int], b: _Side, news: list[int], per_item: int):
    """For each item of ``olds``, the ``per_item`` items of ``news`` that share most of its
    :data:`RARE` rarest token pairs, none of them :data:`COMMON` (a pair found in k items of
    the group weighs about 1/k, in whole numbers so that sums are exact; ties: nearer place,
    then order)."""
    counts: dict = {}
    postings: dict = {}
    for v, j in enumerate(news):
        for shingle in b.shingles(j):
            postings.setdefault(shingle, []).append(v)
            counts[shingle] = counts.get(shingle, 0) + 1
    for i in olds:
        for shingle in a.shingles(i):
            counts[shingle] = counts.get(shingle, 0) + 1
    p, q = len(olds), len(news)
    for u, i in enumerate(olds):
        found = [shingle for shingle in a.shingles(i) if shingle in postings]
        found.sort(key=counts.__getitem__)  # stable: rarest first, then in the item's order
        shared: dict[int, int] = {}
        for shingle in found[:RARE]:
            if counts[shingle] > COMMON:
                break
            weight = _WEIGHT // counts[shingle]
            for v in postings[shingle]:
                shared[v] = shared.get(v, 0) + weight
        best = heapq.nsmallest(per_item, shared,
                               key=lambda v: (-shared[v], abs(u * q - v * p), v))
        yield from ((i, news[v]) for v in best)


# ------------------------------------------------------------------ best pairs in order

def _best_in_order(a: _Side, b: _Side, gains: dict) -> list[tuple[int, int, float]]:
    """Pairs in the same order on both sides with the greatest total gain (dynamic programming)."""
    n, m = len(a.items), len(b.items)
    if not gains:
        return []
    total = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(total[i + 1][j], total[i][j + 1])
            if (i, j) in gains:
                best = max(best, gains[i, j][0] + total[i + 1][j + 1])
            total[i][j] = best
    pairs = []
    i = j = 0
    while i < n and j < m:
        if (i, j) in gains and total[i][j] == gains[i, j][0] + total[i + 1][j + 1]:
            pairs.append((i, j, gains[i, j][1]))
            i, j = i + 1, j + 1
        elif total[i][j] == total[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _best_chain(gains: dict, m: int) -> list[tuple[int, int, float]]:
    """:func:`_best_in_order` over a few candidate pairs: the chain of pairs increasing on
    both sides with the greatest total gain, in O(c log m) for c candidates (Fenwick tree)."""
    pairs = sorted(gains)
    if not pairs:
        return []
    tree_value, tree_item = [0.0] * (m + 1), [-1] * (m + 1)
    total, previous = [0.0] * len(pairs), [-1] * len(pairs)
    start = 0
    while start < len(pairs):
        end = start
        while end < len(pairs) and pairs[end][0] == pairs[start][0]:
            end += 1
        for k in range(start, end):  # one OLD item: its pairs cannot chain with each other
            position, value, item = pairs[k][1], 0.0, -1
            while position > 0:
                if tree_value[position] > value:
                    value, item = tree_value[position], tree_item[position]
                position -= position & -position
            total[k], previous[k] = value + gains[pairs[k]][0], item
        for k in range(start, end):
            position = pairs[k][1] + 1
            while position <= m:
                if total[k] > tree_value[position]:
                    tree_value[position], tree_item[position] = total[k], k
                position += position & -position
        start = end
    chain, k = [], max(range(len(pairs)), key=lambda k: total[k])
    while k != -1:
        chain.append(pairs[k])
        k = previous[k]
    return [(i, j, gains[i, j][1]) for i, j in reversed(chain)]
