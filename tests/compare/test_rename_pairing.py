"""Renamed items: similarity pairing at scale, ``replaces``, hand pairs (termsheet.compare.align).

Similarity pairing is a guess and says so; ``replaces`` and ``--pair`` are what
people say and are labelled as such.  Pairing reads both sides alike, and the
number of similarity scorings grows with the number of renamed items, not with
its square (counted, never timed).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from termsheet.compare import compare, sequence
from termsheet.compare.align import UNSIGNED_FIELDS, align, pair_problems
from termsheet.compare.comparison import PROVENANCE_FIELDS
from termsheet.compare.facts import change_notes
from termsheet.compare.fields import signature
from termsheet.compare.sequence import Likeness, match
from termsheet.schema import Commitment, TermSheet

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("guarantors consult within hours request decide measures restore peace military "
         "intelligence logistics sanctions diplomatic multinational force operates line contact "
         "ceasefire air policing maritime security demining training armed forces peacetime "
         "commission attributes violations reported monitoring mechanism loan coalition").split()


@pytest.fixture(scope="module")
def us() -> TermSheet:
    from termsheet.source.validate import validate_file

    result = validate_file(str(ROOT / "samples" / "us-draft.yaml"))
    assert result.sheet is not None
    return result.sheet


def with_data(sheet: TermSheet, edit) -> TermSheet:
    data = sheet.model_dump(mode="json")
    edit(data)
    return TermSheet.model_validate(data)


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _edit(rng: random.Random, text: str) -> str:
    words = text.split()
    words[rng.randrange(len(words))] = rng.choice(WORDS)
    words.insert(rng.randrange(len(words)), rng.choice(WORDS))
    return " ".join(words)


BOILERPLATE = "the guarantors shall consult within hours of a request and decide on measures"


def renamed_lists(n: int, seed: int = 1, edited: float = 0.3, changed: float = 0.1,
                  boilerplate: bool = False):
    """``n`` items and a version with every id renamed, some texts edited, a few items
    removed and added; returns (old, new, true pairs as (OLD id, NEW id)).  With
    ``boilerplate``, every text starts with the same 14 words and then has 8 words of
    its own: any two items look alike enough to be worth scoring."""
    rng = random.Random(seed)

    def make_text() -> str:
        if boilerplate:
            return BOILERPLATE + " " + " ".join(f"w{rng.randrange(2000)}" for _ in range(8))
        return _text(rng, 25)
    old = [{"id": f"a-{i}", "kind": rng.choice("xyz"), "text": make_text()} for i in range(n)]
    new, truth = [], set()
    for i, item in enumerate(old):
        roll = rng.random()
        if roll < changed / 2:
            continue  # removed
        text = _edit(rng, item["text"]) if roll < edited else item["text"]
        new.append({"id": f"b-{i}", "kind": item["kind"], "text": text})
        truth.add((item["id"], f"b-{i}"))
        if roll > 1 - changed / 2:
            new.append({"id": f"b-new-{i}", "kind": "x", "text": make_text()})  # added
    return old, new, truth


def _signature(item: dict) -> tuple[str, ...]:
    return (f"kind={item['kind']}", *item["text"].split())


def _guessed(pairs) -> set[tuple[str, str]]:
    return {(p.old_key, p.new_key) for p in pairs if p.paired_by == "similarity"}


@pytest.fixture
def scorings(monkeypatch):
    """Counts the similarity scorings of the one aligner."""
    count = [0]
    original = sequence.similarity

    def counting(first, second):
        count[0] += 1
        return original(first, second)

    monkeypatch.setattr(sequence, "similarity", counting)
    return count


# ------------------------------------------------------------------ similarity at scale

def test_every_renamed_item_is_paired_and_labelled_a_guess():
    old, new, truth = renamed_lists(300)
    pairs = align(old, new, ("id",), signature=_signature)
    guessed = _guessed(pairs)
    assert guessed == truth
    assert all(p.score is not None and p.score >= 0.6 for p in pairs if p.paired_by == "similarity")


def test_pairing_reads_both_sides_alike():
    old, new, _ = renamed_lists(200, seed=2)
    forward = _guessed(align(old, new, ("id",), signature=_signature))
    backward = {(b, a) for a, b in _guessed(align(new, old, ("id",), signature=_signature))}
    assert forward == backward


def test_pairing_is_the_same_on_every_run():
    old, new, _ = renamed_lists(150, seed=3)
    runs = {tuple(align(old, new, ("id",), signature=_signature)) for _ in range(3)}
    assert len(runs) == 1


@pytest.mark.parametrize("n", [100, 200, 400, 800])
def test_similarity_scorings_grow_with_the_number_of_renamed_items(n, scorings):
    """At most a few scorings per item, where scoring every pair that may reach the
    threshold (here: all of them, they share their boilerplate) would take n²."""
    old, new, truth = renamed_lists(n, seed=n, edited=1.0, boilerplate=True)
    pairs = align(old, new, ("id",), signature=_signature)
    assert len(_guessed(pairs) & truth) >= 0.95 * len(truth)
    assert scorings[0] <= 6 * n


def test_unrelated_leftovers_of_a_large_gap_stay_apart():
    rng = random.Random(5)
    old = [{"id": f"a-{i}", "kind": "x", "text": _text(rng, 25)} for i in range(100)]
    new = [{"id": f"b-{i}", "kind": "x", "text": _text(rng, 25)} for i in range(100)]
    assert _guessed(align(old, new, ("id",), signature=_signature)) == set()


def test_a_large_gap_of_id_less_blocks_pairs_in_order_with_few_scorings(scorings):
    """The document side (redline, side by side): threshold 0, pairs in order, preferring
    similar text."""
    rng = random.Random(8)
    old = [tuple(_text(rng, 12).split()) for _ in range(600)]
    new = [tuple(_edit(rng, " ".join(words)).split()) if k % 3 == 0 else words
           for k, words in enumerate(old)]
    del new[300]
    ops = sequence.align(old, new, key=lambda b: None, sig=lambda b: 0, words=lambda b: b)
    old_at = {id(words): k for k, words in enumerate(old)}
    new_at = {id(words): k for k, words in enumerate(new)}
    same = [(old_at[id(op.old)], new_at[id(op.new)]) for op in ops if op.kind == "same"]
    assert same == [(k, k if k < 300 else k - 1) for k in range(600) if k != 300]
    assert scorings[0] <= 6 * 600


def test_one_leftover_is_compared_with_every_candidate():
    """A small side is scored against each item of the other: nothing is missed."""
    rng = random.Random(9)
    new = [(None, "p", _text(rng, 10)) for _ in range(300)]
    old = [(None, "p", new[217][2] + " promptly")]
    likeness = Likeness(lambda x: x[1], lambda x: tuple(x[2].split()), threshold=0.6)
    pairs = [(m.old, m.new) for m in match(old, new, lambda x: x[0], likeness) if m.by]
    assert pairs == [(0, 217)]


def test_fingerprints_leave_out_only_what_content_tokens_leave_out(us):
    """Items that differ only in these fields have the same content tokens, so the aligner
    may pair them as twins without tokenizing them."""
    assert UNSIGNED_FIELDS == PROVENANCE_FIELDS | {"text_status"}
    item = us.model_dump(mode="json")["commitments"][0]
    changed = {**item, "basis": "reported", "source_refs": ["src-x"], "notes": "Other notes.",
               "proposed_by": "us", "text_status": "bracketed"}
    assert signature(Commitment, item, ("id",)) == signature(Commitment, changed, ("id",))


def test_renamed_sample_items_are_paired_as_guesses(us):
    def rename_all(data):
        for item in data["commitments"]:
            item["id"] += "-v2"
    comparison = compare(us, with_data(us, rename_all))
    changes = [c for c in comparison.changes if c.collection == "commitments"]
    assert len(changes) == len(us.commitments)
    assert all(c.paired_by == "similarity" and c.is_guess for c in changes)
    assert all(c.new_id == f"{c.old_id}-v2" for c in changes)


# ------------------------------------------------------------------ replaces

def test_replaces_pairs_the_renamed_item_and_says_so(us):
    old_id = us.commitments[0].id

    def rename(data):
        data["commitments"][0]["id"] = "cmt-renamed"
        data["commitments"][0]["replaces"] = old_id
        data["commitments"][0]["summary"] = "Entirely new wording about shipping lanes."
    comparison = compare(us, with_data(us, rename))
    (change,) = [c for c in comparison.changes if c.collection == "commitments"]
    assert (change.old_id, change.new_id, change.paired_by) == (old_id, "cmt-renamed", "replaces")
    assert not change.is_guess and change.similarity is None
    assert f"Paired by `replaces: {old_id}`: {old_id} \u2192 cmt-renamed." in \
        change_notes(change, None, None)


def test_replaces_pairs_the_same_items_read_the_other_way_round(us):
    old_id = us.commitments[1].id

    def rename(data):
        data["commitments"][1]["id"] = "cmt-renamed"
        data["commitments"][1]["replaces"] = old_id
    newer = with_data(us, rename)
    (backward,) = [c for c in compare(newer, us).changes if c.collection == "commitments"]
    assert (backward.old_id, backward.new_id, backward.paired_by) == ("cmt-renamed", old_id,
                                                                       "replaces")


def test_replaces_never_breaks_a_pair_by_id():
    old = [{"id": "a", "text": "x"}, {"id": "b", "text": "y"}]
    new = [{"id": "a", "text": "x"}, {"id": "c", "text": "y", "replaces": "a"}]
    pairs = align(old, new, ("id",))
    assert {(p.old_key, p.new_key, p.paired_by) for p in pairs} == {
        ("a", "a", "id"), ("b", None, None), (None, "c", None)}


def test_a_replacing_item_that_moved_is_a_move():
    old = [{"id": "a"}, {"id": "b"}, {"id": "c"}]
    new = [{"id": "b"}, {"id": "c"}, {"id": "a2", "replaces": "a"}]
    (pair,) = [p for p in align(old, new, ("id",)) if p.paired_by == "replaces"]
    assert (pair.old_key, pair.new_key, pair.moved) == ("a", "a2", True)


# ------------------------------------------------------------------ by hand

def test_hand_pairs_override_similarity_and_are_labelled(us):
    first, second = us.commitments[0].id, us.commitments[1].id

    def rename(data):
        data["commitments"][0]["id"] = "cmt-one"
        data["commitments"][1]["id"] = "cmt-two"
    comparison = compare(us, with_data(us, rename), pairs={first: "cmt-two", second: "cmt-one"})
    found = {(c.old_id, c.new_id, c.paired_by) for c in comparison.changes
             if c.collection == "commitments"}
    assert found == {(first, "cmt-two", "hand"), (second, "cmt-one", "hand")}
    change = next(c for c in comparison.changes if c.paired_by == "hand")
    assert not change.is_guess
    assert f"Paired by hand (--pair): {change.old_id} \u2192 {change.new_id}." in \
        change_notes(change, None, None)


def test_hand_pairs_that_cannot_be_made_are_named(us):
    cmt, dep = us.commitments[0].id, us.forces.deployments[0].id

    def rename(data):
        data["commitments"][0]["id"] = "cmt-new"
    newer = with_data(us, rename)
    problems = pair_problems(us, newer, {cmt[:-1]: "cmt-new", cmt: "cmt-nwe", dep: "cmt-new",
                                         us.commitments[1].id: "cmt-new"})
    reasons = {(old, new): reason for old, new, reason in problems}
    assert reasons[cmt[:-1], "cmt-new"] == f"OLD has no item with id {cmt[:-1]} (did you mean {cmt}?)"
    assert reasons[cmt, "cmt-nwe"] == "NEW has no item with id cmt-nwe (did you mean cmt-new?)"
    assert "only items of one collection pair" in reasons[dep, "cmt-new"]
    assert reasons[us.commitments[1].id, "cmt-new"] == \
        f"OLD's {us.commitments[1].id} is already paired by id (NEW has {us.commitments[1].id} too)"
    assert pair_problems(us, newer, {cmt: "cmt-new"}) == []


def test_the_chain_over_candidates_is_as_good_as_scoring_every_pair():
    """:func:`sequence._best_chain` (large gaps) finds pairs in order with the same total
    gain as the dynamic programme over every pair (small gaps)."""
    rng = random.Random(11)
    for _ in range(200):
        n, m = rng.randint(1, 9), rng.randint(1, 9)
        gains = {(i, j): (gain, gain) for i in range(n) for j in range(m)
                 if rng.random() < 0.4 for gain in [rng.choice((0.5, 0.7, 0.9, 1.0))]}
        sides = [sequence._Side([None] * size, Likeness(lambda x: 0, lambda x: ()))
                 for size in (n, m)]
        chain = sequence._best_chain(gains, m)
        every = sequence._best_in_order(*sides, gains)
        assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))
        assert sum(gains[i, j][0] for i, j, _ in chain) == pytest.approx(
            sum(gains[i, j][0] for i, j, _ in every))
