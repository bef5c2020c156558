"""Consolidation speed: several versions of a generated term sheet, by versions × provisions.

Run from the repository root::

    python benchmarks/bench_consolidate.py [--versions 2,5,10] [--sizes 500,1000,2000]
                                           [--runs 5] [--changed 0.10] [--cold-runs 3]

It generates one term sheet of N provisions spread over the collections (as
``bench_diff.py`` makes them, in shares that stay within the schema's list
limits so that the files also validate), then V versions of it, each tabled by
another party with about ``--changed`` of its provisions changed its own way
(text edits, enum changes, reference sets, items added, removed and renamed, as
``bench_diff.py`` changes them).  It prints:

1. the load average;
2. medians of ``--runs`` in-process runs of ``consolidate`` and of
   ``write_consolidate_json`` (and both), per versions × provisions, with the time
   per version × provision (flat when the growth is linear) and the processor time of
   both (which a shared machine's load changes less than the wall time);
3. the whole process ``termsheet consolidate FILE… --to json --out-dir DIR`` on V
   files of N provisions (the largest of each), median of ``--cold-runs`` fresh
   processes: reading, validating and numbering every file is part of it — as the
   command runs (many large files: in worker processes) and with every file read in
   the one process (with its processor time);
4. the target: 10 versions of 2,000 provisions consolidated to JSON in under 2 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_diff  # noqa: E402
from bench_big_diff import _fix_references  # noqa: E402
from termsheet.compare.consolidate import Input, consolidate  # noqa: E402
from termsheet.writers.consolidate_json import write_consolidate_json  # noqa: E402

SHARES = (  # collection, share of the provisions: 2,000 provisions and the versions' additions
    # stay within every list limit (500 commitments, 100 triggers, 50 bodies…)
    ("commitments", 0.235), ("deployments", 0.235), ("responses", 0.235), ("triggers", 0.045),
    ("bodies", 0.02), ("territorial", 0.045), ("issues", 0.09), ("sources", 0.095),
)
TARGET_VERSIONS, TARGET_SIZE, TARGET_SECONDS = 10, 2000, 2.0
DRAFTERS = ["us", "cow", "ua", "fr", "gb", "de", "pl", "it", "ro", "ca", "tr", "nl"]


def generate_versions(size: int, count: int, changed: float = 0.10, seed: int = 1) -> list:
    """``count`` versions of one generated term sheet of ``size`` provisions, each changed its
    own way, each tabled by another party (the first by the United States)."""
    rng = random.Random(seed)
    base = {kind: [bench_diff._make(kind, i, rng) for i in range(max(1, round(size * share)))]
            for kind, share in SHARES}
    versions = []
    for number in range(count):
        items = base if number == 0 else _changed(base, changed, random.Random(seed + number),
                                                  serial=size * (number + 1))
        sheet = bench_diff._sheet(items, f"1.{number}.0")
        metadata = sheet.metadata.model_copy(update={"drafting_party": DRAFTERS[number % 12]})
        versions.append(sheet.model_copy(update={"metadata": metadata}))
    return versions


def _changed(base: dict, changed: float, rng: random.Random, serial: int) -> dict:
    """The items with about ``changed`` of them edited, removed, added after, or renamed."""
    result: dict[str, list[dict]] = {}
    for kind, items in base.items():
        out = []
        for item in items:
            roll = rng.random()
            if roll >= changed:
                out.append(item)
            elif roll < changed * 0.60:
                out.append(bench_diff._mutate(kind, item, rng))
            elif roll < changed * 0.75:
                pass  # not addressed
            elif roll < changed * 0.90:
                out.append(item)
                serial += 1
                out.append(bench_diff._make(kind, serial, rng))  # a provision of its own
            else:
                out.append({**item, "id": item["id"] + "-r"})  # renamed: paired by similarity
        result[kind] = out
    return result


def _median(function, runs: int) -> tuple[float, object]:
    return _medians(function, runs)[0::2]


def _medians(function, runs: int) -> tuple[float, float, object]:
    """Median wall time and median processor time of ``runs`` calls, and the last result."""
    times, processor, result = [], [], None
    for _ in range(runs):
        start, start_processor = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        processor.append(time.process_time() - start_processor)
    return statistics.median(times), statistics.median(processor), result


def in_process(version_counts: list[int], sizes: list[int], runs: int, changed: float) -> dict:
    """The table of in-process medians; returns (versions, size) → seconds of both steps."""
    header = (f"{'versions':>8} {'provisions':>10} {'rows':>6} {'consolidate':>12} {'json':>8} "
              f"{'both':>8} {'µs/(v×p)':>9} {'cpu':>8}")
    print(f"in process: median of {runs} runs, ~{changed:.0%} of each version's provisions "
          "changed; times in ms")
    print(header)
    print("-" * len(header))
    totals = {}
    for size in sizes:
        sheets = generate_versions(size, max(version_counts), changed)
        for count in version_counts:
            inputs = [Input(sheet, f"v{n}.yaml") for n, sheet in enumerate(sheets[:count])]
            engine, result = _median(lambda: consolidate(inputs), runs)
            writer, _ = _median(lambda: write_consolidate_json(result), runs)
            both, processor, _ = _medians(lambda: write_consolidate_json(consolidate(inputs)),
                                          runs)
            totals[(count, size)] = both
            print(f"{count:>8} {size:>10} {len(result.rows):>6} {engine * 1000:>12.1f} "
                  f"{writer * 1000:>8.1f} {both * 1000:>8.1f} "
                  f"{both * 1e6 / (count * size):>9.1f} {processor * 1000:>8.1f}")
    return totals


def write_files(folder: Path, size: int, count: int, changed: float) -> list[Path]:
    """``count`` valid term files of ``size`` provisions in ``folder``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    paths = []
    for number, sheet in enumerate(generate_versions(size, count, changed)):
        data = sheet.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        _fix_references(data, random.Random(number))
        for step in data["enforcement"]["responses"]:  # one deadline: the ladder lint holds
            step.update(deadline="PT24H", deadline_anchor="from_request",
                        deadline_strictness="hard")
        for commitment in data["commitments"]:  # the beneficiary never provides a commitment
            commitment["providers"] = [p for p in commitment["providers"] if p != "ua"] or ["us"]
        path = folder / f"v{number:02d}.yaml"
        with path.open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        paths.append(path)
    return paths


