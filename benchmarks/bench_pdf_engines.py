"""A term sheet's PDF with each engine, Typst and WeasyPrint, against DOCX + LibreOffice.

Run from any folder::

    python benchmarks/bench_pdf_engines.py [--runs 5] [--warm-runs 10] [--big-runs 3]
                                           [--skip-weasyprint-big] [--skip-libreoffice]

1. **Whole process**, ``samples/us-draft.yaml``: per run, one after the other (the
   routes interleaved, so that a change in the machine's load touches all of them),
   ``termsheet render … --to pdf --pdf-engine typst``, the same with
   ``--pdf-engine weasyprint``, and the peer route: ``termsheet render … --to docx``
   then ``soffice --headless --convert-to pdf`` (its profile made before, untimed).
   Medians of ``--runs`` runs, wall time.
2. **Warm**, in one process: the built document written by the Typst writer, median of
   ``--warm-runs`` runs after one untimed run, per page: the same document again (Typst
   reuses every layout it memoised), and the document with one field changed each run
   (its version, printed in the footer of every page: what a re-render after an edit costs).
3. **2,000 provisions**: a generated valid term file (``bench_consolidate.py``'s
   generator) rendered to PDF by ``termsheet render`` with Typst, and with WeasyPrint
   unless ``--skip-weasyprint-big`` (it takes about 40 s).

Targets: the Typst route at most half the LibreOffice route; a warm Typst PDF at most
30 ms a page; 2,000 provisions to PDF with Typst in under 10 s (whole process). The load
average is printed before and after: the machines are shared (2 cores), so compare the
figures of one run, taken when the load is low.
"""

from __future__ import annotations

import argparse
import os
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

from bench_consolidate import write_files  # noqa: E402
from bench_diff import load_average  # noqa: E402

SAMPLE = ROOT / "samples" / "us-draft.yaml"
TARGETS = {"lo_ratio": 0.5, "warm_ms_per_page": 30.0, "big_seconds": 10.0}
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def render_command(source: Path, fmt: str, out_dir: Path, engine: str = "weasyprint") -> list[str]:
    """``termsheet render`` of one file, every output written again (no render cache)."""
    return [sys.executable, "-m", "termsheet", "render", str(source), "--to", fmt,
            "--pdf-engine", engine, "--out-dir", str(out_dir), "--force", "-q"]


def timed(*commands: list[str]) -> float:
    """Wall seconds of ``commands`` run one after the other; a failure stops the benchmark."""
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
        if done.returncode not in (0, 1):  # 1: the sample's lint warnings are not failures
            raise SystemExit(f"{' '.join(command[:6])}…: exit {done.returncode}\n"
                             f"{(done.stderr or done.stdout)[-800:]}")
    return time.perf_counter() - start


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


# ------------------------------------------------------------- 1. whole process

def whole_process(folder: Path, runs: int, with_libreoffice: bool) -> dict[str, float]:
    """Median wall seconds of each route for the sample, runs interleaved."""
    routes = {engine: [render_command(SAMPLE, "pdf", folder / engine, engine)]
              for engine in ("typst", "weasyprint")}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if with_libreoffice and soffice:
        profile = f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}"
        docx = folder / "docx" / f"{SAMPLE.stem}.docx"
        convert = [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf",
                   "--outdir", str(folder / "lo"), str(docx)]
        routes["docx + soffice"] = [render_command(SAMPLE, "docx", folder / "docx"), convert]
        timed(*routes["docx + soffice"])  # makes the LibreOffice profile
    elif with_libreoffice:
        print("LibreOffice: soffice not found; its route is skipped")
    times: dict[str, list[float]] = {name: [] for name in routes}
    for _ in range(runs):
        for name, commands in routes.items():
            times[name].append(timed(*commands))
    medians = {name: statistics.median(spent) for name, spent in times.items()}
    files = {"typst": folder / "typst", "weasyprint": folder / "weasyprint",
             "docx + soffice": folder / "lo"}
    print(f"\n1. whole process, {SAMPLE.name} to PDF: median of {runs} interleaved runs")
    print(f"{'route':>16} {'median s':>9} {'min s':>7} {'pages':>6}")
    for name, spent in times.items():
        print(f"{name:>16} {medians[name]:>9.2f} {min(spent):>7.2f} "
              f"{pages(files[name] / f'{SAMPLE.stem}.pdf'):>6}")
    return medians


