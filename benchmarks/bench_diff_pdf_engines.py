"""The side-by-side comparison PDF with each engine, WeasyPrint and Typst, in fresh processes.

Run from any folder::

    python benchmarks/bench_diff_pdf_engines.py [--size 140] [--runs 3] [--engines weasyprint,typst]

It writes two valid term files of ``--size`` provisions (``bench_big_diff.py``'s
generator: the newer one with about 10 % of them edited, removed, added, moved or
renamed; 140 provisions give a comparison of about 60 pages), then, per engine
and run, starts a fresh Python process that does what ``termsheet diff OLD NEW
--to pdf`` does — validate and build both files, compare them, build the
side-by-side view — and writes the PDF with
``write_side_by_side_pdf(view, pdf_engine=ENGINE)``. It prints, per engine, the
median and smallest wall time of the whole process, the median processor time of
the whole process (user and system, every thread: what the wall time would be on
an idle machine, about), the median wall time of the PDF writer alone (measured
inside the process), the page count and the load average before and after.
Typst's target is under 5 s for the whole process, judged on the wall time when the
load average is below the number of cores, else on the processor time.

Runs go one after the other; the machines are shared (2 cores), so compare
figures taken in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_big_diff import _load, write_pair  # noqa: E402

ENGINES = ("weasyprint", "typst")
TARGET_SECONDS = {"typst": 5.0}
"""Whole-process targets, by engine."""

_CHILD = """
import sys, time
from pathlib import Path
from termsheet.compare import compare
from termsheet.compare.sidebyside import build_side_by_side
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.diff_pdf import write_side_by_side_pdf

old, new, engine, out = sys.argv[1:5]
sides = []
for path in (old, new):
    result = validate_file(path)
    sides.append((result.sheet, build_document(result.sheet, templates=TemplateSet(),
                                               source_file=Path(path).name)))
(old_sheet, old_doc), (new_sheet, new_doc) = sides
comparison = compare(old_sheet, new_sheet, old_file="old.yaml", new_file="new.yaml",
                     old_document=old_doc, new_document=new_doc)
view = build_side_by_side(comparison, old_doc, new_doc)
start = time.perf_counter()
data = write_side_by_side_pdf(view, pdf_engine=engine)
print(time.perf_counter() - start)
Path(out).write_bytes(data)
"""


def run_once(old: Path, new: Path, engine: str, out: Path) -> tuple[float, float, float]:
    """One fresh process: (its wall seconds, its processor seconds, the PDF writer's wall
    seconds inside it)."""
    command = [sys.executable, "-c", _CHILD, str(old), str(new), engine, str(out)]
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if process.returncode:
        raise SystemExit(f"{engine}: exit {process.returncode}: {text[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, float(text.split()[-1])


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _verdict(engine: str, wall: float, cpu: float) -> str:
    """``ok``/``MISSED`` against the engine's target (``-`` without one): the wall time on a
    machine with a core to spare, else the processor time (a loaded machine queues the
    process; the wall time then measures the other processes too)."""
    target = TARGET_SECONDS.get(engine)
    if target is None:
        return "-"
    idle = os.getloadavg()[0] < (os.cpu_count() or 1)
    return "ok" if (wall if idle else cpu) < target else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=140)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"from: {', '.join(ENGINES)}")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    missed = False
    with tempfile.TemporaryDirectory(prefix="bench-pdf-engines-") as scratch:
        folder = Path(scratch)
        old, new = write_pair(folder, args.size, args.seed)
        print(f"side-by-side PDF of two {args.size}-provision files, {args.runs} fresh "
              f"processes per engine; load average {_load()}")
        print(f"{'engine':>10} {'median s':>9} {'min s':>7} {'cpu s':>6} {'writer s':>9} "
              f"{'pages':>6} {'target':>8}")
        for engine in args.engines.split(","):
            runs = []
            out = folder / f"{engine}.pdf"
            for _ in range(args.runs):
                runs.append(run_once(old, new, engine, out))
            walls, cpus, writers = zip(*runs)
            verdict = _verdict(engine, statistics.median(walls), statistics.median(cpus))
            missed = missed or verdict == "MISSED"
            print(f"{engine:>10} {statistics.median(walls):>9.2f} {min(walls):>7.2f} "
                  f"{statistics.median(cpus):>6.2f} {statistics.median(writers):>9.2f} "
                  f"{_pages(out):>6} {verdict:>8}")
        print(f"load average at the end: {_load()}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
