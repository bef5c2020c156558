"""Render speed: pipeline stages in-process, whole processes, a parallel batch, LibreOffice.

Run from anywhere (nothing is written into the repository)::

    python benchmarks/bench_render.py                  # everything, about 10 minutes
    python benchmarks/bench_render.py --quick          # fewer runs, a batch of 10
    python benchmarks/bench_render.py --only stages,cold --profile

Sections (``--only``, comma-separated):

``stages``  median in-process time per sample of each stage: load (YAML → data),
            validate (model + lint), build (wording templates + transforms), DOCX,
            HTML, PDF; the PDF split into our HTML page, our checks (glyph coverage,
            identifier), WeasyPrint's HTML parse, layout, and ``write_pdf``.
``cold``    median wall time of fresh ``termsheet render FILE`` processes,
            ``--to pdf`` / ``--to docx`` / ``--to docx,pdf,html,md``.
``batch``   a folder of generated term files (the drafts with ids and texts
            varied) rendered with ``--jobs 1`` and with the default (one worker
            per core); the speed-up ratio.
``lo``      the peer route: the same DOCX converted to PDF by LibreOffice
            (``soffice --headless --convert-to pdf``, a fresh process each run,
            its profile created once beforehand), against our cold PDF process.

Then the targets (``TARGETS``, described in benchmarks/README.md) with pass/fail. With
``--profile`` (or when a target is missed and ``--profile-on-miss`` is given) the
in-process PDF render and a cold ``--to pdf`` process are profiled with cProfile.

The machines are shared: compare ratios taken in one run, not absolute numbers
across runs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termsheet.source.load import load_file  # noqa: E402
from termsheet.jobs.render import build_document  # noqa: E402
from termsheet.resources import TemplateSet  # noqa: E402
from termsheet.source.validate import validate_data  # noqa: E402

SAMPLES = ("us-draft", "coalition-draft", "minimal")
DRAFTS = ("us-draft", "coalition-draft")
BATCH_BASES = ("us-draft", "coalition-draft", "us-draft-v0.2")
SECTIONS = ("stages", "cold", "batch", "lo")
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("SOURCE_DATE_EPOCH", None)

TARGETS = {
    "own": 0.15,        # our work outside WeasyPrint layout + write_pdf, share of the PDF time
    "docx_ms": 150.0,   # DOCX writer per sample, in-process
    "speedup": 1.6,     # batch on two cores against one
    "lo_ratio": 1.0,    # cold termsheet PDF time / cold LibreOffice route time
}


# ------------------------------------------------------------------ helpers

def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def median_ms(func, runs: int, warm: bool = True) -> float:
    if warm:
        func()
    return statistics.median(timed(func) for _ in range(runs)) * 1000


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                        for i, (c, w) in enumerate(zip(row, widths))))
    sys.stdout.flush()


def cli_command() -> list[str]:
    exe = shutil.which("termsheet")
    return [exe] if exe else [sys.executable, "-m", "termsheet"]


def cold_s(cmd: list[str], runs: int, *, cwd: Path = ROOT, before=None) -> tuple[float, int]:
    """Median wall time of ``runs`` fresh processes (``before()`` runs untimed before each)."""
    times, code = [], 0
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, cwd=cwd, env=ENV)
        times.append(time.perf_counter() - start)
        code = code or proc.returncode
        if proc.returncode:
            sys.stderr.write(proc.stderr.decode(errors="replace")[-2000:])
    return statistics.median(times), code


def sample_path(stem: str) -> Path:
    return ROOT / "samples" / f"{stem}.yaml"


def count_pages(pdf: bytes) -> int:
    try:
        import pypdf
    except ImportError:  # pypdf is a test dependency; pdfinfo (poppler) may be there instead
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, re.M)
        return int(found.group(1)) if found else 0
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


# ------------------------------------------------------------- 1. in-process stages

class Stages:
    """Every stage of one sample, each callable on its own."""

    def __init__(self, stem: str, variant: str = "pdf/ua-1"):
        self.path = sample_path(stem)
        self.templates = TemplateSet()
        self.variant = variant
        self.loaded = load_file(self.path, f"samples/{stem}.yaml")
        self.validation = validate_data(self.loaded)
        assert self.validation.sheet is not None, self.validation.diagnostics
        self.document = self.build()

    def load(self):
        return load_file(self.path, self.path.name)

    def validate(self):
        return validate_data(self.loaded)

    def build(self):
        return build_document(self.validation.sheet, templates=self.templates,
                              source_file=self.validation.path,
                              positions=self.validation.document.positions)

    def docx(self):
        from termsheet.writers.docx import write_docx
        return write_docx(self.document, templates=self.templates)

    def html(self):
        from termsheet.writers.html import write_html
        return write_html(self.document, templates=self.templates)

    def markdown(self):
        from termsheet.writers.markdown import write_markdown
        return write_markdown(self.document)

    def pdf(self):
        from termsheet.writers.pdf import write_pdf
        return write_pdf(self.document, templates=self.templates, variant=self.variant)

    # The PDF writer's steps, as termsheet/writers/pdf.py takes them.

    def pdf_page(self):
        from termsheet.writers.html import render_page
        from termsheet.writers.pdf import fixed_timestamp
        return render_page(self.document, templates=self.templates, for_print=True,
                           timestamp=fixed_timestamp(self.document))

    def pdf_checks(self, html: str):
        from termsheet.writers.html import PRINT_CSS, read_stylesheet
        from termsheet.writers import pdf as pdf_writer
        pdf_writer.check_glyphs(self.document, pdf_writer.font_families(
            str(read_stylesheet(self.templates, PRINT_CSS))))
        options = dict(pdf_writer.VARIANTS[self.variant],
                       pdf_identifier=pdf_writer._identifier(html, self.variant, None))
        return options

    def pdf_parse(self, html: str):
        from weasyprint import HTML
        from termsheet.writers.fetcher import SafeFetcher
        from termsheet.writers.html import PRINT_CSS
        stylesheet = self.templates.find(PRINT_CSS)
        return HTML(string=html, base_url=stylesheet.as_uri(),
                    url_fetcher=SafeFetcher(stylesheet.parent / "assets"))

    @staticmethod
    def pdf_layout(page, options):
        from weasyprint import DEFAULT_OPTIONS
        full = {**DEFAULT_OPTIONS, **options}
        return page.render(**full), full

    @staticmethod
    def pdf_write(rendered, full):
        return rendered.write_pdf(None, 1, None, **full)


def pdf_split(stages: Stages, runs: int) -> dict[str, float]:
    """Median ms of each PDF step (one warm-up render first)."""
    stages.pdf()
    steps: dict[str, list[float]] = {k: [] for k in ("page", "checks", "parse", "layout", "write")}
    for _ in range(runs):
        t0 = time.perf_counter()
        html = stages.pdf_page()
        t1 = time.perf_counter()
        options = stages.pdf_checks(html)
        t2 = time.perf_counter()
        page = stages.pdf_parse(html)
        t3 = time.perf_counter()
        rendered, full = stages.pdf_layout(page, options)
        t4 = time.perf_counter()
        stages.pdf_write(rendered, full)
        t5 = time.perf_counter()
        for key, value in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            steps[key].append(value)
    return {key: statistics.median(values) * 1000 for key, values in steps.items()}


def bench_stages(runs: int, pdf_runs: int, results: dict) -> None:
    rows, pdf_rows = [], []
    for stem in SAMPLES:
        stages = Stages(stem)
        pdf_bytes = stages.pdf()
        front = [median_ms(stages.load, runs), median_ms(stages.validate, runs),
                 median_ms(stages.build, runs)]
        row = [stem, str(count_pages(pdf_bytes))] + [f"{ms:.1f}" for ms in front]
        docx_ms = median_ms(stages.docx, runs)
        results.setdefault("docx_ms", {})[stem] = docx_ms
        row += [f"{docx_ms:.0f}", f"{median_ms(stages.html, runs):.1f}",
                f"{median_ms(stages.markdown, runs):.1f}"]
        pdf_ms = median_ms(stages.pdf, pdf_runs)
        row.append(f"{pdf_ms:.0f}")
        rows.append(row)

        split = pdf_split(stages, pdf_runs)
        weasy = split["parse"] + split["layout"] + split["write"]
        own = split["page"] + split["checks"]  # everything of ours in write_pdf
        total = own + weasy  # the same runs, so the shares are not skewed by noise
        outside = own + split["parse"]
        results.setdefault("own", {})[stem] = own / total
        pipeline_own = sum(front) + own  # load, validate, build, then our part of write_pdf
        results.setdefault("own_pipeline", {})[stem] = pipeline_own / (pipeline_own + weasy)
        pdf_rows.append([stem, f"{split['page']:.0f}", f"{split['checks']:.0f}",
                         f"{split['parse']:.0f}", f"{split['layout']:.0f}", f"{split['write']:.0f}",
                         f"{total:.0f}", f"{100 * own / total:.1f}%",
                         f"{100 * pipeline_own / (pipeline_own + weasy):.1f}%",
                         f"{100 * outside / total:.1f}%",
                         f"{weasy / max(count_pages(pdf_bytes), 1):.0f}"])
    table(f"In-process stages, median of {runs} runs (PDF: {pdf_runs}), ms, warm process",
          ["sample", "pages", "load", "validate", "build", "DOCX", "HTML", "MD", "PDF"], rows)
    table(f"PDF split, median of {pdf_runs} runs (ms): ours = the print HTML page + checks "
          "(glyph coverage, identifier); then WeasyPrint's HTML parse, layout, write_pdf. "
          "'outside L+W' = ours + WeasyPrint's parse",
          ["sample", "page", "checks", "parse", "layout", "write", "sum", "ours%",
           "ours% +load/validate/build", "outside L+W%", "WP ms/page"], pdf_rows)


# --------------------------------------------------------------- 2. whole processes

COLD_STEPS = r"""
import sys, time
marks = [("start", time.perf_counter())]
def mark(name): marks.append((name, time.perf_counter()))
import termsheet.cli.app, termsheet.jobs.render, termsheet.source.validate; mark("import termsheet (cli, models)")
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
v = termsheet.source.validate.validate_file(sys.argv[1]); mark("load + validate")
t = TemplateSet()
doc = build_document(v.sheet, templates=t, source_file=v.path, positions=v.document.positions)
mark("build + transforms")
import weasyprint; mark("import weasyprint")
from termsheet.writers.pdf import write_pdf
write_pdf(doc, templates=t); mark("first write_pdf (font set-up included)")
write_pdf(doc, templates=t); mark("second write_pdf (warm)")
for (_, a), (name, b) in zip(marks, marks[1:]):
    print(f"{name}\t{(b - a) * 1000:.0f}")
