"""Pictures for the docs: the comparison page, a term-sheet page, the N-column page, and a
page laid out by each PDF engine.

Run from the repository root::

    python scripts/make_screenshots.py [--out-dir docs/images]

- ``comparison.png``: the side-by-side page comparing the US draft with the
  Coalition draft, opened in headless Chromium (Debian's ``chromium`` through
  Playwright, launched as the browser tests do: ``tests/browser.py``) at the
  armed-attack trigger, with unchanged rows hidden;
- ``termsheet-page.png``: the first page of the US draft's PDF (the default engine),
  through ``pdftoppm`` (poppler-utils);
- ``pdf-engines.png``: page 5 of the US draft's PDF laid out by Typst (left) and by
  WeasyPrint (right);
- ``columns.png``: the N-column page of ``termsheet consolidate`` over the three
  samples, at the consultation commitment.

Each is reduced to a 128-colour palette so that it stays well under 300 KB.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MAX_BYTES = 300_000
ANCHOR = "chg-triggers-trg-major-attack"


def _sample(name: str):
    from termsheet.jobs.render import build_document
    from termsheet.resources import TemplateSet
    from termsheet.source.validate import validate_file

    result = validate_file(str(ROOT / "samples" / name))
    if result.sheet is None:
        raise SystemExit(f"samples/{name} is not valid")
    return result.sheet, build_document(result.sheet, templates=TemplateSet(),
                                        source_file=f"samples/{name}")


def _small_png(data: bytes, target: Path) -> None:
    """Save ``data`` (a PNG) as a palette PNG; refuse to write one of 300 KB or more."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    palette = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    if buffer.tell() >= MAX_BYTES:
        raise SystemExit(f"{target.name} would be {buffer.tell()} bytes (limit {MAX_BYTES})")
    target.write_bytes(buffer.getvalue())
    print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} "
          f"({buffer.tell() // 1024} KB, {image.width}×{image.height})")


def comparison_png(target: Path) -> None:
    from browser import chromium

    from termsheet.compare import compare
    from termsheet.writers.diff_html import write_diff_html

    old, old_doc = _sample("us-draft.yaml")
    new, new_doc = _sample("coalition-draft.yaml")
    comparison = compare(old, new, old_file="samples/us-draft.yaml",
                         new_file="samples/coalition-draft.yaml",
                         old_document=old_doc, new_document=new_doc)
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "comparison.html"
        page_path.write_text(write_diff_html(comparison, old_doc, new_doc), encoding="utf-8")
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.goto(page_path.as_uri() + "#" + ANCHOR)
            page.click("#toggle-unchanged")
            page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'start'})",
                          ANCHOR)
            page.evaluate("id => document.getElementById(id).blur()", ANCHOR)
            _small_png(page.screenshot(), target)


def termsheet_png(target: Path) -> None:
    from termsheet.jobs.render import DEFAULT_PDF_ENGINE

    _small_png(_pdf_page("us-draft.yaml", DEFAULT_PDF_ENGINE, page=1, resolution=80), target)


def engines_png(target: Path) -> None:
    from PIL import Image

    pages = [Image.open(io.BytesIO(_pdf_page("us-draft.yaml", engine, page=5, resolution=60)))
             for engine in ("typst", "weasyprint")]
    gap = 16
    both = Image.new("RGB", (sum(page.width for page in pages) + gap,
                             max(page.height for page in pages)), "white")
    both.paste(pages[0], (0, 0))
    both.paste(pages[1], (pages[0].width + gap, 0))
    buffer = io.BytesIO()
    both.save(buffer, format="PNG")
    _small_png(buffer.getvalue(), target)


def _pdf_page(sample: str, engine: str, *, page: int, resolution: int) -> bytes:
    """One page of a sample's PDF laid out by ``engine``, as a PNG."""
    from termsheet.writers.pdf import write_pdf

    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found (apt-get install -y poppler-utils)")
    _, document = _sample(sample)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "sample.pdf"
        pdf.write_bytes(write_pdf(document, pdf_engine=engine))
        subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l",
                        str(page), "-singlefile", str(pdf), str(Path(folder) / "page")],
                       check=True)
        return (Path(folder) / "page.png").read_bytes()


def columns_png(target: Path) -> None:
    from browser import chromium

    samples = [str(ROOT / "samples" / f"{name}.yaml")
               for name in ("us-draft", "coalition-draft", "ukraine-position")]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "termsheet", "consolidate", *samples, "--to", "html",
                        "--out-dir", folder], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.goto((Path(folder) / "consolidated-columns.html").as_uri())
            page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'start'})",
                          COLUMNS_ROW)
            _small_png(page.screenshot(), target)


COLUMNS_ROW = "row-commitments-cmt-consult"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    comparison_png(args.out_dir / "comparison.png")
    termsheet_png(args.out_dir / "termsheet-page.png")
    columns_png(args.out_dir / "columns.png")
    engines_png(args.out_dir / "pdf-engines.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
