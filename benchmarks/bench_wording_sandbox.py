"""What the wording templates' sandbox costs: a plain Jinja2 Environment against the cached
ImmutableSandboxedEnvironment termsheet uses, on the samples, in one run.

Run from any folder::

    python benchmarks/bench_wording_sandbox.py [--runs 15]

For each sample it builds the document (``termsheet.compose.build``: every wording
template rendered, with the section builders around them) with each environment,
the templates compiled once beforehand as in a real process, and prints the median
ms of each, their ratio, and the one-time cost of compiling the templates (the first
build with an empty cache). Then it shows where the sandbox's extra time goes: the
own time of ``jinja2.sandbox`` functions during sandboxed builds (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from jinja2.sandbox import ImmutableSandboxedEnvironment  # noqa: E402

from termsheet.compose import build, wording  # noqa: E402
from termsheet.resources import TemplateSet  # noqa: E402
from termsheet.source.validate import validate_file  # noqa: E402

SAMPLE_NAMES = ("us-draft.yaml", "coalition-draft.yaml", "minimal.yaml")
ENVIRONMENTS = {"plain": jinja2.Environment, "sandboxed": ImmutableSandboxedEnvironment}


def use(environment_class) -> None:
    """Make new wording sets use ``environment_class``, and forget the compiled ones."""
    wording.Wording.environment_class = environment_class
    wording._CACHE.clear()


def build_once(sheet) -> None:
    build(sheet, templates=TemplateSet(), source_file="bench.yaml")


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def first_build_ms(sheet) -> float:
    wording._CACHE.clear()
    start = time.perf_counter()
    build_once(sheet)
    return (time.perf_counter() - start) * 1000


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                        for i, (c, w) in enumerate(zip(row, widths))))


def compare(sheets: dict, runs: int) -> None:
    use(jinja2.Environment)
    build_once(next(iter(sheets.values())))  # one-time set-up outside templates, untimed
    rows = []
    for name, sheet in sheets.items():
        medians, firsts = {}, {}
        for label, environment_class in ENVIRONMENTS.items():
            use(environment_class)
            firsts[label] = first_build_ms(sheet)  # compiles every template it uses
            build_once(sheet)  # warm
            medians[label] = median_ms(lambda: build_once(sheet), runs)
        rows.append([name, f"{medians['plain']:.1f}", f"{medians['sandboxed']:.1f}",
                     f"{medians['sandboxed'] / medians['plain']:.2f}x",
                     f"{firsts['plain']:.0f}", f"{firsts['sandboxed']:.0f}"])
    table(f"Build (wording templates rendered), median ms of {runs} warm runs; first build "
          "compiles the templates", ["sample", "plain", "sandboxed", "ratio",
                                      "first plain", "first sandboxed"], rows)


def sandbox_share(sheets: dict, runs: int) -> None:
    use(ImmutableSandboxedEnvironment)
    for sheet in sheets.values():
        build_once(sheet)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(runs):
        for sheet in sheets.values():
            build_once(sheet)
    profile.disable()
    stats = pstats.Stats(profile).stats
    total = sum(own for _calls, _primitive, own, _cumulative, _callers in stats.values())
    rows = []
    for (filename, line, function), (calls, _primitive, own, _cum, _callers) in stats.items():
        if "jinja2" in filename and filename.endswith("sandbox.py"):
            rows.append((own, [f"{function} (sandbox.py:{line})", f"{calls // runs:,}",
                               f"{own / runs * 1000:.1f}", f"{100 * own / total:.1f}%"]))
    rows.sort(key=lambda row: -row[0])
    spent = sum(own for own, _ in rows)
    table(f"Where the sandbox's time goes (cProfile, all samples, per run; jinja2.sandbox "
          f"functions: {100 * spent / total:.1f}% of the profiled build time)",
          ["function", "calls", "own ms", "share"], [row for _, row in rows[:8]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, Jinja2 {jinja2.__version__}; load average {load}")
    sheets = {}
    for name in SAMPLE_NAMES:
        sheet = validate_file(ROOT / "samples" / name).sheet
        if sheet is not None:
            sheets[name] = sheet
    original = wording.Wording.environment_class
    try:
        compare(sheets, args.runs)
        sandbox_share(sheets, max(3, args.runs // 5))
    finally:
        use(original)
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
