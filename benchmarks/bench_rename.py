"""Renamed provisions: comparing a version whose every id changed, against one that kept them.

Run from the repository root::

    python benchmarks/bench_rename.py [--size 2000] [--runs 5] [--edited 0.1,1.0]
                                      [--doc-sizes 1000,5000] [--gap-sizes 100,200,400]
                                      [--docx-size 5000]

It generates a term sheet of ``--size`` provisions over the collections of
``bench_diff.py`` (commitments, deployments, triggers, responses, bodies,
territorial provisions, open issues, sources) and, for each share of
``--edited``, a newer version: that share of the provisions lightly edited as
``bench_diff.py`` edits them (a word replaced and one inserted, an enum or a
list changed), 2 % removed and 2 % added, none moved (a renamed provision that
also moved is never paired by similarity, by design).  The newer version exists
twice: with the ids kept, and with every id renamed (references follow).

1. **Pairing.**  Medians of ``--runs`` interleaved runs (kept, renamed, kept…)
   of what ``termsheet diff --to json`` does once both files are valid and
   built: ``compare(old, new, old_document=…, new_document=…)`` and
   ``write_diff_json``, in-process (the documents are built once beforehand,
   untimed: their cost does not depend on the ids).  It prints both medians,
   the ratio renamed/kept, the share of true pairs found (an OLD provision and
   its renamed self paired by similarity), wrong pairs, whether reading the
   comparison the other way round pairs the same items, and the similarity
   scorings.  Target: ratio ≤ 3× and ≥ 95 % of true pairs found, with every
   provision edited (then both versions give the same number of changes; with
   10 % edited, renaming every id turns ~10 times as many provisions into
   changes, and the JSON grows with them).
2. **Document side.**  At each of ``--doc-sizes``, the alignments of the
   side-by-side view and of the redline (:mod:`termsheet.compare.sequence` on
   document nodes): gaps paired by likeness, the largest, similarity scorings
   and time, as they are and with every gap scored exhaustively (every pair of
   the same signature, as before candidates were introduced).  Then one gap of
   ``--gap-sizes`` id-less paragraphs (a long list without ids), aligned as the
   redline aligns blocks, both ways, with the share of right pairs.
3. **DOCX.**  At ``--docx-size`` (0: skipped), one run of what
   ``diff --to docx`` does after validation: compare, the side-by-side view,
   the redline and both DOCX files.

Sizes above the schema's list limits are built with ``model_construct`` (see
``bench_diff.py``), so the term files are never written or read: everything runs
in-process.  Medians of several runs; the machines are shared, so compare ratios
taken in one run rather than absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_diff import ROOT, SHARES, _make, _mutate, _sheet  # noqa: E402

sys.path.insert(0, str(ROOT))

from termsheet.compare import compare, sequence  # noqa: E402
from termsheet.jobs.render import build_document  # noqa: E402
from termsheet.resources import TemplateSet  # noqa: E402
from termsheet.writers.diff_json import write_diff_json  # noqa: E402

TARGET_RATIO, TARGET_FOUND = 3.0, 0.95
CHURN = 0.02
"""Share of the provisions removed, and the share added."""


# ------------------------------------------------------------------ the pairs

def generate(size: int, edited: float, seed: int = 1):
    """(OLD, NEW with ids kept, NEW with every id renamed, the true pairs (OLD id, NEW id))."""
    rng = random.Random(seed)
    old = {kind: [_make(kind, i, rng) for i in range(max(1, round(size * share)))]
           for kind, share in SHARES}
    new: dict[str, list[dict]] = {}
    serial = size
    for kind, items in old.items():
        result = []
        for item in items:
            roll = rng.random()
            if roll < CHURN:
                continue  # removed
            result.append(_mutate(kind, item, rng) if rng.random() < edited else item)
            if roll > 1 - CHURN:
                serial += 1
                result.append(_make(kind, serial, rng))  # added
        new[kind] = result
    names = {item["id"]: _renamed(item["id"]) for items in new.values() for item in items}
    renamed = {kind: [_rename(item, names) for item in items] for kind, items in new.items()}
    old_ids = {item["id"] for items in old.values() for item in items}
    truth = {(ident, names[ident]) for ident in names if ident in old_ids}
    return _sheet(old, "1.0.0"), _sheet(new, "1.1.0"), _sheet(renamed, "1.1.0"), truth


def _renamed(ident: str) -> str:
    prefix, _, number = ident.partition("-")
    return f"{prefix}-renamed-{number}"


def _rename(item: dict, names: dict[str, str]) -> dict:
    item = {**item, "id": names[item["id"]]}
    for field in ("source_refs", "trigger_refs"):
        if field in item:
            item[field] = [names.get(ref, ref) for ref in item[field]]
    return item


def _documents(old, new) -> tuple:
    return tuple(build_document(sheet, templates=TemplateSet(), source_file=name)
                 for sheet, name in ((old, "old.yaml"), (new, "new.yaml")))


def _to_json(old, new, documents) -> tuple[bytes, object]:
    comparison = compare(old, new, old_file="old.yaml", new_file="new.yaml",
                         old_document=documents[0], new_document=documents[1])
    return write_diff_json(comparison), comparison


class _Counter:
    """Counts the similarity scorings and likeness gaps of the one aligner while active."""

    def __init__(self, exhaustive: bool = False):
        self.scorings = self.gaps = self.largest = 0
        self.exhaustive = exhaustive

    def __enter__(self):
        self._similarity, self._pairing = sequence.similarity, sequence._pairing

        def similarity(first, second):
            self.scorings += 1
            return self._similarity(first, second)

        def pairing(a, b, likeness):
            self.gaps += 1
            self.largest = max(self.largest, len(a.items) * len(b.items))
            if self.exhaustive:
                likeness = dataclasses.replace(likeness, candidates=10**12)
            return self._pairing(a, b, likeness)

        sequence.similarity, sequence._pairing = similarity, pairing
        return self

    def __exit__(self, *_exc):
        sequence.similarity, sequence._pairing = self._similarity, self._pairing


def _guessed(comparison) -> set[tuple[str, str]]:
    return {(c.old_id, c.new_id) for c in comparison.changes if c.paired_by == "similarity"}


def bench_pairing(size: int, edited: float, runs: int, seed: int) -> dict:
    old, kept, renamed, truth = generate(size, edited, seed)
    documents = {"kept": _documents(old, kept), "renamed": _documents(old, renamed)}
    sides = {"kept": kept, "renamed": renamed}
    for name in sides:  # warm-up
        _to_json(old, sides[name], documents[name])
    times: dict[str, list[float]] = {"kept": [], "renamed": []}
    changes = {}
    for _ in range(runs):
        for name in ("kept", "renamed"):
            start = time.perf_counter()
            data, comparison = _to_json(old, sides[name], documents[name])
            times[name].append(time.perf_counter() - start)
            changes[name] = (len(comparison.changes), len(data))
    with _Counter() as counted:
        _, comparison = _to_json(old, renamed, documents["renamed"])
    guessed = _guessed(comparison)
    backward = {(b, a) for a, b in _guessed(compare(renamed, old))}
    kept_s, renamed_s = statistics.median(times["kept"]), statistics.median(times["renamed"])
    return {"edited": edited, "kept": kept_s, "renamed": renamed_s, "ratio": renamed_s / kept_s,
            "found": len(guessed & truth) / len(truth), "true": len(truth),
            "wrong": len(guessed - truth), "symmetric": guessed == backward,
            "scorings": counted.scorings, "changes": changes}


# ------------------------------------------------------------------ document side

def bench_documents(size: int, seed: int) -> list[tuple]:
    from termsheet.compare.redline import redline
    from termsheet.compare.sidebyside import build_side_by_side

    old, kept, renamed, _ = generate(size, 0.10, seed)
    rows = []
    for name, new in (("kept", kept), ("renamed", renamed)):
        documents = _documents(old, new)
        comparison = compare(old, new, old_document=documents[0], new_document=documents[1])
        for exhaustive in (True, False):
            with _Counter(exhaustive) as counted:
                start = time.perf_counter()
                build_side_by_side(comparison, *documents)
                redline(*documents)
                seconds = time.perf_counter() - start
            rows.append((size, name, "every pair" if exhaustive else "candidates", counted.gaps,
                         counted.largest, counted.scorings, seconds))
    return rows


def bench_gap(size: int, seed: int) -> list[tuple]:
    """One gap of ``size`` id-less paragraphs (as in a long list without ids), a third of
    them edited and one removed, aligned as the redline aligns blocks."""
    from bench_diff import WORDS

    rng = random.Random(seed)
    old = [tuple(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) for _ in range(size)]
    new = [tuple(_edited(rng, words)) if k % 3 == 0 else words for k, words in enumerate(old)]
    del new[size // 2]
    expected = [(k, k if k < size // 2 else k - 1) for k in range(size) if k != size // 2]
    rows = []
    for exhaustive in (True, False):
        with _Counter(exhaustive) as counted:
            start = time.perf_counter()
            ops = sequence.align(old, new, key=lambda b: None, sig=lambda b: 0, words=lambda b: b)
            seconds = time.perf_counter() - start
        old_at = {id(words): k for k, words in enumerate(old)}
        new_at = {id(words): k for k, words in enumerate(new)}
        same = [(old_at[id(op.old)], new_at[id(op.new)]) for op in ops if op.kind == "same"]
        right = len(set(same) & set(expected)) / len(expected)
        rows.append((size, "every pair" if exhaustive else "candidates", counted.scorings,
                     seconds, right))
    return rows


def _edited(rng: random.Random, words: tuple) -> list:
    from bench_diff import WORDS

    words = list(words)
    words[rng.randrange(len(words))] = rng.choice(WORDS)
    words.insert(rng.randrange(len(words)), rng.choice(WORDS))
    return words


def bench_docx(size: int, seed: int) -> list[tuple]:
    from termsheet.compare.redline import redline
    from termsheet.compare.sidebyside import build_side_by_side
    from termsheet.writers.diff_docx import write_side_by_side_docx
    from termsheet.writers.docx_redline import write_docx_redline

    old, kept, renamed, _ = generate(size, 0.10, seed)
    rows = []
    for name, new in (("kept", kept), ("renamed", renamed)):
        documents = _documents(old, new)
        start = time.perf_counter()
        comparison = compare(old, new, old_document=documents[0], new_document=documents[1])
        files = (write_docx_redline(redline(*documents)),
                 write_side_by_side_docx(build_side_by_side(comparison, *documents)))
        rows.append((name, time.perf_counter() - start, sum(len(f) for f in files)))
    return rows


# ------------------------------------------------------------------ report

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edited", default="0.1,1.0",
                        help="shares of the provisions lightly edited, comma-separated")
    parser.add_argument("--doc-sizes", default="1000,5000", help="comma-separated; empty: skip")
    parser.add_argument("--gap-sizes", default="100,200,400", help="comma-separated; empty: skip")
    parser.add_argument("--docx-size", type=int, default=5000, help="0: skip")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"1. pairing: {args.size} provisions, every id renamed vs kept; compare + JSON, "
          f"median of {args.runs} interleaved runs; load average {load}")
    header = (f"{'edited':>7} {'kept ms':>9} {'renamed ms':>11} {'ratio':>6} {'pairs found':>14} "
              f"{'wrong':>6} {'symmetric':>10} {'scorings':>9} {'changes kept/renamed':>21}")
    print(header)
    print("-" * len(header))
    verdicts = []
    for edited in (float(x) for x in args.edited.split(",") if x):
        row = bench_pairing(args.size, edited, args.runs, args.seed)
        found = f"{row['found']:.1%} of {row['true']}"
        counts = f"{row['changes']['kept'][0]}/{row['changes']['renamed'][0]}"
        print(f"{edited:>7.0%} {row['kept'] * 1000:>9.0f} {row['renamed'] * 1000:>11.0f} "
              f"{row['ratio']:>5.2f}× {found:>14} {row['wrong']:>6} "
              f"{'yes' if row['symmetric'] else 'NO':>10} {row['scorings']:>9} {counts:>21}")
        verdicts.append(row)
    sizes = [int(x) for x in args.doc_sizes.split(",") if x]
    if sizes:
        print("\n2. document side (side by side + redline), 10 % edited")
        header = (f"{'provisions':>10} {'ids':>8} {'scored':>11} {'gaps':>7} {'largest':>8} "
                  f"{'scorings':>9} {'seconds':>8}")
        print(header)
        print("-" * len(header))
        for size in sizes:
            for size_, name, mode, gaps, largest, scorings, seconds in bench_documents(size, args.seed):
                print(f"{size_:>10} {name:>8} {mode:>11} {gaps:>7} {largest:>8} {scorings:>9} "
                      f"{seconds:>8.2f}")
    gaps = [int(x) for x in args.gap_sizes.split(",") if x]
    if gaps:
        print("\n   one gap of id-less paragraphs, a third edited, one removed")
        header = f"{'blocks':>10} {'scored':>11} {'scorings':>9} {'seconds':>8} {'right pairs':>12}"
        print(header)
        print("-" * len(header))
        for size in gaps:
            for size_, mode, scorings, seconds, right in bench_gap(size, args.seed):
                print(f"{size_:>10} {mode:>11} {scorings:>9} {seconds:>8.2f} {right:>12.1%}")
    if args.docx_size:
        print(f"\n3. diff --to docx after validation, {args.docx_size} provisions, 10 % edited, "
              "one run")
        for name, seconds, size in bench_docx(args.docx_size, args.seed):
            print(f"{name:>10} {seconds:>8.1f} s  ({size:,} bytes)")
    print("\ntargets (every provision edited):")
    ok = True
    for row in verdicts:
        if row["edited"] < 1.0:
            continue
        ratio_ok, found_ok = row["ratio"] <= TARGET_RATIO, row["found"] >= TARGET_FOUND
        ok = ok and ratio_ok and found_ok and row["symmetric"]
        print(f"  ratio renamed/kept ≤ {TARGET_RATIO:g}×: {row['ratio']:.2f}×  "
              f"{'ok' if ratio_ok else 'MISSED'}")
        print(f"  true pairs found ≥ {TARGET_FOUND:.0%}: {row['found']:.1%}  "
              f"{'ok' if found_ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