ONE_PROCESS = ("import sys, termsheet.jobs.consolidate_inputs as inputs; "
               "inputs.PARALLEL_BYTES = float('inf'); from termsheet.cli.app import run; "
               "sys.argv[0] = 'termsheet'; sys.exit(run())")
"""The command with every file read in the one process (no worker processes)."""


def whole_process(size: int, count: int, runs: int, changed: float) -> dict[str, float | None]:
    """Median wall time of ``termsheet consolidate … --to json`` in fresh processes, as the
    command runs and with every file read in the one process (runs interleaved), and the
    median processor time of the latter (``one process cpu``)."""
    with tempfile.TemporaryDirectory() as folder:
        files = write_files(Path(folder), size, count, changed)
        out_dir = Path(folder) / "out"
        arguments = ["consolidate", *map(str, files), "-q", "--to", "json",
                     "--out-dir", str(out_dir)]
        commands = {"as run": [sys.executable, "-m", "termsheet", *arguments],
                    "one process": [sys.executable, "-c", ONE_PROCESS, *arguments]}
        times: dict[str, list[float]] = {name: [] for name in [*commands, "one process cpu"]}
        for _ in range(runs):
            for name, command in commands.items():
                start, used = time.perf_counter(), _children_processor_time()
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
                times[name].append(time.perf_counter() - start)
                if name == "one process":
                    times["one process cpu"].append(_children_processor_time() - used)
                if done.returncode != 0:
                    print(f"  {name}: exit {done.returncode}: {(done.stderr or done.stdout)[:400]}")
                    return {name: None for name in times}
        return {name: statistics.median(spent) for name, spent in times.items()}


def _children_processor_time() -> float:
    """User and system time of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", default="2,5,10")
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--changed", type=float, default=0.10)
    args = parser.parse_args(argv)
    version_counts = [int(v) for v in args.versions.split(",")]
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average before: {bench_diff.load_average()}")
    totals = in_process(version_counts, sizes, args.runs, args.changed)
    count, size = max(version_counts), max(sizes)
    print()
    cold = None
    if args.cold_runs > 0:
        cold = whole_process(size, count, args.cold_runs, args.changed)
        shown = ", ".join(f"{name} {'failed' if spent is None else f'{spent:.2f} s'}"
                          for name, spent in cold.items())
        print(f"whole process, `termsheet consolidate` of {count} files of {size} provisions "
              f"--to json: median of {args.cold_runs}: {shown}")
    print(f"load average after: {bench_diff.load_average()}")
    target = totals.get((TARGET_VERSIONS, TARGET_SIZE))
    if target is not None:
        verdict = "ok" if target < TARGET_SECONDS else "MISSED"
        print(f"target: {TARGET_VERSIONS} versions × {TARGET_SIZE} provisions to JSON in "
              f"< {TARGET_SECONDS:.0f} s in process: {target:.2f} s {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