"""


def bench_cold(runs: int, results: dict) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="termsheet-bench-") as tmp:
        base = cold_s([sys.executable, "-c", "pass"], runs)[0]
        rows.append(["python -c pass (start-up)", f"{base:.2f}", "0"])
        for stem in DRAFTS:
            for formats, extra in (("pdf", []), ("pdf", ["--pdf-variant", "none"]), ("docx", []),
                                   ("docx,pdf,html,md", [])):
                cmd = cli_command() + ["render", f"samples/{stem}.yaml", "--to", formats,
                                       "--out-dir", str(Path(tmp) / "out"), "-q", *extra]
                seconds, code = cold_s(cmd, runs)
                if not extra:
                    results.setdefault("cold", {})[(stem, formats)] = seconds
                rows.append([f"termsheet render {stem}.yaml --to {formats} {' '.join(extra)}".rstrip(),
                             f"{seconds:.2f}", str(code)])
    table(f"Whole process, median of {runs} cold runs (s)", ["command", "s", "exit"], rows)

    steps: dict[str, list[float]] = {}
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", COLD_STEPS, "samples/us-draft.yaml"],
                              cwd=ROOT, env=ENV, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr[-2000:])
            return
        for line in done.stdout.splitlines():
            name, ms = line.split("\t")
            steps.setdefault(name, []).append(float(ms))
    table(f"Where a cold PDF process spends its time (us-draft, in-process steps of one fresh "
          f"process, median of {runs}, ms)", ["step", "ms"],
          [[name, f"{statistics.median(values):.0f}"] for name, values in steps.items()])


# ---------------------------------------------------------------------- 3. batch

_ID = re.compile(r"\b((?:cmt|dep|cmd|mon|body|trg|rsp|src|eng|terr|oi|cap|fl|pre|lim|chg)-)")


def mutate(text: str, i: int) -> str:
    """A different but still valid term file: ids renamed consistently, texts changed."""
    text = _ID.sub(lambda m: f"{m.group(1)}v{i}-", text)
    text = re.sub(r'^(  title: ")', rf"\1Variant {i}: ", text, count=1, flags=re.M)
    return re.sub(r'(summary: ")', rf"\1[{i}] ", text)


def bench_batch(count: int, formats: str, results: dict) -> None:
    bases = [sample_path(stem).read_text(encoding="utf-8") for stem in BATCH_BASES]
    with tempfile.TemporaryDirectory(prefix="termsheet-bench-") as tmp:
        folder = Path(tmp) / "terms"
        folder.mkdir()
        for i in range(count):
            (folder / f"term-{i:03}.yaml").write_text(mutate(bases[i % len(bases)], i),
                                                      encoding="utf-8")
        rows, times = [], {}
        for label, extra in (("--jobs 1", ["--jobs", "1"]), (f"default ({os.cpu_count()} cores)", [])):
            out_dir = Path(tmp) / f"out-{len(extra)}"
            cmd = cli_command() + ["render", str(folder), "--to", formats, "--out-dir",
                                   str(out_dir), "-q", *extra]
            load_before = os.getloadavg()[0]
            seconds, code = cold_s(cmd, 1)
            written = len(list(out_dir.iterdir())) if out_dir.exists() else 0
            times[label] = seconds
            rows.append([label, f"{seconds:.1f}", f"{count / seconds:.2f}", str(written), str(code),
                         f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"])
        serial, parallel = times.values()
        results["speedup"] = serial / parallel
        rows.append(["speed-up", f"{serial / parallel:.2f}x", "", "", "", ""])
    table(f"Batch: {count} generated term files --to {formats} (one run each; the speed-up "
          f"means something only if the load average was well under {os.cpu_count()} before "
          f"the runs started)",
          ["run", "s", "files/s", "files written", "exit", "load before / after"], rows)


# ---------------------------------------------------------------- 4. LibreOffice

def bench_libreoffice(runs: int, results: dict) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("\nLibreOffice: soffice not found; skipped")
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="termsheet-bench-lo-") as tmp:
        tmp_path = Path(tmp)
        profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
        for stem in DRAFTS:
            docx_path = tmp_path / f"{stem}.docx"
            docx_path.write_bytes(Stages(stem).docx())
            out_dir = tmp_path / "lo-out"
            cmd = [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf",
                   "--outdir", str(out_dir), str(docx_path)]
            subprocess.run(cmd, capture_output=True, env=ENV, timeout=300)  # creates the profile
            lo, code = cold_s(cmd, runs, before=lambda: shutil.rmtree(out_dir, ignore_errors=True))
            lo_pages = count_pages((out_dir / f"{stem}.pdf").read_bytes()) if not code else 0
            ours_pdf = results.get("cold", {}).get((stem, "pdf"))
            ours_docx = results.get("cold", {}).get((stem, "docx"))
            if ours_pdf is None:
                render = cli_command() + ["render", f"samples/{stem}.yaml", "--to", "pdf",
                                          "--out-dir", str(tmp_path / "ours"), "-q"]
                ours_pdf = cold_s(render, runs)[0]
            if ours_docx is None:
                render = cli_command() + ["render", f"samples/{stem}.yaml", "--to", "docx",
                                          "--out-dir", str(tmp_path / "ours"), "-q"]
                ours_docx = cold_s(render, runs)[0]
            route = ours_docx + lo
            results.setdefault("lo_ratio", {})[stem] = ours_pdf / route
            results.setdefault("lo_only_ratio", {})[stem] = ours_pdf / lo
            rows.append([stem, f"{lo:.2f}", str(lo_pages), f"{ours_docx:.2f}", f"{route:.2f}",
                         f"{ours_pdf:.2f}", f"{ours_pdf / lo:.2f}", f"{ours_pdf / route:.2f}",
                         str(code)])
    table(f"Peer route, median of {runs} cold runs (s): LibreOffice converts our DOCX to PDF",
          ["sample", "soffice", "pages", "termsheet docx", "docx+soffice", "termsheet pdf",
           "pdf/soffice", "pdf/(docx+soffice)", "exit"], rows)


# ------------------------------------------------------------------ targets, profile

def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report_targets(results: dict) -> bool:
    rows, missed = [], False
    for stem, share in results.get("own", {}).items():
        ok = share < TARGETS["own"]
        missed |= not ok
        rows.append([f"our work (outside WeasyPrint) < 15 % of PDF time ({stem})",
                     f"{100 * share:.1f}%", verdict(ok)])
    for stem, share in results.get("own_pipeline", {}).items():
        ok = share < TARGETS["own"]
        missed |= not ok
        rows.append([f"  the same counting load, validate and build ({stem})",
                     f"{100 * share:.1f}%", verdict(ok)])
    for stem, ms in results.get("docx_ms", {}).items():
        ok = ms < TARGETS["docx_ms"]
        missed |= not ok
        rows.append([f"DOCX < 150 ms in-process ({stem})", f"{ms:.0f} ms", verdict(ok)])
    if "speedup" in results:
        ok = results["speedup"] >= TARGETS["speedup"]
        missed |= not ok
        rows.append(["batch >= 1.6x faster on two cores", f"{results['speedup']:.2f}x", verdict(ok)])
    for stem, ratio in results.get("lo_ratio", {}).items():
        ok = ratio <= TARGETS["lo_ratio"]
        missed |= not ok
        rows.append([f"cold PDF no slower than DOCX + LibreOffice ({stem})",
                     f"{ratio:.2f}x", verdict(ok)])
    for stem, ratio in results.get("lo_only_ratio", {}).items():
        ok = ratio <= TARGETS["lo_ratio"]
        rows.append([f"  (against soffice alone, DOCX given) ({stem})", f"{ratio:.2f}x",
                     verdict(ok)])
    if rows:
        table("Targets", ["target", "measured", ""], rows)
    return missed


def profile_pdf(stem: str, top: int) -> None:
    stages = Stages(stem)
    stages.pdf()  # warm
    profiler = cProfile.Profile()
    profiler.enable()
    stages.pdf()
    profiler.disable()
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key).print_stats(top)
        print(f"\ncProfile of a warm in-process write_pdf({stem}), by {key}:")
        print("\n".join(out.getvalue().splitlines()[4:]))


def profile_cold(stem: str, top: int) -> None:
    with tempfile.TemporaryDirectory(prefix="termsheet-bench-prof-") as tmp:
        stats = Path(tmp) / "cold.prof"
        cmd = [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "termsheet", "render",
               f"samples/{stem}.yaml", "--to", "pdf", "--out-dir", str(Path(tmp) / "out"), "-q"]
        subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, check=True)
        out = io.StringIO()
        pstats.Stats(str(stats), stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
        print(f"\ncProfile of a cold `termsheet render {stem}.yaml --to pdf`, by cumulative time:")
        print("\n".join(out.getvalue().splitlines()[4:]))
        imports = subprocess.run([sys.executable, "-X", "importtime", "-c",
                                  "import termsheet.writers.pdf, weasyprint, docx"],
                                 cwd=ROOT, env=ENV, capture_output=True, text=True).stderr
        heavy = sorted(((int(m.group(2)), m.group(3).strip())
                        for m in re.finditer(r"import time:\s+(\d+) \|\s+(\d+) \|(.*)", imports)),
                       reverse=True)[:12]
        table("Heaviest imports (cumulative µs, python -X importtime)", ["module", "µs"],
              [[name, str(us)] for us, name in heavy])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="in-process runs (non-PDF stages)")
    parser.add_argument("--pdf-runs", type=int, default=5, help="in-process PDF runs")
    parser.add_argument("--cold-runs", type=int, default=5, help="runs of each cold process")
    parser.add_argument("--lo-runs", type=int, default=5, help="runs of each LibreOffice process")
    parser.add_argument("--batch", type=int, default=50, help="generated files in the batch")
    parser.add_argument("--batch-formats", default="docx,pdf,html,md", help="--to for the batch")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"sections to run, comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--profile", action="store_true", help="profile the PDF render")
    parser.add_argument("--profile-on-miss", action="store_true",
                        help="profile the PDF render when a target is missed")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs everywhere and a batch of 10 (a smoke test, not a measurement)")
    args = parser.parse_args()
    if args.quick:
        args.runs = args.pdf_runs = args.cold_runs = args.lo_runs = 3
        args.batch = 10
    sections = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    os.chdir(ROOT)
    import weasyprint
    import docx
    print(f"Python {sys.version.split()[0]}, WeasyPrint {weasyprint.__version__}, "
          f"python-docx {getattr(docx, '__version__', '?')}, {os.cpu_count()} cores, "
          f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    results: dict = {}
    if "stages" in sections:
        bench_stages(args.runs, args.pdf_runs, results)
    if "cold" in sections:
        bench_cold(args.cold_runs, results)
    if "batch" in sections:
        bench_batch(args.batch, args.batch_formats, results)
    if "lo" in sections:
        bench_libreoffice(args.lo_runs, results)
    missed = report_targets(results)
    if args.profile or (missed and args.profile_on_miss):
        profile_pdf("us-draft", 30)
        profile_cold("us-draft", 30)
    print(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
