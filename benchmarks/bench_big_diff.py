"""A big comparison end to end: two 500-provision term files through ``termsheet diff``.

Run from any folder::

    python benchmarks/bench_big_diff.py [--size 500] [--runs 3] [--cases pdf,all] [--keep DIR]

It writes two valid term files of ``--size`` provisions spread over the
collections of ``bench_diff.py`` (the newer one with about 10 % of them edited,
removed, added, moved or renamed, as ``bench_diff.py`` changes them), then runs
``python -m termsheet diff OLD NEW --to FORMATS --out-dir DIR`` (with a long
``--timeout``) in fresh processes:
``pdf`` (the side-by-side PDF) and ``all`` (html, pdf, docx, json, md). It prints,
per case, the median wall time and the median and largest peak memory (the
child's maximum resident set size), the exit status, the PDF's page count and
the load average before and after.  With ``--keep DIR`` the term files are
written there and kept (to run ``termsheet diff`` on them by hand).

Runs go one after the other; the machines are shared (2 cores), so compare
figures taken in one run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_diff import generate_pair  # noqa: E402

CASES = {"pdf": "pdf", "all": "html,pdf,docx,json,md"}
TIMEOUT = 1800
"""``--timeout`` of every run: long enough that a loaded machine measures, not stops."""


def write_pair(folder: Path, size: int, seed: int = 1) -> tuple[Path, Path]:
    """Two valid term files (old.yaml, new.yaml) of ``size`` provisions in ``folder``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    paths = []
    for sheet, name in zip(generate_pair(size, seed=seed), ("old.yaml", "new.yaml")):
        data = sheet.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        _fix_references(data, random.Random(seed))
        path = folder / name
        with path.open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        paths.append(path)
    return paths[0], paths[1]


def _fix_references(data: dict, rng: random.Random) -> None:
    """Point the generated references at items the file declares (the generator picks
    them blindly), so that both files pass validation."""
    triggers = [item["id"] for item in data["enforcement"]["triggers"]]
    sources = [item["id"] for item in data["sources"]]
    for response in data["enforcement"]["responses"]:
        response["trigger_refs"] = [rng.choice(triggers)]
    for commitment in data["commitments"]:
        commitment["source_refs"] = [rng.choice(sources)]


def run_once(old: Path, new: Path, formats: str, out_dir: Path) -> tuple[float, int, int]:
    """One ``termsheet diff`` process: (wall seconds, peak RSS in bytes, exit status)."""
    command = [sys.executable, "-m", "termsheet", "diff", str(old), str(new), "-q",
               "--to", formats, "--out-dir", str(out_dir), "--timeout", str(TIMEOUT)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode("utf-8", "replace").strip()
    process.stderr.close()
    if process.returncode not in (0, 1) or (process.returncode == 1 and errors):
        print(f"  exit {process.returncode}: {errors[:300]}")
    return elapsed, usage.ru_maxrss * 1024, process.returncode


def _pages(folder: Path) -> int | None:
    """Pages of the side-by-side PDF in ``folder`` (read with pypdf, a test dependency)."""
    from pypdf import PdfReader

    for pdf in folder.glob("*.pdf"):
        return len(PdfReader(pdf).pages)
    return None


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES), help=f"from: {', '.join(CASES)}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the term files here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-big-diff-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        old, new = write_pair(folder, args.size, args.seed)
        print(f"termsheet diff of two {args.size}-provision files ({old.stat().st_size:,} and "
              f"{new.stat().st_size:,} bytes), {args.runs} runs each; load average {_load()}")
        print(f"{'case':>6} {'formats':>22} {'median s':>9} {'min s':>7} "
              f"{'median MiB':>11} {'max MiB':>8} {'exit':>5} {'pages':>6}")
        for case in args.cases.split(","):
            times, peaks, statuses, pages = [], [], set(), None
            for run in range(args.runs):
                out_dir = Path(scratch) / f"out-{case}-{run}"
                elapsed, peak, status = run_once(old, new, CASES[case], out_dir)
                times.append(elapsed)
                peaks.append(peak)
                statuses.add(status)
                pages = _pages(out_dir) if out_dir.exists() else None
            print(f"{case:>6} {CASES[case]:>22} {statistics.median(times):>9.1f} "
                  f"{min(times):>7.1f} {statistics.median(peaks) / 2**20:>11.0f} "
                  f"{max(peaks) / 2**20:>8.0f} {'/'.join(map(str, sorted(statuses))):>5} "
                  f"{pages if pages is not None else '-':>6}")
        print(f"load average at the end: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