# ------------------------------------------------------------------- 2. warm

def warm_typst(runs: int) -> float:
    """Median milliseconds per page of the Typst writer, warm, in this process, the
    document changed each run (the larger figure); the same document again is printed too."""
    import dataclasses
    import io

    from pypdf import PdfReader

    from termsheet.jobs.render import build_document
    from termsheet.resources import TemplateSet
    from termsheet.source.validate import validate_file
    from termsheet.writers.typst_pdf import write_pdf_typst

    result = validate_file(SAMPLE)
    document = build_document(result.sheet, templates=TemplateSet(), source_file=SAMPLE.name)
    count = len(PdfReader(io.BytesIO(write_pdf_typst(document))).pages)  # untimed: fonts, template
    edited = [dataclasses.replace(document, info=dataclasses.replace(
        document.info, version=f"0.3.{100 + run}")) for run in range(runs)]
    print(f"\n2. warm Typst PDF of {SAMPLE.name} ({count} pages), in process, median of {runs} runs")
    medians = {}
    for name, documents in (("the same document", [document] * runs),
                            ("one field changed", edited)):
        spent = []
        for each in documents:
            start = time.perf_counter()
            write_pdf_typst(each)
            spent.append(time.perf_counter() - start)
        medians[name] = statistics.median(spent) * 1000
        print(f"{name:>20} {medians[name]:>7.0f} ms {medians[name] / count:>6.1f} ms a page")
    return max(medians.values()) / count


# ------------------------------------------------------------ 3. 2,000 provisions

def big_term_sheet(folder: Path, runs: int, engines: list[str]) -> dict[str, float]:
    """Median wall seconds of ``termsheet render`` of a 2,000-provision file to PDF."""
    [source] = write_files(folder, 2000, 1, 0.0)
    medians = {}
    print(f"\n3. a generated term sheet of 2,000 provisions to PDF, whole process, "
          f"median of {runs} runs")
    print(f"{'engine':>16} {'median s':>9} {'pages':>6}")
    for engine in engines:
        out_dir = folder / f"big-{engine}"
        command = render_command(source, "pdf", out_dir, engine)
        medians[engine] = statistics.median(timed(command) for _ in range(runs))
        print(f"{engine:>16} {medians[engine]:>9.2f} {pages(out_dir / f'{source.stem}.pdf'):>6}")
    return medians


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm-runs", type=int, default=10)
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--skip-weasyprint-big", action="store_true")
    parser.add_argument("--skip-libreoffice", action="store_true")
    args = parser.parse_args(argv)
    print(f"load average before: {load_average()} ({os.cpu_count()} cores)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-pdf-engines-") as scratch:
        folder = Path(scratch)
        routes = whole_process(folder, args.runs, not args.skip_libreoffice)
        per_page = warm_typst(args.warm_runs)
        engines = ["typst"] + ([] if args.skip_weasyprint_big else ["weasyprint"])
        big = big_term_sheet(folder, args.big_runs, engines)
    if "docx + soffice" in routes:
        ratio = routes["typst"] / routes["docx + soffice"]
        rows.append(("Typst PDF <= 0.5x DOCX + LibreOffice", f"{ratio:.2f}x",
                     verdict(ratio <= TARGETS["lo_ratio"])))
    rows.append(("warm Typst PDF <= 30 ms a page", f"{per_page:.1f} ms",
                 verdict(per_page <= TARGETS["warm_ms_per_page"])))
    rows.append(("2,000 provisions with Typst < 10 s", f"{big['typst']:.2f} s",
                 verdict(big["typst"] < TARGETS["big_seconds"])))
    print(f"\nload average after: {load_average()}")
    print("targets:")
    for target, measured, result in rows:
        print(f"  {target:<40} {measured:>9}  {result}")
    return 1 if any(result == "MISSED" for *_, result in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
