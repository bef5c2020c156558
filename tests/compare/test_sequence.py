"""The one aligner: stable keys, moves, leftovers by likeness (termsheet.compare.sequence)."""

from __future__ import annotations

import random

from termsheet.compare.sequence import Likeness, Match, align, match


def _key(item):
    return item[0]


def _sig(item):
    return item[1]


def _words(item):
    return tuple(item[2].split())


def _steps(old, new):
    """Each op as (kind, OLD text, NEW text)."""
    return [(op.kind, op.old[2] if op.old else None, op.new[2] if op.new else None)
            for op in align(old, new, _key, _sig, _words)]


def _keyed(*keys):
    return [(k, "p", f"text of {k}") for k in keys]


def test_keyed_items_pair_by_key():
    old, new = _keyed("a", "b", "c"), _keyed("a", "c", "d")
    assert match(old, new, _key) == [
        Match(0, 0, "key"), Match(1, None), Match(2, 1, "key"), Match(None, 2),
    ]
    assert [(op.kind, (op.old or op.new)[0]) for op in align(old, new, _key, _sig, _words)] == [
        ("same", "a"), ("del", "b"), ("same", "c"), ("ins", "d"),
    ]


def test_a_repeated_key_pairs_by_occurrence():
    old, new = _keyed("a", "a"), _keyed("a", "a", "a")
    assert [(m.old, m.new) for m in match(old, new, _key)] == [(0, 0), (1, 1), (None, 2)]


def test_one_insertion_moves_nothing():
    old, new = _keyed("a", "b", "c", "d"), _keyed("x", "a", "b", "c", "d")
    assert not any(m.moved for m in match(old, new, _key))


def test_a_moved_item_is_move_from_where_it_stood_and_move_to_where_it_stands():
    old, new = _keyed("a", "b", "c", "d"), _keyed("b", "c", "a", "d")
    assert [m.old for m in match(old, new, _key) if m.moved] == [0]
    assert [(op.kind, (op.old or op.new)[0]) for op in align(old, new, _key, _sig, _words)] == [
        ("move_from", "a"), ("same", "b"), ("same", "c"), ("move_to", "a"), ("same", "d"),
    ]


def test_moves_are_the_same_items_read_either_way():
    rng = random.Random(7)
    for _ in range(300):
        keys = list("abcdefgh")
        old = _keyed(*rng.sample(keys, rng.randint(0, 8)))
        new = _keyed(*rng.sample(keys, rng.randint(0, 8)))
        forward = {old[m.old][0] for m in match(old, new, _key) if m.moved}
        backward = {new[m.old][0] for m in match(new, old, _key) if m.moved}
        assert forward == backward


def test_a_swap_keeps_the_key_that_sorts_last():
    old, new = _keyed("a", "b"), _keyed("b", "a")
    assert [old[m.old][0] for m in match(old, new, _key) if m.moved] == ["a"]
    assert [new[m.old][0] for m in match(new, old, _key) if m.moved] == ["a"]


def test_leftovers_pair_by_similarity_within_a_gap():
    old = [("a", "p", "first"), (None, "p", "the guarantors shall consult within 24 hours"),
           ("b", "p", "last")]
    new = [("a", "p", "first"), (None, "p", "the guarantors will consult within 48 hours"),
           ("b", "p", "last")]
    likeness = Likeness(_sig, _words, threshold=0.6)
    pairs = match(old, new, _key, likeness)
    assert [(m.old, m.new, m.by) for m in pairs] == [
        (0, 0, "key"), (1, 1, "similarity"), (2, 2, "key"),
    ]
    assert pairs[1].score is not None and 0.6 <= pairs[1].score < 1


def test_leftovers_below_the_threshold_stay_apart():
    old = [(None, "p", "the guarantors shall consult within 24 hours")]
    new = [(None, "p", "an unrelated provision on sanctions relief")]
    assert match(old, new, _key, Likeness(_sig, _words, threshold=0.6)) == [
        Match(0, None), Match(None, 0),
    ]


def test_leftovers_never_pair_across_a_stable_pair():
    old = [(None, "p", "shall consult within 24 hours"), ("a", "p", "anchor")]
    new = [("a", "p", "anchor"), (None, "p", "shall consult within 24 hours")]
    assert [m.by for m in match(old, new, _key, Likeness(_sig, _words))] == [None, "key", None]


def test_leftovers_pair_only_with_the_same_signature():
    old = [(None, "p", "the same words")]
    new = [(None, "list", "the same words")]
    assert _steps(old, new) == [("del", "the same words", None), ("ins", None, "the same words")]


def test_id_less_blocks_pair_in_order_preferring_similar_text():
    old = [(None, "p", "alpha beta gamma"), (None, "p", "delta epsilon zeta")]
    new = [(None, "p", "delta epsilon zeta eta")]
    assert _steps(old, new) == [
        ("del", "alpha beta gamma", None), ("same", "delta epsilon zeta", "delta epsilon zeta eta"),
    ]


def test_id_less_blocks_of_the_same_shape_pair_by_position():
    old = [(None, "p", "one two three"), (None, "p", "four five six")]
    new = [(None, "p", "one two three four"), (None, "p", "four five six seven")]
    assert [op.kind for op in align(old, new, _key, _sig, _words)] == ["same", "same"]


def test_ops_put_deletions_before_insertions():
    old = [("a", "p", "a"), ("b", "p", "b"), ("c", "p", "c")]
    new = [("a", "p", "a"), ("x", "p", "x"), ("c", "p", "c")]
    assert [op.kind for op in align(old, new, _key, _sig, _words)] == ["same", "del", "ins", "same"]


def test_likeness_pairing_is_the_same_read_either_way():
    old = [(None, "p", "shall consult"), (None, "p", "shall consult")]
    new = [(None, "p", "shall consult promptly")]
    likeness = Likeness(_sig, _words, threshold=0.5)
    forward = {(m.old, m.new) for m in match(old, new, _key, likeness) if m.by}
    backward = {(m.new, m.old) for m in match(new, old, _key, likeness) if m.by}
    assert forward == backward and len(forward) == 1


def test_empty_inputs():
    assert match([], [], _key) == [] and align([], [], _key, _sig, _words) == []
    assert [op.kind for op in align(_keyed("a"), [], _key, _sig, _words)] == ["del"]
    assert [op.kind for op in align([], _keyed("a"), _key, _sig, _words)] == ["ins"]
    assert match([], _keyed("a", "b"), _key) == [Match(None, 0), Match(None, 1)]
