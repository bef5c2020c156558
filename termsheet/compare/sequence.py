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
   similarity (:func:`termsheet.compare.tokens.similarity`).

:func:`match` gives the pairs (and the items left on one side);
:func:`align` gives the steps of a redline in output order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

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
    limit: int = 40_000
    """Above this many (old × new) items in one gap, pair in signature order (above ``threshold``)."""


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
    slot = {k: s + 1 for s, k in enumerate(sorted(range(n), key=lambda k: news[k]))}
    tree_value, tree_item = [0] * (n + 1), [-1] * (n + 1)
    best, previous = [0] * n, [-1] * n
    for k in range(n):  # in OLD order: best chain ending at a smaller NEW index (Fenwick tree)
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
    end, kept = max(range(n), key=lambda k: best[k]), set()
    while end != -1:
        kept.add(pairs[end])
        end = previous[end]
    return kept


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
    flipped = _flip(a, b)
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
        self._cache: dict[int, tuple] = {}
        self._bags: dict[int, frozenset] = {}

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

    def identity(self) -> str:
        """A text that orders the two sides of a gap the same way whichever is called old."""
        return repr([(sig, self.words(k)) for k, sig in enumerate(self.sigs)])


def _flip(a: _Side, b: _Side) -> bool:
    """Whether to compute with ``b`` first (sides in canonical order)."""
    if len(a.items) != len(b.items):
        return len(a.items) > len(b.items)
    return a.identity() > b.identity()


def _pairing(a: _Side, b: _Side, likeness: Likeness) -> list[tuple[int, int, float]]:
    """The best pairing of two sides of a gap, as (index in ``a``, index in ``b``, similarity)."""
    n, m = len(a.items), len(b.items)
    if n * m > likeness.limit:
        matcher = SequenceMatcher(None, a.sigs, b.sigs, autojunk=False)
        candidates = [(block.a + k, block.b + k) for block in matcher.get_matching_blocks()
                      for k in range(block.size)]
        scored = [(i, j, _score(a, b, i, j)) for i, j in candidates]
        return [(i, j, s) for i, j, s in scored if s >= likeness.threshold]
    if a.sigs == b.sigs:
        scores = [_score(a, b, i, i) for i in range(n)]
        if all(s >= max(likeness.threshold, ALIKE) for s in scores):
            return [(i, i, s) for i, s in enumerate(scores)]  # same shape, each pair alike
    return _best_in_order(a, b, _gains(a, b, likeness))


def _score(a: _Side, b: _Side, i: int, j: int) -> float:
    if a.items[i] == b.items[j]:
        return 1.0
    return similarity(a.words(i), b.words(j))


def _gains(a: _Side, b: _Side, likeness: Likeness) -> dict[tuple[int, int], tuple[float, float]]:
    """(gain, similarity) of each pair that may be made: same signature, similar enough."""
    gains = {}
    for i, sig in enumerate(a.sigs):
        for j, other in enumerate(b.sigs):
            if sig != other or not _may_reach(a, i, b, j, likeness.threshold):
                continue
            score = _score(a, b, i, j)
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
