"""The render cache: re-rendering a folder of 50 term files of which one changed.

Run from anywhere (nothing is written into the repository)::

    python benchmarks/bench_render_cache.py               # 50 files, 5 runs, about 4 minutes
    python benchmarks/bench_render_cache.py --files 20 --runs 3

Generates ``--files`` valid term files (the drafts with ids and texts varied, as
``bench_render.py`` makes its batch), renders the folder once with
``termsheet render DIR --to FORMATS --out-dir OUT`` (untimed beyond one figure),
then, in fresh processes, median of ``--runs`` each, taken in turns so that a change
of load hits them alike:

``one file``     ``termsheet render FILE --to FORMATS`` into a fresh output folder;
``one changed``  one file of the folder edited (another each run), then
                 ``termsheet render DIR --to FORMATS --out-dir OUT``: the changed file
                 is rendered, the others are up to date;
``none changed`` the same command again, every file up to date.

Prints the ratio of ``one changed`` to ``one file`` against the target (under 3×),
and checks from each run's stderr that exactly the changed file was written.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_diff import load_average  # noqa: E402
from bench_render import BATCH_BASES, ENV, ROOT, cli_command, mutate, sample_path, table  # noqa: E402

TARGET_RATIO = 3.0
"""A folder with one changed file takes under 3× the time of that one file alone."""


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` valid term files, varied as bench_render.py varies its batch."""
    bases = [sample_path(stem).read_text(encoding="utf-8") for stem in BATCH_BASES]
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        path = folder / f"term-{i:03}.yaml"
        path.write_text(mutate(bases[i % len(bases)], i), encoding="utf-8")
        paths.append(path)
    return paths


def edit(path: Path, run: int) -> None:
    """Change the file's title, differently each run (still valid)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'^(  title: ")(?:\(edit \d+\) )?', rf"\1(edit {run}) ", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def render(target: Path, out_dir: Path, formats: str) -> tuple[float, str]:
    """Wall time of one ``termsheet render`` process and its stderr; exits on a failure."""
    cmd = cli_command() + ["render", str(target), "--to", formats, "--out-dir", str(out_dir)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=ENV)
    seconds = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode:
        sys.exit(f"termsheet render {target} exited {proc.returncode}:\n{err[-2000:]}")
    return seconds, err


def written_and_current(err: str) -> tuple[int, int]:
    """(files written, inputs up to date) as a run's stderr lists them."""
    lines = err.splitlines()
    return (sum(line.startswith("wrote ") for line in lines),
            sum(line.endswith(": up to date") for line in lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50, help="generated term files")
    parser.add_argument("--runs", type=int, default=5, help="runs of each timed command")
    parser.add_argument("--formats", default="docx,pdf,html,md", help="--to of every render")
    args = parser.parse_args()
    nformats = len(args.formats.split(","))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {load_average()}")
    with tempfile.TemporaryDirectory(prefix="termsheet-bench-cache-") as tmp:
        folder, out_dir = Path(tmp) / "terms", Path(tmp) / "out"
        paths = generate(folder, args.files)
        first, _err = render(folder, out_dir, args.formats)
        times: dict[str, list[float]] = {"one file": [], "one changed": [], "none changed": []}
        ratios = []
        for run in range(args.runs):
            single_out = Path(tmp) / "single"
            shutil.rmtree(single_out, ignore_errors=True)
            single, _err = render(paths[0], single_out, args.formats)
            edit(paths[run % len(paths)], run)
            changed, err = render(folder, out_dir, args.formats)
            if written_and_current(err) != (nformats, len(paths) - 1):
                sys.exit(f"run {run}: expected {nformats} files written and {len(paths) - 1} "
                         f"up to date, got {written_and_current(err)} (was a template file "
                         f"edited meanwhile?):\n{err[-2000:]}")
            unchanged, err = render(folder, out_dir, args.formats)
            if written_and_current(err) != (0, len(paths)):
                sys.exit(f"run {run}: expected every file up to date:\n{err[-2000:]}")
            for name, seconds in zip(times, (single, changed, unchanged)):
                times[name].append(seconds)
            ratios.append(changed / single)
    single = statistics.median(times["one file"])
    rows = [[name, f"{statistics.median(values):.2f}", f"{min(values):.2f}",
             f"{statistics.median(values) / single:.2f}x"] for name, values in times.items()]
    table(f"termsheet render --to {args.formats}, whole processes (median of {args.runs} runs; "
          f"the first render of all {args.files} files took {first:.1f} s)",
          ["command", "median s", "fastest s", "vs one file"], rows)
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio < TARGET_RATIO else "MISSED"
    print(f"\ntarget: {args.files} files with one changed < {TARGET_RATIO:.0f}x one file alone: "
          f"{ratio:.2f}x (median of the runs' own ratios) {verdict}")
    print(f"load average at the end: {load_average()}")


if __name__ == "__main__":
    main()
