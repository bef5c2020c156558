"""Validation speed: in-process per sample, a batch of 1,000 files, and whole processes.

Run from the repository root::

    python benchmarks/bench_validate.py [--runs 15] [--batch 1000] [--cold-runs 7]

It prints three tables:

1. median in-process time per sample: loading (per YAML backend available:
   "c" = ruamel.yaml.clib, "pure" = pure Python) and the whole
   ``validate_file`` (load + model + lint);
2. a batch of generated term files (samples with their ids and texts
   mutated, written to a temporary folder), validated in-process;
3. median wall time of cold processes: ``termsheet validate`` against
   ``check-jsonschema`` on the same file, with bare Python start-up for scale.

The load average is printed before and after.  Medians of several runs; the machines
are shared, so compare ratios taken in one run rather than absolute numbers across runs.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_diff import load_average  # noqa: E402
from termsheet.source.load import BACKENDS, load_text  # noqa: E402
from termsheet.source.validate import validate_file, validate_paths  # noqa: E402

SAMPLE_NAMES = ("us-draft.yaml", "coalition-draft.yaml", "minimal.yaml")
SCHEMA = ROOT / "schemas" / "termsheet.schema.json"


def median_ms(func, runs: int) -> float:
    func()  # warm-up (imports, caches)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def samples() -> list[Path]:
    found = [ROOT / "samples" / name for name in SAMPLE_NAMES if (ROOT / "samples" / name).exists()]
    return found or sorted((ROOT / "samples").glob("*.yaml"))


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                        for i, (c, w) in enumerate(zip(row, widths))))


# -- 1. per sample ---------------------------------------------------------------


def bench_samples(runs: int) -> None:
    rows = []
    for path in samples():
        text = path.read_text(encoding="utf-8")
        row = [path.name, f"{len(text.encode()) / 1024:.1f}"]
        for backend in ("c", "pure"):
            if backend in BACKENDS:
                median = median_ms(lambda b=backend: load_text(text, path.name, backend=b), runs)
                row.append(f"{median:.1f}")
            else:
                row.append("n/a")
        row.append(f"{median_ms(lambda: validate_file(path), runs):.1f}")
        rows.append(row)
    table(f"In-process, median of {runs} runs (ms); validate_file uses backend "
          f"'{BACKENDS[0]}'",
          ["sample", "KiB", "load (c)", "load (pure)", "validate_file"], rows)


# -- 2. batch -----------------------------------------------------------------------

_ID = re.compile(r"\b((?:cmt|dep|cmd|mon|body|trg|rsp|src|eng|terr|oi|cap|fl|pre)-)")


def mutate(text: str, i: int) -> str:
    """A different but still valid term file: ids renamed consistently, texts changed."""
    text = _ID.sub(lambda m: f"{m.group(1)}v{i}-", text)
    text = re.sub(r'^(  title: ")', rf"\1Variant {i}: ", text, count=1, flags=re.M)
    text = re.sub(r'(summary: ")', rf"\1[{i}] ", text)
    return text


def bench_batch(count: int) -> None:
    bases = [p.read_text(encoding="utf-8") for p in samples()]
    with tempfile.TemporaryDirectory(prefix="termsheet-bench-") as tmp:
        folder = Path(tmp)
        for i in range(count):
            (folder / f"term-{i:04}.yaml").write_text(mutate(bases[i % len(bases)], i),
                                                       encoding="utf-8")
        files = sorted(folder.glob("*.yaml"))
        start = time.perf_counter()
        results = validate_paths(files)
        elapsed = time.perf_counter() - start
        errors = sum(len(r.errors) for r in results)
        cli = _cli_command() + ["validate", "-q", str(folder)]
        start = time.perf_counter()
        proc = subprocess.run(cli, capture_output=True, cwd=ROOT)
        cli_elapsed = time.perf_counter() - start
    rows = [
        ["validate_paths (in-process)", f"{elapsed:.2f}", f"{elapsed / count * 1000:.1f}",
         f"{count / elapsed:.0f}"],
        ["termsheet validate DIR (process)", f"{cli_elapsed:.2f}",
         f"{cli_elapsed / count * 1000:.1f}", f"{count / cli_elapsed:.0f}"],
    ]
    table(f"Batch of {count} generated term files (errors found: {errors}; "
          f"CLI exit {proc.returncode})", ["run", "total s", "ms/file", "files/s"], rows)


# -- 3. cold processes ---------------------------------------------------------------


def _cli_command() -> list[str]:
    exe = shutil.which("termsheet")
    return [exe] if exe else [sys.executable, "-m", "termsheet"]


def cold_ms(cmd: list[str], runs: int) -> tuple[float, int]:
    times = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        code = proc.returncode
    return statistics.median(times) * 1000, code


def bench_processes(runs: int) -> None:
    sample = next((p for p in samples() if p.name == "us-draft.yaml"), samples()[0])
    rel = sample.relative_to(ROOT)
    commands = [
        ("python -c pass (start-up)", [sys.executable, "-c", "pass"]),
        (f"termsheet validate {rel}", _cli_command() + ["validate", str(rel)]),
    ]
    checker = shutil.which("check-jsonschema")
    if checker:
        schema = str(SCHEMA.relative_to(ROOT))
        commands.append((f"check-jsonschema --schemafile {schema} {rel}",
                         [checker, "--schemafile", schema, str(rel)]))
        # The default (unicode) regex variant refuses one of the schema's patterns
        # (see tests/test_samples.py); the non-unicode variant really validates.
        commands.append(("  the same with --regex-variant nonunicode",
                         [checker, "--regex-variant", "nonunicode", "--schemafile", schema,
                          str(rel)]))
    rows = []
    for label, cmd in commands:
        ms, code = cold_ms(cmd, runs)
        rows.append([label, f"{ms:.0f}", str(code)])
    if not checker:
        rows.append(["check-jsonschema", "not installed", "-"])
    table(f"Whole process, median of {runs} cold runs (ms)", ["command", "ms", "exit"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="in-process runs per sample")
    parser.add_argument("--batch", type=int, default=1000, help="generated files in the batch")
    parser.add_argument("--cold-runs", type=int, default=7, help="runs of each cold process")
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"Python {sys.version.split()[0]}; YAML backends available: {', '.join(BACKENDS)}")
    print(f"load average before: {load_average()}")
    bench_samples(args.runs)
    bench_batch(args.batch)
    bench_processes(args.cold_runs)
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
