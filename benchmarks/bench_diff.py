"""Comparison speed on generated pairs of term sheets of growing size.

Run from the repository root::

    python benchmarks/bench_diff.py [--sizes 100,1000,2000,5000] [--runs 5] [--changed 0.10]

For each size N it generates a term sheet with N provisions (commitments,
deployments, triggers, response steps, bodies, territorial provisions, open
issues with positions, sources) and a second version in which about 10 % of
them changed: text edits, enum changes (modality, status, text status),
reference-set edits, deadlines, items added, removed, moved and renamed.  It
then times, as medians of ``--runs`` runs:

- ``compare``: ``compare(old, new)`` (align, field diffs, word diffs, classify);
- one column per output writer in :data:`WRITERS` (the Comparison → text step).

It prints a table, the growth ratio between consecutive sizes (time ratio
against size ratio: 1.0 means linear), and whether the target holds:
2,000 provisions compared in under 1 s.

``--redline`` measures the redline DOCX instead, on the bundled samples
(``samples/us-draft.yaml`` → ``samples/coalition-draft.yaml``): medians of
``--runs`` runs of merging the two built Documents (``redline``) and of writing
the tracked-changes DOCX (``write_docx_redline``)::

    python benchmarks/bench_diff.py --redline --runs 15

Writers added later register a row here: ``WRITERS["html"] = write_html``
(any callable taking a Comparison).  Sizes above the schema's list limits
(500 commitments…) are built with ``model_construct`` from items validated one by
one, since the limits guard untrusted input, not the algorithm.

Medians of several runs; the machines are shared, so compare ratios taken in
one run rather than absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termsheet.compare import compare  # noqa: E402
from termsheet.schema import (  # noqa: E402
    Body, Commitment, Deployment, DocumentMetadata, Enforcement, Forces, Guarantor, OpenIssue,
    Party, ResponseStep, Source, TermSheet, TerritorialProvision, Trigger,
)
from termsheet.writers.diff_json import write_diff_json  # noqa: E402
from termsheet.writers.diff_summary import write_diff_markdown, write_summary  # noqa: E402

_DOCUMENTS: dict[tuple[int, int], tuple] = {}


def load_average() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, printed beside the figures
    (a shared machine's load changes them): the benchmarks' one helper for it."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _side_by_side(writer: Callable) -> Callable:
    """A side-by-side writer (comparison, old_doc, new_doc) as a WRITERS row: the two
    Documents are built once per pair of sheets (the first run pays for it)."""
    def run(comparison):
        from termsheet.jobs.render import build_document
        from termsheet.resources import TemplateSet

        key = (id(comparison.old_sheet), id(comparison.new_sheet))
        if key not in _DOCUMENTS:
            _DOCUMENTS.clear()
            _DOCUMENTS[key] = tuple(
                build_document(sheet, templates=TemplateSet(), source_file=name)
                for sheet, name in ((comparison.old_sheet, "old"), (comparison.new_sheet, "new")))
        return writer(comparison, *_DOCUMENTS[key])
    return run


def _diff_html(comparison, old_doc, new_doc):
    from termsheet.writers.diff_html import write_diff_html
    return write_diff_html(comparison, old_doc, new_doc)


def _diff_docx(comparison, old_doc, new_doc):
    from termsheet.writers.diff_docx import write_diff_docx
    return write_diff_docx(comparison, old_doc, new_doc)


def _diff_pdf(comparison, old_doc, new_doc):
    from termsheet.writers.diff_pdf import write_diff_pdf
    return write_diff_pdf(comparison, old_doc, new_doc)


WRITERS: dict[str, Callable] = {
    "json": write_diff_json,
    "summary": write_summary,
    "markdown": write_diff_markdown,
    "html": _side_by_side(_diff_html),
    "docx": _side_by_side(_diff_docx),
    "pdf": _side_by_side(_diff_pdf),
}
"""Output writers timed on each comparison; add a row for a new writer."""

SLOW_WRITERS = frozenset({"pdf"})
"""Left out unless named in ``--writers`` (a 1,000-provision PDF is ~300 pages)."""

TARGET_SIZE, TARGET_SECONDS = 2000, 1.0

PARTIES = ["ua", "us", "ru", "fr", "gb", "de", "pl", "it", "ro", "ca", "tr", "nl", "se", "fi", "no",
           "dk", "es", "pt", "be", "cow", "eu", "nato"]
WORDS = (
    "the guarantors shall consult within 24 hours of a request and decide on measures to restore "
    "peace including military capabilities intelligence logistics sanctions diplomatic initiatives "
    "the multinational force operates away from the line of contact after a credible ceasefire "
    "with air policing maritime security demining and training of Ukraine's armed forces at "
    "800,000 in peacetime the Special Commission attributes violations reported by the monitoring "
    "mechanism €90bn interest-free loan Coalition of the Willing US–Ukraine coordination cell"
).split()
MODALITIES = ["proposed", "may", "stands_ready", "intends", "will", "shall"]
STATUSES = ["ruled_out", "under_consideration", "proposed", "conditional", "pledged"]
TEXT_STATUSES = ["agreed", "bracketed", "for_discussion"]
SHARES = (  # collection, share of the provisions
    ("commitments", 0.40), ("deployments", 0.15), ("responses", 0.15), ("triggers", 0.05),
    ("bodies", 0.05), ("territorial", 0.05), ("issues", 0.10), ("sources", 0.05),
)


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _make(kind: str, i: int, rng: random.Random) -> dict:
    ident = f"{kind[:3]}-{i:05d}"
    parties = rng.sample(PARTIES[1:], 3)
    if kind == "commitments":
        return {"id": f"cmt-{i:05d}", "kind": "military_assistance", "providers": parties,
                "beneficiary": "ua", "summary": _text(rng, 30), "modality": rng.choice(MODALITIES),
                "legal_character": "politically_binding", "text_status": rng.choice(TEXT_STATUSES),
                "source_refs": [f"src-{rng.randrange(50):05d}"], "notes": _text(rng, 12)}
    if kind == "deployments":
        return {"id": f"dep-{i:05d}", "contributor": parties[0], "force_type": "land",
                "missions": ["reassurance", "deterrence"],
                "location": {"kind": "ukraine_rear_area", "places": ["Lviv", "Odesa"]},
                "strength": {"min": 1000, "max": 5000, "text": _text(rng, 5)},
                "status": rng.choice(STATUSES), "timing": {"anchor": "ceasefire_in_force"}}
    if kind == "responses":
        return {"id": f"rsp-{i:05d}", "trigger_refs": [f"trg-{rng.randrange(50):05d}"],
                "order": rng.randrange(1, 4), "actors": parties, "action": "consultations",
                "description": _text(rng, 20), "decision_authority": _text(rng, 6),
                "deadline": "PT24H", "deadline_anchor": "from_request",
                "deadline_strictness": "hard"}
    if kind == "triggers":
        return {"id": f"trg-{i:05d}", "kind": "armed_attack", "description": _text(rng, 15),
                "qualifiers": ["significant", "deliberate"], "determined_by": parties[0]}
    if kind == "bodies":
        return {"id": f"body-{i:05d}", "name": _text(rng, 3), "kind": "special_commission",
                "members": parties, "decision_rule": "consensus", "functions": ["adjudicate"]}
    if kind == "territorial":
        return {"id": f"terr-{i:05d}", "area": _text(rng, 4), "arrangement": "demilitarized_zone",
                "details": _text(rng, 25)}
    if kind == "issues":
        return {"id": f"oi-{i:05d}", "topic": "territory", "summary": _text(rng, 12),
                "status": "open", "positions": [
                    {"party": p, "stance": "supports", "summary": _text(rng, 10)} for p in parties]}
    assert kind == "sources"
    return {"id": ident.replace("sou", "src"), "title": _text(rng, 8), "publisher": "Press",
            "kind": "press_report", "reliability": "medium"}


_MODELS = {"commitments": Commitment, "deployments": Deployment, "responses": ResponseStep,
           "triggers": Trigger, "bodies": Body, "territorial": TerritorialProvision,
           "issues": OpenIssue, "sources": Source}


def _mutate(kind: str, item: dict, rng: random.Random) -> dict:
    item = {**item}
    text_field = next((f for f in ("summary", "description", "details", "title", "name", "area")
                       if isinstance(item.get(f), str)), None)
    choice = rng.random()
    if choice < 0.5 and text_field:
        words = item[text_field].split()
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        words.insert(rng.randrange(len(words)), rng.choice(WORDS))
        item[text_field] = " ".join(words)
    elif kind == "commitments" and choice < 0.75:
        item["modality"] = rng.choice(MODALITIES)
        item["text_status"] = rng.choice(TEXT_STATUSES)
    elif kind == "deployments" and choice < 0.75:
        item["status"] = rng.choice(STATUSES)
        item["location"] = {**item["location"], "kind": "tbd", "options": ["ukraine_rear_area"]}
    elif kind == "responses" and choice < 0.75:
        item["deadline"] = rng.choice(["PT48H", "PT72H", None])
        if item["deadline"] is None:
            item["deadline_anchor"], item["deadline_strictness"] = None, "none"
    elif "members" in item or "providers" in item:
        key = "members" if "members" in item else "providers"
        item[key] = item[key][1:] + [rng.choice(PARTIES)]
    elif text_field:
        item[text_field] = item[text_field] + " " + rng.choice(WORDS)
    return item


def _sheet(items: dict[str, list[dict]], version: str) -> TermSheet:
    """A TermSheet of pre-validated items (``model_construct``: lists may exceed schema limits)."""
    built = {kind: tuple(_MODELS[kind].model_validate(item) for item in values)
             for kind, values in items.items()}
    metadata = DocumentMetadata.model_validate({
        "doc_id": "bench", "title": "Benchmark term sheet", "document_type": "term_sheet",
        "version": version, "date": "2026-01-01", "drafting_party": "us",
        "status": "working_draft"})
    parties = tuple(Party.model_validate({"id": p, "name": p.upper(), "kind": "state"})
                    for p in PARTIES)
    guarantors = tuple(Guarantor.model_validate({"party": p}) for p in PARTIES[1:])
    return TermSheet.model_construct(
        schema_version="1.0", metadata=metadata, parties=parties, beneficiary="ua",
        counterparties=("ru",), mediators=(), guarantors=guarantors, scope=None,
        commitments=built["commitments"], force_limits=(),
        forces=Forces.model_construct(total_strength=None, command_nodes=(),
                                      deployments=built["deployments"]),
        monitoring=(), bodies=built["bodies"],
        enforcement=Enforcement.model_construct(triggers=built["triggers"],
                                                responses=built["responses"]),
        duration=None, ratification=(), engagement_plan=(),
        territorial_provisions=built["territorial"], open_issues=built["issues"],
        sources=built["sources"],
    )


def generate_pair(size: int, changed: float = 0.10, seed: int = 1) -> tuple[TermSheet, TermSheet]:
    """Two versions with ``size`` provisions, about ``changed`` of them different."""
    rng = random.Random(seed)
    old: dict[str, list[dict]] = {}
    for kind, share in SHARES:
        old[kind] = [_make(kind, i, rng) for i in range(max(1, round(size * share)))]
    new: dict[str, list[dict]] = {}
    serial = size
    for kind, items in old.items():
        result = []
        for item in items:
            roll = rng.random()
            if roll >= changed:
                result.append(item)
            elif roll < changed * 0.60:
                result.append(_mutate(kind, item, rng))
            elif roll < changed * 0.75:
                pass  # removed
            elif roll < changed * 0.85:
                result.append(item)
                serial += 1
                result.append(_make(kind, serial, rng))  # added
            elif roll < changed * 0.95:
                result.insert(rng.randrange(len(result) + 1), item)  # moved
            else:  # renamed: left for similarity pairing
                result.append({**item, "id": item["id"] + "-r"})
        new[kind] = result
    return _sheet(old, "1.0.0"), _sheet(new, "1.1.0")


def _median(function: Callable, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


REDLINE_PAIR = ("us-draft.yaml", "coalition-draft.yaml")


def _sample_documents(names: tuple[str, str]) -> tuple:
    """The built Documents of two bundled samples (as ``termsheet diff`` builds them)."""
    from termsheet.jobs.render import build_document
    from termsheet.resources import TemplateSet
    from termsheet.source.validate import validate_file

    documents = []
    for name in names:
        result = validate_file(ROOT / "samples" / name)
        documents.append(build_document(result.sheet, templates=TemplateSet(), source_file=name,
                                        positions=result.document.positions))
    return tuple(documents)


def bench_redline(runs: int) -> int:
    """Median time of merging the sample pair into a redline and of writing its DOCX."""
    from termsheet.compare.redline import redline
    from termsheet.writers.docx_redline import write_docx_redline

    old_doc, new_doc = _sample_documents(REDLINE_PAIR)
    write_docx_redline(redline(old_doc, new_doc))  # warm-up: imports, reference.docx cache
    merge, merged = _median(lambda: redline(old_doc, new_doc), runs)
    write, data = _median(lambda: write_docx_redline(merged), runs)
    total, _ = _median(lambda: write_docx_redline(redline(old_doc, new_doc)), runs)
    print(f"redline DOCX of {' → '.join(REDLINE_PAIR)}: median of {runs} runs, "
          f"load average {load_average()}")
    print(f"{'redline (merge)':>22} {merge * 1000:>9.1f} ms")
    print(f"{'write_docx_redline':>22} {write * 1000:>9.1f} ms")
    print(f"{'both':>22} {total * 1000:>9.1f} ms   ({len(data):,} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,2000,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changed", type=float, default=0.10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--redline", action="store_true",
                        help="time the redline DOCX of the sample pair instead")
    parser.add_argument("--writers", default=",".join(w for w in WRITERS if w not in SLOW_WRITERS),
                        help=f"comma-separated, from: {', '.join(WRITERS)}")
    args = parser.parse_args(argv)
    if args.redline:
        return bench_redline(args.runs)
    sizes = [int(s) for s in args.sizes.split(",")]

    writers = {name: WRITERS[name] for name in args.writers.split(",") if name}
    columns = ["compare", *writers]
    header = f"{'provisions':>10} {'changes':>8} " + " ".join(f"{c:>10}" for c in columns)
    print(f"load average before: {load_average()}")
    print(f"median of {args.runs} runs, ~{args.changed:.0%} of provisions changed; times in ms")
    print(header)
    print("-" * len(header))
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        old, new = generate_pair(size, args.changed, args.seed)
        row: dict[str, float] = {}
        row["compare"], comparison = _median(lambda: compare(old, new), args.runs)
        for name, writer in writers.items():
            row[name], _ = _median(lambda w=writer: w(comparison), args.runs)
        results[size] = row
        print(f"{size:>10} {len(comparison.changes):>8} "
              + " ".join(f"{row[c] * 1000:>10.1f}" for c in columns))

    if len(sizes) > 1:
        print("\ngrowth (time ratio / size ratio; 1.0 = linear)")
        for small, large in zip(sizes, sizes[1:]):
            ratios = " ".join(
                f"{c}={results[large][c] / results[small][c] / (large / small):.2f}"
                for c in columns if results[small][c] > 0)
            print(f"  {small:>5} → {large:<5} {ratios}")
    print(f"load average after: {load_average()}")
    if TARGET_SIZE in results:
        seconds = results[TARGET_SIZE]["compare"]
        verdict = "OK" if seconds < TARGET_SECONDS else "MISSED"
        print(f"\ntarget: {TARGET_SIZE} provisions compared in < {TARGET_SECONDS:g} s: "
              f"{seconds:.3f} s  {verdict}")
        return 0 if seconds < TARGET_SECONDS else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
